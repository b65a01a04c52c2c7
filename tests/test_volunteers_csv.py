"""Importing and exporting volunteers as CSV."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.services.help_requests.matching import VolunteerPool, checks_held
from bot.services.shared.unit_of_work import UnitOfWork
from bot.services.people.volunteers_csv import (
    HEADER,
    RowError,
    export_volunteers,
    import_volunteers,
    parse_checks,
    parse_skills_cell,
)
from fakes import KNOWN_POSTCODES, FakePostcodeLocator
from matching import MatchConfig
from models import ContactIdentity, HelpRequest, Person, VolunteerProfile

GOOD_AND_BAD = """name,phone,telegram_id,postcode,radius_km,skills,availability,languages,age_band,experience,vetted
Ian,07700 900001,,RM17 6SL,5,shopping;befriending,mon_evening;sat_morning,en,65-74,Cared for my mum who had dementia,yes
Julia,+447700900002,123456,RM16 2XU,3,shopping;dog walking,weekday evenings,en;pl,35-44,,id;dbs
NoPhone,,,RM17 6SL,3,shopping,mon_morning,en,,,no
Bad Postcode,07700900004,,NOT A POSTCODE,3,shopping,mon_morning,en,,,no
Skills,07700900005,,RM17 6SL,3,juggling,mon_morning,en,,,no
Radius,07700900006,,RM17 6SL,far,shopping,mon_morning,en,,,no
Slots,07700900007,,RM17 6SL,3,shopping,someday,en,,,no
Age,07700900008,,RM17 6SL,3,shopping,mon_morning,en,ancient,,no
,07700900009,,RM17 6SL,3,shopping,mon_morning,en,,,no
Ian again,07700 900001,,RM17 6SL,5,shopping,mon_evening,en,,,no
"""


def run_import(hub, text, config=None):
    with UnitOfWork(hub.session_factory) as uow:
        report = import_volunteers(uow.session, io.StringIO(text), FakePostcodeLocator(),
                                   hub.clock(), config=config)
        uow.commit()
    return report


def profile_of(hub, name) -> VolunteerProfile:
    with hub.session_factory() as session:
        person = session.scalars(select(Person).where(Person.first_name == name)).one()
        profile = person.volunteer_profile
        session.expunge_all()
        return profile


def rows(*lines, header="name,phone,telegram_id,postcode,radius_km,skills,availability,"
                        "languages,age_band,experience,vetted,checks"):
    return header + "\n" + "".join(line + "\n" for line in lines)


def test_invalid_rows_are_reported_by_line_and_valid_ones_kept(hub):
    report = run_import(hub, GOOD_AND_BAD)
    assert report.added == 2
    lines = dict(report.errors)
    assert set(lines) == {4, 5, 6, 7, 8, 9, 10, 11}
    assert "phone or a telegram_id" in lines[4]
    assert "not a UK postcode" in lines[5]
    assert "juggling" in lines[6]
    assert "not a number" in lines[7]
    assert "someday" in lines[8]
    assert "ancient" in lines[9]
    assert "name" in lines[10]
    assert "earlier in this file" in lines[11]
    with hub.session_factory() as session:
        julia = session.scalars(select(Person).where(Person.first_name == "Julia")).one()
        profile = julia.volunteer_profile
        assert profile.vetting_status == "approved"
        assert profile.dbs_checked_on is not None and profile.training_completed_on is None
        assert profile.availability == [f"{d}_evening" for d in ("mon", "tue", "wed", "thu", "fri")]
        assert sorted(i.kind for i in julia.identities) == ["phone", "telegram"]


def test_importing_the_same_file_again_updates_and_never_duplicates(hub):
    run_import(hub, GOOD_AND_BAD)
    again = run_import(hub, GOOD_AND_BAD.replace("RM17 6SL,5,", "RM17 5AA,8,", 1))
    assert again.added == 0 and again.updated == 2
    with hub.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(VolunteerProfile)) == 2
        assert session.scalar(select(func.count()).select_from(ContactIdentity)) == 3
        ian = session.scalars(select(Person).where(Person.first_name == "Ian")).one()
        assert ian.volunteer_profile.postcode == "RM17 5AA"
        assert ian.volunteer_profile.travel_radius_km == 8


def test_a_file_without_the_right_columns_is_refused_whole(hub):
    report = run_import(hub, "name,phone\nIan,07700900001\n")
    assert report.added == 0
    assert report.errors[0][0] == 1 and "missing column" in report.errors[0][1]


def test_export_round_trips_through_import(hub):
    run_import(hub, GOOD_AND_BAD)
    out = io.StringIO()
    with hub.session_factory() as session:
        assert export_volunteers(session, out) == 2
    exported = out.getvalue()
    assert exported.splitlines()[0] == ",".join(HEADER)
    again = run_import(hub, exported)
    assert again.errors == [] and again.updated == 2 and again.added == 0


def test_an_import_approves_only_with_an_id_check_and_never_lifts_a_suspension(hub):
    header = ",".join(HEADER)
    first = (f"{header}\n"
             "Kim,07700900011,,RM17 6SL,3,shopping,mon_morning,en,,,dbs;training\n"
             "Lee,07700900012,,RM17 6SL,3,shopping,mon_morning,en,,,yes\n")
    report = run_import(hub, first)
    assert report.added == 2 and not report.errors
    assert [line for line, _ in report.not_approved] == [2]
    assert "no ID check" in report.not_approved[0][1]

    def status(name):
        with hub.session_factory() as session:
            person = session.scalars(select(Person).where(Person.first_name == name)).one()
            return person.volunteer_profile.vetting_status, person.volunteer_profile.dbs_checked_on

    kim_status, kim_dbs = status("Kim")
    assert kim_status == "pending" and kim_dbs is not None  # the checks are kept all the same
    assert status("Lee")[0] == "approved"
    with UnitOfWork(hub.session_factory) as uow:
        lee = uow.session.scalars(select(Person).where(Person.first_name == "Lee")).one()
        lee.volunteer_profile.vetting_status = "suspended"
        uow.commit()
    again = run_import(hub, first.replace("dbs;training", "id;dbs;training"))
    assert [line for line, _ in again.not_approved] == [3]
    assert "suspended" in again.not_approved[0][1]
    assert status("Kim")[0] == "approved" and status("Lee")[0] == "suspended"


# The checks column (issue 17): which checks, and when each runs out.

@pytest.mark.parametrize("cell, checks", [
    ("id;dbs;training", {"id": None, "dbs": None, "training": None}),
    ("ID, DBS check, trained", {"id": None, "dbs": None, "training": None}),
    ("id dbs:2027-03-31 training", {"id": None, "dbs": date(2027, 3, 31), "training": None}),
    ("Photo ID; enhanced DBS until 31/03/2027; befriending training: 2026-12-31",
     {"id": None, "dbs": date(2027, 3, 31), "training": date(2026, 12, 31)}),
    ("dbs_enhanced;befriending_training", {"dbs": None, "training": None}),
    ("", {}),
    ("none", {}),
    ("N/A", {}),
])
def test_the_checks_column_reads_everyday_names_separators_and_expiry_dates(cell, checks):
    assert parse_checks(cell, "checks") == checks


@pytest.mark.parametrize("cell, problem", [
    ("yes", "unknown check 'yes'"),
    ("id;fingerprints", "unknown check 'fingerprints'"),
    ("dbs:2027-02-30", "not a date"),
    ("2027-03-31", "follows no check"),
    ("basic dbs", "not the enhanced one"),
])
def test_a_check_that_cannot_be_read_says_which_names_work(cell, problem):
    with pytest.raises(RowError) as raised:
        parse_checks(cell, "checks")
    assert problem in str(raised.value)
    if "unknown" in problem:
        assert "use id, dbs and training" in str(raised.value)


def test_the_checks_column_is_stored_with_its_expiry_dates_and_approves_with_an_id(hub):
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping;befriending,mon_morning,en,,,,"
        "id;dbs:2027-03-31;training:2026-12-31"))
    assert report.added == 1 and report.errors == [] and report.warnings == []
    priya = profile_of(hub, "Priya")
    assert priya.vetting_status == "approved"
    assert priya.id_checked_on == priya.dbs_checked_on == priya.training_completed_on \
        == date(2026, 11, 24)
    assert (priya.id_check_expires_on, priya.dbs_expires_on, priya.training_expires_on) == (
        None, date(2027, 3, 31), date(2026, 12, 31))
    # A file from before the checks column (vetted alone) is still read.
    old = run_import(hub, GOOD_AND_BAD)
    assert old.added == 2 and 1 not in dict(old.errors)


def test_a_file_needs_the_checks_or_the_vetted_column(hub):
    report = run_import(hub, rows("Priya,07700900021,,RM17 6SL,3,shopping,mon_morning,en,,",
                                  header=",".join(HEADER[:-2])))
    assert report.added == 0
    assert "checks (or vetted)" in report.errors[0][1]


def test_vetted_yes_is_an_id_check_only_and_the_import_says_so(hub):
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping;befriending,mon_morning,en,,,yes,",
        "Omar,07700900022,,RM17 6SL,3,shopping,mon_morning,en,,,yes,id;dbs",
        "Lee,07700900023,,RM17 6SL,3,shopping,mon_morning,en,,,id;dbs,"))
    assert report.warnings == [(2, ("Priya: 'vetted=yes' is read as an ID check only, not a DBS "
                                    "check or training; use the checks column (id;dbs;training) "
                                    "to say more"))]
    priya = profile_of(hub, "Priya")
    assert priya.vetting_status == "approved" and priya.id_checked_on is not None
    assert priya.dbs_checked_on is None and priya.training_completed_on is None
    assert profile_of(hub, "Omar").dbs_checked_on is not None


# Skills in everyday words.

@pytest.mark.parametrize("cell, skills", [
    ("phone calls", ["befriending"]),
    ("Befriending; a chat, calls", ["befriending"]),
    ("driving", ["transport"]),
    ("Lifts;driver;car", ["transport"]),
    ("groceries,  Shopping ", ["shopping"]),
    ("prescriptions;pharmacy", ["prescription"]),
    ("dog walking;Dogs;dog_walking", ["dog_walking"]),
    ("Phone calls, driving", ["befriending", "transport"]),
    ("shopping and lifts", ["shopping", "transport"]),
])
def test_skills_are_read_in_everyday_words(cell, skills):
    assert parse_skills_cell(cell) == skills


def test_an_unknown_skill_lists_the_names_that_work(hub):
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,juggling,mon_morning,en,,,,id",
        "Omar,07700900022,,RM17 6SL,3,Phone calls;Driving,mon_morning,en,,,,id"))
    assert report.added == 1
    (line, problem), = report.errors
    assert line == 2 and "unknown skill 'juggling'" in problem
    assert "shopping, prescription, befriending, dog walking, transport and other" in problem
    assert profile_of(hub, "Omar").skills == ["befriending", "transport"]


# What they can be offered, by matching's rules.

def test_the_report_says_what_the_volunteers_can_and_cannot_be_offered(hub):
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping;befriending,mon_morning,en,,,yes,",
        "Omar,07700900022,,RM17 6SL,3,shopping;befriending,mon_morning,en,,,,id;dbs;training",
        "Lee,07700900023,,RM17 6SL,3,shopping,mon_morning,en,,,yes,",
        "Kim,07700900024,,RM17 6SL,3,dog walking,mon_morning,en,,,,dbs",
        "Ann,07700900025,,RM17 6SL,3,shopping,mon_morning,en,,,,id;dbs:2026-11-01"))
    assert report.what_they_can_be_offered() == [
        "1 can be offered shopping",
        "2 can't be offered shopping: no DBS check",
        "1 can't be offered shopping: DBS check ran out",
        "1 can be offered befriending",
        "1 can't be offered befriending: no befriending training",
        "0 can be offered dog walking",
        "1 can't be offered dog walking: pending approval; no ID check",
    ]
    assert (6, ("Ann: the DBS check ran out on 2026-11-01, so it does not count until "
                "renewed")) in report.warnings


def test_the_report_follows_the_hubs_own_rule_for_which_checks_each_kind_needs(hub):
    lenient = MatchConfig(required_checks={"shopping": frozenset({"id"})})
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,mon_morning,en,,,yes,"), config=lenient)
    assert report.what_they_can_be_offered() == ["1 can be offered shopping"]


# Checks that run out stop counting.

def shopping_near(postcode: str) -> HelpRequest:
    latitude, longitude = KNOWN_POSTCODES[postcode]
    return HelpRequest(id=1, resident_id=0, category="shopping", details="",
                       latitude=latitude, longitude=longitude, needed_on=None,
                       resident_age_band=None)


def test_an_expired_check_counts_no_more_for_matching(hub, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-12-01",
        "Omar,07700900022,,RM17 5AA,3,shopping,every day,en,,,,id;dbs"))
    # Their profiles last changed a day ago, and someone else's since: the pool reads
    # Priya again only because her check runs out, not because her row changed.
    with hub.session_factory.begin() as session:
        session.execute(update(VolunteerProfile).values(
            updated_at=datetime.now(UTC) - timedelta(days=1)))
    run_import(hub, rows("Zed,07700900029,,CM1 1AA,3,dog walking,every day,en,,,,id"))
    pool = VolunteerPool()
    request = shopping_near("RM17 6SL")

    def ranked() -> tuple[list[str], str | None]:
        with hub.session_factory() as session:
            found, why_not = pool(session, request, frozenset(), 5, clock())
            names = [session.get(Person, v.volunteer_id).first_name for v in found]
        return names, why_not

    assert ranked() == (["Priya", "Omar"], None)
    clock.now = clock.now.replace(month=12, day=1, hour=23)  # the last day it counts
    assert ranked()[0] == ["Priya", "Omar"]
    clock.advance(hours=2)  # 2 December: run out, though nothing in the database changed
    assert ranked()[0] == ["Omar"]
    assert checks_held(profile_of(hub, "Priya"), clock().date()) == {"id"}
    # Renewed in a later import with a new date: she is offered help again.
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2029-12-01"))
    assert ranked()[0] == ["Priya", "Omar"]


def test_nobody_in_date_is_the_missing_checks_rejection(hub, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-11-30"))
    pool = VolunteerPool()
    clock.advance(days=7)
    with hub.session_factory() as session:
        found, why_not = pool(session, shopping_near("RM17 6SL"), frozenset(), 5, clock())
    assert found == [] and "DBS" in why_not


class CountingPool(VolunteerPool):
    """The real pool, noting whose profiles it reads."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[int] = []

    def read_profile(self, profile, first_name, erased_at, today) -> None:
        self.read.append(profile.person_id)
        super().read_profile(profile, first_name, erased_at, today)


