"""The volunteer's conversation: signing up, and PAUSE / RESUME / MY TASKS / LEAVE."""

from __future__ import annotations

from bot.understanding import parsing
from bot.dialogue import given_time, resident, wording
from bot.dialogue.turn import STUCK, Turn
from bot.dialogue.types import (
    Choice,
    Inbound,
    LeaveVolunteering,
    RegisterVolunteer,
    Reply,
    SetVolunteerPaused,
    State,
    UpdateVolunteer,
)

FLOW = "volunteer"
LEAVE_FLOW = "leave"

# Each sign-up step: the question's catalogue key and the re-ask's.
QUESTIONS = {
    "name": ("v_intro", "ask_name_again"),
    "postcode": ("v_ask_postcode", "postcode_invalid"),
    "radius": ("v_ask_radius", "v_ask_radius_again"),
    "skills": ("v_ask_skills", "v_ask_skills_again"),
    "availability": ("v_ask_availability", "v_ask_availability_again"),
    "languages": ("v_ask_languages", "v_ask_languages_again"),
    "age": ("v_ask_age", "v_ask_age_again"),
    "experience": ("v_ask_experience", "v_ask_experience_again"),
    "code": ("v_ask_code", "v_ask_code_again"),
}
ORDER = tuple(QUESTIONS)
# A shorter answer that says yes ("yes", "yes I have") is not what the volunteer lived
# through, and is never kept as if it were; a longer one is ("yes, I nursed my husband").
LONGEST_PLAIN_YES = 4


CONFIRM_ASKED_AGAIN = "confirm_asked_again"


def is_active_volunteer(inbound: Inbound) -> bool:
    return inbound.person.volunteer is not None


def start(inbound: Inbound, turn: Turn, confirm: bool = False) -> State:
    """Signing up, from VOLUNTEER or an offer in their own words. An offer read by the
    model alone (`confirm`) is checked first: "dog walking today, I'm Lydia" may be a
    resident asking, and a resident must never find themselves signing up."""
    volunteer = inbound.person.volunteer
    if volunteer is not None:
        turn.say("v_already", vetting=turn.t(f"vetting.{volunteer.vetting_status}"))
        return State()
    draft: dict = {}
    if inbound.person.first_name:
        draft["name"] = inbound.person.first_name
    absorb_offer(draft, turn)
    if confirm:
        turn.say("v_confirm", choices=turn.yes_no())
        return State(FLOW, "confirm", draft)
    return ask_what_is_missing(draft, turn)


def ask_what_is_missing(draft: dict, turn: Turn) -> State:
    step = next_step(draft)
    noted = what_was_noted(draft, turn)
    if noted:
        turn.say("v_noted", name=draft.get("name", ""), noted=noted)
    return ask(step, draft, turn, again=False)


def what_was_noted(draft: dict, turn: Turn) -> str:
    """What a one-message sign-up told us, said back so they know it was read."""
    parts = []
    if draft.get("skills"):
        parts.append(join_words([turn.category_name(c) for c in draft["skills"]], turn))
    if draft.get("availability"):
        parts.append(wording.describe_slots(draft["availability"], turn.language))
    if draft.get("radius_km") and draft.get("postcode"):
        parts.append(turn.t("v_noted_radius", radius=describe_radius(draft, turn),
                            postcode=draft["postcode"]))
    return "; ".join(parts) if len(parts) >= 2 else ""


