"""Compound commands and scripting builtins of the bash subset, as learners paste them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acrlab import Lab
from acrlab.shell import bash


def out(lab, text):
    r = lab.run(text)
    return r.stdout, r.stderr, r.exit_code


def test_for_loop_over_words_and_substitution(lab):
    assert out(lab, "for x in a b c; do echo $x; done") == ("a\nb\nc\n", "", 0)
    assert out(lab, "for n in $(seq 1 3); do\n  echo n$n\ndone")[0] == "n1\nn2\nn3\n"
    assert out(lab, "for ((i=0; i<3; i++)); do echo $i; done")[0] == "0\n1\n2\n"


def test_if_elif_else_with_test_and_brackets(lab):
    script = """for x in a b c; do
  if [ "$x" = a ]; then echo A
  elif test "$x" != b; then echo not-b
  else
    echo B
  fi
done"""
    assert out(lab, script)[0] == "A\nB\nnot-b\n"
    assert out(lab, 'X=""; if [[ -z $X && -n "y" ]]; then echo empty; fi')[0] == "empty\n"
    assert out(lab, "[[ v1.2.3 == v1.* ]] && echo pattern; [[ v1 == 'v*' ]] || echo literal")[0] == "pattern\nliteral\n"


def test_if_on_an_az_command(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    r = cli("if az acr show -n myacr -o none; then echo exists; else echo missing; fi\n"
            "if az acr show -n nope -o none 2>/dev/null; then echo exists; else echo missing; fi")
    assert r.stdout == "exists\nmissing\n"


def test_while_read_from_pipe_file_and_heredoc(lab):
    assert out(lab, 'printf "a 1\\nb 2\\n" | while read name n; do echo "$n:$name"; done')[0] == "1:a\n2:b\n"
    lab.write_file("tags.txt", "v1\nv2\n")
    assert out(lab, "while read -r t; do echo tag=$t; done < tags.txt")[0] == "tag=v1\ntag=v2\n"
    assert out(lab, "while read l; do echo L$l; done <<EOF\nx\ny\nEOF")[0] == "Lx\nLy\n"
    assert out(lab, "i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i")[0] == "3\n"
    assert out(lab, "until [ ${n:-0} -ge 2 ]; do n=$(( ${n:-0} + 1 )); done; echo $n")[0] == "2\n"


def test_functions_arguments_local_return(lab):
    script = """greet() {
  local who=$1
  echo "hello $who ($#)"
  return 3
}
greet world x; echo "rc=$? who=${who:-unset}"
function twice { echo "$@"; echo "$@"; }
twice a b"""
    assert out(lab, script)[0] == "hello world (2)\nrc=3 who=unset\na b\na b\n"


def test_break_continue_and_errors(lab):
    assert out(lab, "for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done")[0] == "1\n3\n"
    assert out(lab, "break") == ("", "bash: break: only meaningful in a `for', `while', or `until' loop\n", 0)
    assert out(lab, "return")[1] == "bash: return: can only `return' from a function or sourced script\n"


def test_arithmetic(lab):
    assert out(lab, "echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((-7%3)) $((2**10)) $((1<2 && 3>2))")[0] == \
        "7 9 3 -1 1024 1\n"
    assert out(lab, "x=5; (( x > 3 )) && echo big; ((x++)); echo $x; echo $((x+=2)) $x")[0] == "big\n6\n8 8\n"
    assert out(lab, "echo $((1/0))") == ("", 'bash: 1/0: division by 0 (error token is "0")\n', 1)
    assert out(lab, "echo $((1+))")[1] == 'bash: 1+: syntax error: operand expected (error token is "+")\n'


def test_test_builtin_error_texts(lab):
    assert out(lab, "[ a") == ("", "bash: [: missing `]'\n", 2)
    assert out(lab, "[ 1 -eq x ]") == ("", "bash: [: x: integer expression expected\n", 2)
    assert out(lab, "test a b") == ("", "bash: test: a: unary operator expected\n", 2)
    assert out(lab, "[ ]; echo $?; [ x ]; echo $?; [ ! -z x ]; echo $?")[0] == "1\n0\n0\n"
    lab.write_file("f.txt", "x")
    assert out(lab, "[ -f f.txt ] && [ ! -d f.txt ] && [ -e f.txt ] && echo file")[0] == "file\n"


def test_loop_limit_stops_runaway_loops(lab):
    r = lab.run("while true; do :; done; echo after")
    assert r.stdout == "after\n"
    assert r.stderr == "bash: loop limit reached\n"
    r = lab.run("for i in $(seq 200); do for j in $(seq 200); do :; done; done")
    assert r.exit_code == 1 and r.stderr == "bash: loop limit reached\n"
    r = lab.run("f() { f; }; f")
    assert r.exit_code == 1 and "maximum function nesting level exceeded" in r.stderr


def test_text_utilities(lab):
    assert out(lab, "seq 3")[0] == "1\n2\n3\n"
    assert out(lab, "seq 2 2 6 | sort -rn")[0] == "6\n4\n2\n"
    assert out(lab, 'printf "b\\na\\nb\\n" | sort | uniq -c')[0] == "      1 a\n      2 b\n"
    assert out(lab, "echo Hello | tr a-z A-Z; echo a-b | tr -d -")[0] == "HELLO\nab\n"
    assert out(lab, "echo a:b:c | cut -d: -f2,3; echo abcdef | cut -c2-3")[0] == "b:c\nbc\n"
    assert out(lab, "printf 'x 1\\ny 2\\n' | awk '$2 > 1 {print $1, NR}'; echo a b | awk '{print $NF}'")[0] == \
        "y 2\nb\n"
    assert out(lab, "printf 'a\\nb\\n' | xargs -I{} echo item {}")[0] == "item a\nitem b\n"
    assert out(lab, "seq x")[1] == "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n"


def test_parameter_expansion_forms(lab):
    r = out(lab, 'V=api-gateway:v1.2.3; echo ${V%%:*} ${V#*:} ${#V} ${V/gateway/gw} ${U:-dflt} ${V^^}')
    assert r[0] == "api-gateway v1.2.3 18 api-gw:v1.2.3 dflt API-GATEWAY:V1.2.3\n"
    assert out(lab, "echo ${a b}")[1] == "bash: ${a b}: bad substitution\n"


def test_set_options(lab):
    assert out(lab, "set -e; false; echo not-reached") == ("", "", 1)
    lab.run("set +e")
    assert out(lab, "set -o pipefail; false | true; echo $?")[0] == "1\n"
    assert out(lab, "set -x; echo hi; set +x")[1] == "+ echo hi\n+ set +x\n"
    assert out(lab, "set -q")[2] == 2


def test_syntax_errors_use_bash_texts(lab):
    cases = {
        "for x in a b; do echo $x": "bash: syntax error: unexpected end of file\n",
        "if true; then echo x; done": "bash: syntax error near unexpected token `done'\n",
        "done": "bash: syntax error near unexpected token `done'\n",
        "fi": "bash: syntax error near unexpected token `fi'\n",
        "while true; do; done": "bash: syntax error near unexpected token `;'\n",
        "echo (": "bash: syntax error near unexpected token `newline'\n",
        "echo a (b)": "bash: syntax error near unexpected token `('\n",
    }
    for text, err in cases.items():
        r = lab.run(text)
        assert (r.stderr, r.exit_code) == (err, 2), text


def test_top_level_commands_keep_whole_compound_text():
    script = "A=1\nfor x in a b; do\n  echo $x\ndone\ncat <<EOF\nbody\nEOF\necho end"
    assert [a.text for a in bash.parse(script)] == ["A=1", "for x in a b; do\n  echo $x\ndone",
                                                     "cat <<EOF\nbody\nEOF", "echo end"]


WORDS = ["for", "in", "do", "done", "if", "then", "elif", "else", "fi", "while", "until", "{", "}", "(", ")",
         "((", "))", "[[", "]]", "[", "]", "!", ";", "&&", "||", "|", "\n", "x", "$x", "$((1+", "$(", "'", '"',
         "f()", "function", "echo", "read", "break", "return", "local", "test", "-eq", "=", "<", ">", "<<EOF",
         "EOF", "seq", "10", "$((i++))", "true", "false", ":", "set", "-e", "${x:-", "}", "case", "awk", "{print $1}",
         "esac", ";;", ";&", "*)", "a|b)", "`", "`echo x`", "{a,b}", "{1..3}", "*", "*.txt", "[ab]*", "~", "~/x",
         "<(", ">(", "declare", "-r", "readonly", "x=1", "printf", "%s", "-v", "jq", ".[]", "-u", "unset", "<<-"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=25))
def test_fuzz_parser_never_crashes(words):
    text = " ".join(words)
    try:
        bash.parse(text)
    except bash.BashSyntaxError:
        pass


@pytest.fixture(scope="module")
def fuzz_lab():
    return Lab(seed=5)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=18))
def test_fuzz_run_never_crashes(fuzz_lab, words):
    r = fuzz_lab.run(" ".join(words))
    text = r.stdout + r.stderr
    assert "internal error in the simulator" not in text, (words, text)
    assert "Traceback" not in text
    assert 0 <= r.exit_code <= 255
    fuzz_lab.run("set +e +x; set +o pipefail")
