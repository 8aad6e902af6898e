"""Every command runs under a time, step, memory and output budget and can be interrupted (issue 12):
it stops with a clear message and a non-zero exit code, never hangs, and what it did before stands."""

import threading
import time

import pytest

from acrlab import Lab
from acrlab.engine.budget import EXIT_BUDGET, EXIT_INTERRUPTED, BudgetExceeded, Limits

FORK_BOMB = "f() { f & f; }; f"


def small(**kw) -> Lab:
    return Lab(limits=Limits(**{"seconds": 2.0, **kw}))


def test_the_fork_bomb_stops_on_its_time_budget():
    lab = small()
    t = time.monotonic()
    r = lab.run(FORK_BOMB)
    assert time.monotonic() - t < 8
    assert r.exit_code == EXIT_BUDGET
    assert "stopped because it ran longer than its time budget (2 s)" in r.stderr
    assert lab.run("echo still here").stdout == "still here\n"


def test_a_step_budget_stops_nested_loops_deterministically():
    lab = small(seconds=30, steps=3000)
    r = lab.run("for i in $(seq 1 100); do for j in $(seq 1 100); do :; done; done; echo done")
    assert r.exit_code == EXIT_BUDGET and "done" not in r.stdout
    assert "step budget (3,000 steps" in r.stderr


def test_pwsh_loops_count_against_the_step_budget():
    lab = small(seconds=30, steps=2000)
    r = lab.run("foreach ($i in 1..5000) { $x = $i }", shell="pwsh")
    assert r.exit_code == EXIT_BUDGET and "step budget" in r.stderr


def test_pwsh_foreach_honours_the_loop_limit():
    r = Lab().run("foreach ($i in 1..1000000) { }", shell="pwsh")
    assert r.exit_code == 1 and "The loop ran more than 100000 times" in r.stderr


def test_a_doubling_variable_is_stopped_before_it_eats_memory():
    lab = small(seconds=30, output_mb=1)
    t = time.monotonic()
    r = lab.run("x=a; while :; do x=$x$x; done")
    assert time.monotonic() - t < 5
    assert r.exit_code == EXIT_BUDGET and "memory budget" in r.stderr and "the value of x" in r.stderr


def test_one_huge_allocation_is_refused_up_front():
    lab = small()
    r = lab.run("printf '%*s' 3000000000 x")
    assert r.exit_code == EXIT_BUDGET and "printf field width would be 3,000,000,000 characters" in r.stderr
    r = lab.run("'a' * 1e10", shell="pwsh")
    assert r.exit_code == EXIT_BUDGET and "repeated string" in r.stderr


@pytest.mark.parametrize("redirect,stream", [("", "stdout"), (" >&2", "stderr")])
def test_output_is_capped_as_it_is_produced_and_the_cut_is_reported(redirect, stream):
    lab = small(output_mb=0.25)
    r = lab.run(f"seq 1 1000000{redirect}")
    assert r.exit_code == EXIT_BUDGET
    written = r.stdout if stream == "stdout" else r.stderr
    assert len(written) <= 0.25 * 2**20 + 300
    assert f"its output passed the output budget (0.25 MB): more than 0.25 MB on {stream}" in r.stderr


def test_a_json_document_cut_by_the_cap_never_exits_zero(lab):
    """Issue 19: list-metadata at the old 2 MB cap printed invalid JSON with exit 0."""
    setup = ["az group create -n rg -l eastus -o none", "az acr create -n cutaskacr1 -g rg --sku Basic -o none"]
    setup += [f"az acr import -n cutaskacr1 --source docker.io/library/nginx:1.27 -t web:v{i} -o none" for i in range(3)]
    assert lab.run("\n".join(setup)).exit_code == 0
    whole = lab.run("az acr manifest list-metadata -r cutaskacr1 -n web")
    assert whole.exit_code == 0 and whole.json()
    lab.limits = Limits(output_mb=len(whole.stdout) / 2 / 2**20)
    cut = lab.run("az acr manifest list-metadata -r cutaskacr1 -n web")
    assert cut.exit_code == EXIT_BUDGET and "output budget" in cut.stderr
    with pytest.raises(ValueError):
        cut.json()


