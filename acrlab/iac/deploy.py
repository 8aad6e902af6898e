"""Resource-group and subscription deployments: preflight (validate), execute (each resource its own request),
and the deployment records `az deployment group show|list` print. Deployment names are per resource group, as in
ARM. Requests for deployments (PUT, GET, list, DELETE, POST validate|whatIf) are answered by the provider in
iac/deployment_requests.py, which the resource manager calls once it authorized the caller."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from ..engine.cloud import Cloud
from ..engine.errors import AzureError
from ..engine.tenant import Principal
from . import arm_types, providers, scopes
from .arm_context import EvalContext
from .errors import DeploymentFailed, InvalidTemplate, TemplateError
from .template import Instance, Template, bind_parameters, evaluate_outputs, expand_resources

DEPLOYMENTS = "Microsoft.Resources/deployments"


class Deployment(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    mode: str = "Incremental"
    provisioning_state: str = "Succeeded"
    timestamp: datetime
    correlation_id: str
    template_hash: str
    parameters: dict[str, Any] = Field(default_factory=dict)
    outputs: dict[str, Any] = Field(default_factory=dict)
    output_resources: list[str] = Field(default_factory=list)
    dependencies: list[dict] = Field(default_factory=list)
    error: dict | None = None
    duration_seconds: float = 0.0
    location: str | None = None
    """Subscription deployments (resource_group == ''): where ARM keeps the deployment data."""
    operations: list[dict] = Field(default_factory=list)
    """One entry per resource the deployment created or tried to (`az deployment operation group list`)."""

    @property
    def id(self) -> str:
        if not self.resource_group:
            return f"/subscriptions/{self.subscription_id}/providers/{DEPLOYMENTS}/{self.name}"
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/" \
               f"{DEPLOYMENTS}/{self.name}"

    def to_json(self) -> dict:
        """As `az deployment group|sub create|show` prints it."""
        out = self._json()
        if not self.resource_group:
            del out["resourceGroup"]
        return out

    def _json(self) -> dict:
        return {
            "id": self.id, "location": self.location, "name": self.name,
            "properties": {
                "correlationId": self.correlation_id, "debugSetting": None, "dependencies": self.dependencies,
                "duration": f"PT{self.duration_seconds:g}S", "error": self.error, "mode": self.mode,
                "onErrorDeployment": None,
                "outputResources": [{"id": rid, "resourceGroup": providers.parse_id(rid)["rg"]}
                                    for rid in self.output_resources],
                "outputs": self.outputs or None, "parameters": self.parameters or None, "parametersLink": None,
                "providers": _providers(self.output_resources, self.resource_group),
                "provisioningState": self.provisioning_state, "templateHash": self.template_hash,
                "templateLink": None, "timestamp": self.timestamp.isoformat(), "validatedResources": None,
            },
            "resourceGroup": self.resource_group, "tags": None, "type": DEPLOYMENTS,
        }


def _providers(ids: list[str], rg: str) -> list[dict]:
    seen: dict[str, list[str]] = {}
    for rid in ids:
        t = providers.parse_id(rid)["type"]
        ns, _, rest = t.partition("/")
        if rest not in seen.setdefault(ns, []):
            seen[ns].append(rest)
    return [{"id": None, "namespace": ns, "providerAuthorizationConsentState": None, "registrationPolicy": None,
             "registrationState": None, "resourceTypes": [{"aliases": None, "apiProfiles": None, "apiVersions": None,
                                                           "capabilities": None, "defaultApiVersion": None,
                                                           "locationMappings": None, "locations": None,
                                                           "properties": None, "resourceType": t,
                                                           "zoneMappings": None} for t in types]}
            for ns, types in seen.items()]


def store(cloud: Cloud) -> dict[str, dict[str, Deployment]]:
    """Deployments by lower-case resource group, then lower-case deployment name (kept in cloud.state)."""
    return cloud.state.setdefault("iac.deployments", {})


class Plan(BaseModel):
    """A validated deployment: evaluated parameters and the resources in dependency order."""

    model_config = {"arbitrary_types_allowed": True}
    template: Any
    ctx: Any
    instances: list[Any]
    parameters: dict[str, Any]


def prepare(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
            parameters: dict[str, Any], name: str, location: str | None = None) -> Plan:
    """Preflight: group exists, template and parameters are valid (the resource manager authorized the caller:
    iac/deployments_provider.py). resource_group None: a subscription deployment."""
    rg = cloud.group(resource_group) if resource_group is not None else None
    tpl = Template(template_text)
    scopes.check_schema(tpl, rg is None)
    ctx = EvalContext(cloud, caller, rg, tpl, name)
    ctx.location = location
    values = bind_parameters(tpl, parameters, ctx)
    declared = tpl.body.get("variables") or {}
    names = [b.get("name") for b in declared.get("copy") or [] if isinstance(b, dict)] \
        if isinstance(declared.get("copy"), list) else []
    for var in names + [v for v in declared if not (v == "copy" and names)]:
        try:
            ctx.variables(var)
        except TemplateError as e:
            line, col = tpl.at("variables", var)
            raise InvalidTemplate(f"Deployment template validation failed: 'The template variable '{var}' at line "
                                  f"'{line}' and column '{col}' is not valid: {e}'.", line, col) from None
    instances = expand_resources(tpl, ctx)
    return Plan(template=tpl, ctx=ctx, instances=instances, parameters=values)


def complete_mode_deletions(cloud: Cloud, plan: Plan) -> list[str]:
    """Complete mode: top-level resources of the group the template does not declare, in deletion order.
    Refused (before anything changes) when the group holds resources the lab cannot delete."""
    rg = plan.ctx.rg
    blocked = providers.undeletable_in_group(cloud, rg.id)
    if blocked:
        raise AzureError("Complete mode would delete resources this lab cannot delete yet ("
                         + ", ".join(blocked) + "). Deploy in Incremental mode, or remove them first.",
                         code="CompleteModeNotSupportedInLab")
    keep = {i.id.lower() for i in plan.instances} | plan.ctx.skipped_ids
    return [rid for rid in providers.group_resources(cloud, rg.name) if rid.lower() not in keep]


def _param_json(plan: Plan) -> dict:
    from .template import TYPE_NAMES
    out = {}
    for n, v in plan.parameters.items():
        spec = plan.template.parameters[n]
        if "$ref" in spec:
            spec = arm_types.resolve(spec, plan.template.body.get("definitions") or {})
        ptype = str(spec.get("type", "string")).lower()
        out[n] = {"type": {"securestring": "SecureString", "secureobject": "SecureObject"}[ptype]} \
            if ptype in ("securestring", "secureobject") else \
            {"type": TYPE_NAMES.get(ptype, "String"), "value": v}
    return out


def _hash(text: str) -> str:
    return str(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))


def evaluate_body(inst: Instance, ctx) -> dict:
    from .arm_functions import evaluate_value
    ctx.copy_index = inst.copy_index
    body = {k: evaluate_value(v, ctx) for k, v in inst.raw.items()
            if k not in ("type", "apiVersion", "name", "scope", "dependsOn", "copy", "condition", "comments")}
    ctx.copy_index = None
    return body


class Preflight(BaseModel):
    """A deployment that passed preflight: its plan, the record to fill and what Complete mode deletes."""

    model_config = {"arbitrary_types_allowed": True}
    plan: Plan
    deployment: Deployment
    doomed: list[str]


def preflight(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
              parameters: dict[str, Any], name: str, mode: str = "Incremental",
              location: str | None = None) -> Preflight:
    """Everything ARM checks before a deployment starts; changes nothing. resource_group None: a subscription
    deployment at `location`."""
    if mode not in ("Incremental", "Complete"):
        raise InvalidTemplate(f"The deployment mode '{mode}' is not valid. Supported modes: Incremental, Complete.")
    if resource_group is None:
        scopes.check_location(cloud, name, location)
    plan = prepare(cloud, caller, resource_group, template_text, parameters, name, location)
    rg = plan.ctx.rg
    if rg is None and mode == "Complete":
        raise InvalidTemplate("The deployment mode 'Complete' is not supported for subscription deployments.")
    doomed = complete_mode_deletions(cloud, plan) if mode == "Complete" else []
    dep = Deployment(name=name, resource_group=rg.name if rg else "", location=location,
                     subscription_id=cloud.subscription.subscription_id,
                     mode=mode, timestamp=cloud.clock.now(), correlation_id=cloud.ids.guid(),
                     template_hash=_hash(template_text), parameters=_param_json(plan))
    return Preflight(plan=plan, deployment=dep, doomed=doomed)


def execute(cloud: Cloud, caller: Principal, pre: Preflight) -> Deployment:
    """Deploy each resource as its own request, in dependency order; records the deployment (Succeeded or Failed)
    and raises DeploymentFailed on resource errors (resources deployed before stay, as in ARM)."""
    plan, dep, doomed = pre.plan, pre.deployment, pre.doomed
    ctx, rg, name = plan.ctx, plan.ctx.rg, dep.name
    failed: list[dict] = []
    broken: set[str] = set()
    for inst in plan.instances:
        if any(d.lower() in broken for d in inst.depends):
            broken.add(inst.id.lower())
            continue
        try:
            if inst.type.lower() == DEPLOYMENTS.lower():
                # a nested deployment is a request of its own
                from .deployment_requests import run as run_request
                dep.output_resources += scopes.run_nested(cloud, caller, ctx, inst, run_request)
                dep.duration_seconds += 2.5
                continue
            body = evaluate_body(inst, ctx)
            existed = providers.current(cloud, inst.id) is not None
            providers.apply(cloud, caller, inst.id, body, inst.api)
            dep.output_resources.append(inst.id)
            dep.duration_seconds += 2.5
            dep.operations.append(_operation(cloud, dep, inst, "Succeeded", "OK" if existed else "Created"))
        except TemplateError as e:
            failed.append({"code": "InvalidTemplate", "message": f"Unable to process template language expressions "
                           f"for resource '{inst.id}' at line '{plan.template.at('resources', inst.index)[0]}' and "
                           f"column '{plan.template.at('resources', inst.index)[1]}'. '{e}'"})
            broken.add(inst.id.lower())
        except providers.ResourceFailure as e:
            failed.append({"code": e.code, "message": e.message})
            broken.add(inst.id.lower())
            dep.operations.append(_operation(cloud, dep, inst, "Failed", e.code, e.message))
    dep.dependencies = [{"dependsOn": [_dep_ref(d) for d in i.depends], **_dep_ref(i.id)}
                        for i in plan.instances if i.depends]
    for rid in doomed if not failed else []:
        try:
            providers.delete(cloud, caller, rid)
            dep.duration_seconds += 2.5
        except providers.ResourceFailure as e:
            failed.append({"code": e.code, "message": e.message})
    if not failed:
        try:
            dep.outputs = evaluate_outputs(plan.template, ctx)
        except InvalidTemplate as e:
            failed.append({"code": e.code, "message": e.message})
    store(cloud).setdefault(rg.name.lower() if rg else "", {})[name.lower()] = dep
    if failed:
        dep.provisioning_state = "Failed"
        err = DeploymentFailed(dep.id, failed)
        dep.error = {"additionalInfo": None, **err.to_json()}
        raise err
    return dep


def _operation(cloud: Cloud, dep: Deployment, inst, state: str, status: str, message: str | None = None) -> dict:
    """A deployment operation as ARM records it (DeploymentOperation)."""
    op_id = cloud.ids.hex(16).upper()
    ref = _dep_ref(inst.id)
    ref.pop("resourceGroup", None)
    status_message = {"status": "OK"} if state == "Succeeded" else \
        {"error": {"code": status, "message": message}, "status": "Failed"}
    if state == "Failed":
        from ..engine.errors import CATALOGUE

        spec = CATALOGUE.get(status)
        status = {403: "Forbidden", 404: "NotFound", 409: "Conflict"}.get(spec.status if spec else 400, "BadRequest")
    return {"id": f"{dep.id}/operations/{op_id}", "operationId": op_id, "properties": {
        "duration": "PT2.5S", "provisioningOperation": "Create", "provisioningState": state, "request": None,
        "response": None, "serviceRequestId": None,
        "statusCode": status, "statusMessage": status_message,
        "targetResource": {"apiVersion": inst.api, **ref}, "timestamp": cloud.clock.now().isoformat()},
        "resourceGroup": dep.resource_group or None}


def _dep_ref(rid: str) -> dict:
    p = providers.parse_id(rid)
    out = {"id": rid, "resourceGroup": p["rg"], "resourceName": "/".join(p["names"]), "resourceType": p["type"]}
    return out if p["rg"] else {k: v for k, v in out.items() if k != "resourceGroup"}


def validate(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
             parameters: dict[str, Any], name: str, mode: str = "Incremental", location: str | None = None) -> dict:
    """`az deployment group|sub validate`: preflight only; the result has the deployment's shape."""
    pre = preflight(cloud, caller, resource_group, template_text, parameters, name, mode, location)
    plan, dep = pre.plan, pre.deployment
    out = dep.to_json()
    out["properties"]["validatedResources"] = [_dep_ref(i.id) | {"resourceName": None, "resourceType": None}
                                               for i in plan.instances]
    out["properties"]["validatedResources"] = [{k: v for k, v in r.items() if v is not None}
                                               for r in out["properties"]["validatedResources"]]
    out["properties"]["providers"] = _providers([i.id for i in plan.instances], dep.resource_group)
    out["properties"]["outputs"] = None
    out["properties"]["duration"] = "PT0S"
    return out


def template_json(text: str) -> dict:
    return json.loads(text)
