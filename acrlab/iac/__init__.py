"""Bicep and ARM JSON deployments onto the engine (imports only acrlab.engine, lark, pydantic, stdlib).

Python API (used by `az deployment group|sub ...` and `New-AzResourceGroupDeployment`); resource_group None
means a subscription deployment (`location` required; templates with the subscriptionDeploymentTemplate schema,
`targetScope = 'subscription'` in Bicep). Bicep `module`s become nested deployments (scopes.run_nested) recorded
in their target scope's deployment list, as ARM does:
    compile_source(text, file_name)            -> ARM template JSON text (Bicep compiled, JSON passed through)
    deploy(cloud, caller, rg, text, parameters, name=None, file_name="main.bicep", mode="Incremental") -> Deployment
    validate(...), what_if(...)                 -> dict (az's shapes)
    build(text) (bicep), BicepCompileError, InvalidTemplate, DeploymentFailed

Complete mode (modelled, not refused): after the template's resources are applied, the top-level resources of
the group the template does not declare are deleted through the engine as the caller (private endpoints, VMs,
AKS clusters, registries, user-assigned identities, key vaults (soft-deleted), private DNS zones (their virtual
network links first), then virtual networks); what-if lists them as Delete. Resources whose condition is false
are kept (API 2019-05-10+), `existing` references do not protect a resource (as the docs warn), child resources
(replications, webhooks, ...) and role assignments are not deleted on their own. Should the group ever hold a
type the lab cannot delete (providers.UNDELETABLE) the deployment is refused before anything changes
(CompleteModeNotSupportedInLab).
"""

from __future__ import annotations

import json
from typing import Any

from ..engine.cloud import Cloud
from ..engine.tenant import Principal
from . import deployment_requests as _requests
from .bicep import build, version_text
from .deploy import Deployment, store
from .deployment_requests import delete as delete_deployment
from .deployment_requests import find, list_deployments
from .diagnostics import BicepCompileError, Diagnostic
from .errors import DeploymentFailed, InvalidTemplate, TemplateError


def is_bicep(file_name: str) -> bool:
    return file_name.lower().endswith(".bicep")


def compile_source(text: str, file_name: str = "main.bicep", loader=None) -> str:
    """Template text for ARM: Bicep is compiled (raising BicepCompileError; `loader(path)` reads module files
    relative to file_name), JSON is passed through."""
    if is_bicep(file_name):
        return build(text, loader, file_name).json_text()
    return text


def deployment_name(file_name: str) -> str:
    """az's default deployment name: the template file's base name."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def deploy(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
           parameters: dict[str, Any] | None = None, name: str | None = None, file_name: str = "main.bicep",
           mode: str = "Incremental", location: str | None = None) -> Deployment:
    """Compile (if Bicep) and deploy into a resource group; raises BicepCompileError, InvalidTemplate,
    DeploymentFailed or the engine's AzureError (e.g. AuthorizationFailed, ResourceGroupNotFound)."""
    text = compile_source(template_text, file_name)
    return _requests.run(cloud, caller, resource_group, text, dict(parameters or {}),
                         name or deployment_name(file_name), mode, location)


def validate(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
             parameters: dict[str, Any] | None = None, name: str | None = None, file_name: str = "main.bicep",
             mode: str = "Incremental", location: str | None = None) -> dict:
    text = compile_source(template_text, file_name)
    return _requests.post(cloud, caller, "validate", resource_group, text, dict(parameters or {}),
                          name or deployment_name(file_name), mode, location)


def what_if(cloud: Cloud, caller: Principal, resource_group: str | None, template_text: str,
            parameters: dict[str, Any] | None = None, name: str | None = None, file_name: str = "main.bicep",
            mode: str = "Incremental", location: str | None = None) -> dict:
    text = compile_source(template_text, file_name)
    return _requests.post(cloud, caller, "whatIf", resource_group, text, dict(parameters or {}),
                          name or deployment_name(file_name), mode, location)


def load_bicepparam(text: str, path: str = "main.bicepparam", loader=None, env: dict | None = None):
    """A .bicepparam file: (the template path its `using` names, the parameter values); raises
    BicepCompileError (BCP258 missing, BCP259 undeclared, BCP338 unevaluable values...)."""
    from .bicep_params import load
    pf = load(text, path, loader, env)
    return pf.using, pf.values


def parameter_type(template_text: str, name: str) -> str:
    """The ARM type of a template parameter, following a languageVersion 2.0 `$ref` ('string' if unknown)."""
    from .arm_types import resolve
    try:
        body = json.loads(template_text)
        spec = (body.get("parameters") or {}).get(name) or {}
        return str(resolve(spec, body.get("definitions") or {}).get("type", "string")).lower()
    except (ValueError, AttributeError, TemplateError):
        return "string"


def parameters_from_json(text: str) -> dict[str, Any]:
    """An ARM parameters file (`{"parameters": {"x": {"value": ...}}}`) or a bare `{"x": {"value": ...}}`."""
    data = json.loads(text)
    data = data.get("parameters", data) if isinstance(data, dict) else {}
    return {k: (v.get("value") if isinstance(v, dict) and "value" in v else v) for k, v in data.items()}


__all__ = ["BicepCompileError", "Deployment", "DeploymentFailed", "Diagnostic", "InvalidTemplate", "build",
           "compile_source", "delete_deployment", "deploy", "deployment_name", "find", "list_deployments", "load_bicepparam",
           "parameter_type", "parameters_from_json",
           "store", "validate", "version_text", "what_if"]
