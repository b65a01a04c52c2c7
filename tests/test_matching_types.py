"""The shared vocabulary is enforced where the data comes in."""

from __future__ import annotations

import pytest

from matching import AGE_BANDS, CATEGORIES, SLOTS, HelpNeeded, MatchConfig, Volunteer


def volunteer(**changes) -> Volunteer:
    values = dict(
        volunteer_id=1, first_name="Ian", latitude=51.48, longitude=0.32, travel_radius_km=3.0,
        skills={"befriending"}, availability={"mon_evening"}, languages={" EN "}, age_band="65-74",
        lived_experience="", vetting="approved", checks={"id"}, paused=False, weekly_cap=2,
        tasks_this_week=0, recent_tasks=0, helped_resident_ids=set(),
    )
    values.update(changes)
    return Volunteer(**values)


def test_the_vocabulary_is_the_one_the_rest_of_neighbourly_uses():
    assert CATEGORIES == ("shopping", "prescription", "befriending", "dog_walking", "transport", "other")
    assert len(SLOTS) == 21 and SLOTS[0] == "mon_morning" and SLOTS[-1] == "sun_evening"
    assert AGE_BANDS == ("18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")


def test_sets_are_frozen_and_language_codes_tidied():
    ian = volunteer()

    assert isinstance(ian.skills, frozenset) and isinstance(ian.helped_resident_ids, frozenset)
    assert ian.languages == {"en"}
    assert hash(ian)


@pytest.mark.parametrize(
    "changes",
    [
        {"skills": {"gardening"}},
        {"availability": {"monday_morning"}},
        {"age_band": "80+"},
        {"vetting": "approved!"},
        {"latitude": 95.0},
        {"travel_radius_km": -1.0},
    ],
)
def test_values_outside_the_vocabulary_are_refused(changes):
    with pytest.raises(ValueError):
        volunteer(**changes)


def test_help_needed_checks_its_category_and_slots_and_tidies_the_language():
    need = HelpNeeded(1, 2, "Betty", "shopping", 51.5, 0.3, {"mon_morning"}, "PL", None, "")

    assert need.slots == {"mon_morning"} and need.language == "pl"
    assert need.exclude_volunteer_ids == frozenset()
    with pytest.raises(ValueError):
        HelpNeeded(1, 2, "Betty", "cleaning", 51.5, 0.3, None, "en", None, "")
    with pytest.raises(ValueError):
        HelpNeeded(1, 2, "Betty", "shopping", 51.5, 0.3, {"someday"}, "en", None, "")


def test_remaining_capacity_this_week_never_goes_negative():
    assert volunteer(weekly_cap=3, tasks_this_week=1).remaining_this_week == 2
    assert volunteer(weekly_cap=1, tasks_this_week=4).remaining_this_week == 0


def test_radius_bands_must_increase():
    with pytest.raises(ValueError):
        MatchConfig(radius_bands_km=(5.0, 2.0))
    assert MatchConfig().is_remote("befriending") and not MatchConfig().is_remote("shopping")
