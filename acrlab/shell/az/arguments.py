"""az-style argument parsing: long/short options, three-state flags, nargs, choices, defaults, az's errors."""

from __future__ import annotations

from .table import GLOBAL_ARGS, Arg, Command

QUERY_REFERENCE = "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'"


class Namespace(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None


class ParseError(Exception):
    def __init__(self, message: str, recommendations: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.recommendations = recommendations or []


THREE_STATE = ["true", "false"]  # azure-cli get_three_state_flag: choices [positive, negative], nargs '?'


def choice_error(cmd_path: str, option: str, value: str, choices: list[str]) -> ParseError:
    """azure-cli core parser._check_value: the text and the 'Did you mean' hint for a value not among the choices."""
    import difflib  # only for a wrong value

    return ParseError(f"az {cmd_path}: '{value}' is not a valid value for '{option}'. Allowed values: "
                      f"{', '.join(choices)}.",
                      [f"Did you mean '{c}' ?" for c in difflib.get_close_matches(value, choices, 1, 0.7)])


def is_option(tok: str) -> bool:
    return tok.startswith("-") and len(tok) > 1 and not tok[1:2].isdigit()


class _Spec:
    """What parsing needs of one command's arguments, worked out on its first run (commands and their arguments do
    not change): option -> Arg (the globals included; a command's own option wins: account set --subscription is
    not the global one), the namespace before any token, and the arguments defaults or presence are checked for."""

    __slots__ = ("by_opt", "initial", "positionals", "defaulted", "required")

    def __init__(self, cmd: Command) -> None:
        self.by_opt: dict[str, Arg] = {}
        for a in GLOBAL_ARGS + cmd.args:
            for o in a.option_list:
                self.by_opt[o] = a
        self.initial = {a.dest: None if a.kind in ("append", "repeat") else a.default for a in cmd.args + GLOBAL_ARGS}
        self.positionals = [a for a in cmd.args if a.kind == "positional"]
        self.defaulted = [a for a in cmd.args if a.default_key]
        self.required = [a for a in cmd.args if a.required]


_SPECS: dict[int, tuple[Command, tuple, _Spec]] = {}


def spec_of(cmd: Command) -> _Spec:
    kept = _SPECS.get(id(cmd))
    if kept is not None and kept[0] is cmd and kept[1] == (tuple(map(id, cmd.args)), tuple(map(id, GLOBAL_ARGS))):
        return kept[2]
    spec = _Spec(cmd)
    _SPECS[id(cmd)] = (cmd, (tuple(map(id, cmd.args)), tuple(map(id, GLOBAL_ARGS))), spec)
    return spec


def options_of(cmd: Command) -> dict[str, Arg]:
    """Every option the command takes, the globals included (a command's own option wins)."""
    return spec_of(cmd).by_opt


def parse_args(cmd: Command, tokens: list[str], defaults: dict[str, str]) -> Namespace:
    spec = spec_of(cmd)
    by_opt = spec.by_opt
    ns = Namespace(spec.initial)
    positionals = list(spec.positionals)
    unrecognized: list[str] = []
    given: set[str] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if is_option(tok):
            value_inline = None
            if tok.startswith("--") and "=" in tok:
                tok, value_inline = tok.split("=", 1)
            a = by_opt.get(tok)
            if a is None:
                # az accepts unambiguous prefixes of long options
                matches = {by_opt[o].dest: by_opt[o] for o in by_opt if tok.startswith("--") and o.startswith(tok)}
                if len(matches) == 1:
                    a = next(iter(matches.values()))
            if a is None:
                unrecognized.append(tokens[i])
                i += 1
                while i < len(tokens) and not is_option(tokens[i]):
                    unrecognized.append(tokens[i])
                    i += 1
                continue
            given.add(a.dest)
            if a.deprecated and a.redirect:
                ns.setdefault("_deprecated_used", []).append((tok, a.redirect))
            i += 1
            if a.kind == "flag":
                ns[a.dest] = True
                continue
            if a.kind == "bool":  # three-state: a bare flag means true; the next non-option word is its value
                v = value_inline
                if v is None and i < len(tokens) and not is_option(tokens[i]):
                    v = tokens[i]
                    i += 1
                if v is not None and v.lower() not in THREE_STATE:
                    raise choice_error(cmd.path, a.option_list[0], v, THREE_STATE)
                ns[a.dest] = v is None or v.lower() == "true"
                continue
            values: list[str] = []
            if value_inline is not None:
                values.append(value_inline)
            if a.kind in ("list", "star", "append"):
                while i < len(tokens) and not is_option(tokens[i]):
                    values.append(tokens[i])
                    i += 1
                if not values and a.kind != "star":
                    raise ParseError(f"argument {a.display}: expected at least one argument")
                if a.kind == "append":
                    ns[a.dest] = (ns[a.dest] or []) + [values]
                else:
                    ns[a.dest] = values
                continue
            if not values:
                if i >= len(tokens) or (is_option(tokens[i]) and not tokens[i].lstrip("-")[:1].isdigit()):
                    raise ParseError(f"argument {a.display}: expected one argument")
                values.append(tokens[i])
                i += 1
            v = values[0]
            if a.choices is not None:
                match = [c for c in a.choices if c.lower() == v.lower()]
                if not match:
                    raise choice_error(cmd.path, a.option_list[0], v, a.choices)
                v = match[0]
            if a.kind == "int":
                try:
                    v = int(v)
                except ValueError:
                    raise ParseError(f"argument {a.display}: invalid int value: '{v}'") from None
            if a.kind == "repeat":
                ns[a.dest] = (ns[a.dest] or []) + [v]
            else:
                ns[a.dest] = v
        else:
            if positionals:
                p = positionals.pop(0)
                ns[p.dest] = tok
                given.add(p.dest)
            else:
                unrecognized.append(tok)
            i += 1
    if ns.get("_help"):
        return ns
    defaulted: set[str] = set()
    for a in spec.defaulted:
        if a.dest not in given and defaults.get(a.default_key):
            ns[a.dest] = defaults[a.default_key]
            given.add(a.dest)
            defaulted.add(a.dest)
    missing = [a for a in spec.required if a.dest not in given]
    if missing:
        names = ", ".join(a.display if a.kind != "positional" else a.dest.upper() for a in missing)
        raise ParseError(f"the following arguments are required: {names}")
    if unrecognized:
        raise ParseError(f"unrecognized arguments: {' '.join(unrecognized)}")
    if ns.get("_query") is not None:  # knack compiles --query as the argparse type, before the command runs
        import jmespath  # only commands given --query pay for it
        from jmespath.exceptions import JMESPathError

        raw = ns["_query"]
        try:
            ns["_query"] = jmespath.compile(raw)
        except (JMESPathError, KeyError, ValueError):
            raise ParseError(f"argument --query: invalid jmespath_type value: '{raw}'", [QUERY_REFERENCE]) from None
    ns["_given"] = given
    ns["_defaulted"] = defaulted
    return ns
