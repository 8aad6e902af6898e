"""ACR Tasks' error codes (agent pools, task runs), merged into errors.CATALOGUE. Each entry: code -> (HTTP status,
message template, source[, code on the wire])."""

from __future__ import annotations

POOLS_DOC = "docs tasks-agent-pools.md"

CODES: dict[str, tuple] = {
    "AgentPoolNameInvalid": (
        400, "Agent pool name '{name}' is invalid. Agent pool names may contain only alpha numeric characters and "
             "hyphens and must be between 3 and 20 characters.",
        "REST API AgentPools path parameter (minLength 3, maxLength 20, ^[a-zA-Z0-9-]*$), api-version "
        "2025-03-01-preview; wording of the provider's registry-name refusal", "BadRequest"),
    "AgentPoolTierInvalid": (
        400, "The tier '{tier}' is not valid. Valid tiers are S1, S2, S3 and I6.",
        f"lab wording; tiers from {POOLS_DOC} (Pool tiers) and azure-cli acr/_params.py --tier", "BadRequest"),
    "AgentPoolOsNotSupported": (
        400, "The OS '{os}' is not supported for agent pools. Task agent pools currently support Linux nodes.",
        f"lab wording of {POOLS_DOC} (Preview limitations)", "BadRequest"),
    "AgentPoolCountInvalid": (
        400, "The count of an agent pool must be 0 or more; got {count}.", "lab wording (count is an int32 the "
                                                                           "docs scale down to 0)", "BadRequest"),
    "AgentPoolQuotaExceeded": (
        400, "The agent pool needs {needed} vCPUs, but the registry's quota for {kind} agent pools is {quota} vCPUs "
             "and {used} are in use. Open a support request for additional allocation.",
        f"lab wording of {POOLS_DOC} (default quota 16 vCPU for standard pools, 0 for isolated)", "QuotaExceeded"),
    "AgentPoolPropertyImmutable": (
        400, "The property '{prop}' of agent pool '{name}' cannot be changed. Only the count and tags of an agent "
             "pool can be updated.", "lab wording; the REST API's AgentPoolUpdateParameters carry only count and "
                                     "tags", "BadRequest"),
    "AgentPoolSubnetNotFound": (
        400, "Subnet {id} does not exist.", "the provider's wording for a missing subnet (registry network rules)",
        "BadRequest"),
    "AgentPoolSubnetLocation": (
        400, "The subnet {id} is in location '{subnet_location}', but the agent pool is in '{location}'. The "
             "virtual network must be in the agent pool's region.", "lab wording (a pool's VMs join the subnet, "
                                                                    "which must be in the same region)",
        "BadRequest"),
    "InvalidTimerSchedule": (
        400, "The timer schedule '{schedule}' is not a valid cron expression. Use 5 fields: {{minute}} {{hour}} "
             "{{day}} {{month}} {{day-of-week}} (UTC).", "lab wording of the service's code (REST API TimerTrigger "
                                                        "schedule: a cron expression)"),
    "InvalidTaskName": (400, "{message}", "REST API Tasks path parameter (names.RULES['tasks'])"),
}
