"""The plain data the matching engine takes in, and the shared vocabulary.

Everything here is a frozen dataclass or a constant: the service layer turns
database rows into these, so matching never sees SQLAlchemy. Sets given as
plain `set`s are turned into frozensets, and values outside the shared
vocabulary are refused at construction: a typo in a category or slot would
otherwise silently match nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CATEGORIES: tuple[str, ...] = (
    "shopping",
    "prescription",
    "befriending",
    "dog_walking",
    "transport",
    "other",
)
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS: tuple[str, ...] = ("morning", "afternoon", "evening")
SLOTS: tuple[str, ...] = tuple(f"{day}_{part}" for day in DAYS for part in DAY_PARTS)
AGE_BANDS: tuple[str, ...] = ("18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")
VETTING_STATUSES: tuple[str, ...] = ("pending", "approved", "suspended")
APPROVED = "approved"
CHECKS: tuple[str, ...] = ("id", "dbs_enhanced", "befriending_training")

# Which checks each kind of help needs, following UK guidance: handling a
# resident's money or medicines and driving them are regulated activity
# (enhanced DBS with barred list); doorstep drop-offs and dog walks need an ID
# check; telephone befriending needs ID and befriending training.
DEFAULT_REQUIRED_CHECKS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "shopping": frozenset({"id", "dbs_enhanced"}),
        "prescription": frozenset({"id", "dbs_enhanced"}),
        "transport": frozenset({"id", "dbs_enhanced"}),
        "dog_walking": frozenset({"id"}),
        "other": frozenset({"id"}),
        "befriending": frozenset({"id", "befriending_training"}),
    }
)
# Help given by phone is not bound by the volunteer's travel radius.
DEFAULT_REMOTE_CATEGORIES: frozenset[str] = frozenset({"befriending"})
# Nearer than this a distance is said as "very close", not "0 km": a volunteer who is told
# "0.0 km away" knows the resident lives at their own postcode.
VERY_CLOSE_KM = 0.5

_CATEGORY_SET = frozenset(CATEGORIES)
_SLOT_SET = frozenset(SLOTS)


@dataclass(frozen=True)
class Volunteer:
    volunteer_id: int
    first_name: str
    latitude: float
    longitude: float
    travel_radius_km: float
    skills: frozenset[str]
    availability: frozenset[str]
    languages: frozenset[str]
    age_band: str | None
    lived_experience: str
    vetting: str
    checks: frozenset[str]
    paused: bool
    weekly_cap: int
    tasks_this_week: int
    recent_tasks: int  # tasks in the last 28 days, for fairness
    helped_resident_ids: frozenset[int]

    def __post_init__(self) -> None:
        _freeze(self, "skills", "availability", "checks", "helped_resident_ids")
        object.__setattr__(self, "languages", _language_codes(self.languages))
        _require_subset("skill", self.skills, _CATEGORY_SET)
        _require_subset("availability slot", self.availability, _SLOT_SET)
        _require_age_band(self.age_band)
        if self.vetting not in VETTING_STATUSES:
            raise ValueError(f"unknown vetting status {self.vetting!r}")
        _require_coordinates(self.latitude, self.longitude)
        if self.travel_radius_km < 0 or self.weekly_cap < 0:
            raise ValueError("travel radius and weekly cap cannot be negative")

    @property
    def remaining_this_week(self) -> int:
        return max(0, self.weekly_cap - self.tasks_this_week)


@dataclass(frozen=True)
class HelpNeeded:
    request_id: int
    resident_id: int
    resident_first_name: str
    category: str
    latitude: float
    longitude: float
    slots: frozenset[str] | None  # acceptable availability slots; None = any time
    language: str  # the resident's language
    age_band: str | None
    circumstances: str  # the resident's own words, for lived-experience matching
    exclude_volunteer_ids: frozenset[int] = frozenset()  # already offered / declined

    def __post_init__(self) -> None:
        _freeze(self, "exclude_volunteer_ids")
        if self.slots is not None:
            _freeze(self, "slots")
            _require_subset("availability slot", self.slots, _SLOT_SET)
        if self.category not in _CATEGORY_SET:
            raise ValueError(f"unknown help category {self.category!r}")
        object.__setattr__(self, "language", self.language.strip().lower())
        _require_age_band(self.age_band)
        _require_coordinates(self.latitude, self.longitude)


@dataclass(frozen=True)
class ScoreWeights:
    """How much each soft score counts; they need not sum to 1 (the total is normalised)."""

    # Distance and shared experience lead; continuity (the same friendly face)
    # next; age and an even spread of work refine the order.
    distance: float = 0.30
    experience: float = 0.35
    age: float = 0.10
    continuity: float = 0.15
    fairness: float = 0.10

    def __post_init__(self) -> None:
        values = (self.distance, self.experience, self.age, self.continuity, self.fairness)
        if min(values) < 0 or sum(values) <= 0:
            raise ValueError("score weights must be non-negative and not all zero")

    @property
    def total(self) -> float:
        return self.distance + self.experience + self.age + self.continuity + self.fairness


@dataclass(frozen=True)
class MatchConfig:
    required_checks: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: DEFAULT_REQUIRED_CHECKS
    )
    weights: ScoreWeights = ScoreWeights()
    remote_categories: frozenset[str] = DEFAULT_REMOTE_CATEGORIES
    # The spatial index splits volunteers by travel-radius band and searches
    # each band out to its upper edge: a volunteer who travels 1 km is never
    # fetched for a request 20 km away just because someone else drives.
    # Edges sit at the round numbers people give, in km and in miles (1.61 is
    # a mile, 3.22 two, 8.05 five), so a band rarely holds a radius much below
    # its edge; between them the steps are about a quarter.
    radius_bands_km: tuple[float, ...] = (
        1.0, 1.61, 2.0, 3.0, 3.22, 4.0, 5.0, 6.5, 8.05, 10.0, 12.5, 16.1, 20.0, 25.0, 32.2, 40.0,
    )
    # Nobody is searched for further than this, whatever radius they gave.
    max_search_km: float = 40.0
    # Telephone befriending: how many of the nearest befrienders to consider
    # first, and the most to widen to when too few of them qualify.
    remote_pool: int = 200
    remote_pool_max: int = 20_000
    # Distance score 1 / (1 + km / half): 0.5 at `half` km.
    distance_half_score_km: float = 2.0
    remote_distance_half_score_km: float = 10.0
    # Fairness score 1 / (1 + recent / half): 0.5 at `half` tasks in 28 days.
    fairness_half_score_tasks: float = 4.0
    # When a reason is worth saying.
    same_area_km: float = 5.0
    notable_experience: float = 0.15
    notable_age_bands_apart: int = 1
    notable_recent_tasks: int = 1

    def __post_init__(self) -> None:
        bands = self.radius_bands_km
        if not bands or any(b <= a for a, b in zip(bands, bands[1:])) or bands[0] <= 0:
            raise ValueError("radius bands must be positive and increasing")
        object.__setattr__(self, "remote_categories", frozenset(self.remote_categories))

    def checks_needed(self, category: str) -> frozenset[str]:
        """Checks a volunteer needs for this category; an ID check is always among them."""
        return frozenset(self.required_checks.get(category, frozenset())) | {"id"}

    def is_remote(self, category: str) -> bool:
        return category in self.remote_categories


def age_band_index(age_band: str | None) -> int:
    """0 for "18-24" up to 6 for "75+"; -1 when unknown."""
    return -1 if age_band is None else AGE_BANDS.index(age_band)


def _freeze(instance: object, *names: str) -> None:
    for name in names:
        value = getattr(instance, name)
        if not isinstance(value, frozenset):
            object.__setattr__(instance, name, frozenset(value))


def _language_codes(codes) -> frozenset[str]:
    return frozenset(code.strip().lower() for code in codes)


def _require_subset(what: str, values: frozenset[str], allowed: frozenset[str]) -> None:
    unknown = values - allowed
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(sorted(unknown))}")


def _require_age_band(age_band: str | None) -> None:
    if age_band is not None and age_band not in AGE_BANDS:
        raise ValueError(f"unknown age band {age_band!r}")


def _require_coordinates(latitude: float, longitude: float) -> None:
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise ValueError(f"not a position on Earth: {latitude}, {longitude}")
