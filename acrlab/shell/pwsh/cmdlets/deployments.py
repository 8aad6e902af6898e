"""Az.Resources template deployments at resource-group scope (New-, Test-, Get-, Remove-AzResourceGroupDeployment,
Get-AzResourceGroupDeploymentWhatIfResult) and subscription scope (New-, Test-, Get-, Remove-AzDeployment,
Get-AzDeploymentWhatIfResult): Bicep or ARM JSON through the iac deployment API. The template's parameters become
dynamic parameters of New-/Test-/...WhatIfResult (deployment_source)."""

from __future__ import annotations

from .... import iac
from .. import views
from ..values import PSError, PSObject
from .base import Param, cmdlet
from .deployment_source import (
    outputs_hashtable,
    param_variables,
    parameters_hashtable,
    request,
    variable_table,
    with_template_parameters,
)
from .resources import MOD, PROFILE

SDK = "Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels"
RG_DEP = f"{SDK}.PSResourceGroupDeployment"
SUB_DEP = f"{SDK}.PSDeployment"
WHAT_IF = f"{SDK}.Deployments.PSWhatIfOperationResult"
ERROR = f"{SDK}.PSResourceManagerError"
SOURCE_PARAMS = [
    Param("TemplateFile", "string", "Local path to the template file (Bicep or ARM JSON)."),
    Param("TemplateObject", "hashtable", "A hash table which represents the template."),
    Param("TemplateUri", "string", "URI of the template file."),
    Param("TemplateSpecId", "string", "Resource ID of the templateSpec to be deployed."),
    Param("TemplateParameterFile", "string", "A file that has the template parameters (JSON or .bicepparam)."),
    Param("TemplateParameterObject", "hashtable", "A hash table which represents the parameters."),
    Param("TemplateParameterUri", "string", "Uri to the template parameter file."),
    Param("SkipTemplateParameterPrompt", "switch", "Skips the PowerShell dynamic parameter processing that checks if "
          "the provided template parameter contains all necessary parameters used by the template."),
    Param("Mode", "string", "The deployment mode.", values=("Incremental", "Complete")),
    Param("DeploymentDebugLogLevel", "string", "The deployment debug log level.",
          values=("RequestContent", "ResponseContent", "All", "None")),
    Param("ApiVersion", "string", "The API version that is supported by the resource Provider."),
    Param("Pre", "switch", "Consider pre-release API versions."), PROFILE,
]
RUN_PARAMS = [
    Param("Name", "string", "The name of the deployment it's going to create. Defaults to the template file name.",
          aliases=("DeploymentName",), by_property=True),
    Param("Tag", "hashtable", "The tags to put on the deployment."),
    Param("Force", "switch", "Do not ask for confirmation."), Param("AsJob", "switch", "Run cmdlet in the background"),
    Param("WhatIfResultFormat", "string", "The what-if result format.", values=("FullResourcePayloads",
                                                                               "ResourceIdOnly")),
    Param("WhatIfExcludeChangeType", "strings", "Resource change types to exclude from what-if results."),
    Param("RollbackToLastDeployment", "switch", "Rollback to the last successful deployment."),
    Param("RollBackDeploymentName", "string", "Rollback to the successful deployment with the given name."),
]
RG_PARAM = Param("ResourceGroupName", "string", "Specifies the name of the resource group.", mandatory=True,
                 by_property=True)
LOCATION = Param("Location", "string", "The location to store deployment data.", mandatory=True, by_property=True)


def _default_subscription_only(ctx) -> None:
    default = ctx.cloud.subscription
    if ctx.subscription is not default:  # the lab's limit, said plainly rather than deploying elsewhere
        raise PSError(f"acrlab deploys templates to the tenant's first subscription only ('{default.name}'); run "
                      f"Set-AzContext -Subscription {default.subscription_id} first.")


def _run(ctx, a, rg: str | None):
    _default_subscription_only(ctx)
    arm, values, default_name = request(ctx, a)
    name = a.Name or default_name
    mode = a.Mode or "Incremental"
    try:
        if a.WhatIf:
            result = iac.what_if(ctx.cloud, ctx.principal, rg, arm, values, name, "main.json", mode, a.Location)
            ctx.host(_what_if_text(result))
            return None
        return iac.deploy(ctx.cloud, ctx.principal, rg, arm, values, name, "main.json", mode, a.Location)
    except Exception as e:  # InvalidTemplate, DeploymentFailed, AzureError: each carries its message
        raise PSError(_error_text(e)) from None


def _error_text(e) -> str:
    if isinstance(e, iac.DeploymentFailed):
        details = "; ".join(f"{d.get('code')}: {d.get('message')}" for d in e.details) if getattr(e, "details", None) \
            else ""
        return f"{e.message} {details}".strip() if details else e.message
    return getattr(e, "message", None) or str(e)


