"""What the tests of this folder compare before and after a request."""

from __future__ import annotations

import json

from pydantic import BaseModel

from acrlab import Lab
from acrlab.engine.record import Record


def _resource(value) -> object:
    """A family's resource in full when it is a model or a record (a child such as a federated credential changes
    it), else its id alone."""
    return value.model_dump(mode="json") if isinstance(value, (BaseModel, Record)) else None


def tenant_state(lab: Lab) -> str:
    """Everything a learner or a grader can observe of the control plane, serialized."""
    c = lab.cloud
    return json.dumps({
        "registries": {n: r.model_dump(mode="json") for n, r in sorted(c.registries.items())},
        "role_assignments": [a.model_dump(mode="json") for a in c.role_assignments],
        "principals": {k: p.model_dump(mode="json") for k, p in sorted(c.tenant.principals.items())},
        "groups": {k: g.model_dump(mode="json") for k, g in sorted(c.subscription.resource_groups.items())},
        "resources": {kind: {rid: _resource(r) for rid, r in sorted(items.items())}
                      for kind, items in sorted(c.resources.items()) if items},
        "custom_roles": {k: r.model_dump(mode="json") for k, r in sorted(c.state.get("custom_roles", {}).items())},
        "pricings": c.state.get("defender_pricing", {}),
    }, sort_keys=True, default=str)


def send_from(lab: Lab, kind: str, text: str, parameters: str = ""):
    """Run `text` through one front end: `bash` (az), `pwsh`, or a deployment of an `arm` (JSON) or `bicep` file
    to group rg (`arm-sub`, `bicep-sub`: at subscription scope)."""
    if kind.partition("-")[0] in ("arm", "bicep"):
        name = "main.json" if kind.startswith("arm") else "main.bicep"
        lab.write_file(name, text)
        where = "sub create -l eastus" if kind.endswith("-sub") else "group create -g rg"
        return lab.run(f"az deployment {where} -n d1 -f {name} {parameters} -o none")
    return lab.run(text, shell=kind)


def refused_unchanged(lab: Lab, kind: str, text: str, expected: str) -> None:
    """`text` sent through front end `kind` fails, says `expected` on stderr, and leaves the tenant as it was."""
    before = tenant_state(lab)
    r = send_from(lab, kind, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before


def lab_with(*lines: str) -> Lab:
    """A fresh lab with resource group `rg` (eastus) and the set-up lines run as the learner."""
    lab = Lab(seed=0)
    for line in ("az group create -n rg -l eastus -o none", *lines):
        assert lab.run(line).exit_code == 0, line
    return lab


def shown_by_each(front_ends: dict[str, tuple[str, str]], show, *setup: str) -> dict[str, dict]:
    """Run each front end's text on a fresh lab (after `setup`); it must succeed quietly; `show(lab)` is what it
    made. Returns front end -> shown."""
    results = {}
    for kind, (shell, text) in front_ends.items():
        lab = lab_with(*setup)
        r = send_from(lab, shell, text)
        assert r.exit_code == 0 and not r.stderr.strip(), f"{kind}: {r.output}"
        results[kind] = show(lab)
    return results


def custom_role_principal(lab: Lab, name: str, actions: list[str], where: str):
    """A service principal holding a new custom role of `actions` at `where` (`-g rg`, `--scope /subscriptions/$SUB`)."""
    role = json.dumps({"Name": name, "Actions": actions, "AssignableScopes": ["/subscriptions/SUB"]})
    for line in ("SUB=$(az account show --query id -o tsv)",
                 f"az role definition create --role-definition \"$(echo '{role}' | sed s/SUB/$SUB/)\" -o none",
                 f"APP=$(az ad sp create-for-rbac -n {name.lower()} --query appId -o tsv)",
                 f"az role assignment create --assignee $APP --role {name} {where} -o none"):
        assert lab.run(line).exit_code == 0, line
    return lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip())


FRONT_ENDS = ("az", "pwsh", "template")


def made_alike(make, show) -> dict:
    """Make the same resource through each front end in its own fresh lab (`make(lab, way)` returns the command's
    Result), check each command succeeded quietly, and that `show(lab)` reads the same JSON in all; returns it."""
    shown = []
    for way in FRONT_ENDS:
        lab = Lab(seed=0)
        r = make(lab, way)
        assert r.exit_code == 0 and not r.stderr.strip(), (way, r.stderr)
        shown.append(show(lab))
    assert all(s == shown[0] for s in shown[1:]), shown
    return shown[0]
