"""A request's history in plain words, for SHOW in the chat and the dashboard's request page.

How it was asked and by which channel, each round of offers on one line with why each
volunteer was chosen, the answers, and what happened since (cancelled, done, given back,
calls, receipts), each line with its time in the hub's time zone. Events without words of
their own are still shown, their name made readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue import wording
from bot.dialogue.catalogue import catalogue
from bot.dialogue.money import pounds
from bot.services.shared.describe import cannot_be_texted
from bot.services.sending.outbox import CHANNEL_FOR_IDENTITY, CONSOLE
from models import (
    OPEN_STATUSES,
    AuditEvent,
    HelpRequest,
    IdentityKind,
    Offer,
    OfferStatus,
    Person,
    RequestStatus,
)

# Events said by the lines made from the request and its offers, so not again.
TOLD_OTHERWISE = frozenset({"request.created", "request.offered", "offer.accepted",
                            "offer.declined", "request.volunteer_gave_back"})
# Where a line goes among lines of the same minute: asked, then offered (with why), then
# the answers, then what happened, then offers withdrawn because of it.
ASKED, OFFERED, ANSWERED, HAPPENED, WITHDRAWN = range(5)
AFTER_EVENTS = 2 ** 62  # an order after every audit event's id
ANSWER_KEYS = {OfferStatus.ACCEPTED: "history.accepted", OfferStatus.DECLINED: "history.declined",
               OfferStatus.EXPIRED: "history.expired", OfferStatus.WITHDRAWN: "history.withdrawn"}


@dataclass(frozen=True)
class Line:
    at: datetime
    place: int
    order: tuple[int, ...]
    key: str
    params: dict = field(default_factory=dict)


def channel_asked_by(request: HelpRequest, resident: Person | None) -> str:
    """The channel the request came by. The console (and the demo) speak as someone: as
    their phone they are an SMS user, as their Telegram a Telegram one; only someone known
    to the console alone really asked at the console."""
    channel = request.channel or ""
    if channel != CONSOLE or resident is None:
        return channel
    identities = sorted(resident.identities, key=lambda identity: identity.id)
    if any(identity.kind == IdentityKind.CONSOLE for identity in identities):
        return CONSOLE
    for identity in identities:  # the way they first reached us
        if identity.kind in CHANNEL_FOR_IDENTITY:
            return CHANNEL_FOR_IDENTITY[identity.kind]
    return channel


def readable(action: str) -> str:
    """An event's name for people: "request.volunteer_erased" -> "Request volunteer erased"."""
    words = action.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def history(session: Session, request: HelpRequest, language: str, zone: tzinfo,
            say: Callable[..., str]) -> list[str]:
    """The lines of a request's history, oldest first, then notes on where it stands."""
    resident = session.get(Person, request.resident_id)
    channel = channel_asked_by(request, resident)
    channel_key = f"channel.{channel}"
    lines = [Line(request.created_at, ASKED, (0,), "history.asked",
                  {"channel": say(channel_key) if channel_key in catalogue("en")
                   else channel or "?"})]
    events = list(session.scalars(select(AuditEvent).where(
        AuditEvent.subject == request.reference).order_by(AuditEvent.occurred_at, AuditEvent.id)))
    # Whom a coordinator gave it to: theirs is no offer accepted, though its row says so.
    given = {event.detail.get("volunteer") for event in events
             if event.action == "request.assigned_by_coordinator" and event.detail}
    lines += offer_lines(session, request, given, say)
    lines += event_lines(session, request, events, language, say)
    lines.sort(key=lambda line: (line.at, line.place, line.order))
    said: list[str] = []
    previous_day = None
    for line in lines:
        local = line.at.astimezone(zone)
        if local.date() == previous_day:
            when = say("history.at", time=f"{local:%H:%M}")
        else:
            when = say("history.on", day=wording.describe_date(local.date(), language),
                       time=f"{local:%H:%M}")
        previous_day = local.date()
        said.append(say(line.key, when=when, **line.params))
    return said + notes(request, resident, say)


