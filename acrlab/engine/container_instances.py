"""Azure Container Instances container groups: creating one pulls every container's image the way ACI does, with
the group's image registry credentials (a service principal, the registry's admin user, a token) or a user-assigned
managed identity (`--acr-identity`, which must also be assigned to the group and hold AcrPull). When the image cannot
be pulled the whole request fails with ACI's InaccessibleImage error and nothing is created.

Containers do not run in the lab: a created group reports the state ACI gives a started group.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-auth-aci.md;
azure-cli src/azure-cli/azure/cli/command_modules/container/custom.py (create_container and its defaults);
the InaccessibleImage text as ACI returns it (azure-cli issue 18596, azure-sdk-for-python issue 16731)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from .clock import iso
from .errors import AzureError, RegistryError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

ACI = "Microsoft.ContainerInstance/containerGroups"


class Container(BaseModel):
    name: str
    image: str
    cpu: float = 1.0
    memory_gb: float = 1.5
    ports: list[dict] | None = None
    command: list[str] | None = None
    environment: list[dict] = Field(default_factory=list)
    image_digest: str | None = None


class ContainerGroup(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    containers: list[Container]
    os_type: str = "Linux"
    restart_policy: str = "Always"
    ip_address: dict | None = None
    credentials: list[dict] = Field(default_factory=list)
    identity: dict | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    created: datetime
    sku: str = "Standard"

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{ACI}/"
                f"{self.name}")

    def to_json(self) -> dict:
        """`az container create|show` (ContainerGroup with its properties flattened, as az prints it)."""
        started = iso(self.created)
        containers = []
        for c in self.containers:
            containers.append({
                "command": c.command, "environmentVariables": c.environment, "image": c.image,
                "instanceView": {"currentState": {"detailStatus": "", "exitCode": None, "finishTime": None,
                                                  "startTime": started, "state": "Running"},
                                 "events": [_event(self, "Pulling", f'pulling image "{c.image}"'),
                                            _event(self, "Pulled", f'Successfully pulled image "{c.image}"'),
                                            _event(self, "Started", "Started container")],
                                 "previousState": None, "restartCount": 0},
                "livenessProbe": None, "name": c.name, "ports": c.ports, "readinessProbe": None,
                "resources": {"limits": None, "requests": {"cpu": c.cpu, "gpu": None, "memoryInGb": c.memory_gb}},
                "securityContext": None, "volumeMounts": None,
            })
        creds = [{"identity": c.get("identity"), "identityUrl": None, "password": None, "server": c["server"],
                  "username": c.get("username")} for c in self.credentials]
        return {
            "confidentialComputeProperties": None, "containers": containers, "diagnostics": None, "dnsConfig": None,
            "encryptionProperties": None, "extensions": None, "id": self.id, "identity": self.identity,
            "imageRegistryCredentials": creds or None, "initContainers": [],
            "instanceView": {"events": [], "state": "Running"}, "ipAddress": self.ip_address,
            "location": self.location, "name": self.name, "osType": self.os_type, "priority": None,
            "provisioningState": "Succeeded", "resourceGroup": self.resource_group,
            "restartPolicy": self.restart_policy, "sku": self.sku, "subnetIds": None, "tags": dict(self.tags),
            "type": ACI, "volumes": None, "zones": None,
        }


def _event(group: ContainerGroup, name: str, message: str) -> dict:
    return {"count": 1, "firstTimestamp": iso(group.created), "lastTimestamp": iso(group.created),
            "message": message, "name": name, "type": "Normal"}


def groups(cloud: Cloud) -> dict[str, ContainerGroup]:
    return cloud.resources["containerGroups"]


def inaccessible(image: str, group: str) -> AzureError:
    return AzureError(f"The image '{image}' in container group '{group}' is not accessible. Please check the image "
                      "and registry credential.", code="InaccessibleImage")


def _identity_principal(cloud: Cloud, group: ContainerGroup, ref: str) -> Principal | None:
    """The user-assigned identity `ref` names, if the group has it assigned."""
    assigned = {k.lower() for k in ((group.identity or {}).get("userAssignedIdentities") or {})}
    if ref.lower() not in assigned:
        return None
    return next((p for p in cloud.tenant.principals.values()
                 if (p.resource_id or "").lower() == ref.lower() and p.kind == "ManagedIdentity"), None)


def _from_docker_hub(cloud: Cloud, group: ContainerGroup, image: str, host: str):
    """An image of a lab Docker Hub account, read with the group's credentials for docker.io (engine/docker_hub.py);
    None when the catalogue answers."""
    from . import catalog, docker_hub
    if not docker_hub.is_docker_hub(host):
        return None
    cred = next((c for c in group.credentials if docker_hub.is_docker_hub(c["server"])), {})
    _, repo, ref = catalog.normalize_reference(image)
    try:
        return docker_hub.pull_with(cloud, cred.get("username"), cred.get("password"), repo, ref)
    except RegistryError:
        raise inaccessible(image, group.name) from None


def pull(cloud: Cloud, group: ContainerGroup, container: Container) -> str | None:
    """Pull one container's image as ACI does; returns its digest or raises InaccessibleImage."""
    from . import catalog
    from .dataplane import Credential, Origin, authenticate
    from .images import pull_image

    image = container.image
    host = image.split("/", 1)[0].lower() if "/" in image and "." in image.split("/", 1)[0] else "docker.io"
    registry = cloud.registry_by_login_server(host)
    if registry is None:
        content = _from_docker_hub(cloud, group, image, host)
        content = content or catalog.find_public(image, cloud.state.get("catalog_overrides"))
        if content is None:
            raise inaccessible(image, group.name)
        return content.digest
    cred_spec = next((c for c in group.credentials if c["server"].lower() == host), None)
    cred = None
    try:
        if cred_spec and cred_spec.get("identity"):
            principal = _identity_principal(cloud, group, cred_spec["identity"])
            if principal is None:
                raise inaccessible(image, group.name)
            cred = Credential(kind="aad", registry=registry.name, principal_id=principal.object_id)
        elif cred_spec:
            cred = authenticate(cloud, registry, cred_spec.get("username"), cred_spec.get("password"))
        rest = image.split("/", 1)[1]
        repo, ref = rest.split("@", 1) if "@" in rest else (rest.rsplit(":", 1) if ":" in rest.rsplit("/", 1)[-1]
                                                             else (rest, "latest"))
        manifest = pull_image(cloud, registry, cred, repo, ref, Origin(kind="internet", ip="20.42.0.10",
                                                                       resource_id=group.id))
    except RegistryError:
        raise inaccessible(image, group.name) from None
    return manifest.digest


