"""The resident's conversation: asking for help in their own words.

The draft request lives in `State.data`. Every message is first searched for
anything useful (kind of help, name, postcode, when), then read as the answer
to the question just asked; only what is still missing is asked for.
"""

from __future__ import annotations

from datetime import date

from bot.dialogue import standing, wording
from bot.dialogue.turn import STUCK, Turn
from bot.understanding import parsing, polish, referral
from bot.understanding.addresses import home_in, read_address
from bot.understanding.names import someone_elses_name
from bot.dialogue.types import (
    AddToRequest,
    CreateHelpRequest,
    Inbound,
    RememberFirstName,
    Reply,
    RequestSummary,
    State,
)

FLOW = "resident"
# A request of no known kind is taken as "something else" when it says this much.
DESCRIBED_IN_WORDS = 6
# A first message that asks for nothing we can name ("cant open my jars") gets the menu; its
# words are kept under this key and become the request's details once a kind is chosen, so
# "6 Something else" does not ask again what they just told us. Not greetings, questions,
# complaints and the like: only words that may be the story itself.
FIRST_WORDS = "first_words"
FIRST_WORDS_INTENTS = ("request", "other", "emergency")
# Help given at the door needs a street; a phone call does not.
NEEDS_ADDRESS = frozenset({"shopping", "prescription", "dog_walking", "transport", "other"})


def references_needed(state: State) -> int:
    """How many fresh references the next message may need: one per kind of help asked for
    when it answers the consent question (and so completes the requests), else none."""
    if state.flow != FLOW or state.step != "consent":
        return 0
    return 1 + len(state.data.get("also", ()))


def may_be_an_address(state: State) -> bool:
    """Whether the next message answers the postcode question (and could be an address)."""
    return state.flow == FLOW and state.step == "postcode"


def at_welcome(state: State) -> bool:
    """The welcome menu was the last thing said, and nothing has been asked for yet."""
    return state.flow == FLOW and state.step == "category" and \
        not set(state.data) - {"name", STUCK, FIRST_WORDS}


def says_what_is_needed(turn: Turn) -> bool:
    """Whether the message asks for a kind of help, or names a postcode or a time for one:
    a request starts."""
    reading = turn.reading
    if reading.intent not in ("request", "other", "question"):
        return False  # "what time will she come?", "thanks, that's all"
    found: dict = {}
    absorb(found, turn)
    # A time alone asks for nothing unless the words ask for help: from someone already in
    # touch, "free tomorrow" or "tomorrow afternoon?" is about what they know of already.
    named = ("category", "category_guess", "postcode", "unknown_postcode")
    return any(key in found for key in named) or (
        "when_text" in found and reading.intent == "request")


def start(inbound: Inbound, turn: Turn) -> State:
    """A first message from someone not in any conversation."""
    draft: dict = {}
    if inbound.person.first_name:
        draft["name"] = inbound.person.first_name
    notes = absorb(draft, turn)
    if not any(key in draft for key in ("category", "category_guess", "postcode", "when_text")):
        said = parsing.clean(inbound.text)
        if turn.reading.intent in FIRST_WORDS_INTENTS and len(said.split()) >= 3:
            draft[FIRST_WORDS] = said
        turn.say("welcome", choices=turn.category_menu(), hub=inbound.person.hub_name)
        return State(FLOW, "category", draft)
    if (draft.get("category") or draft.get("category_guess")) \
            and parsing.has_letters_or_digits(inbound.text):
        draft["details"] = parsing.clean(inbound.text)
        home = home_in(inbound.text)
        if home and len(home.split()) < len(inbound.text.split()):
            # "it's Margaret at 12 Orsett Road, my curtain rail...": read back for a YES
            # rather than asked for again (or taken unasked: it may be somewhere else).
            draft["address_guess"] = home
    return ask_next(draft, turn, notes)


