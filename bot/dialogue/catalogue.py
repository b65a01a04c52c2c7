"""The message catalogue: every user-facing sentence, by language and key.

Each language is one gettext file, bot/dialogue/locales/<code>.po, so a translator (or a
translation platform) edits it without touching Python. In it, msgctxt is the key the program
asks for, msgid the English text and msgstr the language's own; a counted phrase
("2 friendly phone calls") is a plural entry with one msgstr[n] per form, and the file's
Plural-Forms header says which form a count takes. The files are read with Babel on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from gettext import c2py
from importlib.resources import files
from string import Formatter
from types import MappingProxyType

DEFAULT_LANGUAGE = "en"
# Entries about the language rather than messages to people (how it writes the time).
META_PREFIX = "meta."
_LOCALES = files("bot.dialogue") / "locales"


def _languages_shipped() -> tuple[str, ...]:
    """Every language with a .po file beside this package, English first: adding a file adds
    the language. Only the directory's names are listed here; no file is read until used."""
    found = sorted(entry.name[: -len(".po")] for entry in _LOCALES.iterdir()
                   if entry.name.endswith(".po"))
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


SUPPORTED_LANGUAGES = _languages_shipped()


@dataclass(frozen=True)
class Language:
    """One language's catalogue as read from its .po file."""

    code: str
    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    meta: Mapping[str, str]
    # The Plural-Forms rule: a count -> the index of its msgstr[n].
    plural_index: Callable[[int], int]
    num_plurals: int


_loaded: dict[str, Language] = {}


def po_path(language: str):
    """Where a language's .po file is (an importlib.resources Traversable)."""
    return _LOCALES / f"{language}.po"


def read_language(language: str) -> Language:
    """Read a language's .po file. Entries left empty or marked fuzzy are treated as
    untranslated, as gettext does, so English stands in for them."""
    # Babel is imported here, on first use, so importing the dialogue stays quick.
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as handle:
        # abort_invalid: a broken file fails loudly in the tests, not quietly in a reply.
        po = read_po(handle, abort_invalid=True)
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    meta: dict[str, str] = {}
    for message in po:
        if not message.id or message.fuzzy:  # the header, or a guess awaiting review
            continue
        key = message.context or (message.id[0] if message.pluralizable else message.id)
        if message.pluralizable:
            forms = tuple(message.string)
            if all(forms):
                plurals[key] = forms
        elif message.string:
            (meta if key.startswith(META_PREFIX) else messages)[key] = message.string
    # Babel parses the header; the standard library's gettext turns its C-like plural
    # expression into a function (it parses that grammar only, before compiling it).
    return Language(language, MappingProxyType(messages), MappingProxyType(plurals),
                    MappingProxyType(meta), c2py(po.plural_expr), po.num_plurals)


def language_catalogue(language: str) -> Language:
    """A supported language's catalogue (English for any other), read on first use."""
    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    if language not in _loaded:
        _loaded[language] = read_language(language)
    return _loaded[language]


def catalogue(language: str) -> Mapping[str, str]:
    """The templates for a language (counted phrases are in plurals())."""
    return language_catalogue(language).messages


def plurals(language: str) -> Mapping[str, tuple[str, ...]]:
    """The counted phrases for a language: key -> its forms, in Plural-Forms order."""
    return language_catalogue(language).plurals


def text(language: str, key: str, **params: object) -> str:
    """One message, in the person's language when we have it, else in English. A message
    that reads differently by number ("1 volunteer" / "2 volunteers") takes the form its
    {count} needs."""
    words = language_catalogue(language)
    template = words.messages.get(key)
    if template is None and key in words.plurals and "count" in params:
        return _form(words, key, params["count"]).format(**params)
    if template is None:
        english = language_catalogue(DEFAULT_LANGUAGE)
        if key in english.plurals and "count" in params:
            return _form(english, key, params["count"]).format(**params)
        template = english.messages[key]
    return template.format(**params) if params else template


def _form(words: Language, key: str, count: object) -> str:
    forms = words.plurals[key]
    # A rule pointing past the forms given (a file still being translated) takes the last.
    return forms[min(words.plural_index(abs(int(count))), len(forms) - 1)]


def clock_hours(language: str) -> int:
    """How the language writes the time of day: 12 ("2pm") or 24 ("14:00"), as its
    .po file says in the "meta.clock_hours" entry (12 when it does not say)."""
    said = language_catalogue(language).meta.get("meta.clock_hours", "12").strip()
    return 24 if said == "24" else 12


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category of `count` in the language, through Babel: English "one" or
    "other"; Polish "one" (1 prośba), "few" (2-4 prośby, but 12-14 próśb) or "many" (5 próśb).
    Which msgstr[n] a count takes is the .po file's Plural-Forms; a test checks the two agree."""
    from babel import Locale

    if language not in SUPPORTED_LANGUAGES:
        language = DEFAULT_LANGUAGE
    return Locale.parse(language).plural_form(count)


def counted(language: str, key: str, count: int, **params: object) -> str:
    """A count with its noun in the right form ("2 friendly phone calls"): the plural entry
    `key`, its form chosen by the language's Plural-Forms, with {count} filled in."""
    return text(language, key, count=count, **params)


def supported_language(tag: str | None) -> str | None:
    """The supported language an app's setting names ("pl", "pl-PL", "en_GB"), else None."""
    code = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else None


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field}
