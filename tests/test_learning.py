"""Gradient descent on one sigmoid neuron (the page "Gradient descent"): the runs, the cost map
and the first step's numbers, checked against finite differences and the closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest

from explainer import examples as ex
from explainer.numbers import Numbers
from explainer.training import loss, tutorial_network


def cost(w: float, b: float) -> float:
    x, y = ex.gd_data()
    return loss(ex.gd_neuron(w, b), x, y)


def slope(w: float, b: float, h: float = 1e-5) -> tuple[float, float]:
    """dC/dw and dC/db by central finite differences of the package's loss."""
    return (
        (cost(w + h, b) - cost(w - h, b)) / (2 * h),
        (cost(w, b + h) - cost(w, b - h)) / (2 * h),
    )


def closed_form(w: float, b: float) -> tuple[float, float, float]:
    """The cost and its gradient for one sigmoid neuron, written out with numpy only."""
    x, y = (v.ravel() for v in ex.gd_data())
    a = 1 / (1 + np.exp(-(w * x + b)))
    error = (a - y) * a * (1 - a)
    return 0.5 * float(np.mean((a - y) ** 2)), float(np.mean(error * x)), float(np.mean(error))


def test_the_task_is_the_zeros_and_ones_of_the_training_images():
    x, y = ex.gd_data()
    labels = tutorial_network().data.y_train
    assert x.shape == y.shape == (np.isin(labels, ex.GD_DIGITS).sum(), 1)
    assert x.min() >= -1 and x.max() <= 1
    assert set(np.unique(y)) == {0.0, 1.0}
    assert y.sum() == np.count_nonzero(labels == ex.GD_DIGITS[1])
    # the feature separates the two digits on average, as the page says
    assert x[y == 0].mean() < 0 < x[y == 1].mean()


