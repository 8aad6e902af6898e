"""A registry's HTTP API through the lab's router: the token flow, the OCI distribution endpoints and ACR's
/acr/v1/ endpoints, with the data plane's rules (RBAC, token scopes, network rules, locks, soft delete) deciding.

Sources: Azure/acr docs/AAD-OAuth.md (the 401 challenge and its Www-Authenticate header, POST /oauth2/exchange with
grant_type=access_token, POST /oauth2/token with grant_type=refresh_token and scope, Basic auth with the admin user,
catalog and tag listing with `n` and the Link header); Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/
_docker_utils.py (the exchange and token forms, grant_type=password), repository.py and manifest.py (the /acr/v1/
paths, result keys 'tags', 'tag', 'manifest', the soft-delete paths /acr/v1/_deleted/<repo>/_tags and the restore
POST with {"tag"} and ?force=); opencontainers/distribution-spec spec.md (blob upload POST/PATCH/PUT, 201/202,
Docker-Content-Digest, Location, MANIFEST_BLOB_UNKNOWN, DIGEST_INVALID, referrers).
"""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from acrlab.engine import web
from acrlab.shell import web_client

REG = "webreg"
LS = f"{REG}.azurecr.io"
SETUP = f"""az group create -n rg -l eastus -o none
az acr create -n {REG} -g rg --sku Premium --admin-enabled true -o none
az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -t hello-world:v1 -o none
az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -t hello-world:v2 -o none
az acr import -n {REG} --source docker.io/library/alpine:latest -t alpine:3 -o none"""
FLOW = f"""TOKEN=$(az account get-access-token --query accessToken -o tsv)
REFRESH=$(curl -s -X POST -H "Content-Type: application/x-www-form-urlencoded" \\
  -d "grant_type=access_token&service={LS}&tenant=$(az account show --query tenantId -o tsv)&access_token=$TOKEN" \\
  https://{LS}/oauth2/exchange | jq -r .refresh_token)
token() {{ curl -s -X POST -d "grant_type=refresh_token&service={LS}&scope=$1&refresh_token=$REFRESH" \\
  https://{LS}/oauth2/token | jq -r .access_token; }}"""


def test_the_challenge_then_exchange_then_token_lists_the_catalog_and_tags(lab):
    r = lab.run(f"curl -si https://{LS}/v2/")
    head = r.stdout.split("\n\n", 1)[0].splitlines()
    assert head[0] == "HTTP/1.1 401 Unauthorized"
    assert f'Www-Authenticate: Bearer realm="https://{LS}/oauth2/token",service="{LS}"' in head
    assert json.loads(r.stdout.split("\n\n", 1)[1])["errors"][0]["code"] == "UNAUTHORIZED"
    r = lab.run(FLOW + f"""
CAT=$(token 'registry:catalog:*')
curl -s -H "Authorization: Bearer $CAT" https://{LS}/v2/_catalog; echo
TAGS=$(token repository:hello-world:pull)
curl -s -H "Authorization: Bearer $TAGS" https://{LS}/v2/hello-world/tags/list; echo
curl -s -D h.txt -H "Authorization: Bearer $CAT" "https://{LS}/v2/_catalog?n=1" ; echo
grep Link h.txt""")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert json.loads(lines[0]) == {"repositories": ["alpine", "hello-world"]}
    assert json.loads(lines[1]) == {"name": "hello-world", "tags": ["v1", "v2"]}
    assert json.loads(lines[2]) == {"repositories": ["alpine"]}
    assert lines[3] == 'Link: </v2/_catalog?last=alpine&n=1&orderby=>; rel="next"'


def test_basic_admin_credentials_and_the_password_grant(lab):
    user, password = REG, lab.run(f"az acr credential show -n {REG} --query 'passwords[0].value' -o tsv").stdout.strip()
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    r = lab.run(f'curl -s -H "Authorization: Basic {basic}" https://{LS}/v2/_catalog')
    assert json.loads(r.stdout) == {"repositories": ["alpine", "hello-world"]}
    r = lab.run(f'curl -s -H "Authorization: Basic {basic}" "https://{LS}/oauth2/token?service={LS}&scope='
                f'repository:alpine:pull" | jq -r .access_token')
    token = r.stdout.strip()
    r = lab.run(f'curl -s -o /dev/null -w "%{{http_code}}" -H "Authorization: Bearer {token}" '
                f'https://{LS}/v2/alpine/manifests/3')
    assert r.stdout == "200"
    r = lab.run(f'curl -s -d "grant_type=password&service={LS}&username={user}&password=wrong&scope=x:y:pull" '
                f'-w " %{{http_code}}" https://{LS}/oauth2/token')
    assert r.stdout.endswith(" 401")