def offer_lines(session: Session, request: HelpRequest, given: set[int],
                say: Callable[..., str]) -> list[Line]:
    """A line for each round of offers and each set of answers given in the same minute,
    and why each volunteer was chosen."""
    rows = session.execute(
        select(Offer, Person.first_name).join(Person, Person.id == Offer.volunteer_id)
        .where(Offer.request_id == request.id).order_by(Offer.round, Offer.rank, Offer.id)).all()
    someone = say("history.someone")
    lines = []
    for round_number, in_round in groupby(rows, key=lambda row: row[0].round):
        in_round = list(in_round)
        first = min(offer.offered_at for offer, _ in in_round)
        # Round 0 is a coordinator's ASSIGN: its own event says who gave it to whom.
        if round_number > 0:
            names = join_names([name or someone for _, name in in_round], say)
            lines.append(Line(first, OFFERED, (round_number, 0),
                              "history.offered" if round_number == 1 else "history.offered_again",
                              {"names": names}))
        for offer, name in in_round:
            if offer.reasons:  # after the line that offered it, or the ASSIGN's event
                place, order = ((OFFERED, (round_number, offer.rank, 1)) if round_number > 0
                                else (HAPPENED, (AFTER_EVENTS, offer.id)))
                lines.append(Line(offer.offered_at, place, order, "history.why",
                                  {"name": name or someone, "reasons": offer.reasons}))
    answered = []
    for offer, name in rows:
        if offer.status == OfferStatus.OFFERED or (offer.status == OfferStatus.ACCEPTED and (
                offer.round == 0 or offer.volunteer_id in given)):
            continue
        at = offer.expires_at if offer.status == OfferStatus.EXPIRED else (
            offer.answered_at or offer.offered_at)
        answered.append((at.replace(second=0, microsecond=0), offer.status, at, name or someone))
    answered.sort(key=lambda item: (item[0], item[1], item[2]))
    for (minute, status), group in groupby(answered, key=lambda item: (item[0], item[1])):
        group = list(group)
        lines.append(Line(group[0][2], WITHDRAWN if status == OfferStatus.WITHDRAWN else ANSWERED,
                          (0,), ANSWER_KEYS.get(status, "history.other"),
                          {"names": join_names([name for *_, name in group], say),
                           "what": readable(f"offer.{status}")}))
    return lines


def event_lines(session: Session, request: HelpRequest, events: list[AuditEvent],
                language: str, say: Callable[..., str]) -> list[Line]:
    """What happened to the request, from the audit trail, in words."""
    known = catalogue("en")
    names: dict[int | None, str] = {}

    def name(person_id) -> str:
        if person_id == request.resident_id:
            return say("history.the_resident")
        if person_id not in names:
            person = session.get(Person, person_id) if person_id is not None else None
            names[person_id] = (person.first_name if person else None) or say("history.someone")
        return names[person_id]

    lines = []
    for event in events:
        if event.action in TOLD_OTHERWISE:
            continue
        detail = event.detail or {}
        key = f"history.{event.action}"
        if event.action == "request.cancelled":
            by = detail.get("by") or ("resident" if event.actor_person_id == request.resident_id
                                      else None)
            key = f"{key}.{by}" if f"{key}.{by}" in known else key
        if key not in known:
            key = "history.other"
        until = detail.get("until")
        lines.append(Line(event.occurred_at, HAPPENED, (event.id,), key, {
            "who": name(event.actor_person_id),
            "volunteer": name(detail["volunteer"]) if detail.get("volunteer") else "?",
            "reason": detail.get("reason") or "",
            "text": detail.get("text") or "",  # a case note
            "change": detail.get("change") or "",  # what a coordinator changed, in words
            "to": name(detail["to"]) if detail.get("to") else "?",  # TEXT / TAKE's person
            "amount": pounds(detail.get("pence") or 0),
            "until": wording.describe_date(date.fromisoformat(until), language)
            if until else "?",
            "what": readable(event.action)}))
    return lines


def notes(request: HelpRequest, resident: Person | None, say: Callable[..., str]) -> list[str]:
    """Where the request stands now, beyond its events: whether the resident can be texted,
    why it waits, money, feedback."""
    said = []
    if request.status in OPEN_STATUSES and cannot_be_texted(resident):
        said.append(say("history.cannot_text"))
    if request.unmatched_reason and request.status == RequestStatus.NEW:
        said.append(say("history.waiting", reason=request.unmatched_reason))
    if request.payment_method:
        said.append(say("history.paying", way=say(f"payment.{request.payment_method}").lower()))
    if request.receipt_status:
        said.append(say("history.receipt", amount=pounds(request.receipt_pence or 0),
                        state=say(f"receipt_state.{request.receipt_status}")))
    if request.feedback:
        said.append(say("history.feedback", text=request.feedback))
    return said


def join_names(names: list[str], say: Callable[..., str]) -> str:
    """"Ian", "Ian and Grace", "Ian, Grace and Sam"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {say('history.and')} {names[-1]}"

