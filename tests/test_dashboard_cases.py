"""The request page's case actions: the same commands as the chat, as forms."""

from __future__ import annotations

import asyncio
import html
from datetime import date

from doubles.harness import running_hub
from test_dashboard import (  # noqa: F401
    ALBERT,
    CAROL,
    audit_events,
    browser,
    carol,
    client,
    link_for,
    served_with_carol_signed_up,
    sign_in,
    signed_in_chromium,
)
from test_offers import add_volunteer, ask_for_help, request_of, say, waiting_for

from bot.services.people.coordinators import add_coordinator
from models import OfferStatus, RequestStatus, StandingStatus


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


async def test_a_request_made_weekly_on_its_page_goes_to_the_same_volunteer_next_week(
        client, hub, clock, carol):  # noqa: F811
    from test_standing import JOAN, offered_to, standing_of, tasks, tick

    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("shopping",))
    add_volunteer(hub, "Bob", "RM17 5AA", skills=("shopping",))
    first = ask_for_help(hub, JOAN, "Shopping on Thursday please, I'm Joan", "RM17 6SL",
                         "12 Orsett Road", "yes")
    say(hub, ann, f"YES {first}")
    csrf = await sign_in(client, hub)
    said = await act(client, csrf, first, "weekly", action="pause")
    assert f"{first} is not regular help" in said
    said = await act(client, csrf, first, "weekly", action="start")
    # This Thursday's help is Ann's already: the next to make is the week after.
    assert f"{first} is now regular help: every Thursday, going on, next: Thu 26 Nov" in said
    assert (standing_of(hub).every_days, standing_of(hub).next_on) == (7, date(2026, 12, 3))
    said = await act(client, csrf, first, "weekly", action="fortnightly")
    assert "already" in said and standing_of(hub).every_days == 7
    say(hub, ann, f"DONE {first}")
    tick(hub, clock, days=7)  # Tue 1 Dec: two days before Thursday 3 Dec
    second = tasks(hub)[-1]
    assert second.needed_on == date(2026, 12, 3) and second.reference != first
    assert offered_to(hub, second.reference) == [(1, "Ann", OfferStatus.OFFERED)]


# In a real browser: regular help, left out once, paused, resumed and ended from the page.

