"""The grader at the front door: submission kinds, visibility, limits, junk, the CLI and the play loop."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from acrlab.labs import LabSession, SubmissionError, grade, load_scenario, solution_text
from acrlab.labs.cli import grade_main, lab_main, scenario_main
from acrlab.labs.submission import MAX_BYTES, strip_transcript

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = "az acr create -n acrlabfixture -g rg-fixture --sku Basic --tags team=secret-value-xyz\n"


@pytest.fixture(autouse=True)
def fixture_scenarios(monkeypatch):
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(FIXTURES))


def test_full_partial_and_empty():
    assert grade("fixture-basic", GOOD).percent == 100
    assert grade("fixture-basic", "").score == 0
    r = grade("fixture-basic", "az acr create -n acrlabfixture -g rg-fixture --sku Standard --admin-enabled true")
    assert r.score == 0 and r.max_score == 6
    by = {c.id: c for c in r.checks}
    assert "expected: sku.name = Basic" in by["shown"].feedback and "actual:   sku.name = Standard" in by["shown"].feedback
    assert by["message"].feedback == "Keep the admin user off."


def test_hidden_check_never_leaks_its_expected_value():
    r = grade("fixture-basic", "az acr create -n acrlabfixture -g rg-fixture --sku Basic --tags team=wrong")
    hidden = next(c for c in r.checks if c.id == "hidden")
    assert not hidden.passed and hidden.max_points == 3
    outputs = [json.dumps(r.to_dict()), r.to_text(explanation=False), r.to_markdown("s1"), json.dumps(r.gradescope())]
    for out in outputs:
        assert "secret-value-xyz" not in out
    assert r.score == 3  # shown (2) + message (1) pass; hidden counts 0 of 3


def test_requires_blocks_points_until_the_prerequisite_passes():
    r = grade("fixture-basic", "az acr create -n acrlabfixture -g rg-fixture --sku Standard")
    message = next(c for c in r.checks if c.id == "message")
    assert not message.passed


def test_json_report_shape():
    d = grade("fixture-basic", GOOD).to_dict()
    assert {"scenario", "score", "max_score", "percent", "checks"} <= set(d)
    assert {"id", "title", "passed", "points", "max_points", "feedback"} <= set(d["checks"][0])


def test_transcript_prompts_and_output_are_stripped():
    transcript = ("$ az group list -o table\nName    Location\n------  --------\n"
                  "$ az acr create -n acrlabfixture -g rg-fixture \\\n> --sku Basic --tags team=secret-value-xyz\n"
                  "{\n  \"name\": \"acrlabfixture\"\n}\n")
    assert "Name    Location" not in strip_transcript(transcript)
    assert grade("fixture-basic", transcript).percent == 100


def test_failing_commands_do_not_stop_grading():
    r = grade("fixture-basic", "az acr nosuchcommand\nfalse\n" + GOOD)
    assert r.percent == 100 and r.commands_failed == 2 and r.commands_run == 3


def test_seeded_student_gets_own_names(tmp_path):
    s = load_scenario("fixture-basic")
    text = solution_text(s, 5)
    assert "acrlabfixture4323 " in text and "-g rg-fixture " in text
    assert grade("fixture-basic", text, seed=5).percent == 100
    assert grade("fixture-basic", GOOD, seed=5).score == 0


def test_tui_session_export_round_trip(tmp_path):
    ls = LabSession("fixture-basic", seed=3)
    ls.run(solution_text(ls.raw, 3))
    live = ls.check()
    export = tmp_path / "session.json"
    export.write_text(json.dumps(ls.export_session()))
    replayed = grade("fixture-basic", export, seed=None)
    assert replayed.seed == 3 and replayed.percent == live.percent == 100


def test_lab_session_hints_escalate_and_reset():
    ls = LabSession("fixture-basic")
    assert [ls.hint(), ls.hint(), ls.hint(), ls.hint()] == ["first hint", "second hint", "third hint", None]
    ls.run(GOOD)
    assert ls.check().percent == 100
    ls.reset()
    assert ls.check().score == 0 and ls.export_session()["commands"] == []


@pytest.mark.parametrize("content,err", [
    (b"\x00\x01binary", "binary"),
    (b"\xff\xfe\xfa not utf8", "UTF-8"),
])
def test_unreadable_submissions_are_clear_errors(tmp_path, content, err, capsys):
    f = tmp_path / "junk.sh"
    f.write_bytes(content)
    with pytest.raises(SubmissionError, match=err):
        grade("fixture-basic", f)
    assert grade_main(["fixture-basic", str(f)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_size_limit(tmp_path):
    f = tmp_path / "big.sh"
    f.write_text("echo hi\n" * (MAX_BYTES // 8 + 10))
    with pytest.raises(SubmissionError, match="limit"):
        grade("fixture-basic", f)


def test_json_that_is_neither_arm_nor_export(tmp_path, capsys):
    f = tmp_path / "x.json"
    f.write_text('{"hello": 1}')
    assert grade_main(["fixture-basic", str(f)]) == 2
    assert "neither an ARM template" in capsys.readouterr().err


def test_time_limit_grades_the_state_reached(monkeypatch):
    """A fake clock (10 ms per look) makes the limit bite after a handful of commands, however fast the shell; the
    replay stops at its share of the budget and the checks still judge the state reached."""
    import itertools
    import signal

    from acrlab.labs import budget

    ticks = itertools.count()
    monkeypatch.setattr(budget.time, "monotonic", lambda: next(ticks) * 0.01)
    monkeypatch.delattr(signal, "setitimer")  # judged between commands, on the fake clock
    r = grade("fixture-basic", GOOD + "az acr show -n acrlabfixture -o none\n" * 1900, time_limit=1.0)
    assert r.percent == 100, r.to_text()
    assert any("time limit" in w for w in r.warnings), r.warnings
    assert r.commands_run < 1901


def test_time_limit_covers_evaluation(monkeypatch):
    """The budget covers judging too: with no time left, the checks are reported as not evaluated (never passed)."""
    import itertools
    import signal

    from acrlab.labs import budget

    ticks = itertools.count()
    monkeypatch.setattr(budget.time, "monotonic", lambda: next(ticks) * 0.5)
    monkeypatch.delattr(signal, "setitimer")
    r = grade("fixture-basic", GOOD, time_limit=1.0)
    assert r.score < r.max_score
    assert any("not evaluated" in c.feedback for c in r.checks if not c.passed), r.to_text()
    assert any("while judging" in w for w in r.warnings), r.warnings


def test_command_count_limit():
    with pytest.raises(SubmissionError, match="over the limit"):
        grade("fixture-basic", "true\n" * 2500)


def test_cli_grade_formats(tmp_path, capsys):
    f = tmp_path / "answer.sh"
    f.write_text(GOOD)
    assert grade_main(["fixture-basic", str(f), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["percent"] == 100
    assert grade_main(["fixture-basic", str(f)]) == 0
    assert "6/6 points (100%)" in capsys.readouterr().out
    assert grade_main(["no-such-scenario", str(f)]) == 2
    assert "no scenario" in capsys.readouterr().err


def test_scenario_cli_list_show_validate(tmp_path, capsys):
    assert scenario_main(["list"]) == 0
    assert "fixture-basic" in capsys.readouterr().out
    assert scenario_main(["show", "fixture-basic", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "acrlabfixture" in out and "Team tag" not in out  # hidden checks are not listed
    assert scenario_main(["validate"]) == 0


def test_validate_reports_file_field_and_line(tmp_path, capsys):
    bad = tmp_path / "broken.yaml"
    text = (FIXTURES / "fixture-basic.yaml").read_text().replace("id: fixture-basic", "id: broken")
    text = text.replace("        points: 3\n", "        points: lots\n").replace("kind: registry\n        title: Admin off",
                                                                              "kind: registryy\n        title: Admin off")
    bad.write_text(text)
    assert scenario_main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    lines = text.splitlines()
    points_line = next(i for i, ln in enumerate(lines, 1) if "points: lots" in ln)
    assert f"broken.yaml:{points_line}: tasks[0].checks[2].points" in out
    assert "tasks[0].checks[1]" in out and "registryy" in out
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("id: syntax\ntitle: [unclosed\n")
    assert scenario_main(["validate", str(syntax)]) == 1
    assert "syntax.yaml:" in capsys.readouterr().out


def test_unknown_variable_is_reported(tmp_path, capsys):
    bad = tmp_path / "vars.yaml"
    text = (FIXTURES / "fixture-basic.yaml").read_text().replace("id: fixture-basic", "id: vars")
    bad.write_text(text.replace("in {{rg}} with", "in {{regoin}} with"))
    assert scenario_main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    line = next(i for i, ln in enumerate(bad.read_text().splitlines(), 1) if ln.startswith("narrative:"))
    assert f"vars.yaml:{line}: narrative: unknown variable {{{{ regoin }}}}" in out


def test_play_plain(monkeypatch, capsys):
    stdin = io.StringIO("hint\ncheck\n" + GOOD + "check\nsolution\nreset\ncheck\nquit\n")
    out = io.StringIO()
    from acrlab.labs.play import play

    assert play("fixture-basic", 0, stdin=stdin, out=out) == 0
    text = out.getvalue()
    assert "Hint 1/3: first hint" in text and "0/6 points" in text and "6/6 points (100%)" in text
    assert "az acr create -n acrlabfixture" in text and "back to its initial state" in text


def test_lab_main_falls_back_to_plain_without_the_app(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    import sys

    monkeypatch.setitem(sys.modules, "acrlab.tui.launch", None)
    assert lab_main(["fixture-basic"]) == 0
    assert "plain terminal" in capsys.readouterr().err


ARM = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{
        "type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acrlabfixture",
        "location": "brazilsouth", "sku": {"name": "Basic"}, "tags": {"team": "secret-value-xyz"},
        "properties": {"adminUserEnabled": False},
    }],
}
BICEP = """resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrlabfixture'
  location: resourceGroup().location
  sku: {
    name: 'Basic'
  }
  tags: {
    team: 'secret-value-xyz'
  }
  properties: {
    adminUserEnabled: false
  }
}
"""
PWSH = ('New-AzContainerRegistry -ResourceGroupName "rg-fixture" -Name "acrlabfixture" -Sku "Basic" '
        '-Location "brazilsouth" -Tag @{team="secret-value-xyz"}\n')


@pytest.mark.parametrize("name,content,kind", [
    ("main.bicep", BICEP, "bicep"), ("azuredeploy.json", json.dumps(ARM), "arm"), ("answer.ps1", PWSH, "pwsh")])
def test_bicep_arm_and_powershell_submissions(tmp_path, name, content, kind):
    f = tmp_path / name
    f.write_text(content)
    r = grade("fixture-basic", f)
    assert r.submission_kind == kind
    assert r.percent == 100, (r.warnings, r.error, [(c.id, c.feedback) for c in r.checks if not c.passed])


def test_failed_deployment_is_reported(tmp_path):
    f = tmp_path / "main.bicep"
    f.write_text("resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'x'\n")
    r = grade("fixture-basic", f)
    assert r.score == 0 and any("deployment failed" in w for w in r.warnings)


def test_a_failed_script_is_labelled_as_a_script_not_as_its_first_line():
    """A PowerShell submission runs as one script: its failure names the script's length, so feedback never pins
    an error raised on line 3 on the first line (found grading a class folder by hand)."""
    from acrlab.labs.report import first_line

    assert first_line("az acr login -n r") == "az acr login -n r"
    script = "tar -czf c.tar.gz -C . .\n$u = Get-AzContainerRegistryBuildSourceUploadUrl\nInvoke-RestMethod -Uri $u\n"
    assert first_line(script) == "tar -czf c.tar.gz -C . . … (a script of 3 lines)"
    assert first_line("x" * 200).endswith("...") and len(first_line("x" * 200)) == 120
