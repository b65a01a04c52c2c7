"""The dashboard's templates (bot/channels/templating.py): escaped, shipped with the package,
and fed by services, never by the models."""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import jinja2
import pytest

from bot.channels.templating import environment, render

ROOT = Path(__file__).resolve().parents[1]
CHANNELS = ROOT / "bot" / "channels"
TEMPLATES = CHANNELS / "templates"
# The web pages and the demo: channels that once queried the models themselves.
THROUGH_SERVICES = sorted([*CHANNELS.glob("dashboard*.py"), CHANNELS / "demo.py",
                           CHANNELS / "figures_view.py", CHANNELS / "report_page.py",
                           CHANNELS / "charts.py"])


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", THROUGH_SERVICES, ids=lambda path: path.name)
def test_the_dashboard_and_the_demo_reach_the_database_only_through_services(path):
    reached = {name for name in imported_modules(path)
               if name.split(".")[0] in {"models", "sqlalchemy"}}
    assert reached == set(), f"{path.name} imports {reached}: ask a service in bot/services/"


def test_every_template_is_shipped_in_the_package():
    """CI installs with `pip install .`: a template the package data misses is a page that
    fails only once installed."""
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["bot.channels"]
    templates = [path.relative_to(CHANNELS).as_posix() for path in TEMPLATES.iterdir()
                 if path.is_file()]
    assert templates
    for template in templates:
        assert any(fnmatch(template, pattern) for pattern in package_data), template


@pytest.mark.parametrize("name", sorted(path.name for path in TEMPLATES.glob("*.html")))
def test_every_template_compiles(name):
    environment().get_template(name)


def test_what_a_template_is_given_is_escaped_and_a_missing_value_is_an_error():
    page = render("message.html", title="<b>Hi</b>", hub_name="Grays & Co", navigation=(),
                  current="", csrf=None, flash=None, scripts=(), styles=(),
                  heading="<script>x</script>", paragraphs=[["Text ", "<DASHBOARD>", "."]])
    assert "<title>&lt;b&gt;Hi&lt;/b&gt; · Grays &amp; Co dashboard</title>" in page
    assert "<h1>&lt;script&gt;x&lt;/script&gt;</h1>" in page
    assert "<p>Text <strong>&lt;DASHBOARD&gt;</strong>.</p>" in page
    with pytest.raises(jinja2.UndefinedError):
        render("message.html", title="No heading")
