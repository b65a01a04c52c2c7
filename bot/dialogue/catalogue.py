"""The message catalogue: every user-facing sentence, by language and key."""

from __future__ import annotations

from importlib import import_module
from string import Formatter
from types import MappingProxyType
from typing import Mapping

DEFAULT_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("en", "pl")

_catalogues: dict[str, Mapping[str, str]] = {}


def catalogue(language: str) -> Mapping[str, str]:
    """The templates for a language, loaded on first use."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    if language not in _catalogues:
        module = import_module(f"bot.dialogue.locales.{language}")
        _catalogues[language] = MappingProxyType(module.MESSAGES)
    return _catalogues[language]


def text(language: str, key: str, **params: object) -> str:
    """One message, in the person's language when we have it, else in English."""
    template = catalogue(language).get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE)[key]
    return template.format(**params) if params else template


def clock_hours(language: str) -> int:
    """How the language writes the time of day: 12 ("2pm") or 24 ("14:00"), as its
    catalogue module says in CLOCK_HOURS (12 when it does not say)."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    return getattr(import_module(f"bot.dialogue.locales.{language}"), "CLOCK_HOURS", 12)


def plural_form(language: str, count: int) -> str:
    """Which form of a counted phrase goes with `count`: "one", "few" or "many", as the
    language's catalogue module says in its `plural_form` (English: "one" for 1, else
    "many"; Polish: 1 prośba, 2-4 prośby but 12-14 próśb, 5 próśb)."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    rule = getattr(import_module(f"bot.dialogue.locales.{language}"), "plural_form", None)
    return rule(count) if rule is not None else ("one" if count == 1 else "many")


def counted(language: str, key: str, count: int, **params: object) -> str:
    """A count with its noun in the right form ("2 friendly phone calls"): the template at
    `key.one`, `key.few` or `key.many`, with {count} filled in."""
    return text(language, f"{key}.{plural_form(language, count)}", count=count, **params)


def supported_language(tag: str | None) -> str | None:
    """The supported language an app's setting names ("pl", "pl-PL", "en_GB"), else None."""
    code = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field}
