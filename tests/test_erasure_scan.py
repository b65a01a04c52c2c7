"""Erasure erases: after FORGET ME (or the retention purge) nothing of the person is left in
any column of any table, nor, on SQLite, in the bytes of the database's files."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.services.running.conversations import IncomingMessage
from bot.services.sending.delivery import OutboxWorker, OutgoingMessage, Sent
from bot.services.running.opt_out import contact_unreachable
from bot.services.people.privacy import purge_expired_personal_data
from bot.services.running.receipt_photos import FetchedPhoto, receipt_photo_screen
from bot.services.running.scheduler import run_due_work
from models import (
    Base,
    ContactIdentity,
    ConversationState,
    HelpRequest,
    OutboundMessage,
    OutboundStatus,
    PartnerNeed,
    RequestStatus,
)
from test_offers import add_volunteer, say
from test_partners import NEED
from test_privacy import close, person_of, traces_of

TELEGRAM_ID = "779329"
BETTY = "+447700900140"
update_ids = count(880001)


class TelegramDouble:
    """Sends as the real TelegramSender does: the provider's id is "<chat id>:<message id>"."""

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []

    async def send(self, message: OutgoingMessage) -> Sent:
        self.sent.append(message)
        return Sent(f"{message.address}:{len(self.sent)}", delivered=True)


def on_telegram(hub, text: str):
    return hub.conversations.receive(IncomingMessage(
        channel="telegram", identity_kind="telegram", address=TELEGRAM_ID,
        channel_message_id=str(next(update_ids)), text=text, received_at=hub.clock()))


def by_twilio(hub, phone: str, text: str):
    """As the SMS webhook hands a message over: its replies go back inline, in the TwiML."""
    return hub.conversations.receive(IncomingMessage(
        channel="sms", identity_kind="phone", address=phone,
        channel_message_id=f"SMtw{next(update_ids)}", text=text, received_at=hub.clock(),
        replies_inline=True))


def winifreds_identifiers(phone: str) -> tuple[str, ...]:
    return (phone, phone.removeprefix("+44"), TELEGRAM_ID, "winifred",
            "4 palmers avenue", "rm16 2xu", "pickles needs tins of salmon",
            "nursed my brother cedric", "misses her late husband percival",
            "frightened of her lodger", "winifred was a treasure")


