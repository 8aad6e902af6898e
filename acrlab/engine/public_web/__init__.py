"""Files the lab's public web serves by URL: what `az deployment group create --template-uri` downloads.

Each file is an upstream file copied unchanged (MIT-licensed samples), named in URLS with its source. Today:
the ACR Tasks run-as-deployment templates of Azure/acr (docs/tasks/run-as-deployment/*/azuredeploy.json at
81b818eba36f77132a40ff3027897d2a830792f9, 2026-05-28) that MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-task-run-template.md deploys. Copyright (c) Microsoft Corporation,
MIT License (Azure/acr LICENSE.txt). And the two root certificates the Artifact Signing docs download from
www.microsoft.com/pkiops (container-registry-tutorial-sign-verify-notation-artifact-signing.md): the lab's own
stand-ins, written by engine/codesigning_pki.py (tests/signing/test_artifact_signing.py checks they are current),
not Microsoft's certificates. And the Event Grid quickstart's viewer template
(container-registry-event-grid-quickstart.md deploys Azure-Samples/azure-event-grid-viewer's azuredeploy.json): the
lab's own template with the sample's parameters (siteName, hostingPlanName, sku, repoURL, branch, location), resource
types (serverfarms, sites, sites/sourcecontrols) and output (appServiceEndpoint), not the sample's file.

To publish a file, put it in this folder and add its URL to URLS: `fetch`, the lab's HTTP router (engine/web.py:
curl, Invoke-WebRequest, ...) and `--template-uri` all serve it, with a Content-Type from its extension
(CONTENT_TYPES). Every host named in URLS is on the lab's web; its other paths answer 404.
"""

from __future__ import annotations

import pathlib
from functools import cache
from urllib.parse import urlsplit

_HERE = pathlib.Path(__file__).parent
_ACR = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/"
URLS: dict[str, str] = {
    _ACR + "quickdockerbuild/azuredeploy.json": "acr-run-as-deployment-quickdockerbuild.json",
    _ACR + "quickdockerbuildwithidentity/azuredeploy.json": "acr-run-as-deployment-quickdockerbuildwithidentity.json",
    "https://raw.githubusercontent.com/Azure-Samples/azure-event-grid-viewer/master/azuredeploy.json":
        "azure-event-grid-viewer-azuredeploy.json",
    **{url: name for name, url in (
        ("lab-enterprise-identity-verification-root-ca-2020.crt", "https://www.microsoft.com/pkiops/certs/Microsoft%20"
         "Enterprise%20Identity%20Verification%20Root%20Certificate%20Authority%202020.crt"),
        ("lab-identity-verification-root-ca-2020.crt", "http://www.microsoft.com/pkiops/certs/microsoft%20identity%20"
         "verification%20root%20certificate%20authority%202020.crt"))},
}


CONTENT_TYPES = {".json": "application/json", ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8",
                 ".yaml": "text/plain; charset=utf-8", ".yml": "text/plain; charset=utf-8",
                 ".bicep": "text/plain; charset=utf-8", ".sh": "text/plain; charset=utf-8",
                 ".crt": "application/pkix-cert", ".cer": "application/pkix-cert", ".pem": "application/x-pem-file",
                 ".crl": "application/pkix-crl", ".gz": "application/gzip", ".tgz": "application/gzip",
                 ".zip": "application/zip", ".tar": "application/x-tar"}
"""File extension -> the Content-Type the lab's web sends (application/octet-stream otherwise)."""


def _key(url: str) -> str:
    """URLs compare without their query string or fragment (raw.githubusercontent.com ignores ?token=...)."""
    return url.strip().split("#", 1)[0].split("?", 1)[0]


def fetch_bytes(url: str) -> bytes | None:
    """The bytes served at `url`, or None where the lab's web has nothing (an HTTP 404)."""
    name = URLS.get(_key(url))
    return (_HERE / name).read_bytes() if name else None


def fetch(url: str) -> str | None:
    """The text served at `url`, or None where the lab's web has nothing (an HTTP 404)."""
    data = fetch_bytes(url)
    return data.decode("utf-8") if data is not None else None


def content_type(url: str) -> str:
    name = URLS.get(_key(url), "")
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


@cache
def hosts() -> frozenset[str]:
    """The host names the public web answers for (every host named in URLS)."""
    return frozenset(urlsplit(url).hostname or "" for url in URLS)


def serves(host: str) -> bool:
    return host.lower() in hosts()


def serves_http(url: str) -> bool:
    """A URL the table names with http://, served over plain HTTP (certificate downloads: www.microsoft.com/pkiops
    serves its certificates over HTTP, as the certificates' AIA URLs name them); other http URLs redirect."""
    return _key(url).startswith("http://") and _key(url) in URLS


def handle(cloud, req):
    """The lab's HTTP router's backend for the public web: GET/HEAD of a file in URLS; 404 for other paths,
    405 for other methods (static hosting)."""
    from ..web import respond
    url = f"{req.scheme}://{req.host}{req.path}"
    data = fetch_bytes(url)
    if data is None:
        return respond(404, b"404: Not Found", "text/plain; charset=utf-8")
    if req.method not in ("GET", "HEAD"):
        return respond(405, b"", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})
    return respond(200, data, content_type(url))
