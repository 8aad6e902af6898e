import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta

import pytest

from acrlab.progress import (
    SCHEMA_VERSION,
    CorruptStoreWarning,
    StoreError,
    due_items,
    open_store,
    readiness,
    record_lab_grade,
)
from acrlab.progress.cli import main as progress_main
from acrlab.quiz import PracticeSession, default_bank

BANK = default_bank()


class Clock:
    def __init__(self):
        self.t = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.t


def test_wal_schema_and_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    with open_store() as s:
        assert s.path == tmp_path / "progress.db"
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.schema_version() == SCHEMA_VERSION
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"attempts", "answers", "exam_reports", "lab_grades", "review_cards"} <= tables


def test_migrates_a_v1_database(tmp_path):
    from acrlab.progress.schema import MIGRATIONS
    db = tmp_path / "p.db"
    conn = sqlite3.connect(db)
    for stmt in MIGRATIONS[0]:
        conn.execute(stmt)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        idx = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "cards_due" in idx


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "p.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_corrupt_file_is_moved_aside(tmp_path):
    db = tmp_path / "progress.db"
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.warns(CorruptStoreWarning):
        s = open_store(db)
    assert s.moved_aside is not None and s.moved_aside.exists()
    assert s.moved_aside.read_bytes().startswith(b"this is not")
    s.start_attempt("practice")
    s.close()


def test_missed_items_schedule_cards_and_readiness(tmp_path):
    clock = Clock()
    s = open_store(tmp_path / "p.db", now=clock)
    session = PracticeSession([BANK.get("sku-included-storage"), BANK.get("struct-login-server")], store=s)
    session.submit("A")  # wrong
    session.submit("A")  # right
    assert s.missed_item_ids() == {"sku-included-storage"}
    assert s.seen_item_ids() == {"sku-included-storage", "struct-login-server"}
    clock.t += timedelta(minutes=15)
    assert "sku-included-storage" in due_items(s)
    r = readiness(s, BANK)
    assert r["acr.structure"] > 0 and r["acr.webhooks"] == 0
    s.close()


def test_lab_grade_schedules_related_items(tmp_path):
    s = open_store(tmp_path / "p.db", now=Clock())
    ids = record_lab_grade("lab-tokens", 1, 3, [
        {"id": "c1", "passed": True, "objective": "acr.sku"},
        {"id": "c2", "passed": False, "objective": "acr.auth.tokens"},
        {"id": "c3", "passed": False, "section": "3.4"},
    ], store=s)
    assert "auth-token-passwords" in ids and "task-cron-utc" in ids
    assert not any(BANK.get(i).objective == "acr.sku" for i in ids)
    assert set(ids) <= set(due_items(s))
    assert s.lab_grades()[0]["scenario_id"] == "lab-tokens"
    with pytest.raises(StoreError):
        s.record_lab_grade("x", 5, 3, [])


def test_export_import_round_trip_and_cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "a"))
    with open_store() as s:
        PracticeSession([BANK.get("sku-included-storage")], store=s).submit("C")
    out = tmp_path / "export.json"
    assert progress_main(["export", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["format"] == "acrlab-progress" and len(data["answers"]) == 1
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "b"))
    assert progress_main(["import", str(out)]) == 0
    assert progress_main(["import", str(out)]) == 0  # idempotent
    with open_store() as s:
        assert len(s.answers()) == 1 and len(s.cards()) == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    capsys.readouterr()
    assert progress_main(["import", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().out
    bad.write_text(json.dumps({"format": "other"}))
    assert progress_main(["import", str(bad)]) == 2
    assert progress_main(["import", str(tmp_path / "missing.json")]) == 2


def test_exam_report_saved_and_reloaded(tmp_path):
    from acrlab.quiz import Blueprint, ExamSession, build_form
    s = open_store(tmp_path / "p.db")
    form = build_form(BANK, Blueprint(type_quotas={"single": 3}), seed=1)
    ex = ExamSession(form, BANK, clock=lambda: 0.0)
    ex.answer("A")
    rid = s.save_exam_report(ex.finish())
    rep = s.load_exam_report(rid)
    assert rep.form.item_ids == form.item_ids and rep.possible == 3
    assert rep.items[0].response == "A"


WRITER = textwrap.dedent("""
    import sys, time
    from acrlab.progress import open_store
    s = open_store(sys.argv[1])
    n = 0
    while True:
        s.start_attempt("practice")
        n += 1
        print(n, flush=True)
        time.sleep(0.002)
""")


def test_killed_process_loses_nothing_committed(tmp_path):
    db = tmp_path / "p.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    committed = 0
    deadline = time.time() + 30
    while committed < 50 and time.time() < deadline:
        committed = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 50
    with open_store(db) as s:
        n = s.conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert n >= committed
