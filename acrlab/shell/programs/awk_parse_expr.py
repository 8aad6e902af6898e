"""awk expressions with awk's precedence (assignment, ?:, ||, &&, in, ~, relational, concatenation, additive,
multiplicative, unary, ^, ++/--, $ and primaries), as a mixin of awk_parse.Parser."""

from __future__ import annotations

from .awk_lex import GAWK_ONLY

_OPERAND_START = {"number", "string", "ere", "name", "funcname", "builtin"}


class ExpressionParser:
    # -- expressions --------------------------------------------------------------------------------------
    def expr(self):
        left = self.ternary()
        if self.at_op("=", "+=", "-=", "*=", "/=", "%=", "^="):
            if left[0] not in ("var", "field", "index"):
                self.fail()
            op = self.tok.value
            self.i += 1
            self.newlines()
            return ("assign", op, left, self.expr())
        return left

    def ternary(self):
        cond = self.or_()
        if self.at_op("?"):
            self.i += 1
            self.newlines()
            a = self.expr()
            self.newlines()
            self.expect("op", ":")
            self.newlines()
            return ("cond", cond, a, self.expr())
        return cond

    def or_(self):
        left = self.and_()
        while self.at_op("||"):
            self.i += 1
            self.newlines()
            left = ("or", left, self.and_())
        return left

    def and_(self):
        left = self.in_()
        while self.at_op("&&"):
            self.i += 1
            self.newlines()
            left = ("and", left, self.in_())
        return left

    def in_(self):
        left = self.match()
        while self.at("keyword", "in"):
            self.i += 1
            keys = list(left[1]) if left[0] == "grouping" else [left]
            left = ("in", keys, self.expect("name").value)
        return left

    def match(self):
        left = self.relational()
        while self.at_op("~", "!~"):
            neg = self.tok.value == "!~"
            self.i += 1
            left = ("match", neg, left, self.relational())
        return left

    def relational(self):
        left = self.concat_expr()
        ops = ("<", "<=", "!=", "==", ">=") if self.in_print else ("<", "<=", "!=", "==", ">", ">=")
        if self.at_op(*ops):
            op = self.tok.value
            self.i += 1
            return ("cmp", op, left, self.concat_expr())
        return left

    def concat_expr(self):
        left = self.additive()
        while (self.tok.kind in _OPERAND_START or self.at_op("$", "(", "!", "++", "--")) and \
                not self.at("keyword", "in") and not (self.at_op("!") and self.toks[self.i + 1].value in ("=", "~")):
            if self.at_op("!"):
                break
            left = ("concat", left, self.additive())
        return left

    def additive(self):
        left = self.multiplicative()
        while self.at_op("+", "-"):
            op = self.tok.value
            self.i += 1
            left = ("bin", op, left, self.multiplicative())
        return left

    def multiplicative(self):
        left = self.unary()
        while self.at_op("*", "/", "%"):
            op = self.tok.value
            self.i += 1
            left = ("bin", op, left, self.unary())
        return left

    def unary(self):
        if self.at_op("!"):
            self.i += 1
            return ("not", self.unary())
        if self.at_op("-", "+"):
            op = self.tok.value
            self.i += 1
            return ("neg" if op == "-" else "pos", self.unary())
        return self.power()

    def power(self):
        base = self.postfix()
        if self.at_op("^"):
            self.i += 1
            return ("bin", "^", base, self.unary_power())
        return base

    def unary_power(self):
        if self.at_op("-", "+", "!"):
            op = self.tok.value
            self.i += 1
            return ({"-": "neg", "+": "pos", "!": "not"}[op], self.unary_power())
        return self.power()

    def postfix(self):
        if self.at_op("++", "--"):
            op = self.tok.value
            self.i += 1
            target = self.postfix()
            if target[0] not in ("var", "field", "index"):
                self.fail()
            return ("preinc", op, target)
        e = self.primary()
        if e[0] in ("var", "field", "index") and self.at_op("++", "--"):
            op = self.tok.value
            self.i += 1
            return ("postinc", op, e)
        return e

    def primary(self):
        t = self.tok
        self.i += 1
        if t.kind == "number":
            return ("num", t.value)
        if t.kind == "string":
            return ("str", t.value)
        if t.kind == "ere":
            return ("regex", t.value)
        if t.kind == "op" and t.value == "$":
            return ("field", self.postfix_field())
        if t.kind == "op" and t.value == "(":
            items = self.expr_list(")")
            return ("grouping", items) if len(items) > 1 else ("group", items[0])
        if t.kind == "op" and t.value in ("-", "+", "!"):
            return ({"-": "neg", "+": "pos", "!": "not"}[t.value], self.unary())
        if t.kind == "name":
            if self.at_op("["):
                self.i += 1
                return ("index", t.value, self.expr_list("]"))
            return ("var", t.value)
        if t.kind == "funcname":
            if t.value in GAWK_ONLY:
                self.fail(f"function `{t.value}' is a gawk extension that this lab's awk does not have", t)
            self.expect("op", "(")
            args = [] if self.at_op(")") else None
            if args is None:
                args = self.expr_list(")")
            else:
                self.i += 1
            return ("call", t.value, args)
        if t.kind == "builtin":
            args = []
            if self.at_op("("):
                self.i += 1
                args = [] if self.at_op(")") else None
                if args is None:
                    args = self.expr_list(")")
                else:
                    self.i += 1
            elif t.value != "length":
                self.fail(f"{t.value}: a call needs its arguments in parentheses", t)
            return ("builtin", t.value, args)
        if t.kind == "keyword" and t.value == "getline":
            self.fail("getline is not available in this lab's awk", t)
        self.i -= 1
        self.fail("unexpected newline or end of string" if t.kind in ("newline", "eof") else "syntax error")

    def postfix_field(self):
        if self.at_op("++", "--"):
            op = self.tok.value
            self.i += 1
            return ("preinc", op, self.primary())
        if self.at_op("-"):
            self.i += 1
            return ("neg", self.primary())
        return self.primary()
