"""A long clock advance costs what can be seen, not one replay per timer tick (issue 12: a per-minute timer
task and a scenario's `after: 365d` check took 6 minutes and 1.9 GB)."""

import re
import time
from datetime import timedelta

import pytest
from croniter import croniter

from acrlab import Lab
from acrlab.engine import timer_horizon

SCHEDULES = ["* * * * *", "*/7 * * * *", "0 3 * * 1-5", "30 */6 1,15 * *", "15,45 9-17 * 1,7 *", "0 0 1 * 0",
             "5 4 * * 7", "0 12 29 2 *"]


def brute(schedule, start, end):
    it, n = croniter(schedule, start - timedelta(seconds=1)), 0
    while it.get_next(type(start)) < end:
        n += 1
    return n


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_counting_occurrences_matches_walking_the_cron(schedule):
    start = Lab().now  # derived from the lab's clock, never a fixed date
    long = timedelta(days=3 if schedule.startswith("*") else 45, minutes=3)
    for offset, span in [(timedelta(0), timedelta(hours=5)), (timedelta(minutes=7), timedelta(days=2, hours=2)),
                         (timedelta(hours=13, minutes=1), long)]:
        a = start + offset
        assert timer_horizon.count(schedule, a, a + span) == brute(schedule, a, a + span), (schedule, offset, span)


def _timer_lab():
    lab = Lab()
    setup = ["az group create -n rg -l eastus -o none", "az acr create -n horizonacr -g rg --sku Premium -o none",
             'az acr task create -n tick -r horizonacr --cmd mcr.microsoft.com/hello-world --schedule "* * * * *" -c /dev/null -o none']
    assert lab.run("\n".join(setup)).exit_code == 0
    return lab


def test_a_year_of_a_per_minute_timer_takes_seconds_and_shows_what_azure_shows():
    lab = _timer_lab()
    start = lab.now
    t = time.monotonic()
    r = lab.run("lab advance 365d")
    assert time.monotonic() - t < 15
    assert r.exit_code == 0
    reg = lab.cloud.find_registry("horizonacr")
    assert reg.extra["run_counter"] == 365 * 24 * 60  # every occurrence counted, run ids consumed
    assert len(reg.runs) == timer_horizon.HORIZON_RUNS + 1
    summary = reg.extra["timer_summaries"][0]
    assert summary["runs"] == 365 * 24 * 60 - timer_horizon.HORIZON_RUNS - 1
    assert re.search(r"note: 525,099 timer runs of task 'tick' in registry 'horizonacr' from \S+ to \S+ were "
                     r"counted, not replayed", r.stderr)
    runs = lab.run("az acr task list-runs -r horizonacr --top 3").json()
    # the newest runs are the last occurrences before the target, with the ids Azure would have given them
    stamps = [x["timerTrigger"]["scheduleOccurrence"] for x in runs]
    end = start + timedelta(days=365)
    assert stamps[0].startswith(end.strftime("%Y-%m-%dT%H:%M"))
    assert [x["runId"] for x in runs] == ["cab9k0", "cab9jz", "cab9jy"]
    log = lab.run(f"az acr task logs -r horizonacr --run-id {runs[0]['runId']}")
    assert log.exit_code == 0 and "Hello from Docker!" in log.stdout and "was successful" in log.stdout


def test_short_advances_replay_every_run():
    lab = _timer_lab()
    lab.run("lab advance 2h")
    reg = lab.cloud.find_registry("horizonacr")
    assert len(reg.runs) == 120 and "timer_summaries" not in reg.extra


def test_a_disabled_timer_skips_ahead_without_runs():
    lab = _timer_lab()
    lab.run("az acr task timer update -n tick -r horizonacr --timer-name t1 --enabled false -o none")
    t = time.monotonic()
    lab.advance("365d")
    assert time.monotonic() - t < 5
    reg = lab.cloud.find_registry("horizonacr")
    assert not reg.runs and reg.extra.get("run_counter", 0) == 0
