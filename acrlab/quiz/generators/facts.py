"""Ground truth used by the generators, restated from the ACR fact sheet (shared/reference/acr-facts.md)."""

SKUS = ("Basic", "Standard", "Premium")
INCLUDED_GIB = {"Basic": 10, "Standard": 100, "Premium": 500}
WEBHOOKS = {"Basic": 2, "Standard": 10, "Premium": 500}
TOKENS = {"Basic": 100, "Standard": 500, "Premium": 50000}
PREMIUM_ONLY = ("geo-replication", "private endpoints (Private Link)", "customer-managed keys",
                "a retention policy for untagged manifests", "content trust (image signing)",
                "public IP network rules")
STANDARD_UP = ("anonymous pull access",)
ROLE_FOR_NEED = {
    "pull images only": "AcrPull",
    "push and pull images": "AcrPush",
    "delete images and nothing else": "AcrDelete",
    "sign images with Docker Content Trust (push rights granted separately)": "AcrImageSigner",
    "manage the registry's settings but not assign roles": "Contributor",
    "manage the registry and assign roles to others": "Owner",
}
ROLE_WHY = {
    "AcrPull": "AcrPull only pulls.",
    "AcrPush": "AcrPush pushes and pulls; it cannot delete, sign or manage the registry.",
    "AcrDelete": "AcrDelete only deletes images.",
    "AcrImageSigner": "AcrImageSigner only signs images.",
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
RETENTION_MAX_DAYS = 365