def absorb_offer(draft: dict, turn: Turn) -> None:
    """A sign-up said in one message ("I'm Priya, retired nurse, I drive, happy to do
    shopping or phone calls, weekday mornings, RM16 2XD, up to 5 miles"): everything in it
    is kept, and only what is missing is asked."""
    inbound, reading = turn.inbound, turn.reading
    text = reading.text
    if reading.sender_name:
        draft["name"] = reading.sender_name
    known = inbound.postcodes.get(reading.postcodes[0]) if reading.postcodes else None
    if known is not None:
        draft.update(postcode=known.postcode, latitude=known.latitude, longitude=known.longitude)
    distance = parsing.DISTANCE_UNIT.search(text)
    if distance:
        km = parsing.parse_distance_km(distance.group(0))
        if km is not None:
            draft["radius_km"] = km
            draft["radius_said_in_km"] = "k" in distance.group(0).lower()
    skills = parsing.skills_offered(text)
    if skills:
        draft["skills"] = list(skills)
    if parsing.names_free_time(text):
        slots = parsing.parse_availability(text)
        if slots:
            draft["availability"] = list(slots)
    languages = parsing.parse_languages(text)
    if languages:
        read_languages(draft, text, inbound)
    band = parsing.find_age_band(text) or parsing.listed_age_band(text)
    if band:
        draft["age_band"] = band


def confirm_again(state: State, turn: Turn) -> State | None:
    """Neither YES nor NO to "Would you like to sign up?", and nothing else asked for either
    ("English and Hindi", "60s"): the question again, once, rather than their words taken
    for a first message (which would greet a would-be volunteer with the residents' menu)."""
    reading = turn.reading
    if state.data.get(CONFIRM_ASKED_AGAIN) or reading.danger is not None or reading.kinds \
            or reading.intent in ("request", "cancel", "status") \
            or resident.says_what_is_needed(turn):
        return None
    turn.say("v_confirm_again", choices=turn.yes_no())
    return State(FLOW, "confirm", {**state.data, CONFIRM_ASKED_AGAIN: True})


def resume(state: State, inbound: Inbound, turn: Turn) -> State:
    draft = dict(state.data)
    answer = parsing.clean(inbound.text)
    if state.step == "confirm":  # the engine sends anything but YES or NO elsewhere
        draft.pop(CONFIRM_ASKED_AGAIN, None)
        if turn.reading.yes_no:
            return ask_what_is_missing(draft, turn)
        turn.say("v_confirm_no", choices=turn.category_menu())
        # What they told us about themselves still holds for a request: not asked again.
        kept = {key: draft[key] for key in ("name", "postcode", "latitude", "longitude")
                if key in draft}
        if "postcode" in kept:
            kept["precision"] = "postcode"
        return State(resident.FLOW, "category", kept)  # they asked rather than offered
    if not read_answer(state.step, draft, answer, inbound):
        if not parsing.has_letters_or_digits(answer):
            return ask(state.step, draft, turn, again=False, prefix="empty_message")
        if state.step == "postcode" and draft.pop("unknown_postcode", None):
            turn.say("postcode_unknown", postcode=parsing.find_postcodes(answer)[0])
            return State(FLOW, state.step, draft)
        if parsing.says_any(parsing.ASKS_FOR_WORK, answer):
            # "any jobs for me?" halfway through signing up: told when offers come, and the
            # question asked again (not counted as missed: it is a fair question).
            return ask(state.step, draft, turn, again=False, prefix="v_offers_after_sign_up")
        if noted_for_later(draft, turn):
            # "weekday mornings" when asked how far: kept for its own question, and this
            # one asked again (not counted as missed: they are telling us what we need).
            return ask(state.step, draft, turn, again=False, prefix="v_noted_for_later")
        asked = ask(state.step, draft, turn, again=True)
        turn.point_the_way_out(asked)
        return asked
    draft.pop(STUCK, None)
    step = next_step(draft)
    if step is None:
        return finish(draft, turn)
    if step == "declined":
        turn.say("v_code_declined")
        return State()
    return ask(step, draft, turn, again=False)


# What an answer given to another question can fill in for a question still to come.
LATER_ANSWERS = ("radius_km", "radius_said_in_km", "skills", "availability", "languages",
                 "age_band")


