"""A class folder built like the ones teachers really receive, graded end to end: nested folders, several
candidate files, README and notes, Windows encodings, symlinks out of the folder and in loops, a FIFO, a dangling
link, formula-like and colliding student ids, a roster that does not match the folder."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest

from acrlab.labs import load_scenario, solution_text
from acrlab.labs.class_cli import OUTPUTS, class_main
from acrlab.labs.class_outputs import file_names, inert
from acrlab.labs.classroom import grade_class, regrade_class
from acrlab.labs.variables import student_suffix

FIXTURES = Path(__file__).parent / "fixtures"
SID = "fixture-class"


@pytest.fixture(autouse=True)
def fixture_scenarios(monkeypatch):
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(FIXTURES))


def solution(seed: int) -> str:
    return solution_text(load_scenario(SID), seed)


def _touch_old(path: Path, age: float = 3600) -> None:
    t = time.time() - age
    os.utime(path, (t, t))


@pytest.fixture
def real_class(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    # alice: nested deep in her folder, next to notes
    deep = subs / "alice" / "week3" / "lab"
    deep.mkdir(parents=True)
    (deep / "answer.sh").write_text(solution(11))
    (subs / "alice" / "README.md").write_text("# my notes\naz acr delete -n everything\n")
    (subs / "alice" / "notes.txt").write_text("remember --yes\n")
    (subs / "alice" / "__MACOSX").mkdir()
    (subs / "alice" / "__MACOSX" / "._answer.sh").write_bytes(b"\x00\x05\x16\x07junk")
    # bob: two attempts; the newest is the one he meant
    (subs / "bob").mkdir()
    (subs / "bob" / "attempt1.sh").write_text("az acr create -n wrong -g rg-class --sku Premium\n")
    _touch_old(subs / "bob" / "attempt1.sh")
    (subs / "bob" / "final.sh").write_text(solution(12))
    # carol: Windows PowerShell 5.1 (UTF-16 LE with BOM, CRLF)
    reg = f"acrlabclass{student_suffix(13)}"
    ps = (f'New-AzContainerRegistry -ResourceGroupName rg-class -Name {reg} -Sku Basic -Location brazilsouth '
          f'-Tag @{{team="blue"}}\r\naz acr delete -n {reg}old --yes\r\n')
    (subs / "carol.ps1").write_bytes(b"\xff\xfe" + ps.encode("utf-16-le"))
    # dave: UTF-8 with BOM and CRLF; erin: Windows-1252 with an accented comment
    (subs / "dave.sh").write_bytes(b"\xef\xbb\xbf" + solution(14).replace("\n", "\r\n").encode())
    (subs / "erin.txt").write_bytes(("# caf\u00e9 \u2013 r\u00e9sum\u00e9\n" + solution(15)).encode("cp1252"))
    # junk a teacher finds in a real folder
    os.symlink("/etc/passwd", subs / "frank.sh")                       # out of the folder
    os.symlink(subs / "nowhere.sh", subs / "gina.sh")                  # dangling
    os.mkfifo(subs / "hank.sh")                                        # would block a reader forever
    (subs / "ivan").mkdir()
    (subs / "ivan" / "answer.sh").write_text(solution(0))
    os.symlink(subs / "ivan", subs / "ivan" / "loop")                  # a loop
    os.symlink("/etc/hostname", subs / "ivan" / "stolen.sh")          # out of the folder, inside a folder
    (subs / "=cmd|' -C calc'!A0.sh").write_text("az acr list\n")        # a formula as a student id
    (subs / "José.sh").write_text("az acr list\n")
    (subs / "Jos_.sh").write_text("az acr list\n")
    (subs / "a b.sh").write_text("az acr list\n")
    (subs / "a_b.sh").write_text("az acr list\n")
    (subs / "README.txt").write_text("Lab 3 submissions, downloaded from the LMS\n")
    (subs / ".DS_Store").write_bytes(b"\x00\x00")
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,seed,Student,Email\nalice,11,Alice A,alice@school.edu\nbob,12,Bob B,bob@school.edu\n"
                      "carol,13,Carol C,carol@school.edu\ndave,14,,\nerin,15,,\nkate,20,Kate K,kate@school.edu\n")
    return subs, roster, tmp_path


def test_real_class_end_to_end(real_class, capsys):
    subs, roster, tmp = real_class
    out = tmp / "out"
    assert class_main(["grade", SID, str(subs), "--out", str(out), "--roster", str(roster), "--jobs", "1"]) == 0
    console = capsys.readouterr().out
    assert f"wrote {out}/{{gradebook.csv, " in console  # the folder as typed, then its files
    for name in OUTPUTS.split(", "):  # every folder and file the console names was written
        assert (out / name.rstrip("/")).exists(), name
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    graded = {s: rows[s]["percent"] for s in ("alice", "bob", "carol", "dave", "erin", "ivan")}
    assert graded == {"alice": "100", "bob": "100", "carol": "100", "dave": "100", "erin": "100", "ivan": "100"}, rows
    assert rows["alice"]["file"] == "alice/week3/lab/answer.sh" and rows["bob"]["file"] == "bob/final.sh"
    assert "outside the submissions folder" in rows["frank"]["error"]
    assert "dangling" in rows["gina"]["error"] and "FIFO" in rows["hank"]["error"]
    assert rows["kate"]["error"] == "no submission" and rows["kate"]["roster"] == "listed"
    assert rows["ivan"]["roster"] == "not in roster" and "README" not in rows and ".DS_Store" not in rows
    assert "'=cmd|' -C calc'!A0" in rows  # the formula cell is made inert
    assert {"José", "Jos_", "a b", "a_b"} <= set(rows)
    feedback = sorted(p.name for p in (out / "feedback").iterdir())
    assert len(feedback) == len(rows) == len(set(feedback))
    # feedback says what happened and which file, with the student's names and never a placeholder
    bob = (out / "feedback" / "bob.md").read_text()
    assert "bob/final.sh" in bob and "attempt1.sh" in bob and f"acrlabclass{student_suffix(12)}" in bob
    assert "UTF-16" in (out / "feedback" / "carol.md").read_text()
    assert "CRLF" in (out / "feedback" / "dave.md").read_text()
    assert "Windows-1252" in (out / "feedback" / "erin.md").read_text()
    assert "stolen.sh" in (out / "feedback" / "ivan.md").read_text()
    for path in out.rglob("*"):
        if path.is_file():
            assert "{{" not in path.read_text(encoding="utf-8"), path
    summary = json.loads((out / "summary.json").read_text())
    notes = "\n".join(summary["notes"])
    assert "not in the roster" in notes and "ivan" in notes and "without a submission: kate" in notes
    assert "note: not in the roster" in console
    canvas = list(csv.reader(open(out / "canvas.csv", encoding="utf-8")))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][-1] == "5"
    assert ["Alice A", "", "", "alice", "", "5"] in [r[:5] + [r[-1]] for r in canvas]
    moodle = {r["Identifier"]: r for r in csv.DictReader(open(out / "moodle.csv", encoding="utf-8"))}
    assert moodle["alice"]["Email address"] == "alice@school.edu" and moodle["alice"]["Grade"] == "5"
    html = (out / "report.html").read_text()
    assert "<svg" in html and "=cmd|&#x27; -C calc&#x27;!A0" in html and "<script" not in html


def test_regrading_is_byte_identical(real_class):
    subs, roster, tmp = real_class
    grade_class(SID, subs, tmp / "a", roster, jobs=1)
    grade_class(SID, subs, tmp / "b", roster, jobs=2)
    files = sorted(p.relative_to(tmp / "a") for p in (tmp / "a").rglob("*") if p.is_file())
    assert files
    for f in files:
        assert (tmp / "a" / f).read_bytes() == (tmp / "b" / f).read_bytes(), f
    # and: regrading with an unchanged rubric rewrites the same files, roster columns (Canvas and Moodle
    # identities, 'listed' / 'not in roster', the roster notes) included, though no roster is given again
    regrade_class(SID, tmp / "b", jobs=1)
    for f in files:
        assert (tmp / "a" / f).read_bytes() == (tmp / "b" / f).read_bytes(), f


def test_file_names_never_collide():
    ids = ["a b", "a_b", "José", "Jos_", "Alice", "alice", "../etc/passwd", "x" * 300, "=1+1", ".hidden"]
    names = file_names(ids)
    assert len({n.lower() for n in names.values()}) == len(ids)
    assert names["a_b"] == "a_b" and names["Jos_"] == "Jos_"
    assert all("/" not in n and not n.startswith(".") and len(n) <= 80 for n in names.values())


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_inert(cell):
    assert inert(cell) == "'" + cell
    assert inert("alice") == "alice"


def test_names_are_escaped_in_markdown():
    from acrlab.labs import grade

    report = grade(SID, "az acr list", seed=0)
    md = report.to_markdown("<img src=x onerror=alert(1)>|*bold*")
    assert "<img" not in md and "&lt;img" in md and "\\|" in md and "\\*bold\\*" in md