def resume(state: State, inbound: Inbound, turn: Turn) -> State:
    draft = dict(state.data)
    had_category = "category" in draft
    known = set(draft)
    notes = absorb(draft, turn)
    kept = set(draft) - known  # a name, a postcode or a day, read before the answer is
    answer = parsing.clean(inbound.text)
    if not had_category and draft.get("category") and len(answer.split()) >= 3:
        # "Hello" first, then their story: the story is what matching reads.
        draft.setdefault("details", answer)
    problem = read_direct_answer(state.step, draft, answer, turn)
    if problem and state.step not in ("address", "address_check", "place_check", "consent"):
        keep_circumstances(draft, answer)
    if problem and not parsing.has_letters_or_digits(answer):
        return ask(state.step, QUESTION_KEYS[state.step], draft, turn, "empty_message")
    if problem == "ask_category" and at_welcome(state) and parsing.is_closing(answer):
        turn.say("closing")  # "thanks" to the welcome: nothing asked for, nothing kept
        return State()
    if problem == "ask_category" and not kept and keep_home_said(draft, answer):
        kept = {"address_guess"}
    if problem:
        prefix = None
        if problem == "ask_category" and parsing.is_general_ask(answer):
            prefix = "glad_to_help"
        elif problem == "ask_category" and kept:
            prefix = "thanks_noted"  # "rm17 6sl" at the menu is kept, not misunderstood
        elif problem == "ask_category" and not parsing.is_greeting(answer):
            prefix = "not_understood"  # "hello" again after the welcome needs no apology
        asked = ask(STEP_OF_PROBLEM.get(problem, state.step), problem, draft, turn,
                    prefix or (notes[0] if notes else None))
        if problem not in QUESTIONS_NOT_MISSES:
            turn.point_the_way_out(asked)
        return asked
    draft.pop(STUCK, None)
    if draft.get("category") and FIRST_WORDS in draft:
        if draft["category"] == "other" and not draft.get("details") and not notes:
            notes = ["noted_first_words"]  # the details question is not asked: say why
        draft["details"] = " ".join(
            part for part in (draft.pop(FIRST_WORDS), draft.get("details")) if part
        )[: parsing.MAX_TEXT_LENGTH]
    if state.step == "duplicate" and not draft["duplicate_ok"]:
        return keep_the_one_open(draft, turn)
    if state.step == "consent":
        return finish(draft, inbound, turn)
    if state.step == "name" and not notes \
            and next_question(draft) not in ("postcode", "place_check"):
        notes = ["thanks_name"]  # those two questions thank them by name themselves
    return ask_next(draft, turn, notes)


def keep_the_one_open(draft: dict, turn: Turn) -> State:
    """NO, not another request: words that add to it ("can she bring some eggs too") are
    added to the one open, and its volunteer, if it has one, is told (adding.py); the same
    request sent again, unsure the first arrived, adds nothing."""
    reference = draft["duplicate_of"]
    if not parsing.says_any(parsing.ADDS_MORE, draft.get("details", "")):
        turn.say("duplicate_kept", reference=reference)
        return State()
    turn.do(AddToRequest(reference, draft["details"]))
    helper = next((r.volunteer for r in turn.inbound.person.open_requests
                   if r.reference == reference), "")
    turn.say("duplicate_added_told" if helper else "duplicate_added", reference=reference,
             volunteer=helper)
    return State()


# At most this many words beside a house and street ("it's 3 Orsett Road love"): more, and
# the house may be a story's ("my son at 3 Orsett Road does it").
WORDS_BESIDE_HOME = 2


def keep_home_said(draft: dict, answer: str) -> bool:
    """A house and street sent to the menu ("3 Orsett Road") is kept, to be read back for a
    YES if the address is asked, rather than met with "Sorry, I didn't understand"."""
    home = home_in(answer)
    if home is None or "address" in draft \
            or len(answer.split()) - len(home.split()) > WORDS_BESIDE_HOME:
        return False
    draft["address_guess"] = home
    return True


