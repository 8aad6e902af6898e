"""Runs parsed PowerShell: variables, expressions, pipelines, cmdlets and native programs (az, docker, ...)."""

from __future__ import annotations

import re

from . import ast as A
from .cmdlets import find
from .cmdlets.base import MISSING, bind, pipeline_bindings
from .interp_expr import Expressions, _unwrap
from .interp_stmt import NATIVE, NOT_RECOGNIZED, Statements
from .operators import binary
from .values import (
    Hashtable,
    ParseError,
    PSError,
    PSObject,
    ScriptBlock,
    Switch,
    as_list,
    to_bool,
    to_str,
)

COMPOUND = (A.If, A.Foreach, A.While, A.DoLoop, A.For, A.Switch, A.Try)


class ExitScript(Exception):
    def __init__(self, code: int):
        self.code = code


class Flow(Exception):
    def __init__(self, kind: str, value=None):
        self.kind = kind
        self.value = value
        self.output: list = []
        """What the blocks it left had already written (output streams: it is not lost)."""


class Args:
    """Bound parameters: `a.Name` (None when not given), `a.has('Name')`."""

    def __init__(self, values: dict, set_name: str):
        self._values = values
        self.set_name = set_name

    def __getattr__(self, name: str):
        v = self._values.get(name)
        return bool(v) if isinstance(v, Switch) else v

    def has(self, name: str) -> bool:
        return name in self._values

    def get(self, name: str, default=None):
        v = self._values.get(name, default)
        return bool(v) if isinstance(v, Switch) else v


class Ctx:
    """What a cmdlet sees: the session, the engine, the signed-in principal, output helpers."""

    def __init__(self, interp: Interp, name: str):
        self.interp = interp
        self.sh = interp.sh
        self.cloud = interp.sh.cloud
        self.io = interp.io
        self.name = name

    @property
    def principal(self):
        from .cmdlets.accounts import current_principal
        return current_principal(self)

    def require_login(self) -> None:
        """Fail as the Az modules do when no context is signed in."""
        self.principal  # noqa: B018 (the property raises when signed out)

    def host(self, text: str) -> None:
        self.interp.flush_host(text)

    def warn(self, text: str) -> None:
        if to_str(self.interp.get_var("WarningPreference")).lower() not in ("silentlycontinue", "ignore"):
            self.interp.flush_host(f"WARNING: {text}")

    def run_block(self, block: ScriptBlock, item=None, args: list | None = None) -> list:
        return self.interp.invoke_block(block, item)