def winifred_everywhere(hub, carol, clock) -> str:
    """Winifred volunteers (a partner's need, Betty's shopping with its receipt) and is helped
    (regular calls with notes, a concern about her, shopping to her street), by SMS and on
    Telegram; returns her number."""
    say(hub, carol, "PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777")
    winifred = add_volunteer(hub, "Winifred", "RM16 2XU",
                             experience="I nursed my brother Cedric through his stroke")
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    with hub.session_factory.begin() as session:
        session.add(ContactIdentity(person_id=person_of(hub, winifred), kind="telegram",
                                    address=TELEGRAM_ID))  # as sharing her number leaves it
    say(hub, carol, NEED)
    with hub.session_factory() as session:
        need = session.scalar(select(PartnerNeed.reference))
    assert "you're in for Thurrock Care Home" in on_telegram(hub, f"YES {need}").replies[0].body
    say(hub, ann, f"NO {need}")

    for text in ("can someone get my shopping? I'm Betty", "RM17 6SL", "3 High Street",
                 "tomorrow", "yes", "3"):
        say(hub, BETTY, text)
    assert "is yours: shopping for Betty" in on_telegram(hub, "yes").replies[0].body
    on_telegram(hub, "DONE")
    hub.conversations.receive(IncomingMessage(  # a photo of the receipt, signed in her hand
        channel="telegram", identity_kind="telegram", address=TELEGRAM_ID,
        channel_message_id=str(next(update_ids)), text="shared photo",
        received_at=hub.clock()), receipt_photo_screen(FetchedPhoto(
            "image/jpeg", b"\xff\xd8 paid by winifred, 4 palmers avenue")))
    on_telegram(hub, "£12.50")
    assert "How did it go with Winifred?" in say(hub, BETTY, "yes").replies[0].body
    say(hub, BETTY, "Winifred was a treasure")
    # Betty's second shopping: the receipt's question waits in her conversation, with the name.
    for text in ("can I have more shopping please", "yes", "tomorrow", "yes", "3"):
        say(hub, BETTY, text)
    on_telegram(hub, "yes")
    on_telegram(hub, "DONE £8")
    with hub.session_factory() as session:
        assert "winifred" in str(session.get(ConversationState, person_of(hub, BETTY)).data
                                 ).lower()

    for text in ("Could someone ring me for a chat now and then?", "RM16 2XU", "I'm 81",
                 "afternoons", "yes"):
        say(hub, winifred, text)
    with hub.session_factory() as session:
        calls_for = session.scalar(select(HelpRequest.reference).where(
            HelpRequest.category == "befriending"))
    say(hub, ann, f"YES {calls_for}")
    say(hub, ann, "Wednesdays 2pm")
    clock.advance(hours=27, minutes=5)  # Wednesday 13:05: Ann is reminded
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins)
    clock.advance(hours=1, minutes=30)
    assert "logged" in say(hub, ann, "done she misses her late husband Percival").replies[0].body
    say(hub, ann, f"CONCERN {calls_for} Winifred sounded frightened of her lodger")

    for text in ("can someone get my shopping? my cat Pickles needs tins of salmon",
                 "RM16 2XU", "4 Palmers Avenue", "tomorrow", "yes", "3"):
        on_telegram(hub, text)
    return winifred


def row_counts(hub) -> dict[str, int]:
    with hub.session_factory() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables}


def traces_in_files(hub, identifiers) -> list[tuple[str, str]]:
    """Identifiers in the raw bytes of an SQLite database, its WAL and shared memory."""
    path = Path(make_url(hub.settings.database_url.get_secret_value()).database)
    found = []
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        if file.exists():
            raw = file.read_bytes().lower()
            found += [(file.name, i) for i in identifiers if i.encode() in raw]
    return found


@pytest.mark.parametrize("channel", ["sms", "telegram"])
async def test_forget_me_leaves_nothing_of_someone_who_used_every_feature(hub, carol, clock,
                                                                         channel):
    telegram = TelegramDouble()
    worker = OutboxWorker(hub.session_factory, {"telegram": telegram}, hub.clock,
                          contact_unreachable(hub.offers))
    winifred = winifred_everywhere(hub, carol, clock)
    await worker.deliver_due()
    with hub.session_factory() as session:
        sent_to_her = session.scalars(select(OutboundMessage.channel_message_id).where(
            OutboundMessage.address == TELEGRAM_ID)).all()
    assert len(sent_to_her) >= 5 and all(i.startswith(f"{TELEGRAM_ID}:") for i in sent_to_her)
    identifiers = winifreds_identifiers(winifred)
    found_before = {text for _, _, text in traces_of(hub, identifiers)}
    for identifier in identifiers:  # the scan finds each of them before
        assert any(identifier in text for text in found_before), identifier
    before = row_counts(hub)
    assert before["receipt_photos"] == 1

    if channel == "sms":
        by_twilio(hub, winifred, "forget me")
        told = by_twilio(hub, winifred, "yes").replies
    else:
        on_telegram(hub, "forget me")
        told = on_telegram(hub, "yes").replies
    assert "your details have been deleted" in told[0].body
    await worker.deliver_due()
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins)
    await worker.deliver_due()  # nothing more goes to her: it was sent (or answered) once
    confirmations = [m for m in telegram.sent if "your details have been deleted" in m.body]
    assert len(confirmations) == (channel == "telegram")

    assert traces_of(hub, identifiers) == []
    if hub.settings.database_url.get_secret_value().startswith("sqlite"):
        assert traces_in_files(hub, identifiers) == []

    # Rows are anonymised, not deleted: every count a report needs stays.
    after = row_counts(hub)
    assert after["receipt_photos"] == 0  # the photo she sent, whole
    for table in ("people", "help_requests", "offers", "need_offers", "concerns",
                  "call_schedules", "check_in_calls", "partner_needs"):
        assert after[table] == before[table], table
    for table in ("inbound_messages", "outbound_messages", "audit_events"):
        assert after[table] >= before[table], table
    with hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(OutboundMessage).where(
            OutboundMessage.status == OutboundStatus.PENDING,
            OutboundMessage.address == "")) == 0


