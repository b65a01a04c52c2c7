"""British National Grid (OSGB36) eastings/northings to WGS84 latitude/longitude.

Two steps, both vectorised with numpy so a whole country converts at once:

1. Inverse Transverse Mercator on the Airy 1830 ellipsoid with the National
   Grid's projection constants gives OSGB36 latitude/longitude.
2. A seven-parameter Helmert transform moves those points from the OSGB36
   datum to WGS84 (via earth-centred cartesian coordinates).

The formulas follow Ordnance Survey's "A guide to coordinate systems in Great
Britain". The single Helmert transform is good to a few metres (the exact
OSTN15 grid shift would give centimetres), which is plenty for matching
neighbours by distance.
"""

from __future__ import annotations

import numpy as np

# National Grid projection on the Airy 1830 ellipsoid.
AIRY_SEMI_MAJOR_M = 6_377_563.396
AIRY_SEMI_MINOR_M = 6_356_256.909
GRID_SCALE_ON_CENTRAL_MERIDIAN = 0.9996012717
TRUE_ORIGIN_LATITUDE = np.radians(49.0)
TRUE_ORIGIN_LONGITUDE = np.radians(-2.0)
TRUE_ORIGIN_EASTING_M = 400_000.0
TRUE_ORIGIN_NORTHING_M = -100_000.0

# WGS84 (GRS80 differs by ~0.1 mm, irrelevant here).
WGS84_SEMI_MAJOR_M = 6_378_137.0
WGS84_SEMI_MINOR_M = 6_356_752.314245

# OSGB36 -> WGS84 Helmert parameters: the OS guide's WGS84 -> OSGB36 values
# with every sign flipped (the small-angle transform is its own inverse to
# within millimetres that way).
HELMERT_SHIFT_M = np.array([446.448, -125.157, 542.060])
HELMERT_SCALE = -20.4894e-6
HELMERT_ROTATION_RAD = np.radians(np.array([0.1502, 0.2470, 0.8421]) / 3600.0)

# Iterating the footpoint latitude until the meridian arc is within 0.01 mm
# of the northing is the OS guide's stopping rule.
MERIDIAN_ARC_TOLERANCE_M = 1e-5
MAX_ITERATIONS = 20


def grid_to_wgs84(eastings, northings) -> tuple[np.ndarray, np.ndarray]:
    """Convert National Grid eastings/northings (metres) to WGS84 (lat, lon) in degrees."""
    osgb_lat, osgb_lon = grid_to_osgb36(eastings, northings)
    return osgb36_to_wgs84(osgb_lat, osgb_lon)


def grid_to_osgb36(eastings, northings) -> tuple[np.ndarray, np.ndarray]:
    """Inverse Transverse Mercator: eastings/northings to OSGB36 (lat, lon) in degrees."""
    eastings = np.asarray(eastings, dtype=np.float64)
    northings = np.asarray(northings, dtype=np.float64)
    footpoint = _footpoint_latitude(northings)
    latitude, longitude = _latitude_longitude_at(footpoint, eastings - TRUE_ORIGIN_EASTING_M)
    return np.degrees(latitude), np.degrees(longitude)


def osgb36_to_wgs84(latitudes, longitudes) -> tuple[np.ndarray, np.ndarray]:
    """Helmert transform OSGB36 (lat, lon) degrees to WGS84 (lat, lon) degrees, at height 0."""
    x, y, z = _geodetic_to_cartesian(
        np.radians(latitudes), np.radians(longitudes), AIRY_SEMI_MAJOR_M, AIRY_SEMI_MINOR_M
    )
    x, y, z = _helmert(x, y, z)
    latitude, longitude = _cartesian_to_geodetic(x, y, z, WGS84_SEMI_MAJOR_M, WGS84_SEMI_MINOR_M)
    return np.degrees(latitude), np.degrees(longitude)


def _eccentricity_squared(semi_major: float, semi_minor: float) -> float:
    return 1.0 - (semi_minor * semi_minor) / (semi_major * semi_major)


def _meridian_arc(latitude: np.ndarray) -> np.ndarray:
    """Distance in metres along the (scaled) central meridian from the true origin's latitude."""
    n = (AIRY_SEMI_MAJOR_M - AIRY_SEMI_MINOR_M) / (AIRY_SEMI_MAJOR_M + AIRY_SEMI_MINOR_M)
    n2, n3 = n * n, n * n * n
    below = latitude - TRUE_ORIGIN_LATITUDE
    above = latitude + TRUE_ORIGIN_LATITUDE
    series = (
        (1 + n + 1.25 * n2 + 1.25 * n3) * below
        - (3 * n + 3 * n2 + 21 / 8 * n3) * np.sin(below) * np.cos(above)
        + (15 / 8 * n2 + 15 / 8 * n3) * np.sin(2 * below) * np.cos(2 * above)
        - 35 / 24 * n3 * np.sin(3 * below) * np.cos(3 * above)
    )
    return AIRY_SEMI_MINOR_M * GRID_SCALE_ON_CENTRAL_MERIDIAN * series


