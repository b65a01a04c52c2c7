"""The dashboard's Campaigns pages: import a list, start it, ring the call list, download it."""

from __future__ import annotations

import asyncio
import csv
import html
import io
from pathlib import Path

from sqlalchemy import select
from test_dashboard import (  # noqa: F401
    CAROL,
    browser,
    carol,
    client,
    link_for,
    served_with_carol_signed_up,
    sign_in,
    signed_in_chromium,
)
from test_offers import waiting_for

from bot.channels.dashboard_campaigns import read_upload
from models import AuditEvent, CampaignMember

BASIS = "Data-sharing agreement with Thurrock Council (DSA-14), vital interests"
LIST = ("name,phone,postcode,notes\r\n"
        "Joan Smith,07700 900301,RM17 6SL,lives alone\r\n"
        "Stan Wood,01375 652802,RM20 3LP,@SUM(A1) hard of hearing\r\n"
        "Nobody,not a number,RM17 6SL,\r\n")


async def upload(http, csrf, text=LIST, name="Shielding list", basis=BASIS):
    return await http.post("/dashboard/campaigns/import", follow_redirects=True,
                             data={"csrf": csrf, "name": name, "legal_basis": basis},
                             files={"list": ("shielding.csv", text.encode(), "text/csv")})


def test_a_posted_file_is_read_with_its_fields():
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
            b"--XyZ\r\nContent-Disposition: form-data; name=\"list\"; filename=\"a.csv\"\r\n"
            b"Content-Type: text/csv\r\n\r\n\xef\xbb\xbfname,phone\r\nJo\xc3\xa9,1\r\n"
            b"--XyZ--\r\n")
    fields = read_upload(body, "multipart/form-data; boundary=XyZ")
    # The line end before a boundary belongs to the boundary; the byte-order mark goes.
    assert fields == {"csrf": "token", "list": "name,phone\r\nJoé,1"}
    assert read_upload(body, "application/x-www-form-urlencoded") == {}


async def test_a_list_is_imported_started_rung_and_downloaded(client, hub, carol):  # noqa: F811
    csrf = await sign_in(client, hub)
    page = (await client.get("/dashboard/campaigns")).text
    assert 'enctype="multipart/form-data"' in page and "No campaigns yet" in page
    imported = await upload(client, csrf)
    said = html.unescape(imported.text)
    assert "Campaign 1, Shielding list: 2 people imported." in said
    assert "Not imported: line 4: not a number is not a phone number." in said
    assert str(imported.url).split("?")[0].endswith("/dashboard/campaigns/1")
    assert BASIS in said and "Start the campaign" in said
    started = html.unescape((await client.post("/dashboard/campaigns/1/start", data={
        "csrf": csrf, "own_words": "with the snow this week"}, follow_redirects=True)).text)
    assert "Campaign 1 started. Check-ups to send: 1," in started
    assert "Your words in the check-up: With the snow this week." in started
    assert "checking you're all right. With the snow this week." in waiting_for(
        hub, "+447700900301")[-1]
    # Stan is on a landline: on the call list at once, with a button for each outcome.
    assert "<td>Stan Wood</td><td>+441375652802</td>" in started
    with hub.session_factory() as session:
        stan = session.scalars(select(CampaignMember).where(
            CampaignMember.name == "Stan Wood")).one()
    rung = html.unescape((await client.post(f"/dashboard/campaigns/1/calls/{stan.id}", data={
        "csrf": csrf, "result": "needs_help", "note": "needs a lift on Tuesday"},
        follow_redirects=True)).text)
    assert "Noted: Stan Wood needs help. Record what they need with NEW" in rung
    assert "<td>Stan Wood</td><td>+441375652802</td><td></td><td>needs a lift on Tuesday</td>" \
        "<td>not made yet</td>" in rung and "Nobody to ring just now" in rung
    downloaded = await client.get("/dashboard/campaigns/1/campaign.csv")
    assert downloaded.headers["content-type"].startswith("text/csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(downloaded.text))}
    assert rows["Stan Wood"]["notes"] == "'@SUM(A1) hard of hearing"
    assert rows["Stan Wood"]["call_result"] == "needs_help"
    assert rows["Joan Smith"]["texted_at"]
    with hub.session_factory() as session:
        done = session.execute(select(AuditEvent.action, AuditEvent.channel).where(
            AuditEvent.action.like("campaign.%")).order_by(AuditEvent.id)).all()
    assert done == [("campaign.imported", "dashboard"), ("campaign.started", "dashboard"),
                    ("campaign.all_texted", None), ("campaign.called", "dashboard")]


async def test_an_import_needs_its_token_and_its_legal_basis(client, hub, carol):  # noqa: F811
    csrf = await sign_in(client, hub)
    refused = await upload(client, "forged")
    assert refused.status_code == 403
    missing = html.unescape((await upload(client, csrf, basis=" ")).text)
    assert "Please record the legal basis" in missing
    assert "No campaigns yet" in missing
    wrong = await client.post("/dashboard/campaigns/1/calls/1", data={
        "csrf": csrf, "result": "fine"}, follow_redirects=True)
    assert "How did the call go?" in html.unescape(wrong.text)
    assert (await client.get("/dashboard/campaigns/9")).status_code == 404


# In a real browser.

def drive_chromium(link: str, list_file: Path) -> str:
    """Sign in, import the list, start the campaign, record Stan's call: the last message."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def flash_says(words: str):
        """Whether the page's message says `words` (asked again while the page reloads)."""
        def check(driver) -> bool:
            try:
                return any(words in element.text
                           for element in driver.find_elements(By.CSS_SELECTOR, ".flash"))
            except StaleElementReferenceException:
                return False
        return check

    with signed_in_chromium(link) as (driver, wait):
        driver.find_element(By.LINK_TEXT, "Campaigns").click()
        wait.until(lambda d: "Campaigns" in d.title)
        driver.find_element(By.NAME, "name").send_keys("Shielding list")
        driver.find_element(By.NAME, "legal_basis").send_keys(BASIS)
        driver.find_element(By.NAME, "list").send_keys(str(list_file))
        driver.find_element(By.XPATH, "//button[text()='Import the list']").click()
        wait.until(flash_says("2 people imported"))
        driver.find_element(By.NAME, "own_words").send_keys("with the snow this week")
        driver.find_element(By.XPATH, "//button[text()='Start the campaign']").click()
        wait.until(flash_says("started"))
        driver.find_element(By.NAME, "note").send_keys("daughter visits daily")
        driver.find_element(By.XPATH, "//button[text()='Fine']").click()
        wait.until(flash_says("Noted"))
        return driver.find_element(By.CSS_SELECTOR, ".flash").text


@browser
async def test_in_chromium_a_coordinator_imports_starts_and_records_a_call(settings, clock,
                                                                           tmp_path):
    list_file = tmp_path / "shielding.csv"
    list_file.write_text(LIST)
    async with served_with_carol_signed_up(settings, clock) as (hub, link):
        said = await asyncio.to_thread(drive_chromium, link, list_file)
        assert said == "Noted: Stan Wood, fine."
        with hub.session_factory() as session:
            stan = session.scalars(select(CampaignMember).where(
                CampaignMember.name == "Stan Wood")).one()
            joan = session.scalars(select(CampaignMember).where(
                CampaignMember.name == "Joan Smith")).one()
        assert (stan.call_result, stan.call_note) == ("fine", "daughter visits daily")
        assert joan.sent_at is not None
