"""Drawing the dashboard's pages (and the report) from Jinja2 templates.

Every page is a template in bot/channels/templates/ that extends "base.html"
(the header, navigation, sign-out form and flash message). Autoescape is on
for every template, so a resident's name or words are escaped wherever they go;
never mark resident-typed text `|safe`. A template gets plain data from a
read-side service (bot/services/coordinating/dashboard_views.py), never model objects.

How to add a dashboard page:

1. A read-side function in bot/services/ returns plain data (frozen dataclasses).
2. A template, e.g. templates/campaigns.html:

       {% extends "base.html" %}
       {% from "macros.html" import csrf_field, table %}
       {% block main %}<h1>Campaigns</h1> ... {{ csrf_field(csrf) }} ...{% endblock %}

3. The page method (mixed into `Dashboard`) returns a `Page`; the dashboard adds
   the layout's own values (hub name, navigation, CSRF token, flash) and renders it:

       def campaigns_page(self, session, coordinator, request, now):
           return Page("campaigns.html", "Campaigns", {"campaigns": list_campaigns(session)})

Outside a request (the report file), `render("report.html", **values)` gives the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2
from starlette.templating import Jinja2Templates


@dataclass(frozen=True)
class Page:
    """What a dashboard page shows: its template, title and the values the template reads.
    `scripts` and `styles` are extra files the layout links (the map's Leaflet, the charts)."""

    template: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    status_code: int = 200


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment for the process, built on first use (nothing is read at import).
    StrictUndefined: a misspelt value fails the tests instead of showing as blank."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.channels", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """Starlette's wrapper, for answering a request with a rendered page."""
    return Jinja2Templates(env=environment())


def render(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)
