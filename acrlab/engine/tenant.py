"""The tenant: subscriptions, resource groups and Entra ID principals."""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Literal, Protocol

from .record import Record

PrincipalType = Literal["User", "ServicePrincipal", "Group"]


class DirectoryObject(Protocol):
    """Anything with an Entra object id: a principal or a group (role assignments name either)."""

    @property
    def object_id(self) -> str: ...


class Principal(Record):
    """An Entra ID security principal: a user, a service principal or a managed identity."""

    object_id: str
    display_name: str
    kind: Literal["User", "ServicePrincipal", "ManagedIdentity"]
    user_principal_name: str | None = None
    """Users: `name@tenant.onmicrosoft.com`."""
    password: str | None = None
    """Users: the sign-in password."""
    app_id: str | None = None
    """Service principals and managed identities: the application (client) id."""
    secrets: list[dict] = field(default_factory=list)
    """Service principals: client secrets `{value, keyId, endDateTime}`."""
    resource_id: str | None = None
    """Managed identities: the identity resource (user-assigned) or the owning resource (system-assigned)."""
    assigned_to: str | None = None
    """System-assigned identities: the id of the resource they belong to."""
    created: datetime | None = None

    @property
    def principal_type(self) -> PrincipalType:
        """As role assignments print it: managed identities are ServicePrincipal."""
        return "User" if self.kind == "User" else "ServicePrincipal"

    @property
    def sign_in_name(self) -> str:
        return self.user_principal_name or self.app_id or self.object_id


class ResourceGroup(Record):
    name: str
    location: str
    subscription_id: str
    tags: dict[str, str] = field(default_factory=dict)
    managed_by: str | None = None

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.name}"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "location": self.location,
            "managedBy": self.managed_by,
            "name": self.name,
            "properties": {"provisioningState": "Succeeded"},
            "tags": self.tags or None,
            "type": "Microsoft.Resources/resourceGroups",
        }


class Subscription(Record):
    subscription_id: str
    name: str
    tenant_id: str
    resource_groups: dict[str, ResourceGroup] = field(default_factory=dict)
    """Keyed by lower-case name: ARM names are case-insensitive."""

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}"

    def find_group(self, name: str) -> ResourceGroup | None:
        return self.resource_groups.get(name.lower())


class Tenant(Record):
    tenant_id: str
    domain: str
    """Default domain, e.g. `contoso.onmicrosoft.com`."""
    subscriptions: dict[str, Subscription] = field(default_factory=dict)
    principals: dict[str, Principal] = field(default_factory=dict)
    """Keyed by object id."""

    def find_principal(self, ref: str) -> Principal | None:
        """Look a principal up by object id, app id, UPN or display name (as --assignee does)."""
        if ref in self.principals:
            return self.principals[ref]
        low = ref.lower()
        for p in self.principals.values():
            if (p.app_id and p.app_id.lower() == low) or (
                p.user_principal_name and p.user_principal_name.lower() == low
            ):
                return p
        for p in self.principals.values():
            if p.kind == "ServicePrincipal" and p.display_name.lower() == low:
                return p
        return None
