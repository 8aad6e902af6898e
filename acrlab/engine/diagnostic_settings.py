"""Microsoft.Insights/diagnosticSettings: where a resource's platform logs and metrics go (a Log Analytics
workspace, a storage account, an event hub). The lab keeps the settings and checks them as Azure Monitor does
(known categories per resource type, at least one destination, at most five settings per resource); it has no
workspaces to receive the logs, so destinations are checked for their shape only.
Categories: Azure Monitor's supported logs/metrics tables (ContainerRegistry: ContainerRegistryRepositoryEvents,
ContainerRegistryLoginEvents; category groups allLogs and audit; metrics AllMetrics)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .cloud import Cloud

TYPE = "Microsoft.Insights/diagnosticSettings"
LOG_CATEGORIES = {"microsoft.containerregistry/registries": ["ContainerRegistryRepositoryEvents",
                                                             "ContainerRegistryLoginEvents"],
                  "microsoft.containerservice/managedclusters": ["kube-apiserver", "kube-audit", "kube-audit-admin",
                                                                 "kube-controller-manager", "kube-scheduler",
                                                                 "cluster-autoscaler", "guard"],
                  "microsoft.keyvault/vaults": ["AuditEvent", "AzurePolicyEvaluationDetails"]}
CATEGORY_GROUPS = ["allLogs", "audit"]
MAX_PER_RESOURCE = 5


class DiagnosticSetting(BaseModel):
    name: str
    scope: str
    """The resource whose logs are sent."""
    workspace_id: str | None = None
    storage_account_id: str | None = None
    event_hub_authorization_rule_id: str | None = None
    event_hub_name: str | None = None
    log_analytics_destination_type: str | None = None
    logs: list[dict] = Field(default_factory=list)
    metrics: list[dict] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.scope}/providers/{TYPE}/{self.name}"

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": TYPE,
                "properties": {"workspaceId": self.workspace_id, "storageAccountId": self.storage_account_id,
                               "eventHubAuthorizationRuleId": self.event_hub_authorization_rule_id,
                               "eventHubName": self.event_hub_name,
                               "logAnalyticsDestinationType": self.log_analytics_destination_type,
                               "logs": list(self.logs), "metrics": list(self.metrics)}}


def settings(cloud: Cloud) -> dict[str, DiagnosticSetting]:
    """Settings by lower-case id."""
    return cloud.state.setdefault("diagnostic_settings", {})


def resource_type_of(scope: str) -> str:
    parts = scope.strip("/").split("/")
    low = [p.lower() for p in parts]
    if "providers" not in low:
        return ""
    k = len(low) - 1 - low[::-1].index("providers")
    rest = parts[k + 1:]
    return "/".join([rest[0]] + rest[1::2]).lower()
