"""The coordinators' web dashboard: one-time links, sessions, CSRF, pages, exports and the map."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import os
import re
import shutil
import tempfile
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import urlsplit

import httpx
import pytest
from doubles.harness import running_hub
from fakes import KNOWN_POSTCODES, FakePostcodeLocator
from sqlalchemy import delete, select
from test_offers import add_volunteer, ask_for_help, request_of, say, waiting_for

from bot.app import build_hub
from bot.channels.server import NeighbourlyServer
from bot.services.people.coordinators import add_coordinator
from bot.services.coordinating.dashboard_auth import Signer, make_download_token, make_signin_token
from models import (
    AuditEvent,
    Concern,
    ConcernStatus,
    ContactIdentity,
    DirectoryEntry,
    HelpRequest,
    Person,
    PersonRole,
    VolunteerProfile,
)

CAROL = "+447700900701"
ALBERT = "+447700900702"
LINK = re.compile(r"(https?://\S+/dashboard/signin\?token=\S+)")
DOWNLOAD = re.compile(r"(https?://\S+/dashboard/download\?token=\S+)")

PAGES = ["/dashboard", "/dashboard/concerns", "/dashboard/volunteers", "/dashboard/stats",
         "/dashboard/map", "/dashboard/export", "/dashboard/map.json",
         "/dashboard/export/requests.csv", "/dashboard/export/volunteers.csv",
         "/dashboard/export/calls.csv", "/dashboard/directory", "/dashboard/partners",
         "/dashboard/money", "/dashboard/requests/R-7Q4K"]
FORMS = ["/dashboard/concerns/1/ack", "/dashboard/concerns/1/resolve",
         "/dashboard/volunteers/1/approve", "/dashboard/volunteers/1/suspend",
         "/dashboard/signout", "/dashboard/directory/add", "/dashboard/directory/1/remove",
         "/dashboard/money/1/settle", "/dashboard/requests/R-7Q4K/assign",
         "/dashboard/requests/R-7Q4K/handover", "/dashboard/requests/R-7Q4K/text"]


@pytest.fixture
def carol(hub) -> str:
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
    return CAROL


def client_for(hub, base_url: str = "http://testserver") -> httpx.AsyncClient:
    """The dashboard's app in process (no lifespan: channels and workers stay off)."""
    app = NeighbourlyServer(hub, run_worker=False).app
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url)


@pytest.fixture
async def client(hub) -> httpx.AsyncClient:
    async with client_for(hub) as test_client:
        yield test_client


def link_for(hub, phone: str) -> str | None:
    found = LINK.search(" ".join(r.body for r in say(hub, phone, "DASHBOARD").replies))
    return found.group(1) if found else None


@asynccontextmanager
async def served_with_carol_signed_up(settings, clock):
    """The whole server (no Telegram, SMS or outbox worker) with Carol a coordinator, and her
    dashboard sign-in link: what the browser tests start from. Yields (hub, link)."""
    async with running_hub(settings, clock, telegram=False, sms=False,
                           run_worker=False) as served:
        with served.hub.session_factory.begin() as session:
            add_coordinator(session, "phone", CAROL, "Carol", served.hub.clock())
        yield served.hub, await asyncio.to_thread(link_for, served.hub, CAROL)


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def token_of(url: str) -> str:
    return urlsplit(url).query.removeprefix("token=")


def origin_of(client: httpx.AsyncClient) -> str:
    return str(client.base_url).rstrip("/")


async def post_signin(client: httpx.AsyncClient, hub, token: str, **headers: str
                      ) -> httpx.Response:
    """The sign-in page's form as a browser sends it: the link's token, the token the page
    carries for that link, from the page's own origin."""
    data = {"token": token, "csrf": hub.signer.link_csrf_token(token)}
    return await client.post("/dashboard/signin", data=data,
                             headers={"origin": origin_of(client), **headers})


def hidden_fields(page: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)}


