"""Evaluate declarative checks against the lab's state. Each returns an Outcome (expected vs actual);
the report decides how much of it a learner may see (shown / message-only / hidden).

Checks read state; commands they run go to fresh terminals so they never disturb the learner's.
"""

from __future__ import annotations

import re
from typing import Any

import jmespath

from ..engine.dataplane import authenticate
from ..engine.errors import AzureError, RegistryError
from ..lab import Lab
from . import checks_access
from .outcome import CheckFailed, Outcome, run_json, short
from .schema import (
    AzCheck,
    BuiltByTaskCheck,
    Expect,
    ImageCheck,
    LoginCheck,
    PushedByCheck,
    RegistryCheck,
    ReplicaCheck,
    RetentionCheck,
    ScriptCheck,
)
from .setup import PrincipalNotFound, resolve_principal


def _norm(v: Any, ignore_case: bool) -> Any:
    if ignore_case and isinstance(v, str):
        return v.lower()
    if ignore_case and isinstance(v, list):
        return [_norm(x, True) for x in v]
    return v


def compare(expect: Expect, actual: Any) -> tuple[bool, str]:
    """(passed, description of what was expected)."""
    ic = expect.ignore_case
    a = _norm(actual, ic)
    f = expect.model_fields_set
    if "equals" in f:
        return a == _norm(expect.equals, ic), short(expect.equals)
    if "not_equals" in f:
        return a != _norm(expect.not_equals, ic), f"anything but {short(expect.not_equals)}"
    if "contains" in f:
        want = _norm(expect.contains, ic)
        ok = isinstance(a, list | str) and (want in a if isinstance(a, list) else str(want) in a)
        return ok, f"a value containing {short(expect.contains)}"
    if "not_contains" in f:
        want = _norm(expect.not_contains, ic)
        ok = not (isinstance(a, list | str) and (want in a if isinstance(a, list) else str(want) in a))
        return ok, f"no {short(expect.not_contains)}"
    if "length" in f:
        n = len(a) if isinstance(a, list | str | dict) else 0
        return n == expect.length, f"{expect.length} item(s)"
    if "exists" in f:
        present = a not in (None, [], "", {})
        return present == expect.exists, "a value" if expect.exists else "nothing"
    if "regex" in f:
        flags = re.IGNORECASE if ic else 0
        return a is not None and re.search(expect.regex, str(actual), flags) is not None, f"matching /{expect.regex}/"
    return a in [_norm(x, ic) for x in expect.one_of or []], f"one of {short(expect.one_of)}"


def check_az(lab: Lab, c: AzCheck) -> Outcome:
    sh = lab.new_session(resolve_principal(lab, c.as_))
    data, error = run_json(sh, c.command)
    value = jmespath.search(c.query, data) if data is not None else None
    ok, expected = compare(c.expect, value)
    actual = f"the command failed: {error}" if error else short(value)
    return Outcome(ok, expected, actual)


def check_script(lab: Lab, c: ScriptCheck) -> Outcome:
    sh = lab.new_session(resolve_principal(lab, c.as_))
    share_ssh_keys(lab, sh)
    code, out, err = sh.run(c.commands)
    missing = [m for m in c.stdout_contains if m not in out]
    ok = code == c.exit_code and not missing
    expected = f"exit code {c.exit_code}" + (f" and output with {', '.join(c.stdout_contains)}" if c.stdout_contains else "")
    last = [ln for ln in (err or out).strip().splitlines() if ln.strip()]
    actual = f"exit code {code}" + (f": {short(last[-1], 400)}" if last else "")
    if code == c.exit_code and missing:
        actual += f" (output lacks {', '.join(missing)})"
    return Outcome(ok, expected, actual)


def share_ssh_keys(lab: Lab, sh) -> None:
    """The checker's terminal (on a private copy of the lab) starts with the learner's workstation files
    (e.g. an acr-task.yaml they wrote) and the SSH keys the administrator and the learner have."""
    from .setup import ADMIN_SESSION_KEY

    sh.workstation.files.update(lab.session.workstation.files)
    admin = lab.session.state.get(ADMIN_SESSION_KEY)
    if admin is not None:
        for path, content in admin.workstation.files.items():
            if "/.ssh/" in path:
                sh.workstation.files.setdefault(path, content)


def _registry(lab: Lab, name: str):
    r = lab.cloud.find_registry(name)
    if r is None:
        raise CheckFailed(f"registry {name} does not exist")
    return r


def check_registry(lab: Lab, c: RegistryCheck) -> Outcome:
    r = lab.cloud.find_registry(c.registry)
    value = jmespath.search(c.query, r.to_json()) if r is not None else None
    ok, expected = compare(c.expect, value)
    return Outcome(ok, f"{c.query} = {expected}", f"registry {c.registry} does not exist" if r is None
                   else f"{c.query} = {short(value)}")


