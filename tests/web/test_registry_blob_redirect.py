"""A registry blob GET answers 307 Temporary Redirect with a Location on the registry's storage: an Azure Storage
account (`*.blob.core.windows.net`) by default, the serving region's dedicated data endpoint
(`<registry>.<region>.data.azurecr.io`) when dataEndpointEnabled is true or a private endpoint turned them on. curl
without -L shows the 307 and its Location, curl -L and Invoke-WebRequest follow it (without the registry's
Authorization header, which stays with the login server); the dedicated data endpoint sits behind the registry's
network rules.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-dedicated-data-endpoints.md
("How container image downloads work: login server and 307 redirect to data endpoints"; `*.blob.core.windows.net`
without, `[registry].[region].data.azurecr.io` with dedicated data endpoints, the serving geo-replica's region),
container-registry-endpoint-reference.md (the endpoint table: "automatic 307 redirect from login server during
pulls"), container-registry-firewall-rules.md ("A registry with a private link enabled gets the dedicated data
endpoint automatically"); Azure/acr docs/AAD-OAuth.md (the token flow the requests use)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .test_registry_http import FLOW, LS, REG

SETUP = f"""az group create -n rg -l eastus -o none
az acr create -n {REG} -g rg --sku Premium -o none
az acr login -n {REG}
echo 'layer bytes' > notes.txt
oras push {LS}/notes:v1 notes.txt"""
BLOB = FLOW + f"""
PULL=$(token repository:notes:pull)
D=$(curl -s -H "Authorization: Bearer $PULL" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \\
  https://{LS}/v2/notes/manifests/v1 | jq -r '.layers[0].digest')
"""


def _head(lab) -> tuple[str, dict[str, str]]:
    r = lab.run(BLOB + f'curl -si -H "Authorization: Bearer $PULL" https://{LS}/v2/notes/blobs/$D')
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.split("\n\n", 1)[0].splitlines()
    return lines[0], dict(line.split(": ", 1) for line in lines[1:])


def test_the_login_server_redirects_to_storage_and_curl_l_follows(lab):
    status, headers = _head(lab)
    assert status == "HTTP/1.1 307 Temporary Redirect"
    where = urlsplit(headers["Location"])
    assert where.scheme == "https" and where.hostname.endswith(".blob.core.windows.net")
    digest = headers["Docker-Content-Digest"]
    assert where.path.endswith(f"/docker/registry/v2/blobs/sha256/{digest[7:9]}/{digest[7:]}/data")
    r = lab.run(BLOB + f'curl -sL -w "%{{num_redirects}}" -H "Authorization: Bearer $PULL" '
                f'https://{LS}/v2/notes/blobs/$D')
    assert r.exit_code == 0 and r.stdout == "layer bytes\n1", r.stderr
    # the link is the registry's own grant: a forged signature or an expired link is refused by storage
    forged = headers["Location"].replace("sig=", "sig=x")
    assert lab.run(f"curl -s -o /dev/null -w '%{{http_code}}' '{forged}'").stdout == "403"
    assert lab.run(f"curl -s '{headers['Location']}'").stdout == "layer bytes\n"
    lab.advance("21m")
    r = lab.run(f"curl -s -w ' %{{http_code}}' '{headers['Location']}'")
    assert r.stdout.endswith(" 403") and "<Code>AuthenticationFailed</Code>" in r.stdout


def test_dedicated_data_endpoints_take_the_download_behind_the_registry_firewall(lab):
    assert lab.run(f"curl -s https://{REG}.eastus.data.azurecr.io/").exit_code == 6  # not enabled: no such name
    assert lab.run(f"az acr update -n {REG} --data-endpoint-enabled true -o none").exit_code == 0
    hosts = json.loads(lab.run(f"az acr show -n {REG} --query dataEndpointHostNames").stdout)
    status, headers = _head(lab)
    assert status == "HTTP/1.1 307 Temporary Redirect"
    assert [urlsplit(headers["Location"]).hostname] == hosts == [f"{REG}.eastus.data.azurecr.io"]
    r = lab.run(BLOB + f'curl -sL -H "Authorization: Bearer $PULL" https://{LS}/v2/notes/blobs/$D')
    assert r.stdout == "layer bytes\n", r.stderr
    # Invoke-WebRequest follows the redirect too
    r = lab.run(BLOB + f"""echo "$PULL" > pull.txt; echo "$D" > d.txt
pwsh -c '$t = Get-Content pull.txt; $d = Get-Content d.txt
(Invoke-WebRequest -Uri "https://{LS}/v2/notes/blobs/$d" -Headers @{{Authorization = "Bearer $t"}}).Content'""")
    assert r.exit_code == 0 and "layer bytes" in r.stdout, r.stderr
    # the data endpoint answers only where the registry's network rules let the client in
    assert lab.run(f"az acr update -n {REG} --default-action Deny -o none").exit_code == 0
    r = lab.run(f"curl -s -w ' %{{http_code}}' '{headers['Location']}'")
    body, code = r.stdout.rsplit(" ", 1)
    assert code == "403" and "is not allowed access" in json.loads(body)["errors"][0]["message"]


def test_a_head_answers_the_size_and_a_missing_blob_is_not_redirected(lab):
    r = lab.run(BLOB + f'curl -sI -H "Authorization: Bearer $PULL" https://{LS}/v2/notes/blobs/$D')
    assert r.stdout.startswith("HTTP/1.1 200 OK") and "Content-Length: 12" in r.stdout
    r = lab.run(BLOB + f'curl -s -w " %{{http_code}}" -H "Authorization: Bearer $PULL" '
                f'https://{LS}/v2/notes/blobs/sha256:{"1" * 64}')
    body, code = r.stdout.rsplit(" ", 1)
    assert code == "404" and json.loads(body)["errors"][0]["code"] == "BLOB_UNKNOWN"
