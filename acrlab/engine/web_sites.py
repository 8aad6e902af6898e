"""The lab's web backend of `*.azurewebsites.net`: each web app (engine/app_service.py) answers at its default host
name with the app deployed to it.

- No app deployed: App Service's default page at `/` (200), 404 elsewhere.
- `event-grid-viewer` (Azure-Samples/azure-event-grid-viewer, deployed by the Event Grid quickstart's template):
  `POST /api/updates` takes Event Grid's deliveries as the sample's UpdatesController does: with the header
  `aeg-event-type: SubscriptionValidation` it answers the validation handshake with
  `{"validationResponse": <data.validationCode>}`; with `aeg-event-type: Notification` it takes an array of events in
  the Event Grid schema (or one CloudEvents event, a JSON object with `specversion`); any other request is a 400.
  `OPTIONS /api/updates` answers the CloudEvents abuse-protection handshake (WebHook-Allowed-Origin/-Rate). `GET /`
  is the viewer's page: the events received, newest first (the sample's page prepends each event it is pushed;
  the lab keeps them with the site, so the page shows them whenever it is opened).
Source: Azure-Samples/azure-event-grid-viewer viewer/Controllers/UpdatesController.cs and viewer/Views/Home/
Index.cshtml; MicrosoftDocs/azure-docs articles/event-grid/webhook-event-delivery.md."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from .app_service import Site, site_by_host
from .web import WebRequest, WebResponse, respond

if TYPE_CHECKING:
    from .cloud import Cloud

HTML = "text/html; charset=utf-8"
MAX_EVENTS = 1000
"""The most events a viewer keeps (the oldest go first), so a long lab cannot grow a page without bound."""


def handle(cloud: Cloud, req: WebRequest) -> WebResponse | None:
    site = site_by_host(cloud, req.host)
    if site is None:
        return None  # no such web app: the name does not resolve
    if site.state != "Running":
        return respond(403, _page("Error 403 - This web app is stopped.", "<p>The web app you have attempted to "
                                  "reach is currently stopped and does not accept any requests.</p>"), HTML)
    if site.app == "event-grid-viewer":
        return _viewer(site, req)
    if req.path == "/" and req.method in ("GET", "HEAD"):
        return respond(200, _page("Microsoft Azure App Service - Welcome",
                                  f"<h1>Your web app is running and waiting for your content</h1><p>{site.host} is "
                                  f"up and running. Deploy your code to see it here.</p>"), HTML)
    return respond(404, _page("404 Not Found", "<p>The resource you are looking for has been removed, had its name "
                              "changed, or is temporarily unavailable.</p>"), HTML)


def _viewer(site: Site, req: WebRequest) -> WebResponse:
    path = req.path.rstrip("/").lower() or "/"
    if path == "/api/updates":
        if req.method == "OPTIONS":
            origin = req.headers.get("WebHook-Request-Origin") or ""
            return respond(200, b"", None, {"WebHook-Allowed-Rate": "*", "WebHook-Allowed-Origin": origin})
        if req.method != "POST":
            return respond(405, b"", None, {"Allow": "OPTIONS, POST"})
        return _updates(site, req)
    if path == "/" and req.method in ("GET", "HEAD"):
        return respond(200, viewer_page(site), HTML)
    return respond(404, _page("404 Not Found", "<p>Not found.</p>"), HTML)


def _updates(site: Site, req: WebRequest) -> WebResponse:
    kind = req.headers.get("aeg-event-type") or ""
    try:
        body = req.json()
    except (ValueError, UnicodeDecodeError):
        return respond(400, b"")
    if kind == "SubscriptionValidation":
        first = body[0] if isinstance(body, list) and body and isinstance(body[0], dict) else None
        data = first.get("data") if first is not None else None
        code = data.get("validationCode") if isinstance(data, dict) else None
        if first is None or not isinstance(code, str):
            return respond(400, b"")
        _keep(site, [first])
        return respond(200, {"validationResponse": code})
    if kind == "Notification":
        if isinstance(body, dict) and body.get("specversion"):
            _keep(site, [body])
        elif isinstance(body, list) and all(isinstance(e, dict) for e in body):
            _keep(site, body)
        else:
            return respond(400, b"")
        return respond(200, b"")
    return respond(400, b"")


def _keep(site: Site, events: list[dict]) -> None:
    kept = site.events if site.events is not None else []
    kept.extend(events)
    del kept[:-MAX_EVENTS]
    site.events = kept


def viewer_page(site: Site) -> str:
    """The viewer's page: a table of event type and subject, newest first, each with its JSON."""
    rows = []
    for e in reversed(site.events or []):
        kind = e.get("eventType") or e.get("type") or ""
        rows.append(f"<tr><td>{html.escape(str(kind), False)}</td><td>{html.escape(str(e.get('subject') or ''), False)}</td></tr>\n"
                    f"<tr><td colspan=\"2\"><pre><code>{html.escape(json.dumps(e, indent=2), False)}</code></pre></td></tr>")
    table = ("<table id=\"grid-events\">\n<thead><tr><th>Event Type</th><th>Subject</th></tr></thead>\n<tbody>\n"
             + "\n".join(rows) + "\n</tbody>\n</table>") if rows else "<p>No events received yet.</p>"
    return _page("Azure Event Grid Viewer", f"<h1>Azure Event Grid Viewer</h1>\n{table}")


def _page(title: str, body: str) -> str:
    return f"<!DOCTYPE html>\n<html>\n<head><title>{html.escape(title)}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
