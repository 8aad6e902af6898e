"""What a long-running lab keeps stays bounded by what the simulation needs (issue 19): expired `az acr login`
tokens are forgotten, the transcript keeps its latest results, bash keeps HISTSIZE lines of history."""

from __future__ import annotations

from acrlab import Lab
from acrlab.engine.dataplane import tokens


def test_expired_refresh_tokens_are_dropped_and_still_refused(lab):
    # given: a registry and a login token captured from az acr login --expose-token
    lab.run("az group create -n rg -l eastus -o none && az acr create -n memacr -g rg --sku Basic -o none")
    old = lab.run("az acr login -n memacr --expose-token --query accessToken -o tsv").stdout.strip()
    # when: a day of hourly logins goes by
    for _ in range(24):
        lab.advance("1h")
        assert lab.run("az acr login -n memacr").exit_code == 0
    # then: only the tokens still valid are kept (3-hour lifetime), and the expired one is refused as before
    assert len(tokens(lab.cloud)) <= 4
    r = lab.run(f"docker login memacr.azurecr.io -u 00000000-0000-0000-0000-000000000000 -p {old}")
    assert r.exit_code == 1 and "unauthorized" in r.stderr.lower()


def test_transcript_keeps_the_latest_results_and_every_command():
    lab = Lab(seed=0, transcript_limit=3)
    for i in range(5):
        lab.run(f"echo {i}")
    assert [r.stdout for r in lab.transcript] == ["2\n", "3\n", "4\n"]
    assert lab.commands == [f"echo {i}" for i in range(5)]


def test_history_keeps_histsize_lines_numbered_from_the_first(lab):
    for i in range(505):
        lab.run(f"true {i}")
    lines = lab.run("history").stdout.splitlines()
    assert len(lines) == 500
    assert lines[0].split() == ["7", "true", "6"] and lines[-1].split() == ["506", "history"]
