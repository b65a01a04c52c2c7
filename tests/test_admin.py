"""Coordinators run the hub from the chat: QUEUE, SHOW, ASSIGN, APPROVE, SUSPEND, FIND, STATS."""

from __future__ import annotations

import pytest
from dialogue_script import Conversation
from sqlalchemy import select
from test_offers import (
    add_volunteer,
    albert_asks_for_calls,
    ask_for_help,
    offers_for,
    request_of,
    say,
    waiting_for,
)

from bot.dialogue.types import AdminCommand, ManageConcern, PersonContext, State
from bot.services.people.coordinators import add_coordinator
from bot.understanding import vocabulary
from models import AuditEvent, Offer, OfferStatus, RequestStatus, VolunteerProfile

CAROL = "+447700900601"  # the `carol` fixture (conftest.py)
ADMIN_TEXTS = ["QUEUE", "SHOW R-ABCD", "ASSIGN R-ABCD Julia", "APPROVE Julia ID DBS",
               "SUSPEND Julia", "FIND RM17 6SL shopping", "STATS", "/queue",
               "ERASE 07700 900603 CONFIRM", "HANDOVER R-ABCD Julia", "EXPORT requests",
               "DIRECTORY", "DIRECTORY ADD Tesco | shop | RM17", "PARTNERS", "NEEDS",
               "PARTNER ADD Care Home | care home | Sue 07700 900777", "SETTLE R-ABCD",
               "NEED Care Home | befriending | 3 | RM17 6SL"]


def shopping_request(hub, phone="+447700900602") -> str:
    return ask_for_help(hub, phone, "can someone get my shopping? I'm Albert", "RM17 6SL",
                        "12 Orsett Road", "tomorrow", "yes")


def profile_of(hub, phone) -> VolunteerProfile:
    with hub.session_factory() as session:
        from models import ContactIdentity
        person_id = session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == phone))
        return session.get(VolunteerProfile, person_id)


@pytest.mark.parametrize("text", ADMIN_TEXTS)
def test_admin_commands_are_refused_to_residents_and_volunteers_without_a_hint(hub, text):
    volunteer = add_volunteer(hub, "Julia", "RM17 5AA")
    for phone in ("+447700900603", volunteer):
        body = " ".join(r.body for r in say(hub, phone, text).replies).lower()
        assert "coordinator commands" not in body and "waiting, oldest first" not in body
        assert "approved" not in body and "volunteers near" not in body
        assert "directory" not in body and "partner" not in body and "settled" not in body
    with hub.session_factory() as session:
        assert not session.scalars(select(AuditEvent).where(
            AuditEvent.action.like("admin.%"))).all()


