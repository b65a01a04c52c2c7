"""What coordinators' chat commands do: QUEUE, SHOW, ASSIGN, APPROVE, SUSPEND, FIND, STATS,
HANDOVER, ERASE, DASHBOARD, EXPORT.

Each runs inside the coordinator's message transaction and is audited with
who did it, what, when and from which channel.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Callable, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.dialogue import wording
from bot.understanding import parsing, vocabulary
from bot.dialogue.calls import PLAN_FLOW
from bot.dialogue.catalogue import counted as counted_phrase
from bot.dialogue.given_time import describe_help, describe_minutes
from bot.dialogue.money import pounds
from bot.dialogue.types import Attachment, Choice, KnownPostcode, Reply, State
from bot.services.help_requests import request_history
from bot.services.people import people_search
from bot.services.shared import audit
from bot.services.coordinating.admin_partners import PartnerCommands
from bot.services.calls.campaigns import CampaignCommands
from bot.services.coordinating.case_actions import CaseCommands
from bot.services.coordinating.dashboard_auth import LINK_LIFETIME
from bot.services.shared.describe import (
    aware, asked_by, district_of, helped_by, how_long, name_of, phone_of,
)
from bot.services.community.directory import DirectoryService
from bot.services.coordinating.figures import kinds_in_words, statuses_in_words
from bot.services.shared.identities import (
    TYPED_PHONE,
    InvalidPhoneNumber,
    mask_phone,
    normalise_phone,
)
from bot.services.help_requests.matching import VolunteerPool, help_needed
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService
from bot.services.community.partners import PartnerService
from bot.services.sending.outbox import FILE_CHANNELS, Lane, queue_message
from bot.services.people.privacy import erase_person
from bot.services.help_requests.receipts import ReceiptService, outstanding
from bot.services.shared.states import expect_answer
from bot.services.calls.checkins import resume_if_held
from bot.services.safeguarding.suspension import Suspension, suspend
from bot.services.safeguarding.takeover import TakeoverCommands
from bot.services.help_requests.volunteer_time import month_by_volunteer, month_start
from matching import failed_rules, geodesic_km
from models import (
    OPEN_STATUSES,
    CallOutcome,
    CallSchedule,
    CheckInCall,
    Concern,
    ConcernStatus,
    ContactIdentity,
    HelpCategory,
    HelpRequest,
    IdentityKind,
    NeedStatus,
    Offer,
    OfferStatus,
    PartnerNeed,
    Person,
    ReceiptPhoto,
    RequestStatus,
    ScheduleStatus,
    StandingRequest,
    VettingStatus,
    VolunteerProfile,
)

CHECK_WORDS = {"id": "id", "dbs": "dbs", "dbs_enhanced": "dbs", "training": "training",
               "befriending_training": "training", "trained": "training"}
FIND_RADIUS_KM = 10.0
SHOWN = 10  # lines in QUEUE and FIND
BROADCAST_SPACING = timedelta(milliseconds=200)  # five a second at most
# EXPORT's words for what to export; the keys of `exporters()`.
EXPORT_WORDS = {"requests": "requests", "request": "requests", "volunteers": "volunteers",
                "volunteer": "volunteers", "calls": "calls", "call": "calls",
                "checkins": "calls", "check-ins": "calls"}
# A bigger export goes as a download link even on Telegram (bots may send up to 50 MB,
# and the file waits in the outbox table until it is sent).
EXPORT_FILE_LIMIT = 10 * 1024 * 1024


class AdminService(PartnerCommands, CaseCommands, TakeoverCommands, CampaignCommands):
    def __init__(self, offers: OfferService, notifier: Notifier, pool: VolunteerPool | None,
                 locate_postcode: Callable[[str], KnownPostcode | None], phone_region: str,
                 describe_calls: Callable[[Person, CallSchedule], str],
                 hub_name: str = "Neighbourly",
                 dashboard_link: Callable[[Person, datetime], str] | None = None,
                 export_link: Callable[[Person, str, datetime], str] | None = None, *,
                 directory: DirectoryService | None = None,
                 partners: PartnerService | None = None,
                 receipts: ReceiptService | None = None, timezone: str = "UTC") -> None:
        self.directory = directory
        # The hub's time zone: times in SHOW's history are the coordinators' local times.
        self.zone = ZoneInfo(timezone)
        self.partners = partners
        self.receipts = receipts
        self.dashboard_link = dashboard_link
        # A one-time link to download one export from the dashboard, for channels
        # that cannot carry a file; None when the hub has no dashboard.
        self.export_link = export_link
        self.describe_calls = describe_calls
        self.hub_name = hub_name
        self.offers = offers
        self.notifier = notifier
        self.pool = pool
        self.locate_postcode = locate_postcode
        self.phone_region = phone_region

    def run(self, session: Session, coordinator: Person, command: str, arguments: str,
            channel: str, now: datetime) -> list[Reply]:
        say = self.notifier.speaker(coordinator)
        audit.record(session, f"admin.{command}", now, actor_id=coordinator.id, channel=channel,
                     arguments=arguments[:200])
        if command == "export":  # its reply depends on the channel: a file, or a link
            return [self.export(session, coordinator, arguments, channel, now, say)]
        # bot/services/coordinating/case_actions.py: audited with the channel
        if command in vocabulary.CASE_COMMANDS:
            return [Reply(self.case_command(session, coordinator, command, arguments, channel,
                                            now, say))]
        handler = getattr(self, f"do_{command}")
        return [Reply(handler(session, coordinator, arguments, now, say))]

    # QUEUE and SHOW.

    def do_queue(self, session, coordinator, arguments, now, say) -> str:
        waiting = session.scalars(
            select(HelpRequest).where(HelpRequest.status.in_(OPEN_STATUSES))
            .order_by(HelpRequest.created_at, HelpRequest.id)).all()
        # "QUEUE RM17", "who needs help near RM17 or RM16": only those districts.
        areas = vocabulary.areas_named(arguments)
        lines = []
        for request in waiting:
            if areas and district_of(request.postcode) not in areas:
                continue
            state = queue_state(session, request, now.date(), say)
            if state is not None:
                lines.append(say("admin_queue_line", reference=request.reference,
                                 category=say(f"category.{request.category}").lower(),
                                 district=district_of(request.postcode),
                                 age=how_long(now - aware(request.created_at, now)), state=state))
        if len(lines) > SHOWN:
            lines = lines[:SHOWN] + [say("admin_and_more", count=len(lines) - SHOWN)]
        if areas:
            near = ", ".join(areas)
            return (say("admin_queue_near", areas=near, lines="\n".join(lines)) if lines
                    else say("admin_queue_empty_near", areas=near))
        if not lines:
            return say("admin_queue_empty")
        return say("admin_queue", lines="\n".join(lines))

    def do_pending(self, session, coordinator, arguments, now, say) -> str:
        """Volunteers signed up and waiting for their checks, longest waiting first: who to
        ring about ID and DBS before they can be sent offers."""
        waiting = session.execute(
            select(VolunteerProfile, Person.first_name).join(
                Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.vetting_status == VettingStatus.PENDING,
                   VolunteerProfile.left_at.is_(None), Person.erased_at.is_(None))
            .order_by(VolunteerProfile.joined_at, VolunteerProfile.person_id)).all()
        if not waiting:
            return say("admin_pending_none")
        lines = [say("admin_pending_line", name=name or "?",
                     phone=phone_of(session, profile.person_id),
                     district=district_of(profile.postcode),
                     skills="/".join(profile.skills or []) or "-",
                     age=how_long(now - aware(profile.joined_at, now)))
                 for profile, name in waiting[:SHOWN]]
        if len(waiting) > SHOWN:
            lines.append(say("admin_and_more", count=len(waiting) - SHOWN))
        return say("admin_pending", lines="\n".join(lines),
                   name=waiting[0][1] or "Julia")

    def do_show(self, session, coordinator, arguments, now, say) -> str:
        request, problem = self.request_named(session, arguments, "SHOW", say)
        if request is None:
            return problem
        resident = session.get(Person, request.resident_id)
        history = request_history.history(session, request, coordinator.language, self.zone,
                                          say)
        details = f" \"{request.details}\"" if request.details else ""
        return say("admin_show", reference=request.reference,
                   category=say(f"category.{request.category}").lower(),
                   status=say(f"status.{request.status}"), resident=asked_by(request, resident,
                                                                            say),
                   phone=phones_for_show(session, request, resident, say),
                   address=", ".join(p for p in (request.address_line, request.postcode) if p),
                   when=request.needed_when_text or say("when.any_time"), details=details,
                   history="\n".join(history)) + self.standing_and_time(session, request, say,
                                                                 coordinator.language, now)

    def standing_and_time(self, session: Session, request: HelpRequest, say, language: str,
                          now: datetime) -> str:
        """SHOW's lines for a standing request's task and the time its volunteer gave."""
        lines = ""
        standing = session.get(StandingRequest, request.standing_request_id) \
            if request.standing_request_id and self.standing is not None else None
        if standing is not None:
            lines += "\n" + say("admin_show_standing",
                                every=self.standing.describe(session, standing, say, language,
                                                             now))
        if request.minutes_given:
            lines += "\n" + say("admin_show_time",
                                hours=describe_minutes(language, request.minutes_given))
        photos = session.scalar(select(func.count()).select_from(ReceiptPhoto).where(
            ReceiptPhoto.request_id == request.id))
        if photos:  # a text cannot carry the picture: the dashboard's request page shows it
            lines += "\n" + say("receipt_photos_line", count=photos)
        return lines

    # Vetting.

    def do_approve(self, session, coordinator, arguments, now, say) -> str:
        words = parsing.clean(arguments).split()
        checks = {CHECK_WORDS[w.lower()] for w in words if w.lower() in CHECK_WORDS}
        who = " ".join(w for w in words if w.lower() not in CHECK_WORDS)
        volunteer, problem = self.volunteer_named(session, who, say)
        if volunteer is None:
            return problem
        if not self.approve_volunteer(session, coordinator, volunteer, checks, now):
            return say("admin_checks_needed", name=volunteer.first_name)
        return say("admin_approved", name=volunteer.first_name,
                   checks=checks_held_text(volunteer.volunteer_profile),
                   date=now.date().strftime("%-d %b %Y"))

    def approve_volunteer(self, session: Session, coordinator: Person, volunteer: Person,
                          checks: set[str], now: datetime, channel: str | None = None) -> bool:
        """Record the checks done today and approve; False (nothing changed) without an ID
        check, given now or before. Used by APPROVE and the dashboard."""
        profile = volunteer.volunteer_profile
        if "id" not in checks and profile.id_checked_on is None:
            return False
        today = now.date()
        # A check done today: when it runs out is not known (a date in a volunteers import
        # says), and the old check's expiry no longer applies.
        if "id" in checks:
            profile.id_checked_on, profile.id_check_expires_on = today, None
        if "dbs" in checks:
            profile.dbs_checked_on, profile.dbs_expires_on = today, None
        if "training" in checks:
            profile.training_completed_on, profile.training_expires_on = today, None
        profile.vetting_status = VettingStatus.APPROVED
        self.notifier.send(session, volunteer, now, "volunteer_approved",
                           name=volunteer.first_name or "")
        audit.record(session, "volunteer.approved", now, actor_id=coordinator.id,
                     channel=channel, subject=f"person:{volunteer.id}", checks=sorted(checks))
        return True

    def do_suspend(self, session, coordinator, arguments, now, say) -> str:
        words = parsing.clean(arguments).split()
        volunteer, problem = self.volunteer_named(session, words[0] if words else "", say,
                                                  whole=arguments,
                                                  example="SUSPEND Julia and the reason")
        if volunteer is None:
            return problem
        done = self.suspend_volunteer(session, coordinator, volunteer, arguments, now)
        return say("admin_suspended", name=volunteer.first_name,
                   withdrawn=say("admin_withdrawn", count=done.offers_withdrawn)
                   if done.offers_withdrawn else "") + suspension_news(done, say)

    def suspend_volunteer(self, session: Session, coordinator: Person, volunteer: Person,
                          reason: str, now: datetime, channel: str | None = None) -> Suspension:
        """Suspend: open offers withdrawn, tasks taken offered to others, regular calls held
        for HANDOVER. Used by SUSPEND and the dashboard."""
        done = suspend(session, volunteer, now, self.offers, self.notifier, self.partners)
        audit.record(session, "volunteer.suspended", now, actor_id=coordinator.id,
                     channel=channel, subject=f"person:{volunteer.id}", reason=reason[:200],
                     tasks_returned=list(done.tasks_returned), calls_held=list(done.calls_held),
                     places_given_back=list(done.places_given_back))
        return done

    # DASHBOARD.

    def do_dashboard(self, session, coordinator, arguments, now, say) -> str:
        """A one-time link to the web dashboard, for this coordinator alone."""
        if self.dashboard_link is None:
            return say("admin_dashboard_off")
        return say("admin_dashboard_link", link=self.dashboard_link(coordinator, now),
                   minutes=int(LINK_LIFETIME.total_seconds() // 60))

    # EXPORT.

    def export(self, session: Session, coordinator: Person, arguments: str, channel: str,
               now: datetime, say) -> Reply:
        """EXPORT requests|volunteers|calls: the CSV file itself where the channel carries
        files (Telegram), else a one-time link to download it from the dashboard."""
        words = parsing.clean(arguments).lower().split()
        what = EXPORT_WORDS.get(words[0]) if words else None
        if what is None:
            return Reply(say("admin_export_how"))
        what_text = say(f"export.{what}")
        if channel in FILE_CHANNELS:
            stream = io.StringIO()
            rows = exporters()[what](session, stream)
            content = stream.getvalue().encode("utf-8")
            if len(content) <= EXPORT_FILE_LIMIT:
                audit.record(session, "admin.exported", now, actor_id=coordinator.id,
                             channel=channel, subject=what, rows=rows, sent_as="file")
                return Reply(say("admin_export_file", what=what_text, count=rows),
                             attachment=Attachment(f"{what}-{now:%Y-%m-%d}.csv", "text/csv",
                                                   content))
        if self.export_link is None:
            return Reply(say("admin_export_no_dashboard", what=what_text))
        audit.record(session, "admin.exported", now, actor_id=coordinator.id, channel=channel,
                     subject=what, sent_as="link")
        return Reply(say("admin_export_link", what=what_text,
                         link=self.export_link(coordinator, what, now),
                         minutes=int(LINK_LIFETIME.total_seconds() // 60)))

    # Matching by hand.

    def do_assign(self, session, coordinator, arguments, now, say) -> str:
        request, problem = self.request_named(session, arguments, "ASSIGN", say)
        if request is None:
            return problem
        if request.status not in (RequestStatus.NEW, RequestStatus.MATCHING,
                                  RequestStatus.OFFERED):
            return say("admin_assign_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        rest, override = after_reference(arguments)
        volunteer, problem = self.volunteer_named(session, rest, say,
                                                  example=f"ASSIGN {request.reference} Julia")
        if volunteer is None:
            return problem
        broken, reasons, distance = self.fit(session, request, volunteer, now)
        if broken and not override:
            return say("admin_assign_breaks_rules", name=volunteer.first_name,
                       reference=request.reference,
                       rules="; ".join(say(f"rule.{rule}") for rule in broken))
        if not self.offers.assign(session, request, volunteer, now, reasons=reasons,
                                  distance_km=distance):
            return say("admin_assign_not_open", reference=request.reference,
                       status=say(f"status.{request.status}"))
        if request.category == HelpCategory.BEFRIENDING:
            self.ask_for_call_plan(session, request, volunteer, now)
        audit.record(session, "request.assigned_by_coordinator", now, actor_id=coordinator.id,
                     subject=request.reference, volunteer=volunteer.id,
                     overridden=list(broken) if broken else [])
        return say("admin_assigned", reference=request.reference, name=volunteer.first_name,
                   reasons=reasons or ("rules overridden" if broken else "chosen by hand"))

    def ask_for_call_plan(self, session: Session, request: HelpRequest, volunteer: Person,
                          now: datetime) -> None:
        resident = session.get(Person, request.resident_id)
        preference = (wording.describe_when(request.needed_when_text, volunteer.language)
                      or self.notifier.say(volunteer, "when.any_time"))
        asked = self.notifier.send(session, volunteer, now, "calls_ask_when",
                                   name=helped_by(request, resident,
                                                  self.notifier.speaker(volunteer)),
                                   preference=preference)
        expect_answer(session, volunteer.id,
                      State(PLAN_FLOW, "when", {"reference": request.reference}), now, asked)

    def do_handover(self, session, coordinator, arguments, now, say) -> str:
        """HANDOVER R-7Q4K Julia [a note]: regular calls move to another volunteer."""
        request, problem = self.request_named(session, arguments, "HANDOVER", say)
        if request is None:
            return problem
        schedule = session.scalar(select(CallSchedule).where(
            CallSchedule.request_id == request.id, CallSchedule.status != ScheduleStatus.ENDED))
        if schedule is None:
            return say("admin_handover_no_calls", reference=request.reference)
        rest, override = after_reference(arguments)
        words = rest.split(maxsplit=1)
        volunteer, problem = self.volunteer_named(session, words[0] if words else "", say,
                                                  whole=arguments,
                                                  example=f"HANDOVER {request.reference} Julia")
        if volunteer is None:
            return problem
        broken, _, _ = self.fit(session, request, volunteer, now)
        if broken and not override:
            return say("admin_handover_breaks_rules", name=volunteer.first_name,
                       reference=request.reference,
                       rules="; ".join(say(f"rule.{rule}") for rule in broken))
        note = words[1] if len(words) > 1 else ""
        previous = session.get(Person, schedule.volunteer_id)
        resident = session.get(Person, schedule.resident_id)
        schedule.volunteer_id = request.assigned_volunteer_id = volunteer.id
        resume_if_held(schedule)
        session.flush()
        session.refresh(schedule)
        history = "; ".join(
            f"{stamp(call.due_at)} {(call.outcome or 'due').replace('_', ' ')}"
            for call in session.scalars(select(CheckInCall).where(
                CheckInCall.schedule_id == schedule.id).order_by(CheckInCall.due_at.desc())
                .limit(4))) or "-"
        when = self.describe_calls(volunteer, schedule)
        self.notifier.send(session, volunteer, now, "calls_handed_to_you",
                           name=resident.first_name or "", phone=phone_of(session, resident.id),
                           when=when, history=history, note=note or "-")
        if previous is not None and previous.id != volunteer.id:
            self.notifier.send(session, previous, now, "calls_handed_on",
                               name=previous.first_name or "", other=resident.first_name or "")
        self.notifier.send(session, resident, now, "calls_new_caller",
                           name=resident.first_name or "", volunteer=volunteer.first_name or "",
                           when=self.describe_calls(resident, schedule))
        audit.record(session, "calls.handed_over", now, actor_id=coordinator.id,
                     subject=request.reference, volunteer=volunteer.id,
                     previous=previous.id if previous else None,
                     overridden=list(broken) if broken else [])
        return say("admin_handed_over", reference=request.reference, name=volunteer.first_name)

    # ERASE.

    def do_erase(self, session, coordinator, arguments, now, say) -> str:
        """ERASE +447700900123 CONFIRM: someone's personal data removed from every table."""
        confirmed = bool(re.search(r"\bconfirm\b", arguments, re.IGNORECASE))
        who = re.sub(r"\bconfirm\b", " ", parsing.clean(arguments), flags=re.IGNORECASE).strip()
        phone_text = TYPED_PHONE.search(who)
        if phone_text is None:
            return say("admin_erase_how")
        try:
            phone = normalise_phone(phone_text.group(0), self.phone_region)
        except InvalidPhoneNumber:
            return say("admin_unknown_person", who=phone_text.group(0))
        person_id = session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.kind == IdentityKind.PHONE, ContactIdentity.address == phone))
        if person_id is None:
            return say("admin_unknown_person", who=phone)
        if person_id == coordinator.id:
            return say("admin_erase_self")
        if not confirmed:
            return say("admin_erase_confirm", who=phone)
        erased = erase_person(session, person_id, now, coordinator.id, "coordinator",
                              offers=self.offers)
        # Two counts in one sentence: each says its own noun in the coordinator's language.
        return say("admin_erased", who=mask_phone(phone),
                   requests=counted_phrase(coordinator.language, "erased.requests",
                                           erased.requests_cancelled),
                   tasks=counted_phrase(coordinator.language, "erased.tasks",
                                        erased.tasks_returned))

    # BROADCAST.

    def broadcast(self, session: Session, coordinator: Person, areas: tuple[str, ...],
                  skill: str | None, text: str, send: bool, channel: str,
                  now: datetime) -> list[Reply]:
        say = self.notifier.speaker(coordinator)
        volunteers = broadcast_audience(session, areas, skill)
        where = ", ".join(areas) or say("broadcast_everywhere")
        what = say(f"category.{skill}").lower() if skill else say("broadcast_any_skill")
        if not send:
            if not volunteers:
                return [Reply(say("broadcast_nobody", where=where, what=what))]
            return [Reply(say("broadcast_preview", count=len(volunteers), where=where, what=what,
                              text=text), (Choice("YES", say("choice.yes")),
                                           Choice("NO", say("choice.no"))))]
        # Spaced out so a big broadcast never crowds out offers and replies in the outbox.
        for position, volunteer in enumerate(volunteers):
            row = queue_message(session, volunteer, say("broadcast_message", hub=self.hub_name,
                                                        text=text), now,
                                self.notifier.enabled_channels, lane=Lane.BROADCASTS)
            row.next_attempt_at = now + BROADCAST_SPACING * position
        audit.record(session, "admin.broadcast_sent", now, actor_id=coordinator.id,
                     channel=channel, count=len(volunteers), areas=list(areas), skill=skill)
        return [Reply(say("broadcast_sent", count=len(volunteers)))]

    def fit(self, session: Session, request: HelpRequest, volunteer: Person,
            now: datetime) -> tuple[tuple[str, ...], str, float | None]:
        """(rules broken, reasons in plain words, distance) for this volunteer and request,
        with the checks that count today."""
        profile = volunteer.volunteer_profile
        if profile.vetting_status != VettingStatus.APPROVED:
            return ("approved",), "", None  # known without a map
        if self.pool is None or request.latitude is None or profile.latitude is None:
            return (), "", None
        candidate = self.pool.volunteer_from(profile, volunteer.first_name, now.date())
        if candidate is None:
            return ("approved",), "", None
        resident = session.get(Person, request.resident_id)
        need = help_needed(request, resident, frozenset())
        broken = failed_rules(candidate, need, self.pool.engine.config)
        distance = float(geodesic_km(profile.latitude, profile.longitude, request.latitude,
                                     request.longitude))
        reasons = f"{distance:.1f} km away"
        if not broken:
            with self.pool.lock:
                self.pool.refresh(session, now.date())
                ranked = self.pool.engine.match(need, 500).candidates
            for ranked_candidate in ranked:
                if ranked_candidate.volunteer_id == volunteer.id:
                    reasons = ranked_candidate.explain(separator="; ")
        return broken, reasons, distance

    def do_find(self, session, coordinator, arguments, now, say) -> str:
        """FIND RM17 6SL shopping: volunteers near a postcode or district. FIND R-7Q4K: near
        that request, for its kind of help. FIND Priya, FIND 07700 900123: who that is."""
        if parsing.find_reference(arguments):
            request, problem = self.request_named(session, arguments, "FIND", say)
            if request is None:
                return problem
            if not request.postcode:
                return say("admin_find_where")
            return self.volunteers_near(session, request.postcode, request.category, say)
        postcodes = parsing.find_postcodes(arguments)
        if not postcodes:
            words = [word.strip(" ,.;:?!") for word in parsing.clean(arguments).upper().split()]
            postcodes = [word for word in words if parsing.OUTWARD_ONLY_PATTERN.match(word)][:1]
        if not postcodes:
            return self.find_person(session, arguments, say)
        skill = parsing.find_category(parsing.clean(arguments).replace(postcodes[0], " "))
        return self.volunteers_near(session, postcodes[0], skill, say)

    def volunteers_near(self, session: Session, postcode: str, skill: str | None,
                        say) -> str:
        """Approved volunteers within FIND_RADIUS_KM of a postcode or district, nearest
        first, only those who do `skill` when one is given."""
        place = self.locate_postcode(postcode)
        if place is None:
            return say("admin_find_where")
        skill_text = f" for {say(f'category.{skill}').lower()}" if skill else ""
        found = []
        rows = session.execute(
            select(VolunteerProfile, Person.first_name).join(
                Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.vetting_status == VettingStatus.APPROVED,
                   VolunteerProfile.left_at.is_(None), VolunteerProfile.latitude.is_not(None),
                   Person.erased_at.is_(None)))
        for profile, name in rows:
            if skill and skill not in (profile.skills or []):
                continue
            km = float(geodesic_km(place.latitude, place.longitude, profile.latitude,
                                   profile.longitude))
            if km <= FIND_RADIUS_KM:
                found.append((km, profile, name))
        if not found:
            return say("admin_find_none", km=int(FIND_RADIUS_KM), postcode=place.postcode,
                       skill=skill_text)
        found.sort(key=lambda item: (item[0], item[1].person_id))
        lines = [say("admin_find_line", name=name or "?", km=f"{km:.1f}",
                     phone=phone_of(session, profile.person_id),
                     skills="/".join(profile.skills or []),
                     paused=" (paused)" if profile.paused else "")
                 for km, profile, name in found[:SHOWN]]
        return say("admin_find", postcode=place.postcode, skill=skill_text, lines="\n".join(lines))

    def find_person(self, session: Session, arguments: str, say) -> str:
        """Someone by phone number or first name, whatever their role."""
        phone_text = TYPED_PHONE.search(arguments)
        if phone_text:
            try:
                phone = normalise_phone(phone_text.group(0), self.phone_region)
            except InvalidPhoneNumber:
                return say("admin_unknown_person", who=phone_text.group(0))
            people, who = people_search.people_with_phone(session, phone), phone
            if not people:
                return say("admin_unknown_person", who=phone)
        else:
            who = vocabulary.search_words(arguments)
            people = people_search.people_named(session, who) if who else []
            if not people and (not who or parsing.find_category(who)):
                return say("admin_find_where")  # "FIND shopping": near where?
            if not people:
                return say("admin_find_nobody", who=who)
        lines = [people_search.describe_person(session, person, say) for person in people[:SHOWN]]
        if len(people) > SHOWN:
            lines.append(say("admin_and_more", count=len(people) - SHOWN))
        return say("admin_find_people", who=who, lines="\n".join(lines))

    def do_stats(self, session, coordinator, arguments, now, say) -> str:
        today = datetime.combine(now.date(), datetime.min.time(), tzinfo=now.tzinfo)
        week = today - timedelta(days=now.weekday())
        this_week = session.execute(
            select(HelpRequest.category, HelpRequest.status, HelpRequest.created_at,
                   HelpRequest.assigned_at)
            .where(HelpRequest.created_at >= week)).all()
        by_kind = Counter(row.category for row in this_week)
        by_status = Counter(row.status for row in this_week)
        none_this_week = say("figures.no_requests")
        waits = [(aware(row.assigned_at, now) - aware(row.created_at, now)).total_seconds()
                 for row in this_week if row.assigned_at is not None]
        today_rows = [row for row in this_week if aware(row.created_at, now) >= today]
        active = session.scalar(select(func.count()).select_from(VolunteerProfile).where(
            VolunteerProfile.vetting_status == VettingStatus.APPROVED,
            VolunteerProfile.paused.is_(False), VolunteerProfile.left_at.is_(None)))
        pending = session.scalar(select(func.count()).select_from(VolunteerProfile).where(
            VolunteerProfile.vetting_status == VettingStatus.PENDING,
            VolunteerProfile.left_at.is_(None)))
        open_concerns = session.scalar(select(func.count()).select_from(Concern).where(
            Concern.status != ConcernStatus.RESOLVED))
        call_outcomes = Counter(session.scalars(select(CheckInCall.outcome).where(
            CheckInCall.due_at >= week, CheckInCall.due_at <= now)))
        calls_missed = sum(call_outcomes[o] for o in (CallOutcome.MISSED, CallOutcome.NOT_CALLED))
        return say("admin_stats", today_requests=len(today_rows),
                   today_done=sum(row.status == RequestStatus.DONE for row in today_rows),
                   week_requests=len(this_week),
                   by_kind=kinds_in_words(by_kind, coordinator.language) or none_this_week,
                   by_status=statuses_in_words(by_status, coordinator.language) or none_this_week,
                   median=how_long(timedelta(seconds=statistics.median(waits))) if waits else "-",
                   active=active, pending=pending, concerns=open_concerns,
                   calls_done=call_outcomes[CallOutcome.DONE], calls_missed=calls_missed,
                   calls_no_answer=call_outcomes[CallOutcome.NO_ANSWER]) + self.money_line(session, say) \
            + self.time_line(session, coordinator.language, now, say)

    def time_line(self, session: Session, language: str, now: datetime, say) -> str:
        """This month's tasks done (and befrienders' calls) and hours given, and who gave most;
        "" before any."""
        month = month_by_volunteer(session, month_start(now.astimezone(self.zone).date()),
                                   self.zone)
        if not month:
            return ""
        def time_given(minutes: int) -> str:  # "time not said" rather than "0 minutes"
            return describe_minutes(language, minutes) if minutes else say("given_unsaid")

        most = ", ".join(say("admin_stats_time_person", name=v.first_name or "?",
                             tasks=describe_help(language, v.tasks, v.calls),
                             hours=time_given(v.minutes))
                         for v in month[:3])
        return "\n" + say("admin_stats_time",
                          tasks=describe_help(language, sum(v.tasks for v in month),
                                              sum(v.calls for v in month)),
                          volunteers=counted_phrase(language, "given.volunteers", len(month)),
                          hours=time_given(sum(v.minutes for v in month)), most=most)

    def money_line(self, session: Session, say) -> str:
        """Shopping money not yet confirmed, and partner needs still open, when there are any."""
        owed = outstanding(session)
        needs = session.scalar(select(func.count()).select_from(PartnerNeed).where(
            PartnerNeed.status == NeedStatus.OPEN))
        if not (owed.awaiting or owed.disputed or needs):
            return ""
        return "\n" + say("admin_stats_money",
                          awaiting_receipts=say("admin_stats_awaiting", count=owed.awaiting),
                          disputed=owed.disputed, amount=pounds(owed.pence), needs=needs)

    # Finding what a coordinator named.

    def request_named(self, session: Session, arguments: str, command: str, say
                      ) -> tuple[HelpRequest | None, str]:
        reference = parsing.find_reference(arguments)
        if reference is None:
            return None, say("admin_which_request", command=command)
        request = session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))
        if request is None:
            return None, say("admin_unknown_request", reference=reference)
        return request, ""

    def volunteer_named(self, session: Session, who: str, say, whole: str | None = None,
                        example: str = "APPROVE Julia ID DBS") -> tuple[Person | None, str]:
        """A volunteer by phone number (anywhere in `whole` or `who`) or by first name;
        `example` is the command shown when no one is named."""
        phone_text = TYPED_PHONE.search(whole or who)
        if phone_text:
            try:
                phone = normalise_phone(phone_text.group(0), self.phone_region)
            except InvalidPhoneNumber:
                return None, say("admin_unknown_volunteer", who=phone_text.group(0))
            people = list(session.scalars(
                select(Person).join(ContactIdentity, ContactIdentity.person_id == Person.id)
                .where(ContactIdentity.kind == IdentityKind.PHONE, ContactIdentity.address == phone)))
            who = phone
        else:
            name = parsing.clean(who).strip(" ,.")
            if not name:
                return None, say("admin_which_volunteer", example=example)
            people = list(session.scalars(
                select(Person).where(func.lower(Person.first_name) == name.lower(),
                                     Person.erased_at.is_(None)).order_by(Person.id)))
            who = name
        volunteers = [p for p in people if p.volunteer_profile is not None
                      and p.volunteer_profile.left_at is None]
        if not volunteers:
            return None, say("admin_unknown_volunteer", who=who)
        if len(volunteers) > 1:
            options = ", ".join(phone_of(session, p.id) for p in volunteers)
            return None, say("admin_ambiguous_volunteer", who=who, options=options)
        return volunteers[0], ""


