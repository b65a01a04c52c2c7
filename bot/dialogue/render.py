"""Replies as plain text, for channels without buttons (SMS, the console)."""

from __future__ import annotations

import re

from bot.dialogue.catalogue import text
from bot.dialogue.types import Reply


def as_plain_text(reply: Reply, language: str) -> str:
    """The reply with its choices written out as words people can type back, unless the
    text already says each one ("Reply YES R-7Q4K to take it or NO R-7Q4K"): a line more
    can make an SMS two, and saying it twice helps nobody."""
    if not reply.choices or all(says(reply.text, choice.value) for choice in reply.choices):
        return reply.text
    values = [choice.value for choice in reply.choices]
    if values == ["YES", "NO"]:
        return f"{reply.text}\n{text(language, 'choice.reply_yes_no')}"
    if all(choice.value.lower() == choice.label.lower() for choice in reply.choices) or all(
        f"{c.value} {c.label}" in reply.text for c in reply.choices
    ):
        return f"{reply.text}\n{text(language, 'choice.reply_one_of')} {', '.join(values)}"
    options = "\n".join(f"{choice.value} {choice.label}" for choice in reply.choices)
    return f"{reply.text}\n{options}"


def says(body: str, word: str) -> bool:
    """The body names this reply word as written (YES, SKIP), not inside another word."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", body) is not None
