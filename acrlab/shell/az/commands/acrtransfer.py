"""The acrtransfer extension (bundled; see ../extensions.py): az acr export-pipeline|import-pipeline
create|delete|list|show and az acr pipeline-run create|delete|list|show|clean (preview).

As azure-cli-extensions src/acrtransfer does: _params.py (options and their short forms), _validators.py (an
unknown --storage-access-mode or a --secret-uri that does not fit it is an error; odd URIs, options and pipeline
types only warn), exportpipeline.py / importpipeline.py (URIs lower-cased, a system identity unless --assign-identity
names one, the permission guidance printed after create), pipelinerun.py (":latest" added to an artifact without a
tag, --force-redeploy sends a new forceUpdateTag, list --top keeps the last n, clean deletes the Failed runs) and
_format.py (the -o table columns). Output is the SDK models as az prints them: properties flattened, unset ones null."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import AzureError, CliError
from ..framework import Arg, command, group
from ..output import get_value
from .acr import rows_of

group("acr export-pipeline", "Manage ACR export pipelines.")
group("acr import-pipeline", "Manage ACR import pipelines.")
group("acr pipeline-run", "Manage ACR import and export pipeline-runs.")

CR = "Microsoft.ContainerRegistry/registries"
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")
REG = Arg("registry_name", "--registry -r", "Name of registry.", required=True)
URI = Arg("storage_account_container_uri", "--storage-container-uri -c", "Storage account container URI of the source "
          "or target storage account container of the form https://$MyStorageAccount.blob.core.windows.net/"
          "$MyContainer. Note that the URI may be different outside of AzureCloud.", required=True)
MODE = Arg("storage_access_mode", "--storage-access-mode -m", "Storage account access mode. Allowed values: "
           "ManagedIdentity, SasToken. When using ManagedIdentity, a managed identity is required (use "
           "--assign-identity).", required=True)
SECRET = Arg("keyvault_secret_uri", "--secret-uri -s", "Keyvault secret URI containing a valid SAS token to the "
             "associated storage account of the form https://$MyKeyvault.vault.azure.net/secrets/$MySecret. Note that "
             "the URI may be different outside of AzureCloud. Required when --storage-access-mode is SasToken.")
IDENTITY = Arg("user_assigned_identity_resource_id", "--assign-identity -i", "Managed identity for the pipeline. "
               "Provide a user-assigned identity resource ID of the form /subscriptions/$MySubID/resourceGroups/$MyRG/"
               "providers/Microsoft.ManagedIdentity/userAssignedIdentities/$MyIdentity, or use [system] to provision "
               "a system-assigned identity.")
MODES = ("ManagedIdentity", "SasToken")
EXPORT_OPTIONS = ["OverwriteBlobs", "ContinueOnErrors"]
IMPORT_OPTIONS = ["OverwriteTags", "DeleteSourceBlobOnSuccess", "ContinueOnErrors"]
KIND = {"export": ("exportPipelines", "Export"), "import": ("importPipelines", "Import")}


def _flat_endpoint(e: dict | None) -> dict | None:
    if e is None:
        return None
    return {"keyVaultUri": e.get("keyVaultUri"), "storageAccessMode": e.get("storageAccessMode"),
            "type": e.get("type"), "uri": e.get("uri")}


def _flat_identity(i: dict | None) -> dict | None:
    if i is None:
        return None
    users = i.get("userAssignedIdentities")
    return {"principalId": i.get("principalId"), "tenantId": i.get("tenantId"), "type": i.get("type"),
            "userAssignedIdentities": {k: {"clientId": v.get("clientId"), "principalId": v.get("principalId")}
                                       for k, v in users.items()} if users else None}


def _rg(arm: dict) -> str:
    return arm["id"].split("/")[4]


def pipeline_json(arm: dict) -> dict:
    """An ExportPipeline / ImportPipeline model as az prints it."""
    p = arm["properties"]
    out = {"id": arm["id"], "identity": _flat_identity(arm.get("identity")), "location": arm.get("location"),
           "name": arm["name"], "options": p.get("options"), "provisioningState": p.get("provisioningState"),
           "resourceGroup": _rg(arm), "systemData": arm.get("systemData"), "type": arm["type"]}
    if "target" in p:
        out["target"] = _flat_endpoint(p["target"])
    else:
        out["source"] = _flat_endpoint(p.get("source"))
        trig = (p.get("trigger") or {}).get("sourceTrigger")
        out["trigger"] = {"sourceTrigger": {"status": trig.get("status")} if trig else None}
    return out


def _blob(b: dict | None) -> dict | None:
    return {"name": b.get("name"), "type": b.get("type")} if b else None


def run_json(arm: dict) -> dict:
    """A PipelineRun model as az prints it."""
    p, req, resp = arm["properties"], arm["properties"]["request"], arm["properties"].get("response") or {}
    trig = (resp.get("trigger") or {}).get("sourceTrigger")
    return {
        "forceUpdateTag": p.get("forceUpdateTag"), "id": arm["id"], "location": arm.get("location"),
        "name": arm["name"], "provisioningState": p.get("provisioningState"),
        "request": {"artifacts": req.get("artifacts"), "catalogDigest": req.get("catalogDigest"),
                    "pipelineResourceId": req.get("pipelineResourceId"), "source": _blob(req.get("source")),
                    "target": _blob(req.get("target"))},
        "resourceGroup": _rg(arm),
        "response": {"catalogDigest": resp.get("catalogDigest"), "finishTime": resp.get("finishTime"),
                     "importedArtifacts": resp.get("importedArtifacts"),
                     "pipelineRunErrorMessage": resp.get("pipelineRunErrorMessage"),
                     "progress": resp.get("progress"), "source": _flat_endpoint(resp.get("source")),
                     "startTime": resp.get("startTime"), "status": resp.get("status"),
                     "target": _flat_endpoint(resp.get("target")),
                     "trigger": {"sourceTrigger": trig} if trig else None},
        "systemData": arm.get("systemData"), "type": arm["type"]}


# -- tables (_format.py) ------------------------------------------------------------------------------------------

def export_table(result):
    return [{"NAME": get_value(r, "name"), "PROVISIONING_STATE": get_value(r, "provisioningState"),
             "STORAGE_ACCOUNT": get_value(r, "target", "uri")} for r in rows_of(result)]


def import_table(result):
    return [{"NAME": get_value(r, "name"), "PROVISIONING_STATE": get_value(r, "provisioningState"),
             "STORAGE_ACCOUNT": get_value(r, "source", "uri"),
             "SOURCE_TRIGGER": get_value(r, "trigger", "sourceTrigger", "status")} for r in rows_of(result)]


def _duration(start: str, finish: str) -> str:
    from datetime import datetime
    try:
        d = datetime.fromisoformat(finish) - datetime.fromisoformat(start)
    except (TypeError, ValueError):
        return " "
    return f"{24 * d.days + d.seconds // 3600:02d}:{d.seconds % 3600 // 60:02d}:{d.seconds % 60:02d}"


def run_table(result):
    rows = []
    for r in rows_of(result):
        row = {"NAME": get_value(r, "name"),
               "PIPELINE": get_value(r, "request", "pipelineResourceId").split("/")[-1],
               "START_TIME": get_value(r, "response", "startTime").split(".", 1)[0],
               "DURATION": _duration(get_value(r, "response", "startTime"), get_value(r, "response", "finishTime"))}
        if "importPipelines" in get_value(r, "request", "pipelineResourceId"):
            row["SOURCE_TRIGGER"] = str("_" in get_value(r, "name"))
        rows.append({**row, "STATUS": get_value(r, "response", "status"),
                     "ERROR_MESSAGE": get_value(r, "response", "pipelineRunErrorMessage")})
    return rows


# -- pipelines --------------------------------------------------------------------------------------------------

def _pipeline_id(ctx, a, kind: str, name: str) -> str:
    sub = ctx.subscription.subscription_id
    return (f"/subscriptions/{sub}/resourceGroups/{a.resource_group}/providers/{CR}/{a.registry_name}/"
            f"{KIND[kind][0]}/{name}")


def _validate(ctx, a, allowed: list[str]) -> str | None:
    """_validators.py, in the order az runs them; returns the user-assigned identity id (None: system)."""
    if "https://" not in a.storage_account_container_uri:
        ctx.warn("Invalid storage account container URI. Please provide a storage account container URI of the form "
                 "https://$MyStorageAccount.blob.core.windows.net/$MyContainer. Note - The exact URI form may be "
                 "different outside of AzureCloud.")
    if a.storage_access_mode not in MODES:
        raise CliError(f"Invalid storage access mode '{a.storage_access_mode}'. Allowed values: {', '.join(MODES)}")
    if a.storage_access_mode == "ManagedIdentity" and a.keyvault_secret_uri is not None:
        raise CliError("The '--secret-uri' flag cannot be supplied when 'ManagedIdentity' is chosen for the flag "
                       "'--storage-access-mode'.")
    if a.storage_access_mode == "SasToken" and a.keyvault_secret_uri is None:
        raise CliError("--secret-uri is required when --storage-access-mode is SasToken")
    uri = a.keyvault_secret_uri
    if uri is not None and ("https://" not in uri or "/secrets/" not in uri):
        ctx.warn("Invalid keyvault secret URI. Please provide a keyvault secret URI of the form "
                 "https://$MyKeyvault.vault.azure.net/secrets/$MySecret. Note - The exact URI form may be different "
                 "outside of AzureCloud.")
    ident = a.user_assigned_identity_resource_id
    if ident is not None and ident.lower() == "[system]":
        ident = None
    elif ident is not None and "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" not in ident:
        ctx.warn("Invalid user assigned identity resource ID. Please provide a user assigned identity resource ID of "
                 "the form /subscriptions/$MySubID/resourceGroups/$MyRG/providers/Microsoft.ManagedIdentity/"
                 "userAssignedIdentities/$MyIdentity or use [system] for system-assigned identity.")
    if a.options is not None and not set(a.options) <= set(allowed):
        ctx.warn(f"Allowed options are: {allowed}")
        ctx.warn("Invalid option found in options parameter. Please provide a space-separated list of allowed "
                 "options.")
    return ident


def _guidance(ctx, a, result: dict, kind: str, uri: str, secret: str | None) -> None:
    ident = result.get("identity") or {}
    principal = ident.get("principalId") or next(
        (v.get("principalId") for v in (ident.get("userAssignedIdentities") or {}).values() if v), None)
    if not principal:
        return
    sub, rg = ctx.subscription.subscription_id, a.resource_group
    if a.storage_access_mode == "ManagedIdentity":
        role = "Storage Blob Data Contributor" if kind == "export" else "Storage Blob Data Reader"
        name = uri.split("//", 1)[-1].split(".", 1)[0]
        scope, what = f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}", \
            "the Storage Account Blob Container"
        note = "Storage Account"
    elif secret:
        role, name = "Key Vault Secrets User", secret.split("//", 1)[-1].split(".", 1)[0]
        scope = f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}"
        what, note = "the Key Vault Secret containing the Storage Account SAS Key", "Key Vault"
    else:
        return
    for line in ("", f"Please ensure that the Managed Identity of the pipeline (Object ID: {principal}) has the "
                 f"necessary permissions to access {what}.", "Please run:",
                 f'  az role assignment create --assignee "{principal}" --role "{role}" --scope "{scope}"',
                 f"Note: If the {note} is in a different resource group, update the --scope parameter accordingly.",
                 ""):
        ctx.warn(line)


def _create(ctx, a, kind: str):
    allowed = EXPORT_OPTIONS if kind == "export" else IMPORT_OPTIONS
    ident = _validate(ctx, a, allowed)
    uri = a.storage_account_container_uri.lower()
    secret = a.keyvault_secret_uri.lower() if a.keyvault_secret_uri else None
    endpoint = {"type": "AzureStorageBlobContainer", "uri": uri, "keyVaultUri": secret,
                "storageAccessMode": a.storage_access_mode}
    identity = {"type": "UserAssigned", "userAssignedIdentities": {ident: {}}} if ident else {"type": "SystemAssigned"}
    props: dict = {"target" if kind == "export" else "source": {k: v for k, v in endpoint.items() if v is not None}}
    if kind == "import":
        enabled = a.source_trigger_enabled is not False
        props["trigger"] = {"sourceTrigger": {"status": "Enabled" if enabled else "Disabled"}}
    if a.options:
        props["options"] = a.options
    rid = _pipeline_id(ctx, a, kind, a.name)
    send(ctx.cloud, ctx.principal, "PUT", rid, {"identity": identity, "properties": props})
    result = pipeline_json(send(ctx.cloud, ctx.principal, "GET", rid).body)
    _guidance(ctx, a, result, kind, uri, secret)
    return result


def _pipeline_commands(kind: str, table) -> None:
    store, title = KIND[kind]
    noun = f"acr {kind}-pipeline"
    name = Arg("name", "--name -n", f"Name of the {kind} pipeline.", required=True)
    options = Arg("options", "--options -z", "Space-separated list of options. May only contain the following "
                  f"options: {','.join(EXPORT_OPTIONS if kind == 'export' else IMPORT_OPTIONS)}.", kind="list")
    extra = [Arg("source_trigger_enabled", "--source-trigger-enabled -e", "Boolean parameter that determines "
                 "whether source trigger is enabled on the pipeline. Must be either True or False. True by default.",
                 kind="bool")] if kind == "import" else []

    @command(f"{noun} create", f"Create an {kind} pipeline.", [RG, REG, name, URI, MODE, SECRET, options, IDENTITY,
                                                                *extra],
             examples=[(f"Create an {kind} pipeline using SAS token authentication.",
                        f"az acr {kind}-pipeline create --resource-group $MyRG --registry $MyReg --name $MyPipeline "
                        "--secret-uri https://$MyKV.vault.azure.net/secrets/$MySecret --storage-container-uri "
                        "https://$MyStorage.blob.core.windows.net/$MyContainer --storage-access-mode SasToken")],
             table=table, preview=True)
    def create(ctx, a):
        return _create(ctx, a, kind)

    @command(f"{noun} show", f"Show an {kind} pipeline in detail.", [RG, REG, name], table=table, preview=True)
    def show(ctx, a):
        return pipeline_json(send(ctx.cloud, ctx.principal, "GET", _pipeline_id(ctx, a, kind, a.name)).body)

    @command(f"{noun} list", f"List {kind} pipelines on a Container Registry.", [RG, REG], table=table, preview=True)
    def list_(ctx, a):
        sub = ctx.subscription.subscription_id
        rid = f"/subscriptions/{sub}/resourceGroups/{a.resource_group}/providers/{CR}/{a.registry_name}/{store}"
        return [pipeline_json(x) for x in send(ctx.cloud, ctx.principal, "GET", rid).body["value"]]

    @command(f"{noun} delete", f"Delete an {kind} pipeline.", [RG, REG, name], table=table, preview=True)
    def delete(ctx, a):
        rid = _pipeline_id(ctx, a, kind, a.name)
        try:
            send(ctx.cloud, ctx.principal, "GET", rid)
        except AzureError:
            raise CliError(f"{title} pipeline {a.name} not found on registry {a.registry_name} in the "
                           f"{a.resource_group} resource group.", code="ResourceNotFound", status=404) from None
        send(ctx.cloud, ctx.principal, "DELETE", rid)


_pipeline_commands("export", export_table)
_pipeline_commands("import", import_table)
