"""The .NET static members Az scripts reach for: [Convert] Base64, [Text.Encoding]::UTF8/ASCII/Unicode
GetBytes/GetString, [IO.File] ReadAllText/WriteAllText/Exists and [IO.Path]::Combine/GetFileName, over the lab
host's files. Byte arrays are lists of ints (System.Byte[] as PowerShell shows them, one number a line)."""

from __future__ import annotations

import base64
import binascii
import posixpath

from .values import PSError, PSObject, to_str

ENCODINGS = {"utf8": "utf-8", "ascii": "ascii", "unicode": "utf-16-le", "utf32": "utf-32-le"}
MISSING = object()


def _type(name: str) -> str:
    return name.lower().removeprefix("system.")


def static_member(interp, type_name: str, name: str):
    t, n = _type(type_name), name.lower()
    if t == "text.encoding" and n in ENCODINGS:
        return PSObject("System.Text.Encoding", {"EncodingName": name, "WebName": ENCODINGS[n]},
                        to_string=f"System.Text.{name}Encoding")
    return MISSING


def encoding_method(obj: PSObject, method: str, args: list):
    codec = to_str(obj.get("WebName"))
    m = method.lower()
    if m == "getbytes":
        return list(to_str(args[0] if args else "").encode(codec))
    if m == "getstring":
        data = args[0] if args else []
        try:
            return bytes(int(b) for b in (data if isinstance(data, list) else [data])).decode(codec)
        except (ValueError, UnicodeDecodeError) as e:
            raise PSError(f'Exception calling "GetString": "{e}"') from None
    return MISSING


def call_static(interp, type_name: str, method: str, args: list):
    t, m = _type(type_name), method.lower()
    sh = interp.sh
    if t == "convert" and m == "tobase64string":
        data = args[0] if args else []
        return base64.b64encode(bytes(int(b) for b in (data if isinstance(data, list) else [data]))).decode()
    if t == "convert" and m == "frombase64string":
        try:
            return list(base64.b64decode(to_str(args[0]), validate=True))
        except (binascii.Error, ValueError):
            raise PSError('Exception calling "FromBase64String" with "1" argument(s): "The input is not a valid '
                          'Base-64 string as it contains a non-base 64 character, more than two padding characters, '
                          'or an illegal character among the padding characters."') from None
    if t == "io.file" and m == "readalltext":
        text = sh.read_file(to_str(args[0]))
        if text is None:
            raise PSError(f'Exception calling "ReadAllText" with "1" argument(s): "Could not find file '
                          f"'{sh.abspath(to_str(args[0]))}'.\"")
        return text
    if t == "io.file" and m == "writealltext":
        sh.write_file(to_str(args[0]), to_str(args[1]) if len(args) > 1 else "")
        return None
    if t == "io.file" and m == "exists":
        return sh.read_file(to_str(args[0])) is not None
    if t == "io.path" and m == "combine":
        return posixpath.join(*[to_str(a) for a in args])
    if t == "io.path" and m == "getfilename":
        return posixpath.basename(to_str(args[0]))
    return MISSING
