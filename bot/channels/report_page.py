"""The report a coordinator hands to a committee: one self-contained HTML page.

`neighbourly report --month 2026-11` writes it, and the dashboard's Statistics
page offers the same for the period shown. Everything is inside the file (the
charts are inline SVG, the styles inline), so it opens offline, can be emailed,
and prints on A4. It carries counts only: no one's name, phone number, address
or words.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from bot.channels.figures_view import (
    Words,
    brief_lines,
    figure_sections,
    key_figures_table,
)
from bot.channels.templating import render
from bot.services.coordinating.figures import Figures

CHART_STYLES = Path(__file__).parent / "static" / "charts.css"
PAGE_STYLES = """
@page { size: A4; margin: 15mm 14mm; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; background: #fff;
       font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #12355b; }
.made, .how { color: #3b3b3b; font-size: .95rem; }
.brief { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
#key-figures { margin-top: 1.5rem; }
#key-figures caption { font-size: 1.2rem; border-bottom: 2px solid #12355b; margin-bottom: .5rem; }
th, td { border-bottom: 1px solid #767676; text-align: left; vertical-align: top; }
.chart-and-table { display: block; }
.chart-data { max-height: none; overflow: visible; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  table.figures { font-size: 8.5pt; }
  tr { break-inside: avoid; }
}
"""


def report_html(current: Figures, previous: Figures, hub_name: str, language: str,
                made_at: datetime) -> str:
    """The page for `current`, its changes from `previous`, as of `made_at`
    (templates/report.html)."""
    words = Words(language)
    title = words("figures.report.title", hub=hub_name, period=words.period(current.period))
    made_on = words.date(made_at.astimezone(current.period.zone).date())
    # Our own stylesheet, not anyone's words: CSS inside <style> must not be HTML-escaped.
    styles = Markup(CHART_STYLES.read_text(encoding="utf-8") + PAGE_STYLES)
    return render(
        "report.html", language=language, title=title, styles=styles, words=words,
        made=words("figures.report.made", date=made_on),
        compared=words("figures.report.compared", period=words.period(previous.period)),
        brief=brief_lines(current, previous, words),
        key_figures=key_figures_table(current, previous, words),
        sections=figure_sections(current, words, now_too=False, prefix="report"))
