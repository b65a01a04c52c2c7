"""The guides in docs/ say what the program says and does.

Conversations in the residents', volunteers' and coordinators' guides are
fenced blocks whose info string is `text SCENARIO` (optionally followed by
`sms` or `telegram`; SMS when left out), holding lines `You: message` and
`Hub: words of the answer`. Each block is replayed through the real dialogue
engine (`bot.dialogue.engine.step`), starting from the situation SCENARIO names
(a new resident, a volunteer with one open offer, a coordinator, ...); on SMS the
STOP / START / HELP keywords go through the real `SmsKeywords` first, as they
do in `neighbourly serve`.

- Every `You:` line must be understood: the hub answers or acts, does not ask
  for it again ("Sorry, I didn't understand that", "Please send ... again") and
  does not fall back to its opening menu, unless the guide quotes that answer
  to show it.
- Every `Hub:` line must be in the answer. "…" in a quote stands for words left
  out. When the dialogue hands the message to a service (an offer taken, a call
  logged, a coordinator's command), the engine itself says nothing; then the
  quote must be one of the hub's own messages (bot/dialogue/locales/en.po) as it
  reads with the guides' cast: Albert the resident, Julia and Ian the
  volunteers, Carol the coordinator, request R-7Q4K, a receipt of £23.40, the
  partner Thurrock Care Home and its need N-3KD9. `Hub:` lines before the
  first `You:` are messages the hub starts (an offer, a reminder) and are checked
  the same way.

Besides: every coordinator command the coordinators' guide names is one the
dialogue knows (bot/dialogue/admin.py COMMANDS, and BROADCAST, CONCERNS, ACK,
RESOLVE and END CALLS, which concerns.py and calls.py handle); every
`neighbourly ...` command line in the coordinators' and operators' guides is
accepted by the real command-line parser; and the operators' guide names every
setting in bot/settings.py, no setting that is not there, and each default as
the code has it.
"""

from __future__ import annotations

import itertools
import re
import shlex
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pytest
from pydantic import SecretStr

from bot.cli import build_parser
from bot.dialogue import admin, calls, concerns, engine, intake, languages, money
from bot.understanding import parsing
from bot.dialogue.catalogue import catalogue, placeholders, plurals, text
from bot.dialogue.render import as_plain_text
from bot.dialogue.types import (
    AdminCommand,
    Broadcast,
    ChangeCalls,
    Inbound,
    ManageConcern,
    OfferSummary,
    PersonContext,
    Reply,
    RequestSummary,
    State,
    VolunteerSummary,
)
from bot.services.running.conversations import postcodes_in
from bot.services.running.opt_out import SmsKeywords, sms_keyword
from bot.settings import ENVIRONMENT_VARIABLES, Settings
from fakes import FakePostcodeLocator
from matching import ScoreWeights

DOCS = Path(__file__).resolve().parent.parent / "docs"
RESIDENTS = DOCS / "guide-residents.md"
VOLUNTEERS = DOCS / "guide-volunteers.md"
COORDINATORS = DOCS / "guide-coordinators.md"
OPERATORS = DOCS / "guide-operators.md"

HUB = "Neighbourly"
HUB_CONTACT = "call 01375 652 802, Mon-Fri 9-5"
REFERENCE = "R-7Q4K"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)  # a Tuesday morning
LOCATE = FakePostcodeLocator()


# The situations the guides' conversations start from.

SHOPPING_OFFER = OfferSummary(REFERENCE, "shopping", "tomorrow", "Albert", "Orsett Road, RM17",
                              0.5)
DOG_OFFER = OfferSummary("R-ABCD", "dog_walking", "Friday", "Lydia", "RM16", 2.1)
# A partner's need is offered like a request: the partner's name, where the person's would be.
NEED = "N-3KD9"
NEED_OFFER = OfferSummary(NEED, "befriending", "weekly", "Thurrock Care Home", "RM17", 0.8)
SHOPPING_TASK = RequestSummary(REFERENCE, "shopping", "assigned", "tomorrow", "Albert",
                               "12 Orsett Road, RM17 6SL", "+447700900123")
# SHOPPING_TASK was paid to the shop by phone, so DONE asks for no receipt; this one was not.
RECEIPT_TASK = replace(SHOPPING_TASK, needs_receipt=True)
RECEIPT_PENCE = 2340
CALLS_TASK = RequestSummary(REFERENCE, "befriending", "assigned", "weekday afternoons",
                            "Albert", "", "+447700900123")


