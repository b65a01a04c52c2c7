"""The report a committee reads (bot/channels/report_page.py, charts.py, figures_view.py)
and `neighbourly report`, run as a user would.

The numbers in the report are checked against the known autumn of test_figures.py,
counted there from its own ledger; here each sentence is built from those counts and
must appear word for word. No name, phone number, address or free text may appear in
the page or the CSV.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from datetime import date, datetime, time, timedelta, timezone

import pytest

from bot.channels.charts import Series, bar_chart, data_table
from bot.channels.figures_view import Words
from bot.channels.report_page import report_html
from bot.services.coordinating.figures import figures_for, month_of, previous_period
from bot.services.coordinating.figures_csv import write_figures_csv
from test_cli import cli_env, neighbourly, postcode_cache  # noqa: F401 (fixtures)
from test_figures import NOVEMBER, Ledger, a_known_autumn, calls_by_london_day
from test_offers import add_volunteer, ask_for_help, say

SVG = "{http://www.w3.org/2000/svg}"


def percent_change(now: int, before: int) -> str:
    if before == 0:
        return "up from none" if now else "no change"
    change = round(100 * (now - before) / before)
    return f"up {change}%" if change > 0 else f"down {-change}%" if change < 0 else "no change"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def november_report(hub, language: str = "en") -> tuple[str, str]:
    """The page and the CSV for November 2026, as `neighbourly report` writes them."""
    period = month_of(2026, 11, hub.clock(), hub.settings.timezone)
    with hub.session_factory() as session:
        current = figures_for(session, period, hub.clock())
        previous = figures_for(session, previous_period(period), hub.clock())
    stream = io.StringIO()
    write_figures_csv(stream, current, previous)
    return (report_html(current, previous, hub.settings.hub_name, language, hub.clock()),
            stream.getvalue())


def personal_details(ledger: Ledger) -> list[str]:
    """Everything about a person the scenario put into the hub, as it could show up."""
    found = ["Carol", "07700", "+44", "Orsett", "14 Orsett Road"]
    found += list(ledger.people)  # first names
    for phone in ledger.people.values():
        found += [phone, phone.replace("+44", "0"), phone[-6:]]
    found += [address for address in ledger.addresses if " " in address]  # full postcodes
    # What people wrote, whole and by its telling words.
    found += ledger.words + ["library van", "cheerful", "forgetful", "chemist", "a fall",
                             "walk my dog", "get my shopping", "ring me for a chat"]
    return sorted(set(found))


@pytest.fixture
def autumn(hub, clock, carol) -> Ledger:
    return a_known_autumn(hub, clock)


def test_the_reports_sentences_say_the_months_figures_and_their_change(hub, autumn):
    page, _ = november_report(hub)
    october = date(2026, 10, 1)
    made, before = autumn.in_month(autumn.requests, NOVEMBER), autumn.in_month(
        autumn.requests, october)
    waits = sorted(minutes for _, minutes in autumn.in_month(autumn.waits, NOVEMBER))
    within = round(100 * sum(m <= 24 * 60 for m in waits) / len(made))
    joined, joined_before = (len(autumn.in_month(autumn.joined, m)) for m in (NOVEMBER, october))
    helped = len({name for _, name in autumn.in_month(autumn.helped, NOVEMBER)})
    calls = [c for c in calls_by_london_day(hub) if c[0].replace(day=1) == NOVEMBER]
    made_calls = sum(outcome == "done" for _, outcome, _ in calls)
    concerns, concerns_before = (autumn.in_month(autumn.concerns, m) for m in (NOVEMBER,
                                                                             october))
    acks = [minutes for _, _, minutes in concerns if minutes is not None]
    expected = [
        f"{plural(len(made), 'request', 'requests')}, {percent_change(len(made), len(before))}; "
        f"{within}% had a volunteer within a day.",
        "By kind: 1 shopping trip, 1 prescription collection, 1 friendly phone call, "
        "1 dog walk.",
        "Done: 1; cancelled or expired: 1; still open: 2.",
        # 30 minutes and 51 hours: half within their mean, nine in ten within the longer.
        f"Half had a volunteer within {int(sum(waits) / 2 // 60)} h "
        f"{int(sum(waits) / 2 % 60)} min, nine in ten within {int(waits[1] // 60)} h.",
        f"{plural(joined, 'volunteer joined', 'volunteers joined')}, "
        f"{percent_change(joined, joined_before)}; "
        f"{plural(helped, 'volunteer helped someone', 'volunteers helped someone')}.",
        "On 3 Dec 2026: 2 available, 1 paused, 1 awaiting checks.",
        f"{plural(made_calls, 'check-in call made', 'check-in calls made')}, up from none; "
        f"no answer: {sum(o == 'no_answer' for _, o, _ in calls)}; "
        f"missed: {sum(o in ('missed', 'not_called') for _, o, _ in calls)}; "
        f"raised with a coordinator: {sum(flag for _, _, flag in calls)}.",
        f"{plural(len(concerns), 'concern raised', 'concerns raised')}, "
        f"{percent_change(len(concerns), len(concerns_before))}; "
        f"urgent: {sum(urgent for _, urgent, _ in concerns)}.",
        f"Half were acknowledged within {int(acks[0])} min, nine in ten within "
        f"{int(acks[0])} min.",
    ]
    brief = re.search(r'<ul class="brief">(.*?)</ul>', page).group(1)
    assert re.findall(r"<li>(.*?)</li>", brief) == [e.replace("'", "&#x27;") for e in expected]
    assert expected[0] == "4 requests, up 100%; 25% had a volunteer within a day."
    assert "figures for November 2026" in page and "Changes are from October 2026." in page


def test_the_key_figures_table_puts_each_month_beside_the_other(hub, autumn):
    page, _ = november_report(hub)
    table = re.search(r'<table id="key-figures".*?</table>', page).group(0)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
             for row in re.findall(r"<tr>(.*?)</tr>", table)]
    rows = {row[0]: row[1:] for row in cells}
    assert rows["Figure"] == ["November 2026", "October 2026", "Change"]
    assert rows["Requests"] == ["4", "2", "up 100%"]
    assert rows["Had a volunteer within a day"] == ["25%", "100%", ""]
    assert rows["Volunteers joined"] == ["2", "3", "down 33%"]
    assert rows["Check-in calls missed"] == ["2", "0", "up from none"]
    assert rows["Median time to acknowledge a concern"] == ["8 min", "1 h", ""]


def test_the_report_is_one_self_contained_page_for_a4_with_a_chart_and_table_each(hub, autumn):
    page, _ = november_report(hub)
    assert page.startswith("<!doctype html>") and "@page { size: A4" in page
    assert "@media print" in page
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|url\(", page)
    assert not re.search(r'href="(?!#)', page)  # nothing to fetch from anywhere
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 8
    for chart in charts:
        svg = ElementTree.fromstring(chart.replace("&nbsp;", " "))
        assert svg.get("role") == "img" and svg.get("aria-labelledby")
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    # Every chart sits beside its table of the same figures.
    assert page.count('<div class="chart-and-table">') == 8
    assert page.count("<table") == 9  # and the key figures
    requests_chart = charts[0]
    assert len(re.findall(r"<rect [^>]*><title>", requests_chart)) == 4  # one a day asked
    assert "Mon 2 Nov, A friendly phone call: 1" in requests_chart


def test_no_personal_details_are_in_the_report_or_its_csv(hub, autumn):
    page, figures = november_report(hub)
    polish, _ = november_report(hub, "pl")
    details = personal_details(autumn)
    assert "Dorothea" in details and "+447700900814" in details and "RM17 6SL" in details
    for text in (page, polish, figures):
        for detail in details:
            assert detail not in text, f"{detail!r} is in the report"
    assert "RM17" in page and "RM16" in page  # districts are not addresses


def test_the_report_in_polish_counts_with_polish_plurals(hub, autumn):
    page, _ = november_report(hub, "pl")
    assert '<html lang="pl">' in page
    assert "4 prośby, o 100% więcej; 25% z nich dostało wolontariusza w ciągu doby." in page
    assert "2 zgłoszone obawy" in page and "2 odbyte rozmowy" in page
    assert "liczby, listopad 2026" in page


def test_a_chart_escapes_every_text_and_is_well_formed_svg():
    chart = bar_chart("c<1>", 'Kinds "<b>"', "a & b", ["<script>", "Tue"],
                      [Series("<img src=x>", (3, None)), Series("Other & more", (1, 2))],
                      stacked=True)
    svg = ElementTree.fromstring(chart)
    assert "<script>" not in chart and "<img" not in chart and "<b>" not in chart
    assert svg.find(f"{SVG}title").text == 'Kinds "<b>"'
    bars = svg.findall(f"{SVG}rect/{SVG}title")
    assert [bar.text for bar in bars] == ["<script>, <img src=x>: 3", "<script>, Other & more: 1",
                                          "Tue, Other & more: 2"]


def test_a_chart_of_nothing_still_draws_its_axis_and_a_table_heads_each_row():
    svg = ElementTree.fromstring(bar_chart("empty", "None", "none", ["a", "b"],
                                           [Series("x", (0, 0))]))
    assert svg.findall(f"{SVG}line") and not svg.findall(f"{SVG}rect/{SVG}title")
    table = data_table("t", "Caption <1>", ("Day", "Count"), [["Mon <2>", "3"]])
    assert '<th scope="row">Mon &lt;2&gt;</th><td class="number">3</td>' in table
    assert "<caption>Caption &lt;1&gt;</caption>" in table


@pytest.mark.parametrize("minutes, en, pl", [
    (0, "0 min", "0 min"), (59.4, "59 min", "59 min"), (60, "1 h", "1 godz."),
    (95, "1 h 35 min", "1 godz. 35 min"), (71 * 60 + 59, "71 h 59 min", "71 godz. 59 min"),
    (72 * 60, "3 days", "3 dni"), (5 * 24 * 60, "5 days", "5 dni")])
def test_durations_in_words(minutes, en, pl):
    assert Words("en").duration(minutes) == en and Words("pl").duration(minutes) == pl


# `neighbourly report` as a user runs it.

def last_month_of_the_real_clock() -> date:
    return (datetime.now(timezone.utc).date().replace(day=1) - timedelta(days=1)).replace(day=1)


def test_neighbourly_report_writes_the_page_and_the_csv_for_a_month(cli_env, hub, clock,  # noqa: F811
                                                                   tmp_path):
    # The command's clock is the real one: the activity is put in last month.
    month = last_month_of_the_real_clock()
    clock.now = datetime.combine(month.replace(day=2), time(10), tzinfo=timezone.utc)
    julia = add_volunteer(hub, "Juliana", "RM17 5AA")
    reference = ask_for_help(hub, "+447700900831", "can someone get my shopping? I'm Hortense",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    clock.advance(minutes=20)
    say(hub, julia, f"YES {reference}")
    clock.advance(days=1)
    ask_for_help(hub, "+447700900832", "can someone walk my dog? I'm Ignatius", "RM16 2XU",
                 "3 Dock Road", "tomorrow", "yes")
    page, figures = tmp_path / "report.html", tmp_path / "figures.csv"
    result = neighbourly("report", "--out", str(page), "--csv", str(figures), env=cli_env)
    assert result.returncode == 0, result.stderr
    assert f"{month:%B %Y}" in result.stdout and "(2 requests)" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert f"Grays Hub: figures for {month:%B %Y}" in html
    assert "2 requests, up from none; 50% had a volunteer within a day." in html
    assert "By kind: 1 shopping trip, 1 dog walk." in html
    for detail in ("Juliana", "Hortense", "Ignatius", "Orsett", "Dock Road", "RM17 6SL",
                   "+447700900831", "07700900832", "walk my dog"):
        assert detail not in html and detail not in figures.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(figures.read_text(encoding="utf-8"))))
    totals = {(row["from"], row["measure"], row["group"]): row["value"] for row in rows
              if row["section"] == "totals"}
    assert totals[(month.isoformat(), "requests", "")] == "2"
    assert totals[(month.isoformat(), "requests", "dog_walking")] == "1"
    again = neighbourly("report", "--month", f"{month:%Y-%m}", "--language", "pl", "--out", "-",
                        env=cli_env)
    assert again.returncode == 0 and "2 prośby, wcześniej zero" in again.stdout


@pytest.mark.parametrize("arguments, says", [
    (("--month", "2026-13", "--out", "x.html"), "no such month"),
    (("--month", "November", "--out", "x.html"), "write the month as 2026-11"),
    (("--month", "2999-01", "--out", "x.html"), "has not started yet"),
    (("--month", "2026-11"), "--out report.html, --csv figures.csv"),
])
def test_neighbourly_report_explains_what_it_cannot_do(cli_env, arguments, says):  # noqa: F811
    result = neighbourly("report", *arguments, env=cli_env)
    assert result.returncode == 1 and says in result.stderr and "Traceback" not in result.stderr
