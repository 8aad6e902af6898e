"""Built-in role definitions with their real GUIDs, actions and dataActions.

Source: MicrosoftDocs/azure-docs `articles/role-based-access-control/built-in-roles/containers.md` (2025-06-30)
and `general.md` / `privileged.md` for Owner, Contributor, Reader, User Access Administrator and
Role Based Access Control Administrator."""

from __future__ import annotations

from dataclasses import field
from datetime import datetime

from .record import Record

CR = "Microsoft.ContainerRegistry/registries"
REPO = f"{CR}/repositories"
ROLE_DEF = "Microsoft.Authorization/roleDefinitions"


class RoleDefinition(Record):
    guid: str
    role_name: str
    description: str
    actions: list[str] = field(default_factory=list)
    not_actions: list[str] = field(default_factory=list)
    data_actions: list[str] = field(default_factory=list)
    not_data_actions: list[str] = field(default_factory=list)
    role_type: str = "BuiltInRole"
    """`CustomRole` for roles a tenant defines (`az role definition create`)."""
    assignable_scopes: list[str] = field(default_factory=lambda: ["/"])
    created_on: datetime | None = None
    created_by: str | None = None
    updated_on: datetime | None = None
    updated_by: str | None = None

    @property
    def custom(self) -> bool:
        return self.role_type == "CustomRole"

    def assignable_at(self, scope: str) -> bool:
        """Built-in roles ("/") everywhere; custom roles at their assignable scopes and beneath."""
        t = scope.rstrip("/").lower()
        for s in self.assignable_scopes:
            a = s.rstrip("/").lower()
            if a == "" or t == a or t.startswith(a + "/"):
                return True
        return False

    @property
    def abac_capable(self) -> bool:
        """Roles whose repository dataActions are honoured (and may carry a condition) in ABAC-mode registries."""
        return any(d.lower().startswith(f"{REPO}/".lower()) for d in self.data_actions)

    def to_json(self, subscription_id: str | None = None) -> dict:
        """As `az role definition list` prints it (ids carry the subscription the CLI asked under)."""
        prefix = f"/subscriptions/{subscription_id}" if subscription_id else ""
        from .clock import iso
        return {
            "assignableScopes": list(self.assignable_scopes),
            "createdBy": self.created_by,
            "createdOn": iso(self.created_on) if self.created_on else None,
            "description": self.description,
            "id": f"{prefix}/providers/{ROLE_DEF}/{self.guid}",
            "name": self.guid,
            "permissions": [{
                "actions": list(self.actions),
                "condition": None,
                "conditionVersion": None,
                "dataActions": list(self.data_actions),
                "notActions": list(self.not_actions),
                "notDataActions": list(self.not_data_actions),
            }],
            "roleName": self.role_name,
            "roleType": self.role_type,
            "type": ROLE_DEF,
            "updatedBy": self.updated_by,
            "updatedOn": iso(self.updated_on) if self.updated_on else None,
        }


def _r(guid, name, desc, actions=(), not_actions=(), data=()) -> RoleDefinition:
    return RoleDefinition(guid=guid, role_name=name, description=desc, actions=list(actions),
                          not_actions=list(not_actions), data_actions=list(data))


_ALERTS = ["Microsoft.Insights/AlertRules/Write", "Microsoft.Insights/AlertRules/Delete",
           "Microsoft.Insights/AlertRules/Read", "Microsoft.Insights/AlertRules/Activated/Action",
           "Microsoft.Insights/AlertRules/Resolved/Action", "Microsoft.Insights/AlertRules/Throttled/Action",
           "Microsoft.Insights/AlertRules/Incidents/Read"]
_DIAG = [f"{CR}/providers/Microsoft.Insights/diagnosticSettings/read",
         f"{CR}/providers/Microsoft.Insights/diagnosticSettings/write",
         f"{CR}/providers/Microsoft.Insights/logDefinitions/read",
         f"{CR}/providers/Microsoft.Insights/metricDefinitions/read"]


def _crud(kind: str, verbs=("read", "write", "delete"), status: str | None = "operationStatuses/read") -> list[str]:
    return [f"{CR}/{kind}/{v}" for v in verbs] + ([f"{CR}/{kind}/{status}"] if status else [])


