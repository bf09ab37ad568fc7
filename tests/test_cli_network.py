"""`explainer network` and `explainer train` as a user meets them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from conftest import one_line_error, run_cli, snapshot
from explainer import cli
from explainer.training import load


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """An empty working folder, so that default output names land where the test can see them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- network


def test_network_writes_an_svg_named_after_the_sizes(here, capsys):
    assert cli.main(["network", "64,16,16,10"]) == 0
    out = here / "network-64-16-16-10.svg"
    data = out.read_bytes()
    assert data.startswith(b"<?xml") and b"<title" in data and b"64-16-16-10" in data
    assert len(data) <= 60 * 1024
    assert capsys.readouterr().out.strip() == f"wrote {out.name}"


def test_network_png_by_suffix_theme_and_seed(here):
    assert cli.main(["network", "3,4,2", "-o", "a.png"]) == 0
    assert (here / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    args = ["network", "3,4,2", "--activation", "relu", "--seed", "1"]
    assert cli.main([*args, "-o", "light.svg"]) == 0
    assert cli.main([*args, "-o", "dark.svg", "--theme", "dark"]) == 0
    assert (here / "light.svg").read_bytes() != (here / "dark.svg").read_bytes()
    assert b"relu" in (here / "light.svg").read_bytes()  # in the title
    assert cli.main(["network", "3,4", "--activation", "softmax", "-o", "out.svg"]) == 0


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["64"], ["SIZES needs at least 2 layers"]),
        (["0,16"], ["SIZES must be whole numbers >= 1", "'0,16'"]),
        (["a,b"], ["SIZES must be whole numbers >= 1", "'a,b'"]),
        (["4,-1"], ["SIZES must be whole numbers >= 1"]),
        (["-5,3"], ["SIZES must be whole numbers >= 1", "'-5,3'"]),  # not an unknown option
        (["4,,2"], ["SIZES must be whole numbers >= 1"]),
        ([",".join(["2"] * 13)], ["at most 12 layers"]),
        (["4,4", "--activation", "sigmod"], ["unknown activation 'sigmod'", "sigmoid"]),
        (
            ["4,4,4", "--activation", "softmax"],
            ["softmax can only be", "sets every layer after the input", "choose another"],
        ),
        (["4,4", "--seed", "-1"], ["'-1' must be at least 0"]),
        (["4,4", "--seed", "x"], ["'x' is not a whole number"]),
        (["4000,4000", "--seed", "0"], ["too big to initialise"]),
        (["4,4", "--theme", "purple"], ["invalid choice: 'purple'"]),
        (["4,4", "-o", "net.pdf"], ["'.pdf' is not a supported format", ".svg or .png"]),
        (["4,4", "-o", "missing/net.svg"], ["folder 'missing' does not exist"]),
        (["4,4", "-o", "."], ["it is a folder"]),
        (["4,4", "-o", "/dev/null"], ["it is a device, not a regular file", "would replace it"]),
        (["4,²,3"], ["SIZES must be whole numbers >= 1", "'4,²,3'"]),  # a digit, not 0-9
        (["4,4", "-o", "n" * 256 + ".svg"], ["file name too long"]),
        (["9" * 5000 + ",2"], ["has a layer far too large"]),  # int() refuses 4,300 digits
        (["99999999,2"], ["at most 1,000,000 neurons a layer, got 99,999,999"]),
    ],
)
def test_network_errors_are_one_line_exit_2_and_write_nothing(here, capsys, args, needles):
    status = cli.main(["network", *args])
    captured = capsys.readouterr()
    assert status == 2
    one_line_error(captured.err, *needles)
    assert captured.out == ""
    assert snapshot(here) == {}


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    """A small network trained and saved by the command line, as a user would."""
    folder = tmp_path_factory.mktemp("saved")
    path = folder / "net.npz"
    assert cli.main(["train", "--hidden", "6", "--epochs", "2", "--save", str(path)]) == 0
    return path