def check_image(lab: Lab, c: ImageCheck) -> Outcome:
    reg = _registry(lab, c.registry)
    repo = reg.store.repositories.get(c.repository)
    problems, wants = [], []
    if c.repository_exists is not None:
        wants.append(f"repository {c.repository} {'exists' if c.repository_exists else 'is deleted'}")
        if (repo is not None) != c.repository_exists:
            problems.append(f"repository {c.repository} {'is missing' if repo is None else 'still exists'}")
    tags = set(repo.tags) if repo else set()
    if c.tags_present:
        wants.append(f"tags {', '.join(c.tags_present)} present")
        missing = [t for t in c.tags_present if t not in tags]
        if missing:
            problems.append(f"missing tag(s) {', '.join(missing)}")
    if c.tags_absent:
        wants.append(f"tags {', '.join(c.tags_absent)} removed")
        left = [t for t in c.tags_absent if t in tags]
        if left:
            problems.append(f"tag(s) still present: {', '.join(left)}")
    if c.same_digest:
        wants.append(f"{', '.join(c.same_digest)} on one digest")
        digests = {repo.tags[t].digest for t in c.same_digest if repo and t in repo.tags}
        absent = [t for t in c.same_digest if t not in tags]
        if absent:
            problems.append(f"missing tag(s) {', '.join(absent)}")
        elif len(digests) != 1:
            problems.append(f"the tags point at {len(digests)} different digests")
    if c.max_untagged is not None:
        untagged = [m for d, m in (repo.manifests.items() if repo else []) if not repo.tags_of(d)]
        wants.append(f"at most {c.max_untagged} untagged manifest(s)")
        if len(untagged) > c.max_untagged:
            problems.append(f"{len(untagged)} untagged manifest(s) left")
    if repo is None and c.repository_exists is None:
        others = ", ".join(sorted(reg.store.repositories)[:8]) or "none"
        problems.insert(0, f"repository {c.repository} does not exist (repositories: {others})")
    actual = "; ".join(problems) if problems else f"{c.repository} tags: {', '.join(sorted(tags)) or 'none'}"
    return Outcome(not problems, f"{c.repository}: " + "; ".join(wants), actual)


def _location(x: Any) -> str:
    loc = getattr(x, "location", None) or (x.get("location") if isinstance(x, dict) else None) or ""
    return loc.replace(" ", "").lower()


def check_replica(lab: Lab, c: ReplicaCheck) -> Outcome:
    reg = _registry(lab, c.registry)
    want = c.location.replace(" ", "").lower()
    regions = sorted({_location(x) for x in reg.replications.values()} | {reg.location.lower()})
    present = want in {_location(x) for x in reg.replications.values()} or (
        want == reg.location.lower() and bool(reg.replications))
    expected = f"a replica in {want}" if c.present else f"no replica in {want}"
    return Outcome(present == c.present, expected, f"replicas in: {', '.join(regions) if reg.replications else 'none'}")


def check_retention(lab: Lab, c: RetentionCheck) -> Outcome:
    p = _registry(lab, c.registry).policies
    ok = p.retention_status == c.status and (c.status == "disabled" or p.retention_days == c.days)
    return Outcome(ok, f"retention {c.status}" + (f", {c.days} days" if c.status == "enabled" else ""),
                   f"retention {p.retention_status}, {p.retention_days} days")


def check_login(lab: Lab, c: LoginCheck) -> Outcome:
    reg = _registry(lab, c.registry)
    if c.assume_admin_enabled:
        reg = reg.model_copy(update={"admin_user_enabled": True})
    try:
        authenticate(lab.cloud, reg, c.username, c.password)
        accepted = True
    except RegistryError:
        accepted = False
    return Outcome(accepted == c.accepted, f"login as {c.username} {'accepted' if c.accepted else 'refused'}",
                   f"login {'accepted' if accepted else 'refused'}")


def check_built_by_task(lab: Lab, c: BuiltByTaskCheck) -> Outcome:
    reg = _registry(lab, c.registry)
    try:
        m = reg.store.resolve(c.repository, c.tag)
    except RegistryError:
        return Outcome(False, f"{c.repository}:{c.tag} built by an ACR task", f"{c.repository}:{c.tag} does not exist")
    run = m.built_by_run
    return Outcome(bool(run), f"{c.repository}:{c.tag} built by an ACR task",
                   f"built by run {run}" if run else "pushed from a client, not built by an ACR task")


def check_pushed_by(lab: Lab, c: PushedByCheck) -> Outcome:
    from .audit import CREDENTIAL_WORDS, pushes

    refused = " or ".join(CREDENTIAL_WORDS[k] for k in c.refused)
    expected = f"{c.repository}:{c.tag} pushed without {refused}"
    log = pushes(lab.cloud, c.registry, c.repository, c.tag)
    if not log:
        return Outcome(False, expected, f"{c.repository}:{c.tag} was never pushed")
    last = log[-1]
    how = f"{c.repository}:{c.tag} was last pushed with {CREDENTIAL_WORDS.get(last['credential'], last['who'])}"
    return Outcome(last["credential"] not in c.refused, expected, how)


EVALUATORS = {
    "az": check_az, "script": check_script, "registry": check_registry, "image": check_image,
    "replica": check_replica, "retention": check_retention, "login": check_login,
    "built_by_task": check_built_by_task, "access": checks_access.check_access,
    "role_limit": checks_access.check_role_limit, "role_assignment": checks_access.check_role_assignment,
    "token_scope": checks_access.check_token_scope, "deployment_image": checks_access.check_deployment_image,
    "pushed_by": check_pushed_by,
}


def evaluate(lab: Lab, check) -> Outcome:
    """Never raises: anything that goes wrong becomes a failed check with the reason as the actual value."""
    try:
        return EVALUATORS[check.kind](lab, check)
    except (CheckFailed, PrincipalNotFound) as e:
        return Outcome(False, check.title, str(e))
    except (RegistryError, AzureError) as e:
        return Outcome(False, check.title, getattr(e, "message", str(e)))
    except Exception as e:  # a check must never crash grading; report it as failed with the reason
        return Outcome(False, check.title, f"check error: {type(e).__name__}: {e}")
