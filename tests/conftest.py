"""Shared fixtures: a fresh, migrated database per test, on SQLite or PostgreSQL.

Tests run on SQLite unless NEIGHBOURLY_TEST_DATABASE_URL points at a
PostgreSQL server (CI always provides one and runs the suite on both).
Each test gets its own database copied from a template migrated once.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.app import Hub, build_hub
from bot.database import upgrade_database
from bot.settings import Settings
from fakes import FakePostcodeLocator

POSTGRES_URL = os.environ.get("NEIGHBOURLY_TEST_DATABASE_URL")


@pytest.fixture(scope="session", autouse=True)
def reader_trained_once(tmp_path_factory):
    """The reader's model is trained once for the whole run and shared, through the
    environment, with the commands tests start (which use caches of their own for postcodes)."""
    from bot.understanding.model import READER_CACHE_ENV, shared_model

    if not os.environ.get(READER_CACHE_ENV):
        os.environ[READER_CACHE_ENV] = str(tmp_path_factory.mktemp("reader-cache"))
    shared_model()  # trained (and cached) before any command a test starts looks for it


def postgres_admin_url() -> str:
    return POSTGRES_URL or ""


def run_autocommit(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated to head, copied for each test (a file, or a PG template)."""
    if POSTGRES_URL:
        name = f"nb_template_{uuid.uuid4().hex[:8]}"
        run_autocommit(POSTGRES_URL, f'CREATE DATABASE "{name}"')
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        upgrade_database(url)
        yield name
        run_autocommit(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    yield str(path)


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """A brand-new, empty database on the backend under test."""
    if POSTGRES_URL:
        name = f"nb_empty_{uuid.uuid4().hex[:10]}"
        run_autocommit(POSTGRES_URL, f'CREATE DATABASE "{name}"')
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        run_autocommit(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    yield f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def database_url(database_template: str, tmp_path: Path) -> str:
    """A fresh database at the newest schema."""
    if POSTGRES_URL:
        name = f"nb_test_{uuid.uuid4().hex[:10]}"
        run_autocommit(POSTGRES_URL, f'CREATE DATABASE "{name}" TEMPLATE "{database_template}"')
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        run_autocommit(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    path = tmp_path / "hub.db"
    shutil.copyfile(database_template, path)
    yield f"sqlite:///{path}"


class MovableClock:
    """A clock tests move by hand instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, hub_name="Thurrock Community Hub",
                    cache_dir=str(tmp_path / "cache"))


@pytest.fixture
def hub(settings: Settings, clock: MovableClock) -> Hub:
    built = build_hub(settings, clock=clock, locate_postcode=FakePostcodeLocator())
    yield built
    built.close()


@pytest.fixture
def carol(hub: Hub) -> str:
    """Carol, a coordinator who texts the hub: her number."""
    from bot.services.people.coordinators import add_coordinator

    with hub.session_factory.begin() as session:
        add_coordinator(session, "phone", "+447700900601", "Carol", hub.clock())
    return "+447700900601"
