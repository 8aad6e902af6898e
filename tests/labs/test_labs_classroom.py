"""`acrlab class grade`: gradebook, feedback, Gradescope results, summary, junk, roster seeds, regrading."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from acrlab.labs.classroom import RosterError, grade_class, read_roster
from acrlab.labs.cli import class_main

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = "az acr create -n {reg} -g rg-fixture --sku Basic --tags team=secret-value-xyz\n"


@pytest.fixture(autouse=True)
def fixture_scenarios(monkeypatch):
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(FIXTURES))


@pytest.fixture
def klass(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    from acrlab.labs.variables import student_suffix

    (subs / "alice.sh").write_text(GOOD.format(reg=f"acrlabfixture{student_suffix(11)}"))
    (subs / "bob.txt").write_text("$ " + GOOD.format(reg=f"acrlabfixture{student_suffix(12)}") + "{ }\n")
    (subs / "carol").mkdir()
    (subs / "carol" / "answer.sh").write_text(GOOD.format(reg="acrlabfixture"))  # wrong: seed-0 name
    (subs / "dave.sh").write_bytes(b"\x00\x00garbage")
    (subs / "erin.sh").write_text("")
    (subs / "frank.sh").write_text(GOOD.format(reg=f"acrlabfixture{student_suffix(11)}"))  # copied alice
    (subs / "gina").mkdir()  # empty folder
    (subs / ".hidden.sh").write_text("ignored")
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,seed\nalice,11\nbob,12\ncarol,13\ndave,14\nerin,15\nfrank,16\ngina,17\nhank,18\n")
    return subs, roster, tmp_path


def test_class_outputs(klass):
    subs, roster, tmp = klass
    out = tmp / "out"
    summary = grade_class("fixture-basic", subs, out, roster, jobs=1)
    rows = {r["student_id"]: r for r in csv.DictReader(open(out / "gradebook.csv"))}
    assert set(rows) == {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank"}
    assert rows["alice"]["percent"] == "100" and rows["bob"]["percent"] == "100"
    assert rows["carol"]["percent"] == "0" and rows["frank"]["percent"] == "0"  # not their own names
    assert "binary" in rows["dave"]["error"] and rows["hank"]["error"] == "no submission"
    assert "no submission file" in rows["gina"]["error"]
    assert {"shown", "message", "hidden"} <= set(rows["alice"])
    assert rows["alice"]["shown"] == "2" and rows["alice"]["hidden"] == "3"
    fb = (out / "feedback" / "carol.md").read_text()
    assert "Score: 0/6" in fb and "secret-value-xyz" not in fb
    gs = json.loads((out / "gradescope" / "alice" / "results.json").read_text())
    assert gs["score"] == 6 and {t["visibility"] for t in gs["tests"]} == {"visible", "after_published"}
    assert all({"name", "score", "max_score", "output", "status"} <= set(t) for t in gs["tests"])
    s = json.loads((out / "summary.json").read_text())
    assert s["count"] == 8 and s["errors"] == 3 and s["checks"]["shown"]["pass_rate"] == 0.4
    assert ["alice", "frank"] in s["identical_transcripts"]
    assert s["median_percent"] == 0 and s["mean_percent"] == 25.0
    assert summary["full_marks"] == 2


def test_regrading_is_deterministic(klass):
    subs, roster, tmp = klass
    grade_class("fixture-basic", subs, tmp / "a", roster, jobs=1)
    grade_class("fixture-basic", subs, tmp / "b", roster, jobs=2)
    files = sorted(p.relative_to(tmp / "a") for p in (tmp / "a").rglob("*") if p.is_file())
    assert files
    for f in files:
        assert (tmp / "a" / f).read_bytes() == (tmp / "b" / f).read_bytes(), f


def test_parallel_grading_of_many(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(40):
        (subs / f"s{i:02d}.sh").write_text(GOOD.format(reg="acrlabfixture") if i % 2 else "az acr list\n")
    summary = grade_class("fixture-basic", subs, tmp_path / "out", None, jobs=2)
    assert summary["count"] == 40 and summary["full_marks"] == 20 and summary["mean_percent"] == 50


def test_roster_errors(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("name,whatever\nx,1\n")
    with pytest.raises(RosterError, match="student_id"):
        read_roster(bad)
    bad.write_text("student_id,seed\nx,abc\n")
    with pytest.raises(RosterError, match="not an integer"):
        read_roster(bad)


def test_class_cli(klass, capsys):
    subs, roster, tmp = klass
    assert class_main(["grade", "fixture-basic", str(subs), "--out", str(tmp / "o"), "--roster", str(roster)]) == 0
    assert "graded 8 submission(s)" in capsys.readouterr().out
    assert class_main(["grade", "fixture-basic", str(tmp / "nope"), "--out", str(tmp / "o")]) == 2
    assert class_main(["grade", "fixture-basic", str(subs), "--out", str(tmp / "o"), "--roster", str(tmp / "no.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not a directory" in err and "cannot read roster" in err