def keep_circumstances(draft: dict, answer: str) -> None:
    """Words that answer no question are still the resident's story: keep them.

    "My husband has dementia and I'm not coping" is what lets matching find a
    volunteer who has lived through the same.
    """
    if len(answer.split()) < 3:
        return
    details = draft.get("details", "")
    if answer not in details:
        draft["details"] = f"{details} {answer}".strip()[: parsing.MAX_TEXT_LENGTH]


def absorb(draft: dict, turn: Turn) -> list[str]:
    """Fill in whatever the message says that the draft still lacks."""
    inbound, reading = turn.inbound, turn.reading
    notes: list[str] = []
    if "category" not in draft and reading.kinds_guessed:
        draft["category_guess"] = reading.kinds[0]  # asked about before it is taken
    elif "category" not in draft and reading.kinds:
        draft.pop("category_guess", None)
        draft["category"] = reading.kinds[0]
        if len(reading.kinds) > 1:
            draft["also"] = list(reading.kinds[1:])
    elif "category" not in draft and reading.says("request") \
            and len(reading.text.split()) >= DESCRIBED_IN_WORDS \
            and not parsing.is_general_ask(reading.text):
        # Help plainly asked for, of no kind on our list: "something else", in their words.
        draft["category"] = "other"
    # The name asked for and kept is the writer's own: the hub's texts go to them. Someone
    # they write for ("for my mum Joan") is in the details, and the questions of where are
    # asked about that person's home, not the writer's. A husband or wife shares it.
    if reading.helped is not None and reading.helped.relation != "partner" \
            and "postcode" not in draft:
        draft["for_someone"] = True
        draft.setdefault("helped_relation", reading.helped.relation or "someone")
        if reading.helped.name:
            draft.setdefault("helped_name", reading.helped.name)
    if reading.sender_name and not (draft.get("for_someone")
                                    and someone_elses_name(reading.text)):
        draft.setdefault("name", reading.sender_name)
    if "postcode" not in draft:
        for postcode in reading.postcodes:
            notes.extend(take_postcode(draft, postcode, inbound))
            break
    # Calls are not "needed on" a day: the resident's own words for when suits them are kept.
    if "when_text" not in draft and draft.get("category") != "befriending" and reading.when:
        draft["needed_on"] = reading.when.on.isoformat() if reading.when.on else None
        draft["when_text"] = reading.when.text
        if reading.when.every_days:  # "every Friday": a standing request (standing.py)
            draft["repeats"] = reading.when.every_days
    if "age_band" not in draft and draft.get("category") == "befriending":
        band = parsing.find_age_band(inbound.text)
        if band:
            draft["age_band"] = band
    if parsing.is_urgent(inbound.text):
        draft["urgency"] = "urgent"
    return notes


def take_postcode(draft: dict, postcode: str, inbound: Inbound) -> list[str]:
    """Record a postcode the service found; say so when only its area is known."""
    known = inbound.postcodes.get(postcode)
    if known is None:
        draft["unknown_postcode"] = postcode
        return []
    draft.pop("unknown_postcode", None)
    draft.update(postcode=known.postcode, latitude=known.latitude, longitude=known.longitude,
                 precision=known.precision)
    return ["postcode_district"] if known.precision == "district" else []


# An answer of a few words that names a day ("tomorrow", "friday morning", "jutro rano") and no
# house says when, not where.
WHEN_ONLY_WORDS = 4


def only_says_when(answer: str, turn: Turn) -> bool:
    """A few words that name a day and nothing else: "tomorrow", "friday morning"."""
    return len(answer.split()) <= WHEN_ONLY_WORDS and turn.reading.when is not None


