"""The spatial index agrees with brute force, before and after incremental changes."""

from __future__ import annotations

import numpy as np
import pytest

from matching import SpatialIndex, haversine_km


def random_points(rng: np.random.Generator, count: int):
    """Points around East Anglia, denser in the middle like a town."""
    latitudes = 52.2 + rng.normal(0, 0.25, count)
    longitudes = 0.5 + rng.normal(0, 0.4, count)
    return latitudes, longitudes


def brute_force_within(keys, latitudes, longitudes, layers, query, radius_by_layer):
    km = haversine_km(latitudes, longitudes, query[0], query[1])
    radius = np.array([radius_by_layer[layer] if radius_by_layer[layer] is not None else -1.0
                       for layer in layers])
    return sorted(int(k) for k in np.asarray(keys)[km <= radius])


def as_sorted_keys(result) -> list[int]:
    keys, _km = result
    return sorted(keys.tolist())


@pytest.mark.parametrize("shard_size", [None, 64])
def test_radius_search_finds_exactly_the_points_brute_force_finds(shard_size):
    rng = np.random.default_rng(1)
    latitudes, longitudes = random_points(rng, 2_000)
    keys = rng.permutation(10_000)[:2_000]
    index = SpatialIndex.build(keys, latitudes, longitudes, shard_size=shard_size)

    for _ in range(50):
        query = (52.2 + rng.normal(0, 0.3), 0.5 + rng.normal(0, 0.5))
        radius = float(rng.choice([0.5, 2.0, 5.0, 15.0]))
        found_keys, found_km = index.within(query[0], query[1], radius)
        assert sorted(found_keys.tolist()) == brute_force_within(
            keys, latitudes, longitudes, np.zeros(keys.size, int), query, [radius]
        )
        where = {int(key): i for i, key in enumerate(keys)}
        rows = [where[int(key)] for key in found_keys]
        expected_km = haversine_km(latitudes[rows], longitudes[rows], *query)
        assert found_km == pytest.approx(expected_km, abs=1e-9)


def test_reported_distances_are_great_circle_km():
    index = SpatialIndex.build([1, 2], [51.5, 51.6], [0.0, 0.0])

    keys, km = index.within(51.5, 0.0, 20.0)

    by_key = dict(zip(keys.tolist(), km.tolist()))
    assert by_key[1] == pytest.approx(0.0, abs=1e-9)
    assert by_key[2] == pytest.approx(float(haversine_km(51.5, 0.0, 51.6, 0.0)), rel=1e-9)


@pytest.mark.parametrize("shard_size", [None, 50])
def test_each_layer_is_searched_with_its_own_radius_in_one_go(shard_size):
    rng = np.random.default_rng(2)
    latitudes, longitudes = random_points(rng, 1_500)
    keys = np.arange(1_500)
    layers = rng.integers(0, 6, 1_500)
    index = SpatialIndex.build(keys, latitudes, longitudes, layers, layer_count=6,
                               shard_size=shard_size)

    for _ in range(40):
        query = (52.2 + rng.normal(0, 0.3), 0.5 + rng.normal(0, 0.5))
        radius_by_layer = [float(r) if r > 0 else None for r in rng.choice([0, 1, 3, 8, 20], 6)]
        assert as_sorted_keys(index.within_layers(*query, radius_by_layer)) == brute_force_within(
            keys, latitudes, longitudes, layers, query, radius_by_layer
        )


def test_layers_stay_apart_even_when_points_span_the_whole_globe():
    rng = np.random.default_rng(3)
    latitudes = rng.uniform(-60, 60, 3_000)
    longitudes = rng.uniform(-180, 180, 3_000)
    layers = rng.integers(0, 8, 3_000)
    index = SpatialIndex.build(np.arange(3_000), latitudes, longitudes, layers, layer_count=8)

    for _ in range(30):
        query = (rng.uniform(-60, 60), rng.uniform(-180, 180))
        radius_by_layer = [2_000.0] * 4 + [None] * 4
        assert as_sorted_keys(index.within_layers(*query, radius_by_layer)) == brute_force_within(
            np.arange(3_000), latitudes, longitudes, layers, query, radius_by_layer
        )


@pytest.mark.parametrize("shard_size", [None, 40])
def test_nearest_k_agrees_with_sorting_every_distance(shard_size):
    rng = np.random.default_rng(4)
    latitudes, longitudes = random_points(rng, 1_000)
    keys = np.arange(100, 1_100)
    index = SpatialIndex.build(keys, latitudes, longitudes, shard_size=shard_size)

    for _ in range(40):
        query = (52.2 + rng.normal(0, 0.3), 0.5 + rng.normal(0, 0.5))
        k = int(rng.integers(1, 60))
        found_keys, found_km = index.nearest(*query, k)
        km = haversine_km(latitudes, longitudes, *query)
        expected = keys[np.lexsort((keys, km))][:k]
        assert found_keys.tolist() == expected.tolist()
        assert np.all(np.diff(found_km) >= 0)


def test_nearest_is_only_for_single_layer_indexes():
    index = SpatialIndex.build([1], [52.0], [0.0], [1], layer_count=2)

    with pytest.raises(ValueError, match="single layer"):
        index.nearest(52.0, 0.0, 1)


