"""The conversation on a request's dashboard page: take it over, reply as the hub, give it
back; in process with httpx, and in a real browser against the running hub."""

from __future__ import annotations

import asyncio
import html

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
from test_offers import ask_for_help, say, waiting_for
from test_takeover import conversation_of

from bot.dialogue import takeover
from bot.services.people.coordinators import add_coordinator

REPLY = "About 11, she'll ring the bell twice"


def alberts_shopping(hub) -> str:
    return ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                        "12 Orsett Road", "tomorrow", "yes")


def submit_and_read_flash(driver, wait, button) -> str:
    """Press a form's button and wait for the page it leads to: what that page says back."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions

    button.click()
    wait.until(expected_conditions.staleness_of(button))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash"))
    return driver.find_element(By.CSS_SELECTOR, ".flash").text


async def test_the_take_and_release_forms_run_take_and_release_audited(
        client, hub, carol):  # noqa: F811
    reference = alberts_shopping(hub)
    csrf = await sign_in(client, hub)
    page = (await client.get(f"/dashboard/requests/{reference}")).text
    assert f'action="/dashboard/requests/{reference}/take"' in page
    assert "/release" not in page
    refused = await client.post(f"/dashboard/requests/{reference}/take", data={"csrf": "forged"})
    assert refused.status_code == 403 and conversation_of(hub, ALBERT).flow != takeover.FLOW
    taken = html.unescape((await client.post(f"/dashboard/requests/{reference}/take", data={
        "csrf": csrf}, follow_redirects=True)).text)
    assert f"You now hold the conversation with Albert ({reference})" in taken
    assert "Carol holds this conversation now" in taken
    assert f'action="/dashboard/requests/{reference}/release"' in taken
    assert f'action="/dashboard/requests/{reference}/take"' not in taken
    again = html.unescape((await client.post(f"/dashboard/requests/{reference}/take", data={
        "csrf": csrf}, follow_redirects=True)).text)
    assert "You already hold the conversation with Albert" in again
    released = html.unescape((await client.post(f"/dashboard/requests/{reference}/release",
                                                data={"csrf": csrf}, follow_redirects=True)).text)
    assert f"Released: the hub answers Albert ({reference}) again" in released
    assert conversation_of(hub, ALBERT).flow != takeover.FLOW
    for action in ("admin.take", "admin.release"):
        assert {e.channel for e in audit_events(hub, action)} == {"dashboard"}
    nobody = html.unescape((await client.post("/dashboard/requests/R-ZZZZ/take", data={
        "csrf": csrf}, follow_redirects=True)).text)
    assert "There is no such request" in nobody


async def test_a_conversation_held_by_another_coordinator_is_not_released_from_here(
        client, hub, carol):  # noqa: F811
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900711", "Dev", hub.clock())
    reference = alberts_shopping(hub)
    say(hub, "+447700900711", f"TAKE {reference}")
    csrf = await sign_in(client, hub)
    page = html.unescape((await client.get(f"/dashboard/requests/{reference}")).text)
    assert "Dev holds this conversation now" in page
    said = html.unescape((await client.post(f"/dashboard/requests/{reference}/release", data={
        "csrf": csrf}, follow_redirects=True)).text)
    assert "You don't hold the conversation with Albert" in said
    assert conversation_of(hub, ALBERT).flow == takeover.FLOW  # still in Dev's hands


# In a real browser.

def drive_chromium(link: str, hub, reference: str) -> dict[str, str]:
    """Carol opens Albert's request from the queue, takes his conversation, reads what he
    writes, presses Send with nothing and then with only spaces, replies, and gives the
    conversation back. What each step showed, by name."""
    from selenium.webdriver.common.by import By

    shown: dict[str, str] = {}
    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, reference).click()
        wait.until(lambda d: d.title.startswith(reference))
        shown["opened"] = driver.find_element(By.TAG_NAME, "main").text
        shown["taken"] = submit_and_read_flash(
            driver, wait, driver.find_element(By.XPATH, "//button[text()='Take over']"))
        say(hub, ALBERT, "what time will she come?")
        driver.refresh()
        shown["held"] = driver.find_element(By.CSS_SELECTOR, "ol.conversation").text
        box = driver.find_element(By.CSS_SELECTOR, "textarea[name=text]")
        driver.find_element(By.XPATH, "//button[text()='Send']").click()
        # The browser keeps an empty message back itself, and says why beside the box.
        shown["empty"] = box.get_property("validationMessage")
        box.send_keys("   ")
        shown["spaces"] = submit_and_read_flash(
            driver, wait, driver.find_element(By.XPATH, "//button[text()='Send']"))
        driver.find_element(By.CSS_SELECTOR, "textarea[name=text]").send_keys(REPLY)
        shown["sent"] = submit_and_read_flash(
            driver, wait, driver.find_element(By.XPATH, "//button[text()='Send']"))
        shown["conversation"] = driver.find_element(By.CSS_SELECTOR, "ol.conversation").text
        shown["released"] = submit_and_read_flash(driver, wait, driver.find_element(
            By.XPATH, "//button[text()='Give the conversation back to the hub']"))
        shown["after"] = driver.find_element(By.TAG_NAME, "main").text
    return shown


@browser
async def test_in_chromium_a_coordinator_takes_a_conversation_replies_and_releases_it(
        settings, clock):
    async with served_with_carol_signed_up(settings, clock) as (hub, link):
        reference = await asyncio.to_thread(alberts_shopping, hub)
        before = len(await asyncio.to_thread(waiting_for, hub, ALBERT))
        shown = await asyncio.to_thread(drive_chromium, link, hub, reference)
        assert "Conversation with Albert" in shown["opened"]
        assert shown["taken"].startswith(f"You now hold the conversation with Albert "
                                         f"({reference})")
        told = await asyncio.to_thread(waiting_for, hub, ALBERT)
        assert "Carol from Thurrock Community Hub is reading your messages now" in told[before]
        # What Albert wrote shows on the page, and the hub did not answer it itself.
        assert "Albert: what time will she come?" in shown["held"]
        assert shown["empty"]  # the browser's own "fill out this field"
        assert shown["spaces"] == "Write the message first."
        assert shown["sent"] == "Sent to Albert, as the hub."
        assert f"Hub: Thurrock Community Hub: {REPLY}" in shown["conversation"]
        assert shown["released"].startswith(f"Released: the hub answers Albert ({reference})")
        assert "Take over" in shown["after"]
        told = await asyncio.to_thread(waiting_for, hub, ALBERT)
        # After "reading your messages now": only the reply (nothing for the empty
        # presses, no answer of the hub's own to his question), then the hand-back.
        assert told[before + 1:-1] == [f"Thurrock Community Hub: {REPLY}"]
        assert "answering your messages itself again" in told[-1]
        assert conversation_of(hub, ALBERT).flow != takeover.FLOW
        assert [e.channel for e in audit_events(hub, "admin.text")] == ["dashboard"]