def read_direct_answer(step: str, draft: dict, answer: str, turn: Turn) -> str | None:
    """Use the message as the answer to `step`; the key of a re-ask if it is not one.
    A guess is never saved as a fact: "yes", a question or a complaint answers nothing."""
    inbound = turn.inbound
    asking_back = turn.reading.intent in ("question", "complaint") or "?" in answer
    if step == "category" and "category" not in draft:
        kinds = turn.reading.kinds
        category = parsing.menu_choice(answer) or (kinds[0] if kinds else None) \
            or parsing.category_from_answer(answer)
        if len(kinds) > 1 and category == kinds[0]:
            draft["also"] = list(kinds[1:])
        if category is None:
            return "ask_category"
        draft["category"] = category
        if category == "other" and parsing.clean(answer).lower() not in (
                "6", "other", "something else") \
                and polish.answer_of(answer) not in polish.OTHER_ALONE:
            draft["details"] = answer
    elif step == "category_check" and "category" not in draft:
        return read_back("category", draft, answer, turn, on_no="ask_category")
    elif step == "details" and not draft.get("details"):
        if not parsing.has_letters_or_digits(answer):
            return "ask_details"
        draft["details"] = answer
        kinds = turn.reading.kinds
        draft["category"] = (kinds[0] if kinds else None) or parsing.find_category(answer) \
            or draft.get("category", "other")
    elif step == "name" and "name" not in draft:
        helped_name = someone_elses_name(answer) if draft.get("for_someone") else None
        if helped_name:
            # "Her name is Edna": kept in the details (keep_circumstances), their own asked.
            draft["helped_name"] = helped_name
            return "ask_own_name"
        name = None if asking_back else parsing.name_answered(answer)
        if name is None and "when_text" in draft and only_says_when(answer, turn):
            return "ask_name_after_when"  # "friday morning": kept, as the address step does
        if name is None:
            return "ask_name_why" if asking_back else "ask_name_again"
        draft["name"] = name
    elif step == "postcode" and "postcode" not in draft:
        return read_postcode_answer(draft, answer, inbound)
    elif step == "address" and "address" not in draft:
        found = read_address(answer)
        if found is not None and not found.certain and only_says_when(answer, turn):
            return "ask_address_after_when"  # "tomorrow" had been read back as an address
        if found is None:
            return "ask_address_why" if asking_back else "ask_address_again"
        if not found.certain:
            draft["address_guess"] = found.line
            return "address_check"
        draft["address"] = found.line
    elif step == "address_check" and "address" not in draft:
        return read_back("address", draft, answer, turn, on_no="address_check_again")
    elif step == "place_check":
        return read_place_check(draft, answer, turn)
    elif step == "age" and "age_band" not in draft:
        if parsing.is_skip(answer):
            draft["age_band"] = None
        else:
            band = parsing.parse_age_band(answer) or parsing.find_age_band(answer)
            if band is None:
                return "ask_age_again"
            draft["age_band"] = band
    elif step == "when" and "when_text" not in draft:
        if draft.get("category") != "befriending" or not parsing.has_letters_or_digits(answer):
            return "ask_when_again"
        if asking_back or turn.reading.yes_no is not None:
            return "ask_call_when_again"
        draft["when_text"] = answer[:80]
    elif step == "helped_phone" and "phone_to_ring" not in draft:
        typed = referral.PHONE.search(answer)  # as a coordinator's NEW takes a landline
        if typed:
            draft["phone_to_ring"] = typed.group(0).strip()
        elif parsing.OWN_NUMBER.search(parsing.fold(answer)):
            draft["phone_to_ring"] = None  # the writer's own: rung as for themselves
        else:
            return "ask_helped_phone_again"
    elif step == "consent":
        consent = parsing.parse_yes_no(answer)
        if consent is None:
            return "ask_consent_again"
        draft["consent"] = consent
    elif step == "duplicate":
        another = parsing.parse_yes_no(answer)
        if another is None:
            return "ask_duplicate"
        draft["duplicate_ok"] = another
    return None


