"""Resource provider operations (GET /providers/Microsoft.Authorization/providerOperations/{namespace}): the actions
and data actions a custom role can name. Microsoft.ContainerRegistry's list and descriptions are transcribed from
MicrosoftDocs/azure-docs articles/role-based-access-control/permissions/containers.md (generated from the provider's
operations API); the lab keeps no display names of operations or resource types (that page does not list them: they
are null), and the provider's display name is the one ACR's OperationList example gives (Azure/azure-rest-api-specs
specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/stable/2025-04-01/examples/
OperationList.json)."""

from __future__ import annotations

import fnmatch

from .errors import ArmError

NS = "Microsoft.ContainerRegistry"
DISPLAY_NAME = "Microsoft ContainerRegistry"
_ACTIONS = """\
register/action|Registers the subscription for the container registry resource provider and enables the creation of container registries.
unregister/action|Unregisters the subscription for the container registry resource provider.
checkNameAvailability/read|Checks whether the container registry name is available for use.
locations/deleteVirtualNetworkOrSubnets/action|Notifies Microsoft.ContainerRegistry that virtual network or subnet is being deleted
locations/operationResults/read|Gets an async operation result
operations/read|Lists all of the available Azure Container Registry REST API operations
registries/read|Gets the properties of the specified container registry or lists all the container registries under the specified resource group or subscription.
registries/write|Creates or updates a container registry with the specified parameters.
registries/delete|Deletes a container registry.
registries/listCredentials/action|Lists the login credentials for the specified container registry.
registries/regenerateCredential/action|Regenerates one of the login credentials for the specified container registry.
registries/generateCredentials/action|Generate keys for a token of a specified container registry.
registries/importImage/action|Import Image to container registry with the specified parameters.
registries/getBuildSourceUploadUrl/action|Gets the upload location for the user to be able to upload the source.
registries/queueBuild/action|Creates a new build based on the request parameters and add it to the build queue.
registries/listBuildSourceUploadUrl/action|Get source upload url location for a container registry.
registries/scheduleRun/action|Schedule a run against a container registry.
registries/privateEndpointConnectionsApproval/action|Auto Approves a Private Endpoint Connection
registries/agentpools/read|Get a agentpool for a container registry or list all agentpools.
registries/agentpools/write|Create or Update an agentpool for a container registry.
registries/agentpools/delete|Delete an agentpool for a container registry.
registries/agentpools/listQueueStatus/action|List all queue status of an agentpool for a container registry.
registries/agentpools/operationResults/status/read|Gets an agentpool async operation result status
registries/agentpools/operationStatuses/read|Gets an agentpool async operation status
registries/artifacts/delete|Delete artifact in a container registry.
registries/builds/read|Gets the properties of the specified build or lists all the builds for the specified container registry.
registries/builds/write|Updates a build for a container registry with the specified parameters.
registries/builds/getLogLink/action|Gets a link to download the build logs.
registries/builds/cancel/action|Cancels an existing build.
registries/buildTasks/read|Gets the properties of the specified build task or lists all the build tasks for the specified container registry.
registries/buildTasks/write|Creates or updates a build task for a container registry with the specified parameters.
registries/buildTasks/delete|Deletes a build task from a container registry.
registries/buildTasks/listSourceRepositoryProperties/action|Lists the source control properties for a build task.
registries/buildTasks/steps/read|Gets the properties of the specified build step or lists all the build steps for the specified build task.
registries/buildTasks/steps/write|Creates or updates a build step for a build task with the specified parameters.
registries/buildTasks/steps/delete|Deletes a build step from a build task.
registries/buildTasks/steps/listBuildArguments/action|Lists the build arguments for a build step including the secret arguments.
registries/cacheRules/read|Gets the properties of the specified cache rule or lists all the cache rules for the specified container registry
registries/cacheRules/write|Creates or updates a cache rule for a container registry with the specified parameters
registries/cacheRules/delete|Deletes a cache rule from a container registry
registries/cacheRules/operationStatuses/read|Gets a cache rule async operation status
registries/connectedRegistries/read|Gets the properties of the specified connected registry or lists all the connected registries for the specified container registry.
registries/connectedRegistries/write|Creates or updates a connected registry for a container registry with the specified parameters.
registries/connectedRegistries/delete|Deletes a connected registry from a container registry.
registries/connectedRegistries/deactivate/action|Deactivates a connected registry for a container registry
registries/credentialSets/read|Gets the properties of the specified credential set or lists all the credential sets for the specified container registry
registries/credentialSets/write|Creates or updates a credential set for a container registry with the specified parameters
registries/credentialSets/delete|Deletes a credential set from a container registry
registries/credentialSets/operationStatuses/read|Gets a credential set async operation status
registries/deleted/read|Gets the deleted artifacts in a container registry
registries/deleted/restore/action|Restores deleted artifacts in a container registry
registries/eventGridFilters/read|Gets the properties of the specified event grid filter or lists all the event grid filters for the specified container registry.
registries/eventGridFilters/write|Creates or updates an event grid filter for a container registry with the specified parameters.
registries/eventGridFilters/delete|Deletes an event grid filter from a container registry.
registries/exportPipelines/read|Gets the properties of the specified export pipeline or lists all the export pipelines for the specified container registry.
registries/exportPipelines/write|Creates or updates an export pipeline for a container registry with the specified parameters.
registries/exportPipelines/delete|Deletes an export pipeline from a container registry.
registries/importPipelines/read|Gets the properties of the specified import pipeline or lists all the import pipelines for the specified container registry.
registries/importPipelines/write|Creates or updates an import pipeline for a container registry with the specified parameters.
registries/importPipelines/delete|Deletes an import pipeline from a container registry.
registries/listPolicies/read|Lists the policies for the specified container registry
registries/listUsages/read|Lists the quota usages for the specified container registry.
registries/metadata/read|Gets the metadata of a specific repository for a container registry
registries/metadata/write|Updates the metadata of a repository for a container registry
registries/operationStatuses/read|Gets a registry async operation status
registries/pipelineRuns/read|Gets the properties of the specified pipeline run or lists all the pipeline runs for the specified container registry.
registries/pipelineRuns/write|Creates or updates a pipeline run for a container registry with the specified parameters.
registries/pipelineRuns/delete|Deletes a pipeline run from a container registry.
registries/pipelineRuns/operationStatuses/read|Gets a pipeline run async operation status.
registries/privateEndpointConnectionProxies/validate/action|Validate the Private Endpoint Connection Proxy (NRP only)
registries/privateEndpointConnectionProxies/read|Get the Private Endpoint Connection Proxy (NRP only)
registries/privateEndpointConnectionProxies/write|Create the Private Endpoint Connection Proxy (NRP only)
registries/privateEndpointConnectionProxies/delete|Delete the Private Endpoint Connection Proxy (NRP only)
registries/privateEndpointConnectionProxies/operationStatuses/read|Get Private Endpoint Connection Proxy Async Operation Status
registries/privateEndpointConnections/read|Gets the properties of private endpoint connection or list all the private endpoint connections for the specified container registry
registries/privateEndpointConnections/write|Approves/Rejects the private endpoint connection
registries/privateEndpointConnections/delete|Deletes the private endpoint connection
registries/privateEndpointConnections/operationStatuses/read|Get Private Endpoint Connection Async Operation Status
registries/providers/Microsoft.Insights/diagnosticSettings/read|Gets the diagnostic setting for the resource
registries/providers/Microsoft.Insights/diagnosticSettings/write|Creates or updates the diagnostic setting for the resource
registries/providers/Microsoft.Insights/logDefinitions/read|Gets the available logs for Microsoft ContainerRegistry
registries/providers/Microsoft.Insights/metricDefinitions/read|Gets the available metrics for Microsoft ContainerRegistry
registries/pull/read|Pull or Get images from a container registry.
registries/push/write|Push or Write images to a container registry.
registries/quarantine/read|Pull or Get quarantined images from container registry
registries/quarantine/write|Write/Modify quarantine state of quarantined images
registries/replications/read|Gets the properties of the specified replication or lists all the replications for the specified container registry.
registries/replications/write|Creates or updates a replication for a container registry with the specified parameters.
registries/replications/delete|Deletes a replication from a container registry.
registries/replications/operationStatuses/read|Gets a replication async operation status
registries/runs/read|Gets the properties of a run against a container registry or list runs.
registries/runs/write|Updates a run.
registries/runs/listLogSasUrl/action|Gets the log SAS URL for a run.
registries/runs/cancel/action|Cancel an existing run.
registries/scopeMaps/read|Gets the properties of the specified scope map or lists all the scope maps for the specified container registry.
registries/scopeMaps/write|Creates or updates a scope map for a container registry with the specified parameters.
registries/scopeMaps/delete|Deletes a scope map from a container registry.
registries/scopeMaps/operationStatuses/read|Gets a scope map async operation status.
registries/sign/write|Push/Pull content trust metadata for a container registry.
registries/taskruns/read|Get a taskrun for a container registry or list all taskruns.
registries/taskruns/write|Create or Update a taskrun for a container registry.
registries/taskruns/delete|Delete a taskrun for a container registry.
registries/taskruns/listDetails/action|List all details of a taskrun for a container registry.
registries/taskruns/operationStatuses/read|Gets a taskrun async operation status
registries/tasks/read|Gets a task for a container registry or list all tasks.
registries/tasks/write|Creates or Updates a task for a container registry.
registries/tasks/delete|Deletes a task for a container registry.
registries/tasks/listDetails/action|List all details of a task for a container registry.
registries/tokens/read|Gets the properties of the specified token or lists all the tokens for the specified container registry.
registries/tokens/write|Creates or updates a token for a container registry with the specified parameters.
registries/tokens/delete|Deletes a token from a container registry.
registries/tokens/operationStatuses/read|Gets a token async operation status.
registries/updatePolicies/write|Updates the policies for the specified container registry
registries/webhooks/read|Gets the properties of the specified webhook or lists all the webhooks for the specified container registry.
registries/webhooks/write|Creates or updates a webhook for a container registry with the specified parameters.
registries/webhooks/delete|Deletes a webhook from a container registry.
registries/webhooks/getCallbackConfig/action|Gets the configuration of service URI and custom headers for the webhook.
registries/webhooks/ping/action|Triggers a ping event to be sent to the webhook.
registries/webhooks/listEvents/action|Lists recent events for the specified webhook.
registries/webhooks/operationStatuses/read|Gets a webhook async operation status
"""
_DATA_ACTIONS = """\
registries/quarantinedArtifacts/read|Allows pull or get of the quarantined artifacts from container registry. This is similar to Microsoft.ContainerRegistry/registries/quarantine/read except that it is a data action
registries/quarantinedArtifacts/write|Allows write or update of the quarantine state of quarantined artifacts. This is similar to Microsoft.ContainerRegistry/registries/quarantine/write action except that it is a data action
registries/repositories/content/read|Pull or Get images from a container registry.
registries/repositories/content/write|Push or Write images to a container registry.
registries/repositories/content/delete|Delete artifact in a container registry.
registries/repositories/metadata/read|Gets the metadata of a specific repository for a container registry
registries/repositories/metadata/write|Updates the metadata of a repository for a container registry
registries/repositories/metadata/delete|Delete the metadata of a repository for a container registry
registries/trustedCollections/write|Allows push or publish of trusted collections of container registry content. This is similar to Microsoft.ContainerRegistry/registries/sign/write action except that this is a data action
"""


