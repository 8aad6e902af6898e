"""Bicep `module` declarations and target scopes: module paths resolved relative to the declaring file through a
loader (the lab's virtual file system), child files compiled (Bicep) or read (ARM JSON), scope checks
(BCP134/BCP135), and the emitted nested deployment (`Microsoft.Resources/deployments`, inner evaluation scope),
as `bicep build` writes it."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from . import bicep_ast as A
from .bicep_symbols import Analysis, resource_object
from .diagnostics import BicepCompileError, error, quoted

DEPLOYMENTS_API = "2022-09-01"
SUB_MARK = "subscriptionDeploymentTemplate.json"
Loader = Callable[[str], "str | None"]
SUBSCRIPTION_ONLY = {"microsoft.resources/resourcegroups", "microsoft.security/pricings"}
ANY_SCOPE = {"microsoft.authorization/roleassignments", "microsoft.resources/deployments"}
INVALID_CHARS = '<>:"|?*'


@dataclass
class ModuleInfo:
    decl: A.ModuleDecl
    template: dict
    target_scope: str  # resourceGroup | subscription


def target_scope(program: A.Program) -> str:
    for s in program.statements:
        if isinstance(s, A.TargetScope) and isinstance(s.value, A.Literal) and isinstance(s.value.value, str):
            return s.value.value
    return "resourceGroup"


def scope_of_template(template: dict) -> str:
    return "subscription" if SUB_MARK.lower() in str(template.get("$schema", "")).lower() else "resourceGroup"


def _props(decl) -> dict:
    obj = resource_object(decl)
    return {p.key: p for p in (obj.props if obj else []) if isinstance(p, A.Prop)}


def check(program: A.Program, an: Analysis, loader: Loader | None, path: str, depth: int = 0) -> None:
    """Resolve and compile every module; append diagnostics; check resource scopes against targetScope."""
    scope = target_scope(program)
    for r in an.resources:
        t = (r.type_string or "").partition("@")[0].lower()
        if r.parent_decl is not None or r.existing or "scope" in _props(r) or not t or t in ANY_SCOPE:
            continue
        permitted = "subscription" if t in SUBSCRIPTION_ONLY else "resourceGroup"
        if scope != permitted:
            an.diagnostics.append(error("BCP135", f'Scope "{scope}" is not valid for this resource type. Permitted '
                                        f'scopes: "{permitted}".', r.body.line, r.body.col))
    for s in program.statements:
        if isinstance(s, A.ModuleDecl):
            info = _load(s, an, loader, path, depth)
            if info is not None:
                an.modules[id(s)] = info
                _check_module(s, info, scope, an)


def _load(m: A.ModuleDecl, an: Analysis, loader: Loader | None, path: str, depth: int) -> ModuleInfo | None:
    def fail(code: str, message: str) -> None:
        an.diagnostics.append(error(code, message, m.path_line, m.path_col))

    rel = m.path
    if rel is None:
        return fail("BCP092", "String interpolation is not supported in file paths.")
    if not rel.strip():
        return fail("BCP050", "The specified path is empty.")
    if "\\" in rel:
        return fail("BCP098", 'The specified file path contains a "\\" character. Use "/" instead as the directory '
                              'separator character.')
    if rel.startswith("/"):
        return fail("BCP051", 'The specified path begins with "/". Files must be referenced using relative paths.')
    if any(c in rel for c in INVALID_CHARS):
        return fail("BCP085", "The specified file path contains one or more invalid path characters. The following "
                              f"are not permitted: {quoted(list(INVALID_CHARS))}.")
    if rel.endswith((" ", ".")):
        return fail("BCP086", 'The specified file path ends with an invalid character. The following are not '
                              'permitted: " ", ".".')
    full = posixpath.normpath(posixpath.join(posixpath.dirname(path) or ".", rel))
    if full == posixpath.normpath(path) or depth > 20:
        return fail("BCP094", "This module references itself, which is not allowed.")
    text = loader(full) if loader is not None else None
    if text is None:
        return fail("BCP091", f"An error occurred reading file. Could not find file '{full}'.")
    if full.lower().endswith(".bicep"):
        from .bicep import build
        try:
            template = build(text, loader, full, depth + 1).template
        except BicepCompileError:
            return fail("BCP104", "The referenced module has errors.")
    else:
        try:
            template = json.loads(text)
            if not isinstance(template, dict) or "resources" not in template:
                raise ValueError
        except ValueError:
            return fail("BCP188", "The referenced ARM template has errors. Please see https://aka.ms/arm-template "
                                  "for information on how to diagnose and fix the template.")
    return ModuleInfo(m, template, scope_of_template(template))


def _check_module(m: A.ModuleDecl, info: ModuleInfo, file_scope: str, an: Analysis) -> None:
    props = _props(m)
    if "name" not in props:
        an.diagnostics.append(error("BCP035", 'The specified "module" declaration is missing the following required '
                                              'properties: "name".', m.name_line, m.name_col))
    scope_node = props["scope"].value if "scope" in props else None
    deploy_scope = _scope_kind(scope_node, an) if scope_node is not None else file_scope
    if deploy_scope is not None and deploy_scope != info.target_scope:
        at = scope_node or m.body
        an.diagnostics.append(error("BCP134",
                                    f'Scope "{deploy_scope}" is not valid for this module. Permitted scopes: '
                                    f'"{info.target_scope}".', at.line, at.col))
    declared = info.template.get("parameters") or {}
    given = props.get("params")
    names = [p.key for p in given.value.props if isinstance(p, A.Prop)] \
        if given is not None and isinstance(given.value, A.ObjectExpr) else []
    missing = [n for n, spec in declared.items() if "defaultValue" not in spec and n not in names]
    if missing and given is None:
        an.diagnostics.append(error("BCP035", 'The specified "module" declaration is missing the following required '
                                              'properties: "params".', m.name_line, m.name_col))
    elif missing:
        an.diagnostics.append(error("BCP035", 'The specified "object" declaration is missing the following '
                                              f'required properties: {quoted(missing)}.', given.line, given.col))
    for p in given.value.props if given is not None and isinstance(given.value, A.ObjectExpr) else []:
        if isinstance(p, A.Prop) and p.key not in declared:
            an.diagnostics.append(error("BCP037", f'The property "{p.key}" is not allowed on objects of type '
                                        f'"params". Permitted properties include {quoted(sorted(declared))}.',
                                        p.line, p.col))


def _scope_kind(node, an: Analysis) -> str | None:
    if isinstance(node, A.Call) and node.target is None:
        return {"resourceGroup": "resourceGroup", "subscription": "subscription"}.get(node.name)
    if isinstance(node, A.Ident):
        sym = an.symbols.get(node.name)
        if sym is not None and sym.kind == "resource" and \
                (sym.decl.type_string or "").lower().startswith("microsoft.resources/resourcegroups@"):
            return "resourceGroup"
    return None


# -- emitting ---------------------------------------------------------------------------------------
def module_name(em, m: A.ModuleDecl) -> str:
    node = _props(m).get("name")
    return em.expr(node.value) if node is not None else "''"


def _rg_name(em, m: A.ModuleDecl) -> str | None:
    """The ARM expression naming the target resource group, or None for the deploying scope."""
    node = _props(m).get("scope")
    node = node.value if node is not None else None
    if isinstance(node, A.Call) and node.target is None and node.name == "resourceGroup" and node.args:
        return em.expr(node.args[-1])
    if isinstance(node, A.Ident):
        sym = em.an.symbols.get(node.name)
        if sym is not None and sym.kind == "resource":
            return em.own_name(em.res[id(sym.decl)])
    return None


def module_id(em, m: A.ModuleDecl) -> str:
    name, rg = module_name(em, m), _rg_name(em, m)
    if rg is not None:
        return (f"extensionResourceId(format('/subscriptions/{{0}}/resourceGroups/{{1}}', "
                f"subscription().subscriptionId, {rg}), 'Microsoft.Resources/deployments', {name})")
    fn = "subscriptionResourceId" if em.target == "subscription" else "resourceId"
    return f"{fn}('Microsoft.Resources/deployments', {name})"


def module_member(em, node: A.Member) -> str | None:
    """`m.outputs.x`, `m.name`, `m.outputs` for a module symbol (None when node is not about a module)."""
    target = node.target
    if isinstance(target, A.Member) and target.name == "outputs" and isinstance(target.target, A.Index) and \
            isinstance(target.target.target, A.Ident):
        sym = em.an.symbols.get(target.target.target.name)
        if sym is not None and sym.kind == "module":  # regs[i].outputs.x: the i-th deployment of a module loop
            with em.item_of(sym.decl, target.target.index):
                return f"reference({module_id(em, sym.decl)}, '{DEPLOYMENTS_API}').outputs.{node.name}.value"
    if isinstance(target, A.Member) and isinstance(target.target, A.Ident) and target.name == "outputs":
        sym = em.an.symbols.get(target.target.name)
        if sym is not None and sym.kind == "module":
            return f"reference({module_id(em, sym.decl)}, '{DEPLOYMENTS_API}').outputs.{node.name}.value"
    if isinstance(target, A.Ident):
        sym = em.an.symbols.get(target.name)
        if sym is not None and sym.kind == "module":
            if node.name == "name":
                return module_name(em, sym.decl)
            return f"reference({module_id(em, sym.decl)}, '{DEPLOYMENTS_API}').{node.name}"
    return None


def emit(em, m: A.ModuleDecl) -> dict:
    info: ModuleInfo = em.an.modules[id(m)]
    props = _props(m)
    out: dict = {}
    saved = dict(em.loop)
    body = em.open_loop(m.body, m.name, out)  # a module loop: one nested deployment per item
    if isinstance(body, A.IfBody):
        out["condition"] = f"[{em.expr(body.condition)}]"
    out.update({"type": "Microsoft.Resources/deployments", "apiVersion": DEPLOYMENTS_API})
    out["name"] = em.json_expr(module_name(em, m))
    rg = _rg_name(em, m)
    if rg is not None:
        out["resourceGroup"] = em.json_expr(rg)
    given = props.get("params")
    params = {p.key: {"value": em.value(p.value)} for p in given.value.props if isinstance(p, A.Prop)} \
        if given is not None and isinstance(given.value, A.ObjectExpr) else {}
    out["properties"] = {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                         "parameters": params, "template": info.template}
    deps = em.dependencies(m, None, list(props.values()))
    if deps:
        out["dependsOn"] = deps
    em.loop = saved
    return out