def test_a_token_covers_only_its_scope_and_rbac_still_decides(lab):
    r = lab.run(FLOW + f"""
PULL=$(token repository:hello-world:pull)
curl -s -X DELETE -w ' %{{http_code}}' -H "Authorization: Bearer $PULL" https://{LS}/v2/hello-world/manifests/v1""")
    body, status = r.stdout.rsplit(" ", 1)
    assert status == "401"
    assert json.loads(body)["errors"][0]["detail"] == [{"Type": "repository", "Name": "hello-world",
                                                        "Action": "delete"}]
    # a principal with no data role gets a token (the exchange checks identity only) that grants nothing, so the
    # registry answers 401 (tests/web/test_registry_token_access.py: the access claim and the use-time decision)
    lab.run("APP=$(az ad sp create-for-rbac -n nobody --query appId -o tsv)")
    nobody = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, err = nobody.run(FLOW + f"""
PULL=$(token repository:hello-world:pull)
curl -s -H "Authorization: Bearer $PULL" https://{LS}/v2/hello-world/manifests/v1""")
    assert code == 0, err
    assert json.loads(out)["errors"][0]["code"] == "UNAUTHORIZED"


def test_network_rules_refuse_the_workstation(lab):
    assert lab.run(f"az acr update -n {REG} --default-action Deny -o none").exit_code == 0
    r = lab.run(f"curl -s -w ' %{{http_code}}' https://{LS}/v2/")
    body, status = r.stdout.rsplit(" ", 1)
    assert status == "403" and "is not allowed access" in json.loads(body)["errors"][0]["message"]


def _send(lab, method, path, token=None, body=b"", headers=None, query=""):
    h = {"Authorization": f"Bearer {token}"} if token else {}
    h.update(headers or {})
    return web_client.send(lab.session, method, f"https://{LS}{path}{query}", h, body)


def _download(lab, path, token):
    """A blob GET answers 307; the bytes are at its Location, fetched without the registry's Authorization."""
    r = _send(lab, "GET", path, token)
    assert r.status == 307, r.status
    return web_client.send(lab.session, "GET", r.headers["Location"], {}, b"")


def _token(lab, scope: str) -> str:
    r = lab.run(FLOW + f"\ntoken '{scope}'")
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def test_push_blobs_and_a_manifest_over_http_then_docker_and_az_see_them(lab):
    token = _token(lab, "repository:web/app:pull,push")
    config = json.dumps({"architecture": "arm64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode()
    layer = bytes(range(256)) * 3
    c_digest = "sha256:" + hashlib.sha256(config).hexdigest()
    l_digest = "sha256:" + hashlib.sha256(layer).hexdigest()
    r = _send(lab, "POST", "/v2/web/app/blobs/uploads/", token, config, query=f"?digest={c_digest}")
    assert (r.status, r.headers["Docker-Content-Digest"]) == (201, c_digest)
    r = _send(lab, "POST", "/v2/web/app/blobs/uploads/", token)
    assert r.status == 202 and r.headers["Range"] == "0-0"
    location = r.headers["Location"].split("?")[0]
    r = _send(lab, "PATCH", location, token, layer[:500])
    assert (r.status, r.headers["Range"]) == (202, "0-499")
    bad = _send(lab, "PUT", location, token, layer[500:], query="?digest=sha256:" + "0" * 64)
    assert bad.status == 400 and bad.json()["errors"][0]["code"] == "DIGEST_INVALID"
    r = _send(lab, "PUT", location, token, layer[500:], query=f"?digest={l_digest}")
    assert (r.status, r.headers["Docker-Content-Digest"]) == (201, l_digest)
    assert _send(lab, "GET", location, token).status == 404  # the upload session is closed
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": c_digest,
                                      "size": len(config)},
                           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                       "digest": l_digest, "size": len(layer)}]}, indent=1).encode()
    oci = {"Content-Type": "application/vnd.oci.image.manifest.v1+json"}
    r = _send(lab, "PUT", "/v2/web/app/manifests/v1", token, manifest, oci)
    digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
    assert (r.status, r.headers["Docker-Content-Digest"]) == (201, digest)
    assert r.headers["Location"] == f"/v2/web/app/manifests/{digest}"
    got = _send(lab, "GET", f"/v2/web/app/manifests/{digest}", token)
    assert got.body == manifest and got.headers["Content-Type"] == oci["Content-Type"]
    assert _download(lab, f"/v2/web/app/blobs/{l_digest}", token).body == layer
    r = lab.run(f"az acr manifest list-metadata -r {REG} -n web/app --query '[0].[digest, architecture]' -o tsv")
    assert r.stdout.split() == [digest, "arm64"]
    assert lab.run(f"az acr login -n {REG} && docker pull {LS}/web/app:v1").exit_code == 0
    missing = manifest.replace(l_digest.encode(), b"sha256:" + b"1" * 64)
    r = _send(lab, "PUT", "/v2/web/app/manifests/v2", token, missing, oci)
    assert (r.status, r.json()["errors"][0]["code"]) == (400, "MANIFEST_BLOB_UNKNOWN")
    r = _send(lab, "PUT", "/v2/web/app/manifests/v3", token, b"not json", oci)
    assert (r.status, r.json()["errors"][0]["code"]) == (400, "MANIFEST_INVALID")


