"""Az.ContainerRegistry export and import pipelines (ACR Transfer): New-, Get-, Update-, Remove-
AzContainerRegistryExportPipeline and ...ImportPipeline (help pages in Azure/azure-powershell
src/ContainerRegistry/ContainerRegistry/help). Each is one request to the resource manager
(engine/arm/providers/pipelines.py); Update reads the pipeline and sends it back changed (the type has no PATCH).
The module's api (2022-02-01-preview) has no storageAccessMode: a key vault URI means SasToken, as the service reads
such bodies."""

from __future__ import annotations

from datetime import datetime

from ....engine.arm import send
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, engine_call, load
from .containerregistry_agentpools import _json_params
from .containerregistry_body import json_body

T = "Microsoft.Azure.PowerShell.Cmdlets.ContainerRegistry.Models.Api20220201Preview"
VIEW = ["Name", "SystemDataCreatedAt", "SystemDataCreatedBy", "SystemDataCreatedByType", "SystemDataLastModifiedAt",
        "SystemDataLastModifiedBy"]
"""The module's default table (the help pages' example output)."""
KINDS = {"export": ("ExportPipeline", "exportPipelines", "Target"), "import": ("ImportPipeline", "importPipelines",
                                                                             "Source")}
OPTIONS = ("OverwriteTags", "OverwriteBlobs", "DeleteSourceBlobOnSuccess", "ContinueOnErrors")
IDENTITY_TYPES = ("SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None")
ASYNC = [Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command "
                                                                                       "asynchronously")]


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def pipeline_obj(arm: dict) -> PSObject:
    """An IExportPipeline / IImportPipeline as the module returns it (flattened properties)."""
    kind = "export" if arm["type"].endswith("exportPipelines") else "import"
    noun, _, side = KINDS[kind]
    props, ident, sd = arm["properties"], arm.get("identity") or {}, arm.get("systemData") or {}
    end = props.get(side.lower()) or {}
    users = ident.get("userAssignedIdentities")
    out = {"Id": arm["id"], "IdentityPrincipalId": ident.get("principalId"), "IdentityTenantId": ident.get("tenantId"),
           "IdentityType": {"systemassigned": "SystemAssigned", "userassigned": "UserAssigned"}.get(
               str(ident.get("type", "")).lower(), ident.get("type")),
           "IdentityUserAssignedIdentity": Hashtable(users) if users else None, "Location": arm.get("location"),
           "Name": arm["name"], "Option": list(props.get("options") or []) or None,
           "ProvisioningState": props.get("provisioningState"),
           f"{side}KeyVaultUri": end.get("keyVaultUri"), f"{side}Type": end.get("type"), f"{side}Uri": end.get("uri")}
    if kind == "import":
        out["SourceTriggerStatus"] = ((props.get("trigger") or {}).get("sourceTrigger") or {}).get("status")
    out.update({"SystemDataCreatedAt": _when(sd.get("createdAt")), "SystemDataCreatedBy": sd.get("createdBy"),
                "SystemDataCreatedByType": sd.get("createdByType"),
                "SystemDataLastModifiedAt": _when(sd.get("lastModifiedAt")),
                "SystemDataLastModifiedBy": sd.get("lastModifiedBy"),
                "SystemDataLastModifiedByType": sd.get("lastModifiedByType"), "Type": arm["type"]})
    return PSObject(f"{T}.{noun}", out, view="table", columns=VIEW)


def _registry_of(ctx, obj):
    """-RegistryInputObject: a registry (Get-AzContainerRegistry) or an identity hashtable naming one."""
    get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
    rid = to_str(get("Id") or "")
    parts = rid.split("/")
    if len(parts) >= 9 and parts[7].lower() == "registries":
        return load(ctx, parts[8], parts[4])
    return load(ctx, to_str(get("RegistryName") or get("Name") or ""), to_str(get("ResourceGroupName") or ""))


def _target_id(ctx, a, kind: str) -> str:
    """The pipeline's id from -Name/-RegistryName/-ResourceGroupName, -Name/-RegistryInputObject, or -InputObject (a
    pipeline, or an IContainerRegistryIdentity hashtable with Id, else RegistryName, ResourceGroupName and
    <Kind>PipelineName)."""
    noun, store, _ = KINDS[kind]
    if a.get("RegistryInputObject") is not None:
        return f"{_registry_of(ctx, a.RegistryInputObject).id}/{store}/{a.Name}"
    obj = a.get("InputObject")
    if obj is None:
        return f"{load(ctx, a.RegistryName, a.ResourceGroupName).id}/{store}/{a.Name}"
    get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
    rid = to_str(get("Id") or "")
    parts = rid.split("/")
    if len(parts) >= 11 and parts[9].lower() == store.lower():
        return f"{load(ctx, parts[8], parts[4]).id}/{store}/{parts[10]}"
    rg, reg, name = (to_str(get(k) or "") for k in ("ResourceGroupName", "RegistryName", f"{noun}Name"))
    if not (rg and reg and name):
        raise PSError(f"InputObject has null value for InputObject.{noun}Name")
    return f"{load(ctx, reg, rg).id}/{store}/{name}"


