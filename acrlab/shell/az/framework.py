"""az's front door: dispatch, invocation, errors and output formats (the command table, argument parsing and help
live in table.py, arguments.py and help.py; their names are re-exported here)."""

from __future__ import annotations

from collections import OrderedDict

from ...engine.errors import AzureError, CliError, RegistryError, UsageError
from ..session import IO, Session
from . import output
from .arguments import (  # noqa: F401
    QUERY_REFERENCE,
    THREE_STATE,
    Namespace,
    ParseError,
    choice_error,
    is_option,
    parse_args,
)
from .extensions import ensure_installed, extension_for
from .help import children, command_help, group_help  # noqa: F401
from .ids import expand_ids
from .table import (  # noqa: F401
    COMMANDS,
    GLOBAL_ARGS,
    GROUPS,
    Arg,
    Command,
    Group,
    command,
    group,
    load,
    load_for,
)


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

    @property
    def subscription(self):
        """The subscription this command works in: the one `--subscription` (or an `--ids` resource id) names, else
        the current one (`az account set`), else the tenant's default (azure-cli _profile.get_subscription)."""
        ref = self.args.get("_id_subscription") or self.args.get("_subscription")
        if ref:
            from ...engine.subscriptions import find_visible
            sub = find_visible(self.cloud, self.principal, ref)
            if sub is None:
                raise CliError(f"Subscription '{ref}' not found. Check the spelling and casing and try again.")
            return sub
        current = self.sh.host.az.subscription_id
        return self.cloud.tenant.subscriptions.get(current or "") or self.cloud.subscription

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
        ask = self.sh.state.get("ask")
        if callable(ask):  # a blocking front end (acrlab shell, lab --plain) asks the person right here
            while True:
                answer = ask(f"{message} (y/n): ")
                if answer is None or answer.strip().lower() in ("y", "n"):
                    break
            if answer is None or answer.strip().lower() != "y":
                raise CliError("Operation cancelled.")
            return
        answer = self.sh.state.pop("pending_answer", None)
        if answer is None or answer.lower() not in ("y", "yes"):
            raise CliError(f"{message} (y/n): Operation cancelled.")

    def given(self, dest: str) -> bool:
        return dest in self.args.get("_given", ())


def json_argument(ctx, value: str):
    """A JSON argument read as azure-cli reads one: knack expands `@FILE`, and core util's get_json_object reads
    a path to an existing file, else parses the text (shell_safe_json_parse); the parsed value or az's error."""
    import json

    source = value
    if value.startswith("@"):
        content = ctx.sh.read_file(value[1:])
        if content is None:
            raise CliError(f"[Errno 2] No such file or directory: '{value[1:]}'")
        source = content
    else:
        content = ctx.sh.read_file(value)
        if content is not None:
            source = content
    try:
        return json.loads(source)
    except json.JSONDecodeError as e:
        raise CliError(f"Failed to parse string as JSON:\n{source}\nError detail: {e}") from None


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
    """Longest command path in `words`; returns (command, words consumed, deepest group path). Imports only the
    modules `words` may need (`commands.MODULES`); the group path is complete once `load()` has run."""
    load_for(words)
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


