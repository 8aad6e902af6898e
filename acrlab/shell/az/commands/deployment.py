"""az deployment group create|validate|what-if|show|list|delete, az bicep build|version."""

from __future__ import annotations

import json

from .... import iac
from ....engine.errors import CliError
from ....iac.whatif import render as render_what_if
from ..framework import Arg, command, group

group("deployment", "Manage Azure Resource Manager template deployment at subscription scope.")
group("deployment group", "Manage Azure Resource Manager template deployment at resource group.")
group("bicep", "Bicep CLI command group.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")
TEMPLATE = Arg("template_file", "--template-file -f", "A path to a template file or Bicep file in the file system.")
TEMPLATE_URI = Arg("template_uri", "--template-uri -u", "A uri to a remote template file.")
PARAMS = Arg("parameters", "--parameters -p", "Supply deployment parameter values: a .bicepparam or JSON "
             "parameters file (optionally prefixed with @), a JSON string, or <KEY=VALUE> pairs.", kind="append")
NAME = Arg("name", "--name -n", "The deployment name. Default to template file base name.")
MODE = Arg("mode", "--mode", "The deployment mode.", choices=["Complete", "Incremental"], default="Incremental")
NO_PROMPT = Arg("no_prompt", "--no-prompt", "The option to disable the prompt of missing parameters for ARM "
                "template.", kind="bool", default=False)


def _read(ctx, path: str) -> str:
    text = ctx.sh.read_file(path)
    if text is None:
        raise CliError(f"[Errno 2] No such file or directory: '{path}'")
    return text


def _template(ctx, a) -> tuple[str, str]:
    if a.template_file and getattr(a, "template_uri", None):
        raise CliError("usage error: please provide one of --template-file | --template-uri | --template-spec")
    if getattr(a, "template_uri", None):  # the lab's public web (engine/public_web) serves the docs' templates
        from ....engine import public_web
        text = public_web.fetch(a.template_uri)
        if text is None:
            raise CliError("HTTP Error 404: Not Found")
        return text, a.template_uri.rsplit("/", 1)[-1]
    if not a.template_file:
        using = _bicepparam_file(ctx, a)
        if using is not None:  # `--parameters main.bicepparam` names its template with `using`
            return _read(ctx, using[0]), using[0]
        raise CliError("usage error: please provide one of --template-file | --template-uri | --template-spec")
    return _read(ctx, a.template_file), a.template_file


def _bicepparam_file(ctx, a):
    """(template path, values) of the .bicepparam file among --parameters, or None."""
    for group_items in a.parameters or []:
        for item in group_items:
            path = item[1:] if item.startswith("@") else item
            if path.lower().endswith(".bicepparam"):
                return _bicepparam(ctx, path)
    return None


def _compile(ctx, text: str, path: str) -> str:
    """Bicep files are compiled first; diagnostics print as `bicep build` prints them (warnings, then ERROR)."""
    try:
        if iac.is_bicep(path):
            result = iac.build(text, ctx.sh.read_file, ctx.sh.abspath(path))
            for w in result.warnings:
                ctx.warn(w.format(ctx.sh.abspath(path)))
            return result.json_text()
        return text
    except iac.BicepCompileError as e:
        for w in e.warnings:
            ctx.warn(w.format(ctx.sh.abspath(path)))
        raise CliError("\n".join(d.format(ctx.sh.abspath(path)) for d in e.errors)) from None


def _parameters(ctx, a, template_text: str) -> dict:
    try:
        declared = json.loads(template_text).get("parameters") or {}
    except json.JSONDecodeError:
        declared = {}
    values: dict = {}
    for group_items in a.parameters or []:
        for item in group_items:
            path = item[1:] if item.startswith("@") else item
            content = ctx.sh.read_file(path) if not item.lstrip().startswith("{") else None
            if content is not None and path.lower().endswith(".bicepparam"):
                values.update(_bicepparam(ctx, path)[1])
            elif content is not None:
                try:
                    values.update(iac.parameters_from_json(content))
                except (json.JSONDecodeError, AttributeError):
                    raise CliError(f"Failed to parse '{path}', please check whether it is a valid JSON format") from None
            elif item.lstrip().startswith("{"):
                try:
                    values.update(iac.parameters_from_json(item))
                except json.JSONDecodeError:
                    raise CliError(f"Unable to parse parameter: {item}") from None
            elif "=" in item:
                key, value = item.split("=", 1)
                if key not in declared:
                    raise CliError(f"unrecognized template parameter '{key}'. Allowed parameters: "
                                   f"{', '.join(sorted(declared))}")
                values[key] = _typed(value, iac.parameter_type(template_text, key))
            else:
                raise CliError(f"Unable to parse parameter: {item}")
    missing = [n for n, spec in declared.items() if "defaultValue" not in spec and values.get(n) is None]
    if missing and not a.no_prompt:
        raise CliError(f"Missing input parameters: {', '.join(sorted(missing))}")
    if missing:
        ctx.warn(f"Missing input parameters: {', '.join(sorted(missing))} ")
    return values


