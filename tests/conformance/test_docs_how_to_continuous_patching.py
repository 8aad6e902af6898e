"""'Configure continuous patching in Azure Container Registry' (preview), in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/how-to-continuous-patching.md (blocks in
tests/conformance/docs_blocks/how-to-continuous-patching.json); the extension's behaviour from Azure/azure-cli-extensions
src/acrcssc/azext_acrcssc (helper/_constants.py: task names, csscpolicies/patchpolicy, messages; _params.py: the tag
conventions; helper/_workflow_status.py: the fields of `workflow list`). The page's registry (myRegistry, a name taken
in the lab's public world) is contosopatch in myResourceGroup, holding the page's ubuntu tags and a python image."""

from __future__ import annotations

import json

from .docs import Page

SETUP = """az group create -n myResourceGroup -l eastus -o none
az acr create -n contosopatch -g myResourceGroup --sku Standard -o none
az acr import -n contosopatch --source docker.io/library/ubuntu:22.04 -t ubuntu:jammy-20240111 -o none
az acr import -n contosopatch --source docker.io/library/ubuntu:22.04 -t ubuntu:jammy-20240125 -o none
az acr import -n contosopatch --source docker.io/library/python:3.12 -t python:3.12 -o none
"""
SUBS = {"<myRegistry>": "contosopatch", "myRegistry": "contosopatch", "myregistry": "contosopatch",
        "<registryname>": "contosopatch", "myresourcegroup": "myResourceGroup", "<resourcegroup>": "myResourceGroup",
        "<incremental|floating>": "incremental", "<Repository Name>": "ubuntu",
        "<comma-separated-tags>": "jammy-20240111", "<true|false>": "true", "<continuouspatchv1>": "continuouspatchv1",
        "[--run-status <failed || successful || running>]": "--run-status Succeeded"}
WORKFLOW = "az acr supply-chain workflow {} -r contosopatch -g myResourceGroup -t continuouspatchv1"


def test_continuous_patching_page(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "how-to-continuous-patching", SUBS)
    page.run(0, contains="The installed extension 'acrcssc' is in preview.")
    page.run(1)
    page.run(2, contains="Login Succeeded")
    page.run(3)
    r = page.run(5)  # the heredoc's configuration: one ubuntu tag
    assert r.stdout.splitlines() == ["ubuntu: jammy-20240111"], r.output
    # the page's sample configuration has a trailing comma, which the extension's JSON reader refuses
    lab.write_file("continuouspatching.json", page.code(4))
    page.run(5, exit_code=1, contains="File used for --config cannot be parsed as a JSON file.")
    lab.write_file("continuouspatching.json", page.code(4).replace('"enabled": true, \n', '"enabled": true\n'))
    r = page.run(5)
    assert r.stdout.splitlines() == ["python: 3.12", "ubuntu: jammy-20240111", "ubuntu: jammy-20240125"], r.output
    assert lab.run("az acr task list -r contosopatch --query 'length(@)'").json() == 0  # a dry run creates nothing
    page.skip(6, "the dry run's sample output (the lab's listing of the same images is checked above)")
    r = page.run(7, contains="WARNING: Triggering the cssc-trigger-workflow to run immediately")
    assert "Deployment of continuouspatchv1 tasks completed successfully." in r.stdout
    assert "Continuous Patching workflow scheduled to run next at: " in r.stdout
    tasks = lab.run("az acr task list -r contosopatch --query '[].name'").json()
    assert sorted(tasks) == ["cssc-patch-image", "cssc-scan-image", "cssc-trigger-workflow"]
    tags = lab.run("az acr repository show-tags -n contosopatch --repository ubuntu").json()
    assert tags == ["jammy-20240111", "jammy-20240111-1", "jammy-20240125", "jammy-20240125-1"]
    r = page.run(8)
    trigger = next(t for t in r.json() if t["name"] == "cssc-trigger-workflow")
    assert trigger["trigger"]["timerTriggers"][0]["name"] == "azcli_defined_schedule"
    assert trigger["trigger"]["timerTriggers"][0]["schedule"].endswith(" */1 * *")
    page.run(9, contains="--type -t [Required]")
    page.run(10)
    r = page.run(12)
    head, total, listing = r.stdout.split("\n", 2)  # the extension prints two lines before its JSON
    assert head == "Listing images that have been scanned and/or patched in the last 1 days" and total == "Total images: 3"
    images = {e["image"]: e for e in json.loads(listing)}
    assert images["python:3.12"]["last_patched_image"] == "python:3.12-1"
    assert images["ubuntu:jammy-20240125"]["patch_status"] == "Succeeded"
    page.run(13, contains="All active running workflow tasks have been cancelled.")
    assert page.run(14).json() == []
    page.subs["<run-id>"] = images["python:3.12"]["patch_task_ID"]
    page.run(15, contains="Patched image pushed to contosopatch.azurecr.io/python:3.12-1")
    page.run(16, contains="All active running workflow tasks have been cancelled.")
    r = page.run(11, answer="y", contains="WARNING: Deleting csscpolicies/patchpolicy:v1")
    assert r.stdout == "Deleted continuouspatchv1 workflow successfully from registry contosopatch\n"
    assert lab.run("az acr task list -r contosopatch --query 'length(@)'").json() == 0
    repos = lab.run("az acr repository list -n contosopatch").json()
    assert "csscpolicies/patchpolicy" not in repos and "python" in repos
    page.finish()


