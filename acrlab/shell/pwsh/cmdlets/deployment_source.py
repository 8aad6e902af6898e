"""What the Az.Resources deployment cmdlets deploy: the template (-TemplateFile Bicep/JSON, -TemplateObject, or the
template a .bicepparam file's `using` names), its parameter values (-TemplateParameterFile JSON or .bicepparam,
-TemplateParameterObject, then the template parameters that become dynamic parameters of the cmdlet, which win),
and the deployment objects they print (ParametersString/OutputsString tables as Azure PowerShell builds them)."""

from __future__ import annotations

import dataclasses
import json

from .... import iac
from ..values import Hashtable, PSCredential, PSError, PSObject, SecureString, to_str
from .base import Param, find_param

SOURCES = ("TemplateFile", "TemplateObject", "TemplateParameterFile", "TemplateParameterObject", "TemplateUri",
           "TemplateSpecId", "TemplateParameterUri", "SkipTemplateParameterPrompt")
DYN_TYPES = {"string": "string", "securestring": "securestring", "int": "int", "bool": "bool", "object": "hashtable",
             "secureobject": "hashtable", "array": "objects"}


def plain(v):
    """A PowerShell value as ARM JSON: hashtables and objects become objects, SecureStrings their text."""
    if isinstance(v, SecureString):
        return v.reveal()
    if isinstance(v, Hashtable):
        return {to_str(k): plain(x) for k, x in v.items()}
    if isinstance(v, PSObject):
        return {k: plain(x) for k, x in v.props.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, PSCredential):
        return v.username
    return v


# -- dynamic parameters --------------------------------------------------------------------------------
def _given(interp, cmd) -> dict:
    """The values of the template-source parameters on the command line (or in a splatted hashtable)."""
    out: dict = {}
    args = cmd.args
    for i, a in enumerate(args):
        if a.kind == "param":
            name = _source_name(a.name)
            if name is None:
                continue
            if name == "SkipTemplateParameterPrompt":
                out[name] = True
                continue
            node = a.value if a.colon else (args[i + 1].value if i + 1 < len(args) and args[i + 1].kind == "value"
                                            else None)
            if node is not None:
                out[name] = interp.expr(node)
        elif a.kind == "splat":
            v = interp.get_var(a.name)
            if isinstance(v, Hashtable):
                for k, x in v.items():
                    name = _source_name(to_str(k))
                    if name is not None:
                        out[name] = x
    return out


def _source_name(given: str) -> str | None:
    low = given.lower()
    exact = [s for s in SOURCES if s.lower() == low]
    if exact:
        return exact[0]
    matches = [s for s in SOURCES if s.lower().startswith(low)]
    return matches[0] if len(matches) == 1 and len(low) > len("Template") else None


def with_template_parameters(c, interp, cmd):
    """The cmdlet with one dynamic parameter per template parameter (a clash with a static name gets the suffix
    'FromTemplate'); mandatory when the template has no default and neither the file nor the object gives one."""
    given = _given(interp, cmd)
    try:
        arm, supplied = _template_and_values(interp.sh, given)
    except (PSError, iac.BicepCompileError, ValueError):
        return c  # the cmdlet itself reports the problem with its own text
    declared = json.loads(arm).get("parameters") or {}
    static = {p.name.lower() for p in c.all_params()} | {a.lower() for p in c.all_params() for a in p.aliases}
    dyn = []
    for name, spec in declared.items():
        ptype = iac.parameter_type(arm, name)
        pname = name + "FromTemplate" if name.lower() in static else name
        needed = "defaultValue" not in spec and name not in supplied and not spec.get("nullable") and \
            not given.get("SkipTemplateParameterPrompt")
        dyn.append(Param(pname, DYN_TYPES.get(ptype, "object"), str((spec.get("metadata") or {}).get("description", "")),
                         mandatory=needed, values=tuple(str(v) for v in spec.get("allowedValues") or ()
                                                        if isinstance(v, str)), dynamic=name))
    return dataclasses.replace(c, params=c.params + dyn, dynamic=None)