def noted_for_later(draft: dict, turn: Turn) -> bool:
    """Whether a message that does not answer the question answers one still to come,
    read as a one-message sign-up is; what it says is kept, only where not known already."""
    found: dict = {}
    absorb_offer(found, turn)
    new = {key: value for key, value in found.items()
           if key in LATER_ANSWERS and key not in draft}
    draft.update(new)
    return bool(new)


def read_answer(step: str, draft: dict, answer: str, inbound: Inbound) -> bool:
    """Store the answer to `step` in the draft; False when it is not one."""
    if step == "name":
        name = parsing.name_answered(answer)
        if name:
            draft["name"] = name
        return name is not None
    if step == "postcode":
        return read_postcode(draft, answer, inbound)
    if step == "radius":
        km = parsing.parse_distance_km(answer)
        if km is not None:
            draft["radius_km"] = km
            draft["radius_said_in_km"] = "k" in parsing.words_of(answer)
        return km is not None
    if step == "skills":
        if parsing.says_any(parsing.ASKS_FOR_WORK, answer):
            return False  # "any jobs for me?" asks for work; it does not offer any kind
        skills = parsing.parse_skills(answer)
        if skills:
            draft["skills"] = list(skills)
        return bool(skills)
    if step == "availability":
        slots = parsing.parse_availability(answer)
        if slots:
            draft["availability"] = list(slots)
        return bool(slots)
    if step == "languages":
        return read_languages(draft, answer, inbound)
    if step == "age":
        band = None if parsing.is_skip(answer) else (
            parsing.parse_age_band(answer) or parsing.find_age_band(answer))  # "70s", "I'm 68"
        if band is None and not parsing.is_skip(answer):
            return False
        draft["age_band"] = band
        return True
    if step == "experience":
        if not parsing.has_letters_or_digits(answer):
            return False
        if parsing.parse_yes_no(answer) and len(answer.split()) < LONGEST_PLAIN_YES:
            return False  # "yes, I have" says there is something, not what: asked for it
        draft["experience"] = None if parsing.is_skip(answer) else answer
        return True
    if step == "code":
        agreed = parsing.parse_yes_no(answer)
        if agreed is not None:
            draft["code_agreed"] = agreed
        return agreed is not None
    return False


def read_postcode(draft: dict, answer: str, inbound: Inbound) -> bool:
    found = parsing.find_postcodes(answer)
    if not found:
        return False
    known = inbound.postcodes.get(found[0])
    if known is None:
        draft["unknown_postcode"] = found[0]
        return False
    draft.update(postcode=known.postcode, latitude=known.latitude, longitude=known.longitude)
    return True


def read_languages(draft: dict, answer: str, inbound: Inbound) -> bool:
    if parsing.is_skip(answer):
        draft["languages"] = [inbound.person.language]
        return True
    codes = list(parsing.parse_languages(answer))
    if not codes:
        return False
    # They are talking to us in this language, so they speak it too.
    if inbound.person.language not in codes:
        codes.insert(0, inbound.person.language)
    draft["languages"] = codes
    return True


def next_step(draft: dict) -> str | None:
    answered = {
        "name": "name" in draft,
        "postcode": "postcode" in draft,
        "radius": "radius_km" in draft,
        "skills": "skills" in draft,
        "availability": "availability" in draft,
        "languages": "languages" in draft,
        "age": "age_band" in draft,
        "experience": "experience" in draft,
        "code": "code_agreed" in draft,
    }
    for step in ORDER:
        if not answered[step]:
            return step
    return None if draft["code_agreed"] else "declined"


def ask(step: str, draft: dict, turn: Turn, *, again: bool, prefix: str | None = None) -> State:
    key = QUESTIONS[step][1 if again else 0]
    body = turn.t(key, name=draft.get("name", ""))
    if step == "skills":
        menu = "\n".join(f"{c.value} {c.label}" for c in turn.category_menu())
        body = f"{body}\n{menu}"
    if prefix:
        body = f"{turn.t(prefix)} {body}"
    turn.replies.append(Reply(body, step_choices(step, turn)))
    return State(FLOW, step, draft)


