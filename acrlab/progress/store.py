"""SQLite progress store (stdlib ``sqlite3``): WAL mode, versioned schema with migrations.

Location: ``$ACRLAB_HOME/progress.db`` if ACRLAB_HOME is set, else
``platformdirs.user_data_dir("acrlab")/progress.db``. Every write is a committed transaction
(``BEGIN IMMEDIATE``, waiting for other writers up to the busy timeout), so a killed process loses
nothing committed before it and many processes (``acrlab serve`` sessions, two terminals) can share
one store. A write that cannot happen raises StoreError; it is never dropped. Opening rules (locked,
unreadable and corrupt files) are in opening.py: only a file that is really not a database, or fails
SQLite's integrity check, is moved aside (``progress.db.corrupt-<timestamp>``), with a warning.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import opening
from .opening import Corrupt, StoreError, connect, describe, move_aside
from .schema import EXPORT_FORMAT, SCHEMA_VERSION, TABLES

__all__ = ["ProgressStore", "StoreError", "CorruptStoreWarning", "SCHEMA_VERSION", "default_path", "open_store"]


class CorruptStoreWarning(UserWarning):
    """The progress database was not a readable database and was moved aside (a new one was started)."""


def default_path() -> Path:
    home = os.environ.get("ACRLAB_HOME")
    if home:
        base = Path(home)
    else:
        import platformdirs

        base = Path(platformdirs.user_data_dir("acrlab"))
    return base / "progress.db"


def _new_id() -> str:
    """A random row id (`uuid4().hex`); uuid is imported by the first write, not by opening the store: with it
    come platform's regular expressions, a cost on the home screen's first frame (issue 19)."""
    import uuid

    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class ProgressStore:
    def __init__(self, path: str | Path | None = None, *, now: Callable[[], datetime] = utcnow,
                 timeout: float | None = None):
        self.path = Path(path) if path else default_path()
        self.now = now
        self.timeout = opening.BUSY_TIMEOUT if timeout is None else timeout
        """Seconds to wait for another process's lock before a clear StoreError."""
        self.moved_aside: Path | None = None
        """Where a corrupt database found at `path` was moved (the user was warned), else None."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the progress database {self.path}: "
                             f"{exc.strerror or exc}") from None
        self._depth = 0
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        for _ in range(3):
            try:
                return connect(self.path, self.timeout)
            except Corrupt as exc:
                target = move_aside(self.path, self.now())
                if target is not None:
                    self.moved_aside = target
                    warnings.warn(f"progress database {self.path} was not a readable database ({exc}); "
                                  f"moved it to {target} and started a new one", CorruptStoreWarning, stacklevel=4)
        raise StoreError(f"the progress database {self.path} could not be opened (it kept failing SQLite's checks)")

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed write transaction (nested uses join the outer one). SQLite errors -> StoreError."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError("could not save progress: " + describe(exc, self.path, self.timeout)) from None
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError("could not save progress: " + describe(exc, self.path, self.timeout)) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with self.transaction() as conn:
            conn.execute(sql, params)

    def _iso(self) -> str:
        return self.now().isoformat()

    # -- attempts and answers -----------------------------------------------------------------
    def start_attempt(self, mode: str) -> str:
        attempt_id = _new_id()
        self._write("INSERT INTO attempts VALUES (?,?,?,NULL)", (attempt_id, mode, self._iso()))
        return attempt_id

    def finish_attempt(self, attempt_id: str) -> None:
        self._write("UPDATE attempts SET finished_at=? WHERE id=?", (self._iso(), attempt_id))

    def record_answer(self, attempt_id: str | None, item: Any, response: Any, score: Any) -> str:
        """Store one answer and update the item's review card (missed -> Again, right -> Good)."""
        from .review import review_item

        answer_id = _new_id()
        with self.transaction():  # the answer and its card change together, or not at all
            self._write("INSERT INTO answers VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (answer_id, attempt_id, item.id, item.section, item.objective,
                         json.dumps(response, default=str), score.earned, score.possible,
                         int(score.earned == score.possible), self._iso()))
            review_item(self, item.id, score.earned == score.possible)
        return answer_id

    def answers(self, item_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM answers" + (" WHERE item_id=?" if item_id else "") + " ORDER BY answered_at, rowid"
        return self._rows(sql, (item_id,) if item_id else ())

    def seen_item_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT item_id FROM answers")}

    def missed_item_ids(self) -> set[str]:
        """Items whose most recent answer was not fully correct."""
        rows = self.conn.execute("SELECT item_id, correct FROM answers ORDER BY answered_at, rowid").fetchall()
        last: dict[str, int] = {}
        for item_id, correct in rows:
            last[item_id] = correct
        return {i for i, c in last.items() if not c}

    # -- exam reports and lab grades ------------------------------------------------------------
    def save_exam_report(self, report: Any) -> str:
        report_id = _new_id()
        self._write("INSERT INTO exam_reports VALUES (?,?,?,?,?)",
                    (report_id, self._iso(), report.scaled, int(report.passed), report.model_dump_json()))
        return report_id

    def exam_reports(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM exam_reports ORDER BY created_at, rowid")

    def load_exam_report(self, report_id: str) -> Any:
        from acrlab.quiz.exam import ExamReport
        row = self.conn.execute("SELECT report FROM exam_reports WHERE id=?", (report_id,)).fetchone()
        if row is None:
            raise StoreError(f"no exam report {report_id!r}")
        return ExamReport.model_validate_json(row[0])

    def record_lab_grade(self, scenario_id: str, score: float, max_score: float,
                         checks: list[dict[str, Any]], bank: Any = None) -> list[str]:
        """Store a lab grade; failed checks schedule review cards for related items.

        A check is a dict with at least ``passed`` (bool); ``objective`` and/or ``section``
        name the related quiz items. Returns the item ids scheduled for review.
        """
        from .review import schedule_related

        if not (math.isfinite(score) and math.isfinite(max_score)) or max_score < 0 or score < 0 \
                or score > max_score:
            raise StoreError(f"bad lab grade {score}/{max_score}")
        failed = [c for c in checks if not c.get("passed", False)]
        if failed and bank is None:
            from acrlab.quiz.bank import default_bank
            bank = default_bank()
        with self.transaction():  # the grade and the review cards it schedules land together
            self._write("INSERT INTO lab_grades VALUES (?,?,?,?,?,?)",
                        (_new_id(), scenario_id, float(score), float(max_score),
                         json.dumps(checks, default=str), self._iso()))
            return schedule_related(self, failed, bank, scenario=scenario_id)

    def lab_grades(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM lab_grades ORDER BY created_at, rowid")

    # -- review cards ---------------------------------------------------------------------------
    def get_card_json(self, item_id: str) -> str | None:
        row = self.conn.execute("SELECT card FROM review_cards WHERE item_id=?", (item_id,)).fetchone()
        return row[0] if row else None

    def put_card_json(self, item_id: str, card_json: str, due: datetime) -> None:
        self._write("INSERT INTO review_cards VALUES (?,?,?,?) ON CONFLICT(item_id) DO UPDATE SET "
                    "card=excluded.card, due=excluded.due, updated_at=excluded.updated_at",
                    (item_id, card_json, due.astimezone(UTC).isoformat(), self._iso()))

    def cards(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM review_cards ORDER BY due")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # -- export / import ------------------------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": EXPORT_FORMAT, "schema_version": self.schema_version(),
                                "exported_at": self._iso()}
        for table in TABLES:
            data[table] = self._rows(f"SELECT {', '.join(TABLES[table])} FROM {table}")
        return data

    def import_data(self, data: Any) -> dict[str, int]:
        """Merge an export into this store (existing rows are kept; newer review cards win).

        The whole file is validated first (importing.validate_export); anything wrong raises StoreError
        and nothing is written."""
        from .importing import validate_export

        tables = validate_export(data)
        counts = {}
        with self.transaction() as conn:
            for table, cols in TABLES.items():
                n = 0
                for row in tables[table]:
                    values = tuple(row[c] for c in cols)
                    if table == "review_cards":
                        sql = ("INSERT INTO review_cards VALUES (?,?,?,?) ON CONFLICT(item_id) DO UPDATE SET "
                               "card=excluded.card, due=excluded.due, updated_at=excluded.updated_at "
                               "WHERE excluded.updated_at > review_cards.updated_at")
                    else:
                        sql = f"INSERT OR IGNORE INTO {table} VALUES ({','.join('?' * len(cols))})"
                    n += conn.execute(sql, values).rowcount
                counts[table] = n
        return counts


def open_store(path: str | Path | None = None, **kw: Any) -> ProgressStore:
    return ProgressStore(path, **kw)