def test_the_pool_reads_again_only_the_profiles_that_changed(hub, clock):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs",
        "Omar,07700900022,,RM17 5AA,3,shopping,every day,en,,,,id;dbs"))
    priya, omar = profile_of(hub, "Priya").person_id, profile_of(hub, "Omar").person_id
    pool = CountingPool()

    def ranked() -> list[str]:
        with hub.session_factory() as session:
            found, _ = pool(session, shopping_near("RM17 6SL"), frozenset(), 5, clock())
            return [session.get(Person, v.volunteer_id).first_name for v in found]

    assert ranked() == ["Priya", "Omar"]
    assert sorted(pool.read) == sorted([priya, omar])
    # Both changed a moment ago, inside the look-back margin, and not since: in a surge
    # with hundreds of such profiles, none is read again for the next request.
    pool.read.clear()
    assert ranked() == ["Priya", "Omar"]
    assert pool.read == []
    # Priya pauses in a transaction that commits late, stamped before the newest change
    # the pool has seen: the margin still finds her, and only her.
    with hub.session_factory.begin() as session:
        session.execute(update(VolunteerProfile).where(VolunteerProfile.person_id == priya)
                        .values(paused=True, updated_at=pool.read_up_to - timedelta(seconds=30)))
    assert ranked() == ["Omar"]
    assert pool.read == [priya]
    # A new name alone (the profile row untouched) is read too.
    pool.read.clear()
    with hub.session_factory.begin() as session:
        session.execute(update(Person).where(Person.id == omar).values(first_name="Omari"))
    assert ranked() == ["Omari"]
    assert pool.read == [omar]