def step_choices(step: str, turn: Turn) -> tuple[Choice, ...]:
    if step == "code":
        return turn.yes_no()
    if step == "age":
        return tuple(Choice(band, band) for band in parsing.AGE_BANDS) + (skip_choice(turn),)
    if step in ("languages", "experience"):
        return (skip_choice(turn),)
    return ()


def skip_choice(turn: Turn) -> Choice:
    """SKIP, or the person's own word for it (POMIŃ), which is also what an SMS user types."""
    return Choice(turn.t("choice.skip").upper(), turn.t("choice.skip"))


def finish(draft: dict, turn: Turn) -> State:
    turn.do(RegisterVolunteer(
        first_name=draft["name"],
        postcode=draft["postcode"],
        latitude=draft["latitude"],
        longitude=draft["longitude"],
        travel_radius_km=draft["radius_km"],
        skills=tuple(draft["skills"]),
        availability=tuple(draft["availability"]),
        languages=tuple(draft["languages"]),
        age_band=draft.get("age_band"),
        lived_experience=draft.get("experience"),
    ))
    skills = [turn.category_name(c) for c in draft["skills"]]
    turn.say("v_registered", name=draft["name"], skills=join_words(skills, turn),
             availability=wording.describe_slots(draft["availability"], turn.language),
             radius=describe_radius(draft, turn))
    return State()


def describe_radius(draft: dict, turn: Turn) -> str:
    km = draft["radius_km"]
    if draft.get("radius_said_in_km"):
        return turn.t("radius_km", km=f"{km:g}")
    return turn.t("radius_miles", miles=f"{km / 1.609344:.3g}")


def join_words(words: list[str], turn: Turn) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {turn.t('and')} {words[-1]}"


# Commands for people already signed up.


UPDATE_FLOW = "v_update"


def update(inbound: Inbound, turn: Turn) -> State:
    """UPDATE and a change ("UPDATE weekday evenings", "UPDATE RM17 6SL"), read as a
    sign-up is; only what the words name changes. UPDATE alone asks what has changed."""
    change: dict = {}
    absorb_offer(change, turn)
    if not {"postcode", "radius_km", "skills", "availability", "languages"} & change.keys() \
            and "name" not in change:
        if turn.state.flow == UPDATE_FLOW:  # asked once already: nothing is changed
            turn.say("v_update_nothing")
            return State()
        turn.say("v_update_what")
        return State(UPDATE_FLOW, "what", {})
    turn.do(UpdateVolunteer(
        first_name=change.get("name"), postcode=change.get("postcode"),
        latitude=change.get("latitude"), longitude=change.get("longitude"),
        travel_radius_km=change.get("radius_km"), skills=listed(change, "skills"),
        availability=listed(change, "availability"), languages=listed(change, "languages"),
        adding=parsing.says_any(parsing.ADDS_MORE, inbound.text)))
    return State()  # the service says what changed


def listed(change: dict, key: str) -> tuple[str, ...] | None:
    return tuple(change[key]) if key in change else None


AWAY_FLOW = "v_away"


def changes_details(inbound: Inbound, turn: Turn) -> bool:
    """A volunteer saying what changed ("ive moved, new postcode RM16 2XD", "I can do dog
    walking too"), not telling of a task done nor asking for a kind of help themselves."""
    reading = turn.reading
    return is_active_volunteer(inbound) and reading.reported is None \
        and parsing.says_any(parsing.CHANGES_DETAILS, inbound.text) \
        and not (reading.says("request") and set(reading.kinds) - {"other"})


