"""The ACR access token's `access` claim lists, of the actions asked for, only those the caller holds when the token
is issued (the token service's intersection of requested and granted actions; lacking an action is no error, the
action is just left out), and the registry still decides each request when the token is used, so a role removed
after issue refuses at once.

Sources: Azure/acr docs/AAD-OAuth.md (POST /oauth2/token with scope, the access token's claim set: `access` with
type, name, actions); docker/distribution docs/spec/auth/jwt.md (the token server takes "the intersection of the set
of requested actions on each resource and the set of actions that the client has in fact been granted", and a
subset of the requested access is not an error); MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-roles.md (AcrPull: pull only; AcrPush: pull and push). The lab's own reading, no source found: a
scope with nothing granted is kept in the claim with an empty actions list."""

from __future__ import annotations

import base64
import json

from .test_registry_http import FLOW, LS, REG, SETUP  # noqa: F401  (SETUP prepares the lab fixture)


def _claims(jwt: str) -> dict:
    body = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _access(run, scope: str) -> tuple[str, list]:
    code, out, err = run(FLOW + f"\ntoken '{scope}'")
    assert code == 0, err
    token = out.strip()
    return token, _claims(token)["access"]


def _operator(lab, role: str):
    app = lab.run(f"az ad sp create-for-rbac -n op{role.lower()} --query appId -o tsv").stdout.strip()
    rid = lab.run(f"az acr show -n {REG} --query id -o tsv").stdout.strip()
    assert lab.run(f"az role assignment create --assignee {app} --role {role} --scope {rid} -o none").exit_code == 0
    session = lab.new_session(lab.cloud.tenant.find_principal(app))
    return session, app, rid


def test_the_claim_is_what_the_caller_holds(lab):
    def run(text):
        r = lab.run(text)
        return r.exit_code, r.stdout, r.stderr
    _, access = _access(run, "repository:hello-world:pull,push,delete registry:catalog:*")
    assert access == [{"type": "repository", "name": "hello-world", "actions": ["delete", "pull", "push"]},
                      {"type": "registry", "name": "catalog", "actions": ["*"]}]  # the learner is Owner
    puller, _, _ = _operator(lab, "AcrPull")
    _, access = _access(puller.run, "repository:hello-world:pull,push registry:catalog:*")
    assert access == [{"type": "repository", "name": "hello-world", "actions": ["pull"]},
                      {"type": "registry", "name": "catalog", "actions": ["*"]}]
    _, access = _access(puller.run, "repository:hello-world:*")
    assert access == [{"type": "repository", "name": "hello-world", "actions": ["metadata_read", "pull"]}]
    pusher, _, _ = _operator(lab, "AcrPush")
    _, access = _access(pusher.run, "repository:hello-world:pull,push,delete")
    assert access == [{"type": "repository", "name": "hello-world", "actions": ["pull", "push"]}]


def test_a_token_grants_only_its_claim_and_the_registry_decides_again_at_use(lab):
    puller, app, rid = _operator(lab, "AcrPull")
    token, access = _access(puller.run, "repository:hello-world:pull,delete")
    assert access == [{"type": "repository", "name": "hello-world", "actions": ["pull"]}]
    auth = f'-H "Authorization: Bearer {token}"'
    code, out, _ = puller.run(f"curl -s -o /dev/null -w '%{{http_code}}' {auth} https://{LS}/v2/hello-world/manifests/v1")
    assert out == "200"
    # asked for but not granted: the token does not cover it, and the registry challenges for it
    code, out, _ = puller.run(f"curl -si -X DELETE {auth} https://{LS}/v2/hello-world/manifests/v1")
    assert out.startswith("HTTP/1.1 401 Unauthorized") and 'scope="repository:hello-world:delete"' in out
    # the role goes after the token was issued: the next request is refused by the data plane
    assert lab.run(f"az role assignment delete --assignee {app} --role AcrPull --scope {rid}").exit_code == 0
    code, out, _ = puller.run(f"curl -s {auth} https://{LS}/v2/hello-world/manifests/v1")
    assert json.loads(out)["errors"][0]["code"] == "DENIED"
