"""`kubectl patch` (strategic merge by container name, JSON merge patch, JSON patch) on a lab deployment.

Source: kubernetes/website content/en/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch.md
(strategic merge patch merges `containers` by name; `--type merge` replaces lists; `--type json` takes RFC 6902
operations; output `deployment.apps/NAME patched`).
"""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def deployed(cli, rg):
    cli("az acr create -n acrpatch1 -g rg-containers --sku Basic -o none")
    cli("az aks create -g rg-containers -n aks1 --node-count 1 --generate-ssh-keys --attach-acr acrpatch1 -o none")
    cli("az aks get-credentials -g rg-containers -n aks1 -o none")
    cli("kubectl create deployment web --image=nginx:1.25 --replicas=2")
    return cli


def _containers(cli):
    data = json.loads(cli("kubectl get deployment web -o json").stdout)
    return [(c["name"], c["image"]) for c in data["spec"]["template"]["spec"]["containers"]], data["spec"]["replicas"]


def test_strategic_merge_changes_one_container_by_name(deployed):
    r = deployed('kubectl patch deployment web -p \'{"spec":{"template":{"spec":{"containers":'
                 '[{"name":"nginx","image":"nginx:1.27"}]}}}}\'')
    assert r.stdout.strip() == "deployment.apps/web patched"
    assert _containers(deployed) == ([("nginx", "nginx:1.27")], 2)
    r = deployed('kubectl patch deployment/web -p \'{"spec":{"replicas":2}}\'')
    assert r.stdout.strip() == "deployment.apps/web patched (no change)"


def test_json_and_merge_patches(deployed):
    deployed('kubectl patch deployment web --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":3}]\'')
    assert _containers(deployed)[1] == 3
    deployed('kubectl patch deployment web --type merge -p \'{"spec":{"template":{"spec":{"containers":'
             '[{"name":"web","image":"nginx:1.26"}]}}}}\'')
    assert _containers(deployed)[0] == [("web", "nginx:1.26")]  # a merge patch replaces the whole list


@pytest.mark.parametrize("cmd,err", [
    ("kubectl patch deployment web -p '{bad'", 'unable to parse "{bad"'),
    ("kubectl patch deployment nope -p '{}'", 'deployments.apps "nope" not found'),
    ("kubectl patch deployment web", "must specify -p"),
    ("kubectl patch deployment web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/nope\",\"value\":1}]'",
     "The request is invalid"),
    ("kubectl patch deployment web --type=xml -p '{}'", "--type must be one of"),
])
def test_patch_errors(deployed, cmd, err):
    r = deployed(cmd, expect_exit=1)
    assert err in r.stderr
