"""A coordinator records a request for someone who rang, or a referral: NEW.

One message may say everything ("NEW shopping for Joan Smith, 01375 123456 (landline),
12 Orsett Road RM17 6SL, tomorrow, referred by Sue at Thurrock discharge team
07700 900555"); otherwise the hub asks for what is missing, one question at a time:
the person's name, their phone (a landline will do), their address with its postcode,
the kind of help, when, and who asked for it. Then it reads it all back and asks whether
the person agreed, on the phone, to their details going to a volunteer: YES records the
request, with the coordinator as the one who recorded that consent, and matching starts.

The words are read by bot/understanding/referral.py; the service
(bot/services/help_requests/intake.py) creates the person and the request.
"""

from __future__ import annotations

from datetime import date

from bot.dialogue.turn import Turn
from bot.dialogue.types import Inbound, RecordRequestFor, State
from bot.understanding import parsing, referral

FLOW = "intake"
# The questions, in the order they are asked; each is asked only while its answer is missing.
QUESTIONS = ("name", "phone", "address", "kind", "when", "source")
STOP_WORDS = frozenset({"cancel", "stop", "quit", "abandon", "anuluj"})


def start(inbound: Inbound, turn: Turn) -> State:
    """NEW, with whatever the message already says."""
    said = inbound.text.strip()
    words = said.split(maxsplit=1)
    heard = referral.read_intake(words[1] if len(words) > 1 else "", today(inbound))
    data: dict = {}
    take(data, heard)
    if heard.name and heard.phone and "source" not in data:
        data["source"] = referral.SELF  # told in one message, without a referrer: they rang
    return ask_next(State(FLOW, "start", data), turn)


def answer(state: State, inbound: Inbound, turn: Turn, other_command) -> State | None:
    """An answer to the question asked; CANCEL drops the request; another coordinator's
    command drops it too, and None says the command is to be carried out."""
    first = parsing.first_word(inbound.text)
    if first in STOP_WORDS and parsing.find_reference(inbound.text) is None:
        turn.say("intake_dropped")
        return State()
    if first is not None and other_command(first):
        turn.say("intake_dropped")
        return None
    if state.step == "confirm":
        return confirm(state, inbound, turn)
    data = dict(state.data)
    understood = read_answer(state.step, inbound.text, data, today(inbound))
    if not understood:
        turn.say(f"intake_again.{state.step}")
        asked = State(FLOW, state.step, data)
        turn.point_the_way_out(asked)
        return asked
    return ask_next(State(FLOW, state.step, data), turn)


def read_answer(step: str, text: str, data: dict, on: date) -> bool:
    """Keep what an answer to `step` says; whether it said it. Whatever else the answer
    names is kept too ("Joan Smith, 01375 123456")."""
    heard = referral.read_intake(text, on)
    before = dict(data)
    if step == "name":
        name = heard.name or referral.name_answer(text)
        if name:
            data["name"] = name
    elif step == "address" and heard.address_line is None and heard.postcode:
        line = " ".join(parsing.POSTCODE_PATTERN.sub(" ", parsing.clean(text)).split())
        if line.strip(" ,.") and any(ch.isdigit() for ch in line):
            data["address_line"] = line.strip(" ,.")[:200]
    elif step == "kind":
        kind = parsing.find_category(text)
        if kind:
            data["category"] = kind
    elif step == "when":
        found = parsing.find_when(text, on)
        if found is not None:
            data["needed_on"] = found[0].isoformat() if found[0] else None
            data["when_text"] = found[1]
    elif step == "source":
        said = referral.read_referral(text)
        if said is not None:
            data.update(source=said.source, referrer_name=said.name,
                        referrer_contact=said.contact)
    take(data, heard)
    return data != before and missing(data) != step


def take(data: dict, heard: referral.IntakeWords) -> None:
    """What the words said, added to what is known; an answer given before stays."""
    found = {"name": heard.name, "phone": heard.phone, "postcode": heard.postcode,
             "address_line": heard.address_line, "category": heard.category,
             "when_text": heard.when_text}
    if heard.when_text is not None:
        found["needed_on"] = heard.needed_on.isoformat() if heard.needed_on else None
    if heard.referral is not None:
        found.update(source=heard.referral.source, referrer_name=heard.referral.name,
                     referrer_contact=heard.referral.contact)
    for key, value in found.items():
        if value is not None and key not in data:
            data[key] = value


def missing(data: dict) -> str | None:
    """The first question still to ask, or None when everything is known."""
    for question in QUESTIONS:
        if question == "name" and not data.get("name"):
            return question
        if question == "phone" and not data.get("phone"):
            return question
        if question == "address" and not (data.get("postcode") and data.get("address_line")):
            return question
        if question == "kind" and not data.get("category"):
            return question
        if question == "when" and "when_text" not in data:
            return question
        if question == "source" and not data.get("source"):
            return question
    return None


def ask_next(state: State, turn: Turn) -> State:
    data = state.data
    question = missing(data)
    if question == "kind":
        turn.say("intake_ask.kind", choices=turn.category_menu(), name=data.get("name", ""))
        return State(FLOW, question, data)
    if question is not None:
        turn.say(f"intake_ask.{question}", name=data.get("name", ""))
        return State(FLOW, question, data)
    turn.say("intake_confirm", choices=turn.yes_no(), summary=summary(data, turn),
             name=data["name"])
    return State(FLOW, "confirm", data)


def summary(data: dict, turn: Turn) -> str:
    """"shopping for Joan Smith, 01375 123456, 12 Orsett Road, RM17 6SL, tomorrow;
    referred by Sue at Thurrock discharge team (07700 900555)"."""
    said = turn.t("intake_summary", category=turn.category_name(data["category"]),
                  name=data["name"], phone=data["phone"],
                  address=f"{data['address_line']}, {data['postcode']}",
                  when=data.get("when_text") or turn.t("when.any_time"))
    source = data["source"]
    if source in (referral.FAMILY, referral.PARTNER):
        contact = f" ({data['referrer_contact']})" if data.get("referrer_contact") else ""
        said += turn.t("intake_summary_referred",
                       referrer=(data.get("referrer_name") or turn.t(f"intake_source.{source}"))
                       + contact)
    else:
        said += turn.t("intake_summary_source", source=turn.t(f"intake_source.{source}"))
    return said


def confirm(state: State, inbound: Inbound, turn: Turn) -> State:
    agreed = parsing.parse_yes_no(inbound.text)
    if agreed is None:
        turn.say("intake_confirm_again", choices=turn.yes_no(), name=state.data["name"])
        return state
    if not agreed:
        turn.say("intake_no_consent", name=state.data["name"])
        return State()
    data = state.data
    turn.do(RecordRequestFor(
        name=data["name"], phone=data["phone"], postcode=data["postcode"],
        address_line=data["address_line"], category=data["category"],
        needed_on=date.fromisoformat(data["needed_on"]) if data.get("needed_on") else None,
        when_text=data.get("when_text"), source=data["source"],
        referrer_name=data.get("referrer_name"), referrer_contact=data.get("referrer_contact")))
    return State()


def today(inbound: Inbound) -> date:
    return inbound.received_at.date()
