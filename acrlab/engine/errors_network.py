"""Microsoft.Network's error codes the resource manager's network providers raise (private DNS, endpoints), merged into
errors.CATALOGUE. Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "PrivateDnsZoneExists": (
        412, "The Zone {name} exists already.", "Private DNS's answer to a create (If-None-Match: *) of a zone that "
                                                "exists (az network private-dns zone create, New-AzPrivateDnsZone)",
        "PreconditionFailed"),
    "CannotDeleteResource": (
        409, "Can not delete resource before nested resources are deleted.",
        "ARM's refusal to delete a private DNS zone that still has virtual network links"),
    # -- private endpoints to a registry (engine/arm/providers/private_endpoints.py) -------------------------
    "PrivateLinkServiceNotFound": (404, "Resource '{resource}' not found.",
                                   "Microsoft.Network's answer to a privateLinkServiceId that does not exist"),
    "LinkedInvalidPropertyId": (
        400, "Property id '{value}' at path 'properties.{path}[0].properties.privateLinkServiceId' is invalid. Expect "
             "fully qualified resource Id that start with '/subscriptions/{{subscriptionId}}' or "
             "'/providers/{{resourceProviderNamespace}}/'.", "ARM's check of a resource id property"),
    "PrivateEndpointGroupIdRequired": (
        400, "Call to Microsoft.ContainerRegistry/registries failed. Error message: Group ID is required.",
        "Microsoft.Network relaying the registry provider (azure-cli issue reports)", "PrivateEndpointBadRequest"),
    "PrivateEndpointGroupIdNotSupported": (
        400, "Call to Microsoft.ContainerRegistry/registries failed. Error message: The group id '{group}' is not "
             "supported. Supported group ids: registry.", "lab wording of the registry provider's refusal",
        "PrivateEndpointBadRequest"),
    "PrivateEndpointPremiumOnly": (
        400, "Call to Microsoft.ContainerRegistry/registries failed. Error message: Private endpoint connections are "
             "only supported for managed registries in Premium SKU.",
        "lab wording (docs container-registry-private-link.md: Premium only)", "PrivateEndpointBadRequest"),
    "PrivateEndpointQuotaExceeded": (
        400, "Quota exceeded for private endpoint connections: {limit}.",
        "lab wording (docs container-registry-skus.md: 200 private endpoints per registry)", "QuotaExceeded"),
    "CannotChangePrivateEndpoint": (
        400, "Cannot change the subnet or the target of private endpoint {id}.",
        "lab wording in Microsoft.Network's style (an endpoint's subnet and target are fixed)"),
    "PrivateEndpointNeedsOneConnection": (
        400, "Cannot parse the request: a private endpoint needs exactly one privateLinkServiceConnections (or "
             "manualPrivateLinkServiceConnections) entry.", "lab wording of Microsoft.Network's request check",
        "InvalidRequestFormat"),
    # -- private DNS virtual network links, A record sets, zone groups (arm/providers/private_dns_records.py,
    # private_dns_zone_groups.py) ---------------------------------------------------------------------------------
    "VirtualNetworkLinkTargetNotFound": (
        400, "Virtual network resource not found for '{id}'",
        "Private DNS's answer to a link whose virtual network does not exist (Azure/azure-cli issue 23351)",
        "BadRequest"),
    "VirtualNetworkLinkExists": (
        412, "The virtual network link {name} exists already.", "lab wording of Private DNS's answer to a create "
                                                                 "(If-None-Match: *, as az network private-dns link "
                                                                 "vnet create sends it) of a link that exists",
        "PreconditionFailed"),
    "VirtualNetworkAlreadyLinked": (
        409, "A virtual network cannot be linked to the same private DNS zone more than once. Zone '{zone}' is "
             "already linked to '{vnet}' by '{other}'.", "lab wording of Private DNS's refusal", "Conflict"),
    "VirtualNetworkLinkVnetFixed": (
        400, "The virtual network of virtual network link '{name}' cannot be changed: delete the link and create "
             "it again.", "lab wording (az network private-dns link vnet update: 'Does not modify virtual network "
                          "within the link')", "BadRequest"),
    "PrivateDnsRecordSetExists": (
        412, "The Record set {name} exists already.", "Private DNS's answer to a create (If-None-Match: *) of a "
                                                      "record set that exists (az network private-dns record-set a "
                                                      "create)", "PreconditionFailed"),
    "InvalidARecordAddress": (
        400, "The A record '{value}' of record set '{name}' is not a valid IPv4 address.",
        "lab wording of Private DNS's record check", "BadRequest"),
    "PrivateDnsZoneNotFoundForGroup": (
        400, "Private DNS zone '{id}' does not exist.", "lab wording of Microsoft.Network's zone group check",
        "InvalidPrivateDnsZoneIds"),
    "PrivateDnsZoneNotForRegistry": (
        400, "Private DNS zone {zone} is not valid for group id 'registry'; expected privatelink.azurecr.io.",
        "lab wording (docs container-registry-private-link.md: the registry's zone is privatelink.azurecr.io)",
        "InvalidPrivateDnsZoneIds"),
    "PrivateDnsZoneGroupWithoutConfigs": (
        400, "Cannot parse the request: privateDnsZoneConfigs is empty.", "lab wording of Microsoft.Network's "
                                                                         "request check", "InvalidRequestFormat"),
}
