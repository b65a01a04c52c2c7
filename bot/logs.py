"""How the hub's own log lines look, in every process it runs."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
