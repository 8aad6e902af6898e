"""The az command table: declared commands, az-style argument parsing, help, errors and output."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import textwrap
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError

from ...engine.errors import AzureError, CliError, RegistryError, UsageError
from ..session import IO, Session
from . import output

QUERY_REFERENCE = "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'"


@dataclass
class Arg:
    """One argument: `dest` is the handler's name for it; `options` as az spells them ('--name -n')."""

    dest: str
    options: str
    help: str = ""
    required: bool = False
    kind: str = "str"  # str | flag | bool | int | list | star | append | repeat | positional
    choices: list[str] | None = None
    default: Any = None
    default_key: str | None = None
    """`az configure --defaults` key that fills this argument (group, location, acr)."""
    deprecated: bool = False
    hidden: bool = False
    redirect: str | None = None
    """For a deprecated option alias: the option to use instead (knack prints a warning when it is used)."""

    @property
    def option_list(self) -> list[str]:
        return self.options.split()

    @property
    def display(self) -> str:
        return "/".join(self.option_list)


@dataclass
class Command:
    path: str
    handler: Callable
    summary: str
    args: list[Arg] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)
    table: Callable | None = None
    long_summary: str = ""
    deprecated_redirect: str | None = None
    confirmation: bool = False
    preview: bool = False


@dataclass
class Group:
    path: str
    summary: str


GLOBAL_ARGS = [
    Arg("_debug", "--debug", "Increase logging verbosity to show all debug logs.", kind="flag"),
    Arg("_help", "--help -h", "Show this help message and exit.", kind="flag"),
    Arg("_only_show_errors", "--only-show-errors", "Only show errors, suppressing warnings.", kind="flag"),
    Arg("_output", "--output -o", "Output format.", choices=output.FORMATS, default="json"),
    Arg("_query", "--query", "JMESPath query string. See http://jmespath.org/ for more information and examples."),
    Arg("_subscription", "--subscription", "Name or ID of subscription. You can configure the default subscription "
        "using `az account set -s NAME_OR_ID`."),
    Arg("_verbose", "--verbose", "Increase logging verbosity. Use --debug for full debug logs.", kind="flag"),
]

COMMANDS: dict[str, Command] = {}
GROUPS: dict[str, Group] = {"": Group("", "Azure command-line interface (simulated by acrlab).")}


def group(path: str, summary: str) -> None:
    GROUPS[path] = Group(path, summary)


def command(path: str, summary: str, args: list[Arg] | None = None, examples=None, table=None, **kw):
    """Declare an az command; the decorated function is `handler(ctx, a) -> result`."""

    def deco(fn):
        COMMANDS[path] = Command(path, fn, summary, list(args or []), list(examples or []), table, **kw)
        return fn

    return deco


@cache
def load() -> None:
    pkg = importlib.import_module("acrlab.shell.az.commands")
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        importlib.import_module(f"acrlab.shell.az.commands.{info.name}")


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
    return ParseError(f"az {cmd_path}: '{value}' is not a valid value for '{option}'. Allowed values: "
                      f"{', '.join(choices)}.",
                      [f"Did you mean '{c}' ?" for c in difflib.get_close_matches(value, choices, 1, 0.7)])


def is_option(tok: str) -> bool:
    return tok.startswith("-") and len(tok) > 1 and not tok[1:2].isdigit()


def parse_args(cmd: Command, tokens: list[str], defaults: dict[str, str]) -> Namespace:
    all_args = cmd.args + GLOBAL_ARGS
    by_opt: dict[str, Arg] = {}
    for a in all_args:
        for o in a.option_list:
            by_opt[o] = a
    ns = Namespace()
    for a in all_args:
        if a.kind in ("append", "repeat"):
            ns[a.dest] = None
        else:
            ns[a.dest] = a.default
    positionals = [a for a in cmd.args if a.kind == "positional"]
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
    for a in cmd.args:
        if a.dest not in given and a.default_key and defaults.get(a.default_key):
            ns[a.dest] = defaults[a.default_key]
            given.add(a.dest)
    missing = [a for a in cmd.args if a.required and a.dest not in given]
    if missing:
        names = ", ".join(a.display if a.kind != "positional" else a.dest.upper() for a in missing)
        raise ParseError(f"the following arguments are required: {names}")
    if unrecognized:
        raise ParseError(f"unrecognized arguments: {' '.join(unrecognized)}")
    if ns.get("_query") is not None:  # knack compiles --query as the argparse type, before the command runs
        raw = ns["_query"]
        try:
            ns["_query"] = jmespath.compile(raw)
        except (JMESPathError, KeyError, ValueError):
            raise ParseError(f"argument --query: invalid jmespath_type value: '{raw}'", [QUERY_REFERENCE]) from None
    ns["_given"] = given
    return ns


