"""The few statements every message runs, on the database driver's own cursor.

Each inbound message reads its sender and conversation and writes itself,
the conversation and its replies: five or six statements, the same ones
every time. Through SQLAlchemy's execution layer each costs about 50
microseconds of Python before the database does anything, which for a
plain message was more than SQLite's own work (py-spy on the server:
SQLAlchemy was a third of its busy time). So these statements are still
written with SQLAlchemy Core and compiled by it, once per database, with
its own conversions of every parameter and result (dates on SQLite, JSON,
booleans); only running them is done here, on the session's connection,
inside the session's transaction.

Only for statements whose every value is given and that have no IN list
(SQLAlchemy expands those as it runs them): others are refused when first
compiled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

from sqlalchemy import exc
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable, Select
from sqlalchemy.sql.dml import UpdateBase


@dataclass(frozen=True)
class _Compiled:
    compiler: Any  # sqlalchemy.sql.compiler.SQLCompiler: its SQL and its parameters
    positions: tuple[str, ...] | None  # parameter names in order, for "?" placeholders
    bind: dict[str, Callable[[Any], Any]]
    result: tuple[Callable[[Any], Any] | None, ...]


class PlainStatement:
    def __init__(self, statement: Executable, columns: tuple[str, ...] = ()) -> None:
        """`columns`: for an INSERT or UPDATE, the columns it is always given values for."""
        self._statement = statement
        self._columns = list(columns) or None
        self._by_dialect: dict[str, _Compiled] = {}

    def rows(self, session: Session, params: Mapping[str, Any]) -> list[tuple]:
        """Run it in the session's transaction; the rows it returns, converted."""
        if session.autoflush:
            # As session.execute would: ORM changes first, so rows keep their order.
            session.flush()
        connection = session.connection()
        dialect = connection.dialect
        compiled = self._by_dialect.get(dialect.name) or self._compile(dialect)
        values = compiled.compiler.construct_params(params)
        for name, convert in compiled.bind.items():
            values[name] = convert(values[name])
        arguments = (values if compiled.positions is None
                     else tuple(values[name] for name in compiled.positions))
        sql = compiled.compiler.string
        cursor = connection.connection.driver_connection.cursor()
        try:
            cursor.execute(sql, arguments)
            fetched = cursor.fetchall() if cursor.description else []
        except dialect.loaded_dbapi.Error as error:
            # As SQLAlchemy would raise it (an IntegrityError stays one), values hidden.
            raise exc.DBAPIError.instance(sql, None, error, dialect.loaded_dbapi.Error,
                                          hide_parameters=True, dialect=dialect) from error
        finally:
            cursor.close()
        if not any(compiled.result):
            return fetched
        return [tuple(value if convert is None else convert(value)
                      for convert, value in zip(compiled.result, row)) for row in fetched]

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._statement.compile(dialect=dialect, column_keys=self._columns)
        if getattr(compiled, "insert_prefetch", None) or getattr(compiled, "update_prefetch",
                                                                  None):
            raise ValueError("a plain statement must be given every value: "
                             f"{self._statement} would need column defaults")
        if "POSTCOMPILE" in compiled.string:
            raise ValueError("a plain statement has no IN lists (SQLAlchemy expands them "
                             f"as it runs them): {self._statement}")
        bind = {}
        for name, parameter in compiled.binds.items():
            convert = parameter.type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                bind[name] = convert
        if isinstance(self._statement, Select):
            returned = self._statement.selected_columns
        elif isinstance(self._statement, UpdateBase):
            returned = self._statement.exported_columns
        else:
            returned = ()
        result = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                       for column in returned)
        positional = dialect.paramstyle in ("qmark", "numeric", "format")
        entry = _Compiled(compiled, tuple(compiled.positiontup) if positional else None,
                          bind, result)
        self._by_dialect[dialect.name] = entry
        return entry
