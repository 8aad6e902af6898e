"""tar in the lab's shells (GNU tar 1.34: -c/-x/-t, -z, -f, -C, -v; old-style and long options; GNU's error texts and
exit status 2). Archives are real gzip/ustar bytes: Python's own tarfile reads what the lab wrote and the lab reads
what tarfile wrote. Sources: GNU tar manual (gnu.org/software/tar/manual: 'tar -czf', '--directory', 'Cowardly
refusing to create an empty archive'); azure-cli acr/_archive_utils.py (az acr build uploads a tar.gz of the
context); Windows and PowerShell 7 ship tar (learn.microsoft.com virtualization/community/team-blog/2017/
20171219-tar-and-curl-come-to-windows)."""

from __future__ import annotations

import gzip
import io
import tarfile

from acrlab.engine import source_uploads


def _files(lab):
    lab.write_file("app/Dockerfile", "FROM alpine\nCOPY . /app\n")
    lab.write_file("app/src/main.py", "print('héllo')\n")


def test_create_list_extract_round_trip(lab, cli):
    _files(lab)
    r = cli("tar -czvf ctx.tar.gz -C app .")
    assert r.stdout.split() == ["./", "./Dockerfile", "./src/", "./src/main.py"]
    data = source_uploads.as_bytes(lab.session.read_file("ctx.tar.gz"))
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as t:  # a real gzip'd tar
        assert t.extractfile("./src/main.py").read() == "print('héllo')\n".encode()
    assert cli("tar tzf ctx.tar.gz").stdout.split() == ["./", "./Dockerfile", "./src/", "./src/main.py"]
    verbose = cli("tar --list --gzip --verbose --file=ctx.tar.gz").stdout.splitlines()
    assert verbose[1].startswith("-rw-r--r-- root/root       24 ") and verbose[1].endswith(" ./Dockerfile")
    cli("mkdir out && tar -xzf ctx.tar.gz -C out")
    assert lab.session.read_file("out/src/main.py") == "print('héllo')\n"
    assert cli("tar -xzvf ctx.tar.gz --directory out ./Dockerfile").stdout == "./Dockerfile\n"


def test_bytes_survive_the_text_file_system(lab, cli):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as t:
        blob = bytes(range(256))
        info = tarfile.TarInfo("bin.dat")
        info.size = len(blob)
        t.addfile(info, io.BytesIO(blob))
    lab.session.write_file("b.tgz", source_uploads.as_text(gzip.compress(raw.getvalue())))
    cli("tar -xzf b.tgz && tar -czf again.tgz bin.dat")
    assert source_uploads.as_bytes(lab.session.read_file("bin.dat")) == bytes(range(256))
    back = source_uploads.unpack(source_uploads.as_bytes(lab.session.read_file("again.tgz")))
    assert source_uploads.as_bytes(back["bin.dat"]) == bytes(range(256))
    assert cli("wc -c bin.dat").stdout.split()[0] == "256"


def test_gnu_errors(cli):
    cases = [
        ("tar -xf none.tar", "tar: none.tar: Cannot open: No such file or directory\n"
                             "tar: Error is not recoverable: exiting now\n"),
        ("tar -czf x.tgz", "tar: Cowardly refusing to create an empty archive\n"
                           "Try 'tar --help' or 'tar --usage' for more information.\n"),
        ("tar -zf x.tgz", "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n"
                          "Try 'tar --help' or 'tar --usage' for more information.\n"),
        ("tar -cqf x.tgz .", "tar: invalid option -- 'q'\nTry 'tar --help' or 'tar --usage' for more information.\n"),
        ("tar --frobnicate", "tar: unrecognized option '--frobnicate'\n"
                             "Try 'tar --help' or 'tar --usage' for more information.\n"),
    ]
    for line, err in cases:
        r = cli(line, expect_exit=2)
        assert r.stderr == err, line
    cli("echo hi > notes.txt")
    assert cli("tar -xzf notes.txt", expect_exit=2).stderr.startswith("gzip: stdin: not in gzip format\n")
    assert "Cannot read: Is a directory" in cli("mkdir d && tar -xf d", expect_exit=2).stderr
    assert "This does not look like a tar archive" in cli("tar -tf notes.txt", expect_exit=2).stderr
    r = cli("tar -cf some.tar notes.txt missing.txt", expect_exit=2)
    assert "tar: missing.txt: Cannot stat: No such file or directory" in r.stderr
    assert cli("tar -tf some.tar").stdout == "notes.txt\n"  # what could be archived was


def test_what_the_lab_lacks_is_refused_by_name(cli):
    for line in ("tar -cjf x.tbz .", "tar --xz -cf x.txz .", "tar -czf - ."):
        r = cli(line, expect_exit=2)
        assert r.stderr.startswith("tar: ") and "lab's tar" in r.stderr, line


def test_tar_runs_in_pwsh(lab, cli):
    _files(lab)
    r = cli("tar -czf ctx.tar.gz -C app .; tar -tzf ctx.tar.gz", shell="pwsh")
    assert r.stdout.split() == ["./", "./Dockerfile", "./src/", "./src/main.py"]


def test_the_tar_format_reads_and_writes_what_tarfile_does():
    """engine/tar_format.py writes ustar itself (prefix for names up to 255 bytes, tarfile's pax beyond) and reads
    ustar, GNU and pax archives (long names, unicode)."""
    from acrlab.engine import tar_format

    names = ["a.txt", "d/" + "x" * 120 + "/b.txt", "é/ü.txt", "deep/" + "y" * 300]
    entries = [(n, f"{n}\n".encode()) for n in names]
    ours = tar_format.write(entries, 1_700_000_000)
    with tarfile.open(fileobj=io.BytesIO(ours)) as t:
        assert [(m.name, t.extractfile(m).read()) for m in t] == entries
    for fmt in (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode="w", format=fmt) as t:
            for n, data in entries if fmt != tarfile.USTAR_FORMAT else entries[:3]:
                info = tarfile.TarInfo(n)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        got = [(m.name, m.data) for m in tar_format.read(raw.getvalue(), 100)]
        assert got == (entries if fmt != tarfile.USTAR_FORMAT else entries[:3]), fmt