class Ctx:
    """What a handler sees: the session, the cloud, the caller and ways to speak."""

    def __init__(self, sh: Session, io: IO, cmd: Command, args: Namespace):
        self.sh = sh
        self.cloud = sh.cloud
        self.io = io
        self.cmd = cmd
        self.args = args
        self.warnings: list[str] = []

    @property
    def principal(self):
        p = self.sh.host.az.principal
        if p is None:
            raise CliError("Please run 'az login' to setup account.")
        return p

    def require_login(self) -> None:
        """Fail as az does when nobody is signed in (for commands that need no principal otherwise)."""
        self.principal  # noqa: B018 (the property raises when logged out)

    def warn(self, message: str) -> None:
        if not self.args.get("_only_show_errors"):
            self.io.err(f"WARNING: {message}")

    def confirm(self, message: str) -> None:
        """az's prompt_y_n: skipped by --yes; without a terminal it fails as az does with no tty."""
        if self.args.get("yes"):
            return
        if not self.sh.interactive:
            raise CliError("Unable to prompt for confirmation as no tty available. Use --yes.")
        answer = self.sh.state.pop("pending_answer", None)
        if answer is None or answer.lower() not in ("y", "yes"):
            raise CliError(f"{message} (y/n): Operation cancelled.")

    def given(self, dest: str) -> bool:
        return dest in self.args.get("_given", ())


def print_error(io: IO, message: str, recommendations: list[str] | None = None) -> None:
    io.err(f"ERROR: {message}")
    for r in recommendations or []:
        io.err(r)


def format_azure_error(e: AzureError) -> str:
    if e.arm:
        return f"({e.code}) {e.message}\nCode: {e.code}\nMessage: {e.message}"
    return e.message


def format_registry_error(e: RegistryError) -> str:
    return f"Error: {e.message}" if e.message.endswith(".") else f"Error: {e.message}."


def _normalize_params(cmd: Command, tokens: list[str]) -> list[str]:
    """azure-cli command_recommender._normalize_parameters: long forms of the known options, sorted."""
    mapping = {"-h": "--help", "-o": "--output", "--only-show-errors": None, "--help": None, "--output": None,
               "--query": None, "--debug": None, "--verbose": None, "--yes": None, "--no-wait": None}
    for a in cmd.args:
        opts = sorted(a.option_list, key=len, reverse=True) if a.kind != "positional" else []
        for o in opts:
            mapping[o] = opts[0]
    names = [t.split("=", 1)[0] for t in tokens if t.startswith("-")]
    return sorted((mapping[n] or n) for n in names if n in mapping)


def help_recommendations(cmd: Command, tokens: list[str]) -> list[str]:
    """What az prints after a parser error (azure-cli core CommandRecommender.provide_recommendations +
    AzCLIError.print_error): up to three help examples best matching the given options, then the reference link."""
    target = _normalize_params(cmd, tokens)
    ranked = []
    for title, example in cmd.examples:
        args = _normalize_params(cmd, example.split(" "))
        matches = sum(1 for x in args if x in target) if example.startswith(f"az {cmd.path}") else -1
        ranked.append(((matches, -len(args)), example, title))
    ranked.sort(key=lambda r: r[0], reverse=True)
    lines = ["", "Examples from command's help:"]
    for _, example, title in ranked[:3]:
        lines += [example, title, ""]
    return lines + ["https://aka.ms/cli_ref", "Read more about the command in reference docs"]


_PREFIXES: tuple[int, frozenset[str]] = (-1, frozenset())


