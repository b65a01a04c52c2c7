"""Settings, read from the environment and an optional `.env` file.

Nothing here runs at import time: `load_settings()` is called once by the
composition root (`bot.app`), and tests build `Settings` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

DEFAULT_DATABASE_URL = "sqlite:///neighbourly.db"
DEFAULT_HUB_NAME = "Neighbourly"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    hub_name: str = DEFAULT_HUB_NAME
    # Region used to read phone numbers typed without a country code ("07700 900123").
    default_phone_region: str = "GB"
    # Where the postcode index is cached after it is built from Code-Point Open.
    cache_dir: str = field(default_factory=lambda: str(Path.home() / ".cache" / "neighbourly"))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


# Environment variable -> Settings field. Kept explicit so the README's
# configuration table and the code cannot drift apart silently.
ENVIRONMENT_VARIABLES: Mapping[str, str] = {
    "NEIGHBOURLY_DATABASE_URL": "database_url",
    "NEIGHBOURLY_HUB_NAME": "hub_name",
    "NEIGHBOURLY_PHONE_REGION": "default_phone_region",
    "NEIGHBOURLY_CACHE_DIR": "cache_dir",
}


def read_dotenv(path: Path) -> dict[str, str]:
    """Values from a `.env` file, or nothing when there is none."""
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {key: value for key, value in dotenv_values(path).items() if value is not None}


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv_path: Path | None = None
) -> Settings:
    """Settings from `.env` (if present) overridden by the real environment."""
    environ = os.environ if environ is None else environ
    values = read_dotenv(dotenv_path or Path.cwd() / ".env")
    values.update({key: value for key, value in environ.items() if key in ENVIRONMENT_VARIABLES})
    known = {f.name for f in fields(Settings)}
    kwargs = {
        ENVIRONMENT_VARIABLES[key]: value
        for key, value in values.items()
        if key in ENVIRONMENT_VARIABLES and ENVIRONMENT_VARIABLES[key] in known and value != ""
    }
    return Settings(**kwargs)
