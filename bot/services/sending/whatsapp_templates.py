"""WhatsApp message templates, one per kind of message, made from the catalogue.

Outside WhatsApp's 24-hour window a business may only send templates WhatsApp approved
(Twilio's Content API: a `content_sid`, `HX...`, and `content_variables`). A kind of message
is a catalogue key ("offer", "call_reminder"); its template's body is the catalogue text
with each {placeholder} written as {{1}}, {{2}}..., in the order they first appear, so
the operator submits exactly what the hub would have said (`template_body`), and the hub
finds the kind and the variables of a message by reading its text back against the
catalogue (`WhatsAppTemplates.for_message`).

TWILIO_WHATSAPP_TEMPLATES names the approved ones: "offer=HX...,call_reminder=HX..."; a
key alone is its English template, "offer@pl=HX..." its Polish one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from string import Formatter

from bot.dialogue.catalogue import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, catalogue
from bot.settings import SettingsError

CONTENT_SID = re.compile(r"HX[0-9a-fA-F]{32}")
# A value WhatsApp accepts where the hub's text has nothing (an empty variable is refused).
EMPTY_VALUE = "-"


@dataclass(frozen=True)
class TemplateMessage:
    """One message as an approved template: what Twilio's Messages API takes."""

    key: str
    content_sid: str
    variables: dict[str, str]

    @property
    def content_variables(self) -> str:
        return json.dumps(self.variables, ensure_ascii=False)


def placeholders(template: str) -> list[str]:
    """The catalogue text's placeholder names, each once, in order of first appearance."""
    names: list[str] = []
    for _, name, _, _ in Formatter().parse(template):
        if name is not None and name not in names:
            names.append(name)
    return names


def template_body(language: str, key: str) -> str:
    """The catalogue text of `key` as a WhatsApp template body: {name} -> {{n}}."""
    source = catalogue(language)[key]
    numbers = {name: index for index, name in enumerate(placeholders(source), start=1)}
    parts = []
    for literal, name, _, _ in Formatter().parse(source):
        parts.append(literal)
        if name is not None:
            parts.append("{{%d}}" % numbers[name])
    return "".join(parts)


def _pattern(source: str) -> re.Pattern[str]:
    parts, seen = [], set()
    for literal, name, _, _ in Formatter().parse(source):
        parts.append(re.escape(literal))
        if name is None:
            continue
        group = re.sub(r"\W", "_", name)
        parts.append(f"(?P={group})" if group in seen else f"(?P<{group}>.*?)")
        seen.add(group)
    return re.compile("".join(parts), re.S)


def parse_templates(setting: str) -> dict[tuple[str, str], str]:
    """TWILIO_WHATSAPP_TEMPLATES as {(key, language): content sid}."""
    found: dict[tuple[str, str], str] = {}
    for item in setting.split(","):
        if not item.strip():
            continue
        name, equals, sid = (part.strip() for part in item.partition("="))
        if not equals or not CONTENT_SID.fullmatch(sid):
            raise SettingsError("TWILIO_WHATSAPP_TEMPLATES needs key=HX... pairs separated "
                                f"by commas, not {item.strip()!r}")
        key, _, language = name.partition("@")
        language = language or DEFAULT_LANGUAGE
        if language not in SUPPORTED_LANGUAGES or key not in catalogue(language):
            raise SettingsError(f"TWILIO_WHATSAPP_TEMPLATES: {name!r} is no message the hub "
                                "sends")
        found[(key, language)] = sid
    return found


class WhatsAppTemplates:
    """The approved templates, and which one a message is."""

    def __init__(self, sids: dict[tuple[str, str], str]) -> None:
        self._sids = dict(sids)
        self._patterns = {
            (key, language): (_pattern(catalogue(language)[key]),
                              placeholders(catalogue(language)[key]))
            for key, language in self._sids}

    @classmethod
    def from_setting(cls, setting: str) -> WhatsAppTemplates:
        return cls(parse_templates(setting))

    def __len__(self) -> int:
        return len(self._sids)

    def for_message(self, body: str, language: str) -> TemplateMessage | None:
        """The template this text is an instance of, with its variables; None when no
        approved template says it (then it can go free-form only inside the window)."""
        for (key, template_language), (pattern, names) in self._patterns.items():
            if template_language != language:
                continue
            match = pattern.fullmatch(body)
            if match is None:
                continue
            values = {str(number): (match.group(re.sub(r"\W", "_", name)).strip()
                                    or EMPTY_VALUE)
                      for number, name in enumerate(names, start=1)}
            return TemplateMessage(key, self._sids[(key, language)], values)
        return None