def test_an_id_check_already_run_out_does_not_approve(hub):
    report = run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,dog walking,every day,en,,,,id:2026-01-31"))
    assert profile_of(hub, "Priya").vetting_status == "pending"
    assert "ran out on 2026-01-31" in report.not_approved[0][1]


def test_export_writes_the_checks_with_their_dates_and_reads_back_the_same(hub):
    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2027-03-31;training"))
    out = io.StringIO()
    with hub.session_factory() as session:
        export_volunteers(session, out)
    line = out.getvalue().splitlines()[1]
    assert line.endswith(",,id;dbs:2027-03-31;training")
    again = run_import(hub, out.getvalue())
    assert again.errors == [] and again.warnings == [] and again.updated == 1
    assert profile_of(hub, "Priya").dbs_expires_on == date(2027, 3, 31)


def test_renewing_with_approve_forgets_the_old_expiry(hub, carol, clock):
    from test_offers import say

    run_import(hub, rows(
        "Priya,07700900021,,RM17 6SL,3,shopping,every day,en,,,,id;dbs:2026-11-30"))
    clock.advance(days=10)
    assert "approved" in say(hub, carol, "APPROVE Priya DBS").replies[0].body
    priya = profile_of(hub, "Priya")
    assert priya.dbs_expires_on is None and priya.dbs_checked_on == clock().date()
    assert checks_held(priya, clock().date() + timedelta(days=1000)) == {"id", "dbs_enhanced"}