def exporters() -> dict[str, Callable[[Session, TextIO], int]]:
    """EXPORT's CSV writers by name, as `neighbourly export` and the dashboard use them."""
    # Imported here: volunteers_csv imports bot.services.running.effects, which imports this module.
    from bot.services.coordinating.exports import export_calls, export_requests
    from bot.services.people.volunteers_csv import export_volunteers

    return {"requests": export_requests, "volunteers": export_volunteers, "calls": export_calls}


def broadcast_audience(session: Session, areas: tuple[str, ...], skill: str | None
                       ) -> list[Person]:
    """Approved, active volunteers in those districts with that skill who still take texts."""
    people = session.scalars(
        select(Person).join(VolunteerProfile, VolunteerProfile.person_id == Person.id)
        .where(VolunteerProfile.vetting_status == VettingStatus.APPROVED,
               VolunteerProfile.paused.is_(False), VolunteerProfile.left_at.is_(None),
               Person.erased_at.is_(None))
        .order_by(Person.id)).all()
    chosen = []
    for person in people:
        profile = person.volunteer_profile
        if skill and skill not in (profile.skills or []):
            continue
        if areas and district_of(profile.postcode) not in areas:
            continue
        if person.identities and all(i.opted_out_at for i in person.identities):
            continue  # said STOP: a broadcast must not reach them
        chosen.append(person)
    return chosen


