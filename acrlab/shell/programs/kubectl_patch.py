"""`kubectl patch deployment NAME -p PATCH [--type strategic|merge|json]` on the lab's deployments.

- strategic (the default): maps merge, and `containers` lists merge by container `name` (the patch strategy of
  PodSpec.containers), so `{"spec":{"template":{"spec":{"containers":[{"name":"api","image":"..."}]}}}}` changes
  one container's image;
- merge (RFC 7386 JSON merge patch): maps merge, lists are replaced whole, `null` deletes a key;
- json (RFC 6902 JSON patch): a list of operations (add, replace, remove, test) on JSON pointers.
The patched object must still be a Deployment with named containers that each have an image; only `replicas` and
the containers' `name`/`image` are read back (the lab models nothing else of a pod template).
"""

from __future__ import annotations

import copy

import yaml

from ...engine import kube
from ..session import IO
from .kubectl_get import deploy_obj


class PatchError(ValueError):
    pass


def _strategic(target, patch):
    if not isinstance(patch, dict) or not isinstance(target, dict):
        return copy.deepcopy(patch)
    out = dict(target)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif key == "containers" and isinstance(value, list) and isinstance(target.get(key), list):
            merged = [dict(x) for x in target[key]]
            for item in value:
                if not isinstance(item, dict) or "name" not in item:
                    raise PatchError("map: map[] does not contain declared merge key: name")
                same = next((m for m in merged if m.get("name") == item["name"]), None)
                if same is None:
                    merged.append(dict(item))
                else:
                    same.update(_strategic(same, item))
            out[key] = merged
        else:
            out[key] = _strategic(target.get(key), value)
    return out


def _merge(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge(out.get(key), value)
    return out


def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f"invalid JSON pointer {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc, parts: list[str]):
    for p in parts:
        if isinstance(doc, list):
            if not p.isdigit() or int(p) >= len(doc):
                raise PatchError(f"unable to access invalid index: {p}")
            doc = doc[int(p)]
        elif isinstance(doc, dict) and p in doc:
            doc = doc[p]
        else:
            raise PatchError(f"doc is missing path: /{'/'.join(parts)}")
    return doc


def _json_patch(doc, ops):
    doc = copy.deepcopy(doc)
    if not isinstance(ops, list):
        raise PatchError("a JSON patch must be a list of operations")
    for op in ops:
        if not isinstance(op, dict) or "op" not in op or "path" not in op:
            raise PatchError("each operation needs 'op' and 'path'")
        parts = _pointer(str(op["path"]))
        parent, last = _walk(doc, parts[:-1]), (parts[-1] if parts else None)
        kind = op["op"]
        if kind in ("add", "replace"):
            if "value" not in op:
                raise PatchError(f"missing value for operation {kind}")
            if isinstance(parent, list):
                if last == "-" and kind == "add":
                    parent.append(op["value"])
                elif last is not None and last.isdigit() and int(last) <= len(parent) - (kind == "replace"):
                    if kind == "add":
                        parent.insert(int(last), op["value"])
                    else:
                        parent[int(last)] = op["value"]
                else:
                    raise PatchError(f"unable to access invalid index: {last}")
            elif isinstance(parent, dict):
                if kind == "replace" and last not in parent:
                    raise PatchError(f"replace operation does not apply: doc is missing key: {op['path']}")
                parent[last] = op["value"]
        elif kind == "remove":
            _walk(doc, parts)
            if isinstance(parent, list):
                parent.pop(int(last))
            else:
                parent.pop(last)
        elif kind == "test":
            if _walk(doc, parts) != op.get("value"):
                raise PatchError(f"testing value {op['path']} failed")
        else:
            raise PatchError(f"Unexpected kind: {kind}")
    return doc


def patch(sh, c, pos: list[str], opts: dict[str, str], io: IO) -> int:
    if not pos:
        io.err("error: You must provide one or more resources by argument or filename.")
        return 1
    ref = pos[0]
    kind, name = ref.split("/", 1) if "/" in ref else (ref, pos[1] if len(pos) > 1 else "")
    if kind.lower() not in ("deployment", "deployments", "deploy", "deployment.apps"):
        io.err(f'error: the lab patches deployments only (got "{kind}")')
        return 1
    text = opts.get("p") or opts.get("patch")
    if not text or text == "true":
        io.err("error: must specify -p to patch")
        return 1
    how = opts.get("type", "strategic")
    if how not in ("strategic", "merge", "json"):
        io.err(f'error: --type must be one of [json merge strategic], not "{how}"')
        return 1
    d = kube.workloads(c).deployments.get(name)
    if d is None:
        io.err(f'Error from server (NotFound): deployments.apps "{name}" not found')
        return 1
    try:
        body = yaml.safe_load(text)
    except yaml.YAMLError as e:
        io.err(f'error: unable to parse "{text}": {str(e).splitlines()[0]}')
        return 1
    current = deploy_obj(c, d)
    try:
        patched = {"strategic": _strategic, "merge": _merge, "json": _json_patch}[how](current, body)
        spec = patched["spec"]
        replicas = int(spec.get("replicas", d.replicas))
        cts = spec["template"]["spec"]["containers"]
        containers = [kube.Container(name=str(x["name"]), image=str(x["image"])) for x in cts]
        if not containers:
            raise PatchError("spec.template.spec.containers: Required value")
    except PatchError as e:
        io.err(f"The request is invalid: {e}")
        return 1
    except (KeyError, TypeError, ValueError, AttributeError):
        io.err(f'The Deployment "{name}" is invalid: spec.template.spec.containers: Required value: each container '
               "needs a name and an image")
        return 1
    _, changed = kube.apply_deployment(sh.cloud, c, name, containers, replicas)
    io.out(f"deployment.apps/{name} patched" + ("" if changed else " (no change)"))
    return 0
