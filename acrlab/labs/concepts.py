"""The concepts the seed teaches (../shared/seed), each of which some scenario must exercise.

Keys are referenced from scenario files (`concepts:`); `tests/labs` fails if a concept is left
uncovered or a scenario names one that is not here.
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, str]] = {
    # key: (seed section, what it is)
    "registry-structure": ("3.1", "registry > repository > tag; <name>.azurecr.io/repo:tag references"),
    "registry-naming": ("6.1", "globally unique name, alphanumeric, 5-50 characters"),
    "sku-choice": ("3.2, 8", "Basic for dev/test, Standard for single-region production, Premium for multi-region"),
    "sku-premium-features": ("3.2", "geo-replication, Private Link, customer-managed keys and content trust need Premium"),
    "create-cli": ("6.2", "az acr create with --sku, --location, --admin-enabled false"),
    "create-powershell": ("6.3", "New-AzContainerRegistry, Get-AzContainerRegistry, New-AzRoleAssignment"),
    "create-bicep": ("6.4", "Microsoft.ContainerRegistry/registries and a roleAssignments resource in Bicep"),
    "admin-account": ("3.3, 9, 10", "the admin user: shared credentials, two passwords, disable it in production"),
    "credential-rotation": ("10", "renewing leaked admin passwords"),
    "entra-rbac": ("3.3", "Entra ID principals with RBAC roles on the registry"),
    "entra-groups": ("3.3, 9", "role assignments to an Entra security group instead of each user"),
    "custom-roles": ("3.3, 9", "a custom role with only the actions needed, assignable at the right scopes"),
    "abac-repository-permissions": ("3.3", "rbac-abac mode: repository roles with conditions on the repository name"),
    "acr-roles": ("3.3", "AcrPull, AcrPush, AcrDelete, AcrImageSigner, Owner, Contributor, Reader"),
    "contributor-no-data": ("13", "Contributor manages the registry but does not grant docker push/pull"),
    "least-privilege": ("9, 10", "AcrPull for clusters, AcrPush for pipelines, nothing wider than needed"),
    "aks-kubelet-identity": ("6.2, 13", "AcrPull goes to the AKS kubelet identity, not the control plane"),
    "service-principal-pipeline": ("8", "CI/CD with a service principal and AcrPush"),
    "workload-identity-federation": ("8", "GitHub Actions with workload identity federation: no secret"),
    "managed-identity-vm": ("8", "automation on a VM with its managed identity"),
    "repository-token": ("3.3, 8", "repository-scoped tokens and scope maps for systems without Entra ID"),
    "acr-login-token": ("6.2, 10", "az acr login: a 3-hour token for local development"),
    "image-operations": ("6.2", "list repositories and tags, show manifests, delete a tag or a repository"),
    "tag-mutable-digest-immutable": ("5", "tags move, digests identify one image forever"),
    "pin-by-digest": ("5, 10", "production references images by digest, never latest"),
    "semantic-tags": ("9", "semantic version tags plus the commit hash"),
    "layers-dedup": ("5", "layers are stored once across images; real storage cost"),
    "acr-does-not-run": ("5", "ACR stores images; AKS, ACI or a Docker host runs them"),
    "egress-geo-replication": ("5, 3.2", "pulls across regions cost egress; replicate to the workload's region"),
    "geo-replication": ("6.2", "az acr replication create (Premium)"),
    "private-link": ("7", "public network access disabled, private endpoint in a VNet (Premium)"),
    "defender-scanning": ("7, 9", "Microsoft Defender for Containers scans pushed images"),
    "content-trust": ("7", "signed images with content trust (Premium) and AcrImageSigner"),
    "retention-policy": ("6.2, 9, 10", "delete untagged manifests N days after they lose their tag"),
    "storage-growth": ("10, 11", "CI builds fill storage; show-usage and image sizes"),
    "acr-purge": ("11", "az acr run --cmd 'acr purge --filter --ago --untagged' /dev/null"),
    "quick-task": ("3.4, 6.2", "az acr build: build in Azure without local Docker"),
    "trigger-task": ("3.4, 12", "az acr task create with a Git context: rebuild on commit"),
    "scheduled-task": ("3.4", "a task on a cron timer for base-image refreshes"),
    "multi-step-task": ("3.4", "build, test and push steps in a task YAML"),
    "pipeline-build": ("12", "az acr build from Azure Pipelines with several --image tags"),
    "webhooks": ("3.2, 11", "webhooks per SKU (2/10/500), notify on push"),
}


def covered_by(scenarios) -> dict[str, list[str]]:
    """Concept -> ids of the scenarios exercising it."""
    out: dict[str, list[str]] = {k: [] for k in CONCEPTS}
    for s in scenarios:
        for c in s.concepts:
            out.setdefault(c, []).append(s.id)
    return out