# -- template and values ---------------------------------------------------------------------------------
def _template_and_values(sh, given: dict) -> tuple[str, dict]:
    """(ARM template JSON text, parameter values from the parameter file and object)."""
    for unsupported in ("TemplateUri", "TemplateSpecId", "TemplateParameterUri"):
        if given.get(unsupported) is not None:
            raise PSError(f"-{unsupported} needs the internet, which the lab does not have: save the file and pass "
                          "it with -TemplateFile / -TemplateParameterFile instead.")
    values: dict = {}
    template_path = given.get("TemplateFile")
    pfile = given.get("TemplateParameterFile")
    if pfile is not None:
        path = to_str(pfile)
        text = sh.read_file(path)
        if text is None:
            raise PSError(f"Could not find file '{sh.abspath(path)}'.")
        if path.lower().endswith(".bicepparam"):
            using, vals = iac.load_bicepparam(text, sh.abspath(path), sh.read_file, dict(sh.env))
            template_path = template_path or using
            values.update(vals)
        else:
            try:
                values.update(iac.parameters_from_json(text))
            except (ValueError, AttributeError):
                raise PSError(f"The parameter file '{sh.abspath(path)}' is not valid JSON.") from None
    if given.get("TemplateParameterObject") is not None:
        obj = given["TemplateParameterObject"]
        if not isinstance(obj, Hashtable):
            raise PSError("Cannot bind parameter 'TemplateParameterObject'. Cannot convert the value to type "
                          "\"System.Collections.Hashtable\".")
        values.update({to_str(k): plain(v) for k, v in obj.items()})
    if given.get("TemplateObject") is not None:
        return json.dumps(plain(given["TemplateObject"])), values
    if template_path is None:
        raise PSError("Cannot process command because of one or more missing mandatory parameters: TemplateFile.")
    path = to_str(template_path)
    text = sh.read_file(path)
    if text is None:
        raise PSError(f"Cannot retrieve the dynamic parameters for the cmdlet. Could not find file "
                      f"'{sh.abspath(path)}'.")
    return iac.compile_source(text, sh.abspath(path), sh.read_file), values


def request(ctx, a) -> tuple[str, dict, str]:
    """(ARM template text, the values to send, default deployment name) for one cmdlet call."""
    given = {s: a.get(s) for s in SOURCES if a.has(s)}
    try:
        arm, values = _template_and_values(ctx.sh, given)
    except iac.BicepCompileError as e:
        raise PSError("\n".join(d.format(ctx.sh.abspath(to_str(given.get("TemplateFile") or "main.bicep")))
                                for d in e.errors)) from None
    for p in getattr(ctx, "cmdlet", None).params if getattr(ctx, "cmdlet", None) else []:
        if p.dynamic and a.has(p.name):
            values[p.dynamic] = plain(a.get(p.name))
    source = given.get("TemplateFile") or given.get("TemplateParameterFile") or "template.json"
    name = iac.deployment_name(to_str(source)) if given.get("TemplateObject") is None else "deployment"
    return arm, values, name


# -- output ---------------------------------------------------------------------------------------------
def variable_table(variables: dict) -> str:
    """Azure PowerShell's ConstructDeploymentVariableTable: `{0,-15}  {1,-25}  {2,-10}` rows under `=` rules."""
    if not variables:
        return ""
    rows = ["", _row("Name", "Type", "Value"), _row("=" * 15, "=" * 25, "=" * 10)]
    for name, v in variables.items():
        value = v.get("value") if isinstance(v, dict) else v
        shown = json.dumps(value, indent=2) if isinstance(value, (dict, list)) else \
            ("True" if value is True else "False" if value is False else to_str(value))
        rows.append(_row(name, str(v.get("type", "String")) if isinstance(v, dict) else "String", shown))
    return "\n".join(rows) + "\n"


def _row(a: str, b: str, c: str) -> str:
    return f"{a:<15}  {b:<25}  {c:<10}".rstrip()


def _token(value):
    """A JSON value as the DeploymentVariable's Value (a JToken): objects are dictionaries (`$v.Value.env`)."""
    if isinstance(value, dict):
        return Hashtable({k: _token(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_token(v) for v in value]
    return value


def _variables(values: dict | None) -> Hashtable:
    """Dictionary<string, DeploymentVariable> (Type, Value): a deployment's Parameters and Outputs. An object or
    array value prints as JToken.ToString() does: indented JSON."""
    out = Hashtable()
    for k, v in (values or {}).items():
        value = v.get("value")
        shown = json.dumps(value, indent=2) if isinstance(value, (dict, list)) else to_str(value)
        out[k] = PSObject("Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.DeploymentVariable",
                          {"Type": v.get("type"), "Value": _token(value)}, to_string=shown)
    return out


def outputs_hashtable(dep) -> Hashtable:
    return _variables(dep.outputs)


def parameters_hashtable(dep) -> Hashtable:
    return _variables(param_variables(dep))


def param_variables(dep) -> dict:
    return {k: ({"type": v.get("type"), "value": v.get("value", "")}) for k, v in (dep.parameters or {}).items()}


__all__ = ["find_param", "plain", "request", "variable_table", "with_template_parameters"]
