"""Virtual networks, subnets, private endpoints, private DNS zones, and the registry's network decision.

The access rule (installed in `cloud.state['network_checks']`) for a request from `Origin` to a registry:

1. Private path: the origin sits in a subnet whose VNet resolves `<registry>.azurecr.io` to a private IP, i.e.
   a private DNS zone `privatelink.azurecr.io` linked to that VNet holds an A record for the registry, and the
   IP belongs to a private endpoint of that registry in the same VNet whose connection is Approved. Network
   rules do not apply to private endpoints. (A record pointing at a Pending/Rejected endpoint: the lab treats
   the name as not resolving privately and falls back to the public path.)
2. Public path: trusted Azure services bypass when `networkRuleBypassOptions` is AzureServices; public network
   access Disabled refuses everyone; default action Allow admits everyone; default action Deny admits only
   origins whose public IP is in an IP rule, or whose subnet (with the Microsoft.ContainerRegistry service
   endpoint) is in a VNet rule. Everything else gets ACR's firewall 403.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from pydantic import BaseModel, Field

from .cloud import Cloud
from .dataplane import Origin
from .errors import ArmResourceNotFound, AzureError, RegistryError, ResourceNotFound
from .locations import normalize_location
from .registry import Registry

NET = "Microsoft.Network"
PRIVATELINK_ZONE = "privatelink.azurecr.io"
FIREWALL_HELP = "https://aka.ms/acr/firewall"
NETWORK_DENIED = "DENIED_BY_NETWORK"
"""RegistryError code for firewall refusals. On the wire ACR sends `DENIED`; a distinct code lets clients tell a
firewall refusal (docker prints `Head ...: denied: client with IP ...`) from a permission refusal."""


class Subnet(BaseModel):
    name: str
    vnet_id: str
    resource_group: str
    address_prefix: str
    private_endpoint_network_policies: str = "Disabled"
    service_endpoints: list[str] = Field(default_factory=list)
    allocated: list[str] = Field(default_factory=list)
    """Private IPs handed out in this subnet (NICs and private endpoints)."""
    etag: str = ""

    @property
    def id(self) -> str:
        return f"{self.vnet_id}/subnets/{self.name}"

    def arm_body(self) -> dict:
        """ARM's GET body of the subnet (what templates read), without what other resources attach to it."""
        props: dict[str, Any] = {"addressPrefix": self.address_prefix, "delegations": [],
                                 "privateEndpointNetworkPolicies": self.private_endpoint_network_policies,
                                 "privateLinkServiceNetworkPolicies": "Enabled", "provisioningState": "Succeeded"}
        if self.service_endpoints:
            props["serviceEndpoints"] = [{"provisioningState": "Succeeded", "service": s}
                                         for s in self.service_endpoints]
        return {"id": self.id, "name": self.name, "etag": f'W/"{self.etag}"', "type": f"{NET}/virtualNetworks/subnets",
                "properties": props}

    def to_json(self, cloud: Cloud, location: str) -> dict:
        from .privatelink import endpoints

        pes = [p for p in endpoints(cloud).values() if p.subnet_id.lower() == self.id.lower()]
        out: dict[str, Any] = {
            "addressPrefix": self.address_prefix,
            "delegations": [],
            "etag": f'W/"{self.etag}"',
            "id": self.id,
            "name": self.name,
            "privateEndpointNetworkPolicies": self.private_endpoint_network_policies,
            "privateLinkServiceNetworkPolicies": "Enabled",
            "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group,
            "type": f"{NET}/virtualNetworks/subnets",
        }
        if self.service_endpoints:
            out["serviceEndpoints"] = [{"locations": [location], "provisioningState": "Succeeded", "service": s}
                                       for s in self.service_endpoints]
        from .network_interfaces import subnet_ip_configurations

        configs = subnet_ip_configurations(cloud, self.id)
        if configs:
            out["ipConfigurations"] = configs
        if pes:
            out["privateEndpoints"] = [{"id": p.id, "resourceGroup": p.resource_group} for p in pes]
        return out


class VirtualNetwork(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    address_prefixes: list[str]
    subnets: dict[str, Subnet] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    resource_guid: str = ""
    etag: str = ""

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
                f"/providers/{NET}/virtualNetworks/{self.name}")

    def arm_body(self) -> dict:
        """ARM's GET body of the network (what templates read and what-if compares)."""
        return {"id": self.id, "name": self.name, "type": f"{NET}/virtualNetworks", "location": self.location,
                "tags": dict(self.tags), "etag": f'W/"{self.etag}"',
                "properties": {"addressSpace": {"addressPrefixes": list(self.address_prefixes)},
                               "enableDdosProtection": False, "provisioningState": "Succeeded",
                               "resourceGuid": self.resource_guid,
                               "subnets": [s.arm_body() for s in self.subnets.values()]}}

    def to_json(self, cloud: Cloud) -> dict:
        return {
            "addressSpace": {"addressPrefixes": list(self.address_prefixes)},
            "enableDdosProtection": False,
            "etag": f'W/"{self.etag}"',
            "id": self.id,
            "location": self.location,
            "name": self.name,
            "provisioningState": "Succeeded",
            "resourceGroup": self.resource_group,
            "resourceGuid": self.resource_guid,
            "subnets": [s.to_json(cloud, self.location) for s in self.subnets.values()],
            "tags": dict(self.tags),
            "type": f"{NET}/virtualNetworks",
            "virtualNetworkPeerings": _peerings_json(cloud, self.id),
        }


