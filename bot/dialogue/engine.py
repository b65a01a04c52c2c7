"""The one dialogue engine: `step(state, inbound) -> (new_state, replies, effects)`.

Pure: it reads the message and what the service told it about the sender,
and returns what to say and what to do. Commands (HELP, STATUS, CANCEL,
START AGAIN, VOLUNTEER, PAUSE, ...) work at any point; anything else
continues the conversation where it stood.
"""

from __future__ import annotations

import re

from bot.dialogue import (
    admin,
    calls,
    campaign,
    concerns,
    given_time,
    languages,
    money,
    offers,
    resident,
    signposting,
    standing,
    takeover,
    task_news,
    volunteer,
    wording,
)
from bot.understanding import parsing, polish
from bot.dialogue.turn import Turn
from bot.dialogue.types import (
    CancelHelpRequest,
    Effect,
    ForgetMe,
    GiveConsent,
    Inbound,
    RecordFeedback,
    Reply,
    ShowMyDetails,
    State,
    WithdrawConsent,
)

CANCEL_FLOW = "cancel"
FORGET_FLOW = "forget"
WITHDRAW_CONSENT_FLOW = "withdraw_consent"
# Set by the service when a volunteer marks a task done and the resident is asked how it went.
FEEDBACK_FLOW = "feedback"

COMMAND_WORDS = {
    "help": {"help", "info", "?", "menu help"},
    "restart": {"start", "start again", "start over", "restart", "begin again", "reset",
                "menu", "new request", "hi", "hello", "hey", "hiya", "good morning",
                "good afternoon", "good evening"},
    "status": {"status", "my requests", "my request", "where is my request"},
    "cancel": {"cancel", "cancel request", "cancel my request", "stop request", "cancel that"},
    "volunteer": {"volunteer", "i'd like to volunteer", "id like to volunteer",
                  "i would like to volunteer", "i want to volunteer", "can i volunteer",
                  "i'd like to help", "i would like to help", "i want to help", "can i help",
                  "sign me up", "sign up", "become a volunteer", "be a volunteer",
                  "i can help", "offer help", "i'd like to help out", "volunteer please"},
    "my_details": {"my details", "details", "my profile", "my info", "my information",
                   "what do you hold", "what do you know about me", "what data do you hold",
                   "moje dane"},
    "update": {"update", "update my details", "update details", "change my details",
               "edit my details", "update my profile", "zmień dane", "zmień moje dane",
               "aktualizuj"},
    "pause": {"pause", "pause offers", "take a break"},
    "resume": {"resume", "unpause", "i'm back", "im back"},
    "my_tasks": {"my tasks", "tasks", "my jobs", "jobs"},
    "my_hours": {"my hours", "hours", "my time", "my stats", "how many hours", "my total",
                 "moje godziny", "godziny"},
    "leave": {"leave", "leave volunteering", "stop volunteering", "quit volunteering"},
    "forget": {"forget me", "delete my data", "erase my data", "delete my details",
               "erase my details", "forget my details", "delete me", "erase me"},
    # Whole phrases only, never a lone "consent" or "I consent": mid-request those may be
    # the answer to the consent question, which takes YES or NO.
    "withdraw_consent": {"withdraw consent", "withdraw my consent", "i withdraw consent",
                         "i withdraw my consent", "revoke consent", "revoke my consent",
                         "remove my consent", "take back my consent", "withdraw consent please"},
    "give_consent": {"give consent", "give my consent", "i give consent", "i give my consent",
                     "give consent again", "consent again", "restore consent",
                     "restore my consent"},
}
VOLUNTEER_ONLY = {"pause", "resume", "my_tasks", "my_hours", "leave", "update"}
# How sure the reader must be that a cancel names a kind ("the dog walk isn't needed")
# to cancel that request without asking which.
NAMES_A_KIND = 0.5
# Greetings restart only from the idle state; mid-conversation "hi" is an answer.
GREETINGS = parsing.GREETINGS