def test_a_file_written_in_a_loop_is_capped():
    lab = small(output_mb=0.01)
    r = lab.run("for i in $(seq 1 2000); do echo 0123456789 >> big.txt; done")
    assert r.exit_code == EXIT_BUDGET and "the file /home/learner/big.txt would grow past" in r.stderr
    assert len(lab.read_file("big.txt")) <= 0.01 * 2**20


def test_interrupt_from_another_thread_stops_the_running_command():
    lab = Lab(limits=Limits(seconds=60))
    results = []
    worker = threading.Thread(target=lambda: results.append(lab.run(FORK_BOMB)))
    worker.start()
    time.sleep(0.3)
    assert lab.interrupt() is True
    worker.join(10)
    assert not worker.is_alive()
    assert results[0].exit_code == EXIT_INTERRUPTED and "^C" in results[0].stderr
    assert lab.interrupt() is False  # nothing running now
    assert lab.run("echo ok").exit_code == 0  # the next command is not affected


def test_interrupt_reaches_pwsh_and_sessions():
    lab = Lab(limits=Limits(seconds=60))
    other = lab.new_session()
    results = []
    script = "foreach ($a in 1..9999) { foreach ($b in 1..9999) { $x = $a } }"
    worker = threading.Thread(target=lambda: results.append(other.run("pwsh -c '" + script + "'")))
    worker.start()
    time.sleep(0.3)
    assert other.interrupt() is True
    worker.join(10)
    assert results and results[0][0] == EXIT_INTERRUPTED


def test_a_runaway_regular_expression_in_grep_is_stopped():
    """Catastrophic backtracking in Python's re holds the interpreter; the main-thread alarm still ends it."""
    lab = small(seconds=1)
    t = time.monotonic()
    r = lab.run("echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab | grep -E '(a+)+$'")
    assert time.monotonic() - t < 10
    assert r.exit_code in (1, EXIT_BUDGET)


def test_pwsh_match_has_no_catastrophic_backtracking():
    r = small().run("'" + "a" * 40 + "b' -match '^(a+)+$'", shell="pwsh")
    assert r.exit_code == 0 and r.stdout == "False\n"


def test_lab_advance_runs_under_the_budget():
    lab = Lab(limits=Limits(seconds=30, steps=50))
    lab.run("az group create -n rg -l eastus -o none; az acr create -n taskacr1 -g rg --sku Basic -o none")
    lab.run('az acr task create -n t -r taskacr1 --cmd "echo hi" --schedule "*/1 * * * *" -c /dev/null -o none')
    with pytest.raises(BudgetExceeded, match="step budget"):
        lab.advance("1d")


def test_exit_codes_are_one_byte():
    lab = Lab()
    assert lab.run("exit 300").exit_code == 44
    assert lab.run("exit -1").exit_code == 255
    assert lab.run("f() { return 300; }; f; echo $?").stdout == "44\n"
    assert lab.run("exit 300", shell="pwsh").exit_code == 44
    assert lab.run("exit -1", shell="pwsh").exit_code == 255
    r = lab.run("exit abc")
    assert r.exit_code == 2 and "bash: exit: abc: numeric argument required" in r.stderr


def test_a_stop_landing_as_a_command_ends_leaks_nothing(monkeypatch):
    """The alarm handler (or the watchdog's forced stop) can land while a command's budget is being closed. The
    command then reports the stop; its meter must not stay current, or every later command in this thread runs
    as a nested one, is stopped at once and the stop escapes Lab.run (found by benchmarks/fuzz_lab_run.py)."""
    from acrlab.engine import budget

    real_remove = budget._WATCHDOG.remove
    landed = []

    def remove(meter):
        if not landed:
            landed.append(meter)
            raise meter._stop(budget.Stopped("time"))  # what the SIGALRM handler raises for an expired command
        real_remove(meter)

    monkeypatch.setattr(budget._WATCHDOG, "remove", remove)
    lab = Lab()
    r = lab.run("echo one")
    assert landed and r.exit_code == EXIT_BUDGET and r.stdout == "one\n" and "time budget" in r.stderr
    assert budget.current() is None
    r = lab.run("echo two")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "two\n", "")