def _command_prefixes() -> frozenset[str]:
    """Every proper prefix of a command path ('acr', 'acr repository', ...), rebuilt when the table grows."""
    global _PREFIXES
    if _PREFIXES[0] != len(COMMANDS):
        words = (p.split() for p in COMMANDS)
        _PREFIXES = (len(COMMANDS), frozenset(" ".join(w[:i]) for w in words for i in range(1, len(w))))
    return _PREFIXES[1]


def find_command(words: list[str]) -> tuple[Command | None, int, str]:
    """Longest command path in `words`; returns (command, words consumed, deepest group path)."""
    load()
    best = None
    grp = ""
    for n in range(1, min(len(words), 6) + 1):
        path = " ".join(words[:n])
        if path in COMMANDS:
            best = (COMMANDS[path], n)
        if path in GROUPS or path in _command_prefixes():
            grp = path
    if best:
        return best[0], best[1], grp
    return None, 0, grp


def children(group_path: str) -> tuple[dict[str, str], dict[str, str]]:
    """Direct subgroups and commands of a group: {name: summary}."""
    prefix = group_path + " " if group_path else ""
    subgroups: dict[str, str] = {}
    cmds: dict[str, str] = {}
    for path, c in COMMANDS.items():
        if not path.startswith(prefix):
            continue
        rest = path[len(prefix):].split()
        if len(rest) == 1:
            cmds[rest[0]] = c.summary
        elif rest:
            sub = prefix + rest[0]
            subgroups[rest[0]] = GROUPS.get(sub, Group(sub, "")).summary
    return subgroups, cmds


def group_help(group_path: str) -> str:
    subgroups, cmds = children(group_path)
    g = GROUPS.get(group_path, Group(group_path, ""))
    lines = ["", "Group", f"    az {group_path}".rstrip() + (f" : {g.summary}" if g.summary else ""), ""]
    width = max([len(k) for k in list(subgroups) + list(cmds)] + [4]) + 1
    if subgroups:
        lines.append("Subgroups:")
        lines += [_two_col(k, v, width) for k, v in sorted(subgroups.items())]
        lines.append("")
    if cmds:
        lines.append("Commands:")
        lines += [_two_col(k, v, width) for k, v in sorted(cmds.items())]
        lines.append("")
    lines.append("To search AI knowledge base for examples, use: az find \"az " + group_path + "\"")
    return "\n".join(lines) + "\n"


def _two_col(key: str, text: str, width: int) -> str:
    head = f"    {key.ljust(width)}: "
    body = textwrap.wrap(text, 100 - len(head)) or [""]
    return head + body[0] + "".join("\n" + " " * len(head) + b for b in body[1:])


def command_help(cmd: Command) -> str:
    lines = ["", "Command", f"    az {cmd.path} : {cmd.summary}"]
    if cmd.long_summary:
        lines += textwrap.wrap(cmd.long_summary, 96, initial_indent="        ", subsequent_indent="        ")
    lines.append("")

    def describe(a: Arg) -> tuple[str, str]:
        opts = " ".join(a.option_list) if a.kind != "positional" else a.dest.upper()
        tag = " [Required]" if a.required else ""
        text = a.help
        if a.choices:  # knack help lists the choices sorted
            text += f"  Allowed values: {', '.join(sorted(a.choices))}."
        elif a.kind == "bool":
            text += "  Allowed values: false, true."
        if a.default not in (None, False, [], "") and a.kind != "flag":
            text += f"  Default: {a.default}."
        return opts + tag, text.strip()

    visible = [a for a in cmd.args if not a.hidden]
    rows = [describe(a) for a in visible]
    grows = [describe(a) for a in GLOBAL_ARGS]
    width = max([len(r[0]) for r in rows + grows]) + 1
    if rows:
        lines.append("Arguments")
        lines += [_two_col(k, v, width) for k, v in rows]
        lines.append("")
    lines.append("Global Arguments")
    lines += [_two_col(k, v, width) for k, v in grows]
    lines.append("")
    if cmd.examples:
        lines.append("Examples")
        for title, example in cmd.examples:
            lines.append(f"    {title}")
            lines.append(f"        {example}")
            lines.append("")
    return "\n".join(lines) + "\n"


