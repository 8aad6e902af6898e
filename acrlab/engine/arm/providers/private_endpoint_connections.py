"""Microsoft.ContainerRegistry/registries/privateEndpointConnections: the registry side of a private endpoint.
Connections are created by the private endpoint (Microsoft.Network); the registry owner approves, rejects (PUT of
the connection state) or deletes them, which needs `registries/privateEndpointConnectionsApproval/action`
(docs: container-registry-private-link.md, "Manage private endpoint connections")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field

from ...errors import ArmError, ArmResourceNotFound
from ...privatelink import PrivateEndpointConnection
from ..manager import Plan, register
from ..request import ResourceId
from .children import RegistryChild, swap_in
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

CR = "Microsoft.ContainerRegistry/registries"
STATUSES = ("Approved", "Rejected", "Pending", "Disconnected")
ConnectionStatus = Annotated[Literal["Approved", "Rejected", "Pending", "Disconnected"],
                             BeforeValidator(lambda v: {s.lower(): s for s in STATUSES}.get(v.lower(), v)
                                             if isinstance(v, str) else v)]


class ConnectionState(Body):
    status: ConnectionStatus
    description: str | None = None
    actions_required: str | None = None


class ConnectionProperties(Body):
    private_link_service_connection_state: ConnectionState | None = None


class ConnectionBody(Body):
    properties: ConnectionProperties = Field(default_factory=ConnectionProperties)


class PrivateEndpointConnectionProvider(RegistryChild):
    type = f"{CR}/privateEndpointConnections"
    store = "private_endpoint_connections"
    body_model = ConnectionBody
    write_action = f"{CR}/privateEndpointConnectionsApproval/action"
    enum_names = {"status": "PrivateLinkServiceConnectionStatus"}

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: ConnectionBody,
            existing: PrivateEndpointConnection | None) -> Plan:
        reg = self.parent_of(cloud, rid)
        if existing is None:  # only a private endpoint creates a connection
            raise ArmResourceNotFound(f"{CR}/{reg.name}/privateEndpointConnections/{rid.name}", reg.resource_group)
        state = body.properties.private_link_service_connection_state
        if state is None:
            raise ArmError("InvalidRequestContent", detail="Required property 'privateLinkServiceConnectionState' "
                                                           "not found in JSON.")
        if existing.status == "Rejected" and state.status == "Approved":
            raise ArmError("PrivateEndpointConnectionCannotBeApproved")
        new = existing.model_copy(update={"status": state.status, "description": state.description or ""})
        return Plan(resource=existing, commit=lambda: swap_in(reg.private_endpoint_connections, new, existing)
                    and None)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: PrivateEndpointConnection) -> Plan:
        reg = self.parent_of(cloud, rid)  # the private endpoint itself stays in its subnet, now Disconnected
        return Plan(resource=existing,
                    commit=lambda: reg.private_endpoint_connections.pop(existing.name, None) and None)


PROVIDER = register(PrivateEndpointConnectionProvider())