_PREVIEW = " This role is in preview and subject to change."

BUILTIN_ROLES: list[RoleDefinition] = [
    _r("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
       "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"]),
    _r("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
       "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage "
       "assignments in Azure Blueprints, or share image galleries.",
       ["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
               "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
               "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
               "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
               "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
               "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action"]),
    _r("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", "View all resources, but does not allow you to make any changes.",
       ["*/read"]),
    _r("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", "Lets you manage user access to Azure resources.",
       ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
    _r("f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator",
       "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage "
       "access using other ways, such as Azure Policy.",
       ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read",
        "Microsoft.Support/*"]),
    _r("c2f4ef07-c644-48eb-af81-4b1b4947fb11", "AcrDelete", "acr delete", [f"{CR}/artifacts/delete"]),
    _r("6cef56e8-d556-48e5-a04f-b8e64114680f", "AcrImageSigner", "acr image signer", [f"{CR}/sign/write"],
       data=[f"{CR}/trustedCollections/write"]),
    _r("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "acr pull", [f"{CR}/pull/read"]),
    _r("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push", [f"{CR}/pull/read", f"{CR}/push/write"]),
    _r("cdda3590-29a3-44f6-95f2-9f980659eb04", "AcrQuarantineReader", "acr quarantine data reader",
       [f"{CR}/quarantine/read"], data=[f"{CR}/quarantinedArtifacts/read"]),
    _r("c8d4ff99-41c3-41a8-9f60-21dfdad59608", "AcrQuarantineWriter", "acr quarantine data writer",
       [f"{CR}/quarantine/read", f"{CR}/quarantine/write"],
       data=[f"{CR}/quarantinedArtifacts/read", f"{CR}/quarantinedArtifacts/write"]),
    _r("df87f177-bb12-4db1-9793-a413691eff94", "Container Registry Cache Rule Administrator",
       "Create, Read, Update, and Delete Cache Rules in Container Registry. This role doesn't grant permissions to "
       "manage Credential Sets.", _crud("cacheRules")),
    _r("c357b964-0002-4b64-a50d-7a28f02edc52", "Container Registry Cache Rule Reader",
       "Read the configuration of Cache Rules in Container Registry. This permission doesn't grant permission to "
       "read Credential Sets.", [f"{CR}/cacheRules/read"]),
    _r("69b07be0-09bf-439a-b9a6-e73de851bd59",
       "Container Registry Configuration Reader and Data Access Configuration Reader",
       "Provides permissions to list container registries and registry configuration properties. Provides "
       "permissions to list data access configuration such as admin user credentials, scope maps, and tokens, which "
       "can be used to read, write or delete repositories and images. Does not provide direct permissions to read, "
       "list, or write registry contents including repositories and images. Does not provide permissions to modify "
       "data plane content such as imports, Artifact Cache or Sync, and Transfer Pipelines. Does not provide "
       "permissions for managing Tasks.",
       [f"{CR}/operationStatuses/read", f"{CR}/read", f"{CR}/privateEndpointConnections/read",
        f"{CR}/privateEndpointConnections/operationStatuses/read", f"{CR}/listCredentials/action",
        f"{CR}/tokens/read", f"{CR}/tokens/operationStatuses/read", f"{CR}/scopeMaps/read",
        f"{CR}/scopeMaps/operationStatuses/read", f"{CR}/webhooks/read", f"{CR}/webhooks/getCallbackConfig/action",
        f"{CR}/webhooks/listEvents/action", f"{CR}/webhooks/operationStatuses/read", f"{CR}/replications/read",
        f"{CR}/replications/operationStatuses/read", f"{CR}/connectedRegistries/read"] + _DIAG + _ALERTS),
    _r("3bc748fc-213d-45c1-8d91-9da5725539b9",
       "Container Registry Contributor and Data Access Configuration Administrator",
       "Provides permissions to create, list, and update container registries and registry configuration "
       "properties. Provides permissions to configure data access such as admin user credentials, scope maps, and "
       "tokens, which can be used to read, write or delete repositories and images. Does not provide direct "
       "permissions to read, list, or write registry contents including repositories and images. Does not provide "
       "permissions to modify data plane content such as imports, Artifact Cache or Sync, and Transfer Pipelines. "
       "Does not provide permissions for managing Tasks.",
       ["Microsoft.Resources/subscriptions/resourceGroups/read", f"{CR}/operationStatuses/read", f"{CR}/read",
        f"{CR}/write", f"{CR}/delete", f"{CR}/listCredentials/action", f"{CR}/regenerateCredential/action",
        f"{CR}/generateCredentials/action"] + _crud("replications")
       + [f"{CR}/privateEndpointConnectionsApproval/action"] + _crud("privateEndpointConnections")
       + _crud("tokens") + _crud("scopeMaps") + _DIAG + ["Microsoft.Resources/deployments/*", "Microsoft.Authorization/*/read"]
       + _crud("connectedRegistries", status=None) + [f"{CR}/connectedRegistries/deactivate/action"]
       + [f"{CR}/webhooks/read", f"{CR}/webhooks/write", f"{CR}/webhooks/delete", f"{CR}/webhooks/getCallbackConfig/action",
          f"{CR}/webhooks/ping/action", f"{CR}/webhooks/listEvents/action", f"{CR}/webhooks/operationStatuses/read"]
       + _ALERTS + ["Microsoft.ContainerRegistry/locations/operationResults/read",
                    "Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action",
                    "Microsoft.Network/virtualNetworks/subnets/read", "Microsoft.Network/virtualNetworks/subnets/write",
                    "Microsoft.Network/virtualNetworks/read",
                    "Microsoft.Network/privateEndpoints/privateLinkServiceProxies/write"]),
    _r("f094fb07-0703-4400-ad6a-e16dd8000e14", "Container Registry Credential Set Administrator",
       "Create, Read, Update, and Delete Credential Sets in Container Registry. This role doesn't affect the needed "
       "permissions for storing content inside Azure Key Vault. This role also doesn't grant permissions to manage "
       "Cache Rules.", _crud("credentialSets")),
    _r("29093635-9924-4f2c-913b-650a12949526", "Container Registry Credential Set Reader",
       "Read the configuration of Credential Sets in Container Registry. This permission doesn't allow permission to "
       "see content inside Azure Key vault only the content inside Container Registry. This permission doesn't grant "
       "permission to read Cache Rules.", [f"{CR}/credentialSets/read"]),
    _r("577a9874-89fd-4f24-9dbd-b5034d0ad23a", "Container Registry Data Importer and Data Reader",
       "Provides the ability to import images into a registry through the registry import operation. Provides the "
       "ability to list repositories, view images and tags, get manifests, and pull images. Does not provide "
       "permissions for importing images through configuring registry transfer pipelines such as import and export "
       "pipelines. Does not provide permissions for importing through configuring Artifact Cache or Sync rules.",
       [f"{CR}/importImage/action", f"{CR}/read", f"{CR}/pull/read"],
       data=[f"{REPO}/content/read", f"{REPO}/metadata/read", f"{CR}/catalog/read"]),
    _r("bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7", "Container Registry Repository Catalog Lister",
       "Allows for listing all repositories in an Azure Container Registry." + _PREVIEW, data=[f"{CR}/catalog/read"]),
    _r("2efddaa5-3f1f-4df3-97df-af3f13818f4c", "Container Registry Repository Contributor",
       "Allows for read, write, and delete access to Azure Container Registry repositories, but excluding catalog "
       "listing." + _PREVIEW,
       data=[f"{REPO}/metadata/read", f"{REPO}/content/read", f"{REPO}/metadata/write", f"{REPO}/content/write",
             f"{REPO}/metadata/delete", f"{REPO}/content/delete"]),
    _r("b93aa761-3e63-49ed-ac28-beffa264f7ac", "Container Registry Repository Reader",
       "Allows for read access to Azure Container Registry repositories, but excluding catalog listing." + _PREVIEW,
       data=[f"{REPO}/metadata/read", f"{REPO}/content/read"]),
    _r("2a1e307c-b015-4ebd-883e-5b7698a07328", "Container Registry Repository Writer",
       "Allows for read and write access to Azure Container Registry repositories, but excluding catalog listing."
       + _PREVIEW,
       data=[f"{REPO}/metadata/read", f"{REPO}/content/read", f"{REPO}/metadata/write", f"{REPO}/content/write"]),
    _r("fb382eab-e894-4461-af04-94435c366c3f", "Container Registry Tasks Contributor",
       "Provides permissions to configure, read, list, trigger, or cancel Container Registry Tasks, Task Runs, Task "
       "Logs, Quick Runs, Quick Builds, and Task Agent Pools. Permissions granted for Tasks management can be used for "
       "full registry data plane permissions including reading/writing/deleting container images in registries. "
       "Permissions granted for Tasks management can also be used to run customer authored build directives and run "
       "scripts to build software artifacts.",
       _crud("agentpools", status=None) + [f"{CR}/agentpools/listQueueStatus/action",
                                           f"{CR}/agentpools/operationResults/status/read",
                                           f"{CR}/agentpools/operationStatuses/read"]
       + _crud("tasks", status=None) + [f"{CR}/tasks/listDetails/action", f"{CR}/scheduleRun/action",
                                        f"{CR}/listBuildSourceUploadUrl/action", f"{CR}/runs/read", f"{CR}/runs/write",
                                        f"{CR}/runs/listLogSasUrl/action", f"{CR}/runs/cancel/action"]
       + _crud("taskruns", status=None) + [f"{CR}/taskruns/listDetails/action", f"{CR}/taskruns/operationStatuses/read",
                                           "Microsoft.Resources/deployments/*",
                                           "Microsoft.Resources/subscriptions/resourceGroups/read", f"{CR}/read"]),
    _r("bf94e731-3a51-4a7c-8c54-a1ab9971dfc1", "Container Registry Transfer Pipeline Contributor",
       "Provides the ability to transfer, import, and export artifacts through configuring registry transfer "
       "pipelines that involve intermediary storage accounts and key vaults. Does not provide permissions to push or "
       "pull images. Does not provide permissions to create, manage, or list storage accounts or key vaults. Does not "
       "provide permissions to perform role assignments.",
       _crud("exportPipelines", status=None) + _crud("importPipelines", status=None) + _crud("pipelineRuns")),
]