def test_acr_v1_attributes_lock_a_tag_against_docker_push(lab):
    token = _token(lab, "repository:hello-world:metadata_read,metadata_write")
    r = _send(lab, "PATCH", "/acr/v1/hello-world/_tags/v1", token, b'{"writeEnabled": false}',
              {"Content-Type": "application/json"})
    assert r.status == 200 and r.json()["tag"]["changeableAttributes"]["writeEnabled"] is False
    r = _send(lab, "GET", "/acr/v1/hello-world/_tags", token, query="?orderby=timedesc&n=1")
    assert r.json()["imageName"] == "hello-world" and len(r.json()["tags"]) == 1 and "Link" in r.headers
    r = lab.run(f"az acr login -n {REG} && docker pull alpine -q && docker tag alpine {LS}/hello-world:v1 && "
                f"docker push {LS}/hello-world:v1")
    assert r.exit_code == 1 and "disallowed" in r.stderr.lower()


def test_soft_deleted_tags_are_listed_and_restored_through_acr_v1(lab):
    assert lab.run(f"az acr config soft-delete update -r {REG} --status enabled --days 7 --yes -o none "
                   f"&& az acr repository untag -n {REG} --image hello-world:v2").exit_code == 0
    token = _token(lab, "repository:hello-world:deleted_read,deleted_restore")
    rows = _send(lab, "GET", "/acr/v1/_deleted/hello-world/_tags", token).json()["tags"]
    assert [(t["tag"], "deletedAt" in t) for t in rows] == [("v2", True)]
    r = _send(lab, "POST", f"/acr/v1/_deleted/hello-world/_manifests/{rows[0]['digest']}", token,
              b'{"tag": "v2"}', {"Content-Type": "application/json"}, "?force=false")
    assert (r.status, r.json()) == (200, {"digest": rows[0]["digest"], "tag": "v2"})
    assert lab.run(f"az acr repository show-tags -n {REG} --repository hello-world -o tsv").stdout.split() == \
        ["v1", "v2"]


def test_referrers_list_an_attached_artifact(lab):
    lab.write_file("sbom.json", '{"sbom": true}')
    r = lab.run(f"az acr login -n {REG} && oras attach {LS}/hello-world:v1 --artifact-type application/spdx+json "
                "sbom.json")
    assert r.exit_code == 0, r.stderr
    digest = lab.cloud.find_registry(REG).store.repositories["hello-world"].tags["v1"].digest
    token = _token(lab, "repository:hello-world:pull")
    r = _send(lab, "GET", f"/v2/hello-world/referrers/{digest}", token)
    assert r.status == 200 and [m["artifactType"] for m in r.json()["manifests"]] == ["application/spdx+json"]
    assert r.json()["mediaType"] == "application/vnd.oci.image.index.v1+json"
    blob = r.json()["manifests"][0]["digest"]
    files = json.loads(_send(lab, "GET", f"/v2/hello-world/manifests/{blob}", token).body)["layers"]
    assert _download(lab, f"/v2/hello-world/blobs/{files[0]['digest']}", token).body == b'{"sbom": true}'


