"""Key Vault secrets in ACR Tasks: the task file's `secrets:` and task credentials given as secret URIs.

A task file declares `secrets: - id: NAME, keyvault: https://<vault>.vault.azure.net/secrets/<name>[/<version>],
clientID: <user-assigned identity client id>` (optional; else the task's system-assigned identity) and uses them
as `{{.Secrets.NAME}}` or `{{index .Secrets "NAME"}}`, optionally piped to `b64enc`. The agent fetches each secret
with the task's managed identity before the first step, so the identity needs `get` on the vault's secrets (an
access policy, or a Key Vault role on an Azure RBAC vault); a failure fails the run before any step.
`az acr task credential add -u/-p https://<vault>.../secrets/...` likewise reads the username and password with
the credential's identity (`--use-identity`) when the run first needs that registry.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-reference-yaml.md
(secrets, aliases), container-registry-tasks-authentication-key-vault.md, tasks-consume-public-content.md; the
validation and error wording follow Azure/acr-builder pkg/secretmgmt/secret.go, secrets.go and
pkg/azurekeyvault/azurekeyvault.go.
"""

from __future__ import annotations

import base64
import re

from .errors import AzureError
from .tasks_cmd import StepFailed

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_PLACEHOLDER = re.compile(r"__ACB_SECRET_([0-9a-f]+)_(raw|b64)__")
_REFERENCE = re.compile(r"\{\{-?\s*(?:\.Secrets\.([A-Za-z0-9_]+)|index\s+\.Secrets\s+\"([^\"]+)\")\s*"
                        r"(\|\s*b64enc\s*)?-?\}\}")
_LITERAL = re.compile(r"\{\{-?\s*\"((?:[^\"\\]|\\.)*)\"\s*\|\s*b64enc\s*-?\}\}")


def template(text: str) -> str:
    """Secret references become placeholders the YAML parser keeps (the values come at run time); a quoted literal
    piped to b64enc is encoded now, as Go's template does."""
    def literal(m: re.Match) -> str:
        return base64.b64encode(m.group(1).encode().decode("unicode_escape").encode()).decode()

    def reference(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        return f"__ACB_SECRET_{name.encode().hex()}_{'b64' if m.group(3) else 'raw'}__"
    return _REFERENCE.sub(reference, _LITERAL.sub(literal, text))


def declarations(doc: dict) -> list[dict]:
    """The file's `secrets:` entries, validated as acb validates them (the run fails with its text otherwise)."""
    raw = doc.get("secrets") or []
    if not isinstance(raw, list):
        raise StepFailed("failed to parse the task file: secrets must be a list")
    out = []
    for item in raw:
        if not isinstance(item, dict):
            raise StepFailed("failed to parse the task file: each secret must be a mapping")
        sid, vault, client = (str(item.get(k) or "").strip() for k in ("id", "keyvault", "clientID"))
        if not sid:
            raise StepFailed("secret is missing an ID as well as auto-generated ID")
        if any(c.isspace() for c in sid):
            raise StepFailed("secret ID cannot contain spaces")
        if not vault:
            raise StepFailed("secret should contain either keyvault property for vault secret, or msi "
                             "clientID/aadResourceId for msi authentication")
        if client and not _UUID.match(client):
            raise StepFailed("msi client ID is not a valid guid")
        out.append({"id": sid, "keyvault": vault, "clientID": client})
    return out


def _uri_error(uri: str) -> str | None:
    """azurekeyvault.NewAKVSecretConfig's checks of a secret URL."""
    text = uri.strip().lower().rstrip("/")
    if not text.startswith("https://"):
        return "invalid azure keyvault secret URL scheme. Expected Https"
    segments = ("/" + text[len("https://"):].partition("/")[2]).split("/")
    if len(segments) not in (3, 4):
        return f"invalid azure keyvault secret URL. Bad number of URL segments: {len(segments)}"
    if segments[1] != "secrets":
        return f"invalid azure keyvault secret URL. Expected 'secrets' collection, but found: {segments[1]}"
    return None


def read(cloud, identities: dict[str, str], uri: str, client_id: str = "") -> str:
    """A secret's value read with the task identity named by `client_id` ('' or '[system]': the system-assigned
    one); raises StepFailed with the agent's error text."""
    from .keyvault_secrets import read_secret_value

    bad = _uri_error(uri)
    if bad:
        raise StepFailed(f"failed to create key vault secret config: {bad}")
    key = client_id if client_id and client_id != "[system]" else "[system]"
    oid = next((v for k, v in identities.items() if k.lower() == key.lower()), None)
    if oid is None and not client_id and len(identities) == 1:  # as the instance metadata service answers a token
        oid = next(iter(identities.values()))                   # request without a client ID: the only identity
    principal = cloud.tenant.principals.get(oid or "")
    if principal is None:
        which = (f"the run's task has no user-assigned identity with client ID {client_id}" if key != "[system]"
                 else "the run has no system-assigned identity (a task's: az acr task create --assign-identity)")
        raise StepFailed("failed to fetch key vault secret: failed to create azure key vault client: no managed "
                         f"identity to get a token with: {which}")
    try:
        return read_secret_value(cloud, principal, uri)
    except AzureError as e:
        host = uri.strip()[len("https://"):].split("/", 1)[0].lower()
        reason = (f'dial tcp: lookup {host}: no such host' if e.code == "ResourceNotFound"
                  else f"keyvault.BaseClient#GetSecret: Failure responding to request: StatusCode={e.status} -- "
                       f"Original Error: autorest/azure: Service returned an error. Status={e.status} "
                       f"Code=\"{e.code}\" Message=\"{' '.join(e.message.split())}\"")
        raise StepFailed("failed to fetch key vault secret: failed to fetch secret value from azure key vault "
                         f"client: {reason}") from None


def resolve(cloud, spec) -> dict[str, str]:
    """Every declared secret's value (the agent resolves them before the first step)."""
    return {s["id"]: read(cloud, spec.identities, s["keyvault"], s["clientID"]) for s in spec.secrets}


def substitute(value, secrets: dict[str, str]):
    """A step value (text or list) with its secret placeholders replaced."""
    def one(text: str) -> str:
        def sub(m: re.Match) -> str:
            name = bytes.fromhex(m.group(1)).decode()
            if name not in secrets:
                raise StepFailed(f'template: acb: map has no entry for key "{name}"')
            return base64.b64encode(secrets[name].encode()).decode() if m.group(2) == "b64" else secrets[name]
        return _PLACEHOLDER.sub(sub, text)
    return [one(v) for v in value] if isinstance(value, list) else one(value)


def fetch(agent) -> str | None:
    """Resolve the run's secrets into its steps; the error text (logged) if one cannot be read."""
    try:
        values = resolve(agent.cloud, agent.spec)
        agent.spec.steps = [s.model_copy(update={"value": substitute(s.value, values)}) for s in agent.spec.steps]
    except StepFailed as e:
        agent.lines.append(str(e))
        return str(e)
    return None
