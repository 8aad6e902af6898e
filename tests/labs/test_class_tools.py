"""The classroom's safety nets and tools: a pool that survives dead, stuck and memory-hungry submissions; regrading
stored submissions with a changed rubric; explaining one student's grade step by step; similar-submission
clusters with evidence; the grade/validate/lab command-line edges."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acrlab.labs import classroom, load_scenario, solution_text
from acrlab.labs.class_cli import class_main
from acrlab.labs.cli import grade_main, scenario_main
from acrlab.labs.collusion import clusters, normalise
from acrlab.labs.variables import student_suffix

FIXTURES = Path(__file__).parent / "fixtures"
SID = "fixture-class"


@pytest.fixture(autouse=True)
def fixture_scenarios(monkeypatch):
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(FIXTURES))


def _class(tmp_path: Path, n: int = 10) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(n):
        (subs / f"s{i:02d}.sh").write_text(solution_text(load_scenario(SID), 0) if i % 2 == 0 else "az acr list\n")
    return subs


def dying_worker(item):
    """Grades like the real worker, except that student s03's process is killed (as the OOM killer would)."""
    if item["student"] == "s03":
        os.kill(os.getpid(), signal.SIGKILL)
    if item["student"] == "s05":
        time.sleep(30)  # stuck past the hard limit
    return classroom.grade_item(item)


def test_pool_survives_a_killed_and_a_stuck_worker(tmp_path, monkeypatch):
    monkeypatch.setattr(classroom, "HARD_GRACE", 1.0)
    subs = _class(tmp_path)
    started = time.monotonic()
    summary = classroom.grade_class(SID, subs, tmp_path / "out", jobs=2, time_limit=1.0, worker=dying_worker)
    assert time.monotonic() - started < 25
    rows = {r["student_id"]: r for r in __import__("csv").DictReader(open(tmp_path / "out" / "gradebook.csv"))}
    assert len(rows) == summary["count"] == 10
    assert "died (SIGKILL)" in rows["s03"]["error"] and "out of memory" in rows["s03"]["error"]
    assert "time limit" in rows["s05"]["error"]
    assert rows["s00"]["percent"] == "100" and rows["s09"]["percent"] == "0" and not rows["s09"]["error"]
    assert (tmp_path / "out" / "feedback" / "s03.md").exists()


def test_memory_hungry_submission_is_stopped_and_the_class_finishes(tmp_path):
    subs = _class(tmp_path, 8)
    (subs / "s01.sh").write_text("x=aaaaaaaaaaaaaaaa\nwhile true; do x=$x$x; done\n"
                                 + solution_text(load_scenario(SID), 0))
    summary = classroom.grade_class(SID, subs, tmp_path / "out", jobs=2, time_limit=10, memory_mb=300)
    assert summary["count"] == 8
    report = json.loads((tmp_path / "out" / "results" / "s01.json").read_text())["report"]
    assert report["error"] or report["failures"], report  # stopped, and said so


def test_regrade_with_a_changed_rubric(tmp_path, capsys):
    subs = _class(tmp_path, 4)
    out = tmp_path / "out"
    assert class_main(["grade", SID, str(subs), "--out", str(out)]) == 0
    changed = tmp_path / "my-rubric.yaml"  # named as in the README: the teacher's copy needs no particular name
    changed.write_text((FIXTURES / f"{SID}.yaml").read_text().replace("        points: 2\n", "        points: 4\n", 1))
    (subs / "s00.sh").unlink()  # regrading needs only the stored submissions, not the class folder
    capsys.readouterr()
    assert class_main(["regrade", SID, str(out), "--scenario-file", str(changed)]) == 0
    text = capsys.readouterr().out
    assert "s00: 5 -> 7" in text and "s02: 5 -> 7" in text and "s01" not in text.split("changed")[1]
    gradebook = (out / "gradebook.csv").read_text()
    assert ",7,7,100," in gradebook
    assert class_main(["regrade", SID, str(tmp_path / "nothing")]) == 2
    other = tmp_path / "other.yaml"  # but it must still be the scenario the class was graded on
    other.write_text(changed.read_text().replace(f"id: {SID}\n", "id: something-else\n"))
    capsys.readouterr()
    assert class_main(["regrade", SID, str(out), "--scenario-file", str(other)]) == 2
    assert f"this file is scenario 'something-else', not '{SID}'" in capsys.readouterr().err


def test_explain_shows_each_step_and_what_it_earned(tmp_path, capsys):
    subs = _class(tmp_path, 2)
    out = tmp_path / "out"
    class_main(["grade", SID, str(subs), "--out", str(out)])
    capsys.readouterr()
    assert class_main(["explain", SID, str(out), "s00"]) == 0
    text = capsys.readouterr().out
    assert "step 1: $ az acr create -n acrlabclass" in text
    assert "+ now passes: 'acrlabclass is Basic' (+2)" in text and "+ now passes: a hidden check" in text
    assert "Hidden:" not in text and "after 3 command(s): 5/5 points" in text