def public_ip(cloud: Cloud) -> str:
    n = len(groups(cloud)) + 10
    return f"20.121.{(n // 250) % 250}.{n % 250 + 1}"


def body_to_group(cloud: Cloud, name: str, rg: str, location: str, props: dict[str, Any], identity: dict | None,
                  tags: dict | None) -> ContainerGroup:
    containers = []
    for c in props.get("containers") or []:
        cp = c.get("properties") or {}
        req = ((cp.get("resources") or {}).get("requests") or {})
        containers.append(Container(name=c.get("name") or name, image=cp.get("image") or "",
                                    cpu=float(req.get("cpu", 1.0)), memory_gb=float(req.get("memoryInGB", 1.5)),
                                    ports=[{"port": p["port"], "protocol": p.get("protocol", "TCP")}
                                           for p in cp.get("ports") or []] or None,
                                    command=cp.get("command"), environment=cp.get("environmentVariables") or []))
    ip = props.get("ipAddress")
    ip_json = None
    if ip:
        label = ip.get("dnsNameLabel")
        ip_json = {"autoGeneratedDomainNameLabelScope": "Unsecure", "dnsNameLabel": label,
                   "fqdn": f"{label}.{location}.azurecontainer.io" if label else None,
                   "ip": public_ip(cloud) if ip.get("type", "Public").lower() == "public" else "10.0.0.4",
                   "ports": [{"port": p["port"], "protocol": p.get("protocol", "TCP")} for p in ip.get("ports") or []],
                   "type": ip.get("type", "Public")}
    ident = None
    if identity:
        users = {k: {"clientId": p.app_id, "principalId": p.object_id} for k in
                 (identity.get("userAssignedIdentities") or {})
                 for p in cloud.tenant.principals.values() if (p.resource_id or "").lower() == k.lower()}
        missing = [k for k in identity.get("userAssignedIdentities") or {} if k not in users]
        if missing:
            raise AzureError(f"The user assigned identity '{missing[0]}' could not be found.",
                             code="InvalidUserAssignedIdentity")
        ident = {"principalId": None, "tenantId": cloud.tenant.tenant_id, "type": identity.get("type"),
                 "userAssignedIdentities": users or None}
    return ContainerGroup(name=name, resource_group=rg, subscription_id=cloud.subscription.subscription_id,
                          location=location, containers=containers, os_type=props.get("osType", "Linux"),
                          restart_policy=props.get("restartPolicy", "Always"), ip_address=ip_json,
                          credentials=list(props.get("imageRegistryCredentials") or []), identity=ident,
                          tags=dict(tags or {}), created=cloud.clock.now(), sku=props.get("sku", "Standard"))