def _what_if_text(result) -> str:
    """Azure PowerShell prints what-if results in the same layout as az (without colours in the lab)."""
    from ....iac.whatif import render
    return render(result).rstrip("\n") if isinstance(result, dict) and "changes" in result else str(result)


def _deployment(dep, debug_level: str | None):
    sub = not dep.resource_group
    props = {"DeploymentName": dep.name, "CorrelationId": dep.correlation_id,
             "ResourceGroupName": dep.resource_group or None, "ProvisioningState": dep.provisioning_state,
             "Timestamp": dep.timestamp, "Mode": dep.mode, "TemplateLink": None, "TemplateLinkString": "",
             "DeploymentDebugLogLevel": debug_level, "Parameters": parameters_hashtable(dep),
             "ParametersString": variable_table(param_variables(dep)), "Outputs": outputs_hashtable(dep),
             "OutputsString": variable_table(dep.outputs)}
    if sub:
        props = {"Id": dep.id, "Location": dep.location, **{k: v for k, v in props.items()
                                                              if k != "ResourceGroupName"}}
    return PSObject(SUB_DEP if sub else RG_DEP, props)


for _t, _first in ((RG_DEP, ["DeploymentName", "ResourceGroupName"]), (SUB_DEP, ["Id", "Location", "DeploymentName"])):
    views.register(_t, "list", *_first, "ProvisioningState", "Timestamp", "Mode", ("TemplateLink", "TemplateLinkString"),
                   ("Parameters", "ParametersString"), ("Outputs", "OutputsString"), "DeploymentDebugLogLevel")
views.register(WHAT_IF, "custom", ("", lambda o: o.get("Text") + "\n"))
views.register(ERROR, "list", "Code", "Message", "Details")


@cmdlet("New-AzResourceGroupDeployment", [RG_PARAM, *RUN_PARAMS, *SOURCE_PARAMS],
        "Adds an Azure deployment to a resource group.", module=MOD, should_process=True, outputs=RG_DEP,
        dynamic=with_template_parameters,
        description="Template parameters become dynamic parameters of the cmdlet; values typed on the command line "
                    "take precedence over those of -TemplateParameterFile or -TemplateParameterObject.",
        examples=[("Deploy a Bicep file, giving its acrName parameter on the command line",
                   "New-AzResourceGroupDeployment -ResourceGroupName rg-containers -TemplateFile main.bicep "
                   "-acrName myacr"),
                  ("Deploy with a Bicep parameters file", "New-AzResourceGroupDeployment -ResourceGroupName "
                   "rg-containers -TemplateParameterFile main.bicepparam")])
def new_deployment(ctx, a, items):
    dep = _run(ctx, a, a.ResourceGroupName)
    return None if dep is None else _deployment(dep, a.DeploymentDebugLogLevel)


@cmdlet("New-AzDeployment", [LOCATION, *RUN_PARAMS, *SOURCE_PARAMS],
        "Create a deployment at the current subscription scope.", module=MOD, should_process=True,
        aliases=("New-AzSubscriptionDeployment",), outputs=SUB_DEP,
        dynamic=with_template_parameters,
        examples=[("Deploy a Bicep file at subscription scope",
                   "New-AzDeployment -Location brazilsouth -TemplateFile main.bicep")])
def new_sub_deployment(ctx, a, items):
    dep = _run(ctx, a, None)
    return None if dep is None else _deployment(dep, a.DeploymentDebugLogLevel)


def _validate(ctx, a, rg: str | None):
    _default_subscription_only(ctx)
    arm, values, name = request(ctx, a)
    try:
        iac.validate(ctx.cloud, ctx.principal, rg, arm, values, a.get("Name") or name, "main.json",
                     a.Mode or "Incremental", a.get("Location"))
    except (iac.InvalidTemplate, iac.DeploymentFailed) as e:
        return PSObject(ERROR, {"Code": getattr(e, "code", "InvalidTemplate"), "Message": e.message, "Target": None,
                                "Details": None})
    return None


@cmdlet("Test-AzResourceGroupDeployment", [RG_PARAM, *SOURCE_PARAMS],
        "Validates a resource group deployment.", module=MOD, outputs=ERROR,
        dynamic=with_template_parameters,
        examples=[("Validate a deployment", "Test-AzResourceGroupDeployment -ResourceGroupName rg-containers "
                                            "-TemplateFile main.bicep -acrName myacr")])
def test_deployment(ctx, a, items):
    return _validate(ctx, a, a.ResourceGroupName)


