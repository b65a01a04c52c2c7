"""Counters for GET /metrics, in the Prometheus text format.

A few counters and one histogram do not justify a dependency; each server
process keeps its own (Prometheus sums them across processes).
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from typing import Callable

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