def read_back(field: str, draft: dict, answer: str, turn: Turn, on_no: str) -> str | None:
    """The answer to our guess at `field` read back for a YES ("Rosemary Cottage: is that
    right?", "Is it shopping you need?"): YES takes the guess, NO asks again (`on_no`), and
    anything else is a fresh answer to the question itself, the old guess gone."""
    if not parsing.has_letters_or_digits(answer):
        return on_no  # an empty message: the same question again, the guess kept to ask it
    guess = draft.pop(f"{field}_guess", None)
    agreed = turn.reading.yes_no
    if agreed is None:
        return read_direct_answer(field, draft, answer, turn)
    if not agreed or not guess:
        return on_no
    draft[field] = guess
    return None


def offer_remembered_place(draft: dict, person) -> None:
    """A returning resident's last address, put to them for a YES ("Same address as
    before, 12 Orsett Road, RM17 6SL?") instead of asked again; only when this request
    has not named another postcode."""
    place = person.remembered_place
    if place is None or "place_offered" in draft or "address_guess" in draft:
        return  # an address in this message is read back instead
    if "postcode" in draft and draft["postcode"] != place.postcode:
        return
    draft["place_offered"] = {"postcode": place.postcode, "latitude": place.latitude,
                              "longitude": place.longitude, "address": place.address}


def read_place_check(draft: dict, answer: str, turn: Turn) -> str | None:
    """YES takes the remembered place; NO asks afresh; anything else is the answer to
    the question the YES would have saved (a new postcode or street)."""
    place = draft["place_offered"]
    agreed = turn.reading.yes_no
    if agreed is None or not agreed:
        draft["place_declined"] = True
        if agreed is None and not turn.reading.postcodes:  # a postcode is already taken
            return read_direct_answer("postcode" if "postcode" not in draft else "address",
                                      draft, answer, turn)
        return None
    if "postcode" not in draft:
        draft.update(postcode=place["postcode"], latitude=place["latitude"],
                     longitude=place["longitude"], precision="postcode")
    if place["address"]:
        draft.setdefault("address", place["address"])
    return None


def read_postcode_answer(draft: dict, answer: str, inbound: Inbound) -> str | None:
    outward = answer.strip().upper()
    if outward in inbound.postcodes and parsing.OUTWARD_ONLY_PATTERN.match(outward):
        take_postcode(draft, outward, inbound)
        return None
    if inbound.place is not None and not draft.get("unknown_postcode"):
        # An address found online: it gives the street as well as the place.
        draft.update(postcode=inbound.place.postcode, latitude=inbound.place.latitude,
                     longitude=inbound.place.longitude, precision=inbound.place.precision)
        draft.setdefault("address", answer[:200])
        return None
    if draft.get("unknown_postcode"):
        return "postcode_unknown"
    return "postcode_invalid"


def prompt_params(draft: dict) -> dict:
    return {
        "name": draft.get("name", ""),
        "helped_name": draft.get("helped_name", ""),
        "postcode": draft.get("unknown_postcode") or draft.get("postcode", ""),
        "district": (draft.get("postcode") or "").split(" ")[0],
    }


def next_question(draft: dict) -> str | None:
    category = draft.get("category")
    if category is None:
        return "category_check" if draft.get("category_guess") else "category"
    if category == "other" and not draft.get("details"):
        return "details"
    if "name" not in draft:
        return "name"
    needs_address = bool(NEEDS_ADDRESS & {category, *draft.get("also", ())})
    if "place_offered" in draft and not draft.get("place_declined") \
            and ("postcode" not in draft or needs_address and "address" not in draft):
        return "place_check"
    if "postcode" not in draft:
        return "postcode"
    if needs_address and "address" not in draft:
        return "address_check" if draft.get("address_guess") else "address"
    # A caller of about the same age is a kinder match for a befriending call.
    if category == "befriending" and "age_band" not in draft:
        return "age"
    if "when_text" not in draft:
        return "when"
    # Calls for someone else ring their phone, not the writer's, unless the writer says so.
    if category == "befriending" and draft.get("for_someone") and "phone_to_ring" not in draft:
        return "helped_phone"
    return "consent"


