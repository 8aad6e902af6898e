"""Az.ContainerRegistry task cmdlets: New-, Get-, Update-, Remove-AzContainerRegistryTask,
Get-AzContainerRegistryTaskDetail and Get-AzContainerRegistryBuildSourceUploadUrl. Each sends the request the module
sends (PUT/GET/DELETE on registries/tasks, the listDetails and listBuildSourceUploadUrl actions); the expanded
parameters are the autorest flattening of the Task body (PlatformOS -> properties.platform.os, ...). Source:
Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/*Task*.md and
Get-AzContainerRegistryBuildSourceUploadUrl.md."""

from __future__ import annotations

from datetime import datetime

from ....engine import task_actions
from ....engine.arm import send
from .. import views
from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .containerregistry import MOD, PROFILE, engine_call, load
from .deployment_source import plain
from .resources_generic import request

T = "Microsoft.Azure.PowerShell.Cmdlets.ContainerRegistry.Models.Api20190601Preview"
TASK = f"{T}.Task"
views.register(TASK, "table", "Location", "Name", "SystemDataCreatedAt", "SystemDataCreatedBy",
               "SystemDataCreatedByType", "SystemDataLastModifiedAt", "SystemDataLastModifiedBy")
views.register(f"{T}.SourceUploadDefinition", "table", "RelativePath", "UploadUrl")

SUBS = Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.")
IDENTITY = Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True,
                 sets=("GetViaIdentity",))

EXPANDED: list[tuple[str, str, str, tuple]] = [
    ("AgentConfigurationCpu", "int", "The CPU configuration in terms of number of cores required for the run.", ()),
    ("AgentPoolName", "string", "The dedicated agent pool for the task.", ()),
    ("BaseImageTriggerBaseImageTriggerType", "string", "The type of the auto trigger for base image dependency "
     "updates.", ("All", "Runtime")),
    ("BaseImageTriggerName", "string", "The name of the trigger.", ()),
    ("BaseImageTriggerStatus", "string", "The current status of trigger.", ("Disabled", "Enabled")),
    ("BaseImageTriggerUpdateTriggerEndpoint", "string", "The endpoint URL for receiving update triggers.", ()),
    ("BaseImageTriggerUpdateTriggerPayloadType", "string", "Type of Payload body for Base image update triggers.",
     ("Default", "Token")),
    ("CredentialsCustomRegistry", "hashtable", "Describes the credential parameters for accessing other custom "
     "registries.", ()),
    ("IdentityPrincipalId", "string", "The principal ID of resource identity.", ()),
    ("IdentityTenantId", "string", "The tenant ID of resource.", ()),
    ("IdentityType", "string", "The identity type.", ("SystemAssigned", "UserAssigned",
                                                      "SystemAssigned, UserAssigned", "None")),
    ("IdentityUserAssignedIdentity", "hashtable", "The list of user identities associated with the resource.", ()),
    ("LogTemplate", "string", "The template that describes the repository and tag information for run log "
     "artifact.", ()),
    ("PlatformArchitecture", "string", "The OS architecture.", ("amd64", "x86", "386", "arm", "arm64")),
    ("PlatformOS", "string", "The operating system type required for the run.", ("Windows", "Linux")),
    ("PlatformVariant", "string", "Variant of the CPU.", ("v6", "v7", "v8")),
    ("SourceRegistryLoginMode", "string", "The authentication mode which determines the source registry login "
     "scope.", ("None", "Default")),
    ("Status", "string", "The current status of task.", ("Disabled", "Enabled")),
    ("StepContextAccessToken", "string", "The token (git PAT or SAS token of storage account blob) associated with "
     "the context for a step.", ()),
    ("StepContextPath", "string", "The URL(absolute or relative) of the source context for the task step.", ()),
    ("StepType", "string", "The type of the step.", ("Docker", "FileTask", "EncodedTask")),
    ("Tag", "hashtable", "The tags of the resource.", ()),
    ("Timeout", "int", "Run timeout in seconds.", ()),
    ("TriggerSourceTrigger", "objects", "The collection of triggers based on source code repository.", ()),
    ("TriggerTimerTrigger", "objects", "The collection of timer triggers.", ()),
]


