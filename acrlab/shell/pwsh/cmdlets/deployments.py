"""Az.Resources: New-AzResourceGroupDeployment and New-AzDeployment (subscription scope), Bicep or ARM JSON,
through the iac deployment API."""

from __future__ import annotations

from ..values import Hashtable, PSError, PSObject, to_str
from .base import Param, cmdlet
from .resources import MOD, PROFILE


def _outputs(dep) -> str:
    if not dep.outputs:
        return ""
    rows = [("Name", "Type", "Value"), ("=" * 15, "=" * 9, "=" * 10)]
    for k, v in dep.outputs.items():
        value = v.get("value") if isinstance(v, dict) else v
        typ = v.get("type", "String") if isinstance(v, dict) else "String"
        rows.append((k, typ, to_str(value)))
    w0, w1 = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    return "\n".join(f"{r[0].ljust(w0)}  {r[1].ljust(w1)}  {r[2]}".rstrip() for r in rows)


def _what_if_text(result) -> str:
    """Azure PowerShell prints what-if results in the same layout as az (no colours in the lab's terminal)."""
    if isinstance(result, dict) and "changes" in result:
        from ....iac.whatif import render
        return render(result).rstrip("\n")
    return to_str(result.get("summary", "")) if isinstance(result, dict) else to_str(result)


def _deploy(ctx, a, resource_group: str | None, mode: str, location: str | None):
    """Compile (Bicep modules resolve against the lab's files, as az does) and deploy at group scope, or at
    subscription scope when `resource_group` is None; -WhatIf prints the report. Returns (deployment, params)."""
    from .... import iac

    text, params = _template(ctx, a, iac)
    name = a.Name or iac.deployment_name(a.TemplateFile)
    try:
        text = iac.compile_source(text, ctx.sh.abspath(a.TemplateFile), ctx.sh.read_file)
        if a.WhatIf:
            result = iac.what_if(ctx.cloud, ctx.principal, resource_group, text, params, name, "main.json", mode,
                                 location)
            ctx.host(_what_if_text(result))
            return None, params
        dep = iac.deploy(ctx.cloud, ctx.principal, resource_group, text, params, name, "main.json", mode, location)
    except Exception as e:  # BicepCompileError, InvalidTemplate, DeploymentFailed, AzureError all carry a message
        raise PSError(getattr(e, "message", None) or str(e)) from None
    return dep, params


def _template(ctx, a, iac) -> tuple[str, dict]:
    """The template text and the parameter values from -TemplateParameterFile then -TemplateParameterObject."""
    if not a.TemplateFile:
        raise PSError("Cannot process command because of one or more missing mandatory parameters: TemplateFile.")
    text = ctx.sh.read_file(a.TemplateFile)
    if text is None:
        raise PSError(f"Cannot retrieve the dynamic parameters for the cmdlet. Could not find file "
                      f"'{ctx.sh.abspath(a.TemplateFile)}'.")
    params: dict = {}
    if a.TemplateParameterFile:
        ptext = ctx.sh.read_file(a.TemplateParameterFile)
        if ptext is None:
            raise PSError(f"Could not find file '{ctx.sh.abspath(a.TemplateParameterFile)}'.")
        params.update(iac.parameters_from_json(ptext))
    if a.TemplateParameterObject:
        params.update({to_str(k): v for k, v in a.TemplateParameterObject.items()})
    return text, params


@cmdlet("New-AzResourceGroupDeployment", [
    Param("ResourceGroupName", "string", "Specifies the name of the resource group to deploy the resources to.",
          mandatory=True),
    Param("TemplateFile", "string", "Local path to the template file (Bicep or ARM JSON)."),
    Param("TemplateParameterFile", "string", "A file that has the template parameters."),
    Param("TemplateParameterObject", "hashtable", "A hash table which represents the parameters."),
    Param("Name", "string", "The name of the deployment it's going to create.", aliases=("DeploymentName",)),
    Param("Mode", "string", "The deployment mode.", values=("Incremental", "Complete")),
    Param("WhatIf", "switch", "Run the what-if operation.", aliases=("wi",)),
    Param("Force", "switch", "Do not ask for confirmation."), PROFILE,
], "Adds an Azure deployment to a resource group.", module=MOD,
    examples=[("Deploy a Bicep file", "New-AzResourceGroupDeployment -ResourceGroupName rg-containers "
                                      "-TemplateFile main.bicep -acrName myacr")])
