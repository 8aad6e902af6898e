"""Microsoft.Web/serverfarms (App Service plans), Microsoft.Web/sites (web apps) and sites/sourcecontrols (a web
app deployed from a public GitHub repository): PUT, GET, list by group or subscription, DELETE. The bodies are read
without pydantic, with property names in any case (a template's `RepoUrl` is `repoUrl`). Models and rules are
engine/app_service.py's; sources: azure-rest-api-specs specification/web/resource-manager/Microsoft.Web/AppService/
stable/2023-12-01/AppServicePlans.json (AppServicePlans_CreateOrUpdate, _Get, _ListByResourceGroup, _List, _Delete)
and WebApps.json (WebApps_CreateOrUpdate, _Get, _ListByResourceGroup, _List, _Delete,
WebApps_CreateOrUpdateSourceControl, _GetSourceControl, _DeleteSourceControl)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...app_service import (
    APPS,
    PLAN_NAME_RE,
    PLANS,
    SITE_NAME_RE,
    SITES,
    SKUS,
    SOURCE_CONTROLS,
    Plan,
    Site,
    SourceControl,
    app_for,
    plans,
    site_by_name,
    sites,
    sites_on,
)
from ...errors import ArmError, invalid_content
from ..manager import Plan as Change
from ..manager import Provider, register
from ..request import ResourceId
from .bound import Bound
from .tracked import tracked_location

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


def field(body: Any, name: str, default: Any = None) -> Any:
    """A body property by name in any case (ARM's providers read them so)."""
    if not isinstance(body, dict):
        return default
    key = name.lower()
    return next((v for k, v in body.items() if isinstance(k, str) and k.lower() == key), default)


def _object(body: Any, name: str) -> dict:
    value = field(body, name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid_content(f"The property '{name}' must be an object.")
    return value


def _flag(value: Any, name: str, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid_content(f"The property '{name}' must be a boolean.")


def _listing(store: dict, rid: ResourceId) -> list:
    rg = (rid.resource_group or "").lower()
    return sorted((r for r in store.values() if not rg or r.resource_group.lower() == rg),
                  key=lambda r: (r.resource_group.lower(), r.name.lower()))


class PlanProvider(Provider):
    type = PLANS

    def find(self, cloud: Cloud, rid: ResourceId) -> Bound | None:
        plan = plans(cloud).get(rid.id.lower())
        return Bound(plan, cloud) if plan is not None else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Bound]:
        return [Bound(p, cloud) for p in _listing(plans(cloud), rid)]

    def to_arm(self, resource: Bound) -> dict:
        return resource.item.to_arm(len(sites_on(resource.cloud, resource.item)))

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, bound: Bound | None) -> Change:
        existing: Plan | None = bound.item if bound is not None else None
        if not PLAN_NAME_RE.match(rid.name):
            raise ArmError("InvalidServerFarmName", name=rid.name)
        location = tracked_location(PLANS, field(body, "location"), existing)
        sku_body = _object(body, "sku")
        sku = str(field(sku_body, "name") or (existing.sku if existing else "F1")).upper()
        if sku not in SKUS:
            raise ArmError("InvalidAppServiceSku", sku=sku, allowed=", ".join(SKUS))
        capacity = field(sku_body, "capacity")
        if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0):
            raise invalid_content("The property 'sku.capacity' must be a whole number of workers.")
        props = _object(body, "properties")
        kind = str(field(body, "kind") or "")
        linux = _flag(field(props, "reserved"), "properties.reserved", "linux" in kind.lower() or
                      bool(existing and existing.linux))
        group = cloud.group(rid.resource_group or "", rid.subscription)
        new = Plan(name=existing.name if existing else rid.name, resource_group=group.name,
                   subscription_id=group.subscription_id, location=location, sku=sku,
                   capacity=capacity or (existing.capacity if existing else 1), linux=linux,
                   number=existing.number if existing else cloud.ids.randint(10000, 99999),
                   tags=field(body, "tags") if field(body, "tags") is not None else (existing.tags if existing else None))

        def commit() -> None:
            plans(cloud)[new.id.lower()] = new
        return Change(resource=Bound(new, cloud), commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, bound: Bound) -> Change:
        existing: Plan = bound.item
        hosted = sites_on(cloud, existing)
        if hosted:
            raise ArmError("ServerFarmHasSites", name=existing.name, sites=", ".join(sorted(s.name for s in hosted)))

        def commit() -> None:
            plans(cloud).pop(existing.id.lower(), None)
        return Change(resource=bound, commit=commit, status=200)


