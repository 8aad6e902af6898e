"""Files the lab's public web serves by URL: what `az deployment group create --template-uri` downloads.

Each file is an upstream file copied unchanged (MIT-licensed samples), named in URLS with its source. Today:
the ACR Tasks run-as-deployment templates of Azure/acr (docs/tasks/run-as-deployment/*/azuredeploy.json at
81b818eba36f77132a40ff3027897d2a830792f9, 2026-05-28) that MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-task-run-template.md deploys. Copyright (c) Microsoft Corporation,
MIT License (Azure/acr LICENSE.txt).
"""

from __future__ import annotations

import pathlib

_HERE = pathlib.Path(__file__).parent
_ACR = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/"
URLS: dict[str, str] = {
    _ACR + "quickdockerbuild/azuredeploy.json": "acr-run-as-deployment-quickdockerbuild.json",
    _ACR + "quickdockerbuildwithidentity/azuredeploy.json": "acr-run-as-deployment-quickdockerbuildwithidentity.json",
}


def fetch(url: str) -> str | None:
    """The text served at `url`, or None where the lab's web has nothing (an HTTP 404)."""
    name = URLS.get(url.strip())
    return (_HERE / name).read_text(encoding="utf-8") if name else None