def about_themselves(inbound: Inbound, turn: Turn) -> State | None:
    """A volunteer's words about their own volunteering, read before what waits for them:
    their hours ("how many hours have i done") or time away ("on holiday next week": shall
    we pause?). Changes to their details are read before this (changes_details)."""
    text = inbound.text
    if parsing.says_any(parsing.ASKS_FOR_HOURS, text):
        return given_time.tell_hours(inbound, turn)
    if parsing.says_any(parsing.GOING_AWAY, text):
        if inbound.person.volunteer.paused:
            turn.say("v_away_paused_already")
            return State()
        turn.say("v_away_pause", choices=turn.yes_no())
        return State(AWAY_FLOW, "confirm", {})
    return None


def confirm_away(inbound: Inbound, turn: Turn) -> State | None:
    """YES pauses offers; NO keeps them coming; anything else is read afresh (None)."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        return pause(inbound, turn, paused=True)
    turn.say("v_away_not_paused")
    return State()


def pause(inbound: Inbound, turn: Turn, paused: bool) -> State:
    turn.do(SetVolunteerPaused(paused))
    turn.say("v_paused" if paused else "v_resumed")
    return State()


def with_a_task_says(inbound: Inbound, pattern) -> bool:
    """Whether a volunteer with a task taken says what `pattern` looks for: on their way
    (parsing.ON_THE_WAY), asking again for its address (parsing.ASKS_FOR_TASK_DETAILS)."""
    volunteer = inbound.person.volunteer
    return bool(volunteer and volunteer.tasks) and parsing.says_any(pattern, inbound.text)


def say_how_to_tell_them(inbound: Inbound, turn: Turn, key: str = "v_on_the_way") -> State:
    """"Running late", "parked outside": whom to ring about it; "no answer at the door"
    (v_no_answer): ring them, and CONCERN if it worries them. With several tasks, the list
    with each phone."""
    tasks = inbound.person.volunteer.tasks
    if len(tasks) > 1 or not tasks[0].phone:
        return list_tasks(inbound, turn)
    task = tasks[0]
    turn.say(key, name=inbound.person.first_name or "", first_name=task.first_name,
             phone=task.phone, reference=task.reference)
    return State()


def list_tasks(inbound: Inbound, turn: Turn) -> State:
    volunteer = inbound.person.volunteer
    tasks, places = (volunteer.tasks, volunteer.places) if volunteer else ((), ())
    if not tasks and not places:
        turn.say("v_no_tasks")
        return State()
    lines = [
        turn.t("v_task_line", reference=task.reference,
               category=turn.category_name(task.category),
               when=wording.describe_when(task.when_text, turn.language) or "",
               first_name=wording.task_person(task, turn.t),
               contact=contact_text(turn.t, task.category, task.address, task.phone,
                                    task.first_name if task.helped_relation else None))
        for task in tasks
    ]
    lines += [
        turn.t("v_place_line", reference=place.reference, partner=place.partner,
               category=turn.t(f"need_kind.{place.category}"), postcode=place.postcode,
               when=place.how_often or "-", contact=place.contact)
        for place in places
    ]
    turn.say("v_tasks", lines="\n".join(lines))
    return State()


def contact_text(say, category: str, address: str | None, phone: str | None,
                 writer: str | None = None) -> str:
    """How to reach the resident, said with `say` (key, **params): a caller gets the phone
    number only; anyone going to the door, the address too. `writer` is the name of someone
    who asked for another person: the phone is theirs, and the volunteer is told so."""
    phone = phone or say("phone_via_hub")
    if writer is not None:
        phone = say("phone_of_writer", phone=phone, name=writer or "?")
    if category == "befriending":
        return say("offer_contact_phone", phone=phone)
    return say("offer_contact", address=address or "-", phone=phone)


def ask_to_leave(turn: Turn) -> State:
    turn.say("v_leave_confirm", choices=turn.yes_no())
    return State(LEAVE_FLOW, "confirm", {})


def confirm_leave(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """None when the answer is not yes or no, so the caller can treat it afresh."""
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None:
        return None
    if answer:
        turn.do(LeaveVolunteering())
        turn.say("v_left")
    else:
        turn.say("v_leave_kept")
    return State()
