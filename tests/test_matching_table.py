"""The columnar volunteer table: built from records or arrays alike, and kept current."""

from __future__ import annotations

import numpy as np

from matching import CATEGORIES, SLOTS, Volunteer, VolunteerTable
from matching.experience import NO_TEXT
from matching.table import CATEGORY_BITS, CHECK_BITS, SLOT_BITS, VETTING_CODES, encode, nearby_first_order


def volunteer(volunteer_id: int, **changes) -> Volunteer:
    values = dict(
        volunteer_id=volunteer_id, first_name="V", latitude=52.0 + volunteer_id / 100, longitude=0.1,
        travel_radius_km=3.0, skills=frozenset({"shopping", "befriending"}),
        availability=frozenset({"mon_morning", "sun_evening"}), languages=frozenset({"en", "pl"}),
        age_band="25-34", lived_experience="widowed", vetting="approved",
        checks=frozenset({"id", "dbs_enhanced"}), paused=False, weekly_cap=3, tasks_this_week=1,
        recent_tasks=4, helped_resident_ids=frozenset({77}),
    )
    values.update(changes)
    return Volunteer(**values)


def row_values(table: VolunteerTable, volunteer_id: int) -> dict:
    row = table.row_of(volunteer_id)
    names = ("latitude", "longitude", "travel_radius_km", "skill_bits", "slot_bits", "check_bits",
             "age_index", "vetting", "paused", "weekly_cap", "tasks_this_week", "recent_tasks")
    values = {name: getattr(table, name)[row].item() for name in names}
    values["languages"] = table.languages.codes_of_row(row)
    values["text"] = table.experience.text(int(table.text_id[row]))
    values["helped_by"] = row in table.helper_rows(77).tolist()
    return values


def test_records_and_arrays_build_the_same_table():
    people = [volunteer(1), volunteer(2, lived_experience="", helped_resident_ids=frozenset())]
    from_records = VolunteerTable.from_volunteers(people)
    from_arrays = VolunteerTable.from_arrays(
        volunteer_ids=np.array([1, 2]), latitudes=np.array([52.01, 52.02]),
        longitudes=np.array([0.1, 0.1]), travel_radius_km=np.array([3.0, 3.0]),
        skill_bits=np.full(2, encode({"shopping", "befriending"}, CATEGORY_BITS)),
        slot_bits=np.full(2, encode({"mon_morning", "sun_evening"}, SLOT_BITS)),
        check_bits=np.full(2, encode({"id", "dbs_enhanced"}, CHECK_BITS)),
        language_codes=["en", "pl"], language_bits=np.array([3, 3]), age_index=np.array([1, 1]),
        vetting=np.full(2, VETTING_CODES["approved"]), paused=np.array([False, False]),
        weekly_cap=np.array([3, 3]), tasks_this_week=np.array([1, 1]), recent_tasks=np.array([4, 4]),
        experience_texts=["widowed"], experience_text_index=np.array([0, -1]), helped_pairs=[(1, 77)],
    )

    for volunteer_id in (1, 2):
        assert row_values(from_records, volunteer_id) == row_values(from_arrays, volunteer_id)
    assert len(from_records) == len(from_arrays) == 2


def test_upserting_replaces_and_removing_frees_the_row_for_the_next_volunteer():
    table = VolunteerTable.from_volunteers([volunteer(1), volunteer(2)])

    table.upsert(volunteer(1, paused=True, languages=frozenset({"cy"}), helped_resident_ids=frozenset()))
    assert row_values(table, 1)["paused"] is True
    assert row_values(table, 1)["languages"] == {"cy"}
    assert table.helper_rows(77).tolist() == [table.row_of(2)]

    freed = table.remove(2)
    assert 2 not in table and table.remove(2) is None
    assert table.helper_rows(77).size == 0
    table.upsert(volunteer(3))
    assert table.row_of(3) == freed
    assert sorted(table.volunteer_id[table.used_rows()].tolist()) == [1, 3]


def test_the_table_grows_past_its_first_capacity():
    table = VolunteerTable(capacity=16)

    for volunteer_id in range(1, 41):
        table.upsert(volunteer(volunteer_id, lived_experience=f"story {volunteer_id % 3}"))

    assert len(table) == 40
    assert row_values(table, 40)["text"] == "story 1"
    assert table.remaining_capacity(table.rows_of([1, 2])).tolist() == [2, 2]


def test_workload_changes_and_recorded_help_update_the_columns():
    table = VolunteerTable.from_volunteers([volunteer(1)])

    table.set_workload(1, tasks_this_week=0, recent_tasks=0)
    table.record_help(1, resident_id=88)

    assert row_values(table, 1)["tasks_this_week"] == 1
    assert row_values(table, 1)["recent_tasks"] == 1
    assert table.helper_rows(88).tolist() == [table.row_of(1)]


def test_blank_experience_has_no_text():
    table = VolunteerTable.from_volunteers([volunteer(1, lived_experience="  ")])

    assert table.text_id[table.row_of(1)] == NO_TEXT


def test_neighbours_get_neighbouring_rows():
    rng = np.random.default_rng(0)
    towns = np.array([[51.5, -0.1], [53.48, -2.24], [55.95, -3.19]])
    which = rng.integers(0, 3, 300)
    latitudes = towns[which, 0] + rng.normal(0, 0.01, 300)
    longitudes = towns[which, 1] + rng.normal(0, 0.01, 300)

    order = nearby_first_order(latitudes, longitudes)

    # Each town's people form one run of rows.
    assert np.count_nonzero(np.diff(which[order])) == 2
    assert sorted(order.tolist()) == list(range(300))


def test_every_category_and_slot_has_its_own_bit():
    assert len({CATEGORY_BITS[c] for c in CATEGORIES}) == len(CATEGORIES)
    assert len({SLOT_BITS[s] for s in SLOTS}) == 21
