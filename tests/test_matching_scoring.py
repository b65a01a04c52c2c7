"""Soft scores stay in [0, 1] and move the right way; reasons say only what is true and notable."""

from __future__ import annotations

import numpy as np
import pytest

from matching import MatchConfig, ScoreWeights
from matching.scoring import (
    age_closeness,
    candidate_reasons,
    distance_score,
    fairness_score,
    total_score,
)


def test_closer_is_better_and_the_half_score_distance_scores_a_half():
    scores = distance_score(np.array([0.0, 0.5, 2.0, 10.0, 40.0]), half_score_km=2.0)

    assert scores[0] == 1.0
    assert scores[2] == pytest.approx(0.5)
    assert np.all(np.diff(scores) < 0)
    assert np.all((scores > 0) & (scores <= 1))


def test_age_closeness_is_one_for_the_same_band_and_zero_three_bands_apart():
    assert age_closeness(6, 6) == 1.0
    assert age_closeness(5, 6) == pytest.approx(2 / 3)
    assert age_closeness(3, 6) == 0.0
    assert age_closeness(0, 6) == 0.0


def test_an_unknown_age_neither_helps_nor_hurts():
    assert age_closeness(-1, 6) == 0.5
    assert age_closeness(np.array([2, -1]), -1).tolist() == [0.5, 0.5]


def test_fewer_recent_tasks_score_higher():
    scores = fairness_score(np.array([0, 1, 4, 20]), half_score_tasks=4.0)

    assert scores[0] == 1.0
    assert scores[2] == pytest.approx(0.5)
    assert np.all(np.diff(scores) < 0)


def test_the_total_is_the_weighted_mean_of_the_parts():
    weights = ScoreWeights(distance=2, experience=1, age=1, continuity=0, fairness=0)

    assert total_score(weights, 1.0, 0.0, 0.5, 1.0, 1.0) == pytest.approx((2 + 0 + 0.5) / 4)
    assert total_score(ScoreWeights(), 1, 1, 1, 1, 1) == pytest.approx(1.0)
    assert total_score(ScoreWeights(), 0, 0, 0, 0, 0) == 0.0


def test_weights_must_be_non_negative_and_not_all_zero():
    with pytest.raises(ValueError):
        ScoreWeights(distance=-1)
    with pytest.raises(ValueError):
        ScoreWeights(0, 0, 0, 0, 0)


def reasons(**changes):
    values = dict(
        config=MatchConfig(), remote=False, distance_km=0.84, experience_similarity=0.0,
        shared_themes=(), shared_words=(), age_bands_apart=None, helped_before=False,
        resident_first_name="Betty", recent_tasks=5, language="en",
    )
    values.update(changes)
    return [(reason.code, dict(reason.values)) for reason in candidate_reasons(**values)]


def test_in_person_help_always_says_how_far():
    assert reasons() == [("distance", {"km": 0.8})]


def test_help_by_phone_mentions_distance_only_when_in_the_same_area():
    assert reasons(remote=True, distance_km=3.2) == [("same_area", {"km": 3.2})]
    assert reasons(remote=True, distance_km=40.0) == []


def test_shared_experience_is_mentioned_only_when_it_is_notable():
    assert reasons(experience_similarity=0.02, shared_themes=("dementia",)) == [("distance", {"km": 0.8})]
    assert reasons(experience_similarity=0.4, shared_themes=("dementia",))[1] == (
        "shared_experience", {"themes": ("dementia",), "similarity": 0.4}
    )
    assert reasons(experience_similarity=0.3, shared_words=("garden", "dogs", "cats"))[1] == (
        "shared_experience", {"words": ("garden", "dogs"), "similarity": 0.3}
    )


def test_age_continuity_language_and_fairness_reasons_appear_when_true():
    codes = [code for code, _ in reasons(age_bands_apart=1, helped_before=True, recent_tasks=0,
                                         language="pl")]

    assert codes == ["distance", "helped_before", "similar_age", "speaks_language",
                     "fewer_recent_tasks"]
    assert [code for code, _ in reasons(age_bands_apart=2, recent_tasks=2)] == ["distance"]