def test_explain_piped_into_head_ends_quietly(tmp_path, capsys, monkeypatch):
    subs = _class(tmp_path, 1)
    out = tmp_path / "out"
    class_main(["grade", SID, str(subs), "--out", str(out)])
    capsys.readouterr()

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    from acrlab.cli import main

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main(["class", "explain", SID, str(out), "s00"]) == 0
    assert "cannot write results" not in capsys.readouterr().err
    assert class_main(["explain", SID, str(out), "nobody"]) == 2


def test_similar_submissions_are_clustered_with_evidence():
    scenario = load_scenario(SID)
    mine = {"registry": f"acrlabclass{student_suffix(1)}", "rg": "rg-class"}
    theirs = {"registry": f"acrlabclass{student_suffix(2)}", "rg": "rg-class"}
    other = {"registry": f"acrlabclass{student_suffix(3)}", "rg": "rg-class"}
    copied = ("REG={r}\naz acr create -n $REG -g rg-class --sku Basic --admin-enabled false -o none\n"
              "az acr update -n $REG --tags team=blue owner=me -o none\naz acr delete -n {r}old --yes\n")
    renamed = copied.replace("REG", "MY_REGISTRY")
    texts = {"s1": copied.format(r=mine["registry"]), "s2": renamed.format(r=theirs["registry"]),
             "s3": solution_text(scenario, 3), "s4": copied.format(r=mine["registry"])}
    values = {"s1": mine, "s2": theirs, "s3": other, "s4": {"registry": f"acrlabclass{student_suffix(4)}",
                                                            "rg": "rg-class"}}
    lines = {s: normalise(t, values[s]) for s, t in texts.items()}
    assert lines["s1"] == lines["s2"]  # variable names and the students' own names do not hide a copy
    found = clusters(lines, set(normalise(scenario.solution.bash, {})), texts, values)
    assert len(found) == 1 and found[0]["students"] == ["s1", "s2", "s4"]
    evidence = "\n".join(found[0]["evidence"])
    assert f"s4's submission uses s1's registry {mine['registry']}" in evidence
    assert "owner=me" in evidence


def test_grade_a_directory_or_standard_input(tmp_path, capsys):
    assert grade_main([SID, str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    env = dict(os.environ, ACRLAB_SCENARIO_PATH=str(FIXTURES))
    r = subprocess.run([sys.executable, "-m", "acrlab", "grade", SID, "/dev/stdin"], input=solution_text(
        load_scenario(SID), 0), capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "5/5 points (100%)" in r.stdout, r.stderr


def test_validate_reads_devices_with_a_bound_and_reports_everything(tmp_path, capsys):
    started = time.monotonic()
    assert scenario_main(["validate", "/dev/zero"]) == 1
    assert time.monotonic() - started < 5 and "larger than" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: [1]\nconcepts: [no-such-concept]\ndifficulty: hard\nnarrative: '{{nope}}'\n")
    assert scenario_main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    for text in ("title", "difficulty: Input should be 'beginner'", "unknown variable {{ nope }}",
                 "unknown concept 'no-such-concept'; valid concepts: ", "create-cli", "tasks: Field required"):
        assert text in out, text


def test_an_invalid_scenario_on_the_path_is_reported(tmp_path, monkeypatch, capsys):
    (tmp_path / "broken-one.yaml").write_text("id: broken-one\ntitle: x\n")
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", f"{FIXTURES}{os.pathsep}{tmp_path}{os.pathsep}{tmp_path / 'missing'}")
    assert scenario_main(["list"]) == 0
    err = capsys.readouterr().err
    assert "broken-one.yaml is not listed because it is invalid" in err and "missing is not a directory" in err


def test_plain_lab_export_is_bash_and_save_writes_a_script_that_regrades_the_same(tmp_path):
    from acrlab.labs import grade
    from acrlab.labs.play import play

    class Terminal(io.StringIO):
        def isatty(self):  # a person at a terminal: az asks its y/n question
            return True

    script = tmp_path / "session.sh"
    stdin = Terminal(
        "export FOO=bar\necho \"foo is $FOO\"\n"
        "az acr create -n acrlabclass -g rg-class --sku Basic --tags team=blue -o none\n"
        "az acr delete -n acrlabclassold\ny\n"
        "check\n"
        f"export {script}\n"
        f"save {script}\nn\n"
        "quit\n")
    out = io.StringIO()
    assert play(SID, 0, stdin=stdin, out=out) == 0
    text = out.getvalue()
    assert "foo is bar" in text and "5/5 points (100%)" in text
    assert "exists. Overwrite it? [y/N]" in text and "not saved" in text
    saved = script.read_text()
    assert "az acr delete -n acrlabclassold --yes" in saved and "export FOO=bar" in saved
    assert grade(SID, script).percent == 100
