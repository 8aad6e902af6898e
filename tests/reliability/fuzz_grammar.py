"""Random command lines for fuzzing Lab.run, bash and PowerShell: grammar-shaped (nesting, loops, functions,
expansions, arithmetic, redirections, cmdlets, operators) and salted with the inputs that broke it before
(huge numbers, 1e309, reversed ranges, deep nesting, `break` in conditions, runaway recursion).

`bash_line(rng)` / `pwsh_line(rng)` take a `random.Random`, so the suite's hypothesis test (drawing seeds,
derandomized) and benchmarks/fuzz_lab_run.py (100,000 lines from a fixed seed) share one grammar.
"""

from __future__ import annotations

import random

NUMBERS = ["0", "1", "-1", "7", "255", "256", "300", "-300", "2147483648", "9223372036854775807",
           "9223372036854775808", "99999999999999999999", "9" * 400, "9" * 4301, "0x1F", "010", "08", "1e309",
           "1.5", "-0", "1e-400", "NaN", "64#zz", "2#101", "37#1"]
WORDS = ["x", "y", "hello", "a b", "*", "?", "[e-a]", "[a-z]*", "~", "-", "--", "=", "a=b", "%s%d", "\\n", "é",
         "\u202e", "", "{1..3}", "{a..e}", "{1..100000000}", "{z..a..2}", "/dev/null", "app/x.txt", "..", "."]
PROGRAMS = ["echo", "printf", "seq", "head -n", "tail -n", "wc -l", "sort", "uniq", "cut -c", "tr a b", "sleep",
            "test", "[", "true", "false", "exit", "return", "break", "continue", "shift", "set --", "local",
            "export", "readonly", "unset", "read", "cd", "pwd", "ls", "cat", "grep", "sed s/a/b/", "awk",
            "jq", "base64", "lab advance", "lab now", "az acr list", "az group list", "az acr show -n",
            "az acr repository list -n", "az security pricing show -n", "docker images", "kubectl get pods",
            "declare", "type", "command -v", "eval", "history", "whoami", "printf %d", "printf %*s"]