async def sign_in(client: httpx.AsyncClient, hub, phone: str = CAROL) -> str:
    """Signs in with a fresh link; returns the CSRF token the pages' forms carry."""
    link = link_for(hub, phone)
    response = await post_signin(client, hub, token_of(link))
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    page = await client.get("/dashboard/concerns")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def person_id(hub, phone: str) -> int:
    with hub.session_factory() as session:
        return session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == phone))


def raise_concern(hub, volunteer_phone: str, text: str = "Lydia seemed confused") -> int:
    with hub.session_factory.begin() as session:
        volunteer = session.get(Person, person_id(hub, volunteer_phone))
        return hub.concerns.raise_concern(session, volunteer, text, False, None, "sms",
                                          hub.clock()).id


def audit_events(hub, action: str) -> list[AuditEvent]:
    with hub.session_factory() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# Refused without a session.

@pytest.mark.parametrize("path", PAGES)
async def test_every_page_without_a_session_sends_you_to_the_sign_in_help(client, path):
    response = await client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/signin-help"
    help_page = await client.get("/dashboard/signin-help")
    assert help_page.status_code == 200 and "DASHBOARD" in help_page.text


@pytest.mark.parametrize("path", FORMS)
async def test_every_form_without_a_session_is_forbidden(client, path):
    response = await client.post(path, data={"csrf": "x", "note": "n", "checks": "id"})
    assert response.status_code == 403


async def test_a_forged_session_cookie_is_refused(client, hub, carol):
    forged = Signer(lambda: b"another key").sign(
        "session", {"person": person_id(hub, carol), "sid": "s", "exp": 4102444800})
    response = await client.get("/dashboard", headers={"cookie": f"neighbourly_dashboard={forged}"})
    assert response.status_code == 303


# Signing in.

async def test_a_coordinator_signs_in_once_with_the_link_dashboard_sends(client, hub, carol):
    link = link_for(hub, carol)
    assert link.startswith("http://127.0.0.1:8080/dashboard/signin?token=")
    shown = await client.get(local(link))
    assert shown.status_code == 200 and 'id="sign-in"' in shown.text
    # Opening it (as a messenger's link preview does) does not use it up.
    assert audit_events(hub, "dashboard.signed_in") == []
    # The page's own form: the link's token and one the page made for it.
    assert shown.headers["referrer-policy"] == "same-origin"  # so browsers send the Origin
    fields = hidden_fields(shown.text)
    assert fields["token"] == token_of(link) and fields["csrf"]
    signed_in = await client.post("/dashboard/signin", data=fields,
                                  headers={"origin": origin_of(client)})
    assert signed_in.status_code == 303
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    assert "path=/dashboard" in cookie
    queue = await client.get("/dashboard")
    assert queue.status_code == 200 and "Skip to main content" in queue.text
    [event] = audit_events(hub, "dashboard.signed_in")
    assert event.channel == "dashboard" and event.actor_person_id == person_id(hub, carol)

    client.cookies.clear()
    reused = await post_signin(client, hub, token_of(link))
    assert reused.status_code == 403 and "set-cookie" not in reused.headers
    assert (await client.get(local(link))).status_code == 403
    assert (await client.get("/dashboard")).status_code == 303


async def test_a_forged_or_altered_link_is_refused(client, hub, carol):
    forged = make_signin_token(Signer(lambda: b"not the hub's key"), person_id(hub, carol),
                               hub.clock())
    token = token_of(link_for(hub, carol))
    body, mac = token.split(".")
    altered = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + mac
    for bad in (forged, altered, "", "nonsense", token + "x"):
        response = await post_signin(client, hub, bad)
        assert response.status_code == 403 and "set-cookie" not in response.headers
    assert (await client.get("/dashboard")).status_code == 303


@pytest.mark.parametrize("origin", [None, "null", "https://evil.example",
                                    "http://testserver.evil.example", "http://testserver:8081",
                                    "https://testserver"])
