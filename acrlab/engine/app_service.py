"""App Service: plans (Microsoft.Web/serverfarms), web apps (Microsoft.Web/sites) and a web app's source control
(sites/sourcecontrols), as the Event Grid quickstart's viewer template deploys them.

The resources are requests to the resource manager (arm/providers/app_service.py); this module keeps their models,
rules and JSON. A web app is reached at `https://<name>.azurewebsites.net` on the lab's web (engine/web_sites.py),
so its name is unique across Azure, not only in its group. What a site serves is the app deployed to it: nothing
yet (App Service's default page), or an app from a public GitHub repository the lab can run (`APPS`).

Sources: azure-rest-api-specs specification/web/resource-manager/Microsoft.Web/AppService (AppServicePlans.json,
WebApps.json); the plan and site bodies of azure-cli's appservice recordings (src/azure-cli/azure/cli/
command_modules/appservice/tests/latest/recordings/test_auto_delete_plan.yaml); the name rules of
MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md (Microsoft.Web)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .locations import display_name
from .record import Record

if TYPE_CHECKING:
    from .cloud import Cloud

PLANS = "Microsoft.Web/serverfarms"
SITES = "Microsoft.Web/sites"
SOURCE_CONTROLS = "Microsoft.Web/sites/sourcecontrols"
HOST_SUFFIX = ".azurewebsites.net"
SITE_NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?$")
"""A web app's name: 2 to 60 letters, digits and hyphens, not beginning or ending with a hyphen."""
PLAN_NAME_RE = re.compile(r"^[A-Za-z0-9-]{1,60}$")
"""A plan's name: 1 to 60 letters, digits and hyphens."""

SKUS: dict[str, tuple[str, str]] = {
    "F1": ("Free", "F"), "D1": ("Shared", "D"),
    "B1": ("Basic", "B"), "B2": ("Basic", "B"), "B3": ("Basic", "B"),
    "S1": ("Standard", "S"), "S2": ("Standard", "S"), "S3": ("Standard", "S"),
    "P1V2": ("PremiumV2", "Pv2"), "P2V2": ("PremiumV2", "Pv2"), "P3V2": ("PremiumV2", "Pv2"),
    "P0V3": ("PremiumV3", "Pv3"), "P1V3": ("PremiumV3", "Pv3"), "P2V3": ("PremiumV3", "Pv3"),
    "P3V3": ("PremiumV3", "Pv3"),
}
"""Pricing tier name -> (tier, family), as the plan's sku shows them."""
MAX_WORKERS = {"Free": 1, "Shared": 1, "Basic": 3, "Standard": 10, "PremiumV2": 30, "PremiumV3": 30}

APPS: dict[str, str] = {"Azure-Samples/azure-event-grid-viewer": "event-grid-viewer"}
"""Public repositories (owner/name) whose app the lab's App Service can run -> the app
(engine/web_sites.py serves it)."""


class Plan(Record):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    sku: str
    capacity: int = 1
    linux: bool = False
    number: int = 0
    """The plan's numeric serverFarmId inside App Service."""
    tags: dict[str, str] | None = None

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{PLANS}/{self.name}"

    @property
    def tier(self) -> str:
        return SKUS[self.sku][0]

    def sku_json(self) -> dict:
        tier, family = SKUS[self.sku]
        return {"name": self.sku, "tier": tier, "size": self.sku, "family": family, "capacity": self.capacity}

    def to_arm(self, sites: int = 0) -> dict:
        kind = "linux" if self.linux else "app"
        region = display_name(self.location)
        shared = self.tier in ("Free", "Shared")
        return {"id": self.id, "name": self.name, "type": PLANS, "kind": kind, "location": region,
                "tags": dict(self.tags) if self.tags is not None else None,
                "properties": {
                    "serverFarmId": self.number, "name": self.name, "workerSize": "Default", "workerSizeId": 0,
                    "numberOfWorkers": self.capacity, "currentWorkerSize": "Default", "currentWorkerSizeId": 0,
                    "currentNumberOfWorkers": self.capacity, "status": "Ready",
                    "webSpace": f"{self.resource_group}-{region.replace(' ', '')}webspace",
                    "subscription": self.subscription_id, "maximumNumberOfWorkers": MAX_WORKERS[self.tier],
                    "planName": "VirtualDedicatedPlan", "computeMode": "Shared" if shared else "Dedicated",
                    "geoRegion": region, "perSiteScaling": False, "elasticScaleEnabled": False,
                    "maximumElasticWorkerCount": 1, "numberOfSites": sites, "isSpot": False, "kind": kind,
                    "resourceGroup": self.resource_group, "reserved": self.linux, "isXenon": False, "hyperV": False,
                    "targetWorkerCount": 0, "targetWorkerSizeId": 0, "provisioningState": "Succeeded",
                    "zoneRedundant": False},
                "sku": self.sku_json()}


