"""Every dashboard page shows what residents, volunteers and partners typed as text, never as
markup: the templates (bot/channels/templates/) autoescape, and this walks every page with
hostile names, addresses, messages, notes and partner names in the database."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select, update
from test_dashboard import ALBERT, CAROL, carol, client, person_id, sign_in  # noqa: F401
from test_offers import add_volunteer, ask_for_help, say

from bot.channels.dashboard import Dashboard
from models import Campaign, DirectoryEntry, HelpRequest, Person

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, IMAGE)
LYDIA = "+447700900651"

# Every page a coordinator opens, as the dashboard's routes name them ({reference}: a
# request with hostile text on it; {number:int}: a campaign). The test below checks this
# list against the dashboard's own routes, so a new page is added here.
PAGES = ["/dashboard", "/dashboard/", "/dashboard/concerns", "/dashboard/volunteers",
         "/dashboard/stats", "/dashboard/map", "/dashboard/export", "/dashboard/directory",
         "/dashboard/partners", "/dashboard/money", "/dashboard/new-request",
         "/dashboard/requests/{reference}", "/dashboard/signin", "/dashboard/signin-help",
         "/dashboard/download", "/dashboard/campaigns", "/dashboard/campaigns/{number:int}"]
# Pages that show resident-typed text, and which of it.
SHOWN = {
    "/dashboard/concerns": HOSTILE,  # the concern's words and who raised it
    "/dashboard/volunteers": HOSTILE,  # a volunteer's name and skills
    "/dashboard/directory": HOSTILE,
    "/dashboard/partners": (SCRIPT,),  # the partner's name
    "/dashboard/money": HOSTILE,  # the resident's and the volunteer's names
    "/dashboard/requests/{reference}": HOSTILE,  # name, address, their messages
    "/dashboard/campaigns": (SCRIPT,),  # the campaign's name
    "/dashboard/campaigns/{number:int}": HOSTILE,  # its name, legal basis, the call list
}
NOT_PAGES = {"/dashboard/map.json", "/dashboard/receipts/{photo:int}",  # a photo, not a page
             "/dashboard/stats/report.html", "/dashboard/stats/figures.csv",
             "/dashboard/export/requests.csv", "/dashboard/export/volunteers.csv",
             "/dashboard/export/calls.csv", "/dashboard/campaigns/{number:int}/campaign.csv"}


def escaped(text: str) -> str:
    """As Jinja2's autoescape writes it (quotes as numeric references)."""
    return html.escape(text, quote=True).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")


class Markup(HTMLParser):
    """The tags and attributes a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def injected(page: str) -> list[str]:
    """What in the page is markup no template wrote: a script not from the dashboard's own
    static files, an image, an event handler attribute."""
    parser = Markup()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        if tag == "script" and not str(attrs.get("src") or "").startswith("/dashboard/static/"):
            found.append(f"<script {attrs}>")
        if tag == "img":
            found.append(f"<img {attrs}>")
        found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
    return found


def campaign_list(*rows: tuple[str, ...]) -> str:
    stream = io.StringIO()
    csv.writer(stream).writerows([("name", "phone", "postcode", "notes"), *rows])
    return stream.getvalue()


@pytest.fixture
def hostile(hub, carol):  # noqa: F811
    """A hub where everything people type is an attack: Lydia (named <script>…) asked for
    shopping at a hostile address; Julia (named "><img …>) did it and Lydia disputes the
    receipt; a concern, a partner, its need, a directory entry and a waiting volunteer carry
    the same; and Lydia's own messages too. A check-up campaign's name, legal basis and
    the notes on its list (Stan, on a landline, is on the call list) are hostile too; the
    import itself refuses names that are not names."""
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping", IMAGE))
    add_volunteer(hub, "Sam", "RM17 5AA", vetting="pending", checks=())
    reference = ask_for_help(hub, LYDIA, "can someone get my shopping? I'm Lydia", "RM17 6SL",
                             "3 Orsett Road", "tomorrow", "yes", "3")
    say(hub, julia, "yes")
    say(hub, julia, "done 23.40")
    say(hub, LYDIA, "no")
    say(hub, LYDIA, SCRIPT + " " + IMAGE)  # in her conversation, as she wrote it
    ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")  # waits in the queue
    say(hub, CAROL, f"PARTNER ADD {SCRIPT} Care | care home | Sue 07700 900777")
    say(hub, CAROL, f"NEED {SCRIPT} Care | befriending | 3 | RM17 6SL | weekly | 1/12 to 28/2")
    with hub.session_factory.begin() as session:
        names = {LYDIA: SCRIPT, julia: IMAGE, ALBERT: IMAGE}
        for phone, name in names.items():
            session.execute(update(Person).where(Person.id == person_id(hub, phone))
                            .values(first_name=name))
        session.execute(update(Person).where(Person.first_name == "Sam").values(
            first_name=SCRIPT))
        session.execute(update(HelpRequest).values(address_line=IMAGE, details=SCRIPT))
        session.add(DirectoryEntry(name=SCRIPT, kind="shop", districts=["RM17"], phone=IMAGE,
                                   opening_hours=SCRIPT, notes=IMAGE, created_at=hub.clock()))
        volunteer = session.get(Person, person_id(hub, julia))
        hub.concerns.raise_concern(session, volunteer, f"{SCRIPT} {IMAGE}", True, None, "sms",
                                   hub.clock())
        coordinator = session.get(Person, person_id(hub, CAROL))
        imported = hub.admin.campaigns.import_list(
            session, coordinator, SCRIPT, f"Data-sharing agreement {IMAGE}",
            campaign_list(("Stan Wood", "01375 652802", "RM20 3LP", f"{SCRIPT} {IMAGE}"),
                          ("Joan Smith", "07700 900301", "RM17 6SL", IMAGE)), "dashboard",
            hub.clock())
        assert imported.campaign is not None, imported.problem
    return reference


def campaign_number(hub) -> int:
    with hub.session_factory() as session:
        return session.scalar(select(Campaign.id))


def test_the_list_holds_every_page_the_dashboard_serves(hub):
    served = {route.path for route in Dashboard(hub).routes()
              if "GET" in (getattr(route, "methods", None) or ())}
    assert served - NOT_PAGES == set(PAGES)


@pytest.mark.parametrize("path", PAGES)
async def test_every_page_shows_what_people_typed_as_text(client, hub, hostile, path):  # noqa: F811
    await sign_in(client, hub)
    response = await client.get(path.replace("{reference}", hostile)
                                .replace("{number:int}", str(campaign_number(hub))))
    page = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert injected(page) == []
    for attack in HOSTILE:
        assert attack not in page
    # Where the page shows what was typed, it is there, escaped, for the coordinator to read.
    for attack in SHOWN.get(path, ()):
        assert escaped(attack) in page, (path, attack)


async def test_a_flash_message_quoting_a_name_is_escaped_too(client, hub, hostile):  # noqa: F811
    csrf = await sign_in(client, hub)
    with hub.session_factory() as session:
        entry = session.scalar(select(DirectoryEntry.id))
    removed = await client.post(f"/dashboard/directory/{entry}/remove", data={"csrf": csrf},
                                follow_redirects=True)
    assert re.search(r'<p class="flash" role="status">Removed D-\d+: '
                     r"&lt;script&gt;alert\(1\)&lt;/script&gt;\.</p>", removed.text)
    assert injected(removed.text) == []