def step(state: State, inbound: Inbound) -> tuple[State, list[Reply], list[Effect]]:
    turn = Turn(inbound, state)
    chosen_for_them = languages.answer_in_polish(state, inbound, turn)
    new_state = route(state, inbound, turn)
    if chosen_for_them:
        languages.say_polish_chosen(turn)
    else:
        languages.offer_language(state, inbound, turn)
    return new_state, turn.replies, turn.effects


def recognise_command(text: str, state: State) -> str | None:
    spoken = re.sub(r"[.!]+$", "", parsing.clean(text).lower().lstrip("/"))
    spoken = spoken.replace("’", "'")
    if parsing.find_reference(spoken) and spoken.split(" ")[0] == "cancel":
        return "cancel"
    for command, phrases in COMMAND_WORDS.items():
        if spoken in phrases:
            if spoken in GREETINGS and state.flow != "idle":
                return None
            return command
    if parsing.find_reference(spoken) and polish.first_word(spoken) in polish.CANCEL_FIRST_WORDS:
        return "cancel"
    if polish.first_word(spoken) in ("update", "aktualizuj"):
        return "update"  # "UPDATE weekday evenings": the change follows the word
    if polish.is_greeting(spoken) and state.flow != "idle":
        return None
    in_polish = polish.command(spoken)
    return in_polish if in_polish in COMMAND_WORDS else None


def route(state: State, inbound: Inbound, turn: Turn) -> State:
    # In a coordinator's hands (TAKE): only danger is answered; the rest goes to them.
    if state.flow == takeover.FLOW:
        held = takeover.understand(state, inbound, turn)
        if held is not None:
            return held
        state = turn.state = takeover.state_before(state)  # the hold ran out: read as usual
    # LANG / JĘZYK at any point: a whole short message that can be nothing else.
    chosen = languages.understand(state, inbound, turn)
    if chosen is not None:
        return chosen
    # Safety first: a concern, or danger in a resident's words, before anything else.
    handled = concerns.understand(state, inbound, turn)
    if handled is None:
        handled = admin.understand(state, inbound, turn)
    if handled is not None:
        return handled
    # "I cared for mum after her fall" in a volunteer's sign-up is lived experience; "I've no
    # money" in answer to how they will pay is hardship (money.cannot_pay_answer).
    if state.flow != volunteer.FLOW and not money.cannot_pay_answer(state, inbound.text, turn) \
            and concerns.flag_danger(inbound, turn) \
            and not concerns.takes_help_beside_danger(turn.reading):
        # The advice is the answer; nothing in the message is kept as an answer or a request.
        return state
    command = recognise_command(inbound.text, state)
    if command == "update" and not volunteer.is_active_volunteer(inbound) \
            and inbound.person.open_requests:
        command = "status"  # "update?" from someone we are helping: how it is going
    if command in VOLUNTEER_ONLY and not volunteer.is_active_volunteer(inbound):
        command = None
    if command:
        return run_command(command, state, inbound, turn)
    if state.flow == campaign.FLOW:  # the answer to a check-up (bot/dialogue/campaign.py)
        return campaign.understand(state, inbound, turn)
    if state.flow == FORGET_FLOW:
        settled = confirm_forget(inbound, turn)
        if settled is not None:
            return settled
    if state.flow == WITHDRAW_CONSENT_FLOW:
        settled = confirm_withdraw_consent(inbound, turn)
        if settled is not None:
            return settled
    about_calls = calls.understand(state, inbound, turn)
    if about_calls is not None:
        return about_calls
    if state.flow in ("idle", money.AMOUNT_FLOW, offers.GIVE_BACK_FLOW) \
            or resident.at_welcome(state):  # "YES R-7Q4K" after the menu is still a YES
        about_offers = offers.understand(state, inbound, turn)
        if about_offers is not None:
            return about_offers
    if state.flow == money.CHECK_FLOW:
        confirmed = money.read_confirmation(state, inbound, turn)
        if confirmed is not None:
            return confirmed
    if state.flow == money.PAYMENT_FLOW:
        paid = money.read_payment(state, inbound, turn)
        if paid is not None:
            return paid
    if state.flow in ("idle", signposting.FLOW) or (state.flow == resident.FLOW
                                                     and state.step == "category"):
        signposted = signposting.understand(state, inbound, turn)
        if signposted is not None:
            return signposted
    if state.flow == resident.FLOW and state.step == "duplicate" \
            and turn.reading.yes_no is None and turn.reading.says("cancel"):
        # "Is this another one as well?" - "cancel it, my daughter is coming": the one open.
        return cancel_in_their_words(inbound, turn)
    if state.flow == resident.FLOW and state.step == "category" \
            and turn.reading.says("status") and not turn.reading.kinds:
        # "is anyone coming for my shopping?" after the menu: where things stand, not
        # "shopping" taken for the answer and a second request begun.
        show_status(inbound, turn)
        return State()
    if state.flow == resident.FLOW:
        return resident.resume(state, inbound, turn)
    if state.flow == volunteer.FLOW and state.step == "confirm" and turn.reading.yes_no is None:
        # Not YES or NO: asked again if they said nothing else, else their words read afresh.
        return volunteer.confirm_again(state, turn) or start_conversation(inbound, turn)
    if state.flow == volunteer.FLOW:
        return volunteer.resume(state, inbound, turn)
    if state.flow == CANCEL_FLOW:
        settled = confirm_cancel(state, inbound, turn)
        if settled is not None:
            return settled
    if state.flow == standing.FLOW:
        settled = standing.confirm_end(state, inbound, turn)
        if settled is not None:
            return settled
    if state.flow == task_news.FLOW:
        settled = task_news.confirm(state, inbound, turn)
        if settled is not None:
            return settled
    if state.flow == volunteer.UPDATE_FLOW and volunteer.is_active_volunteer(inbound):
        return volunteer.update(inbound, turn)
    if state.flow == FEEDBACK_FLOW and inbound.person.standing and turn.reading.says("cancel"):
        # "No shopping next week" after last week's: about the repeat, not how it went.
        about_standing = standing.understand(inbound, turn)
        if about_standing is not None:
            return about_standing
    if state.flow == FEEDBACK_FLOW and parsing.has_letters_or_digits(inbound.text):
        turn.do(RecordFeedback(state.data["reference"], parsing.clean(inbound.text)))
        turn.say("feedback_thanks")
        return State()
    if state.flow == volunteer.LEAVE_FLOW:
        settled = volunteer.confirm_leave(state, inbound, turn)
        if settled is not None:
            return settled
    if state.flow == volunteer.AWAY_FLOW:
        settled = volunteer.confirm_away(inbound, turn)
        if settled is not None:
            return settled
    return start_conversation(inbound, turn)


