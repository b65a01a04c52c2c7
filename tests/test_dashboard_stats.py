"""The dashboard's Statistics page (bot/channels/dashboard_stats.py): charts with their
tables for a period picked by plain links and GET forms, and the report and CSV as
downloads; in process with httpx, and in a real browser."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path

import pytest

from bot.services.people.coordinators import add_coordinator
from doubles.harness import running_hub
from test_dashboard import (
    CAROL as DASHBOARD_CAROL,
    audit_events,
    browser,
    client_for,
    link_for,
    sign_in,
    signed_in_chromium,
)
from test_figures import a_known_autumn
from test_report import personal_details

CONFTEST_CAROL = "+447700900601"  # who assigns and acknowledges in the known autumn


def with_dashboard_coordinator(hub) -> None:
    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", DASHBOARD_CAROL, "Caroline", hub.clock())


@pytest.fixture
def autumn(hub, clock, carol):
    ledger = a_known_autumn(hub, clock)
    with_dashboard_coordinator(hub)
    return ledger


@pytest.fixture
async def client(hub):
    async with client_for(hub) as test_client:
        yield test_client


def charts_and_tables(page: str) -> tuple[int, int]:
    return len(re.findall(r'<svg [^>]*class="chart"[^>]*role="img"', page)), page.count("<table")


@pytest.mark.parametrize("path", ["/dashboard/stats/report.html?period=week",
                                  "/dashboard/stats/figures.csv"])
async def test_the_downloads_need_a_session_like_every_page(client, path):
    response = await client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/signin-help"


async def test_the_page_shows_today_at_a_glance_then_the_last_four_weeks_as_charts(
        client, hub, autumn):
    await sign_in(client, hub)
    page = (await client.get("/dashboard/stats")).text
    assert "Today: 0 new" in page  # STATS, as the chat says it
    assert "Figures for 6 Nov 2026 to 3 Dec 2026" in page
    assert charts_and_tables(page) == (8, 9)
    assert '<link rel="stylesheet" href="/dashboard/static/charts.css">' in page
    assert (await client.get("/dashboard/static/charts.css")).status_code == 200
    # Open requests and available volunteers now, beside the requests of the period.
    districts = re.search(r'<table id="fig-districts-table".*?</table>', page).group(0)
    assert "Open now" in districts and "Volunteers available now" in districts
    assert '<a href="/dashboard/stats?period=4weeks" aria-current="page">' in page
    assert "<script" not in page


async def test_a_month_picked_in_the_form_shows_its_figures_and_the_change(client, hub, autumn):
    await sign_in(client, hub)
    page = (await client.get("/dashboard/stats", params={"period": "month",
                                                         "month": "2026-11"})).text
    assert "Figures for November 2026" in page
    assert "<li>4 requests, up 100%; 25% had a volunteer within a day.</li>" in page
    assert 'value="2026-11"' in page
    assert 'href="/dashboard/stats/report.html?period=month&amp;month=2026-11"' in page
    for detail in personal_details(autumn):
        assert detail not in page.split('id="period-heading"')[1], detail


async def test_dates_picked_in_the_form_and_a_period_that_cannot_be_read(client, hub, autumn):
    await sign_in(client, hub)
    week = (await client.get("/dashboard/stats", params={
        "period": "custom", "from": "2026-11-02", "to": "2026-11-08"})).text
    assert "Figures for 2 Nov 2026 to 8 Nov 2026" in week
    assert "<li>2 requests, up from none; 50% had a volunteer within a day.</li>" in week
    for asked in ({"period": "month", "month": "2027-01"}, {"period": "month", "month": "Nov"},
                  {"period": "custom", "from": "2026-11-09", "to": "2026-11-01"},
                  {"period": "custom", "from": "2020-01-01", "to": "2026-11-01"},
                  {"period": "<script>"}):
        page = (await client.get("/dashboard/stats", params=asked)).text
        assert "could not be read, so this shows the last 4 weeks" in page, asked
        assert "Figures for 6 Nov 2026 to 3 Dec 2026" in page and "<script>" not in page


async def test_the_report_and_the_csv_download_for_the_period_shown(client, hub, autumn):
    await sign_in(client, hub)
    asked = {"period": "month", "month": "2026-11"}
    report = await client.get("/dashboard/stats/report.html", params=asked)
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert report.headers["content-disposition"] == 'attachment; filename="report-2026-11.html"'
    assert "4 requests, up 100%; 25% had a volunteer within a day." in report.text
    assert "@page { size: A4" in report.text
    figures = await client.get("/dashboard/stats/figures.csv", params=asked)
    assert figures.headers["content-disposition"] == (
        'attachment; filename="figures-2026-11.csv"')
    totals = {(row["from"], row["measure"], row["group"]): row["value"]
              for row in csv.DictReader(io.StringIO(figures.text)) if row["section"] == "totals"}
    assert totals[("2026-11-01", "requests", "")] == "4"
    assert totals[("2026-10-01", "requests", "")] == "2"
    for detail in personal_details(autumn):
        assert detail not in report.text and detail not in figures.text, detail
    assert [e.subject for e in audit_events(hub, "dashboard.exported")] == ["report", "figures"]


async def test_a_coordinator_who_reads_polish_sees_the_figures_in_polish(client, hub, autumn):
    from models import Person
    from test_dashboard import person_id

    with hub.session_factory.begin() as session:
        session.get(Person, person_id(hub, DASHBOARD_CAROL)).language = "pl"
    await sign_in(client, hub)
    page = (await client.get("/dashboard/stats?period=month&month=2026-11")).text
    assert "Liczby: listopad 2026" in page and "Prośby dziennie, według rodzaju" in page
    assert "<li>4 prośby, o 100% więcej; 25% z nich dostało wolontariusza w ciągu doby.</li>" in page
    assert "Pobierz raport za ten okres" in page


# In a real browser: the charts are drawn, and the period links work without JavaScript.

def look_at_the_statistics(link: str, screenshot: Path) -> dict:
    from selenium.webdriver.common.by import By

    with signed_in_chromium(link, "--window-size=1280,2000") as (driver, wait):
        driver.find_element(By.LINK_TEXT, "Statistics").click()
        wait.until(lambda d: "Statistics" in d.title)
        charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
        seen = {
            "charts": len(charts),
            "drawn": [round(chart.rect["width"]) for chart in charts],
            "titles": [chart.find_element(By.TAG_NAME, "title").get_attribute("textContent")
                       for chart in charts],
            "bars": len(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect title")),
            "tables": len(driver.find_elements(By.CSS_SELECTOR, "table.figures")),
            "heading": driver.find_element(By.ID, "period-heading").text,
        }
        driver.save_screenshot(str(screenshot))
        driver.find_element(By.LINK_TEXT, "This week").click()
        wait.until(lambda d: "Figures for 30 Nov 2026 to 3 Dec 2026" in d.find_element(
            By.ID, "period-heading").text)
        seen["this week"] = len(driver.find_elements(By.CSS_SELECTOR, "svg.chart"))
        return seen


@browser
async def test_in_chromium_the_statistics_page_draws_its_charts_beside_their_tables(
        settings, clock, tmp_path):
    async with running_hub(settings, clock, telegram=False, sms=False,
                           run_worker=False) as served:
        hub = served.hub
        with hub.session_factory.begin() as session:
            add_coordinator(session, "phone", CONFTEST_CAROL, "Carol", hub.clock())
        await asyncio.to_thread(a_known_autumn, hub, clock)
        await asyncio.to_thread(with_dashboard_coordinator, hub)
        link = await asyncio.to_thread(link_for, hub, DASHBOARD_CAROL)
        screenshot = tmp_path / "statistics.png"
        seen = await asyncio.to_thread(look_at_the_statistics, link, screenshot)
    assert seen["charts"] == 8 and seen["tables"] == 9
    assert all(width > 300 for width in seen["drawn"]), seen["drawn"]
    assert seen["titles"][0] == "Requests per day, by kind"
    assert seen["bars"] > 10
    assert seen["heading"] == "Figures for 6 Nov 2026 to 3 Dec 2026"
    assert seen["this week"] == 8
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20000
