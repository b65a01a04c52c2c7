"""Partner organisations' needs: a care home asks for three trained volunteers, suitable
volunteers are offered it, the first three to say yes fill it, the fourth is told it is full,
and the partner's contact is told who is coming. Safe when yeses arrive together."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from models import AuditEvent, NeedOffer, NeedOfferStatus, NeedStatus, PartnerNeed
from test_offers import add_volunteer, say, waiting_for

SUE = "+447700900777"  # the care home's contact
NEED = ("NEED Thurrock Care Home | befriending | 3 | RM17 6SL | weekly, Tuesday afternoons | "
        "1/12 to 28/2 | dbs training | chat and play cards with residents")


@pytest.fixture
def care_home(hub, carol) -> None:
    body = say(hub, carol, "PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777"
               ).replies[0].body
    assert "Partner Thurrock Care Home added" in body


def trained_befrienders(hub, count: int) -> list[str]:
    return [add_volunteer(hub, f"Vol{n}", "RM17 5AA", skills=("befriending",))
            for n in range(count)]


def the_need(hub) -> PartnerNeed:
    with hub.session_factory() as session:
        return session.scalars(select(PartnerNeed)).one()


def test_a_need_is_offered_only_to_volunteers_with_the_skill_checks_and_reach(hub, carol,
                                                                              care_home):
    suitable = trained_befrienders(hub, 2)
    untrained = add_volunteer(hub, "Una", "RM17 5AA", skills=("befriending",), checks=("id",))
    shopper = add_volunteer(hub, "Sam", "RM17 5AA", skills=("shopping",))
    far = add_volunteer(hub, "Fay", "CM1 1AA", skills=("befriending",))
    body = say(hub, carol, NEED).replies[0].body
    reference = the_need(hub).reference
    assert f"{reference} posted for Thurrock Care Home: 3 volunteers for befriending" in body
    assert "Offered to 2 volunteers: Vol0, Vol1" in body
    offer = waiting_for(hub, suitable[0])[-1]
    assert offer.startswith("Thurrock Care Home needs 3 volunteers for befriending near "
                            "RM17, weekly, Tuesday afternoons from 1 Dec to 28 Feb")
    assert "enhanced DBS" in offer and f"Reply YES {reference}" in offer
    for phone in (untrained, shopper, far):
        assert waiting_for(hub, phone) == []


def test_three_acceptances_fill_the_need_and_the_fourth_is_told_it_is_full(hub, carol,
                                                                          care_home):
    volunteers = trained_befrienders(hub, 4)
    say(hub, carol, NEED)
    reference = the_need(hub).reference
    first = say(hub, volunteers[0], f"YES {reference}").replies[0].body
    assert "you're in for Thurrock Care Home" in first and "Sue on +447700900777" in first
    assert "1 of 3 places filled" in first
    assert f"Vol0 ({volunteers[0]})" in waiting_for(hub, SUE)[-1]
    assert say(hub, volunteers[1], "yes").replies[0].body.endswith("2 of 3 places filled.")
    last = say(hub, volunteers[2], f"yes {reference}").replies[0].body
    assert "3 of 3 places filled" in last and "are filled now" in last
    # The others who said yes hear it is full; the one still asked is told it closed.
    assert "are filled now" in waiting_for(hub, volunteers[0])[-1]
    assert "is full now" in waiting_for(hub, volunteers[3])[-1]
    late = say(hub, volunteers[3], f"YES {reference}").replies[0].body
    assert "is full now" in late
    need = the_need(hub)
    assert (need.status, need.places_taken) == (NeedStatus.FILLED, 3)
    assert len(waiting_for(hub, SUE)) == 3


def test_a_volunteer_may_say_no_and_is_thanked(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 1)
    say(hub, carol, NEED)
    reference = the_need(hub).reference
    assert "thank you for letting us know" in say(hub, volunteers[0],
                                                   f"NO {reference}").replies[0].body
    with hub.session_factory() as session:
        assert session.scalar(select(NeedOffer.status)) == NeedOfferStatus.DECLINED


def test_acceptances_at_the_same_moment_never_overfill_the_need(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 6)
    say(hub, carol, NEED.replace("| 3 |", "| 2 |"))
    reference = the_need(hub).reference
    start = threading.Barrier(len(volunteers))
    replies: dict[str, str] = {}

    def accept(phone: str) -> None:
        start.wait()
        replies[phone] = say(hub, phone, f"YES {reference}").replies[0].body

    threads = [threading.Thread(target=accept, args=(phone,)) for phone in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    taken = [phone for phone, body in replies.items() if "you're in" in body]
    full = [phone for phone, body in replies.items() if "is full now" in body]
    assert len(replies) == 6 and len(taken) == 2 and len(full) == 4
    with hub.session_factory() as session:
        accepted = session.scalars(select(NeedOffer).where(
            NeedOffer.status == NeedOfferStatus.ACCEPTED)).all()
    assert len(accepted) == 2 and the_need(hub).places_taken == 2


def test_a_need_nobody_suits_stays_open_and_can_be_offered_again(hub, carol, care_home):
    body = say(hub, carol, NEED).replies[0].body
    reference = the_need(hub).reference
    assert "nobody near RM17" in body
    assert reference in say(hub, carol, "NEEDS").replies[0].body
    newcomer = trained_befrienders(hub, 1)[0]
    more = say(hub, carol, f"NEED OFFER {reference}").replies[0].body
    assert "(0 of 3 filled): also offered to 1 volunteer: Vol0" in more
    assert reference in waiting_for(hub, newcomer)[-1]


@pytest.mark.parametrize("text", [
    "NEED Nowhere House | befriending | 3 | RM17 6SL | weekly",
    "NEED Thurrock Care Home | juggling | 3 | RM17 6SL",
    "NEED Thurrock Care Home | befriending | lots | RM17 6SL",
    "NEED Thurrock Care Home",
])
def test_a_need_that_cannot_be_read_gets_a_kind_explanation(hub, carol, care_home, text):
    body = say(hub, carol, text).replies[0].body
    assert "PARTNERS lists them" in body or "To post a need" in body


def test_a_volunteer_who_withdraws_consent_is_no_longer_asked(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 1)
    say(hub, carol, NEED)
    say(hub, volunteers[0], "WITHDRAW CONSENT")
    say(hub, volunteers[0], "yes")
    with hub.session_factory() as session:
        assert session.scalar(select(NeedOffer.status)) == NeedOfferStatus.DECLINED


def test_a_suspended_volunteers_place_is_given_back_and_offered_again(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 2)
    say(hub, carol, NEED.replace("| 3 |", "| 1 |"))
    reference = the_need(hub).reference
    say(hub, volunteers[0], f"YES {reference}")
    assert "is full now" in waiting_for(hub, volunteers[1])[-1]
    assert the_need(hub).status == NeedStatus.FILLED
    reply = say(hub, carol, "SUSPEND Vol0").replies[0].body
    assert "Places on partners' needs given back" in reply and reference in reply
    assert f"Please don't go ahead with {reference}" in waiting_for(hub, volunteers[0])[-1]
    assert "Vol0 can no longer come" in waiting_for(hub, SUE)[-1]
    need = the_need(hub)
    assert (need.status, need.places_taken) == (NeedStatus.OPEN, 0)
    # Vol1, told it was full, is asked again and can take the place.
    assert f"Reply YES {reference}" in waiting_for(hub, volunteers[1])[-1]
    assert "you're in for Thurrock Care Home" in say(hub, volunteers[1], "YES").replies[0].body
    with hub.session_factory() as session:
        statuses = dict(session.execute(select(NeedOffer.volunteer_id, NeedOffer.status)).all())
    assert sorted(statuses.values()) == [NeedOfferStatus.ACCEPTED, NeedOfferStatus.WITHDRAWN]


def test_a_place_shows_in_my_tasks_and_close_ends_the_need_for_everyone(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 2)
    say(hub, carol, NEED)
    reference = the_need(hub).reference
    say(hub, volunteers[0], f"YES {reference}")
    listed = say(hub, volunteers[0], "MY TASKS").replies[0].body
    assert f"{reference} befriending at Thurrock Care Home, RM17 6SL" in listed
    assert "Sue +447700900777" in listed
    closed = say(hub, carol, f"NEED CLOSE {reference}").replies[0].body
    assert f"{reference} for Thurrock Care Home is closed (1 of 3 places" in closed
    assert "2 volunteers told" in closed
    assert "has ended, so you needn't go" in waiting_for(hub, volunteers[0])[-1]
    assert "doesn't need volunteers" in waiting_for(hub, volunteers[1])[-1]
    assert "no tasks" in say(hub, volunteers[0], "MY TASKS").replies[0].body
    assert "is full now" in say(hub, volunteers[1], f"YES {reference}").replies[0].body
    assert the_need(hub).status == NeedStatus.CLOSED
    assert "no open need" in say(hub, carol, f"NEED CLOSE {reference}").replies[0].body


def test_removing_a_partner_closes_their_needs_and_stops_listing_them(hub, carol, care_home):
    volunteers = trained_befrienders(hub, 2)
    say(hub, carol, NEED)
    reference = the_need(hub).reference
    say(hub, volunteers[0], f"YES {reference}")
    removed = say(hub, carol, "PARTNER REMOVE thurrock care home").replies[0].body
    assert removed == (f"Thurrock Care Home is no longer a partner. Their needs {reference} are "
                       "closed; 2 volunteers told.")
    assert "has ended, so you needn't go" in waiting_for(hub, volunteers[0])[-1]
    assert "doesn't need volunteers" in waiting_for(hub, volunteers[1])[-1]
    assert the_need(hub).status == NeedStatus.CLOSED
    assert "No partners yet" in say(hub, carol, "PARTNERS").replies[0].body
    assert "I don't know a partner called Thurrock Care Home" in say(hub, carol, NEED
                                                                      ).replies[0].body
    again = say(hub, carol, "PARTNER REMOVE Thurrock Care Home").replies[0].body
    assert "I don't know a partner called Thurrock Care Home" in again
    with hub.session_factory() as session:
        [event] = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "partner.removed")).all()
        assert event.actor_person_id is not None and event.detail["needs_closed"] == [reference]


def test_a_removed_partner_can_be_added_again_and_one_without_needs_goes_quietly(hub, carol,
                                                                               care_home):
    assert say(hub, carol, "PARTNER REMOVE Thurrock Care Home").replies[0].body == (
        "Thurrock Care Home is no longer a partner. They had no needs still open.")
    back = say(hub, carol, "PARTNER ADD Thurrock Care Home | care home | Sue 07700 900777"
               ).replies[0].body
    assert "Partner Thurrock Care Home added" in back
    assert "Thurrock Care Home (care home)" in say(hub, carol, "PARTNERS").replies[0].body
    assert "PARTNER REMOVE name" in say(hub, carol, "PARTNER REMOVE").replies[0].body
