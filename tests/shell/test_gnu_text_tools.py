"""grep, sed, awk, wc, echo -e, let and docker stop answer as GNU coreutils/grep/sed, gawk, bash and the Docker CLI
do, or refuse by name; never a silently wrong answer (issue 14). Expected values follow the GNU manuals (grep 3.11,
sed 4.9, gawk 5.2, coreutils 9.4) and bash 5.2."""

from __future__ import annotations

import time

import pytest

TEXT = "one\ntwo\nthree\nfour\nfive\n"
PEOPLE = "alice 30 paris\nbob 25 london\ncarol 35 paris\n"

GREP = [
    ("grep -c o f.txt", "3"),
    ("grep -E '[[:digit:]]{2,}' p.txt", "alice 30 paris\nbob 25 london\ncarol 35 paris"),
    ("grep 'o\\{1\\}n' f.txt", "one"),
    ("grep -E 't(wo|hree)' f.txt", "two\nthree"),
    ("grep 't\\(wo\\|hree\\)' f.txt", "two\nthree"),
    ("grep -m 1 -n e f.txt", "1:one"),
    ("grep -v -c e f.txt", "2"),
    ("grep -o '[aeiou]\\+' p.txt | head -3", "a\ni\ne"),
    ("echo abcd | grep -oE 'a|ab'", "ab"),  # POSIX leftmost-longest
    ("grep -w on f.txt; echo $?", "1"),
    ("grep -x 'tw.' f.txt", "two"),
    ("grep -F 't.o' f.txt; echo $?", "1"),
    ("grep -i ONE f.txt", "one"),
    ("grep -e one -e five f.txt", "one\nfive"),
    ("grep -A1 three f.txt", "three\nfour"),
    ("grep -r paris .", "p.txt:alice 30 paris\np.txt:carol 35 paris"),
    ("grep one f.txt nofile; echo $?", "f.txt:one\ngrep: nofile: No such file or directory\n2"),
    ("grep '[' f.txt; echo $?", "grep: Unmatched [, [^, [:, [., or [=\n2"),
    ("grep '[:digit:]' f.txt; echo $?", "grep: character class syntax is [[:digit:]], not [:digit:]\n2"),
    ("grep -E '\\d' f.txt; echo $?", "grep: warning: stray \\ before d\n1"),
    ("grep '\\(o\\)\\1' f.txt; echo $?", "1"),
    ("grep -b one f.txt; echo $?", "grep: option -b (--byte-offset) is not available in this lab\n2"),
]