def _footpoint_latitude(northings: np.ndarray) -> np.ndarray:
    """Latitude on the central meridian whose arc length matches each northing.

    The arc has no closed-form inverse, so refine a first guess until every
    point is within tolerance (three or four rounds in practice).
    """
    scaled_radius = AIRY_SEMI_MAJOR_M * GRID_SCALE_ON_CENTRAL_MERIDIAN
    northing_from_origin = northings - TRUE_ORIGIN_NORTHING_M
    latitude = TRUE_ORIGIN_LATITUDE + northing_from_origin / scaled_radius
    for _ in range(MAX_ITERATIONS):
        residual = northing_from_origin - _meridian_arc(latitude)
        if residual.size == 0 or np.max(np.abs(residual)) < MERIDIAN_ARC_TOLERANCE_M:
            break
        latitude = latitude + residual / scaled_radius
    return latitude


def _latitude_longitude_at(footpoint: np.ndarray, easting_offset: np.ndarray):
    """Series expansion from the footpoint latitude out to the point east/west of it."""
    e2 = _eccentricity_squared(AIRY_SEMI_MAJOR_M, AIRY_SEMI_MINOR_M)
    scaled_radius = AIRY_SEMI_MAJOR_M * GRID_SCALE_ON_CENTRAL_MERIDIAN
    sin_lat = np.sin(footpoint)
    one_minus_e2_sin2 = 1.0 - e2 * sin_lat * sin_lat
    nu = scaled_radius / np.sqrt(one_minus_e2_sin2)  # transverse radius of curvature
    rho = scaled_radius * (1.0 - e2) / one_minus_e2_sin2**1.5  # meridional radius
    eta2 = nu / rho - 1.0
    tan_lat = np.tan(footpoint)
    t2, t4, t6 = tan_lat**2, tan_lat**4, tan_lat**6
    sec_lat = 1.0 / np.cos(footpoint)

    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * t2 + 45 * t4)
    x = sec_lat / nu
    xi = sec_lat / (6 * nu**3) * (nu / rho + 2 * t2)
    xii = sec_lat / (120 * nu**5) * (5 + 28 * t2 + 24 * t4)
    xiia = sec_lat / (5040 * nu**7) * (61 + 662 * t2 + 1320 * t4 + 720 * t6)

    de = easting_offset
    latitude = footpoint - vii * de**2 + viii * de**4 - ix * de**6
    longitude = TRUE_ORIGIN_LONGITUDE + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return latitude, longitude


def _geodetic_to_cartesian(latitude, longitude, semi_major: float, semi_minor: float):
    e2 = _eccentricity_squared(semi_major, semi_minor)
    sin_lat = np.sin(latitude)
    nu = semi_major / np.sqrt(1.0 - e2 * sin_lat * sin_lat)
    cos_lat = np.cos(latitude)
    return (
        nu * cos_lat * np.cos(longitude),
        nu * cos_lat * np.sin(longitude),
        (1.0 - e2) * nu * sin_lat,
    )


def _helmert(x, y, z):
    """Small-angle seven-parameter (position vector) transform of cartesian points."""
    tx, ty, tz = HELMERT_SHIFT_M
    rx, ry, rz = HELMERT_ROTATION_RAD
    scale = 1.0 + HELMERT_SCALE
    return (
        tx + scale * x - rz * y + ry * z,
        ty + rz * x + scale * y - rx * z,
        tz - ry * x + rx * y + scale * z,
    )


def _cartesian_to_geodetic(x, y, z, semi_major: float, semi_minor: float):
    """Cartesian to (lat, lon) radians; height is dropped (everything is near sea level)."""
    e2 = _eccentricity_squared(semi_major, semi_minor)
    distance_from_axis = np.hypot(x, y)
    latitude = np.arctan2(z, distance_from_axis * (1.0 - e2))
    # Each round gains several digits; five is far past float64 for points near the surface.
    for _ in range(5):
        sin_lat = np.sin(latitude)
        nu = semi_major / np.sqrt(1.0 - e2 * sin_lat * sin_lat)
        latitude = np.arctan2(z + e2 * nu * sin_lat, distance_from_axis)
    return latitude, np.arctan2(y, x)