async def test_a_sign_in_not_sent_from_the_hubs_own_pages_is_refused(client, hub, carol,
                                                                     origin):
    link = link_for(hub, carol)
    fields = hidden_fields((await client.get(local(link))).text)
    headers = {} if origin is None else {"origin": origin}
    response = await client.post("/dashboard/signin", data=fields, headers=headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers
    assert audit_events(hub, "dashboard.signed_in") == []  # the link still works
    assert (await post_signin(client, hub, token_of(link))).status_code == 303


async def test_a_sign_in_without_the_token_its_page_carries_is_refused(client, hub, carol):
    link, other = link_for(hub, carol), link_for(hub, carol)
    token = token_of(link)
    for csrf in (None, "", "wrong", hub.signer.link_csrf_token(token_of(other)),
                 hub.signer.csrf_token(token)):
        data = {"token": token} if csrf is None else {"token": token, "csrf": csrf}
        response = await client.post("/dashboard/signin", data=data,
                                     headers={"origin": origin_of(client)})
        assert response.status_code == 403 and "set-cookie" not in response.headers
    assert audit_events(hub, "dashboard.signed_in") == []
    assert (await post_signin(client, hub, token)).status_code == 303


async def test_a_form_body_over_the_dashboards_limit_is_refused_unread(client, hub, carol):
    from test_sms import CountedBody

    from bot.channels.dashboard import FORM_LIMIT

    body = CountedBody(10 * 1024 * 1024)
    response = await client.post("/dashboard/signin", content=body, headers={
        "origin": origin_of(client), "content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert body.pulled <= FORM_LIMIT + body.chunk


async def test_a_link_older_than_15_minutes_is_refused(client, hub, clock, carol):
    link = link_for(hub, carol)
    clock.advance(minutes=15, seconds=1)
    assert (await client.get(local(link))).status_code == 403
    response = await post_signin(client, hub, token_of(link))
    assert response.status_code == 403


async def test_the_session_ends_after_12_hours(client, hub, clock, carol):
    await sign_in(client, hub)
    clock.advance(hours=12, seconds=1)
    assert (await client.get("/dashboard")).status_code == 303


async def test_the_cookie_is_secure_when_the_hub_is_on_https(settings, clock):
    secure = settings.with_changes(public_url="https://hub.example.org")
    hub = build_hub(secure, clock=clock, locate_postcode=FakePostcodeLocator())
    try:
        with hub.session_factory.begin() as session:
            add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
        link = link_for(hub, CAROL)
        assert link.startswith("https://hub.example.org/dashboard/signin?token=")
        async with client_for(hub, "https://testserver") as client:
            # Sent from the page at the hub's public address (behind a proxy, say).
            response = await post_signin(client, hub, token_of(link),
                                         origin="https://hub.example.org")
        assert response.status_code == 303
        assert "secure" in response.headers["set-cookie"].lower()
    finally:
        hub.close()


async def test_the_key_is_kept_so_links_survive_a_restart(settings, clock, hub, carol):
    link = link_for(hub, carol)
    again = build_hub(settings, clock=clock, locate_postcode=FakePostcodeLocator())
    try:
        async with client_for(again) as client:
            assert (await post_signin(client, again, token_of(link))).status_code == 303
    finally:
        again.close()
    key_file = os.path.join(settings.cache_dir, "dashboard-secret-key")
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("who", ["resident", "volunteer"])
def test_residents_and_volunteers_get_no_link_only_their_conversation(hub, carol, who):
    phone = ALBERT if who == "resident" else add_volunteer(hub, "Julia", "RM17 5AA")
    if who == "resident":
        say(hub, phone, "hello")
    replies = " ".join(r.body for r in say(hub, phone, "DASHBOARD").replies)
    assert "/dashboard" not in replies and "link" not in replies.lower()
    assert replies  # they still get their normal conversation
    assert audit_events(hub, "admin.dashboard") == []


async def test_someone_no_longer_a_coordinator_loses_the_dashboard_at_once(client, hub, carol):
    csrf = await sign_in(client, hub)
    unused_link = link_for(hub, carol)
    with hub.session_factory.begin() as session:
        session.execute(delete(PersonRole).where(PersonRole.person_id == person_id(hub, carol),
                                                 PersonRole.role == "coordinator"))
    assert (await client.get("/dashboard")).status_code == 303
    assert (await client.post("/dashboard/signout", data={"csrf": csrf})).status_code == 403
    assert (await post_signin(client, hub, token_of(unused_link))).status_code == 403


# Forms.

async def test_a_form_without_its_csrf_token_is_refused(client, hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    number = raise_concern(hub, julia)
    await sign_in(client, hub)
    for data in ({}, {"csrf": "wrong"}):
        response = await client.post(f"/dashboard/concerns/{number}/ack", data=data)
        assert response.status_code == 403
    with hub.session_factory() as session:
        assert session.get(Concern, number).status == ConcernStatus.OPEN


async def test_acknowledging_and_resolving_a_concern_through_the_forms(client, hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    number = raise_concern(hub, julia, "Lydia seemed confused and <b>scared</b>")
    csrf = await sign_in(client, hub)
    page = await client.get("/dashboard/concerns")
    assert "Lydia seemed confused and &lt;b&gt;scared&lt;/b&gt;" in page.text
    assert f"Acknowledge C-{number}" in page.text

    done = await client.post(f"/dashboard/concerns/{number}/ack", data={"csrf": csrf},
                       follow_redirects=True)
    assert done.status_code == 200 and f"C-{number}" in done.text
    with hub.session_factory() as session:
        concern = session.get(Concern, number)
        assert concern.status == ConcernStatus.ACKNOWLEDGED
        assert concern.acknowledged_by_id == person_id(hub, carol)
    [event] = audit_events(hub, "concern.acknowledged")
    assert event.channel == "dashboard" and event.actor_person_id == person_id(hub, carol)

    await client.post(f"/dashboard/concerns/{number}/resolve", data={"csrf": csrf, "note": " "})
    with hub.session_factory() as session:
        assert session.get(Concern, number).status == ConcernStatus.ACKNOWLEDGED
    await client.post(f"/dashboard/concerns/{number}/resolve",
                data={"csrf": csrf, "note": "Rang her daughter, all well"})
    with hub.session_factory() as session:
        concern = session.get(Concern, number)
        assert concern.status == ConcernStatus.RESOLVED
        assert concern.resolution_note == "Rang her daughter, all well"
    assert "No open concerns" in (await client.get("/dashboard/concerns")).text


async def test_approving_and_suspending_a_volunteer_through_the_forms(client, hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", vetting="pending", checks=())
    julia_id = person_id(hub, julia)
    csrf = await sign_in(client, hub)
    page = await client.get("/dashboard/volunteers")
    assert f'id="id-{julia_id}"' in page.text and "Approve Julia (RM17)" in page.text

    await client.post(f"/dashboard/volunteers/{julia_id}/approve", data={"csrf": csrf,
                                                                   "checks": ["dbs"]})
    with hub.session_factory() as session:
        assert session.get(VolunteerProfile, julia_id).vetting_status == "pending"
    done = await client.post(f"/dashboard/volunteers/{julia_id}/approve",
                       data={"csrf": csrf, "checks": ["id", "training"]}, follow_redirects=True)
    assert "Julia is approved with ID, training" in done.text
    with hub.session_factory() as session:
        profile = session.get(VolunteerProfile, julia_id)
        assert profile.vetting_status == "approved"
        assert profile.id_checked_on == hub.clock().date() and profile.dbs_checked_on is None
    [event] = audit_events(hub, "volunteer.approved")
    assert event.channel == "dashboard" and event.detail["checks"] == ["id", "training"]

    await client.post(f"/dashboard/volunteers/{julia_id}/suspend",
                data={"csrf": csrf, "reason": "complaint"})
    with hub.session_factory() as session:
        assert session.get(VolunteerProfile, julia_id).vetting_status == "suspended"
    [event] = audit_events(hub, "volunteer.suspended")
    assert event.channel == "dashboard" and event.detail["reason"] == "complaint"


async def test_signing_out_forgets_the_cookie(client, hub, carol):
    csrf = await sign_in(client, hub)
    response = await client.post("/dashboard/signout", data={"csrf": csrf})
    assert response.status_code == 303
    assert (await client.get("/dashboard")).status_code == 303
    assert len(audit_events(hub, "dashboard.signed_out")) == 1


# Pages, exports and the map.

async def test_the_queue_and_statistics_show_what_the_chat_commands_show(client, hub, carol):
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                             "12 Orsett Road", "tomorrow", "yes")
    await sign_in(client, hub)
    queue = (await client.get("/dashboard")).text
    assert reference in queue and "RM17" in queue and "RM17 6SL" not in queue
    assert "no volunteer" in queue
    stats = (await client.get("/dashboard/stats")).text
    assert "Today: 1 new" in stats


async def test_a_request_page_shows_its_history_and_assigns_by_the_same_rules(client, hub,
                                                                               carol):
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                             "12 Orsett Road", "tomorrow", "yes")  # nobody to offer it to yet
    unvetted = add_volunteer(hub, "Sam", "RM17 5AA", vetting="pending", checks=())
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    csrf = await sign_in(client, hub)
    queue = (await client.get("/dashboard")).text
    assert f'href="/dashboard/requests/{reference}"' in queue
    page = (await client.get(f"/dashboard/requests/{reference}")).text
    assert "Albert (+447700900" in page and "12 Orsett Road" in page
    assert "<li>Asked by SMS on Tue 24 Nov at 10:00</li>" in page
    assert f'action="/dashboard/requests/{reference}/assign"' in page
    refused = await client.post(f"/dashboard/requests/{reference}/assign",
                                data={"csrf": csrf, "volunteer": "Sam"}, follow_redirects=True)
    assert "isn't approved" in html.unescape(refused.text)
    assert request_of(hub, reference).status == "new"
    done = await client.post(f"/dashboard/requests/{reference}/assign",
                             data={"csrf": csrf, "volunteer": "Julia"}, follow_redirects=True)
    assert f"{reference} is now Julia's" in html.unescape(done.text)
    assert request_of(hub, reference).status == "assigned"
    assert reference in waiting_for(hub, julia)[-1] and not waiting_for(hub, unvetted)
    assert [e.channel for e in audit_events(hub, "admin.assign")] == ["dashboard", "dashboard"]
    # Each view of the page is recorded, as SHOW in the chat is: once, then after each form.
    assert [e.channel for e in audit_events(hub, "admin.show")] == ["dashboard"] * 3
    missing = await client.get("/dashboard/requests/R-ZZZZ")
    assert missing.status_code == 200 and "no such request" in missing.text


async def test_regular_calls_are_handed_over_from_the_request_page_with_a_note(client, hub,
                                                                               carol):
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    reference = ask_for_help(hub, ALBERT, "Could someone ring me for a chat? I'm Albert",
                             "RM17 6SL", "I'm 84", "afternoons", "yes")
    say(hub, ann, "yes")
    say(hub, ann, "Wednesdays 2pm")
    bea = add_volunteer(hub, "Bea", "RM16 2XU")
    csrf = await sign_in(client, hub)
    page = (await client.get(f"/dashboard/requests/{reference}")).text
    assert f'action="/dashboard/requests/{reference}/handover"' in page
    assert f'action="/dashboard/requests/{reference}/assign"' not in page  # already Ann's
    done = await client.post(f"/dashboard/requests/{reference}/handover", data={
        "csrf": csrf, "volunteer": "Bea", "note": "he likes football"}, follow_redirects=True)
    assert f"{reference}'s calls are now Bea's" in html.unescape(done.text)
    handed = waiting_for(hub, bea)[-1]
    assert "take over calls with Albert" in handed and "he likes football" in handed
    [event] = audit_events(hub, "calls.handed_over")
    assert event.detail["overridden"] == []


async def test_the_exports_download_as_csv(client, hub, carol):
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                             "12 Orsett Road", "tomorrow", "yes")
    add_volunteer(hub, "Julia", "RM17 5AA")
    await sign_in(client, hub)
    requests = await client.get("/dashboard/export/requests.csv")
    assert requests.status_code == 200
    assert requests.headers["content-type"].startswith("text/csv")
    assert "attachment" in requests.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(requests.text)))
    assert [(r["reference"], r["district"], r["resident"]) for r in rows] == [
        (reference, "RM17", "Albert")]
    volunteers = await client.get("/dashboard/export/volunteers.csv")
    assert volunteers.status_code == 200
    assert [r["name"] for r in csv.DictReader(io.StringIO(volunteers.text))] == ["Julia"]
    calls = await client.get("/dashboard/export/calls.csv")
    assert calls.status_code == 200 and calls.text.startswith("reference,resident,volunteer")
    assert {e.subject for e in audit_events(hub, "dashboard.exported")} == {
        "requests", "volunteers", "calls"}


def download_link_for(hub, phone: str, what: str) -> str:
    return DOWNLOAD.search(say(hub, phone, f"EXPORT {what}").replies[0].body).group(1)


async def test_an_export_link_texted_by_sms_downloads_the_file_once(client, hub, carol):
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                             "12 Orsett Road", "tomorrow", "yes")
    link = download_link_for(hub, carol, "requests")
    shown = await client.get(local(link))
    assert shown.status_code == 200 and 'id="download"' in shown.text
    assert "Download requests (CSV)" in shown.text
    # Opening it (as a messenger's link preview does) does not use it up.
    assert audit_events(hub, "dashboard.download_link_used") == []

    got = await client.post("/dashboard/download", data={"token": token_of(link)})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"] == 'attachment; filename="requests-2026-11-24.csv"'
    assert "set-cookie" not in got.headers  # a file, not a session
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert [(r["reference"], r["resident"]) for r in rows] == [(reference, "Albert")]
    [used] = audit_events(hub, "dashboard.download_link_used")
    [exported] = audit_events(hub, "dashboard.exported")
    assert used.actor_person_id == exported.actor_person_id == person_id(hub, carol)
    assert (exported.subject, exported.detail) == ("requests", {"rows": 1, "via": "link"})

    assert (await client.post("/dashboard/download",
                              data={"token": token_of(link)})).status_code == 403
    assert (await client.get(local(link))).status_code == 403


