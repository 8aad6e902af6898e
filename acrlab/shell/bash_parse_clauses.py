"""The case and [[ ]] clauses of the bash parser (a mixin of bash_parse.Parser, which provides the token
helpers peek/next/is_op/peek_word/unexpected/skip_newlines/compound_list)."""

from __future__ import annotations

from .bash import BashSyntaxError, Case, Cond, Segment

CASE_ENDS = (";;", ";&", ";;&")


def plain(word: list[Segment]) -> str | None:
    """The text of a word made of one unquoted literal (how reserved words and names are recognised)."""
    if len(word) == 1 and word[0][0] == "lit" and not word[0][2]:
        return word[0][1]
    return None


class ClauseParser:
    def case_clause(self) -> Case:
        self.pos += 1
        tok = self.peek()
        if tok is None:
            raise BashSyntaxError("syntax error: unexpected end of file")
        if tok[0] != "word":
            self.unexpected()
        self.pos += 1
        word = tok[1]
        self.skip_newlines()
        if self.peek_word() != "in":
            self.unexpected(self.peek() or ("nl", None, 0, 0))
        self.pos += 1
        items: list = []
        while True:
            self.skip_newlines()
            if self.peek() is None:
                raise BashSyntaxError("syntax error: unexpected end of file")
            if self.peek_word() == "esac":
                self.pos += 1
                return Case(word, items)
            if self.is_op("("):
                self.pos += 1
            patterns = []
            while True:
                tok = self.peek()
                if tok is None:
                    raise BashSyntaxError("syntax error: unexpected end of file")
                if tok[0] != "word":
                    self.unexpected()
                patterns.append(tok[1])
                self.pos += 1
                if self.is_op("|"):
                    self.pos += 1
                elif self.is_op(")"):
                    self.pos += 1
                    break
                else:
                    self.unexpected(self.peek() or ("nl", None, 0, 0))
            self.skip_newlines()
            body = [] if self.is_op(*CASE_ENDS) or self.peek_word() == "esac" else \
                self.compound_list({"esac"}, stop_ops=CASE_ENDS)
            term = self.next()[1] if self.is_op(*CASE_ENDS) else ";;"
            items.append((patterns, body, term))

    def cond(self) -> Cond:
        self.pos += 1
        words: list[list[Segment]] = []
        while True:
            tok = self.peek()
            if tok is None or tok[0] == "nl":
                raise BashSyntaxError("syntax error: unexpected end of file" if tok is None
                                      else "syntax error in conditional expression: unexpected token `newline'")
            self.pos += 1
            if tok[0] == "word":
                if plain(tok[1]) == "]]":
                    break
                words.append(tok[1])
            elif tok[0] == "op" and tok[1] in ("&&", "||", "(", ")", "<", ">"):
                words.append([("lit", tok[1], False)])
            else:
                raise BashSyntaxError(f"syntax error in conditional expression: unexpected token `{tok[1]}'")
        if not words:
            raise BashSyntaxError("syntax error near `]]'")
        return Cond(words)