def test_network_load_draws_the_trained_weights_and_input_shades_the_neurons(here, saved):
    from explainer import examples, training

    assert cli.main(["network", "--load", str(saved)]) == 0
    plain = (here / "net.svg").read_text()
    assert "The 64-6-10 network saved in net.npz" in plain and "trained weights" in plain
    assert cli.main(["network", "--load", str(saved), "--input", "7", "-o", "seven.svg"]) == 0
    shaded = (here / "seven.svg").read_text()
    digits = training.load_digits(0)
    out = training.load(saved).forward(digits.x_test[7]).output
    label = int(digits.y_test[7])
    assert f"test image 7 (a {label})" in shaded
    assert f"most active output neuron is number {out.argmax() + 1}" in shaded
    assert shaded != plain
    # a file of input values gives the same drawing as the same values by index
    (here / "x.txt").write_text(" ".join(repr(float(v)) for v in digits.x_test[7]))
    assert cli.main(["network", "--load", str(saved), "--input", "x.txt", "-o", "x.svg"]) == 0
    drawn = examples.saved_network(str(saved), list(digits.x_test[7]))["values"]
    assert np.array_equal(drawn[-1], out)
    assert (here / "x.svg").read_text().split("</desc>")[1] == shaded.split("</desc>")[1]


def test_an_input_file_saved_with_a_byte_order_mark_is_read(here, saved):
    """Notepad and Excel start a UTF-8 file with a BOM: its numbers are numbers all the same."""
    (here / "x.txt").write_text("\ufeff" + ", ".join(["0.5"] * 64) + "\n", encoding="utf-8")
    assert cli.main(["network", "--load", str(saved), "--input", "x.txt", "-o", "x.svg"]) == 0
    assert "for the input values in x.txt" in (here / "x.svg").read_text()


def test_file_names_that_are_not_utf8_are_read_written_and_shown(tmp_path, saved):
    """Linux file names are bytes: a name with a byte that is not UTF-8 is a name like another
    (the figure's words show it as "�"), not an internal error."""
    odd = tmp_path / os.fsdecode(b"tr\xffain.npz")
    odd.write_bytes(saved.read_bytes())
    done = run_cli("network", "--load", str(odd), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    drawn = tmp_path / os.fsdecode(b"tr\xffain.svg")
    assert "The 64-6-10 network saved in tr\ufffdain.npz" in drawn.read_text(encoding="utf-8")
    values = tmp_path / os.fsdecode(b"in\xffput.txt")  # quoted in the words too
    values.write_text(",".join(["0.5"] * 64))
    done = run_cli(
        "network", "--load", str(odd), "--input", str(values), "-o", "in.svg", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "for the input values in in\ufffdput.txt" in (tmp_path / "in.svg").read_text()
    curve = tmp_path / os.fsdecode(b"cur\xffve.svg")
    done = run_cli("curve", "relu", "-o", str(curve))
    assert done.returncode == 0 and curve.is_file(), done.stderr


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["4,4", "--input", "3"], ["--input needs --load FILE"]),
        ([], ["give the layer sizes", "or --load FILE"]),
        (["--load", "SAVED", "64,6,10"], ["SIZES comes from the file with --load"]),
        (["--load", "SAVED", "--seed", "1"], ["--seed comes from the file"]),
        (["--load", "missing.npz"], ["cannot read 'missing.npz': no such file"]),
        (["--load", "SAVED", "--input", "450"], ["test images are numbered 0 to 449"]),
        (["--load", "SAVED", "--input", "nope.txt"], ["'nope.txt'", "no such file"]),
        (["--load", "SAVED", "--input", "FEW"], ["takes 64 finite input values", "holds 3"]),
        (["--load", "SAVED", "--input", "WORDS"], ["numbers separated by commas or spaces"]),
        (["--load", "SAVED", "--input", ""], ["--input needs a test image index"]),
        (["--load", "/dev/zero"], ["cannot read '/dev/zero': not a regular file"]),
        (["--load", "PIPE"], ["cannot read 'pipe': not a regular file"]),
        (["--load", "SAVED", "--input", "/dev/zero"], ["'/dev/zero': not a regular file"]),
        (["--load", "SAVED", "--input", "PIPE"], ["'pipe': not a regular file"]),
    ],
)
def test_network_load_errors_are_one_line_exit_2_and_write_nothing(
    here, capsys, saved, args, needles
):
    (here / "few.txt").write_text("1, 2, 3")
    (here / "words.txt").write_text("one two")
    os.mkfifo(here / "pipe")  # read, it would never end
    swap = {"SAVED": str(saved), "FEW": "few.txt", "WORDS": "words.txt", "PIPE": "pipe"}
    status = cli.main(["network", *(swap.get(a, a) for a in args)])
    captured = capsys.readouterr()
    assert status == 2
    one_line_error(captured.err, *needles)
    assert captured.out == ""
    assert sorted(snapshot(here)) == ["few.txt", "words.txt"]


