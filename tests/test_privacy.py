"""FORGET ME, erasing a person, and the retention limit on closed requests."""

from __future__ import annotations

import json

from sqlalchemy import func, select, update

from bot.services.people.coordinators import add_coordinator
from bot.services.people.privacy import erase_person, purge_expired_personal_data
from bot.services.running.scheduler import run_due_work
from models import (
    Base,
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    InboundMessage,
    Offer,
    OutboundMessage,
    OutboundStatus,
    Person,
    RequestStatus,
)
from test_offers import add_volunteer, albert_asks_for_calls, ask_for_help, say, waiting_for

ALBERT = "+447700900123"
# Everything that would identify Albert, as typed or stored.
ALBERTS_DATA = ("+447700900123", "7700900123", "albert", "rm17 6sl", "orsett road",
                "marmalade was perfect", "muddled about his pills", "his cat tiddles")


def every_value(hub):
    """(table, row, column, text) for every column of every row of every table."""
    with hub.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)).mappings():
                for column, value in row.items():
                    if isinstance(value, (dict, list)):
                        value = json.dumps(value, ensure_ascii=False)
                    if value is not None:
                        yield table.name, row, column, str(value).lower()


def traces_of(hub, phrases, allow=lambda table, row, column: False):
    return [(table, column, text) for table, row, column, text in every_value(hub)
            if any(p in text for p in phrases) and not allow(table, row, column)]


def albert_with_a_history(hub):
    """Albert: a shopping trip done with feedback, a concern about him, an open prescription."""
    with hub.session_factory.begin() as session:
        add_coordinator(session, IdentityKind.PHONE, "+447700900555", "Carol", hub.clock())
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA", skills=("shopping", "prescription"))
    shopping = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert, his cat Tiddles needs food too",
                            "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, margaret, "yes")
    say(hub, margaret, f"DONE {shopping} no receipt")
    say(hub, ALBERT, "Margaret was lovely, the marmalade was perfect")
    say(hub, margaret, f"CONCERN {shopping} Albert seemed muddled about his pills")
    prescription = ask_for_help(hub, ALBERT, "could someone collect my prescription tomorrow?",
                                "RM17 6SL", "12 Orsett Road", "yes")
    say(hub, margaret, f"yes {prescription}")
    return margaret, shopping, prescription


def person_of(hub, phone):
    with hub.session_factory() as session:
        return session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == phone))


def test_forget_me_erases_albert_from_every_table_but_keeps_the_counts(hub, clock):
    margaret, shopping, prescription = albert_with_a_history(hub)
    with hub.session_factory() as session:
        assert session.scalar(select(HelpRequest.status).where(
            HelpRequest.reference == prescription)) == RequestStatus.ASSIGNED
    assert traces_of(hub, ALBERTS_DATA)  # the scan does find him before
    albert_id = person_of(hub, ALBERT)

    asked = say(hub, ALBERT, "Forget me").replies[0]
    assert "delete everything" in asked.body and [c.value for c in asked.choices] == ["YES", "NO"]
    done = say(hub, ALBERT, "yes").replies[0].body
    assert "your details have been deleted" in done
    assert ALBERT not in done and "Albert" not in done

    # Margaret, who had his open prescription, is told it is cancelled.
    told = waiting_for(hub, margaret)[-1]
    assert prescription in told and "cancelled" in told and "Albert" not in told

    # The one trace left: the confirmation's address, until it has been sent.
    def the_confirmation(table, row, column):
        return (table == "outbound_messages" and column == "address"
                and row["status"] == OutboundStatus.PENDING and row["person_id"] == albert_id
                and "deleted" in row["body"])
    assert traces_of(hub, ALBERTS_DATA, allow=the_confirmation) == []
    assert len(traces_of(hub, ALBERTS_DATA)) == 1

    # Once it is sent, the scheduler forgets the address too: nothing of him anywhere.
    with hub.session_factory.begin() as session:
        session.execute(update(OutboundMessage).where(OutboundMessage.person_id == albert_id)
                        .values(status=OutboundStatus.SENT))
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())
    assert traces_of(hub, ALBERTS_DATA) == []

    with hub.session_factory() as session:
        by_category = dict(session.execute(
            select(HelpRequest.category, func.count()).group_by(HelpRequest.category)).all())
        assert by_category == {"shopping": 1, "prescription": 1}
        statuses = {r.reference: r.status for r in session.scalars(select(HelpRequest))}
        assert statuses == {shopping: RequestStatus.DONE, prescription: RequestStatus.CANCELLED}
        person = session.get(Person, albert_id)
        assert person.erased_at is not None and person.first_name is None
        assert person.identities == [] and person.roles == []
        assert session.scalar(select(func.count()).select_from(InboundMessage)
                              .where(InboundMessage.person_id == albert_id)) >= 8


