"""Microsoft.Authorization/policyAssignments: Azure Policy assignments as extension resources at a subscription,
resource group or resource scope (PUT, GET, list, DELETE). The definitions, the rule evaluation and the compliance
states are engine/policy.py's. Creating or deleting an assignment needs Microsoft.Authorization/policyAssignments/
write|delete (Owner, Resource Policy Contributor; Contributor's NotActions exclude Microsoft.Authorization/*/Write).
Source: Azure REST API reference, Policy Assignments - Create (PolicyDefinitionNotFound, InvalidPolicyParameters)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field

from ...errors import ArmError, ArmResourceNotFound
from ...policy import ASSIGNMENTS, PolicyAssignment, assignments, find_definition
from ..manager import Plan, register
from ..request import ResourceId
from .extension import ExtensionProvider
from .locks import _owner, scope_exists
from .registry_body import Body, _canonical

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class AssignmentProps(Body):
    policy_definition_id: str | None = Field(default=None, alias="policyDefinitionId")
    display_name: str | None = Field(default=None, alias="displayName")
    description: str | None = None
    parameters: dict[str, Any] | None = None
    enforcement_mode: Annotated[Literal["Default", "DoNotEnforce"],
                                _canonical("Default", "DoNotEnforce")] | None = Field(default=None,
                                                                                      alias="enforcementMode")
    not_scopes: list[str] | None = Field(default=None, alias="notScopes")


class AssignmentBody(Body):
    properties: AssignmentProps = Field(default_factory=AssignmentProps)


class PolicyAssignmentProvider(ExtensionProvider):
    type = ASSIGNMENTS
    body_model = AssignmentBody

    def store(self, cloud: Cloud) -> dict:
        return assignments(cloud)

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: AssignmentBody,
            existing: PolicyAssignment | None) -> Plan:
        props = body.properties
        if not props.policy_definition_id:
            raise ArmError("InvalidRequestContent", detail="Required property 'policyDefinitionId' not found in "
                                                           "JSON. Path 'properties.policyDefinitionId'")
        definition = find_definition(props.policy_definition_id)
        if definition is None:
            raise ArmError("PolicyDefinitionNotFound", name=props.policy_definition_id.rsplit("/", 1)[-1])
        given = (props.parameters or {}).get("effect")
        allowed = ("Audit", "Deny", "Disabled")
        if given is not None and (not isinstance(given, dict) or str(given.get("value")) not in allowed):
            raise ArmError("InvalidPolicyParameters", name="effect", allowed=", ".join(allowed))
        if not scope_exists(cloud, rid.scope):
            name, group = _owner(rid.scope)
            raise ArmResourceNotFound(name, group)
        new = PolicyAssignment(name=rid.name, scope=rid.scope.rstrip("/"),
                               policy_definition_id=f"/providers/Microsoft.Authorization/policyDefinitions/"
                                                    f"{definition['name']}",
                               display_name=props.display_name, description=props.description,
                               parameters=props.parameters, enforcement_mode=props.enforcement_mode or "Default",
                               not_scopes=props.not_scopes, created=existing.created if existing else
                               cloud.clock.now(), created_by=caller.object_id)
        def commit() -> None:
            assignments(cloud)[new.id.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201)


register(PolicyAssignmentProvider())
