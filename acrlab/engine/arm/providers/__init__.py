"""One module per resource type; importing this package registers every provider with the manager."""

from . import (  # noqa: F401
    agent_pools,
    artifact_cache,
    container_groups,
    diagnostic_settings,
    locks,
    managed_clusters,
    managed_identities,
    private_endpoint_connections,
    registries,
    replications,
    role_assignments,
    role_definitions,
    task_runs,
    tokens,
    virtual_networks,
    vnet_peerings,
    webhooks,
)
