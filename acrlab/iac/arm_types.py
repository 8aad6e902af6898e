"""Type schemas of languageVersion 2.0 templates (`definitions`, `$ref`, nullable, object properties, typed arrays
and tuples): parameter values are checked against them before anything is deployed, as ARM's preflight does."""

from __future__ import annotations

from .errors import TemplateError

ARM_NAMES = {"string": "String", "securestring": "String", "int": "Integer", "bool": "Boolean", "object": "Object",
             "secureobject": "Object", "array": "Array"}
PY = {"string": str, "securestring": str, "int": int, "bool": bool, "object": dict, "secureobject": dict,
      "array": list}


def resolve(spec: dict, definitions: dict, seen: tuple = ()) -> dict:
    """A schema with its `$ref` followed (the referring schema's own keys win, as ARM merges them)."""
    ref = spec.get("$ref") if isinstance(spec, dict) else None
    if not ref:
        return spec
    name = str(ref).removeprefix("#/definitions/")
    if name in seen or name not in definitions:
        raise TemplateError(f"The type definition '{ref}' could not be found in the template's definitions.")
    base = resolve(definitions[name], definitions, seen + (name,))
    return {**base, **{k: v for k, v in spec.items() if k != "$ref"}}


def jtype(v) -> str:
    return {bool: "Boolean", int: "Integer", str: "String", list: "Array", dict: "Object"}.get(type(v), "Null")


def check(value, spec: dict, definitions: dict, path: str = ""):
    """Validate (and coerce 'true'/'42' strings from the command line) a value against a schema; returns it or
    raises TemplateError naming the path of the offending member."""
    spec = resolve(spec, definitions)
    where = f" at '{path}'" if path else ""
    if value is None:
        if spec.get("nullable"):
            return None
        raise TemplateError(f"A value of type '{ARM_NAMES.get(_t(spec), 'Object')}' is required{where}, but null was "
                            "provided.")
    t = _t(spec)
    want = PY.get(t)
    if want is int and isinstance(value, str) and value.lstrip("-").isdigit():
        value = int(value)
    if want is bool and isinstance(value, str) and value.lower() in ("true", "false"):
        value = value.lower() == "true"
    if want is not None and (not isinstance(value, want) or (want is int and isinstance(value, bool))):
        raise TemplateError(f"Expected a value of type '{ARM_NAMES[t]}' but received a value of type "
                            f"'{jtype(value)}'{where}.")
    allowed = spec.get("allowedValues")
    if allowed is not None:
        bad = [v for v in value if v not in allowed] if t == "array" else ([] if value in allowed else [value])
        if bad:
            raise TemplateError(f"The provided value '{bad[0]}'{where} is not valid. The value is not part of the "
                                f"allowed value(s): '{','.join(str(a) for a in allowed)}'.")
    _limits(value, spec, where)
    if t in ("object", "secureobject"):
        return _object(value, spec, definitions, path)
    if t == "array":
        prefix = spec.get("prefixItems")
        items = spec.get("items")
        out = []
        for i, v in enumerate(value):
            sub = prefix[i] if prefix is not None and i < len(prefix) else items
            if sub is False:
                raise TemplateError(f"The array{where} has {len(value)} items; the tuple type allows "
                                    f"{len(prefix or [])}.")
            out.append(check(v, sub, definitions, f"{path}[{i}]") if isinstance(sub, dict) else v)
        return out
    return value


def _t(spec: dict) -> str:
    return str(spec.get("type", "object")).lower()


def _limits(value, spec: dict, where: str) -> None:
    if "minLength" in spec and len(value) < spec["minLength"]:
        raise TemplateError(f"The provided value{where} is not valid. Length of the value should be greater than or "
                            f"equal to '{spec['minLength']}'.")
    if "maxLength" in spec and len(value) > spec["maxLength"]:
        raise TemplateError(f"The provided value{where} is not valid. Length of the value should be less than or "
                            f"equal to '{spec['maxLength']}'.")
    if "minValue" in spec and value < spec["minValue"]:
        raise TemplateError(f"The provided value{where} is not valid. The value should be greater than or equal to "
                            f"'{spec['minValue']}'.")
    if "maxValue" in spec and value > spec["maxValue"]:
        raise TemplateError(f"The provided value{where} is not valid. The value should be less than or equal to "
                            f"'{spec['maxValue']}'.")


def _object(value: dict, spec: dict, definitions: dict, path: str) -> dict:
    props = spec.get("properties")
    extra = spec.get("additionalProperties")
    if props is None and extra is None:
        return value
    props = props or {}
    out = {}
    for name, sub in props.items():
        sub_r = resolve(sub, definitions)
        if name not in value:
            if sub_r.get("nullable"):
                continue
            raise TemplateError(f"The property '{name}' is required{' at ' + repr(path) if path else ''} but was "
                                "not provided.")
        out[name] = check(value[name], sub, definitions, f"{path}.{name}" if path else name)
    for name, v in value.items():
        if name in props:
            continue
        if extra is False:
            raise TemplateError(f"The property '{name}'{' at ' + repr(path) if path else ''} is not allowed: the "
                                "type is sealed.")
        out[name] = check(v, extra, definitions, f"{path}.{name}" if path else name) if isinstance(extra, dict) else v
    return out
