"""az output formats: json, jsonc, table, tsv, yaml, none (knack's rules)."""

from __future__ import annotations

import json
from collections import OrderedDict

import yaml
from tabulate import tabulate

FORMATS = ["json", "jsonc", "none", "table", "tsv", "yaml", "yamlc"]
SKIP_KEYS = {"id", "type", "etag"}


def to_json(result) -> str:
    return json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def _cap(k: str) -> str:
    return k[:1].upper() + k[1:]


def _auto_row(item, sort_keys: bool) -> OrderedDict:
    row: OrderedDict = OrderedDict()
    if isinstance(item, dict):
        keys = sorted(item) if sort_keys else list(item)
        for k in keys:
            if k in SKIP_KEYS and sort_keys:
                continue
            v = item[k]
            if v is not None and not isinstance(v, list | dict | set):
                row[_cap(k) if sort_keys else k] = _cell(v)
    elif isinstance(item, list):
        for i, v in enumerate(item):
            row[f"Column{i + 1}"] = _cell(v)
    else:
        row["Result"] = _cell(item)
    return row


def _cell(v):
    if isinstance(v, bool):
        return str(v)
    return v


def to_table(result, transformer=None, query_active: bool = False) -> str:
    if transformer is not None and not query_active:
        result = transformer(result)
        sort_keys = False
    else:
        sort_keys = not query_active
    if result is None:
        return ""
    rows = [_auto_row(i, sort_keys) for i in result] if isinstance(result, list) else [_auto_row(result, sort_keys)]
    if not rows:
        return ""
    headers: list[str] = []
    for r in rows:
        for k in r:
            if k not in headers:
                headers.append(k)
    if not headers:
        return ""
    data = [[r.get(h, "") for h in headers] for r in rows]
    return tabulate(data, headers=headers, tablefmt="simple", disable_numparse=True) + "\n"


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
    else:
        return _tsv_obj(data) + "\n"
    return "\t".join(_tsv_obj(v) for v in values) + "\n"


def to_tsv(result) -> str:
    if result is None:
        return ""
    if isinstance(result, list):
        return "".join(_tsv_row(i) for i in result)
    return _tsv_row(result)


def to_yaml(result) -> str:
    return yaml.safe_dump(result, default_flow_style=False, allow_unicode=True, sort_keys=True)


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
