"""`explainer curve` as a user meets it: files written, and one-line errors that write nothing."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import conftest
from conftest import run_cli, snapshot
from explainer import cli

PNG = b"\x89PNG\r\n\x1a\n"


def one_line_error(err: str, *needles: str) -> None:
    conftest.one_line_error(err, "explainer curve: error: ", *needles)


def svg_title(data: bytes) -> str:
    root = ET.fromstring(data)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    return title.text or ""


def test_default_output_is_name_svg_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["curve", "ReLU"]) == 0
    assert capsys.readouterr().out.strip() == "wrote relu.svg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relu.svg"]
    assert svg_title((tmp_path / "relu.svg").read_bytes()) == "ReLU: range [0, ∞)"


def test_svg_is_deterministic_and_follows_the_options(tmp_path):
    a, b, c = tmp_path / "a.svg", tmp_path / "b.svg", tmp_path / "c.svg"
    args = ["curve", "gelu", "--derivative", "--range", "-2", "2", "--theme", "dark"]
    assert cli.main([*args, "-o", str(a)]) == 0
    assert cli.main([*args, "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert cli.main(["curve", "gelu", "-o", str(c)]) == 0
    assert a.read_bytes() != c.read_bytes()
    desc = ET.fromstring(a.read_bytes()).find("{http://www.w3.org/2000/svg}desc").text
    assert "for z from −2 to 2" in desc and "derivative (the slope) is drawn dashed" in desc
    assert "derivative" not in ET.fromstring(c.read_bytes()).find(
        "{http://www.w3.org/2000/svg}desc"
    ).text.replace("derivative is undefined", "")


def test_png(tmp_path):
    out = tmp_path / "leaky.PNG"
    assert cli.main(["curve", "leaky-relu", "--derivative", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(PNG) and len(data) > 10_000


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (
            ["rleu"],
            ["unknown activation 'rleu'", "did you mean 'relu'?", "valid names: step, identity"],
        ),
        (["softmax"], ["Softmax works on a whole layer at once: it has no curve"]),
        (["relu", "--range", "2", "1"], ["--range A B needs A < B, got 2 1"]),
        (["relu", "--range", "1", "1"], ["needs A < B"]),
        (["relu", "--range", "0", "nan"], ["--range needs two finite numbers"]),
        (["relu", "--range", "0", "inf"], ["--range needs two finite numbers"]),
        (["relu", "--range", "0", "1e9"], ["--range must stay within ±1e+06"]),
        (["relu", "--range", "a", "b"], ["'a' is not a number"]),
        (["relu", "--range", "1"], ["--range", "expected 2 arguments"]),
        (["relu", "--range", "-inf", "inf"], ["--range needs two finite numbers"]),
        (["relu", "--range", "-nan", "5"], ["--range needs two finite numbers"]),
        (["relu", "--range", "1e5", "1.000001e5"], ["too narrow to draw: 100000.0 to 100000.1"]),
        (["step", "--range", "1e-7", "2e-7"], ["too narrow", "at least 1e-6 times the larger"]),
        (["relu", "-o", ""], ["-o/--output: an empty file name; give one, like out.svg"]),
        (["relu", "-o", "relu.svg/"], ["'relu.svg/' ends with '/', so it names a folder"]),
        (["relu", "-o", ".svg"], ["cannot write '.svg': give the file a name, like relu.svg"]),
        (["relu", "-o", "relu.pdf"], ["'.pdf' is not a supported format", ".svg or .png"]),
        (["relu", "-o", "relu"], ["no suffix is not a supported format"]),
        (["relu", "-o", "missing/relu.svg"], ["'missing' does not exist"]),
        (["relu", "--theme", "blue"], ["invalid choice: 'blue'"]),
        (["relu", "--bogus"], ["unrecognized arguments: --bogus"]),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path, monkeypatch, capsys, args, needles
):
    monkeypatch.chdir(tmp_path)
    status = cli.main(["curve", *args])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    one_line_error(captured.err, *needles)
    assert snapshot(tmp_path) == {}


def test_output_that_is_a_folder(tmp_path, capsys):
    (tmp_path / "out.svg").mkdir()
    assert cli.main(["curve", "relu", "-o", str(tmp_path / "out.svg")]) == 2
    one_line_error(capsys.readouterr().err, "it is a folder")
    assert snapshot(tmp_path) == {}


def test_output_below_a_file(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert cli.main(["curve", "relu", "-o", str(tmp_path / "file" / "relu.svg")]) == 2
    one_line_error(capsys.readouterr().err, "file' is not a folder")
    assert snapshot(tmp_path) == {"file": b"x"}


def test_unwritable_folder(tmp_path, capsys, monkeypatch):
    # root may write anywhere, so the folder's refusal is simulated where the file is created
    def refuse(self, data):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert cli.main(["curve", "relu", "-o", str(tmp_path / "relu.svg")]) == 2
    monkeypatch.undo()
    one_line_error(capsys.readouterr().err, "cannot write", "permission denied")
    assert list(tmp_path.iterdir()) == []


def test_in_a_subprocess(tmp_path):
    ok = run_cli("curve", "sigmoid", "--derivative", "-o", str(tmp_path / "s.png"))
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "s.png").read_bytes().startswith(PNG)
    bad = run_cli("curve", "sigmod", "-o", str(tmp_path / "x.svg"), cwd=tmp_path)
    assert bad.returncode == 2
    one_line_error(bad.stderr, "unknown activation 'sigmod'", "did you mean 'sigmoid'?")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.png"]


def test_importing_the_cli_stays_light():
    code = (
        "import sys, explainer.cli; "
        "print(sorted(m for m in ('numpy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_range_takes_negative_numbers_in_every_notation(tmp_path, capsys):
    """`--range -1e3 5` is two numbers, not an unknown option `-1e3`."""
    out = tmp_path / "r.svg"
    assert cli.main(["curve", "relu", "--range", "-1e3", "5", "-o", str(out)]) == 0
    assert "for z from −1000 to 5" in out.read_text(encoding="utf-8")


def test_a_long_file_name_the_file_system_takes_is_written(tmp_path, capsys):
    out = tmp_path / ("r" * 245 + ".svg")  # 249 characters: its temporary name is longer
    assert cli.main(["curve", "relu", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


# --------------------------------------------------------------------------- custom ranges


def _desc(data: bytes) -> str:
    return ET.fromstring(data).find("{http://www.w3.org/2000/svg}desc").text or ""


def test_a_periodic_curve_over_a_huge_range_lists_and_marks_few_places(tmp_path):
    """The sinusoid takes its maximum ~318,000 times in ±1e6: the legend counts them instead
    of listing each, and only a few are marked (run with a timeout, not timed)."""
    out = tmp_path / "s.svg"
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "curve", "sinusoid", "--range", "-1e6", "1e6",
         "-o", str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "constrained_layout not applied"
    svg = out.read_text(encoding="utf-8")
    assert svg.count("<use ") < 1000  # markers, ticks and glyphs: not one per place (636,618)
    assert "318,308 more" in _desc(out.read_bytes())


def test_description_of_a_custom_range_tells_only_what_is_drawn(tmp_path):
    def desc(*args: str) -> str:
        out = tmp_path / "d.svg"
        assert cli.main(["curve", *args, "-o", str(out)]) == 0
        return _desc(out.read_bytes())

    relu = desc("relu", "--range", "-1e3", "-0.5")
    assert "for z from −1000 to −0.5" in relu and "constant at 0" in relu
    assert "positive z" not in relu and "corner" not in relu and "f(0)" not in relu
    leaky = desc("leaky_relu", "--range", "1", "2")
    assert "rising from 1 at z = 1 to 2 at z = 2" in leaky
    assert "−0.05" not in leaky and "inset" not in leaky
    assert "slope 0.01 for z < 0." in leaky  # the note, without the inset it would point to
    wide = desc("leaky_relu", "--range", "-10", "5")
    inset = "slope 0.01 for z < 0 (magnified in the inset). An inset magnifies z from −5 to 0."
    assert inset in wide
    step = desc("step", "--range", "-1", "0")
    assert "constant at 0 from z = −1 to 0" in step
    assert "At z = 0 it jumps: a filled dot marks its value 1, an open dot the value 0" in step
    assert "jumping to 1 at z = 0 and staying 1" not in step
    # the default range keeps the site's words
    assert desc("relu") == desc("relu", "--range", "-4", "4")
    assert "with a corner at the origin" in desc("relu")
    # f′(0) is said only where the slope is drawn, over the default range too
    assert "f′(0)" not in desc("relu") and "f′(0) = 0 by convention" in desc("relu", "--derivative")


def test_an_activation_without_words_says_where_to_add_them(tmp_path, monkeypatch, capsys):
    """A function just added to the registry, before its words: one line naming the file to
    edit, not "internal error: KeyError"."""
    from explainer import presentation

    monkeypatch.delitem(presentation.WORDS, "relu")
    out = tmp_path / "relu.svg"
    assert cli.main(["curve", "relu", "-o", str(out)]) == 2
    one_line_error(capsys.readouterr().err, "'relu' has no words", "src/explainer/presentation.py")
    assert not out.exists()
