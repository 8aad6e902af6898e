"""A deployment's preflight for the resources a client deploys as one template (`az vm create`: the network and the
VM): every request is tried, in order, against a throwaway copy of the tenant before the first one is sent for real,
so a refusal anywhere comes before anything is made and leaves nothing behind.

What ARM answers (Azure/azure-cli issue #6231: "VM create *always* does a template deployment", refused as "The
template deployment 'vm_deploy_...' is not valid according to the validation procedure. The tracking id is '...'. See
inner errors for details."; issue #32870's traceback: vm/custom.py create_vm sends
`deployments.begin_create_or_update(resource_group, deployment_name, deployment)`): the deployment's own write
permission (Microsoft.Resources/deployments/write) is checked first; a resource the caller may not write is refused
with that resource's AuthorizationFailed; any other refusal is InvalidTemplateDeployment with the resource's error as
its inner error, laid out as azure-core's ODataV4Format prints nested errors (Azure/azure-sdk-for-python
sdk/core/azure-core/azure/core/exceptions.py: `Code:`, `Message:`, `Exception Details:` indented by a tab)."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..errors import AuthorizationFailed, AzureError
from .manager import send

if TYPE_CHECKING:
    from ..cloud import Cloud
    from ..tenant import Principal

Request = tuple[str, str, dict]
"""(method, resource id, body)."""


class InvalidTemplateDeployment(AzureError):
    """A deployment refused by its preflight: nothing of it was made. `inner` is the resource's own error."""

    code = "InvalidTemplateDeployment"

    def __init__(self, deployment: str, tracking_id: str, inner: AzureError):
        outer = (f"The template deployment '{deployment}' is not valid according to the validation procedure. The "
                 f"tracking id is '{tracking_id}'. See inner errors for details.")
        lines = [f"({inner.code}) {inner.message}", f"Code: {inner.code}", f"Message: {inner.message}"]
        nested = "\n".join("\t" + line for text in lines for line in text.splitlines())
        super().__init__(f"{outer}\nCode: {self.code}\nMessage: {outer}\nException Details:{nested}", status=400)
        self.inner = inner
        self.summary = outer


def deploy(cloud: Cloud, caller: Principal, resource_group: str, requests: list[Request],
           deployment: str | None = None):
    """Send `requests` as one deployment: tried whole first, then sent; returns the last request's answer.
    `deployment` names the template deployment whose preflight refuses (None: the client sends the requests
    itself, and a refusal is the failing request's own error)."""
    if deployment is not None:
        cloud.require(caller, "Microsoft.Resources/deployments/write",
                      f"{cloud.group(resource_group).id}/providers/Microsoft.Resources/deployments/{deployment}")
    if len(requests) > 1:  # a lone request is planned whole by the resource manager already
        trial = copy.deepcopy(cloud)
        _refused(cloud, deployment, lambda: [send(trial, caller, m, rid, body) for m, rid, body in requests])
    answer = None
    for method, rid, body in requests:
        answer = _refused(cloud, deployment, lambda m=method, r=rid, b=body: send(cloud, caller, m, r, b))
    return answer


def _refused(cloud: Cloud, deployment: str | None, attempt):
    try:
        return attempt()
    except AuthorizationFailed:
        raise
    except AzureError as e:
        if deployment is None:
            raise
        raise InvalidTemplateDeployment(deployment, cloud.ids.guid(), e) from None