def test_approve_records_the_checks_and_the_volunteer_starts_getting_offers(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", vetting="pending", checks=())
    first = shopping_request(hub)
    assert offers_for(hub, first) == []
    assert "Which checks" in say(hub, carol, "APPROVE Julia").replies[0].body
    reply = say(hub, carol, "approve julia ID DBS").replies[0].body
    assert "Julia is approved with ID, DBS" in reply
    profile = profile_of(hub, julia)
    assert profile.vetting_status == "approved"
    assert profile.id_checked_on == hub.clock().date() and profile.training_completed_on is None
    assert "your checks are done" in waiting_for(hub, julia)[-1]
    second = shopping_request(hub, "+447700900604")
    assert [name for name, *_ in offers_for(hub, second)] == ["Julia"]


def test_suspend_withdraws_open_offers_and_stops_new_ones(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    reply = say(hub, carol, "SUSPEND Julia complaint from a resident").replies[0].body
    assert "Julia is suspended" in reply and "1 open offer withdrawn." in reply
    assert profile_of(hub, julia).vetting_status == "suspended"
    assert [status for *_, status, _ in offers_for(hub, reference)] == [OfferStatus.WITHDRAWN]
    assert request_of(hub, reference).status == RequestStatus.NEW  # back in the queue


def test_suspend_offers_the_tasks_already_taken_to_others_and_tells_everyone(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    say(hub, julia, "YES")
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED
    ian = add_volunteer(hub, "Ian", "RM16 2XU")
    reply = say(hub, carol, "SUSPEND Julia").replies[0].body
    assert f"Offered to other volunteers: {reference}" in reply
    assert f"Please don't go ahead with {reference}" in waiting_for(hub, julia)[-1]
    assert "the volunteer for your shopping can no longer help" in waiting_for(
        hub, "+447700900602")[-1]
    request = request_of(hub, reference)
    assert request.status == RequestStatus.OFFERED and request.assigned_volunteer_id is None
    assert [name for name, *_ in offers_for(hub, reference)] == ["Julia", "Ian"]
    assert reference in waiting_for(hub, ian)[-1]
    say(hub, ian, "YES")
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED


def test_queue_lists_unmatched_and_unanswered_requests_oldest_first(hub, carol, clock):
    unmatched = shopping_request(hub)  # no volunteers yet
    clock.advance(hours=1)
    add_volunteer(hub, "Julia", "RM17 5AA")
    offered = shopping_request(hub, "+447700900605")
    body = say(hub, carol, "QUEUE").replies[0].body
    assert body.index(unmatched) < body.index(offered)
    assert "no volunteer" in body and "1 offer unanswered" in body


def test_queue_near_a_district_lists_only_the_requests_there(hub, carol):
    in_grays = shopping_request(hub)
    in_chafford = ask_for_help(hub, "+447700900605", "can someone get my shopping? I'm Rose",
                               "RM16 6EA", "3 Elizabeth Road", "tomorrow", "yes")
    for typed in ("QUEUE RM16", "who needs help near rm16", "whats in the queue near RM16"):
        body = say(hub, carol, typed).replies[0].body
        assert body.startswith("Waiting near RM16, oldest first:"), typed
        assert in_chafford in body and in_grays not in body, typed
    assert say(hub, carol, "queue SS7").replies[0].body == "Nothing waiting near SS7."
    whole = say(hub, carol, "whats new?").replies[0].body
    assert in_grays in whole and in_chafford in whole


def test_show_gives_the_whole_history(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    say(hub, julia, "NO")
    body = say(hub, carol, f"show {reference}").replies[0].body
    assert "Albert (+447700900602), 12 Orsett Road, RM17 6SL" in body
    assert "Asked by SMS on Tue 24 Nov at 10:00" in body and "Julia said no at 10:00" in body
    assert "I can't find a request R-ZZZZ" in say(hub, carol, "SHOW R-ZZZZ").replies[0].body


def test_assign_shows_reasons_and_overrides_hard_rules_only_when_told(hub, carol):
    untrained = add_volunteer(hub, "Sam", "RM17 5AA", checks=("id", "dbs"))
    reference = albert_asks_for_calls(hub)  # befriending needs training: Sam gets no offer
    assert request_of(hub, reference).status == RequestStatus.NEW
    refused = say(hub, carol, f"ASSIGN {reference} Sam").replies[0].body
    assert "hasn't the checks it needs" in refused and "OVERRIDE" in refused
    assert request_of(hub, reference).status == RequestStatus.NEW
    done = say(hub, carol, f"ASSIGN {reference} Sam override").replies[0].body
    assert f"{reference} is now Sam's" in done
    request = request_of(hub, reference)
    assert request.status == RequestStatus.ASSIGNED
    assert "A coordinator has given you" in waiting_for(hub, untrained)[-2]
    assert "When will you ring Albert?" in waiting_for(hub, untrained)[-1]
    assert "Sam will help" in waiting_for(hub, "+447700900123")[-1]
    with hub.session_factory() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "request.assigned_by_coordinator")).one()
        assert event.detail["overridden"] == ["checks"]


def test_assign_to_a_volunteer_who_fits_gives_the_match_reasons(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA")
    add_volunteer(hub, "Omar", "RM16 2XU")
    reference = shopping_request(hub)
    body = say(hub, carol, f"ASSIGN {reference} Omar").replies[0].body
    assert "is now Omar's" in body and "km away" in body
    with hub.session_factory() as session:
        statuses = dict(session.execute(
            select(Offer.volunteer_id, Offer.status).where(
                Offer.request_id == request_of(hub, reference).id)).all())
    assert sorted(statuses.values()) == [OfferStatus.ACCEPTED, OfferStatus.WITHDRAWN]



def test_assign_it_after_show_means_the_request_just_shown(hub, carol):
    # "assign it to Omar" after SHOW had been answered "Which request?", and "ASSIGN R-7Q4K
    # to Omar" "I can't find a volunteer to Omar".
    add_volunteer(hub, "Omar", "RM16 2XU")
    reference = shopping_request(hub)
    asked = say(hub, carol, "assign it to Omar").replies[0].body
    assert asked.startswith("Which request?")  # nothing shown yet: nothing to mean
    say(hub, carol, f"SHOW {reference}")
    body = say(hub, carol, "assign it to Omar").replies[0].body
    assert f"{reference} is now Omar's" in body
    assert request_of(hub, reference).status == RequestStatus.ASSIGNED


def test_assign_with_to_before_the_name(hub, carol):
    add_volunteer(hub, "Omar", "RM16 2XU")
    reference = shopping_request(hub)
    body = say(hub, carol, f"ASSIGN {reference} to Omar").replies[0].body
    assert f"{reference} is now Omar's" in body

def test_find_lists_nearby_volunteers_with_the_skill(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping",))
    add_volunteer(hub, "Dog", "RM17 5AA", skills=("dog_walking",))
    add_volunteer(hub, "Far", "CM1 1AA", skills=("shopping",))
    body = say(hub, carol, "FIND RM17 6SL shopping").replies[0].body
    assert "Julia" in body and "Dog" not in body and "Far" not in body
    assert "Whom or near where?" in say(hub, carol, "FIND").replies[0].body


@pytest.mark.parametrize("asked", ["FIND {reference}", "who can do {reference}",
                                   "who could help with {reference}", "anyone for {reference}?"])
def test_find_with_a_reference_lists_volunteers_near_it_for_its_kind(hub, carol, asked):
    # "FIND R-7Q4K" had answered "I can't find anyone called R-7Q4K", and "who could help with
    # R-7Q4K" had started a request for help for the coordinator herself.
    reference = shopping_request(hub)
    add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping",))
    add_volunteer(hub, "Dog", "RM17 5AA", skills=("dog_walking",))
    body = say(hub, carol, asked.format(reference=reference)).replies[0].body
    assert body.startswith("Volunteers near RM17 6SL for shopping:")
    assert "Julia" in body and "Dog" not in body


def test_find_with_an_unknown_reference_says_so(hub, carol):
    assert "I can't find a request R-ZZZZ" in say(hub, carol, "FIND R-ZZZZ").replies[0].body


def test_stats_counts_this_week(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA")
    add_volunteer(hub, "Pending", "RM17 5AA", vetting="pending")
    shopping_request(hub)
    julia_reply = say(hub, "+447700900606", "x")  # someone else chatting does not count
    assert julia_reply.replies
    body = say(hub, carol, "STATS").replies[0].body
    assert "Today: 1 new" in body and "1 shopping" in body
    assert "1 active, 1 awaiting checks" in body


@pytest.mark.parametrize("asked", ["PENDING", "approvals pls", "who is waiting to be approved",
                                   "anyone need checks?", "kto czeka na weryfikację"])
def test_pending_lists_the_volunteers_waiting_for_checks_and_how_to_approve_them(
        hub, carol, asked):
    add_volunteer(hub, "Julia", "RM17 5AA")
    add_volunteer(hub, "Priya", "RM17 5AA", vetting="pending", checks=(), skills=("shopping",))
    add_volunteer(hub, "Tom", "RM16 2XU", vetting="pending", checks=())
    body = say(hub, carol, asked).replies[0].body
    lines = body.splitlines()
    assert lines[0] == "Waiting for checks, longest first:"
    assert lines[1].startswith("Priya +447701") and ", RM17, shopping, signed up" in lines[1]
    assert lines[2].startswith("Tom +447701") and ", RM16, shopping/befriending," in lines[2]
    assert "Julia" not in body
    assert lines[-1] == "When their ID is checked: APPROVE Priya ID (add DBS, TRAINING as done)."


def test_pending_says_so_when_nobody_waits_and_is_not_taken_from_a_volunteers_words(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA")
    assert say(hub, carol, "PENDING").replies[0].body == "Nobody is waiting for checks."
    assert vocabulary.coordinator_command("still waiting for my DBS") is None


def test_coordinator_help_lists_the_commands(hub, carol):
    replies = [reply.body for reply in say(hub, carol, "HELP").replies]
    assert "QUEUE" in replies[0]
    assert "NEW" in replies[-1] and "TAKE R-7Q4K" in replies[-1]  # case work, last


def test_every_coordinator_action_is_audited_with_channel(hub, carol):
    say(hub, carol, "QUEUE")
    with hub.session_factory() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "admin.queue")).one()
    assert event.channel == "sms" and event.actor_person_id is not None


def test_broadcast_counts_first_sends_on_yes_and_honours_opt_outs(hub, carol, clock):
    julia = add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping",))
    stopped = add_volunteer(hub, "Stopped", "RM17 5AA", skills=("shopping",))
    dog = add_volunteer(hub, "Dog", "RM17 5AA", skills=("dog_walking",))
    far = add_volunteer(hub, "Far", "CM1 1AA", skills=("shopping",))
    with hub.session_factory.begin() as session:
        from models import ContactIdentity
        session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == stopped)).one().opted_out_at = clock()
    preview = say(hub, carol, "BROADCAST RM17 shopping: Food bank needs help Saturday").replies[0]
    assert "goes to 1 volunteer (RM17; shopping)" in preview.body
    assert [c.value for c in preview.choices] == ["YES", "NO"]
    assert not any("Food bank" in b for b in waiting_for(hub, julia))  # nothing before YES
    assert "Sending to 1" in say(hub, carol, "yes").replies[0].body
    assert waiting_for(hub, julia)[-1] == "From Thurrock Community Hub: Food bank needs help Saturday"
    for phone in (stopped, dog, far):
        assert not any("Food bank" in b for b in waiting_for(hub, phone))


def test_broadcast_needs_the_message_and_no_drops_it(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    assert "a colon" in say(hub, carol, "BROADCAST RM17").replies[0].body
    say(hub, carol, "BROADCAST: hello all")
    assert "Not sent" in say(hub, carol, "no").replies[0].body
    assert not any("hello all" in b for b in waiting_for(hub, julia))


def test_a_broadcast_to_nobody_or_interrupted_by_a_command_waits_for_nothing(hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    say(hub, carol, "BROADCAST SS17: anyone free?")  # nobody there: nothing to confirm
    assert "Nothing waiting" in say(hub, carol, "QUEUE").replies[0].body
    say(hub, carol, "BROADCAST RM17: hello all")
    replies = [r.body for r in say(hub, carol, "STATS").replies]
    assert "Not sent" in replies[0] and replies[1].startswith("Today:")
    assert not any("hello all" in b for b in waiting_for(hub, julia))


def test_erase_needs_confirmation_then_removes_the_person(hub, carol):
    from models import ContactIdentity, Person

    shopping_request(hub, "+447700900607")
    asked = say(hub, carol, "ERASE 07700 900607").replies[0].body
    assert "for good" in asked and "CONFIRM" in asked
    with hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == "+447700900607")).first() is not None
    done = say(hub, carol, "erase 07700 900607 confirm").replies[0].body
    assert "is erased. 1 open request cancelled, 0 tasks passed on." in done
    with hub.session_factory() as session:
        assert session.scalars(select(ContactIdentity).where(
            ContactIdentity.address == "+447700900607")).first() is None
        assert session.scalars(select(Person).where(Person.first_name == "Albert")).first() is None
    assert "can't find anyone" in say(hub, carol, "ERASE 07700 900607 CONFIRM").replies[0].body


# EXPORT.

def telegram_coordinator(hub, user_id: str = "5551002") -> str:
    with hub.session_factory.begin() as session:
        add_coordinator(session, "telegram", user_id, "Tess", hub.clock())
    return user_id


def say_on_telegram(hub, user_id: str, text: str):
    from bot.services.running.conversations import IncomingMessage

    return hub.conversations.receive(IncomingMessage(
        channel="telegram", identity_kind="telegram", address=user_id,
        channel_message_id=f"tg-{text}-{hub.clock().timestamp()}", text=text,
        received_at=hub.clock()))


def test_export_by_sms_gives_a_one_time_download_link_and_audits_it(hub, carol):
    from models import OutboundAttachment

    add_volunteer(hub, "Julia", "RM17 5AA")
    reply = say(hub, carol, "export volunteers").replies[0].body
    assert "The volunteers CSV, for you alone: http://127.0.0.1:8080/dashboard/download?token=" \
        in reply
    assert "Works once, within 15 minutes" in reply
    with hub.session_factory() as session:
        assert session.scalars(select(OutboundAttachment)).all() == []
        actions = [(e.action, e.subject, e.detail) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("admin.export%"))
            .order_by(AuditEvent.id))]
    assert actions == [("admin.export", None, {"arguments": "volunteers"}),
                       ("admin.exported", "volunteers", {"sent_as": "link"})]


