"""The PowerShell interpreter, part 3: while/do/for loops, switch, try/catch/finally, functions (param blocks,
binding, local scope) and native programs (az, docker, kubectl, ...), mixed into Interp."""

from __future__ import annotations

import contextlib
import fnmatch
import re
from collections.abc import Iterator

from ...engine import budget
from .. import user_regex
from . import ast as A
from .operators import cast
from .values import Hashtable, PSError, PSObject, ScriptBlock, Switch, as_list, equals, to_bool, to_str

NATIVE = {"az", "docker", "kubectl", "lab", "bicep", "git", "curl", "helm", "oras", "notation", "jq", "ssh", "tar"}
NOT_RECOGNIZED = ("The term '{0}' is not recognized as a name of a cmdlet, function, script file, or executable "
                  "program.\nCheck the spelling of the name, or if a path was included, verify that the path is "
                  "correct and try again.")
MAX_LOOP = 100_000
"""A runaway `while ($true)` without break ends with an error instead of hanging the lab."""
COMMON = ("verbose", "debug", "erroraction", "warningaction", "informationaction", "errorvariable",
          "warningvariable", "informationvariable", "outvariable", "outbuffer", "pipelinevariable", "progressaction")
CATCH_ALL = {"exception", "system.exception", "system.management.automation.runtimeexception", "runtimeexception",
             "system.management.automation.errorrecord"}


def error_record(e: PSError) -> PSObject:
    """What `$_` is inside catch: an ErrorRecord whose string form is the message."""
    exc_type = getattr(e, "exception_type", None) or "System.Management.Automation.RuntimeException"
    exc = PSObject(exc_type, {"Message": e.message, "Source": e.command, "HResult": -2146233087,
                              "InnerException": None}, to_string=e.message)
    category = "OperationStopped" if e.command is None else "NotSpecified"
    return PSObject("System.Management.Automation.ErrorRecord", {
        "Exception": exc, "TargetObject": None,
        "CategoryInfo": PSObject("System.Management.Automation.ErrorCategoryInfo",
                                 {"Category": category, "Activity": e.command or "", "Reason": exc_type.split(".")[-1]},
                                 to_string=f"{category}: (:) [{e.command or ''}], {exc_type.split('.')[-1]}"),
        "FullyQualifiedErrorId": e.message if e.command is None else f"{exc_type.split('.')[-1]},{e.command}",
        "ErrorDetails": None, "InvocationInfo": None, "ScriptStackTrace": ""}, to_string=e.message)


class LoopGuard:
    def __init__(self):
        self.n = 0

    def tick(self) -> None:
        budget.checkpoint()
        self.n += 1
        if self.n > MAX_LOOP:
            raise PSError(f"The loop ran more than {MAX_LOOP} times; the lab stopped it.", terminating=True)


@contextlib.contextmanager
def keeping(out: list) -> Iterator[None]:
    """What the iterations already run wrote goes with whatever ends the loop early (`return`, `throw`, `exit`, an
    error, the lab's budget), so it still reaches the pipeline or the screen: PowerShell wrote it as it went."""
    try:
        yield
    except BaseException as e:
        if out:
            try:
                e.output = out + (getattr(e, "output", None) or [])  # type: ignore[attr-defined]
            except AttributeError:
                pass
        raise


