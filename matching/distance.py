"""Distances on the Earth, vectorised with numpy.

Two flavours, for two jobs:

* `haversine_km` is the great-circle distance on a sphere. It is what the
  BallTree's "haversine" metric measures, so the spatial index and its small
  delta scan use it to find nearby volunteers.
* `geodesic_km` is the distance on the WGS-84 ellipsoid (the one GPS and
  geopy's `geodesic` use): for short hops from the ellipsoid's radii of
  curvature at the mid-latitude, beyond 50 km by Andoyer-Lambert's formula
  (the spherical central angle corrected for flattening). It agrees with
  `geopy.distance.geodesic` to a few metres over hundreds of kilometres (the
  tests check this) while costing well under a microsecond per pair, where
  geopy's exact iteration costs ~100 us per pair. Rules ("within the
  volunteer's travel radius"), scores and the distance we show all use it.

The sphere and the ellipsoid differ by up to ~0.5 %, so searches on the sphere
pad their radius by `SPHERE_SEARCH_PADDING` and then apply the exact rule.
"""

from __future__ import annotations

import numpy as np
from geopy.distance import ELLIPSOIDS

# The mean Earth radius (IUGG), as geopy's great_circle uses.
EARTH_RADIUS_KM = 6371.0088
# The sphere overstates or understates ellipsoidal distances by at most ~0.56 %;
# a 1 % wider search never misses anybody the exact rule would accept.
SPHERE_SEARCH_PADDING = 1.01

_WGS84_MAJOR_KM, _WGS84_MINOR_KM, _WGS84_FLATTENING = ELLIPSOIDS["WGS-84"]
_ECCENTRICITY_SQUARED = _WGS84_FLATTENING * (2.0 - _WGS84_FLATTENING)
# Below this the local (flat) formula is within ~0.5 m of the true geodesic.
_LOCAL_FORMULA_KM = 50.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle km between points given in degrees (arrays broadcast)."""
    return EARTH_RADIUS_KM * _central_angle(
        np.radians(lat1), np.radians(lon1), np.radians(lat2), np.radians(lon2)
    )


def haversine_km_radians(lat1, lon1, lat2, lon2):
    """As `haversine_km`, for coordinates already in radians (the index keeps them so)."""
    return EARTH_RADIUS_KM * _central_angle(lat1, lon1, lat2, lon2)


def geodesic_km(lat1, lon1, lat2, lon2):
    """WGS-84 ellipsoidal km between points in degrees (arrays broadcast).

    Short hops (the usual case: volunteers within a few km) use the ellipsoid's
    local radii of curvature at the mid-latitude, which is exact to well under
    a metre below `_LOCAL_FORMULA_KM` and needs a third of the trigonometry;
    longer ones use Andoyer-Lambert.
    """
    lat1, lon1, lat2, lon2 = (np.asarray(value, dtype=np.float64) for value in (lat1, lon1, lat2, lon2))
    km = _local_ellipsoid_km(lat1, lon1, lat2, lon2)
    far = km > _LOCAL_FORMULA_KM
    if np.any(far):
        shape = np.broadcast(lat1, lon1, lat2, lon2).shape
        arrays = [np.broadcast_to(value, shape)[far] for value in (lat1, lon1, lat2, lon2)]
        km = np.array(km, dtype=np.float64, copy=True)
        km[far] = _andoyer_lambert_km(*arrays)
    return km


def _local_ellipsoid_km(lat1, lon1, lat2, lon2):
    """Pythagoras with the meridian (M) and prime-vertical (N) radii at the mid-latitude."""
    mid = np.radians((lat1 + lat2) / 2.0)
    sin_mid = np.sin(mid)
    w_squared = 1.0 - _ECCENTRICITY_SQUARED * sin_mid * sin_mid
    normal = _WGS84_MAJOR_KM / np.sqrt(w_squared)
    meridian = normal * (1.0 - _ECCENTRICITY_SQUARED) / w_squared
    north = meridian * np.radians(lat2 - lat1)
    # Longitudes wrap: the short way round, whichever side of 180 degrees.
    east = normal * np.cos(mid) * np.radians((lon2 - lon1 + 180.0) % 360.0 - 180.0)
    return np.hypot(north, east)


def _andoyer_lambert_km(lat1, lon1, lat2, lon2):
    flattening = _WGS84_FLATTENING
    # Reduced (parametric) latitudes turn the ellipsoid problem into a sphere one.
    beta1 = np.arctan((1.0 - flattening) * np.tan(np.radians(lat1)))
    beta2 = np.arctan((1.0 - flattening) * np.tan(np.radians(lat2)))
    sigma = _central_angle(beta1, np.radians(lon1), beta2, np.radians(lon2))
    mid = (beta1 + beta2) / 2.0
    half_difference = (beta2 - beta1) / 2.0
    sin_sigma = np.sin(sigma)
    cos_half_sigma_sq = np.cos(sigma / 2.0) ** 2
    sin_half_sigma_sq = np.sin(sigma / 2.0) ** 2
    # Coincident points make the second correction 0/0; its limit is 0.
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (sigma - sin_sigma) * np.sin(mid) ** 2 * np.cos(half_difference) ** 2 / cos_half_sigma_sq
        y = (sigma + sin_sigma) * np.cos(mid) ** 2 * np.sin(half_difference) ** 2 / sin_half_sigma_sq
    x = np.where(cos_half_sigma_sq > 0.0, x, 0.0)
    y = np.where(sin_half_sigma_sq > 0.0, y, 0.0)
    return _WGS84_MAJOR_KM * (sigma - flattening / 2.0 * (x + y))


def _central_angle(lat1, lon1, lat2, lon2):
    """Angle in radians between two points on a sphere (haversine form, stable for short hops)."""
    half_chord = (
        np.sin((lat2 - lat1) / 2.0) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2.0) ** 2
    )
    return 2.0 * np.arcsin(np.sqrt(np.clip(half_chord, 0.0, 1.0)))
