"""Microsoft.ContainerService's error codes (managed clusters), merged into errors.CATALOGUE. Each entry:
code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "AksInvalidParameter": (
        400, "The value of parameter {parameter} is invalid. Please see https://aka.ms/aks-naming-rules for more "
             "details.", "AKS resource provider's parameter refusal (Azure/AKS issues quoting it)", "InvalidParameter"),
    "SubnetNotFound": (
        400, "Could not find subnet {subnet} in vnet {vnet} from resource group {resource_group} of subscription "
             "{subscription}.", "the service's answer quoted in sassoftware/viya4-iac-azure issue 163"),
}
