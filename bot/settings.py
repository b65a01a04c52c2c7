"""Settings, read from the environment and an optional `.env` file.

Nothing here runs at import time: `load_settings()` is called once by the
composition root (`bot.app`), and tests build `Settings` directly.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

DEFAULT_DATABASE_URL = "sqlite:///neighbourly.db"
DEFAULT_HUB_NAME = "Neighbourly"
# A Twilio form or a Telegram update with a long message is several KB: less would refuse them.
MIN_WEBHOOK_BYTES = 16 * 1024


class SettingsError(ValueError):
    """A setting has a value that cannot work."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    hub_name: str = DEFAULT_HUB_NAME
    # Region used to read phone numbers typed without a country code ("07700 900123").
    default_phone_region: str = "GB"
    # Where the postcode index is cached after it is built from Code-Point Open.
    cache_dir: str = field(default_factory=lambda: str(Path.home() / ".cache" / "neighbourly"))
    # The address the outside world reaches `neighbourly serve` at (https://hub.example.org);
    # Twilio signatures are checked against it and Telegram uses a webhook when it is set.
    public_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    # The largest request body a webhook (Twilio, Telegram) may send, in bytes: a larger
    # one is refused with 413 before it is read. Twilio's forms and Telegram's updates
    # are a few KB; the dashboard's forms have their own limit.
    max_webhook_bytes: int = 64 * 1024
    # Processes `neighbourly serve` runs on that port (PostgreSQL only: SQLite has one
    # writer). Each answers webhooks and shares the outbox and the scheduler.
    workers: int = 1
    # A channel that cannot start, or whose provider stops answering, is tried again
    # with backoff while its messages wait; /healthz answers 503 once a configured
    # channel has been down for longer than this.
    channel_grace_seconds: int = 300
    telegram_bot_token: str = ""
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: str = ""
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_api_url: str = ""
    # Masked check-in calls through Twilio Voice: the hub rings the volunteer and
    # bridges them to the resident with the hub's number shown to both.
    twilio_voice_enabled: bool = False
    # WhatsApp through the same Twilio account: the WhatsApp sender's number ("+44...",
    # written without "whatsapp:"), and the approved templates used outside WhatsApp's
    # 24-hour window, by catalogue key ("offer=HX...,call_reminder=HX...,offer@pl=HX...").
    twilio_whatsapp_from: str = ""
    twilio_whatsapp_templates: str = ""
    # Sending rates, messages a second, of each channel's sender: what the provider allows
    # (see "Sending rates" in docs/guide-operators.md). A UK long code sends about 1 SMS a
    # second, a Messaging Service with a pool of numbers more; Telegram about 30 a second
    # overall and 1 a second to any one chat. With several processes each sends its share.
    # 0 for Twilio: no limit (Twilio queues what comes faster, and the urgent wait in it).
    twilio_messages_per_second: float = 1.0
    twilio_whatsapp_messages_per_second: float = 80.0
    telegram_messages_per_second: float = 30.0
    telegram_messages_per_chat_per_second: float = 1.0
    # How to reach a person at the hub, told to anyone who texts HELP
    # ("call 01375 652 802, Mon-Fri 9-5"). Twilio requires HELP to say this.
    hub_contact: str = ""
    # Residents who ring the hub's Twilio number are put through to this phone (a
    # coordinators' line); with none, or when nobody answers, coordinators are asked
    # to ring them back.
    calls_forward_to: str = ""
    # Matching: how many volunteers each round of offers goes to, how long
    # they have to answer, how the soft scores are weighed
    # ("distance=0.3,experience=0.35,age=0.1,continuity=0.15,fairness=0.1"; any
    # left out keep their default) and which checks each kind of help needs
    # ("shopping=id+dbs_enhanced,dog_walking=id"; categories left out keep the
    # UK-guidance defaults).
    # Online geocoding of a typed address: "" (off) or "nominatim". The user
    # agent tells Nominatim who is asking, as its usage policy requires.
    geocoder: str = ""
    nominatim_url: str = "https://nominatim.openstreetmap.org"
    geocoder_user_agent: str = ""
    offers_per_round: int = 3
    # An urgent safeguarding concern is sent to the coordinators again this
    # often until one of them replies ACK.
    concern_repeat_minutes: int = 5
    # A conversation a coordinator took (TAKE) goes back to the hub after this many minutes
    # without a word from them.
    takeover_minutes: int = 60
    # Check-up campaigns: someone texted a check-up who has not answered after this many
    # hours is put on the call list for a coordinator to ring.
    campaign_call_after_hours: int = 24
    # Check-in calls: the hub's local time zone, how long before a call the
    # volunteer is reminded, how long its window lasts, and how many call days
    # in a row may go by without a call before the coordinators are alerted.
    timezone: str = "Europe/London"
    call_reminder_minutes: int = 60
    call_window_minutes: int = 120
    missed_calls_before_alert: int = 2
    offer_timeout_minutes: int = 60
    # When more requests than this wait to be offered at once (after an outage, at a
    # launch), the whole backlog is assigned together by the exact solver, then one at
    # a time again.
    backlog_threshold: int = 50
    # A request no volunteer can take reaches the coordinators after this long (urgent
    # ones at once), and the resident is told plainly who is looking into it.
    unmatched_alert_minutes: int = 30
    match_weights: str = ""
    # Requests closed longer ago than this lose their personal details (address,
    # details, feedback, full postcode, coordinates, the messages quoting them).
    retention_days: int = 365
    # Days a resident has to confirm a shopping receipt before the coordinators are told.
    receipt_answer_days: int = 2
    # Standing requests ("shopping every Friday"): each time's task is made, and offered,
    # this many days before the day it is needed.
    standing_lead_days: int = 2
    # Once a month each volunteer who helped hears a thank-you with their own count.
    monthly_thanks: bool = True
    required_checks: str = ""
    # Signs the coordinators' dashboard sign-in links and session cookies. Empty: a
    # random key is made once and kept in the cache folder (one server only; set it
    # when several processes serve the dashboard).
    secret_key: str = ""
    # Map tiles for the dashboard's map ({z}/{x}/{y}); the markers show without them.
    map_tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

    def __post_init__(self) -> None:
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(self.timezone)
        except (ValueError, KeyError, OSError):
            raise SettingsError(f"unknown time zone {self.timezone!r}, e.g. Europe/London") from None
        if min(self.call_reminder_minutes, self.call_window_minutes,
               self.missed_calls_before_alert) < 1:
            raise SettingsError("call reminder, window and missed calls must be at least 1")
        if self.geocoder not in ("", "nominatim"):
            raise SettingsError(f"unknown geocoder {self.geocoder!r}: use nominatim, or leave it empty")
        if min(self.offers_per_round, self.offer_timeout_minutes, self.concern_repeat_minutes) < 1:
            raise SettingsError(
                "offers per round, the offer timeout and the concern repeat must be at least 1")
        if self.backlog_threshold < 1:
            raise SettingsError("the backlog threshold must be at least 1 request")
        if self.takeover_minutes < 1:
            raise SettingsError("the takeover time must be at least 1 minute")
        if self.campaign_call_after_hours < 1:
            raise SettingsError("a check-up's wait before a call must be at least 1 hour")
        if self.unmatched_alert_minutes < 0:
            raise SettingsError("the minutes before an unmatched request is alerted can't be "
                                "negative")
        if self.receipt_answer_days < 1:
            raise SettingsError("the days to confirm a receipt must be at least 1")
        if not 0 <= self.standing_lead_days <= 14:
            raise SettingsError("the days ahead a standing request's task is made must be "
                                "from 0 to 14")
        for item in filter(str.strip, self.twilio_whatsapp_templates.split(",")):
            # Which messages exist is checked when WhatsApp starts (the catalogue's keys).
            if not re.fullmatch(r"\s*[\w.]+(@[a-z]{2})?\s*=\s*HX[0-9a-fA-F]{32}\s*", item):
                raise SettingsError("TWILIO_WHATSAPP_TEMPLATES needs key=HX... pairs (the "
                                    f"template's content SID) separated by commas, not {item!r}")
        if self.workers < 1:
            raise SettingsError("the number of server processes must be at least 1")
        if min(self.twilio_messages_per_second, self.twilio_whatsapp_messages_per_second) < 0:
            raise SettingsError("a Twilio sending rate can't be negative (0: no limit)")
        if min(self.telegram_messages_per_second,
               self.telegram_messages_per_chat_per_second) <= 0:
            raise SettingsError("Telegram's sending rates must be more than 0 messages a second")
        if self.max_webhook_bytes < MIN_WEBHOOK_BYTES:
            raise SettingsError(f"the largest webhook body must be at least {MIN_WEBHOOK_BYTES} "
                                "bytes: Twilio and Telegram send a few KB")
        if self.channel_grace_seconds < 0:
            raise SettingsError("the seconds a channel may be down can't be negative")
        if self.retention_days < 1:
            raise SettingsError("the retention period must be at least 1 day")
        self.weight_overrides()
        self.check_overrides()

    @property
    def user_agent(self) -> str:
        contact = f"; {self.hub_contact}" if self.hub_contact else ""
        return self.geocoder_user_agent or f"Neighbourly community help hub ({self.hub_name}{contact})"

    def weight_overrides(self) -> dict[str, float]:
        """The score weights given in settings, by name."""
        known = ("distance", "experience", "age", "continuity", "fairness")
        weights = {}
        for name, value in pairs_of(self.match_weights, "NEIGHBOURLY_MATCH_WEIGHTS"):
            if name not in known:
                raise SettingsError(f"unknown match weight {name!r}: use {', '.join(known)}")
            try:
                weights[name] = float(value)
            except ValueError:
                raise SettingsError(f"match weight {name} must be a number, not {value!r}") from None
            if weights[name] < 0:
                raise SettingsError(f"match weight {name} cannot be negative")
        return weights

    def check_overrides(self) -> dict[str, frozenset[str]]:
        """Checks per kind of help given in settings, by category."""
        categories = ("shopping", "prescription", "befriending", "dog_walking", "transport", "other")
        checks = ("id", "dbs_enhanced", "befriending_training")
        table = {}
        for category, value in pairs_of(self.required_checks, "NEIGHBOURLY_REQUIRED_CHECKS"):
            if category not in categories:
                raise SettingsError(f"unknown kind of help {category!r}: use {', '.join(categories)}")
            needed = frozenset(part.strip() for part in value.split("+") if part.strip())
            unknown = needed - set(checks)
            if unknown:
                raise SettingsError(f"unknown check {sorted(unknown)[0]!r}: use {', '.join(checks)}")
            table[category] = needed
        return table

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def telegram_missing(self) -> str | None:
        """The setting Telegram still needs, or None when it can run."""
        if not self.telegram_bot_token:
            return "TELEGRAM_BOT_TOKEN"
        # With a public URL Telegram calls our webhook, and every call must
        # prove it comes from Telegram with the secret.
        if self.public_url and not self.telegram_webhook_secret:
            return "TELEGRAM_WEBHOOK_SECRET"
        return None

    def workers_problem(self) -> str | None:
        """Why `serve` cannot run `workers` processes with these settings, if it cannot."""
        if self.workers == 1:
            return None
        if self.is_sqlite:
            return ("several server processes need PostgreSQL: on SQLite they would only wait "
                    "for each other (it has one writer), so run one, or move to PostgreSQL")
        if self.telegram_bot_token and not self.public_url:
            return ("several server processes need Telegram's webhook (only one process may "
                    "long-poll a bot): set NEIGHBOURLY_PUBLIC_URL, or run one process")
        return None

    def sms_missing(self) -> str | None:
        """The setting SMS still needs, or None when it can run."""
        if not self.twilio_account_sid:
            return "TWILIO_ACCOUNT_SID"
        if not self.twilio_auth_token:
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


