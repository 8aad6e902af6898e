"""Microsoft.Network's error codes the resource manager's network providers raise (private DNS zones), merged into
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
}
