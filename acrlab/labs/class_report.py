"""report.html: one self-contained page for the teacher (inline SVG charts, no script, no network).

Score distribution (students per 10% band), pass rate per check, similar-submission clusters with their
evidence, and every student's row (score, error, the file graded, a link to their feedback). Every string that a
student, a file name or a scenario controls is HTML-escaped.
"""

from __future__ import annotations

from html import escape

BAR_W, BAR_GAP, CHART_H = 34, 6, 160
TOP = 24
"""Room above the tallest bar for its count."""


def _histogram(percents: list[float]) -> str:
    bins = [0] * 11  # 0-9, 10-19, ..., 90-99, 100
    for p in percents:
        bins[min(10, int(p // 10))] += 1
    top = max(bins) or 1
    width = len(bins) * (BAR_W + BAR_GAP) + 40
    parts = [f'<svg role="img" aria-label="Score distribution" width="{width}" height="{CHART_H + TOP + 30}" '
             f'viewBox="0 0 {width} {CHART_H + TOP + 30}" xmlns="http://www.w3.org/2000/svg">']
    for i, n in enumerate(bins):
        h = round(CHART_H * n / top)
        x = 30 + i * (BAR_W + BAR_GAP)
        label = "100" if i == 10 else f"{i * 10}"
        parts.append(f'<rect x="{x}" y="{CHART_H - h + TOP}" width="{BAR_W}" height="{h}" fill="#4a78b5">'
                     f'<title>{label}%: {n} student(s)</title></rect>')
        parts.append(f'<text x="{x + BAR_W / 2}" y="{CHART_H + TOP + 16}" font-size="11" '
                     f'text-anchor="middle">{label}</text>')
        if n:
            parts.append(f'<text x="{x + BAR_W / 2}" y="{CHART_H - h + TOP - 5}" font-size="11" '
                         f'text-anchor="middle">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _pass_rates(checks: dict) -> str:
    rows = list(checks.items())
    height = 24 * len(rows) + 10
    parts = [f'<svg role="img" aria-label="Pass rate per check" width="640" height="{height}" '
             f'viewBox="0 0 640 {height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (cid, c) in enumerate(rows):
        y = 6 + i * 24
        w = round(300 * c["pass_rate"])
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(cid)}</text>')
        parts.append(f'<rect x="220" y="{y}" width="300" height="18" fill="#e4e8ee"/>')
        parts.append(f'<rect x="220" y="{y}" width="{w}" height="18" fill="#3c9a5f">'
                     f'<title>{escape(c["title"])}</title></rect>')
        parts.append(f'<text x="530" y="{y + 14}" font-size="12">{c["pass_rate"] * 100:.0f}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(summary: dict, rows: list[dict], names: dict[str, str]) -> str:
    s = summary
    percents = [r["report"]["percent"] for r in rows if not r["report"].get("error")]
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{escape(s['title'])}: class report</title>",
           "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
           "th{background:#f0f2f5}.err{color:#a33}code{background:#f5f5f5;padding:0 3px}</style></head><body>",
           f"<h1>{escape(s['title'])}</h1>",
           f"<p>Scenario <code>{escape(s['scenario'])}</code>: {s['count']} student(s), {s['graded']} graded, "
           f"{s['errors']} error(s). Mean {s['mean_percent']:g}%, median {s['median_percent']:g}%, "
           f"{s['full_marks']} at full marks.</p>",
           "<h2>Score distribution (graded submissions)</h2>", _histogram(percents),
           "<h2>Pass rate per check</h2>", _pass_rates(s["checks"])]
    out.append("<h2>Similar submissions</h2>")
    if s["similar_transcripts"]:
        out.append("<p>Normalised for each student's own names and for variable names. Evidence: lines these "
                   "students share that few others wrote.</p>")
        for c in s["similar_transcripts"]:
            who = ", ".join(escape(x) for x in c["students"])
            out.append(f"<h3>{escape(', '.join(c['kinds']))} ({c['similarity'] * 100:.0f}% of lines alike): "
                       f"{who}</h3>")
            if c["evidence"]:
                out.append("<pre>" + "\n".join(escape(ln) for ln in c["evidence"]) + "</pre>")
    else:
        out.append("<p>None found.</p>")
    if s["notes"]:
        out.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in s["notes"]) + "</ul>")
    out.append("<h2>Students</h2><table><tr><th>Student</th><th>Score</th><th>%</th><th>File graded</th>"
               "<th>Roster</th><th>Error</th></tr>")
    for r in rows:
        rep = r["report"]
        link = f'<a href="feedback/{escape(names[r["student"]])}.md">{escape(r["student"])}</a>'
        out.append(f"<tr><td>{link}</td><td>{rep['score']:g}/{rep['max_score']:g}</td><td>{rep['percent']:g}</td>"
                   f"<td>{escape(rep.get('source') or '')}</td><td>{escape(r.get('roster', ''))}</td>"
                   f"<td class=\"err\">{escape(rep.get('error') or '')}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"