def phones_for_show(session: Session, request: HelpRequest, resident: Person | None,
                    say) -> str:
    """The numbers SHOW gives: the resident's; a landline a coordinator took
    (bot/services/help_requests/intake.py) when they have no other; and, for calls to
    someone they wrote for, that person's number beside theirs."""
    own = phone_of(session, resident.id) if resident else "-"
    if not request.phone_to_ring:
        return own
    if not request.helped_relation or not own.startswith("+"):
        return request.phone_to_ring
    return say("admin_show_phones", phone=own, helped=helped_by(request, resident, say),
               ring=request.phone_to_ring)


def queue_state(session: Session, request: HelpRequest, today: date, say) -> str | None:
    """Why a request is in the queue, or None when it is in hand."""
    if request.status in (RequestStatus.NEW, RequestStatus.MATCHING):
        return say("admin_state_unmatched", reason=request.unmatched_reason or "not matched yet")
    if request.status == RequestStatus.OFFERED:
        waiting = session.scalar(select(func.count()).select_from(Offer).where(
            Offer.request_id == request.id, Offer.status == OfferStatus.OFFERED))
        return say("admin_state_offered", count=waiting)
    if request.needed_on is not None and request.needed_on < today:
        volunteer = session.get(Person, request.assigned_volunteer_id)
        return say("admin_state_overdue", volunteer=name_of(volunteer))
    return None


