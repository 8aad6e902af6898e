"""The Microsoft Graph Bicep extension (`extension microsoftGraphV1`): the extension's aliases, the Graph resource
types the lab deploys and their client-provided keys. Graph resources have no ARM name: a group is keyed by
`uniqueName`, a user by `userPrincipalName` (learn.microsoft.com/graph/templates: reference overview,
how-to-reference-existing-resources, concept-relationships-in-graph-types). The lab names them by a pseudo id
`/providers/Microsoft.Graph/<type>/<key>`, which providers_graph serves."""

from __future__ import annotations

from . import bicep_ast as A
from .bicep_symbols import literal_type

VERSION = "1.0.0"
GRAPH_V1 = "br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:"
ALIASES = {"microsoftgraphv1": "microsoftGraphV1", "microsoftgraphv1_0": "microsoftGraphV1"}
"""The alias today's docs declare (bicepconfig.json maps it to the v1.0 types); the lab needs no bicepconfig."""
GROUPS = "Microsoft.Graph/groups"
USERS = "Microsoft.Graph/users"
KEYS = {GROUPS.lower(): "uniqueName", USERS.lower(): "userPrincipalName"}
"""The client-provided key of each type the lab deploys or references."""
REQUIRED = {GROUPS.lower(): ["displayName", "mailEnabled", "mailNickname", "securityEnabled", "uniqueName"]}
RELATIONSHIPS = ("members", "owners")


def extension(ref: str) -> tuple[str, str] | None:
    """`extension microsoftGraphV1` or `extension 'br:mcr.microsoft.com/.../v1.0:1.0.0'` -> (alias, name)."""
    if ref.lower().startswith(GRAPH_V1):
        return "microsoftGraphV1", "MicrosoftGraph"
    alias = ALIASES.get(ref.lower())
    return (alias, "MicrosoftGraph") if alias else None


def is_graph(type_name: str) -> bool:
    return type_name.split("@", 1)[0].lower() in KEYS


def required(type_part: str, existing: bool) -> list[str] | None:
    """The properties a Graph declaration must give (None: not a Graph type the lab knows)."""
    t = type_part.lower()
    if t not in KEYS:
        return None
    return [KEYS[t]] if existing else REQUIRED.get(t, [KEYS[t]])


def shape_error(given: dict) -> tuple[str, str, str] | None:
    """`members: [ids]`: since types v0.2.0 a relationship is an object `{ relationships: [...] }`."""
    for key in RELATIONSHIPS:
        p = given.get(key)
        if p is not None and isinstance(p.value, A.ArrayExpr):
            return key, "MicrosoftGraphRelationship", "array"
        if p is not None and isinstance(p.value, A.Literal):
            return key, "MicrosoftGraphRelationship", literal_type(p.value) or "null"
    return None