@pytest.mark.parametrize("text", ["EXPORT", "EXPORT everything"])
def test_export_asks_what_to_export(hub, carol, text):
    assert "EXPORT REQUESTS, EXPORT VOLUNTEERS or EXPORT CALLS" in say(hub, carol,
                                                                      text).replies[0].body


def test_export_by_sms_without_a_dashboard_says_so_kindly(hub, carol):
    hub.admin.export_link = None
    reply = say(hub, carol, "EXPORT calls").replies[0].body
    assert reply.startswith("Sorry, I can't send the check-in calls file by text")
    assert "http" not in reply


def test_export_on_telegram_stores_the_file_with_the_reply(hub):
    from models import OutboundAttachment, OutboundMessage

    tess = telegram_coordinator(hub)
    reference = shopping_request(hub)
    handled = say_on_telegram(hub, tess, "EXPORT requests")
    assert "Here are the requests: 1 row as a CSV file" in handled.replies[0].body
    with hub.session_factory() as session:
        file = session.scalars(select(OutboundAttachment)).one()
        row = session.get(OutboundMessage, file.outbound_message_id)
    assert (row.channel, row.address) == ("telegram", tess)
    assert (file.filename, file.media_type) == ("requests-2026-11-24.csv", "text/csv")
    assert reference in file.content.decode()


