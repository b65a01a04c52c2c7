"""Volunteers as columns: numpy arrays indexed by row, for ranking a million quickly.

A million `Volunteer` objects would cost gigabytes and make every rule a Python
loop. Here each attribute the rules and scores need is one numpy array, sets
are bit masks (skills, slots, checks, languages), and a dict maps
volunteer_id -> row. Rows of removed volunteers are reused. First names,
texts and other display data stay with the caller; the lived-experience text
is kept once per distinct text in the `ExperienceIndex`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from matching.experience import NO_TEXT, ExperienceIndex
from matching.types import AGE_BANDS, CATEGORIES, CHECKS, SLOTS, VETTING_STATUSES, Volunteer

CATEGORY_BITS: dict[str, int] = {name: 1 << i for i, name in enumerate(CATEGORIES)}
SLOT_BITS: dict[str, int] = {name: 1 << i for i, name in enumerate(SLOTS)}
CHECK_BITS: dict[str, int] = {name: 1 << i for i, name in enumerate(CHECKS)}
VETTING_CODES: dict[str, int] = {name: i for i, name in enumerate(VETTING_STATUSES)}
ALL_SLOTS_MASK = (1 << len(SLOTS)) - 1
_EMPTY_ROW = -1


def encode(values: Iterable[str], bits: dict[str, int]) -> int:
    """A set of names as a bit mask; names without a bit are left out."""
    mask = 0
    for value in values:
        mask |= bits.get(value, 0)
    return mask


def nearby_first_order(latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
    """An order that puts people who live near each other next to each other in memory.

    Volunteers found by one search live close together; if their rows are
    close too, reading their columns touches a few cache lines instead of one
    per volunteer per column (at a million volunteers, that is most of the
    cost of ranking). The order is a Z-order (Morton) curve over a 2^16 grid.
    """
    if len(latitudes) == 0:
        return np.empty(0, dtype=np.int64)
    cells = (1 << 16) - 1
    y = np.round((np.asarray(latitudes) + 90.0) / 180.0 * cells).astype(np.uint64)
    x = np.round((np.asarray(longitudes) + 180.0) / 360.0 * cells).astype(np.uint64)
    return np.argsort(_spread_bits(y) << np.uint64(1) | _spread_bits(x), kind="stable")


def _spread_bits(value: np.ndarray) -> np.ndarray:
    """Put a zero between each of the low 16 bits: 0b1011 -> 0b1000101."""
    value = value & np.uint64(0xFFFF)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        value = (value | (value << np.uint64(shift))) & np.uint64(mask)
    return value


class LanguageBits:
    """Which languages each row speaks, as bits of uint64 words, growing as new codes appear."""

    def __init__(self, capacity: int) -> None:
        self.codes: dict[str, int] = {}
        self.words = np.zeros((capacity, 1), dtype=np.uint64)

    def bit_of(self, code: str, *, add: bool = False) -> int | None:
        bit = self.codes.get(code)
        if bit is None and add:
            bit = self.codes[code] = len(self.codes)
            if bit // 64 >= self.words.shape[1]:
                extra = np.zeros((self.words.shape[0], 1), dtype=np.uint64)
                self.words = np.hstack([self.words, extra])
        return bit

    def set_row(self, row: int, codes: Iterable[str]) -> None:
        self.words[row] = 0
        for code in codes:
            bit = self.bit_of(code, add=True)
            self.words[row, bit // 64] |= np.uint64(1 << (bit % 64))

    def speaks(self, rows: np.ndarray, code: str) -> np.ndarray:
        bit = self.bit_of(code)
        if bit is None:
            return np.zeros(rows.shape, dtype=bool)
        word = self.words[rows, bit // 64]
        return (word & np.uint64(1 << (bit % 64))) != 0

    def grow(self, capacity: int) -> None:
        grown = np.zeros((capacity, self.words.shape[1]), dtype=np.uint64)
        grown[: self.words.shape[0]] = self.words
        self.words = grown

    def codes_of_row(self, row: int) -> frozenset[str]:
        return frozenset(
            code
            for code, bit in self.codes.items()
            if int(self.words[row, bit // 64]) >> (bit % 64) & 1
        )


class VolunteerTable:
    """Columnar store of volunteers. Mutated only through `upsert`, `remove` and the workload setters."""

    # column name -> dtype (all 1-D, one entry per row)
    _COLUMNS: dict[str, type] = {
        "volunteer_id": np.int64,
        "latitude": np.float64,
        "longitude": np.float64,
        "travel_radius_km": np.float64,
        "skill_bits": np.uint8,
        "slot_bits": np.uint32,
        "check_bits": np.uint8,
        "age_index": np.int8,
        "vetting": np.int8,
        "paused": np.bool_,
        "weekly_cap": np.int32,
        "tasks_this_week": np.int32,
        "recent_tasks": np.int32,
        "text_id": np.int32,
    }

    def __init__(self, capacity: int = 1024) -> None:
        capacity = max(int(capacity), 16)
        for name, dtype in self._COLUMNS.items():
            setattr(self, name, np.zeros(capacity, dtype=dtype))
        self.volunteer_id[:] = _EMPTY_ROW
        self.text_id[:] = NO_TEXT
        self.languages = LanguageBits(capacity)
        self.experience = ExperienceIndex()
        self._row_of: dict[int, int] = {}
        self._used_rows = 0
        self._free_rows: list[int] = []
        # Continuity: resident -> rows of volunteers who helped them, and back.
        self._helpers_of_resident: dict[int, set[int]] = {}
        self._helped_by_row: dict[int, frozenset[int]] = {}

    # ----- building --------------------------------------------------------

    @classmethod
    def from_volunteers(
        cls, volunteers: Iterable[Volunteer], *, with_experience: bool = True
    ) -> VolunteerTable:
        """A table of these volunteers (with_experience=False skips the TF-IDF, for rules alone)."""
        volunteers = list(volunteers)
        if len({volunteer.volunteer_id for volunteer in volunteers}) != len(volunteers):
            raise ValueError("volunteer ids must be unique")
        table = cls(capacity=len(volunteers))
        order = nearby_first_order(
            np.array([volunteer.latitude for volunteer in volunteers]),
            np.array([volunteer.longitude for volunteer in volunteers]),
        )
        volunteers = [volunteers[i] for i in order.tolist()]
        rows = [table._write(volunteer, text_id=NO_TEXT) for volunteer in volunteers]
        if not with_experience:
            return table
        texts = [volunteer.lived_experience for volunteer in volunteers]
        table.text_id[rows] = table.experience.add_texts(texts, [1] * len(texts))
        table.experience.fit()
        return table

    @classmethod
    def from_arrays(
        cls,
        *,
        volunteer_ids: np.ndarray,
        latitudes: np.ndarray,
        longitudes: np.ndarray,
        travel_radius_km: np.ndarray,
        skill_bits: np.ndarray,
        slot_bits: np.ndarray,
        check_bits: np.ndarray,
        language_codes: Sequence[str],
        language_bits: np.ndarray,
        age_index: np.ndarray,
        vetting: np.ndarray,
        paused: np.ndarray,
        weekly_cap: np.ndarray,
        tasks_this_week: np.ndarray,
        recent_tasks: np.ndarray,
        experience_texts: Sequence[str] = (),
        experience_text_index: np.ndarray | None = None,
        helped_pairs: Iterable[tuple[int, int]] = (),
    ) -> VolunteerTable:
        """Columns straight from arrays (bulk imports, benchmarks): no per-volunteer objects.

        Bit masks use `CATEGORY_BITS`, `SLOT_BITS` and `CHECK_BITS`; `language_bits`
        (uint64) has bit i set for `language_codes[i]` (at most 64 codes here).
        `experience_text_index[row]` points into `experience_texts`, -1 for none.
        `helped_pairs` are (volunteer_id, resident_id).
        """
        count = len(volunteer_ids)
        if len(set(np.asarray(volunteer_ids).tolist())) != count:
            raise ValueError("volunteer ids must be unique")
        if len(language_codes) > 64:
            raise ValueError("from_arrays takes at most 64 language codes")
        table = cls(capacity=count)
        columns = {
            "volunteer_id": volunteer_ids, "latitude": latitudes, "longitude": longitudes,
            "travel_radius_km": travel_radius_km, "skill_bits": skill_bits,
            "slot_bits": slot_bits, "check_bits": check_bits, "age_index": age_index,
            "vetting": vetting, "paused": paused, "weekly_cap": weekly_cap,
            "tasks_this_week": tasks_this_week, "recent_tasks": recent_tasks,
        }
        order = nearby_first_order(np.asarray(latitudes), np.asarray(longitudes))
        for name, values in columns.items():
            values = np.asarray(values)
            if values.shape != (count,):
                raise ValueError(f"{name} must have one value per volunteer")
            getattr(table, name)[:count] = values[order]
        for code in language_codes:
            table.languages.bit_of(code, add=True)
        table.languages.words[:count, 0] = np.asarray(language_bits, dtype=np.uint64)[order]
        table._row_of = dict(zip(table.volunteer_id[:count].tolist(), range(count)))
        table._used_rows = count
        if experience_text_index is not None:
            index = np.asarray(experience_text_index)[order]
            uses = np.bincount(index[index >= 0], minlength=len(experience_texts))
            ids = table.experience.add_texts(experience_texts, uses.tolist())
            table.text_id[:count] = np.where(index >= 0, ids[np.maximum(index, 0)], NO_TEXT)
        table.experience.fit()
        for volunteer_id, resident_id in helped_pairs:
            row = table._row_of[int(volunteer_id)]
            helped = table._helped_by_row.get(row, frozenset()) | {int(resident_id)}
            table._set_helped(row, helped)
        return table

    # ----- changes ---------------------------------------------------------

    def upsert(self, volunteer: Volunteer) -> int:
        """Insert or replace a volunteer; returns their row."""
        row = self._row_of.get(volunteer.volunteer_id)
        old_text = NO_TEXT if row is None else int(self.text_id[row])
        self.experience.remove_text(old_text)
        text_id = self.experience.add_text(volunteer.lived_experience)
        return self._write(volunteer, text_id=text_id)

    def remove(self, volunteer_id: int) -> int | None:
        """Forget a volunteer; returns the row they had (None if unknown)."""
        row = self._row_of.pop(volunteer_id, None)
        if row is None:
            return None
        self.experience.remove_text(int(self.text_id[row]))
        self._set_helped(row, frozenset())
        for name, dtype in self._COLUMNS.items():
            getattr(self, name)[row] = 0
        self.volunteer_id[row] = _EMPTY_ROW
        self.text_id[row] = NO_TEXT
        self.languages.words[row] = 0
        self._free_rows.append(row)
        return row

    def set_workload(
        self, volunteer_id: int, *, tasks_this_week: int | None = None,
        recent_tasks: int | None = None,
    ) -> None:
        row = self._row_of[volunteer_id]
        if tasks_this_week is not None:
            self.tasks_this_week[row] = tasks_this_week
        if recent_tasks is not None:
            self.recent_tasks[row] = recent_tasks

    def record_help(self, volunteer_id: int, resident_id: int) -> None:
        """Count an accepted task: workload goes up and the pair is remembered for continuity."""
        row = self._row_of[volunteer_id]
        self.tasks_this_week[row] += 1
        self.recent_tasks[row] += 1
        self._set_helped(row, self._helped_by_row.get(row, frozenset()) | {resident_id})

    # ----- reading ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, volunteer_id: object) -> bool:
        return volunteer_id in self._row_of

    def row_of(self, volunteer_id: int) -> int | None:
        return self._row_of.get(volunteer_id)

    def rows_of(self, volunteer_ids: Iterable[int]) -> np.ndarray:
        rows = [self._row_of.get(volunteer_id) for volunteer_id in volunteer_ids]
        return np.asarray([row for row in rows if row is not None], dtype=np.int64)

    def used_rows(self) -> np.ndarray:
        """Rows that hold a volunteer now."""
        return np.flatnonzero(self.volunteer_id[: self._used_rows] != _EMPTY_ROW)

    def helper_rows(self, resident_id: int) -> np.ndarray:
        """Rows of volunteers who helped this resident before."""
        return np.fromiter(self._helpers_of_resident.get(resident_id, ()), dtype=np.int64)

    def remaining_capacity(self, rows: np.ndarray) -> np.ndarray:
        return np.maximum(self.weekly_cap[rows] - self.tasks_this_week[rows], 0)

    # ----- internals -------------------------------------------------------

    def _write(self, volunteer: Volunteer, *, text_id: int) -> int:
        row = self._row_of.get(volunteer.volunteer_id)
        if row is None:
            row = self._free_rows.pop() if self._free_rows else self._next_row()
            self._row_of[volunteer.volunteer_id] = row
        self.volunteer_id[row] = volunteer.volunteer_id
        self.latitude[row] = volunteer.latitude
        self.longitude[row] = volunteer.longitude
        self.travel_radius_km[row] = volunteer.travel_radius_km
        self.skill_bits[row] = encode(volunteer.skills, CATEGORY_BITS)
        self.slot_bits[row] = encode(volunteer.availability, SLOT_BITS)
        self.check_bits[row] = encode(volunteer.checks, CHECK_BITS)
        self.age_index[row] = -1 if volunteer.age_band is None else AGE_BANDS.index(volunteer.age_band)
        self.vetting[row] = VETTING_CODES[volunteer.vetting]
        self.paused[row] = volunteer.paused
        self.weekly_cap[row] = volunteer.weekly_cap
        self.tasks_this_week[row] = volunteer.tasks_this_week
        self.recent_tasks[row] = volunteer.recent_tasks
        self.text_id[row] = text_id
        self.languages.set_row(row, volunteer.languages)
        self._set_helped(row, volunteer.helped_resident_ids)
        return row

    def _next_row(self) -> int:
        row = self._used_rows
        if row >= self.volunteer_id.size:
            self._grow(2 * self.volunteer_id.size)
        self._used_rows += 1
        return row

    def _grow(self, capacity: int) -> None:
        for name, dtype in self._COLUMNS.items():
            old = getattr(self, name)
            grown = np.zeros(capacity, dtype=dtype)
            grown[: old.size] = old
            setattr(self, name, grown)
        self.volunteer_id[self._used_rows:] = _EMPTY_ROW
        self.text_id[self._used_rows:] = NO_TEXT
        self.languages.grow(capacity)

    def _set_helped(self, row: int, residents: frozenset[int]) -> None:
        old = self._helped_by_row.get(row, frozenset())
        if old == residents:
            return
        for resident in old - residents:
            helpers = self._helpers_of_resident.get(resident)
            if helpers is not None:
                helpers.discard(row)
                if not helpers:
                    del self._helpers_of_resident[resident]
        for resident in residents - old:
            self._helpers_of_resident.setdefault(resident, set()).add(row)
        if residents:
            self._helped_by_row[row] = frozenset(residents)
        else:
            self._helped_by_row.pop(row, None)
