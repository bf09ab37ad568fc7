"""`explainer figures` as a user meets it: exit codes, one-line errors, nothing written on error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, one_line_error, run_cli, snapshot
from explainer import build, cli

NAME = "sigmoid"


@pytest.fixture(scope="module")
def n_files() -> int:
    """How many files NAME has, as the catalogue declares it: its light and dark variants,
    desktop and narrow (computed once, when a test asks, not when the tests are collected)."""
    return len(next(f for f in build.catalogue() if f.name == NAME).files())


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    """A figures folder holding the light and dark variant of one figure."""
    out = tmp_path_factory.mktemp("figures")
    assert cli.main(["figures", "--out", str(out), "--only", NAME, "--jobs", "1"]) == 0
    return out


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--only", "sigmod"], ["unknown figure 'sigmod'", "did you mean 'sigmoid'", "--list"]),
        (["--only", "SIGMOID"], ["unknown figure 'SIGMOID'", "did you mean 'sigmoid'"]),
        (["--jobs", "0"], ["--jobs", "must be at least 1"]),
        (["--jobs", "many"], ["'many' is not a whole number"]),
        (["--bogus"], ["unrecognized arguments: --bogus", "--help"]),
        (["--check", "--force"], ["--check and --force cannot be used together"]),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(drawn, capsys, args, needles):
    before = snapshot(drawn)
    status = cli.main(["figures", "--out", str(drawn), *args])
    err = capsys.readouterr().err
    assert status == 2
    one_line_error(err, *needles)
    assert snapshot(drawn) == before


def test_output_folder_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "figures"
    target.write_text("not a folder")
    status = cli.main(["figures", "--out", str(target), "--only", NAME])
    assert status == 2
    one_line_error(capsys.readouterr().err, "cannot write figures to", "not a folder")
    assert target.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]


def test_a_link_or_a_pipe_in_the_folder_is_never_replaced(tmp_path, capsys):
    out, precious = tmp_path / "figures", tmp_path / "precious.svg"
    assert cli.main(["figures", "--out", str(out), "--only", NAME, "--jobs", "1"]) == 0
    capsys.readouterr()
    precious.write_text("mine")
    light, dark = (out / fn for fn in (f"{NAME}.light.svg", f"{NAME}.dark.svg"))
    light.unlink()
    light.symlink_to(precious)
    dark.unlink()
    os.mkfifo(dark)
    for name in (dark, light):  # in the order of their names
        assert cli.main(["figures", "--out", str(out), "--only", NAME]) == 2
        one_line_error(capsys.readouterr().err, repr(str(name)), "regular files only")
        name.unlink()
    assert precious.read_text() == "mine"


def test_output_folder_below_a_file_in_a_subprocess(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("figures", "--out", str(blocker / "figures"), "--only", NAME)
    assert result.returncode == 2
    one_line_error(result.stderr, "cannot write figures to", "not a directory")
    assert result.stdout == ""
    assert snapshot(tmp_path) == {"file": b"x"}


def test_unknown_figure_in_a_subprocess_has_no_traceback(drawn):
    before = snapshot(drawn)
    result = run_cli("figures", "--out", str(drawn), "--only", "nope")
    assert result.returncode == 2
    one_line_error(result.stderr, "explainer figures: error: unknown figure 'nope'")
    assert snapshot(drawn) == before


def test_check_lists_every_problem_and_writes_nothing(drawn, tmp_path, capsys, n_files):
    work = tmp_path / "figs"
    work.mkdir()
    for name, data in snapshot(drawn).items():
        (work / name).write_bytes(data)
    # only NAME was drawn: a full --check reports the other figures as missing
    assert cli.main(["figures", "--out", str(work), "--check", "--only", NAME]) == 0
    assert f"{n_files} up to date" in capsys.readouterr().out

    (work / f"{NAME}.dark.svg").unlink()
    (work / f"{NAME}.light.svg").write_text("<svg/>")
    (work / "renamed.dark.svg").write_text("<svg/>")
    before = snapshot(work)
    assert cli.main(["figures", "--out", str(work), "--check"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert f"missing: {NAME}.dark.svg" in lines
    assert f"modified: {NAME}.light.svg" in lines
    assert "unknown: renamed.dark.svg (not written by explainer; left alone)" in lines
    assert captured.err.startswith(f"figures: {len(lines)} files not current in ")  # as listed
    assert f"(run `explainer figures --out {work}`)" in captured.err  # its own folder's fix
    assert snapshot(work) == before


def test_list_prints_every_catalogue_name(capsys, tmp_path):
    assert cli.main(["figures", "--list", "--out", str(tmp_path)]) == 0
    names = capsys.readouterr().out.split()
    assert names == [f.name for f in build.catalogue()]
    assert NAME in names


def test_summary_line_reports_drawn_and_up_to_date(tmp_path, capsys, n_files):
    assert cli.main(["figures", "--out", str(tmp_path), "--only", NAME, "--jobs", "1"]) == 0
    assert capsys.readouterr().out.startswith(f"figures: {n_files} drawn, 0 up to date, 0 removed")
    assert cli.main(["figures", "--out", str(tmp_path), "--only", NAME]) == 0
    assert capsys.readouterr().out.startswith(f"figures: 0 drawn, {n_files} up to date, 0 removed")


def test_internal_errors_are_one_line_without_traceback(monkeypatch, capsys, tmp_path):
    def explode(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build, "plan", explode)
    assert cli.main(["figures", "--out", str(tmp_path)]) == 1
    one_line_error(capsys.readouterr().err, "internal error: RuntimeError: disk on fire")


def test_an_empty_output_folder_is_a_usage_error(tmp_path):
    """`--out ""` is a mistake (an unset variable), not the current folder."""
    before = snapshot(tmp_path)
    proc = run_cli("figures", "--out", "", cwd=tmp_path)
    assert proc.returncode == 2
    one_line_error(proc.stderr, "empty folder name")
    assert snapshot(tmp_path) == before


def test_jobs_are_capped_by_the_cores_and_the_work(tmp_path, monkeypatch, n_files):
    from explainer.build import default_jobs

    started, real = [], build._start_workers

    def counted(n: int):
        started.append(n)
        return real(n)

    monkeypatch.setattr(build, "_start_workers", counted)
    p = build.plan(tmp_path, only=[NAME])
    batches = len(build.batches(p.todo, min(default_jobs(), n_files)))
    result = build.execute(p, jobs=40)
    assert not result.failed and result.jobs == min(default_jobs(), n_files)
    # this process draws one batch; the workers, no more of them than the other batches
    assert started == ([min(result.jobs, batches - 1)] if result.jobs > 1 else [])


def test_a_users_matplotlibrc_changes_nothing(tmp_path):
    """The same code draws the same bytes whatever matplotlibrc the user has."""
    rc_dir = tmp_path / "rc"
    rc_dir.mkdir()
    (rc_dir / "matplotlibrc").write_text(
        "lines.linewidth: 9\naxes.unicode_minus: False\nfont.size: 20\naxes.grid: False\n"
        "svg.fonttype: none\nxtick.direction: in\n"
    )
    plain, custom = tmp_path / "plain", tmp_path / "custom"
    for out, env in ((plain, {}), (custom, {"MATPLOTLIBRC": str(rc_dir)})):
        proc = run_cli("figures", "--only", NAME, "--out", str(out), "--jobs", "1", extra_env=env)
        assert proc.returncode == 0, proc.stderr
    assert snapshot(plain) == snapshot(custom)


def _children(pid: int) -> set[int]:
    """The process ids whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_die_with_their_parent(tmp_path):
    """kill -9 of `explainer figures` (a CI time-out) leaves no drawing process behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "explainer", "figures", "--force", "--jobs", "2", "--out",
         str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while not workers and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid) - {proc.pid}
        assert workers, "the run started no worker process"
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.2)
            alive = {w for w in alive if Path(f"/proc/{w}").exists() and not _zombie(w)}
        assert not alive, f"workers still running after their parent died: {alive}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def test_a_full_disk_is_one_line_and_leaves_no_partial_file(tmp_path):
    """A disk that fills up during a run: exit 2, one line, no half-written or temporary file.

    Needs a small tmpfs (root with mount permission); skipped where it cannot be mounted.
    """
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:  # fmt: skip
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        proc = run_cli("figures", "--force", "--jobs", "1", "--out", str(disk / "f"))
        assert proc.returncode == 2
        one_line_error(proc.stderr, "cannot write figures to", "no space left on device")
        left = [p.name for p in (disk / "f").iterdir()]
        assert not [n for n in left if n.endswith(".tmp")]
        for name in left:  # every file there is whole: recorded, or a complete SVG
            if name.endswith(".svg"):
                assert (disk / "f" / name).read_bytes().rstrip().endswith(b"</svg>")
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_check_notices_figures_drawn_under_other_matplotlib_settings(drawn, tmp_path):
    """The manifest records the settings the figures were drawn under; `--check` compares them
    with the settings this machine draws under, which no matplotlibrc changes."""
    import json

    work = tmp_path / "figs"
    work.mkdir()
    for name, data in snapshot(drawn).items():
        (work / name).write_bytes(data)
    rc_dir = tmp_path / "rc"
    rc_dir.mkdir()
    (rc_dir / "matplotlibrc").write_text("lines.linewidth: 9\nfont.size: 20\n")
    check = ("figures", "--out", str(work), "--check", "--only", NAME)
    assert run_cli(*check, extra_env={"MATPLOTLIBRC": str(rc_dir)}).returncode == 0

    manifest = json.loads((work / build.MANIFEST).read_text())
    manifest["rc"]["dark"] = "0" * 64  # as if drawn where a matplotlibrc got through
    (work / build.MANIFEST).write_text(json.dumps(manifest))
    proc = run_cli(*check)
    assert proc.returncode == 1
    assert proc.stdout.startswith("rc: drawn under other matplotlib settings")


@pytest.mark.parametrize("damaged", ['{"format": 1, "files": []}', '{"format": 1, "catalog": 7}'])
def test_a_damaged_manifest_is_no_internal_error(drawn, tmp_path, capsys, damaged):
    """`--list`, `--check` and a run all work with a manifest of the wrong shape; the run
    repairs it."""
    work = tmp_path / "figs"
    work.mkdir()
    for name, data in snapshot(drawn).items():
        (work / name).write_bytes(data)
    (work / build.MANIFEST).write_text(damaged)
    out = ["--out", str(work)]
    assert cli.main(["figures", "--list", *out]) == 0
    assert NAME in capsys.readouterr().out.split()
    assert cli.main(["figures", "--check", "--only", NAME, *out]) == 1  # not current: says so
    assert f"stale: {NAME}.light.svg" in capsys.readouterr().out.splitlines()
    assert cli.main(["figures", "--only", NAME, "--jobs", "1", *out]) == 0
    assert cli.main(["figures", "--check", "--only", NAME, *out]) == 0


@pytest.mark.parametrize("kind", ["pipe", "link to a device"])
@pytest.mark.parametrize("mode", [["--list"], ["--check"], ["--only", NAME]])
def test_a_manifest_that_is_no_regular_file_is_refused_not_read(tmp_path, kind, mode):
    """A pipe would hang the read, /dev/zero would fill the memory: one line, exit 2, and the
    thing at the manifest's name is left as it was."""
    manifest = tmp_path / build.MANIFEST
    if kind == "pipe":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero")
    result = run_cli("figures", "--out", str(tmp_path), *mode)
    assert result.returncode == 2
    one_line_error(result.stderr, "manifest.json", "regular file")
    assert manifest.is_fifo() if kind == "pipe" else os.readlink(manifest) == "/dev/zero"


