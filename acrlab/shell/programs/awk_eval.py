"""Running an awk program: fields and $0 rebuilding, arrays, user functions, statements and expressions (the
built-in functions are in awk_builtins.py, values and printf in awk_values.py)."""

from __future__ import annotations

import math
import random

from .awk_values import (
    AwkError,
    Break,
    Continue,
    Exit,
    Next,
    NextFile,
    Return,
    StrNum,
    compare,
    format_printf,
    to_num,
    to_str,
    truth,
)
from .posix_re import Pattern, RegexError, RegexTooCostly

__all__ = ["AwkError", "Exit", "Interpreter", "Next", "NextFile", "StrNum", "format_printf", "to_num", "to_str",
           "truth"]

MAX_STEPS = 2_000_000


class Interpreter:
    def __init__(self, program, variables: dict, io, sh, environ: dict):
        self.p = program
        self.io = io
        self.sh = sh
        self.globals: dict = {"FS": " ", "OFS": " ", "ORS": "\n", "RS": "\n", "NR": 0.0, "NF": 0.0, "FNR": 0.0,
                              "SUBSEP": "\x1c", "RSTART": 0.0, "RLENGTH": -1.0, "FILENAME": "", "CONVFMT": "%.6g",
                              "OFMT": "%.6g", "ENVIRON": {k: StrNum(v) for k, v in environ.items()}}
        self.globals.update(variables)
        self.frames: list[dict] = []
        self.fields: list = [""]
        self.nf = 0
        self.steps = 0
        self.regex_cache: dict = {}
        self.rng = random.Random(0)
        self.seed = 0.0
        self.files: dict[str, list[str]] = {}
        self.out: list[str] = []

    # -- records and fields -------------------------------------------------------------------------------
    def set_record(self, text: str) -> None:
        self.fields = [StrNum(text)]
        self._split_fields()

    def _split_fields(self) -> None:
        text = self.fields[0]
        fs = to_str(self.globals["FS"])
        if fs == " ":
            parts = text.split()
        elif text == "":
            parts = []
        elif len(fs) == 1 and fs != "\\":
            parts = text.split(fs) if fs != "\t" or True else []
        else:
            parts = self.split_regex(text, fs)
        self.fields = [self.fields[0]] + [StrNum(x) for x in parts]
        self.nf = len(parts)
        self.globals["NF"] = float(self.nf)

    def split_regex(self, text: str, fs: str) -> list[str]:
        pat = self.regex(fs)
        out, pos = [], 0
        for a, b in pat.finditer(text):
            if b == a:
                continue
            out.append(text[pos:a])
            pos = b
        out.append(text[pos:])
        return out

    def rebuild(self) -> None:
        ofs = to_str(self.globals["OFS"])
        self.fields[0] = StrNum(ofs.join(to_str(f) for f in self.fields[1:]))

    def get_field(self, n: int):
        if n < 0:
            raise AwkError(f"attempt to access field {n}")
        self.sync_nf()
        return self.fields[n] if n < len(self.fields) else StrNum("")

    def sync_nf(self) -> None:
        want = int(to_num(self.globals["NF"]))
        if want != self.nf:
            if want < 0:
                raise AwkError("NF set to negative value")
            self.fields = (self.fields + [StrNum("")] * want)[:want + 1]
            self.nf = want
            self.rebuild()

    def set_field(self, n: int, value) -> None:
        if n < 0:
            raise AwkError(f"attempt to access field {n}")
        self.sync_nf()
        if n == 0:
            self.fields[0] = StrNum(to_str(value))
            self._split_fields()
            return
        while len(self.fields) <= n:
            self.fields.append(StrNum(""))
        self.fields[n] = value
        self.nf = max(self.nf, n)
        self.globals["NF"] = float(self.nf)
        self.rebuild()

    # -- variables ----------------------------------------------------------------------------------------
    def scope(self, name: str) -> dict:
        if self.frames and name in self.frames[-1]:
            return self.frames[-1]
        return self.globals

    def array(self, name: str) -> dict:
        scope = self.scope(name)
        v = scope.get(name)
        if v is None or v == "" and not isinstance(v, dict):
            v = scope[name] = {}
        if not isinstance(v, dict):
            raise AwkError(f"attempt to use scalar `{name}' as an array")
        return v

    def subscript(self, exprs: list) -> str:
        conv = to_str(self.globals["CONVFMT"])
        return to_str(self.globals["SUBSEP"]).join(to_str(self.eval(e), conv) for e in exprs)

    def regex(self, source: str) -> Pattern:
        pat = self.regex_cache.get(source)
        if pat is None:
            from .sed_parse import _sed_escapes

            try:
                pat = Pattern(_sed_escapes(source), extended=True)
            except RegexError as e:
                raise AwkError(f"invalid regexp /{source}/: {e}")
            self.regex_cache[source] = pat
        return pat

    def regex_of(self, node) -> Pattern:
        if node[0] == "regex":
            return self.regex(node[1])
        return self.regex(to_str(self.eval(node), to_str(self.globals["CONVFMT"])))

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise AwkError("the program runs without end (stopped by the lab after 2,000,000 steps)")

    # -- statements ---------------------------------------------------------------------------------------
    def run_block(self, stmts: list) -> None:
        for s in stmts:
            self.execute(s)

    def execute(self, s) -> None:
        self.tick()
        kind = s[0]
        if kind == "expr":
            self.eval(s[1])
        elif kind == "print":
            conv = to_str(self.globals["OFMT"])
            text = to_str(self.globals["OFS"]).join(to_str(self.eval(a), conv) for a in s[1]) if s[1] \
                else to_str(self.get_field(0))
            self.write(text + to_str(self.globals["ORS"]), s[2])
        elif kind == "printf":
            values = [self.eval(a) for a in s[1]]
            self.write(format_printf(to_str(values[0]), values[1:]), s[2])
        elif kind == "block":
            self.run_block(s[1])
        elif kind == "if":
            if truth(self.eval(s[1])):
                self.execute(s[2])
            elif s[3] is not None:
                self.execute(s[3])
        elif kind == "while":
            while truth(self.eval(s[1])):
                if self.loop_once(s[2]):
                    break
        elif kind == "do":
            while True:
                if self.loop_once(s[1]) or not truth(self.eval(s[2])):
                    break
        elif kind == "for":
            if s[1] is not None:
                self.eval(s[1])
            while s[2] is None or truth(self.eval(s[2])):
                if self.loop_once(s[4]):
                    break
                if s[3] is not None:
                    self.eval(s[3])
        elif kind == "forin":
            arr = self.array(s[2])
            for key in list(arr):
                if key not in arr:
                    continue
                self.scope(s[1])[s[1]] = StrNum(key)
                if self.loop_once(s[3]):
                    break
        elif kind == "break":
            raise Break()
        elif kind == "continue":
            raise Continue()
        elif kind == "next":
            raise Next()
        elif kind == "nextfile":
            raise NextFile()
        elif kind == "exit":
            raise Exit(int(to_num(self.eval(s[1]))) if s[1] is not None else self.exit_code)
        elif kind == "return":
            raise Return(self.eval(s[1]) if s[1] is not None else "")
        elif kind == "delete":
            arr = self.array(s[1])
            if s[2] is None:
                arr.clear()
            else:
                arr.pop(self.subscript(s[2]), None)

    exit_code = 0

    def loop_once(self, body) -> bool:
        """Run a loop body; True when it breaks."""
        try:
            self.execute(body)
        except Break:
            return True
        except Continue:
            pass
        return False

    def write(self, text: str, redirect) -> None:
        if redirect is None:
            self.out.append(text)
            return
        mode, target = redirect
        path = to_str(self.eval(target))
        if path in ("/dev/stdout", "-"):
            self.out.append(text)
        elif path == "/dev/stderr":
            self.io.err(text, end="")
        else:
            if path not in self.files:
                self.files[path] = [self.sh.read_file(path) or ""] if mode == ">>" else []
            self.files[path].append(text)

    # -- expressions --------------------------------------------------------------------------------------
    def eval(self, e):
        from .awk_builtins import call_builtin

        kind = e[0]
        if kind == "num":
            return e[1]
        if kind == "str":
            return e[1]
        if kind == "var":
            v = self.scope(e[1]).get(e[1], "")
            if e[1] == "NF":
                self.sync_nf()
                return float(self.nf)
            return v
        if kind == "field":
            return self.get_field(int(to_num(self.eval(e[1]))))
        if kind == "index":
            key = self.subscript(e[2])
            arr = self.array(e[1])
            if key not in arr:
                arr[key] = ""
            return arr[key]
        if kind in ("group",):
            return self.eval(e[1])
        if kind == "grouping":
            raise AwkError("a parenthesized list is only allowed before `in'")
        if kind == "regex":
            return 1.0 if self.search(self.regex(e[1]), to_str(self.get_field(0))) else 0.0
        if kind == "assign":
            return self.assign(e)
        if kind == "cond":
            return self.eval(e[2]) if truth(self.eval(e[1])) else self.eval(e[3])
        if kind == "or":
            return 1.0 if truth(self.eval(e[1])) or truth(self.eval(e[2])) else 0.0
        if kind == "and":
            return 1.0 if truth(self.eval(e[1])) and truth(self.eval(e[2])) else 0.0
        if kind == "in":
            return 1.0 if self.subscript(e[1]) in self.array(e[2]) else 0.0
        if kind == "match":
            hit = self.search(self.regex_of(e[3]), to_str(self.eval(e[2]), to_str(self.globals["CONVFMT"])))
            return 1.0 if hit != e[1] else 0.0
        if kind == "cmp":
            c = compare(self.eval(e[2]), self.eval(e[3]))
            return 1.0 if {"<": c < 0, "<=": c <= 0, "==": c == 0, "!=": c != 0, ">": c > 0, ">=": c >= 0}[e[1]] \
                else 0.0
        if kind == "concat":
            conv = to_str(self.globals["CONVFMT"])
            return to_str(self.eval(e[1]), conv) + to_str(self.eval(e[2]), conv)
        if kind == "bin":
            return self.arith(e[1], to_num(self.eval(e[2])), to_num(self.eval(e[3])))
        if kind == "neg":
            return -to_num(self.eval(e[1]))
        if kind == "pos":
            return to_num(self.eval(e[1]))
        if kind == "not":
            return 0.0 if truth(self.eval(e[1])) else 1.0
        if kind in ("preinc", "postinc"):
            old = to_num(self.eval(e[2]))
            new = old + (1 if e[1] == "++" else -1)
            self.store(e[2], new)
            return new if kind == "preinc" else old
        if kind == "builtin":
            return call_builtin(self, e[1], e[2])
        if kind == "call":
            return self.call(e[1], e[2])
        raise AwkError(f"unknown expression {kind}")

    def search(self, pat: Pattern, text: str) -> bool:
        try:
            return pat.search(text) is not None
        except RegexTooCostly as err:
            raise AwkError(str(err))

    def arith(self, op: str, x: float, y: float) -> float:
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            if y == 0:
                raise AwkError("division by zero attempted")
            return x / y
        if op == "%":
            if y == 0:
                raise AwkError("division by zero attempted in `%'")
            return math.fmod(x, y)
        try:
            return float(x ** y)
        except (OverflowError, ZeroDivisionError):
            return math.inf

    def assign(self, e):
        op, target, value = e[1], e[2], self.eval(e[3])
        if op != "=":
            value = self.arith(op[0], to_num(self.eval(target)), to_num(value))
        if isinstance(value, dict):
            raise AwkError("attempt to use array in a scalar context")
        self.store(target, value)
        return value

    def store(self, target, value) -> None:
        kind = target[0]
        if kind == "var":
            name = target[1]
            scope = self.scope(name)
            if isinstance(scope.get(name), dict):
                raise AwkError(f"attempt to use array `{name}' in a scalar context")
            scope[name] = value
            if name == "NF":
                self.sync_nf()
        elif kind == "field":
            self.set_field(int(to_num(self.eval(target[1]))), value)
        else:
            self.array(target[1])[self.subscript(target[2])] = value

    def call(self, name: str, args: list):
        fn = self.p.functions.get(name)
        if fn is None:
            raise AwkError(f"function `{name}' not defined")
        params, body = fn
        if len(args) > len(params):
            raise AwkError(f"function `{name}' called with more arguments than declared")
        if len(self.frames) > 200:
            raise AwkError("function calls nest too deeply (stopped by the lab)")
        frame: dict = {}
        for k, p in enumerate(params):
            if k < len(args):
                a = args[k]
                if a[0] == "var" and isinstance(self.scope(a[1]).get(a[1]), dict):
                    frame[p] = self.scope(a[1])[a[1]]  # arrays are passed by reference
                elif a[0] == "var" and self.scope(a[1]).get(a[1], "") == "" and a[1] not in self.scope(a[1]):
                    frame[p] = self.scope(a[1]).setdefault(a[1], {}) if self._used_as_array(body, p) else ""
                else:
                    frame[p] = self.eval(a)
            else:
                frame[p] = ""
        self.frames.append(frame)
        try:
            self.run_block(body)
            return ""
        except Return as r:
            return r.value
        finally:
            self.frames.pop()

    @staticmethod
    def _used_as_array(body, name: str) -> bool:
        text = repr(body)
        return f"('index', '{name}'" in text or f"'delete', '{name}'" in text or "'in', " in text and \
            f"'{name}')" in text
