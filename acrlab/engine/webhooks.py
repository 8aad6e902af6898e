"""Registry webhooks: per-SKU limits, actions, scope filters and the deliveries ACR records.

Pushes and manifest/repository deletes (not untags) post ACR's event payload to every enabled webhook
whose actions and scope match (`repo:tag`, `repo:*`, `repo` = `repo:latest`, empty = everything). The
endpoint is outside the lab: a delivery is recorded with 200 OK unless `cloud.state['webhook_endpoints']`
maps the service URI to another (status, reason).
"""

from __future__ import annotations

import fnmatch
import re
from datetime import datetime

from pydantic import BaseModel, Field

from .clock import iso_z
from .cloud import Cloud
from .registry import Registry

CR = "Microsoft.ContainerRegistry/registries"
ACTIONS = ["chart_delete", "chart_push", "delete", "push", "quarantine"]
NAME_RE = re.compile(r"^[a-zA-Z0-9]{5,50}$")


class Webhook(BaseModel):
    name: str
    registry: str
    resource_group: str
    subscription_id: str
    location: str
    service_uri: str
    actions: list[str]
    custom_headers: dict[str, str] = Field(default_factory=dict)
    status: str = "enabled"
    scope: str = ""
    tags: dict[str, str] = Field(default_factory=dict)
    events: list[dict] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{CR}/"
                f"{self.registry}/webhooks/{self.name}")

    def to_json(self) -> dict:
        return {"actions": list(self.actions), "id": self.id, "location": self.location, "name": self.name,
                "provisioningState": "Succeeded", "resourceGroup": self.resource_group, "scope": self.scope,
                "status": self.status, "tags": dict(self.tags), "type": f"{CR}/webhooks"}

    def config(self) -> dict:
        return {"customHeaders": dict(self.custom_headers), "serviceUri": self.service_uri}

    def matches(self, repository: str, tag: str | None) -> bool:
        if not self.scope:
            return True
        repo, sep, tag_pat = self.scope.partition(":")
        tag_pat = tag_pat if sep else "latest"
        if not fnmatch.fnmatchcase(repository, repo):
            return False
        return tag_pat == "*" or (tag is not None and fnmatch.fnmatchcase(tag, tag_pat))


def _deliver(cloud: Cloud, reg: Registry, hook: Webhook, content: dict) -> dict:
    status, reason = cloud.state.get("webhook_endpoints", {}).get(hook.service_uri, (200, "OK"))
    host = hook.service_uri.split("://", 1)[-1].split("/", 1)[0]
    body_len = len(str(content))
    event = {
        "eventRequestMessage": {
            "content": content,
            "headers": {"Content-Type": "application/json", "Content-Length": str(body_len), "Host": host,
                        **hook.custom_headers},
            "method": "POST", "requestUri": hook.service_uri, "version": "1.1"},
        "eventResponseMessage": {"content": "", "headers": {"Content-Length": "0"}, "reasonPhrase": reason,
                                 "statusCode": str(status), "version": "1.1"},
        "id": content["id"],
    }
    hook.events.append(event)
    return event


def _content(cloud: Cloud, reg: Registry, action: str, target: dict, method: str, now: datetime) -> dict:
    return {"action": action, "actor": {}, "id": cloud.ids.guid(),
            "request": {"addr": "", "host": reg.login_server, "id": cloud.ids.guid(), "method": method,
                        "useragent": "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0 os/linux arch/amd64"},
            "source": {"addr": "", "instanceID": ""}, "target": target, "timestamp": iso_z(now)}


def _fire(cloud: Cloud, reg: Registry, action: str, repository: str, tag: str | None, target: dict, method: str):
    for hook in list(reg.webhooks.values()):
        if isinstance(hook, Webhook) and hook.status == "enabled" and action in hook.actions \
                and hook.matches(repository, tag):
            _deliver(cloud, reg, hook, _content(cloud, reg, action, target, method, cloud.clock.now()))


def _on_push(cloud: Cloud, registry: Registry, repository: str, tag, manifest, **_) -> None:
    if not registry.webhooks:  # nothing to notify: no event body to build (every push of a CI pipeline)
        return
    size = manifest.manifest_size
    target = {"digest": manifest.digest, "length": size, "mediaType": manifest.content.media_type,
              "repository": repository, "size": size}
    if tag:
        target["tag"] = tag
    _fire(cloud, registry, "push", repository, tag, target, "PUT")


def _on_delete(cloud: Cloud, registry: Registry, repository: str, manifest, tags=(), **_) -> None:
    if not registry.webhooks:
        return
    target = {"digest": manifest.digest, "mediaType": manifest.content.media_type, "repository": repository}
    for tag in list(tags) or [None]:
        _fire(cloud, registry, "delete", repository, tag, target, "DELETE")


def _on_delete_repository(cloud: Cloud, registry: Registry, repository: str, removed=None, **_) -> None:
    for m in (removed.manifests.values() if removed is not None else []):
        _on_delete(cloud, registry, repository, m, removed.tags_of(m.digest))


def ping(cloud: Cloud, reg: Registry, hook: Webhook) -> dict:
    content = {"action": "ping", "actor": {}, "id": cloud.ids.guid(), "request": {"addr": "", "host": "",
               "id": "", "method": "", "useragent": ""}, "source": {"addr": "", "instanceID": ""},
               "target": {"digest": "", "length": 0, "mediaType": "", "repository": "", "size": 0, "tag": ""},
               "timestamp": iso_z(cloud.clock.now())}
    _deliver(cloud, reg, hook, content)
    return {"id": content["id"]}


def install(cloud: Cloud) -> None:
    cloud.on("push", _on_push)
    cloud.on("delete", _on_delete)
    cloud.on("delete_repository", _on_delete_repository)
