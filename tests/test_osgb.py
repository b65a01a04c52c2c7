"""National Grid to WGS84 conversion against documented and surveyed points."""

import math

import numpy as np
import pytest

from bot.geo.osgb import grid_to_wgs84


def metres_apart(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Flat-earth distance, accurate enough for points a few metres apart."""
    north = (lat1 - lat2) * 111_320.0
    east = (lon1 - lon2) * 111_320.0 * math.cos(math.radians(lat1))
    return math.hypot(north, east)


# WGS84 references from Ordnance Survey's exact OSTN15 grid shift (via convertbng 2),
# written to seven decimal places (about a centimetre).
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
def test_grid_to_wgs84_is_ostn15_to_the_centimetre(
    easting, northing, latitude, longitude, place
):
    got_latitude, got_longitude = grid_to_wgs84(easting, northing)

    assert metres_apart(float(got_latitude), float(got_longitude), latitude, longitude) < 0.02


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


def test_a_point_outside_the_ostn15_grid_is_nan_not_a_wrong_place():
    # The grid's false origin, in the sea south-west of the Scillies, and a point in the Atlantic.
    latitudes, longitudes = grid_to_wgs84(np.array([0.0, -200_000.0, 529090.0]),
                                          np.array([0.0, 500_000.0, 179645.0]))

    assert np.isnan(latitudes[:2]).all() and np.isnan(longitudes[:2]).all()
    assert latitudes[2] == pytest.approx(51.5010102, abs=1e-6)


def test_eastings_and_northings_must_pair_up():
    with pytest.raises(ValueError, match="as many eastings as northings"):
        grid_to_wgs84(np.array([1.0, 2.0]), np.array([1.0]))
