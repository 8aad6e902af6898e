"""az's help pages for groups and commands, from the declared command table."""

from __future__ import annotations

import textwrap

from .table import COMMANDS, GLOBAL_ARGS, GROUPS, Arg, Command, Group


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
    # knack ArgumentGroupRegistry: plain arguments, then 'Resource Id', then other groups alphabetically, Global last
    names = sorted({a.group for a in visible if a.group}, key=lambda g: (g != "Resource Id", g))
    def rows_of(g):  # knack _get_parameter_key: required first, then by option name
        return [describe(a) for a in sorted((a for a in visible if a.group == g),
                                            key=lambda a: (not a.required, a.option_list[0].lstrip("-")))]

    sections = [("Arguments", rows_of(None))] + [(f"{g} Arguments", rows_of(g)) for g in names]
    grows = [describe(a) for a in GLOBAL_ARGS]
    width = max([len(r[0]) for _, rows in sections for r in rows] + [len(r[0]) for r in grows]) + 1
    for title, rows in sections:
        if rows:
            lines.append(title)
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
