"""Closed vocabularies read with typo tolerance: a word close enough to one of a short, fixed
list is that word ("qeue" is QUEUE, "wensday" is Wednesday).

Fuzzy matching (rapidfuzz) is only ever asked about a fixed list and only for words of four
letters or more, at a high score: an ordinary word never turns into a command.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understanding.text import ANY_REFERENCE, clean, fold

# Scores are rapidfuzz ratios (0-100): 80 lets one slip through in a word of five or more.
SCORE_CUTOFF = 80
SHORTEST_FUZZY_WORD = 4


def closest(word: str, vocabulary: tuple[str, ...] | list[str]) -> str | None:
    """The vocabulary word `word` is, exactly or by a slip of the thumb; None otherwise."""
    if word in vocabulary:
        return word
    if len(word) < SHORTEST_FUZZY_WORD:
        return None
    found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
    if found is None or abs(len(found[0]) - len(word)) > 2:
        return None
    return found[0]


# Coordinators' commands, the one list of them (bot/dialogue/admin.py forwards most, concerns.py
# takes CONCERNS, ACK and RESOLVE), read exactly or as typed loosely: "show me R-7Q4K",
# "whats in the queue", "stats pls", "find ian".
COORDINATOR_COMMANDS = ("queue", "show", "assign", "approve", "suspend", "find", "stats",
                        "handover", "erase", "dashboard", "export", "directory", "partner",
                        "partners", "need", "needs", "settle", "broadcast", "concerns", "ack",
                        "resolve")
# Other words for a command: what a coordinator might say instead.
COMMAND_SYNONYMS = {"statistics": "stats", "figures": "stats", "numbers": "stats",
                    "waiting": "queue", "list": "queue", "open": "queue", "search": "find",
                    "look": "find", "details": "show", "view": "show", "approve": "approve",
                    "check": "show", "concern": "concerns", "acknowledge": "ack"}
# Words around a command that carry nothing: "can you show me", "what's in the queue please".
FILLER = frozenset("""
please pls plz can could would you u i me my whats what's what is are in the a an of
for let see tell give get us on hub any there how many today now just quick quickly hi hello
ok okay thanks ta is it's its about
""".split())
LONGEST_LOOSE_COMMAND = 10  # words; a longer message is a sentence, not a command


@dataclass(frozen=True)
class CommandWords:
    command: str
    arguments: str  # the rest of the message, as typed


def trimmed(words: list[str]) -> list[str]:
    """The arguments without the filler around them ("me R-7Q4K please" -> "R-7Q4K"); the
    words between are kept as typed, since they may be a name or a note."""
    start, end = 0, len(words)
    while start < end and fold(words[start]).strip() in FILLER:
        start += 1
    while end > start and fold(words[end - 1]).strip() in FILLER:
        end -= 1
    return words[start:end]


def command_arguments(text: str) -> str:
    """What follows a command word typed exactly ("SHOW me R-7Q4K please" -> "R-7Q4K")."""
    return " ".join(trimmed(clean(text).split()[1:]))


def coordinator_command(text: str) -> CommandWords | None:
    """A coordinator's command said loosely, with its arguments; None for anything else."""
    said = clean(text)
    words = said.split()
    if not words or len(words) > LONGEST_LOOSE_COMMAND:
        return None
    for position, raw in enumerate(words):
        word = fold(raw).strip()
        if not word or word in FILLER:
            continue
        command = COMMAND_SYNONYMS.get(word) or closest(word, COORDINATOR_COMMANDS)
        if command is None:
            break  # the first word that matters is not a command
        rest = trimmed(words[position + 1:])
        # "show me the queue", "give me the stats": the second word is the command.
        following = closest(fold(rest[0]).strip(), COORDINATOR_COMMANDS) if rest else None
        if command == "show" and following in ("queue", "stats", "concerns", "partners",
                                               "needs", "directory", "dashboard"):
            command, rest = following, rest[1:]
        return CommandWords(command, " ".join(rest))
    reference = ANY_REFERENCE.fullmatch(said.strip(" ?.!"))
    if reference:  # a reference alone: show it
        return CommandWords("show", reference.group(0))
    return None