def _typed(value: str, ptype: str):
    if ptype in ("object", "array", "secureobject"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise CliError(f"Failed to parse JSON: {value}") from None
    if ptype == "bool":
        return value.lower() == "true"
    if ptype == "int":
        try:
            return int(value)
        except ValueError:
            raise CliError(f"invalid literal for int() with base 10: '{value}'") from None
    return value


def _bicepparam(ctx, path: str) -> tuple[str, dict]:
    """A .bicepparam file, evaluated and checked against the Bicep file its `using` names."""
    try:
        return iac.load_bicepparam(_read(ctx, path), ctx.sh.abspath(path), ctx.sh.read_file, dict(ctx.sh.env))
    except iac.BicepCompileError as e:
        raise CliError("\n".join(d.format(ctx.sh.abspath(path)) for d in e.errors)) from None


def _arm_error(e: iac.InvalidTemplate) -> CliError:
    err: dict = {"code": e.code, "message": e.message}
    if getattr(e, "line", 0):
        err["additionalInfo"] = [{"type": "TemplateViolation", "info": {"lineNumber": e.line,
                                                                         "linePosition": e.column, "path": ""}}]
    return CliError(json.dumps(err))


def _check_target_scope(arm_text: str, path: str, deployment_scope: str) -> None:
    """az's validate_bicep_target_scope: a compiled Bicep file must target the command's scope."""
    if not iac.is_bicep(path):
        return
    schema = str(json.loads(arm_text).get("$schema", "")).lower()
    target = "subscription" if "subscriptiondeploymenttemplate.json" in schema else "resourceGroup"
    if target != deployment_scope:
        raise CliError(f'The target scope "{target}" does not match the deployment scope "{deployment_scope}".')


def _run(ctx, a, fn, scope: str = "resourceGroup"):
    default = ctx.cloud.subscription
    if ctx.subscription is not default:  # the lab's limit, said plainly rather than deploying elsewhere
        raise CliError(f"acrlab deploys templates to the tenant's first subscription only ('{default.name}'); run "
                       f"`az account set -s {default.subscription_id}` first.")
    text, path = _template(ctx, a)
    arm_text = _compile(ctx, text, path)
    _check_target_scope(arm_text, path, scope)
    params = _parameters(ctx, a, arm_text)
    name = a.get("name") or iac.deployment_name(path)
    try:
        return fn(arm_text, params, name)
    except iac.InvalidTemplate as e:
        raise _arm_error(e) from None
    except iac.DeploymentFailed as e:
        raise CliError(json.dumps({"status": "Failed", "error": e.to_json()}, separators=(",", ":"))) from None


@command("deployment group create", "Start a deployment at resource group.", [
    RG, TEMPLATE, TEMPLATE_URI, PARAMS, NAME, MODE, NO_PROMPT,
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[
    ("Create a deployment at resource group from a local Bicep file, using parameters from the command line.",
     "az deployment group create -g rg-containers --template-file main.bicep --parameters acrName=myacr"),
    ("Create a deployment from an ARM template with a parameters file.",
     "az deployment group create -g rg-containers -f azuredeploy.json -p @azuredeploy.parameters.json"),
])
def deployment_create(ctx, a):

    def go(text, params, name):
        dep = iac.deploy(ctx.cloud, ctx.principal, a.resource_group, text, params, name, "main.json", a.mode)
        return None if a.no_wait else dep.to_json()
    return _run(ctx, a, go)


@command("group deployment create", "Start a deployment.", [
    RG, TEMPLATE, TEMPLATE_URI, PARAMS, NAME, MODE, NO_PROMPT,
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[("Create a deployment from a local template file, using parameters from a local JSON file.",
              "az group deployment create -g MyResourceGroup --template-file azuredeploy.json --parameters "
              "@params.json")])
def group_deployment_create(ctx, a):
    """The command group `group deployment` is deprecated (hidden) with redirect 'deployment group' (azure-cli
    resource/commands.py); azure-cli's own scenario tests still deploy with it (acr test_acr_taskrun_commands.py)."""
    ctx.warn("This command group has been deprecated and will be removed in a future release. Use "
             "'deployment group' instead.")
    return deployment_create(ctx, a)


@command("deployment group validate", "Validate whether a template is valid at resource group.", [
    RG, TEMPLATE, TEMPLATE_URI, PARAMS, NAME, MODE, NO_PROMPT,
], examples=[("Validate a Bicep file.", "az deployment group validate -g rg-containers -f main.bicep")])
def deployment_validate(ctx, a):
    return _run(ctx, a, lambda text, params, name: iac.validate(ctx.cloud, ctx.principal, a.resource_group, text,
                                                                 params, name, "main.json", a.mode))


@command("deployment group what-if", "Execute a deployment What-If operation at resource group scope.", [
    RG, TEMPLATE, TEMPLATE_URI, PARAMS, NAME, MODE, NO_PROMPT,
    Arg("no_pretty_print", "--no-pretty-print", "Disable pretty-print for What-If results. When set, the output "
        "format type will be used.", kind="flag"),
], examples=[("Preview the changes a Bicep file would make.", "az deployment group what-if -g rg-containers -f main.bicep")])
def deployment_what_if(ctx, a):
    result = _run(ctx, a, lambda text, params, name: iac.what_if(ctx.cloud, ctx.principal, a.resource_group, text,
                                                                  params, name, "main.json", a.mode))
    if a.no_pretty_print:
        return result
    ctx.io.out(render_what_if(result), end="")
    return None


def _table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"Name": d["name"], "State": d["properties"]["provisioningState"],
             "Timestamp": d["properties"]["timestamp"], "Mode": d["properties"]["mode"],
             "ResourceGroup": d["resourceGroup"]} for d in rows]


@command("deployment group show", "Get the details of a deployment at resource group.", [
    RG, Arg("name", "--name -n", "The deployment name.", required=True),
], table=_table)
def deployment_show(ctx, a):
    return iac.find(ctx.cloud, ctx.principal, a.resource_group, a.name).to_json()


@command("deployment group list", "List deployments at resource group.", [
    RG, Arg("filter", "--filter", "Filter expression using OData notation."),
], table=_table)
def deployment_list(ctx, a):
    return [d.to_json() for d in iac.list_deployments(ctx.cloud, ctx.principal, a.resource_group)]


@command("deployment group delete", "Delete a deployment at resource group.", [
    RG, Arg("name", "--name -n", "The deployment name.", required=True),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
])
def deployment_delete(ctx, a):
    iac.delete_deployment(ctx.cloud, ctx.principal, a.resource_group, a.name)
    return None


@command("bicep build", "Build a Bicep file.", [
    Arg("file", "--file -f", "The path to the Bicep file to build in the file system.", required=True),
    Arg("stdout", "--stdout", "When set, prints all output to stdout instead of corresponding files.", kind="flag"),
    Arg("outfile", "--outfile", "The output file path."),
    Arg("outdir", "--outdir", "The output directory path."),
    Arg("no_restore", "--no-restore", "When set, builds the bicep file without restoring external modules.",
        kind="flag"),
], examples=[("Build a Bicep file.", "az bicep build --file main.bicep"),
             ("Build a Bicep file and print all output to stdout.", "az bicep build --file main.bicep --stdout")])
def bicep_build(ctx, a):
    text = _read(ctx, a.file)
    json_text = _compile(ctx, text, a.file)
    if a.stdout:
        ctx.io.out(json_text, end="")
        return None
    if a.outfile:
        target = a.outfile
    else:
        base = a.file.rsplit(".", 1)[0] + ".json"
        target = f"{a.outdir.rstrip('/')}/{base.rsplit('/', 1)[-1]}" if a.outdir else base
    ctx.sh.write_file(target, json_text)
    return None


@command("bicep version", "Show the installed version of Bicep CLI.", [])
def bicep_version(ctx, a):
    ctx.io.out(iac.version_text())
    return None


# -- subscription scope -------------------------------------------------------------------------------------
group("deployment sub", "Manage Azure Resource Manager template deployment at subscription scope.")
LOCATION = Arg("location", "--location -l", "The location to store the deployment metadata.", required=True)


def _sub_table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"Name": d["name"], "State": d["properties"]["provisioningState"],
             "Timestamp": d["properties"]["timestamp"], "Mode": d["properties"]["mode"],
             "Location": d.get("location")} for d in rows]


