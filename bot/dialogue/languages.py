"""Choosing the language we write in: LANG or JĘZYK, at any point of a conversation.

"LANG PL", "JĘZYK angielski", "język polski", "/lang en" choose a language; "LANG"
alone, or a language we do not write in yet, asks which, with one choice per
language named in its own words. A language's name alone ("polski", "po polsku",
"English") chooses it too, except where it answers the question being asked (a
volunteer naming the languages they speak).

The choice is saved on the person (the SetLanguage effect) and the conversation
carries on where it stood: the question waiting for an answer is asked again, in
the new language, in the same reply. Someone new who starts in Polish is answered in
Polish at once; someone who starts a conversation in the other language than the one
we write to them in is told how to choose it, and not switched for them.
"""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue import resident, volunteer
from bot.understanding import parsing, polish
from bot.understanding.language import english_words
from bot.dialogue.catalogue import SUPPORTED_LANGUAGES, text
from bot.dialogue.turn import Turn
from bot.dialogue.types import Choice, Inbound, SetLanguage, State

COMMAND_WORDS = set(polish.words("lang", "language", "język"))
# A language named alone chooses it ("polski", "po polsku", "in English").
NAMES_ALONE = {
    **dict.fromkeys(polish.words("english", "in english", "angielski", "po angielsku"), "en"),
    **dict.fromkeys(polish.words("polish", "in polish", "polski", "po polsku"), "pl"),
}
SHORT_CODES = {"eng": "en", "ang": "en", "pol": "pl"}
POLITE_WORDS = set(polish.words("please", "pls", "proszę", "poproszę"))
# "język polski proszę" is three words; a longer message is about something else
# ("language is a problem, my mum only speaks Polish").
MOST_WORDS = 3


def requested(message: str, names_alone: bool = True) -> str | None:
    """The language a message asks for: its code; "" when it asks which (LANG alone, or a
    language we don't have); None when the message is not about the language at all."""
    said = polish.answer_of(message).split()
    while said and said[-1] in POLITE_WORDS:
        said.pop()
    if not said or len(said) > MOST_WORDS:
        return None
    if said[0] in COMMAND_WORDS:
        return language_named(" ".join(said[1:])) if len(said) > 1 else ""
    if names_alone:
        code = NAMES_ALONE.get(" ".join(said))
        return code if code in SUPPORTED_LANGUAGES else None
    return None


def language_named(words: str) -> str:
    """A supported language's code from its code or any name we know; "" if we don't write it."""
    if words in SUPPORTED_LANGUAGES:
        return words
    if SHORT_CODES.get(words) in SUPPORTED_LANGUAGES:
        return SHORT_CODES[words]
    for code in SUPPORTED_LANGUAGES:
        if words == polish.strip_marks(text(code, "language_name")):
            return code
    return next((code for code in parsing.parse_languages(words) if code in SUPPORTED_LANGUAGES),
                "")


def choices() -> tuple[Choice, ...]:
    """One choice per language, each named in its own words: "English", "Polski"."""
    return tuple(Choice(f"LANG {code.upper()}", capitalised(text(code, "language_name")))
                 for code in SUPPORTED_LANGUAGES)


def capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """Handle LANG / JĘZYK; None when the message is about something else."""
    answering_languages = state.flow == volunteer.FLOW and state.step == "languages"
    wanted = requested(inbound.text, names_alone=not answering_languages)
    if wanted is None:
        return None
    if wanted == "":
        turn.say("language_which", choices=choices())
        return state
    turn.language = wanted  # this reply already in the new language
    if wanted != inbound.person.language:
        turn.do(SetLanguage(wanted))
    return ask_again(state, turn)


def ask_again(state: State, turn: Turn) -> State:
    """Say the choice is made and put the question still waiting, in the new language."""
    before = len(turn.replies)
    new_state = state
    if state.flow == resident.FLOW:
        new_state = resident.ask_next(dict(state.data), turn, [])
    elif state.flow == volunteer.FLOW and state.step in volunteer.QUESTIONS:
        new_state = volunteer.ask(state.step, dict(state.data), turn, again=False)
    if len(turn.replies) > before:
        question = turn.replies[before]
        turn.replies[before] = replace(question, text=f"{turn.t('language_set')} {question.text}")
    else:
        turn.say("language_set")
    return new_state


def answer_in_polish(state: State, inbound: Inbound, turn: Turn) -> bool:
    """Someone new to the hub who starts in Polish is answered in Polish from the first reply
    (as a Telegram user starts in their app's language): the choice is saved, and
    `say_polish_chosen` tells them how to change it. Whether it was chosen for them."""
    person = inbound.person
    known = bool(person.roles or person.open_requests or person.volunteer)
    if (state.flow != "idle" or known or person.language == "pl"
            or "pl" not in SUPPORTED_LANGUAGES or requested(inbound.text) is not None
            or turn.reading.language != "pl"):
        return False
    turn.language = "pl"
    turn.do(SetLanguage("pl"))
    return True


def say_polish_chosen(turn: Turn) -> None:
    """First line of the first reply: we write in Polish now, and LANG EN for English; the
    last line where the reply is advice in danger, which comes first."""
    if turn.replies:
        first, note = turn.replies[0], turn.t("language_chosen_for_you")
        said = f"{first.text}\n{note}" if turn.reading.danger else f"{note}\n{first.text}"
        turn.replies[0] = replace(first, text=said)


def offer_language(state: State, inbound: Inbound, turn: Turn) -> None:
    """Someone starting a conversation in a language we write in, while we write to them in
    another, is told in their words how to choose it (first line of the first reply):
    Polish from someone we answer in English, English from someone we answer in Polish.
    Not switched for them: "ok", "Asda" or a name from a Polish speaker is not English."""
    written = written_in(inbound.text, turn)
    if (state.flow != "idle" or not turn.replies or written not in SUPPORTED_LANGUAGES
            or written in (inbound.person.language, turn.language)):
        return
    first = turn.replies[0]
    turn.replies[0] = replace(first, text=f"{text(written, 'language_offer')}\n{first.text}")


# A message is plainly English with this many everyday English words ("can you help me"),
# more than the reader's two, so that "thank you" from a Polish speaker is not offered English.
PLAINLY_ENGLISH_WORDS = 3


def written_in(message: str, turn: Turn) -> str | None:
    """The language a message is plainly written in: "pl" or "en", else None."""
    if polish.looks_polish(message) or turn.reading.language == "pl":
        return "pl"
    if english_words(message) >= PLAINLY_ENGLISH_WORDS:
        return "en"
    return None
