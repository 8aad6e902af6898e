"""The tables of `az acr task` commands: azure-cli acr/_format.py (task and run groups, dates, durations)."""

from __future__ import annotations


def gv(item, *keys) -> str:
    """_format.py _get_value: a nested value as text, ' ' when missing or empty."""
    try:
        for k in keys:
            item = item[k]
        return str(item) if item else " "
    except (KeyError, TypeError, IndexError):
        return " "


def _rows(result) -> list:
    """_format.py _output_format: a list, or one object, or a {'value': [...]} page."""
    if isinstance(result, dict) and isinstance(result.get("value"), list):
        result = result["value"]
    return result if isinstance(result, list) else [result]


def task_table(result):
    """_format.py _task_format_group / _get_triggers (every `acr task` command without its own transformer)."""
    out = []
    for r in _rows(result):
        names = []
        if gv(r, "trigger", "sourceTriggers", 0, "status").lower() == "enabled":
            names.append("SOURCE")
        if any(isinstance(t, dict) and str(t.get("status", "")).lower() == "enabled"
               for t in (r.get("trigger") or {}).get("timerTriggers") or [] if isinstance(r, dict)):
            names.append("TIMER")
        if gv(r, "trigger", "baseImageTrigger", "status").lower() == "enabled":
            names.append("BASE_IMAGE")
        out.append({"NAME": gv(r, "name"), "PLATFORM": gv(r, "platform", "os"), "STATUS": gv(r, "status"),
                    "SOURCE REPOSITORY": gv(r, "step", "contextPath"), "TRIGGERS": ", ".join(sorted(names)) or " "})
    return out


def _dt(s):
    """_format.py _format_datetime: %Y-%m-%dT%H:%M:%SZ."""
    from datetime import datetime
    try:
        return datetime.fromisoformat(s).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return s or " "


def _duration(r):
    """_format.py _get_duration: HH:MM:SS from startTime to finishTime."""
    from datetime import datetime
    try:
        d = datetime.fromisoformat(r["finishTime"]) - datetime.fromisoformat(r["startTime"])
    except (KeyError, TypeError, ValueError):
        return " "
    return f"{24 * d.days + d.seconds // 3600:02d}:{d.seconds % 3600 // 60:02d}:{d.seconds % 60:02d}"


def run_table(result):
    """_format.py _run_format_group / _get_build_trigger (source event, then Timer, Image Update, Manual)."""
    out = []
    for r in _rows(result):
        source = gv(r, "sourceTrigger", "eventType")
        trigger = (source if source.strip() else "Timer" if gv(r, "timerTrigger").strip() else
                   "Image Update" if gv(r, "imageUpdateTrigger").strip() else "Manual")
        out.append({"RUN ID": gv(r, "runId"), "TASK": gv(r, "task"), "PLATFORM": gv(r, "platform", "os"),
                    "STATUS": gv(r, "status"), "TRIGGER": trigger, "STARTED": _dt(gv(r, "startTime").strip() or None),
                    "DURATION": _duration(r)})
    return out
