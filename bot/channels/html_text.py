"""Text made safe to put into the dashboard's HTML."""

from __future__ import annotations

import html


def h(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)
