"""`lab endpoint URL`: what a webhook endpoint (outside the lab, or a lab web app's) received from Event Grid, oldest first, as the Event
Grid Viewer sample's page lists it (engine/eventgrid.py): the subscription validation event, then the registry's
ImagePushed and ImageDeleted events in the Event Grid schema. `--json` prints them as JSON."""

from __future__ import annotations

import json

from ...engine import eventgrid
from ..session import IO, Session


def endpoint(sh: Session, argv: list[str], io: IO) -> int:
    urls = [a for a in argv if not a.startswith("--")]
    if len(urls) != 1:
        io.err("usage: lab endpoint URL [--json]   (the events a webhook endpoint received from Event Grid)")
        return 2
    events = eventgrid.endpoint_events(sh.cloud, urls[0])
    if "--json" in argv:
        io.out(json.dumps(events, indent=2))
        return 0
    if not events:
        io.out(f"{urls[0]} has received no events.")
        return 0
    for e in events:
        io.out(f"{e['eventTime']}  {e['eventType']:<52} {e['subject']}")
    return 0


COMMANDS = {"endpoint": (endpoint, "the events a webhook endpoint received from Event Grid: lab endpoint URL")}
