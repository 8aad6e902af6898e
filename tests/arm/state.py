"""What the tests of this folder compare before and after a request."""

from __future__ import annotations

import json

from acrlab import Lab


def tenant_state(lab: Lab) -> str:
    """Everything a learner or a grader can observe of the control plane, serialized."""
    c = lab.cloud
    return json.dumps({
        "registries": {n: r.model_dump(mode="json") for n, r in sorted(c.registries.items())},
        "role_assignments": [a.model_dump(mode="json") for a in c.role_assignments],
        "principals": {k: p.model_dump(mode="json") for k, p in sorted(c.tenant.principals.items())},
        "groups": {k: g.model_dump(mode="json") for k, g in sorted(c.subscription.resource_groups.items())},
        "resources": {kind: sorted(items) for kind, items in sorted(c.resources.items())},
        "custom_roles": {k: r.model_dump(mode="json") for k, r in sorted(c.state.get("custom_roles", {}).items())},
    }, sort_keys=True, default=str)
