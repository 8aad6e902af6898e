"""Apply a scenario's set-up to a fresh Lab, and resolve the identities checks talk about.

Set-up commands run in an administrator terminal (a separate session signed in as the learner, who is
Owner of the subscription, unless a step says `as:`), so the learner's own terminal starts clean: its
history, docker logins and working directory are untouched. Working-directory files go to the
learner's terminal. Image and fault steps act on the engine directly.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from collections.abc import Iterator

from ..engine import catalog
from ..engine.artifacts import ImageContent, Layer
from ..engine.dataplane import Credential, Origin
from ..engine.errors import RegistryError
from ..engine.ids import sha256_digest
from ..engine.images import push_image
from ..engine.rbac import scope_covers
from ..engine.roles import find_role
from ..engine.tenant import Principal
from ..lab import Lab
from .schema import (
    AdvanceStep,
    AssignRoleFault,
    FaultStep,
    FilesStep,
    ImageSpec,
    ImageStep,
    LockFault,
    RegistryFault,
    RemoveRoleFault,
    RunStep,
    Scenario,
)
from .variables import render, render_data

ADMIN_SESSION_KEY = "_labs_admin_session"


class SetupError(RuntimeError):
    """The scenario's set-up could not be applied (usually: an engine feature it needs is missing)."""


class PrincipalNotFound(LookupError):
    pass


# ----------------------------------------------------------------------------------------------
# identities
_LOOKUPS = {
    "kubelet": ("az aks show -g {rg} -n {name} --query identityProfile.kubeletidentity.objectId -o tsv", "AKS cluster"),
    "aks": ("az aks show -g {rg} -n {name} --query identity.principalId -o tsv", "AKS cluster"),
    # the identity `az login --identity` uses on the VM: the system-assigned one, else its only user-assigned one
    "vm": ("az vm show -g {rg} -n {name} --query 'identity.principalId || (length(values(identity.userAssignedIdentities "
           "|| `{{}}`)) == `1` && values(identity.userAssignedIdentities)[0].principalId || null)' -o tsv", "VM"),
    "identity": ("az identity show -g {rg} -n {name} --query principalId -o tsv", "managed identity"),
}


def admin_session(lab: Lab):
    """The administrator's terminal (created once per lab)."""
    sh = lab.session.state.get(ADMIN_SESSION_KEY)
    if sh is None:
        sh = lab.new_session(lab.cloud.learner)
        lab.session.state[ADMIN_SESSION_KEY] = sh
    return sh


_IDENTITIES: contextvars.ContextVar[dict | None] = contextvars.ContextVar("acrlab_check_identities", default=None)
"""While checks judge one state (`same_state()`): a resource's identity found by ref, with the lab it was found in."""


@contextlib.contextmanager
def same_state() -> Iterator[None]:
    """Checks that read a lab without changing it (a grade's evaluation) look up each resource's identity
    (`kubelet:RG/CLUSTER`, `vm:RG/VM`, ...) once per lab instead of once per check."""
    token = _IDENTITIES.set({})
    try:
        yield
    finally:
        _IDENTITIES.reset(token)


def resolve_principal(lab: Lab, ref: str) -> Principal:
    """`learner`, an object id / appId / UPN / service principal name, or `kubelet:RG/CLUSTER`,
    `aks:RG/CLUSTER` (control-plane identity), `vm:RG/VM` (system identity), `identity:RG/NAME`."""
    cloud = lab.cloud
    if ref == "learner":
        return cloud.learner
    kind, _, rest = ref.partition(":")
    if kind in _LOOKUPS and rest:
        memo = _IDENTITIES.get()
        kept = memo.get(ref) if memo is not None else None
        if kept is not None and kept[0] is lab:
            return kept[1]
        rg, _, name = rest.partition("/")
        template, what = _LOOKUPS[kind]
        sh = lab.new_session(cloud.learner)
        code, out, err = sh.run(template.format(rg=rg, name=name))
        oid = out.strip()
        p = cloud.tenant.principals.get(oid) if code == 0 and oid else None
        if p is None:
            detail = (err.strip().splitlines() or ["no identity"])[-1] if code else "it has no identity"
            raise PrincipalNotFound(f"cannot find the identity of {what} {name} in {rg}: {detail}")
        if memo is not None:
            memo[ref] = (lab, p)
        return p
    p = cloud.tenant.find_principal(ref)
    if p is None:
        for q in cloud.tenant.principals.values():
            if q.display_name.lower() == ref.lower():
                return q
        group = _find_group(cloud, ref)  # role checks may name an Entra group (by object id or display name)
        if group is not None:
            return group
        raise PrincipalNotFound(f"no principal {ref!r} in the tenant")
    return p


def _find_group(cloud, ref: str):
    from ..engine.entra_groups import entra_groups

    for g in entra_groups(cloud).values():
        if ref.lower() in (g.object_id.lower(), g.display_name.lower()):
            return g
    return None