def someone(**known) -> PersonContext:
    return PersonContext(hub_name=HUB, next_reference=REFERENCE, **known)


def volunteer(name: str = "Julia", vetting: str = "approved", offers=(), tasks=(),
              **known) -> PersonContext:
    return someone(first_name=name, roles=frozenset({"volunteer"}),
                   volunteer=VolunteerSummary(vetting, False, tasks=tuple(tasks),
                                              offers=tuple(offers)), **known)


def albert(**known) -> PersonContext:
    return someone(first_name="Albert", roles=frozenset({"resident"}), **known)


SCENARIOS: dict[str, Callable[[], tuple[PersonContext, State]]] = {
    # Residents.
    "resident": lambda: (someone(), State()),
    "resident-with-request": lambda: (albert(open_requests=(
        RequestSummary(REFERENCE, "shopping", "offered", "tomorrow"),)), State()),
    "resident-asked-how-it-went": lambda: (albert(), State(engine.FEEDBACK_FLOW, "ask",
                                                           {"reference": REFERENCE})),
    "resident-with-calls": lambda: (albert(has_calls=True, open_requests=(
        RequestSummary(REFERENCE, "befriending", "assigned", "weekday afternoons"),)), State()),
    # Just after a shopping request is saved, as the service asks it.
    "resident-asked-how-to-pay": lambda: (albert(open_requests=(
        RequestSummary(REFERENCE, "shopping", "offered", "tomorrow"),)),
        State(money.PAYMENT_FLOW, "ask", {"reference": REFERENCE})),
    # Julia has given the receipt's amount; the service asks Albert to confirm it.
    "resident-asked-about-receipt": lambda: (albert(), State(
        money.CHECK_FLOW, "confirm", {"reference": REFERENCE, "pence": RECEIPT_PENCE,
                                      "volunteer": "Julia"})),
    # Volunteers.
    "new-volunteer": lambda: (someone(), State()),
    "volunteer-pending": lambda: (volunteer(vetting="pending"), State()),
    "volunteer": lambda: (volunteer(), State()),
    "volunteer-with-offer": lambda: (volunteer(offers=[SHOPPING_OFFER]), State()),
    "volunteer-with-offers": lambda: (volunteer(offers=[SHOPPING_OFFER, DOG_OFFER]), State()),
    "volunteer-with-task": lambda: (volunteer(tasks=[SHOPPING_TASK]), State()),
    "volunteer-with-shopping-task": lambda: (volunteer(tasks=[RECEIPT_TASK]), State()),
    "volunteer-with-partner-offer": lambda: (volunteer(offers=[NEED_OFFER]), State()),
    "volunteer-won-calls": lambda: (volunteer("Ian", tasks=[CALLS_TASK]),
                                    State(calls.PLAN_FLOW, "when", {"reference": REFERENCE})),
    "volunteer-with-calls": lambda: (volunteer("Ian", tasks=[CALLS_TASK], has_calls=True),
                                     State()),
    "volunteer-with-call-due": lambda: (volunteer("Ian", tasks=[CALLS_TASK], has_calls=True,
                                                  call_pending_with="Albert"), State()),
    # Coordinators.
    "coordinator": lambda: (someone(first_name="Carol", roles=frozenset({"coordinator"})),
                            State()),
}