def az_main(sh: Session, argv: list[str], io: IO) -> int:
    words: list[str] = []
    for tok in argv:
        if is_option(tok):
            break
        words.append(tok)
    if not argv or argv in (["--help"], ["-h"]):
        load()
        io.out(group_help(""), end="")
        return 0
    if argv == ["--version"]:  # a text table; `az version` (a command) prints JSON
        from .version import version_text

        io.out(version_text(), end="")
        return 0
    cmd, n, grp = find_command(words)
    blocked = False
    if cmd is not None and words[0] in ("acr", "artifact-signing"):  # a bundled extension's command runs once installed
        ext = extension_for(words)
        blocked = ext is not None and not ensure_installed(sh, ext, io)
    if cmd is None:  # a group, or a mistake: what follows lists and suggests from every command
        load()
        cmd, n, grp = find_command(words)
    if blocked:  # dynamic install is off: az does not know the command
        load()
        cmd, grp = None, ("acr" if words[0] == "acr" else "")
    help_asked = "--help" in argv or "-h" in argv
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
        from .extensions import dynamic_install
        ext = extension_for(words)
        answer = dynamic_install(sh, ext) if ext else None
        if answer is not None:  # a command of an az extension (azure-cli-core extension/dynamic_install.py)
            for warning in answer[0]:
                io.err(f"WARNING: {warning}")
            print_error(io, answer[1])
            return 2
        bad = words[len(grp.split()) if grp else 0] if words else (argv[0] if argv else "")
        subgroups, cmds = children(grp)
        import difflib  # only for a mistyped command

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


def _error_text(e: Exception) -> str:
    if isinstance(e, AzureError):
        return format_azure_error(e)
    return format_registry_error(e)  # RegistryError


def _report(io: IO, args: Namespace, e: Exception) -> int:
    """Print one failure as az does; the exit code: 2 for usage errors, 3 for a resource that is not found (any
    404: azure-cli core util.handle_exception maps it to ResourceNotFoundError, exit code 3), 1 otherwise."""
    print_error(io, _error_text(e))
    if args.get("_debug") and getattr(e, "decision", None) is not None:
        io.err("DEBUG: authorization decision:\n" + e.decision.explain())
    if isinstance(e, UsageError):
        return 2
    return 3 if isinstance(e, AzureError) and e.status == 404 else 1


def _run_one(sh: Session, io: IO, cmd: Command, args: Namespace):
    ctx = Ctx(sh, io, cmd, args)
    if args.get("_id_subscription"):
        ctx.subscription  # noqa: B018 (an --ids subscription the caller cannot see fails before the command)
    return cmd.handler(ctx, args)


def invoke(sh: Session, cmd: Command, args: Namespace, io: IO) -> int:
    ctx = Ctx(sh, io, cmd, args)
    try:
        jobs, ids, id_warnings = expand_ids(cmd, args)
    except CliError as e:
        return _report(io, args, e)
    for w in id_warnings:
        ctx.warn(w)
    for option, redirect in args.get("_deprecated_used", []):  # knack/deprecation.py Deprecated._get_message
        ctx.warn(f"Option '{option}' has been deprecated and will be removed in a future release. "
                 f"Use '{redirect}' instead.")
    if cmd.deprecated_redirect:
        ctx.warn(f"This command has been deprecated and will be removed in a future release. "
                 f"Use '{cmd.deprecated_redirect}' instead.")
    if cmd.preview:
        ctx.warn(f"Command group '{' '.join(cmd.path.split()[:-1])}' is in preview and under development. "
                 "Reference and support levels: https://aka.ms/CLI_refstatus")
    if jobs is None:
        try:
            if args.get("_subscription"):
                ctx.subscription  # noqa: B018 (a --subscription the caller cannot see fails before the command)
            result = cmd.handler(ctx, args)
        except (AzureError, RegistryError) as e:
            return _report(io, args, e)
    else:  # AzCliCommandInvoker.execute: one job per id; failures become warnings when others succeeded
        results, failures = [], []
        for one, rid in zip(jobs, ids, strict=True):
            try:
                results.append(_run_one(sh, io, cmd, Namespace(one)))
            except (AzureError, RegistryError) as e:
                failures.append((e, rid))
        if len(failures) == 1 and not results:
            return _report(io, args, failures[0][0])
        for e, rid in failures:
            ctx.warn(f'{rid}: "{_error_text(e)}"')
        if failures and not results:
            print_error(io, "Encountered more than one exception.")
            return 1
        if failures:
            ctx.warn("Encountered more than one exception.")
        result = results[0] if len(results) == 1 else results
    query = args.get("_query")
    if query is not None:
        import jmespath
        from jmespath.exceptions import JMESPathError

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
