"""A small stand-in for azure-cli's ScenarioTest (azure-cli-testsdk): `cmd()` formats the command with the test's
kwargs, runs `az <command>` in the lab and applies the checks the way `self.check(...)`, `self.exists(...)`,
`self.greater_than(...)` and `self.check_pattern(...)` do (JMESPath over the JSON output). Translated tests keep
the source test's commands and checks; each names its source file and test."""

from __future__ import annotations

import re

import jmespath

SOURCE = "Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/tests/latest/"


def upstream(file: str, *tests: str, partial: str = ""):
    """Names the azure-cli test(s) a lab test translates (read by acrlab/coverage_conformance.py for the tally in
    docs/coverage.md; literal strings only). `partial` says which parts of the source test are left out, and why."""
    def mark(fn):
        fn.upstream = (file, tests, partial)
        return fn
    return mark


def check(path: str, expected):
    return ("check", path, expected)


def exists(path: str):
    return ("exists", path, None)


def greater_than(path: str, value):
    return ("greater_than", path, value)


def check_pattern(path: str, pattern: str):
    return ("pattern", path, pattern)


class Scenario:
    """One azure-cli scenario test run against a fresh lab. `rg` mirrors ResourceGroupPreparer's group."""

    def __init__(self, lab, location: str = "westus", rg: str = "clitest.rg000001", **kwargs):
        self.lab = lab
        self.kwargs = {"rg": rg, "rg_loc": location, **kwargs}
        self.last = None
        r = lab.run(f"az group create -n {rg} -l {location} -o none")
        assert r.exit_code == 0, r.output

    def _format(self, text):
        if isinstance(text, str):
            return text.format(**self.kwargs)
        return text

    def cmd(self, command: str, checks=(), expect_failure: bool = False):
        command = self._format(command)
        if command.startswith("az "):
            command = command[3:]
        r = self.lab.run(f"az {command}")
        if expect_failure:
            assert r.exit_code != 0, f"az {command} should have failed:\n{r.output}"
            self.last = r
            return self
        assert r.exit_code == 0, f"az {command} exited {r.exit_code}:\n{r.output}"
        self.last = r
        if isinstance(checks, tuple) and checks and isinstance(checks[0], str):
            checks = [checks]
        data = self.json() if checks else None
        for kind, path, expected in checks:
            path = self._format(path)  # JMESPathCheck formats its query with the test's kwargs too
            got = jmespath.search(path, data)
            expected = self._format(expected)
            if kind == "check":
                # azure-cli-testsdk JMESPathCheck: equal, or equal as strings
                assert got == expected or str(got) == str(expected), \
                    f"az {command}: {path} is {got!r}, expected {expected!r}"
            elif kind == "exists":
                assert got, f"az {command}: {path} does not exist"
            elif kind == "greater_than":
                assert got > expected, f"az {command}: {path} is {got!r}, not greater than {expected!r}"
            elif kind == "pattern":
                assert re.match(expected, str(got)), f"az {command}: {path} {got!r} does not match {expected!r}"
        return self

    def json(self):
        import json

        return json.loads(self.last.stdout) if self.last.stdout.strip() else None

    get_output_in_json = json


DIFF_SUB = "dfb63c8c-7c89-4ef8-af13-75c1d873c895"
"""The subscription upstream's source registry lives in (its resource_id); the lab's tenant gets it as a second
subscription, the learner its Owner, with the registry and images the test expects there."""
DIFF_SUB_REGISTRY = (f"/subscriptions/{DIFF_SUB}/resourcegroups/resourcegroupdiffsub/providers/"
                     "Microsoft.ContainerRegistry/registries/sourceregistrydiffsub")


def other_subscription(lab, *tags: str) -> None:
    """sourceregistrydiffsub in resourcegroupdiffsub of the second subscription, holding microsoft:<tag> images;
    az is switched back to the first subscription afterwards (upstream's current one)."""
    home = lab.run("az account show --query id -o tsv").stdout.strip()
    imports = "\n".join(f"az acr import -n sourceregistrydiffsub --source mcr.microsoft.com/hello-world:latest "
                        f"-t microsoft:{tag}" for tag in tags)
    r = lab.run(f"lab subscription add diffsub --id {DIFF_SUB}\naz account set -s {DIFF_SUB}\n"
                "az group create -n resourcegroupdiffsub -l westus -o none\n"
                "az acr create -n sourceregistrydiffsub -g resourcegroupdiffsub --sku Standard -o none\n"
                f"{imports}\naz account set -s {home}")
    assert r.exit_code == 0, r.output