def test_an_erasure_stops_an_export_file_still_waiting_to_be_sent(hub, carol):
    from bot.services.people.privacy import NOT_SENT
    from models import OutboundAttachment, OutboundMessage, OutboundStatus

    tess = telegram_coordinator(hub)
    shopping_request(hub, "+447700900607")
    say_on_telegram(hub, tess, "EXPORT requests")
    say(hub, carol, "erase 07700 900607 confirm")
    with hub.session_factory() as session:
        assert session.scalars(select(OutboundAttachment)).all() == []
        row = session.scalars(select(OutboundMessage).where(
            OutboundMessage.address == tess)).one()
    assert (row.status, row.last_error) == (OutboundStatus.FAILED, NOT_SENT)


@pytest.mark.parametrize("text, example", [
    ("SUSPEND", "SUSPEND Julia"), ("APPROVE", "APPROVE Julia"),
    ("NEED CLOSE", "NEED CLOSE N-3KD9"), ("NEED OFFER", "NEED OFFER N-3KD9")])
def test_a_command_without_whom_or_which_shows_its_own_example(hub, carol, text, example):
    assert example in say(hub, carol, text).replies[0].body


# Coordinators' words (issue 17, part 8): what they say loosely, FIND by name or number,
# and SHOW's history in plain words.

