"""printf (formats, -v, errors) and the lab's jq subset on az output."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def out(lab, text):
    r = lab.run(text)
    return r.stdout, r.stderr, r.exit_code


def test_printf_formats(lab):
    assert out(lab, "printf '%5s|%-3d|%x|%05.1f|%c|%q|%b\\n' a 3 255 3.14159 xyz 'a b' 'x\\ty'")[0] == \
        "    a|3  |ff|003.1|x|a\\ b|x\ty\n"
    assert out(lab, 'printf "%s\\n" a b c; printf "%s=%s;" k1 v1 k2; echo')[0] == "a\nb\nc\nk1=v1;k2=;\n"
    assert out(lab, "printf '%*d|%d %d %d\\n' 5 42 \"'A\" 0x10 010")[0] == "   42|65 16 8\n"
    assert out(lab, 'printf -v X "%s-%03d" web 7; echo $X')[0] == "web-007\n"
    assert out(lab, 'printf "%d\\n" x; echo rc=$?') == ("0\nrc=1\n", "bash: printf: x: invalid number\n", 0)
    assert out(lab, 'printf "%z"') == ("", "bash: printf: `z': invalid format character\n", 1)
    assert out(lab, 'printf -- "-x %%\\n"; printf "%b" "a\\cb"; echo')[0] == "-x %\na\n"
    assert out(lab, "printf")[1:] == ("printf: usage: printf [-v var] format [arguments]\n", 2)


def test_jq_common_filters(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Premium -o none")
    cli("az acr create -n other -g rg-containers --sku Basic -o none")
    assert cli("az acr list | jq -r '.[].name'").stdout == "myacr\nother\n"
    assert cli("az acr list | jq -r '.[] | select(.sku.name == \"Basic\") | .name'").stdout == "other\n"
    assert cli("az acr list | jq 'length'").stdout == "2\n"
    assert cli("az acr list | jq -c 'map(.name)'").stdout == '["myacr","other"]\n'
    assert cli("az acr show -n myacr | jq -r '.loginServer'").stdout == "myacr.azurecr.io\n"
    assert cli("az acr show -n myacr | jq -c '{name, sku: .sku.name}'").stdout == \
        '{"name":"myacr","sku":"Premium"}\n'
    assert cli("az acr list | jq -r '.[] | [.name, .sku.name] | @tsv'").stdout == "myacr\tPremium\nother\tBasic\n"
    assert cli("az acr show -n myacr | jq '.sku'").stdout == '{\n  "name": "Premium",\n  "tier": "Premium"\n}\n'
    keys = cli("az acr show -n myacr | jq -c 'keys'").json()
    assert keys == sorted(keys) and "loginServer" in keys


def test_jq_values_and_errors(lab):
    lab.write_file("r.json", '[{"name":"a","n":1},{"name":"b","n":2.5}]\n')
    assert out(lab, "jq -c '.[0], .[-1].n, .[1:], (map(.n) | add), [.[] | .name]' r.json")[0] == \
        '{"name":"a","n":1}\n2.5\n[{"name":"b","n":2.5}]\n3.5\n["a","b"]\n'
    assert out(lab, "jq -r '\"\\(.[0].name)-\\(.[1].n)\", (.[0] | to_entries[0].key)' r.json")[0] == "a-2.5\nname\n"
    assert out(lab, "jq --arg x b -r '.[] | select(.name == $x) | .n' r.json")[0] == "2.5\n"
    assert out(lab, "echo '[3,1,2]' | jq -c 'sort, unique, min, (sort_by(-.)), (.[] |= 1)?'")[1].startswith(
        "jq: error: the assignment operator |= is not supported")
    assert out(lab, "jq '.[0].name.x' r.json") == ("", 'jq: error (at r.json:1): Cannot index string with "x"\n', 5)
    assert out(lab, "echo 5 | jq '.[]'")[1] == "jq: error (at <stdin>:1): Cannot iterate over number (5)\n"
    assert out(lab, "jq '.[] | .foo bar' r.json") == ("", "jq: error: syntax error, unexpected IDENT (Unix shell "
                                                       "quoting issues?) at <top-level>, line 1:\n.[] | .foo bar\n"
                                                       "jq: 1 compile error\n", 3)
    assert out(lab, "jq frob r.json")[1] == "jq: error: frob/0 is not defined at <top-level>, line 1:\nfrob\n" \
                                            "jq: 1 compile error\n"
    assert "not supported by this lab's jq" in out(lab, "jq 'del(.[0])' r.json")[1]
    assert out(lab, "echo '{' | jq .")[1:] == ("jq: parse error: Unfinished JSON term at line 2, column 1\n", 2)
    assert out(lab, "jq -e '.[5]' r.json")[2] == 1
    assert out(lab, "jq . nope.json")[1:] == ("jq: error: Could not open nope.json: No such file or directory\n", 2)
    assert out(lab, "echo '{\"a\":null}' | jq -c '.a // \"d\", (if .a then 1 elif .b then 2 else 3 end)'")[0] == \
        '"d"\n3\n'
    assert out(lab, "jq -n -c 'reduce range(5) as $i (0; . + $i), ([range(3)] | map(. * 2))'")[0] == "10\n[0,2,4]\n"


JQ_WORDS = [".", ".a", ".[]", ".[0]", "|", ",", "(", ")", "[", "]", "{", "}", ":", "select(", "map(", "length",
            "keys", "==", "\"x\"", "1", "-", "*", "/", "%", "//", "?", "and", "or", "not", "if", "then", "else", "end",
            "as", "$x", "reduce", ";", "@tsv", "@csv", "add", "sort_by(", "to_entries", "del(", "range(", "\\(",
            "\"", "1e999", "-1", "..", "tostring", "tonumber", "split(", "join(", "test(", "[1,2]", "{\"a\":[1]}"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(JQ_WORDS), max_size=12), st.sampled_from(['{"a":[1,"x",null]}', "[3,1,2]", '"s"',
                                                                          "null", "1.5", "{", "[[[]]]", ""]))
def test_fuzz_jq_never_crashes(words, data):
    from acrlab.shell.programs.jq import jq
    from acrlab.shell.session import IO

    io = IO(stdin=data)
    code = jq(SimpleNamespace(env={}), ["-c", " ".join(words)], io)  # type: ignore[arg-type]
    assert code in (0, 1, 2, 3, 4, 5)
    assert code == 0 or io.stderr.startswith("jq: ")