class SiteProvider(Provider):
    type = SITES
    actions = {"stop": "stop/Action", "start": "start/Action", "restart": "restart/Action"}
    """WebApps_Stop, _Start, _Restart (the operations Microsoft.Web/sites/stop/Action, ...)."""

    def find(self, cloud: Cloud, rid: ResourceId) -> Site | None:
        return sites(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Site]:
        return _listing(sites(cloud), rid)

    def to_arm(self, resource: Site) -> dict:
        return resource.to_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Site | None) -> Change:
        if not SITE_NAME_RE.match(rid.name) or len(rid.name) < 2:
            raise ArmError("InvalidSiteName", name=rid.name)
        taken = site_by_name(cloud, rid.name)
        if taken is not None and taken is not existing:
            raise ArmError("WebsiteNameTaken", name=rid.name)
        location = tracked_location(SITES, field(body, "location"), existing)
        props = _object(body, "properties")
        farm = field(props, "serverFarmId") or (existing.plan_id if existing else None)
        if not farm or not isinstance(farm, str):
            raise invalid_content("The property 'properties.serverFarmId' is required: the App Service plan's id.")
        plan = self._plan_of(cloud, rid, farm)
        config = _object(props, "siteConfig")
        kind = str(field(body, "kind") or "")
        group = cloud.group(rid.resource_group or "", rid.subscription)
        new = Site(name=existing.name if existing else rid.name, resource_group=group.name,
                   subscription_id=group.subscription_id, location=location, plan_id=plan.id,
                   linux=plan.linux or "linux" in kind.lower(),
                   https_only=_flag(field(props, "httpsOnly"), "properties.httpsOnly",
                                    existing.https_only if existing else False),
                   state=existing.state if existing else "Running",
                   site_config={**(existing.site_config or {} if existing else {}), **config},
                   tags=field(body, "tags") if field(body, "tags") is not None else (existing.tags if existing else None),
                   modified=cloud.clock.now(), source_control=existing.source_control if existing else None,
                   app=existing.app if existing else "", events=existing.events if existing else [])

        def commit() -> None:
            sites(cloud)[new.id.lower()] = new
        return Change(resource=new, commit=commit, status=200 if existing else 201)

    @staticmethod
    def _plan_of(cloud: Cloud, rid: ResourceId, farm: str) -> Plan:
        """The plan a site names: a full id, or a plan's name in the site's own group."""
        farm = farm.strip().rstrip("/")
        key = farm.lower() if farm.startswith("/") else \
            f"/subscriptions/{rid.subscription}/resourceGroups/{rid.resource_group}/providers/{PLANS}/{farm}".lower()
        plan = plans(cloud).get(key)
        if plan is None:
            raise ArmError("ServerFarmNotFound", name=farm.rsplit("/", 1)[-1])
        return plan

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Site) -> Change:
        def commit() -> None:
            sites(cloud).pop(existing.id.lower(), None)
        return Change(resource=existing, commit=commit, status=200)

    def post(self, cloud: Cloud, caller: Principal, rid: ResourceId, action: str, body: dict | None,
             existing: Site) -> Change:
        state = "Stopped" if action == "stop" else "Running"

        def commit() -> None:  # a stopped app answers 403 on its host name (engine/web_sites.py)
            existing.state, existing.modified = state, cloud.clock.now()
        return Change(resource=existing, commit=commit, status=200, body={})


class SourceControlProvider(Provider):
    """sites/sourcecontrols/web: the repository and branch App Service deploys the site from (a manual integration
    deploys once, when it is set)."""

    type = SOURCE_CONTROLS

    def _site(self, cloud: Cloud, rid: ResourceId) -> Site | None:
        return sites(cloud).get(rid.parent().id.lower())

    def find(self, cloud: Cloud, rid: ResourceId) -> Site | None:
        site = self._site(cloud, rid)
        return site if site is not None and site.source_control is not None and rid.name.lower() == "web" else None

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[Site]:
        site = self._site(cloud, rid.child("sourcecontrols", "web")) if not rid.names else None
        return [site] if site is not None and site.source_control is not None else []

    def resource_id(self, resource: Site) -> str:
        return f"{resource.id}/sourcecontrols/web"

    def to_arm(self, resource: Site) -> dict:
        return resource.source_control_arm()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: Any, existing: Site | None) -> Change:
        from ...tasks_git import get_repo
        if rid.name.lower() != "web":
            raise invalid_content(f"The source control of a site is named 'web', not '{rid.name}'.")
        site = self._site(cloud, rid)
        assert site is not None  # the manager checked the parent
        props = _object(body, "properties")
        url = field(props, "repoUrl")
        if not url or not isinstance(url, str):
            raise invalid_content("The property 'properties.repoUrl' is required.")
        branch = str(field(props, "branch") or "master")
        repo = get_repo(cloud, url)
        if repo is None or branch not in repo.branches:
            raise ArmError("SourceControlRepositoryNotFound", url=url, branch=branch)
        app = app_for(repo.url)
        if app is None:
            raise ArmError("SourceControlAppNotRunnable", url=url,
                           apps=", ".join(f"https://github.com/{k}" for k in APPS))
        source = SourceControl(repo_url=url, branch=branch, deployed=cloud.clock.now(),
                               manual_integration=_flag(field(props, "isManualIntegration"),
                                                        "properties.isManualIntegration", True))

        def commit() -> None:
            if site.app != app:
                site.events = []
            site.source_control, site.app, site.modified = source, app, cloud.clock.now()
        return Change(resource=site, commit=commit, status=200 if existing else 201)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: Site) -> Change:
        def commit() -> None:  # disconnecting keeps what was deployed
            existing.source_control = None
        return Change(resource=existing, commit=commit, status=200)


register(PlanProvider())
register(SiteProvider())
register(SourceControlProvider())
