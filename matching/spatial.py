"""Where volunteers are: haversine BallTrees that take changes without rebuilding each time.

Changes. scikit-learn's BallTree cannot insert or delete, so changes go
around the trees:

* a volunteer who joins or moves goes into a small *pending* array that every
  query scans with numpy (moving also tombstones their old place in a tree);
* one who leaves or pauses is *tombstoned*: a flag that query results skip;
* once pending grows past `max_pending`, or tombstones past a share of the
  trees, everything is rebuilt from what is alive (about a second per million).

Layers. The engine keeps the volunteers for one kind of help in one index,
split into layers by travel-radius band (and whether they hold the checks),
and asks for a different radius in each layer. Each BallTree call costs
~0.1 ms of input checking before any search starts, so one call per layer
would cost more than the searching. Instead all layers share the trees, each
layer turned about the polar axis by its own angle: adding a constant to every
longitude moves no point nearer to or further from another point of the same
layer (haversine distance depends on the difference of longitudes only). One
call, with one query point per layer turned the same way and given that
layer's radius, searches every layer at once. While the volunteers span less
than 360/layers degrees of longitude (one country does) the turned copies lie
apart and a query point meets only its own layer; results are filtered by
layer all the same, so answers stay right for any spread.

Shards. A radius query also allocates and zeroes two arrays as long as the
whole tree, which at half a million points costs more than the search. So
the points are cut into geographic shards of at most `shard_size` (halving
the longer side of the box each time), each with its own tree, and a query
only calls the trees of shards its circles can reach.

Small leaves (8 points) make each probe's walk down the tree cheaper: a
search visits few leaves, so fewer distance checks beat a shallower tree.

Keys are non-negative integers (the engine uses table rows). Keys in the
trees are kept sorted, so a key's place is a binary search, not a
million-entry dict. Distances returned are great-circle km (what the
haversine metric measures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sklearn
from sklearn.neighbors import BallTree

from matching.distance import EARTH_RADIUS_KM, haversine_km_radians

_NO_KEYS = np.empty(0, dtype=np.int64)
_NO_DISTANCES = np.empty(0, dtype=np.float64)
DEFAULT_SHARD_SIZE = 1 << 18


@dataclass(frozen=True)
class _Shard:
    positions: np.ndarray  # places in the index's sorted arrays, ascending
    tree: BallTree  # over those points, each turned by its layer
    south: float  # bounding box of the (unturned) points, radians
    north: float
    west: float
    east: float


class SpatialIndex:
    def __init__(
        self,
        *,
        layer_count: int = 1,
        shard_size: int | None = DEFAULT_SHARD_SIZE,
        leaf_size: int = 8,
        max_pending: int = 1024,
        max_tombstone_share: float = 0.25,
    ) -> None:
        if layer_count < 1:
            raise ValueError("an index needs at least one layer")
        self.layer_count = layer_count
        self._layer_turn = 2.0 * np.pi / layer_count  # radians of longitude between layers
        self._shard_size = shard_size
        self._leaf_size = leaf_size
        self._max_pending = max_pending
        self._max_tombstone_share = max_tombstone_share
        self._shards: list[_Shard] = []
        self._keys = _NO_KEYS  # sorted; everything in the trees
        self._points = np.empty((0, 2))  # (lat, lon) radians, not turned; aligned with keys
        self._layers = np.empty(0, dtype=np.int16)
        self._alive = np.empty(0, dtype=bool)
        self._tombstones = 0
        self._pending_keys = np.empty(16, dtype=np.int64)
        self._pending_points = np.empty((16, 2))
        self._pending_layers = np.empty(16, dtype=np.int16)
        self._pending_count = 0
        self._pending_slot: dict[int, int] = {}
        self._layer_sizes = np.zeros(layer_count, dtype=np.int64)
        self.rebuilds = 0

    # ----- building and changing -------------------------------------------

    @classmethod
    def build(cls, keys, latitudes, longitudes, layers=None, **options) -> SpatialIndex:
        """An index over these points (degrees), built in one go."""
        index = cls(**options)
        keys = np.asarray(keys, dtype=np.int64)
        if np.unique(keys).size != keys.size:
            raise ValueError("keys must be unique")
        if layers is None:
            layers = np.zeros(keys.size, dtype=np.int16)
        layers = np.asarray(layers, dtype=np.int16)
        index._check_layers(layers)
        points = np.radians(np.column_stack([latitudes, longitudes]).astype(np.float64))
        index._build(keys, points, layers)
        return index

    def add(self, key: int, latitude: float, longitude: float, layer: int = 0) -> None:
        """Insert, or move (to another place or layer) if the key is already here."""
        self._check_layers(np.array([layer]))
        point = np.radians([latitude, longitude])
        slot = self._pending_slot.get(key)
        if slot is not None:
            self._layer_sizes[self._pending_layers[slot]] -= 1
            self._pending_points[slot] = point
            self._pending_layers[slot] = layer
            self._layer_sizes[layer] += 1
            return
        position = self._position(key)
        if position is not None:
            if np.array_equal(self._points[position], point) and self._layers[position] == layer:
                return
            self._bury(position)
        self._append_pending(key, point, layer)
        self._rebuild_if_due()

    def remove(self, key: int) -> bool:
        """Take the key out; False if it was not here."""
        slot = self._pending_slot.pop(key, None)
        if slot is not None:
            self._layer_sizes[self._pending_layers[slot]] -= 1
            last = self._pending_count - 1
            if slot != last:
                # Keep pending dense: the last entry takes the freed slot.
                moved_key = int(self._pending_keys[last])
                self._pending_keys[slot] = moved_key
                self._pending_points[slot] = self._pending_points[last]
                self._pending_layers[slot] = self._pending_layers[last]
                self._pending_slot[moved_key] = slot
            self._pending_count = last
            return True
        position = self._position(key)
        if position is None:
            return False
        self._bury(position)
        self._rebuild_if_due()
        return True

    def rebuild(self) -> None:
        """Fold pending entries and tombstones into fresh trees."""
        pending = slice(0, self._pending_count)
        keys = np.concatenate([self._keys[self._alive], self._pending_keys[pending]])
        points = np.concatenate([self._points[self._alive], self._pending_points[pending]])
        layers = np.concatenate([self._layers[self._alive], self._pending_layers[pending]])
        self._pending_slot = {}
        self._pending_count = 0
        self._build(keys, points, layers)
        self.rebuilds += 1

    # ----- reading ---------------------------------------------------------

    def __len__(self) -> int:
        return int(self._keys.size - self._tombstones + self._pending_count)

    def __contains__(self, key: object) -> bool:
        return key in self._pending_slot or self._position(int(key)) is not None

    def layer_size(self, layer: int) -> int:
        return int(self._layer_sizes[layer])

    @property
    def shard_count(self) -> int:
        return len(self._shards)

    @property
    def pending_count(self) -> int:
        return self._pending_count

    @property
    def tombstone_count(self) -> int:
        return self._tombstones

    def keys(self) -> np.ndarray:
        return np.concatenate([self._keys[self._alive], self._pending_keys[: self._pending_count]])

    def within(self, latitude: float, longitude: float, radius_km: float, layer: int = 0):
        """(keys, km) of every point of `layer` within radius_km, in no particular order."""
        radii: list[float | None] = [None] * self.layer_count
        radii[layer] = radius_km
        return self.within_layers(latitude, longitude, radii)

    def within_layers(self, latitude: float, longitude: float, radius_by_layer: Sequence[float | None],
                      *, distances: bool = True):
        """(keys, km) of points within their layer's radius (None: leave the layer out)."""
        return self.within_many(
            np.array([latitude]), np.array([longitude]), radius_by_layer, distances=distances
        )[0]

    def within_many(self, latitudes, longitudes, radius_by_layer: Sequence[float | None],
                    *, distances: bool = True):
        """`within_layers` for many query points, one tree call per shard reached: a list of (keys, km).

        With distances=False the km part is None: the trees then skip computing
        a distance for every point of a node wholly inside the circle, which is
        most of the work for a wide search (callers that measure anyway save it).
        """
        queries = _radians(latitudes, longitudes)
        layers = np.array(
            [
                layer for layer, radius in enumerate(radius_by_layer)
                if radius is not None and self._layer_sizes[layer] > 0
            ],
            dtype=np.int64,
        )
        if layers.size == 0:
            return [(_NO_KEYS, _NO_DISTANCES if distances else None)] * len(queries)
        radii_km = np.array([radius_by_layer[layer] for layer in layers], dtype=np.float64)
        # One probe per (query, layer): the query point turned into the layer's copy.
        probe_query = np.repeat(np.arange(len(queries)), layers.size)
        probe_layer = np.tile(layers, len(queries))
        probe_radius = np.tile(radii_km, len(queries)) / EARTH_RADIUS_KM
        hit_positions, hit_probes = [], []
        for shard in self._shards:
            reach = _lower_bound_angle(queries[probe_query], shard) <= probe_radius
            if not reach.any():
                continue
            probes = np.flatnonzero(reach)
            turned = queries[probe_query[probes]]
            turned[:, 1] += probe_layer[probes] * self._layer_turn
            with sklearn.config_context(assume_finite=True):
                local = shard.tree.query_radius(turned, r=probe_radius[probes])
            counts = np.fromiter((found.size for found in local), dtype=np.int64, count=len(local))
            if counts.sum():
                hit_positions.append(shard.positions[np.concatenate(local)])
                hit_probes.append(np.repeat(probes, counts))
        positions = np.concatenate(hit_positions) if hit_positions else _NO_KEYS
        probes = np.concatenate(hit_probes) if hit_probes else _NO_KEYS
        keep = self._alive[positions] if self._tombstones else np.ones(positions.size, dtype=bool)
        if self.layer_count > 1:
            # A turned copy of another layer can only be met if volunteers span
            # most of the globe's longitudes; drop such hits.
            keep &= self._layers[positions] == probe_layer[probes]
        positions, owners = positions[keep], probe_query[probes[keep]]
        pending = (
            [self._pending_within(query, layers, radii_km) for query in queries]
            if self._pending_count else None
        )
        if len(queries) > 1:
            order = np.argsort(owners, kind="stable")
            positions, owners = positions[order], owners[order]
        bounds = np.searchsorted(owners, np.arange(len(queries) + 1))
        results = []
        for query_number, query in enumerate(queries):
            mine = positions[bounds[query_number]:bounds[query_number + 1]]
            keys = self._keys[mine]
            km = None
            if distances:
                points = self._points[mine]
                km = haversine_km_radians(query[0], query[1], points[:, 0], points[:, 1])
            if pending is not None:
                pending_keys, pending_km = pending[query_number]
                keys = np.concatenate([keys, pending_keys])
                km = None if km is None else np.concatenate([km, pending_km])
            results.append((keys, km))
        return results

    def nearest(self, latitude: float, longitude: float, k: int):
        """(keys, km) of the k nearest points, nearest first (single-layer indexes only)."""
        return self.nearest_many(np.array([latitude]), np.array([longitude]), k)[0]

    def nearest_many(self, latitudes, longitudes, k: int):
        if self.layer_count != 1:
            raise ValueError("nearest() needs an index with a single layer")
        queries = _radians(latitudes, longitudes)
        if len(self._shards) == 1 and k > 0:
            return self._nearest_in_one_tree(queries, k)
        results = []
        for query in queries:
            best_keys, best_km = [], []
            kth_km = np.inf
            # Shards nearest first; stop once a shard cannot hold anything nearer.
            bounds = np.array([_lower_bound_angle(query[None], shard)[0] for shard in self._shards])
            for shard_number in np.argsort(bounds, kind="stable").tolist():
                if k <= 0 or bounds[shard_number] * EARTH_RADIUS_KM > kth_km:
                    break
                shard = self._shards[shard_number]
                # Tombstoned points still sit in the tree: ask for enough extra to cover them.
                wanted = min(k + self._tombstones, shard.positions.size)
                with sklearn.config_context(assume_finite=True):
                    angles, local = shard.tree.query(query[None], k=wanted, return_distance=True)
                keys, km = self._keep_alive(shard.positions[local[0]], angles[0] * EARTH_RADIUS_KM, None)
                best_keys.append(keys)
                best_km.append(km)
                merged_keys, merged_km = _nearest_first(*_concatenate(list(zip(best_keys, best_km))), k)
                best_keys, best_km = [merged_keys], [merged_km]
                if merged_km.size >= k:
                    kth_km = float(merged_km[-1])
            tree_result = _concatenate(list(zip(best_keys, best_km)))
            if self._pending_count:
                tree_result = _concatenate([tree_result, self._pending_within(query, None, None)])
            results.append(_nearest_first(*tree_result, k))
        return results

    # ----- internals -------------------------------------------------------

    def _nearest_in_one_tree(self, queries: np.ndarray, k: int):
        """nearest_many when one tree holds everything: one call for all the queries."""
        shard = self._shards[0]
        wanted = min(k + self._tombstones, shard.positions.size)
        with sklearn.config_context(assume_finite=True):
            angles, local = shard.tree.query(queries, k=wanted, return_distance=True)
        results = []
        for query, where, angle in zip(queries, local, angles):
            result = self._keep_alive(shard.positions[where], angle * EARTH_RADIUS_KM, None)
            if self._pending_count:
                result = _concatenate([result, self._pending_within(query, None, None)])
            results.append(_nearest_first(*result, k))
        return results

    def _check_layers(self, layers: np.ndarray) -> None:
        if layers.size and (layers.min() < 0 or layers.max() >= self.layer_count):
            raise ValueError(f"layers must be in 0..{self.layer_count - 1}")

    def _build(self, keys: np.ndarray, points: np.ndarray, layers: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self._keys = np.ascontiguousarray(keys[order])
        self._points = np.ascontiguousarray(points[order])
        self._layers = np.ascontiguousarray(layers[order])
        self._alive = np.ones(self._keys.size, dtype=bool)
        self._tombstones = 0
        self._layer_sizes = np.bincount(self._layers, minlength=self.layer_count).astype(np.int64)
        self._shards = [self._make_shard(part) for part in self._split(np.arange(self._keys.size))]

    def _split(self, positions: np.ndarray) -> list[np.ndarray]:
        """Halve the longer side of the box until each part holds at most shard_size points."""
        if positions.size == 0:
            return []
        limit = self._shard_size or positions.size
        parts, waiting = [], [positions]
        while waiting:
            part = waiting.pop()
            if part.size <= limit:
                parts.append(np.sort(part))
                continue
            latitudes, longitudes = self._points[part, 0], self._points[part, 1]
            east_west = np.ptp(longitudes) * np.cos(np.median(latitudes))
            along = latitudes if np.ptp(latitudes) >= east_west else longitudes
            half = part.size // 2
            order = np.argpartition(along, half)
            waiting += [part[order[:half]], part[order[half:]]]
        return parts

    def _make_shard(self, positions: np.ndarray) -> _Shard:
        points = self._points[positions]
        turned = points.copy()
        turned[:, 1] += self._layers[positions] * self._layer_turn
        return _Shard(
            positions=positions,
            tree=BallTree(turned, leaf_size=self._leaf_size, metric="haversine"),
            south=float(points[:, 0].min()),
            north=float(points[:, 0].max()),
            west=float(points[:, 1].min()),
            east=float(points[:, 1].max()),
        )

    def _position(self, key: int) -> int | None:
        position = int(np.searchsorted(self._keys, key))
        if position < self._keys.size and self._keys[position] == key and self._alive[position]:
            return position
        return None

    def _bury(self, position: int) -> None:
        self._alive[position] = False
        self._tombstones += 1
        self._layer_sizes[self._layers[position]] -= 1

    def _append_pending(self, key: int, point: np.ndarray, layer: int) -> None:
        if self._pending_count == self._pending_keys.size:
            size = 2 * self._pending_keys.size
            self._pending_keys = np.resize(self._pending_keys, size)
            self._pending_points = np.resize(self._pending_points, (size, 2))
            self._pending_layers = np.resize(self._pending_layers, size)
        self._pending_keys[self._pending_count] = key
        self._pending_points[self._pending_count] = point
        self._pending_layers[self._pending_count] = layer
        self._pending_slot[key] = self._pending_count
        self._pending_count += 1
        self._layer_sizes[layer] += 1

    def _rebuild_if_due(self) -> None:
        too_many_tombstones = self._tombstones > max(
            self._max_pending, self._max_tombstone_share * self._keys.size
        )
        if self._pending_count > self._max_pending or too_many_tombstones:
            self.rebuild()

    def _keep_alive(self, positions: np.ndarray, km: np.ndarray, layer: int | None):
        """Positions -> keys, dropping tombstones (and other layers' points when asked)."""
        if self._tombstones or layer is not None:
            keep = self._alive[positions] if self._tombstones else np.ones(positions.size, dtype=bool)
            if layer is not None:
                keep &= self._layers[positions] == layer
            positions, km = positions[keep], km[keep]
        return self._keys[positions], km

    def _pending_within(self, query: np.ndarray, layers: np.ndarray | None, radii_km: np.ndarray | None):
        """Pending points (of the given layers, within each layer's radius), by numpy scan."""
        count = self._pending_count
        points = self._pending_points[:count]
        keys = self._pending_keys[:count]
        km = haversine_km_radians(query[0], query[1], points[:, 0], points[:, 1])
        if layers is None:
            return keys, km
        # Each pending point is held to its layer's radius; layers not asked for get -1.
        radius_of_layer = np.full(self.layer_count, -1.0)
        radius_of_layer[layers] = radii_km
        close = km <= radius_of_layer[self._pending_layers[:count]]
        return keys[close], km[close]


def _radians(latitudes, longitudes) -> np.ndarray:
    return np.radians(np.column_stack([latitudes, longitudes]).astype(np.float64))


def _lower_bound_angle(queries: np.ndarray, shard: _Shard) -> np.ndarray:
    """A lower bound on the angle from each query point (radians) to any point in the shard's box.

    Two bounds, the larger wins: the latitude gap (no path is shorter than
    the change of latitude), and the longitude gap seen from the query's
    latitude (a point dlon away in longitude is at least asin(sin dlon * cos lat)
    away: the widest a circle around the query reaches in longitude).
    """
    latitudes, longitudes = queries[:, 0], queries[:, 1]
    latitude_gap = np.maximum(np.maximum(shard.south - latitudes, latitudes - shard.north), 0.0)
    inside = (longitudes >= shard.west) & (longitudes <= shard.east)
    longitude_gap = np.minimum(
        np.mod(shard.west - longitudes, 2 * np.pi), np.mod(longitudes - shard.east, 2 * np.pi)
    )
    longitude_gap = np.where(inside, 0.0, np.minimum(longitude_gap, np.pi / 2))
    longitude_bound = np.arcsin(np.clip(np.sin(longitude_gap) * np.cos(latitudes), 0.0, 1.0))
    return np.maximum(latitude_gap, longitude_bound)


def _concatenate(results: list[tuple[np.ndarray, np.ndarray]]):
    if not results:
        return _NO_KEYS, _NO_DISTANCES
    if len(results) == 1:
        return results[0]
    return (
        np.concatenate([keys for keys, _ in results]),
        np.concatenate([km for _, km in results]),
    )


def _nearest_first(keys: np.ndarray, km: np.ndarray, k: int):
    if km.size > k:
        keep = np.argpartition(km, k - 1)[:k] if k > 0 else np.empty(0, dtype=np.int64)
        keys, km = keys[keep], km[keep]
    # Ties broken by key so results do not depend on the trees' layout.
    order = np.lexsort((keys, km))
    return keys[order], km[order]
