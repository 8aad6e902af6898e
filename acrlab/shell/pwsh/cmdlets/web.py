"""Microsoft.PowerShell.Utility's web cmdlets over the lab's web router (engine/web.py): Invoke-RestMethod (irm) and
Invoke-WebRequest (iwr), as PowerShell 7 has them (MicrosoftDocs/PowerShell-Docs reference/7.4/
Microsoft.PowerShell.Utility/Invoke-RestMethod.md and Invoke-WebRequest.md).

-Uri, -Method (or -CustomMethod), -Headers, -Body (a string, bytes, or a dictionary: the query string of a GET, a
form body otherwise), -ContentType, -InFile, -OutFile (with -PassThru), -Authentication Basic|Bearer|OAuth with
-Credential or -Token (a SecureString, as Get-AzAccessToken returns), -SkipHttpErrorCheck, -StatusCodeVariable,
-ResponseHeadersVariable, -MaximumRedirection (Authorization dropped on a redirect to another host), -UserAgent;
TLS, proxy, timeout and retry options are accepted with no effect (engine transfers are instant and never time out).
Invoke-RestMethod returns JSON as PSCustomObjects (arrays unrolled), other text as a string; Invoke-WebRequest
returns the response object (StatusCode, StatusDescription, Content, RawContent, Headers, RawContentLength).
An HTTP error is the cmdlet's error with the response body as its message (or `Response status code does not
indicate success: 404 (Not Found).` when the body is empty)."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, urljoin

from ....engine import web
from ... import web_client
from ..values import Hashtable, PSCredential, PSError, PSObject, SecureString, to_str
from .base import Param, cmdlet
from .utility_output import _from_json

WEB_RESPONSE = "Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject"
METHODS = ("Default", "Get", "Head", "Post", "Put", "Delete", "Trace", "Options", "Merge", "Patch")
USER_AGENT = "Mozilla/5.0 (Linux; Ubuntu 24.04; en-US) PowerShell/7.4.6"
QUIET = ("TimeoutSec", "OperationTimeoutSeconds", "ConnectionTimeoutSeconds", "MaximumRetryCount", "RetryIntervalSec",
         "SkipCertificateCheck", "SkipHeaderValidation", "NoProxy", "UseBasicParsing", "UseDefaultCredentials",
         "DisableKeepAlive", "SslProtocol", "HttpVersion", "PreserveAuthorizationOnRedirect", "Resume",
         "TransferEncoding", "SessionVariable", "WebSession", "PreserveHttpMethodOnRedirect", "UnixSocket")

PARAMS = [
    Param("Uri", "string", "The Uniform Resource Identifier of the request.", position=0, mandatory=True),
    Param("Method", "string", "The method of the web request.", values=METHODS),
    Param("CustomMethod", "string", "A custom method for the web request.", aliases=("CM",)),
    Param("Headers", "hashtable", "The headers of the web request."),
    Param("Body", "object", "The body of the request: a string, bytes or a dictionary (form fields).",
          pipeline=True),
    Param("ContentType", "string", "The content type of the web request."),
    Param("InFile", "string", "Gets the content of the web request body from a file."),
    Param("OutFile", "string", "Saves the response body in the specified output file."),
    Param("PassThru", "switch", "Also returns the result when -OutFile is used."),
    Param("Authentication", "string", "The explicit authorization type.", values=("None", "Basic", "Bearer", "OAuth")),
    Param("Token", "securestring", "The OAuth or Bearer token to include in the request."),
    Param("Credential", "credential", "A user account with permission to send the request."),
    Param("AllowUnencryptedAuthentication", "switch", "Allows sending credentials over unencrypted connections."),
    Param("SkipHttpErrorCheck", "switch", "Ignores HTTP error statuses and keeps processing responses."),
    Param("StatusCodeVariable", "string", "A variable that gets the HTTP status code.", aliases=("SCV",)),
    Param("ResponseHeadersVariable", "string", "A variable that gets the response headers.", aliases=("RHV",)),
    Param("MaximumRedirection", "int", "How many times to follow a redirection (default 5)."),
    Param("UserAgent", "string", "The user agent string for the web request."),
    Param("Form", "hashtable", "A multipart form body."),
    *(Param(name, "switch" if name in ("SkipCertificateCheck", "SkipHeaderValidation", "NoProxy", "UseBasicParsing",
                                      "UseDefaultCredentials", "DisableKeepAlive", "PreserveAuthorizationOnRedirect",
                                      "Resume", "PreserveHttpMethodOnRedirect") else "string",
            "Accepted with no effect in the lab.") for name in QUIET),
]


def _plain(value) -> str:
    if isinstance(value, SecureString):
        return value.reveal()
    return to_str(value)


def _body(ctx, a, method: str, headers: dict, url: str) -> tuple[bytes, str]:
    """The body bytes (and the URL, which a GET's dictionary body extends)."""
    if a.Form is not None:
        raise PSError("The lab's web cmdlets do not send multipart forms (-Form); send -Body with a dictionary "
                      "(an application/x-www-form-urlencoded form) or a string.", command=ctx.name)
    if a.InFile:
        data = web_client.read_bytes(ctx.sh, a.InFile)
        if data is None:
            raise PSError(f"Could not find file '{ctx.sh.abspath(a.InFile)}'.", command=ctx.name)
        return data, url
    body = a.Body
    if body is None:
        return b"", url
    if isinstance(body, dict):
        form = "&".join(f"{quote(to_str(k), safe='')}={quote(_plain(v), safe='')}" for k, v in body.items())
        if method == "GET":
            return b"", url + ("&" if "?" in url else "?") + form
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        return form.encode(), url
    if isinstance(body, list) and all(isinstance(x, int) and 0 <= x < 256 for x in body):
        return bytes(body), url
    if method == "POST":
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    return web_client.to_bytes(_plain(body)), url


def _headers(ctx, a, url: str) -> dict:
    headers = {"User-Agent": a.UserAgent or USER_AGENT}
    for k, v in (a.Headers or {}).items():
        headers[to_str(k)] = _plain(v)
    if a.ContentType:
        for k in [k for k in headers if k.lower() == "content-type"]:
            del headers[k]
        headers["Content-Type"] = a.ContentType
    auth = (a.Authentication or "None").lower()
    if a.Token is not None and auth not in ("bearer", "oauth"):
        raise PSError("The Token parameter can only be used with -Authentication Bearer or OAuth.", command=ctx.name)
    if auth != "none" and url.lower().startswith("http://") and not a.AllowUnencryptedAuthentication:
        raise PSError("The cmdlet cannot protect plain text secrets sent over unencrypted connections. To suppress this "
                      "warning and send plain text secrets over unencrypted networks, reissue the command specifying "
                      "the AllowUnencryptedAuthentication parameter.", command=ctx.name)
    if auth in ("bearer", "oauth"):
        if a.Token is None:
            raise PSError("The cmdlet cannot run because the -Token parameter is not specified. Specify a token with "
                          "-Authentication Bearer or OAuth.", command=ctx.name)
        headers["Authorization"] = f"Bearer {_plain(a.Token)}"
    elif auth == "basic":
        cred = a.Credential
        if not isinstance(cred, PSCredential):
            raise PSError("The cmdlet cannot run because the -Credential parameter is not specified. Specify a "
                          "credential with -Authentication Basic.", command=ctx.name)
        pair = f"{cred.username}:{_plain(cred.password)}"
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    return headers


def _network_error(ctx, e: web.WebError, url: str) -> PSError:
    if e.kind == "resolve":
        return PSError(f"Name or service not known ({e.host}:443)", command=ctx.name,
                       exception_type="System.Net.Http.HttpRequestException")
    if e.kind == "scheme":
        scheme = url.split(":", 1)[0]
        return PSError(f"The '{scheme}' scheme is not supported.", command=ctx.name)
    if e.kind == "connect":
        return PSError(f"Connection refused ({e.host})", command=ctx.name,
                       exception_type="System.Net.Http.HttpRequestException")
    return PSError("Invalid URI: The hostname could not be parsed.", command=ctx.name)


def send_request(ctx, a) -> tuple[web.WebResponse, str]:
    """Build the request from the cmdlet's parameters, send it, follow redirects; the final response and URL.
    Every failure is the cmdlet's terminating error (ThrowTerminatingError): a try block catches it."""
    try:
        return _send(ctx, a)
    except PSError as e:
        e.stmt = True
        raise


def _send(ctx, a) -> tuple[web.WebResponse, str]:
    url = to_str(a.Uri).strip()
    if "://" not in url:
        url = "http://" + url  # .NET reads a bare host as http
    method = (a.CustomMethod or a.Method or "Default").upper()
    method = "GET" if method == "DEFAULT" else method
    headers = _headers(ctx, a, url)
    body, url = _body(ctx, a, method, headers, url)
    left = 5 if a.MaximumRedirection is None else int(a.MaximumRedirection)
    while True:
        try:
            resp = web_client.send(ctx.sh, method, url, headers, body)
        except web.WebError as e:
            raise _network_error(ctx, e, url) from None
        location = resp.headers.get("Location")
        if resp.status not in (301, 302, 303, 307, 308) or not location or a.MaximumRedirection == 0:
            break
        if left == 0:
            raise PSError("The maximum redirection count has been exceeded. To increase the number of redirections "
                          "allowed, supply a higher value to the -MaximumRedirection parameter.", command=ctx.name)
        left -= 1
        target = urljoin(url, location)
        if web.parse_url(target)[1] != web.parse_url(url)[1]:
            headers = {k: v for k, v in headers.items() if k.lower() != "authorization"}
        if resp.status == 303 or (resp.status in (301, 302) and method == "POST"):
            method, body = "GET", b""
        url = target
    if a.StatusCodeVariable:
        ctx.interp.set_var(a.StatusCodeVariable, resp.status)
    if a.ResponseHeadersVariable:
        ctx.interp.set_var(a.ResponseHeadersVariable, Hashtable({k: [v] for k, v in resp.headers.items()}))
    if resp.status >= 400 and not a.SkipHttpErrorCheck:
        text = resp.body.decode("utf-8", "replace").strip()
        raise PSError(text or f"Response status code does not indicate success: {resp.status} ({resp.reason}).",
                      command=ctx.name, exception_type="Microsoft.PowerShell.Commands.HttpResponseException")
    if a.OutFile:
        web_client.write_bytes(ctx.sh, a.OutFile, resp.body)
    return resp, url


def parsed(resp: web.WebResponse):
    """What Invoke-RestMethod returns for a body: JSON as objects, other text as a string, nothing for no body."""
    if not resp.body:
        return None
    text = web_client.to_text(resp.body)
    kind = (resp.headers.get("Content-Type") or "").lower()
    if "json" in kind or text.lstrip()[:1] in ("{", "["):
        try:
            return _from_json(json.loads(text))
        except ValueError:
            pass
    return text


@cmdlet("Invoke-RestMethod", PARAMS, "Sends an HTTP or HTTPS request to a RESTful web service.",
        aliases=("irm",), outputs="System.Object")
def invoke_rest_method(ctx, a, items):
    resp, _ = send_request(ctx, a)
    if a.OutFile and not a.PassThru:
        return None
    return parsed(resp)


@cmdlet("Invoke-WebRequest", PARAMS, "Gets content from a web page on the internet.", aliases=("iwr",),
        outputs=WEB_RESPONSE)
def invoke_web_request(ctx, a, items):
    resp, _ = send_request(ctx, a)
    if a.OutFile and not a.PassThru:
        return None
    text = web_client.to_text(resp.body)
    head = f"HTTP/{resp.http_version} {resp.status} {resp.reason}".rstrip()
    raw = "\r\n".join([head, *(f"{k}: {v}" for k, v in resp.headers.items()), "", text])
    return PSObject(WEB_RESPONSE, {
        "StatusCode": resp.status, "StatusDescription": resp.reason, "Content": text, "RawContent": raw,
        "Headers": Hashtable({k: [v] for k, v in resp.headers.items()}), "Images": [], "InputFields": [],
        "Links": [], "RawContentLength": len(resp.body), "RelationLink": Hashtable()},
        view="list", columns=["StatusCode", "StatusDescription", "Content", "RawContent", "Headers", "Images",
                              "InputFields", "Links", "RawContentLength", "RelationLink"])
