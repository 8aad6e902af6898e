"""What a command wrote before it stopped stands, on screen too (issue 12: output is capped as it is produced
and a cut is always reported): PowerShell loops keep the output of the iterations already run when `return`,
`throw`, `exit` or the lab's budget ends them; stderr is capped at the session's output budget like stdout; the
lab's stop message starts on a line of its own."""

import pytest

from acrlab import Lab
from acrlab.engine.budget import EXIT_BUDGET, Limits


# PowerShell writes each statement's output as it runs: "the results of each statement are returned as output,
# even without a statement that contains the Return keyword" (MicrosoftDocs/PowerShell-Docs,
# reference/6/Microsoft.PowerShell.Core/About/about_Return.md); a loop ended early keeps what it wrote.
@pytest.mark.parametrize("text,code,stdout", [
    ("function f { foreach ($i in 1..3) { $i; if ($i -eq 2) { return } } }; f", 0, "1\n2\n"),
    ("function g { $i = 0; while ($true) { $i++; $i; if ($i -ge 2) { return } } }; g", 0, "1\n2\n"),
    ("foreach ($i in 1..3) { $i; if ($i -eq 2) { exit 3 } }", 3, "1\n2\n"),
    ("for ($i = 0; $i -lt 5; $i++) { $i; if ($i -eq 1) { exit 4 } }", 4, "0\n1\n"),
    ("try { foreach ($i in 1..3) { $i; if ($i -eq 2) { throw 'boom' } } } catch { 'caught' }", 0, "1\n2\ncaught\n"),
    ("$x = foreach ($i in 1..3) { $i; if ($i -eq 2) { break } }; $x.Count", 0, "2\n"),
])
def test_a_loop_ended_early_keeps_what_it_wrote(text, code, stdout):
    r = Lab().run(text, shell="pwsh")
    assert (r.exit_code, r.stdout) == (code, stdout), r.stderr


def test_a_thrown_error_in_a_loop_keeps_the_earlier_output():
    r = Lab().run("foreach ($i in 1..3) { $i; if ($i -eq 2) { throw 'boom' } }", shell="pwsh")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "1\n2\n", "Exception: boom\n")


def test_output_written_before_a_budget_stop_is_shown():
    r = Lab(limits=Limits(seconds=30, steps=5000)).run("foreach ($i in 1..100000) { $i }", shell="pwsh")
    assert r.exit_code == EXIT_BUDGET and "step budget (5,000 steps" in r.stderr
    lines = r.stdout.splitlines()
    assert lines[:3] == ["1", "2", "3"] and len(lines) > 1000 and lines == [str(n) for n in range(1, len(lines) + 1)]


@pytest.mark.parametrize("shell,text", [
    ("pwsh", 'while ($true) { Write-Error "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }'),
    ("pwsh", 'while ($true) { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }'),
    ("bash", "while :; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >&2; done"),
])
def test_both_streams_are_capped_at_the_sessions_budget_and_the_cut_is_said_on_its_own_line(shell, text):
    lab = Lab(limits=Limits(seconds=20, output_mb=0.1, steps=10**9))
    r = lab.run(text, shell=shell)
    stream = "stderr" if "Error" in text or ">&2" in text else "stdout"
    assert r.exit_code == EXIT_BUDGET
    message = ("acrlab: the command was stopped because its output passed the output budget (0.1 MB): more than "
               f"0.1 MB on {stream}; what it did before that stands.\n")
    assert r.stderr.endswith("\n" + message), r.stderr[-300:]
    written = r.stdout if stream == "stdout" else r.stderr[:-len(message)]
    cap = lab.limits.output_bytes
    assert cap <= len(written) <= cap + 1  # kept up to the cap (then the line break before the note, on stderr)
