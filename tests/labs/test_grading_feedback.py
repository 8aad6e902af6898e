"""Feedback a teacher can defend: a check earns its points only once every check it requires passes (through chains
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


def test_a_failed_deployment_names_the_reason_not_only_deploymentfailed():
    # given: a Bicep file that assigns a role to a principal that does not exist
    bicep = """resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrlabprod'
}
resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, 'pull')
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: '00000000-0000-0000-0000-000000000000'
  }
}
"""
    report = grade("least-privilege-aks", bicep, seed=0, kind="bicep")
    # then: the teacher and the student read the ARM error inside the deployment's details
    (failure,) = report.failures
    assert failure["error"].startswith("ERROR: DeploymentFailed: PrincipalNotFound: Principal 00000000")
    assert "list deployment operations" not in failure["error"]


def test_an_empty_submission_says_so(tmp_path):
    empty = tmp_path / "erin.sh"
    empty.write_text("")
    comments = tmp_path / "frank.sh"
    comments.write_text("# I will do it tomorrow\n\n")
    assert "erin.sh is empty: nothing was run" in grade("least-privilege-aks", str(empty), seed=0).notes
    assert "frank.sh has no commands (only comments): nothing was run" in \
        grade("least-privilege-aks", str(comments), seed=0).notes


def test_report_histogram_counts_stay_inside_the_chart():
    import re

    from acrlab.labs.class_report import _histogram

    svg = _histogram([0, 0, 0, 100, 100, 100, 80])
    # every text baseline leaves room for its 11-pixel glyphs above it (the tallest bars' counts were cut)
    baselines = [float(y) for y in re.findall(r'<text x="[^"]+" y="([^"]+)" font-size="11"', svg)]
    assert baselines and min(baselines) >= 11
    height = float(re.search(r'height="([^"]+)"', svg).group(1))
    assert max(baselines) <= height
