""".bicepparam files: `using './main.bicep'`, then `param name = value` (and `var` helpers). Values are
evaluated at compile time (literals, interpolation, references to other params and vars, a few pure functions,
readEnvironmentVariable) and checked against the Bicep file the `using` names (BCP258/BCP259), as
`bicep build-params` does before az or Azure PowerShell send them to ARM."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from . import bicep_ast as A
from .bicep_check import analyze
from .bicep_parser import parse
from .diagnostics import BicepCompileError, error, make


@dataclass
class ParamsFile:
    using: str | None
    """The template the file is for, resolved against the parameters file's folder."""
    values: dict = field(default_factory=dict)


class _EvalError(Exception):
    pass


def load(text: str, path: str = "main.bicepparam", loader: Callable | None = None,
         env: dict | None = None) -> ParamsFile:
    """Parse and evaluate a .bicepparam file; raises BicepCompileError with Bicep's diagnostics."""
    program = parse(text)
    an = analyze(program, params_file=True)
    errors = [d for d in an.diagnostics if d.level == "Error"]
    using = next((s for s in program.statements if isinstance(s, A.UsingDecl)), None)
    if using is None:
        errors.append(make("BCP261", 1, 1))
    if errors:
        raise BicepCompileError(errors)
    folder = posixpath.dirname(path)
    target = posixpath.normpath(posixpath.join(folder, using.path)) if not using.path.startswith("/") else using.path
    ev = _Evaluator(program, env or {})
    values: dict = {}
    for s in program.statements:
        if isinstance(s, A.ParamDecl):
            try:
                values[s.name] = ev.value(s.default)
            except _EvalError as e:
                raise BicepCompileError([make("BCP338", s.name_line, s.name_col, s.name, str(e))]) from None
    if loader is not None:
        _check_against_template(program, values, target, loader)
    return ParamsFile(target, values)


def _check_against_template(program: A.Program, values: dict, target: str, loader: Callable) -> None:
    text = loader(target)
    if text is None:
        using = next(s for s in program.statements if isinstance(s, A.UsingDecl))
        raise BicepCompileError([error("BCP091", f"An error occurred reading file. Could not find file '{target}'.",
                                       using.line, using.col + 6)])
    if target.lower().endswith(".json"):
        declared = json.loads(text).get("parameters") or {}
        required = [n for n, spec in declared.items() if "defaultValue" not in spec and not spec.get("nullable")]
    else:
        decls = [s for s in parse(text).statements if isinstance(s, A.ParamDecl)]
        declared = {d.name: d for d in decls}
        required = [d.name for d in decls if d.default is None and not isinstance(d.type_node, A.TypeNullable)]
    diags = []
    for s in program.statements:
        if isinstance(s, A.ParamDecl) and s.name not in declared:
            diags.append(make("BCP259", s.name_line, s.name_col, s.name))
    missing = [n for n in required if n not in values]
    if missing:
        using = next(s for s in program.statements if isinstance(s, A.UsingDecl))
        diags.append(make("BCP258", using.line, using.col, ", ".join(f'"{n}"' for n in missing)))
    if diags:
        raise BicepCompileError(diags)


