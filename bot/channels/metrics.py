"""Counters for GET /metrics, kept and written by prometheus_client.

Each server process counts its own. Under `serve --workers N` the supervisor
(bot/channels/workers.py) gives every process the same PROMETHEUS_MULTIPROC_DIR,
a temporary directory it makes and removes, so prometheus_client keeps each
process's counts in a file there as they happen, and a scrape reaching any one
process adds up all the files. A process that died keeps its file, so the totals
never go backwards when the supervisor starts another in its place.

The outbox's depth is not counted but read from the database at each scrape
(`OutboxDepthCollector`): every process would read the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

# prometheus_client reads it when first imported, to choose where counts are kept:
# set before a worker process starts, never by an operator.
MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Seconds; webhook handling is expected well under 50 ms.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """This process's counts. With `multiprocess_dir` a scrape answers for every
    process whose counts are kept there (prometheus_client's multiprocess mode)."""

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        self._multiprocess_dir = multiprocess_dir
        # A registry of its own, not prometheus_client's global one: a test or a
        # benchmark may build several servers in one process.
        self.registry = CollectorRegistry()
        self._messages_in = Counter("neighbourly_messages_in", "Messages received, by channel.",
                                    ["channel"], registry=self.registry)
        self._messages_out = Counter("neighbourly_messages_out",
                                     "Messages sent, by channel and outcome.",
                                     ["channel", "outcome"], registry=self.registry)
        self._errors = Counter("neighbourly_errors", "Errors while handling, by place.",
                               ["where"], registry=self.registry)
        self._rejected = Counter("neighbourly_rejected_requests",
                                 "Webhook calls refused, by reason.", ["reason"],
                                 registry=self.registry)
        self._latency = Histogram("neighbourly_inbound_latency_seconds",
                                  "Time to handle one inbound message.", ["channel"],
                                  buckets=LATENCY_BUCKETS, registry=self.registry)
        # The counters of each channel, found once: labels() checks its arguments and takes a
        # lock on every call, and message_in/message_out run for every message. It gives
        # back the same child for the same labels, so the counts land where they did.
        self._children: dict[tuple[object, tuple[str, ...]], Any] = {}

    def _child(self, metric: Counter | Histogram, *labels: str) -> Any:
        child = self._children.get((metric, labels))
        if child is None:
            child = self._children[(metric, labels)] = metric.labels(*labels)
        return child

    def message_in(self, channel: str, seconds: float) -> None:
        self._child(self._messages_in, channel).inc()
        self._child(self._latency, channel).observe(seconds)

    def message_out(self, channel: str, outcome: str, count: int = 1) -> None:
        """outcome: inline (in the webhook response), sent, retry, failed, undeliverable,
        dropped (an offer that closed before it could be sent)."""
        self._child(self._messages_out, channel, outcome).inc(count)

    def error(self, where: str) -> None:
        self._errors.labels(where).inc()

    def rejected(self, reason: str) -> None:
        """A request refused before any work: bad signature, wrong secret."""
        self._rejected.labels(reason).inc()

    def scrape_registry(self, outbox_depth: Callable[[], dict[str, int]] | None = None
                        ) -> CollectorRegistry:
        """Everything GET /metrics shows: the counts (this process's, or every process's
        in multiprocess mode) and, if given, the outbox's depth read at each scrape."""
        registry = CollectorRegistry()
        if self._multiprocess_dir is not None:
            MultiProcessCollector(registry, path=str(self._multiprocess_dir))
        else:
            registry.register(self.registry)
        if outbox_depth is not None:
            registry.register(OutboxDepthCollector(outbox_depth))
        return registry


class OutboxDepthCollector(Collector):
    """neighbourly_outbox_depth, read from the database when scraped."""

    def __init__(self, read_depth: Callable[[], dict[str, int]]) -> None:
        self._read_depth = read_depth

    def describe(self) -> list[Metric]:
        # Registering must not query the database: the family is named here, empty.
        return [GaugeMetricFamily("neighbourly_outbox_depth", "", labels=["channel"])]

    def collect(self) -> Iterator[Metric]:
        try:
            depth = self._read_depth()
        except Exception as error:  # noqa: BLE001 (whatever the database raises)
            # The counters are still worth serving while the database is down.
            log.warning("metrics: outbox depth left out of this scrape (%s)",
                        error.__class__.__name__)
            return
        family = GaugeMetricFamily("neighbourly_outbox_depth",
                                   "Messages waiting to be sent, by channel.", labels=["channel"])
        for channel, count in sorted(depth.items()):
            family.add_metric([channel], count)
        yield family


def render(registry: CollectorRegistry, accept: str | None) -> tuple[bytes, str]:
    """The scrape's body and content type, in the format the scraper asked for (the
    Prometheus text format unless it asks for OpenMetrics). Blocking: it may read the
    database, so call it off the event loop."""
    encode, content_type = choose_encoder(accept or "")
    return encode(registry), content_type
