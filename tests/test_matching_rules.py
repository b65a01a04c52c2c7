"""Hard rules, one volunteer at a time, and the plain-words reason when nobody passes."""

from __future__ import annotations

import numpy as np
import pytest

from matching import CATEGORIES, DEFAULT_REQUIRED_CHECKS, RULES, SLOTS, HelpNeeded, MatchConfig, Volunteer
from matching import failed_rules
from matching.rules import _CHEAP_RULES_FIRST, _RULE_TESTS, rule_masks, why_nobody_qualifies
from matching.table import VolunteerTable


def volunteer(**changes) -> Volunteer:
    values = dict(
        volunteer_id=1, first_name="Julia", latitude=51.48, longitude=0.32, travel_radius_km=3.0,
        skills=frozenset(CATEGORIES), availability=frozenset(SLOTS), languages=frozenset({"en"}),
        age_band="35-44", lived_experience="", vetting="approved",
        checks=frozenset({"id", "dbs_enhanced", "befriending_training"}), paused=False,
        weekly_cap=3, tasks_this_week=0, recent_tasks=0, helped_resident_ids=frozenset(),
    )
    values.update(changes)
    return Volunteer(**values)


def need(**changes) -> HelpNeeded:
    values = dict(
        request_id=10, resident_id=20, resident_first_name="Lydia", category="shopping",
        latitude=51.48, longitude=0.32, slots=None, language="en", age_band="75+",
        circumstances="",
    )
    values.update(changes)
    return HelpNeeded(**values)


def test_a_suitable_volunteer_breaks_no_rule():
    assert failed_rules(volunteer(), need()) == ()


def test_the_volunteer_must_offer_the_kind_of_help():
    assert failed_rules(volunteer(skills=frozenset({"befriending"})), need()) == ("skill",)


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_only_approved_volunteers_qualify(status):
    assert failed_rules(volunteer(vetting=status), need()) == ("approved",)


def test_paused_volunteers_do_not_qualify():
    assert failed_rules(volunteer(paused=True), need()) == ("not_paused",)


def test_the_default_checks_follow_uk_guidance():
    regulated = {"id", "dbs_enhanced"}
    assert DEFAULT_REQUIRED_CHECKS == {
        "shopping": regulated,
        "prescription": regulated,
        "transport": regulated,
        "dog_walking": {"id"},
        "other": {"id"},
        "befriending": {"id", "befriending_training"},
    }


@pytest.mark.parametrize(
    ("category", "checks", "qualifies"),
    [
        ("shopping", {"id"}, False),
        ("prescription", {"id", "befriending_training"}, False),
        ("transport", {"id", "dbs_enhanced"}, True),
        ("dog_walking", {"id"}, True),
        ("other", set(), False),
        ("befriending", {"id", "dbs_enhanced"}, False),
        ("befriending", {"id", "befriending_training"}, True),
    ],
)
def test_each_category_needs_its_checks(category, checks, qualifies):
    broken = failed_rules(volunteer(checks=frozenset(checks)), need(category=category))
    assert broken == (() if qualifies else ("checks",))


def test_everyone_needs_an_id_check_whatever_the_table_says():
    lenient = MatchConfig(required_checks={"dog_walking": frozenset()})

    assert failed_rules(volunteer(checks=frozenset()), need(category="dog_walking"), lenient) == ("checks",)
    assert lenient.checks_needed("dog_walking") == {"id"}


def test_a_check_the_table_cannot_record_is_never_assumed_held():
    strict = MatchConfig(required_checks={"shopping": frozenset({"id", "food_hygiene"})})

    assert failed_rules(volunteer(), need(), strict) == ("checks",)


def test_in_person_help_must_be_within_the_travel_radius_but_phone_help_need_not():
    far = volunteer(latitude=51.48 + 5 / 111.2)

    assert failed_rules(far, need()) == ("within_reach",)
    assert failed_rules(far, need(category="befriending")) == ()