def test_the_same_number_after_forget_me_is_a_brand_new_person(hub):
    ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")
    old_id = person_of(hub, ALBERT)
    say(hub, ALBERT, "DELETE MY DATA")
    say(hub, ALBERT, "yes")
    assert person_of(hub, ALBERT) is None
    again = say(hub, ALBERT, "hello")
    assert again.person_id != old_id
    assert "What do you need help with?" in again.replies[0].body
    with hub.session_factory() as session:
        new = session.get(Person, again.person_id)
        assert new.first_name is None and new.erased_at is None


def test_no_keeps_everything(hub):
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, ALBERT, "erase my data")
    assert say(hub, ALBERT, "no").replies[0].body == "OK, nothing has been deleted."
    with hub.session_factory() as session:
        request = session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))
        assert request.address_line == "12 Orsett Road" and request.postcode == "RM17 6SL"
        person = session.get(Person, person_of(hub, ALBERT))
        assert person.first_name == "Albert" and person.erased_at is None
    assert reference in say(hub, ALBERT, "status").replies[0].body


def test_a_coordinators_erase_of_a_volunteer_takes_them_out_of_matching(hub, clock):
    margaret = add_volunteer(hub, "Margaret", "RM17 5AA", experience="I nursed my dad")
    kai = add_volunteer(hub, "Kai", "RM17 5AA")
    first = ask_for_help(hub, "+447700900140", "can someone get my shopping? I'm Betty",
                         "RM17 6SL", "3 High Street", "tomorrow", "yes")
    say(hub, margaret, "yes")
    with hub.session_factory.begin() as session:
        erased = erase_person(session, person_of(hub, margaret), clock(), None, "cli",
                              offers=hub.offers)
    assert erased.tasks_returned == 1
    # Betty's task goes back out (Kai declined nothing, so he is asked again next round).
    assert "can no longer help" in waiting_for(hub, "+447700900140")[-1]
    with hub.session_factory() as session:
        request = session.scalar(select(HelpRequest).where(HelpRequest.reference == first))
        assert request.assigned_volunteer_id is None and request.status in (
            RequestStatus.OFFERED, RequestStatus.NEW)
    second = ask_for_help(hub, "+447700900141", "can someone get my shopping? I'm Doris",
                          "RM17 6SL", "5 High Street", "tomorrow", "yes")
    with hub.session_factory() as session:
        offered_to = set(session.scalars(
            select(ContactIdentity.address).join(Offer, Offer.volunteer_id ==
                                                 ContactIdentity.person_id)
            .join(HelpRequest, HelpRequest.id == Offer.request_id)
            .where(HelpRequest.reference == second)))
    assert offered_to == {kai}
    assert traces_of(hub, ("margaret", margaret.lower(), "nursed my dad")) == []


