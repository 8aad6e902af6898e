"""Azure Policy for registries: built-in definitions (policy_builtins.py), assignments at a subscription, resource
group or resource scope (Microsoft.Authorization/policyAssignments, a resource-manager type:
arm/providers/policy_assignments.py), the evaluation of a definition's rule against a registry, and the compliance
states Microsoft.PolicyInsights reports (`az policy state list`).

Evaluation timing (MicrosoftDocs/azure-docs articles/governance/policy/how-to/get-compliance-data.md, evaluation
triggers): a new assignment applies after about five minutes and its first evaluation cycle starts about fifteen
minutes later; a resource created or changed in scope is evaluated about fifteen minutes after the change. The lab
reports a registry's state once both delays have passed, judged on the registry as it is now. Effects: Audit and
Deny mark a matching registry NonCompliant; Deny also refuses, from the moment it is assigned, a create or update
whose result would match (RequestDisallowedByPolicy, before anything changes; enforcementMode DoNotEnforce only
audits); Disabled is not evaluated.
The rule language covers what ACR's built-ins use: allOf/anyOf/not, `field` (type, name, location, aliases) with
equals, notEquals, exists, in, notIn; comparisons are case-insensitive, as Azure Policy's are."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .clock import iso
from .errors import ArmError
from .policy_builtins import BUILTINS, REGISTRY, definition_json
from .record import Record

if TYPE_CHECKING:
    from .cloud import Cloud

ASSIGNMENTS = "Microsoft.Authorization/policyAssignments"
DEFINITIONS = "/providers/Microsoft.Authorization/policyDefinitions/"
ASSIGNMENT_DELAY = timedelta(minutes=20)
RESOURCE_DELAY = timedelta(minutes=15)


class PolicyAssignment(Record):
    name: str
    scope: str
    policy_definition_id: str
    display_name: str | None = None
    description: str | None = None
    parameters: dict | None = None
    enforcement_mode: str = "Default"
    not_scopes: list[str] | None = None
    created: Any = None
    created_by: str = ""

    @property
    def id(self) -> str:
        return f"{self.scope.rstrip('/')}/providers/{ASSIGNMENTS}/{self.name}"

    def to_json(self) -> dict:
        return {"description": self.description, "displayName": self.display_name,
                "enforcementMode": self.enforcement_mode, "id": self.id, "identity": None, "location": None,
                "metadata": {"createdBy": self.created_by, "createdOn": iso(self.created), "updatedBy": None,
                             "updatedOn": None},
                "name": self.name, "nonComplianceMessages": None, "notScopes": self.not_scopes,
                "parameters": self.parameters, "policyDefinitionId": self.policy_definition_id,
                "scope": self.scope, "systemData": None, "type": ASSIGNMENTS}


def assignments(cloud: Cloud) -> dict[str, PolicyAssignment]:
    return cloud.state.setdefault("policy_assignments", {})


def find_definition(ref: str) -> dict | None:
    """A built-in definition by name (GUID), display name or id, as az's --policy accepts."""
    low = ref.strip().lower()
    return next((d for d in BUILTINS if low in (d["name"], d["displayName"].lower(),
                                                f"{DEFINITIONS}{d['name']}".lower())), None)


def definitions() -> list[dict]:
    return [definition_json(d) for d in BUILTINS]


def definition_not_found(ref: str) -> ArmError:
    return ArmError("PolicyDefinitionNotFound", name=ref)


# -- the rule language -----------------------------------------------------------------------------------
def _field_value(resource: dict, field: str):
    low = field.lower()
    if low in ("type", "name", "location", "id"):
        return resource.get(low)
    prefix = REGISTRY.lower() + "/"
    if not low.startswith(prefix):
        return None
    path = field[len(prefix):].split(".")
    obj: Any = resource.get("sku") if path[0].lower() == "sku" else resource.get("properties")
    for part in path[1:] if path[0].lower() == "sku" else path:
        if not isinstance(obj, dict):
            return None
        key = next((k for k in obj if k.lower() == part.lower()), None)
        obj = obj.get(key) if key is not None else None
    return obj