async def test_a_message_to_someone_forgotten_is_sent_once_then_its_id_forgets_their_chat(
        hub, clock):
    """The id Telegram gives a sent message names its chat: once the confirmation has gone it
    is replaced by one that still tells rows apart, and a replayed update is still a replay."""
    telegram = TelegramDouble()
    worker = OutboxWorker(hub.session_factory, {"telegram": telegram}, hub.clock,
                          contact_unreachable(hub.offers))
    for text in ("hello", "delete my data"):
        on_telegram(hub, text)
        await worker.deliver_due()
    update_id = str(next(update_ids))
    message = IncomingMessage(channel="telegram", identity_kind="telegram",
                              address=TELEGRAM_ID, channel_message_id=update_id, text="yes",
                              received_at=hub.clock())
    first = hub.conversations.receive(message)
    await worker.deliver_due()
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock())
    with hub.session_factory() as session:
        ids = session.scalars(select(OutboundMessage.channel_message_id)).all()
    assert len(ids) == len(set(ids)) == 3
    assert not any(TELEGRAM_ID in i for i in ids)
    again = hub.conversations.receive(message)  # Telegram delivers the update twice
    assert again.duplicate and again.person_id == first.person_id
    await worker.deliver_due()
    assert [m.body for m in telegram.sent].count(first.replies[0].body) == 1


def test_the_retention_purge_leaves_nothing_of_an_old_request(hub, carol, clock):
    ann = add_volunteer(hub, "Ann", "RM17 5AA")
    for text in ("Could someone ring me for a chat now and then? I'm Winifred", "RM16 2XU",
                 "I'm 81", "afternoons", "yes"):
        say(hub, "+447700900888", text)
    with hub.session_factory() as session:
        reference = session.scalar(select(HelpRequest.reference))
    say(hub, ann, f"YES {reference}")
    say(hub, ann, "Wednesdays 2pm")
    clock.advance(hours=27, minutes=5)
    run_due_work(hub.session_factory, hub.offers, hub.concerns, clock(), hub.checkins)
    clock.advance(hours=1, minutes=30)
    say(hub, ann, "done she misses her late husband Percival")
    say(hub, ann, f"CONCERN {reference} she sounded frightened of her lodger")
    close(hub, reference, RequestStatus.CANCELLED, clock())
    phrases = ("rm16 2xu", "misses her late husband percival", "frightened of her lodger")
    assert traces_of(hub, phrases)
    clock.advance(days=400)
    with hub.session_factory.begin() as session:
        assert purge_expired_personal_data(session, clock(), 365) == 1
    assert traces_of(hub, phrases) == []
    if hub.settings.database_url.get_secret_value().startswith("sqlite"):
        assert traces_in_files(hub, phrases) == []


def test_on_sqlite_every_connection_zeroes_what_it_deletes(hub):
    """Deleted bytes are overwritten, not left as free space in the file. (Some builds of
    SQLite, Debian's among them, do this by default; others do not.)"""
    if not hub.settings.database_url.get_secret_value().startswith("sqlite"):
        pytest.skip("SQLite only")
    with hub.engine.connect() as first, hub.engine.connect() as second:
        for connection in (first, second):
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
