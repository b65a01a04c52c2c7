"""Hard rules: who may be offered a request at all.

Every rule is written once, as a numpy test over table rows (`_RULE_TESTS`).
They are used three ways:

* `qualifying_rows` (the engine's hot path) applies them one after another
  on a shrinking list, cheapest first, and measures distance last;
* `rule_masks` gives every rule's mask over the same rows; when nobody
  qualifies, `why_nobody_qualifies` applies them in `RULES` order to find
  the rule that emptied the list, which becomes the plain-words `Rejection`;
* `failed_rules` runs them on a single `Volunteer`, for tests and for
  answering "why not her?".
"""

from __future__ import annotations

import numpy as np

from matching.distance import geodesic_km
from matching.reasons import Rejection
from matching.table import (
    ALL_SLOTS_MASK,
    CATEGORY_BITS,
    CHECK_BITS,
    SLOT_BITS,
    VETTING_CODES,
    VolunteerTable,
    encode,
)
from matching.types import APPROVED, HelpNeeded, MatchConfig, Volunteer

RULES: tuple[str, ...] = (
    "skill",  # offers this kind of help
    "approved",  # vetting == "approved"
    "not_paused",
    "checks",  # holds the checks the category needs
    "within_reach",  # inside their travel radius (not for help by phone)
    "language",  # shares the resident's language when it is not English
    "available",  # free at one of the acceptable slots
    "capacity",  # under their weekly cap
    "not_excluded",  # not already offered or declined this request
)

# Which rejection each rule leads to when it is the one that empties the list.
_REJECTION_OF_RULE = {
    "skill": "none_nearby",
    "approved": "none_nearby",
    "not_paused": "none_nearby",
    "checks": "missing_checks",
    "within_reach": "out_of_reach",
    "language": "language",
    "available": "unavailable",
    "capacity": "at_capacity",
    "not_excluded": "all_excluded",
}
# Reach is measured on the ellipsoid in floating point; a hair of tolerance
# keeps "exactly 3 km away, travels 3 km" on the right side.
_REACH_TOLERANCE_KM = 1e-9


def rule_masks(
    table: VolunteerTable,
    rows: np.ndarray,
    distance_km: np.ndarray,
    need: HelpNeeded,
    config: MatchConfig,
) -> dict[str, np.ndarray]:
    """One boolean array per rule in `RULES`, aligned with `rows`."""
    return {rule: _RULE_TESTS[rule](table, rows, need, config, distance_km) for rule in RULES}


def qualifying_rows(
    table: VolunteerTable, rows: np.ndarray, need: HelpNeeded, config: MatchConfig
) -> tuple[np.ndarray, np.ndarray]:
    """The rows that pass every rule, and their distances (km) from the request.

    The same tests as `rule_masks`, applied one after another on a shrinking
    list, cheapest and most selective first, so the distance (the dearest
    sum) is worked out only for those still in the running.
    """
    for rule in _CHEAP_RULES_FIRST:
        passing = _RULE_TESTS[rule](table, rows, need, config, None)
        if not passing.all():
            rows = rows[passing]
    km = geodesic_km(table.latitude[rows], table.longitude[rows], need.latitude, need.longitude)
    passing = _RULE_TESTS["within_reach"](table, rows, need, config, km)
    if not passing.all():
        rows, km = rows[passing], km[passing]
    return rows, km


def failed_rules(
    volunteer: Volunteer,
    need: HelpNeeded,
    config: MatchConfig | None = None,
    distance_km: float | None = None,
) -> tuple[str, ...]:
    """The rules this volunteer breaks for this request, in `RULES` order; () if they qualify."""
    config = config or MatchConfig()
    if distance_km is None:
        distance_km = float(
            geodesic_km(volunteer.latitude, volunteer.longitude, need.latitude, need.longitude)
        )
    table = VolunteerTable.from_volunteers([volunteer], with_experience=False)
    masks = rule_masks(table, np.array([0]), np.array([distance_km]), need, config)
    return tuple(rule for rule in RULES if not masks[rule][0])