_KV = "Microsoft.KeyVault"
_KV_READS = ["Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
             "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
             f"{_KV}/checkNameAvailability/read", f"{_KV}/deletedVaults/read", f"{_KV}/locations/*/read",
             f"{_KV}/vaults/*/read", f"{_KV}/operations/read"]
BUILTIN_ROLES += [  # Key Vault data-plane roles (Azure built-in roles reference, Security section)
    _r("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
       "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and "
       "secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the "
       "'Azure role-based access control' permission model.", _KV_READS, data=[f"{_KV}/vaults/*"]),
    _r("21090545-7ca7-4776-b22c-e363652d74d2", "Key Vault Reader",
       "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as "
       "secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' "
       "permission model.", _KV_READS,
       data=[f"{_KV}/vaults/*/read", f"{_KV}/vaults/secrets/readMetadata/action"]),
    _r("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer",
       "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that "
       "use the 'Azure role-based access control' permission model.", _KV_READS, data=[f"{_KV}/vaults/secrets/*"]),
    _r("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
       "Read secret contents including secret portion of a certificate with private key. Only works for key vaults "
       "that use the 'Azure role-based access control' permission model.",
       data=[f"{_KV}/vaults/secrets/getSecret/action", f"{_KV}/vaults/secrets/readMetadata/action"]),
    _r("14b46e9e-c2b7-41b4-b07b-48a6ebf60603", "Key Vault Crypto Officer",
       "Perform any action on the keys of a key vault, except manage permissions. Only works for key vaults that use "
       "the 'Azure role-based access control' permission model.", _KV_READS,
       data=[f"{_KV}/vaults/keys/*", f"{_KV}/vaults/keyrotationpolicies/*"]),
    _r("12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User",
       "Perform cryptographic operations using keys. Only works for key vaults that use the 'Azure role-based access "
       "control' permission model.",
       data=[f"{_KV}/vaults/keys/read", f"{_KV}/vaults/keys/update/action", f"{_KV}/vaults/keys/backup/action",
             f"{_KV}/vaults/keys/encrypt/action", f"{_KV}/vaults/keys/decrypt/action",
             f"{_KV}/vaults/keys/wrap/action", f"{_KV}/vaults/keys/unwrap/action", f"{_KV}/vaults/keys/sign/action",
             f"{_KV}/vaults/keys/verify/action"]),
    _r("a4417e6f-fecd-4de8-b567-7b0420556985", "Key Vault Certificates Officer",
       "Perform any action on the certificates of a key vault, excluding reading the secret and key portions, and "
       "managing permissions. Only works for key vaults that use the 'Azure role-based access control' permission "
       "model.", _KV_READS, data=[f"{_KV}/vaults/certificatecas/*", f"{_KV}/vaults/certificates/*",
                                  f"{_KV}/vaults/certificatecontacts/write"]),
    _r("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", "Key Vault Certificate User",
       "Read entire certificate contents including secret and key portion. Only works for key vaults that use the "
       "'Azure role-based access control' permission model.",
       data=[f"{_KV}/vaults/certificates/read", f"{_KV}/vaults/secrets/getSecret/action",
             f"{_KV}/vaults/secrets/readMetadata/action", f"{_KV}/vaults/keys/read"]),
    _r("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
       "Read metadata of keys and perform wrap/unwrap operations. Only works for key vaults that use the 'Azure "
       "role-based access control' permission model.",
       ["Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read",
        "Microsoft.EventGrid/eventSubscriptions/delete"],
       data=[f"{_KV}/vaults/keys/read", f"{_KV}/vaults/keys/wrap/action", f"{_KV}/vaults/keys/unwrap/action"]),
]

