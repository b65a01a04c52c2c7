"""Writing a batch of rows in one statement.

The scheduler writes a row per due call into three tables each tick. As an
executemany PostgreSQL runs one statement per row (a few hundred microseconds
each, mostly executor start-up); sent as one array per column and spread by
`unnest`, the whole batch is one statement and about twice as fast. SQLite runs
in-process with no such cost, so it keeps the plain executemany.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence

from sqlalchemy import JSON, Connection, Table, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

# Fewer rows than this are not worth a differently shaped statement.
SMALL_BATCH = 8


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict]) -> None:
    """INSERT every row (all with the same keys) into `table`."""
    if not rows:
        return
    if connection.dialect.name != "postgresql" or len(rows) < SMALL_BATCH:
        connection.execute(table.insert(), list(rows))
        return
    rows = with_defaults(table, rows)
    names = list(rows[0])
    arrays, spread, picked = column_arrays(connection, table, names, rows)
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {picked} FROM {spread}",
        arrays)


def update_rows(connection: Connection, table: Table, rows: Sequence[dict]) -> None:
    """UPDATE rows of `table` by primary key `id`: each row gives `id` and the new values."""
    if not rows:
        return
    names = [name for name in rows[0] if name != "id"]
    if connection.dialect.name != "postgresql" or len(rows) < SMALL_BATCH:
        # the new values' parameters need names of their own, apart from the columns'
        connection.execute(
            table.update().where(table.c.id == bindparam("row_id")).values(
                {name: bindparam(f"new_{name}") for name in names}),
            [{"row_id": row["id"], **{f"new_{name}": row[name] for name in names}}
             for row in rows])
        return
    arrays, spread, _ = column_arrays(connection, table, ["id", *names], rows)
    assignments = ", ".join(f"{name} = v.{name}" for name in names)
    connection.exec_driver_sql(
        f"UPDATE {table.name} SET {assignments} FROM {spread} WHERE {table.name}.id = v.id",
        arrays)


def with_defaults(table: Table, rows: Sequence[dict]) -> list[dict]:
    """The rows with the Python-side defaults SQLAlchemy would have filled in (a
    hand-written INSERT gets none of them): constants, and callables like utc_now
    called once for the batch."""
    missing = {}
    for column in table.columns:
        default = column.default
        if column.name in rows[0] or default is None:
            continue
        if default.is_scalar:
            missing[column.name] = default.arg
        elif default.is_callable:
            missing[column.name] = default.arg(None)  # SQLAlchemy wraps it to take a context
    return [{**row, **missing} for row in rows] if missing else list(rows)


def column_arrays(connection: Connection, table: Table, names: list[str],
                  rows: Sequence[dict]) -> tuple[dict, str, str]:
    """Each column's values as one bound array, already converted as the column's
    type would convert them (UTC timestamps, JSON text); the `unnest(...) AS v(...)`
    that spreads them back into rows; and the select list that reads them.

    The arrays go to psycopg as binary parameters (`%(name)b`): the server parses a
    binary array of 100 timestamps in a quarter of the time it takes for text."""
    dialect = connection.dialect
    arrays, casts, picks = {}, [], []
    for position, name in enumerate(names):
        column = table.c[name]
        values = [row[name] for row in rows]
        if isinstance(column.type, JSON):
            # psycopg has no adapter for a bare list in a json[]; text casts cleanly
            arrays[f"a{position}"] = [None if v is None else json.dumps(v) for v in values]
            casts.append(f"CAST(%(a{position})b AS TEXT[])")
            picks.append(f"CAST(v.{name} AS JSON)")
            continue
        convert = column.type.bind_processor(dialect)
        arrays[f"a{position}"] = [convert(v) for v in values] if convert else values
        casts.append(f"CAST(%(a{position})b AS {column.type.compile(dialect)}[])")
        picks.append(f"v.{name}")
    spread = f"unnest({', '.join(casts)}) AS v({', '.join(names)})"
    return arrays, spread, ", ".join(picks)


def among(column, values: Collection, dialect_name: str):
    """`column IN values`; on PostgreSQL as `= ANY(one array)`, which is one parameter
    however many values there are, so the statement stays the same, is prepared once,
    and is not re-planned for every batch size."""
    if dialect_name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)
