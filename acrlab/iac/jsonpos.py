"""Where each value sits in a JSON text (line, column just after the value's first character), so template
errors can name the line and column as ARM does."""

from __future__ import annotations


def positions(text: str) -> dict[tuple, tuple[int, int]]:
    out: dict[tuple, tuple[int, int]] = {}
    i, n = 0, len(text)
    line_starts = [0]
    for k, c in enumerate(text):
        if c == "\n":
            line_starts.append(k + 1)

    def loc(k: int) -> tuple[int, int]:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= k:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, k - line_starts[lo] + 1

    def ws(k: int) -> int:
        while k < n and text[k] in " \t\r\n":
            k += 1
        return k

    def string_end(k: int) -> int:
        k += 1
        while k < n and text[k] != '"':
            k += 2 if text[k] == "\\" else 1
        return k + 1

    def value(k: int, path: tuple) -> int:
        k = ws(k)
        if k >= n:
            return k
        out[path] = loc(k)
        c = text[k]
        if c == "{":
            k = ws(k + 1)
            while k < n and text[k] != "}":
                if text[k] != '"':
                    return n
                end = string_end(k)
                key = text[k + 1:end - 1]
                k = ws(end)
                if k < n and text[k] == ":":
                    k = value(k + 1, path + (key,))
                k = ws(k)
                if k < n and text[k] == ",":
                    k = ws(k + 1)
            return k + 1
        if c == "[":
            k = ws(k + 1)
            idx = 0
            while k < n and text[k] != "]":
                k = ws(value(k, path + (idx,)))
                idx += 1
                if k < n and text[k] == ",":
                    k = ws(k + 1)
                elif k < n and text[k] != "]":
                    return n
            return k + 1
        if c == '"':
            return string_end(k)
        while k < n and text[k] not in ",}] \t\r\n":
            k += 1
        return k

    try:
        value(i, ())
    except (IndexError, ValueError):
        pass
    return out
