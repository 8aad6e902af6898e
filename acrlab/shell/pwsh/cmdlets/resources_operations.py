"""Az.Resources Get-AzProviderOperation: the operations a custom role can name, as the ACR custom-roles article
lists them (`Get-AzProviderOperation -OperationSearchString Microsoft.ContainerRegistry/*`). Source:
Azure/azure-powershell src/Resources/Resources/help/Get-AzProviderOperation.md; the operations come from
engine.provider_operations."""

from __future__ import annotations

from ....engine import provider_operations
from ..values import PSObject
from .base import Param, cmdlet
from .containerregistry import engine_call
from .resources import MOD

PROFILE = Param("DefaultProfile", "psobject", "The credentials, account, tenant, and subscription used for "
                "communication with azure", aliases=("AzContext", "AzureRmContext", "AzureCredential"))


def operation_obj(op: dict) -> PSObject:
    return PSObject("Microsoft.Azure.Commands.Resources.Models.PSResourceProviderOperation", {
        "Operation": op["name"], "OperationName": None, "ProviderNamespace": provider_operations.NS,
        "ResourceName": None, "Description": op["description"], "IsDataAction": op["isDataAction"]})


@cmdlet("Get-AzProviderOperation", [
    Param("OperationSearchString", "string", "The operation search string (with possible wildcard (*) characters)",
          position=0, aliases=("Name",), pipeline=True), PROFILE,
], "Gets the operations for an Azure resource provider that are securable using Azure RBAC.", module=MOD,
    outputs="Microsoft.Azure.Commands.Resources.Models.PSResourceProviderOperation",
    examples=[("Get actions for a particular resource provider", "Get-AzProviderOperation Microsoft.ContainerRegistry/*"),
              ("Get all actions that can be performed on registries",
               "Get-AzProviderOperation */registries/*")])
def get_provider_operation(ctx, a, items):
    pattern = a.OperationSearchString or "*"
    if "*" in pattern.split("/", 1)[0]:
        ctx.warn(f"The lab lists {provider_operations.NS} operations only.")
    return [operation_obj(op) for op in engine_call(provider_operations.search, pattern)]
