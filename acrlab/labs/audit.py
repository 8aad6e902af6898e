"""What the graded lab saw happen: every push, with the credential that made it (as ACR's repository event logs
record the identity behind each push). Checks that judge *how* something was done read this log.

The recorder is a stateless callable registered on the cloud's `push` event, so a forked lab (deep copy) keeps
recording into its own state.
"""

from __future__ import annotations

LOG_KEY = "labs_push_log"
CREDENTIAL_WORDS = {
    "aad": "an Entra ID identity", "admin": "the admin user (a shared password)",
    "token": "a repository token (a shared password)", "task": "an ACR task run",
    "import": "az acr import (the caller's Entra ID identity)", "anonymous": "no credential",
}


class PushRecorder:
    def __call__(self, cloud, registry=None, repository=None, tag=None, manifest=None, cred=None, **_) -> None:
        kind = cred.kind if cred is not None else "import"
        who = cred.describe() if cred is not None else "az acr import"
        cloud.state.setdefault(LOG_KEY, []).append({
            "registry": registry.name if registry is not None else "", "repository": repository, "tag": tag,
            "digest": manifest.digest if manifest is not None else None, "credential": kind, "who": who,
            "at": cloud.clock.now()})


def attach(lab) -> None:
    lab.cloud.on("push", PushRecorder())


def pushes(cloud, registry: str, repository: str, tag: str | None = None) -> list[dict]:
    return [p for p in cloud.state.get(LOG_KEY, [])
            if p["registry"].lower() == registry.lower() and p["repository"] == repository
            and (tag is None or p["tag"] == tag)]
