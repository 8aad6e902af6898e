"""YAML data files validated by pydantic, with every problem reported as `file:line: field.path: message`.

Shared by the scenario loader (acrlab.labs) and the question bank loader (acrlab.quiz)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (the same documents, several times faster)."""

IsTag = Callable[[tuple[Any, ...], int], bool]
"""Is loc[i] a discriminator tag (or validator name) pydantic put in an error location, not a key in the file?"""


def no_tags(loc: tuple[Any, ...], i: int) -> bool:
    return str(loc[i]).startswith("function-")


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataFileError(Exception):
    """One or more data files are malformed; `issues` lists every problem."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def format_loc(loc: tuple[Any, ...], is_tag: IsTag = no_tags) -> str:
    """('tasks', 0, 'checks', 1, 'az', 'query') -> 'tasks[0].checks[1].query' (tags dropped)."""
    out = ""
    for i, part in enumerate(loc):
        if not is_tag(loc, i):
            out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def node_line(root: yaml.Node, loc: tuple[Any, ...], is_tag: IsTag = no_tags) -> int | None:
    """Line (1-based) of the deepest YAML node that `loc` reaches."""
    node = root
    for i, part in enumerate(loc):
        if is_tag(loc, i):
            continue
        nxt = None
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == str(part):
                    nxt = v
                    break
        if nxt is None:
            continue  # a missing field: stay at the parent
        node = nxt
    return node.start_mark.line + 1


def compose(text: str, name: str, error: type[DataFileError], not_mapping: str) -> tuple[dict, yaml.Node]:
    """Parse YAML keeping the node tree (for line numbers); raise `error` with a located Issue on any problem."""
    loader = SAFE_LOADER(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise error([Issue(name, mark.line + 1 if mark else None, "", f"YAML syntax error: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise error([Issue(name, None, "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise error([Issue(name, None, "", "YAML nested too deeply")]) from None
    finally:
        loader.dispose()
    if root is None or not isinstance(data, dict):
        raise error([Issue(name, 1, "", not_mapping)])
    return data, root


def validation_issues(exc: ValidationError, root: yaml.Node, name: str, is_tag: IsTag = no_tags) -> list[Issue]:
    issues = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        msg = re.sub(r"^(Value|Assertion) error, ", "", err["msg"])
        issues.append(Issue(name, node_line(root, loc, is_tag), format_loc(loc, is_tag), msg))
    return issues
