"""'Azure Container Registry webhook reference': the commands that raise each event, and the payloads they send, in
a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-webhook-reference.md
(blocks in tests/conformance/docs_blocks/container-registry-webhook-reference.json). The page's push and delete
payload examples (JSON blocks 0 and 4) are checked field by field against what the lab's webhook delivered
(`az acr webhook list-events`). The chart events came from the legacy Helm repository commands `az acr helm push|
delete`, which today's azure-cli no longer has (`az acr helm` was removed with ACR's classic Helm repositories; charts
are OCI artifacts pushed with `helm push`, which raise ordinary push events): az answers as for any unknown group."""

from __future__ import annotations

import json

from .docs import Page

SETUP = """az group create -n rg-hooks -l eastus -o none
az acr create -n hookreg01 -g rg-hooks --sku Standard -o none
az acr webhook create -n hook1 -r hookreg01 --uri https://example.com/hook --actions push delete -o none
az acr login -n hookreg01 -o none
docker pull hello-world >/dev/null
docker tag hello-world hookreg01.azurecr.io/hello-world:v1
"""
EVENTS = "az acr webhook list-events -n hook1 -r hookreg01 --query '[].eventRequestMessage.content' -o json"


def _shape(doc: dict) -> dict:
    return {k: sorted(v) if isinstance(v, dict) else None for k, v in doc.items()}


def test_webhook_reference(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-webhook-reference", {"myregistry.azurecr.io": "hookreg01.azurecr.io",
                                                              "MyRegistry": "hookreg01", "MyRepository": "hello-world",
                                                              "MyTag": "v1"})
    page.run(1, contains="v1: digest: sha256:")
    [push] = lab.run(EVENTS).json()
    example = json.loads(page.code(0))
    assert (push["action"], push["target"]["repository"], push["target"]["tag"]) == ("push", "hello-world", "v1")
    assert set(_shape(example)) <= set(_shape(push))
    for part in ("target", "request"):
        assert set(example[part]) <= set(push[part]), part
    assert push["request"]["method"] == "PUT" and push["request"]["host"] == "hookreg01.azurecr.io"
    page.run(3, exit_code=2, contains="'helm' is misspelled or not recognized by the system.")
    # the repository goes first, so the block's second command finds no image to delete
    page.run(5, answer="y", exit_code=1, contains='repository "hello-world" is not found')
    events = lab.run(EVENTS).json()
    delete = next(e for e in events if e["action"] == "delete")
    example = json.loads(page.code(4))
    assert set(example["target"]) <= set(delete["target"]) and delete["request"]["method"] == "DELETE"
    page.run(7, exit_code=2, contains="'helm' is misspelled or not recognized by the system.")
    page.finish()