def _parse(text: str, data: bool) -> list[dict]:
    out = []
    for line in text.splitlines():
        op, _, desc = line.partition("|")
        out.append({"name": f"{NS}/{op}", "description": desc, "isDataAction": data})
    return out


OPERATIONS = _parse(_ACTIONS, False) + _parse(_DATA_ACTIONS, True)


def search(pattern: str) -> list[dict]:
    """Operations whose name matches `pattern` (`*` wildcards, case-insensitive), as Get-AzProviderOperation
    -OperationSearchString filters them. Only Microsoft.ContainerRegistry's operations are in the lab."""
    pattern = pattern.strip()
    namespace = pattern.split("/", 1)[0]
    if "*" not in namespace and namespace.lower() != NS.lower():
        raise ArmError("ProviderOperationsNotAvailable", namespace=namespace, available=NS)
    return [op for op in OPERATIONS if fnmatch.fnmatch(op["name"].lower(), pattern.lower())]


def _resource_type(op_name: str) -> str:
    """'registries/webhooks' for .../registries/webhooks/write and .../registries/webhooks/ping/action; '' for the
    provider's own operations (register/action)."""
    parts = op_name.split("/")[1:]
    return "/".join(parts[:-2] if parts[-1] == "action" else parts[:-1])


def metadata(namespace: str) -> dict:
    """GET /providers/Microsoft.Authorization/providerOperations/{namespace}?$expand=resourceTypes: the provider's
    own operations and, per resource type, the operations on it (ProviderOperationsMetadata)."""
    if namespace.strip().lower() != NS.lower():
        search(namespace.strip() + "/*")  # the lab's refusal for a namespace it does not list
    def shaped(op: dict) -> dict:
        return {"description": op["description"], "displayName": None, "isDataAction": op["isDataAction"],
                "name": op["name"], "origin": None, "properties": None}
    own: list[dict] = []
    types: dict[str, list[dict]] = {}
    for op in OPERATIONS:
        rtype = _resource_type(op["name"])
        (types.setdefault(rtype, []) if rtype else own).append(shaped(op))
    return {"displayName": DISPLAY_NAME, "id": f"/providers/Microsoft.Authorization/providerOperations/{NS}",
            "name": NS, "operations": own, "resourceTypes": [{"displayName": None, "name": t, "operations": ops}
                                                            for t, ops in types.items()],
            "type": "Microsoft.Authorization/providerOperations"}