# Re-asks that move the conversation to another step: our guess read back for a YES, and
# the menu after a NO to a guessed kind.
STEP_OF_PROBLEM = {"address_check": "address_check", "ask_category": "category"}
# Re-asks that are a question of ours, not a miss: a guess read back, the writer's own name
# after the name of the person they write for, the name or address after they told us when.
QUESTIONS_NOT_MISSES = frozenset({"address_check", "ask_own_name", "ask_address_after_when",
                                  "ask_name_after_when"})
# Questions put about the home of the person the help is for, when that is someone else.
ABOUT_SOMEONE_ELSE = frozenset({"ask_postcode", "ask_address", "ask_address_again",
                                "ask_address_after_when",
                                "consent_wording", "ask_call_when", "consent_wording_calls",
                                "ask_age", "ask_age_again"})

QUESTION_KEYS = {
    "duplicate": "ask_duplicate",
    "category": "ask_category",
    "details": "ask_details",
    "name": "ask_name",
    "postcode": "ask_postcode",
    "address": "ask_address",
    "age": "ask_age",
    "when": "ask_when",
    "helped_phone": "ask_helped_phone",
    "consent": "ask_consent",
    "address_check": "address_check_again",
    "category_check": "ask_category_check",
    "place_check": "ask_same_place",
}


def ask_next(draft: dict, turn: Turn, notes: list[str]) -> State:
    prefix = notes[0] if notes else None
    same = same_kind_open(draft, turn.inbound.person.open_requests)
    if same is not None:
        # Older residents often send a request again, unsure the first arrived.
        draft["duplicate_of"] = same.reference
        return ask("duplicate", "ask_duplicate", draft, turn, prefix)
    offer_remembered_place(draft, turn.inbound.person)
    step = next_question(draft)
    if step == "when" and draft.get("category") == "befriending":
        return ask(step, "ask_call_when", draft, turn, prefix)
    if step == "postcode" and draft.get("unknown_postcode"):
        return ask(step, "postcode_unknown", draft, turn, None)
    if step == "address_check":  # an address from their first message, read back
        return ask(step, "address_check_from_message", draft, turn, prefix)
    return ask(step, QUESTION_KEYS[step], draft, turn, prefix)


def same_kind_open(draft: dict, open_requests) -> RequestSummary | None:
    """An open request for the same kind of help, not yet asked about in this draft."""
    if "duplicate_ok" in draft or "category" not in draft:
        return None
    return next((r for r in open_requests if r.category == draft["category"]), None)


def whose(key: str, draft: dict) -> str:
    """The key of a question about where, worded for someone writing for another person."""
    return f"{key}_for_someone" if draft.get("for_someone") and key in ABOUT_SOMEONE_ELSE \
        else key


def ask(step: str, key: str, draft: dict, turn: Turn, prefix: str | None) -> State:
    """Put one question (with the choices that step offers) and wait on that step."""
    params = prompt_params(draft)
    key = whose(key, draft)
    if step == "postcode":
        draft.pop("unknown_postcode", None)
    if step == "consent":
        body = turn.t(key, wording=turn.t(consent_wording_key(draft)))
    elif step == "duplicate":
        body = turn.t(key, reference=draft["duplicate_of"],
                      category=turn.category_name(draft["category"]))
    elif step == "address_check" and "address_guess" in draft:
        body = turn.t(key, address=draft["address_guess"])
    elif step == "category_check":
        body = turn.t(key, category=turn.category_name(draft["category_guess"]))
    elif step == "place_check":
        place = draft["place_offered"]
        body = turn.t(key, place=", ".join(p for p in (place["address"], place["postcode"])
                                           if p), **params)
    else:
        body = turn.t(key, **params)
    if prefix:
        body = f"{turn.t(prefix, **params)} {body}"
    choices = {"category": turn.category_menu(), "consent": turn.yes_no(),
               "duplicate": turn.yes_no(), "category_check": turn.yes_no(),
               "place_check": turn.yes_no(),
               "address_check": turn.yes_no() if "address_guess" in draft else ()}.get(step, ())
    turn.replies.append(Reply(body, choices))
    return State(FLOW, step, draft)