def after_reference(arguments: str) -> tuple[str, bool]:
    """ASSIGN / HANDOVER R-7Q4K [to] Julia [OVERRIDE] [note]: the words after the reference,
    and whether OVERRIDE was among them."""
    rest = parsing.REFERENCE_PATTERN.sub(" ", parsing.clean(arguments))
    override = re.search(r"\boverride\b", rest, re.IGNORECASE) is not None
    rest = re.sub(r"\boverride\b", " ", rest, flags=re.IGNORECASE).strip()
    return re.sub(r"^to\b\s*", "", rest, flags=re.IGNORECASE), override


def suspension_news(done: Suspension, say) -> str:
    """What became of the suspended volunteer's tasks and calls, for the coordinator."""
    news = ""
    if done.tasks_returned:
        news += say("admin_tasks_returned", references=", ".join(done.tasks_returned))
    if done.calls_held:
        news += say("admin_calls_held", references=", ".join(done.calls_held),
                    example=done.calls_held[0])
    if done.places_given_back:
        news += say("admin_places_given_back", references=", ".join(done.places_given_back))
    return news


def checks_held_text(profile: VolunteerProfile) -> str:
    held = [name for name, on in (("ID", profile.id_checked_on), ("DBS", profile.dbs_checked_on),
                                  ("training", profile.training_completed_on)) if on]
    return ", ".join(held)


def stamp(moment: datetime | None) -> str:
    return moment.strftime("%-d %b %H:%M") if moment else "-"