def why_nobody_qualifies(
    masks: dict[str, np.ndarray],
    distance_km: np.ndarray,
    need: HelpNeeded,
    config: MatchConfig,
    searched_km: float | None,
) -> Rejection | None:
    """The first rule, in `RULES` order, that leaves nobody among the volunteers looked at.

    None when somebody passes every rule (there is nothing to explain).

    `searched_km` is how far the search went (None for help by phone, which
    is not bound by distance); it goes into the words, e.g. "no approved
    volunteer with befriending within 10 km".
    """
    values = {"category": need.category}
    if searched_km is not None:
        values["within_km"] = searched_km
    remaining = np.ones(distance_km.shape, dtype=bool)
    for rule in RULES:
        passing = remaining & masks[rule]
        if not passing.any():
            return _rejection(_REJECTION_OF_RULE[rule], values, remaining, distance_km, need, config)
        remaining = passing
    return None


def _rejection(code, values, remaining, distance_km, need, config) -> Rejection:
    if code == "none_nearby" or not remaining.any():
        return Rejection("none_nearby", values)
    if code == "missing_checks":
        values["checks"] = tuple(sorted(config.checks_needed(need.category)))
    elif code == "out_of_reach":
        values["nearest_km"] = float(distance_km[remaining].min())
    elif code == "language":
        values["language"] = need.language
    elif code in ("at_capacity", "all_excluded"):
        values["count"] = int(remaining.sum())
    return Rejection(code, values)


def _offers_help(table, rows, need, config, km) -> np.ndarray:
    return (table.skill_bits[rows] & CATEGORY_BITS[need.category]) != 0


def _approved(table, rows, need, config, km) -> np.ndarray:
    return table.vetting[rows] == VETTING_CODES[APPROVED]


def _not_paused(table, rows, need, config, km) -> np.ndarray:
    return ~table.paused[rows]


def _within_reach(table, rows, need, config, km) -> np.ndarray:
    if config.is_remote(need.category):
        return np.ones(rows.shape, dtype=bool)
    return km <= table.travel_radius_km[rows] + _REACH_TOLERANCE_KM


def _speaks_language(table, rows, need, config, km) -> np.ndarray:
    if need.language == "en":
        return np.ones(rows.shape, dtype=bool)
    return table.languages.speaks(rows, need.language)


def _available(table, rows, need, config, km) -> np.ndarray:
    if need.slots is None:
        return np.ones(rows.shape, dtype=bool)
    wanted = encode(need.slots, SLOT_BITS) & ALL_SLOTS_MASK
    return (table.slot_bits[rows] & np.uint32(wanted)) != 0


def _under_cap(table, rows, need, config, km) -> np.ndarray:
    return table.tasks_this_week[rows] < table.weekly_cap[rows]


def _holds_checks(table, rows, need, config, km) -> np.ndarray:
    needed = config.checks_needed(need.category)
    if not needed <= CHECK_BITS.keys():
        # A check the table has no column for: nobody can be known to hold it.
        return np.zeros(rows.shape, dtype=bool)
    bits = encode(needed, CHECK_BITS)
    return (table.check_bits[rows] & bits) == bits


def _not_excluded(table, rows, need, config, km) -> np.ndarray:
    if not need.exclude_volunteer_ids:
        return np.ones(rows.shape, dtype=bool)
    excluded = np.fromiter(need.exclude_volunteer_ids, dtype=np.int64)
    return ~np.isin(table.volunteer_id[rows], excluded)


_RULE_TESTS = {
    "skill": _offers_help,
    "approved": _approved,
    "not_paused": _not_paused,
    "checks": _holds_checks,
    "within_reach": _within_reach,
    "language": _speaks_language,
    "available": _available,
    "capacity": _under_cap,
    "not_excluded": _not_excluded,
}
# Cheap column tests that weed out most first; reach (which needs the distance) last.
_CHEAP_RULES_FIRST = (
    "capacity", "available", "language", "not_excluded", "skill", "approved", "not_paused", "checks",
)
