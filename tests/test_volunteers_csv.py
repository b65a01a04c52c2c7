"""Importing and exporting volunteers as CSV."""

import io

from sqlalchemy import func, select

from bot.services.volunteers_csv import HEADER, export_volunteers, import_volunteers
from bot.services.unit_of_work import UnitOfWork
from fakes import FakePostcodeLocator
from models import ContactIdentity, Person, VolunteerProfile

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


def run_import(hub, text):
    with UnitOfWork(hub.session_factory) as uow:
        report = import_volunteers(uow.session, io.StringIO(text), FakePostcodeLocator(),
                                   hub.clock())
        uow.commit()
    return report


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
