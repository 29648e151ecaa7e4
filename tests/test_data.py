"""helpers.data: the worked-example constants and the seeded generators."""
import numpy as np
import pytest

from helpers import data


def test_line_data_is_y_equals_8x_plus_3_at_2_and_4():
    assert data.LINE_X.tolist() == [2.0, 4.0]
    assert data.LINE_Y.tolist() == [19.0, 35.0]


def test_the_221_network_uses_rows_as_neurons():
    net = data.NET_221
    z1 = net["W1"] @ net["x"] + net["b1"]
    assert z1 == pytest.approx([0.32, -0.08])
    assert net["W2"].shape == (1, 2)


@pytest.mark.parametrize("make", [data.make_moons, data.make_circle, data.make_curve])
def test_generators_are_deterministic_per_seed_and_leave_global_state_alone(make):
    before = np.random.get_state()[1].copy()
    X1, y1 = make(n=50, noise=0.1, seed=3)
    X2, y2 = make(n=50, noise=0.1, seed=3)
    X3, _ = make(n=50, noise=0.1, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert np.array_equal(np.random.get_state()[1], before)
    assert len(X1) == len(y1) == 50


def test_moons_are_balanced_and_labelled_zero_and_one():
    X, y = data.make_moons(101, noise=0.0, seed=0)
    assert X.shape == (101, 2)
    assert sorted(set(y.tolist())) == [0, 1]
    assert abs(int(y.sum()) - 50) <= 1
    # without noise the top moon lies on the unit circle
    top = X[y == 0]
    assert np.allclose(np.hypot(top[:, 0], top[:, 1]), 1.0)


def test_circle_labels_points_inside_the_radius():
    X, y = data.make_circle(400, noise=0.0, radius=1.0, seed=1)
    assert np.array_equal(y, (np.hypot(X[:, 0], X[:, 1]) < 1.0).astype(int))
    assert 0.2 < y.mean() < 0.5


def test_curve_samples_the_function_in_order():
    x, y = data.make_curve(30, noise=0.0, seed=2)
    assert x.shape == y.shape == (30, 1)
    assert np.all(np.diff(x[:, 0]) >= 0)
    assert np.allclose(y, np.sin(x))


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: data.make_moons(0), "n \\(the number of points\\) must be a whole number ≥ 1; got 0"),
        (lambda: data.make_moons(2.5), "whole number"),
        (lambda: data.make_circle(10, noise=-1), "noise"),
        (lambda: data.make_curve(10, noise=float("nan")), "noise"),
    ],
)
def test_bad_arguments_say_what_is_allowed(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()