def new_deployment(ctx, a, items):
    dep, params = _deploy(ctx, a, a.ResourceGroupName, a.Mode or "Incremental", None)
    if dep is None:
        return None
    outputs = Hashtable({k: (v.get("value") if isinstance(v, dict) else v) for k, v in (dep.outputs or {}).items()})
    text = _outputs(dep)
    o = PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroupDeployment", {
        "DeploymentName": dep.name, "ResourceGroupName": a.ResourceGroupName,
        "ProvisioningState": dep.provisioning_state, "Timestamp": getattr(dep, "timestamp", None),
        "Mode": a.Mode or "Incremental", "TemplateLink": None, "Parameters": Hashtable(params),
        "Outputs": outputs, "OutputsString": text}, view="list",
        columns=["DeploymentName", "ResourceGroupName", "ProvisioningState", "Timestamp", "Mode", "TemplateLink",
                 "Parameters", "OutputsString"])
    return o


@cmdlet("New-AzDeployment", [
    Param("Location", "string", "The location to store deployment data.", mandatory=True),
    Param("TemplateFile", "string", "Local path to the template file (Bicep or ARM JSON).", mandatory=True),
    Param("TemplateParameterFile", "string", "A file that has the template parameters."),
    Param("TemplateParameterObject", "hashtable", "A hash table which represents the parameters."),
    Param("Name", "string", "The name of the deployment it's going to create. If not specified, defaults to the "
          "template file name when a template file is provided.", aliases=("DeploymentName",)),
    Param("DeploymentDebugLogLevel", "string", "The deployment debug log level.",
          values=("RequestContent", "ResponseContent", "All", "None")),
    Param("Tag", "hashtable", "The tags to put on the deployment."),
    Param("SkipTemplateParameterPrompt", "switch", "Skips the PowerShell dynamic parameter processing."),
    Param("WhatIf", "switch", "Run the what-if operation.", aliases=("wi",)), PROFILE,
], "Create a deployment at the current subscription scope.", module=MOD, aliases=("New-AzSubscriptionDeployment",),
    outputs="Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSDeployment",
    description="The New-AzDeployment cmdlet adds a deployment at the current subscription scope. This includes the "
                "resources that the deployment requires, such as resource groups.",
    examples=[("Deploy a Bicep file at subscription scope",
               "New-AzDeployment -Location brazilsouth -TemplateFile main.bicep")])
def new_sub_deployment(ctx, a, items):
    dep, params = _deploy(ctx, a, None, "Incremental", a.Location)
    if dep is None:
        return None
    outputs = Hashtable({k: (v.get("value") if isinstance(v, dict) else v) for k, v in (dep.outputs or {}).items()})
    text = _outputs(dep)
    return PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSDeployment", {
        "Id": dep.id, "DeploymentName": dep.name, "Location": dep.location or a.Location,
        "ProvisioningState": dep.provisioning_state, "Timestamp": getattr(dep, "timestamp", None),
        "Mode": "Incremental", "TemplateLink": None, "Parameters": Hashtable(params), "Outputs": outputs,
        "OutputsString": text, "OutputsText": text, "DeploymentDebugLogLevel": a.DeploymentDebugLogLevel,
        "Tags": a.Tag or Hashtable()}, view="list",
        columns=["Id", "DeploymentName", "Location", "ProvisioningState", "Timestamp", "Mode", "TemplateLink",
                 "Parameters", "Outputs", "DeploymentDebugLogLevel"])
