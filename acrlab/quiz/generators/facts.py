"""Ground truth used by the generators, restated from the ACR fact sheet (shared/reference/acr-facts.md)."""

SKUS = ("Basic", "Standard", "Premium")
INCLUDED_GIB = {"Basic": 10, "Standard": 100, "Premium": 500}
WEBHOOKS = {"Basic": 2, "Standard": 10, "Premium": 500}
TOKENS = {"Basic": 100, "Standard": 500, "Premium": 50000}
PREMIUM_ONLY = ("geo-replication", "private endpoints (Private Link)", "customer-managed keys",
                "a retention policy for untagged manifests", "public IP network rules")
STANDARD_UP = ("anonymous pull access",)
ALL_TIERS = ("zone redundancy (survive a single-zone outage)", "Notary Project image signing",
             "artifact cache rules", "repository-scoped tokens", "ACR Tasks builds")
ROLE_FOR_NEED = {
    "pull images only": "AcrPull",
    "push and pull images": "AcrPush",
    "delete images and nothing else": "AcrDelete",
    "manage the registry's settings but not assign roles": "Contributor",
    "manage the registry and assign roles to others": "Owner",
}
ROLE_WHY = {
    "AcrPull": "AcrPull only pulls.",
    "AcrPush": "AcrPush pushes and pulls; it cannot delete, sign or manage the registry.",
    "AcrDelete": "AcrDelete only deletes images.",
    "AcrImageSigner": "AcrImageSigner only signs images with Docker Content Trust, which is retired for new registries.",
    "Contributor": "Contributor manages the registry (and its data) but cannot assign roles.",
    "Owner": "Owner can do everything, including role assignments.",
}
ACTION_OPS = {  # operation -> scope-map actions it needs
    "pull an image (docker pull)": {"content/read"},
    "push an image (docker push)": {"content/read", "content/write"},
    "delete a manifest (az acr repository delete)": {"content/delete"},
    "list tags (az acr repository show-tags)": {"metadata/read"},
    "untag or lock an image (az acr repository untag/update)": {"metadata/write"},
}
LOGIN_TOKEN_HOURS = 3
SOFT_DELETE_DAYS = (1, 90)  # retention period range of soft-deleted artifacts (default 7)
DNL_SCOPES = {  # --dnl-scope value -> (hashed DNS name?, what the hash is unique within)
    "Unsecure": (False, "nothing: the DNS name is the registry name"),
    "TenantReuse": (True, "the tenant"),
    "SubscriptionReuse": (True, "the subscription"),
    "ResourceGroupReuse": (True, "the resource group"),
    "NoReuse": (True, "every creation: a new hash each time"),
}
ABAC_ROLE_FOR_NEED = {  # need -> role honoured in RBAC Registry + ABAC Repository Permissions mode
    "pull images from team-a/ repositories": "Container Registry Repository Reader",
    "push images to team-a/ repositories": "Container Registry Repository Writer",
    "delete images in team-a/ repositories": "Container Registry Repository Contributor",
    "list every repository name in the registry": "Container Registry Repository Catalog Lister",
}
RETENTION_MAX_DAYS = 365
