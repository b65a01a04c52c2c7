"""National Grid to WGS84 conversion against documented and surveyed points."""

import math

import numpy as np
import pytest

from bot.geo.osgb import grid_to_osgb36, grid_to_wgs84


def metres_apart(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Flat-earth distance, accurate enough for points a few metres apart."""
    north = (lat1 - lat2) * 111_320.0
    east = (lon1 - lon2) * 111_320.0 * math.cos(math.radians(lat1))
    return math.hypot(north, east)


def test_inverse_projection_matches_the_ordnance_survey_worked_example():
    # OS "A guide to coordinate systems in Great Britain", annex C worked example:
    # E 651409.903, N 313177.270 is 52°39'27.2531"N, 1°43'4.5177"E on OSGB36.
    latitude, longitude = grid_to_osgb36(651409.903, 313177.270)

    assert latitude == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-8)
    assert longitude == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-8)


# WGS84 references from Ordnance Survey's exact OSTN15 grid shift (via convertbng 2);
# the single Helmert transform we use is expected to agree within a few metres.
OSTN15_REFERENCES = [
    # easting, northing, latitude, longitude, place
    (529090, 179645, 51.5010102, -0.1415628, "Buckingham Palace, SW1A 1AA"),
    (561480, 177737, 51.4755504, 0.3238413, "Grays, RM17 6SL"),
    (651409.903, 313177.270, 52.6580062, 1.7160753, "OS worked example, Norfolk"),
    (325000, 673000, 55.9441627, -3.2023873, "Edinburgh"),
    (146000, 30000, 50.1156081, -5.5543919, "Penzance"),
    (440000, 1140000, 60.1425700, -1.2815914, "Shetland"),
]


@pytest.mark.parametrize(
    "easting, northing, latitude, longitude, place",
    OSTN15_REFERENCES,
    ids=[reference[-1] for reference in OSTN15_REFERENCES],
)
def test_grid_to_wgs84_is_within_a_few_metres_of_ostn15(
    easting, northing, latitude, longitude, place
):
    got_latitude, got_longitude = grid_to_wgs84(easting, northing)

    assert metres_apart(float(got_latitude), float(got_longitude), latitude, longitude) < 6.0


def test_grid_to_wgs84_converts_whole_arrays_at_once():
    eastings = np.array([row[0] for row in OSTN15_REFERENCES], dtype=float)
    northings = np.array([row[1] for row in OSTN15_REFERENCES], dtype=float)

    latitudes, longitudes = grid_to_wgs84(eastings, northings)

    assert latitudes.shape == longitudes.shape == eastings.shape
    for one, (easting, northing, *_rest) in enumerate(OSTN15_REFERENCES):
        single_latitude, single_longitude = grid_to_wgs84(easting, northing)
        assert latitudes[one] == pytest.approx(float(single_latitude), abs=1e-12)
        assert longitudes[one] == pytest.approx(float(single_longitude), abs=1e-12)


def test_grid_to_wgs84_accepts_empty_input():
    latitudes, longitudes = grid_to_wgs84(np.array([]), np.array([]))

    assert latitudes.size == 0 and longitudes.size == 0
