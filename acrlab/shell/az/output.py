"""az output formats: json, jsonc, table, tsv, yaml, none.

Mirrors knack/output.py (microsoft/knack: format_json, format_table/_TableOutput, format_tsv/_TsvOutput)
and azure-cli-core/_output.py (AzOutputProducer.format_yaml).
"""

from __future__ import annotations

import json
from collections import OrderedDict

from .. import fastjson

FORMATS = ["json", "jsonc", "none", "table", "tsv", "yaml", "yamlc"]
SKIP_KEYS = ("id", "type", "etag")
TABLE_UNAVAILABLE = ("Table output unavailable. Use the --query option to specify an appropriate query. "
                     "Use --debug for more info.")


class TableUnavailable(Exception):
    """knack raises CLIError(TABLE_UNAVAILABLE) when a transformer or the table builder fails."""


def to_json(result) -> str:
    return fastjson.dumps(result, sort_keys=True) + "\n"


def _cap(k: str) -> str:
    return k[:1].upper() + k[1:] if k else k


def _auto_row(item, sort_keys: bool) -> OrderedDict:
    """knack _TableOutput._auto_table_item: id/type/etag are always skipped, keys always capitalised."""
    row: OrderedDict = OrderedDict()
    if isinstance(item, dict):
        keys = sorted(item) if sort_keys else list(item)
        for k in keys:
            if k in SKIP_KEYS:
                continue
            v = item[k]
            if v is not None and not isinstance(v, list | dict | set):
                row[_cap(k)] = v
    elif isinstance(item, list):
        for i, v in enumerate(item):
            row[f"Column{i + 1}"] = v
    else:
        row["Result"] = item
    return row


def _tabulate(rows: list[OrderedDict]) -> str:
    """knack's table, by tabulate itself (imported by the first table the fast path declines)."""
    from tabulate import tabulate

    return tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True)


_PLAIN = (str, int, float, bool)


def simple_table(rows: list[OrderedDict]) -> str | None:
    """What knack's `tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True)` prints, for the tables
    az commands print nearly always: printable ASCII strings, numbers and booleans in one-line cells. Columns in order
    of first appearance, each as wide as its widest cell or its header plus two, cells stripped and left-aligned,
    two spaces between columns, lines right-stripped. None for anything else (wide or control characters, several
    lines in a cell, other types), which tabulate itself prints. Importing tabulate (and wcwidth, email, ...) costs a
    one-command run more than the whole command (issue 19); tests/shell/test_az_table_fast.py proves both agree."""
    keys: list = []
    seen: set = set()
    for row in rows:
        for k in row:
            if k not in seen:
                seen.add(k)
                keys.append(k)
    if not keys:
        return None
    cols: list[list[str]] = []
    for k in keys:
        if not (isinstance(k, str) and k.isascii() and k.isprintable() and k == k.strip()):
            return None
        col = []
        for row in rows:
            v = row.get(k)
            if v is None:
                col.append("")
                continue
            if type(v) not in _PLAIN:
                return None
            text = f"{v}"
            if not (text.isascii() and text.isprintable()):
                return None
            col.append(text.strip())
        cols.append(col)
    widths = [max(len(k) + 2, *map(len, col)) for k, col in zip(keys, cols, strict=True)]
    lines = ["  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines.extend("  ".join(col[i].ljust(w) for col, w in zip(cols, widths, strict=True)).rstrip()
                 for i in range(len(rows)))
    return "\n".join(lines)


def to_table(result, transformer=None, query_active: bool = False) -> str:
    try:
        if transformer is not None and not query_active:
            result = transformer(result)
        result_list = result if isinstance(result, list) else [result]
        sort_keys = not query_active and transformer is None
        rows = [_auto_row(i, sort_keys) for i in result_list]
        table = (simple_table(rows) or _tabulate(rows)) if rows else ""
        if table == "\n":
            raise ValueError("Unable to extract fields for table.")
        return table + "\n"
    except Exception as e:  # knack turns any failure here into one CLIError
        raise TableUnavailable(TABLE_UNAVAILABLE) from e


def _tsv_obj(v) -> str:
    if isinstance(v, list):
        return str(len(v))
    if isinstance(v, dict):
        return ""
    return v if isinstance(v, str) else str(v)


def _tsv_row(data) -> str:
    if isinstance(data, OrderedDict):
        values = list(data.values())
    elif isinstance(data, dict):
        values = [v for _, v in sorted(data.items())]
    elif isinstance(data, list):
        values = data
    elif isinstance(data, bool):
        return str(data).lower() + "\n"
    else:
        return _tsv_obj(data) + "\n"
    return "\t".join(_tsv_obj(v) for v in values) + "\n"


def to_tsv(result) -> str:
    result_list = result if isinstance(result, list) else [result]
    return "".join(_tsv_row(i) for i in result_list)


def to_yaml(result) -> str:
    import yaml

    return yaml.safe_dump(json.loads(json.dumps(result, default=str)), default_flow_style=False)


def render(result, fmt: str, transformer=None, query_active: bool = False) -> str:
    if fmt == "none":
        return ""
    if fmt in ("json", "jsonc"):
        return to_json(result)
    if fmt == "table":
        return to_table(result, transformer, query_active)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt in ("yaml", "yamlc"):
        return to_yaml(result)
    raise ValueError(fmt)


# -- helpers with the semantics of azure-cli's command_modules/acr/_format.py ---------------------------------

def get_value(item, *path) -> str:
    """acr _format._get_value: the nested value as a string, or ' ' when missing or falsy (False, 0, '', None)."""
    try:
        for key in path:
            item = item[key]
        return str(item) if item else " "
    except (KeyError, TypeError, IndexError):
        return " "


def format_datetime(value) -> str:
    """acr _format._format_datetime: dateutil-parsed, printed as %Y-%m-%dT%H:%M:%SZ; unparsable -> as is or ' '."""
    from dateutil.parser import parse

    try:
        return parse(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, TypeError, OverflowError):
        return value or " "
