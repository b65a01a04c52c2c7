"""Distances: our vectorised WGS-84 geodesic agrees with geopy's."""

from __future__ import annotations

import numpy as np
import pytest
from geopy.distance import geodesic, great_circle

from matching import geodesic_km, haversine_km


@pytest.mark.parametrize("spread_degrees", [0.001, 0.05, 0.3, 2.0, 5.0])
def test_geodesic_agrees_with_geopy_to_a_few_metres_across_great_britain(spread_degrees):
    rng = np.random.default_rng(int(spread_degrees * 1000))
    starts = rng.uniform([49.9, -8.0], [58.7, 1.8], size=(100, 2))
    ends = starts + rng.normal(0, spread_degrees, size=(100, 2))

    ours = geodesic_km(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1])
    theirs = [geodesic(tuple(a), tuple(b)).km for a, b in zip(starts, ends)]

    assert np.abs(ours - theirs).max() < 0.003  # km


def test_the_same_point_is_zero_km_away():
    assert geodesic_km(51.5, -0.1, 51.5, -0.1) == 0.0


def test_distances_across_the_date_line_go_the_short_way():
    assert geodesic_km(0.0, 179.9, 0.0, -179.9) == pytest.approx(geodesic((0, 179.9), (0, -179.9)).km)


def test_long_distances_use_the_long_range_formula_and_still_agree():
    assert geodesic_km(50.07, -5.71, 58.64, -3.07) == pytest.approx(
        geodesic((50.07, -5.71), (58.64, -3.07)).km, abs=0.01
    )


def test_haversine_is_geopys_great_circle():
    assert haversine_km(51.5, -0.1, 52.2, 0.12) == pytest.approx(
        great_circle((51.5, -0.1), (52.2, 0.12)).km, rel=1e-6
    )


def test_arrays_broadcast_against_one_point():
    km = geodesic_km(np.array([52.0, 52.1, 52.0]), np.array([0.0, 0.0, 0.1]), 52.0, 0.0)

    assert km.shape == (3,)
    assert km[0] == 0.0 and km[1] > 11 and km[2] > 6