@command("deployment sub create", "Start a deployment at subscription scope.", [
    LOCATION, TEMPLATE, PARAMS, NAME, NO_PROMPT,
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[
    ("Create a deployment at subscription scope from a Bicep file.",
     "az deployment sub create --location brazilsouth --template-file main.bicep"),
])
def deployment_sub_create(ctx, a):

    def go(text, params, name):
        dep = iac.deploy(ctx.cloud, ctx.principal, None, text, params, name, "main.json", "Incremental", a.location)
        return None if a.no_wait else dep.to_json()
    return _run(ctx, a, go, "subscription")


@command("deployment sub validate", "Validate whether a template is valid at subscription scope.", [
    LOCATION, TEMPLATE, PARAMS, NAME, NO_PROMPT,
], examples=[("Validate a Bicep file at subscription scope.", "az deployment sub validate -l brazilsouth -f main.bicep")])
def deployment_sub_validate(ctx, a):
    return _run(ctx, a, lambda text, params, name: iac.validate(ctx.cloud, ctx.principal, None, text, params, name,
                                                                 "main.json", "Incremental", a.location),
                "subscription")


@command("deployment sub what-if", "Execute a deployment What-If operation at subscription scope.", [
    LOCATION, TEMPLATE, PARAMS, NAME, NO_PROMPT,
    Arg("no_pretty_print", "--no-pretty-print", "Disable pretty-print for What-If results. When set, the output "
        "format type will be used.", kind="flag"),
], examples=[("Preview a subscription deployment.", "az deployment sub what-if -l brazilsouth -f main.bicep")])
def deployment_sub_what_if(ctx, a):
    result = _run(ctx, a, lambda text, params, name: iac.what_if(ctx.cloud, ctx.principal, None, text, params, name,
                                                                  "main.json", "Incremental", a.location),
                  "subscription")
    if a.no_pretty_print:
        return result
    ctx.io.out(render_what_if(result), end="")
    return None


@command("deployment sub show", "Show a deployment at subscription scope.", [
    Arg("name", "--name -n", "The deployment name.", required=True),
], table=_sub_table)
def deployment_sub_show(ctx, a):
    return iac.find(ctx.cloud, ctx.principal, None, a.name).to_json()


@command("deployment sub list", "List deployments at subscription scope.", [
    Arg("filter", "--filter", "Filter expression using OData notation."),
], table=_sub_table)
def deployment_sub_list(ctx, a):
    return [d.to_json() for d in iac.list_deployments(ctx.cloud, ctx.principal, None)]


@command("deployment sub delete", "Delete a deployment at subscription scope.", [
    Arg("name", "--name -n", "The deployment name.", required=True),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
])
def deployment_sub_delete(ctx, a):
    iac.delete_deployment(ctx.cloud, ctx.principal, None, a.name)
    return None


group("deployment operation", "Manage deployment operations.")
group("deployment operation group", "Manage deployment operations at resource group.")


def _operations_table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"OperationId": o["operationId"], "ProvisioningState": o["properties"]["provisioningState"],
             "StatusCode": o["properties"]["statusCode"],
             "ResourceType": o["properties"]["targetResource"].get("resourceType"),
             "ResourceName": o["properties"]["targetResource"].get("resourceName")} for o in rows]


@command("deployment operation group list", "List deployment operations at resource group.", [
    RG, Arg("name", "--name -n", "The deployment name.", required=True),
], examples=[("List deployment operations at resource group.",
              "az deployment operation group list -g testrg --name mydeployment")])
def deployment_operations(ctx, a):
    return list(reversed(iac.find(ctx.cloud, ctx.principal, a.resource_group, a.name).operations))


@command("deployment operation group show", "Show a deployment operation at resource group.", [
    RG, Arg("name", "--name -n", "The deployment name.", required=True),
    Arg("operation_ids", "--operation-ids", "A list of operation ids to show.", kind="list", required=True),
])
def deployment_operation_show(ctx, a):
    ops = {o["operationId"]: o for o in iac.find(ctx.cloud, ctx.principal, a.resource_group, a.name).operations}
    missing = [i for i in a.operation_ids if i not in ops]
    if missing:
        from ....engine.errors import ResourceNotFound

        raise ResourceNotFound(f"Deployment operation '{missing[0]}' could not be found.", code="NotFound")
    found = [ops[i] for i in a.operation_ids]
    return found[0] if len(found) == 1 else found
