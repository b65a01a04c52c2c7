"""Offers end to end through the real ranker: the brief's cases, cascades, one winner."""

from __future__ import annotations

import threading
from datetime import date
from itertools import count

import pytest
from sqlalchemy import select

from bot.app import build_hub
from bot.services.running.conversations import IncomingMessage
from fakes import KNOWN_POSTCODES, FakePostcodeLocator
from models import (
    ContactIdentity,
    HelpRequest,
    Offer,
    OfferStatus,
    OutboundMessage,
    Person,
    PersonRole,
    RequestStatus,
    VolunteerProfile,
)

ALL_WEEK = [f"{day}_{part}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
            for part in ("morning", "afternoon", "evening")]
message_ids = count()
# Volunteers' numbers, outside the 07700 900xxx range the tests' fixed numbers use (Carol is
# 900601, Albert 900611...), so a long run of volunteers never takes one of theirs.
phones = count(200200)


def add_volunteer(hub, name, postcode, *, skills=("shopping", "befriending"), age_band="45-54",
                  experience="", vetting="approved", checks=("id", "dbs", "training"),
                  cap=3, paused=False, radius_km=5.0) -> str:
    """A volunteer as the sign-up dialogue and a coordinator's vetting leave them."""
    phone = f"+447701{next(phones)}"
    latitude, longitude = KNOWN_POSTCODES[postcode]
    vetted_on = date(2026, 10, 1)
    with hub.session_factory.begin() as session:
        person = Person(first_name=name)
        person.identities.append(ContactIdentity(kind="phone", address=phone))
        person.roles.append(PersonRole(role="volunteer"))
        person.volunteer_profile = VolunteerProfile(
            postcode=postcode, latitude=latitude, longitude=longitude, travel_radius_km=radius_km,
            skills=list(skills), availability=ALL_WEEK, languages=["en"], age_band=age_band,
            lived_experience=experience, vetting_status=vetting, weekly_task_cap=cap,
            paused=paused,
            id_checked_on=vetted_on if "id" in checks else None,
            dbs_checked_on=vetted_on if "dbs" in checks else None,
            training_completed_on=vetted_on if "training" in checks else None)
        session.add(person)
    return phone


def say(hub, phone, text):
    return hub.conversations.receive(IncomingMessage(
        channel="sms", identity_kind="phone", address=phone,
        channel_message_id=f"SM{next(message_ids)}", text=text, received_at=hub.clock()))


def ask_for_help(hub, phone, *messages) -> str:
    for text in messages:
        say(hub, phone, text)
    with hub.session_factory() as session:
        return session.scalars(select(HelpRequest.reference).order_by(HelpRequest.id.desc())).first()


def albert_asks_for_calls(hub) -> str:
    return ask_for_help(hub, "+447700900123",
                        "Could someone ring me for a chat now and then? I'm Albert",
                        "RM17 6SL", "I'm 84", "weekday afternoons", "yes")


def offers_for(hub, reference):
    with hub.session_factory() as session:
        rows = session.execute(
            select(Person.first_name, Offer.rank, Offer.status, Offer.reasons)
            .join(Offer, Offer.volunteer_id == Person.id)
            .join(HelpRequest, HelpRequest.id == Offer.request_id)
            .where(HelpRequest.reference == reference).order_by(Offer.round, Offer.rank))
        return [tuple(row) for row in rows]


def request_of(hub, reference) -> HelpRequest:
    with hub.session_factory() as session:
        return session.scalars(select(HelpRequest).where(HelpRequest.reference == reference)).one()


def waiting_for(hub, phone) -> list[str]:
    with hub.session_factory() as session:
        return list(session.scalars(select(OutboundMessage.body)
                                    .where(OutboundMessage.address == phone)
                                    .order_by(OutboundMessage.id)))


