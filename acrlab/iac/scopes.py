"""Deployment scopes: the template schema each scope accepts, where subscription deployments live, and nested
deployments (`Microsoft.Resources/deployments`, as Bicep modules emit them) run into their target scope."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..engine.cloud import Cloud
from ..engine.errors import AzureError
from ..engine.locations import normalize_location
from ..engine.tenant import Principal
from .errors import DeploymentFailed, InvalidTemplate, TemplateError
from .provider_base import ResourceFailure

SUB_SCHEMA_MARK = "subscriptiondeploymenttemplate.json"
GROUP_SCHEMA_MARK = "/deploymenttemplate.json"


def template_scope(tpl) -> str | None:
    schema = str(tpl.body.get("$schema", "")).lower()
    if SUB_SCHEMA_MARK in schema:
        return "subscription"
    if GROUP_SCHEMA_MARK in schema:
        return "resourceGroup"
    return None


def check_schema(tpl, at_subscription: bool) -> None:
    """ARM refuses a template whose $schema names another deployment scope."""
    scope = template_scope(tpl)
    want = "subscription" if at_subscription else "resourceGroup"
    if scope is not None and scope != want:
        schema = tpl.body.get("$schema")
        raise InvalidTemplate(f"Deployment template validation failed: 'The template schema '{schema}' is not "
                              f"supported for a deployment at the {'subscription' if at_subscription else 'resource group'}"
                              f" scope.'.", *tpl.at("$schema"))


def check_location(cloud: Cloud, name: str, location: str | None) -> None:
    from .deploy import store
    loc = normalize_location(location or "")
    if loc is None:
        raise AzureError(f"The provided location '{location}' is not available for resource type "
                         "'Microsoft.Resources/deployments'.", code="LocationNotAvailableForDeployment")
    old = store(cloud).get("", {}).get(name.lower())
    if old is not None and old.location and old.location != loc:
        raise AzureError(f"Invalid deployment location '{loc}'. The deployment '{name}' already exists in location "
                         f"'{old.location}'.", code="InvalidDeploymentLocation")


def nested_request(inst, ctx) -> tuple[str | None, dict, dict, str]:
    """(target resource group or None for the subscription, template, parameter values, mode)."""
    from .arm_functions import evaluate_value
    props = inst.raw.get("properties") or {}
    scope = ((props.get("expressionEvaluationOptions") or {}).get("scope") or "outer").lower()
    template = props.get("template")
    if not isinstance(template, dict):
        raise TemplateError("This lab runs nested deployments with an inline template (properties.template); "
                            "templateLink needs a URL the lab cannot reach.")
    ctx.copy_index = inst.copy_index
    try:
        params = {k: evaluate_value(v.get("value") if isinstance(v, dict) else v, ctx)
                  for k, v in (props.get("parameters") or {}).items()}
        if scope != "inner":  # 'outer' (the default): the nested template's expressions see the parent's scope
            template = {k: _literal(evaluate_value(v, ctx)) if k in ("resources", "outputs") else v
                        for k, v in template.items()}
    finally:
        ctx.copy_index = None
    target = inst.target_rg or (ctx.rg.name if ctx.rg is not None else None)
    return target, template, params, str(props.get("mode") or "Incremental")


def _literal(value):
    """An evaluated value as template text that evaluates to itself (a string starting with '[' is escaped)."""
    if isinstance(value, str):
        return "[" + value if value.startswith("[") else value
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


def run_nested(cloud: Cloud, caller: Principal, ctx, inst, run: Callable) -> list[str]:
    """Run one nested deployment; returns the resources it deployed (ARM lists them in the parent's
    outputResources). Failures become ResourceFailure entries of the parent's error."""
    target, template, params, mode = nested_request(inst, ctx)
    try:
        child = run(cloud, caller, target, json.dumps(template), params, inst.name, mode,
                    None if target is not None else ctx.location)
    except DeploymentFailed as e:
        raise ResourceFailure("DeploymentFailed", json.dumps(e.to_json())) from None
    except AzureError as e:
        raise ResourceFailure(e.code, e.message) from None
    return child.output_resources