async def test_an_export_link_is_refused_forged_expired_or_once_not_a_coordinator(client, hub,
                                                                                 clock, carol):
    carol_id = person_id(hub, carol)
    forged = make_download_token(Signer(lambda: b"not the hub's key"), carol_id, "volunteers",
                                 hub.clock())
    sign_in_token = token_of(link_for(hub, carol))  # a sign-in link is not a download link
    late = token_of(download_link_for(hub, carol, "volunteers"))
    clock.advance(minutes=15, seconds=1)
    kept = token_of(download_link_for(hub, carol, "calls"))
    for bad in (forged, sign_in_token, late, "", "nonsense"):
        response = await client.post("/dashboard/download", data={"token": bad})
        assert response.status_code == 403 and "text/csv" not in response.headers["content-type"]
    with hub.session_factory.begin() as session:
        session.execute(delete(PersonRole).where(PersonRole.person_id == carol_id,
                                                 PersonRole.role == "coordinator"))
    assert (await client.post("/dashboard/download", data={"token": kept})).status_code == 403
    assert audit_events(hub, "dashboard.exported") == []


async def test_the_map_counts_by_district_and_never_gives_a_postcode_or_a_location(client, hub,
                                                                            carol):
    ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")
    ask_for_help(hub, "+447700900703", "can someone walk my dog? I'm Betty", "SS17 0AD",
                 "3 High Road", "tomorrow", "yes")
    add_volunteer(hub, "Julia", "RM17 5AA")
    add_volunteer(hub, "Dev", "RM16 2XU", vetting="pending", checks=())
    await sign_in(client, hub)
    response = await client.get("/dashboard/map.json")
    assert response.status_code == 200
    districts = {d["district"]: d for d in response.json()["districts"]}
    assert {k: (d["requests"], d["volunteers"]) for k, d in districts.items()} == {
        "RM17": (1, 1), "SS17": (1, 0)}
    text = json.dumps(response.json())
    for postcode, (latitude, longitude) in KNOWN_POSTCODES.items():
        assert postcode not in text and postcode.replace(" ", "") not in text
        for district in districts.values():
            assert (district["latitude"], district["longitude"]) != (latitude, longitude)
    page = await client.get("/dashboard/map")
    assert '<script src="/dashboard/static/leaflet/leaflet.js"></script>' in page.text
    assert "<td>SS17</td><td>1</td><td>0</td>" in page.text
    assert (await client.get("/dashboard/static/leaflet/leaflet.js")).status_code == 200
    assert (await client.get("/dashboard/static/map.js")).status_code == 200