def _hashtable_body(obj, kind: str) -> dict:
    """-ExportPipelineCreateParameter / -ImportPipelineCreateParameter: the module's flattened names."""
    get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
    fields = {k: get(k) for k in ("IdentityType", "IdentityUserAssignedIdentity", "Location", "Option",
                                  f"{KINDS[kind][2]}KeyVaultUri", f"{KINDS[kind][2]}Type", f"{KINDS[kind][2]}Uri",
                                  "SourceTriggerStatus")}
    return _body(kind, fields)


def _body(kind: str, f: dict) -> dict:
    side = KINDS[kind][2]
    end = {k: to_str(v) for k, v in (("type", f.get(f"{side}Type")), ("uri", f.get(f"{side}Uri")),
                                     ("keyVaultUri", f.get(f"{side}KeyVaultUri"))) if v is not None}
    props: dict = {side.lower(): end}
    if kind == "import" and f.get("SourceTriggerStatus") is not None:
        props["trigger"] = {"sourceTrigger": {"status": to_str(f["SourceTriggerStatus"])}}
    if f.get("Option") is not None:
        opts = f["Option"]
        props["options"] = [to_str(o) for o in (opts if isinstance(opts, list) else [opts])]
    body: dict = {"properties": props}
    if f.get("Location") is not None:
        body["location"] = to_str(f["Location"])
    if f.get("IdentityType") is not None:
        ident: dict = {"type": to_str(f["IdentityType"])}
        users = f.get("IdentityUserAssignedIdentity")
        if users:
            ident["userAssignedIdentities"] = {to_str(k): {} for k in users}
        body["identity"] = ident
    elif f.get("EnableSystemAssignedIdentity") is not None or f.get("UserAssignedIdentity") is not None:
        body["identity"] = _updated_identity(None, f.get("EnableSystemAssignedIdentity"),
                                             f.get("UserAssignedIdentity"))
    if not end.get("uri"):
        raise PSError(f"The {side.lower()} uri of the {kind} pipeline is required (-{side}Uri).")
    return body


def _put(ctx, rid: str, body: dict) -> PSObject:
    engine_call(send, ctx.cloud, ctx.principal, "PUT", rid, body)
    return pipeline_obj(engine_call(send, ctx.cloud, ctx.principal, "GET", rid).body)


def _by_name(sets: tuple, identity_sets: tuple, kind: str, registry_set: str) -> list[Param]:
    noun = KINDS[kind][0]
    return [Param("Name", "string", f"The name of the {kind} pipeline.", aliases=(f"{noun}Name",), mandatory=True,
                  sets=(*sets, registry_set)),
            Param("RegistryInputObject", "object", "Identity Parameter", pipeline=True, mandatory=True,
                  sets=(registry_set,)),
            Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=sets),
            Param("ResourceGroupName", "string", "The name of the resource group to which the container registry "
                  "belongs.", mandatory=True, sets=sets),
            Param("SubscriptionId", "string", "The Microsoft Azure subscription ID.", sets=sets),
            Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True, sets=identity_sets)]


