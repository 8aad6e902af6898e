"""A check earns its points only once every check it requires passes, through chains of requirements too, and
its feedback then names the missing requirement instead of an expected/actual pair that blames the learner."""

from __future__ import annotations

from acrlab.labs import grade

PURGE = "acr purge --filter 'ci/.*:.*' --ago 7d --untagged"


def test_a_chain_of_requirements_withholds_points_down_the_chain():
    # given: a purge task on the wrong schedule (05:00 UTC); the purge itself works
    report = grade("scheduled-base-rebuild", f'az acr task create -r acrlabnightly -n purge-nightly --cmd "{PURGE}" '
                   '--schedule "0 5 * * *" --context /dev/null -o none', seed=0)
    checks = {c.id: c for c in report.checks}
    # then: release-kept requires old-ci-gone, which requires timer: neither earns anything
    assert not checks["timer"].passed
    assert not checks["old-ci-gone"].passed and not checks["release-kept"].passed
    # and: their feedback says what they wait for, with no expected/actual pair
    assert checks["old-ci-gone"].feedback.startswith("earned once this passes too: purge-nightly runs every day")
    assert checks["release-kept"].feedback.startswith("earned once this passes too: After the first night")
    assert "expected:" not in checks["release-kept"].feedback


def test_moving_the_clock_to_watch_the_task_costs_nothing():
    # given: the right task, and a learner who watched two nights go by before checking
    report = grade("scheduled-base-rebuild", f'az acr task create -r acrlabnightly -n purge-nightly --cmd "{PURGE}" '
                   '--schedule "0 2 * * *" --context /dev/null -o none\nlab advance 2d\n', seed=0)
    assert report.percent == 100, [(c.id, c.feedback) for c in report.checks if not c.passed]
