"""Runs parsed PowerShell: variables, expressions, pipelines, cmdlets and native programs (az, docker, ...)."""

from __future__ import annotations

import re

from ...engine import budget
from . import ast as A
from .interp_cmd import Commands
from .interp_expr import Expressions, _unwrap
from .interp_stmt import LoopGuard, Statements, keeping
from .operators import binary
from .values import (
    Hashtable,
    ParseError,
    PSError,
    PSObject,
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


class Interp(Commands, Statements, Expressions):
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
        self._using = None
        self.try_depth = 0
        """How many try blocks enclose the running statement (statement-terminating errors reach their catch)."""
        """In a ForEach-Object -Parallel runspace: reads `$using:name` from the caller's scopes."""

    # -- variables ------------------------------------------------------------------------------
    def get_var(self, name: str):
        low = name.lower()
        if low.startswith("env:"):
            return self.sh.env.get(name[4:])
        if low.startswith("using:"):
            if self._using is None:
                raise PSError("A Using variable cannot be retrieved. A Using variable can be used only with "
                              "Invoke-Command, Start-Job, or InlineScript in the script workflow. When it is used "
                              "with Invoke-Command, the Using variable is valid only if the script block is invoked "
                              "on a remote computer.")
            return self._using(name[6:])
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
            except (Flow, ExitScript, budget.Stopped) as e:
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
                    if e.stmt is not False and self.try_depth:
                        e.stmt = True  # statement-terminating: the enclosing try catches it
                        raise
                    self.success = False
                    self.report(e, quiet=self._quiet())
        except (Flow, ExitScript, PSError, budget.Stopped) as e:
            e.output = out + getattr(e, "output", [])  # output already written still reaches the pipeline
            raise
        return out

    def _quiet(self) -> bool:
        """$ErrorActionPreference SilentlyContinue/Ignore: non-terminating errors are not shown."""
        return to_str(self.get_var("ErrorActionPreference")).lower() in ("silentlycontinue", "ignore")

    def statement(self, s) -> list:
        budget.checkpoint()
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
            guard = LoopGuard()
            with keeping(out):
                for item in as_list(self.value(s.iterable)):
                    guard.tick()
                    self.set_var(s.var, item)
                    if not self._loop_body(s.body, out):
                        break
            return out
        if isinstance(s, A.Flow):
            value = self.value(s.value) if s.value is not None else None
            if s.kind == "exit":
                try:
                    code = int(value) if value is not None else (0 if self.success else 1)
                except (TypeError, ValueError, OverflowError):
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
__all__ = ["Interp", "ExitScript", "ParseError", "re"]