def test_adding_moving_and_removing_agree_with_brute_force_without_rebuilding():
    rng = np.random.default_rng(5)
    latitudes, longitudes = random_points(rng, 800)
    layers = rng.integers(0, 3, 800)
    index = SpatialIndex.build(np.arange(800), latitudes, longitudes, layers, layer_count=3,
                               max_pending=10_000)
    truth = {key: (latitudes[key], longitudes[key], layers[key]) for key in range(800)}

    for step in range(600):
        action = rng.random()
        if action < 0.35:  # someone new joins
            key = 800 + step
            truth[key] = (52.2 + rng.normal(0, 0.25), 0.5 + rng.normal(0, 0.4), int(rng.integers(0, 3)))
            index.add(key, *truth[key])
        elif action < 0.7 and truth:  # someone moves (or changes band)
            key = int(rng.choice(list(truth)))
            truth[key] = (truth[key][0] + rng.normal(0, 0.05), truth[key][1], int(rng.integers(0, 3)))
            index.add(key, *truth[key])
        elif truth:  # someone leaves
            key = int(rng.choice(list(truth)))
            del truth[key]
            assert index.remove(key)

    assert index.rebuilds == 0
    assert index.pending_count > 0 and index.tombstone_count > 0
    assert len(index) == len(truth)
    assert sorted(index.keys().tolist()) == sorted(truth)
    all_keys = np.array(list(truth))
    all_lat = np.array([truth[k][0] for k in all_keys])
    all_lon = np.array([truth[k][1] for k in all_keys])
    all_layers = np.array([truth[k][2] for k in all_keys])
    for _ in range(30):
        query = (52.2 + rng.normal(0, 0.3), 0.5 + rng.normal(0, 0.5))
        radius_by_layer = [2.0, None, 9.0]
        assert as_sorted_keys(index.within_layers(*query, radius_by_layer)) == brute_force_within(
            all_keys, all_lat, all_lon, all_layers, query, radius_by_layer
        )


def test_nearest_sees_pending_points_and_skips_removed_ones():
    index = SpatialIndex.build([1, 2, 3], [52.00, 52.01, 52.02], [0.0, 0.0, 0.0], max_pending=100)

    index.remove(1)
    index.add(4, 52.0, 0.0005)
    index.add(2, 52.03, 0.0)  # moved away

    keys, km = index.nearest(52.0, 0.0, 3)
    assert keys.tolist() == [4, 3, 2]
    assert km[0] == pytest.approx(float(haversine_km(52.0, 0.0, 52.0, 0.0005)))
    assert 1 not in index and 4 in index


def test_the_tree_is_rebuilt_once_pending_changes_pass_the_threshold():
    rng = np.random.default_rng(6)
    latitudes, longitudes = random_points(rng, 100)
    index = SpatialIndex.build(np.arange(100), latitudes, longitudes, max_pending=20)

    for key in range(100, 121):
        index.add(key, 52.2, 0.5)

    assert index.rebuilds == 1
    assert index.pending_count == 0
    assert len(index) == 121
    keys, _ = index.within(52.2, 0.5, 0.01)
    assert set(range(100, 121)) <= set(keys.tolist())


def test_many_removals_trigger_a_rebuild_that_drops_the_tombstones():
    index = SpatialIndex.build(np.arange(100), np.full(100, 52.0), np.linspace(0, 1, 100),
                               max_pending=10, max_tombstone_share=0.25)

    for key in range(30):
        index.remove(key)

    assert index.rebuilds == 1
    assert index.tombstone_count < 10
    assert sorted(index.keys().tolist()) == list(range(30, 100))
    assert not index.remove(5)


def test_an_unchanged_add_changes_nothing():
    index = SpatialIndex.build([1], [52.0], [0.0])

    index.add(1, 52.0, 0.0)

    assert index.pending_count == 0 and index.tombstone_count == 0


def test_an_empty_index_answers_with_nothing():
    index = SpatialIndex(layer_count=2)

    keys, km = index.within_layers(52.0, 0.0, [5.0, 5.0])
    assert keys.size == 0 and km.size == 0
    index.add(7, 52.0, 0.0, layer=1)
    assert as_sorted_keys(index.within_layers(52.0, 0.0, [None, 1.0])) == [7]
    assert as_sorted_keys(index.within_layers(52.0, 0.0, [1.0, None])) == []


def test_layers_outside_the_index_are_refused():
    with pytest.raises(ValueError, match="layers"):
        SpatialIndex(layer_count=2).add(1, 52.0, 0.0, layer=2)


def test_many_queries_at_once_give_the_same_answers_as_one_by_one():
    rng = np.random.default_rng(8)
    latitudes, longitudes = random_points(rng, 1_000)
    layers = rng.integers(0, 4, 1_000)
    index = SpatialIndex.build(np.arange(1_000), latitudes, longitudes, layers, layer_count=4,
                               shard_size=200)
    index.add(5_000, 52.2, 0.5, layer=2)
    queries = [(52.2 + rng.normal(0, 0.3), 0.5 + rng.normal(0, 0.5)) for _ in range(25)]
    radii = [1.0, None, 6.0, 3.0]

    together = index.within_many([q[0] for q in queries], [q[1] for q in queries], radii)

    for query, (keys, km) in zip(queries, together):
        one_keys, one_km = index.within_layers(*query, radii)
        assert sorted(zip(keys.tolist(), km.tolist())) == sorted(zip(one_keys.tolist(), one_km.tolist()))