def start_conversation(inbound: Inbound, turn: Turn) -> State:
    if not parsing.has_letters_or_digits(inbound.text) and concerns.is_coordinator(inbound):
        return admin.list_commands(inbound, turn)
    if not parsing.has_letters_or_digits(inbound.text):
        turn.say_with_prefix("empty_message" if not inbound.text.strip() else "not_understood",
                             "welcome", choices=turn.category_menu(),
                             hub=inbound.person.hub_name)
        return State(resident.FLOW, "category", {})
    reading = turn.reading
    if parsing.is_closing(inbound.text) or (reading.says("thanks") and not reading.kinds
                                            and not reading.reported):
        turn.say("closing")
        return State()
    if wants_to_volunteer(inbound.text):
        return volunteer.start(inbound, turn)
    if reading.says("volunteer") and not inbound.person.volunteer:
        return volunteer.start(inbound, turn, confirm=True)
    person = inbound.person
    if person.standing and reading.says("cancel"):
        # "No shopping this week", "stop the weekly shopping": about the repeat itself.
        about_standing = standing.understand(inbound, turn)
        if about_standing is not None:
            return about_standing
    if person.open_requests and reading.says("cancel"):
        # "I don't need the shopping any more": the same question as CANCEL.
        return cancel_in_their_words(inbound, turn)
    if volunteer.changes_details(inbound, turn):
        return volunteer.update(inbound, turn)  # "i've moved, new postcode RM16 2XD"
    about_tasks = task_news.understand(inbound, turn)
    if about_tasks is not None:
        return about_tasks
    # Only for someone already in touch with us (the words are read again to start a request).
    if (person.volunteer or person.open_requests) and not resident.says_what_is_needed(turn):
        if volunteer.is_active_volunteer(inbound):
            # "maybe", "where is it?", "on my way": a volunteer's words, not a request.
            return offers.remind(inbound, turn)
        if person.open_requests:
            # "what time will she come?": about a request already made, not a new one.
            return status_and_more(inbound, turn)
    if concerns.is_coordinator(inbound) and reading.danger is None \
            and not resident.says_what_is_needed(turn):
        return admin.list_commands(inbound, turn)  # their commands, not the residents' menu
    if reading.says("status") and reading.danger is None:
        # "is anyone coming for my shopping?" with nothing open (done, or never asked):
        # told so, not asked what they need as if they had asked for help.
        show_status(inbound, turn)
        return State()
    return resident.start(inbound, turn)


