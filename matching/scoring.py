"""Soft scores, each in [0, 1], their weighted total, and the reasons worth saying.

The score functions take numpy arrays (or plain numbers) so the engine scores
thousands of candidates at once and tests can call them with one value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.reasons import Reason
from matching.types import MatchConfig, ScoreWeights

# Age bands further apart than this score zero for closeness.
_AGE_BANDS_TO_ZERO = 3.0
# An unknown age neither helps nor hurts.
_UNKNOWN_AGE_SCORE = 0.5


def distance_score(km, half_score_km: float):
    """1 at the door, 0.5 at `half_score_km`, falling smoothly: closer is better."""
    return 1.0 / (1.0 + np.asarray(km, dtype=np.float64) / half_score_km)


def age_closeness(volunteer_age_index, resident_age_index):
    """1 for the same age band, 2/3 one band apart, ... 0 from three bands apart.

    Indexes are into `AGE_BANDS`, -1 for unknown (scores 0.5).
    """
    volunteer = np.asarray(volunteer_age_index, dtype=np.float64)
    resident = np.asarray(resident_age_index, dtype=np.float64)
    closeness = np.clip(1.0 - np.abs(volunteer - resident) / _AGE_BANDS_TO_ZERO, 0.0, 1.0)
    return np.where((volunteer < 0) | (resident < 0), _UNKNOWN_AGE_SCORE, closeness)


def fairness_score(recent_tasks, half_score_tasks: float):
    """1 for somebody with no recent tasks, 0.5 at `half_score_tasks`: spread the work."""
    return 1.0 / (1.0 + np.maximum(np.asarray(recent_tasks, dtype=np.float64), 0.0) / half_score_tasks)


@dataclass(frozen=True)
class ScoreParts:
    """The soft scores of several candidates, one array each, aligned."""

    distance: np.ndarray
    experience: np.ndarray
    age: np.ndarray
    continuity: np.ndarray
    fairness: np.ndarray

    def total(self, weights: ScoreWeights) -> np.ndarray:
        return total_score(weights, self.distance, self.experience, self.age, self.continuity,
                           self.fairness)


def total_score(weights: ScoreWeights, distance, experience, age, continuity, fairness):
    """Weighted mean of the soft scores, in [0, 1]."""
    weighted = (
        weights.distance * np.asarray(distance)
        + weights.experience * np.asarray(experience)
        + weights.age * np.asarray(age)
        + weights.continuity * np.asarray(continuity)
        + weights.fairness * np.asarray(fairness)
    )
    return weighted / weights.total


def candidate_reasons(
    *,
    config: MatchConfig,
    remote: bool,
    distance_km: float,
    experience_similarity: float,
    shared_themes: tuple[str, ...],
    shared_words: tuple[str, ...],
    age_bands_apart: int | None,
    helped_before: bool,
    resident_first_name: str,
    recent_tasks: int,
    language: str,
) -> tuple[Reason, ...]:
    """Only what is true and notable, most telling first."""
    reasons: list[Reason] = []
    if not remote:
        reasons.append(Reason("distance", {"km": round(distance_km, 1)}))
    elif distance_km <= config.same_area_km:
        reasons.append(Reason("same_area", {"km": round(distance_km, 1)}))
    if experience_similarity >= config.notable_experience and (shared_themes or shared_words):
        values = {"themes": shared_themes} if shared_themes else {"words": shared_words[:2]}
        reasons.append(Reason("shared_experience", {**values, "similarity": round(experience_similarity, 2)}))
    if helped_before:
        reasons.append(Reason("helped_before", {"resident_first_name": resident_first_name}))
    if age_bands_apart is not None and age_bands_apart <= config.notable_age_bands_apart:
        reasons.append(Reason("similar_age", {"bands_apart": age_bands_apart}))
    if language != "en":
        reasons.append(Reason("speaks_language", {"language": language}))
    if recent_tasks <= config.notable_recent_tasks:
        reasons.append(Reason("fewer_recent_tasks", {"recent_tasks": recent_tasks}))
    return tuple(reasons)