COORDINATOR = PersonContext(first_name="Carol", roles=frozenset({"coordinator"}),
                            hub_name="Thurrock Community Hub")


def coordinator_says(message: str, state: State | None = None) -> Conversation:
    conversation = Conversation(COORDINATOR, state)
    conversation.send(message)
    return conversation


@pytest.mark.parametrize("message", ["blah blah", "FOO R-7Q4K", "qwertyuiop", "...",
                                     "free tomorrow"])
def test_words_from_a_coordinator_that_are_no_command_get_the_coordinators_commands(message):
    conversation = coordinator_says(message)
    said = "\n".join(reply.text for reply in conversation.last_replies)
    assert said.startswith("Sorry, I didn't understand that. Commands: QUEUE")
    assert "FIND Julia or RM17 shopping" in said
    assert "What do you need help with?" not in said  # not the residents' menu
    assert conversation.effects == [] and conversation.state == State()


def test_an_empty_message_from_a_coordinator_gets_their_commands_too():
    said = coordinator_says("   ").last_replies[0].text
    assert said.startswith("Sorry, that message was empty. Commands:")


@pytest.mark.parametrize("message", [
    "I need someone to get my shopping, RM17 6SL",
    "can you find someone to walk my dog",
    "look after my dog",
    "someone to check on my mum",  # bare "check on my mum" reads as a status question too
])
def test_a_coordinator_asking_for_help_in_plain_words_starts_a_request_like_anyone(message):
    conversation = coordinator_says(message)
    said = "\n".join(reply.text for reply in conversation.last_replies)
    assert conversation.effects == []
    assert conversation.state.flow == "resident" and "Commands: QUEUE" not in said


def test_a_coordinator_answering_a_question_mid_request_is_not_taken_for_a_command():
    conversation = Conversation(COORDINATOR)
    assert "postcode" in conversation.send("I need shopping please")
    assert "house number" in conversation.send("RM17 6SL")
    # "list" looks like QUEUE, but here it answers the address question.
    assert "list: is that right?" in conversation.send("list")
    assert not any(isinstance(effect, AdminCommand) for effect in conversation.effects)
    assert conversation.state.flow == "resident"


def test_danger_in_a_coordinators_words_is_not_answered_with_the_command_list():
    said = coordinator_says("there is a gas leak in my kitchen").last_replies[0].text
    assert "Commands: QUEUE" not in said