# Environment variable -> Settings field. Kept explicit so the README's
# configuration table and the code cannot drift apart silently.
ENVIRONMENT_VARIABLES: Mapping[str, str] = {
    "NEIGHBOURLY_DATABASE_URL": "database_url",
    "NEIGHBOURLY_HUB_NAME": "hub_name",
    "NEIGHBOURLY_PHONE_REGION": "default_phone_region",
    "NEIGHBOURLY_CACHE_DIR": "cache_dir",
    "NEIGHBOURLY_PUBLIC_URL": "public_url",
    "NEIGHBOURLY_HOST": "host",
    "NEIGHBOURLY_PORT": "port",
    "NEIGHBOURLY_WORKERS": "workers",
    "NEIGHBOURLY_MAX_WEBHOOK_BYTES": "max_webhook_bytes",
    "NEIGHBOURLY_CHANNEL_GRACE_SECONDS": "channel_grace_seconds",
    "TELEGRAM_BOT_TOKEN": "telegram_bot_token",
    "TELEGRAM_API_URL": "telegram_api_url",
    "TELEGRAM_WEBHOOK_SECRET": "telegram_webhook_secret",
    "TWILIO_ACCOUNT_SID": "twilio_account_sid",
    "TWILIO_AUTH_TOKEN": "twilio_auth_token",
    "TWILIO_FROM_NUMBER": "twilio_from_number",
    "TWILIO_MESSAGING_SERVICE_SID": "twilio_messaging_service_sid",
    "TWILIO_API_URL": "twilio_api_url",
    "TWILIO_VOICE_ENABLED": "twilio_voice_enabled",
    "TWILIO_WHATSAPP_FROM": "twilio_whatsapp_from",
    "TWILIO_WHATSAPP_TEMPLATES": "twilio_whatsapp_templates",
    "TWILIO_MESSAGES_PER_SECOND": "twilio_messages_per_second",
    "TWILIO_WHATSAPP_MESSAGES_PER_SECOND": "twilio_whatsapp_messages_per_second",
    "TELEGRAM_MESSAGES_PER_SECOND": "telegram_messages_per_second",
    "TELEGRAM_MESSAGES_PER_CHAT_PER_SECOND": "telegram_messages_per_chat_per_second",
    "NEIGHBOURLY_HUB_CONTACT": "hub_contact",
    "NEIGHBOURLY_CALLS_FORWARD_TO": "calls_forward_to",
    "NEIGHBOURLY_GEOCODER": "geocoder",
    "NEIGHBOURLY_NOMINATIM_URL": "nominatim_url",
    "NEIGHBOURLY_GEOCODER_USER_AGENT": "geocoder_user_agent",
    "NEIGHBOURLY_OFFERS_PER_ROUND": "offers_per_round",
    "NEIGHBOURLY_CONCERN_REPEAT_MINUTES": "concern_repeat_minutes",
    "NEIGHBOURLY_TAKEOVER_MINUTES": "takeover_minutes",
    "NEIGHBOURLY_CAMPAIGN_CALL_AFTER_HOURS": "campaign_call_after_hours",
    "NEIGHBOURLY_TIMEZONE": "timezone",
    "NEIGHBOURLY_CALL_REMINDER_MINUTES": "call_reminder_minutes",
    "NEIGHBOURLY_CALL_WINDOW_MINUTES": "call_window_minutes",
    "NEIGHBOURLY_MISSED_CALLS_BEFORE_ALERT": "missed_calls_before_alert",
    "NEIGHBOURLY_OFFER_TIMEOUT_MINUTES": "offer_timeout_minutes",
    "NEIGHBOURLY_BACKLOG_THRESHOLD": "backlog_threshold",
    "NEIGHBOURLY_UNMATCHED_ALERT_MINUTES": "unmatched_alert_minutes",
    "NEIGHBOURLY_MATCH_WEIGHTS": "match_weights",
    "NEIGHBOURLY_RETENTION_DAYS": "retention_days",
    "NEIGHBOURLY_RECEIPT_ANSWER_DAYS": "receipt_answer_days",
    "NEIGHBOURLY_STANDING_LEAD_DAYS": "standing_lead_days",
    "NEIGHBOURLY_MONTHLY_THANKS": "monthly_thanks",
    "NEIGHBOURLY_REQUIRED_CHECKS": "required_checks",
    "NEIGHBOURLY_SECRET_KEY": "secret_key",
    "NEIGHBOURLY_MAP_TILES_URL": "map_tiles_url",
}
# Fields that are not text, converted when read from the environment.
BOOLEAN_FIELDS = frozenset({"twilio_voice_enabled", "monthly_thanks"})
FLOAT_FIELDS = frozenset({"twilio_messages_per_second", "twilio_whatsapp_messages_per_second",
                          "telegram_messages_per_second",
                          "telegram_messages_per_chat_per_second"})
INTEGER_FIELDS = frozenset({"port", "workers", "max_webhook_bytes", "channel_grace_seconds",
                            "offers_per_round", "offer_timeout_minutes",
                            "concern_repeat_minutes", "retention_days", "call_reminder_minutes",
                            "receipt_answer_days", "unmatched_alert_minutes",
                            "standing_lead_days",
                            "call_window_minutes", "missed_calls_before_alert",
                            "takeover_minutes", "campaign_call_after_hours", "backlog_threshold"})


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
    for name in BOOLEAN_FIELDS & kwargs.keys():
        answer = kwargs[name].strip().lower()
        if answer not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise SettingsError(f"{name} must be true or false, not {kwargs[name]!r}")
        kwargs[name] = answer in ("1", "true", "yes", "on")
    for name in FLOAT_FIELDS & kwargs.keys():
        try:
            kwargs[name] = float(kwargs[name])
        except ValueError:
            raise SettingsError(f"{name} must be a number, such as 1 or 0.5, "
                                f"not {kwargs[name]!r}") from None
    for name in INTEGER_FIELDS & kwargs.keys():
        try:
            kwargs[name] = int(kwargs[name])
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, not {kwargs[name]!r}") from None
    return Settings(**kwargs)
