"""Offline postcode lookup: normalisation, the real Code-Point Open index, and the cache."""

import math
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.geo import postcodes
from bot.geo.codepoint import GridPostcodes
from bot.geo.postcodes import (
    PostcodeIndex,
    PostcodeLocation,
    cache_file_path,
    normalise_postcode,
    outward_code,
)


@pytest.fixture(scope="session")
def postcode_cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("postcode-cache")


@pytest.fixture(scope="session")
def index(postcode_cache_dir) -> PostcodeIndex:
    """The real index, built from Code-Point Open once per test session."""
    return PostcodeIndex.load(postcode_cache_dir)


def metres_apart(place: PostcodeLocation, latitude: float, longitude: float) -> float:
    north = (place.latitude - latitude) * 111_320.0
    east = (place.longitude - longitude) * 111_320.0 * math.cos(math.radians(latitude))
    return math.hypot(north, east)


# ----- normalisation ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("RM17 6SL", "RM17 6SL"),
        ("rm176sl", "RM17 6SL"),
        (" RM17  6SL ", "RM17 6SL"),
        ("rm17\t6sl\n", "RM17 6SL"),
        ("Rm 17 6 sL", "RM17 6SL"),
        ("sw1a1aa", "SW1A 1AA"),
        ("W1A 1AA", "W1A 1AA"),
        ("e1w1aa", "E1W 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("b33 8th", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("EC1A 1BB", "EC1A 1BB"),
    ],
)
def test_normalise_postcode_accepts_any_case_and_spacing(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "hello",
        "12345",
        "RM17",  # an outward code alone is not a full postcode
        "RM17 6S",
        "RM17 6SLX",
        "RM17-6SL",
        "1M17 6SL",  # must start with a letter
        "QA1 1AA",  # Q never starts a postcode
        "RM17 6CI",  # C and I never appear in the inward code
        "SW1A 1AA please",
        "ßW1 1AA",  # non-ASCII would upper-case into extra letters
    ],
)
def test_normalise_postcode_rejects_junk(junk):
    assert normalise_postcode(junk) is None


def test_outward_code_is_the_part_before_the_space():
    assert outward_code("RM17 6SL") == "RM17"
    assert outward_code("sw1a1aa") == "SW1A"
    with pytest.raises(ValueError):
        outward_code("hello")


# ----- the real index --------------------------------------------------------


def test_index_holds_every_located_gb_postcode(index):
    assert len(index) > 1_700_000


@pytest.mark.parametrize(
    "postcode, latitude, longitude",
    [
        ("SW1A 1AA", 51.50101, -0.14156),  # Buckingham Palace
        ("RM17 6SL", 51.47555, 0.32384),  # Grays, Thurrock
    ],
)
def test_known_postcode_is_where_it_should_be(index, postcode, latitude, longitude):
    place = index.lookup(postcode)

    assert place is not None
    assert place.postcode == postcode
    assert place.precision == "postcode"
    assert metres_apart(place, latitude, longitude) < 50


@pytest.mark.parametrize("postcode", ["W1A 1AA", "E1W 1AA", "N1C 4AA", "N1P 1AD", "W1W 5AB"])
def test_central_london_districts_are_reachable(index, postcode):
    place = index.lookup(postcode)

    assert place is not None and place.precision == "postcode"
    assert metres_apart(place, 51.51, -0.11) < 5_000


def test_lookup_normalises_what_was_typed(index):
    assert index.lookup(" rm176sl ") == index.lookup("RM17 6SL")


def test_unknown_postcode_in_a_known_district_falls_back_to_the_district(index):
    place = index.lookup("RM17 6ZZ")

    assert place is not None
    assert place.postcode == "RM17"
    assert place.precision == "district"
    assert metres_apart(place, 51.4756, 0.3238) < 3_000


def test_outward_code_alone_gives_the_district_centroid(index):
    assert index.lookup("rm17") == index.lookup("RM17 6ZZ")


@pytest.mark.parametrize("text", ["", "hello", "12345", "RM17 6", "BT1 1AA", "BT1", "QA1"])
def test_invalid_or_unknown_district_gives_none(index, text):
    # Code-Point Open has no coordinates for Northern Ireland (BT).
    assert index.lookup(text) is None


def test_every_indexed_postcode_passes_normalisation(index):
    for place in index.sample(20_000, np.random.default_rng(7)):
        assert normalise_postcode(place.postcode) == place.postcode


def test_sample_returns_distinct_real_postcodes(index):
    places = index.sample(50, np.random.default_rng(1))

    assert len({place.postcode for place in places}) == 50
    assert all(index.lookup(place.postcode) == place for place in places)


def test_sample_near_a_point_stays_within_the_radius(index):
    grays = (51.4756, 0.3238)

    places = index.sample(30, np.random.default_rng(2), near=grays, within_km=2.0)

    assert len(places) == 30
    assert all(metres_apart(place, *grays) < 2_050 for place in places)


def test_sample_needs_both_near_and_within_km(index):
    with pytest.raises(ValueError):
        index.sample(5, np.random.default_rng(3), near=(51.5, 0.0))