def _same(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if isinstance(a, bool) or isinstance(b, bool):
        return str(a).lower() == str(b).lower()
    return a == b


def matches(rule: dict, resource: dict) -> bool:
    """Whether the `if` condition `rule` holds for the resource (its ARM body)."""
    keys = {k.lower(): v for k, v in rule.items()}
    if "allof" in keys:
        return all(matches(r, resource) for r in keys["allof"])
    if "anyof" in keys:
        return any(matches(r, resource) for r in keys["anyof"])
    if "not" in keys:
        return not matches(keys["not"], resource)
    value = _field_value(resource, keys.get("field", ""))
    if "exists" in keys:
        return (value is not None) == (str(keys["exists"]).lower() == "true")
    if "equals" in keys:
        return _same(value, keys["equals"])
    if "notequals" in keys:
        return not _same(value, keys["notequals"])
    if "in" in keys:
        return any(_same(value, v) for v in keys["in"])
    if "notin" in keys:
        return not any(_same(value, v) for v in keys["notin"])
    # every built-in definition the lab holds uses the conditions above: anything else is a bug in the data
    raise ValueError(f"policy condition not modelled: {sorted(rule)}")


def effect(assignment: PolicyAssignment, definition: dict) -> str:
    given = ((assignment.parameters or {}).get("effect") or {}).get("value")
    return str(given or "Audit")


# -- compliance states -------------------------------------------------------------------------------------
def _in_scope(assignment: PolicyAssignment, resource_id: str) -> bool:
    low, scope = resource_id.lower(), assignment.scope.lower().rstrip("/")
    if not (low == scope or low.startswith(scope + "/")):
        return False
    return not any(low == s.lower().rstrip("/") or low.startswith(s.lower().rstrip("/") + "/")
                   for s in assignment.not_scopes or [])


def states(cloud: Cloud, scope: str, resource_id: str | None = None) -> list[dict]:
    """The latest compliance records under `scope` (optionally of one resource), newest evaluation first."""
    from .arm.manager import provider_for

    registry_provider = provider_for(REGISTRY)
    assert registry_provider is not None  # the registries' provider is always registered
    now = cloud.clock.now()
    sub = cloud.subscription.subscription_id
    out = []
    for a in sorted(assignments(cloud).values(), key=lambda x: x.id.lower()):
        definition = find_definition(a.policy_definition_id)
        mode = effect(a, definition) if definition else "Disabled"
        if definition is None or mode.lower() == "disabled" or a.created + ASSIGNMENT_DELAY > now:
            continue
        for reg in cloud.registries.values():
            if not _in_scope(a, reg.id) or reg.modified + RESOURCE_DELAY > now:
                continue
            if resource_id and reg.id.lower() != resource_id.lower():
                continue
            if not (reg.id.lower() == scope.lower().rstrip("/") or reg.id.lower().startswith(
                    scope.lower().rstrip("/") + "/") or a.id.lower().startswith(scope.lower().rstrip("/") + "/")):
                continue
            compliant = not matches(definition["rule"], registry_provider.to_arm(reg))
            stamp = max(a.created + ASSIGNMENT_DELAY, reg.modified + RESOURCE_DELAY)
            out.append(_state(a, definition, reg, compliant, mode, stamp, sub))
    return sorted(out, key=lambda s: s["timestamp"], reverse=True)


def _state(a: PolicyAssignment, definition: dict, reg, compliant: bool, mode: str, stamp, sub: str) -> dict:
    context = (f"https://management.azure.com/subscriptions/{sub}/providers/Microsoft.PolicyInsights/policyStates/"
               "$metadata#latest/$entity")
    return {"complianceReasonCode": "", "complianceState": "Compliant" if compliant else "NonCompliant",
            "effectiveParameters": "", "isCompliant": compliant, "managementGroupIds": "",
            "odatacontext": context, "odataid": None, "policyAssignmentId": a.id.lower(),
            "policyAssignmentName": a.name, "policyAssignmentOwner": "tbd",
            "policyAssignmentParameters": "", "policyAssignmentScope": a.scope, "policyAssignmentVersion": "",
            "policyDefinitionAction": mode.lower(), "policyDefinitionCategory": "tbd",
            "policyDefinitionGroupNames": [""], "policyDefinitionId": f"{DEFINITIONS}{definition['name']}".lower(),
            "policyDefinitionName": definition["name"], "policyDefinitionReferenceId": "",
            "policyDefinitionVersion": definition["version"], "policyEvaluationDetails": None,
            "policySetDefinitionCategory": "", "policySetDefinitionId": "", "policySetDefinitionName": "",
            "policySetDefinitionOwner": "", "policySetDefinitionParameters": "", "policySetDefinitionVersion": "",
            "resourceGroup": reg.resource_group.lower(), "resourceId": reg.id.lower(),
            "resourceLocation": reg.location, "resourceTags": "tbd", "resourceType": REGISTRY.lower(),
            "subscriptionId": sub, "timestamp": iso(stamp)}


def query_states(cloud: Cloud, caller, scope: str, resource_id: str | None = None,
                 assignment_name: str | None = None) -> list[dict]:
    """POST {scope}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults: the caller needs read
    access to the scope (Reader can query compliance)."""
    cloud.require(caller, "Microsoft.PolicyInsights/policyStates/queryResults/read", resource_id or scope)
    found = states(cloud, scope, resource_id)
    if assignment_name:
        found = [s for s in found if s["policyAssignmentName"].lower() == assignment_name.lower()]
    return found


def _deny_check(cloud: Cloud, provider, resource) -> None:
    """A registry create or update that a Deny assignment in its scope forbids is refused (resource manager hook)."""
    if provider.type.lower() != REGISTRY.lower() or not assignments(cloud):
        return
    body = None
    for a in sorted(assignments(cloud).values(), key=lambda x: x.id.lower()):
        definition = find_definition(a.policy_definition_id)
        if definition is None or effect(a, definition).lower() != "deny" or a.enforcement_mode != "Default" \
                or not _in_scope(a, resource.id):
            continue
        body = body or provider.to_arm(resource)
        if matches(definition["rule"], {**body, "id": resource.id}):
            identifiers = ('[{"policyAssignment":{"name":"' + (a.display_name or a.name) + '","id":"' + a.id +
                           '"},"policyDefinition":{"name":"' + definition["displayName"] + '","id":"' +
                           DEFINITIONS + definition["name"] + '"}}]')
            raise ArmError("RequestDisallowedByPolicy", name=resource.name, identifiers=identifiers)


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("request_checks", []).append(_deny_check)