def _expanded(sets: tuple) -> list[Param]:
    return [Param(n, t, h, values=v, sets=sets) for n, t, h, v in EXPANDED]


def _names(sets: tuple, name_sets: tuple) -> list[Param]:
    return [Param("Name", "string", "The name of the container registry task.", aliases=("TaskName",),
                  mandatory=True, sets=name_sets),
            Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=name_sets),
            Param("ResourceGroupName", "string", "The name of the resource group to which the container registry "
                  "belongs.", mandatory=True, sets=name_sets),
            Param("SubscriptionId", "string", "The Microsoft Azure subscription ID.", sets=name_sets),
            Param("InputObject", "object", "Identity Parameter", pipeline=True, mandatory=True, sets=sets)]


def _source(values) -> dict:
    """Flattened names (case-insensitive) -> values, from bound parameters or a TaskCreateParameter hashtable."""
    if isinstance(values, Hashtable):
        return {to_str(k).lower(): v for k, v in values.items()}
    if isinstance(values, PSObject):
        return {k.lower(): v for k, v in values.props.items()}
    return {n.lower(): values.get(n) for n, *_ in EXPANDED + [("Location", "", "", ()), ("IsSystemTask", "", "", ())]
            if values.has(n)}


def _put(d: dict, path: str, value) -> None:
    keys = path.split(".")
    for k in keys[:-1]:
        d = d.setdefault(k, {})
    d[keys[-1]] = value


FLAT = {"agentconfigurationcpu": "agentConfiguration.cpu", "agentpoolname": "agentPoolName",
        "baseimagetriggerbaseimagetriggertype": "trigger.baseImageTrigger.baseImageTriggerType",
        "baseimagetriggername": "trigger.baseImageTrigger.name",
        "baseimagetriggerstatus": "trigger.baseImageTrigger.status",
        "baseimagetriggerupdatetriggerendpoint": "trigger.baseImageTrigger.updateTriggerEndpoint",
        "baseimagetriggerupdatetriggerpayloadtype": "trigger.baseImageTrigger.updateTriggerPayloadType",
        "credentialscustomregistry": "credentials.customRegistries", "logtemplate": "logTemplate",
        "platformarchitecture": "platform.architecture", "platformos": "platform.os",
        "platformvariant": "platform.variant", "sourceregistryloginmode": "credentials.sourceRegistry.loginMode",
        "status": "status", "stepcontextaccesstoken": "step.contextAccessToken", "stepcontextpath": "step.contextPath",
        "steptype": "step.type", "timeout": "timeout", "issystemtask": "isSystemTask"}


def _timer(t) -> dict:
    g = _source(t) if isinstance(t, (Hashtable, PSObject)) else {}
    if not g.get("name") or not g.get("schedule"):
        raise PSError("Cannot bind parameter 'TriggerTimerTrigger': each timer trigger needs Name and Schedule.")
    return {"name": to_str(g["name"]), "schedule": to_str(g["schedule"]), "status": to_str(g.get("status") or
                                                                                            "Enabled")}