class Statements:
    # -- loops ----------------------------------------------------------------------------------
    def _loop_body(self, body, out: list) -> bool:
        """Run one iteration; False when `break` ends the loop."""
        from .interp import Flow
        try:
            out.extend(self.block(body))
        except Flow as f:
            if f.kind not in ("break", "continue"):
                raise
            out.extend(f.output)
            return f.kind == "continue"
        return True

    def statement_ext(self, s) -> list:
        out: list = []
        guard = LoopGuard()
        if isinstance(s, A.While):
            with keeping(out):
                while to_bool(self.value(s.cond)):
                    guard.tick()
                    if not self._loop_body(s.body, out):
                        break
            return out
        if isinstance(s, A.DoLoop):
            with keeping(out):
                while True:
                    guard.tick()
                    if not self._loop_body(s.body, out):
                        break
                    if to_bool(self.value(s.cond)) == s.until:
                        break
            return out
        if isinstance(s, A.For):
            with keeping(out):
                if s.init is not None:
                    out.extend(self.statement(s.init))
                while s.cond is None or to_bool(self.value(s.cond)):
                    guard.tick()
                    if not self._loop_body(s.body, out):
                        break
                    if s.step is not None:
                        self.statement(s.step)
            return out
        if isinstance(s, A.Switch):
            return self.switch(s)
        if isinstance(s, A.Try):
            return self.try_(s)
        if isinstance(s, A.FunctionDef):
            self.functions[s.name.lower()] = s
            return []
        raise PSError(f"Unsupported statement {type(s).__name__}")

    # -- switch ---------------------------------------------------------------------------------
    def switch(self, s: A.Switch) -> list:
        from .interp import Flow
        value = self.value(s.value)
        items = [None] if value is None else as_list(value)
        out: list = []
        for item in items:
            matched = False
            try:
                for pattern, body in s.clauses:
                    if pattern is None:
                        continue
                    if self._switch_match(s, pattern, item):
                        matched = True
                        out.extend(self._with_item(item, body))
                if not matched:
                    for pattern, body in s.clauses:
                        if pattern is None:
                            out.extend(self._with_item(item, body))
            except Flow as f:
                if f.kind not in ("break", "continue"):
                    raise
                out.extend(f.output)
                if f.kind == "break":
                    break
        return out

    def _with_item(self, item, body) -> list:
        scope = self.scopes[-1] if self.scopes else self.vars
        saved = scope.get("_")
        scope["_"] = item
        try:
            return self.block(body)
        finally:
            scope["_"] = saved

    def _switch_match(self, s: A.Switch, pattern, item) -> bool:
        if isinstance(pattern, A.Block):
            return to_bool(self._with_item(item, pattern.body))
        p = self.expr(pattern)
        if isinstance(p, ScriptBlock):
            return to_bool(self._with_item(item, p.body))
        text, pat = to_str(item), to_str(p)
        if s.mode == "regex":
            try:
                return user_regex.search(pat, text, 0 if s.case else re.I) is not None
            except re.error as e:
                raise PSError(f"Invalid regular expression pattern: {pat}. ({e})") from None
        if s.mode == "wildcard":
            return fnmatch.fnmatchcase(text if s.case else text.lower(), pat if s.case else pat.lower())
        if isinstance(item, str) or s.case:
            return text == pat if s.case else text.lower() == pat.lower()
        return equals(item, p)

    # -- try/catch/finally ----------------------------------------------------------------------
    def try_(self, s: A.Try) -> list:
        from .interp import ExitScript, Flow
        out: list = []
        try:
            try:
                self.try_depth += 1
                try:
                    out.extend(self.block(s.body))
                finally:
                    self.try_depth -= 1
            except PSError as e:
                out.extend(getattr(e, "output", []))
                e.output = []
                body = self._handler(s, e)
                if body is None:
                    raise
                self.errors.insert(0, e.message)
                out.extend(self._with_item(error_record(e), body))
        except (Flow, ExitScript, PSError) as e:
            e.output = out + getattr(e, "output", []) + (self.block(s.final) if s.final is not None else [])
            raise
        if s.final is not None:
            out.extend(self.block(s.final))
        return out

    @staticmethod
    def _handler(s: A.Try, e: PSError):
        kind = (getattr(e, "exception_type", "") or "").lower()
        for types, body in s.catches:
            if not types or any(t.lower() in CATCH_ALL or t.lower() == kind for t in types):
                return body
        return None

    # -- functions -------------------------------------------------------------------------------
    def call_function(self, fn: A.FunctionDef, cmd: A.Command, input_items) -> list:
        return self.run_body(fn.name, fn, cmd.args, input_items)

    def call_block(self, block: ScriptBlock, args: list, input_items, values: list | None = None,
                   dot: bool = False) -> list:
        """`& { ... } args`, `. $block`, `$block.Invoke(...)`, Invoke-Command: a script block run like a function."""
        node = block.node if block.node is not None else A.Block(block.body, block.text)
        return self.run_body("", node, args, input_items, values, new_scope=not dot)

    def run_body(self, name: str, owner, args: list, input_items, values: list | None = None,
                 new_scope: bool = True) -> list:
        """Bind the parameters, then run begin once, process once per pipeline object ($_ and the pipeline-bound
        parameters set), and end once; `return` leaves only the block it is in."""
        fn = owner if isinstance(owner, A.FunctionDef) else A.FunctionDef(name, owner.params, owner.body,
                                                                           owner.advanced, "", owner.begin,
                                                                           owner.process)
        scope, given = self._bind_function(fn, args, values, input_items is not None)
        if input_items:
            scope["input"] = list(input_items)
        if len(self.scopes) > 100:
            raise PSError("The script failed due to call depth overflow.", terminating=True)
        if new_scope:
            self.scopes.append(scope)
        else:
            (self.scopes[-1] if self.scopes else self.vars).update(scope)
        target = self.scopes[-1] if self.scopes else self.vars
        out: list = []
        try:
            if fn.begin is not None:
                out += self._named_block(fn.begin, out)
            if fn.process is not None:
                for item in (input_items if input_items is not None else [None]):
                    if input_items is not None:
                        self._bind_pipeline(fn, target, given, item)
                    target["_"] = item
                    out += self._named_block(fn.process, out)
            out += self._named_block(fn.body, out)
            return out
        finally:
            if new_scope:
                self.scopes.pop()

    def _named_block(self, body, before: list) -> list:
        from .interp import Flow
        try:
            return self.block(body)
        except Flow as f:
            if f.kind == "return":
                return f.output + (as_list(f.value) if f.value is not None else [])
            f.output = before + f.output
            raise
        except PSError as e:
            e.output = before + getattr(e, "output", [])
            raise

    def _bind_pipeline(self, fn: A.FunctionDef, scope: dict, given: set, item) -> None:
        """ValueFromPipeline takes the object itself; ValueFromPipelineByPropertyName a property of that name."""
        for p in fn.params:
            key = p.name.lower()
            if key in given:
                continue
            if p.pipeline:
                scope[key] = self._convert_fn(fn, p, item)
                continue
            if p.by_property and isinstance(item, (PSObject, Hashtable)):
                for n in (p.name, *p.aliases):
                    v = item.get(n) if isinstance(item, PSObject) and item.has(n) else \
                        item.get_ci(n) if isinstance(item, Hashtable) else None
                    if v is not None:
                        scope[key] = self._convert_fn(fn, p, v)
                        break

    def _bind_function(self, fn: A.FunctionDef, args: list, values: list | None = None,
                       has_input: bool = False) -> tuple[dict, set]:
        by_name = {p.name.lower(): p for p in fn.params}
        scope: dict = {}
        extra: list = []
        positional: list = []
        i = 0
        while i < len(args):
            a = args[i]
            if a.kind == "param":
                p = self._find_fn_param(fn, a.name)
                if p is None:
                    if fn.advanced and a.name.lower() not in COMMON and a.name.lower() not in ("ea", "wa", "ev"):
                        raise PSError(f"A parameter cannot be found that matches parameter name '{a.name}'.",
                                      fn.name or None)
                    extra.append(a.text)
                    if a.colon:
                        extra[-1] = self.expr(a.value)
                    i += 1
                    continue
                if a.colon:
                    scope[p.name.lower()] = self._convert_fn(fn, p, self.expr(a.value))
                elif p.type.lower() == "switch":
                    scope[p.name.lower()] = Switch(True)
                elif i + 1 < len(args) and args[i + 1].kind == "value":
                    scope[p.name.lower()] = self._convert_fn(fn, p, self.expr(args[i + 1].value))
                    i += 1
                else:
                    raise PSError(f"Missing an argument for parameter '{p.name}'. Specify a parameter of type "
                                  f"'System.{p.type.capitalize() or 'Object'}' and try again.", fn.name or None)
            elif a.kind == "splat":
                v = self.get_var(a.name)
                if isinstance(v, Hashtable):
                    for k, val in v.items():
                        p = by_name.get(to_str(k).lower())
                        if p is None:
                            if fn.advanced:
                                raise PSError(f"A parameter cannot be found that matches parameter name "
                                              f"'{to_str(k)}'.", fn.name or None)
                            continue
                        scope[p.name.lower()] = self._convert_fn(fn, p, val)
                else:
                    positional.extend(as_list(v))
            elif a.kind == "value":
                positional.append(self.expr(a.value))
            i += 1
        positional += list(values or [])
        given = set(scope)
        for p in fn.params:
            if p.name.lower() in scope or p.type.lower() == "switch":
                continue
            if positional:
                scope[p.name.lower()] = self._convert_fn(fn, p, positional.pop(0))
                given.add(p.name.lower())
        for p in fn.params:
            key = p.name.lower()
            if key in scope:
                continue
            if p.mandatory and not (has_input and (p.pipeline or p.by_property)):
                raise PSError(f"Cannot process command because of one or more missing mandatory parameters: "
                              f"{p.name}.", fn.name or None)
            if p.type.lower() == "switch":
                scope[key] = Switch(False)
            elif p.default is not None:
                scope[key] = self._convert_fn(fn, p, self.expr(p.default))
            else:
                scope[key] = cast(self, p.type, None) if p.type.lower() in ("int", "string", "bool") else None
        if positional and fn.advanced:
            raise PSError(f"A positional parameter cannot be found that accepts argument "
                          f"'{to_str(positional[0])}'.", fn.name or None)
        scope["args"] = extra + positional
        return scope, given

    def _find_fn_param(self, fn: A.FunctionDef, given: str):
        low = given.lower()
        exact = [p for p in fn.params if p.name.lower() == low or low in (x.lower() for x in p.aliases)]
        if exact:
            return exact[0]
        matches = [p for p in fn.params if p.name.lower().startswith(low)]
        if len(matches) > 1:
            raise PSError(f"Parameter cannot be processed because the parameter name '{given}' is ambiguous. "
                          f"Possible matches include: {' '.join('-' + p.name for p in matches)}.", fn.name)
        return matches[0] if matches else None

    def _convert_fn(self, fn: A.FunctionDef, p: A.ParamDef, value):
        if p.values and to_str(value).lower() not in (v.lower() for v in p.values):
            raise PSError(f"Cannot validate argument on parameter '{p.name}'. The argument \"{to_str(value)}\" does "
                          f"not belong to the set \"{','.join(p.values)}\" specified by the ValidateSet attribute. "
                          "Supply an argument that is in the set and then try the command again.", fn.name)
        if not p.type or p.type.lower() in ("object", "psobject"):
            return value
        if p.type.lower() == "switch":
            return Switch(to_bool(value))
        try:
            return cast(self, p.type, value)
        except PSError as e:
            raise PSError(f"Cannot process argument transformation on parameter '{p.name}'. {e.message}",
                          fn.name) from None

    # -- native programs ---------------------------------------------------------------------------
    def native(self, name: str, cmd: A.Command, input_items) -> list:
        from ..session import IO, programs
        argv = []
        for arg in cmd.args:
            if arg.kind == "param":
                argv.append(arg.text + (":" if arg.colon else ""))
                if arg.colon:
                    argv[-1] += to_str(self.expr(arg.value))
            elif arg.kind == "value":
                argv.extend(to_str(v) for v in as_list(self.expr(arg.value)))
        prog = programs().get(name.lower())
        if prog is None:
            raise PSError(NOT_RECOGNIZED.format(name), name)
        if name.lower() == "pwsh" and not argv:
            return []
        stdin = "\n".join(to_str(x) for x in input_items) + "\n" if input_items else ""
        io = IO(stdin=stdin)
        if name.lower() == "bash":
            code, out, err = self.sh.run(" ".join(argv[1:]) if argv[:1] == ["-c"] else "", io)
        else:
            code = prog(self.sh, argv, io)
            out, err = io.stdout, io.stderr
        if err:
            self.io.err(err, end="")
        self.vars["lastexitcode"] = code
        self.success = code == 0
        return out.splitlines()
