"""British National Grid (OSGB36) eastings/northings to WGS84 latitude/longitude.

Ordnance Survey's OSTN15 grid shift, through `convertbng` (compiled, and
vectorised over whole arrays): exact to centimetres where a single Helmert
transform is metres out, and the transform OS publishes for exactly this job.
"""

from __future__ import annotations

import numpy as np
from convertbng.cutil import convert_lonlat


def grid_to_wgs84(eastings, northings) -> tuple[np.ndarray, np.ndarray]:
    """National Grid eastings/northings (metres) to WGS84 (lat, lon) in degrees.

    Takes numbers or arrays and gives arrays of the same shape. A point outside
    the OSTN15 grid (far out at sea, or not a National Grid reference at all)
    comes back as NaN, so a caller can tell it from a real place.
    """
    eastings = np.asarray(eastings, dtype=np.float64)
    northings = np.asarray(northings, dtype=np.float64)
    if eastings.shape != northings.shape:
        raise ValueError("as many eastings as northings are needed")
    if eastings.size == 0:
        return np.empty(eastings.shape), np.empty(eastings.shape)
    longitudes, latitudes = convert_lonlat(eastings.ravel(), northings.ravel())
    return (np.asarray(latitudes, dtype=np.float64).reshape(eastings.shape),
            np.asarray(longitudes, dtype=np.float64).reshape(eastings.shape))