class Interp(Statements, Expressions):
    def __init__(self, sh, io):
        self.sh = sh
        self.io = io
        st = sh.state.setdefault("pwsh", {})
        self.vars: dict = st.setdefault("vars", {})
        self.errors: list = st.setdefault("errors", [])
        self.functions: dict = st.setdefault("functions", {})
        self.scopes: list[dict] = []
        """Function scopes, innermost last; variables outside any function live in self.vars (global)."""
        self.success = True
        self.host_out: list[str] = []

    # -- variables ------------------------------------------------------------------------------
    def get_var(self, name: str):
        low = name.lower()
        if low.startswith("env:"):
            return self.sh.env.get(name[4:])
        for prefix in ("global:", "script:", "local:", "private:"):
            if low.startswith(prefix):
                low = low[len(prefix):]
        fixed = {"true": True, "false": False, "null": None, "?": self.success}
        if low in fixed:
            return fixed[low]
        if low == "psitem":
            low = "_"
        for scope in reversed(self.scopes):
            if low in scope:
                return scope[low]
        if low in self.vars:
            return self.vars[low]
        defaults = {"home": "/home/learner", "pwd": self.sh.host.cwd, "erroractionpreference": "Continue",
                    "warningpreference": "Continue", "error": self.errors, "lastexitcode": None,
                    "psversiontable": Hashtable(PSVersion="7.4.6", PSEdition="Core", OS="Linux", Platform="Unix"),
                    "host": PSObject("System.Management.Automation.Internal.Host.InternalHost",
                                     {"Name": "ConsoleHost", "Version": "7.4.6"})}
        return defaults.get(low)

    def set_var(self, name: str, value) -> None:
        low = name.lower()
        if low.startswith("env:"):
            self.sh.env[name[4:]] = to_str(value)
            return
        target = self.scopes[-1] if self.scopes else self.vars
        for prefix in ("global:", "script:", "local:", "private:"):
            if low.startswith(prefix):
                low = low[len(prefix):]
                if prefix in ("global:", "script:"):
                    target = self.vars
        if low in ("true", "false", "null", "?"):
            if low == "null":
                return
            raise PSError(f"Cannot overwrite variable {name} because it is read-only or constant.")
        target[low] = value

    # -- output -------------------------------------------------------------------------------
    def flush_host(self, text: str) -> None:
        self.io.out(text)

    def report(self, e: PSError, quiet: bool = False) -> None:
        self.errors.insert(0, e.message)
        if quiet:
            return
        prefix = f"{e.command}: " if e.command else ""
        self.io.err(prefix + e.message)

    # -- statements ---------------------------------------------------------------------------
    def run_script(self, script: A.Script, emit) -> None:
        """Top level: each statement's output is formatted as soon as it finishes (like typing each line)."""
        for stmt in script.statements:
            try:
                out = self.statement(stmt)
                self.success = True if not isinstance(stmt, A.Pipeline) or self.success else self.success
                if out:
                    emit(out)
            except (Flow, ExitScript) as e:
                if getattr(e, "output", None):
                    emit(e.output)
                raise
            except PSError as e:
                if getattr(e, "output", None):
                    emit(e.output)
                self.success = False
                self.report(e, quiet=not e.terminating and self._quiet())
                if e.terminating or to_str(self.get_var("ErrorActionPreference")).lower() == "stop":
                    raise ExitScript(1) from None

    def block(self, script: A.Script) -> list:
        out: list = []
        try:
            for stmt in script.statements:
                try:
                    out.extend(self.statement(stmt))
                except PSError as e:
                    if e.terminating or to_str(self.get_var("ErrorActionPreference")).lower() == "stop":
                        raise
                    self.success = False
                    self.report(e, quiet=self._quiet())
        except (Flow, ExitScript, PSError) as e:
            e.output = out + getattr(e, "output", [])  # output already written still reaches the pipeline
            raise
        return out

    def _quiet(self) -> bool:
        """$ErrorActionPreference SilentlyContinue/Ignore: non-terminating errors are not shown."""
        return to_str(self.get_var("ErrorActionPreference")).lower() in ("silentlycontinue", "ignore")

    def statement(self, s) -> list:
        if isinstance(s, A.Pipeline):
            self.success = True
            return self.pipeline(s)
        if isinstance(s, A.Assign):
            self.assign(s)
            return []
        if isinstance(s, A.If):
            for cond, body in s.clauses:
                if to_bool(self.value(cond)):
                    return self.block(body)
            return self.block(s.else_body) if s.else_body else []
        if isinstance(s, A.Foreach):
            out: list = []
            for item in as_list(self.value(s.iterable)):
                self.set_var(s.var, item)
                if not self._loop_body(s.body, out):
                    break
            return out
        if isinstance(s, A.Flow):
            value = self.value(s.value) if s.value is not None else None
            if s.kind == "exit":
                try:
                    code = int(value) if value is not None else (0 if self.success else 1)
                except (TypeError, ValueError):
                    code = 0
                raise ExitScript(code)
            if s.kind == "throw":
                raise PSError(to_str(value) if value is not None else "ScriptHalted", "Exception", terminating=True)
            raise Flow(s.kind, value)
        return self.statement_ext(s)

    def assign(self, s: A.Assign) -> None:
        value = self.value(s.value) if not isinstance(s.value, COMPOUND) else _unwrap(self.statement(s.value))
        if s.op != "=":
            value = binary(self, s.op[0], self.expr(s.target), value)
        t = s.target
        if isinstance(t, A.Var):
            self.set_var(t.name, value)
        elif isinstance(t, A.Member):
            obj = self.expr(t.obj)
            name = t.name if isinstance(t.name, str) else to_str(self.expr(t.name))
            if isinstance(obj, PSObject):
                obj.set(name, value)
            elif isinstance(obj, Hashtable):
                obj.set_ci(name, value)
            else:
                raise PSError(f"The property '{name}' cannot be found on this object. Verify that the property "
                              "exists and can be set.")
        elif isinstance(t, A.Index):
            obj = self.expr(t.obj)
            key = self.expr(t.index)
            if isinstance(obj, Hashtable):
                obj.set_ci(key, value)
            elif isinstance(obj, list) and isinstance(key, int) and -len(obj) <= key < len(obj):
                obj[key] = value
            else:
                raise PSError("Index was outside the bounds of the array.")

    def value(self, node):
        """A statement or pipeline used as a value: a lone expression keeps its shape, output is unwrapped."""
        if isinstance(node, A.Pipeline) and len(node.elements) == 1 and not isinstance(node.elements[0], A.Command):
            return self.expr(node.elements[0])
        if isinstance(node, A.Assign):
            self.assign(node)
            return self.expr(node.target)
        if isinstance(node, A.Pipeline):
            return _unwrap(self.pipeline(node))
        return _unwrap(self.statement(node))

    # -- pipelines ----------------------------------------------------------------------------
    def pipeline(self, p: A.Pipeline) -> list:
        first = p.elements[0]
        if isinstance(first, A.Command):
            items = self.command(first, None)
        else:
            v = self.expr(first)
            items = list(v) if isinstance(v, list) else ([] if v is None and len(p.elements) == 1 else [v])
        for cmd in p.elements[1:]:
            items = self.command(cmd, items)
        return items

    def command(self, cmd: A.Command, input_items: list | None) -> list:
        name = cmd.name if isinstance(cmd.name, str) else to_str(self.expr(cmd.name))
        fn = self.functions.get(name.lower())
        if fn is not None:
            return self.call_function(fn, cmd, input_items)
        c = find(name)
        if c is None:
            if name.lower() in NATIVE or name.lower() in ("pwsh", "bash"):
                return self.native(name, cmd, input_items)
            raise PSError(NOT_RECOGNIZED.format(name), name)
        try:
            named, positional, redirects = self._arguments(c, cmd)
            out = self.invoke(c, named, positional, input_items)
        except PSError as e:
            if e.command is None:
                e.command = c.name
            ea = self._error_action(cmd)
            if ea in ("silentlycontinue", "ignore"):
                self.errors.insert(0, e.message)
                self.success = False
                return []
            if ea == "stop":
                e.terminating = True
            raise
        for r in redirects:
            if r.value is not None and r.name.lstrip("1") in (">", ">>"):
                target = to_str(self.expr(r.value))
                if target.lower() not in ("$null", ""):
                    from .formatting import render
                    self.sh.write_file(target, render(out), append=r.name.endswith(">>"))
                return []
        return out

    def _error_action(self, cmd: A.Command) -> str | None:
        for i, a in enumerate(cmd.args):
            if a.kind == "param" and len(a.name) >= 2 and ("erroraction".startswith(a.name.lower())
                                                           or a.name.lower() == "ea"):
                node = a.value if a.colon else (cmd.args[i + 1].value if i + 1 < len(cmd.args) else None)
                try:
                    return to_str(self.expr(node)).lower() if node is not None else None
                except PSError:
                    return None
        return None

    def _arguments(self, c, cmd: A.Command):
        """Pair `-Param value` (switches take no value), collect positionals, expand splats."""
        from .cmdlets.base import find_param
        named: list = []
        positional: list = []
        redirects = []
        args = cmd.args
        i = 0
        while i < len(args):
            a = args[i]
            if a.kind == "param":
                if a.colon:
                    named.append((a.name, self.expr(a.value), True))
                else:
                    p = find_param(c, a.name)
                    if p.type != "switch" and i + 1 < len(args) and args[i + 1].kind == "value":
                        named.append((a.name, self.expr(args[i + 1].value), True))
                        i += 1
                    else:
                        named.append((a.name, MISSING, False))
            elif a.kind == "splat":
                v = self.get_var(a.name)
                if isinstance(v, Hashtable):
                    for k, val in v.items():
                        named.append((to_str(k), val, True))
                elif isinstance(v, list):
                    positional.extend(v)
                elif v is not None:
                    positional.append(v)
            elif a.kind == "redirect":
                redirects.append(a)
            else:
                positional.append(self.expr(a.value))
            i += 1
        return named, positional, redirects

    def invoke(self, c, named, positional, input_items):
        has_input = bool(input_items)
        values, set_name = bind(c, named, positional, has_input)
        ctx = Ctx(self, c.name)
        out: list = []
        if c.all_input or not has_input:
            result = c.fn(ctx, Args(values, set_name), input_items if input_items is not None else None)
            _extend(out, result)
            return out
        for item in input_items:
            v2 = pipeline_bindings(c, item, values)
            from .cmdlets.base import resolve_set
            s2 = resolve_set(c, v2, False)
            _extend(out, c.fn(ctx, Args(v2, s2), [item]))
        return out

    def invoke_block(self, block: ScriptBlock, item=None) -> list:
        scope = self.scopes[-1] if self.scopes else self.vars
        saved = scope.get("_")
        scope["_"] = item
        try:
            return self.block(block.body)
        except Flow as f:
            if f.kind == "return":
                return f.output + as_list(f.value)
            raise
        finally:
            scope["_"] = saved



def _extend(out: list, result) -> None:
    if result is None:
        return
    if isinstance(result, list):
        out.extend(result)
    else:
        out.append(result)


__all__ = ["Interp", "ExitScript", "ParseError", "re"]
