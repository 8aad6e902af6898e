"""One module per resource type; importing this package registers every provider with the manager."""

from . import artifact_cache, container_groups, locks, registries, replications, vnet_peerings, webhooks  # noqa: F401