def _source_trigger(t) -> dict:
    g = _source(t) if isinstance(t, (Hashtable, PSObject)) else {}
    for need in ("event", "name", "sourcerepositorysourcecontroltype", "sourcerepositoryurl"):
        if not g.get(need):
            raise PSError("Cannot bind parameter 'TriggerSourceTrigger': each source trigger needs Event, Name, "
                          "SourceRepositorySourceControlType and SourceRepositoryUrl.")
    events = g["event"] if isinstance(g["event"], list) else [g["event"]]
    auth = {k: plain(g[f"sourcecontrolauthproperty{k.lower()}"]) for k in
            ("Token", "TokenType", "RefreshToken", "Scope", "ExpiresIn") if g.get(f"sourcecontrolauthproperty{k.lower()}")}
    repo = {"sourceControlType": to_str(g["sourcerepositorysourcecontroltype"]),
            "repositoryUrl": to_str(g["sourcerepositoryurl"]), "branch": to_str(g.get("sourcerepositorybranch")) or None}
    if auth:
        repo["sourceControlAuthProperties"] = {k[0].lower() + k[1:]: v for k, v in auth.items()}
    return {"name": to_str(g["name"]), "sourceTriggerEvents": [to_str(e) for e in events],
            "status": to_str(g.get("status") or "Enabled"), "sourceRepository": repo}


def _body(values: dict, current: dict | None = None) -> dict:
    """An ARM task body from flattened values, over `current` (the task as GET returns it) for an update."""
    body = {"location": (current or {}).get("location"), "properties": dict((current or {}).get("properties") or {})}
    props = body["properties"]
    for k in ("platform", "agentConfiguration", "trigger", "credentials", "step"):
        if isinstance(props.get(k), dict):
            props[k] = {kk: (dict(vv) if isinstance(vv, dict) else vv) for kk, vv in props[k].items()}
    if current and current.get("tags") is not None:
        body["tags"] = current["tags"]
    if current and current.get("identity"):
        body["identity"] = current["identity"]
    for key, value in values.items():
        if value is None:
            continue
        if key == "location":
            body["location"] = to_str(value)
        elif key == "tag":
            body["tags"] = plain(value)
        elif key == "identitytype":
            body.setdefault("identity", {})["type"] = to_str(value)
        elif key == "identityuserassignedidentity":
            body.setdefault("identity", {})["userAssignedIdentities"] = plain(value)
        elif key == "triggertimertrigger":
            _put(props, "trigger.timerTriggers", [_timer(t) for t in (value if isinstance(value, list) else [value])])
        elif key == "triggersourcetrigger":
            _put(props, "trigger.sourceTriggers", [_source_trigger(t) for t in
                                                   (value if isinstance(value, list) else [value])])
        elif key in FLAT:
            _put(props, FLAT[key], plain(value))
    props.pop("provisioningState", None)
    props.pop("creationDate", None)
    return body


