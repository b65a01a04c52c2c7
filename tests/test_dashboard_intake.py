"""The dashboard's "New request" form (bot/channels/dashboard_intake.py): a request for
someone who rang, or a referral; in process with httpx, and in a real browser against the
running hub."""

from __future__ import annotations

import asyncio
import html

from sqlalchemy import select
from test_dashboard import (  # noqa: F401
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
from test_dashboard_conversation import submit_and_read_flash
from test_intake import requests_for
from test_offers import add_volunteer, request_of, say, waiting_for

from bot.services.people.coordinators import add_coordinator
from models import OutboundMessage, RequestStatus

SUE = "+447700900555"  # the discharge team's referrer: her mobile gets Joan's news
EDNA = {"name": "Edna Brown", "phone": "01375 654321", "address": "9 Orsett Road",
        "postcode": "rm17 6sl", "when": "tomorrow"}
JOAN = {"name": "Joan Smith", "phone": "01375 123456", "address": "12 Orsett Road",
        "postcode": "RM17 6SL", "when": "friday",
        "details": "Just home from Basildon Hospital, walks with a frame",
        "referrer_name": "Sue at Thurrock discharge team", "referrer_contact": "07700 900555"}
BOXES = ("name", "phone", "address", "postcode", "when", "details", "referrer_name",
         "referrer_contact")


# In process, with httpx.

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


async def test_a_refused_form_comes_back_once_with_what_was_typed_and_only_to_its_typist(
        client, hub, carol):  # noqa: F811
    from urllib.parse import parse_qs, urlsplit

    from test_dashboard import client_for

    csrf = await sign_in(client, hub)
    typed = {"name": "Joan Smith", "phone": "12", "address": "12 Orsett Road",
             "postcode": "RM17 6SL", "kind": "prescription", "when": "friday",
             "source": "family", "referrer_name": "Her son Tom",
             "referrer_contact": "07700 900444", "consent": "yes"}
    refused = await client.post("/dashboard/new-request", data={"csrf": csrf, **typed})
    assert refused.status_code == 303
    # The way back carries only the signed message, none of Joan's details.
    back = urlsplit(refused.headers["location"])
    assert back.path == "/dashboard/new-request" and list(parse_qs(back.query)) == ["said"]
    flash = hub.signer.verify("flash", parse_qs(back.query)["said"][0], hub.clock())
    assert set(flash) == {"text", "exp"} and "phone number doesn't look right" in flash["text"]
    # Another coordinator's form stays empty.
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900711", "Dev", hub.clock())
    async with client_for(hub) as devs_browser:
        await sign_in(devs_browser, hub, "+447700900711")
        assert "Joan Smith" not in (await devs_browser.get("/dashboard/new-request")).text
    page = html.unescape((await client.get(refused.headers["location"])).text)
    for value in ("Joan Smith", "12", "12 Orsett Road", "RM17 6SL", "friday", "Her son Tom",
                  "07700 900444"):
        assert f'value="{value}"' in page
    assert '<option value="prescription" selected>' in page
    assert '<option value="family" selected>' in page
    assert 'name="consent" value="yes" required checked>' in page
    # Drawn once: the next "New request" is a fresh form.
    again = (await client.get("/dashboard/new-request")).text
    assert "Joan Smith" not in again and " selected" not in again and " checked" not in again
    assert requests_for(hub, "Joan Smith") == []


# In a real browser.

def fill_in(driver, typed: dict[str, str], kind: str, source: str) -> None:
    """Type into the form's boxes as a coordinator would, choose the kind of help and who
    asked by their labels, and tick the person's agreement."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for name, value in typed.items():
        box = driver.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    Select(driver.find_element(By.NAME, "kind")).select_by_visible_text(kind)
    Select(driver.find_element(By.NAME, "source")).select_by_visible_text(source)
    consent = driver.find_element(By.NAME, "consent")
    if not consent.is_selected():
        consent.click()


def what_the_form_holds(driver) -> dict[str, str]:
    """Each box's value, and the chosen kind, source and agreement, as the page shows them."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    held = {name: driver.find_element(By.NAME, name).get_property("value") for name in BOXES}
    for name in ("kind", "source"):
        held[name] = Select(driver.find_element(By.NAME, name)).first_selected_option.text
    held["consent"] = "ticked" if driver.find_element(By.NAME, "consent").is_selected() else ""
    return held


def record(driver, wait) -> dict[str, str]:
    """Press "Record the request": what the page then said, its title and its main text."""
    from selenium.webdriver.common.by import By

    said = submit_and_read_flash(
        driver, wait, driver.find_element(By.XPATH, "//button[text()='Record the request']"))
    return {"said": said, "title": driver.title,
            "main": driver.find_element(By.TAG_NAME, "main").text}


def drive_two_intakes(link: str) -> dict[str, dict[str, str]]:
    """Carol records Edna, who rang from her landline, then the discharge team's referral
    of Joan, each from the navigation's "New request"."""
    from selenium.webdriver.common.by import By

    shown: dict[str, dict[str, str]] = {}
    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, "New request").click()
        wait.until(lambda d: d.title.startswith("New request"))
        fill_in(driver, EDNA, "Shopping", "The person themselves (they rang)")
        shown["edna"] = record(driver, wait)
        driver.find_element(By.LINK_TEXT, "New request").click()
        wait.until(lambda d: d.title.startswith("New request"))
        fill_in(driver, JOAN, "Prescription collection",
                "A partner organisation (GP, occupational therapy, hospital discharge team, "
                "council)")
        shown["joan"] = record(driver, wait)
    return shown


