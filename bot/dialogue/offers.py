"""A volunteer answering offers (YES / NO, with the reference when they have several)
and marking tasks DONE. Whether a YES wins the task is decided by the service."""

from __future__ import annotations

from bot.dialogue import money, wording
from bot.dialogue import volunteer as volunteer_dialogue
from bot.understanding import parsing, polish
from bot.dialogue.turn import Turn
from bot.dialogue.types import AnswerOffer, Choice, GiveBackTask, Inbound, OfferSummary, State

ACCEPT_WORDS = {"yes", "y", "accept", "ok", "okay", "yeah", "yep", "sure", "tak"} | polish.ACCEPT
DECLINE_WORDS = {"no", "n", "decline", "nope", "nie", "pass"} | polish.DECLINE
DONE_WORDS = {"done", "finished", "completed", "delivered"} | polish.DONE
GIVE_BACK_FLOW = "give_back"


def offer_choices(turn: Turn, reference: str) -> tuple[Choice, ...]:
    return (Choice(f"YES {reference}", turn.t("choice.accept")),
            Choice(f"NO {reference}", turn.t("choice.decline")))


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Handle an answer to an offer (a request's or a partner's need), a DONE, the
    receipt amount a DONE asked for, or giving a task back; None when the message is none
    of these."""
    volunteer = inbound.person.volunteer
    if volunteer is None:
        return None
    if state.flow == money.AMOUNT_FLOW:
        return money.read_amount(state, inbound, turn)
    if state.flow == GIVE_BACK_FLOW:
        return confirm_give_back(state, inbound, turn)
    word = polish.first_word(inbound.text)  # folded, so "akceptuję" is "akceptuje" either way
    reference = parsing.find_reference(inbound.text) or parsing.find_need_reference(inbound.text)
    if word in DONE_WORDS and volunteer.tasks:
        return mark_done(volunteer.tasks, reference, inbound.text, turn)
    if volunteer.tasks and parsing.gives_back(inbound.text):
        return ask_to_give_back(volunteer.tasks, reference, turn)
    return State() if answer_offer(volunteer, word, reference, inbound, turn) else None


def answer_offer(volunteer, word: str, reference: str | None, inbound: Inbound,
                 turn: Turn) -> bool:
    if word not in ACCEPT_WORDS | DECLINE_WORDS:
        return False
    if reference is not None:
        # The service knows best what became of it: open, taken by someone
        # else a moment ago, closed, or never offered to this volunteer.
        turn.do(AnswerOffer(reference, accept=word in ACCEPT_WORDS))
        return True
    if not volunteer.offers or len(parsing.words_of(inbound.text).split()) > 3:
        return False  # nothing open, or a sentence that happens to start with "yes"
    offer = pick(volunteer.offers, reference, turn)
    if offer is not None:
        turn.do(AnswerOffer(offer.reference, accept=word in ACCEPT_WORDS))
    return True


def pick(offers: tuple[OfferSummary, ...], reference: str | None, turn: Turn
         ) -> OfferSummary | None:
    if reference is not None:
        for offer in offers:
            if offer.reference == reference:
                return offer
        turn.say("offer_unknown", reference=reference)
        return None
    if len(offers) == 1:
        return offers[0]
    lines = "\n".join(offer_line(o, turn) for o in offers)
    turn.say("offer_which", lines=lines, reference=offers[0].reference)
    return None


def mark_done(tasks, reference: str | None, text: str, turn: Turn) -> State:
    task = pick_task(tasks, reference, turn, "done_which")
    return State() if task is None else money.finish_task(task, text, turn)


def pick_task(tasks, reference: str | None, turn: Turn, which_key: str):
    """The task meant: the one named, or the only one; None (having said why) otherwise."""
    if reference is None and len(tasks) > 1:
        turn.say(which_key, reference=tasks[0].reference)
        return None
    task = next((t for t in tasks if reference in (None, t.reference)), None)
    if task is None:
        turn.say("task_unknown", reference=reference)
    return task


def ask_to_give_back(tasks, reference: str | None, turn: Turn) -> State:
    """Which task, then a YES: a task given back by mistake would upset a resident."""
    task = pick_task(tasks, reference, turn, "give_back_which")
    if task is None:
        return State()
    turn.say("give_back_confirm", choices=turn.yes_no(), reference=task.reference,
             category=turn.category_name(task.category), name=wording.task_person(task, turn.t))
    return State(GIVE_BACK_FLOW, "confirm", {"reference": task.reference})


def confirm_give_back(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """YES gives it back; NO keeps it; anything else is taken afresh."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(GiveBackTask(state.data["reference"]))
    else:
        turn.say("give_back_kept", reference=state.data["reference"])
    return State()


def remind(inbound: Inbound, turn: Turn) -> State:
    """A volunteer's message that answers nothing: what is waiting for them, and how to
    answer it, rather than the residents' menu."""
    volunteer = inbound.person.volunteer
    if volunteer_dialogue.with_a_task_says(inbound, parsing.ASKS_FOR_TASK_DETAILS):
        return volunteer_dialogue.list_tasks(inbound, turn)  # "what was the address again?"
    errand = parsing.errand_said(inbound.text) if volunteer.tasks else None
    if errand == "no_answer":
        return volunteer_dialogue.say_how_to_tell_them(inbound, turn, "v_no_answer")
    if errand in ("on_the_way", "arrived"):
        return volunteer_dialogue.say_how_to_tell_them(inbound, turn)  # "running late"
    if volunteer.vetting_status != "pending":
        about_themselves = volunteer_dialogue.about_themselves(inbound, turn)
        if about_themselves is not None:
            return about_themselves
    if volunteer.offers:
        lines = "\n".join(offer_line(o, turn) for o in volunteer.offers)
        turn.say("v_offers_waiting", lines=lines, reference=volunteer.offers[0].reference)
    elif volunteer.vetting_status == "pending":
        # "What happens now?" after signing up: no offers come before the checks.
        asked = "?" in inbound.text or turn.reading.intent in ("question", "status")
        turn.say_with_prefix(None if asked else "not_understood", "v_waiting_for_checks")
    elif parsing.says_any(parsing.ASKS_FOR_WORK, inbound.text):
        # "any more jobs?", also from someone with a task already: nothing new to offer.
        turn.say("v_nothing_waiting_paused" if volunteer.paused else "v_nothing_waiting")
    elif volunteer.tasks:
        turn.say("v_not_understood_tasks", reference=volunteer.tasks[0].reference)
    else:
        turn.say("v_not_understood")
    return State()


def offer_line(offer: OfferSummary, turn: Turn) -> str:
    return turn.t("offer_line", reference=offer.reference,
                  category=turn.category_name(offer.category),
                  when=wording.describe_when(offer.when_text, turn.language)
                  or turn.t("when.any_time"), area=offer.area)
