"""A coordinator records a request for someone who rang, or a referral: NEW."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.dialogue import intake
from bot.dialogue.types import RecordRequestFor
from bot.services.people.privacy import erase_person
from bot.understanding.referral import PHONE, read_intake
from models import HelpRequest, OutboundMessage, Person, RequestStatus
from test_admin import coordinator_says
from test_offers import add_volunteer, request_of, say, waiting_for

JOAN = ("NEW shopping for Joan Smith, 01375 123456 (landline), 12 Orsett Road RM17 6SL, "
        "tomorrow, referred by Sue at Thurrock discharge team 07700 900555")
TUESDAY = date(2026, 11, 24)


# The words.

def test_one_message_names_everything_a_referral_needs():
    heard = read_intake(JOAN.removeprefix("NEW "), TUESDAY)
    assert (heard.name, heard.phone, heard.postcode, heard.address_line, heard.category,
            heard.when_text) == ("Joan Smith", "01375 123456", "RM17 6SL", "12 Orsett Road",
                                 "shopping", "tomorrow")
    assert heard.referral.source == "partner"
    assert heard.referral.name == "Sue at Thurrock discharge team"
    assert heard.referral.contact == "07700 900555"


def test_family_is_told_from_a_partner_organisation():
    heard = read_intake("prescription for Mrs Patel, 07700 900123, 3 High Street RM16 2XU, "
                        "friday, via her daughter Priya 07700 900444", TUESDAY)
    assert heard.name == "Mrs Patel" and heard.referral.source == "family"


def test_one_message_is_read_back_and_recorded_on_yes():
    conversation = coordinator_says(JOAN)
    said = "\n".join(reply.text for reply in conversation.last_replies)
    assert "New request: shopping for Joan Smith, 01375 123456, 12 Orsett Road, RM17 6SL" in said
    assert "referred by Sue at Thurrock discharge team (07700 900555)" in said
    assert "Did Joan Smith agree on the phone" in said
    assert conversation.state.flow == intake.FLOW and not conversation.effects
    conversation.send("YES")
    assert conversation.effects == [RecordRequestFor(
        name="Joan Smith", phone="01375 123456", postcode="RM17 6SL",
        address_line="12 Orsett Road", category="shopping", needed_on=date(2026, 11, 25),
        when_text="tomorrow", source="partner", referrer_name="Sue at Thurrock discharge team",
        referrer_contact="07700 900555")]
    assert conversation.state.flow == "idle"


def test_new_alone_asks_each_question_in_turn():
    conversation = coordinator_says("NEW")
    for answer, next_question in [
            ("Joan Smith", "What is Joan Smith's phone number"),
            ("01375 123456", "address, with the postcode"),
            ("12 Orsett Road", "Please give the address with its postcode"),
            ("RM17 6SL", "What help does Joan Smith need"),
            ("shopping", "When is it needed"),
            ("friday", "Who asked for it"),
            ("her son Tom 07700 900444", "Did Joan Smith agree")]:
        assert next_question in conversation.send(answer)
    assert "referred by her son Tom (07700 900444)" in "\n".join(
        reply.text for reply in conversation.last_replies)
    conversation.send("yes")
    [effect] = conversation.effects
    assert effect.source == "family" and effect.address_line == "12 Orsett Road"
    assert effect.needed_on.weekday() == 4


def test_someone_who_rang_themselves_needs_no_referrer():
    conversation = coordinator_says("NEW")
    for answer in ("Bob Jones", "07700 900321", "4 High Street RM16 2XU", "dog walking",
                   "any time"):
        conversation.send(answer)
    assert "asked by the person themselves" in conversation.send("he rang himself")
    assert "YES or NO" in conversation.send("hmm")  # asked again
    conversation.send("YES")
    [effect] = conversation.effects
    assert effect.source == "self" and effect.referrer_name is None


def test_no_consent_or_cancel_records_nothing_and_another_command_drops_it():
    conversation = coordinator_says(JOAN)
    assert "Nothing recorded" in conversation.send("NO")
    assert not conversation.effects and conversation.state.flow == "idle"
    conversation = coordinator_says("NEW")
    assert "dropped" in conversation.send("cancel")
    conversation = coordinator_says("NEW")
    conversation.send("QUEUE")
    assert conversation.state.flow == "idle"
    assert [effect.command for effect in conversation.effects] == ["queue"]


def test_an_answer_not_understood_is_asked_again():
    conversation = coordinator_says("NEW for Joan Smith")
    assert "phone number" in "\n".join(reply.text for reply in conversation.last_replies)
    assert "didn't get a phone number" in conversation.send("dunno")
    assert conversation.state.step == "phone"


# The service.

def requests_for(hub, name) -> list[HelpRequest]:
    with hub.session_factory() as session:
        return list(session.scalars(select(HelpRequest).join(
            Person, Person.id == HelpRequest.resident_id).where(Person.first_name == name)))


def test_a_landline_referral_is_matched_and_the_volunteer_gets_the_number_to_ring(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    say(hub, carol, JOAN)
    reply = say(hub, carol, "YES").replies[0].body
    [request] = requests_for(hub, "Joan Smith")
    assert f"{request.reference} recorded for Joan Smith" in reply
    assert "the volunteer will ring +441375123456" in reply
    assert "news goes to Sue at Thurrock discharge team" in reply
    assert (request.source, request.referrer_contact, request.phone_to_ring) == (
        "partner", "07700 900555", "+441375123456")
    assert request.consent_given and request.consent_recorded_by_id is not None
    assert request.status == RequestStatus.OFFERED
    say(hub, julia, "YES")
    assert "+441375123456" in waiting_for(hub, julia)[-1]
    # Joan cannot read a text: her news goes to Sue's mobile.
    assert "About Joan Smith" in waiting_for(hub, "+447700900555")[-1]
    with hub.session_factory() as session:
        assert not session.scalars(select(OutboundMessage).where(
            OutboundMessage.person_id == request.resident_id)).all()
    shown = say(hub, carol, f"SHOW {request.reference}").replies[0].body
    assert "Joan Smith (+441375123456)" in shown and "Asked by phone" in shown
    assert "Referral from Sue at Thurrock discharge team (07700 900555) recorded by Carol" in shown


def test_without_a_referrers_mobile_the_news_goes_to_the_coordinators(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    say(hub, carol, "NEW shopping for Edna Brown, 01375 654321, 9 Orsett Road RM17 6SL, "
                    "tomorrow, she rang herself")
    say(hub, carol, "YES")
    [request] = requests_for(hub, "Edna Brown")
    assert request.source == "self" and request.referrer_name is None
    say(hub, julia, "YES")
    assert "For Edna Brown" in waiting_for(hub, carol)[-1]
    assert "please ring +441375654321" in waiting_for(hub, carol)[-1]
    shown = say(hub, carol, f"SHOW {request.reference}").replies[0].body
    assert "Taken by phone by Carol" in shown


def test_a_mobile_number_is_texted_like_anyone_who_asked(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA")
    say(hub, carol, "NEW shopping for Ivy Green, 07700 900333, 2 Orsett Road RM17 6SL, "
                    "tomorrow, referred by her son Tom 07700 900444")
    say(hub, carol, "YES")
    [request] = requests_for(hub, "Ivy Green")
    assert request.phone_to_ring is None and request.source == "family"
    assert request_of(hub, request.reference).status == RequestStatus.OFFERED


@pytest.mark.parametrize("phone", ["12", "0000"])
def test_a_phone_number_that_is_no_number_records_nothing(hub, carol, phone):
    say(hub, carol, f"NEW shopping for Ann Lee, {phone}, 2 Orsett Road RM17 6SL, tomorrow, "
                    "she rang herself")
    say(hub, carol, "YES")
    assert not requests_for(hub, "Ann Lee")


def test_erasing_the_person_forgets_the_landline_and_the_referrer(hub, carol):
    say(hub, carol, JOAN)
    say(hub, carol, "YES")
    [request] = requests_for(hub, "Joan Smith")
    with hub.session_factory.begin() as session:
        erase_person(session, request.resident_id, hub.clock(), None, "console")
    erased = request_of(hub, request.reference)
    assert (erased.phone_to_ring, erased.referrer_name, erased.referrer_contact) == (
        None, None, None)


@pytest.mark.parametrize(("typed", "number"), [
    ("01375 652802", "01375 652802"), ("01375-652802", "01375-652802"),
    ("(01375) 652802", "(01375) 652802"), ("ring her on +44 1375 652802 pls", "+44 1375 652802"),
    ("12-12-2026", None),  # a date, not a number
])
def test_a_phone_number_is_read_however_it_is_written(typed, number):
    found = PHONE.search(typed)
    assert (found.group(0) if found else None) == number
