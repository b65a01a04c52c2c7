"""One transaction per piece of work: everything commits together or not at all."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """Opens a session; rolls back on exit unless `commit()` was called.

    `lock_first`: for work that reads what is due and then claims it. PostgreSQL
    does that with row locks (FOR UPDATE SKIP LOCKED); SQLite ignores them and
    takes its one write lock only at the first write, so two processes (a
    server and `neighbourly chat`) could both read the same due call and both
    act on it. On SQLite this takes the write lock before anything is read.
    """

    def __init__(self, session_factory: sessionmaker[Session], lock_first: bool = False) -> None:
        self._session_factory = session_factory
        self._lock_first = lock_first
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        if self._lock_first and self.session.get_bind().dialect.name == "sqlite":
            # Waits for the lock as long as the connection's busy timeout allows.
            self.session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