def test_albert_gets_a_nearby_volunteer_of_about_his_age_first(hub):
    add_volunteer(hub, "Kai", "RM17 5AA", age_band="25-34")
    add_volunteer(hub, "Margaret", "RM17 5AA", age_band="75+")
    add_volunteer(hub, "Derek", "CM1 1AA", age_band="75+")  # 30 km away: same age, far off
    reference = albert_asks_for_calls(hub)
    offers = offers_for(hub, reference)
    assert [name for name, *_ in offers] == ["Margaret", "Kai", "Derek"]
    assert "age" in offers[0][3]
    assert request_of(hub, reference).status == RequestStatus.OFFERED


def test_bettys_calls_go_to_the_volunteer_who_has_lived_with_dementia(hub):
    add_volunteer(hub, "Sam", "RM17 6SL")  # next door, no shared experience
    add_volunteer(hub, "Julia", "RM16 2XU",
                  experience="I cared for my mum through Alzheimer's for six years")
    reference = ask_for_help(hub, "+447700900124", "hello", "3",
                             "my husband has dementia and I'm not coping", "Betty", "RM17 6SL",
                             "skip", "any time", "yes")
    offers = offers_for(hub, reference)
    assert offers[0][0] == "Julia"
    assert "dementia" in offers[0][3]


def test_an_unvetted_or_untrained_volunteer_never_gets_a_befriending_offer(hub):
    add_volunteer(hub, "Pending", "RM17 5AA", vetting="pending")
    add_volunteer(hub, "Untrained", "RM17 5AA", checks=("id", "dbs"))
    add_volunteer(hub, "Ready", "RM16 2XU")
    reference = albert_asks_for_calls(hub)
    assert [name for name, *_ in offers_for(hub, reference)] == ["Ready"]


def test_a_volunteer_at_their_weekly_cap_or_paused_is_skipped(hub):
    busy = add_volunteer(hub, "Busy", "RM17 5AA", cap=1)
    add_volunteer(hub, "Resting", "RM17 5AA", paused=True)
    add_volunteer(hub, "Free", "RM16 2XU")
    first = albert_asks_for_calls(hub)
    say(hub, busy, f"YES {first}")
    assert request_of(hub, first).status == RequestStatus.ASSIGNED
    second = ask_for_help(hub, "+447700900125", "Could someone phone me for a chat? I'm Mary",
                          "RM17 6SL", "skip", "any time", "yes")
    assert [name for name, *_ in offers_for(hub, second)] == ["Free"]