def _declare(kind: str) -> None:
    noun, store, side = KINDS[kind]
    low = side.lower()
    expanded = ("CreateExpanded", "CreateViaIdentityExpanded", "CreateViaIdentityRegistryExpanded")
    trigger = [Param("SourceTriggerStatus", "string", "The current status of the source trigger.",
                     values=("Enabled", "Disabled"), sets=expanded)] if kind == "import" else []
    uri_help = (f"The {low} uri of the {kind} pipeline.When 'AzureStorageBlob': \"https://accountName.blob.core."
                "windows.net/containerName/blobName\"When 'AzureStorageBlobContainer': \"https://accountName.blob.core"
                ".windows.net/containerName\"")
    side_params = [Param(f"{side}KeyVaultUri", "string", f"They key vault secret uri to obtain the {low} storage SAS "
                         "token.", sets=expanded),
                   Param(f"{side}Type", "string", f"The type of {low} for the {kind} pipeline.", sets=expanded),
                   Param(f"{side}Uri", "string", uri_help, sets=expanded)]
    example = (f"New-AzContainerRegistry{noun} -name Exam -RegistryName RegistryExample -ResourceGroupName "
               f"MyResourceGroup -IdentityType 'SystemAssigned' -{side}Type AzureStorageBlobContainer -{side}Uri "
               f"https://sa.blob.core.windows.net/public/ -{side}KeyVaultUri https://examplekeyvault.vault.azure.net/"
               "secrets/test/18d55a35beba4b20bdd044a2a9d14c30")

    @cmdlet(f"New-AzContainerRegistry{noun}", [
        *_by_name(("CreateExpanded", "Create", "CreateViaJsonFilePath", "CreateViaJsonString"),
                  ("CreateViaIdentityExpanded", "CreateViaIdentity"), kind, "CreateViaIdentityRegistryExpanded"),
        Param(f"{noun}CreateParameter", "object", f"An object that represents an {kind} pipeline for a container "
              "registry.", pipeline=True, mandatory=True, sets=("Create", "CreateViaIdentity")),
        Param("IdentityPrincipalId", "string", "The principal ID of resource identity.", sets=expanded),
        Param("IdentityTenantId", "string", "The tenant ID of resource.", sets=expanded),
        Param("IdentityType", "string", "The identity type.", values=IDENTITY_TYPES, sets=expanded),
        Param("IdentityUserAssignedIdentity", "hashtable", "The list of user identities associated with the resource.",
              sets=expanded),
        Param("EnableSystemAssignedIdentity", "bool", "Determines whether to enable a system-assigned identity for the "
              "resource.", sets=expanded),
        Param("UserAssignedIdentity", "strings", "The array of user assigned identities associated with the resource.",
              sets=expanded),
        Param("Location", "string", f"The location of the {kind} pipeline.", sets=expanded),
        Param("Option", "strings", "The list of all options configured for the pipeline.", values=OPTIONS,
              sets=expanded),
        *side_params, *trigger, *_json_params("Create"), PROFILE, *ASYNC,
    ], f"Creates an {kind} pipeline for a container registry with the specified parameters.", module=MOD,
        should_process=True, outputs=f"{T}.I{noun}",
        sets=["CreateExpanded", "Create", "CreateViaIdentityExpanded", "CreateViaIdentity",
              "CreateViaIdentityRegistryExpanded", "CreateViaJsonFilePath", "CreateViaJsonString"],
        default_set="CreateExpanded",
        examples=[(f"Create a new {kind} pipeline", example)])
    def new(ctx, a, items):
        given, body = a.get(f"{noun}CreateParameter"), json_body(ctx, a, "Create", noun)
        if body is not None:
            pass
        elif given is not None:
            body = _hashtable_body(given, kind)
        else:
            body = _body(kind, {k: a.get(k) for k in ("IdentityType", "IdentityUserAssignedIdentity", "Location",
                                                      "Option", f"{side}KeyVaultUri", f"{side}Type", f"{side}Uri",
                                                      "SourceTriggerStatus", "EnableSystemAssignedIdentity",
                                                      "UserAssignedIdentity")})
        return _put(ctx, _target_id(ctx, a, kind), body)

    @cmdlet(f"Get-AzContainerRegistry{noun}", [
        Param("Name", "string", f"The name of the {kind} pipeline.", aliases=(f"{noun}Name",), mandatory=True,
              sets=("Get", "GetViaIdentityRegistry")),
        Param("RegistryInputObject", "object", "Identity Parameter", pipeline=True, mandatory=True,
              sets=("GetViaIdentityRegistry",)),
        Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=("List", "Get")),
        Param("ResourceGroupName", "string", "The name of the resource group to which the container registry "
              "belongs.", mandatory=True, sets=("List", "Get")),
        Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.", sets=("List", "Get")),
        Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True, sets=("GetViaIdentity",)),
        PROFILE,
    ], f"Gets the properties of the {kind} pipeline.", module=MOD, outputs=f"{T}.I{noun}",
        sets=["List", "Get", "GetViaIdentity", "GetViaIdentityRegistry"], default_set="List",
        examples=[(f"Lists all {kind} pipelines for the specified container registry.",
                   f"Get-AzContainerRegistry{noun} -RegistryName RegistryExample -ResourceGroupName MyResourceGroup")])
    def get(ctx, a, items):
        if a.Name or a.InputObject is not None or a.RegistryInputObject is not None:
            return pipeline_obj(engine_call(send, ctx.cloud, ctx.principal, "GET", _target_id(ctx, a, kind)).body)
        reg = load(ctx, a.RegistryName, a.ResourceGroupName)
        listing = engine_call(send, ctx.cloud, ctx.principal, "GET", f"{reg.id}/{store}").body["value"]
        return [pipeline_obj(p) for p in listing]

    update_sets = ("UpdateExpanded", "UpdateViaIdentityRegistryExpanded", "UpdateViaIdentityExpanded")

    @cmdlet(f"Update-AzContainerRegistry{noun}", [
        *_by_name(("UpdateExpanded",), ("UpdateViaIdentityExpanded",), kind, "UpdateViaIdentityRegistryExpanded"),
        Param("EnableSystemAssignedIdentity", "bool", "Determines whether to enable a system-assigned identity for the "
              "resource."),
        Param("IdentityPrincipalId", "string", "The principal ID of resource identity."),
        Param("IdentityTenantId", "string", "The tenant ID of resource."),
        Param("Location", "string", f"The location of the {kind} pipeline."),
        Param("Option", "strings", "The list of all options configured for the pipeline."),
        *(Param(p.name, p.type, p.help, values=p.values) for p in side_params + trigger),
        Param("UserAssignedIdentity", "strings", "The array of user assigned identities associated with the "
              "resource."), PROFILE, *ASYNC,
    ], f"Update an {kind} pipeline for a container registry with the specified parameters.", module=MOD,
        should_process=True, outputs=f"{T}.I{noun}", sets=list(update_sets), default_set="UpdateExpanded")
    def update(ctx, a, items):
        rid = _target_id(ctx, a, kind)
        cur = engine_call(send, ctx.cloud, ctx.principal, "GET", rid).body
        body = {"properties": {k: v for k, v in cur["properties"].items() if k != "provisioningState"}}
        end = body["properties"][low]
        for param, key in ((f"{side}KeyVaultUri", "keyVaultUri"), (f"{side}Type", "type"), (f"{side}Uri", "uri")):
            if a.get(param) is not None:
                end[key] = a.get(param)
        if a.get("Option") is not None:
            body["properties"]["options"] = [to_str(o) for o in a.Option]
        if kind == "import" and a.get("SourceTriggerStatus") is not None:
            body["properties"]["trigger"] = {"sourceTrigger": {"status": a.SourceTriggerStatus}}
        location = a.Location if a.Location is not None else cur.get("location")
        if location:
            body["location"] = location
        ident = _updated_identity(cur.get("identity"), a.get("EnableSystemAssignedIdentity"),
                                  a.get("UserAssignedIdentity"))
        if ident is not None:
            body["identity"] = ident
        return _put(ctx, rid, body)

    @cmdlet(f"Remove-AzContainerRegistry{noun}", [
        *_by_name(("Delete",), ("DeleteViaIdentity",), kind, "DeleteViaIdentityRegistry"),
        Param("PassThru", "switch", "Returns true when the command succeeds"), PROFILE, *ASYNC,
    ], f"Deletes an {kind} pipeline from a container registry.", module=MOD, should_process=True,
        outputs="System.Boolean", sets=["Delete", "DeleteViaIdentity", "DeleteViaIdentityRegistry"],
        default_set="Delete",
        examples=[(f"Deletes an {kind} pipeline from a container registry.",
                   f"Remove-AzContainerRegistry{noun} -RegistryName RegistryExample -ResourceGroupName "
                   "MyResourceGroup -Name Example")])
    def remove(ctx, a, items):
        engine_call(send, ctx.cloud, ctx.principal, "DELETE", _target_id(ctx, a, kind))
        return True if a.PassThru else None


def _updated_identity(cur: dict | None, system: bool | None, users: list | None) -> dict | None:
    """The identity an Update sends: the current one, changed by -EnableSystemAssignedIdentity/-UserAssignedIdentity."""
    if system is None and users is None:
        return {"type": "SystemAssigned" if str(cur.get("type", "")).lower() == "systemassigned" else "UserAssigned",
                **({"userAssignedIdentities": {k: {} for k in cur.get("userAssignedIdentities") or {}}}
                   if cur.get("userAssignedIdentities") else {})} if cur else None
    if users:
        return {"type": "UserAssigned", "userAssignedIdentities": {to_str(u): {} for u in users}}
    return {"type": "SystemAssigned" if system else "None"}


_declare("export")
_declare("import")
