"""curl over the lab's web (engine/web.py + engine/public_web): options, output and curl's own exit codes and texts.

Sources: curl/curl docs/cmdline-opts/_EXITCODES.md (2 usage, 1 unsupported protocol, 3 malformed URL, 6 could not
resolve host, 22 HTTP error with --fail, 23 write error, 26 read error, 47 too many redirects), docs/cmdline-opts/
fail.md ("The requested URL returned error"), write-out.md (%{http_code}), data.md (-d @file strips newlines,
data-binary keeps them), remote-name.md; src/tool_operate.c ("Remote file name has no length!").
"""

from __future__ import annotations

import pytest

from acrlab.engine import public_web, web

ACR = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/"
TEMPLATE = ACR + "quickdockerbuild/azuredeploy.json"


def test_get_a_public_file_to_stdout_and_to_files(lab):
    r = lab.run(f"curl -s {TEMPLATE}")
    assert r.exit_code == 0 and r.stdout == public_web.fetch(TEMPLATE)
    r = lab.run(f"curl -sSLO {TEMPLATE} && curl -s -o t.json {TEMPLATE} && ls")
    assert r.exit_code == 0 and r.stdout.split() == ["azuredeploy.json", "t.json"]
    assert lab.session.read_file("t.json") == public_web.fetch(TEMPLATE)
    r = lab.run(f"curl -o t2.json {TEMPLATE}")
    assert "% Total    % Received" in r.stderr  # the progress meter goes to stderr when the body goes to a file


def test_headers_head_and_write_out(lab):
    r = lab.run(f"curl -sI {TEMPLATE}")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "HTTP/2 200" and "content-type: application/json" in lines
    assert f"content-length: {len(public_web.fetch_bytes(TEMPLATE))}" in lines
    r = lab.run(f"curl -s -o /dev/null -w '%{{http_code}} %{{content_type}}\\n' {TEMPLATE}x")
    assert r.stdout == "404 text/plain; charset=utf-8\n"
    r = lab.run(f"curl -si {TEMPLATE} | head -1")
    assert r.stdout == "HTTP/2 200\n"


def test_fail_and_unknown_hosts_use_curls_exit_codes_and_texts(lab):
    r = lab.run(f"curl -f {ACR}missing.json")
    assert (r.exit_code, r.stdout, r.stderr) == (22, "", "curl: (22) The requested URL returned error: 404\n")
    r = lab.run(f"curl -fs {ACR}missing.json")
    assert (r.exit_code, r.stderr) == (22, "")  # -s hides the error ...
    assert lab.run(f"curl -fsS {ACR}missing.json").stderr.startswith("curl: (22)")  # ... -S shows it again
    r = lab.run(f"curl {ACR}missing.json")
    assert r.exit_code == 0 and r.stdout == "404: Not Found"  # without --fail an HTTP error is a transfer like any
    r = lab.run("curl https://no-such-host.example/x")
    assert (r.exit_code, r.stderr) == (6, "curl: (6) Could not resolve host: no-such-host.example\n")
    assert lab.run("curl -s https://x.example/").stderr == ""
    assert lab.run("curl ftp://files.example/a").stderr == 'curl: (1) Protocol "ftp" not supported\n'
    assert lab.run("curl 'https://[oops/'").exit_code == 3
    r = lab.run("curl -O https://raw.githubusercontent.com/")
    assert r.exit_code == 23 and r.stderr.startswith("curl: Remote file name has no length!")
    assert lab.run("curl -T nothing.txt https://raw.githubusercontent.com/x").exit_code == 26


@pytest.mark.parametrize("line, text", [
    ("curl", "curl: no URL specified\n"),
    ("curl --frobnicate https://a", "curl: option --frobnicate: is unknown\n"),
    ("curl https://a -o", "curl: option -o: requires parameter\n"),
    ("curl -b c=1 https://a", "curl: option --cookie: the lab's curl does not support it\n"),
])
def test_usage_errors_exit_2(lab, line, text):
    r = lab.run(line)
    assert r.exit_code == 2 and r.stderr.startswith(text) and "curl --help" in r.stderr


def test_redirects_followed_with_L_only(lab):
    http = TEMPLATE.replace("https://", "http://")
    r = lab.run(f"curl -s -o /dev/null -w '%{{http_code}} %{{redirect_url}}' {http}")
    assert r.stdout == f"301 {TEMPLATE}"
    r = lab.run(f"curl -sL -w '%{{num_redirects}}' {http}")
    assert r.stdout == public_web.fetch(TEMPLATE) + "1"
    assert lab.run(f"curl -sL --max-redirs 0 {http}").exit_code == 47


def test_request_bodies_reach_the_router(lab, monkeypatch):
    seen = []

    def handle(cloud, req):
        seen.append((req.method, req.path, dict(req.headers.items()), req.body))
        return web.respond(201, {"ok": True})

    import acrlab.engine.public_web as pw
    monkeypatch.setattr(pw, "handle", handle)
    lab.write_file("body.json", '{"a":\n 1}\n')
    url = TEMPLATE
    assert lab.run(f"curl -s -d @body.json {url}").stdout == '{"ok":true}'
    assert seen[-1][0] == "POST" and seen[-1][3] == b'{"a": 1}'
    assert seen[-1][2]["Content-Type"] == "application/x-www-form-urlencoded"
    lab.run(f"curl -s --data-binary @body.json -H 'Content-Type: application/json' {url}")
    assert seen[-1][3] == b'{"a":\n 1}\n' and seen[-1][2]["Content-Type"] == "application/json"
    lab.run(f"curl -s -d a=1 -d b=2 -X PATCH {url}")
    assert seen[-1][0] == "PATCH" and seen[-1][3] == b"a=1&b=2"
    lab.run(f"curl -s -T body.json -u admin:pw {url}")
    assert seen[-1][0] == "PUT" and seen[-1][2]["Authorization"] == "Basic YWRtaW46cHc="
    lab.run(f"echo hi | curl -s --data-binary @- {url}")
    assert seen[-1][3] == b"hi\n"
    lab.run(f"curl -s --data-urlencode 'q=a b&c' -G {url}")
    assert seen[-1][0] == "GET"


def test_binary_bodies_round_trip_through_files(lab, monkeypatch):
    blob = bytes(range(256)) * 4
    store = {}

    def handle(cloud, req):
        if req.method == "PUT":
            store["x"] = req.body
            return web.respond(201)
        return web.respond(200, store["x"], "application/octet-stream")

    import acrlab.engine.public_web as pw
    monkeypatch.setattr(pw, "handle", handle)
    store["x"] = blob
    assert lab.run(f"curl -s -o blob.bin {TEMPLATE} && curl -s -T blob.bin {TEMPLATE}").exit_code == 0
    assert store["x"] == blob


def test_the_router_refuses_bad_input_clearly(lab, monkeypatch):
    with pytest.raises(web.WebError, match="Could not resolve host: nowhere.test"):
        web.request(lab.cloud, "GET", "https://nowhere.test/")
    with pytest.raises(web.WebError) as e:
        web.request(lab.cloud, "GET", "https://exa mple.com/")
    assert e.value.kind == "url"
    monkeypatch.setattr(web, "MAX_BODY", 1024)
    big = web.request(lab.cloud, "PUT", TEMPLATE, {}, b"x" * 1025)
    assert big.status == 413
    assert web.request(lab.cloud, "HEAD", TEMPLATE).body == b""
