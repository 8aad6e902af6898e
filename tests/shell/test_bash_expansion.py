"""case, globbing, brace/tilde expansion, backquotes, set -u, readonly/declare, process substitution."""

from __future__ import annotations

import pytest


def out(lab, text):
    r = lab.run(text)
    return r.stdout, r.stderr, r.exit_code


@pytest.fixture
def files(lab):
    for path in ["b.yaml", "a.yaml", "B.json", "c.json", ".hidden.yaml", "scenarios/one.yaml", "scenarios/two.yml",
                 "scenarios/deep/x.yaml"]:
        lab.write_file(path, path + "\n")
    return lab


def test_case_patterns_alternatives_and_fallthrough(lab):
    script = """for f in app.yaml web.YML readme.md Dockerfile x; do
  case "$f" in
    *.yaml|*.[yY][mM][lL]) echo "yaml: $f" ;;
    Docker*) echo docker ;;
    "x") echo quoted-x
    ;;
    *) echo "other: $f";;
  esac
done"""
    assert out(lab, script)[0] == "yaml: app.yaml\nyaml: web.YML\nother: readme.md\ndocker\nquoted-x\n"
    assert out(lab, "case abc in a*) echo 1 ;& zzz) echo 2 ;;& *c) echo 3 ;; *) echo 4;; esac")[0] == "1\n2\n3\n"
    assert out(lab, 'P="a*"; case ab in "$P") echo lit;; $P) echo glob;; esac')[0] == "glob\n"
    assert out(lab, "case x in y) echo no;; esac; echo $?")[0] == "0\n"
    assert out(lab, "case x in\n(x) echo paren\nesac")[0] == "paren\n"


def test_case_syntax_errors(lab):
    assert out(lab, "case x in a) echo") == ("", "bash: syntax error: unexpected end of file\n", 2)
    assert out(lab, "case x; esac")[1] == "bash: syntax error near unexpected token `;'\n"
    assert out(lab, "echo a ;; echo b")[1] == "bash: syntax error near unexpected token `;;'\n"


def test_pathname_expansion(files):
    lab = files
    assert out(lab, "echo *.yaml")[0] == "a.yaml b.yaml\n"
    assert out(lab, "ls *.json")[0] == "B.json\nc.json\n"  # C locale: byte order, as bash without LANG
    assert out(lab, "LANG=en_US.UTF-8; echo *.json")[0] == "B.json c.json\n"
    assert out(lab, "LC_ALL=en_US.UTF-8; echo *.json; unset LC_ALL LANG")[0] == "B.json c.json\n"
    assert out(lab, "cat scenarios/*.yaml")[0] == "scenarios/one.yaml\n"
    assert out(lab, "echo scenarios/*.y?l scenarios/*/x.*")[0] == "scenarios/two.yml scenarios/deep/x.yaml\n"
    assert out(lab, "echo [ab].yaml [!a].yaml .*.yaml")[0] == "a.yaml b.yaml b.yaml .hidden.yaml\n"
    assert out(lab, 'for f in *.json; do echo "[$f]"; done')[0] == "[B.json]\n[c.json]\n"
    assert out(lab, 'echo "*.yaml" \\*.yaml *.nope')[0] == "*.yaml *.yaml *.nope\n"
    assert out(lab, "echo */ /home/learner/scen*")[0] == "scenarios/ /home/learner/scenarios\n"
    assert out(lab, "cd scenarios; echo *; cd ..")[0] == "deep one.yaml two.yml\n"
    assert out(lab, 'X="*.yaml"; echo $X "$X"')[0] == "a.yaml b.yaml *.yaml\n"
    assert out(lab, "shopt -s nullglob; echo none: *.nope; shopt -u nullglob")[0] == "none:\n"
    assert out(lab, "set -f; echo *.yaml; set +f")[0] == "*.yaml\n"
    assert out(lab, "cat *.nope")[1] == "cat: *.nope: No such file or directory\n"


