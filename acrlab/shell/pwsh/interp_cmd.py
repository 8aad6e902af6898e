"""The PowerShell interpreter, part 4: pipelines and commands: cmdlet argument pairing and binding, common
parameters (-ErrorAction, -ErrorVariable, -OutVariable), redirections, and running script blocks for cmdlets
(ForEach-Object, Where-Object, -Parallel runspaces), mixed into Interp."""

from __future__ import annotations

from ...engine import budget
from . import ast as A
from .cmdlets import find
from .cmdlets.base import MISSING, bind, pipeline_bindings
from .interp_stmt import NATIVE, NOT_RECOGNIZED
from .values import Hashtable, PSError, PSObject, ScriptBlock, Switch, as_list, to_str


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

    def items(self):
        return self._values.items()

    def get(self, name: str, default=None):
        v = self._values.get(name, default)
        return bool(v) if isinstance(v, Switch) else v


class Ctx:
    """What a cmdlet sees: the session, the engine, the signed-in principal, output helpers."""

    def __init__(self, interp, name: str):
        self.interp = interp
        self.sh = interp.sh
        self.cloud = interp.sh.cloud
        self.io = interp.io
        self.name = name

    @property
    def principal(self):
        from .cmdlets.accounts import current_principal
        return current_principal(self)

    @property
    def subscription(self):
        """The context's subscription (Set-AzContext), else the tenant's default."""
        from .cmdlets.accounts import current_subscription
        return current_subscription(self)

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


class Commands:
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
        budget.checkpoint()
        if isinstance(cmd.name, str):
            name = cmd.name
        else:
            target = self.expr(cmd.name)
            if isinstance(target, ScriptBlock):
                return self.call_block(target, cmd.args, input_items, dot=cmd.dot)
            name = to_str(target.get("Name")) if isinstance(target, PSObject) and target.has("CommandType") \
                else to_str(target)
        fn = self.functions.get(name.lower())
        if fn is not None:
            return self.call_function(fn, cmd, input_items)
        c = find(name)
        if c is None:
            if name.lower() in NATIVE or name.lower() in ("pwsh", "bash"):
                return self.native(name, cmd, input_items)
            raise PSError(NOT_RECOGNIZED.format(name), name)
        err_var, out_var = self._common_arg(cmd, ("errorvariable", "ev")), self._common_arg(cmd, ("outvariable", "ov"))
        try:
            if c.dynamic is not None:
                c = c.dynamic(c, self, cmd)
            named, positional, redirects = self._arguments(c, cmd)
            out = self.invoke(c, named, positional, input_items)
        except PSError as e:
            if e.command is None:
                e.command = c.name
            if err_var:
                self._capture(err_var, [e])
            ea = self._error_action(cmd)
            if ea in ("silentlycontinue", "ignore"):
                self.errors.insert(0, e.message)
                self.success = False
                return []
            if ea == "stop":
                e.terminating = True
            raise
        if err_var:
            self._capture(err_var, [])
        if out_var:
            self._capture(out_var, out, errors=False)
        for r in redirects:
            if r.value is not None and r.name.lstrip("1") in (">", ">>"):
                target = to_str(self.expr(r.value))
                if target.lower() not in ("$null", ""):
                    from .formatting import render
                    self.sh.write_file(target, render(out), append=r.name.endswith(">>"))
                return []
        return out

    def _common_arg(self, cmd: A.Command, names: tuple) -> str | None:
        """The variable name given to -ErrorVariable/-OutVariable (or their aliases), `+name` to append."""
        for i, a in enumerate(cmd.args):
            if a.kind == "param" and (a.name.lower() in names or (len(a.name) > 4 and names[0].startswith(a.name.lower()))):
                node = a.value if a.colon else (cmd.args[i + 1].value if i + 1 < len(cmd.args) else None)
                return to_str(self.expr(node)) if node is not None else None
        return None

    def _capture(self, name: str, items: list, errors: bool = True) -> None:
        from .interp_stmt import error_record
        values = [error_record(e) for e in items] if errors else list(items)
        if name.startswith("+"):
            name = name[1:]
            old = self.get_var(name)
            values = (old if isinstance(old, list) else as_list(old)) + values
        self.set_var(name, values)

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
        ctx.cmdlet = c
        out: list = []
        if c.all_input or not has_input:
            _extend(out, _reported(c.fn, ctx, Args(values, set_name), input_items if input_items is not None else None))
            return out
        for item in input_items:
            v2 = pipeline_bindings(c, item, values)
            from .cmdlets.base import resolve_set
            s2 = resolve_set(c, v2, False)
            _extend(out, _reported(c.fn, ctx, Args(v2, s2), [item]))
        return out

    def isolated(self, block: ScriptBlock, item) -> list:
        """Run a block as ForEach-Object -Parallel does: a fresh runspace (no variables or functions of the
        caller) where `$using:name` reads the caller's value."""
        saved = (self.vars, self.scopes, self.functions, self._using)
        outer = type(self).__new__(type(self))
        outer.__dict__.update(self.__dict__)
        outer.scopes = list(self.scopes)
        self._using = outer.get_var
        self.vars, self.scopes, self.functions = {}, [], {}
        try:
            return self.invoke_block(block, item)
        finally:
            self.vars, self.scopes, self.functions, self._using = saved

    def invoke_block(self, block: ScriptBlock, item=None) -> list:
        budget.checkpoint()
        scope = self.scopes[-1] if self.scopes else self.vars
        saved = scope.get("_")
        scope["_"] = item
        from .interp import Flow
        try:
            return self.block(block.body)
        except Flow as f:
            if f.kind == "return":
                return f.output + as_list(f.value)
            raise
        finally:
            scope["_"] = saved



def _reported(fn, ctx, args, items):
    """Run a cmdlet: an error it raises is the error it reports (non-terminating, as Az cmdlets write them), not a
    statement-terminating one (binding errors and script-block exceptions keep theirs)."""
    try:
        return fn(ctx, args, items)
    except PSError as e:
        if e.stmt is None:
            e.stmt = False
        raise


def _extend(out: list, result) -> None:
    if result is None:
        return
    if isinstance(result, list):
        out.extend(result)
    else:
        out.append(result)