def _peerings_json(cloud: Cloud, vnet_id: str) -> list[dict]:
    from .peering import of_vnet

    return [p.to_json() for p in of_vnet(cloud, vnet_id)]


# -- stores --------------------------------------------------------------------------------------

def vnets(cloud: Cloud) -> dict[str, VirtualNetwork]:
    return cloud.resources["vnets"]


def _rg_id(cloud: Cloud, rg: str) -> str:
    return f"{cloud.subscription.id}/resourceGroups/{rg}"


def not_found(kind: str, name: str, rg: str) -> ResourceNotFound:
    return ArmResourceNotFound(f"{NET}/{kind}/{name}", rg)


# -- VNets and subnets ---------------------------------------------------------------------------

def create_vnet(cloud: Cloud, name: str, resource_group: str, location: str | None = None,
                address_prefixes: list[str] | None = None, subnet_name: str | None = None,
                subnet_prefix: str | None = None, tags: dict | None = None) -> VirtualNetwork:
    """A network a service makes for itself (an AKS cluster's node network, in its node resource group): no request,
    no caller; what learners make is the resource manager's (arm/providers/virtual_networks.py)."""
    rg = cloud.group(resource_group)
    loc = normalize_location(location) if location else rg.location
    if loc is None:
        raise AzureError(f"The provided location '{location}' is not available for resource type "
                         f"'{NET}/virtualNetworks'.", code="LocationNotAvailableForResourceType")
    prefixes = address_prefixes or ["10.0.0.0/16"]
    for p in prefixes:
        check_prefix(p)
    vnet = find_vnet(cloud, rg.name, name)
    if vnet is None:
        vnet = VirtualNetwork(name=name, resource_group=rg.name, subscription_id=cloud.subscription.subscription_id,
                              location=loc, address_prefixes=prefixes, resource_guid=cloud.ids.guid(),
                              etag=cloud.ids.guid(), tags=tags or {})
        vnets(cloud)[vnet.id] = vnet
    if subnet_name:
        create_subnet(cloud, vnet, subnet_name, subnet_prefix or first_subnet(prefixes[0]))
    return vnet


def check_prefix(prefix: str):
    """An address prefix in CIDR form (InvalidAddressPrefixFormat otherwise)."""
    try:
        return ipaddress.ip_network(prefix, strict=True)
    except ValueError:
        raise AzureError(f"Address prefix {prefix} is not formatted correctly. Address prefix must be in CIDR "
                         "format like 10.0.0.0/24.", code="InvalidAddressPrefixFormat") from None



def check_subnet(vnet_name: str, vnet_prefixes: list[str], others: dict[str, str], name: str, prefix: str) -> None:
    """A subnet's range must lie inside the network's address space and overlap no other subnet (name -> prefix)."""
    net = check_prefix(prefix)
    if not any(net.subnet_of(ipaddress.ip_network(p)) for p in vnet_prefixes):
        raise AzureError(f"Subnet '{name}' is not valid because its IP address range is outside the IP address range "
                         f"of virtual network '{vnet_name}'.", code="NetcfgSubnetRangeOutsideVnet")
    for other, other_prefix in others.items():
        if other.lower() != name.lower() and net.overlaps(ipaddress.ip_network(other_prefix)):
            raise AzureError(f"Subnet '{name}' is not valid in virtual network '{vnet_name}'. IP address range "
                             f"{prefix} overlaps with subnet '{other}'.", code="NetcfgInvalidSubnet")


def refuse_in_use(subnets: list[Subnet]) -> None:
    """Deleting a subnet (or its network) is refused while it still holds addresses."""
    used = [s.name for s in subnets if s.allocated]
    if used:
        raise AzureError(f"Subnet {used[0]} is in use by other resources and cannot be deleted. In order to delete "
                         "the subnet, delete all the resources within the subnet.", code="InUseSubnetCannotBeDeleted")


def first_subnet(vnet_prefix: str) -> str:
    """The first /24 (or the whole space when it is smaller) of a network's prefix: az's default subnet."""
    net = ipaddress.ip_network(vnet_prefix)
    return str(next(net.subnets(new_prefix=max(net.prefixlen, 24))))


def find_vnet(cloud: Cloud, resource_group: str, name: str) -> VirtualNetwork | None:
    for v in vnets(cloud).values():
        if v.name.lower() == name.lower() and v.resource_group.lower() == resource_group.lower():
            return v
    return None