def _date(text):
    """An ISO timestamp from the API as the System.DateTime the module's objects carry."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def task_obj(body: dict) -> PSObject:
    props = body.get("properties") or body
    step = props.get("step") or {}
    platform = props.get("platform") or {}
    trigger = props.get("trigger") or {}
    base = trigger.get("baseImageTrigger") or {}
    ident = body.get("identity") or {}
    return PSObject(TASK, {
        "AgentConfigurationCpu": (props.get("agentConfiguration") or {}).get("cpu"),
        "AgentPoolName": props.get("agentPoolName"),
        "BaseImageTriggerBaseImageTriggerType": base.get("baseImageTriggerType"),
        "BaseImageTriggerName": base.get("name"), "BaseImageTriggerStatus": base.get("status"),
        "BaseImageTriggerUpdateTriggerEndpoint": base.get("updateTriggerEndpoint"),
        "BaseImageTriggerUpdateTriggerPayloadType": base.get("updateTriggerPayloadType"),
        "CreationDate": _date(props.get("creationDate")),
        "CredentialsCustomRegistry": Hashtable((props.get("credentials") or {}).get("customRegistries") or {}),
        "Id": body.get("id"), "IdentityPrincipalId": ident.get("principalId"),
        "IdentityTenantId": ident.get("tenantId"), "IdentityType": ident.get("type"),
        "IdentityUserAssignedIdentity": Hashtable(ident.get("userAssignedIdentities") or {}),
        "IsSystemTask": bool(props.get("isSystemTask")), "Location": body.get("location"),
        "LogTemplate": props.get("logTemplate"), "Name": body.get("name"),
        "PlatformArchitecture": platform.get("architecture"), "PlatformOS": platform.get("os"),
        "PlatformVariant": platform.get("variant"), "ProvisioningState": props.get("provisioningState", "Succeeded"),
        "ResourceGroupName": (body.get("id") or "").split("/")[4] if body.get("id") else None,
        "SourceRegistryLoginMode": ((props.get("credentials") or {}).get("sourceRegistry") or {}).get("loginMode"),
        "Status": props.get("status"),
        "Step": PSObject(f"{T}.TaskStepProperties", {k[0].upper() + k[1:]: v for k, v in step.items()}) if step
        else None,
        "SystemDataCreatedAt": _date(props.get("creationDate")), "SystemDataCreatedBy": None,
        "SystemDataCreatedByType": None, "SystemDataLastModifiedAt": None, "SystemDataLastModifiedBy": None,
        "SystemDataLastModifiedByType": None, "Tag": Hashtable(body.get("tags") or {}),
        "Timeout": props.get("timeout"),
        "TriggerSourceTrigger": [_source_trigger_obj(t) for t in trigger.get("sourceTriggers") or []],
        "TriggerTimerTrigger": [PSObject(f"{T}.TimerTrigger", {"Name": t.get("name"), "Schedule": t.get("schedule"),
                                                               "Status": t.get("status")})
                                for t in trigger.get("timerTriggers") or []], "Type": body.get("type")})


def _source_trigger_obj(t: dict) -> PSObject:
    repo = t.get("sourceRepository") or {}
    auth = repo.get("sourceControlAuthProperties") or {}
    return PSObject(f"{T}.SourceTrigger", {
        "Name": t.get("name"), "SourceControlAuthPropertyExpiresIn": auth.get("expiresIn"),
        "SourceControlAuthPropertyRefreshToken": auth.get("refreshToken"),
        "SourceControlAuthPropertyScope": auth.get("scope"), "SourceControlAuthPropertyToken": auth.get("token"),
        "SourceControlAuthPropertyTokenType": auth.get("tokenType"), "SourceRepositoryBranch": repo.get("branch"),
        "SourceRepositorySourceControlType": repo.get("sourceControlType"),
        "SourceRepositoryUrl": repo.get("repositoryUrl"), "SourceTriggerEvent": list(t.get("sourceTriggerEvents") or []),
        "Status": t.get("status")})


def _arm(task_json: dict) -> dict:
    """engine Task.to_json() (flat) as the ARM resource shape."""
    top = {"id", "name", "type", "location", "identity", "tags"}
    return {**{k: task_json.get(k) for k in top}, "properties": {k: v for k, v in task_json.items() if k not in top}}


def _target(ctx, a) -> tuple[str, str, str]:
    """(resource group, registry, task) from names or an identity object."""
    if a.InputObject is not None:
        obj = a.InputObject
        get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
        rid = to_str(get("Id") or "")
        if rid:
            parts = rid.split("/")
            if len(parts) >= 11:
                return parts[4], parts[8], parts[10]
        rg, reg, task = (to_str(get(k) or "") for k in ("ResourceGroupName", "RegistryName", "TaskName"))
        if not (rg and reg and task):
            raise PSError("InputObject has null value for InputObject.TaskName")
        return rg, reg, task
    return a.ResourceGroupName, a.RegistryName, a.Name or a.TaskName


def _rid(ctx, rg: str, registry: str, task: str) -> str:
    reg = load(ctx, registry, rg)
    return f"{reg.id}/tasks/{task}"


EXAMPLE_NEW = ('New-AzContainerRegistryTask -Name quicktask -RegistryName RegistryExample -ResourceGroupName '
               'MyResourceGroup -Location "eastus" -Status \'Enabled\' -IsSystemTask -LogTemplate "acr/tasks:{{.Run.OS}}"')


@cmdlet("New-AzContainerRegistryTask", [
    *_names(("CreateViaIdentityExpanded", "CreateViaIdentity"), ("CreateExpanded", "Create")),
    Param("Location", "string", "The location of the resource. This cannot be changed after the resource is created.",
          mandatory=True, sets=("CreateExpanded", "CreateViaIdentityExpanded")),
    Param("IsSystemTask", "switch", "The value of this property indicates whether the task resource is system task "
          "or not.", sets=("CreateExpanded", "CreateViaIdentityExpanded")),
    *_expanded(("CreateExpanded", "CreateViaIdentityExpanded")),
    Param("TaskCreateParameter", "object", "The task that has the ARM resource and task properties.",
          mandatory=True, pipeline=True, sets=("Create", "CreateViaIdentity")),
    PROFILE, Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command "
                                                                                             "asynchronously"),
], "Creates a task for a container registry with the specified parameters.", module=MOD, should_process=True,
    sets=["CreateExpanded", "Create", "CreateViaIdentityExpanded", "CreateViaIdentity"],
    default_set="CreateExpanded", outputs=TASK, examples=[("Create a quicktask", EXAMPLE_NEW)])
def new_task(ctx, a, items):
    rg, registry, name = _target(ctx, a)
    rid = _rid(ctx, rg, registry, name)
    values = _source(a.TaskCreateParameter if a.TaskCreateParameter is not None else a)
    if not values.get("location"):
        raise PSError("Cannot process command because of one or more missing mandatory parameters: Location.")
    body = _body(values)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Create" on target "{name}".')
        return None
    request(ctx, "PUT", rid, body)
    return task_obj(request(ctx, "GET", rid) or {})


@cmdlet("Get-AzContainerRegistryTask", [
    Param("Name", "string", "The name of the container registry task.", aliases=("TaskName",), mandatory=True,
          sets=("Get",)),
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=("List", "Get")),
    Param("ResourceGroupName", "string", "The name of the resource group to which the container registry belongs.",
          mandatory=True, sets=("List", "Get")),
    Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.", sets=("List", "Get")),
    IDENTITY, PROFILE,
], "Get the properties of a specified task.", module=MOD, sets=["List", "Get", "GetViaIdentity"], default_set="List",
    outputs=TASK, examples=[("List registry tasks of a container registry",
                             "Get-AzContainerRegistryTask  -RegistryName RegistryExample -ResourceGroupName "
                             "MyResourceGroup")])
def get_task(ctx, a, items):
    if a.set_name == "List":
        reg = load(ctx, a.RegistryName, a.ResourceGroupName)
        return [task_obj(request(ctx, "GET", f"{reg.id}/tasks/{n}") or {}) for n in sorted(reg.tasks)]
    rg, registry, name = _target(ctx, a)
    return task_obj(request(ctx, "GET", _rid(ctx, rg, registry, name)) or {})


@cmdlet("Update-AzContainerRegistryTask", [
    *_names(("UpdateViaIdentityExpanded", "UpdateViaIdentity"), ("UpdateExpanded", "Update")),
    *_expanded(("UpdateExpanded", "UpdateViaIdentityExpanded")),
    Param("TaskUpdateParameter", "object", "The parameters for updating a task.", mandatory=True, pipeline=True,
          sets=("Update", "UpdateViaIdentity")),
    PROFILE, Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command "
                                                                                             "asynchronously"),
], "Updates a task with the specified parameters.", module=MOD, should_process=True,
    sets=["UpdateExpanded", "Update", "UpdateViaIdentityExpanded", "UpdateViaIdentity"], default_set="UpdateExpanded",
    outputs=TASK, examples=[("Updates a task with the specified parameters.",
                             "update-AzContainerRegistryTask -TaskName quicktask  -RegistryName RegistryExample "
                             "-ResourceGroupName MyResourceGroup -Status 'Enabled'")])
def update_task(ctx, a, items):
    rg, registry, name = _target(ctx, a)
    rid = _rid(ctx, rg, registry, name)
    current = request(ctx, "GET", rid) or {}
    values = _source(a.TaskUpdateParameter if a.TaskUpdateParameter is not None else a)
    values.pop("location", None)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Update" on target "{name}".')
        return None
    request(ctx, "PUT", rid, _body(values, current))
    return task_obj(request(ctx, "GET", rid) or {})


@cmdlet("Remove-AzContainerRegistryTask", [
    *_names(("DeleteViaIdentity",), ("Delete",)),
    PROFILE, Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command "
                                                                                             "asynchronously"),
    Param("PassThru", "switch", "Returns true when the command succeeds"),
], "Deletes a specified task.", module=MOD, should_process=True, sets=["Delete", "DeleteViaIdentity"],
    default_set="Delete", outputs="System.Boolean",
    examples=[("Deletes a specified task.", "remove-AzContainerRegistryTask -TaskName quicktask  -RegistryName "
                                            "RegistryExample -ResourceGroupName MyResourceGroup")])
def remove_task(ctx, a, items):
    rg, registry, name = _target(ctx, a)
    rid = _rid(ctx, rg, registry, name)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Remove" on target "{name}".')
        return None
    request(ctx, "GET", rid)  # a missing task is an error, as the module reports it
    request(ctx, "DELETE", rid)
    return True if a.PassThru else None


@cmdlet("Get-AzContainerRegistryTaskDetail", [
    Param("TaskName", "string", "The name of the container registry task.", mandatory=True, sets=("Get",)),
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=("Get",)),
    Param("ResourceGroupName", "string", "The name of the resource group to which the container registry belongs.",
          mandatory=True, sets=("Get",)),
    Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.", sets=("Get",)), IDENTITY, PROFILE,
], "Returns a task with extended information that includes all secrets.", module=MOD, should_process=True,
    sets=["Get", "GetViaIdentity"], default_set="Get", outputs=TASK,
    examples=[("Returns a task with extended information that includes all secrets.",
               "Get-AzContainerRegistryTaskDetail -RegistryName RegistryExample -ResourceGroupName MyResourceGroup "
               "-TaskName quicktask")])
def get_task_detail(ctx, a, items):
    rg, registry, name = _target(ctx, a)
    reg = load(ctx, registry, rg)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Get" on target "{name}".')
        return None
    return task_obj(_arm(engine_call(task_actions.task_details, ctx.cloud, ctx.principal, reg, name)))


@cmdlet("Get-AzContainerRegistryBuildSourceUploadUrl", [
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True, sets=("Get",)),
    Param("ResourceGroupName", "string", "The name of the resource group to which the container registry belongs.",
          mandatory=True, sets=("Get",)),
    Param("SubscriptionId", "strings", "The Microsoft Azure subscription ID.", sets=("Get",)), IDENTITY, PROFILE,
], "Get the upload location for the user to be able to upload the source.", module=MOD, should_process=True,
    sets=["Get", "GetViaIdentity"], default_set="Get", outputs=f"{T}.SourceUploadDefinition",
    examples=[("Get the upload location for the user to be able to upload the source.",
               "Get-AzContainerRegistryBuildSourceUploadUrl -RegistryName RegistryExample -ResourceGroupName "
               "MyResourceGroup")])
def get_upload_url(ctx, a, items):
    if a.InputObject is not None:
        obj = a.InputObject
        get = obj.get_ci if isinstance(obj, Hashtable) else obj.get
        reg = load(ctx, to_str(get("RegistryName") or get("Name") or ""), to_str(get("ResourceGroupName") or ""))
    else:
        reg = load(ctx, a.RegistryName, a.ResourceGroupName)
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Get" on target "{reg.name}".')
        return None
    got = engine_call(send, ctx.cloud, ctx.principal, "POST", reg.id, action="listBuildSourceUploadUrl").body
    return PSObject(f"{T}.SourceUploadDefinition", {"RelativePath": got["relativePath"], "UploadUrl": got["uploadUrl"]})
