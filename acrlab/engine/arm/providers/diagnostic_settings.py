"""Microsoft.Insights/diagnosticSettings as an extension resource on another resource (PUT, GET, list, DELETE):
categories must be ones the resource type emits, one destination at least, five settings at most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ...diagnostic_settings import (
    CATEGORY_GROUPS,
    LOG_CATEGORIES,
    MAX_PER_RESOURCE,
    TYPE,
    DiagnosticSetting,
    resource_type_of,
    settings,
)
from ...errors import ArmError, ArmResourceNotFound
from ..manager import Plan, Provider, register
from ..request import ResourceId
from .locks import _owner, scope_exists
from .registry_body import Body

if TYPE_CHECKING:
    from ...cloud import Cloud
    from ...tenant import Principal


class LogSetting(Body):
    category: str | None = None
    category_group: str | None = None
    enabled: bool = False
    retention_policy: dict | None = None


class MetricSetting(Body):
    category: str | None = None
    enabled: bool = False
    time_grain: str | None = None
    retention_policy: dict | None = None


class SettingProps(Body):
    workspace_id: str | None = None
    storage_account_id: str | None = None
    event_hub_authorization_rule_id: str | None = None
    event_hub_name: str | None = None
    log_analytics_destination_type: str | None = None
    logs: list[LogSetting] = Field(default_factory=list)
    metrics: list[MetricSetting] = Field(default_factory=list)


class SettingBody(Body):
    properties: SettingProps = Field(default_factory=SettingProps)


class DiagnosticSettingsProvider(Provider):
    type = TYPE
    body_model = SettingBody

    def find(self, cloud: Cloud, rid: ResourceId) -> DiagnosticSetting | None:
        return settings(cloud).get(rid.id.lower())

    def listing(self, cloud: Cloud, rid: ResourceId) -> list[DiagnosticSetting]:
        scope = rid.scope.lower().rstrip("/")
        return sorted((s for s in settings(cloud).values() if s.scope.lower() == scope), key=lambda s: s.name)

    def to_arm(self, resource: DiagnosticSetting) -> dict:
        return resource.to_json()

    def put(self, cloud: Cloud, caller: Principal, rid: ResourceId, body: SettingBody,
            existing: DiagnosticSetting | None) -> Plan:
        scope = rid.scope.rstrip("/")
        if not scope_exists(cloud, scope):
            name, group = _owner(scope)
            raise ArmResourceNotFound(name, group)
        props = body.properties
        known = LOG_CATEGORIES.get(resource_type_of(scope), [])
        for log in props.logs:
            if log.category is not None and log.category not in known:
                raise ArmError("DiagnosticCategoryNotSupported", category=log.category)
            if log.category_group is not None and log.category_group not in CATEGORY_GROUPS:
                raise ArmError("DiagnosticCategoryNotSupported", category=log.category_group)
        for metric in props.metrics:
            if metric.category != "AllMetrics":
                raise ArmError("DiagnosticMetricCategoryNotSupported", category=metric.category)
        if not (props.workspace_id or props.storage_account_id or props.event_hub_authorization_rule_id):
            raise ArmError("DiagnosticDestinationRequired")
        for value, kind in ((props.workspace_id, "microsoft.operationalinsights/workspaces"),
                            (props.storage_account_id, "microsoft.storage/storageaccounts")):
            if value and resource_type_of(value) != kind:
                raise ArmError("DiagnosticDestinationInvalid", resource=value)
        others = [s for s in settings(cloud).values() if s.scope.lower() == scope.lower() and s.name != rid.name]
        if existing is None and len(others) >= MAX_PER_RESOURCE:
            raise ArmError("DiagnosticSettingsLimit", limit=MAX_PER_RESOURCE)
        new = DiagnosticSetting(name=rid.name, scope=scope, workspace_id=props.workspace_id,
                                storage_account_id=props.storage_account_id,
                                event_hub_authorization_rule_id=props.event_hub_authorization_rule_id,
                                event_hub_name=props.event_hub_name,
                                log_analytics_destination_type=props.log_analytics_destination_type,
                                logs=[log.model_dump(by_alias=True, exclude_none=True) for log in props.logs],
                                metrics=[m.model_dump(by_alias=True, exclude_none=True) for m in props.metrics])

        def commit() -> None:
            settings(cloud)[new.id.lower()] = new
        return Plan(resource=new, commit=commit, status=200)

    def delete(self, cloud: Cloud, caller: Principal, rid: ResourceId, existing: DiagnosticSetting) -> Plan:
        def commit() -> None:
            settings(cloud).pop(existing.id.lower(), None)
        return Plan(resource=existing, commit=commit, status=200)


register(DiagnosticSettingsProvider())