@pytest.mark.parametrize(("message", "effect"), [
    ("show me R-7Q4K", AdminCommand("show", "R-7Q4K")),
    ("pls check R-7Q4K", AdminCommand("show", "R-7Q4K")),
    ("whats in the queue?", AdminCommand("queue", "")),
    ("whats in teh queue", AdminCommand("queue", "")),  # a filler word's letters swapped
    ("waht is waiting", AdminCommand("queue", "")),
    ("can you show me the queue please", AdminCommand("queue", "")),
    ("qeue", AdminCommand("queue", "")),
    ("give me the stats for this week", AdminCommand("stats", "")),
    ("find Priya", AdminCommand("find", "Priya")),
    ("can you look up priya please", AdminCommand("find", "priya")),
    ("who is free near RM17", AdminCommand("find", "RM17")),
    ("anyone available near RM16 2XU?", AdminCommand("find", "RM16 2XU")),
    ("list volunteers near RM17", AdminCommand("find", "RM17")),
    ("list concerns", ManageConcern("list")),
    ("any alerts?", ManageConcern("list")),  # URGENT is a request's own command
    ("alerts please", ManageConcern("list")),
    ("show me the queue", AdminCommand("queue", "")),  # SHOW's word, the queue shown
    ("show me the alerts", ManageConcern("list")),
    ("pilne", ManageConcern("list")),
    ("acknowledge C-12", ManageConcern("ack", 12)),
    ("what's happening with R-7Q4K?", AdminCommand("show", "R-7Q4K")),  # asked after
    ("any news on r-7q4k", AdminCommand("show", "r-7q4k")),
    ("Hi, where are we with R-7Q4K", AdminCommand("show", "R-7Q4K")),
    ("co z R-7Q4K?", AdminCommand("show", "R-7Q4K")),
    # Asked as a question: what waits, and how the day goes.
    ("whats new", AdminCommand("queue", "")),
    ("anything new?", AdminCommand("queue", "")),
    ("what's come in today", AdminCommand("queue", "")),
    ("any new requests", AdminCommand("queue", "")),
    ("who needs help near RM17", AdminCommand("queue", "RM17")),
    ("anyone still waiting for a volunteer?", AdminCommand("queue", "")),
    ("queue near rm16 2xu", AdminCommand("queue", "rm16 2xu")),
    ("co nowego?", AdminCommand("queue", "")),
    ("any new volunteers?", AdminCommand("pending", "")),  # not new requests
    ("how many requests today", AdminCommand("stats", "")),
    ("how are we doing this week?", AdminCommand("stats", "")),
    ("hows it going today", AdminCommand("stats", "")),
    ("ile dzisiaj zgłoszeń", AdminCommand("stats", "")),
])
def test_a_coordinators_command_is_understood_however_it_is_typed(message, effect):
    assert coordinator_says(message).effects == [effect]


def test_a_filler_word_typed_with_two_letters_swapped_is_still_filler_and_nothing_more():
    assert all(vocabulary.is_filler(word) for word in ("teh", "waht", "yuo", "plz"))
    assert not any(vocabulary.is_filler(word) for word in ("ten", "them", "queue", "ian", "rm17"))


@pytest.mark.parametrize("message", [
    "waiting for my prescription", "free tomorrow", "please erase my data",
    "I need a lift to the GP", "urgent shopping for my mum please",
    # A coordinator who volunteers too: their words as a volunteer, not a slip for a command.
    "give back R-7Q4K", "start", "resume", "status", "how many hours have i done"])
def test_everyday_words_that_share_a_commands_word_are_no_command(message):
    effects = coordinator_says(message).effects
    assert not any(isinstance(effect, (AdminCommand, ManageConcern)) for effect in effects)


def test_find_by_first_name_says_who_they_are_without_an_address(hub, carol, clock):
    priya = add_volunteer(hub, "Priya", "RM16 2XU", skills=("shopping", "transport"))
    add_volunteer(hub, "Julia", "RM17 5AA", skills=("befriending",), paused=True)
    reference = shopping_request(hub)
    say(hub, priya, "YES")
    body = say(hub, carol, "FIND priya").replies[0].body
    assert body.startswith("Found for priya:")
    assert (f"Priya (volunteer) {priya}, RM16; shopping/transport; available; "
            f"open tasks: {reference}") in body
    assert "Julia" not in body and "Orsett" not in body and "2XU" not in body
    # In any case, by the start of the name, and with a slip of the thumb.
    for typed in ("FIND PRIYA", "find pri", "find Priay", "can you look up priya please"):
        assert f"Priya (volunteer) {priya}" in say(hub, carol, typed).replies[0].body, typed
    paused = say(hub, carol, "find julia").replies[0].body
    assert "Julia (volunteer)" in paused and "befriending; paused; no open tasks" in paused