def status_and_more(inbound: Inbound, turn: Turn) -> State:
    """Where their requests stand, and how to ask for something else."""
    turn.say("status_and_more", lines=request_lines(inbound, turn))
    return State()


def wants_to_volunteer(text: str) -> bool:
    """Offers to help said in passing: "I'd like to volunteer with shopping"."""
    words = parsing.words_of(text)
    phrases = ("like to volunteer", "want to volunteer", "can i volunteer", "become a volunteer",
               "be a volunteer", "sign me up", "i'd like to help", "i want to help",
               "volunteer to", "like to help out", "happy to help", "offer to help")
    return (parsing.contains_any(words, phrases) or words.strip() == "volunteer"
            or polish.wants_to_volunteer(text))


def run_command(command: str, state: State, inbound: Inbound, turn: Turn) -> State:
    person = inbound.person
    if command == "help":
        key = "volunteer_help" if volunteer.is_active_volunteer(inbound) else "help"
        if concerns.is_coordinator(inbound):
            key = "coordinator_help"
        turn.say(key, hub=person.hub_name)
        if key == "coordinator_help":
            turn.say("coordinator_help_more")
            turn.say("coordinator_help_weekly")
            turn.say("coordinator_help_cases")
        return state
    if command == "restart":
        if state.flow == "idle" and person.volunteer and person.volunteer.offers \
                and parsing.is_greeting(inbound.text):
            return offers.remind(inbound, turn)  # "hi" with an offer waiting: show it
        if state.flow == "idle" and person.open_requests and not person.volunteer \
                and parsing.is_greeting(inbound.text):
            return status_and_more(inbound, turn)  # "hello" from someone we are helping
        if state.flow != "idle":
            turn.say_with_prefix("restarted", "ask_category", choices=turn.category_menu())
        else:
            turn.say("welcome", choices=turn.category_menu(), hub=person.hub_name)
        return State(resident.FLOW, "category", {})
    if command == "status":
        show_status(inbound, turn)
        return state
    if command == "cancel":
        return cancel(state, inbound, turn)
    if command == "volunteer":
        return volunteer.start(inbound, turn)
    if command == "forget":
        turn.say("forget_confirm", choices=turn.yes_no(), hub=person.hub_name)
        return State(FORGET_FLOW, "confirm", {})
    if command == "withdraw_consent":
        if person.consent_withdrawn:
            turn.say("consent_already_withdrawn")
            return State()
        turn.say("consent_withdraw_confirm", choices=turn.yes_no())
        return State(WITHDRAW_CONSENT_FLOW, "confirm", {})
    if command == "give_consent":
        if not person.consent_withdrawn:
            turn.say("consent_not_withdrawn")
        else:
            turn.do(GiveConsent())  # the service says it is done
        return state
    if command == "resume" and person.consent_withdrawn:
        turn.say("consent_resume_blocked")
        return state
    if command in ("pause", "resume"):
        return volunteer.pause(inbound, turn, paused=command == "pause")
    if command == "my_tasks":
        return volunteer.list_tasks(inbound, turn)
    if command == "my_hours":
        return given_time.tell_hours(inbound, turn)
    if command == "my_details":
        turn.do(ShowMyDetails())  # the service says what it holds
        return state
    if command == "update":
        return volunteer.update(inbound, turn)
    return volunteer.ask_to_leave(turn)