@browser
async def test_in_chromium_a_landline_caller_and_a_discharge_teams_referral_are_recorded(
        settings, clock):
    async with served_with_carol_signed_up(settings, clock) as (hub, link):
        julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping", "prescription"))
        shown = await asyncio.to_thread(drive_two_intakes, link)

        [edna] = await asyncio.to_thread(requests_for, hub, "Edna Brown")
        [joan] = await asyncio.to_thread(requests_for, hub, "Joan Smith")
        # Each form leads to its request's page, which says where the person's news goes.
        assert shown["edna"]["said"] == (
            f"{edna.reference} recorded for Edna Brown; looking for a volunteer now. SHOW "
            f"{edna.reference} to follow it. No mobile: the volunteer will ring "
            "+441375654321, and news goes to the coordinators.")
        assert shown["edna"]["title"].startswith(edna.reference)
        assert "Taken by phone by Carol" in shown["edna"]["main"]
        assert shown["joan"]["said"] == (
            f"{joan.reference} recorded for Joan Smith; looking for a volunteer now. SHOW "
            f"{joan.reference} to follow it. No mobile: the volunteer will ring "
            "+441375123456, and news goes to Sue at Thurrock discharge team.")
        assert shown["joan"]["title"].startswith(joan.reference)
        assert ("Referral from Sue at Thurrock discharge team (07700 900555) recorded by Carol"
                in shown["joan"]["main"])

        # What the database keeps: the kind, the postcode read, the landline to ring, who
        # asked, and the person's agreement recorded with Carol's name.
        assert (edna.category, edna.postcode, edna.phone_to_ring, edna.source,
                edna.referrer_name, edna.channel) == (
            "shopping", "RM17 6SL", "+441375654321", "self", None, "voice")
        assert (joan.category, joan.postcode, joan.phone_to_ring, joan.source,
                joan.referrer_name, joan.referrer_contact, joan.details) == (
            "prescription", "RM17 6SL", "+441375123456", "partner",
            "Sue at Thurrock discharge team", "07700 900555", JOAN["details"])
        assert edna.consent_given and joan.consent_given
        assert edna.consent_recorded_by_id == joan.consent_recorded_by_id is not None
        assert [e.channel for e in await asyncio.to_thread(
            audit_events, hub, "request.taken_by_phone")] == ["dashboard"]
        assert [e.channel for e in await asyncio.to_thread(
            audit_events, hub, "request.referred")] == ["dashboard"]

        # Julia takes both: she is given each landline to ring; Edna's news goes to the
        # coordinators, Joan's to Sue's mobile, and nothing is texted to either landline.
        await asyncio.to_thread(say, hub, julia, f"YES {edna.reference}")
        assert "+441375654321" in (await asyncio.to_thread(waiting_for, hub, julia))[-1]
        carol_told = (await asyncio.to_thread(waiting_for, hub, CAROL))[-1]
        assert "For Edna Brown" in carol_told and "please ring +441375654321" in carol_told
        await asyncio.to_thread(say, hub, julia, f"YES {joan.reference}")
        assert "+441375123456" in (await asyncio.to_thread(waiting_for, hub, julia))[-1]
        assert "About Joan Smith" in (await asyncio.to_thread(waiting_for, hub, SUE))[-1]
        with hub.session_factory() as session:
            assert not session.scalars(select(OutboundMessage).where(
                OutboundMessage.person_id.in_([edna.resident_id, joan.resident_id]))).all()
        assert [r.status for r in (await asyncio.to_thread(requests_for, hub, "Edna Brown")
                                   + await asyncio.to_thread(requests_for, hub, "Joan Smith"))
                ] == [RequestStatus.ASSIGNED, RequestStatus.ASSIGNED]