def drive_weekly_form(link: str, reference: str, standing_at) -> dict[str, tuple[str, str]]:
    """Carol opens the week's task from the queue and leaves it out, pauses, resumes and ends
    the regular help with the page's form. For each action: what the page said back, and
    the standing request's status in the database just after (`standing_at()`)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from test_dashboard_conversation import submit_and_read_flash

    shown: dict[str, tuple[str, str]] = {}
    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, reference).click()
        wait.until(lambda d: d.title.startswith(reference))
        shown["opened"] = (driver.find_element(By.TAG_NAME, "main").text, standing_at())
        for action, label in (("skip", "Leave out the next time"),
                              ("pause", "Pause it (no new tasks)"), ("resume", "Resume it"),
                              ("end", "End it")):
            Select(driver.find_element(By.NAME, "action")).select_by_visible_text(label)
            said = submit_and_read_flash(
                driver, wait, driver.find_element(By.XPATH, "//button[text()='Do it']"))
            shown[action] = (said, standing_at())
        shown["ended"] = (driver.find_element(By.TAG_NAME, "main").text, standing_at())
    return shown


@browser
async def test_in_chromium_regular_help_is_left_out_paused_resumed_and_ended_from_the_page(
        settings, clock):
    from test_standing import (
        JOAN,
        joan_asks_for_shopping_every_friday,
        offered_to,
        standing_of,
        tasks,
        tick,
    )

    def standing_at() -> str:
        standing = standing_of(hub)
        return f"{standing.status}, next {standing.next_on}, leaving out {standing.skip_on}"

    async with running_hub(settings, clock, telegram=False, sms=False,
                           run_worker=False) as served:
        hub = served.hub
        ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("shopping",))
        first = await asyncio.to_thread(joan_asks_for_shopping_every_friday, hub)
        await asyncio.to_thread(say, hub, ann, f"YES {first}")
        await asyncio.to_thread(say, hub, ann, f"DONE {first} 45 min")
        # Wed 2 Dec: the second Friday's task is made and offered to Ann, who did the first.
        await asyncio.to_thread(tick, hub, clock, days=8)
        second = tasks(hub)[-1]
        assert (second.needed_on, offered_to(hub, second.reference)) == (
            date(2026, 12, 4), [(1, "Ann", OfferStatus.OFFERED)])
        with hub.session_factory.begin() as session:
            add_coordinator(session, "phone", CAROL, "Carol", hub.clock())
        link = await asyncio.to_thread(link_for, hub, CAROL)
        shown = await asyncio.to_thread(drive_weekly_form, link, second.reference, standing_at)
        assert "Regular help: every Friday, going on, next: Fri 4 Dec" in shown["opened"][0]
        assert "Ann" in shown["opened"][0]  # offered to the same volunteer first
        done = f"Done. {second.reference}'s regular help: every Friday"
        # Left out: the task already made for 4 Dec is cancelled, its offer to Ann withdrawn.
        assert shown["skip"] == (f"{done}, going on, next: Fri 11 Dec.",
                                 "active, next 2026-12-11, leaving out None")
        assert offered_to(hub, second.reference) == [(1, "Ann", OfferStatus.WITHDRAWN)]
        assert shown["pause"] == (f"{done}, paused, next: -.",
                                  "paused, next 2026-12-11, leaving out None")
        assert shown["resume"] == (f"{done}, going on, next: Fri 11 Dec.",
                                   "active, next 2026-12-11, leaving out None")
        assert shown["end"] == (f"{done}, ended, next: -.",
                                "ended, next 2026-12-11, leaving out None")
        assert "Regular help: every Friday, ended" in shown["ended"][0]
        told = await asyncio.to_thread(waiting_for, hub, JOAN)
        assert any("we've paused your shopping every Friday" in body for body in told)
        assert [t.status for t in tasks(hub)] == [RequestStatus.DONE, RequestStatus.CANCELLED]
        assert standing_of(hub).status == StandingStatus.ENDED
        assert [e.channel for e in audit_events(hub, "admin.weekly")] == ["dashboard"] * 4


# In a real browser: a note, urgent, cancel (once with only spaces for a reason) and reopen.

def drive_case_forms(link: str, reference: str, state_at) -> dict[str, tuple[str, str, str]]:
    """Carol opens the request's page and uses its case forms in turn. For each
    step: what the page said back, the page's main text after, and the request's state in
    the database just after (`state_at()`)."""
    from selenium.webdriver.common.by import By
    from test_dashboard_conversation import submit_and_read_flash

    def use_form(command: str, text: str | None) -> tuple[str, str, str]:
        form = driver.find_element(By.CSS_SELECTOR, f"form[action$='/case/{command}']")
        if text is not None:
            form.find_element(By.NAME, "text").send_keys(text)
        said = submit_and_read_flash(driver, wait, form.find_element(By.TAG_NAME, "button"))
        return said, driver.find_element(By.TAG_NAME, "main").text, state_at()

    shown: dict[str, tuple[str, str, str]] = {}
    with signed_in_chromium(link) as (driver, wait):
        # Julia has it, so the queue (what needs a coordinator) does not list it: opened by
        # its address, as from SHOW's reference.
        driver.get(driver.current_url.split("/dashboard")[0] + f"/dashboard/requests/{reference}")
        wait.until(lambda d: d.title.startswith(reference))
        shown["note"] = use_form("note", "Rang his daughter Mary: the key is under the mat")
        shown["urgent"] = use_form("urgent", None)
        shown["no reason"] = use_form("cancel", "   ")
        shown["cancel"] = use_form("cancel", "His son Tom is doing it")
        shown["reopen"] = use_form("reopen", None)
    return shown


@browser
async def test_in_chromium_a_request_is_noted_marked_urgent_cancelled_and_reopened(settings,
                                                                                   clock):
    async with served_with_carol_signed_up(settings, clock) as (hub, link):
        julia = add_volunteer(hub, "Julia", "RM17 5AA")
        reference = await asyncio.to_thread(albert_asks, hub)
        await asyncio.to_thread(say, hub, julia, "YES")
        bea = add_volunteer(hub, "Bea", "RM17 5AA")  # joins after Julia took it

        def state_at() -> str:
            request = request_of(hub, reference)
            return f"{request.status}, {request.urgency}"

        shown = await asyncio.to_thread(drive_case_forms, link, reference, state_at)

        said, page, state = shown["note"]
        assert said == f"Note added to {reference}." and state == "assigned, normal"
        assert "Note by Carol at 10:00: Rang his daughter Mary: the key is under the mat" in page
        said, page, state = shown["urgent"]
        assert said == f"{reference} is marked urgent." and state == "assigned, urgent"
        assert "Marked urgent by Carol at 10:00" in page and "Mark urgent" not in page
        # Spaces pass the browser's "required": the page says so, and nothing is cancelled.
        said, page, state = shown["no reason"]
        assert said == 'Nothing was done: please fill in "Why".'
        assert state == "assigned, urgent"
        said, page, state = shown["cancel"]
        assert said == (f"{reference} is cancelled; the resident is told. Julia, who had it, "
                        "is told.")
        assert state == "cancelled, urgent"
        assert "Cancelled by Carol at 10:00: His son Tom is doing it" in page
        assert "Reopen" in page and "Cancel the request" not in page
        said, page, state = shown["reopen"]
        assert said == f"{reference} is open again; looking for a volunteer."
        assert "Reopened by Carol at 10:00" in page and "Cancel the request" in page
        # Looked for again: Julia (told not to go) is not asked twice, Bea is.
        assert state == "offered, urgent"
        assert reference in (await asyncio.to_thread(waiting_for, hub, bea))[-1]

        # The resident and the volunteer were each told once; Carol's reason, which may say
        # more about Albert than the task needs, only to Albert.
        albert_told = await asyncio.to_thread(waiting_for, hub, ALBERT)
        assert [body for body in albert_told if "cancelled" in body] == [(
            f"Your request {reference} (shopping) has been cancelled by a coordinator: His son "
            "Tom is doing it. If you still need help, just text us.")]
        julia_told = await asyncio.to_thread(waiting_for, hub, julia)
        assert [body for body in julia_told if "cancelled" in body] == [(
            f"A coordinator has cancelled {reference} (shopping) for Albert, so please don't "
            "go. Thank you for being ready to help.")]
        for action in ("admin.note", "admin.urgent", "admin.cancel", "admin.reopen"):
            assert [e.channel for e in await asyncio.to_thread(audit_events, hub, action)] \
                == ["dashboard"]
