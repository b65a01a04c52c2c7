"""Batch assignment: exact beats (or ties) greedy, respects weekly capacity, and is truly optimal."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from matching import (
    CATEGORIES,
    SLOTS,
    Candidate,
    HelpNeeded,
    MatchingEngine,
    Volunteer,
    assign_exact,
    assign_greedy_nearest,
)


def candidate(volunteer_id: int, score: float, km: float = 1.0) -> Candidate:
    return Candidate(volunteer_id, score, km, ())


def random_instance(rng: np.random.Generator, requests: int, volunteers: int, per_request: int):
    candidates = {}
    for request_id in range(1, requests + 1):
        chosen = rng.choice(np.arange(1, volunteers + 1), size=min(per_request, volunteers), replace=False)
        candidates[request_id] = [
            candidate(int(v), float(rng.uniform(0.05, 1.0)), float(rng.uniform(0.1, 10.0)))
            for v in chosen
        ]
    capacity = {v: int(rng.integers(0, 3)) for v in range(1, volunteers + 1)}
    return candidates, capacity


def best_total_by_enumeration(candidates, capacity) -> float:
    """Try every way of giving each request one of its candidates or nobody."""
    requests = sorted(candidates)
    options = [[None] + list(candidates[r]) for r in requests]
    best = 0.0
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        for picked in choice:
            if picked is not None:
                used[picked.volunteer_id] = used.get(picked.volunteer_id, 0) + 1
        if all(count <= capacity.get(v, 0) for v, count in used.items()):
            best = max(best, sum(p.score for p in choice if p is not None))
    return best


def assert_within_capacity(result, capacity):
    load: dict[int, int] = {}
    for volunteer_id in result.assignments.values():
        load[volunteer_id] = load.get(volunteer_id, 0) + 1
    assert all(count <= capacity.get(v, 0) for v, count in load.items())


def test_exact_finds_the_best_total_that_enumeration_finds():
    rng = np.random.default_rng(10)
    for _ in range(25):
        candidates, capacity = random_instance(rng, requests=5, volunteers=4, per_request=3)

        result = assign_exact(candidates, capacity)

        assert result.total_score == pytest.approx(best_total_by_enumeration(candidates, capacity))
        assert_within_capacity(result, capacity)


def test_exact_total_is_never_below_greedy_and_both_respect_capacity():
    rng = np.random.default_rng(11)
    for _ in range(20):
        candidates, capacity = random_instance(rng, requests=60, volunteers=25, per_request=6)

        exact = assign_exact(candidates, capacity)
        greedy = assign_greedy_nearest(candidates, capacity)

        assert exact.total_score >= greedy.total_score - 1e-9
        assert_within_capacity(exact, capacity)
        assert_within_capacity(greedy, capacity)


def test_exact_beats_nearest_first_when_the_nearest_volunteer_is_needed_elsewhere():
    # Ann is nearest to both; only Ann can help request 2. Greedy gives Ann to 1 and leaves 2 alone.
    ann, bob = 1, 2
    candidates = {
        1: [candidate(ann, 0.9, km=0.5), candidate(bob, 0.8, km=0.9)],
        2: [candidate(ann, 0.7, km=0.6)],
    }
    capacity = {ann: 1, bob: 1}

    exact = assign_exact(candidates, capacity)
    greedy = assign_greedy_nearest(candidates, capacity)

    assert exact.assignments == {1: bob, 2: ann}
    assert exact.total_score == pytest.approx(1.5)
    assert greedy.assignments == {1: ann}
    assert greedy.matched_share == 0.5


def test_a_volunteer_with_capacity_for_two_takes_two_requests():
    candidates = {1: [candidate(9, 0.5)], 2: [candidate(9, 0.6)], 3: [candidate(9, 0.7)]}

    result = assign_exact(candidates, {9: 2})

    assert result.assignments == {2: 9, 3: 9}
    assert result.matched == 2


def test_requests_without_candidates_or_capacity_stay_unmatched():
    candidates = {1: [], 2: [candidate(5, 0.4)], 3: [candidate(6, 0.9)]}

    result = assign_exact(candidates, {5: 1, 6: 0})

    assert result.assignments == {2: 5}
    assert result.unmatched([1, 2, 3]) == (1, 3)
    assert result.mean_km == pytest.approx(1.0)
    assert assign_exact({}, {}).matched_share == 0.0


def test_preferring_more_matches_helps_more_people_even_at_a_lower_total():
    # Ann could give request 1 a great match, or let 1 and 2 both be helped.
    ann, bob = 1, 2
    candidates = {1: [candidate(ann, 0.9), candidate(bob, 0.01)], 2: [candidate(ann, 0.01)]}
    capacity = {ann: 1, bob: 1}

    assert assign_exact(candidates, capacity).assignments == {1: ann}
    assert assign_exact(candidates, capacity, prefer_more_matches=True).assignments == {1: bob, 2: ann}


def test_greedy_takes_the_nearest_pairs_first():
    candidates = {1: [candidate(1, 0.2, km=3.0), candidate(2, 0.9, km=0.4)], 2: [candidate(2, 0.1, km=0.2)]}

    result = assign_greedy_nearest(candidates, {1: 1, 2: 1})

    assert result.assignments == {2: 2, 1: 1}
    assert result.method == "greedy_nearest"


def test_the_engine_assigns_open_requests_within_each_volunteers_remaining_week():
    base = dict(first_name="V", travel_radius_km=10.0, skills=frozenset(CATEGORIES),
                availability=frozenset(SLOTS), languages=frozenset({"en"}), age_band=None,
                lived_experience="", vetting="approved",
                checks=frozenset({"id", "dbs_enhanced", "befriending_training"}), paused=False,
                recent_tasks=0, helped_resident_ids=frozenset())
    rng = np.random.default_rng(12)
    volunteers = [
        Volunteer(volunteer_id=i, latitude=52.0 + rng.normal(0, 0.03), longitude=rng.normal(0, 0.05),
                  weekly_cap=2, tasks_this_week=int(rng.integers(0, 3)), **base)
        for i in range(1, 31)
    ]
    needs = [
        HelpNeeded(request_id=100 + i, resident_id=i, resident_first_name="R",
                   category=str(rng.choice(["shopping", "dog_walking"])),
                   latitude=52.0 + rng.normal(0, 0.03), longitude=rng.normal(0, 0.05), slots=None,
                   language="en", age_band=None, circumstances="")
        for i in range(40)
    ]
    engine = MatchingEngine.from_volunteers(volunteers)

    exact = engine.assign_batch(needs)
    greedy = engine.assign_batch(needs, method="greedy_nearest")

    remaining = {v.volunteer_id: v.remaining_this_week for v in volunteers}
    assert_within_capacity(exact, remaining)
    assert_within_capacity(greedy, remaining)
    assert exact.total_score >= greedy.total_score - 1e-9
    most_helped = engine.assign_batch(needs, prefer_more_matches=True)
    assert_within_capacity(most_helped, remaining)
    assert most_helped.matched >= max(exact.matched, greedy.matched)
    with pytest.raises(ValueError, match="unknown batch method"):
        engine.assign_batch(needs, method="lottery")
