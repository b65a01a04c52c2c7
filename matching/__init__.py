"""Neighbourly's matching engine: plain data in, ranked candidates with reasons out.

Pure: it imports only the standard library, numpy, scipy, scikit-learn and
geopy.distance, never `bot`, `models`, SQLAlchemy or a messaging SDK, and
does nothing at import time.

    engine = MatchingEngine.from_volunteers(volunteers)      # or MatchingEngine(VolunteerTable.from_arrays(...))
    result = engine.match(need)                               # MatchResult
    for candidate in result.candidates:
        print(candidate.volunteer_id, candidate.explain())    # "0.8 km away · helped Betty before"
    if not result:
        print(result.rejection.describe())                    # "no approved volunteer with befriending within 10 km"
    engine.assign_batch(open_needs)                           # exact assignment within weekly caps
"""

from matching.batch import BatchResult, assign_exact, assign_greedy_nearest
from matching.distance import geodesic_km, haversine_km
from matching.engine import DEFAULT_LIMIT, MatchingEngine
from matching.experience import ExperienceIndex, experience_similarities, experience_tokens
from matching.reasons import (
    Candidate,
    MatchResult,
    Reason,
    Rejection,
    describe_reason,
    describe_rejection,
)
from matching.rules import RULES, failed_rules
from matching.spatial import SpatialIndex
from matching.table import VolunteerTable
from matching.types import (
    AGE_BANDS,
    CATEGORIES,
    CHECKS,
    DAY_PARTS,
    DAYS,
    DEFAULT_REMOTE_CATEGORIES,
    DEFAULT_REQUIRED_CHECKS,
    SLOTS,
    VETTING_STATUSES,
    HelpNeeded,
    MatchConfig,
    ScoreWeights,
    Volunteer,
)

__all__ = [
    "AGE_BANDS",
    "CATEGORIES",
    "CHECKS",
    "DAYS",
    "DAY_PARTS",
    "DEFAULT_LIMIT",
    "DEFAULT_REMOTE_CATEGORIES",
    "DEFAULT_REQUIRED_CHECKS",
    "RULES",
    "SLOTS",
    "VETTING_STATUSES",
    "BatchResult",
    "Candidate",
    "ExperienceIndex",
    "HelpNeeded",
    "MatchConfig",
    "MatchResult",
    "MatchingEngine",
    "Reason",
    "Rejection",
    "ScoreWeights",
    "SpatialIndex",
    "Volunteer",
    "VolunteerTable",
    "assign_exact",
    "assign_greedy_nearest",
    "describe_reason",
    "describe_rejection",
    "experience_similarities",
    "experience_tokens",
    "failed_rules",
    "geodesic_km",
    "haversine_km",
]
