"""The small pages `acrlab serve` shows before the app: the token form, the sign-in form, "the classroom is full"
and refusals. Every URL in them is relative, so they work under a proxy's path prefix; every value is escaped."""

from __future__ import annotations

from html import escape

_STYLE = """
  @font-face { font-family: "Roboto Mono"; src: url("static/fonts/RobotoMono-VariableFont_wght.ttf"); }
  body { background: #0c181f; color: rgba(255,255,255,.95); font-family: "Roboto Mono", menlo, monospace;
         display: flex; align-items: center; justify-content: center; min-height: 100vh; margin: 0; }
  main { background: #12232d; padding: 32px 40px; max-width: 560px; }
  h1 { font-size: 20px; margin-top: 0; } p { line-height: 1.5; }
  input { font: inherit; padding: 8px; width: 100%; box-sizing: border-box; margin: 8px 0 16px; }
  button, a.button { font: inherit; padding: 12px 28px; background: #5e0ba7; color: #fff; border: none;
                     cursor: pointer; text-decoration: none; display: inline-block; }
  .error { color: #ffb4a8; }
"""


def page(title: str, body_html: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)} · acrlab"
            f"</title>\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"favicon.svg\" />\n<style>{_STYLE}</style>"
            f"</head>\n<body><main><h1>{escape(title)}</h1>\n{body_html}\n</main></body></html>\n")


def _error(message: str | None) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""


def token_page(message: str | None = None) -> str:
    return page("This classroom needs its token", _error(message) + (
        "<p>Open the link your teacher gave you (it ends in <code>?token=…</code>), or type the token or "
        "password here.</p>\n<form method=\"get\" action=\"\"><label>Token or password<input name=\"token\" "
        "type=\"password\" autocomplete=\"current-password\" autofocus required></label>\n"
        "<button type=\"submit\">Open acrlab</button></form>"))


def sign_in_page(message: str | None = None, name: str = "") -> str:
    return page("Sign in to acrlab", _error(message) + (
        "<p>Your progress is kept under your name on this classroom's server. Use the same name each time.</p>\n"
        "<form method=\"post\" action=\"sign-in\"><label>Your name<input name=\"name\" maxlength=\"40\" "
        f"autocomplete=\"name\" autofocus required value=\"{escape(name)}\"></label>\n"
        "<button type=\"submit\">Sign in</button></form>"))


def full_page(active: int, limit: int) -> str:
    return page("The classroom is full", (
        f"<p>{active} of {limit} places are in use, so acrlab cannot start a session for you now. Try again in "
        "a minute, when someone leaves, or ask your teacher.</p>\n<p><a class=\"button\" href=\"\">Try again"
        "</a></p>"))


def refused_page(title: str, text: str) -> str:
    return page(title, f"<p>{escape(text)}</p>")


FULL_REASON = "The classroom is full ({active} of {limit} in use). Try again when someone leaves."
"""The close reason a websocket refused for capacity carries (at most 123 bytes); the page shows it."""
TAKEN_OVER = "acrlab was opened in another tab or window of yours; this one is closed."