def create_subnet(cloud: Cloud, vnet: VirtualNetwork, name: str, prefix: str,
                  pe_policies: str | None = None, service_endpoints: list[str] | None = None) -> Subnet:
    check_subnet(vnet.name, vnet.address_prefixes, {o.name: o.address_prefix for o in vnet.subnets.values()}, name,
                 prefix)
    s = vnet.subnets.get(name) or Subnet(name=name, vnet_id=vnet.id, resource_group=vnet.resource_group,
                                         address_prefix=prefix, etag=cloud.ids.guid())
    s.address_prefix = prefix
    if pe_policies is not None:
        s.private_endpoint_network_policies = pe_policies
    if service_endpoints is not None:
        s.service_endpoints = service_endpoints
    vnet.subnets[name] = s
    return s


def find_subnet(cloud: Cloud, subnet_id: str | None) -> tuple[VirtualNetwork, Subnet] | None:
    if not subnet_id or "/subnets/" not in subnet_id:
        return None
    vid, sname = subnet_id.rsplit("/subnets/", 1)
    for v in vnets(cloud).values():
        if v.id.lower() == vid.lower():
            for s in v.subnets.values():
                if s.name.lower() == sname.lower():
                    return v, s
    return None


def free_ips(subnet: Subnet, count: int) -> list[str]:
    """The next `count` free addresses of a subnet (Azure keeps the first four and the last), without taking them
    (SubnetIsFull when short); a plan takes them in its commit."""
    net, out = ipaddress.ip_network(subnet.address_prefix), list[str]()
    for i, host in enumerate(net):
        if len(out) == count:
            break
        if i >= 4 and host != net.broadcast_address and str(host) not in subnet.allocated:
            out.append(str(host))
    if len(out) < count:
        raise AzureError(f"Subnet {subnet.name} with address prefix {subnet.address_prefix} does not have enough "
                         f"capacity for {count} IP addresses.", code="SubnetIsFull")
    return out


# -- the decision ----------------------------------------------------------------------------------

def ip_allowed(registry: Registry, ip: str | None) -> bool:
    if not ip or registry.network_rule_set is None:
        return False
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for rule in registry.network_rule_set.ip_rules:
        try:
            if addr in ipaddress.ip_network(rule.ip_address_or_range, strict=False):
                return True
        except ValueError:
            continue
    return False


def subnet_allowed(cloud: Cloud, registry: Registry, subnet_id: str | None) -> bool:
    if not subnet_id or registry.network_rule_set is None:
        return False
    found = find_subnet(cloud, subnet_id)
    if found is None or "Microsoft.ContainerRegistry" not in found[1].service_endpoints:
        return False
    return any(r.subnet_id.lower() == subnet_id.lower() for r in registry.network_rule_set.virtual_network_rules)


def access_decision(cloud: Cloud, registry: Registry, origin: Origin) -> tuple[bool, str]:
    """(allowed, why) for a request from `origin`; `why` names the rule that decided."""
    if origin.kind != "internet":
        from .privatelink import private_route  # (requests from the internet, most of them, never need it)

        if private_route(cloud, registry, origin) is not None:
            return True, "private endpoint (network rules do not apply)"
    if origin.kind == "azure-service" and registry.network_rule_bypass_options == "AzureServices":
        return True, "trusted Azure service bypass"
    if origin.kind == "task" and origin.subnet_id is None and registry.network_rule_bypass_options == "AzureServices":
        from .dated_rules import TASKS_NETWORK_BYPASS_POLICY
        if registry.network_rule_bypass_allowed_for_tasks or not TASKS_NETWORK_BYPASS_POLICY.in_force(
                cloud.clock.now()):
            return True, "network bypass for tasks (networkRuleBypassAllowedForTasks)"
    if registry.public_network_access == "Disabled":
        return False, "public network access is disabled"
    rules = registry.network_rule_set
    if rules is None or rules.default_action == "Allow":
        return True, "default action Allow"
    if ip_allowed(registry, origin.ip):
        return True, f"IP rule matches {origin.ip}"
    if subnet_allowed(cloud, registry, origin.subnet_id):
        return True, "virtual network rule matches the subnet"
    return False, "default action Deny and no rule matches"


def firewall_error(origin: Origin) -> RegistryError:
    return RegistryError(NETWORK_DENIED, f"client with IP '{origin.ip}' is not allowed access. Refer {FIREWALL_HELP} "
                         "to grant access.", 403)


def check(cloud: Cloud, registry: Registry, origin: Origin) -> None:
    allowed, _ = access_decision(cloud, registry, origin)
    if not allowed:
        raise firewall_error(origin)


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("network_checks", []).append(check)


def delete_vnet(cloud: Cloud, vnet: VirtualNetwork) -> None:
    """What a network's DELETE commits (arm/providers/virtual_networks.py): refused while a subnet still holds
    addresses (private endpoints, VMs, nodes); its peerings' other ends are told."""
    refuse_in_use(list(vnet.subnets.values()))
    vnets(cloud).pop(vnet.id, None)
    from .peering import on_vnet_deleted

    on_vnet_deleted(cloud, vnet)