# End to end in a real browser.

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
browser = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"{CHROMIUM} is missing: apt-get install chromium chromium-driver (.ci/run does)")


class Waiting:
    """WebDriverWait that says what the page showed and logged when it gives up."""

    def __init__(self, driver) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver, self.wait = driver, WebDriverWait(driver, 20)

    def until(self, condition):
        from selenium.common.exceptions import TimeoutException

        try:
            return self.wait.until(condition)
        except TimeoutException:
            logs = [entry["message"] for entry in self.driver.get_log("browser")]
            logs.append(self.driver.execute_script(
                "return [typeof L, (document.getElementById('map-status') || {}).textContent,"
                " document.querySelectorAll('script').length, document.body.innerHTML.length]"))
            raise AssertionError(f"gave up waiting on {self.driver.current_url} "
                                 f"({self.driver.title}); console: {logs}") from None


@contextmanager
def signed_in_chromium(link: str, *extra_flags: str):
    """Headless Chromium signed in to the dashboard with `link`, on the queue page: the
    driver and its Waiting; closed and its profile removed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    profile = tempfile.mkdtemp(prefix="neighbourly-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra_flags):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        wait = Waiting(driver)
        driver.get(link)
        driver.find_element(By.ID, "sign-in").click()
        wait.until(lambda d: "Queue" in d.title)
        yield driver, wait
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def drive_chromium(link: str, concern_number: int) -> int:
    """Sign in with the link, acknowledge the concern, count the map's markers."""
    from selenium.webdriver.common.by import By

    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, "Concerns").click()
        driver.find_element(By.XPATH,
                            f"//button[text()='Acknowledge C-{concern_number}']").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
        assert f"C-{concern_number}" in driver.find_element(By.CSS_SELECTOR, ".flash").text
        driver.find_element(By.LINK_TEXT, "Map").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon"))
        wait.until(lambda d: "shown" in d.find_element(By.ID, "map-status").text)
        return len(driver.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon"))


@browser
async def test_in_chromium_a_coordinator_signs_in_acknowledges_and_sees_the_map(settings,
                                                                                 clock):
    # No tile server answers here: the markers must show all the same.
    offline = settings.with_changes(map_tiles_url="http://127.0.0.1:9/{z}/{x}/{y}.png")
    async with running_hub(offline, clock, telegram=False, sms=False,
                           run_worker=False) as served:
        hub = served.hub
        with hub.session_factory.begin() as session:
            add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
        await asyncio.to_thread(ask_for_help, hub, ALBERT,
                                "can someone get my shopping? I'm Albert", "RM17 6SL",
                                "12 Orsett Road", "tomorrow", "yes")
        julia = add_volunteer(hub, "Julia", "RM17 5AA")
        add_volunteer(hub, "Dev", "SS17 0AD")
        number = await asyncio.to_thread(raise_concern, hub, julia)
        link = await asyncio.to_thread(link_for, hub, CAROL)
        assert link.startswith(served.url)
        markers = await asyncio.to_thread(drive_chromium, link, number)
        # RM17: one request and one volunteer; SS17: one volunteer.
        assert markers == 3
        # Checked while the hub is up: a session opened after running_hub closed it
        # would open a new connection that nothing closes (psycopg's ResourceWarning).
        with hub.session_factory() as session:
            assert session.get(Concern, number).status == ConcernStatus.ACKNOWLEDGED


async def test_the_directory_is_kept_through_the_dashboard(client, hub, carol):
    csrf = await sign_in(client, hub)
    added = await client.post("/dashboard/directory/add", follow_redirects=True, data={
        "csrf": csrf, "name": "Grays <Village> Stores", "kind": "shop", "districts": "RM17, RM16",
        "phone": "01375 000111", "opening_hours": "9am-5pm", "takes_payment_by_phone": "yes"})
    assert "Added D-" in added.text and "Grays &lt;Village&gt; Stores" in added.text
    lydia = say(hub, "+447700900650", "who delivers food near me? RM17 6SL").replies[0].body
    assert "Grays <Village> Stores (shop that delivers, takes payment by phone)" in lydia
    refused = await client.post("/dashboard/directory/add", follow_redirects=True,
                                data={"csrf": csrf, "name": "Nowhere", "kind": "shop",
                                      "districts": "nowhere"})
    assert "Please give a name, a kind and the postcode districts" in refused.text
    with hub.session_factory() as session:
        number = session.scalar(select(DirectoryEntry.id))
    await client.post(f"/dashboard/directory/{number}/remove", data={"csrf": csrf})
    assert "No entries yet" in (await client.get("/dashboard/directory")).text
    assert [e.channel for e in audit_events(hub, "directory.removed")] == ["dashboard"]


async def test_partners_needs_and_outstanding_receipts_are_shown(client, hub, carol):
    for text in ("PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777",
                 "NEED Thurrock Care Home | befriending | 3 | RM17 6SL | weekly | 1/12 to 28/2"):
        say(hub, carol, text)
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    lydia = "+447700900651"
    for text in ("can someone get my shopping? I'm Lydia", "RM17 6SL", "3 Orsett Road",
                 "tomorrow", "yes", "3"):
        say(hub, lydia, text)
    say(hub, julia, "yes")
    say(hub, julia, "done 23.40")
    say(hub, lydia, "no")
    csrf = await sign_in(client, hub)
    partners = (await client.get("/dashboard/partners")).text
    assert "Thurrock Care Home" in partners and "0 of 3" in partners
    money = (await client.get("/dashboard/money")).text
    assert "Lydia" in money and "£23.40" in money and "disputed" in money
    with hub.session_factory() as session:
        request_id = session.scalar(select(HelpRequest.id))
    settled = await client.post(f"/dashboard/money/{request_id}/settle", data={"csrf": csrf},
                                follow_redirects=True)
    assert "marked settled" in settled.text and "No receipts outstanding" in settled.text
    say(hub, carol, "PARTNER REMOVE Thurrock Care Home")
    partners = (await client.get("/dashboard/partners")).text
    assert "Thurrock Care Home" not in partners and "No partners yet" in partners