_BLOB = "Microsoft.Storage/storageAccounts/blobServices/containers"
BUILTIN_ROLES += [  # Storage data-plane roles (Azure built-in roles reference, Storage section)
    _r("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
       "Read, write, and delete Azure Storage containers and blobs.",
       [f"{_BLOB}/delete", f"{_BLOB}/read", f"{_BLOB}/write",
        "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"],
       data=[f"{_BLOB}/blobs/delete", f"{_BLOB}/blobs/read", f"{_BLOB}/blobs/write", f"{_BLOB}/blobs/move/action",
             f"{_BLOB}/blobs/add/action"]),
    _r("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader",
       "Read and list Azure Storage containers and blobs.",
       [f"{_BLOB}/read", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"],
       data=[f"{_BLOB}/blobs/read"]),
    _r("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner",
       "Provides full access to Azure Storage blob containers and data, including assigning POSIX access control.",
       [f"{_BLOB}/*", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"],
       data=[f"{_BLOB}/blobs/*"]),
]

BUILTIN_ROLES += [  # Artifact Signing (formerly Trusted Signing; renamed with the service). The GUID: Azure built-in
    # roles reference (id 2837e146-...); what it grants: MicrosoftDocs/azure-docs articles/trusted-signing/
    # tutorial-assign-roles.md (sign with a certificate profile, view signing history; not manage the account)
    _r("2837e146-70d7-4cfd-ad55-7efa6464f958", "Artifact Signing Certificate Profile Signer",
       "Sign files with a certificate profile. This role is in preview and subject to change.",
       ["Microsoft.CodeSigning/*/read"], data=["Microsoft.CodeSigning/certificateProfiles/Sign/action"]),
]

ROLES_BY_NAME = {r.role_name.lower(): r for r in BUILTIN_ROLES}
ROLES_BY_GUID = {r.guid: r for r in BUILTIN_ROLES}


def find_role(ref: str) -> RoleDefinition | None:
    """A role by name (case-insensitive), GUID, or full role definition id."""
    ref = ref.strip()
    guid = ref.rsplit("/", 1)[-1].lower()
    return ROLES_BY_GUID.get(guid) or ROLES_BY_NAME.get(ref.lower())
