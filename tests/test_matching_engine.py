"""The matching engine, told through the people in the brief, and checked against brute force."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from matching import (
    AGE_BANDS,
    CATEGORIES,
    SLOTS,
    HelpNeeded,
    MatchConfig,
    MatchingEngine,
    Volunteer,
    experience_similarities,
    failed_rules,
    geodesic_km,
)
from matching.scoring import age_closeness, distance_score, fairness_score, total_score
from matching.types import age_band_index

# Grays, Thurrock, and a point ~1 km north of it.
GRAYS = (51.4780, 0.3230)
ONE_KM_NORTH = 1.0 / 111.2


def volunteer(volunteer_id: int, **changes) -> Volunteer:
    values = dict(
        volunteer_id=volunteer_id,
        first_name=f"V{volunteer_id}",
        latitude=GRAYS[0],
        longitude=GRAYS[1],
        travel_radius_km=5.0,
        skills=frozenset(CATEGORIES),
        availability=frozenset(SLOTS),
        languages=frozenset({"en"}),
        age_band="45-54",
        lived_experience="",
        vetting="approved",
        checks=frozenset({"id", "dbs_enhanced", "befriending_training"}),
        paused=False,
        weekly_cap=3,
        tasks_this_week=0,
        recent_tasks=2,
        helped_resident_ids=frozenset(),
    )
    values.update(changes)
    return Volunteer(**values)


def north_of_grays(km: float) -> dict:
    return {"latitude": GRAYS[0] + km * ONE_KM_NORTH, "longitude": GRAYS[1]}


def help_needed(**changes) -> HelpNeeded:
    values = dict(
        request_id=1,
        resident_id=500,
        resident_first_name="Albert",
        category="befriending",
        latitude=GRAYS[0],
        longitude=GRAYS[1],
        slots=None,
        language="en",
        age_band="75+",
        circumstances="",
    )
    values.update(changes)
    return HelpNeeded(**values)


def ids(candidates) -> list[int]:
    return [candidate.volunteer_id for candidate in candidates]


# ----- the people in the brief ---------------------------------------------


def test_albert_gets_a_nearby_volunteer_of_similar_age_over_a_far_younger_one():
    ian = volunteer(1, age_band="65-74", **north_of_grays(1.2))
    student = volunteer(2, age_band="18-24", **north_of_grays(0.8))
    engine = MatchingEngine.from_volunteers([student, ian])

    albert = help_needed(circumstances="Lost my partner, miss conversation")
    candidates = engine.rank(albert)

    assert ids(candidates) == [1, 2]
    assert "similar in age" in candidates[0].explain()
    assert "similar in age" not in candidates[1].explain()


def test_betty_gets_the_volunteer_who_cared_for_her_mum_with_alzheimers_over_a_closer_one():
    carer = volunteer(1, lived_experience="My mum had Alzheimer's, I cared for her",
                      **north_of_grays(3.5))
    closer = volunteer(2, lived_experience="Retired postman, keen gardener", **north_of_grays(0.5))
    engine = MatchingEngine.from_volunteers([carer, closer])

    betty = help_needed(resident_first_name="Betty",
                        circumstances="My husband has dementia, I'm not coping")
    candidates = engine.rank(betty)

    assert ids(candidates) == [1, 2]
    assert "has lived experience of dementia" in candidates[0].explain()
    assert "lived experience" not in candidates[1].explain()


def test_betty_also_gets_the_dementia_carer_for_shopping_a_short_way_further_off():
    carer = volunteer(1, lived_experience="My mum had Alzheimer's, I cared for her",
                      **north_of_grays(1.5))
    closer = volunteer(2, **north_of_grays(0.7))
    engine = MatchingEngine.from_volunteers([carer, closer])

    betty = help_needed(category="shopping", resident_first_name="Betty",
                        circumstances="My husband has dementia, I'm not coping")

    assert ids(engine.rank(betty)) == [1, 2]


def test_an_unvetted_volunteer_never_gets_a_befriending_candidate():
    pending = volunteer(1, vetting="pending")
    suspended = volunteer(2, vetting="suspended")
    engine = MatchingEngine.from_volunteers([pending, suspended])

    result = engine.match(help_needed())

    assert result.candidates == ()
    assert result.rejection.describe() == "no approved volunteer with befriending"


def test_a_volunteer_at_their_weekly_cap_or_paused_is_skipped():
    at_cap = volunteer(1, weekly_cap=2, tasks_this_week=2)
    paused = volunteer(2, paused=True)
    free = volunteer(3, **north_of_grays(2.0))
    engine = MatchingEngine.from_volunteers([at_cap, paused, free])

    assert ids(engine.rank(help_needed(category="shopping"))) == [3]


def test_a_non_english_resident_only_gets_volunteers_who_share_their_language():
    english_only = volunteer(1)
    polish = volunteer(2, languages=frozenset({"en", "pl"}), **north_of_grays(2.0))
    engine = MatchingEngine.from_volunteers([english_only, polish])

    for category in ("befriending", "shopping"):
        candidates = engine.rank(help_needed(category=category, language="pl"))
        assert ids(candidates) == [2]
        assert "speaks Polish" in candidates[0].explain()


def test_nobody_speaking_the_language_is_explained_in_plain_words():
    engine = MatchingEngine.from_volunteers([volunteer(1)])

    result = engine.match(help_needed(category="shopping", language="ur"))

    assert result.rejection.code == "language"
    assert result.rejection.describe() == "no approved volunteer with shopping within reach speaks Urdu"


@pytest.mark.parametrize("category", ["shopping", "prescription", "transport"])
def test_regulated_tasks_need_an_enhanced_dbs_check(category):
    id_only = volunteer(1, checks=frozenset({"id", "befriending_training"}))
    checked = volunteer(2, **north_of_grays(3.0))
    engine = MatchingEngine.from_volunteers([id_only, checked])

    assert ids(engine.rank(help_needed(category=category))) == [2]


@pytest.mark.parametrize("category", ["dog_walking", "other"])
def test_doorstep_help_needs_only_an_id_check(category):
    engine = MatchingEngine.from_volunteers([volunteer(1, checks=frozenset({"id"}))])

    assert ids(engine.rank(help_needed(category=category))) == [1]


def test_without_the_dbs_check_nobody_qualifies_and_the_reason_says_so():
    engine = MatchingEngine.from_volunteers([volunteer(1, checks=frozenset({"id"}))])

    result = engine.match(help_needed(category="prescription"))

    assert result.rejection.code == "missing_checks"
    assert result.rejection.describe() == (
        "no approved volunteer with prescription collection within 5 km has "
        "an enhanced DBS check and an ID check"
    )


def test_befriending_by_phone_is_not_bound_by_the_travel_radius_but_prefers_the_same_area():
    far = volunteer(1, travel_radius_km=1.0, **north_of_grays(60.0))
    near = volunteer(2, travel_radius_km=1.0, **north_of_grays(4.0))
    engine = MatchingEngine.from_volunteers([far, near])

    befriending = engine.rank(help_needed())
    shopping = engine.rank(help_needed(category="shopping"))

    assert ids(befriending) == [2, 1]
    assert befriending[0].explain().startswith("lives in the same area (4 km away)")
    assert "same area" not in befriending[1].explain()
    assert shopping == ()


def test_in_person_help_stays_within_the_volunteers_own_radius():
    walker = volunteer(1, travel_radius_km=1.0, **north_of_grays(1.5))
    driver = volunteer(2, travel_radius_km=10.0, **north_of_grays(8.0))
    engine = MatchingEngine.from_volunteers([walker, driver])

    result = engine.match(help_needed(category="shopping"))

    assert ids(result.candidates) == [2]
    assert result.candidates[0].distance_km == pytest.approx(8.0, rel=0.01)


def test_out_of_reach_says_how_far_the_nearest_volunteer_is():
    engine = MatchingEngine.from_volunteers([volunteer(1, travel_radius_km=2.0, **north_of_grays(3.0))])

    rejection = engine.why_no_match(help_needed(category="dog_walking"))

    assert rejection.code == "out_of_reach"
    assert rejection.describe() == (
        "no approved volunteer with dog walking travels this far: the nearest is 3 km away"
    )


def test_only_volunteers_free_at_one_of_the_times_asked_are_offered():
    mornings = volunteer(1, availability=frozenset({"mon_morning", "tue_morning"}))
    evenings = volunteer(2, availability=frozenset({"mon_evening"}))
    engine = MatchingEngine.from_volunteers([mornings, evenings])

    assert ids(engine.rank(help_needed(slots=frozenset({"tue_morning", "wed_morning"})))) == [1]
    assert ids(engine.rank(help_needed(slots=None))) == [1, 2]
    assert engine.why_no_match(help_needed(slots=frozenset({"sun_afternoon"}))).code == "unavailable"


def test_volunteers_already_offered_the_request_are_left_out():
    engine = MatchingEngine.from_volunteers([volunteer(1), volunteer(2)])

    assert ids(engine.rank(help_needed(exclude_volunteer_ids=frozenset({1})))) == [2]
    rejection = engine.why_no_match(help_needed(exclude_volunteer_ids=frozenset({1, 2})))
    assert rejection.describe() == (
        "all 2 suitable approved volunteers with befriending have already been offered this request"
    )


def test_someone_who_helped_the_resident_before_is_preferred_and_it_says_so():
    stranger = volunteer(1)
    friend = volunteer(2, helped_resident_ids=frozenset({500}))
    engine = MatchingEngine.from_volunteers([stranger, friend])

    candidates = engine.rank(help_needed(resident_first_name="Betty"))

    assert ids(candidates) == [2, 1]
    assert "helped Betty before" in candidates[0].explain()


def test_work_is_spread_towards_those_with_fewer_recent_tasks():
    busy = volunteer(1, recent_tasks=12)
    quiet = volunteer(2, recent_tasks=0)
    engine = MatchingEngine.from_volunteers([busy, quiet])

    candidates = engine.rank(help_needed())

    assert ids(candidates) == [2, 1]
    assert "no tasks in the last 4 weeks" in candidates[0].explain()


def test_reasons_read_as_one_plain_line():
    lydia_helper = volunteer(
        1, age_band="65-74", recent_tasks=1, helped_resident_ids=frozenset({500}),
        lived_experience="I am hard of hearing myself", **north_of_grays(0.8),
    )
    engine = MatchingEngine.from_volunteers([lydia_helper, volunteer(2, **north_of_grays(3))])

    lydia = help_needed(category="shopping", resident_first_name="Lydia",
                        circumstances="Hard of hearing and unsteady on my feet")
    best = engine.rank(lydia)[0]

    assert best.explain() == (
        "0.8 km away · has lived experience of hearing loss · helped Lydia before"
        " · similar in age · only 1 task in the last 4 weeks"
    )


def test_equal_scores_are_ordered_by_volunteer_id():
    twins = [volunteer(volunteer_id) for volunteer_id in (7, 3, 5)]
    engine = MatchingEngine.from_volunteers(twins)

    candidates = engine.rank(help_needed())

    assert ids(candidates) == [3, 5, 7]
    assert len({candidate.score for candidate in candidates}) == 1


def test_at_most_the_limit_best_first():
    crowd = [volunteer(i, **north_of_grays(0.1 * i)) for i in range(1, 16)]
    engine = MatchingEngine.from_volunteers(crowd)

    candidates = engine.rank(help_needed(category="shopping"), limit=10)

    assert ids(candidates) == list(range(1, 11))
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)


def test_match_many_gives_the_same_answers_as_one_at_a_time():
    rng = np.random.default_rng(3)
    engine = MatchingEngine.from_volunteers(random_volunteers(rng, 150))
    needs = random_needs(rng, 40)

    together = engine.match_many(needs)

    for need in needs:
        assert together[need.request_id] == engine.match(need)


# ----- keeping up with changes ---------------------------------------------


def test_joining_moving_pausing_and_leaving_take_effect_at_once():
    engine = MatchingEngine.from_volunteers([volunteer(1)])
    shopping = help_needed(category="shopping")

    engine.upsert(volunteer(2, **north_of_grays(1.0)))
    assert ids(engine.rank(shopping)) == [1, 2]

    engine.upsert(volunteer(2, **north_of_grays(30.0)))  # moved away
    assert ids(engine.rank(shopping)) == [1]

    engine.upsert(volunteer(2, **north_of_grays(0.5)))  # moved back
    engine.upsert(volunteer(1, paused=True))
    assert ids(engine.rank(shopping)) == [2]

    engine.upsert(volunteer(1))  # back from a pause
    engine.remove(2)
    assert ids(engine.rank(shopping)) == [1]
    assert 2 not in engine


def test_vetting_and_checks_changes_move_volunteers_in_and_out():
    engine = MatchingEngine.from_volunteers([volunteer(1, vetting="pending", checks=frozenset({"id"}))])
    prescription = help_needed(category="prescription")
    assert engine.rank(prescription) == ()

    engine.upsert(volunteer(1, checks=frozenset({"id"})))
    assert engine.rank(prescription) == ()
    assert ids(engine.rank(help_needed(category="dog_walking"))) == [1]

    engine.upsert(volunteer(1, checks=frozenset({"id", "dbs_enhanced"})))
    assert ids(engine.rank(prescription)) == [1]


def test_recording_help_fills_the_weekly_cap_and_remembers_the_resident():
    engine = MatchingEngine.from_volunteers([volunteer(1, weekly_cap=1), volunteer(2, weekly_cap=2)])

    engine.record_help(2, resident_id=500)

    assert "helped Albert before" in engine.rank(help_needed())[0].explain()
    engine.record_help(1, resident_id=501)
    assert ids(engine.rank(help_needed())) == [2]


def test_an_empty_engine_explains_that_there_is_nobody():
    engine = MatchingEngine()

    assert engine.why_no_match(help_needed(category="shopping")).describe() == (
        "no approved volunteer with shopping"
    )
    engine.upsert(volunteer(1))
    assert ids(engine.rank(help_needed(category="shopping"))) == [1]


def test_many_changes_fold_into_rebuilt_trees_without_changing_answers():
    rng = np.random.default_rng(11)
    people = random_volunteers(rng, 120)
    engine = MatchingEngine(config=MatchConfig(), max_pending=16)
    for person in people:
        engine.upsert(person)
    reference = MatchingEngine.from_volunteers(people)

    for need in random_needs(rng, 30):
        assert engine.match(need) == reference.match(need)


# ----- against brute force -------------------------------------------------


def random_volunteers(rng: np.random.Generator, count: int) -> list[Volunteer]:
    stories = ["", "", "My mum had dementia", "widowed last year", "I am a carer",
               "retired nurse, love dogs", "I have had depression and anxiety"]
    people = []
    for i in range(1, count + 1):
        people.append(volunteer(
            i,
            latitude=float(GRAYS[0] + rng.normal(0, 0.08)),
            longitude=float(GRAYS[1] + rng.normal(0, 0.12)),
            travel_radius_km=float(rng.choice([1.0, 2.0, 3.22, 5.0, 12.0])),
            skills=frozenset(c for c in CATEGORIES if rng.random() < 0.5),
            availability=frozenset(s for s in SLOTS if rng.random() < 0.4),
            languages=frozenset({"en"} | ({"pl"} if rng.random() < 0.2 else set())),
            age_band=None if rng.random() < 0.1 else str(rng.choice(AGE_BANDS)),
            lived_experience=str(rng.choice(stories)),
            vetting=str(rng.choice(["approved", "approved", "approved", "pending"])),
            checks=frozenset(c for c in ("id", "dbs_enhanced", "befriending_training")
                             if rng.random() < 0.75),
            paused=bool(rng.random() < 0.1),
            weekly_cap=int(rng.integers(1, 4)),
            tasks_this_week=int(rng.integers(0, 3)),
            recent_tasks=int(rng.integers(0, 8)),
            helped_resident_ids=frozenset({500}) if rng.random() < 0.1 else frozenset(),
        ))
    return people


def random_needs(rng: np.random.Generator, count: int) -> list[HelpNeeded]:
    words = ["", "my husband has dementia", "lost my wife, feel lonely", "need shopping"]
    return [
        help_needed(
            request_id=i,
            category=str(rng.choice(CATEGORIES)),
            latitude=float(GRAYS[0] + rng.normal(0, 0.08)),
            longitude=float(GRAYS[1] + rng.normal(0, 0.12)),
            slots=None if rng.random() < 0.5 else frozenset(rng.choice(SLOTS, 4).tolist()),
            language="pl" if rng.random() < 0.15 else "en",
            age_band=str(rng.choice(AGE_BANDS)),
            circumstances=str(rng.choice(words)),
        )
        for i in range(1, count + 1)
    ]


def brute_force_ranking(people: list[Volunteer], need: HelpNeeded, config: MatchConfig, limit: int):
    """Every volunteer, one at a time: the rules, then the weighted score; best first, ties by id."""
    experience = experience_similarities([p.lived_experience for p in people], need.circumstances)
    remote = config.is_remote(need.category)
    ranked = []
    for person, similarity in zip(people, experience):
        km = float(geodesic_km(person.latitude, person.longitude, need.latitude, need.longitude))
        if failed_rules(person, need, config, km):
            continue
        score = total_score(
            config.weights,
            distance_score(km, config.remote_distance_half_score_km if remote
                           else config.distance_half_score_km),
            similarity,
            age_closeness(age_band_index(person.age_band), age_band_index(need.age_band)),
            float(need.resident_id in person.helped_resident_ids),
            fairness_score(person.recent_tasks, config.fairness_half_score_tasks),
        )
        ranked.append((-float(score), person.volunteer_id))
    ranked.sort()
    return [(volunteer_id, -negative) for negative, volunteer_id in ranked[:limit]]


def test_the_engine_agrees_with_scoring_every_volunteer_one_by_one():
    rng = np.random.default_rng(2020)
    people = random_volunteers(rng, 250)
    config = MatchConfig()
    engine = MatchingEngine.from_volunteers(people, config)

    for need in random_needs(rng, 60):
        expected = brute_force_ranking(people, need, config, limit=10)
        got = [(c.volunteer_id, c.score) for c in engine.rank(need, limit=10)]
        assert [volunteer_id for volunteer_id, _ in got] == [v for v, _ in expected]
        assert [score for _, score in got] == pytest.approx([s for _, s in expected], abs=1e-9)


def test_a_result_never_breaks_a_hard_rule():
    rng = np.random.default_rng(7)
    people = {p.volunteer_id: p for p in random_volunteers(rng, 200)}
    engine = MatchingEngine.from_volunteers(people.values())

    for need in random_needs(rng, 80):
        for candidate in engine.rank(need):
            assert failed_rules(people[candidate.volunteer_id], need) == ()


def test_a_volunteer_record_with_a_set_instead_of_a_frozenset_still_matches():
    engine = MatchingEngine.from_volunteers([dataclasses.replace(volunteer(1), skills={"shopping"})])

    assert ids(engine.rank(help_needed(category="shopping"))) == [1]
