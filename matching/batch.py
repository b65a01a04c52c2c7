"""Assigning many open requests at once, within each volunteer's capacity this week.

`assign_exact` solves the assignment exactly: it maximises the total score of
the chosen (request, volunteer) pairs, each request getting at most one
volunteer and each volunteer at most their remaining weekly capacity, on the
sparse graph of each request's candidates. It is scipy's
`min_weight_full_bipartite_matching` (LAPJVsp) on a graph where

* each volunteer becomes as many columns ("slots") as they can still take,
  capped at how many requests list them (more slots could never be used);
* each request also gets a private "nobody" column, so a full matching always
  exists: a request left unmatched is matched to its own nobody column;
* a real pair costs 2 - score (scores are in [0, 1]), "nobody" costs 2: the
  total cost is 2 * requests - total score, so the cheapest full matching is
  the best total score. With `prefer_more_matches`, "nobody" costs more than
  any set of real pairs could save, so the solver first helps as many people
  as possible and then maximises the score among those assignments.

`assign_greedy_nearest` is the baseline a coordinator would do by hand: the
nearest pairs first, while both sides are free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matching.reasons import Candidate

# Real costs are 2 - score, in [1, 2]: strictly positive, so no edge is an
# implicit zero of the sparse matrix.
_COST_OFFSET = 2.0


@dataclass(frozen=True)
class BatchResult:
    method: str  # "exact" or "greedy_nearest"
    requests: int  # how many requests were asked about
    assignments: Mapping[int, int]  # request_id -> volunteer_id
    scores: Mapping[int, float]  # request_id -> score of its pair
    distances_km: Mapping[int, float]  # request_id -> km of its pair

    @property
    def matched(self) -> int:
        return len(self.assignments)

    @property
    def matched_share(self) -> float:
        return self.matched / self.requests if self.requests else 0.0

    @property
    def total_score(self) -> float:
        return float(sum(self.scores.values()))

    @property
    def mean_km(self) -> float | None:
        if not self.distances_km:
            return None
        return float(np.mean(list(self.distances_km.values())))

    def unmatched(self, request_ids: Sequence[int]) -> tuple[int, ...]:
        return tuple(request_id for request_id in request_ids if request_id not in self.assignments)


@dataclass(frozen=True)
class _Edges:
    request_ids: np.ndarray  # the requests, sorted
    request_index: np.ndarray  # per edge, index into request_ids
    volunteer_ids: np.ndarray  # per edge
    score: np.ndarray
    km: np.ndarray


def assign_exact(
    candidates_by_request: Mapping[int, Sequence[Candidate]],
    capacity: Mapping[int, int],
    *,
    prefer_more_matches: bool = False,
) -> BatchResult:
    """The assignment with the highest total score (see the module docstring)."""
    edges = _edges(candidates_by_request)
    n_requests = edges.request_ids.size
    if edges.score.size == 0:
        return _result("exact", n_requests, edges, np.empty(0, dtype=np.int64))
    volunteers, volunteer_index = np.unique(edges.volunteer_ids, return_inverse=True)
    remaining = np.array([max(int(capacity.get(int(v), 0)), 0) for v in volunteers])
    slots = np.minimum(remaining, np.bincount(volunteer_index, minlength=volunteers.size))
    usable = slots[volunteer_index] > 0
    edge_of = np.flatnonzero(usable)
    # Expand each usable edge into one edge per slot of its volunteer.
    repeats = slots[volunteer_index[edge_of]]
    expanded_edge = np.repeat(edge_of, repeats)
    first_slot = np.cumsum(slots) - slots
    slot_within = np.arange(expanded_edge.size) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    slot_columns = first_slot[volunteer_index[expanded_edge]] + slot_within
    n_slots = int(slots.sum())
    nobody_cost = _COST_OFFSET + (2.0 * n_requests if prefer_more_matches else 0.0)
    rows = np.concatenate([edges.request_index[expanded_edge], np.arange(n_requests)])
    columns = np.concatenate([slot_columns, n_slots + np.arange(n_requests)])
    costs = np.concatenate(
        [_COST_OFFSET - edges.score[expanded_edge], np.full(n_requests, nobody_cost)]
    )
    graph = csr_matrix((costs, (rows, columns)), shape=(n_requests, n_slots + n_requests))
    matched_rows, matched_columns = min_weight_full_bipartite_matching(graph)
    # Back from (request, slot) to the edge: a slot belongs to one volunteer,
    # and each (request, volunteer) pair is one edge, found by binary search.
    real = matched_columns < n_slots
    slot_owner = np.repeat(np.arange(volunteers.size), slots)
    pair_keys = edges.request_index * volunteers.size + volunteer_index
    order = np.argsort(pair_keys)
    wanted = matched_rows[real] * volunteers.size + slot_owner[matched_columns[real]]
    chosen = order[np.searchsorted(pair_keys, wanted, sorter=order)]
    return _result("exact", n_requests, edges, chosen)


def assign_greedy_nearest(
    candidates_by_request: Mapping[int, Sequence[Candidate]],
    capacity: Mapping[int, int],
) -> BatchResult:
    """Baseline: take pairs nearest first (higher score, then ids, on ties) while both are free."""
    edges = _edges(candidates_by_request)
    order = np.lexsort((edges.volunteer_ids, edges.request_index, -edges.score, edges.km))
    left = {int(v): max(int(capacity.get(int(v), 0)), 0) for v in np.unique(edges.volunteer_ids)}
    served: set[int] = set()
    chosen = []
    for edge in order.tolist():
        request, volunteer = int(edges.request_index[edge]), int(edges.volunteer_ids[edge])
        if request in served or left[volunteer] == 0:
            continue
        served.add(request)
        left[volunteer] -= 1
        chosen.append(edge)
    return _result("greedy_nearest", edges.request_ids.size, edges, np.asarray(chosen, dtype=np.int64))


def _edges(candidates_by_request: Mapping[int, Sequence[Candidate]]) -> _Edges:
    request_ids = np.array(sorted(candidates_by_request), dtype=np.int64)
    best: dict[tuple[int, int], Candidate] = {}
    for index, request_id in enumerate(request_ids.tolist()):
        for candidate in candidates_by_request[request_id]:
            key = (index, candidate.volunteer_id)
            if key not in best or candidate.score > best[key].score:
                best[key] = candidate
    pairs = sorted(best)
    return _Edges(
        request_ids=request_ids,
        request_index=np.array([p[0] for p in pairs], dtype=np.int64),
        volunteer_ids=np.array([p[1] for p in pairs], dtype=np.int64),
        score=np.array([best[p].score for p in pairs], dtype=np.float64),
        km=np.array([best[p].distance_km for p in pairs], dtype=np.float64),
    )


def _result(method: str, n_requests: int, edges: _Edges, chosen: np.ndarray) -> BatchResult:
    requests = edges.request_ids[edges.request_index[chosen]].tolist()
    return BatchResult(
        method=method,
        requests=n_requests,
        assignments=dict(zip(requests, edges.volunteer_ids[chosen].tolist())),
        scores=dict(zip(requests, edges.score[chosen].tolist())),
        distances_km=dict(zip(requests, edges.km[chosen].tolist())),
    )
