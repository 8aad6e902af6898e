"""Entra ID principals: users, service principals (with their applications) and managed identities.

Helpers other families call:
  create_user(cloud, caller, upn, display_name, password) -> Principal
  create_service_principal(cloud, display_name, years=1) -> (Principal, secret)
  create_user_assigned_identity(cloud, rg, name, location) -> UserAssignedIdentity (a service's own; its
    .principal(cloud)); user-assigned identities people make are requests (arm/providers/managed_identities.py)
  create_system_identity(cloud, resource_id) -> Principal
  delete_user / delete_service_principal(cloud, caller, principal)   (Graph's rules: who may write the directory)
  (Entra security groups live in entra_groups.py; az's own look-ups by --assignee/--id in shell/az/graph.py)
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Any

from .cloud import Cloud
from .errors import AzureError
from .locations import normalize_location
from .record import Record
from .tenant import Principal

MI_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities"
GRAPH = "https://graph.microsoft.com/v1.0/$metadata"
CREDENTIAL_WARNING = (
    "The output includes credentials that you must protect. Be sure that you do not include these credentials in "
    "your code or check the credentials into your source control. For more information, see https://aka.ms/azadsp-cli")


class GraphError(AzureError):
    """Microsoft Graph errors: az prints their message bare (no ARM `(Code)` prefix)."""

    arm = False

    def __init__(self, message: str, code: str = "Request_BadRequest", status: int = 400):
        super().__init__(message, code=code, status=status)


def require_directory_writer(cloud: Cloud, p: Principal) -> None:
    """Creating or deleting users needs a directory role; in the lab only the learner (the tenant's admin) holds one."""
    if p.object_id != cloud.learner.object_id:
        raise GraphError("Insufficient privileges to complete the operation.", "Authorization_RequestDenied", 403)


class Application(Record):
    """An app registration: the service principal's `appId` lives here."""

    object_id: str
    app_id: str
    display_name: str
    created: datetime


class FederatedCredential(Record):
    """`Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`."""

    name: str
    issuer: str
    subject: str
    audiences: list[str]

    def to_json(self, identity_id: str, resource_group: str) -> dict:
        return {"audiences": list(self.audiences), "id": f"{identity_id}/federatedIdentityCredentials/{self.name}",
                "issuer": self.issuer, "name": self.name, "resourceGroup": resource_group, "subject": self.subject,
                "systemData": None, "type": f"{MI_TYPE}/federatedIdentityCredentials"}


MAX_FEDERATED_CREDENTIALS = 20
"""Per identity (docs: workload-identity-federation-considerations.md)."""


class UserAssignedIdentity(Record):
    """A `Microsoft.ManagedIdentity/userAssignedIdentities` resource and the principal behind it."""

    name: str
    resource_group: str
    subscription_id: str
    location: str
    principal_id: str
    client_id: str
    tenant_id: str
    tags: dict[str, str] = field(default_factory=dict)
    federated_credentials: dict[str, FederatedCredential] = field(default_factory=dict)
    """Workload identity federation: external issuers (GitHub, AKS OIDC) trusted for one subject each."""

    @property
    def id(self) -> str:  # ARM returns this type's ids with a lower-case `resourcegroups`
        return (f"/subscriptions/{self.subscription_id}/resourcegroups/{self.resource_group}/providers/{MI_TYPE}/"
                f"{self.name}")

    def principal(self, cloud: Cloud) -> Principal:
        return cloud.tenant.principals[self.principal_id]

    def to_json(self) -> dict:
        return {"clientId": self.client_id, "id": self.id, "location": self.location, "name": self.name,
                "principalId": self.principal_id, "resourceGroup": self.resource_group, "tags": dict(self.tags),
                "tenantId": self.tenant_id, "type": MI_TYPE}


def applications(cloud: Cloud) -> dict[str, Application]:
    return cloud.state.setdefault("applications", {})


def identities(cloud: Cloud) -> dict[str, UserAssignedIdentity]:
    return cloud.resources["identities"]


# -- users ---------------------------------------------------------------------------------------

def create_user(cloud: Cloud, caller: Principal, upn: str, display_name: str, password: str) -> Principal:
    """POST /users (Microsoft Graph): the caller needs a directory role; the UPN and password are checked first."""
    require_directory_writer(cloud, caller)
    domain = upn.rsplit("@", 1)[-1].lower() if "@" in upn else ""
    if domain != cloud.tenant.domain:
        raise GraphError("The domain portion of the userPrincipalName property is invalid. You must use one of the "
                         "verified domain names in your organization.")
    if any(p.user_principal_name and p.user_principal_name.lower() == upn.lower()
           for p in cloud.tenant.principals.values()):
        raise GraphError("Another object with the same value for property userPrincipalName already exists.")
    if len(password) < 8 or sum(any(f(c) for c in password) for f in (str.islower, str.isupper, str.isdigit,
                                                                     lambda c: not c.isalnum())) < 3:
        raise GraphError("The specified password does not comply with password complexity requirements. Please "
                         "provide a different password.")
    return cloud.add_principal(Principal(object_id=cloud.ids.guid(), display_name=display_name, kind="User",
                                         user_principal_name=upn, password=password, created=cloud.clock.now()))


def delete_user(cloud: Cloud, caller: Principal, user: Principal) -> None:
    """DELETE /users/{id}: a directory role is needed, and the tenant's admin cannot delete itself."""
    require_directory_writer(cloud, caller)
    if user.object_id == cloud.learner.object_id:
        raise GraphError("Insufficient privileges to complete the operation.", "Authorization_RequestDenied", 403)
    delete_principal(cloud, user)


def delete_service_principal(cloud: Cloud, caller: Principal, sp: Principal) -> None:
    """DELETE /servicePrincipals/{id}: a user may delete one (an application's owner, in the lab any user); a managed
    identity's service principal goes only with its identity resource."""
    if caller.kind != "User":
        raise GraphError("Insufficient privileges to complete the operation.", "Authorization_RequestDenied", 403)
    if sp.kind == "ManagedIdentity":
        raise GraphError("Cannot delete a managed identity's service principal; delete the identity resource "
                         "instead.", "Request_BadRequest")
    delete_principal(cloud, sp)


def user_json(p: Principal, context: bool = False) -> dict:
    out: dict[str, Any] = {"businessPhones": [], "displayName": p.display_name, "givenName": None, "id": p.object_id,
           "jobTitle": None, "mail": None, "mobilePhone": None, "officeLocation": None, "preferredLanguage": None,
           "surname": None, "userPrincipalName": p.user_principal_name}
    if context:
        out = {"@odata.context": f"{GRAPH}#users/$entity", **out}
    return out


def find_user(cloud: Cloud, ref: str) -> Principal:
    for p in cloud.tenant.principals.values():
        if p.kind == "User" and (p.object_id == ref or (p.user_principal_name or "").lower() == ref.lower()):
            return p
    raise GraphError(f"Resource '{ref}' does not exist or one of its queried reference-property objects are not "
                     "present.", "Request_ResourceNotFound", 404)


# -- service principals ----------------------------------------------------------------------------

def add_secret(cloud: Cloud, sp: Principal, years: int = 1, display_name: str | None = "rbac",
               end: datetime | None = None) -> str:
    now = cloud.clock.now()
    value = cloud.ids.client_secret()
    sp.secrets.append({"customKeyIdentifier": None, "displayName": display_name,
                       "endDateTime": end or now.replace(year=now.year + years), "hint": value[:3],
                       "keyId": cloud.ids.guid(), "startDateTime": now, "value": value})
    return value


def create_service_principal(cloud: Cloud, display_name: str, years: int = 1) -> tuple[Principal, str, bool]:
    """`az ad sp create-for-rbac`: app + service principal + a fresh secret. An existing app with the same display
    name is patched (its secrets replaced), as az does. Returns (sp, secret, existed)."""
    existing = next((p for p in cloud.tenant.principals.values() if p.kind == "ServicePrincipal"
                     and p.display_name == display_name and p.app_id in applications(cloud)), None)
    if existing is not None:
        existing.secrets.clear()
        return existing, add_secret(cloud, existing, years), True
    now = cloud.clock.now()
    app = Application(object_id=cloud.ids.guid(), app_id=cloud.ids.guid(), display_name=display_name, created=now)
    applications(cloud)[app.app_id] = app
    sp = cloud.add_principal(Principal(object_id=cloud.ids.guid(), display_name=display_name, kind="ServicePrincipal",
                                       app_id=app.app_id, created=now))
    return sp, add_secret(cloud, sp, years), False


def sp_json(cloud: Cloud, p: Principal, context: bool = False) -> dict:
    managed = p.kind == "ManagedIdentity"
    names = [p.app_id] + ([p.resource_id] if managed and p.resource_id else [])
    out = {
        "accountEnabled": True, "addIns": [], "alternativeNames": [p.resource_id] if managed and p.resource_id else [],
        "appDescription": None, "appDisplayName": None if managed else p.display_name, "appId": p.app_id,
        "appOwnerOrganizationId": None if managed else cloud.tenant.tenant_id, "appRoleAssignmentRequired": False,
        "appRoles": [], "applicationTemplateId": None, "createdDateTime": None if managed else iso_z(p.created),
        "deletedDateTime": None, "description": None, "disabledByMicrosoftStatus": None,
        "displayName": p.display_name, "homepage": None, "id": p.object_id, "info": {
            "logoUrl": None, "marketingUrl": None, "privacyStatementUrl": None, "supportUrl": None,
            "termsOfServiceUrl": None},
        "keyCredentials": [], "loginUrl": None, "logoutUrl": None, "notes": None, "notificationEmailAddresses": [],
        "oauth2PermissionScopes": [],
        "passwordCredentials": [{k: (iso_z(v) if isinstance(v, datetime) else v) for k, v in s.items() if k != "value"}
                                for s in p.secrets],
        "preferredSingleSignOnMode": None, "preferredTokenSigningKeyThumbprint": None, "replyUrls": [],
        "resourceSpecificApplicationPermissions": [], "samlSingleSignOnSettings": None,
        "servicePrincipalNames": names, "servicePrincipalType": "ManagedIdentity" if managed else "Application",
        "signInAudience": None if managed else "AzureADMyOrg", "tags": [], "tokenEncryptionKeyId": None,
        "verifiedPublisher": {"addedDateTime": None, "displayName": None, "verifiedPublisherId": None},
    }
    if context:
        out = {"@odata.context": f"{GRAPH}#servicePrincipals/$entity", **out}
    return out


def iso_z(dt: datetime | None) -> str | None:
    return None if dt is None else dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def delete_principal(cloud: Cloud, p: Principal) -> None:
    del cloud.tenant.principals[p.object_id]
    if p.kind == "ServicePrincipal" and p.app_id:
        applications(cloud).pop(p.app_id, None)
    cloud.emit("principal_deleted", principal=p)


def secret_valid(cloud: Cloud, sp: Principal, secret: str | None) -> bool:
    now = cloud.clock.now()
    return any(s.get("value") == secret and (s.get("endDateTime") is None or s["endDateTime"] > now)
               for s in sp.secrets)


# -- managed identities ---------------------------------------------------------------------------

def new_user_assigned_identity(cloud: Cloud, rg: str, name: str, location: str,
                               tags: dict | None = None) -> tuple[Principal, UserAssignedIdentity]:
    """An identity and its service principal (kind ManagedIdentity, its appId is the client id), not yet added."""
    sub = cloud.subscription.subscription_id
    principal = Principal(object_id=cloud.ids.guid(), display_name=name, kind="ManagedIdentity", app_id=cloud.ids.guid(),
                          resource_id=f"/subscriptions/{sub}/resourcegroups/{rg}/providers/{MI_TYPE}/{name}",
                          created=cloud.clock.now())
    mi = UserAssignedIdentity(name=name, resource_group=rg, subscription_id=sub, location=location,
                              principal_id=principal.object_id, client_id=principal.app_id or "",
                              tenant_id=cloud.tenant.tenant_id, tags=dict(tags or {}))
    return principal, mi


def add_user_assigned_identity(cloud: Cloud, principal: Principal, mi: UserAssignedIdentity) -> UserAssignedIdentity:
    cloud.add_principal(principal)
    identities(cloud)[mi.id] = mi
    return mi


def create_user_assigned_identity(cloud: Cloud, rg: str, name: str, location: str) -> UserAssignedIdentity:
    """An identity a service makes for itself (AKS's kubelet identity in the node resource group)."""
    found = find_identity(cloud, rg, name)
    return found if found is not None else add_user_assigned_identity(
        cloud, *new_user_assigned_identity(cloud, cloud.group(rg).name, name, normalize_location(location) or location))


def create_system_identity(cloud: Cloud, resource_id: str) -> Principal:
    """The system-assigned identity of a resource (VM, AKS, registry...): one per resource, named after it."""
    for p in cloud.tenant.principals.values():
        if p.assigned_to and p.assigned_to.lower() == resource_id.lower():
            return p
    return cloud.add_principal(Principal(
        object_id=cloud.ids.guid(), display_name=resource_id.rstrip("/").rsplit("/", 1)[-1], kind="ManagedIdentity",
        app_id=cloud.ids.guid(), resource_id=resource_id, assigned_to=resource_id, created=cloud.clock.now()))


def remove_system_identity(cloud: Cloud, resource_id: str) -> None:
    for p in list(cloud.tenant.principals.values()):
        if p.assigned_to and p.assigned_to.lower() == resource_id.lower():
            delete_principal(cloud, p)


def find_identity(cloud: Cloud, rg: str | None, name: str) -> UserAssignedIdentity | None:
    rg, name = (rg or "").lower(), name.lower()
    return next((mi for mi in identities(cloud).values()
                 if mi.resource_group.lower() == rg and mi.name.lower() == name), None)


def delete_identity(cloud: Cloud, mi: UserAssignedIdentity) -> None:
    """The identity and its service principal."""
    identities(cloud).pop(mi.id, None)
    p = cloud.tenant.principals.get(mi.principal_id)
    if p is not None:
        delete_principal(cloud, p)


# -- assignees -------------------------------------------------------------------------------------

def _is_guid(s: str) -> bool:
    import uuid
    try:
        uuid.UUID(s)
        return True
    except ValueError:
        return False


def on_group_deleting(cloud: Cloud, group) -> None:
    prefix = group.id.lower() + "/"
    for mi in [m for m in identities(cloud).values() if m.id.lower().startswith(prefix)]:
        delete_identity(cloud, mi)


def authenticate_hook(cloud: Cloud, registry, username: str | None, password: str | None):
    """`docker login <acr> -u <appId> -p <client secret>`: a service principal signs in with its own credentials."""
    from .dataplane import AAD_TOKEN_LIFETIME, Credential

    sp = next((p for p in cloud.tenant.principals.values() if p.kind == "ServicePrincipal"
               and p.app_id and p.app_id.lower() == (username or "").lower()), None)
    if sp is None:
        return None
    if not secret_valid(cloud, sp, password):
        from .errors import unauthorized
        raise unauthorized()
    now = cloud.clock.now()
    return Credential(kind="aad", registry=registry.name, principal_id=sp.object_id, secret=password, issued=now,
                      expires=now + AAD_TOKEN_LIFETIME, mode_at_issue=registry.role_assignment_mode)


def install(cloud: Cloud) -> None:
    cloud.on("group_deleting", on_group_deleting)
    cloud.state.setdefault("authenticate_hooks", []).append(authenticate_hook)