def consent_wording_key(draft: dict) -> str:
    """What is shared: a caller needs only the phone number, anyone visiting the address."""
    kinds = {draft.get("category"), *draft.get("also", ())}
    return whose("consent_wording_calls" if kinds == {"befriending"} else "consent_wording",
                 draft)


def finish(draft: dict, inbound: Inbound, turn: Turn) -> State:
    """Consent answered: save the request (one per kind of help asked for) and say what
    happens next."""
    person = inbound.person
    kinds = [draft["category"], *(k for k in draft.get("also", ()) if k != draft["category"])]
    references = [person.next_reference, *person.spare_references][:len(kinds)]
    consent = bool(draft["consent"])
    # The name first: volunteers' offers, made as the request is saved, greet the resident by it.
    if person.first_name != draft["name"]:
        turn.do(RememberFirstName(draft["name"]))
    for category, reference in zip(kinds, references):
        save_request(draft, category, reference, turn)
    first, category = references[0], kinds[0]
    when_text = stored_when(draft, category)
    if consent:
        turn.say("request_saved", name=draft["name"], reference=first,
                 category=turn.category_name(category),
                 when=wording.describe_when(when_text, turn.language))
        for more_kind, more_reference in zip(kinds[1:], references[1:]):
            turn.say("request_saved_also", reference=more_reference,
                     category=turn.category_name(more_kind))
        repeating = [kind for kind in kinds if repeats(draft, kind)]
        if repeating and draft.get("needed_on"):
            turn.say("request_saved_standing", category=turn.category_name(repeating[0]),
                     every=standing.describe_every(
                         turn.t, draft["repeats"], date.fromisoformat(draft["needed_on"]).weekday()))
    else:
        turn.say("request_saved_no_consent", name=draft["name"], reference=first)
    return State()


def stored_when(draft: dict, category: str) -> str:
    """Stored in the English words find_when gives, whatever the language; said in the
    person's own."""
    return draft.get("when_text") or ("regular calls" if category == "befriending" else "any time")


def repeats(draft: dict, category: str) -> int | None:
    """Days between times for help asked for again and again ("every Friday"); None for a
    one-off, and for befriending, whose regular calls are arranged with the caller."""
    if category not in standing.REPEATABLE or not draft.get("needed_on"):
        return None
    return draft.get("repeats")


def save_request(draft: dict, category: str, reference: str, turn: Turn) -> None:
    needed_on = date.fromisoformat(draft["needed_on"]) if draft.get("needed_on") else None
    turn.do(CreateHelpRequest(
        reference=reference,
        category=category,
        details=draft.get("details", ""),
        first_name=draft["name"],
        postcode=draft["postcode"],
        latitude=draft["latitude"],
        longitude=draft["longitude"],
        address_line=draft.get("address"),
        needed_on=needed_on,
        needed_when_text=stored_when(draft, category),
        resident_age_band=draft.get("age_band"),
        urgency=draft.get("urgency", "normal"),
        consent_given=bool(draft["consent"]),
        consent_wording=turn.t(consent_wording_key(draft)),
        repeats_every_days=repeats(draft, category),
        # Who the volunteer goes to, when it is not the writer (offers.py says it).
        helped_name=draft.get("helped_name") if draft.get("for_someone") else None,
        helped_relation=(draft.get("helped_relation") or "someone")
        if draft.get("for_someone") else None,
        phone_to_ring=draft.get("phone_to_ring") if draft.get("for_someone") else None,
    ))
