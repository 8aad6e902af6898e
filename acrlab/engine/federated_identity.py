"""Federated identity credentials of user-assigned identities, authorized as ARM does
(`Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write|read|delete`)."""

from __future__ import annotations

from . import identity
from .cloud import Cloud
from .errors import AzureError, arm_not_found_message
from .tenant import Principal

FIC = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"


def create(cloud: Cloud, caller: Principal, mi: identity.UserAssignedIdentity, name: str, issuer: str,
           subject: str, audiences: list[str] | None = None) -> identity.FederatedCredential:
    cloud.require(caller, f"{FIC}/write", f"{mi.id}/federatedIdentityCredentials/{name}")
    return identity.put_federated_credential(mi, name, issuer, subject, audiences)


def listing(cloud: Cloud, caller: Principal, mi: identity.UserAssignedIdentity) -> list[identity.FederatedCredential]:
    cloud.require(caller, f"{FIC}/read", mi.id)
    return list(mi.federated_credentials.values())


def delete(cloud: Cloud, caller: Principal, mi: identity.UserAssignedIdentity, name: str) -> None:
    cloud.require(caller, f"{FIC}/delete", f"{mi.id}/federatedIdentityCredentials/{name}")
    if name not in mi.federated_credentials:
        raise AzureError(arm_not_found_message(f"{FIC}/{mi.name}/{name}", mi.resource_group),
                         code="ResourceNotFound", status=404)
    del mi.federated_credentials[name]
