"""Opening the progress database safely: many processes at once, migrations under a write lock,
and a file moved aside only when it is really corrupt.

What can go wrong when opening, and what happens:

* another process holds a lock (it is migrating, writing, or a tool has the file open): we wait up
  to ``busy_timeout`` seconds, then raise StoreError saying the database is busy; nothing moves;
* the file or its folder cannot be read or written (mode 000, read-only folder): StoreError naming
  the file and the cause; nothing moves;
* the file is not a database, or SQLite's integrity check fails: the file (with its ``-wal`` and
  ``-shm``) is moved to ``<name>.corrupt-<timestamp>`` under an exclusive lock file, after checking
  again inside the lock that the file at that path is still the corrupt one, and the caller warns
  the user;
* a newer schema than this acrlab knows: StoreError, nothing changes.

Migrations run inside ``BEGIN IMMEDIATE`` (the database's single writer lock) and re-read
``user_version`` inside it, so two openers of a fresh store never both create the tables.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT = 15.0
"""Seconds a connection waits for another one's lock before giving up (SQLite's busy handler)."""

BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class StoreError(Exception):
    """A clear, user-facing problem with the progress store or an import file."""


class Corrupt(Exception):
    """The file at the path is not a readable SQLite database (it may be moved aside)."""


def error_kind(exc: BaseException) -> str:
    """'busy', 'corrupt' or 'other' for an sqlite3 error (from SQLite's extended result code)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(BUSY) or "database is locked" in text or "database is busy" in text:
        return "busy"
    if name.startswith(CORRUPT) or "file is not a database" in text or "malformed" in text:
        return "corrupt"
    return "other"


def describe(exc: BaseException, path: Path, timeout: float) -> str:
    """A sentence for the user about an sqlite3 error on `path`."""
    kind = error_kind(exc)
    if kind == "busy":
        return (f"the progress database {path} is locked by another program (waited {timeout:g} s); "
                "close the other acrlab windows or tools using it and try again")
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_READONLY"):
        return f"the progress database {path} is read-only ({exc}); check the permissions of the file and its folder"
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return f"cannot open the progress database {path} ({exc}); check the permissions of the file and its folder"
    if name == "SQLITE_FULL":
        return f"the disk holding {path} is full; nothing was saved"
    return f"progress database {path}: {exc}"


def check_access(path: Path) -> None:
    """Refuse (never move) a database the user cannot read and write."""
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"cannot open the progress database {path}: permission denied (the file is not "
                         f"readable and writable by you; fix it with: chmod u+rw '{path}'). Nothing was changed.")
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"cannot open the progress database {path}: its folder {folder} is not writable by you "
                         "(SQLite keeps its write-ahead log there). Nothing was changed.")


def _retry_busy(fn, deadline: float):
    """Run fn(); retry SQLite busy errors that bypass the busy handler (journal-mode changes) until deadline."""
    delay = 0.005
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if error_kind(exc) != "busy" or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def connect(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open, switch to WAL, check integrity and migrate. Raises Corrupt, StoreError or sqlite3 errors."""
    check_access(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=timeout, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(describe(exc, path, timeout)) from None
    try:
        deadline = time.monotonic() + timeout
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        _retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone(), deadline)
        # WAL + NORMAL: a commit survives the process being killed (the usual way a session ends badly);
        # only a power cut can roll back the last commits, and never corrupts. FULL costs an fsync per answer.
        conn.execute("PRAGMA synchronous=NORMAL")
        row = _retry_busy(lambda: conn.execute("PRAGMA quick_check").fetchone(), deadline)
        if row is None or row[0] != "ok":
            raise Corrupt(f"integrity check failed: {row[0] if row else 'no result'}")
        migrate(conn, path)
    except Corrupt:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        if error_kind(exc) == "corrupt":
            raise Corrupt(str(exc)) from None
        raise StoreError(describe(exc, path, timeout)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _too_new(version: int, path: Path) -> StoreError:
    return StoreError(f"{path} has schema version {version}, newer than this acrlab ({SCHEMA_VERSION}); "
                      "upgrade acrlab (nothing was changed)")


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date under the writer lock, re-reading the version inside it."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _too_new(version, path)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another opener may have migrated
        if version > SCHEMA_VERSION:
            raise _too_new(version, path)
        for v in range(version, SCHEMA_VERSION):
            for stmt in MIGRATIONS[v]:
                conn.execute(stmt)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """An advisory lock on ``<path>.lock`` held while a file is moved aside (one mover at a time)."""
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # Windows: SQLite's own locks make a concurrent move fail there anyway
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def still_corrupt(path: Path) -> bool:
    """Inside the move lock: is the file at `path` (still) not a readable database?"""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        return row is None or row[0] != "ok"
    except sqlite3.Error as exc:
        return error_kind(exc) == "corrupt"
    finally:
        conn.close()


def move_aside(path: Path, now: datetime) -> Path | None:
    """Move a corrupt database (and its -wal/-shm) to ``<name>.corrupt-<stamp>``; None if another
    process already did (the file at `path` is then a good one)."""
    with exclusive(path):
        if not still_corrupt(path):
            return None
        stamp = now.strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(path, target)
        for suffix in ("-wal", "-shm"):
            side = Path(str(path) + suffix)
            if side.exists():
                os.replace(side, Path(str(target) + suffix))
        return target