# ----------------------------------------------------------------------------------------------
# set-up
def apply_setup(lab: Lab, scenario: Scenario, values: dict[str, str]) -> dict[str, str]:
    """Run every set-up step in order; returns the variables plus saved outputs. Raises SetupError."""
    values = dict(values)
    for i, step in enumerate(scenario.setup):
        where = f"set-up step {i + 1}"
        try:
            if isinstance(step, RunStep):
                run_step(lab, step, values, where)
            elif isinstance(step, FilesStep):
                for path, content in step.files.items():
                    lab.write_file(render(path, values), render(content, values))
            elif isinstance(step, ImageStep):
                spec = ImageSpec.model_validate(render_data(step.image.model_dump(), values))
                seed_image(lab, spec)
            elif isinstance(step, AdvanceStep):
                lab.advance(render(step.advance, values))
            elif isinstance(step, FaultStep):
                inject_fault(lab, FaultStep.model_validate(render_data(step.model_dump(), values)).fault)
        except SetupError:
            raise
        except (RegistryError, PrincipalNotFound, ValueError, KeyError) as e:
            raise SetupError(f"{where} failed: {e}") from None
    hand_over_ssh_keys(lab)
    return values


def hand_over_ssh_keys(lab: Lab) -> None:
    """The set-up runs as the learner in another terminal: SSH keys it generated (`az vm create
    --generate-ssh-keys`) end up on the learner's workstation too, so `ssh VM` works for them as it would for
    whoever created the VM, and a troubleshooter can reproduce a failure on the VM itself."""
    admin = lab.session.state.get(ADMIN_SESSION_KEY)
    if admin is None:
        return
    mine = lab.session.workstation.files
    for path, content in admin.workstation.files.items():
        if "/.ssh/" in path:
            mine.setdefault(path, content)


def run_step(lab: Lab, step: RunStep, values: dict[str, str], where: str) -> None:
    text = render(step.run, values)
    sh = admin_session(lab) if step.as_ == "learner" else lab.new_session(resolve_principal(lab, step.as_))
    previous = sh.mode
    if step.shell == "pwsh":
        sh.mode = "pwsh"
    try:
        code, out, err = sh.run(text)
    finally:
        sh.mode = previous
    if code != 0 and not step.may_fail:
        first = text.strip().splitlines()[0] if text.strip() else ""
        tail = "\n".join(err.strip().splitlines()[-3:])
        raise SetupError(f"{where} failed (exit {code}) at `{first}`:\n{tail}")
    if step.save_as:
        values[step.save_as] = out.strip()


def seed_image(lab: Lab, spec: ImageSpec) -> None:
    """Push synthetic images: the base image's layers plus an application layer keyed by `content`."""
    cloud = lab.cloud
    registry = cloud.find_registry(spec.registry)
    if registry is None:
        raise SetupError(f"image step: registry {spec.registry!r} does not exist")
    base = catalog.find_public(spec.base)
    if base is None:
        raise SetupError(f"image step: unknown base image {spec.base!r}")
    cred = Credential(kind="aad", registry=registry.name, principal_id=cloud.learner.object_id)
    origin = Origin(kind="azure-service")
    n = spec.count if not spec.tags else 1
    for k in range(n):
        key = spec.content or f"{spec.repository}:{','.join(spec.tags) or 'untagged'}"
        if n > 1:
            key = f"{key}#{k}"
        app = Layer(digest=sha256_digest(f"acrlab-lab-layer:{key}".encode()), size=spec.app_size,
                    created_by=f"COPY . /app # {key}")
        layers = list(base.layers) + [app]
        config = hashlib.sha256(f"acrlab-lab-config:{key}".encode()).hexdigest()
        content = ImageContent(config_digest=f"sha256:{config}", config_size=1_500 + len(layers) * 120, layers=layers)
        tags = spec.tags or [None]
        for tag in tags:
            push_image(cloud, registry, cred, spec.repository, tag, content, origin)


def inject_fault(lab: Lab, fault) -> None:
    cloud = lab.cloud
    if isinstance(fault, RegistryFault):
        registry = cloud.find_registry(fault.registry)
        if registry is None:
            raise SetupError(f"fault: registry {fault.registry!r} does not exist")
        for key, value in fault.properties.items():
            if key not in type(registry).model_fields:
                raise SetupError(f"fault: registry has no property {key!r}")
            setattr(registry, key, value)
        cloud.emit("registry_updated", registry=registry)
    elif isinstance(fault, LockFault):
        registry = cloud.find_registry(fault.registry)
        if registry is None:
            raise SetupError(f"fault: registry {fault.registry!r} does not exist")
        repo = registry.store.repo(fault.repository)
        target = repo.attributes
        if fault.tag:
            tag = repo.tags.get(fault.tag)
            if tag is None:
                raise SetupError(f"fault: no tag {fault.tag!r} in {fault.repository}")
            target = tag.attributes
        for attr in ("write_enabled", "delete_enabled", "read_enabled"):
            if getattr(fault, attr) is not None:
                setattr(target, attr, getattr(fault, attr))
    elif isinstance(fault, AssignRoleFault):
        p = resolve_principal(lab, fault.principal)
        cloud.assign_role(p, fault.role, fault.scope, created_by=cloud.learner.object_id)
    elif isinstance(fault, RemoveRoleFault):
        p = resolve_principal(lab, fault.principal)
        role = find_role(fault.role) if fault.role else None
        cloud.role_assignments[:] = [
            a for a in cloud.role_assignments
            if not (a.principal_id == p.object_id and (role is None or a.role_guid == role.guid)
                    and (fault.scope is None or scope_covers(fault.scope, a.scope)))]
