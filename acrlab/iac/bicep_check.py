"""Semantic analysis of a Bicep program: symbols, name resolution (BCP057/BCP082), function and
decorator checks, simple type checks, and the two linter rules learners meet first.
Tables and the symbol table live in bicep_symbols."""

from __future__ import annotations

from . import bicep_ast as A
from . import bicep_types, graph_types
from .bicep_symbols import (
    DECORATORS,
    FUNCTIONS,
    NOT_SUPPORTED,
    PARAM_DEFAULT_ONLY,
    PARAMS_FILE_ONLY,
    TYPES,
    Analysis,
    Symbol,
    _all_resources,
    _base_type,
    _count_text,
    literal_type,
    resource_object,
    spelling_suggestion,
)
from .diagnostics import make, quoted, warning


def analyze(program: A.Program, params_file: bool = False) -> Analysis:
    an = Analysis()
    kinds = {A.ParamDecl: "param", A.VarDecl: "var", A.ResourceDecl: "resource", A.OutputDecl: "output",
             A.ModuleDecl: "module", A.TypeDecl: "type"}
    _all_resources(program.statements, an.resources)
    seen: dict[str, list[A.Decl]] = {}
    for s in program.statements:
        if isinstance(s, A.Decl) and not isinstance(s, A.MetadataDecl):
            seen.setdefault(s.name, []).append(s)
    for name, decls in seen.items():
        if len(decls) > 1:
            for d in decls:
                an.diagnostics.append(make("BCP028", d.name_line, d.name_col, name))
        an.symbols[name] = Symbol(kinds[type(decls[0])], decls[0])
    for r in an.resources:
        if r.parent_decl is not None and r.name not in an.symbols:
            an.symbols.setdefault(r.name, Symbol("resource", r))
    bicep_types.check(program, an)
    for s in program.statements:
        if isinstance(s, A.ExtensionDecl):
            found = graph_types.extension(s.ref)
            if found is None:
                an.diagnostics.append(make("BCP204", s.ref_line, s.ref_col, s.ref))
            else:
                an.extensions[found[0]] = found[1]
    checker = _Checker(an, params_file)
    for s in program.statements:
        checker.statement(s)
    for r in an.resources:
        checker.resource_shape(r)
    checker.cycles()
    for name, sym in an.symbols.items():
        d = sym.decl
        if sym.kind == "param" and sym.references == 0:
            an.diagnostics.append(warning("no-unused-params", f'Parameter "{name}" is declared but never used.',
                                          d.name_line, d.name_col))
        if sym.kind == "var" and sym.references == 0:
            an.diagnostics.append(warning("no-unused-vars", f'Variable "{name}" is declared but never used.',
                                          d.name_line, d.name_col))
    return an