def test_retention_purges_old_closed_requests_only(hub, clock):
    old = ask_for_help(hub, "+447700900150", "can someone get my shopping? I'm Edna",
                       "SS17 0AD", "7 Old Lane", "tomorrow", "yes")
    close(hub, old, RequestStatus.DONE, clock())
    clock.advance(days=400)
    recent = ask_for_help(hub, "+447700900151", "can someone get my shopping? I'm Fred",
                          "RM16 2XU", "9 New Road", "tomorrow", "yes")
    close(hub, recent, RequestStatus.CANCELLED, clock())
    still_open = ask_for_help(hub, "+447700900152", "can someone get my shopping? I'm Gwen",
                              "RM20 3LP", "1 Open Close", "tomorrow", "yes")
    clock.advance(days=30)
    with hub.session_factory.begin() as session:
        assert purge_expired_personal_data(session, clock(), 365) == 1
    with hub.session_factory.begin() as session:
        assert purge_expired_personal_data(session, clock(), 365) == 0
    with hub.session_factory() as session:
        requests = {r.reference: r for r in session.scalars(select(HelpRequest))}
    purged = requests[old]
    assert (purged.details, purged.address_line, purged.postcode, purged.latitude) == (
        "", None, "SS17", None)
    assert purged.category == "shopping" and purged.status == RequestStatus.DONE
    assert requests[recent].address_line == "9 New Road"
    assert requests[still_open].address_line == "1 Open Close"
    # Her messages go too (the hub's own example postcode, RM17 6SL, stays).
    assert traces_of(hub, ("7 old lane", "ss17 0ad")) == []
    assert traces_of(hub, ("9 new road",)) and traces_of(hub, ("1 open close",))


def close(hub, reference, status, now):
    with hub.session_factory.begin() as session:
        request = session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))
        request.move_to(status, now)


def test_the_scheduler_purges_at_most_once_a_day(hub, clock):
    old = ask_for_help(hub, "+447700900160", "can someone get my shopping? I'm Hal",
                       "RM17 6SL", "2 Past Street", "tomorrow", "yes")
    close(hub, old, RequestStatus.CANCELLED, clock())
    clock.advance(days=29, hours=20)  # not yet due
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), retention_days=30)
    clock.advance(hours=8)  # now past the limit, but the purge ran less than a day ago
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), retention_days=30)
    assert traces_of(hub, ("2 past street",))
    clock.advance(days=1)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), retention_days=30)
    assert traces_of(hub, ("2 past street",)) == []


def test_erasing_twice_is_harmless(hub, clock):
    ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert", "RM17 6SL",
                 "12 Orsett Road", "tomorrow", "yes")
    albert_id = person_of(hub, ALBERT)
    with hub.session_factory.begin() as session:
        erase_person(session, albert_id, clock(), None, "cli", offers=hub.offers)
    with hub.session_factory.begin() as session:
        assert erase_person(session, albert_id, clock(), None, "cli").already_erased


def test_numbers_in_provider_errors_are_masked_for_the_logs():
    from bot.services.shared.identities import mask_phones_in

    masked = mask_phones_in("The 'To' number +447700900123 is not a valid phone number")
    assert "7700900123" not in masked and "+447" in masked


def test_database_errors_never_carry_the_values_of_a_statement(hub):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as raised:
        with hub.session_factory.begin() as session:
            for _ in range(2):
                session.add(InboundMessage(channel="sms", channel_message_id="SMdup",
                                           body="my secret words"))
                session.flush()
    assert "my secret words" not in str(raised.value)



def test_a_caller_is_told_only_the_phone_number_and_the_resident_is_told_so(hub):
    ian = add_volunteer(hub, "Ian", "RM17 5AA")
    reference = albert_asks_for_calls(hub)
    with hub.session_factory() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert "gets your phone number" in request.consent_wording
        assert "address" not in request.consent_wording
    won = " ".join(r.body for r in say(hub, ian, "yes").replies)
    assert f"{reference} is yours" in won and "Phone: +447700900123" in won
    assert "Address" not in won and "RM17 6SL" not in won
    listed = say(hub, ian, "MY TASKS").replies[0].body
    assert "+447700900123" in listed and "RM17 6SL" not in listed
