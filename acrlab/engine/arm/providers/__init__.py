"""One module per resource type; importing this package registers every provider with the manager."""

from . import artifact_cache, container_groups, locks, registries, replications, webhooks  # noqa: F401
