"""Recursive-descent parser for the bash subset (tokens from bash.Lexer, nodes from bash)."""

from __future__ import annotations

from .bash import (
    REDIRECTS,
    AndOr,
    Arith,
    ArithFor,
    BashSyntaxError,
    Compound,
    For,
    FuncDef,
    Group,
    If,
    Lexer,
    Pipeline,
    Redirect,
    Simple,
    While,
)
from .bash_parse_clauses import CASE_ENDS, ClauseParser, plain

RESERVED = {"if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until", "case", "esac",
            "function", "{", "}", "!", "[[", "]]"}
CLOSERS = {"then", "elif", "else", "fi", "do", "done", "esac", "}"}
MAX_NESTING = 100


def _is_name(s: str | None) -> bool:
    return bool(s) and (s[0].isalpha() or s[0] == "_") and all(c.isalnum() or c == "_" for c in s)


class Parser(ClauseParser):
    def __init__(self, text: str):
        self.text = text
        self.toks = list(Lexer(text).tokens())
        self.pos = 0
        self.nesting = 0

    # -- token helpers -------------------------------------------------------------------------
    def peek(self, n: int = 0):
        j = self.pos + n
        return self.toks[j] if j < len(self.toks) else None

    def next(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def peek_word(self) -> str | None:
        tok = self.peek()
        return plain(tok[1]) if tok and tok[0] == "word" else None

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return bool(tok) and tok[0] == "op" and tok[1] in ops

    def unexpected(self, tok=None):
        tok = tok if tok is not None else self.peek()
        if tok is None:
            raise BashSyntaxError("syntax error: unexpected end of file")
        if tok[0] == "nl":
            shown = "newline"
        elif tok[0] in ("op", "arith"):
            shown = tok[1] if tok[0] == "op" else "(("
        elif tok[0] == "redir":
            shown = tok[1].op
        else:
            shown = self.text[tok[2]:tok[3]]
        raise BashSyntaxError(f"syntax error near unexpected token `{shown}'")

    def skip_newlines(self) -> None:
        while self.peek() and self.peek()[0] == "nl":
            self.pos += 1

    def expect_word(self, word: str) -> None:
        self.skip_newlines()
        if self.peek_word() != word:
            self.unexpected()
        self.pos += 1

    # -- grammar ---------------------------------------------------------------------------------
    def program(self) -> list[AndOr]:
        result: list[AndOr] = []
        start = 0
        while True:
            self.skip_newlines()
            tok = self.peek()
            if tok is None:
                return result
            if tok[0] == "op" and tok[1] in (";", "&", ")") + CASE_ENDS or self.peek_word() in CLOSERS:
                self.unexpected()
            first = tok[2]
            andor = self.and_or()
            term = self.peek()
            if term is not None and not (term[0] == "nl" or term[0] == "op" and term[1] in (";", "&")):
                self.unexpected()
            end = term[3] if term else len(self.text)
            if term is not None:
                self.pos += 1
            andor.text = self.text[min(start, first):end].strip() if start <= first else self.text[first:end].strip()
            result.append(andor)
            start = end

    def compound_list(self, closers: set[str], close_paren: bool = False, stop_ops: tuple = ()) -> list[AndOr]:
        """Commands up to (not including) a closing reserved word, `)` or one of stop_ops; at least one."""
        items: list[AndOr] = []
        while True:
            self.skip_newlines()
            tok = self.peek()
            if tok is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            if self.peek_word() in closers or (close_paren and self.is_op(")")) or self.is_op(*stop_ops):
                if not items:
                    self.unexpected()
                return items
            if tok[0] == "op" and tok[1] in (";", "&", ")") + CASE_ENDS:
                self.unexpected()
            first = tok[2]
            andor = self.and_or()
            term = self.peek()
            andor.text = self.text[first:(term[2] if term else len(self.text))].strip()
            items.append(andor)
            if term is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            if term[0] == "nl" or term[0] == "op" and term[1] in (";", "&"):
                self.pos += 1
            elif not (self.peek_word() in closers or (close_paren and self.is_op(")")) or self.is_op(*stop_ops)):
                self.unexpected()

    def and_or(self) -> AndOr:
        parts: list[tuple[str | None, Pipeline]] = [(None, self.pipeline())]
        while self.is_op("&&", "||"):
            op = self.next()[1]
            self.skip_newlines()
            if self.peek() is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            parts.append((op, self.pipeline()))
        return AndOr(parts)

    def pipeline(self) -> Pipeline:
        negate = False
        while self.peek_word() == "!":
            self.pos += 1
            negate = not negate
        cmds = [self.command()]
        while self.is_op("|"):
            self.pos += 1
            self.skip_newlines()
            if self.peek() is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            cmds.append(self.command())
        return Pipeline(cmds, negate)

    def command(self) -> Simple | Compound:
        tok = self.peek()
        if tok is None:
            raise BashSyntaxError("syntax error: unexpected end of file")
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise BashSyntaxError("syntax error: too many nested compound commands")
        try:
            node = self._command(tok)
        finally:
            self.nesting -= 1
        if isinstance(node, Compound) and not isinstance(node, FuncDef):
            node.redirects.extend(self.redirections())
        return node

    def _command(self, tok) -> Simple | Compound:
        if tok[0] == "arith":
            self.pos += 1
            return Arith(tok[1])
        if tok[0] == "op" and tok[1] == "(":
            self.pos += 1
            return Group(self.body_then_paren(), subshell=True)
        word = self.peek_word()
        if word == "if":
            return self.if_clause()
        if word in ("while", "until"):
            self.pos += 1
            cond = self.compound_list({"do"})
            self.expect_word("do")
            body = self.compound_list({"done"})
            self.expect_word("done")
            return While(cond, body, until=word == "until")
        if word == "for":
            return self.for_clause()
        if word == "{":
            self.pos += 1
            body = self.compound_list({"}"})
            self.expect_word("}")
            return Group(body)
        if word == "[[":
            return self.cond()
        if word == "function":
            self.pos += 1
            name = self.peek_word()
            if not _is_name(name):
                self.unexpected()
            self.pos += 1
            if self.is_op("("):
                self.pos += 1
                if not self.is_op(")"):
                    self.unexpected()
                self.pos += 1
            return self.function_body(name)
        if word == "case":
            return self.case_clause()
        if word in CLOSERS or word in ("in", "]]"):
            self.unexpected()
        if _is_name(word) and self.peek(1) and self.peek(1)[0] == "op" and self.peek(1)[1] == "(":
            if not (self.peek(2) and self.peek(2)[0] == "op" and self.peek(2)[1] == ")"):
                self.unexpected(self.peek(2) or ("nl", None, 0, 0))
            self.pos += 3
            return self.function_body(word)
        return self.simple()

    def function_body(self, name: str) -> FuncDef:
        self.skip_newlines()
        tok = self.peek()
        if tok is None:
            raise BashSyntaxError("syntax error: unexpected end of file")
        if not (self.peek_word() in ("{", "if", "while", "until", "for", "[[", "case") or tok[0] in ("arith",)
                or (tok[0] == "op" and tok[1] == "(")):
            self.unexpected()
        return FuncDef(name, self.command())

    def body_then_paren(self) -> list:
        body = self.compound_list(set(), close_paren=True)
        if not self.is_op(")"):
            self.unexpected()
        self.pos += 1
        return body

    def if_clause(self) -> If:
        self.pos += 1
        clauses = []
        cond = self.compound_list({"then"})
        self.expect_word("then")
        body = self.compound_list({"elif", "else", "fi"})
        clauses.append((cond, body))
        orelse = None
        while True:
            self.skip_newlines()
            word = self.peek_word()
            self.pos += 1
            if word == "elif":
                cond = self.compound_list({"then"})
                self.expect_word("then")
                clauses.append((cond, self.compound_list({"elif", "else", "fi"})))
            elif word == "else":
                orelse = self.compound_list({"fi"})
                self.expect_word("fi")
                return If(clauses, orelse)
            elif word == "fi":
                return If(clauses, orelse)
            else:
                self.pos -= 1
                self.unexpected()

    def for_clause(self) -> For | ArithFor:
        self.pos += 1
        tok = self.peek()
        if tok and tok[0] == "arith":
            self.pos += 1
            parts = tok[1].split(";")
            if len(parts) != 3:
                raise BashSyntaxError(f"syntax error: arithmetic expression required (error token is \"{tok[1]}\")")
            if self.is_op(";"):
                self.pos += 1
            self.skip_newlines()
            body = self.loop_body()
            return ArithFor(parts[0].strip(), parts[1].strip(), parts[2].strip(), body)
        name = self.peek_word()
        if not _is_name(name):
            if tok is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            raise BashSyntaxError(f"`{self.text[tok[2]:tok[3]] if tok[0] == 'word' else tok[1]}': not a valid identifier")
        self.pos += 1
        words = None
        self.skip_newlines()
        if self.peek_word() == "in":
            self.pos += 1
            words = []
            while self.peek() and self.peek()[0] == "word":
                words.append(self.next()[1])
            if not (self.peek() and (self.peek()[0] == "nl" or self.is_op(";"))):
                self.unexpected()
            self.pos += 1
        elif self.is_op(";"):
            self.pos += 1
        self.skip_newlines()
        return For(name, words, self.loop_body())

    def loop_body(self) -> list[AndOr]:
        word = self.peek_word()
        if word == "{":
            self.pos += 1
            body = self.compound_list({"}"})
            self.expect_word("}")
            return body
        self.expect_word("do")
        body = self.compound_list({"done"})
        self.expect_word("done")
        return body

    def redirections(self) -> list[Redirect]:
        found = []
        while True:
            tok = self.peek()
            if tok and tok[0] == "redir":
                self.pos += 1
                found.append(tok[1])
            elif tok and tok[0] == "op" and tok[1] in REDIRECTS:
                found.append(self.redirect())
            else:
                return found

    def redirect(self) -> Redirect:
        op = self.next()[1]
        r = Redirect(op)
        if op not in ("2>&1", "1>&2", ">&2"):
            nxt = self.peek()
            if nxt is None or nxt[0] != "word":
                self.unexpected(nxt if nxt is not None else ("nl", None, 0, 0))
            self.pos += 1
            r.target = nxt[1]
        return r

    def simple(self) -> Simple:
        cur = Simple()
        while True:
            tok = self.peek()
            if tok is None or tok[0] == "nl":
                break
            if tok[0] == "word":
                cur.words.append(tok[1])
                self.pos += 1
            elif tok[0] == "redir":
                cur.redirects.append(tok[1])
                self.pos += 1
            elif tok[0] == "op" and tok[1] in REDIRECTS:
                cur.redirects.append(self.redirect())
            elif tok[0] == "op" and tok[1] == "(" or tok[0] == "arith":
                last = plain(cur.words[-1]) if cur.words else None
                if last and last.endswith("=") and last[:-1].replace("_", "a").isalnum() and not last[0].isdigit():
                    raise BashSyntaxError(f"{last}(...): arrays are not supported in this lab shell; "
                                          "use a space-separated string and `for x in $LIST`")
                self.unexpected(tok)
            else:
                break
        if not cur.words and not cur.redirects:
            self.unexpected()
        return cur