def drive_refused_intakes(link: str, nothing_recorded) -> dict[str, object]:
    """Carol leaves the postcode out, then types a phone number that is no number, then a
    town for the postcode, and then puts it right. What the page showed at each step (and
    `nothing_recorded()` just after each refusal)."""
    from selenium.webdriver.common.by import By

    shown: dict[str, object] = {}
    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, "New request").click()
        wait.until(lambda d: d.title.startswith("New request"))
        fill_in(driver, {**JOAN, "postcode": ""}, "Prescription collection", "Family or a friend")
        driver.find_element(By.XPATH, "//button[text()='Record the request']").click()
        # The browser keeps the form back itself, and says why beside the empty box.
        shown["no postcode"] = (
            driver.find_element(By.NAME, "postcode").get_property("validationMessage"),
            driver.current_url, nothing_recorded())
        fill_in(driver, {"postcode": "RM17 6SL", "phone": "12"}, "Prescription collection",
                "Family or a friend")
        shown["bad phone"] = (record(driver, wait)["said"], what_the_form_holds(driver),
                              nothing_recorded())
        fill_in(driver, {"postcode": "Grays", "phone": JOAN["phone"]},
                "Prescription collection", "Family or a friend")
        shown["bad postcode"] = (record(driver, wait)["said"], what_the_form_holds(driver),
                                 nothing_recorded())
        fill_in(driver, {"postcode": "RM17 6SL"}, "Prescription collection",
                "Family or a friend")
        shown["put right"] = record(driver, wait)
    return shown


@browser
async def test_in_chromium_a_refused_form_says_what_is_wrong_and_keeps_what_was_typed(
        settings, clock):
    async with served_with_carol_signed_up(settings, clock) as (hub, link):
        shown = await asyncio.to_thread(drive_refused_intakes, link,
                                        lambda: requests_for(hub, "Joan Smith") == [])

        message, url, nothing = shown["no postcode"]
        assert message and url.endswith("/dashboard/new-request") and nothing
        typed = {**JOAN, "kind": "Prescription collection", "source": "Family or a friend",
                 "consent": "ticked"}
        said, held, nothing = shown["bad phone"]
        assert said == ("That phone number doesn't look right: please check it "
                        "(a landline will do).")
        assert held == {**typed, "phone": "12"} and nothing
        said, held, nothing = shown["bad postcode"]
        assert said == "Please give a full postcode, e.g. RM17 6SL."
        assert held == {**typed, "postcode": "Grays"} and nothing
        [joan] = await asyncio.to_thread(requests_for, hub, "Joan Smith")
        assert shown["put right"]["said"].startswith(f"{joan.reference} recorded for Joan Smith")
        assert (joan.source, joan.referrer_contact, joan.phone_to_ring, joan.postcode) == (
            "family", "07700 900555", "+441375123456", "RM17 6SL")
