"""Built-in role definitions with their real GUIDs, actions and dataActions."""

from __future__ import annotations

from pydantic import BaseModel, Field

CR = "Microsoft.ContainerRegistry/registries"


class RoleDefinition(BaseModel):
    guid: str
    role_name: str
    description: str
    actions: list[str] = Field(default_factory=list)
    not_actions: list[str] = Field(default_factory=list)
    data_actions: list[str] = Field(default_factory=list)
    not_data_actions: list[str] = Field(default_factory=list)
    abac_capable: bool = False
    """Honoured for data access in `AbacRepositoryPermissions` registries (and may carry a condition)."""

    def to_json(self) -> dict:
        return {
            "assignableScopes": ["/"],
            "description": self.description,
            "id": f"/providers/Microsoft.Authorization/roleDefinitions/{self.guid}",
            "name": self.guid,
            "permissions": [
                {
                    "actions": self.actions,
                    "condition": None,
                    "conditionVersion": None,
                    "dataActions": self.data_actions,
                    "notActions": self.not_actions,
                    "notDataActions": self.not_data_actions,
                }
            ],
            "roleName": self.role_name,
            "roleType": "BuiltInRole",
            "type": "Microsoft.Authorization/roleDefinitions",
        }


def _r(guid, name, desc, actions=(), not_actions=(), data=(), abac=False) -> RoleDefinition:
    return RoleDefinition(
        guid=guid, role_name=name, description=desc, actions=list(actions), not_actions=list(not_actions),
        data_actions=list(data), abac_capable=abac,
    )


REPO = f"{CR}/repositories"

BUILTIN_ROLES: list[RoleDefinition] = [
    _r("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"]),
    _r("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
       "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
       ["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
               "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
               "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete"]),
    _r("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
    _r("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", "Lets you manage user access to Azure resources.",
       ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
    _r("f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator",
       "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
       ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"]),
    _r("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "acr pull", [f"{CR}/pull/read"]),
    _r("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push", [f"{CR}/pull/read", f"{CR}/push/write"]),
    _r("c2f4ef07-c644-48eb-af81-4b1b4947fb11", "AcrDelete", "acr delete", [f"{CR}/artifacts/delete"]),
    _r("6cef56e8-d556-48e5-a04f-b8e64114680f", "AcrImageSigner", "acr image signer", [f"{CR}/sign/write"],
       data=[f"{CR}/trustedCollections/write"]),
    _r("cdda3590-29a3-44f6-95f2-9f980659eb04", "AcrQuarantineReader", "acr quarantine data reader", [f"{CR}/quarantine/read"],
       data=[f"{CR}/quarantinedArtifacts/read"]),
    _r("c8d4ff99-41c3-41a8-9f60-21dfdad59608", "AcrQuarantineWriter", "acr quarantine data writer",
       [f"{CR}/quarantine/read", f"{CR}/quarantine/write"],
       data=[f"{CR}/quarantinedArtifacts/read", f"{CR}/quarantinedArtifacts/write"]),
    _r("b93aa761-3e63-49ed-ac28-beffa264f7ac", "Container Registry Repository Reader",
       "Allows read access to Azure Container Registry repositories, but excluding catalog listing.",
       data=[f"{REPO}/content/read", f"{REPO}/metadata/read"], abac=True),
    _r("2a1e307c-b015-4ebd-883e-5b7698a07328", "Container Registry Repository Writer",
       "Allows read, write, and update access to Azure Container Registry repositories, but excluding catalog listing.",
       data=[f"{REPO}/content/read", f"{REPO}/metadata/read", f"{REPO}/content/write", f"{REPO}/metadata/write"], abac=True),
    _r("2efddaa5-3f1f-4df3-97df-af3f13818f4c", "Container Registry Repository Contributor",
       "Allows read, write, update, and delete access to Azure Container Registry repositories, but excluding catalog listing.",
       data=[f"{REPO}/content/read", f"{REPO}/metadata/read", f"{REPO}/content/write", f"{REPO}/metadata/write",
             f"{REPO}/content/delete"], abac=True),
    _r("bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7", "Container Registry Repository Catalog Lister",
       "Allows for listing all repositories in an Azure Container Registry.", data=[f"{CR}/catalog/read"]),
    _r("3bc748fc-213d-45c1-8d91-9da5725539b9", "Container Registry Contributor and Data Access Configuration Administrator",
       "Allows for managing the configuration of Azure Container Registry, and data access configuration such as tokens, scope maps and admin credentials.",
       [f"{CR}/read", f"{CR}/write", f"{CR}/delete", f"{CR}/*/read", f"{CR}/*/write", f"{CR}/*/delete",
        f"{CR}/*/action", f"{CR}/listCredentials/action", f"{CR}/regenerateCredential/action",
        "Microsoft.Resources/subscriptions/resourceGroups/read"],
       not_actions=[f"{CR}/pull/read", f"{CR}/push/write", f"{CR}/artifacts/delete", f"{CR}/tasks/*",
                    f"{CR}/runs/*", f"{CR}/scheduleRun/action", f"{CR}/quarantine/*", f"{CR}/sign/write"]),
    _r("69b07be0-09bf-439a-b9a6-e73de851bd59", "Container Registry Configuration Reader and Data Access Configuration Reader",
       "Allows for viewing all configuration of Azure Container Registry.",
       [f"{CR}/read", f"{CR}/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read"],
       not_actions=[f"{CR}/pull/read", f"{CR}/quarantine/read"]),
    _r("fb382eab-e894-4461-af04-94435c366c3f", "Container Registry Tasks Contributor",
       "Allows for managing Azure Container Registry tasks, runs, agent pools and logs.",
       [f"{CR}/read", f"{CR}/tasks/*", f"{CR}/runs/*", f"{CR}/scheduleRun/action", f"{CR}/agentPools/*",
        f"{CR}/listBuildSourceUploadUrl/action", "Microsoft.Resources/subscriptions/resourceGroups/read"]),
    _r("577a9874-89fd-4f24-9dbd-b5034d0ad23a", "Container Registry Data Importer and Data Reader",
       "Allows for importing images to an Azure Container Registry and reading its data.",
       [f"{CR}/read", f"{CR}/importImage/action", f"{CR}/pull/read"],
       data=[f"{REPO}/content/read", f"{REPO}/metadata/read"], abac=True),
]

ROLES_BY_NAME = {r.role_name.lower(): r for r in BUILTIN_ROLES}
ROLES_BY_GUID = {r.guid: r for r in BUILTIN_ROLES}


def find_role(ref: str) -> RoleDefinition | None:
    """A role by name (case-insensitive), GUID, or full role definition id."""
    ref = ref.strip()
    guid = ref.rsplit("/", 1)[-1].lower()
    return ROLES_BY_GUID.get(guid) or ROLES_BY_NAME.get(ref.lower())