def test_find_by_phone_number_in_any_form_finds_residents_and_volunteers(hub, carol):
    reference = shopping_request(hub, "+447700900602")
    julia = add_volunteer(hub, "Julia", "RM17 5AA", vetting="pending", checks=())
    for typed in ("FIND 07700 900602", "find +447700900602", "search 07700900602"):
        body = say(hub, carol, typed).replies[0].body
        assert body.startswith("Found for +447700900602:"), typed
        assert f"Albert (resident) +447700900602, RM17; open requests: {reference}" in body
        assert "Orsett" not in body and "6SL" not in body
    body = say(hub, carol, f"find {julia.replace('+44', '0')}").replies[0].body
    assert "Julia (volunteer)" in body and "awaiting checks" in body
    assert "can't find anyone with the number +447700900999" in say(
        hub, carol, "FIND 07700 900999").replies[0].body


def test_find_says_so_when_nobody_has_that_name_and_still_finds_near_a_postcode(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA", skills=("shopping",))
    assert "I can't find anyone called Zebedee" in say(hub, carol, "FIND Zebedee").replies[0].body
    assert "Whom or near where?" in say(hub, carol, "FIND shopping").replies[0].body
    near = say(hub, carol, "who is free near RM17").replies[0].body
    assert near.startswith("Volunteers near RM17:") and "Julia" in near


def test_show_writes_the_history_in_plain_words_with_each_volunteers_reasons(hub, carol, clock):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    ian = add_volunteer(hub, "Ian", "RM16 2XU")
    sam = add_volunteer(hub, "Sam", "RM20 3LP")
    reference = shopping_request(hub)
    clock.advance(minutes=5)
    say(hub, julia, "NO")
    clock.advance(minutes=7)
    say(hub, ian, "YES")
    body = say(hub, carol, f"SHOW {reference}").replies[0].body
    summary, *history = body.splitlines()
    assert summary.startswith(f"{reference} shopping, volunteer found. Albert (+447700900602)")
    assert history[0] == "Asked by SMS on Tue 24 Nov at 10:00"
    assert history[1] == "Offered to Julia, Ian and Sam at 10:00"  # one round, one line
    reasons = dict(offer[::3] for offer in offers_for(hub, reference))
    assert history[2:5] == [f"Why {name}: {reasons[name]}" for name in ("Julia", "Ian", "Sam")]
    assert "km away" in history[2]
    assert history[5:] == ["Julia said no at 10:05", "Ian accepted at 10:12",
                           "Offer to Sam withdrawn at 10:12"]
    assert sam and not any(raw in body for raw in ("request.", "offer.", "asked by sms"))


def test_show_tells_of_rounds_that_ran_out_cancelling_and_events_without_words(hub, carol,
                                                                                clock):
    add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    clock.advance(minutes=61)
    with hub.session_factory.begin() as session:
        hub.offers.expire_due_offers(session, clock())
    add_volunteer(hub, "Ian", "RM16 2XU")
    clock.advance(days=1)
    from bot.services.shared import audit
    with hub.session_factory.begin() as session:
        audit.record(session, "request.moon_phase_checked", clock(), subject=reference)
    say(hub, "+447700900602", f"CANCEL {reference}")
    say(hub, "+447700900602", "yes")
    history = say(hub, carol, f"show {reference}").replies[0].body.splitlines()[1:]
    assert "No answer from Julia; offer closed at 11:00" in history
    assert any(line.startswith("No volunteer found at 11:01: ") for line in history), history
    assert "Request moon phase checked on Wed 25 Nov at 11:01" in history
    assert history[-1] == "Cancelled by the resident at 11:01"


def test_show_names_who_a_coordinator_gave_it_to_and_why(hub, carol, clock):
    waiting = shopping_request(hub)  # nobody to offer it to yet
    add_volunteer(hub, "Julia", "RM17 5AA")
    add_volunteer(hub, "Omar", "RM16 2XU")
    offered = shopping_request(hub, "+447700900605")
    clock.advance(minutes=30)
    say(hub, carol, f"ASSIGN {waiting} Omar")
    say(hub, carol, f"ASSIGN {offered} Omar")
    history = say(hub, carol, f"SHOW {waiting}").replies[0].body.splitlines()[1:]
    assert history[1].startswith("No volunteer found at 10:00: ")
    given = history.index("Given to Omar by Carol at 10:30")
    assert history[given + 1].startswith("Why Omar: ") and "km away" in history[given + 1]
    # Offered to him first, then given to him: given, not accepted.
    history = say(hub, carol, f"SHOW {offered}").replies[0].body.splitlines()[1:]
    assert history[1] == "Offered to Julia and Omar at 10:00"
    assert history[-2:] == ["Given to Omar by Carol at 10:30", "Offer to Julia withdrawn at 10:30"]
    assert not any(line.startswith("Omar accepted") for line in history)


def test_show_says_the_channel_the_request_really_came_by(hub, carol):
    from bot.services.running.conversations import IncomingMessage

    def on_the_console(identity_kind: str, address: str, text: str) -> None:
        hub.conversations.receive(IncomingMessage(
            channel="console", identity_kind=identity_kind, address=address,
            channel_message_id=f"console-{address}-{text}", text=text,
            received_at=hub.clock()))

    # The console (and the demo) speaking as an SMS user: an SMS request.
    for text in ("can someone get my shopping? I'm Betty", "RM17 6SL", "3 Fleming Gardens",
                 "tomorrow", "yes"):
        on_the_console("phone", "+447700900611", text)
    # Someone known to the console alone: the console.
    for text in ("can someone get my shopping? I'm Dora", "RM17 6SL", "4 Fleming Gardens",
                 "tomorrow", "yes"):
        on_the_console("console", "dora", text)
    with hub.session_factory() as session:
        from models import HelpRequest
        betty, dora = session.scalars(select(HelpRequest.reference)
                                      .order_by(HelpRequest.id)).all()
    assert "\nAsked by SMS on Tue 24 Nov" in say(hub, carol, f"SHOW {betty}").replies[0].body
    assert "\nAsked by the console on" in say(hub, carol, f"SHOW {dora}").replies[0].body


def test_show_in_polish_and_in_the_hubs_summer_time(hub, carol, clock):
    from models import ContactIdentity, Person

    clock.now = clock.now.replace(month=6, day=2, hour=9, minute=2)  # UTC; 10:02 in London
    add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    english = say(hub, carol, f"SHOW {reference}").replies[0].body
    assert "Asked by SMS on Tue 2 Jun at 10:02\nOffered to Julia at 10:02" in english
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == carol)).one().language = "pl"
    polish = say(hub, carol, f"SHOW {reference}").replies[0].body
    assert "Zgłoszono przez SMS wt. 2 czerwca o 10:02\nZaproponowano: Julia, o 10:02" in polish


