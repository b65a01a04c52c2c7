"""Settings, read from the environment and an optional `.env` file by pydantic-settings.

Each setting is one annotated field: its type says how the text of its environment variable
is read, its `Field` names the variable and the range it must be in, and tokens, keys and the
database address (which holds a password) are `SecretStr`, so no repr, log line or traceback
shows them; the code that needs one asks for `.get_secret_value()`.

Nothing here runs at import time: `load_settings()` is called once by the composition root
(`bot.app`). `Settings(...)` itself reads only its defaults and keywords, never the
environment, so a test builds exactly what it says even on a machine with a token exported;
`settings.with_changes(...)` is the copy with some values changed, checked again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict
from pydantic_settings.sources import PydanticBaseSettingsSource

DEFAULT_DATABASE_URL = "sqlite:///neighbourly.db"
DEFAULT_HUB_NAME = "Neighbourly"
# A Twilio form or a Telegram update with a long message is several KB: less would refuse them.
MIN_WEBHOOK_BYTES = 16 * 1024
MATCH_WEIGHT_NAMES = ("distance", "experience", "age", "continuity", "fairness")
HELP_CATEGORIES = ("shopping", "prescription", "befriending", "dog_walking", "transport", "other")
CHECK_NAMES = ("id", "dbs_enhanced", "befriending_training")


class SettingsError(ValueError):
    """A setting has a value that cannot work."""


def variable(name: str, default: Any = None, *, why: str = "", **limits: Any) -> Any:
    """A field read from the environment variable `name`, with its range (ge=, gt=, le=).

    `why` follows the limit in the error for a value out of range ("at least 1 minute"), where
    the bare number would puzzle an operator.
    """
    extra = {"why": why} if why else None
    if callable(default):
        return Field(default_factory=default, validation_alias=name, json_schema_extra=extra,
                     **limits)
    return Field(default, validation_alias=name, json_schema_extra=extra, **limits)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        frozen=True,
        # A misspelt keyword is an error, not a setting silently ignored.
        extra="forbid",
        # Keywords use the field names (tests, the demo); the environment uses the variables'.
        validate_by_name=True,
        validate_by_alias=True,
        # TWILIO_AUTH_TOKEN, exactly as written in the README; an empty one keeps the default.
        case_sensitive=True,
        env_ignore_empty=True,
    )

    database_url: SecretStr = variable("NEIGHBOURLY_DATABASE_URL", SecretStr(DEFAULT_DATABASE_URL))
    hub_name: str = variable("NEIGHBOURLY_HUB_NAME", DEFAULT_HUB_NAME)
    # Region used to read phone numbers typed without a country code ("07700 900123").
    default_phone_region: str = variable("NEIGHBOURLY_PHONE_REGION", "GB")
    # Where the postcode index is cached after it is built from Code-Point Open.
    cache_dir: str = variable("NEIGHBOURLY_CACHE_DIR",
                              lambda: str(Path.home() / ".cache" / "neighbourly"))
    # The address the outside world reaches `neighbourly serve` at (https://hub.example.org);
    # Twilio signatures are checked against it and Telegram uses a webhook when it is set.
    public_url: str = variable("NEIGHBOURLY_PUBLIC_URL", "")
    host: str = variable("NEIGHBOURLY_HOST", "127.0.0.1")
    port: int = variable("NEIGHBOURLY_PORT", 8080)
    # The largest request body a webhook (Twilio, Telegram) may send, in bytes: a larger
    # one is refused with 413 before it is read. Twilio's forms and Telegram's updates
    # are a few KB; the dashboard's forms have their own limit.
    max_webhook_bytes: int = variable("NEIGHBOURLY_MAX_WEBHOOK_BYTES", 64 * 1024,
                                      ge=MIN_WEBHOOK_BYTES,
                                      why="bytes (Twilio and Telegram send a few KB)")
    # Processes `neighbourly serve` runs on that port (PostgreSQL only: SQLite has one
    # writer). Each answers webhooks and shares the outbox and the scheduler.
    workers: int = variable("NEIGHBOURLY_WORKERS", 1, ge=1, why="server process")
    # A channel that cannot start, or whose provider stops answering, is tried again
    # with backoff while its messages wait; /healthz answers 503 once a configured
    # channel has been down for longer than this.
    channel_grace_seconds: int = variable("NEIGHBOURLY_CHANNEL_GRACE_SECONDS", 300, ge=0)
    telegram_bot_token: SecretStr = variable("TELEGRAM_BOT_TOKEN", SecretStr(""))
    telegram_api_url: str = variable("TELEGRAM_API_URL", "https://api.telegram.org/bot")
    telegram_webhook_secret: SecretStr = variable("TELEGRAM_WEBHOOK_SECRET", SecretStr(""))
    twilio_account_sid: str = variable("TWILIO_ACCOUNT_SID", "")
    twilio_auth_token: SecretStr = variable("TWILIO_AUTH_TOKEN", SecretStr(""))
    twilio_from_number: str = variable("TWILIO_FROM_NUMBER", "")
    twilio_messaging_service_sid: str = variable("TWILIO_MESSAGING_SERVICE_SID", "")
    twilio_api_url: str = variable("TWILIO_API_URL", "")
    # Masked check-in calls through Twilio Voice: the hub rings the volunteer and
    # bridges them to the resident with the hub's number shown to both.
    twilio_voice_enabled: bool = variable("TWILIO_VOICE_ENABLED", False)
    # WhatsApp through the same Twilio account: the WhatsApp sender's number ("+44...",
    # written without "whatsapp:"), and the approved templates used outside WhatsApp's
    # 24-hour window, by catalogue key ("offer=HX...,call_reminder=HX...,offer@pl=HX...").
    twilio_whatsapp_from: str = variable("TWILIO_WHATSAPP_FROM", "")
    twilio_whatsapp_templates: str = variable("TWILIO_WHATSAPP_TEMPLATES", "")
    # Sending rates, messages a second, of each channel's sender: what the provider allows
    # (see "Sending rates" in docs/guide-operators.md). A UK long code sends about 1 SMS a
    # second, a Messaging Service with a pool of numbers more; Telegram about 30 a second
    # overall and 1 a second to any one chat. With several processes each sends its share.
    # 0 for Twilio: no limit (Twilio queues what comes faster, and the urgent wait in it).
    twilio_messages_per_second: float = variable("TWILIO_MESSAGES_PER_SECOND", 1.0, ge=0,
                                                 why="messages a second (0: no limit)")
    twilio_whatsapp_messages_per_second: float = variable(
        "TWILIO_WHATSAPP_MESSAGES_PER_SECOND", 80.0, ge=0, why="messages a second (0: no limit)")
    telegram_messages_per_second: float = variable("TELEGRAM_MESSAGES_PER_SECOND", 30.0, gt=0,
                                                   why="messages a second")
    telegram_messages_per_chat_per_second: float = variable(
        "TELEGRAM_MESSAGES_PER_CHAT_PER_SECOND", 1.0, gt=0, why="messages a second")
    # How to reach a person at the hub, told to anyone who texts HELP
    # ("call 01375 652 802, Mon-Fri 9-5"). Twilio requires HELP to say this.
    hub_contact: str = variable("NEIGHBOURLY_HUB_CONTACT", "")
    # Residents who ring the hub's Twilio number are put through to this phone (a
    # coordinators' line); with none, or when nobody answers, coordinators are asked
    # to ring them back.
    calls_forward_to: str = variable("NEIGHBOURLY_CALLS_FORWARD_TO", "")
    # Online geocoding of a typed address: "" (off) or "nominatim". The user
    # agent tells Nominatim who is asking, as its usage policy requires.
    geocoder: str = variable("NEIGHBOURLY_GEOCODER", "")
    nominatim_url: str = variable("NEIGHBOURLY_NOMINATIM_URL", "https://nominatim.openstreetmap.org")
    geocoder_user_agent: str = variable("NEIGHBOURLY_GEOCODER_USER_AGENT", "")
    # Matching: how many volunteers each round of offers goes to, how long
    # they have to answer, how the soft scores are weighed
    # ("distance=0.3,experience=0.35,age=0.1,continuity=0.15,fairness=0.1"; any
    # left out keep their default) and which checks each kind of help needs
    # ("shopping=id+dbs_enhanced,dog_walking=id"; categories left out keep the
    # UK-guidance defaults).
    offers_per_round: int = variable("NEIGHBOURLY_OFFERS_PER_ROUND", 3, ge=1, why="volunteer")
    # An urgent safeguarding concern is sent to the coordinators again this
    # often until one of them replies ACK.
    concern_repeat_minutes: int = variable("NEIGHBOURLY_CONCERN_REPEAT_MINUTES", 5, ge=1,
                                           why="minute")
    # A conversation a coordinator took (TAKE) goes back to the hub after this many minutes
    # without a word from them.
    takeover_minutes: int = variable("NEIGHBOURLY_TAKEOVER_MINUTES", 60, ge=1, why="minute")
    # Check-up campaigns: someone texted a check-up who has not answered after this many
    # hours is put on the call list for a coordinator to ring.
    campaign_call_after_hours: int = variable("NEIGHBOURLY_CAMPAIGN_CALL_AFTER_HOURS", 24, ge=1,
                                              why="hour")
    # Check-in calls: the hub's local time zone, how long before a call the
    # volunteer is reminded, how long its window lasts, and how many call days
    # in a row may go by without a call before the coordinators are alerted.
    timezone: str = variable("NEIGHBOURLY_TIMEZONE", "Europe/London")
    call_reminder_minutes: int = variable("NEIGHBOURLY_CALL_REMINDER_MINUTES", 60, ge=1,
                                          why="minute")
    call_window_minutes: int = variable("NEIGHBOURLY_CALL_WINDOW_MINUTES", 120, ge=1,
                                        why="minute")
    missed_calls_before_alert: int = variable("NEIGHBOURLY_MISSED_CALLS_BEFORE_ALERT", 2, ge=1,
                                              why="missed call")
    offer_timeout_minutes: int = variable("NEIGHBOURLY_OFFER_TIMEOUT_MINUTES", 60, ge=1,
                                          why="minute")
    # When more requests than this wait to be offered at once (after an outage, at a
    # launch), the whole backlog is assigned together by the exact solver, then one at
    # a time again.
    backlog_threshold: int = variable("NEIGHBOURLY_BACKLOG_THRESHOLD", 50, ge=1, why="request")
    # A request no volunteer can take reaches the coordinators after this long (urgent
    # ones at once), and the resident is told plainly who is looking into it.
    unmatched_alert_minutes: int = variable("NEIGHBOURLY_UNMATCHED_ALERT_MINUTES", 30, ge=0,
                                            why="minutes (0: at once)")
    match_weights: str = variable("NEIGHBOURLY_MATCH_WEIGHTS", "")
    # Requests closed longer ago than this lose their personal details (address,
    # details, feedback, full postcode, coordinates, the messages quoting them).
    retention_days: int = variable("NEIGHBOURLY_RETENTION_DAYS", 365, ge=1, why="day")
    # Days a resident has to confirm a shopping receipt before the coordinators are told.
    receipt_answer_days: int = variable("NEIGHBOURLY_RECEIPT_ANSWER_DAYS", 2, ge=1, why="day")
    # Standing requests ("shopping every Friday"): each time's task is made, and offered,
    # this many days before the day it is needed.
    standing_lead_days: int = variable("NEIGHBOURLY_STANDING_LEAD_DAYS", 2, ge=0, le=14,
                                       why="days ahead")
    # Once a month each volunteer who helped hears a thank-you with their own count.
    monthly_thanks: bool = variable("NEIGHBOURLY_MONTHLY_THANKS", True)
    required_checks: str = variable("NEIGHBOURLY_REQUIRED_CHECKS", "")
    # Signs the coordinators' dashboard sign-in links and session cookies. Empty: a
    # random key is made once and kept in the cache folder (one server only; set it
    # when several processes serve the dashboard).
    secret_key: SecretStr = variable("NEIGHBOURLY_SECRET_KEY", SecretStr(""))
    # Map tiles for the dashboard's map ({z}/{x}/{y}); the markers show without them.
    map_tiles_url: str = variable("NEIGHBOURLY_MAP_TILES_URL",
                                  "https://tile.openstreetmap.org/{z}/{x}/{y}.png")

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as error:
            raise SettingsError(explain(error)) from None

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Only the keywords: the environment and `.env` are read by `load_settings`, once.
        return (init_settings,)

    def with_changes(self, **changes: Any) -> Settings:
        """These settings with some values changed, checked again like new ones."""
        return type(self)(**{**dict(self), **changes})

    @field_validator("timezone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):
            raise SettingsError(f"unknown time zone {value!r}, e.g. Europe/London") from None
        return value

    @field_validator("geocoder")
    @classmethod
    def _known_geocoder(cls, value: str) -> str:
        if value not in ("", "nominatim"):
            raise SettingsError(f"unknown geocoder {value!r}: use nominatim, or leave it empty")
        return value

    @field_validator("twilio_whatsapp_templates")
    @classmethod
    def _template_pairs(cls, value: str) -> str:
        for item in filter(str.strip, value.split(",")):
            # Which messages exist is checked when WhatsApp starts (the catalogue's keys).
            if not re.fullmatch(r"\s*[\w.]+(@[a-z]{2})?\s*=\s*HX[0-9a-fA-F]{32}\s*", item):
                raise SettingsError("TWILIO_WHATSAPP_TEMPLATES needs key=HX... pairs (the "
                                    f"template's content SID) separated by commas, not {item!r}")
        return value

    @field_validator("match_weights")
    @classmethod
    def _weights_read(cls, value: str) -> str:
        parse_weights(value)
        return value

    @field_validator("required_checks")
    @classmethod
    def _checks_read(cls, value: str) -> str:
        parse_checks(value)
        return value

    @property
    def user_agent(self) -> str:
        contact = f"; {self.hub_contact}" if self.hub_contact else ""
        return self.geocoder_user_agent or f"Neighbourly community help hub ({self.hub_name}{contact})"

    def weight_overrides(self) -> dict[str, float]:
        """The score weights given in settings, by name."""
        return parse_weights(self.match_weights)

    def check_overrides(self) -> dict[str, frozenset[str]]:
        """Checks per kind of help given in settings, by category."""
        return parse_checks(self.required_checks)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.get_secret_value().startswith("sqlite")

    def telegram_missing(self) -> str | None:
        """The setting Telegram still needs, or None when it can run."""
        if not self.telegram_bot_token.get_secret_value():
            return "TELEGRAM_BOT_TOKEN"
        # With a public URL Telegram calls our webhook, and every call must
        # prove it comes from Telegram with the secret.
        if self.public_url and not self.telegram_webhook_secret.get_secret_value():
            return "TELEGRAM_WEBHOOK_SECRET"
        return None

    def workers_problem(self) -> str | None:
        """Why `serve` cannot run `workers` processes with these settings, if it cannot."""
        if self.workers == 1:
            return None
        if self.is_sqlite:
            return ("several server processes need PostgreSQL: on SQLite they would only wait "
                    "for each other (it has one writer), so run one, or move to PostgreSQL")
        if self.telegram_bot_token.get_secret_value() and not self.public_url:
            return ("several server processes need Telegram's webhook (only one process may "
                    "long-poll a bot): set NEIGHBOURLY_PUBLIC_URL, or run one process")
        return None

    def sms_missing(self) -> str | None:
        """The setting SMS still needs, or None when it can run."""
        if not self.twilio_account_sid:
            return "TWILIO_ACCOUNT_SID"
        if not self.twilio_auth_token.get_secret_value():
            return "TWILIO_AUTH_TOKEN"
        if not self.twilio_from_number and not self.twilio_messaging_service_sid:
            return "TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID"
        # Twilio signs each webhook for the URL it called; without our public
        # address the signature cannot be checked, so nothing would be trusted.
        if not self.public_url:
            return "NEIGHBOURLY_PUBLIC_URL"
        return None

    def voice_missing(self) -> str | None:
        """The setting masked calls still need, or None when they can run (or are off)."""
        if not self.twilio_voice_enabled:
            return "TWILIO_VOICE_ENABLED"
        if self.sms_missing() not in (None, "TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID"):
            return self.sms_missing()
        if not self.twilio_from_number:
            return "TWILIO_FROM_NUMBER"  # a call needs a number to show, not a messaging service
        if not self.public_url:
            return "NEIGHBOURLY_PUBLIC_URL"
        return None

    def whatsapp_missing(self) -> str | None:
        """The setting WhatsApp still needs, or None when it can run."""
        if not self.twilio_whatsapp_from:
            return "TWILIO_WHATSAPP_FROM"
        if self.sms_missing() not in (None, "TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID"):
            return self.sms_missing()
        return None

    @property
    def enabled_channels(self) -> frozenset[str]:
        """Channels whose settings are complete: where the outbox can send."""
        enabled = set()
        if self.telegram_missing() is None:
            enabled.add("telegram")
        if self.sms_missing() is None:
            enabled.add("sms")
        if self.voice_missing() is None:
            enabled.add("voice")
        if self.whatsapp_missing() is None:
            enabled.add("whatsapp")
        return frozenset(enabled)


# Environment variable -> Settings field, from the fields themselves: the README's and the
# operators' guide's settings tables are checked against it (tests/test_guides.py).
ENVIRONMENT_VARIABLES: Mapping[str, str] = {
    field.validation_alias: name for name, field in Settings.model_fields.items()
}

# What a value must be, by pydantic's error type, said the way an operator reads it.
WANTED = {
    "bool_parsing": "must be true or false",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number, such as 1 or 0.5",
    "string_type": "must be text",
}
LIMITS = {"greater_than_equal": ("ge", "at least"), "greater_than": ("gt", "more than"),
          "less_than_equal": ("le", "at most")}


def explain(error: ValidationError) -> str:
    """Each problem pydantic found, naming the environment variable and what it must be."""
    return "; ".join(explain_one(problem) for problem in error.errors())


def explain_one(problem: Mapping[str, Any]) -> str:
    where = str(problem["loc"][0]) if problem["loc"] else ""
    # Keywords name the field, the environment its variable: either finds the field.
    field = Settings.model_fields.get(ENVIRONMENT_VARIABLES.get(where, where))
    name = field.validation_alias if field else where
    # A secret's value is never repeated back, not even a wrong one: errors reach logs.
    secret = field is not None and field.annotation is SecretStr
    given = " (the value given is secret, so not shown)" if secret \
        else f", not {problem.get('input')!r}"
    kind = problem["type"]
    if kind == "value_error":
        # A check of our own (SettingsError) said it plainly already; say which variable.
        text = str(problem["ctx"]["error"])
        return text if text.startswith(name) else f"{name}: {text}"
    if kind in LIMITS:
        key, words = LIMITS[kind]
        limit = f"{problem['ctx'][key]:g}"  # 0, not 0.0, for a rate
        extra = field.json_schema_extra if field and isinstance(field.json_schema_extra, dict) \
            else {}
        why = str(extra.get("why", ""))
        return f"{name} must be {words} {limit}{' ' + why if why else ''}{given}"
    if kind in WANTED:
        return f"{name} {WANTED[kind]}{given}"
    if kind == "extra_forbidden":
        return f"{name!r} is no setting: see the settings table in the README"
    return f"{name}: {problem['msg']}"


def parse_weights(text: str) -> dict[str, float]:
    """"distance=0.3,age=0.1" as {"distance": 0.3, "age": 0.1}, or the reason it can't be."""
    weights = {}
    for name, value in pairs_of(text, "NEIGHBOURLY_MATCH_WEIGHTS"):
        if name not in MATCH_WEIGHT_NAMES:
            raise SettingsError(f"unknown match weight {name!r}: use {', '.join(MATCH_WEIGHT_NAMES)}")
        try:
            weights[name] = float(value)
        except ValueError:
            raise SettingsError(f"match weight {name} must be a number, not {value!r}") from None
        if weights[name] < 0:
            raise SettingsError(f"match weight {name} cannot be negative")
    return weights


