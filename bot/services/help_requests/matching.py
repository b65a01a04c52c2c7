"""Matching against the database: volunteers kept in the in-memory engine, requests ranked.

`matching/` knows nothing of the database. This module turns rows into its
plain data: each ranking first catches up with volunteer profiles changed
since the last look (by `VolunteerProfile.updated_at`, so every server
process keeps its own engine current without a full reload), then sets the
workload of everyone who has had tasks recently, then ranks. A check with an
expiry date stops counting the day after it: volunteers whose check has run out
since they were read are read again, so nothing in the database need change.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import SUPPORTED_LANGUAGES
from bot.services.help_requests.offers import RankedVolunteer
from bot.settings import Settings
from matching import (
    AGE_BANDS,
    CATEGORIES,
    CHECKS,
    DAY_PARTS,
    DAYS,
    DEFAULT_REQUIRED_CHECKS,
    SLOTS,
    Candidate,
    HelpNeeded,
    MatchConfig,
    MatchingEngine,
    MatchResult,
    ScoreWeights,
    Volunteer,
    assign_exact,
    assign_greedy_nearest,
)
from models import HelpRequest, Person, RequestStatus, VolunteerProfile

# Tasks older than this no longer count against a volunteer for fairness.
FAIRNESS_WINDOW = timedelta(days=28)
# A profile committed a moment after we looked may carry an earlier
# updated_at than the newest we saw; looking back this far catches it.
REREAD_MARGIN = timedelta(minutes=2)
# Profiles read by id at a time: well inside every database's limit on bound values.
READ_AT_ONCE = 500
COUNTED_STATUSES = (RequestStatus.ASSIGNED, RequestStatus.DONE)


def match_config(settings: Settings) -> MatchConfig:
    checks = dict(DEFAULT_REQUIRED_CHECKS)
    checks.update(settings.check_overrides())
    weights = replace(ScoreWeights(), **settings.weight_overrides())
    return MatchConfig(required_checks=checks, weights=weights)


class VolunteerPool:
    """The ranker the offer service uses: a `MatchingEngine` kept in step with the database."""

    def __init__(self, config: MatchConfig | None = None, *,
                 backlog_method: str = "exact", backlog_candidates: int = 10) -> None:
        self.engine = MatchingEngine(config=config)
        # How a backlog is assigned: "exact" (the hub's way), or "greedy_nearest", the
        # nearest-first baseline it is measured against (tests, benchmarks).
        if backlog_method not in ("exact", "greedy_nearest"):
            raise ValueError(f"unknown backlog method {backlog_method!r}")
        self.backlog_method = backlog_method
        # Each waiting request's best few are enough for the solver to trade between.
        self.backlog_candidates = backlog_candidates
        self.read_up_to: datetime | None = None
        # Volunteer -> what their profile was read with (updated_at, first name, erased_at).
        self.read_versions: dict[int, tuple] = {}
        self.workloads: dict[int, tuple[int, int]] = {}  # volunteer -> (this week, recent)
        # Volunteer -> the first day one of the checks they were read with stops counting.
        self.lapses: dict[int, date] = {}
        # Web requests are served from a thread pool; the engine is not thread-safe.
        self.lock = threading.Lock()

    def __call__(self, session: Session, request: HelpRequest, exclude: frozenset[int],
                 limit: int, now: datetime) -> tuple[list[RankedVolunteer], str | None]:
        if request.latitude is None or request.longitude is None:
            return [], "the request has no location: a coordinator should call the resident"
        resident = session.get(Person, request.resident_id)
        need = help_needed(request, resident, exclude)
        with self.lock:
            self.refresh(session, now.date())
            self.remember_helpers_of(session, request.resident_id)
            self.update_workloads(session, now)
            result = self.engine.match(need, limit)
        if not result:
            return [], why_nobody(result)
        return [ranked_volunteer(candidate) for candidate in result.candidates], None

    def assign_backlog(self, session: Session, requests: Sequence[HelpRequest],
                       exclude: Mapping[int, frozenset[int]], offers_open: Mapping[int, int],
                       now: datetime) -> BacklogAssignment:
        """One volunteer for as many of `requests` as can have one, all at once.

        Each request's candidates are found exactly as for a single offer (the same
        rules, scores and reasons, `exclude` holding who it was offered to before); then
        the exact solver picks the pairs, each volunteer within what they can still take
        this week less the offers they hold open (`offers_open`), so nobody is offered
        more than they could accept. It helps as many people as can be helped first, and
        among those ways the one with the best total score: a second person helped is
        worth more than a closer match for one."""
        residents = {person.id: person for person in session.scalars(
            select(Person).where(Person.id.in_({r.resident_id for r in requests})))}
        needs = [help_needed(request, residents.get(request.resident_id),
                             exclude.get(request.id, frozenset())) for request in requests]
        with self.lock:
            self.refresh(session, now.date())
            self.remember_helpers_of(session, *residents)
            self.update_workloads(session, now)
            results = self.engine.match_many(needs, self.backlog_candidates)
            candidates = {request_id: result.candidates for request_id, result in results.items()}
            capacity = {volunteer_id: left - offers_open.get(volunteer_id, 0) for volunteer_id, left
                        in self.engine.remaining_capacity_of(candidates).items()}
        started = time.perf_counter()
        if self.backlog_method == "greedy_nearest":
            result = assign_greedy_nearest(candidates, capacity)
        else:
            result = assign_exact(candidates, capacity, prefer_more_matches=True)
        solver_seconds = time.perf_counter() - started
        chosen = {}
        for request_id, volunteer_id in result.assignments.items():
            candidate = next(c for c in candidates[request_id] if c.volunteer_id == volunteer_id)
            chosen[request_id] = ranked_volunteer(candidate)
        reasons = {request_id: why_nobody(found) if not found else
                   "every volunteer who could help already has as many offers as they can take"
                   for request_id, found in results.items() if request_id not in chosen}
        return BacklogAssignment(chosen, reasons, solver_seconds)

    def refresh(self, session: Session, today: date) -> None:
        """Bring the engine up to date for `today` (call with `lock` held)."""
        self.catch_up(session, today)
        self.reread_lapsed(session, today)

    def catch_up(self, session: Session, today: date) -> None:
        """Load every volunteer profile changed since the last look."""
        profiles = select(VolunteerProfile, Person.first_name, Person.erased_at).join(
            Person, Person.id == VolunteerProfile.person_id)
        if self.read_up_to is None:
            self.read_rows(session.execute(profiles), today)
            return
        # The look-back margin covers every profile changed in the last two minutes, which
        # in a surge is hundreds of sign-ups and approvals: re-reading them all for every
        # new request cost three quarters of the hub's time (py-spy, benchmarks/surge.py).
        # So only what the engine was given is read for the margin, and the whole profile
        # only where that differs from what the engine already has.
        seen = session.execute(
            select(VolunteerProfile.person_id, VolunteerProfile.updated_at, Person.first_name,
                   Person.erased_at)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.updated_at >= self.read_up_to - REREAD_MARGIN)).all()
        changed = [row.person_id for row in seen
                   if self.read_versions.get(row.person_id) != tuple(row[1:])]
        for start in range(0, len(changed), READ_AT_ONCE):
            self.read_rows(session.execute(profiles.where(
                VolunteerProfile.person_id.in_(changed[start:start + READ_AT_ONCE]))), today)
        self.read_up_to = max([self.read_up_to, *(row.updated_at for row in seen)])

    def read_rows(self, rows, today: date) -> None:
        for profile, first_name, erased_at in rows:
            self.read_profile(profile, first_name, erased_at, today)
            self.read_versions[profile.person_id] = (profile.updated_at, first_name, erased_at)
            if self.read_up_to is None or profile.updated_at > self.read_up_to:
                self.read_up_to = profile.updated_at

    def reread_lapsed(self, session: Session, today: date) -> None:
        """Read again the volunteers one of whose checks has run out since they were read."""
        lapsed = [volunteer_id for volunteer_id, day in self.lapses.items() if day <= today]
        if not lapsed:
            return
        rows = session.execute(
            select(VolunteerProfile, Person.first_name, Person.erased_at)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.person_id.in_(lapsed)))
        found = set()
        for profile, first_name, erased_at in rows:
            found.add(profile.person_id)
            self.read_profile(profile, first_name, erased_at, today)
        for volunteer_id in set(lapsed) - found:  # gone from the database altogether
            self.lapses.pop(volunteer_id, None)
            self.engine.remove(volunteer_id)

    def read_profile(self, profile: VolunteerProfile, first_name: str | None,
                     erased_at: datetime | None, today: date) -> None:
        volunteer = None if erased_at else self.volunteer_from(profile, first_name, today)
        if volunteer is None:
            self.engine.remove(profile.person_id)
            self.lapses.pop(profile.person_id, None)
            return
        self.engine.upsert(volunteer)
        lapse = next_lapse(profile, today)
        if lapse is None:
            self.lapses.pop(profile.person_id, None)
        else:
            self.lapses[profile.person_id] = lapse

    def volunteer_from(self, profile: VolunteerProfile, first_name: str | None,
                       today: date) -> Volunteer | None:
        """The engine's view of a profile on `today` (checks that have run out do not
        count); None for someone who cannot be matched at all."""
        return volunteer_of(profile, first_name, today,
                            self.workloads.get(profile.person_id, (0, 0)))

    def remember_helpers_of(self, session: Session, *resident_ids: int) -> None:
        """Continuity: who has helped these residents before."""
        helpers = session.execute(select(HelpRequest.assigned_volunteer_id,
                                         HelpRequest.resident_id).distinct().where(
            HelpRequest.resident_id.in_(resident_ids), HelpRequest.status.in_(COUNTED_STATUSES),
            HelpRequest.assigned_volunteer_id.is_not(None)))
        for volunteer_id, resident_id in helpers:
            if volunteer_id in self.engine:
                # record_help also counts a task; update_workloads sets the true counts after.
                self.engine.record_help(volunteer_id, resident_id)
                self.workloads.setdefault(volunteer_id, (0, 0))

    def update_workloads(self, session: Session, now: datetime) -> None:
        """Tasks this week (for the weekly cap) and in the last four weeks (for fairness)."""
        week_start = datetime.combine(now.date() - timedelta(days=now.weekday()),
                                      datetime.min.time(), tzinfo=now.tzinfo)
        rows = session.execute(
            select(HelpRequest.assigned_volunteer_id,
                   func.sum(case((HelpRequest.assigned_at >= week_start, 1), else_=0)),
                   func.count())
            .where(HelpRequest.assigned_volunteer_id.is_not(None),
                   HelpRequest.status.in_(COUNTED_STATUSES),
                   HelpRequest.assigned_at >= now - FAIRNESS_WINDOW)
            .group_by(HelpRequest.assigned_volunteer_id))
        current = {volunteer_id: (int(week or 0), int(recent)) for volunteer_id, week, recent in rows}
        for volunteer_id in current.keys() | self.workloads.keys():
            if volunteer_id in self.engine:
                this_week, recent = current.get(volunteer_id, (0, 0))
                self.engine.set_workload(volunteer_id, tasks_this_week=this_week,
                                         recent_tasks=recent)
        self.workloads = current


@dataclass(frozen=True)
class BacklogAssignment:
    """A backlog assigned at once: the volunteer to offer each request to, why the others
    have nobody, and how long the solver itself took."""

    offers: dict[int, RankedVolunteer]  # request id -> its volunteer
    unmatched: dict[int, str]  # request id -> why nobody, in plain words
    solver_seconds: float


def ranked_volunteer(candidate: Candidate) -> RankedVolunteer:
    """A candidate as the offer service stores and words it, with the reasons in every
    language the hub writes."""
    return RankedVolunteer(candidate.volunteer_id, candidate.score, candidate.distance_km,
                           candidate.explain(separator="; "),
                           {language: candidate.explain(language, separator="; ")
                            for language in SUPPORTED_LANGUAGES})


def why_nobody(result: MatchResult) -> str:
    return result.rejection.describe() if result.rejection else "no suitable volunteer"


def volunteer_of(profile: VolunteerProfile, first_name: str | None, today: date,
                 workload: tuple[int, int] = (0, 0)) -> Volunteer | None:
    """Matching's view of a profile on `today`, with its workload (tasks this week, in the
    last four weeks); None for someone who cannot be matched at all."""
    if profile.left_at is not None or profile.latitude is None or profile.longitude is None:
        return None
    this_week, recent = workload
    return Volunteer(
        volunteer_id=profile.person_id,
        first_name=first_name or "",
        latitude=profile.latitude,
        longitude=profile.longitude,
        travel_radius_km=max(0.0, profile.travel_radius_km or 0.0),
        # Anything outside the shared vocabulary (an old import, a typo) is
        # left out rather than stopping every match.
        skills=frozenset(profile.skills or ()) & set(CATEGORIES),
        availability=frozenset(profile.availability or ()) & set(SLOTS),
        languages=frozenset(profile.languages or ("en",)),
        age_band=profile.age_band if profile.age_band in AGE_BANDS else None,
        lived_experience=profile.lived_experience or "",
        vetting=profile.vetting_status,
        checks=checks_held(profile, today),
        paused=profile.paused,
        weekly_cap=max(0, profile.weekly_task_cap),
        tasks_this_week=this_week,
        recent_tasks=recent,
        helped_resident_ids=frozenset(),
    )


# The checks a profile records, by matching's name: when done, and when it runs out.
CHECK_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("id", "id_checked_on", "id_check_expires_on"),
    ("dbs_enhanced", "dbs_checked_on", "dbs_expires_on"),
    ("befriending_training", "training_completed_on", "training_expires_on"),
)


def checks_recorded(profile: VolunteerProfile) -> dict[str, date | None]:
    """Every check done, by matching's name: its expiry date (None: it does not run out)."""
    return {check: getattr(profile, expires) for check, done, expires in CHECK_FIELDS
            if getattr(profile, done) is not None and check in CHECKS}