SED = [
    # a bracket expression may hold the delimiter; the replacement may not (checked against GNU sed 4.9)
    ("echo https://v.vault.azure.net/keys/k/abc | sed -e \"s/\\/[^/]*$//\"", "https://v.vault.azure.net/keys/k"),
    ("echo 'a/b]c' | sed 's/[]/]/X/'", "aXb]c"),
    ("echo a/b | sed 's/[[:alpha:]/]*/X/'", "X"),
    ("echo a/b | sed -n '/[/]/p'", "a/b"),
    ("echo ab | sed 's/[^]/]/X/'", "Xb"),
    ("echo a | sed 's/a/[/]/' 2>&1", "sed: -e expression #1, char 7: unknown option to `s'"),
    ("echo a | sed 's/a/b/ x' 2>&1", "sed: -e expression #1, char 8: unknown option to `s'"),
    ("echo a | sed 's/a/b/g # note'", "b"),
    ("sed 's/o/0/g' f.txt | head -2", "0ne\ntw0"),
    ("sed -n '2,4p' f.txt", "two\nthree\nfour"),
    ("sed -n '/two/,/four/p' f.txt", "two\nthree\nfour"),
    ("sed -E 's/(o)(n)/\\2\\1/' f.txt | head -1", "noe"),
    ("echo abc | sed 's/b*/-/g'", "-a-c-"),
    ("echo hello world | sed -E 's/(\\w+) (\\w+)/\\u\\1 \\U\\2/'", "Hello WORLD"),
    ("sed '1!G;h;$!d' f.txt", "five\nfour\nthree\ntwo\none"),
    ("sed -n '$=' f.txt", "5"),
    ("sed '$!N;s/\\n/ /' f.txt", "one two\nthree four\nfive"),
    ("sed '2a appended' f.txt | sed -n 3p", "appended"),
    ("sed '3q' f.txt", "one\ntwo\nthree"),
    ("echo 'a.b.c.d' | sed 's/\\./:/2g'", "a.b:c:d"),
    ("sed -n '0,/o/p' f.txt", "one"),
    ("sed -n '2,+1p' f.txt", "two\nthree"),
    ("sed -n '/^t/{s/t/T/;p}' f.txt", "Two\nThree"),
    ("sed -i.bak 's/one/ONE/' f.txt; head -1 f.txt; head -1 f.txt.bak", "ONE\none"),
    ("printf 'a\\nb' | sed 's/b/c/'", "a\nc"),
    ("sed 's/a/b' f.txt; echo $?", "sed: -e expression #1, char 5: unterminated `s' command\n1"),
    ("sed 'k' f.txt; echo $?", "sed: -e expression #1, char 1: unknown command: `k'\n1"),
    ("sed p nofile; echo $?", "sed: can't read nofile: No such file or directory\n2"),
    ("sed 's/x/y/e' f.txt; echo $?",
     "sed: -e expression #1, char 6: the e flag of `s' (run the result as a command) is not available in this lab\n1"),
]

AWK = [
    ("awk '{s+=$2} END {print s, s/NR}' p.txt", "90 30"),
    ("awk '$2 > 28 {print $1}' p.txt", "alice\ncarol"),
    ("awk '{print length($1), substr($1,2,3), index($1,\"o\")}' p.txt", "5 lic 0\n3 ob 2\n5 aro 4"),
    ("awk '{n=split($0,a); print n, a[3]}' p.txt | head -1", "3 paris"),
    ("awk '{n=gsub(/[aeiou]/,\"<&>\"); print n, $0}' p.txt | head -1", "5 <a>l<i>c<e> 30 p<a>r<i>s"),
    ("awk 'match($0,/[0-9]+/){print RSTART, RLENGTH}' p.txt | head -1", "7 2"),
    ("awk '{printf \"%-6s|%5.1f|%03d|%x\\n\", $1, $2, $2, $2}' p.txt | head -1", "alice | 30.0|030|1e"),
    ("awk '{print toupper(substr($1,1,1)) tolower(substr($1,2))}' p.txt | head -1", "Alice"),
    ("awk '{c[$3]++} END{for (k in c) print k, c[k]}' p.txt | sort", "london 1\nparis 2"),
    ("echo '10 9' | awk '{print ($1<$2), (\"10\"<\"9\")}'", "0 1"),
    ("awk 'BEGIN{print 1/3, 2^10, -2^2, 7%3, 100000000000000000000}'", "0.333333 1024 -4 1 100000000000000000000"),
    ("echo 'a b c' | awk '{$5=\"e\"; print; print NF}'", "a b c  e\n5"),
    ("awk 'BEGIN{s=\"aaa\"; gsub(/x*/,\"-\",s); print s}'", "-a-a-a-"),
    ("awk 'BEGIN{print sprintf(\"%5s|%-5s|%c\", \"ab\", \"cd\", 65)}'", "   ab|cd   |A"),
    ("echo 'héllo' | awk '{print length($0), toupper($0)}'", "5 HÉLLO"),
    ("awk 'function twice(x){return x*2} NR==1{print twice($2)}' p.txt", "60"),
    ("awk '{print $1' p.txt; echo $?",
     "awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n1"),
    ("awk 'BEGIN{print 1/0}'; echo $?", "awk: cmd. line:1: fatal: division by zero attempted\n2"),
    ("awk 'BEGIN{print gensub(/a/,\"b\",\"g\",\"aaa\")}'; echo $?",
     "awk: cmd. line:1: BEGIN{print gensub(/a/,\"b\",\"g\",\"aaa\")}\nawk: cmd. line:1:             ^ function "
     "`gensub' is a gawk extension that this lab's awk does not have\n1"),
]

