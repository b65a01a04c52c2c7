"""A subject access request: everything held about one person, and no more of anyone else."""

import json

from sqlalchemy import select

from bot.services.people.subject_access import subject_access_report
from models import ContactIdentity
from test_offers import add_volunteer, ask_for_help, say

ALBERT = "+447700900611"


def person_id(hub, address) -> int:
    with hub.session_factory() as session:
        return session.scalar(select(ContactIdentity.person_id).where(
            ContactIdentity.address == address))


def report_for(hub, address) -> dict:
    with hub.session_factory() as session:
        report = subject_access_report(session, person_id(hub, address), hub.clock())
    return json.loads(json.dumps(report))  # all of it must be plain JSON


def test_the_report_holds_their_own_data_whole_and_others_only_as_far_as_it_concerns_them(
        hub, carol):
    julia = add_volunteer(hub, "Julia", "RM17 5AA")
    reference = ask_for_help(hub, ALBERT, "can someone get my shopping? I'm Albert",
                             "RM17 6SL", "12 Orsett Road", "tomorrow", "yes")
    say(hub, julia, "YES")
    say(hub, julia, "CONCERN Albert seemed confused and hadn't eaten")

    albert = report_for(hub, ALBERT)
    assert albert["person"]["first_name"] == "Albert"
    assert [i["address"] for i in albert["contact_identities"]] == [ALBERT]
    [request] = albert["requests_made"]
    assert (request["reference"], request["address_line"]) == (reference, "12 Orsett Road")
    assert "can someone get my shopping? I'm Albert" in [m["text"] for m in
                                                           albert["messages_sent"]]
    assert [c["text"] for c in albert["concerns_about_them"]] == [
        "Albert seemed confused and hadn't eaten"]
    assert "concerns_about_them" in albert["review_before_sending"]
    assert albert["tasks_as_volunteer"] == [] and albert["concerns_raised"] == []

    julias = report_for(hub, julia)
    assert julias["volunteer_profile"]["postcode"] == "RM17 5AA"
    assert julias["tasks_as_volunteer"] == [{
        "reference": reference, "category": "shopping", "status": "assigned",
        "assigned_at": julias["tasks_as_volunteer"][0]["assigned_at"], "district": "RM17"}]
    assert [o["reference"] for o in julias["offers_received"]] == [reference]
    assert [c["text"] for c in julias["concerns_raised"]] == [
        "Albert seemed confused and hadn't eaten"]
    assert julias["concerns_about_them"] == [] and julias["requests_made"] == []
    # Nothing of Albert's address or number outside the sections listed for review.
    shared = {key: value for key, value in julias.items()
              if key not in julias["review_before_sending"]}
    assert "Orsett Road" not in json.dumps(shared) and ALBERT not in json.dumps(shared)