def test_exactly_at_the_radius_is_within_reach():
    assert failed_rules(volunteer(travel_radius_km=3.0), need(), distance_km=3.0) == ()
    assert failed_rules(volunteer(travel_radius_km=3.0), need(), distance_km=3.001) == ("within_reach",)


def test_a_resident_who_does_not_speak_english_needs_a_shared_language():
    assert failed_rules(volunteer(), need(language="pl")) == ("language",)
    assert failed_rules(volunteer(languages=frozenset({"en", "PL"})), need(language="pl")) == ()
    assert failed_rules(volunteer(languages=frozenset({"cy"})), need(language="en")) == ()


def test_the_volunteer_must_be_free_at_one_of_the_acceptable_slots():
    mornings = volunteer(availability=frozenset({"sat_morning"}))

    assert failed_rules(mornings, need(slots=frozenset({"sat_morning", "sun_morning"}))) == ()
    assert failed_rules(mornings, need(slots=frozenset({"sat_evening"}))) == ("available",)
    assert failed_rules(mornings, need(slots=None)) == ()


def test_volunteers_at_their_weekly_cap_are_not_asked_again():
    assert failed_rules(volunteer(weekly_cap=2, tasks_this_week=2), need()) == ("capacity",)
    assert failed_rules(volunteer(weekly_cap=0), need()) == ("capacity",)


def test_volunteers_already_offered_the_request_are_left_out():
    assert failed_rules(volunteer(), need(exclude_volunteer_ids=frozenset({1}))) == ("not_excluded",)


def test_every_broken_rule_is_listed_in_order():
    broke_everything = volunteer(
        skills=frozenset({"befriending"}), vetting="pending", paused=True, checks=frozenset(),
        languages=frozenset({"en"}), availability=frozenset(), weekly_cap=0,
        latitude=51.48 + 10 / 111.2,
    )
    strict_need = need(language="pl", slots=frozenset({"mon_morning"}), exclude_volunteer_ids={1})

    assert failed_rules(broke_everything, strict_need) == RULES


def funnel(volunteers, the_need, searched_km=5.0):
    table = VolunteerTable.from_volunteers(volunteers, with_experience=False)
    rows = np.arange(len(volunteers))
    km = np.full(len(volunteers), 1.0)
    masks = rule_masks(table, rows, km, the_need, MatchConfig())
    return why_nobody_qualifies(masks, km, the_need, MatchConfig(), searched_km)


def test_the_reason_nobody_matched_is_the_first_rule_that_leaves_nobody():
    nobody_vetted = [volunteer(volunteer_id=1, vetting="pending"), volunteer(volunteer_id=2, paused=True)]
    no_dbs = [volunteer(checks=frozenset({"id"}))]
    busy = [volunteer(volunteer_id=1, tasks_this_week=3), volunteer(volunteer_id=2, tasks_this_week=3)]

    assert funnel(nobody_vetted, need()).describe() == "no approved volunteer with shopping within 5 km"
    assert funnel(no_dbs, need()).describe() == (
        "no approved volunteer with shopping within 5 km has an enhanced DBS check and an ID check"
    )
    assert funnel(busy, need()).describe() == (
        "all 2 approved volunteers with shopping within reach have reached their weekly limit"
    )
    assert funnel(busy[:1], need()).describe() == (
        "the only approved volunteer with shopping within reach has reached their weekly limit"
    )


def test_help_by_phone_is_explained_without_distances():
    unavailable = [volunteer(availability=frozenset({"mon_morning"}))]

    rejection = funnel(unavailable, need(category="befriending", slots=frozenset({"fri_evening"})),
                       searched_km=None)

    assert rejection.describe() == "no approved volunteer with befriending is free at the times asked"


def test_there_is_nothing_to_explain_when_somebody_qualifies():
    assert funnel([volunteer()], need()) is None


def test_every_rule_has_one_test_and_the_fast_path_applies_them_all():
    assert set(_RULE_TESTS) == set(RULES) == set(_CHEAP_RULES_FIRST) | {"within_reach"}
