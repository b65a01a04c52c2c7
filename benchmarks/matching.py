"""Benchmark of the matching engine on synthetic volunteers at real GB postcodes.

    python benchmarks/matching.py           # 10k, 100k and 1M volunteers; batch 10k x 100k
    python benchmarks/matching.py --quick   # a small run, a few seconds

Prints one JSON object:

* single_p50_ms / single_p99_ms: top-10 for one request, per volunteer count;
* baseline_full_scan_ms and speedup: ranking every volunteer one by one with
  geopy's geodesic (timed in full at the smallest size, extrapolated per
  volunteer from that run for the larger ones), against the engine's p50;
* index_build_s: building the table's trees and TF-IDF, per size;
* peak_rss_mb: the process's peak resident memory (the postcode index is loaded);
* batch: 10,000 requests against 100,000 volunteers, exact and greedy: seconds
  (candidate search included), matched_share, mean_km and total_score.

Volunteers and residents are placed at postcodes drawn uniformly from
Code-Point Open (so roughly where people live), through bot.geo.postcodes.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
from geopy.distance import geodesic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.geo.postcodes import PostcodeIndex  # noqa: E402
from matching import (  # noqa: E402
    AGE_BANDS,
    SLOTS,
    HelpNeeded,
    MatchConfig,
    MatchingEngine,
    VolunteerTable,
)
from matching.scoring import age_closeness, distance_score, fairness_score, total_score  # noqa: E402
from matching.table import CATEGORY_BITS, CHECK_BITS, SLOT_BITS, VETTING_CODES, encode  # noqa: E402

SEED = 20200323  # the first lockdown
OTHER_LANGUAGES = ("pl", "ur", "pa", "bn", "gu", "ro", "ar", "so", "pt", "es")
LANGUAGE_CODES = ("en",) + OTHER_LANGUAGES
# How often volunteers offer each kind of help, and residents ask for it.
SKILL_SHARE = {"shopping": 0.6, "prescription": 0.5, "befriending": 0.35,
               "dog_walking": 0.3, "transport": 0.2, "other": 0.3}
REQUEST_SHARE = {"shopping": 0.35, "prescription": 0.25, "befriending": 0.2,
                 "dog_walking": 0.07, "transport": 0.08, "other": 0.05}
# Radii people give at sign-up, in km (1, 2, 3, 5 and 10 miles among them).
RADII_KM = np.array([1.0, 1.6, 2.0, 3.0, 3.2, 5.0, 8.0, 10.0, 16.1, 20.0])
RADII_SHARE = np.array([0.10, 0.10, 0.15, 0.10, 0.10, 0.15, 0.10, 0.10, 0.05, 0.05])
VOLUNTEER_STORY_PARTS = (
    "my mum had Alzheimer's and I cared for her", "I lost my husband last year",
    "retired nurse", "I was a carer for my dad", "recovering from cancer myself",
    "my son is deaf", "I have had depression", "I live alone and know how lonely it gets",
    "former postman", "love gardening and dogs", "student, happy to help",
    "my grandad had a fall and lost his confidence", "worked in a care home",
    "I volunteer with a bereavement charity", "my wife uses a wheelchair",
    "I speak Polish and English", "ex-teacher, good listener", "anxiety used to keep me in",
)
RESIDENT_WORDS = (
    "my husband has dementia and I'm not coping", "lost my partner, miss conversation",
    "hard of hearing and unsteady on my feet", "recovering from chemo, can't get out",
    "I'm a full-time carer for my wife", "very lonely since my wife died",
    "just need my shopping", "my anxiety stops me going out", "I had a fall last month",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run for a smoke test")
    options = parser.parse_args()
    sizes = (2_000, 10_000) if options.quick else (10_000, 100_000, 1_000_000)
    queries = 200 if options.quick else 2_000
    batch_volunteers, batch_requests = (10_000, 1_000) if options.quick else (100_000, 10_000)

    started = time.perf_counter()
    postcodes = PostcodeIndex.load()
    rng = np.random.default_rng(SEED)
    config = MatchConfig()
    report: dict = {
        "volunteer_counts": list(sizes),
        "single_p50_ms": {}, "single_p99_ms": {}, "single_max_ms": {},
        "index_build_s": {}, "table_build_s": {},
        "baseline_full_scan_ms": {}, "speedup": {},
    }
    baseline_per_volunteer_ms = None
    for size in sizes:
        table_started = time.perf_counter()
        table = synthetic_table(size, postcodes, rng)
        report["table_build_s"][str(size)] = round(time.perf_counter() - table_started, 2)
        build_started = time.perf_counter()
        engine = MatchingEngine(table, config)
        report["index_build_s"][str(size)] = round(time.perf_counter() - build_started, 2)
        needs = synthetic_needs(queries, postcodes, rng, first_id=1)
        timings = time_single_requests(engine, needs)
        report["single_p50_ms"][str(size)] = round(float(np.percentile(timings, 50)), 3)
        report["single_p99_ms"][str(size)] = round(float(np.percentile(timings, 99)), 3)
        report["single_max_ms"][str(size)] = round(float(timings.max()), 3)
        if baseline_per_volunteer_ms is None:
            full_scan_ms = time_full_scan(table, needs[:3], config)
            baseline_per_volunteer_ms = full_scan_ms / size
            report["baseline_measured_at"] = size
        else:
            full_scan_ms = baseline_per_volunteer_ms * size
        report["baseline_full_scan_ms"][str(size)] = round(full_scan_ms, 1)
        report["speedup"][str(size)] = round(full_scan_ms / report["single_p50_ms"][str(size)])
        del engine, table
        gc.collect()

    table = synthetic_table(batch_volunteers, postcodes, rng)
    engine = MatchingEngine(table, config)
    needs = synthetic_needs(batch_requests, postcodes, rng, first_id=1)
    report["batch"] = {"volunteers": batch_volunteers, "requests": batch_requests}
    for method in ("exact", "greedy_nearest"):
        batch_started = time.perf_counter()
        result = engine.assign_batch(needs, method=method, per_request=10)
        report["batch"][method] = {
            "seconds": round(time.perf_counter() - batch_started, 2),
            "matched_share": round(result.matched_share, 4),
            "mean_km": round(result.mean_km or 0.0, 3),
            "total_score": round(result.total_score, 2),
        }
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    report["total_run_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2))


# ----- synthetic data ------------------------------------------------------


def sample_positions(postcodes: PostcodeIndex, count: int, rng: np.random.Generator):
    """Latitudes and longitudes of `count` real postcodes, drawn in chunks to keep memory flat."""
    latitudes, longitudes = np.empty(count), np.empty(count)
    chunk = 100_000
    for start in range(0, count, chunk):
        places = postcodes.sample(min(chunk, count - start), rng)
        latitudes[start:start + len(places)] = [place.latitude for place in places]
        longitudes[start:start + len(places)] = [place.longitude for place in places]
    return latitudes, longitudes


def synthetic_table(count: int, postcodes: PostcodeIndex, rng: np.random.Generator) -> VolunteerTable:
    latitudes, longitudes = sample_positions(postcodes, count, rng)
    skill_bits = np.zeros(count, dtype=np.uint8)
    for category, share in SKILL_SHARE.items():
        skill_bits |= np.where(rng.random(count) < share, CATEGORY_BITS[category], 0).astype(np.uint8)
    skill_bits[skill_bits == 0] = CATEGORY_BITS["shopping"]
    slot_bits = np.zeros(count, dtype=np.uint32)
    for slot in SLOTS:
        slot_bits |= np.where(rng.random(count) < 0.3, SLOT_BITS[slot], 0).astype(np.uint32)
    check_bits = (
        np.where(rng.random(count) < 0.9, CHECK_BITS["id"], 0)
        | np.where(rng.random(count) < 0.5, CHECK_BITS["dbs_enhanced"], 0)
        | np.where(rng.random(count) < 0.4, CHECK_BITS["befriending_training"], 0)
    ).astype(np.uint8)
    language_bits = np.ones(count, dtype=np.uint64)  # everyone speaks English (bit 0)
    second = rng.random(count) < 0.1
    extra = rng.integers(1, len(LANGUAGE_CODES), size=count).astype(np.uint64)
    language_bits[second] |= np.left_shift(np.uint64(1), extra[second])
    age_index = rng.integers(0, len(AGE_BANDS), size=count).astype(np.int8)
    age_index[rng.random(count) < 0.1] = -1
    vetting = rng.choice(
        [VETTING_CODES["approved"], VETTING_CODES["pending"], VETTING_CODES["suspended"]],
        p=[0.85, 0.10, 0.05], size=count,
    )
    weekly_cap = rng.choice([1, 2, 3, 5], size=count)
    tasks_this_week = np.minimum(rng.poisson(0.7, size=count), weekly_cap)
    stories = [
        ", ".join(rng.choice(VOLUNTEER_STORY_PARTS, size=parts, replace=False))
        for parts in rng.integers(1, 4, size=400)
    ]
    story_index = np.where(rng.random(count) < 0.35, rng.integers(0, len(stories), size=count), -1)
    volunteer_ids = np.arange(1, count + 1, dtype=np.int64)
    helped = rng.random(count) < 0.05
    helped_residents = rng.integers(1, 5_000, size=int(helped.sum()))
    helped_pairs = zip(volunteer_ids[helped].tolist(), helped_residents.tolist())
    return VolunteerTable.from_arrays(
        volunteer_ids=volunteer_ids, latitudes=latitudes, longitudes=longitudes,
        travel_radius_km=rng.choice(RADII_KM, p=RADII_SHARE, size=count),
        skill_bits=skill_bits, slot_bits=slot_bits, check_bits=check_bits,
        language_codes=LANGUAGE_CODES, language_bits=language_bits, age_index=age_index,
        vetting=vetting, paused=rng.random(count) < 0.05, weekly_cap=weekly_cap,
        tasks_this_week=tasks_this_week, recent_tasks=rng.poisson(3.0, size=count),
        experience_texts=stories, experience_text_index=story_index, helped_pairs=helped_pairs,
    )


def synthetic_needs(count: int, postcodes: PostcodeIndex, rng: np.random.Generator,
                    first_id: int) -> list[HelpNeeded]:
    latitudes, longitudes = sample_positions(postcodes, count, rng)
    categories = rng.choice(list(REQUEST_SHARE), p=list(REQUEST_SHARE.values()), size=count)
    needs = []
    for i in range(count):
        slots = None
        if rng.random() < 0.5:
            slots = frozenset(rng.choice(SLOTS, size=int(rng.integers(3, 7)), replace=False).tolist())
        language = "en" if rng.random() < 0.92 else str(rng.choice(OTHER_LANGUAGES))
        needs.append(HelpNeeded(
            request_id=first_id + i, resident_id=int(rng.integers(1, 5_000)),
            resident_first_name="Resident", category=str(categories[i]),
            latitude=float(latitudes[i]), longitude=float(longitudes[i]), slots=slots,
            language=language, age_band=str(rng.choice(AGE_BANDS[4:])),
            circumstances=str(rng.choice(RESIDENT_WORDS)) if rng.random() < 0.6 else "",
        ))
    return needs


# ----- timing --------------------------------------------------------------


def time_single_requests(engine: MatchingEngine, needs: list[HelpNeeded]) -> np.ndarray:
    for need in needs[:50]:  # warm caches and lazy imports
        engine.match(need)
    timings = np.empty(len(needs))
    for i, need in enumerate(needs):
        began = time.perf_counter()
        engine.match(need, limit=10)
        timings[i] = (time.perf_counter() - began) * 1000.0
    return timings


def time_full_scan(table: VolunteerTable, needs: list[HelpNeeded], config: MatchConfig) -> float:
    """Mean ms to rank every volunteer one at a time: geopy geodesic + rules + score, then sort."""
    rows = table.used_rows().tolist()
    columns = {
        name: getattr(table, name)[rows].tolist()
        for name in ("volunteer_id", "latitude", "longitude", "travel_radius_km", "skill_bits",
                     "slot_bits", "check_bits", "vetting", "paused", "weekly_cap",
                     "tasks_this_week", "recent_tasks", "age_index")
    }
    approved = VETTING_CODES["approved"]
    began = time.perf_counter()
    for need in needs:
        category_bit = CATEGORY_BITS[need.category]
        check_bits = encode(config.checks_needed(need.category), CHECK_BITS)
        wanted_slots = encode(need.slots, SLOT_BITS) if need.slots is not None else -1
        remote = config.is_remote(need.category)
        resident_age = AGE_BANDS.index(need.age_band) if need.age_band else -1
        ranked = []
        for i in range(len(rows)):
            km = geodesic((need.latitude, need.longitude),
                          (columns["latitude"][i], columns["longitude"][i])).km
            if not (columns["skill_bits"][i] & category_bit and columns["vetting"][i] == approved
                    and not columns["paused"][i]
                    and columns["check_bits"][i] & check_bits == check_bits
                    and (remote or km <= columns["travel_radius_km"][i])
                    and columns["slot_bits"][i] & wanted_slots
                    and columns["tasks_this_week"][i] < columns["weekly_cap"][i]):
                continue
            score = total_score(
                config.weights,
                distance_score(km, config.distance_half_score_km),
                0.0,
                age_closeness(columns["age_index"][i], resident_age),
                0.0,
                fairness_score(columns["recent_tasks"][i], config.fairness_half_score_tasks),
            )
            ranked.append((-float(score), columns["volunteer_id"][i]))
        ranked.sort()
    return (time.perf_counter() - began) * 1000.0 / len(needs)


if __name__ == "__main__":
    main()
