"""Check-up campaigns: a coordinator rings round a list by text first (issue 18 part 4)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select
from test_offers import add_volunteer, say, waiting_for
from test_privacy import person_of

from bot.services.calls.campaigns import greeting_name, textable
from bot.services.running.opt_out import opt_in, opt_out
from bot.services.people.privacy import erase_person
from bot.services.running.scheduler import run_due_work
from bot.services.people.subject_access import subject_access_report
from models import (
    Campaign,
    CampaignMember,
    ContactIdentity,
    HelpRequest,
    OutboundLane,
    OutboundMessage,
    Person,
)

BASIS = "Information-sharing agreement with Thurrock Council, DSA-2026-14 (vital interests)"
JOAN, PETER, BRENDA, STAN = "+447700900301", "+447700900302", "+447700900303", "+447700900304"
LIST = ("name,phone,postcode,notes\n"
        "Joan Smith,07700 900301,RM17 6SL,lives alone\n"
        "Mrs Peter Jones,07700 900302,RM16 2XU,\n"
        "Brenda Hall,07700 900303,RM17 5AA,=HYPERLINK(\"http://evil\")\n"
        "Stan Wood,01375 652802,RM20 3LP,landline only; hard of hearing\n"
        "Nobody,not a number,RM17 6SL,\n"
        "Joan Again,07700 900301,RM17 6SL,\n"
        "Rita Moss,07700 900305,ZZ9 9ZZ,\n")


def import_list(hub, carol, text=LIST, name="Shielding list", basis=BASIS):
    with hub.session_factory.begin() as session:
        imported = hub.admin.campaigns.import_list(
            session, session.get(Person, person_of(hub, carol)), name, basis, text,
            "dashboard", hub.clock())
        return (imported.campaign.id if imported.campaign else None), imported


def send_due(hub) -> int:
    with hub.session_factory.begin() as session:
        return hub.admin.campaigns.send_due_check_ups(session, hub.clock())


def replies(handled) -> str:
    return "\n".join(reply.body for reply in handled.replies)


def member_of(hub, phone) -> CampaignMember:
    with hub.session_factory() as session:
        return session.scalars(select(CampaignMember).where(CampaignMember.phone == phone)).one()


# The list.

def test_numbers_that_take_a_text_and_how_people_are_greeted():
    assert textable("+447700900301") and not textable("+441375652802")
    assert not textable("+443001234567")  # 0300: not a mobile either
    assert greeting_name("Joan Smith") == "Joan"
    assert greeting_name("mrs Peter Jones") == "Mrs Jones"


def test_an_import_keeps_good_lines_reports_bad_ones_and_links_people_already_known(hub, carol):
    say(hub, JOAN, "hello")  # Joan has texted the hub before
    with hub.session_factory() as session:
        people_before = session.scalar(select(func.count()).select_from(Person))
    _, imported = import_list(hub, carol)
    assert [(p.line, p.key) for p in imported.skipped] == [
        (6, "campaign.line.phone"), (7, "campaign.line.twice")]
    assert [(p.line, p.key) for p in imported.warnings] == [(8, "campaign.line.postcode")]
    with hub.session_factory() as session:
        members = session.scalars(select(CampaignMember).order_by(CampaignMember.id)).all()
        assert [m.name for m in members] == ["Joan Smith", "Mrs Peter Jones", "Brenda Hall",
                                             "Stan Wood", "Rita Moss"]
        joan, stan, rita = members[0], members[3], members[4]
        assert joan.known_before and joan.person_id == person_of(hub, JOAN)
        assert not stan.mobile and stan.person_id is None  # a landline: rung, never texted
        assert rita.latitude is None and rita.person_id is not None
        # Joan is linked, not made twice; Peter, Brenda and Rita are new (Stan needs nobody).
        assert session.scalar(select(func.count()).select_from(Person)) == people_before + 3
        assert session.scalar(select(func.count()).select_from(ContactIdentity).where(
            ContactIdentity.address == JOAN)) == 1


@pytest.mark.parametrize("basis, header, problem", [
    ("", "name,phone,postcode", "campaign.import_no_basis"),
    (BASIS, "who,number,where", "campaign.import_no_header"),
])
def test_a_list_without_its_legal_basis_or_its_columns_is_not_imported(hub, carol, basis,
                                                                        header, problem):
    number, imported = import_list(hub, carol, f"{header}\nJoan,07700 900301,RM17 6SL\n",
                                   basis=basis)
    assert number is None and imported.problem == problem
    # Every session closed, never left to the garbage collector: one collected after the hub's
    # close() parks its connection, still open, in the pool close() threw away, and psycopg
    # warns when that is collected in whatever test is running then.
    with hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(CampaignMember)) == 0


# Starting, and the pace.

def test_check_ups_go_out_at_the_providers_pace_and_never_to_someone_who_stopped_texts(
        hub, carol, clock):
    say(hub, BRENDA, "hello")
    # she texted STOP (bot/services/running/opt_out.py)
    with hub.session_factory.begin() as session:
        opt_out(session, session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == BRENDA)).one(), hub.clock(), "sms STOP", None)
    number, _ = import_list(hub, carol)
    started = replies(say(hub, carol, f"CAMPAIGN START {number}: with the snow this week we "
                                      "are checking on everyone"))
    assert f"Campaign {number} started. Check-ups to send: 4," in started
    # One at once, then no faster than a text a second (TWILIO_MESSAGES_PER_SECOND's 1).
    [first] = waiting_for(hub, JOAN)[-1:]
    assert first == ("Hello Joan, this is Thurrock Community Hub checking you're all right. "
                     "With the snow this week we are checking on everyone. Reply 1 for help "
                     "with shopping, 2 prescriptions, 3 someone to talk to, or OK if you're "
                     "fine.")
    with hub.session_factory() as session:  # behind every message someone waits for
        assert session.scalars(select(OutboundMessage.lane).where(
            OutboundMessage.address == JOAN)).all()[-1] == OutboundLane.BROADCASTS
    assert send_due(hub) == 0
    clock.advance(seconds=1)
    assert send_due(hub) == 1  # Peter
    clock.advance(seconds=10)
    assert send_due(hub) == 1  # Rita; Brenda stopped our texts, so she is skipped
    assert not any("checking you're all right" in body for body in waiting_for(hub, BRENDA))
    brenda = member_of(hub, BRENDA)
    assert brenda.not_sent_because == "opted_out" and brenda.sent_at is None
    calls = replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "Brenda Hall +447700900303: stopped our texts" in calls
    assert "Stan Wood +441375652802: landline" in calls
    assert "already started" in replies(say(hub, carol, f"CAMPAIGN START {number}"))


def test_a_coordinators_own_words_must_be_short(hub, carol):
    number, _ = import_list(hub, carol)
    said = replies(say(hub, carol, f"CAMPAIGN START {number}: " + "very long words " * 10))
    assert "keep your own words to 100 characters" in said
    assert send_due(hub) == 0  # not started


# Replies.

def started(hub, carol, clock) -> int:
    number, _ = import_list(hub, carol)
    say(hub, carol, f"CAMPAIGN START {number}")
    clock.advance(minutes=1)
    send_due(hub)
    return number


def test_one_leads_into_the_residents_own_questions_and_the_request_is_linked(hub, carol,
                                                                              clock):
    add_volunteer(hub, "Margaret", "RM17 5AA")
    started(hub, carol, clock)
    asked = replies(say(hub, JOAN, "1"))
    # The name and postcode came with the list: only the street is asked.
    assert asked.startswith("Thank you, Joan. Let's get you some help. What is your house "
                            "number and street?")
    assert "When do you need it?" in replies(say(hub, JOAN, "12 Orsett Road"))
    say(hub, JOAN, "tomorrow")
    saved = replies(say(hub, JOAN, "yes"))
    assert "Your request R-" in saved
    joan = member_of(hub, JOAN)
    with hub.session_factory() as session:
        request = session.get(HelpRequest, joan.request_id)
        assert (request.category, request.postcode, request.address_line) == (
            "shopping", "RM17 6SL", "12 Orsett Road")
    assert (joan.reply, joan.reply_text) == ("help", "1")
    with hub.session_factory() as session:
        campaign = hub.admin.campaigns.campaigns(session)[0]
        [asked] = hub.admin.campaigns.asked_for_help(session, campaign)
    assert (asked.name, asked.reference) == ("Joan Smith", request.reference)


def test_ok_marks_someone_fine_and_words_are_read_by_the_normal_reader(hub, carol, clock):
    number = started(hub, carol, clock)
    assert "glad you're all right" in replies(say(hub, JOAN, "OK thanks"))
    assert member_of(hub, JOAN).reply == "fine"
    # Help asked for in their own words: the reader finds the kind and the day.
    asked = replies(say(hub, PETER, "could do with someone fetching my tablets on friday"))
    assert "What is your house number and street?" in asked
    assert member_of(hub, PETER).reply == "help"
    progress = replies(say(hub, carol, f"CAMPAIGN {number}"))
    assert "replied 2, fine 1, need help 1, to ring 1" in progress  # Stan, on a landline


def test_words_not_understood_twice_go_to_a_coordinator_to_ring(hub, carol, clock):
    number = started(hub, carol, clock)
    assert "Sorry, I didn't quite follow" in replies(say(hub, JOAN, "the cat sat on the mat"))
    assert "will ring you soon" in replies(say(hub, JOAN, "purple elephants"))
    assert member_of(hub, JOAN).reply == "unclear"
    calls = replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "Joan Smith +447700900301: replied, but not clearly" in calls


def test_a_plain_no_gets_the_menu_of_kinds_not_a_goodbye(hub, carol, clock):
    started(hub, carol, clock)
    said = replies(say(hub, JOAN, "no"))
    assert said.startswith("Sorry to hear that, Joan. We're here to help. What do you need")


def test_no_reply_after_the_delay_puts_them_on_the_call_list_and_calls_are_recorded(
        hub, carol, clock):
    number = started(hub, carol, clock)
    say(hub, JOAN, "ok")
    before = replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "Peter" not in before and "Stan Wood" in before  # not yet a day
    clock.advance(hours=25)
    calls = replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "Mrs Peter Jones +447700900302: no reply" in calls and "Joan" not in calls
    peter = member_of(hub, PETER)
    assert replies(say(hub, carol, f"CAMPAIGN RANG {peter.id} no answer")) == (
        "Noted: Mrs Peter Jones, no answer (still on the list).")
    assert "no answer last time" in replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    said = replies(say(hub, carol, f"CAMPAIGN RANG {peter.id} FINE daughter visits daily"))
    assert said == "Noted: Mrs Peter Jones, fine."
    peter = member_of(hub, PETER)
    assert (peter.call_result, peter.call_note) == ("fine", "daughter visits daily")
    assert "Peter" not in replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "How did the call go?" in replies(say(hub, carol, f"CAMPAIGN RANG {peter.id} maybe"))


def identity_of(session, phone) -> ContactIdentity:
    return session.scalars(select(ContactIdentity).where(ContactIdentity.address == phone)).one()


def test_stop_after_a_check_up_lists_them_as_stopped_our_texts_not_as_no_reply(
        hub, carol, clock):
    number = started(hub, carol, clock)
    with hub.session_factory.begin() as session:  # he texts STOP (bot/services/running/opt_out.py)
        opt_out(session, identity_of(session, PETER), clock(), "sms STOP", None)
    clock.advance(hours=25)
    calls = replies(say(hub, carol, f"CAMPAIGN CALLS {number}"))
    assert "Mrs Peter Jones +447700900302: stopped our texts" in calls
    assert "Peter Jones +447700900302: no reply" not in calls
    with hub.session_factory() as session:
        campaign = session.get(Campaign, number)
        exported = hub.admin.campaigns.export_csv(session, campaign, clock())
    assert any(line.startswith(f"{member_of(hub, PETER).line},") and ",opted_out," in line
               for line in exported.splitlines())
    with hub.session_factory.begin() as session:  # START: texts welcome again
        opt_in(session, identity_of(session, PETER), clock())
    assert "Mrs Peter Jones +447700900302: no reply" in replies(
        say(hub, carol, f"CAMPAIGN CALLS {number}"))


def test_the_export_guards_every_cell_against_formulas(hub, carol, clock):
    started(hub, carol, clock)
    with hub.session_factory() as session:
        campaign = hub.admin.campaigns.campaigns(session)[0]
        exported = hub.admin.campaigns.export_csv(session, campaign, hub.clock())
    rows = list(csv.DictReader(io.StringIO(exported)))
    brenda = next(row for row in rows if row["name"] == "Brenda Hall")
    assert brenda["notes"] == "'=HYPERLINK(\"http://evil\")"
    stan = next(row for row in rows if row["name"] == "Stan Wood")
    assert (stan["mobile"], stan["to_ring"], stan["phone"]) == ("no", "landline",
                                                                "'+441375652802")


def test_erasing_someone_removes_their_line_from_every_list(hub, carol, clock):
    started(hub, carol, clock)
    with hub.session_factory.begin() as session:
        erase_person(session, person_of(hub, JOAN), hub.clock(), None, None)
    with hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(CampaignMember).where(
            CampaignMember.phone == JOAN)) == 0
        assert session.scalar(select(func.count()).select_from(CampaignMember)) == 4


def test_a_subject_access_request_shows_the_lists_they_are_on_and_why(hub, carol, clock):
    started(hub, carol, clock)
    say(hub, JOAN, "OK")
    with hub.session_factory() as session:
        report = subject_access_report(session, person_of(hub, JOAN), hub.clock())
    [listed] = report["check_up_lists"]
    assert (listed["list"], listed["legal_basis"], listed["notes"], listed["reply"]) == (
        "Shielding list", BASIS, "lives alone", "fine")


def test_the_scheduler_sends_check_ups(hub, carol, clock):
    number, _ = import_list(hub, carol)
    say(hub, carol, f"CAMPAIGN START {number}")
    clock.advance(minutes=5)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, hub.clock(),
                 campaigns=hub.admin.campaigns)
    with hub.session_factory() as session:
        texted = session.scalar(select(func.count()).select_from(OutboundMessage).where(
            OutboundMessage.body.like("%checking you're all right%")))
    assert texted == 4
    assert "(all texted)" in replies(say(hub, carol, f"CAMPAIGN {number}"))


# The whole campaign, over signed SMS through the server and the Twilio double.

FIRST_NAMES = ("Joan", "Peter", "Brenda", "Stan", "Rita", "Albert", "Doris", "Frank", "Edna",
               "Harold", "Irene", "Jack", "Kathleen", "Leonard", "Mavis", "Norman", "Olive",
               "Percy", "Queenie", "Ronald")
SURNAMES = ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts",
            "Walker", "Wright")


def two_hundred_people() -> tuple[str, list[str], list[str]]:
    """200 people: every tenth on a landline (Grays numbers), the rest on mobiles."""
    lines, mobiles, landlines = ["name,phone,postcode,notes"], [], []
    for n in range(200):
        if n % 10 == 9:
            phone = f"+441375{600000 + n}"
            landlines.append(phone)
        else:
            phone = f"+447700900{n:03d}"
            mobiles.append(phone)
        lines.append(f"{FIRST_NAMES[n % 20]} {SURNAMES[n // 20]},{phone},RM17 6SL,")
    return "\n".join(lines) + "\n", mobiles, landlines


async def test_a_campaign_to_200_people_makes_requests_from_replies_and_a_call_list_of_the_rest(
        settings, clock):
    from doubles.harness import running_hub
    from test_sms import messages_in, wait_for

    from bot.services.people.coordinators import add_coordinator

    listed, mobiles, landlines = two_hundred_people()
    carol = "+447700900601"
    async with running_hub(settings, clock, telegram=False) as served:
        hub = served.hub
        with hub.session_factory.begin() as session:
            add_coordinator(session, "phone", carol, "Carol", hub.clock())
        number, imported = import_list(hub, carol, listed)
        assert not imported.skipped and not imported.warnings
        started = messages_in((await served.text(carol, f"CAMPAIGN START {number}",
                                                 "SMc1")).text)
        assert f"Campaign {number} started. Check-ups to send: 180," in started[0]
        assert "To ring now: 20." in started[0]
        # A text a second: three minutes later the scheduler has let them all go.
        clock.advance(minutes=3)

        def check_ups():
            return [m for m in served.twilio.messages if "checking you're all right" in m.body]

        sent = await wait_for(lambda: len(check_ups()) == 180 and check_ups(), timeout=60)
        assert {m.to for m in sent} == set(mobiles)  # one each; no landline texted
        for message in sent:
            assert (await served.twilio.report_status(served.client, message,
                                                      "delivered")).status_code == 200
        sid = iter(range(1, 10_000))
        for phone in mobiles[:60]:
            said = messages_in((await served.text(phone, "OK", f"SMr{next(sid)}")).text)
            assert "glad you're all right" in said[0]
        for phone in mobiles[60:90]:
            for words in ("2", "12 Orsett Road", "tomorrow", "yes"):
                said = messages_in((await served.text(phone, words, f"SMr{next(sid)}")).text)
            assert "Your request R-" in said[0]
        clock.advance(hours=25)
        progress = messages_in((await served.text(carol, f"CAMPAIGN {number}", "SMc2")).text)
        assert progress[0] == (
            f"Campaign {number}, Shielding list (all texted): 200 people. Texted 180, "
            "delivered 180, replied 90, fine 60, need help 30, to ring 110. "
            f"CAMPAIGN CALLS {number} for the call list.")
        with hub.session_factory() as session:
            campaign = hub.admin.campaigns.campaigns(session)[0]
            to_ring = hub.admin.campaigns.call_list(session, campaign, hub.clock())
            linked = session.scalars(select(HelpRequest).join(
                CampaignMember, CampaignMember.request_id == HelpRequest.id)).all()
        assert {each.phone for each in to_ring} == set(landlines) | set(mobiles[90:])
        assert len(linked) == 30 and {r.category for r in linked} == {"prescription"}