class _Evaluator:
    """Compile-time values of the expressions a parameters file may hold."""

    def __init__(self, program: A.Program, env: dict):
        self.decls = {s.name: s for s in program.statements if isinstance(s, (A.ParamDecl, A.VarDecl))}
        self.env = env
        self.cache: dict = {}
        self.active: set = set()

    def value(self, node):
        if isinstance(node, A.Literal):
            return node.value
        if isinstance(node, A.Interp):
            return "".join(p if isinstance(p, str) else _text(self.value(p)) for p in node.parts)
        if isinstance(node, A.ObjectExpr):
            return {p.key: self.value(p.value) for p in node.props if isinstance(p, A.Prop)}
        if isinstance(node, A.ArrayExpr):
            return [self.value(i) for i in node.items]
        if isinstance(node, A.Unary):
            v = self.value(node.operand)
            return -v if node.op == "-" else not v
        if isinstance(node, A.Ident):
            return self.symbol(node.name)
        if isinstance(node, A.Member):
            target = self.value(node.target)
            if isinstance(target, dict) and node.name in target:
                return target[node.name]
            raise _EvalError(f'The property "{node.name}" does not exist.')
        if isinstance(node, A.Index):
            target, idx = self.value(node.target), self.value(node.index)
            try:
                return target[idx]
            except (KeyError, IndexError, TypeError):
                raise _EvalError(f"The index {idx!r} is out of range.") from None
        if isinstance(node, A.Ternary):
            return self.value(node.then) if self.value(node.cond) else self.value(node.other)
        if isinstance(node, A.Binary):
            return self.binary(node)
        if isinstance(node, A.Call):
            return self.call(node)
        raise _EvalError("This expression cannot be evaluated in a parameters file.")

    def symbol(self, name: str):
        if name in self.cache:
            return self.cache[name]
        decl = self.decls.get(name)
        if decl is None or name in self.active:
            raise _EvalError(f'The name "{name}" does not exist in the current context.')
        self.active.add(name)
        v = self.value(decl.default if isinstance(decl, A.ParamDecl) else decl.value)
        self.active.discard(name)
        self.cache[name] = v
        return v

    def binary(self, node: A.Binary):
        a, b = self.value(node.left), self.value(node.right)
        ops = {"==": lambda: a == b, "!=": lambda: a != b, "&&": lambda: a and b, "||": lambda: a or b,
               "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "<": lambda: a < b,
               ">": lambda: a > b, "<=": lambda: a <= b, ">=": lambda: a >= b,
               "??": lambda: a if a is not None else b,
               "=~": lambda: str(a).lower() == str(b).lower(), "!~": lambda: str(a).lower() != str(b).lower()}
        if node.op not in ops:
            raise _EvalError(f"The operator '{node.op}' cannot be evaluated in a parameters file.")
        return ops[node.op]()

    def call(self, node: A.Call):
        args = [self.value(a) for a in node.args]
        fns = {
            "toLower": lambda s: str(s).lower(), "toUpper": lambda s: str(s).upper(),
            "concat": lambda *xs: ([y for x in xs for y in x] if xs and isinstance(xs[0], list)
                                   else "".join(_text(x) for x in xs)),
            "string": _text, "int": int, "bool": lambda v: str(v).lower() == "true" if isinstance(v, str) else bool(v),
            "json": json.loads, "length": len, "empty": lambda v: not v, "union": _union,
            "replace": lambda s, a, b: str(s).replace(a, b), "split": lambda s, d: str(s).split(d),
            "join": lambda xs, d: d.join(_text(x) for x in xs), "trim": lambda s: str(s).strip(),
            "format": lambda f, *xs: _format(f, xs), "readEnvironmentVariable": self.env_var,
            "contains": lambda c, x: x in c, "first": lambda c: c[0] if c else None,
            "last": lambda c: c[-1] if c else None,
        }
        if node.target is not None and not (isinstance(node.target, A.Ident) and node.target.name in ("sys", "az")):
            raise _EvalError(f"The function '{node.name}' cannot be evaluated in a parameters file.")
        fn = fns.get(node.name)
        if fn is None:
            raise _EvalError(f"The function '{node.name}' is not available in a parameters file in this lab.")
        try:
            return fn(*args)
        except (TypeError, ValueError) as e:
            raise _EvalError(f"{node.name}(): {e}") from None

    def env_var(self, name, default=None):
        if name in self.env:
            return self.env[name]
        if default is not None:
            return default
        raise _EvalError(f"Environment variable \"{name}\" does not exist, and no default value set.")


def _text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"))
    return "" if v is None else str(v)


def _union(*items):
    if items and all(isinstance(i, dict) for i in items):
        out: dict = {}
        for i in items:
            out.update(i)
        return out
    out_list: list = []
    for i in items:
        out_list += [x for x in i if x not in out_list]
    return out_list


def _format(fmt: str, args) -> str:
    import re
    return re.sub(r"\{(\d+)\}", lambda m: _text(args[int(m.group(1))]), str(fmt))
