"""Cloud: one simulated Azure world (tenant, subscription, resources, clock), deterministic per seed."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import installers
from .clock import SimClock
from .errors import ArmError, AuthorizationFailed, ResourceGroupNotFound
from .ids import IdFactory
from .rbac import Decision, RoleAssignment, evaluate
from .role_store import RoleAssignmentStore
from .roles import find_role
from .tenant import DirectoryObject, Principal, ResourceGroup, Subscription, Tenant

if TYPE_CHECKING:
    from .registry import Registry

DOMAIN = "contoso.onmicrosoft.com"
LEARNER_UPN = f"learner@{DOMAIN}"

SUBSCRIPTION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

RESERVED_REGISTRY_NAMES = {"azure", "microsoft", "docker", "registry", "contoso", "myregistry"}
"""Names held by other Azure customers: creating them fails with AlreadyInUse, as in real Azure."""


class Cloud:
    """The root of a simulated world. Family modules keep their state in the stores below."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.clock = SimClock()
        self.ids = IdFactory(seed)
        tenant_id = self.ids.guid()
        self.tenant = Tenant(tenant_id=tenant_id, domain=DOMAIN)
        sub = Subscription(subscription_id=self.ids.guid(), name="AZ-104 Lab Subscription", tenant_id=tenant_id)
        self.tenant.subscriptions[sub.subscription_id] = sub
        self.subscription = sub
        """The tenant's first subscription: the default one (`add_subscription` adds others to tenant.subscriptions)."""
        self.learner = self.add_principal(Principal(
            object_id=self.ids.guid(), display_name="Lab Learner", kind="User",
            user_principal_name=LEARNER_UPN, password=self.ids.secret(16), created=self.clock.now(),
        ))
        self.role_assignments = RoleAssignmentStore()
        """Every role assignment, indexed by principal, scope and name (engine/role_store.py)."""
        self.assign_role(self.learner, "Owner", sub.id, created_by=self.learner.object_id)
        self.registries: dict[str, Registry] = {}
        """Every registry in this world, keyed by lower-case name (login server names are global)."""
        self.resources: dict[str, dict[str, Any]] = defaultdict(dict)
        """Other resource families by kind ('vnets', 'vms', 'aks', 'identities', 'vaults', ...), then by id."""
        self.state: dict[str, Any] = {}
        """Family-level state that is not a resource (public catalogue versions, git hosts, ...)."""
        self._listeners: dict[str, list[Callable]] = defaultdict(list)
        self._installed: dict[str, dict[str, Callable]] = {}
        installers.prepare(self)  # engine modules' install(cloud), each run when first needed (installers.py)

    # -- events --------------------------------------------------------------------------------
    def on(self, event: str, listener: Callable) -> None:
        """Subscribe to an engine event: 'push', 'delete', 'untag', 'import', 'registry_created', ..."""
        self._listeners[event].append(listener)

    def emit(self, _event: str, /, **data) -> None:
        for listener in list(self._listeners.get(_event, ())):
            listener(self, **data)

    # -- tenant --------------------------------------------------------------------------------
    def add_principal(self, p: Principal) -> Principal:
        self.tenant.principals[p.object_id] = p
        return p

    def add_subscription(self, name: str, subscription_id: str | None = None,
                         owner: Principal | None = None) -> Subscription:
        """Another subscription of the tenant (an ARM scope `/subscriptions/<id>` with its own resource groups);
        `owner` (the learner when None) is made its Owner, as the account that creates a subscription is."""
        if not name.strip():
            raise ValueError("a subscription needs a name")
        if self.find_subscription(name) is not None:
            raise ValueError(f"the tenant already has a subscription named '{name}'")
        sub_id = (subscription_id or self.ids.guid()).lower()
        if not SUBSCRIPTION_ID.fullmatch(sub_id):
            raise ValueError(f"'{subscription_id}' is not a subscription id (a GUID)")
        if sub_id in self.tenant.subscriptions:
            raise ValueError(f"the tenant already has subscription '{sub_id}'")
        sub = Subscription(subscription_id=sub_id, name=name, tenant_id=self.tenant.tenant_id)
        self.tenant.subscriptions[sub_id] = sub
        p = owner or self.learner
        self.assign_role(p, "Owner", sub.id, created_by=p.object_id)
        return sub

    def find_subscription(self, ref: str) -> Subscription | None:
        """A subscription of the tenant by id (any case) or by name (az account set accepts either)."""
        sub = self.tenant.subscriptions.get(ref.lower())
        if sub is not None:
            return sub
        return next((s for s in self.tenant.subscriptions.values() if s.name.lower() == ref.lower()), None)

    def subscription_of(self, subscription_id: str | None) -> Subscription:
        """The subscription a request's resource id names (None: the default one); SubscriptionNotFound otherwise,
        as Resource Manager answers for an id the tenant does not hold."""
        if subscription_id is None:
            return self.subscription
        sub = self.tenant.subscriptions.get(subscription_id.lower())
        if sub is None:
            raise ArmError("SubscriptionNotFound", subscription=subscription_id)
        return sub

    def group(self, name: str, subscription_id: str | None = None) -> ResourceGroup:
        """Resource group `name` of a subscription (the default one when None)."""
        rg = self.subscription_of(subscription_id).find_group(name)
        if rg is None:
            raise ResourceGroupNotFound(name)
        return rg

    # -- RBAC ----------------------------------------------------------------------------------
    def assign_role(self, principal: Principal, role_ref: str, scope: str, created_by: str = "",
                    condition: str | None = None, name: str | None = None,
                    description: str | None = None) -> RoleAssignment:
        role = find_role(role_ref)
        if role is None:
            raise ValueError(f"unknown role {role_ref}")
        for a in self.role_assignments.of_principals((principal.object_id,)):
            if a.role_guid == role.guid and a.scope.lower() == scope.lower() \
                    and a.condition == condition:
                return a
        a = RoleAssignment(
            name=name or self.ids.guid(), principal_id=principal.object_id, principal_type=principal.principal_type,
            role_guid=role.guid, scope=scope, condition=condition,
            condition_version="2.0" if condition else None, description=description,
            created_on=self.clock.now(), created_by=created_by or self.learner.object_id,
        )
        self.role_assignments.append(a)
        return a

    def principal_ids(self, principal: DirectoryObject) -> set[str]:
        """The principal and every Entra group it belongs to, directly or through nested groups: role assignments to
        any of them count for it (`engine/identity.py` keeps the groups in `state['entra_groups']`)."""
        ids = {principal.object_id}
        groups = list(self.state.get("entra_groups", {}).values())
        grew = True
        while grew:
            grew = False
            for g in groups:
                if g.object_id not in ids and ids.intersection(g.members):
                    ids.add(g.object_id)
                    grew = True
        return ids

    def authorize(self, principal: Principal, action: str, scope: str, data: bool = False, **context) -> Decision:
        """The one decision function for control-plane actions and data actions.

        `context` may carry `registry` and `repository` for repository-scoped (ABAC) decisions;
        family modules refine the decision through `self.state['authorize_hooks']`."""
        ids = self.principal_ids(principal)
        decision = evaluate(self.role_assignments.of_principals(ids), ids, action, scope, data)
        for hook in self.state.get("authorize_hooks", ()):
            decision = hook(self, principal, action, scope, data, decision, **context)
        return decision

    def require(self, principal: Principal, action: str, scope: str) -> Decision:
        """Raise AuthorizationFailed unless `principal` may perform control-plane `action` at `scope`."""
        d = self.authorize(principal, action, scope)
        if not d.allowed:
            self.state["last_denial"] = (principal, d)
            raise AuthorizationFailed(principal.sign_in_name, principal.object_id, action, scope, decision=d)
        for check in self.state.get("require_hooks", ()):  # after RBAC: management locks (engine/locks.py)
            check(self, principal, action, scope)
        return d

    # -- registries ----------------------------------------------------------------------------
    def find_registry(self, name: str) -> Registry | None:
        return self.registries.get(name.lower())

    def registry_by_login_server(self, server: str) -> Registry | None:
        """`name.azurecr.io`, or `name-<hash>.azurecr.io` with a domain name label scope: registry names are
        alphanumeric, so the name is the host's first label up to a '-' (found without scanning registries)."""
        server = server.lower()
        if server.endswith(".geo.azurecr.io"):  # a regional endpoint: the same registry (engine/regional_endpoints.py)
            from .regional_endpoints import registry_for
            return registry_for(self, server)[0]
        name = server.split(".", 1)[0].split("-", 1)[0]
        r = self.registries.get(name)
        return r if r is not None and r.login_server == server else None