@pytest.mark.parametrize("rate", sorted(ex.GD_RATES))
def test_each_step_goes_against_the_finite_difference_slope(rate):
    run = ex.gradient_descent(ex.GD_RATES[rate])
    assert len(run.w) == len(run.b) == len(run.cost) == ex.GD_STEPS + 1
    assert (run.w[0], run.b[0]) == ex.GD_START
    for k in (0, 1, 2, ex.GD_STEPS // 2, ex.GD_STEPS - 1):
        gw, gb = slope(run.w[k], run.b[k])
        assert run.w[k + 1] == pytest.approx(run.w[k] - run.rate * gw, rel=1e-6, abs=1e-7)
        assert run.b[k + 1] == pytest.approx(run.b[k] - run.rate * gb, rel=1e-6, abs=1e-7)
        assert run.cost[k] == pytest.approx(cost(run.w[k], run.b[k]), rel=1e-12)


def test_the_good_rate_lowers_the_cost_at_every_step_to_near_the_lowest():
    run = ex.gradient_descent(ex.GD_RATES["good"])
    assert np.all(np.diff(run.cost) < 0)
    assert run.cost[-1] < 1.05 * ex.gd_minimum()[2]


def test_the_small_rate_goes_downhill_but_not_far():
    small, good = (ex.gradient_descent(ex.GD_RATES[k]) for k in ("small", "good"))
    assert np.all(np.diff(small.cost) < 0)
    assert small.cost[-1] > 4 * good.cost[-1]


def test_the_large_rate_zigzags_and_its_cost_goes_up_and_down():
    large, good = (ex.gradient_descent(ex.GD_RATES[k]) for k in ("large", "good"))
    rises = np.diff(large.cost) > 0
    turns = np.diff(np.sign(np.diff(large.w))) != 0
    assert rises.sum() >= ex.GD_STEPS / 3
    assert turns.sum() >= ex.GD_STEPS / 2
    # it does not settle: late in the run it is still worse than the good run was half-way
    half = ex.GD_STEPS // 2
    assert large.cost[half:].max() > good.cost[half]


def test_the_minimum_is_where_the_slope_is_zero_and_every_neighbour_is_higher():
    w, b, c = ex.gd_minimum()
    assert c == pytest.approx(cost(w, b), rel=1e-12)
    gw, gb = slope(w, b)
    assert abs(gw) < 1e-7 and abs(gb) < 1e-7
    for dw, db in ((0.1, 0), (-0.1, 0), (0, 0.1), (0, -0.1), (0.1, 0.1), (-0.1, -0.1)):
        assert cost(w + dw, b + db) > c
    # and no point of the drawn map is lower
    assert ex.gd_surface()[2].min() >= c


def test_the_map_is_the_cost_at_each_grid_point():
    ws, bs, grid = ex.gd_surface()
    assert grid.shape == (len(bs), len(ws))
    for i, j in ((0, 0), (len(bs) // 3, len(ws) // 2), (-1, -1)):
        assert grid[i, j] == pytest.approx(closed_form(ws[j], bs[i])[0], rel=1e-12)
    lo_w, hi_w = ex.GD_VIEW["w"]
    lo_b, hi_b = ex.GD_VIEW["b"]
    w, b, _ = ex.gd_minimum()
    assert lo_w < w < hi_w and lo_b < b < hi_b  # the star is on the map


def test_the_first_step_as_quoted_matches_the_closed_form():
    n = Numbers()
    w, b = n.get("gd.first.w"), n.get("gd.first.b")
    eta = n.get("gd.first.rate")
    c, gw, gb = closed_form(w, b)
    assert (w, b) == ex.GD_START and eta == ex.GD_RATES["good"]
    assert n.get("gd.first.cost") == pytest.approx(c, rel=1e-12)
    assert n.get("gd.first.dw") == pytest.approx(gw, rel=1e-10)
    assert n.get("gd.first.db") == pytest.approx(gb, rel=1e-10)
    assert n.get("gd.first.new_w") == pytest.approx(w - eta * gw, rel=1e-10)
    assert n.get("gd.first.new_b") == pytest.approx(b - eta * gb, rel=1e-10)
    new_c = closed_form(w - eta * gw, b - eta * gb)[0]
    assert n.get("gd.first.new_cost") == pytest.approx(new_c, rel=1e-10)
    # with w = 0 every image has z = b: the page factors the sigmoid's slope out of the sums
    a = 1 / (1 + math.exp(-b))
    assert n.get("gd.first.a") == pytest.approx(a, rel=1e-12)
    slope_times = n.get("gd.first.slope") * n.get("gd.first.error_x")
    assert slope_times == pytest.approx(gw, rel=1e-10)
    assert n.get("gd.first.slope") * n.get("gd.first.error") == pytest.approx(gb, rel=1e-10)
    # and the cost written with the counts of zeros and ones
    zeros, ones, images = n.get("gd.zeros"), n.get("gd.ones"), n.get("gd.images")
    assert 0.5 * (zeros * a**2 + ones * (1 - a) ** 2) / images == pytest.approx(c, rel=1e-12)
    assert n.get("gd.first.new_cost") == pytest.approx(ex.gradient_descent(eta).cost[1])


def test_the_trained_neuron_tells_zeros_from_ones():
    n = Numbers()
    assert n.get("gd.start_accuracy") == pytest.approx(n.get("gd.zeros") / n.get("gd.images"))
    assert n.get("gd.good_accuracy") > 0.9 and n.get("gd.test_accuracy") > 0.9
    # the ink at which it changes its mind is where w x + b = 0, with x = 2 ink - 1
    run = ex.gradient_descent(ex.GD_RATES["good"])
    ink = n.get("gd.good_threshold_ink")
    assert run.w[-1] * (2 * ink - 1) + run.b[-1] == pytest.approx(0, abs=1e-12)


def test_the_rates_figure_draws_every_run_with_its_name():
    data = ex.gd_rates()
    assert len(data["runs"]) == len(data["names"]) == len(ex.GD_RATES)
    assert [r["rate"] for r in data["runs"]] == list(ex.GD_RATES.values())
    assert data["minimum"] == ex.gd_minimum()