def test_schedule_and_config_errors(lab):
    """The extension's client-side checks (helper/_constants.py ERROR_MESSAGE_INVALID_TIMESPAN_VALUE,
    RECOMMENDATION_SCHEDULE, ERROR_MESSAGE_INVALID_JSON_SCHEMA, ERROR_MESSAGE_WORKFLOW_TASKS_DOES_NOT_EXIST)."""
    assert lab.run(SETUP).exit_code == 0
    lab.write_file("c.json", json.dumps({"version": "v1", "repositories": [{"repository": "python", "tags": ["*"]}]}))
    r = lab.run(WORKFLOW.format("create") + " --config c.json --schedule 31d")
    assert r.exit_code == 1 and "Schedule value is invalid." in r.stderr and "Max value for d is 30d." in r.stderr
    lab.write_file("bad.json", json.dumps({"version": "v2", "repositories": []}))
    r = lab.run(WORKFLOW.format("create") + " --config bad.json --schedule 1d")
    assert r.exit_code == 1 and "is not a valid config JSON file" in r.stderr
    r = lab.run(WORKFLOW.format("create") + " --config missing.json --schedule 1d")
    assert r.exit_code == 1 and "Config path file: missing.json does not exist" in r.stderr
    r = lab.run(WORKFLOW.format("show"))  # the extension logs the error and returns nothing
    assert r.exit_code == 0 and "ERROR: continuouspatchv1 workflow tasks does not exist." in r.stderr
    assert lab.run(WORKFLOW.format("create") + " --config c.json --schedule 7d -o none").exit_code == 0
    for flags in ("", " --dry-run"):
        r = lab.run(WORKFLOW.format("create") + " --config c.json --schedule 7d" + flags)
        assert r.exit_code == 1 and "workflow tasks already exists" in r.stderr


def test_dynamic_install_of_acrcssc(lab):
    """az's dynamic install (azure-cli-core extension/dynamic_install.py) puts the bundled acrcssc on the host."""
    assert lab.run(SETUP).exit_code == 0
    r = lab.run(WORKFLOW.format("list"))
    assert "The command requires the extension acrcssc. It will be installed first." in r.stderr
    assert r.exit_code == 0 and "WARNING: continuouspatchv1 workflow tasks does not exist." in r.stderr, r.output
    assert lab.run("az extension show -n acrcssc --query version -o tsv").stdout.strip() == "1.1.0"