class _Checker:
    def __init__(self, an: Analysis, params_file: bool = False):
        self.an = an
        self.params_file = params_file
        self.current: A.Decl | None = None
        self.in_param_default = False

    def error(self, code: str, node_line: int, node_col: int, *args) -> None:
        self.an.diagnostics.append(make(code, node_line, node_col, *args))

    # -- declarations --------------------------------------------------------------------------
    def statement(self, s) -> None:
        self.current = s if isinstance(s, A.Decl) else None
        for dec in getattr(s, "decorators", []):
            self.decorator(dec, s)
        if self.params_file and not isinstance(s, (A.UsingDecl, A.ParamDecl, A.VarDecl, A.TypeDecl)):
            self.error("BCP337", s.line, s.col)
            return
        if isinstance(s, A.ExtensionDecl) and self.params_file:
            self.error("BCP337", s.line, s.col)
        if isinstance(s, A.UsingDecl) and not self.params_file:
            self.error("BCP007", s.line, s.col)
        if isinstance(s, A.ParamDecl) and s.assign_only:
            if not self.params_file:
                self.error("BCP014", s.type_line or s.name_line, s.type_col or s.name_col + len(s.name) + 1)
            self.expr(s.default, set())
        elif isinstance(s, A.ParamDecl):
            self.check_type(s.type, s.type_line, s.type_col, "BCP031")
            if s.default is not None:
                self.in_param_default = True
                self.expr(s.default, set())
                self.in_param_default = False
                self.literal_type_check(s.default, s.type, "BCP027")
        elif isinstance(s, A.VarDecl):
            self.expr(s.value, set())
        elif isinstance(s, A.OutputDecl):
            self.check_type(s.type, s.type_line, s.type_col, "BCP030")
            self.expr(s.value, set())
            self.literal_type_check(s.value, s.type, "BCP026")
        elif isinstance(s, (A.ResourceDecl, A.ModuleDecl)):
            self.resource(s)
        elif isinstance(s, A.TargetScope):
            self.expr(s.value, set())
        elif isinstance(s, A.MetadataDecl):
            self.expr(s.value, set())

    def resource(self, r: A.ResourceDecl) -> None:
        saved = self.current
        self.current = r
        scope: set[str] = set()
        body = r.body
        if isinstance(body, A.ForExpr):
            self.expr(body.iterable, scope)
            scope = scope | {n for n in (body.item, body.index) if n}
            body = body.body
        if isinstance(body, A.IfBody):
            self.expr(body.condition, scope)
            body = body.body
        for p in body.props if isinstance(body, A.ObjectExpr) else []:
            if isinstance(p, A.ResourceDecl):
                self.resource(p)
                self.current = r
            else:
                self.expr(p.value, scope)
        self.current = saved

    def resource_shape(self, r: A.ResourceDecl) -> None:
        t = r.type_string or ""
        type_part, _, api = t.partition("@")
        relative = r.parent_decl is not None and "/" not in type_part
        if not type_part or (not relative and (not api or type_part.count("/") < 1)) or \
                any(not seg for seg in type_part.split("/")):
            self.error("BCP029", r.type_line, r.type_col)
        obj = resource_object(r)
        graph = graph_types.required(type_part, r.existing) if self.an.extensions else None
        given = {p.key: p for p in (obj.props if obj else []) if isinstance(p, A.Prop)}
        if obj is not None and graph is not None:  # Microsoft Graph resources are keyed by uniqueName / UPN
            missing = [k for k in graph if k not in given]
            if missing:
                self.error("BCP035", r.name_line, r.name_col, "resource", quoted(missing))
            bad = graph_types.shape_error(given)
            if bad is not None:
                self.error("BCP036", given[bad[0]].line, given[bad[0]].col, *bad)
        elif obj is not None and "name" not in given:
            self.error("BCP035", r.name_line, r.name_col, "resource", quoted(["name"]))
        keys: dict[str, int] = {}
        for p in obj.props if obj else []:
            if isinstance(p, A.Prop):
                keys[p.key] = keys.get(p.key, 0) + 1
                if keys[p.key] == 2:
                    self.error("BCP025", p.line, p.col, p.key)

    def decorator(self, dec: A.Decorator, target) -> None:
        call = dec.call
        name = call.name
        if call.target is not None and isinstance(call.target, A.Ident) and call.target.name == "sys":
            pass
        elif name not in DECORATORS:
            if name in FUNCTIONS:
                self.error("BCP128", call.line, call.col, name)
            else:
                self.error("BCP057", call.line, call.col, name)
            return
        lo, hi, allowed_types = DECORATORS.get(name, (0, None, None))
        if not (lo <= len(call.args) <= (hi if hi is not None else len(call.args))):
            self.error("BCP071", call.line, call.col, _count_text(lo, hi), len(call.args))
        target_type = getattr(target, "type", None)
        if allowed_types and isinstance(target, A.ParamDecl) and target_type and \
                target_type.removesuffix("[]") and _base_type(target_type) not in allowed_types:
            self.error("BCP124", dec.line, dec.col + 1, name, " | ".join(sorted(allowed_types)),
                       _base_type(target_type))
        for a in call.args:
            self.expr(a, set())

    def check_type(self, type_name: str, line: int, col: int, code: str) -> None:
        if _base_type(type_name) not in TYPES and not type_name.endswith("[]"):
            self.error(code, line, col)

    def literal_type_check(self, node, declared: str, code: str) -> None:
        actual = literal_type(node)
        expected = _base_type(declared)
        if actual is None or actual == expected or actual == "null":
            return
        if code == "BCP027":
            self.error(code, node.line, node.col, expected, actual)
        else:
            self.error(code, node.line, node.col, expected, actual)

    # -- expressions ---------------------------------------------------------------------------
    def use(self, name: str) -> None:
        if self.current is not None:
            self.an.uses.setdefault(id(self.current), set()).add(name)

    def expr(self, node, scope: set[str]) -> None:
        if node is None or isinstance(node, A.Literal):
            return
        if isinstance(node, A.Interp):
            for p in node.parts:
                if not isinstance(p, str):
                    self.expr(p, scope)
        elif isinstance(node, A.Ident):
            self.ident(node, scope)
        elif isinstance(node, A.Member):
            if node.name.startswith("::"):
                self.expr(node.target, scope)
                return
            self.expr(node.target, scope)
        elif isinstance(node, A.Index):
            self.expr(node.target, scope)
            self.expr(node.index, scope)
        elif isinstance(node, A.Call):
            self.call(node, scope)
        elif isinstance(node, A.Unary):
            self.expr(node.operand, scope)
        elif isinstance(node, A.Binary):
            self.expr(node.left, scope)
            self.expr(node.right, scope)
        elif isinstance(node, A.Ternary):
            for n in (node.cond, node.then, node.other):
                self.expr(n, scope)
        elif isinstance(node, A.ObjectExpr):
            keys: set[str] = set()
            for p in node.props:
                if isinstance(p, A.ResourceDecl):
                    self.resource(p)
                    continue
                if p.key in keys:
                    self.error("BCP025", p.line, p.col, p.key)
                keys.add(p.key)
                self.expr(p.value, scope)
        elif isinstance(node, A.ArrayExpr):
            for i in node.items:
                self.expr(i, scope)
        elif isinstance(node, A.ForExpr):
            self.expr(node.iterable, scope)
            inner = scope | {n for n in (node.item, node.index) if n}
            body = node.body
            if isinstance(body, A.IfBody):
                self.expr(body.condition, inner)
                body = body.body
            self.expr(body, inner)
        elif isinstance(node, A.IfBody):
            self.expr(node.condition, scope)
            self.expr(node.body, scope)

    def ident(self, node: A.Ident, scope: set[str]) -> None:
        if node.name in scope:
            return
        sym = self.an.symbols.get(node.name)
        if sym is None or (sym.kind == "resource" and not self.visible(sym.decl)):
            self.unknown(node.name, node.line, node.col, scope)
            return
        if sym.kind == "output":
            self.error("BCP058", node.line, node.col, node.name)
            return
        if self.in_param_default and sym.kind != "param":
            self.error("BCP072", node.line, node.col)
            return
        if self.current is not None and sym.decl is self.current and sym.kind in ("var", "resource", "param", "module"):
            self.error("BCP079", node.line, node.col)
            return
        sym.references += 1
        self.use(node.name)

    def visible(self, decl: A.ResourceDecl) -> bool:
        """Nested resources are in scope only inside their parent's body."""
        if decl.parent_decl is None:
            return True
        cur = self.current
        while cur is not None:
            if cur is decl.parent_decl:
                return True
            cur = getattr(cur, "parent_decl", None)
        return False

    def unknown(self, name: str, line: int, col: int, scope: set[str]) -> None:
        candidates = list(scope) + [n for n, s in self.an.symbols.items() if s.kind != "output"]
        suggestion = spelling_suggestion(name, candidates)
        if suggestion:
            self.error("BCP082", line, col, name, suggestion)
        else:
            self.error("BCP057", line, col, name)

    def call(self, node: A.Call, scope: set[str]) -> None:
        target = node.target
        if target is not None and not (isinstance(target, A.Ident) and target.name in ("az", "sys")):
            self.expr(target, scope)
            for a in node.args:
                self.expr(a, scope)
            return
        name = node.name
        if name in PARAMS_FILE_ONLY and not self.params_file:
            self.error("BCP057", node.line, node.col, name)
        elif name in NOT_SUPPORTED:
            self.error(NOT_SUPPORTED[name], node.line, node.col)
        elif name in FUNCTIONS:
            lo, hi = FUNCTIONS[name]
            if len(node.args) < lo or (hi is not None and len(node.args) > hi):
                self.error("BCP071", node.line, node.col, _count_text(lo, hi), len(node.args))
            if name in PARAM_DEFAULT_ONLY and not self.in_param_default:
                self.error("BCP065", node.line, node.col, name)
        elif name in self.an.symbols or name in scope:
            self.error("BCP059", node.line, node.col, name)
        else:
            suggestion = spelling_suggestion(name, list(FUNCTIONS))
            if suggestion:
                self.error("BCP082", node.line, node.col, name, suggestion)
            else:
                self.error("BCP057", node.line, node.col, name)
        for a in node.args:
            self.expr(a, scope)

    def cycles(self) -> None:
        graph = {name: {u for u in self.an.uses.get(id(sym.decl), set()) if u != name and u in self.an.symbols}
                 for name, sym in self.an.symbols.items() if sym.kind in ("var", "resource", "module")}
        state: dict[str, int] = {}

        def visit(n: str, path: list[str]) -> None:
            state[n] = 1
            for m in sorted(graph.get(n, ())):
                if state.get(m) == 1:
                    cycle = path[path.index(m):] + [m] if m in path else [n, m]
                    d = self.an.symbols[m].decl
                    self.error("BCP080", d.name_line, d.name_col, '" -> "'.join(cycle))
                elif m in graph and state.get(m) is None:
                    visit(m, path + [m])
            state[n] = 2

        for n in sorted(graph):
            if state.get(n) is None:
                visit(n, [n])
