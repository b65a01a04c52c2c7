"""Counters for GET /metrics, in the Prometheus text format.

A few counters and one histogram do not justify a dependency. Each server
process counts its own; with several processes on one port (`serve --workers`)
a scrape reaches any one of them, so each publishes its counts to a directory
they share and answers with the sum (`SharedMetrics`).
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import threading
import uuid
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

log = logging.getLogger(__name__)

# Seconds; webhook handling is expected well under 50 ms.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Histogram:
    def __init__(self, buckets: tuple[float, ...]) -> None:
        self.buckets = buckets
        self.counts = [0] * (len(buckets) + 1)
        self.total = 0.0

    def observe(self, value: float) -> None:
        self.counts[bisect.bisect_left(self.buckets, value)] += 1
        self.total += value


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages_in: Counter[str] = Counter()
        self._messages_out: Counter[tuple[str, str]] = Counter()
        self._errors: Counter[str] = Counter()
        self._rejected: Counter[str] = Counter()
        self._latency: dict[str, Histogram] = {}

    def message_in(self, channel: str, seconds: float) -> None:
        with self._lock:
            self._messages_in[channel] += 1
            self._latency.setdefault(channel, Histogram(LATENCY_BUCKETS)).observe(seconds)

    def message_out(self, channel: str, outcome: str, count: int = 1) -> None:
        """outcome: inline (in the webhook response), sent, retry, failed, undeliverable."""
        with self._lock:
            self._messages_out[(channel, outcome)] += count

    def error(self, where: str) -> None:
        with self._lock:
            self._errors[where] += 1

    def rejected(self, reason: str) -> None:
        """A request refused before any work: bad signature, wrong secret."""
        with self._lock:
            self._rejected[reason] += 1

    def snapshot(self) -> dict:
        """The counts as JSON-ready data, for other processes to add up."""
        with self._lock:
            return {
                "messages_in": dict(self._messages_in),
                "messages_out": [[channel, outcome, count]
                                 for (channel, outcome), count in self._messages_out.items()],
                "errors": dict(self._errors),
                "rejected": dict(self._rejected),
                "latency": {channel: {"counts": h.counts, "total": h.total}
                            for channel, h in self._latency.items()},
            }

    @classmethod
    def summed(cls, snapshots: Iterable[dict]) -> Metrics:
        total = cls()
        for snapshot in snapshots:
            total._messages_in.update(snapshot["messages_in"])
            total._messages_out.update({(channel, outcome): count
                                        for channel, outcome, count in snapshot["messages_out"]})
            total._errors.update(snapshot["errors"])
            total._rejected.update(snapshot["rejected"])
            for channel, latency in snapshot["latency"].items():
                histogram = total._latency.setdefault(channel, Histogram(LATENCY_BUCKETS))
                histogram.counts = [a + b for a, b in zip(histogram.counts, latency["counts"])]
                histogram.total += latency["total"]
        return total

    def render(self, outbox_depth: Callable[[], dict[str, int]] | None = None) -> str:
        lines: list[str] = []

        def family(name: str, kind: str, help_text: str) -> None:
            lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")

        with self._lock:
            family("neighbourly_messages_in_total", "counter", "Messages received, by channel.")
            for channel, count in sorted(self._messages_in.items()):
                lines.append(f'neighbourly_messages_in_total{{channel="{channel}"}} {count}')
            family("neighbourly_messages_out_total", "counter",
                   "Messages sent, by channel and outcome.")
            for (channel, outcome), count in sorted(self._messages_out.items()):
                lines.append(f'neighbourly_messages_out_total{{channel="{channel}",'
                             f'outcome="{outcome}"}} {count}')
            family("neighbourly_errors_total", "counter", "Errors while handling, by place.")
            for where, count in sorted(self._errors.items()):
                lines.append(f'neighbourly_errors_total{{where="{where}"}} {count}')
            family("neighbourly_rejected_requests_total", "counter",
                   "Webhook calls refused, by reason.")
            for reason, count in sorted(self._rejected.items()):
                lines.append(f'neighbourly_rejected_requests_total{{reason="{reason}"}} {count}')
            family("neighbourly_inbound_latency_seconds", "histogram",
                   "Time to handle one inbound message.")
            for channel, histogram in sorted(self._latency.items()):
                cumulative = 0
                for bound, count in zip(histogram.buckets, histogram.counts):
                    cumulative += count
                    lines.append(f'neighbourly_inbound_latency_seconds_bucket{{channel="{channel}",'
                                 f'le="{bound}"}} {cumulative}')
                cumulative += histogram.counts[-1]
                lines.append(f'neighbourly_inbound_latency_seconds_bucket{{channel="{channel}",'
                             f'le="+Inf"}} {cumulative}')
                lines.append(f'neighbourly_inbound_latency_seconds_sum{{channel="{channel}"}} '
                             f"{histogram.total:.6f}")
                lines.append(f'neighbourly_inbound_latency_seconds_count{{channel="{channel}"}} '
                             f"{cumulative}")
        if outbox_depth is not None:
            family("neighbourly_outbox_depth", "gauge", "Messages waiting to be sent, by channel.")
            for channel, count in sorted(outbox_depth().items()):
                lines.append(f'neighbourly_outbox_depth{{channel="{channel}"}} {count}')
        return "\n".join(lines) + "\n"


class SharedMetrics:
    """One process's counts published in a directory shared by all the server's
    processes, and the sum of all of them.

    Each process writes its own file (atomically, so a reader never sees half
    of one), named for that process's life: the files of a process that died
    stay, so the totals never go backwards when the supervisor starts another.
    The supervisor removes the directory when the server stops.
    """

    def __init__(self, directory: Path, own: Metrics) -> None:
        self._directory = directory
        self._own = own
        self._path = directory / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
        self._published = ""

    def publish(self) -> None:
        counts = json.dumps(self._own.snapshot())
        if counts == self._published:
            return  # a quiet second: the file already says this
        partial = self._path.with_suffix(".partial")
        partial.write_text(counts)
        os.replace(partial, self._path)
        self._published = counts

    def combined(self) -> Metrics:
        """Every process's counts added up, this one's as of now."""
        self.publish()
        snapshots = []
        for path in sorted(self._directory.glob("*.json")):
            try:
                snapshots.append(json.loads(path.read_text()))
            except (OSError, ValueError):
                log.warning("metrics: could not read %s; left out of this scrape", path.name)
        return Metrics.summed(snapshots)