def az_main(sh: Session, argv: list[str], io: IO) -> int:
    load()
    words: list[str] = []
    for tok in argv:
        if is_option(tok):
            break
        words.append(tok)
    if not argv or argv in (["--help"], ["-h"]):
        io.out(group_help(""), end="")
        return 0
    if argv == ["--version"] or argv == ["version"]:
        io.out('{\n  "azure-cli": "2.79.0",\n  "azure-cli-core": "2.79.0",\n  "extensions": {}\n}')
        return 0
    cmd, n, grp = find_command(words)
    help_asked = any(t in ("--help", "-h") for t in argv)
    if cmd is None:
        if grp == " ".join(words) and (help_asked or len(words) == len(argv)):
            if help_asked:
                io.out(group_help(grp), end="")
                return 0
            io.out(group_help(grp), end="")
            return 0 if not words or grp else 2
        if grp == " ".join(words):  # a whole group followed by options it does not take
            print_error(io, f"unrecognized arguments: {' '.join(argv[len(words):])}",
                        [f"Use 'az {grp} --help' to see the available commands." if grp else
                         "Use 'az --help' to see the available command groups."])
            return 2
        bad = words[len(grp.split()) if grp else 0] if words else (argv[0] if argv else "")
        subgroups, cmds = children(grp)
        candidates = difflib.get_close_matches(bad, list(subgroups) + list(cmds), 1, 0.7)
        recs = [f"Did you mean '{candidates[0]}' ?"] if candidates else []
        if not candidates:
            recs.append(f"Use 'az {grp} --help' to see the available commands." if grp else
                        "Use 'az --help' to see the available command groups.")
        print_error(io, f"'{bad}' is misspelled or not recognized by the system.", recs)
        return 2
    rest = argv[n:]
    try:
        args = parse_args(cmd, rest, sh.host.az.defaults)
    except ParseError as e:
        print_error(io, e.message, e.recommendations)
        if "--query" not in e.message:
            io.err("\n".join(help_recommendations(cmd, rest)))
        return 2
    if args.get("_help"):
        io.out(command_help(cmd), end="")
        return 0
    return invoke(sh, cmd, args, io)


def invoke(sh: Session, cmd: Command, args: Namespace, io: IO) -> int:
    ctx = Ctx(sh, io, cmd, args)
    for option, redirect in args.get("_deprecated_used", []):  # knack/deprecation.py Deprecated._get_message
        ctx.warn(f"Option '{option}' has been deprecated and will be removed in a future release. "
                 f"Use '{redirect}' instead.")
    if cmd.deprecated_redirect:
        ctx.warn(f"This command has been deprecated and will be removed in a future release. "
                 f"Use '{cmd.deprecated_redirect}' instead.")
    if cmd.preview:
        ctx.warn(f"Command group '{' '.join(cmd.path.split()[:-1])}' is in preview and under development. "
                 "Reference and support levels: https://aka.ms/CLI_refstatus")
    try:
        result = cmd.handler(ctx, args)
    except UsageError as e:
        print_error(io, e.message)
        return 2
    except AzureError as e:
        print_error(io, format_azure_error(e))
        if args.get("_debug") and getattr(e, "decision", None) is not None:
            io.err("DEBUG: authorization decision:\n" + e.decision.explain())
        return 1
    except RegistryError as e:
        print_error(io, format_registry_error(e))
        if args.get("_debug") and e.decision is not None:
            io.err("DEBUG: authorization decision:\n" + e.decision.explain())
        return 1
    query = args.get("_query")
    if query is not None:
        try:  # knack: the compiled expression searches with Options(OrderedDict), so projections keep key order
            result = query.search(result, jmespath.Options(dict_cls=OrderedDict))
        except JMESPathError as e:  # azure-cli core util.handle_exception
            print_error(io, f"Invalid jmespath query supplied for `--query`: {e}", [QUERY_REFERENCE])
            return 1
    if result is None:  # knack prints nothing for a None result, with or without --query
        return 0
    fmt = args.get("_output") or "json"
    try:
        text = output.render(result, fmt, cmd.table, query is not None)
    except output.TableUnavailable as e:
        print_error(io, str(e))
        return 1
    io.out(text, end="")
    return 0
