"""Microsoft.Resources/deployments as requests: the deployment engine registers its provider with the resource
manager, so creating (PUT), reading, listing and deleting deployments and the validate and whatIf actions are
authorized in one place (`Microsoft.Resources/deployments/write|read|delete|validate/action|whatIf/action`, as the
Owner/Contributor built-ins grant them). The functions below are what az, the cmdlets and nested deployments call:
each builds ARM's request body (`properties.template`, `parameters` as `{name: {value}}`, `mode`; `location` for a
subscription deployment) and sends it.

ARM takes the template as a JSON object; the lab's request may carry the template's text instead, so the line and
column numbers of InvalidTemplate errors are those of the file the learner wrote."""

from __future__ import annotations

import json
from typing import Any

from ..engine.arm import Plan, Provider, ResourceId, register, send
from ..engine.cloud import Cloud
from ..engine.errors import ResourceNotFound
from ..engine.tenant import Principal
from . import deploy
from .deploy import DEPLOYMENTS, Deployment


def _scope(rid: ResourceId) -> str:
    return rid.scope.rstrip("/") if rid.resource_group is None else \
        f"/subscriptions/{rid.subscription}/resourceGroups/{rid.resource_group}"


def _request(body: dict | None) -> tuple[str, dict[str, Any], str, str | None]:
    props = (body or {}).get("properties") or {}
    template = props.get("template")
    text = template if isinstance(template, str) else json.dumps(template if template is not None else {})
    params = {k: (v.get("value") if isinstance(v, dict) else v) for k, v in (props.get("parameters") or {}).items()}
    return text, params, str(props.get("mode") or "Incremental"), (body or {}).get("location")


class DeploymentsProvider(Provider):
    type = DEPLOYMENTS
    actions = {"validate": "validate/action", "whatIf": "whatIf/action"}
    actions_on_new = True

    def find(self, cloud: Cloud, rid: ResourceId) -> Deployment | None:
        return deploy.store(cloud).get((rid.resource_group or "").lower(), {}).get(rid.name.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Deployment]:
        found = deploy.store(cloud).get((rid.resource_group or "").lower(), {}).values()
        return sorted(found, key=lambda d: d.timestamp, reverse=True)

    def read_scope(self, resource: Deployment) -> str:
        return resource.id.rsplit(f"/providers/{DEPLOYMENTS}/", 1)[0]

    def not_found(self, rid: ResourceId):
        return ResourceNotFound(f"Deployment '{rid.name}' could not be found.", code="DeploymentNotFound")

    def to_arm(self, resource: Deployment) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: dict | None,
            existing: Deployment | None) -> Plan:
        """Preflight now (a failure changes nothing); the deployment itself runs in the commit, where each resource
        is its own request and a failed one is recorded on the deployment (ARM's DeploymentFailed)."""
        text, params, mode, location = _request(body)
        pre = deploy.preflight(cloud, caller, rid.resource_group, text, params, rid.name, mode, location)
        plan = Plan(resource=pre.deployment, status=201)

        def commit() -> None:
            plan.resource = deploy.execute(cloud, caller, pre)
        plan.commit = commit
        return plan

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Deployment) -> Plan:
        """The deployment's history only; what it deployed stays (as in ARM)."""
        def commit() -> None:
            del deploy.store(cloud)[existing.resource_group.lower()][existing.name.lower()]
        return Plan(resource=existing, commit=commit)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Deployment | None) -> Plan:
        text, params, mode, location = _request(body)
        if action == "validate":
            result = deploy.validate(cloud, caller, rid.resource_group, text, params, rid.name, mode, location)
        else:
            from .whatif import what_if
            result = what_if(cloud, caller, rid.resource_group, text, params, rid.name, mode, location)
        return Plan(resource=existing, body=result)


PROVIDER = register(DeploymentsProvider())


# -- what the front ends send ---------------------------------------------------------------------------------
def deployment_id(cloud: Cloud, resource_group: str | None, name: str = "") -> str:
    scope = cloud.subscription.id if resource_group is None else \
        f"{cloud.subscription.id}/resourceGroups/{resource_group}"
    return f"{scope}/providers/{DEPLOYMENTS}" + (f"/{name}" if name else "")


def _body(template_text: str, parameters: dict[str, Any], mode: str, location: str | None) -> dict:
    return {"properties": {"template": template_text, "mode": mode,
                           "parameters": {k: {"value": v} for k, v in parameters.items()}},
            **({"location": location} if location else {})}


def run(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str, parameters: dict[str, Any],
        name: str, mode: str = "Incremental", location: str | None = None) -> Deployment:
    """PUT a deployment; returns its record or raises (InvalidTemplate, DeploymentFailed, AuthorizationFailed...)."""
    return send(cloud, caller, "PUT", deployment_id(cloud, resource_group, name),
                _body(template_text, parameters, mode, location)).resource


def post(cloud: Cloud, caller: Principal, action: str, resource_group: str | None, template_text: str,
         parameters: dict[str, Any], name: str, mode: str = "Incremental", location: str | None = None) -> dict:
    """POST validate or whatIf: preflight only, nothing changes."""
    return send(cloud, caller, "POST", deployment_id(cloud, resource_group, name),
                _body(template_text, parameters, mode, location), action=action).body


def find(cloud: Cloud, caller: Principal, resource_group: str | None, name: str) -> Deployment:
    return send(cloud, caller, "GET", deployment_id(cloud, resource_group, name)).resource


def list_deployments(cloud: Cloud, caller: Principal, resource_group: str | None) -> list[Deployment]:
    return send(cloud, caller, "GET", deployment_id(cloud, resource_group)).resources


def delete(cloud: Cloud, caller: Principal, resource_group: str | None, name: str) -> None:
    send(cloud, caller, "DELETE", deployment_id(cloud, resource_group, name))