def checks_held(profile: VolunteerProfile, today: date) -> frozenset[str]:
    """The checks that count on `today`: done, and not run out. A check counts on its
    expiry date and stops counting the day after, for matching as for partners' needs."""
    return frozenset(check for check, expires in checks_recorded(profile).items()
                     if expires is None or today <= expires)


def next_lapse(profile: VolunteerProfile, today: date) -> date | None:
    """The first day after `today` on which a check that counts today stops counting."""
    days = [expires + timedelta(days=1) for expires in checks_recorded(profile).values()
            if expires is not None and today <= expires]
    return min(days, default=None)


def help_needed(request: HelpRequest, resident: Person | None,
                exclude: frozenset[int]) -> HelpNeeded:
    return HelpNeeded(
        request_id=request.id,
        resident_id=request.resident_id,
        resident_first_name=(resident.first_name if resident else None) or "",
        category=request.category if request.category in CATEGORIES else "other",
        latitude=request.latitude,
        longitude=request.longitude,
        slots=slots_for(request.needed_on, request.needed_when_text),
        language=(resident.language if resident else None) or "en",
        age_band=request.resident_age_band if request.resident_age_band in AGE_BANDS else None,
        circumstances=request.details or "",
        exclude_volunteer_ids=exclude,
    )


def slots_for(needed_on: date | None, when_text: str | None) -> frozenset[str] | None:
    """The availability slots that fit when help is needed; None when any time will do."""
    if needed_on is None:
        return None
    words = (when_text or "").lower()
    parts = [part for part in DAY_PARTS if part in words] or list(DAY_PARTS)
    day = DAYS[needed_on.weekday()]
    return frozenset(f"{day}_{part}" for part in parts)