@pytest.mark.parametrize(
    ("activation", "values", "needle"),
    [
        ("identity", "10 -10", "activations that are not finite"),  # inf - inf: NaN
        ("identity", "10 10", "activations that are not finite"),  # inf
        ("tanh", "10 -10", "not finite"),  # tanh(inf - inf) is NaN too
        ("tanh", "10 10", None),  # tanh(inf) = 1: drawn
    ],
)
def test_weighted_sums_beyond_a_float_are_one_line_or_drawn_quietly(
    tmp_path, activation, values, needle
):
    """A saved network whose weights and input make a weighted sum overflow: where an
    activation is not finite it cannot be shaded (it was an internal error, after numpy's
    warnings); where the activation only saturates the drawing is made, with no warning."""
    from explainer.network import Network
    from explainer.training import save

    net = Network.from_weights([np.full((2, 2), 1e308)], [np.zeros(2)], activation)
    save(net, tmp_path / "big.npz")
    (tmp_path / "x.txt").write_text(values)
    done = run_cli("network", "--load", "big.npz", "--input", "x.txt", cwd=tmp_path)
    if needle is None:
        assert done.returncode == 0 and done.stderr == ""
        assert "most active output neuron is number 1, at 1." in (tmp_path / "big.svg").read_text()
    else:
        assert done.returncode == 2
        one_line_error(done.stderr, "--input x.txt", "activations that are not finite")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.npz", "x.txt"]


def test_the_picture_never_replaces_the_file_it_reads(here, capsys, saved):
    (here / "net.svg").write_bytes(saved.read_bytes())  # a network file with an odd name
    (here / "x.svg").write_text(" ".join(["0.5"] * 64))
    before = snapshot(here)
    for args, flag in (
        (["--load", "net.svg"], "--load"),  # the default output is net.svg
        (["--load", str(saved), "--input", "x.svg", "-o", "./x.svg"], "--input"),
    ):
        assert cli.main(["network", *args]) == 2
        one_line_error(capsys.readouterr().err, f"it is the file of {flag}", "another name")
    assert snapshot(here) == before


# --------------------------------------------------------------------------- train


def test_train_json(here, capsys):
    args = ["train", "--hidden", "12", "--activation", "relu", "--epochs", "3", "--seed", "2"]
    assert cli.main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert 0.7 < result["test_accuracy"] <= 1 and result["seconds"] > 0
    assert result["hidden"] == [12] and result["activation"] == "relu"
    args[4] = " ReLU "  # as a person may type it: said back in the registry's spelling
    assert cli.main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["activation"] == "relu"
    assert result["epochs"] == 3 and result["seed"] == 2
    assert result["sizes"] == [64, 12, 10]
    assert snapshot(here) == {}


def test_train_saves_a_network_that_loads(here, capsys):
    assert cli.main(["train", "--hidden", "8,8", "--epochs", "2", "--save", "net.npz"]) == 0
    out = capsys.readouterr().out
    assert "test accuracy" in out and "64-8-8-10 tanh" in out and "saved to net.npz" in out
    net = load(here / "net.npz")
    assert net.sizes == [64, 8, 8, 10] and net.activations == ["tanh", "tanh", "softmax"]
    assert sorted(snapshot(here)) == ["net.npz"]


