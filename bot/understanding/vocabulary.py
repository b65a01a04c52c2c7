"""Closed vocabularies read with typo tolerance: a word close enough to one of a short, fixed
list is that word ("qeue" is QUEUE, "wensday" is Wednesday).

Fuzzy matching (rapidfuzz) is only ever asked about a fixed list and only for words of four
letters or more, at a high score: an ordinary word never turns into a command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understanding.text import POSTCODE_PATTERN, clean, fold, words_of

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
# "whats in the queue", "stats pls", "find ian", "who is free near RM17", "list concerns".
COORDINATOR_COMMANDS = ("queue", "show", "assign", "approve", "suspend", "find", "stats",
                        "handover", "erase", "dashboard", "export", "directory", "partner",
                        "partners", "need", "needs", "settle", "broadcast", "concerns", "ack",
                        "resolve", "pending")
# What coordinators do to one request (bot/services/coordinating/case_actions.py): taken only as the
# first word and only with the request's reference, since "cancel", "change" and "note" are
# everyone's words too (a coordinator may cancel their own request as a resident).
CASE_COMMANDS = ("cancel", "close", "note", "change", "reopen", "urgent",
                 # A standing request ("shopping every Friday"): WEEKLY R-7Q4K PAUSE.
                 "weekly")
COORDINATOR_COMMANDS += CASE_COMMANDS + ("new",)  # NEW: a request taken for someone else
# Talking through the hub (bot/dialogue/takeover.py): TEXT R-7Q4K ..., TAKE R-7Q4K, RELEASE;
# everyday words too ("take my dog out"), so taken only as the first word.
TAKEOVER_COMMANDS = ("text", "take", "release")
COORDINATOR_COMMANDS += TAKEOVER_COMMANDS
# Check-up campaigns (bot/services/calls/campaigns.py): CAMPAIGN, CAMPAIGN START 3,
# CAMPAIGN CALLS 3, CAMPAIGN RANG 17 FINE; only as the first word, since START sends texts to a
# whole list.
COORDINATOR_COMMANDS += ("campaign",)
# Commands taken only as the first word, never typed loosely: their words are everyday ones
# ("I need someone to get my shopping", "erase my data") or they send or delete for good.
FIRST_WORD_ONLY = frozenset({"need", "partner", "erase", "broadcast", "new", *CASE_COMMANDS,
                             *TAKEOVER_COMMANDS, "campaign"})
LOOSE_COMMANDS = tuple(command for command in COORDINATOR_COMMANDS
                       if command not in FIRST_WORD_ONLY)
# A slip of the thumb is looked for only in the longer commands ("back" is not ACK)...
FUZZY_COMMANDS = tuple(command for command in LOOSE_COMMANDS
                       if len(command) >= SHORTEST_FUZZY_WORD)
# ...and never in words everyone's commands use: a coordinator may be a volunteer or a resident
# too ("start" is not STATS, "GIVE BACK R-7Q4K" not ACK).
EVERYONES_WORDS = frozenset({"start", "stop", "status", "resume", "pause", "back", "done",
                             "call", "calls", "leave", "tasks", "cancel", "help", "menu", "yes",
                             "no", "end", "give", "lang", "concern", "consent", "forget"})
# Other words for a command: what a coordinator might say instead.
COMMAND_SYNONYMS = {
    "statistics": "stats", "stat": "stats", "figures": "stats", "numbers": "stats",
    "totals": "stats",
    "waiting": "queue", "list": "queue", "open": "queue", "backlog": "queue",
    "unmatched": "queue", "outstanding": "queue",
    "search": "find", "look": "find", "lookup": "find", "free": "find", "available": "find",
    "volunteers": "find",
    "details": "show", "view": "show", "check": "show", "display": "show", "history": "show",
    "status": "show",
    "concern": "concerns", "alerts": "concerns", "alert": "concerns", "acknowledge": "ack", "acknowledged": "ack", "resolved": "resolve",
    # A coordinator writing Polish: "pokaż R-7Q4K", "kolejka", "znajdź Priya".
    "pokaz": "show", "kolejka": "queue", "lista": "queue", "znajdz": "find", "szukaj": "find",
    "wolni": "find", "wolny": "find", "wolna": "find", "statystyki": "stats",
    "pilne": "concerns", "zgloszenia": "concerns",
    # Volunteers signed up and waiting for their checks before offers: "PENDING", "approvals".
    "approvals": "pending", "unapproved": "pending", "awaiting": "pending",
    "applicants": "pending", "checks": "pending", "oczekujacy": "pending",
}
# Words that say "show me" or "list" and leave what to the word after them: "show me the
# queue", "list concerns", "look up Priya", "open R-7Q4K". Alone they mean their own command.
GENERAL_WORDS = frozenset({"show", "list", "open", "view", "check", "display", "details",
                           "look", "lookup", "search", "history", "status", "pokaz", "lista"})
# Commands that take nothing more ("the queue please"): other words after them make the
# message a sentence, not the command ("waiting for my prescription" is not QUEUE).
NO_ARGUMENTS = frozenset({"queue", "stats", "concerns", "partners", "needs", "dashboard",
                          "pending"})
# Commands about one request: typed loosely, they need its reference ("check R-7Q4K"), so
# "check on my mum" stays the resident's words.
ABOUT_A_REQUEST = frozenset({"show", "assign", "handover", "settle"})
# Words around a command that carry nothing: "can you show me", "what's in the queue please",
# "who is free near RM17", "give me the stats for this week".
FILLER = frozenset("""
please pls plz can could would will you u i me my whats what's what is are in the a an of
for let see tell give get us on hub any there how many today now just quick quickly hi hello
ok okay thanks ta is it's its about who's whos who anyone anybody someone somebody near
nearby around at up this week all current currently latest our we do have has got right
ones
prosze czy mi jest sa w na
""".split())
# Words in FIND that say who is looked for, not a name: "FIND volunteers called Priya".
FIND_NOISE = frozenset({"volunteer", "volunteers", "resident", "residents", "person", "people",
                        "called", "named", "name", "number", "phone", "coordinator",
                        "coordinators", "by", "with"})
# A request's or need's reference in loosely typed words: with its hyphen, or without it only
# when it holds a digit ("R7Q4K"), since "resume" and "ready" are words, not R-ESUME.
LOOSE_REFERENCE = re.compile(
    r"\b[RN](?:-[2-9A-HJ-NP-Z]{4,5}|(?=[A-Z]*[2-9])[2-9A-HJ-NP-Z]{4,5})\b", re.IGNORECASE)
# A postcode district alone ("RM17") and a phone number typed in a command (nine digits or more).
OUTWARD_CODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?", re.IGNORECASE)
PHONE_DIGITS = re.compile(r"\+?\d[\d ]{8,}\d")
LONGEST_LOOSE_COMMAND = 10  # words; a longer message is a sentence, not a command
# A coordinator asking after one request by its reference: "what's happening with R-7Q4K?",
# "any news on R-7Q4K", "where are we with R-7Q4K" is SHOW (the words before the reference
# ask; "cancel R-7Q4K" or "tell R-7Q4K..." do not).
ASKING_ABOUT = re.compile(
    r"(?:hi |hiya |ok |so )?(?:what'?s|whats|what is|what about|any (?:news|update)|"
    r"how'?s|hows|how is|how are (?:we|things)|where are we|where'?s|wheres|update on|"
    r"news on|status of|info on|details (?:of|for|on)|tell me about|co z|jak idzie|"
    r"jaki (?:jest )?status)\b")

# A coordinator asking who waits for their checks in a sentence: "who is waiting to be
# approved", "anyone need approving?", "who needs DBS checks", "kto czeka na weryfikacje",
# "any new volunteers?".
AWAITING_CHECKS = re.compile(
    r"^ (?:any|anything|what'?s|whats) new (?:volunteers?|helpers?|sign ?ups?)\b|"
    r"\b(?:who|anyone|anybody|any|volunteers?|people|kto)\b.*\b(?:waiting|wait|waits|pending|"
    r"awaiting|needs?|needing|still|czeka\w*)\b.*\b(?:approv\w*|checks?|checked|checking|"
    r"vett\w*|dbs|weryfikac\w*|zatwierdz\w*)\b")

# A coordinator asking what waits, as a question: "whats new", "anything new?", "what's come
# in today", "any new requests", "who needs help near RM17", "co nowego" is QUEUE (with the
# district, when one is named; "any new volunteers?" is AWAITING_CHECKS, read first)...
ASKS_WHAT_WAITS = re.compile(
    r"^ (?:hi |hiya |ok |so )?(?:(?:what'?s|whats|what has|anything|any|owt|co) (?:new|nowego)"
    r"|(?:what'?s|whats|what has|anything|has anything|what) (?:come|came) in"
    r"|any (?:new )?(?:requests?|jobs?) (?:in|come in|waiting|today|yet|near)"
    r"|any new (?:requests?|jobs?)"
    r"|who (?:still )?needs? (?:help|a volunteer|someone|volunteers)"
    r"|(?:who|anyone|anybody) (?:still )?waiting (?:for (?:help|a volunteer))?"
    r"|kto (?:jeszcze )?(?:potrzebuje|czeka))\b")
# ...and how the day or the week goes: "how many requests today", "how are we doing", "how
# busy is it", "ile dzisiaj zgłoszeń" is STATS. Not "how many hours have I done": that is a
# volunteer's own question, and a coordinator may volunteer too.
ASKS_HOW_IT_GOES = re.compile(
    r"^ (?:hi |hiya |ok |so )?(?:how many (?:new )?(?:requests?|jobs?|tasks?|people|residents|"
    r"volunteers|calls|matches|have we|did we|today|this week)"
    r"|how (?:are|r) (?:we|things) (?:doing|going|looking)|how'?s (?:it|things|today) (?:going|"
    r"looking)|hows (?:it|things|today) (?:going|looking)|how busy"
    r"|ile (?:dzis\w*|zgloszen|prosb|zadan))\b")


# ...and who could take a request: "who can do R-7Q4K", "who could help with R-7Q4K", "anyone
# for R-7Q4K?", "kto może wziąć R-7Q4K" is FIND near it.
ASKS_WHO_COULD = re.compile(
    r"^ (?:hi |hiya |ok |so )?(?:(?:who|kto)\b.*\b(?:can|could|is free|moze|może|mogl\w*|"
    r"mógł\w*)|(?:anyone|anybody|any volunteers?)\b.*\b(?:for|near|free|available|can|could|"
    r"nearby|around))\b")


@dataclass(frozen=True)
class CommandWords:
    command: str
    arguments: str  # the rest of the message, as typed
    exact: bool = True  # the command's own word as it is spelt, not another word or a slip


def word_of(raw: str) -> str:
    """One typed word as read for the vocabulary: "Queue?" -> "queue", "what's" -> "what's"."""
    return fold(raw).replace("?", " ").replace("!", " ").strip(" '-")


def swapped_neighbours(word: str) -> Iterator[str]:
    """The word with each pair of neighbouring letters swapped: "teh" -> "eth", "the"."""
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


def is_filler(word: str) -> bool:
    """A word that carries nothing, also typed with two letters swapped ("whats in teh
    queue", "waht"): only a swap, never a closer guess, so "ten" or "them" stay words."""
    return word in FILLER or (len(word) >= 3 and any(
        swapped in FILLER for swapped in swapped_neighbours(word)))


def trimmed(words: list[str]) -> list[str]:
    """The arguments without the filler around them ("me R-7Q4K please" -> "R-7Q4K"); the
    words between are kept as typed, since they may be a name or a note."""
    start, end = 0, len(words)
    while start < end and is_filler(word_of(words[start])):
        start += 1
    while end > start and is_filler(word_of(words[end - 1])):
        end -= 1
    return words[start:end]


def as_arguments(words: list[str]) -> str:
    return " ".join(trimmed(words)).strip(" ,.;:?!")


def command_arguments(text: str) -> str:
    """What follows a command word typed exactly ("SHOW me R-7Q4K please" -> "R-7Q4K")."""
    return as_arguments(clean(text).split()[1:])


def command_named(word: str) -> tuple[str | None, bool]:
    """The command a word names, and whether it is the command's own word exactly."""
    if word in FIRST_WORD_ONLY:
        return None, False
    if word in LOOSE_COMMANDS:
        return word, True
    if word in COMMAND_SYNONYMS or word in EVERYONES_WORDS:
        return COMMAND_SYNONYMS.get(word), False
    return closest(word, FUZZY_COMMANDS), False


def coordinator_command(text: str) -> CommandWords | None:
    """A coordinator's command said loosely, with its arguments; None for anything else,
    and for a command whose arguments are not what it takes (then they are a sentence)."""
    said = clean(text)
    words = said.split()
    if not words or len(words) > LONGEST_LOOSE_COMMAND:
        return None
    folded = words_of(fold(said))
    if AWAITING_CHECKS.search(folded):
        return CommandWords("pending", "", exact=False)
    if ASKS_WHAT_WAITS.search(folded):
        return CommandWords("queue", " ".join(areas_named(said)), exact=False)
    if ASKS_HOW_IT_GOES.search(folded):
        return CommandWords("stats", "", exact=False)
    for position, raw in enumerate(words):
        word = word_of(raw)
        if not word or is_filler(word):
            continue
        command, exact = command_named(word)
        if command is None:
            break  # the first word that matters is not a command
        rest = trimmed(words[position + 1:])
        if word in GENERAL_WORDS and rest:
            # "show me the queue", "list concerns", "list volunteers near RM17": the next
            # word says what; "open R-7Q4K", "look at R-7Q4K": a reference is shown.
            following, following_exact = command_named(word_of(rest[0]))
            if following is not None and following not in ABOUT_A_REQUEST:
                command, exact, rest = following, following_exact, rest[1:]
            elif LOOSE_REFERENCE.search(" ".join(rest)):
                command = "show"
        found = CommandWords(command, as_arguments(rest), exact)
        return found if fits(found) else None
    reference = LOOSE_REFERENCE.fullmatch(said.strip(" ?.!"))
    if reference:  # a reference alone: show it
        return CommandWords("show", reference.group(0), exact=False)
    references = LOOSE_REFERENCE.findall(said)
    if len(references) == 1 and ASKING_ABOUT.match(words_of(fold(said)).strip()):
        return CommandWords("show", references[0], exact=False)
    if len(references) == 1 and ASKS_WHO_COULD.search(folded):
        return CommandWords("find", references[0], exact=False)
    return None


def areas_named(text: str) -> list[str]:
    """The postcode districts a command names ("near RM17, rm16 2xu" -> RM17, RM16)."""
    said = clean(text).upper()
    found = [match.group(1) for match in POSTCODE_PATTERN.finditer(said)]
    found += [raw.strip(" ,.;:?!") for raw in POSTCODE_PATTERN.sub(" ", said).split()
              if OUTWARD_CODE.fullmatch(raw.strip(" ,.;:?!"))]
    return list(dict.fromkeys(found))


def fits(found: CommandWords) -> bool:
    """Whether a loosely typed command has the arguments it takes."""
    if found.command == "queue":  # the whole queue, or near a district: "queue near RM17"
        return not found.arguments or bool(areas_named(found.arguments))
    if found.command in NO_ARGUMENTS:
        return not found.arguments
    if found.command in ABOUT_A_REQUEST:
        return LOOSE_REFERENCE.search(found.arguments) is not None
    if found.command in ("find", "ack", "resolve"):
        return bool(found.arguments)
    return True


def names_exactly(arguments: str) -> bool:
    """Whether the arguments name something no sentence would: a reference, a postcode or
    a postcode district, a phone number. Then a loosely typed command is surely one."""
    said = clean(arguments)
    return bool(LOOSE_REFERENCE.search(said) or POSTCODE_PATTERN.search(said)
                or any(OUTWARD_CODE.fullmatch(raw.strip(" ,.;:?!")) for raw in said.split())
                or PHONE_DIGITS.search(said))


def search_words(arguments: str) -> str:
    """The name in a FIND: "volunteers called Priya" -> "Priya"."""
    kept = [raw for raw in clean(arguments).split()
            if word_of(raw) not in FILLER and word_of(raw) not in FIND_NOISE]
    return " ".join(kept).strip(" ,.;:?!")
