"""textual-serve's page made fully offline and prefix-proof: its Google Fonts link is replaced by the font
textual-serve ships (served from static/), the page gets a favicon, and every URL in it is relative (the server
renders `static/` and `ws`; a small script makes the websocket URL absolute from the page's own address), so it
works at `/` and behind a proxy's path prefix (jupyter-server-proxy's `/user/NAME/acrlab/`). The same script
shows the reason the server gives when it closes a session (the classroom is full, another tab took over).
Nothing the browser loads comes from another machine."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

HERE = Path(__file__).parent / "serve_static"
FAVICON = HERE / "favicon.svg"

FONT_FACES = """<link rel="icon" type="image/svg+xml" href="favicon.svg" />
    <style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""

WEBSOCKET_SHIM = """<script>
      (function () {
        var Native = window.WebSocket;
        var schemes = {"http:": "ws:", "https:": "wss:"};
        function AcrlabSocket(url, protocols) {
          var absolute = new URL(url, window.location.href);
          absolute.protocol = schemes[absolute.protocol] || absolute.protocol;
          var socket = protocols === undefined ? new Native(absolute.href) : new Native(absolute.href, protocols);
          socket.addEventListener("close", function (event) {
            var box = document.querySelector(".closed-dialog .message");
            if (event.reason && box) { box.textContent = event.reason; }
          });
          return socket;
        }
        AcrlabSocket.prototype = Native.prototype;
        ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { AcrlabSocket[k] = Native[k]; });
        window.WebSocket = AcrlabSocket;
      })();
    </script>"""

_REMOTE_STYLESHEET = re.compile(r"<link\s[^>]*href=\"https?://[^\"]*\"[^>]*/?>", re.S)


def offline_page(template: str) -> str:
    """The page template with every remote stylesheet link replaced by local font faces and a favicon, and the
    websocket shim (relative URL, close reasons)."""
    page = _REMOTE_STYLESHEET.sub("", template)
    return page.replace("</head>", f"    {FONT_FACES}\n    {WEBSOCKET_SHIM}\n  </head>", 1)


def offline_templates(original_dir: Path) -> Path:
    """A folder holding textual-serve's templates made offline (the Server's `templates_path`)."""
    out = Path(tempfile.mkdtemp(prefix="acrlab-serve-"))
    for path in original_dir.glob("*.html"):
        (out / path.name).write_text(offline_page(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out
