"""The request page's case actions: the same commands as the chat, as forms."""

from __future__ import annotations

import html

from test_dashboard import ALBERT, audit_events, carol, client, sign_in  # noqa: F401
from test_offers import add_volunteer, ask_for_help, request_of, say, waiting_for


def albert_asks(hub) -> str:
    return ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                        "12 Orsett Road", "tomorrow", "yes")


async def act(client, csrf, reference, command, **fields):
    response = await client.post(f"/dashboard/requests/{reference}/case/{command}",
                                 data={"csrf": csrf, **fields}, follow_redirects=True)
    assert response.status_code == 200
    return html.unescape(response.text)


async def test_the_request_page_notes_changes_and_cancels_a_request(client, hub, carol):  # noqa: F811
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = albert_asks(hub)
    say(hub, julia, "YES")
    csrf = await sign_in(client, hub)
    page = (await client.get(f"/dashboard/requests/{reference}")).text
    for command in ("note", "change", "urgent", "cancel", "close"):
        assert f'action="/dashboard/requests/{reference}/case/{command}"' in page
    assert "/case/reopen" not in page
    said = await act(client, csrf, reference, "note", text="rang her daughter, all well")
    assert f"Note added to {reference}" in said
    assert "Note by Carol at 10:00: rang her daughter, all well" in said
    said = await act(client, csrf, reference, "change", field="when", text="friday")
    assert f"{reference} changed" in said and "Julia, who had it, is told" in said
    assert f"A coordinator has changed {reference}" in waiting_for(hub, julia)[-1]
    said = await act(client, csrf, reference, "urgent")
    assert "marked urgent" in said and "/case/urgent" not in said
    said = await act(client, csrf, reference, "cancel", text="her son is doing it")
    assert f"{reference} is cancelled" in said and "Reopen" in said
    assert request_of(hub, reference).status == "cancelled"
    assert "cancelled by a coordinator" in waiting_for(hub, ALBERT)[-1]
    for action in ("admin.note", "admin.change", "admin.urgent", "admin.cancel"):
        assert [e.channel for e in audit_events(hub, action)] == ["dashboard"]
    said = await act(client, csrf, reference, "reopen")
    assert "open again" in said


async def test_a_case_form_needs_its_token_and_a_known_action(client, hub, carol):  # noqa: F811
    reference = albert_asks(hub)
    csrf = await sign_in(client, hub)
    refused = await client.post(f"/dashboard/requests/{reference}/case/note",
                                data={"csrf": "forged", "text": "hello"})
    assert refused.status_code == 403
    said = await act(client, csrf, reference, "assign", text="Julia")
    assert "There is no such action" in said
    said = await act(client, csrf, reference, "change", field="colour", text="blue")
    assert "Choose what to change" in said
    said = await act(client, csrf, "R-ZZZZ", "note", text="hello")
    assert "There is no such request" in said


async def test_the_new_request_form_records_a_referral_for_someone_with_a_landline(
        client, hub, carol):  # noqa: F811
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    csrf = await sign_in(client, hub)
    page = (await client.get("/dashboard/new-request")).text
    assert 'action="/dashboard/new-request"' in page and 'name="consent"' in page
    fields = {"csrf": csrf, "name": "Joan Smith", "phone": "01375 123456",
              "address": "12 Orsett Road", "postcode": "rm17 6sl", "kind": "shopping",
              "when": "tomorrow", "source": "partner",
              "referrer_name": "Sue at Thurrock discharge team",
              "referrer_contact": "07700 900555"}
    refused = await client.post("/dashboard/new-request", data=fields, follow_redirects=True)
    assert "please confirm the person agreed" in html.unescape(refused.text)
    done = await client.post("/dashboard/new-request", data={**fields, "consent": "yes"},
                             follow_redirects=True)
    said = html.unescape(done.text)
    assert "recorded for Joan Smith" in said and "the volunteer will ring +441375123456" in said
    assert "Referral from Sue at Thurrock discharge team (07700 900555) recorded by Carol" in said
    reference = str(done.url).split("/")[-1].split("?")[0]
    assert request_of(hub, reference).source == "partner"
    say(hub, julia, "YES")
    assert "+441375123456" in waiting_for(hub, julia)[-1]
    assert [e.channel for e in audit_events(hub, "request.referred")] == ["dashboard"]


async def test_the_new_request_form_says_what_is_missing(client, hub, carol):  # noqa: F811
    csrf = await sign_in(client, hub)
    said = html.unescape((await client.post("/dashboard/new-request", data={
        "csrf": csrf, "name": "Joan", "phone": "01375 123456", "address": "12 Orsett Road",
        "postcode": "nowhere", "kind": "shopping", "source": "self", "consent": "yes"},
        follow_redirects=True)).text)
    assert "Please give a full postcode" in said