# What the placeholders of the hub's messages stand for in the guides.
CAST: dict[str, tuple[str, ...]] = {
    "hub": (HUB,),
    # People, and for coordinators a directory entry and a partner.
    "name": ("Albert", "Julia", "Ian", "Carol", "Tesco Grays", "Thurrock Care Home"),
    "first_name": ("Albert",),
    "resident": ("Albert",),
    "volunteer": ("Julia", "Ian"),
    "other": ("Albert", "Julia", "Ian"),
    "coordinator": ("Carol",),
    "raiser": ("Ian",),
    "reference": (REFERENCE, NEED),
    # Kinds of help as requests name them, and as partners' needs do.
    "category": tuple(text("en", f"{prefix}.{c}").lower() for prefix in ("category", "need_kind")
                      for c in parsing.CATEGORIES),
    "when": ("tomorrow", "every Tuesday between 2pm and 4pm"),
    "area": ("Orsett Road, RM17",),
    "distance": ("0.5 km away", "very close"),
    "start": ("2pm",),
    "end": ("4pm",),
    "time": ("4pm",),
    "until": ("Sat 12 Dec",),
    "number": ("12", "D-3"),  # a concern's number, a directory entry's
    "count": ("1", "2", "3", "14"),
    "preference": ("weekday afternoons",),
    "minutes": ("15",),
    "lead": ("an hour",),
    "command": ("SHOW", "ASSIGN", "HANDOVER"),
    "action": ("ACK", "RESOLVE"),
    "km": ("10",),
    "postcode": ("RM17 6SL",),
    "skill": ("", " for shopping"),
    "where": ("RM17, RM16", "all areas", " (RM17)"),
    "what": ("shopping", "any skill"),
    "text": ("can anyone help on Saturday?",),
    "amount": (money.pounds(RECEIPT_PENCE),),
    "district": ("RM17",),
    "partner": ("Thurrock Care Home",),
    "needed": ("3",),
    "kind": ("shop that delivers",),
    "districts": ("RM17 RM16",),
}
GAP = "\x00"  # a placeholder the cast does not fill: any words


# Reading the guides.


@dataclass
class Example:
    guide: str
    line: int
    scenario: str
    channel: str
    opening: list[str] = field(default_factory=list)  # Hub: lines before any You:
    turns: list[tuple[str, list[str]]] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)  # lines that are neither

    def __str__(self) -> str:
        return f"{self.guide}:{self.line}"


