"""Microsoft.Compute/sshPublicKeys (PUT, GET, list, DELETE, POST generateKeyPair), as New-AzVM -GenerateSshKey,
New-AzSshKey and az sshkey send them (azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute/
ComputeRP/stable/2024-07-01/sshPublicKey.json: SshPublicKeys_Create, _Get, _ListByResourceGroup, _Delete,
_GenerateKeyPair). A key resource holds a public key; generateKeyPair makes a new pair, keeps the public half and
returns both (the private half is never stored in Azure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from ...errors import AzureError
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .registry_body import Body
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal

TYPE = "Microsoft.Compute/sshPublicKeys"


class SshPublicKey(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    public_key: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group.upper()}/providers/"
                f"{TYPE}/{self.name}")

    def to_arm(self) -> dict:
        props = {"publicKey": self.public_key} if self.public_key else {}
        return {"id": self.id, "name": self.name, "type": TYPE, "location": self.location, "tags": dict(self.tags),
                "properties": props}


class KeyProps(Body):
    public_key: str | None = None


class KeyBody(Body):
    location: str | None = None
    tags: dict[str, str] | None = None
    properties: KeyProps | None = None


def keys(cloud: Cloud) -> dict[str, SshPublicKey]:
    return cloud.state.setdefault("ssh_public_keys", {})


class SshPublicKeyProvider(Provider):
    type = TYPE
    body_model = KeyBody
    actions = {"generateKeyPair": "generateKeyPair/action"}

    def find(self, cloud: Cloud, rid: ResourceId) -> SshPublicKey | None:
        return keys(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[SshPublicKey]:
        rg = (rid.resource_group or "").lower()
        return sorted((k for k in keys(cloud).values() if not rg or k.resource_group.lower() == rg),
                      key=lambda k: (k.resource_group.lower(), k.name.lower()))

    def to_arm(self, resource: SshPublicKey) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: KeyBody, existing: SshPublicKey | None) -> Plan:
        location = tracked_location(TYPE, body.location, existing)
        public = body.properties.public_key if body.properties else None
        if public is not None and not public.startswith(("ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-")):
            raise AzureError("The value of parameter publicKey is invalid.", code="InvalidParameter", status=400)
        group = cloud.group(rid.resource_group or "")
        new = SshPublicKey(name=existing.name if existing else rid.name, resource_group=group.name,
                           subscription_id=group.subscription_id, location=location,
                           public_key=public or (existing.public_key if existing else None), tags=dict(body.tags or {}))

        def commit() -> None:
            keys(cloud)[rid.id.lower()] = new
        return Plan(resource=new, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: SshPublicKey) -> Plan:
        def commit() -> None:
            keys(cloud).pop(rid.id.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: SshPublicKey) -> Plan:
        if action.lower() != "generatekeypair":
            return super().post(cloud, caller, rid, action, body, existing)
        public = f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{cloud.ids.secret(372)} generated-by-azure"
        private = ("-----BEGIN RSA PRIVATE KEY-----\r\n" + cloud.ids.secret(64) + "\r\n-----END RSA PRIVATE KEY-----\r\n")

        def commit() -> None:
            existing.public_key = public
        return Plan(resource=existing, commit=commit, status=200,
                    body={"privateKey": private, "publicKey": public, "id": existing.id})


register(SshPublicKeyProvider())
