"""SQLite progress store (stdlib ``sqlite3``): WAL mode, versioned schema with migrations.

Location: ``$ACRLAB_HOME/progress.db`` if ACRLAB_HOME is set, else
``platformdirs.user_data_dir("acrlab")/progress.db``. Every write is its own committed
transaction, so a killed process loses nothing committed before it. A file that is not a
readable database is moved aside (``progress.db.corrupt-<timestamp>``) with a warning and a
fresh store is started.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

MIGRATIONS: list[list[str]] = [
    [  # v1
        "CREATE TABLE attempts (id TEXT PRIMARY KEY, mode TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT)",
        "CREATE TABLE answers (id TEXT PRIMARY KEY, attempt_id TEXT, item_id TEXT NOT NULL, section TEXT, "
        "objective TEXT, response TEXT, earned INTEGER NOT NULL, possible INTEGER NOT NULL, "
        "correct INTEGER NOT NULL, answered_at TEXT NOT NULL)",
        "CREATE TABLE exam_reports (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, scaled INTEGER, "
        "passed INTEGER, report TEXT NOT NULL)",
        "CREATE TABLE lab_grades (id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, score REAL NOT NULL, "
        "max_score REAL NOT NULL, checks TEXT NOT NULL, created_at TEXT NOT NULL)",
        "CREATE TABLE review_cards (item_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL, "
        "updated_at TEXT NOT NULL)",
    ],
    [  # v2: indexes for the review queue and per-item history
        "CREATE INDEX IF NOT EXISTS answers_item ON answers(item_id)",
        "CREATE INDEX IF NOT EXISTS cards_due ON review_cards(due)",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = {
    "attempts": ["id", "mode", "started_at", "finished_at"],
    "answers": ["id", "attempt_id", "item_id", "section", "objective", "response", "earned", "possible",
                "correct", "answered_at"],
    "exam_reports": ["id", "created_at", "scaled", "passed", "report"],
    "lab_grades": ["id", "scenario_id", "score", "max_score", "checks", "created_at"],
    "review_cards": ["item_id", "card", "due", "updated_at"],
}
EXPORT_FORMAT = "acrlab-progress"


class StoreError(Exception):
    """A clear, user-facing problem with the progress store or an import file."""


class CorruptStoreWarning(UserWarning):
    pass


def default_path() -> Path:
    home = os.environ.get("ACRLAB_HOME")
    base = Path(home) if home else Path(platformdirs.user_data_dir("acrlab"))
    return base / "progress.db"


def utcnow() -> datetime:
    return datetime.now(UTC)


class ProgressStore:
    def __init__(self, path: str | Path | None = None, *, now: Callable[[], datetime] = utcnow):
        self.path = Path(path) if path else default_path()
        self.now = now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.moved_aside: Path | None = None
        try:
            self.conn = self._open()
        except sqlite3.DatabaseError as exc:
            self.moved_aside = self._move_aside(exc)
            self.conn = self._open()

    # -- opening, migrations, corruption ------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no result'}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                raise StoreError(f"{self.path} has schema version {version}, newer than this acrlab "
                                 f"({SCHEMA_VERSION}); upgrade acrlab")
            for v in range(version, SCHEMA_VERSION):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for stmt in MIGRATIONS[v]:
                        conn.execute(stmt)
                    conn.execute(f"PRAGMA user_version = {v + 1}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self, exc: Exception) -> Path:
        stamp = self.now().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            side = Path(str(self.path) + suffix)
            if side.exists():
                os.replace(side, Path(str(target) + suffix))
        warnings.warn(f"progress database {self.path} was unreadable ({exc}); moved it to {target} "
                      "and started a new one", CorruptStoreWarning, stacklevel=3)
        return target

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(sql, params)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _iso(self) -> str:
        return self.now().isoformat()

    # -- attempts and answers -----------------------------------------------------------------
    def start_attempt(self, mode: str) -> str:
        attempt_id = uuid.uuid4().hex
        self._write("INSERT INTO attempts VALUES (?,?,?,NULL)", (attempt_id, mode, self._iso()))
        return attempt_id

    def finish_attempt(self, attempt_id: str) -> None:
        self._write("UPDATE attempts SET finished_at=? WHERE id=?", (self._iso(), attempt_id))

    def record_answer(self, attempt_id: str | None, item: Any, response: Any, score: Any) -> str:
        """Store one answer and update the item's review card (missed -> Again, right -> Good)."""
        answer_id = uuid.uuid4().hex
        self._write("INSERT INTO answers VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (answer_id, attempt_id, item.id, item.section, item.objective,
                     json.dumps(response, default=str), score.earned, score.possible,
                     int(score.earned == score.possible), self._iso()))
        from .review import review_item
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
        report_id = uuid.uuid4().hex
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
        if max_score < 0 or score < 0 or score > max_score:
            raise StoreError(f"bad lab grade {score}/{max_score}")
        self._write("INSERT INTO lab_grades VALUES (?,?,?,?,?,?)",
                    (uuid.uuid4().hex, scenario_id, float(score), float(max_score),
                     json.dumps(checks, default=str), self._iso()))
        from .review import schedule_related
        return schedule_related(self, [c for c in checks if not c.get("passed", False)], bank)

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
        """Merge an export into this store (existing rows are kept; newer review cards win)."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise StoreError(f"not an acrlab progress export (expected \"format\": \"{EXPORT_FORMAT}\")")
        if not isinstance(data.get("schema_version"), int) or data["schema_version"] > SCHEMA_VERSION:
            raise StoreError(f"unsupported schema_version {data.get('schema_version')!r}")
        counts = {}
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for table, cols in TABLES.items():
                rows = data.get(table, [])
                if not isinstance(rows, list):
                    raise StoreError(f"{table}: expected a list")
                n = 0
                for k, row in enumerate(rows):
                    if not isinstance(row, dict) or any(c not in row for c in cols):
                        raise StoreError(f"{table}[{k}]: needs the fields {cols}")
                    values = tuple(row[c] for c in cols)
                    if table == "review_cards":
                        sql = ("INSERT INTO review_cards VALUES (?,?,?,?) ON CONFLICT(item_id) DO UPDATE SET "
                               "card=excluded.card, due=excluded.due, updated_at=excluded.updated_at "
                               "WHERE excluded.updated_at > review_cards.updated_at")
                    else:
                        sql = f"INSERT OR IGNORE INTO {table} VALUES ({','.join('?' * len(cols))})"
                    n += self.conn.execute(sql, values).rowcount
                counts[table] = n
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"import failed: {exc}") from None
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return counts


def open_store(path: str | Path | None = None, **kw: Any) -> ProgressStore:
    return ProgressStore(path, **kw)