FENCE = re.compile(
    r"^```text[ \t]+(?P<scenario>[a-z][a-z-]*)(?:[ \t]+(?P<channel>sms|telegram))?[ \t]*\n"
    r"(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def examples_in(path: Path) -> list[Example]:
    document = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(document):
        example = Example(path.name, document.count("\n", 0, match.start()) + 1,
                          match["scenario"], match["channel"] or "sms")
        for line in match["body"].splitlines():
            speaker, colon, words = line.strip().partition(":")
            if not line.strip():
                continue
            if colon and speaker == "You":
                example.turns.append((words.strip(), []))
            elif colon and speaker == "Hub" and example.turns:
                example.turns[-1][1].append(words.strip())
            elif colon and speaker == "Hub":
                example.opening.append(words.strip())
            else:
                example.stray.append(line)
        found.append(example)
    return found


def section(path: Path, heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    document = path.read_text(encoding="utf-8")
    start = document.index(f"## {heading}\n")
    end = document.find("\n## ", start + 1)
    return document[start:end if end != -1 else None]


def first_column(table_text: str) -> list[str]:
    """The first cell of each row of the Markdown tables in the text, header rows left out."""
    rows = [line.strip() for line in table_text.splitlines() if line.strip().startswith("|")]

    def separator(row: str) -> bool:
        return set(row) <= set("|-: ")

    return [row.split("|")[1].strip() for index, row in enumerate(rows)
            if not separator(row) and not (index + 1 < len(rows) and separator(rows[index + 1]))]


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


# Talking to the hub as the guide does.


def tidy(words: str) -> str:
    return " ".join(words.split())


class FakeSession:
    """Enough of a session for the SMS keyword rules, which only add audit events."""

    def add(self, row) -> None:
        pass

    def flush(self) -> None:
        pass

    def scalar(self, statement):
        return None

    def scalars(self, statement):
        return []


@dataclass
class Heard:
    texts: list[str]
    effects: list
    state_before: State


class GuideChat:
    def __init__(self, example: Example) -> None:
        self.person, self.state = SCENARIOS[example.scenario]()
        self.channel = example.channel
        person = SimpleNamespace(id=1, language="en", identities=[], volunteer_profile=None)
        self.identity = SimpleNamespace(kind="phone" if self.channel == "sms" else "telegram",
                                        address="+447700900123", opted_out_at=None,
                                        person=person, person_id=1)
        person.identities.append(self.identity)
        # The keyword rules read the sender's standing and change its identity row.
        self.sender = SimpleNamespace(person_id=1, language="en", opted_out_at=None,
                                      identity=lambda session: self.identity)
        self.keywords = SmsKeywords(HUB, HUB_CONTACT, lambda: NOW)

    def send(self, message: str) -> Heard:
        before = self.state
        if self.channel == "sms":
            screened = self.keywords.screen(FakeSession(), self.sender,
                                            SimpleNamespace(text=message))
            self.sender.opted_out_at = self.identity.opted_out_at
            if screened is not None:
                return Heard([reply.text for reply in screened], [], before)
        inbound = Inbound(message, self.channel, NOW, self.person, postcodes_in(message, LOCATE))
        self.state, replies, effects = engine.step(self.state, inbound)
        return Heard([self.shown(reply) for reply in replies], list(effects), before)

    def shown(self, reply: Reply) -> str:
        if self.channel == "sms":
            return as_plain_text(reply, "en")
        buttons = " ".join(f"[{choice.label}]" for choice in reply.choices)
        return f"{reply.text}\n{buttons}" if buttons else reply.text


def fragments(quote: str) -> list[str]:
    return [tidy(part) for part in quote.split("…") if part.strip()]


def contains_in_order(said: str, quote: str) -> bool:
    position = 0
    for part in fragments(quote):
        found = said.find(part, position)
        if found == -1:
            return False
        position = found + len(part)
    return True


def renderings(template: str):
    """The template filled with each combination of the cast (GAP where it has nobody)."""
    names = sorted(placeholders(template))
    choices = [CAST.get(name, (GAP,)) for name in names]
    for values in itertools.product(*choices):
        yield tidy(template.format(**dict(zip(names, values))))


def in_catalogue(quote: str) -> bool:
    """The quote is what one of the hub's messages says (gaps between its fragments)."""
    counted_forms = (form for forms in plurals("en").values() for form in forms)
    for template in (*catalogue("en").values(), *counted_forms):
        for rendered in renderings(template):
            position = 0
            for part in fragments(quote):
                # A fragment may not run across a placeholder the cast leaves open.
                found = rendered.find(part, position)
                if found == -1:
                    break
                position = found + len(part)
            else:
                return True
    return False


def opening_words(key: str) -> str:
    return tidy(text("en", key).split("{")[0])


# Answers that mean the hub did not understand and is asking again.
ASKING_AGAIN = tuple(sorted(
    opening_words(key) for key in catalogue("en")
    if key.endswith("_again") or key in ("not_understood", "empty_message", "postcode_invalid",
                                         "postcode_unknown", "broadcast_how", "concern_which")))
WELCOME = tidy(text("en", "welcome", hub=HUB))


def check_understood(example: Example, message: str, heard: Heard, quotes: list[str]) -> None:
    said = [tidy(words) for words in heard.texts]
    where = f"{example}: {message!r}"
    assert said or heard.effects, f"{where}: the hub neither answered nor did anything"
    for words in said:
        if any(words.startswith(again) for again in ASKING_AGAIN):
            assert any(contains_in_order(words, quote) for quote in quotes), (
                f"{where}: the hub did not understand and asked again:\n{words}")
    if any(WELCOME in words for words in said) and not heard.effects:
        assert any(contains_in_order(WELCOME, quote) for quote in quotes), (
            f"{where}: the hub did not take this as meant and showed its opening menu")


def check_quotes(example: Example, message: str, heard: Heard, quotes: list[str]) -> None:
    said = tidy("\n".join(heard.texts))
    for quote in quotes:
        if said:
            assert contains_in_order(said, quote), (
                f"{example}: after {message!r} the guide quotes {quote!r}, but the hub said:\n"
                f"{said}")
        else:
            assert in_catalogue(quote), (
                f"{example}: after {message!r} (answered by the service: {heard.effects}) the "
                f"guide quotes {quote!r}, which is none of the hub's messages")


def replay(example: Example) -> list[Heard]:
    assert not example.stray, f"{example}: lines neither 'You:' nor 'Hub:': {example.stray}"
    assert example.scenario in SCENARIOS, (
        f"{example}: unknown scenario {example.scenario!r}; known: {', '.join(SCENARIOS)}")
    assert example.turns or example.opening, f"{example}: an empty conversation"
    for quote in example.opening:
        assert in_catalogue(quote), f"{example}: {quote!r} is none of the hub's messages"
    chat = GuideChat(example)
    heard_all = []
    for message, quotes in example.turns:
        heard = chat.send(message)
        check_understood(example, message, heard, quotes)
        check_quotes(example, message, heard, quotes)
        heard_all.append(heard)
    return heard_all


def conversations(*guides: Path) -> list:
    return [pytest.param(example, id=str(example)) for guide in guides
            for example in examples_in(guide)]


# The residents' and volunteers' guides.


def test_the_people_guides_show_conversations_for_the_test_to_replay():
    for guide, at_least in ((RESIDENTS, 5), (VOLUNTEERS, 10)):
        assert len(examples_in(guide)) >= at_least, f"{guide.name} lost its example blocks"


@pytest.mark.parametrize("example", conversations(RESIDENTS, VOLUNTEERS))
def test_every_example_in_the_residents_and_volunteers_guides_is_understood(example):
    replay(example)


def test_every_word_on_the_residents_card_works_from_anywhere():
    words = [re.sub(r"\*", "", cell) for cell in first_column(section(RESIDENTS,
                                                                     "Words you can send"))]
    assert {"STATUS", "CANCEL REQUEST", "STOP", "START", "HELP", "FORGET ME"} <= set(words)
    for word in words:
        assert (sms_keyword(word) or engine.recognise_command(word, State())
                or languages.requested(word) is not None), (
            f"{word!r} on the residents' card is not a word the hub knows at any point")


# The coordinators' guide.

COORDINATOR_WORDS = (set(admin.COMMANDS) | {"broadcast"} | set(concerns.COORDINATOR_WORDS)
                     | {"end", "new"})


def is_coordinator_action(effect) -> bool:
    return (isinstance(effect, AdminCommand) and effect.command in admin.COMMANDS
            or isinstance(effect, (Broadcast, ManageConcern))
            or isinstance(effect, ChangeCalls) and effect.reference is not None)


def coordinator_commands_named() -> list[str]:
    cells = first_column(section(COORDINATORS, "Commands at a glance"))
    return [span for cell in cells for span in code_spans(cell)]


def test_the_coordinators_guide_names_the_commands_in_a_table():
    named = {parsing.first_word(command) for command in coordinator_commands_named()}
    assert {"queue", "show", "assign", "approve", "suspend", "find", "stats", "handover",
            "end", "broadcast", "erase", "concerns", "ack", "resolve", "dashboard"} <= named


@pytest.mark.parametrize("command", coordinator_commands_named())
def test_every_coordinator_command_in_the_guide_is_one_the_dialogue_knows(command):
    assert parsing.first_word(command) in COORDINATOR_WORDS, (
        f"{command!r}: the dialogue has no coordinator command {parsing.first_word(command)!r}")
    person, state = SCENARIOS["coordinator"]()
    after, replies, effects = engine.step(state, Inbound(command, "telegram", NOW, person))
    # NEW asks its questions (or reads it all back) before there is anything to do.
    assert any(is_coordinator_action(effect) for effect in effects) or (
        after.flow == intake.FLOW), (
        f"{command!r} is not taken as a coordinator's command: {replies} {effects}")


@pytest.mark.parametrize("example", conversations(COORDINATORS))
def test_every_example_in_the_coordinators_guide_is_a_command_the_hub_carries_out(example):
    assert example.scenario == "coordinator"
    for (message, _), heard in zip(example.turns, replay(example)):
        confirming = heard.state_before.flow in (admin.BROADCAST_FLOW, intake.FLOW)
        assert confirming or parsing.first_word(message) in COORDINATOR_WORDS | {"help"}, (
            f"{example}: {message!r} is not a coordinator command")
        assert confirming or parsing.first_word(message) == "help" or any(
            is_coordinator_action(e) for e in heard.effects) or heard.texts, (
            f"{example}: {message!r} did nothing")


# Command lines in the coordinators' and operators' guides.


SHELL_BLOCK = re.compile(r"^[ \t]*```(?:sh|console)\n(.*?)^[ \t]*```", re.MULTILINE | re.DOTALL)


def command_lines(*guides: Path) -> list:
    found = []
    for guide in guides:
        for block in SHELL_BLOCK.finditer(guide.read_text(encoding="utf-8")):
            for line in block[1].splitlines():
                if "neighbourly " not in line:
                    continue  # pip, pg_dump, settings: not ours to check
                words = shlex.split(line.strip().lstrip("$ "), comments=True)
                while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                    words.pop(0)  # VARIABLE=value before the command
                if words and words[0] == "neighbourly":
                    found.append(pytest.param(words[1:], id=f"{guide.name}: {line.strip()}"))
    return found


def test_the_coordinators_and_operators_guides_show_command_lines():
    assert len(command_lines(COORDINATORS)) >= 8 and len(command_lines(OPERATORS)) >= 4


@pytest.mark.parametrize("arguments", command_lines(COORDINATORS, OPERATORS))
def test_every_command_line_in_the_guides_is_accepted_by_the_cli(arguments, capsys):
    try:
        build_parser().parse_args(arguments)
    except SystemExit:
        pytest.fail(f"neighbourly {' '.join(arguments)}: {capsys.readouterr().err}")


# The operators' guide and bot/settings.py.

SETTING_NAME = re.compile(r"\b(?:NEIGHBOURLY|TELEGRAM|TWILIO)_[A-Z0-9_]*[A-Z0-9]\b")


def test_every_setting_the_operators_guide_names_exists():
    named = set(SETTING_NAME.findall(OPERATORS.read_text(encoding="utf-8")))
    unknown = named - set(ENVIRONMENT_VARIABLES)
    assert not unknown, f"the operators' guide names settings bot/settings.py lacks: {unknown}"


def test_the_operators_guide_names_every_setting():
    named = set(SETTING_NAME.findall(OPERATORS.read_text(encoding="utf-8")))
    missing = set(ENVIRONMENT_VARIABLES) - named
    assert not missing, f"settings the operators' guide does not explain: {sorted(missing)}"


def settings_table() -> dict[str, str]:
    """Variable -> its default cell, from the rows of the operators' settings tables."""
    rows = {}
    for line in section(OPERATORS, "Settings").splitlines():
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        if len(cells) >= 3 and SETTING_NAME.fullmatch(cells[0].strip("`")):
            rows[cells[0].strip("`")] = cells[1]
    return rows


def test_every_setting_has_a_row_with_the_default_the_code_has():
    rows = settings_table()
    assert set(rows) == set(ENVIRONMENT_VARIABLES), (
        f"rows missing: {sorted(set(ENVIRONMENT_VARIABLES) - set(rows))}")
    defaults = Settings()
    for variable, cell in rows.items():
        name = ENVIRONMENT_VARIABLES[variable]
        assert name in Settings.model_fields
        actual = getattr(defaults, name)
        if isinstance(actual, SecretStr):
            actual = actual.get_secret_value()
        literal = re.fullmatch(r"`([^`]*)`", cell)
        if literal:
            shown = literal[1]
            if name == "cache_dir":
                shown = str(Path(shown).expanduser())
            expected = str(actual).lower() if isinstance(actual, bool) else str(actual)
            assert shown == expected, f"{variable}: the guide says {shown!r}, the code {actual!r}"
        else:
            assert cell.startswith("(none"), f"{variable}: give the default as `value` or (none)"
            assert actual == "", f"{variable}: the guide says none, the code {actual!r}"


def test_the_match_weights_the_operators_guide_gives_are_the_codes_defaults():
    cell = settings_table()["NEIGHBOURLY_MATCH_WEIGHTS"]
    shown = Settings(match_weights=code_spans(cell)[0]).weight_overrides()
    assert shown == {f.name: getattr(ScoreWeights(), f.name) for f in fields(ScoreWeights)}


def test_each_diagram_file_is_the_same_as_its_drawing_in_the_dialogues_page():
    drawn = re.findall(r"```mermaid\n(.*?)```", (DOCS / "dialogues.md").read_text(), flags=re.S)
    files = sorted(DOCS.glob("*-dialogue.mmd"))
    assert len(files) == len(drawn) == 12
    for path in files:
        assert path.read_text() in drawn, f"{path.name} differs from docs/dialogues.md"


def test_the_readmes_commands_table_names_every_command_of_the_cli():
    table = section(DOCS.parent / "README.md", "Commands")
    named = {words.split()[1] for cell in first_column(table) for words in code_spans(cell)
             if words.startswith("neighbourly ")}
    subcommands = next(action for action in build_parser()._actions
                       if action.__class__.__name__ == "_SubParsersAction").choices
    assert set(subcommands) <= named, f"not in the README: {set(subcommands) - named}"