def show_status(inbound: Inbound, turn: Turn) -> None:
    requests = inbound.person.open_requests
    repeating = inbound.person.standing
    if not requests and not repeating and volunteer.is_active_volunteer(inbound):
        volunteer.list_tasks(inbound, turn)  # a volunteer's STATUS: their tasks
        given_time.say_hours_line(inbound, turn)
        return
    if not requests and not repeating:
        turn.say("status_none")
        return
    lines = [request_lines(inbound, turn)] if requests else []
    lines += [standing.line(s, turn) for s in repeating]
    turn.say("status_list", lines="\n".join(lines))


def request_lines(inbound: Inbound, turn: Turn) -> str:
    return "\n".join(
        turn.t("status_line", reference=r.reference, category=turn.category_name(r.category),
               when=wording.describe_when(r.when_text, turn.language) or turn.t("when.any_time"),
               status=where_it_stands(r, inbound.person, turn))
        for r in inbound.person.open_requests
    )


def where_it_stands(request, person, turn: Turn) -> str:
    """A request's status in words that are true: who is helping, calls that go on, and a
    coordinator only where the hub has one."""
    if request.calls and request.volunteer:
        return turn.t("status.calls", volunteer=request.volunteer)
    if request.status == "assigned" and request.volunteer:
        return turn.t("status.assigned_to", volunteer=request.volunteer)
    if request.status == "new":
        return turn.t("status.new_coordinated" if person.coordinated
                      else "status.new_uncoordinated")
    return turn.t(f"status.{request.status}")


def cancel(state: State, inbound: Inbound, turn: Turn) -> State:
    """CANCEL stops a half-finished conversation, or cancels a request (asking which)."""
    reference = parsing.find_reference(inbound.text)
    requests = {r.reference: r for r in inbound.person.open_requests}
    if reference:
        if reference not in requests:
            turn.say("cancel_unknown", reference=reference)
            return State()
        return ask_to_cancel(requests[reference], turn)
    if state.flow in (resident.FLOW, volunteer.FLOW) and state.data:
        turn.say("flow_stopped")
        return State()
    if not requests:
        turn.say("nothing_to_cancel")
        return State()
    if len(requests) == 1:
        return ask_to_cancel(next(iter(requests.values())), turn)
    turn.say("cancel_which", lines=request_lines(inbound, turn))
    return State()


def cancel_in_their_words(inbound: Inbound, turn: Turn) -> State:
    """A cancel said in a sentence: the request of the kind it names, or the only one."""
    requests = inbound.person.open_requests
    # Kinds are only decided for requests; a cancel still has the model's chance per kind.
    chance = dict(turn.reading.kind_confidence)
    named = [r for r in requests if chance.get(r.category, 0.0) >= NAMES_A_KIND]
    if len(named) == 1:
        return ask_to_cancel(named[0], turn)
    if len(requests) == 1:
        return ask_to_cancel(requests[0], turn)
    turn.say("cancel_which", lines=request_lines(inbound, turn))
    return State()


def ask_to_cancel(request, turn: Turn) -> State:
    turn.say("cancel_confirm", choices=turn.yes_no(), reference=request.reference,
             category=turn.category_name(request.category))
    return State(CANCEL_FLOW, "confirm", {"reference": request.reference})


def confirm_cancel(state: State, inbound: Inbound, turn: Turn) -> State | None:
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    reference = state.data["reference"]
    if answer:
        turn.do(CancelHelpRequest(reference))  # the service says who it told
    else:
        turn.say("cancel_kept", reference=reference)
    return State()


def confirm_withdraw_consent(inbound: Inbound, turn: Turn) -> State | None:
    """YES withdraws consent (the service says what it did); NO changes nothing."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(WithdrawConsent())
    else:
        turn.say("consent_kept")
    return State()


def confirm_forget(inbound: Inbound, turn: Turn) -> State | None:
    """YES erases the person (the service does it); NO keeps everything."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(ForgetMe())
        turn.say("forgotten")
    else:
        turn.say("forget_kept")
    return State()