ARITH_OPS = ["+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "&&", "||", "<", ">", "==", "!=", ",", "="]
PWSH_CMDLETS = ["Write-Output", "Write-Host", "Get-AzContainerRegistry", "Get-AzResourceGroup", "Start-Sleep",
                "Sort-Object", "Select-Object", "Where-Object", "ForEach-Object", "Measure-Object", "Get-Date",
                "ConvertTo-Json", "ConvertFrom-Json", "Out-String", "Format-Table", "Get-AzContainerRegistryRepository",
                "New-AzContainerRegistryToken", "Get-Member", "Write-Error", "Set-Variable", "Get-Variable",
                "Join-String", "Get-Random", "New-Object", "Test-Path", "Get-Content", "Set-Content"]
PWSH_PARAMS = ["-Name", "-ResourceGroupName", "-Registry", "-RegistryName", "-Seconds", "-Milliseconds", "-Top",
               "-Bottom", "-First", "-Last", "-Property", "-Depth", "-InputObject", "-Value", "-Path", "-Descending",
               "-ExpandProperty", "-Unique", "-Count", "-Minimum", "-Maximum", "-ErrorAction"]
PWSH_VALUES = ["$null", "$_", "$true", "$false", "@()", "@{}", "'x'", '"y"', "(Get-Date)", "$x", "$args",
               "1e309", "-5", "0", "[int]::MaxValue", "@{a=1}", "{ $_ }", "'^(a+)+$'", "$PSVersionTable"]
PWSH_OPS = ["+", "-", "*", "/", "%", "-eq", "-ne", "-gt", "-lt", "-like", "-match", "-notmatch", "-replace",
            "-split", "-join", "-contains", "-in", "-f", "..", "-band", "-bor", "-shl", "-as", "-is", "-and", "-or"]
JUNK = list("|&;<>()$`\\\"'{}[]*?#~=%!\n\t") + ["&&", "||", ";;", "<<", ">>", "2>&1", "$(", "${", "$((", "<<<"]


def _pick(rng: random.Random, items):
    return items[rng.randrange(len(items))]


# -- bash ---------------------------------------------------------------------------------------------
def _bash_word(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth <= 0 or r < 0.35:
        return _pick(rng, WORDS + NUMBERS)
    if r < 0.45:
        return f"${_pick(rng, ['x', 'y', '1', '#', '?', '@', '*', 'RANDOM', 'HOME', 'UNSET'])}"
    if r < 0.55:
        op = _pick(rng, [":-", ":=", ":+", ":?", "#", "##", "%", "%%", "/", "//", ":", "^^", ",,"])
        return "${x" + op + _bash_word(rng, depth - 1) + "}"
    if r < 0.65:
        return "$(" + _bash_command(rng, depth - 1) + ")"
    if r < 0.72:
        return "`" + _pick(rng, PROGRAMS) + " " + _pick(rng, WORDS) + "`"
    if r < 0.85:
        return "$((" + _arith(rng, depth - 1) + "))"
    if r < 0.92:
        return '"' + _bash_word(rng, depth - 1).replace('"', "") + '"'
    return "'" + _pick(rng, WORDS).replace("'", "") + "'"


def _arith(rng: random.Random, depth: int) -> str:
    if depth <= 0 or rng.random() < 0.4:
        return _pick(rng, NUMBERS[:18] + ["x", "y", "i", "x++", "--y", "$x"])
    r = rng.random()
    if r < 0.15:
        return "(" + _arith(rng, depth - 1) + ")"
    if r < 0.25:
        return f"{_arith(rng, depth - 1)} ? {_arith(rng, depth - 1)} : {_arith(rng, depth - 1)}"
    if r < 0.3:
        return _pick(rng, ["-", "!", "~"]) + _arith(rng, depth - 1)
    return f"{_arith(rng, depth - 1)} {_pick(rng, ARITH_OPS)} {_arith(rng, depth - 1)}"


def _simple(rng: random.Random, depth: int) -> str:
    words = [_pick(rng, PROGRAMS)] + [_bash_word(rng, depth) for _ in range(rng.randrange(4))]
    if rng.random() < 0.15:
        words.insert(0, f"{_pick(rng, ['x', 'y', 'IFS', 'PATH', 'HOME'])}={_bash_word(rng, depth)}")
    if rng.random() < 0.15:
        words.append(_pick(rng, ["> out.txt", ">> out.txt", "2>&1", "2>/dev/null", "< app/x.txt", "<<< hi",
                                 ">&2", "&> all.txt", "< missing.txt"]))
    return " ".join(words)


def _bash_command(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth <= 0 or r < 0.35:
        return _simple(rng, depth)
    body = _bash_list(rng, depth - 1)
    if r < 0.42:
        return f"if {_bash_command(rng, depth - 1)}; then {body}; else {_bash_list(rng, depth - 1)}; fi"
    if r < 0.5:
        return f"for i in {_bash_word(rng, depth - 1)} {_bash_word(rng, depth - 1)}; do {body}; done"
    if r < 0.55:
        return f"for (({_arith(rng, 1)}; {_arith(rng, 1)}; {_arith(rng, 1)})); do {body}; done"
    if r < 0.62:
        kw = _pick(rng, ["while", "until"])
        return f"{kw} {_pick(rng, ['break', 'continue', 'true', 'false', _simple(rng, 0)])}; do {body}; done"
    if r < 0.68:
        name = _pick(rng, ["f", "g", "echo", "cd"])
        return f"{name}() {{ {body}; }}; {name} {_bash_word(rng, depth - 1)}"
    if r < 0.74:
        return f"( {body} )"
    if r < 0.8:
        return f"{{ {body}; }}"
    if r < 0.85:
        return f"case {_bash_word(rng, depth - 1)} in {_pick(rng, WORDS)}) {body};; *) {body};; esac"
    if r < 0.9:
        return f"[[ {_bash_word(rng, depth - 1)} {_pick(rng, ['==', '!=', '=~', '-eq', '-lt', '<'])} " \
               f"{_bash_word(rng, depth - 1)} ]]"
    return f"(( {_arith(rng, depth - 1)} ))"


def _bash_list(rng: random.Random, depth: int) -> str:
    parts = [_bash_command(rng, depth)]
    for _ in range(rng.randrange(3)):
        parts.append(_pick(rng, [" | ", " && ", " || ", "; ", " & "]) + _bash_command(rng, depth))
    return "".join(parts)


def _nested(rng: random.Random, opener: str, closer: str, core: str) -> str:
    n = rng.choice([10, 100, 400, 1000, 3000])
    return opener * n + core + closer * n


def bash_line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.04:
        return _pick(rng, ["f() { f & f; }; f", "f() { f; }; f", "while break; do echo x; done", "echo [e-a]",
                           "exit 300", "exit -1", "lab advance 9999999d", "sleep 1e309", "x=a; while :; do x=$x$x; done",
                           "seq 1 100000000", "printf '%*s' 3000000000 x", "echo {1..99999999}",
                           "echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab | grep -E '(a+)+$'"])
    if r < 0.08:
        opener, closer, core = _pick(rng, [("${x:-", "}", "1"), ("$((", "))", "1"), ("(", ")", "echo hi"),
                                           ("$(", ")", "echo hi"), ("{ ", "; }", "echo hi"), ('"$(', ')"', "echo")])
        return _nested(rng, opener, closer, core)
    if r < 0.15:
        return " ".join(_pick(rng, JUNK + PROGRAMS + WORDS) for _ in range(rng.randrange(1, 10)))
    return _bash_list(rng, rng.randrange(1, 4))


# -- PowerShell ------------------------------------------------------------------------------------------
def _pwsh_expr(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth <= 0 or r < 0.3:
        return _pick(rng, PWSH_VALUES + NUMBERS[:20] + ["'abc'", '"a$x"', "'a' * 3"])
    if r < 0.5:
        return f"{_pwsh_expr(rng, depth - 1)} {_pick(rng, PWSH_OPS)} {_pwsh_expr(rng, depth - 1)}"
    if r < 0.58:
        return "$(" + _pwsh_statement(rng, depth - 1) + ")"
    if r < 0.64:
        return "@(" + ", ".join(_pwsh_expr(rng, depth - 1) for _ in range(rng.randrange(3))) + ")"
    if r < 0.7:
        return "@{" + "; ".join(f"k{i}={_pwsh_expr(rng, depth - 1)}" for i in range(rng.randrange(3))) + "}"
    if r < 0.78:
        return f"[{_pick(rng, ['int', 'long', 'double', 'string', 'datetime', 'bool', 'array', 'hashtable', 'xml'])}]" \
               f"{_pwsh_expr(rng, depth - 1)}"
    if r < 0.86:
        return f"({_pwsh_expr(rng, depth - 1)}).{_pick(rng, ['Count', 'Length', 'ToUpper()', 'Split(1)', 'Name', 'Trim()'])}"
    if r < 0.92:
        return f"{_pwsh_expr(rng, depth - 1)}[{_pwsh_expr(rng, 0)}]"
    return "(" + _pwsh_expr(rng, depth - 1) + ")"


def _pwsh_command(rng: random.Random, depth: int) -> str:
    parts = [_pick(rng, PWSH_CMDLETS)]
    for _ in range(rng.randrange(4)):
        if rng.random() < 0.6:
            parts.append(_pick(rng, PWSH_PARAMS))
        parts.append(_pwsh_expr(rng, depth - 1))
    return " ".join(parts)


def _pwsh_statement(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth <= 0 or r < 0.3:
        return _pwsh_expr(rng, depth) if rng.random() < 0.5 else _pwsh_command(rng, depth)
    if r < 0.4:
        return f"$x = {_pwsh_expr(rng, depth - 1)}"
    if r < 0.48:
        return " | ".join(_pwsh_command(rng, depth - 1) for _ in range(rng.randrange(1, 4)))
    if r < 0.55:
        return f"if ({_pwsh_expr(rng, depth - 1)}) {{ {_pwsh_statement(rng, depth - 1)} }} else " \
               f"{{ {_pwsh_statement(rng, depth - 1)} }}"
    if r < 0.62:
        return f"foreach ($i in {_pwsh_expr(rng, depth - 1)}) {{ {_pwsh_statement(rng, depth - 1)} }}"
    if r < 0.67:
        return f"while ({_pwsh_expr(rng, depth - 1)}) {{ {_pwsh_statement(rng, depth - 1)}; break }}"
    if r < 0.73:
        return f"function f {{ param($a) {_pwsh_statement(rng, depth - 1)} }}; f {_pwsh_expr(rng, 0)}"
    if r < 0.8:
        return f"try {{ {_pwsh_statement(rng, depth - 1)} }} catch {{ $_.Exception.Message }} finally {{ 1 }}"
    if r < 0.85:
        return f"switch ({_pwsh_expr(rng, depth - 1)}) {{ 1 {{ 'one' }} default {{ 'other' }} }}"
    if r < 0.9:
        return _pick(rng, ["throw 'x'", "exit 300", "exit -1", "exit 1e309", "return 5", "break", "continue"])
    return f"{_pwsh_expr(rng, depth - 1)} | ForEach-Object {{ {_pwsh_statement(rng, depth - 1)} }}"


def pwsh_line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.04:
        return _pick(rng, ["1e309", "9" * 4301, "@{} + (Get-Date)", "Start-Sleep -Seconds " + "9" * 4301,
                           "Start-Sleep -Seconds -5", "Start-Sleep -Milliseconds 1e300", "Sort-Object -Bottom $_",
                           "Get-AzContainerRegistryRepository -Registry $null", "foreach ($i in 1..1000000) { }",
                           "'" + "a" * 40 + "b' -match '^(a+)+$'", "'a' * 1e10", "function f { f }; f",
                           "function f { f; f }; f", "while ($true) { }", "1..1e12", "[int]" + "9" * 4301])
    if r < 0.08:
        opener, closer, core = _pick(rng, [("$(", ")", "1"), ("(", ")", "1"), ("@(", ")", "1"), ("{", "}", "1"),
                                           ("[int](", ")", "1"), ("@{a=", "}", "1")])
        return _nested(rng, opener, closer, core)
    if r < 0.15:
        return " ".join(_pick(rng, JUNK + PWSH_CMDLETS + PWSH_VALUES + PWSH_OPS) for _ in range(rng.randrange(1, 10)))
    return "; ".join(_pwsh_statement(rng, rng.randrange(1, 4)) for _ in range(rng.randrange(1, 3)))