OTHER = [
    ("wc -l f.txt", "5 f.txt"),
    ("wc -c u.txt; wc -m u.txt; wc -w u.txt", "14 u.txt\n12 u.txt\n2 u.txt"),
    ("wc f.txt p.txt", " 5  5 24 f.txt\n 3  9 44 p.txt\n 8 14 68 total"),
    ("cat f.txt | wc", "      5       5      24"),
    ("printf 'no newline' | wc -l", "0"),
    ("echo -e 'caf\\xc3\\xa9 \\u2192 d\\u00e9j\\u00e0\\tvu'", "café → déjà\tvu"),
    ("echo -e 'héllo\\nwörld'", "héllo\nwörld"),
    ("echo -e 'stop\\cnot'; echo", "stop"),
    ("let a=2+3 b=a*2; echo $a $b", "5 10"),
    ("let z=0; echo $?", "1"),
    ("let 'y = 5 / 0'; echo $?", "bash: let: y = 5 / 0: division by 0 (error token is \"0\")\n1"),
]


@pytest.fixture
def files(lab):
    lab.write_file("f.txt", TEXT)
    lab.write_file("p.txt", PEOPLE)
    lab.write_file("u.txt", "héllo wörld\n")
    return lab


@pytest.mark.parametrize("cmd,want", GREP + SED + AWK + OTHER, ids=[c for c, _ in GREP + SED + AWK + OTHER])
def test_text_tools_answer_as_gnu(files, cmd, want):
    assert files.run(cmd).output.rstrip("\n") == want


def test_grep_cannot_backtrack_forever(lab):
    """The classic catastrophic pattern answers at once on long input (the matcher is linear-time)."""
    lab.write_file("long.txt", "a" * 20000 + "b\n" + "a" * 20000 + "\n")
    started = time.perf_counter()
    r = lab.run("grep -cE '(a+)+$' long.txt; sed -nE '/(a|aa)+$/=' long.txt; awk '/(a*)*$/{n++} END{print n}' long.txt")
    assert r.output == "1\n2\n2\n"
    assert time.perf_counter() - started < 10


def test_docker_stop_start_rm_follow_the_container(lab):
    r = lab.run("docker run -d -p 8080:80 --name web nginx")
    cid = r.stdout.strip()
    assert len(cid) == 64
    assert lab.run("docker ps --format x 2>/dev/null; docker ps -q").stdout.strip().endswith(cid[:12])
    assert lab.run("docker stop web").output == "web\n"
    assert lab.run("docker ps -q").stdout == ""
    assert "Exited (0)" in lab.run("docker ps -a").stdout
    r = lab.run("docker stop nope")
    assert (r.exit_code, r.stderr) == (1, "Error response from daemon: No such container: nope\n")
    lab.run("docker start web")
    r = lab.run("docker rm web")
    assert r.exit_code == 1 and "container is running: stop the container before removing or force remove" in r.stderr
    assert lab.run("docker rm -f web").output == "web\n"
    assert lab.run("docker ps -aq").stdout == ""


def test_wc_of_missing_files_reports_each_and_totals_as_gnu(lab):
    # GNU coreutils wc: a missing file is an error line; with several operands the total still prints
    r = lab.run("wc nofile")
    assert (r.exit_code, r.output) == (1, "wc: nofile: No such file or directory\n")
    r = lab.run("wc -l a b")
    assert (r.exit_code, r.output) == (1, "wc: a: No such file or directory\nwc: b: No such file or directory\n0 total\n")