@cmdlet("Test-AzDeployment", [LOCATION, *SOURCE_PARAMS], "Validates a deployment at the subscription scope.",
        module=MOD, aliases=("Test-AzSubscriptionDeployment",), outputs=ERROR,
        dynamic=with_template_parameters)
def test_sub_deployment(ctx, a, items):
    return _validate(ctx, a, None)


def _what_if(ctx, a, rg: str | None):
    _default_subscription_only(ctx)
    arm, values, name = request(ctx, a)
    try:
        result = iac.what_if(ctx.cloud, ctx.principal, rg, arm, values, a.get("Name") or name, "main.json",
                             a.Mode or "Incremental", a.get("Location"))
    except Exception as e:  # noqa: BLE001 - template and engine errors carry their message
        raise PSError(_error_text(e)) from None
    return PSObject(WHAT_IF, {"Status": result.get("status", "Succeeded") if isinstance(result, dict) else None,
                              "Changes": result.get("changes") if isinstance(result, dict) else None,
                              "Error": None, "Text": _what_if_text(result)})


@cmdlet("Get-AzResourceGroupDeploymentWhatIfResult", [RG_PARAM, Param("Name", "string", "The deployment name.",
                                                                       aliases=("DeploymentName",)), *SOURCE_PARAMS],
        "Gets a template What-If result for a deployment at resource group scope.", module=MOD, outputs=WHAT_IF,
        dynamic=with_template_parameters)
def rg_what_if(ctx, a, items):
    return _what_if(ctx, a, a.ResourceGroupName)


@cmdlet("Get-AzDeploymentWhatIfResult", [LOCATION, Param("Name", "string", "The deployment name.",
                                                          aliases=("DeploymentName",)), *SOURCE_PARAMS],
        "Gets a template What-If result for a deployment at subscription scope.", module=MOD, outputs=WHAT_IF,
        aliases=("Get-AzSubscriptionDeploymentWhatIfResult",),
        dynamic=with_template_parameters)
def sub_what_if(ctx, a, items):
    return _what_if(ctx, a, None)


def _find(ctx, rg: str | None, name: str | None):
    try:
        if name:
            return [iac.find(ctx.cloud, ctx.principal, rg, name)]
        return iac.list_deployments(ctx.cloud, ctx.principal, rg)
    except Exception as e:  # ResourceNotFound, AuthorizationFailed
        raise PSError(getattr(e, "message", str(e))) from None


@cmdlet("Get-AzResourceGroupDeployment", [
    Param("ResourceGroupName", "string", "The name of the resource group.", mandatory=True, by_property=True,
          position=0),
    Param("Name", "string", "The name of the deployment.", aliases=("DeploymentName",), by_property=True), PROFILE,
], "Gets the deployments in a resource group.", module=MOD, outputs=RG_DEP)
def get_deployment(ctx, a, items):
    return [_deployment(d, None) for d in _find(ctx, a.ResourceGroupName, a.Name)]


@cmdlet("Get-AzDeployment", [Param("Name", "string", "The name of the deployment.", aliases=("DeploymentName",),
                                   position=0, by_property=True), PROFILE],
        "Get deployment at the current subscription scope.", module=MOD, aliases=("Get-AzSubscriptionDeployment",),
        outputs=SUB_DEP)
def get_sub_deployment(ctx, a, items):
    return [_deployment(d, None) for d in _find(ctx, None, a.Name)]


def _remove(ctx, a, rg: str | None):
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Deleting a deployment" on target "{a.Name}".')
        return None
    try:
        iac.delete_deployment(ctx.cloud, ctx.principal, rg, a.Name)
    except Exception as e:  # noqa: BLE001
        raise PSError(getattr(e, "message", str(e))) from None
    return True if a.PassThru else None


@cmdlet("Remove-AzResourceGroupDeployment", [
    RG_PARAM, Param("Name", "string", "The name of the deployment.", aliases=("DeploymentName",), mandatory=True,
                    by_property=True),
    Param("PassThru", "switch", "Return $true when the deployment is removed."), PROFILE,
], "Removes a resource group deployment (its history; the deployed resources stay).", module=MOD,
    should_process=True)
def remove_deployment(ctx, a, items):
    return _remove(ctx, a, a.ResourceGroupName)


@cmdlet("Remove-AzDeployment", [
    Param("Name", "string", "The name of the deployment.", aliases=("DeploymentName",), mandatory=True,
          position=0, by_property=True),
    Param("PassThru", "switch", "Return $true when the deployment is removed."), PROFILE,
], "Removes a deployment at the subscription scope (its history).", module=MOD, should_process=True,
    aliases=("Remove-AzSubscriptionDeployment",))
def remove_sub_deployment(ctx, a, items):
    return _remove(ctx, a, None)
