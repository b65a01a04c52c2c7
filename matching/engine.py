"""The matching engine: spatial search, hard rules, soft scores, reasons, in that order.

For one request:

1. Search. In-person help: the category's index is searched in one call per
   tree reached, each travel-radius band out to its own upper edge, so only
   volunteers who could possibly travel that far are fetched, and only those
   holding the checks the category needs. Help by phone (befriending): the
   nearest `remote_pool` befrienders who hold the checks (and speak the
   resident's language when it is not English), widened while too few of
   them qualify. No request ever scans every volunteer.
2. Rules. Every hard rule as a numpy test over the hits, cheapest first on a
   shrinking list, and the WGS-84 distance (with the travel-radius rule) last
   (`rules.qualifying_rows`).
3. Scores. Distance, age, continuity and fairness for everyone left; the
   lived-experience similarity only for those who could still reach the top
   N with it (it is the one score that needs text).
4. The top N, best first, ties by volunteer_id, with their reasons. When
   nobody qualifies, a second, wider search (checks or not, any language)
   finds the rule that emptied the list, in plain words.

Indexes hold only approved, unpaused volunteers:

* ("area", category): one layered index per in-person category; layer =
  2 * radius band + (1 if they hold the category's checks else 0);
* ("phone", category, language, holds_checks): single-layer indexes for help
  by phone; language None holds every befriender, "pl" those who speak Polish.

`upsert` / `remove` keep them current; workload changes (`record_help`,
`set_workload`) touch the table only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matching.batch import BatchResult, assign_exact, assign_greedy_nearest
from matching.distance import SPHERE_SEARCH_PADDING, geodesic_km
from matching.experience import NO_TEXT
from matching.reasons import Candidate, MatchResult, Rejection
from matching.rules import qualifying_rows, rule_masks, why_nobody_qualifies
from matching.scoring import (
    age_closeness,
    candidate_reasons,
    distance_score,
    fairness_score,
    total_score,
)
from matching.spatial import SpatialIndex
from matching.table import CATEGORY_BITS, CHECK_BITS, VETTING_CODES, VolunteerTable, encode
from matching.themes import theme_of_token
from matching.types import APPROVED, CATEGORIES, HelpNeeded, MatchConfig, Volunteer, age_band_index

DEFAULT_LIMIT = 10
_NO_ROWS = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class _Hits:
    """What a spatial search found for one request."""

    rows: np.ndarray
    searched_km: float | None  # how far it looked (None: help by phone, any distance)


class MatchingEngine:
    def __init__(
        self,
        table: VolunteerTable | None = None,
        config: MatchConfig | None = None,
        *,
        max_pending: int = 1024,
    ) -> None:
        self.config = config or MatchConfig()
        self.table = table if table is not None else VolunteerTable()
        self._max_pending = max_pending
        cap = self.config.max_search_km
        edges = [edge for edge in self.config.radius_bands_km if edge < cap]
        self._band_edges = np.asarray(edges + [cap], dtype=np.float64)
        self._layer_count = 2 * self._band_edges.size
        # Checks per category as a bit mask; None when the table cannot record one of them.
        self._needed_check_bits: dict[str, int | None] = {}
        for category in CATEGORIES:
            needed = self.config.checks_needed(category)
            known = needed <= CHECK_BITS.keys()
            self._needed_check_bits[category] = encode(needed, CHECK_BITS) if known else None
        self._indexes: dict[tuple, SpatialIndex] = {}
        self._build_indexes()

    @classmethod
    def from_volunteers(
        cls, volunteers: Iterable[Volunteer], config: MatchConfig | None = None
    ) -> MatchingEngine:
        return cls(VolunteerTable.from_volunteers(volunteers), config)

    # ----- keeping up with volunteers --------------------------------------

    def upsert(self, volunteer: Volunteer) -> None:
        """A volunteer joined, or changed anything (place, skills, checks, vetting, pause, ...)."""
        old_row = self.table.row_of(volunteer.volunteer_id)
        old = dict(self._placements(old_row)) if old_row is not None else {}
        row = self.table.upsert(volunteer)
        new = dict(self._placements(row))
        for key in old.keys() - new.keys():
            self._indexes[key].remove(row)
        for key, layer in new.items():
            index = self._indexes.get(key)
            if index is None:
                index = self._indexes[key] = self._new_index(key)
            index.add(row, volunteer.latitude, volunteer.longitude, layer)

    def remove(self, volunteer_id: int) -> None:
        """A volunteer left (or asked to be forgotten)."""
        row = self.table.row_of(volunteer_id)
        if row is None:
            return
        for key, _layer in self._placements(row):
            self._indexes[key].remove(row)
        self.table.remove(volunteer_id)

    def record_help(self, volunteer_id: int, resident_id: int) -> None:
        """A task was accepted: it counts towards the weekly cap, fairness and continuity."""
        self.table.record_help(volunteer_id, resident_id)

    def set_workload(self, volunteer_id: int, *, tasks_this_week: int | None = None,
                     recent_tasks: int | None = None) -> None:
        self.table.set_workload(volunteer_id, tasks_this_week=tasks_this_week,
                                recent_tasks=recent_tasks)

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, volunteer_id: object) -> bool:
        return volunteer_id in self.table

    # ----- matching --------------------------------------------------------

    def match(self, need: HelpNeeded, limit: int = DEFAULT_LIMIT) -> MatchResult:
        """The best `limit` candidates, best first; or why there are none."""
        return self.match_many([need], limit)[need.request_id]

    def rank(self, need: HelpNeeded, limit: int = DEFAULT_LIMIT) -> tuple[Candidate, ...]:
        return self.match(need, limit).candidates

    def why_no_match(self, need: HelpNeeded) -> Rejection | None:
        """Plain-words reason nobody qualifies, or None when somebody does."""
        return self.match(need, 1).rejection

    def match_many(
        self, needs: Sequence[HelpNeeded], limit: int = DEFAULT_LIMIT, *, explain: bool = True
    ) -> dict[int, MatchResult]:
        """`match` for many requests, one tree call per index: request_id -> result.

        explain=False leaves `rejection` None for requests nobody qualifies for,
        saving the wider search that finds the reason (batch assignment needs
        only the candidates).
        """
        results: dict[int, MatchResult] = {}
        groups: dict[tuple[str, str], list[HelpNeeded]] = defaultdict(list)
        for need in needs:
            remote = self.config.is_remote(need.category)
            # Help by phone searches a per-language index, so group by language too.
            groups[(need.category, need.language if remote else "")].append(need)
        for (category, _language), group in groups.items():
            remote = self.config.is_remote(category)
            pool = self.config.remote_pool
            found = self._search_remote(group, pool) if remote else self._search_in_person(group)
            for need, hits in zip(group, found):
                candidates = self._rank(need, hits, limit)
                if remote and len(candidates) < limit and hits.rows.size >= pool:
                    candidates = self._widen_remote(need, limit, pool, candidates)
                rejection = self._explain(need) if explain and not candidates else None
                results[need.request_id] = MatchResult(need.request_id, candidates, rejection)
        return results

    def assign_batch(
        self,
        needs: Sequence[HelpNeeded],
        *,
        method: str = "exact",
        per_request: int = DEFAULT_LIMIT,
        prefer_more_matches: bool = False,
    ) -> BatchResult:
        """Assign many open requests at once within each volunteer's remaining weekly capacity.

        method "exact" maximises the total score (see `batch.py`); "greedy_nearest"
        is the nearest-first baseline. Each request's candidates are its top
        `per_request`.
        """
        results = self.match_many(needs, per_request, explain=False)
        candidates = {request_id: result.candidates for request_id, result in results.items()}
        capacity = self.remaining_capacity_of(candidates)
        if method == "exact":
            return assign_exact(candidates, capacity, prefer_more_matches=prefer_more_matches)
        if method == "greedy_nearest":
            return assign_greedy_nearest(candidates, capacity)
        raise ValueError(f"unknown batch method {method!r}")

    def remaining_capacity_of(
        self, candidates_by_request: Mapping[int, Sequence[Candidate]]
    ) -> dict[int, int]:
        """How many more tasks this week each volunteer among the candidates can take."""
        volunteer_ids = {c.volunteer_id for found in candidates_by_request.values() for c in found}
        rows = self.table.rows_of(sorted(volunteer_ids))
        remaining = self.table.remaining_capacity(rows)
        return dict(zip(self.table.volunteer_id[rows].tolist(), remaining.tolist()))

    # ----- search ----------------------------------------------------------

    def _search_in_person(self, needs: Sequence[HelpNeeded], *, explaining: bool = False,
                          explain_km: float | None = None) -> list[_Hits]:
        """Every band of the category's index out to its edge, among those holding the checks.

        When explaining why nobody qualified: everyone (checks or not) out to
        the widest edge (or `explain_km`), so "out of reach" and "missing
        checks" can be told apart.
        """
        index = self._indexes.get(("area", needs[0].category))
        if index is None:
            return [_Hits(_NO_ROWS, None) for _ in needs]
        layers = [
            (2 * band + int(holds_checks), float(edge))
            for band, edge in enumerate(self._band_edges)
            for holds_checks in ((True, False) if explaining else (True,))
            if index.layer_size(2 * band + int(holds_checks))
        ]
        searched_km = max((edge for _, edge in layers), default=None)
        if explaining and explain_km is not None and layers:
            searched_km = explain_km
        radii: list[float | None] = [None] * self._layer_count
        for layer, edge in layers:
            # The trees measure on a sphere; pad so the exact rule decides the edge cases.
            radii[layer] = (searched_km if explaining else edge) * SPHERE_SEARCH_PADDING
        latitudes = np.array([need.latitude for need in needs])
        longitudes = np.array([need.longitude for need in needs])
        # Distances come later, on the ellipsoid, from the table's columns.
        found = index.within_many(latitudes, longitudes, radii, distances=False)
        return [_Hits(rows, searched_km) for rows, _ in found]

    def _search_remote(self, needs: Sequence[HelpNeeded], pool: int, *,
                       any_checks: bool = False, any_language: bool = False) -> list[_Hits]:
        """The nearest `pool` befrienders (of the needs' language, holding the checks, unless told)."""
        category, language = needs[0].category, needs[0].language
        keys = [
            ("phone", category, None if any_language or language == "en" else language, holds)
            for holds in ((True, False) if any_checks else (True,))
        ]
        latitudes = np.array([need.latitude for need in needs])
        longitudes = np.array([need.longitude for need in needs])
        per_index = [
            self._indexes[key].nearest_many(latitudes, longitudes, pool)
            for key in keys
            if key in self._indexes and len(self._indexes[key])
        ]
        hits = []
        for i in range(len(needs)):
            rows = [found[i][0] for found in per_index]
            hits.append(_Hits(np.concatenate(rows) if rows else _NO_ROWS, None))
        return hits

    def _widen_remote(self, need: HelpNeeded, limit: int, pool: int,
                      candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """Too few of the nearest `pool` qualified: look further, up to remote_pool_max."""
        key = ("phone", need.category, None if need.language == "en" else need.language, True)
        available = len(self._indexes[key]) if key in self._indexes else 0
        while pool < min(available, self.config.remote_pool_max):
            pool = min(pool * 4, self.config.remote_pool_max)
            candidates = self._rank(need, self._search_remote([need], pool)[0], limit)
            if len(candidates) >= limit:
                break
        return candidates

    def _explain(self, need: HelpNeeded) -> Rejection:
        """Why nobody qualified: search wider (checks or not, any language) and find the rule."""
        if self.config.is_remote(need.category):
            hits = self._search_remote([need], self.config.remote_pool_max,
                                       any_checks=True, any_language=True)[0]
        else:
            hits = self._search_in_person([need], explaining=True)[0]
            if hits.rows.size == 0 and hits.searched_km is not None:
                # Nobody even within the widest radius anyone gives: look as
                # far as searches go, to say how far the nearest one is.
                hits = self._search_in_person(
                    [need], explaining=True, explain_km=self.config.max_search_km
                )[0]
        rows = hits.rows
        km = geodesic_km(self.table.latitude[rows], self.table.longitude[rows],
                         need.latitude, need.longitude)
        masks = rule_masks(self.table, rows, km, need, self.config)
        rejection = why_nobody_qualifies(masks, km, need, self.config, hits.searched_km)
        if rejection is None:  # only if the indexes and the table disagree
            values = {"category": need.category}
            if hits.searched_km is not None:
                values["within_km"] = hits.searched_km
            rejection = Rejection("none_nearby", values)
        return rejection

    # ----- rules, scores, reasons -------------------------------------------

    def _rank(self, need: HelpNeeded, hits: _Hits, limit: int) -> tuple[Candidate, ...]:
        table, config = self.table, self.config
        remote = config.is_remote(need.category)
        rows, km = qualifying_rows(table, hits.rows, need, config)
        if rows.size == 0:
            return ()
        weights = config.weights
        half_km = config.remote_distance_half_score_km if remote else config.distance_half_score_km
        resident_age = age_band_index(need.age_band)
        distance = distance_score(km, half_km)
        age = age_closeness(table.age_index[rows], resident_age)
        continuity = _is_member(rows, table.helper_rows(need.resident_id)).astype(np.float64)
        fairness = fairness_score(table.recent_tasks[rows], config.fairness_half_score_tasks)
        score = total_score(weights, distance, 0.0, age, continuity, fairness)
        # Experience can add at most this much; only those it could lift into
        # the top `limit` need their text compared.
        experience_share = weights.experience / weights.total
        text_ids = table.text_id[rows]
        compare = text_ids != NO_TEXT
        if score.size > limit:
            compare &= score + experience_share >= np.partition(score, -limit)[-limit]
        experience = np.zeros(score.size)
        match_position = np.full(score.size, -1)
        compared = np.flatnonzero(compare)
        match = None
        if compared.size and experience_share > 0 and need.circumstances.strip():
            match = table.experience.similarity(text_ids[compared], need.circumstances)
            experience[compared] = match.similarity
            match_position[compared] = np.arange(compared.size)
            score = score + experience_share * experience
        volunteer_ids = table.volunteer_id[rows]
        top = _best_first(score, volunteer_ids, limit)
        # Plain Python values from here on: ten candidates, many small reads.
        columns = zip(
            volunteer_ids[top].tolist(), score[top].tolist(), km[top].tolist(),
            experience[top].tolist(), match_position[top].tolist(), continuity[top].tolist(),
            table.age_index[rows[top]].tolist(), table.recent_tasks[rows[top]].tolist(),
        )
        candidates = []
        for volunteer_id, total, distance_km, similarity, position, helped, age_index, recent in columns:
            shared = ()
            if position >= 0 and similarity >= config.notable_experience:
                shared = match.shared_terms(position)
            themes = tuple(t for t in map(theme_of_token, shared) if t is not None)
            reasons = candidate_reasons(
                config=config,
                remote=remote,
                distance_km=distance_km,
                experience_similarity=similarity,
                shared_themes=themes,
                shared_words=tuple(t for t in shared if theme_of_token(t) is None),
                age_bands_apart=(
                    abs(age_index - resident_age) if age_index >= 0 and resident_age >= 0 else None
                ),
                helped_before=helped > 0,
                resident_first_name=need.resident_first_name,
                recent_tasks=recent,
                language=need.language,
            )
            candidates.append(Candidate(volunteer_id, total, distance_km, reasons))
        return tuple(candidates)

    # ----- the indexes -----------------------------------------------------

    def _band_of(self, radius_km):
        """Index of the smallest band edge >= the radius (the last band for anything beyond)."""
        band = np.searchsorted(self._band_edges, radius_km, side="left")
        return np.minimum(band, self._band_edges.size - 1)

    def _holds_checks(self, rows, category: str):
        bits = self._needed_check_bits[category]
        if bits is None:
            return np.zeros(np.shape(rows), dtype=bool)
        return (self.table.check_bits[rows] & bits) == bits

    def _placements(self, row: int) -> list[tuple[tuple, int]]:
        """(index key, layer) for every index this row belongs in."""
        table = self.table
        if table.vetting[row] != VETTING_CODES[APPROVED] or table.paused[row]:
            return []
        band = int(self._band_of(table.travel_radius_km[row]))
        other_languages = sorted(table.languages.codes_of_row(row) - {"en"})
        placements = []
        for category in CATEGORIES:
            if not table.skill_bits[row] & CATEGORY_BITS[category]:
                continue
            holds = bool(self._holds_checks(row, category))
            if self.config.is_remote(category):
                for language in [None, *other_languages]:
                    placements.append((("phone", category, language, holds), 0))
            else:
                placements.append((("area", category), 2 * band + int(holds)))
        return placements

    def _index_options(self, key: tuple) -> dict:
        if key[0] == "area":
            return {"layer_count": self._layer_count, "max_pending": self._max_pending}
        # Nearest-k queries allocate nothing per tree point, so phone indexes
        # stay one tree: sharding would only add calls.
        return {"layer_count": 1, "shard_size": None, "max_pending": self._max_pending}

    def _new_index(self, key: tuple) -> SpatialIndex:
        return SpatialIndex(**self._index_options(key))

    def _build_indexes(self) -> None:
        table = self.table
        rows = table.used_rows()
        active = rows[(table.vetting[rows] == VETTING_CODES[APPROVED]) & ~table.paused[rows]]
        bands = self._band_of(table.travel_radius_km[active])
        other_languages = sorted(set(table.languages.codes) - {"en"})
        for category in CATEGORIES:
            offers = (table.skill_bits[active] & CATEGORY_BITS[category]) != 0
            members = active[offers]
            holds = self._holds_checks(members, category)
            if not self.config.is_remote(category):
                self._put(("area", category), members, layers=2 * bands[offers] + holds)
                continue
            for holds_checks in (True, False):
                with_checks = members[holds == holds_checks]
                self._put(("phone", category, None, holds_checks), with_checks)
                for language in other_languages:
                    speakers = with_checks[table.languages.speaks(with_checks, language)]
                    self._put(("phone", category, language, holds_checks), speakers)

    def _put(self, key: tuple, rows: np.ndarray, layers: np.ndarray | None = None) -> None:
        if rows.size == 0:
            return
        self._indexes[key] = SpatialIndex.build(
            rows, self.table.latitude[rows], self.table.longitude[rows], layers,
            **self._index_options(key),
        )


def _is_member(rows: np.ndarray, few: np.ndarray) -> np.ndarray:
    """rows in few, for the handful of helpers a resident has (np.isin costs more to set up)."""
    member = np.zeros(rows.size, dtype=bool)
    if few.size > 32:
        return np.isin(rows, few)
    for row in few.tolist():
        member |= rows == row
    return member


def _best_first(score: np.ndarray, volunteer_ids: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the `limit` best scores, best first, ties by lower volunteer_id."""
    positions = np.arange(score.size)
    if score.size > limit:
        # Keep everyone tied with the last place so the tie-break sees them all.
        threshold = np.partition(score, -limit)[-limit]
        positions = np.flatnonzero(score >= threshold)
    order = np.lexsort((volunteer_ids[positions], -score[positions]))
    return positions[order[:limit]]
