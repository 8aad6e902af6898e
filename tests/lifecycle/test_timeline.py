"""The timeline heap: jobs fire in time order, stale entries are dropped, idle advances cost nothing."""

from __future__ import annotations

import time
from datetime import timedelta

from acrlab.engine import tasks_timeline


def test_jobs_fire_in_time_order_and_move_the_clock(lab):
    seen = []
    tasks_timeline.register(lab.cloud, "probe", lambda cloud, when, key: seen.append((key, cloud.clock.now())))
    start = lab.cloud.clock.now()
    for hours, key in ((5, "c"), (1, "a"), (3, "b"), (30, "late")):
        tasks_timeline.schedule(lab.cloud, "probe", start + timedelta(hours=hours), key)
    lab.advance("1d")
    assert [k for k, _ in seen] == ["a", "b", "c"]
    assert [t - start for _, t in seen] == [timedelta(hours=h) for h in (1, 3, 5)]  # the clock sat at each due time
    assert lab.cloud.clock.now() == start + timedelta(days=1)
    lab.advance("6h")
    assert seen[-1][0] == "late"


def test_timer_rescheduled_fires_once_per_occurrence(cli, lab, rg):
    cli("az acr create -n timerreg -g rg-containers --sku Basic -o none")
    cli("az acr task create -n hourly -r timerreg --cmd hello-world --schedule '0 * * * *' --context /dev/null -o none")
    cli("az acr task timer update -n hourly -r timerreg --timer-name t1 --schedule '30 * * * *' -o none")
    lab.advance("3h")  # 09:00 -> 12:00: 09:30, 10:30, 11:30 (the old '0 * * * *' entries are stale)
    runs = cli("az acr task list-runs -r timerreg").json()
    assert sorted(r["timerTrigger"]["scheduleOccurrence"][11:16] for r in runs) == ["09:30", "10:30", "11:30"]
    cli("az acr task timer remove -n hourly -r timerreg --timer-name t1 -o none")
    lab.advance("3h")
    assert len(cli("az acr task list-runs -r timerreg").json()) == 3


def test_idle_advances_are_cheap(cli, lab, rg):
    """A year of minute-by-minute advances with a queued retention delete years away: no per-advance scans."""
    cli("az acr create -n idlereg -g rg-containers --sku Premium -o none")
    for i in range(2000):
        tasks_timeline.schedule(lab.cloud, "probe-none", lab.cloud.clock.now() + timedelta(days=3650 + i))
    started = time.process_time()
    for _ in range(20_000):
        lab.cloud.clock.advance(timedelta(minutes=1))
    assert time.process_time() - started < 2.0
