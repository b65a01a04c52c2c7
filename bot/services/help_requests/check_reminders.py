"""Coordinators are told, once, when a volunteer's check is about to run out.

A check with an expiry date (a DBS check renewed every three years, say) stops
counting for matching the day after that date. Thirty days before, each
coordinator is told whose check it is and how to record the renewal; a check
that ran out while nobody was told (the server was off, or the date was
imported already close) is told as run out. Each reminder is written to the
audit log, by volunteer, check and expiry date, and looked for before sending:
one reminder per check, however often the scheduler runs, and a new one when a
renewed check is given a new date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.services.shared import audit
from bot.services.shared.describe import coordinators, name_of, phone_of
from bot.services.help_requests.matching import CHECK_FIELDS
from bot.services.sending.notify import Notifier
from bot.services.sending.outbox import Lane
from models import AuditEvent, VettingStatus, VolunteerProfile

REMIND_BEFORE = timedelta(days=30)
# A check that ran out longer ago than this without a reminder is not told late: the
# import that gave its date said so already.
TELL_LAPSED_FOR = timedelta(days=30)
REMINDED = "volunteer.check_expiry_reminded"
# The word APPROVE takes for each check, to record the renewal.
APPROVE_WORDS = {"id": "ID", "dbs_enhanced": "DBS", "befriending_training": "TRAINING"}


def remind_of_expiring_checks(session: Session, notifier: Notifier, now: datetime) -> int:
    """Tell every coordinator of each check running out within 30 days (or run out lately)
    not told of before. How many checks were told of."""
    today = now.date()
    due = checks_running_out(session, today)
    if not due:
        return 0
    told = already_told(session, {subject_of(profile) for profile, _, _ in due})
    due = [(profile, check, expires) for profile, check, expires in due
           if (subject_of(profile), check, expires.isoformat()) not in told]
    team = coordinators(session)
    if not due or not team:
        return 0  # with nobody to tell, asked again next time
    for profile, check, expires in due:
        volunteer = profile.person
        for coordinator in team:
            say = notifier.speaker(coordinator)
            params = {"volunteer": name_of(volunteer),
                      "volunteer_phone": phone_of(session, volunteer.id),
                      "checks": say(f"check.{check}"), "date": expires.strftime("%-d %b %Y"),
                      "example": f"APPROVE {name_of(volunteer)} {APPROVE_WORDS[check]}"}
            if expires < today:
                notifier.send(session, coordinator, now, "check_expired", lane=Lane.REMINDERS,
                              **params)
            else:
                notifier.send(session, coordinator, now, "check_expiring", lane=Lane.REMINDERS,
                              days=(expires - today).days, **params)
        audit.record(session, REMINDED, now, subject=subject_of(profile), check=check,
                     expires_on=expires.isoformat())
    return len(due)


def checks_running_out(session: Session, today: date) -> list[tuple[VolunteerProfile, str, date]]:
    """(profile, check, expiry) for every check done whose expiry is within 30 days either
    side of today, of volunteers still with the hub and not suspended."""
    earliest, latest = today - TELL_LAPSED_FOR, today + REMIND_BEFORE
    near = [and_(getattr(VolunteerProfile, done).is_not(None),
                 getattr(VolunteerProfile, expires).between(earliest, latest))
            for _, done, expires in CHECK_FIELDS]
    profiles = session.scalars(
        select(VolunteerProfile)
        .where(or_(*near), VolunteerProfile.left_at.is_(None),
               VolunteerProfile.vetting_status != VettingStatus.SUSPENDED)
        .order_by(VolunteerProfile.person_id)
        .with_for_update(skip_locked=True))
    due = []
    for profile in profiles:
        if profile.person.erased_at is not None:
            continue
        for check, done, expires in CHECK_FIELDS:
            on = getattr(profile, expires)
            if getattr(profile, done) is not None and on is not None and earliest <= on <= latest:
                due.append((profile, check, on))
    return due


def already_told(session: Session, subjects: set[str]) -> set[tuple[str, str, str]]:
    """(subject, check, expiry date) of every reminder sent to these volunteers."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == REMINDED,
                                                      AuditEvent.subject.in_(subjects)))
    return {(event.subject, (event.detail or {}).get("check"),
             (event.detail or {}).get("expires_on")) for event in events}


def subject_of(profile: VolunteerProfile) -> str:
    return f"person:{profile.person_id}"