def test_nobody_suitable_leaves_the_request_for_the_coordinators_with_the_reason(hub):
    add_volunteer(hub, "Faraway", "CM1 1AA", skills=("shopping",))
    reference = ask_for_help(hub, "+447700900126", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    request = request_of(hub, reference)
    assert request.status == RequestStatus.NEW
    assert request.unmatched_reason == (
        "no approved volunteer with shopping travels this far: the nearest is 30 km away")


def test_an_accepted_offer_gives_the_task_and_tells_everyone_else(hub):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    kai = add_volunteer(hub, "Kai", "RM16 2XU")
    reference = ask_for_help(hub, "+447700900127", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    offer_text = waiting_for(hub, margaret)[0]
    assert reference in offer_text and "Orsett Road" in offer_text
    assert "12 Orsett" not in offer_text  # only a rough area before accepting
    assert "km" in offer_text
    won = say(hub, margaret, "yes")
    assert "12 Orsett Road" in won.replies[0].body
    assert "taken" in waiting_for(hub, kai)[-1]
    assert "Margaret" in waiting_for(hub, "+447700900127")[-1]
    statuses = {name: status for name, _, status, _ in offers_for(hub, reference)}
    assert statuses == {"Margaret": OfferStatus.ACCEPTED, "Kai": OfferStatus.WITHDRAWN}


def test_declines_and_silence_cascade_to_the_next_volunteers(settings, clock):
    settings = type(settings)(**{**settings.__dict__, "offers_per_round": 1})
    hub = build_hub(settings, clock=clock, locate_postcode=FakePostcodeLocator())
    try:
        first = add_volunteer(hub, "First", "RM17 5AA")
        add_volunteer(hub, "Second", "RM16 2XU")
        add_volunteer(hub, "Third", "RM20 3LP")
        reference = albert_asks_for_calls(hub)
        assert [n for n, *_ in offers_for(hub, reference)] == ["First"]
        assert "sorry" not in say(hub, first, "no").replies[0].body.lower()
        assert [n for n, *_ in offers_for(hub, reference)] == ["First", "Second"]
        clock.advance(minutes=settings.offer_timeout_minutes + 1)
        with hub.session_factory.begin() as session:
            assert hub.offers.expire_due_offers(session, clock()) == 1
        assert [(n, s) for n, _, s, _ in offers_for(hub, reference)] == [
            ("First", OfferStatus.DECLINED), ("Second", OfferStatus.EXPIRED),
            ("Third", OfferStatus.OFFERED)]
    finally:
        hub.close()


def test_two_acceptances_at_the_same_moment_make_exactly_one_assignment(hub):
    phones_ = [add_volunteer(hub, name, "RM17 5AA") for name in ("Ann", "Bob", "Cat")]
    reference = albert_asks_for_calls(hub)
    start = threading.Barrier(len(phones_))
    replies: dict[str, str] = {}

    def accept(phone):
        start.wait()
        replies[phone] = say(hub, phone, f"YES {reference}").replies[0].body

    threads = [threading.Thread(target=accept, args=(phone,)) for phone in phones_]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [phone for phone, body in replies.items() if f"{reference} is yours" in body]
    statuses = [status for _, _, status, _ in offers_for(hub, reference)]
    assert statuses.count(OfferStatus.ACCEPTED) == 1
    assert len(replies) == 3
    request = request_of(hub, reference)
    assert request.status == RequestStatus.ASSIGNED
    with hub.session_factory() as session:
        winner = session.get(Person, request.assigned_volunteer_id)
        winner_phone = winner.identities[0].address
    assert winners == [winner_phone]
    for phone, body in replies.items():
        if phone != winner_phone:
            assert "taken" in body


@pytest.mark.parametrize("text", ["YES R-ZZZZ", "no R-ZZZZ"])
def test_an_answer_to_an_offer_nobody_made_is_a_kind_reply(hub, text):
    phone = add_volunteer(hub, "Ann", "RM17 5AA")
    assert say(hub, phone, text).replies[0].body == (
        "I can't find an open offer R-ZZZZ. It may have been taken already.")


def test_a_late_yes_to_a_closed_offer_is_told_it_closed(hub, clock):
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    reference = albert_asks_for_calls(hub)
    clock.advance(hours=2)
    with hub.session_factory.begin() as session:
        hub.offers.expire_due_offers(session, clock())
    assert "has closed" in say(hub, ann, f"yes {reference}").replies[0].body
    assert request_of(hub, reference).unmatched_reason


def test_done_asks_the_resident_how_it_went_and_keeps_their_answer(hub):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    albert = "+447700900128"
    reference = ask_for_help(hub, albert, "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, margaret, "yes")
    # Paid for by phone, so no receipt passes through the volunteer.
    assert "thank" in say(hub, margaret, f"DONE {reference} no receipt").replies[0].body.lower()
    assert "How did it go?" in waiting_for(hub, albert)[-1]
    assert "Thank you for telling us" in say(hub, albert, "Margaret was lovely, thanks").replies[0].body
    request = request_of(hub, reference)
    assert request.status == RequestStatus.DONE
    assert request.feedback == "Margaret was lovely, thanks"
    # The next message is a conversation again, not more feedback.
    assert "What do you need help with?" in say(hub, albert, "hello").replies[0].body


def test_the_scheduler_moves_on_offers_that_ran_out_of_time(hub, clock):
    from bot.services.running.scheduler import run_due_work

    add_volunteer(hub, "Ann", "RM17 5AA")
    reference = albert_asks_for_calls(hub)
    assert run_due_work(hub.session_factory, hub.offers, hub.concerns, clock()) == 0
    clock.advance(minutes=61)
    assert run_due_work(hub.session_factory, hub.offers, hub.concerns, clock()) == 1
    request = request_of(hub, reference)
    assert request.status == RequestStatus.NEW
    assert request.unmatched_reason  # nobody else: the coordinators' queue, with the reason


def test_before_accepting_no_volunteer_ever_sees_the_residents_number_or_house(hub, clock):
    volunteers = [add_volunteer(hub, name, "RM17 5AA") for name in ("Ann", "Bob", "Cat", "Dee")]
    albert = "+447700900129"
    ask_for_help(hub, albert, "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")
    clock.advance(hours=2)  # the first round runs out; the next volunteer is asked
    with hub.session_factory.begin() as session:
        hub.offers.expire_due_offers(session, clock())
    for phone in volunteers:
        for body in waiting_for(hub, phone):
            assert albert not in body and "7700900129" not in body
            assert "12 Orsett" not in body and "RM17 6SL" not in body


def test_my_tasks_shows_the_contact_details_until_the_task_is_done(hub):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    reference = ask_for_help(hub, "+447700900130", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, margaret, "yes")
    listed = say(hub, margaret, "MY TASKS").replies[0].body
    assert reference in listed and "12 Orsett Road" in listed and "+447700900130" in listed
    say(hub, margaret, f"DONE {reference} £12.50")
    after = say(hub, margaret, "MY TASKS").replies[0].body
    assert "12 Orsett Road" not in after and "+447700900130" not in after


def test_a_polish_volunteers_offer_says_why_in_polish_and_keeps_english_for_coordinators(hub):
    marta = add_volunteer(hub, "Marta", "RM17 5AA")
    say(hub, marta, "JĘZYK PL")
    reference = ask_for_help(hub, "+447700900123", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    offer = waiting_for(hub, marta)[-1]
    assert "Dlaczego Ty:" in offer and "km stąd" in offer and "away" not in offer
    assert "km away" in offers_for(hub, reference)[0][3]  # stored as coordinators read it


def test_a_volunteer_can_give_a_task_back_and_it_goes_to_someone_else(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = ask_for_help(hub, "+447700900123", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, julia, "YES")
    ian = add_volunteer(hub, "Ian", "RM16 2XU")
    asked = say(hub, julia, "sorry, I can't make it tomorrow").replies[0].body
    assert asked.startswith(f"Give {reference} (shopping for Albert) back?")
    assert "stays yours" in say(hub, julia, "no").replies[0].body
    assert request_of(hub, reference).assigned_volunteer_id is not None
    say(hub, julia, f"GIVE BACK {reference}")
    done = say(hub, julia, "yes").replies[0].body
    assert f"{reference} has gone to other volunteers and Albert has been told" in done
    assert "can no longer help" in waiting_for(hub, "+447700900123")[-1]
    assert reference in waiting_for(hub, ian)[-1]  # offered to the next volunteer
    request = request_of(hub, reference)
    assert request.status == RequestStatus.OFFERED and request.assigned_volunteer_id is None
    assert "no tasks" in say(hub, julia, "MY TASKS").replies[0].body


def test_a_volunteers_other_words_show_what_is_waiting_and_yes_still_works(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = ask_for_help(hub, "+447700900123", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    for text in ("maybe", "where is it?", "hi"):
        said = say(hub, julia, text).replies[0].body
        assert said.startswith("Waiting for your answer:") and f"YES {reference}" in said
    assert f"{reference} is yours" in say(hub, julia, "YES").replies[0].body
    said = say(hub, julia, "on my way").replies[0].body
    assert f"DONE {reference}" in said and "What do you need help with" not in said
    # A volunteer who needs help themselves still gets it by saying what.
    asked = say(hub, julia, "could someone walk my dog? RM17 5AA").replies[0].body
    assert "house number and street" in asked


def test_yes_to_an_offer_that_came_after_the_welcome_menu_still_takes_it(hub):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    assert "What do you need help with" in say(hub, julia, "hello").replies[0].body
    reference = ask_for_help(hub, "+447700900123", "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    assert f"{reference} is yours" in say(hub, julia, "yes").replies[0].body


# What a volunteer sees before accepting is built from parsed parts: the street (when one
# can be recognised) and the postcode district. House names, house and flat numbers, towns
# and counties never appear, whatever the style the address was typed in.
ADDRESS_STYLES = [
    # (typed by the resident, the area the offer names, words that must not appear)
    ("The Old Vicarage, Orsett Road", "Orsett Road, RM17", ("Vicarage", "Old")),
    ("The Old Vicarage Orsett Road", "Orsett Road, RM17", ("Vicarage", "Old")),
    ("Rose Cottage", "RM17", ("Rose", "Cottage")),
    ("Flat 29, 36 Orsett Road", "Orsett Road, RM17", ("Flat", "29", "36")),
    ("2/36 Orsett Rd", "Orsett Road, RM17", ("2/36", "36")),
    ("36 Orsett Rd, Grays, Essex", "Orsett Road, RM17", ("36", "Grays", "Essex")),
    ("36 orsett road grays", "Orsett Road, RM17", ("36", "grays", "Grays")),
    ("12a High St", "High Street, RM17", ("12a", "12")),
    ("Apartment 47 Riverside Court, Dock Road", "Dock Road, RM17",
     ("Apartment", "Riverside", "47")),
    ("Mill House, 71 Mill Lane", "Mill Lane, RM17", ("House", "71")),
    ("Rose Cottage 12 Orsett Road", "Orsett Road, RM17", ("Rose", "Cottage", "12")),
    ("Flat B, 73 Park Lane", "Park Lane, RM17", ("Flat", " B,", "73")),
    ("57 Brentwood Road, Chadwell St Mary", "Brentwood Road, RM17", ("57", "Chadwell", "Mary")),
    ("12 St Mary's Road", "St Mary's Road, RM17", ("12",)),
    ("48 The Avenue", "The Avenue, RM17", ("48",)),
    ("ul. Długa 58", "ul. Długa, RM17", ("58",)),
    ("ulica Długa 59 m. 31", "ulica Długa, RM17", ("59", "m.", "31")),
]


def offer_area(offer: str) -> str:
    """The area an English offer names: "... tomorrow, in <area> (<distance>). ..."."""
    return offer.split(", in ", 1)[1].rsplit(" (", 1)[0].split(" (")[0]


@pytest.mark.parametrize("typed, area, never", ADDRESS_STYLES,
                         ids=[typed for typed, *_ in ADDRESS_STYLES])
def test_an_offer_names_the_street_and_district_never_the_house(hub, typed, area, never):
    volunteers = [add_volunteer(hub, "Kai", "RM16 2XU"), add_volunteer(hub, "Ann", "RM20 3LP")]
    resident = "+447700900140"
    for text in ("can someone get my shopping? I'm Albert", "RM17 6SL", typed):
        replies = say(hub, resident, text).replies
    if "is that right" in replies[-1].body:  # a line that might not be an address: YES
        say(hub, resident, "yes")
    reference = ask_for_help(hub, resident, "tomorrow", "yes")
    assert request_of(hub, reference).address_line == typed  # kept whole for the one who helps
    for volunteer in volunteers:
        [offer] = waiting_for(hub, volunteer)
        assert reference in offer
        assert offer_area(offer) == area
        # The request's own reference (random: "R-S577") may hold a house number's digits.
        offer = offer.replace(reference, "R-REF")
        for word in never:
            assert word not in offer, f"{word!r} in {offer!r}"
        # Nor in the list of offers waiting, when the volunteer texts something else.
        waiting = say(hub, volunteer, "maybe").replies[0].body
        assert f"in {area}" in waiting
        for word in never:
            assert word not in waiting.replace(reference, ""), f"{word!r} in {waiting!r}"


def test_a_volunteer_at_the_same_postcode_is_told_very_close_not_no_distance(hub):
    next_door = add_volunteer(hub, "Sam", "RM17 6SL")
    marta = add_volunteer(hub, "Marta", "RM17 6SL")
    say(hub, marta, "JĘZYK PL")
    further = add_volunteer(hub, "Kai", "RM16 2XU")
    ask_for_help(hub, "+447700900141", "can someone get my shopping? I'm Albert",
                 "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    [offer] = waiting_for(hub, next_door)
    assert "(very close)" in offer
    assert "0.0 km" not in offer and " 0 km" not in offer
    polish = waiting_for(hub, marta)[-1]
    assert "(bardzo blisko)" in polish and "0,0 km" not in polish and " 0 km" not in polish
    [far] = waiting_for(hub, further)
    assert "(1.5 km away)" in far


def test_someone_writing_for_their_nan_sends_the_volunteer_to_her_with_his_number(hub, carol):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    dave = "+447700900131"
    reference = ask_for_help(hub, dave, "hello i am ringing for my nan she cant get out, can "
                             "someone do her a shop tomorrow", "Her name is Edna", "Dave",
                             "RM17 6SL", "14 Orsett Road", "yes")
    saved = request_of(hub, reference)
    assert (saved.helped_name, saved.helped_relation) == ("Edna", "grandparent")
    shown = say(hub, carol, f"SHOW {reference}").replies[0].body
    assert f"Dave for Edna ({dave}), 14 Orsett Road" in shown
    assert waiting_for(hub, margaret)[0].startswith("Can you help? Edna needs shopping")
    won = say(hub, margaret, "yes").replies[0].body
    assert "shopping for Edna" in won
    assert f"Phone: {dave} (that's Dave, who asked for them)" in won
    listed = say(hub, margaret, "MY TASKS").replies[0].body
    assert "shopping for Edna" in listed and "that's Dave" in listed
    done = say(hub, margaret, f"DONE {reference} £12.50").replies[0].body
    assert "Thank you for helping Edna!" in done


def test_someone_unnamed_that_a_writer_asks_for_is_called_by_how_they_are_related(hub, carol):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    reference = ask_for_help(hub, "+447700900132", "my mum needs her shopping doing tomorrow, "
                             "I'm Sue", "RM17 6SL", "14 Orsett Road", "yes")
    assert request_of(hub, reference).helped_relation == "mum"
    shown = say(hub, carol, f"SHOW {reference}").replies[0].body
    assert "Sue's mum (+447700900132), 14 Orsett Road" in shown
    assert waiting_for(hub, margaret)[0].startswith("Can you help? Sue's mum needs shopping")
    assert "shopping for Sue's mum" in say(hub, margaret, "yes").replies[0].body


def test_a_request_for_oneself_names_the_writer_as_before(hub):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA")
    ask_for_help(hub, "+447700900133", "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")
    won = say(hub, margaret, "yes").replies[0].body
    assert "shopping for Albert" in won and "who asked" not in won


def test_an_offer_of_something_else_says_what_was_asked_without_the_residents_contact(hub):
    # "Margaret needs something else" told a volunteer nothing of the job.
    ann = add_volunteer(hub, "Ann", "RM17 5AA", skills=("other",))
    resident = "+447700900131"
    reference = ask_for_help(
        hub, resident, "hello its Margaret at 12 Orsett Road RM17 6SL, my curtain rail has come "
        "down and I can't reach to put it back, my number is 07700 900131", "12 Orsett Road",
        "tomorrow", "yes")
    assert request_of(hub, reference).category == "other"
    offer = waiting_for(hub, ann)[0]
    assert ('something else ("hello its Margaret at my curtain rail has come down and I '
            "can't reach to put it back, my number is\")") in offer, offer
    assert "12 Orsett" not in offer and "RM17 6SL" not in offer and "900131" not in offer
    won = say(hub, ann, f"YES {reference}").replies[0].body
    assert "curtain rail" in won and "12 Orsett Road" in won  # the address, once it is hers


def test_an_offer_of_shopping_does_not_quote_the_resident(hub):
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    ask_for_help(hub, "+447700900132", "can someone get my shopping? my hip is bad. I'm Albert",
                 "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    offer = waiting_for(hub, ann)[0]
    assert "shopping" in offer and "hip" not in offer