def test_check_of_a_folder_never_drawn_counts_the_missing_files(tmp_path, capsys, n_files):
    """Only the files are counted (no settings line: nothing was drawn there), with the command
    that draws them into that folder, quoted for the shell (a name with a space was printed
    bare: pasted, it drew into 'my' and failed on 'figures')."""
    out = tmp_path / "my figures"
    assert cli.main(["figures", "--check", "--only", NAME, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    files = next(f for f in build.catalogue() if f.name == NAME).files().values()
    assert captured.out.splitlines() == [f"missing: {n}" for n in sorted(files)]
    word = "file" if n_files == 1 else "files"
    assert captured.err == (
        f"figures: {n_files} {word} not current in {out}/ (run `explainer figures --out '{out}'`)\n"
    )
    assert not out.exists()


def test_a_reader_that_goes_away_or_a_full_stdout_is_no_internal_error():
    """`explainer figures --list | head -1`: the reader goes, the command stops quietly; a full
    stdout (/dev/full) is one line, exit 1."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "explainer", "figures", "--list"]
    gone = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    gone.stdout.close()  # nobody reads
    assert gone.wait(timeout=120) == 1
    assert gone.stderr.read() == b""
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 1
        one_line_error(done.stderr, "explainer figures: error: No space left on device")


def test_list_with_only_lists_those_and_checks_their_names(capsys):
    assert cli.main(["figures", "--list", "--only", NAME, "relu"]) == 0
    assert capsys.readouterr().out.split() == [NAME, "relu"]
    assert cli.main(["figures", "--list", "--only", "relux"]) == 2
    one_line_error(capsys.readouterr().err, "unknown figure 'relux'", "did you mean 'relu'")


def test_out_that_is_a_link_to_a_missing_folder_is_one_line(tmp_path, capsys):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    assert cli.main(["figures", "--only", NAME, "--out", str(tmp_path / "out")]) == 2
    one_line_error(capsys.readouterr().err, "a link to a missing folder")
    assert not (tmp_path / "gone").exists()


def test_files_it_did_not_write_are_never_replaced_without_force(tmp_path, capsys):
    """--out a folder of the user's: their own manifest.json, or a file with a figure's name that
    no manifest records, is refused in one line, not overwritten; --force replaces the file."""
    theirs = tmp_path / "web"
    theirs.mkdir()
    (theirs / "manifest.json").write_text('{"name": "my web app", "icons": []}')
    for mode in (["--only", NAME], ["--list"], ["--check"]):
        assert cli.main(["figures", *mode, "--out", str(theirs)]) == 2
        one_line_error(capsys.readouterr().err, "not a manifest of `explainer figures`")
    assert (theirs / "manifest.json").read_text() == '{"name": "my web app", "icons": []}'
    assert [p.name for p in theirs.iterdir()] == ["manifest.json"]

    mine = tmp_path / "mine"
    mine.mkdir()
    svg = mine / f"{NAME}.light.svg"
    svg.write_text("<svg>mine</svg>")
    assert cli.main(["figures", "--only", NAME, "--out", str(mine)]) == 2
    one_line_error(capsys.readouterr().err, f"{NAME}.light.svg", "no manifest says", "--force")
    assert svg.read_text() == "<svg>mine</svg>" and [p.name for p in mine.iterdir()] == [svg.name]
    assert cli.main(["figures", "--check", "--only", NAME, "--out", str(mine)]) == 1
    assert f"unrecorded: {svg.name}" in capsys.readouterr().out.splitlines()
    assert cli.main(["figures", "--only", NAME, "--force", "--jobs", "1", "--out", str(mine)]) == 0
    assert svg.read_text() != "<svg>mine</svg>"


def test_two_runs_in_one_folder_take_turns_and_record_every_file(tmp_path):
    """`make serve` and `make figures` at once, or two terminals: the second run waits for the
    first (it says so), and the manifest records the files of both; the last writer of the
    manifest no longer drops what the other drew."""
    import fcntl
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    names = [NAME, "relu"]
    command = [sys.executable, "-m", "explainer", "figures", "-j1", "--out", str(out), "--only"]
    held = os.open(out, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # a run under way: both start while it holds the folder
    try:
        runs = [
            subprocess.Popen(
                [*command, name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for name in names
        ]
        waited = [run.stderr.readline() for run in runs]  # or "" when a run ends without waiting
    finally:
        os.close(held)
    for run, line in zip(runs, waited, strict=True):
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, line + err
    drawn = {fn for f in build.catalogue() if f.name in names for fn in f.files().values()}
    assert set(build.load_manifest(out)["files"]) == drawn
    assert cli.main(["figures", "--check", "--only", *names, "--out", str(out)]) == 0
    assert waited == [f"figures: waiting for another explainer figures in {out}/…\n"] * 2


@pytest.mark.parametrize("kind", ["folder", "pipe", "unreadable file"])
@pytest.mark.parametrize("mode", [[], ["--check"], ["--only", NAME]])
def test_a_figure_name_that_cannot_be_read_is_one_line_and_left_alone(drawn, tmp_path, kind, mode):
    """A folder, a pipe or a file that cannot be read at a figure's name: the run and --check
    say so in one line, exit 2 (a pipe never hangs them), and leave it as it was."""
    import shutil
    import subprocess
    import sys

    work = tmp_path / "figures"
    shutil.copytree(drawn, work)
    target = work / f"{NAME}.light.svg"
    target.unlink()
    command = [sys.executable, "-m", "explainer", "figures", "--out", str(work), *mode]
    if kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    else:
        target.write_text("<svg>mine</svg>")
        target.chmod(0)
        if os.geteuid() == 0:  # root reads any file: drop that power for the run
            if not shutil.which("setpriv"):
                pytest.skip("root without setpriv: every file is readable")
            command[:0] = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 2, result.stdout + result.stderr
    one_line_error(result.stderr, repr(str(target)), "move it away")
    if kind == "folder":
        assert target.is_dir() and not any(target.iterdir())
    elif kind == "pipe":
        assert target.is_fifo()
    else:
        target.chmod(0o644)
        assert target.read_text() == "<svg>mine</svg>"


def _group(pgid: int) -> set[int]:
    """The live (not zombie) processes of the process group ``pgid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue
        if int(group) == pgid and state != "Z":
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_stops_the_workers_at_once_and_leaves_a_true_manifest(drawn, tmp_path):
    """Ctrl-C during `explainer figures --force` does not wait for the workers to finish their
    batches (here they never would: they are stopped with SIGSTOP). It ends them, exits 130
    with one line, leaves no temporary file, and the manifest records exactly the files that
    were written: --check then names as missing exactly the files that are not there."""
    import shutil
    import signal
    import subprocess
    import sys
    import time

    work = tmp_path / "figures"
    shutil.copytree(drawn, work)
    before = {p.name: p.stat().st_mtime_ns for p in work.iterdir()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "explainer", "figures", "--force", "-j2", "--out", str(work)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 120  # a hang guard, not a measure
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            written = [p for p in work.glob("*.svg") if p.stat().st_mtime_ns != before.get(p.name)]
            workers = {
                pid
                for pid in _children(proc.pid)
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
            }
            if written and workers:
                break
        assert written and workers, "no file written, or no worker started"
        for pid in workers:  # each in the middle of a batch that would take forever
            os.kill(pid, signal.SIGSTOP)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130
        assert err == "explainer figures: interrupted\n"
        deadline = time.monotonic() + 10
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group(proc.pid), "processes of the run are left"
    finally:
        for sig in (signal.SIGKILL, signal.SIGCONT):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
    assert not [p.name for p in work.iterdir() if p.name.endswith(".tmp")]
    check = run_cli("figures", "--check", "--out", str(work))
    declared = {fn for f in build.catalogue() for fn in f.files().values()}
    absent = {name for name in declared if not (work / name).exists()}
    assert check.returncode == 1 and absent
    assert set(check.stdout.splitlines()) == {f"missing: {name}" for name in absent}


def test_check_writes_no_cache_in_the_current_folder(tmp_path):
    """--check writes nothing, also where the folder has no manifest and the figures' words must
    be computed (trained networks): not into ./.cache/explainer of wherever it is run; the
    temporary cache it uses instead is removed."""
    import subprocess
    import sys

    here, tmp = tmp_path / "here", tmp_path / "tmp"
    here.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("EXPLAINER_CACHE", "EXPLAINER_DEBUG")}
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "figures", "--check", "--only", NAME, "--out", "new"],
        cwd=here, env={**env, "TMPDIR": str(tmp)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert f"missing: {NAME}.light.svg" in result.stdout.splitlines()
    assert list(here.iterdir()) == [] and list(tmp.iterdir()) == []


def test_an_activation_without_words_says_where_to_add_them(tmp_path, monkeypatch, capsys):
    """The catalogue meets a function just added to the registry, before its words: one line
    naming the file to edit, exit 2, nothing written."""
    from explainer import presentation

    monkeypatch.delitem(presentation.WORDS, "relu")
    assert cli.main(["figures", "--out", str(tmp_path), "--only", "sigmoid"]) == 2
    one_line_error(capsys.readouterr().err, "'relu' has no words", "WORDS")
    assert list(tmp_path.iterdir()) == []


def test_a_draw_target_that_does_not_exist_is_one_line_before_any_drawing(tmp_path):
    """A typo in a catalogue entry's ``draw``: every other figure was drawn first (three
    minutes), then each of its four files failed with an AttributeError; now nothing is drawn."""
    import shutil

    shutil.copytree(ROOT / "src" / "explainer", tmp_path / "src" / "explainer")
    catalog = tmp_path / "src" / "explainer" / "catalog.py"
    right = '"explainer.draw.diagrams:digit_flow"'
    assert right in catalog.read_text(encoding="utf-8")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(right, right[:-5] + 'flw"'))
    done = run_cli(
        "figures", "--out", "out", cwd=tmp_path, extra_env={"PYTHONPATH": str(tmp_path / "src")}
    )
    assert done.returncode == 2
    one_line_error(
        done.stderr,
        "figure 'digit_flow': explainer.draw.diagrams has no 'digit_flw'",
        "did you mean 'digit_flow'?",
    )
    assert not (tmp_path / "out").exists()