class SourceControl(Record):
    repo_url: str
    branch: str
    manual_integration: bool = True
    deployed: Any = None
    """When the repository's branch was last deployed to the site."""


class Site(Record):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    plan_id: str
    linux: bool = False
    https_only: bool = False
    state: str = "Running"
    site_config: dict[str, Any] | None = None
    tags: dict[str, str] | None = None
    modified: Any = None
    source_control: SourceControl | None = None
    app: str = ""
    """What the site runs: '' (App Service's default page) or a key of APPS' values."""
    events: list[dict] | None = None
    """What the deployed app received and shows (the Event Grid viewer's events, oldest first)."""

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{SITES}/{self.name}"

    @property
    def host(self) -> str:
        return f"{self.name.lower()}{HOST_SUFFIX}"

    def to_arm(self) -> dict:
        host, scm = self.host, f"{self.name.lower()}.scm{HOST_SUFFIX}"
        kind = "app,linux" if self.linux else "app"
        region = display_name(self.location)
        stamp = self.modified.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] if isinstance(self.modified, datetime) else None
        config = {"numberOfWorkers": 1, "netFrameworkVersion": None, "linuxFxVersion": "", "alwaysOn": False,
                  "webSocketsEnabled": None, "http20Enabled": False, "minTlsVersion": "1.2", "ftpsState": "FtpsOnly",
                  "metadata": None, **(self.site_config or {})}
        return {"id": self.id, "name": self.name, "type": SITES, "kind": kind, "location": region,
                "tags": dict(self.tags) if self.tags is not None else None,
                "properties": {
                    "name": self.name, "state": self.state, "hostNames": [host],
                    "webSpace": f"{self.resource_group}-{region.replace(' ', '')}webspace",
                    "repositorySiteName": self.name, "usageState": "Normal", "enabled": True, "adminEnabled": True,
                    "enabledHostNames": [host, scm], "availabilityState": "Normal",
                    "hostNameSslStates": [
                        {"name": host, "sslState": "Disabled", "ipBasedSslState": "NotConfigured", "hostType": "Standard"},
                        {"name": scm, "sslState": "Disabled", "ipBasedSslState": "NotConfigured",
                         "hostType": "Repository"}],
                    "serverFarmId": self.plan_id, "reserved": self.linux, "isXenon": False, "hyperV": False,
                    "lastModifiedTimeUtc": stamp, "siteConfig": config, "scmSiteAlsoStopped": False,
                    "clientAffinityEnabled": True, "clientCertEnabled": False, "hostNamesDisabled": False,
                    "containerSize": 0, "dailyMemoryTimeQuota": 0, "resourceGroup": self.resource_group,
                    "defaultHostName": host, "httpsOnly": self.https_only, "redundancyMode": "None",
                    "publicNetworkAccess": None, "keyVaultReferenceIdentity": "SystemAssigned"}}

    def source_control_arm(self) -> dict:
        sc = self.source_control
        assert sc is not None
        return {"id": f"{self.id}/sourcecontrols/web", "name": self.name, "type": SOURCE_CONTROLS,
                "location": display_name(self.location),
                "properties": {"repoUrl": sc.repo_url, "branch": sc.branch, "isManualIntegration": sc.manual_integration,
                               "isGitHubAction": False, "deploymentRollbackEnabled": False, "isMercurial": False}}


def plans(cloud: Cloud) -> dict[str, Plan]:
    """Plans by lower-case id (a group's deletion takes them: cloud.resources)."""
    return cloud.resources["serverfarms"]


def sites(cloud: Cloud) -> dict[str, Site]:
    """Web apps by lower-case id."""
    return cloud.resources["sites"]


def site_by_name(cloud: Cloud, name: str) -> Site | None:
    """The web app of that name anywhere (names are global: they are host names under azurewebsites.net)."""
    key = name.lower()
    return next((s for s in sites(cloud).values() if s.name.lower() == key), None)


def site_by_host(cloud: Cloud, host: str) -> Site | None:
    host = host.lower()
    if not host.endswith(HOST_SUFFIX):
        return None
    name = host[:-len(HOST_SUFFIX)]
    return site_by_name(cloud, name) if "." not in name else None


def sites_on(cloud: Cloud, plan: Plan) -> list[Site]:
    return [s for s in sites(cloud).values() if s.plan_id.lower() == plan.id.lower()]


def app_for(repo_url: str) -> str | None:
    """The app the lab runs for a repository URL (https://github.com/owner/name[.git]), or None."""
    text = repo_url.strip().lower().removesuffix("/").removesuffix(".git")
    if not text.startswith("https://github.com/"):
        return None
    name = text.removeprefix("https://github.com/")
    return next((app for repo, app in APPS.items() if repo.lower() == name), None)