def test_unknown_registries_do_not_resolve_and_bad_paths_answer_json(lab):
    r = lab.run("curl -s https://nosuchreg.azurecr.io/v2/")
    assert r.exit_code == 6
    with pytest.raises(web.WebError):
        web.request(lab.cloud, "GET", "https://nosuchreg.azurecr.io/v2/")
    r = _send(lab, "GET", "/v2/Bad..Name/tags/list")
    assert r.status in (401, 404) and r.json()["errors"]
    r = _send(lab, "POST", "/oauth2/token", body=b"grant_type=refresh_token&scope=nonsense")
    assert (r.status, r.json()["errors"][0]["code"]) == (400, "INVALID_SCOPE")
    r = _send(lab, "POST", "/oauth2/exchange", body=b"grant_type=access_token&access_token=forged")
    assert r.status == 401


def test_anonymous_callers_meet_the_challenge_before_any_body_check(lab):
    for method, path, body in [("PATCH", "/acr/v1/hello-world", b"[1]"),
                               ("POST", f"/acr/v1/_deleted/hello-world/_manifests/sha256:{'0' * 64}", b"{"),
                               ("GET", "/acr/v1/_deleted/_catalog", b""),
                               ("PUT", "/v2/hello-world/manifests/v9", b"not json")]:
        r = _send(lab, method, path, body=body)
        assert r.status == 401 and "Www-Authenticate" in r.headers, (method, path, r.status)
    r = _send(lab, "POST", "/oauth2/token", body=f"grant_type=password&service={LS}&username=&password=".encode())
    assert r.status == 401  # an empty password grant is no anonymous sign-in


def test_anonymous_pull_gets_a_token_for_pull_only(lab):
    r = _send(lab, "GET", "/oauth2/token", query=f"?service={LS}&scope=repository:hello-world:pull")
    assert r.status == 401  # anonymous pull is off
    assert lab.run(f"az acr update -n {REG} --anonymous-pull-enabled true -o none").exit_code == 0
    token = _send(lab, "GET", "/oauth2/token", query=f"?service={LS}&scope=repository:hello-world:pull").json()
    r = _send(lab, "GET", "/v2/hello-world/manifests/v1", token["access_token"])
    assert r.status == 200
    r = _send(lab, "GET", "/oauth2/token", query=f"?service={LS}&scope=repository:hello-world:pull,push")
    assert r.status == 401


def test_artifact_streaming_over_acr_v1(lab):
    # Azure/azure-cli acr/artifact_streaming.py: the /_streaming and /_operations paths and their bodies
    token = _token(lab, "repository:alpine:pull,push")
    r = _send(lab, "GET", "/acr/v1/alpine/_streaming", token)
    assert r.status == 200 and r.json()["convertPushedImages"] is False
    r = _send(lab, "POST", "/acr/v1/alpine/_streaming", token, json.dumps(
        {"convertPushedImages": True, "conversionFormat": "overlaybd", "conversionVersion": "v1"}).encode(),
        {"Content-Type": "application/json"})
    assert r.status == 200 and r.json()["convertPushedImages"] is True
    assert lab.run(f"az acr artifact-streaming show -n {REG} --repository alpine --query convertPushedImages"
                   ).stdout.strip() == "true"
    digest = lab.cloud.find_registry(REG).store.repositories["alpine"].tags["3"].digest
    r = _send(lab, "POST", f"/acr/v1/alpine/_streaming/{digest}", token, b"{}", {"Content-Type": "application/json"})
    assert r.status == 202 and r.json()["status"] == "Running"
    op = r.json()["id"]
    assert r.headers["Location"] == f"https://{LS}/acr/v1/alpine/_operations/{op}"
    assert _send(lab, "GET", f"/acr/v1/alpine/_streaming/{digest}", token).json() == {"id": op, "status": "Running"}
    r = _send(lab, "POST", f"/acr/v1/alpine/_operations/{op}:cancel", token)
    assert r.status == 200 and r.json()["status"] == "Canceled"
    r = _send(lab, "GET", f"/acr/v1/alpine/_operations/{op}", token)
    assert r.json()["name"] == "ArtifactStreamingConversion" and r.json()["status"] == "Canceled"
    # a pull-only token cannot change the settings
    pull = _token(lab, "repository:alpine:pull")
    r = _send(lab, "POST", "/acr/v1/alpine/_streaming", pull, b'{"convertPushedImages": false}',
              {"Content-Type": "application/json"})
    assert r.status == 401 and lab.run(f"az acr artifact-streaming show -n {REG} --repository alpine "
                                       "--query convertPushedImages").stdout.strip() == "true"