def test_stats_counts_kinds_with_their_plural_forms(hub, carol):
    add_volunteer(hub, "Julia", "RM17 5AA")
    for phone, name in (("+447700900611", "Albert"), ("+447700900612", "Betty")):
        ask_for_help(hub, phone, f"Could someone ring me for a chat now and then? I'm {name}",
                     "RM17 6SL", "I'm 84", "afternoons", "yes")
    shopping_request(hub)
    body = say(hub, carol, "STATS").replies[0].body
    assert "Week: 3 (2 friendly phone calls, 1 shopping trip);" in body


def test_stats_says_where_this_weeks_requests_stand_in_the_coordinators_own_words(
        hub, carol):
    # It had said "1 volunteer found, 2 waiting for a volunteer": a resident's words, never
    # made plural, in English whatever the coordinator's language.
    from models import ContactIdentity, Person

    add_volunteer(hub, "Julia", "RM17 5AA")
    reference = shopping_request(hub)
    shopping_request(hub, phone="+447700900613")
    say(hub, carol, f"ASSIGN {reference} Julia")
    body = say(hub, carol, "STATS").replies[0].body
    assert "Week: 2 (2 shopping trips); 1 offered to volunteers, 1 with a volunteer." in body
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == carol)).one().language = "pl"
    polish = say(hub, carol, "STATS").replies[0].body
    assert "1 zaproponowana wolontariuszom, 1 z wolontariuszem." in polish, polish


def test_stats_in_a_week_without_requests_says_none(hub, carol):
    assert "Week: 0 (none); none." in say(hub, carol, "STATS").replies[0].body


def test_stats_counts_receipts_awaiting_the_resident_with_their_plural_form(hub, carol):
    from test_receipts import lydias_shopping

    from models import ContactIdentity, Person

    julia, reference = lydias_shopping(hub)
    say(hub, julia, f"DONE {reference} receipt was 23.40")  # now the resident is asked
    english = say(hub, carol, "STATS").replies[0].body
    assert ("Shopping money: 1 receipt awaiting the resident, 0 disputed or unanswered; "
            "£23.40 outstanding.") in english
    with hub.session_factory.begin() as session:
        session.scalars(select(Person).join(ContactIdentity).where(
            ContactIdentity.address == carol)).one().language = "pl"
    polish = say(hub, carol, "STATS").replies[0].body
    assert "Pieniądze za zakupy: 1 paragon czeka na mieszkańca, sporne" in polish
