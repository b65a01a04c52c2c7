"""Running `neighbourly serve`: one server process, or `--workers N` under a supervisor.

Kept apart from server.py (one process's server) and workers.py (the supervisor, which
starts servers) so that neither of them imports the other's caller.
"""

from __future__ import annotations

import logging

import uvicorn

from bot.app import build_hub, ready_to_serve
from bot.channels.server import UVICORN_OPTIONS, NeighbourlyServer
from bot.channels.workers import Supervisor
from bot.services.running.conversations import prepare_to_read
from bot.services.coordinating.dashboard_auth import load_secret_key
from bot.settings import Settings


def run_server(settings: Settings) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM: uvicorn finishes open requests first)."""
    logging.getLogger("bot").setLevel(logging.INFO)
    # The reader is trained (first run) or read before serving, not on a resident's first
    # text, which Twilio would give up on; with --workers it is trained once, here.
    prepare_to_read()
    if settings.workers > 1:
        run_workers(settings)
        return
    hub = build_hub(settings)
    server = NeighbourlyServer(hub)
    ready_to_serve()
    try:
        uvicorn.run(server.app, host=settings.host, port=settings.port, **UVICORN_OPTIONS)
    finally:
        hub.close()


def run_workers(settings: Settings) -> None:
    """`settings.workers` whole servers on one port (bot/channels/workers.py)."""
    # Made once here, so the workers' first dashboard links cannot race to make it.
    load_secret_key(settings.secret_key.get_secret_value(), settings.cache_dir)
    Supervisor(settings).run()
