"""Microsoft.OperationalInsights/workspaces: the Log Analytics workspaces a registry's diagnostic settings send its
logs to (`az acr create --workspace`, `az monitor diagnostic-settings create --workspace`). The lab keeps the
workspace resource as Resource Manager returns it (sku PerGB2018, 30 days' retention, no daily cap, a customerId
GUID: the defaults of azure-rest-api-specs specification/operationalinsights/resource-manager/
Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json and of azure-cli's `monitor log-analytics workspace
create`); it does not run queries."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, Field

from .cloud import Cloud

TYPE = "Microsoft.OperationalInsights/workspaces"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$")
"""A workspace name: 4 to 63 letters, digits and hyphens, beginning and ending with a letter or digit."""
DEFAULT_SKU = "PerGB2018"
DEFAULT_RETENTION_DAYS = 30


class Workspace(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    customer_id: str
    created: datetime
    sku: str = DEFAULT_SKU
    retention_days: int = DEFAULT_RETENTION_DAYS
    tags: dict[str, str] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{TYPE}/{self.name}"

    def to_arm(self) -> dict:
        stamp = self.created.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return {"id": self.id, "name": self.name, "type": TYPE, "location": self.location, "tags": dict(self.tags),
                "properties": {"customerId": self.customer_id, "provisioningState": "Succeeded",
                               "sku": {"name": self.sku, "lastSkuUpdate": stamp},
                               "retentionInDays": self.retention_days,
                               "features": {"legacy": 0, "searchVersion": 1,
                                            "enableLogAccessUsingOnlyResourcePermissions": True},
                               "workspaceCapping": {"dailyQuotaGb": -1.0, "dataIngestionStatus": "RespectQuota"},
                               "publicNetworkAccessForIngestion": "Enabled",
                               "publicNetworkAccessForQuery": "Enabled", "createdDate": stamp, "modifiedDate": stamp}}

    def to_json(self) -> dict:
        """The workspace as az prints it: the properties lifted to the top, with resourceGroup."""
        arm = self.to_arm()
        props = arm.pop("properties")
        return {**arm, **props, "resourceGroup": self.resource_group}


def workspaces(cloud: Cloud) -> dict[str, Workspace]:
    """Workspaces by lower-case id."""
    return cloud.state.setdefault("log_analytics_workspaces", {})


def find(cloud: Cloud, workspace_id: str) -> Workspace | None:
    return workspaces(cloud).get(workspace_id.lower().rstrip("/"))