def test_lookups_are_fast(index):
    queries = [place.postcode for place in index.sample(10_000, np.random.default_rng(4))]

    started = time.perf_counter()
    for query in queries:
        index.lookup(query)
    per_lookup = (time.perf_counter() - started) / len(queries)

    assert per_lookup < 50e-6


def test_lookups_from_many_threads_agree(index):
    queries = [place.postcode for place in index.sample(2_000, np.random.default_rng(5))]
    expected = [index.lookup(query) for query in queries]

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(index.lookup, queries))

    assert got == expected


# ----- the cache -------------------------------------------------------------


def test_second_load_reads_the_cache_quickly(index, postcode_cache_dir):
    started = time.perf_counter()
    reloaded = PostcodeIndex.load(postcode_cache_dir)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert len(reloaded) == len(index)
    assert reloaded.lookup("RM17 6SL") == index.lookup("RM17 6SL")


def test_cache_file_is_versioned_and_written_atomically(index, postcode_cache_dir):
    path = cache_file_path(postcode_cache_dir)

    assert f"-v{postcodes.FORMAT_VERSION}-" in path.name
    assert path.exists()
    assert [p.name for p in postcode_cache_dir.iterdir()] == [path.name]  # no temp files left


def test_default_cache_dir_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEIGHBOURLY_CACHE_DIR", str(tmp_path))

    assert cache_file_path().parent == tmp_path


def tiny_index() -> PostcodeIndex:
    return PostcodeIndex.from_rows(
        [("RM17 6SL", 51.4756, 0.3238), ("rm176sb", 51.4800, 0.3300), ("SW1A 1AA", 51.501, -0.1416)]
    )


def test_unreadable_cache_is_rebuilt(monkeypatch, tmp_path, caplog):
    # Stand in a tiny index for the full build so this test stays quick.
    monkeypatch.setattr(
        PostcodeIndex, "build_from_codepoint_open", classmethod(lambda cls: tiny_index())
    )
    cache_file_path(tmp_path).write_bytes(b"not a zip file")

    rebuilt = PostcodeIndex.load(tmp_path)

    assert len(rebuilt) == 3
    assert "rebuilding unreadable postcode cache" in caplog.text
    assert len(PostcodeIndex.load(tmp_path)) == 3  # and the rebuilt file now reads back


def test_an_index_cached_before_an_upgrade_is_rebuilt_once(monkeypatch, tmp_path):
    # A hub upgrading from format 1 (the Helmert transform's coordinates) has that cache.
    monkeypatch.setattr(postcodes, "FORMAT_VERSION", 1)
    tiny_index()._save(cache_file_path(tmp_path))
    monkeypatch.setattr(postcodes, "FORMAT_VERSION", 2)
    builds = []

    def build(cls):
        builds.append(1)
        return PostcodeIndex.from_rows([("RM17 6SL", 51.4755504, 0.3238413)])

    monkeypatch.setattr(PostcodeIndex, "build_from_codepoint_open", classmethod(build))

    assert len(PostcodeIndex.load(tmp_path)) == 1  # the old file is not read
    assert len(PostcodeIndex.load(tmp_path)) == 1
    assert builds == [1]


def test_a_postcode_outside_the_ostn15_grid_is_left_out_of_the_index(monkeypatch, caplog):
    grid = GridPostcodes(
        outward=np.array([b"RM17", b"SW1A", b"ZZ9"], dtype="S4"),
        inward=np.array([b"6SL", b"1AA", b"9ZZ"], dtype="S3"),
        eastings=np.array([561480.0, 529090.0, -200_000.0]),  # the last is in the Atlantic
        northings=np.array([177737.0, 179645.0, 500_000.0]),
    )
    monkeypatch.setattr(postcodes, "read_codepoint_open", lambda: grid)

    built = PostcodeIndex.build_from_codepoint_open()

    assert len(built) == 2
    assert built.lookup("RM17 6SL").latitude == pytest.approx(51.47555, abs=1e-5)
    assert "1 postcodes lie outside the OSTN15 grid" in caplog.text


# ----- a hand-made index -----------------------------------------------------


def test_from_rows_finds_exact_postcodes():
    place = tiny_index().lookup("SW1A1AA")

    assert place == PostcodeLocation("SW1A 1AA", 51.501, -0.1416, "postcode")


def test_from_rows_district_is_the_mean_of_its_postcodes():
    place = tiny_index().lookup("RM17 9ZZ")

    assert place.postcode == "RM17" and place.precision == "district"
    assert place.latitude == pytest.approx(51.4778, abs=1e-5)
    assert place.longitude == pytest.approx(0.3269, abs=1e-5)


def test_from_rows_unknown_district_and_size():
    index = tiny_index()

    assert len(index) == 3
    assert index.lookup("CB1 1AA") is None


def test_from_rows_rejects_invalid_postcodes():
    with pytest.raises(ValueError):
        PostcodeIndex.from_rows([("hello", 51.0, 0.0)])


def test_from_rows_accepts_an_empty_index():
    index = PostcodeIndex.from_rows([])

    assert len(index) == 0
    assert index.lookup("RM17 6SL") is None
    assert index.sample(3, np.random.default_rng(0)) == []