def test_train_writes_the_history_as_csv_with_either_optimizer(here, capsys):
    from explainer import training

    args = ["train", "--hidden", "8", "--epochs", "3", "--optimizer", "sgd"]
    assert cli.main([*args, "--learning-rate", "0.4", "--history", "h.csv", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["optimizer"] == "sgd" and summary["learning_rate"] == 0.4
    lines = (here / "h.csv").read_text().splitlines()
    assert lines[0] == "epoch,train_loss,test_loss,test_accuracy"
    rows = [[float(v) for v in line.split(",")] for line in lines[1:]]
    again = training.train_digits((8,), "tanh", 0, 3, optimizer="sgd", learning_rate=0.4)
    assert rows == [list(epoch) for epoch in again.history]
    assert rows[-1][3] == again.test_accuracy and summary["test_accuracy"] == round(rows[-1][3], 6)


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--hidden", "0,16"], ["--hidden must be whole numbers >= 1", "'0,16'"]),
        (["--hidden", "a,b"], ["--hidden must be whole numbers >= 1", "'a,b'"]),
        (["--hidden", ""], ["--hidden must be whole numbers >= 1"]),
        (["--activation", "relux"], ["unknown activation 'relux'", "did you mean 'relu'"]),
        (["--activation", "softmax"], ["softmax can only be", "sets the hidden layers"]),
        (["--hidden", "4", "--activation", "softmax"], ["--activation: softmax can only be"]),
        (["--hidden", ",".join(["1"] * 11)], ["at most 10 hidden layers", "got 11"]),
        (["--hidden", "-5,3"], ["--hidden must be whole numbers >= 1", "'-5,3'"]),
        (["--epochs", "0"], ["--epochs", "'0' must be at least 1"]),
        (["--epochs", "two"], ["--epochs", "'two' is not a whole number"]),
        (["--seed", "-3"], ["--seed", "must be at least 0"]),
        (["--save", "missing/net.npz"], ["cannot write 'missing/net.npz'", "does not exist"]),
        (["--save", "."], ["cannot write '.'", "it is a folder"]),
        (["--bogus"], ["unrecognized arguments: --bogus"]),
        (["--hidden", "²"], ["--hidden must be whole numbers >= 1", "'²'"]),
        (["--hidden", "10000000"], ["too big to train", "4,096 neurons"]),
        (["--seed", "4294967296"], ["--seed", "must be at most 4294967295"]),
        (["--seed", "３"], ["--seed", "is not a whole number"]),
        (["--save", "n" * 256 + ".npz"], ["file name too long"]),
        (["--optimizer", "sdg"], ["invalid choice: 'sdg'", "'sgd', 'adam'"]),
        (["--learning-rate", "0"], ["--learning-rate", "'0' must be a positive number"]),
        (["--learning-rate", "nan"], ["--learning-rate", "must be a positive number"]),
        (["--history", "missing/h.csv"], ["cannot write 'missing/h.csv'", "does not exist"]),
        (["--history", "x.csv", "--save", "x.csv"], ["name the same file"]),
        (["--save", "net.npz/"], ["--save: 'net.npz/' ends with '/'"]),
        (["--history", "x.npz", "--save", "./sub/../x.npz"], ["name the same file"]),
        (["--epochs", "1001"], ["--epochs", "'1001' must be at most 1000"]),
        (["--epochs", "9" * 23], ["--epochs", "is far too large"]),
        (["--hidden", "9" * 5000], ["--hidden", "has a layer far too large"]),
        (["--learning-rate", "1e308"], ["--learning-rate", "must be at most 100"]),
        (["--history", "-"], ["cannot write '-'", "standard output", "give a file name"]),
        (["--save", "-"], ["cannot write '-'", "standard output", "give a file name"]),
    ],
)
def test_train_errors_are_one_line_exit_2_and_write_nothing(here, capsys, args, needles):
    (here / "sub").mkdir()
    status = cli.main(["train", "--epochs", "1", *args])
    captured = capsys.readouterr()
    assert status == 2
    one_line_error(captured.err, *needles)
    assert captured.out == ""
    assert snapshot(here) == {}


def test_train_without_scikit_learn_is_one_line(here, capsys, monkeypatch):
    import sys

    from explainer import training

    training.load_digits.cache_clear()
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    try:
        status = cli.main(["train", "--epochs", "1", "--save", "net.npz"])
    finally:
        training.load_digits.cache_clear()
    assert status == 2
    one_line_error(capsys.readouterr().err, "scikit-learn", "pip install 'explainer[data]'")
    assert snapshot(here) == {}


def test_cli_module_does_not_import_numpy_or_matplotlib():
    import ast

    tree = ast.parse(Path(cli.__file__).read_text())
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = {a.name for n in top for a in n.names} | {
        n.module for n in top if isinstance(n, ast.ImportFrom) and n.module
    }
    assert not names & {"numpy", "matplotlib", "explainer.network", "explainer.training"}


def test_save_never_replaces_a_link_or_a_special_file(here, capsys):
    """`train --save` onto a symlink or a device: a one-line error, the link left as it was."""
    import os

    target = here / "real.npz"
    target.write_bytes(b"mine")
    (here / "link.npz").symlink_to(target)
    fifo = here / "pipe.npz"
    os.mkfifo(fifo)
    for name, needle in (("link.npz", "symbolic link"), ("pipe.npz", "a pipe, not a regular")):
        code = cli.main(["train", "--hidden", "4", "--epochs", "1", "--save", name])
        assert code == 2
        one_line_error(capsys.readouterr().err, needle)
    assert (here / "link.npz").is_symlink() and target.read_bytes() == b"mine"
    assert fifo.is_fifo()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--bogus"], "explainer: error: unrecognized arguments: --bogus (see `explainer --help`)"),
        ([], "explainer: error: the following arguments are required: COMMAND"),
    ],
)
def test_a_mistake_before_any_command_is_named_as_it_is(args, needle):
    """Without a command, an unknown option is reported as unknown, not as a missing command."""
    proc = run_cli(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    one_line_error(proc.stderr, needle)
