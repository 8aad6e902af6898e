"""PowerShell parser, part 3: the compound statements beyond if/foreach: function (with param blocks), while,
do/while, do/until, for, switch and try/catch/finally (mixed into Parser)."""

from __future__ import annotations

import re

from . import ast as A
from .parser_lex import EOF, NAME_CHARS, QUOTES_D, QUOTES_S
from .values import ParseError

NAMED_BLOCKS = ("begin", "process", "end", "dynamicparam", "clean")
SWITCH_FLAGS = {"regex": "regex", "wildcard": "wildcard", "exact": "exact", "casesensitive": "case"}


class Statements:
    # -- function ------------------------------------------------------------------------------
    def kw_function(self):
        return self._function()

    def kw_filter(self):
        return self._function(filter_=True)

    def _function(self, filter_: bool = False):
        self.ws()
        m = re.compile(r"[^\s{(]+").match(self.text, self.pos)
        if not m:
            raise ParseError("Missing function name after function keyword.", self.pos)
        name = m.group(0)
        self.pos = m.end()
        self.ws()
        params: list = []
        advanced = False
        if self.ch() == "(":
            self.pos += 1
            params, advanced = self._param_list(")")
        self.ws(newlines=True)
        if self.ch() != "{":
            raise ParseError("Missing function body in function declaration.", self.pos)
        start = self.pos
        self.pos += 1
        body = self.script_body(params, advanced)
        if filter_ and body.begin is None and body.process is None:
            body.process, body.body = body.body, A.Script([])
        return A.FunctionDef(name, body.params, body.body, body.advanced, self.text[start:self.pos], body.begin,
                             body.process)

    def script_body(self, params: list | None = None, advanced: bool = False) -> A.Block:
        """What follows `{` of a function or script block, up to and past its `}`: [CmdletBinding()], a param
        block, then statements or named blocks (begin/process/end; dynamicparam and clean are refused)."""
        start = self.pos
        params = list(params or [])
        self.ws(newlines=True)
        if self._at_cmdletbinding():
            advanced = True
        if not params and self.word_at().lower() == "param" and self._after_word_is("("):
            self.pos += 5
            self.ws()
            self.pos += 1
            params, adv = self._param_list(")")
            advanced = advanced or adv
        self.skip_separators()
        w = self.word_at().lower()
        if w not in NAMED_BLOCKS or not self._after_word_is("{"):
            body = self.script(end="}")
            self.pos += 1
            return A.Block(body, self.text[start:self.pos - 1], params, None, None, advanced)
        blocks: dict = {}
        while True:
            self.skip_separators()
            if self.ch() == "}":
                self.pos += 1
                break
            w = self.word_at().lower()
            if self.ch() == EOF:
                raise ParseError("Missing closing '}' in statement block or type definition.", self.pos)
            if w not in NAMED_BLOCKS or not self._after_word_is("{"):
                raise ParseError(f"Unexpected token '{self._token_text()}' in expression or statement.", self.pos)
            if w in ("dynamicparam", "clean"):
                raise ParseError(f"The '{w}' block is not supported by the lab's PowerShell; use begin, process "
                                 "and end blocks.", self.pos)
            if w in blocks:
                raise ParseError(f"Script command clause '{w}' has already been defined.", self.pos)
            self.pos += len(w)
            blocks[w] = self.block()
        return A.Block(blocks.get("end") or A.Script([]), self.text[start:self.pos - 1], params,
                       blocks.get("begin"), blocks.get("process"), advanced)

    def _after_word_is(self, c: str) -> bool:
        rest = self.text[self.pos + len(self.word_at()):]
        return rest.lstrip(" \t").startswith(c)

    def _at_cmdletbinding(self) -> bool:
        m = re.compile(r"\[CmdletBinding\s*(\([^)]*\))?\]", re.I).match(self.text, self.pos)
        if m:
            self.pos = m.end()
            self.ws(newlines=True)
            return True
        return False

    def _attribute(self) -> str:
        """One `[...]` attribute or type constraint, brackets balanced; returns its inner text."""
        depth = 0
        start = self.pos
        while True:
            c = self.ch()
            if c == EOF:
                raise ParseError("Missing closing ']' in attribute.", start)
            if c in QUOTES_S:
                self.single_quoted()
                continue
            if c in QUOTES_D:
                self.double_quoted()
                continue
            self.pos += 1
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    return self.text[start + 1:self.pos - 1]

    def _param_list(self, end: str):
        params: list = []
        advanced = False
        while True:
            self.ws(newlines=True)
            if self.ch() == end:
                self.pos += 1
                return params, advanced
            p = A.ParamDef("")
            while self.ch() == "[":
                attr = self._attribute().strip()
                low = attr.lower()
                if low.startswith("parameter"):
                    advanced = True
                    p.mandatory = bool(re.search(r"mandatory\s*(=\s*\$true|[,)])", low))
                    p.pipeline = bool(re.search(r"valuefrompipeline\s*(=\s*\$true\s*)?[,)]", low))
                    p.by_property = bool(re.search(r"valuefrompipelinebypropertyname\s*(=\s*\$true\s*)?[,)]", low))
                elif low.startswith("validateset"):
                    p.values = tuple(re.findall(r"['\"]([^'\"]*)['\"]", attr))
                elif low.startswith("alias"):
                    p.aliases = tuple(re.findall(r"['\"]([^'\"]*)['\"]", attr))
                elif "(" not in attr:
                    p.type = attr
                self.ws(newlines=True)
            if self.ch() != "$":
                raise ParseError("Missing ')' in function parameter list.", self.pos)
            self.pos += 1
            p.name = self._var_name()
            self.ws()
            if self.ch() == "=":
                self.pos += 1
                self.ws(newlines=True)
                p.default = self.additive_noncomma()
            params.append(p)
            self.ws(newlines=True)
            if self.ch() == ",":
                self.pos += 1
            elif self.ch() != end:
                raise ParseError("Missing ')' in function parameter list.", self.pos)

    # -- loops ---------------------------------------------------------------------------------
    def kw_while(self):
        cond = self.condition("while")
        return A.While(cond, self.block())

    def kw_do(self):
        body = self.block()
        self.ws(newlines=True)
        w = self.word_at().lower()
        if w not in ("while", "until"):
            raise ParseError("Missing while or until keyword in do loop.", self.pos)
        self.pos += len(w)
        return A.DoLoop(body, self.condition(w), until=w == "until")

    def kw_for(self):
        self.ws()
        self.expect("(", "Missing opening '(' after keyword 'for'.")
        parts = []
        for stop in (";", ";", ")"):
            self.ws(newlines=True)
            parts.append(None if self.ch() == stop else self.statement())
            self.ws(newlines=True)
            self.expect(stop, "Missing closing ')' after expression in 'for' statement." if stop == ")"
                        else "Missing ';' in for statement.")
        return A.For(parts[0], parts[1], parts[2], self.block())

    # -- switch --------------------------------------------------------------------------------
    def kw_switch(self):
        mode, case = "exact", False
        while True:
            self.ws()
            m = re.compile(r"-([A-Za-z]+)").match(self.text, self.pos)
            if not m:
                break
            flag = SWITCH_FLAGS.get(m.group(1).lower())
            if flag is None:
                raise ParseError(f"Unexpected token '{m.group(0)}' in switch statement.", self.pos)
            self.pos = m.end()
            if flag == "case":
                case = True
            else:
                mode = flag
        value = self.condition("switch")
        self.ws(newlines=True)
        self.expect("{", "Missing opening '{' in switch statement.")
        clauses: list = []
        while True:
            self.skip_separators()
            c = self.ch()
            if c == "}":
                self.pos += 1
                break
            if c == EOF:
                raise ParseError("Missing closing '}' in switch statement.", self.pos)
            if self.word_at().lower() == "default" and not NAME_CHARS.match(self.ch(7)):
                self.pos += 7
                pattern = None
            elif c == "{":
                pattern = self.primary()
            else:
                pattern = self.arg_value()
            clauses.append((pattern, self.block()))
        return A.Switch(value, clauses, mode, case)

    # -- try -----------------------------------------------------------------------------------
    def kw_try(self):
        body = self.block()
        catches: list = []
        final = None
        while True:
            save = self.pos
            self.ws(newlines=True)
            w = self.word_at().lower()
            if w == "catch" and not NAME_CHARS.match(self.ch(5)):
                self.pos += 5
                types = []
                while True:
                    self.ws()
                    m = re.compile(r"\[([A-Za-z_][\w.]*)\]").match(self.text, self.pos)
                    if not m:
                        break
                    types.append(m.group(1))
                    self.pos = m.end()
                    self.ws()
                    if self.ch() == ",":
                        self.pos += 1
                catches.append((types, self.block()))
            elif w == "finally" and not NAME_CHARS.match(self.ch(7)):
                self.pos += 7
                final = self.block()
                break
            else:
                self.pos = save
                break
        if not catches and final is None:
            raise ParseError("The Try statement is missing its Catch or Finally block.", self.pos)
        return A.Try(body, catches, final)
