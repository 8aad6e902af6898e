"""The progress store loses nothing: concurrent openers of a fresh store, locked and unreadable
databases, writes that cannot happen, and only real corruption moves a file aside (issue 12)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import warnings
from pathlib import Path

import pytest

from acrlab.progress import StoreError, open_store
from acrlab.progress.store import CorruptStoreWarning

WRITERS = textwrap.dedent("""
    import sys, warnings
    warnings.simplefilter("error")          # moving the live database aside would warn: fail loudly instead
    from acrlab.progress import open_store
    path, n = sys.argv[1], int(sys.argv[2])
    sys.stdin.readline()                    # all writers start together, on a store nobody has created yet
    with open_store(path) as s:
        for _ in range(n):
            s.start_attempt("practice")
    print("done", flush=True)
""")


def test_four_processes_writing_a_fresh_store_lose_nothing(tmp_path):
    db = tmp_path / "progress.db"
    procs = [subprocess.Popen([sys.executable, "-c", WRITERS, str(db), "1000"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(0.5)  # let the interpreters start, so the openers really race
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err[-2000:] for _, err in outs]
    with open_store(db) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 4000
    assert sorted(p.name for p in tmp_path.iterdir() if ".corrupt" in p.name) == []


def test_many_openers_migrate_once(tmp_path):
    """Threads opening one fresh file at once: the tables are created once and nobody fails."""
    db = tmp_path / "p.db"
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def opener():
        try:
            barrier.wait()
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with open_store(db) as s:
                    s.start_attempt("x")
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 6


def _rollback_journal_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE keep (v TEXT)")
    conn.execute("INSERT INTO keep VALUES ('precious')")
    conn.commit()
    conn.close()


def test_a_locked_database_is_waited_for_then_refused_never_moved(tmp_path):
    db = tmp_path / "progress.db"
    _rollback_journal_db(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            open_store(db, timeout=0.3)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.db"]
    # released while we wait: the open succeeds and keeps the data
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.3, lambda: (holder.execute("ROLLBACK"), holder.close())).start()
    with open_store(db, timeout=10) as s:
        assert s.conn.execute("SELECT v FROM keep").fetchone() == ("precious",)


def test_a_write_that_cannot_happen_is_an_error_not_a_silent_loss(tmp_path):
    db = tmp_path / "progress.db"
    s = open_store(db, timeout=0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer keeps the lock
    try:
        with pytest.raises(StoreError, match="could not save progress: .*locked"):
            s.start_attempt("practice")
    finally:
        other.execute("ROLLBACK")
        other.close()
    s.start_attempt("practice")  # once free, writes go through
    assert len(s._rows("SELECT * FROM attempts")) == 1
    s.close()


OPEN_UNREADABLE = textwrap.dedent("""
    import sys
    from acrlab.progress import StoreError, open_store
    try:
        open_store(sys.argv[1])
    except StoreError as e:
        print(e)
        sys.exit(3)
""")


def test_an_unreadable_database_is_refused_never_moved():
    """Mode 000: the user is told to fix the permissions; the file stays where it is, intact.
    As root (who may read anything) the opener runs without the DAC-override capabilities."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    folder = Path(tempfile.mkdtemp(prefix="acrlab-perm-"))
    try:
        db = folder / "progress.db"
        with open_store(db) as s:
            s.start_attempt("practice")
        db.chmod(0)
        run = subprocess.run(prefix + [sys.executable, "-c", OPEN_UNREADABLE, str(db)],
                             capture_output=True, text=True, timeout=60)
        if run.returncode == 1 and "Operation not permitted" in run.stderr:
            pytest.skip("setpriv is not allowed here")
        assert run.returncode == 3, run.stderr
        assert "permission denied" in run.stdout and "chmod u+rw" in run.stdout
        assert not [p for p in folder.iterdir() if ".corrupt" in p.name]
        db.chmod(0o600)
        with open_store(db) as s:
            assert len(s._rows("SELECT * FROM attempts")) == 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_database_failing_the_integrity_check_is_moved_aside_with_a_warning(tmp_path):
    db = tmp_path / "progress.db"
    with open_store(db) as s:
        for _ in range(300):
            s.start_attempt("practice")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(db.read_bytes())
    page = 4096
    raw[page * 2 + 8: page * 2 + 400] = os.urandom(392)  # scribble over a b-tree page, keep the header
    db.write_bytes(bytes(raw))
    with pytest.warns(CorruptStoreWarning, match="moved it to"):
        s = open_store(db)
    assert s.moved_aside is not None and s.moved_aside.exists()
    assert s._rows("SELECT * FROM attempts") == []
    s.close()


def test_an_empty_file_is_a_fresh_store_not_corruption(tmp_path):
    db = tmp_path / "progress.db"
    db.touch()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with open_store(db) as s:
            s.start_attempt("x")


def test_a_newer_schema_is_refused_inside_the_lock_too(tmp_path):
    from acrlab.progress import SCHEMA_VERSION
    from acrlab.progress.opening import migrate

    db = tmp_path / "p.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this acrlab"):
        migrate(conn, db)
    conn.close()


def test_progress_cli_reports_a_locked_store(tmp_path, monkeypatch, capsys):
    from acrlab.progress import cli, opening

    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    db = tmp_path / "progress.db"
    _rollback_journal_db(db)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert cli.main(["export", "-"]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another program" in capsys.readouterr().out
    assert json.loads(json.dumps(sorted(p.name for p in tmp_path.iterdir()))) == ["progress.db"]
