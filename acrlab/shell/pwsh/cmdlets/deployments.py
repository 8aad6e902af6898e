"""Az.Resources: New-AzResourceGroupDeployment and New-AzDeployment (subscription scope), Bicep or ARM JSON,
through the iac deployment API."""

from __future__ import annotations

from ...az.commands.run import ensure_yaml
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
    try:
        from .... import iac
    except ImportError:
        raise PSError("Template deployments are not available in this lab yet.") from None
    text, params = _template(ctx, a, iac)
    caller = ctx.principal
    name = a.Name or iac.deployment_name(a.TemplateFile)
    try:
        # Compile here so Bicep modules resolve against the lab's files, as `az deployment group create` does.
        text = iac.compile_source(text, ctx.sh.abspath(a.TemplateFile), ctx.sh.read_file)
        if a.WhatIf:
            result = iac.what_if(ctx.cloud, caller, a.ResourceGroupName, text, params, name, "main.json")
            ctx.host(_what_if_text(result))
            return None
        ensure_yaml(ctx.cloud)  # tasks the template declares run their YAML as for az
        dep = iac.deploy(ctx.cloud, caller, a.ResourceGroupName, text, params, name, "main.json",
                         a.Mode or "Incremental")
    except Exception as e:  # BicepCompileError, InvalidTemplate, DeploymentFailed, AzureError all carry a message
        raise PSError(getattr(e, "message", None) or str(e)) from None
    outputs = Hashtable({k: (v.get("value") if isinstance(v, dict) else v) for k, v in (dep.outputs or {}).items()})
    o = PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroupDeployment", {
        "DeploymentName": dep.name, "ResourceGroupName": a.ResourceGroupName,
        "ProvisioningState": dep.provisioning_state, "Timestamp": getattr(dep, "timestamp", None),
        "Mode": a.Mode or "Incremental", "TemplateLink": None, "Parameters": Hashtable(params),
        "Outputs": outputs, "OutputsString": _outputs(dep)}, view="list",
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
    try:
        from .... import iac
    except ImportError:
        raise PSError("Template deployments are not available in this lab yet.") from None
    text, params = _template(ctx, a, iac)
    caller = ctx.principal
    name = a.Name or iac.deployment_name(a.TemplateFile)
    try:
        text = iac.compile_source(text, ctx.sh.abspath(a.TemplateFile), ctx.sh.read_file)
        if a.WhatIf:
            result = iac.what_if(ctx.cloud, caller, None, text, params, name, "main.json", "Incremental", a.Location)
            ctx.host(_what_if_text(result))
            return None
        ensure_yaml(ctx.cloud)
        dep = iac.deploy(ctx.cloud, caller, None, text, params, name, "main.json", "Incremental", a.Location)
    except Exception as e:  # BicepCompileError, InvalidTemplate, DeploymentFailed, AzureError all carry a message
        raise PSError(getattr(e, "message", None) or str(e)) from None
    outputs = Hashtable({k: (v.get("value") if isinstance(v, dict) else v) for k, v in (dep.outputs or {}).items()})
    return PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSDeployment", {
        "Id": dep.id, "DeploymentName": dep.name, "Location": dep.location or a.Location,
        "ProvisioningState": dep.provisioning_state, "Timestamp": getattr(dep, "timestamp", None),
        "Mode": "Incremental", "TemplateLink": None, "Parameters": Hashtable(params), "Outputs": outputs,
        "OutputsString": _outputs(dep), "OutputsText": _outputs(dep), "DeploymentDebugLogLevel": a.DeploymentDebugLogLevel,
        "Tags": a.Tag or Hashtable()}, view="list",
        columns=["Id", "DeploymentName", "Location", "ProvisioningState", "Timestamp", "Mode", "TemplateLink",
                 "Parameters", "Outputs", "DeploymentDebugLogLevel"])
