"""`neighbourly serve --workers N`: N whole servers sharing one port.

Each process binds the port with SO_REUSEPORT, so the kernel spreads new
connections evenly between them (one shared listening socket let the
least busy process take most of a burst of keep-alive connections). Each
builds its own hub from the same settings and runs its own outbox worker
and scheduler; on PostgreSQL they share that work through row locks (see
`Settings.workers_problem` for what needs one process).

The parent only watches: a process that dies is started again; Ctrl-C or
SIGTERM stops them all, each finishing the requests it has open. It also
makes the directory where prometheus_client keeps every process's counts
(PROMETHEUS_MULTIPROC_DIR, bot/channels/metrics.py), so /metrics answers for
the whole server whichever process a scrape reaches, and removes it at the end.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import time
from pathlib import Path

from bot.channels.metrics import MULTIPROCESS_DIR_ENV
from bot.settings import Settings

log = logging.getLogger("bot.channels.workers")

PR_SET_PDEATHSIG = 1  # linux/prctl.h
RESTART_DELAY_SECONDS = 1.0
STOP_GRACE_SECONDS = 30.0


def shared_socket(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port) that other processes may bind as well."""
    family, kind, protocol, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    listener = socket.socket(family, kind, protocol)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind(address)
    listener.listen(2048)
    return listener


def serve_one(settings: Settings, metrics_dir: str) -> None:
    """One worker process: a whole server on the shared port."""
    # Its own process group: Ctrl-C reaches the parent alone, which stops each worker once.
    os.setpgrp()
    # Inherited from the supervisor already; said again before anything here builds a
    # counter, as prometheus_client decides where counts live when it is first used.
    os.environ[MULTIPROCESS_DIR_ENV] = metrics_dir
    stop_with_parent()
    import uvicorn

    from bot.app import build_hub, ready_to_serve
    from bot.channels.server import UVICORN_OPTIONS, NeighbourlyServer
    from bot.logs import configure_logging

    configure_logging()
    logging.getLogger("bot").setLevel(logging.INFO)
    server = NeighbourlyServer(build_hub(settings), close_hub_on_stop=True,
                               metrics_multiprocess_dir=Path(metrics_dir))
    ready_to_serve()
    # Bound once ready: the kernel gives a bound socket its share of new connections.
    listener = shared_socket(settings.host, settings.port)
    config = uvicorn.Config(server.app, **UVICORN_OPTIONS)
    uvicorn.Server(config).run(sockets=[listener])


def stop_with_parent() -> None:
    """Have Linux send SIGTERM here if the supervisor dies (even by SIGKILL): a worker
    left behind would hold the port and the database with nobody watching it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        log.warning("cannot tie this server process to its supervisor on this system")
        return
    if os.getppid() == 1:  # the supervisor died before the tie was made
        os.kill(os.getpid(), signal.SIGTERM)


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self._stopping = False
        self._metrics_dir = ""

    def run(self) -> None:
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        # Bound here first, so a port already taken fails at once, in the foreground.
        shared_socket(self._settings.host, self._settings.port).close()
        # Always a fresh directory of our own, even if the operator's environment names
        # one: counts left there by an earlier run would be added to this one's.
        self._metrics_dir = tempfile.mkdtemp(prefix="neighbourly-metrics-")
        os.environ[MULTIPROCESS_DIR_ENV] = self._metrics_dir
        try:
            self._supervise()
        finally:
            os.environ.pop(MULTIPROCESS_DIR_ENV, None)
            shutil.rmtree(self._metrics_dir, ignore_errors=True)

    def _supervise(self) -> None:
        self._processes = [self._start() for _ in range(self._settings.workers)]
        log.info("serving with %d processes on %s:%d", len(self._processes),
                 self._settings.host, self._settings.port)
        while not self._stopping:
            for index, process in enumerate(self._processes):
                if not process.is_alive() and not self._stopping:
                    log.warning("server process %s stopped (exit code %s): starting another",
                                process.pid, process.exitcode)
                    time.sleep(RESTART_DELAY_SECONDS)
                    self._processes[index] = self._start()
            time.sleep(0.2)
        self._wait_for_all()

    def _start(self) -> multiprocessing.process.BaseProcess:
        process = self._context.Process(target=serve_one,
                                        args=(self._settings, self._metrics_dir),
                                        name="neighbourly-serve")
        process.start()
        return process

    def _stop(self, signum, frame) -> None:
        if self._stopping:
            return
        self._stopping = True
        for process in self._processes:
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)

    def _wait_for_all(self) -> None:
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self._processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.warning("server process %s did not stop in time: killing it", process.pid)
                process.kill()
                process.join()
