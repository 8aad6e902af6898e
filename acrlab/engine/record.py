"""Plain records for the objects every command touches: the tenant, its subscription, resource groups, principals,
directory objects, role definitions and assignments, and locks.

They are dataclasses with the handful of pydantic's methods the code uses on them (`model_copy`, `model_dump`,
`model_fields`), so that a command reaching only these (`az group create`, `az role assignment list`, ...) starts
without importing pydantic, which costs more CPU than the rest of such a command (issue 19: `acrlab run` of one
command in 0.2 s). What pydantic gave them is kept: keyword-only construction, a fresh copy of every list and dict
passed in (a caller's list is never shared with the record; a tuple given for a list field becomes a list), and
equality by field values. A pydantic model may hold a record as a field (validated as an instance of its class,
serialized with `model_dump`).
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime
from typing import Any, ClassVar, dataclass_transform


def _fresh(value: Any) -> Any:
    """A copy of the containers in `value` (lists, tuples, dicts, nested), sharing everything else, as pydantic's
    validation of `list[...]` / `dict[...]` fields makes."""
    if isinstance(value, (list, tuple)):
        return [_fresh(v) for v in value]
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    return value


def _dump(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode="json" if json else "python")
    if hasattr(value, "model_dump"):  # a pydantic model held by a record
        return value.model_dump(mode="json" if json else "python")
    if isinstance(value, dict):
        return {k: _dump(v, json) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and (json or isinstance(value, list)):
        return [_dump(v, json) for v in value]
    if json and isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
class Record:
    """Base of a record: a subclass becomes a keyword-only dataclass (declare fields as on a pydantic model, with
    `dataclasses.field(default_factory=...)` for mutable defaults)."""

    model_fields: ClassVar[dict[str, dataclasses.Field]] = {}
    _containers: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(kw_only=True)(cls)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        cls.model_fields = {f.name: f for f in fields}
        cls._containers = tuple(f.name for f in fields
                                if any(t in str(f.type) for t in ("list[", "dict[", "List[", "Dict[")))

    def __post_init__(self) -> None:
        for name in self._containers:
            value = getattr(self, name)
            if isinstance(value, (list, tuple, dict)):
                object.__setattr__(self, name, _fresh(value))

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        """A copy (shallow unless `deep`) with `update`'s fields replaced, unvalidated (as pydantic's)."""
        new = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            setattr(new, name, value)
        return new

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        """The fields as a dict (nested records and models as dicts); `mode="json"` also writes datetimes as ISO
        8601 text (UTC with `Z`, as pydantic does) and tuples as lists."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', not {mode!r}")
        return {name: _dump(getattr(self, name), mode == "json") for name in self.model_fields}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        def serialize(value: Record, info: Any) -> dict[str, Any]:
            return value.model_dump(mode=info.mode if info.mode == "json" else "python")

        return core_schema.is_instance_schema(cls, serialization=core_schema.plain_serializer_function_ser_schema(
            serialize, info_arg=True))