def parse_checks(text: str) -> dict[str, frozenset[str]]:
    """"shopping=id+dbs_enhanced" as {"shopping": {"id", "dbs_enhanced"}}, or why it can't be."""
    table = {}
    for category, value in pairs_of(text, "NEIGHBOURLY_REQUIRED_CHECKS"):
        if category not in HELP_CATEGORIES:
            raise SettingsError(f"unknown kind of help {category!r}: use {', '.join(HELP_CATEGORIES)}")
        needed = frozenset(part.strip() for part in value.split("+") if part.strip())
        unknown = needed - set(CHECK_NAMES)
        if unknown:
            raise SettingsError(f"unknown check {min(unknown)!r}: use {', '.join(CHECK_NAMES)}")
        table[category] = needed
    return table


def pairs_of(text: str, variable: str) -> list[tuple[str, str]]:
    """"a=1,b=2" as [("a", "1"), ("b", "2")]."""
    pairs = []
    for item in text.split(","):
        if not item.strip():
            continue
        name, equals, value = item.partition("=")
        if not equals:
            raise SettingsError(f"{variable} needs name=value pairs separated by commas")
        pairs.append((name.strip().lower(), value.strip()))
    return pairs


def read_dotenv(path: Path) -> dict[str, str]:
    """Values from a `.env` file, or nothing when there is none."""
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {key: value for key, value in dotenv_values(path).items() if value is not None}


class VariablesSource(EnvSettingsSource):
    """pydantic-settings' environment source over given variables instead of `os.environ`.

    `load_settings` takes the environment as an argument (tests pass a dict) and lays the
    real environment over `.env`'s values before either is read.
    """

    def __init__(self, variables: Mapping[str, str]) -> None:
        self._variables = dict(variables)  # read by _load_env_vars, called by __init__
        super().__init__(Settings)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # Only the variables the README names: keywords may use field names, but a shell's
        # own `port` or `host` is nobody's setting.
        return {name: value for name, value in self._variables.items()
                if name in ENVIRONMENT_VARIABLES and not (self.env_ignore_empty and value == "")}


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv_path: Path | None = None
) -> Settings:
    """Settings from `.env` (if present) overridden by the real environment."""
    variables = read_dotenv(dotenv_path or Path.cwd() / ".env")
    variables.update(os.environ if environ is None else environ)
    return Settings(**VariablesSource(variables)())