def test_brace_tilde_and_backquotes(lab):
    assert out(lab, "echo {a,b}{1..3} x{,-y} {1..10..3} {c..a} {01..03}")[0] == \
        "a1 a2 a3 b1 b2 b3 x x-y 1 4 7 10 c b a 01 02 03\n"
    assert out(lab, 'echo a{b "{x,y}" {a} {} ${HOME}/{x,y}')[0] == "a{b {x,y} {a} {} /home/learner/x /home/learner/y\n"
    assert out(lab, 'X=~/f:~/g; echo $X ~ ~/x "~" a~')[0] == \
        "/home/learner/f:/home/learner/g /home/learner /home/learner/x ~ a~\n"
    assert out(lab, 'echo `echo hi` "a`echo b`c" `echo \\`echo nested\\``')[0] == "hi abc nested\n"
    assert out(lab, "echo `echo x")[1] == "bash: unexpected EOF while looking for matching ``'\n"


def test_set_u_and_assignment_status(lab):
    assert out(lab, "set -u; echo start; echo $NOPE; echo after") == \
        ("start\n", "bash: NOPE: unbound variable\n", 1)
    lab.run("set +u")
    assert out(lab, "set -u; echo ${NOPE:-d} ${NOPE-e} x$@x; set +u")[0] == "d e xx\n"
    assert out(lab, "set -u; f() { echo $1; }; f")[1] == "bash: $1: unbound variable\n"
    lab.run("set +u")
    assert out(lab, "set -u; echo $((ZZ + 1))")[1] == "bash: ZZ: unbound variable\n"
    lab.run("set +u")
    assert out(lab, "X=$(false); echo $?; set -e; Y=$(false); echo no") == ("1\n", "", 1)
    lab.run("set +e")
    assert out(lab, "set -euo pipefail; echo ok; set -o | grep -c on; set +euo pipefail")[0] == "ok\n3\n"


def test_declare_readonly_unset(lab):
    assert out(lab, "declare -r Y=1; Y=2; echo $Y") == ("1\n", "bash: Y: readonly variable\n", 0)
    assert out(lab, "unset Y")[1] == "bash: unset: Y: cannot unset: readonly variable\n"
    assert out(lab, "(( Y = 5 ))")[1] == "bash: Y: readonly variable\n"
    assert out(lab, "readonly Z=3; export A='x\"y'; declare -p Z A; readonly -p") == \
        ('declare -r Z="3"\ndeclare -x A="x\\"y"\ndeclare -r Y="1"\ndeclare -r Z="3"\n', "", 0)
    assert out(lab, "declare -p NOPE")[1:] == ("bash: declare: NOPE: not found\n", 1)
    assert out(lab, "f() { declare L=in; echo $L; }; L=out; f; echo $L")[0] == "in\nout\n"
    assert out(lab, "declare -a arr")[2] == 2
    assert out(lab, "declare 1x=2")[1] == "bash: declare: `1x=2': not a valid identifier\n"


def test_parameter_case_and_anchored_replace(lab):
    assert out(lab, "X=hello; echo ${X^} ${X/#h/J} ${X/%o/0} ${X/#z/J} ${X:1:3} ${X: -2}; R=X; echo ${!R}")[0] == \
        "Hello Jello hell0 hello ell lo\nhello\n"
    assert out(lab, 'echo ${X:-${HOME}}')[0] == "hello\n"


def test_heredoc_dash_strips_tabs(lab):
    assert out(lab, "cat <<-EOF\n\tindented $((1+1))\n\t\tmore\n\tEOF\necho done")[0] == "indented 2\nmore\ndone\n"


def test_process_substitution_is_reported(lab):
    r = lab.run("diff <(echo a) <(echo b); echo rc=$?")
    assert r.stdout == "rc=1\n"
    assert r.stderr.startswith("bash: <(echo a): process substitution is not supported in this lab shell")


def test_arrays_and_exec_redirections_are_reported(lab):
    r = lab.run("tags=(v1 v2)")
    assert (r.exit_code, r.stderr) == (2, "bash: tags=(...): arrays are not supported in this lab shell; "
                                          "use a space-separated string and `for x in $LIST`\n")
    assert out(lab, "exec >log.txt")[1:] == ("bash: exec: changing the shell's own redirections is not supported "
                                             "in this lab shell; redirect each command instead\n", 1)
    assert out(lab, "exec echo hi; echo not-reached") == ("hi\n", "", 0)
