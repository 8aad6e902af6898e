"""Microsoft.KeyVault/vaults/accessPolicies (name `add`, `replace` or `remove`), the child type the ACR Transfer
templates deploy to let a pipeline's identity get the SAS secret (Azure/acr docs/image-transfer ExportPipelines and
ImportPipelines azuredeploy.json). Applied through the engine's authorizing function (keyvault_secrets
.set_access_policy: accessPolicies/write, refused on a vault that uses Azure RBAC). `add` adds the permissions to
the principal's policy, `replace` sets them, `remove` takes them away (Key Vault REST API Vaults_UpdateAccessPolicy,
operationKind)."""

from __future__ import annotations

from ..engine import keyvault
from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from .provider_base import Handler, ResourceFailure

ACCESS = "Microsoft.KeyVault/vaults/accessPolicies"
KINDS = ("keys", "secrets", "certificates")


def _vault(cloud: Cloud, p: dict):
    return next((v for v in keyvault.vaults(cloud).values() if v.resource_group.lower() == (p["rg"] or "").lower()
                 and v.name.lower() == p["names"][0].lower()), None)


def read_access(cloud: Cloud, p: dict) -> dict | None:
    from ..engine.keyvault_secrets import access_policies
    v = _vault(cloud, p)
    if v is None or len(p["names"]) < 2:
        return None
    return {"id": f"{v.id}/accessPolicies/{p['names'][1]}", "name": p["names"][1], "type": ACCESS,
            "properties": {"accessPolicies": [a.to_json() for a in access_policies(cloud, v)]}}


def put_access(cloud: Cloud, caller: Principal, p: dict, rid: str, body: dict) -> None:
    from ..engine.keyvault_secrets import access_policies, set_access_policy
    v = _vault(cloud, p)
    if v is None:
        raise ResourceFailure("ParentResourceNotFound", "Can not perform requested operation on nested resource. "
                              f"Parent resource '{p['names'][0]}' not found.")
    kind = p["names"][1].lower() if len(p["names"]) > 1 else ""
    if kind not in ("add", "replace", "remove"):
        raise ResourceFailure("BadRequest", f"The operation kind '{p['names'][1] if len(p['names']) > 1 else ''}' is "
                              "not valid. Valid values are add, replace and remove.")
    entries = (body.get("properties") or {}).get("accessPolicies")
    if not isinstance(entries, list) or not entries:
        raise ResourceFailure("BadRequest", "The accessPolicies property is required.")
    for entry in entries:
        object_id = str((entry or {}).get("objectId") or "")
        if not object_id:
            raise ResourceFailure("BadRequest", "Each access policy needs an objectId.")
        wanted = {k: [str(x).lower() for x in ((entry.get("permissions") or {}).get(k) or [])] for k in KINDS}
        current = next((a for a in access_policies(cloud, v) if a.object_id.lower() == object_id.lower()), None)
        have = {k: list(getattr(current, k)) if current is not None else [] for k in KINDS}
        if kind == "add":
            new = {k: have[k] + [x for x in wanted[k] if x not in have[k]] for k in KINDS}
        elif kind == "remove":
            new = {k: [x for x in have[k] if x not in wanted[k]] for k in KINDS}
        else:
            new = wanted
        set_access_policy(cloud, caller, v, object_id, new["secrets"], new["keys"], new["certificates"])


HANDLERS = [Handler(ACCESS, read_access, put_access)]
DEPLOYABLE = [ACCESS]
