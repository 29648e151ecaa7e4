"""helpers.line_fit against the hand-checked figures for y = 8x + 3 on x = [2, 4] and independent computations."""
import math

import numpy as np
import pytest

from helpers import line_fit
from helpers.engine import Value
from helpers.gradcheck import numeric_gradient


def seeded_start():
    rng = np.random.RandomState(42)  # the legacy generator np.random.seed(42) sets up, without global state
    return rng.randn(), rng.randn()


W0, B0 = seeded_start()


def test_the_seed_gives_these_numbers_and_not_the_often_printed_ones():
    assert round(W0, 6) == 0.496714 and round(B0, 6) == -0.138264
    assert not math.isclose(W0, 0.4523, abs_tol=1e-3) and not math.isclose(B0, 0.6378, abs_tol=1e-3)


# Steps until |w − 8| and |b − 3| are both < 0.01 from the seeded start (SEED_NOTES, computed separately).
@pytest.mark.parametrize("lr, steps", [(1e-3, 23_855), (1e-2, 2_384), (0.05, 475), (0.09, 263)])
def test_steps_to_tolerance_matches_the_hand_checked_table(lr, steps):
    assert line_fit.steps_to_tolerance(W0, B0, lr) == steps


@pytest.mark.parametrize("lr, steps", [(1e-2, 4_770), (0.05, 953), (0.09, 528), (0.1, 475)])
def test_with_half_the_mse_every_count_is_that_of_half_the_rate(lr, steps):
    assert line_fit.steps_to_tolerance(W0, B0, lr, half=True) == steps
    assert line_fit.steps_to_tolerance(W0, B0, lr / 2) == steps


@pytest.mark.parametrize("lr", [0.1, 0.2, 1.0])
def test_above_the_stable_rate_it_diverges(lr):
    assert line_fit.steps_to_tolerance(W0, B0, lr) == math.inf
    assert line_fit.steps_by_formula(W0, B0, lr) == math.inf


@pytest.mark.parametrize("lr", [1e-3, 1e-2, 0.05, 0.09, 0.0916])
def test_the_formula_counts_the_same_steps_as_the_loop(lr):
    assert line_fit.steps_by_formula(W0, B0, lr) == line_fit.steps_to_tolerance(W0, B0, lr)


def test_the_smallest_rate_is_counted_by_formula_without_a_loop():
    assert line_fit.steps_by_formula(W0, B0, 1e-5) == 2_385_710


def test_the_hessian_its_eigenvalues_and_the_stable_rate():
    H = line_fit.hessian()
    assert np.array_equal(H, [[20.0, 6.0], [6.0, 2.0]])
    low, high = np.linalg.eigvalsh(H)
    assert high == pytest.approx(11 + math.sqrt(117)) and low == pytest.approx(11 - math.sqrt(117))
    assert round(high, 4) == 21.8167 and round(low, 6) == 0.183346 and round(high / low, 2) == 118.99
    assert round(line_fit.stable_rate(), 7) == 0.0916731
    assert round(line_fit.stable_rate(half=True), 6) == 0.183346


def test_the_hessian_is_the_derivative_of_the_gradient():
    for w, b in [(W0, B0), (-3.0, 7.5)]:
        columns = [
            (np.array(line_fit.mse_gradient(w + h, b + k)) - np.array(line_fit.mse_gradient(w - h, b - k))) / 2e-3
            for h, k in [(1e-3, 0.0), (0.0, 1e-3)]
        ]
        assert np.allclose(np.column_stack(columns), line_fit.hessian(), rtol=1e-9)


def test_loss_and_gradient_at_the_seeded_start_by_hand():
    e1, e2 = 2 * W0 + B0 - 19, 4 * W0 + B0 - 35
    assert line_fit.mse(W0, B0) == pytest.approx((e1**2 + e2**2) / 2)
    assert line_fit.mse(W0, B0, half=True) == pytest.approx((e1**2 + e2**2) / 4)
    assert line_fit.mse_gradient(W0, B0) == pytest.approx((2 * e1 + 4 * e2, e1 + e2))
    assert round(line_fit.mse(W0, B0), 4) == 714.1255


@pytest.mark.parametrize("w, b, x, y", [
    (W0, B0, None, None),
    (-1.2, 4.0, [0.5, -1.0, 3.0], [1.0, 2.0, -2.0]),
    (3.0, -0.5, [1.0], [10.0]),
])
def test_gradient_agrees_with_central_differences_and_with_the_engine(w, b, x, y):
    params = np.array([w, b])
    numeric = numeric_gradient(lambda: line_fit.mse(params[0], params[1], x, y), [params])[0]
    analytic = line_fit.mse_gradient(w, b, x, y)
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-8)

    wv, bv = Value(w), Value(b)
    xs = line_fit.LINE_X if x is None else x
    ys = line_fit.LINE_Y if y is None else y
    loss = sum(((wv * float(xi) + bv - float(yi)) ** 2 for xi, yi in zip(xs, ys)), Value(0.0)) * (1.0 / len(xs))
    loss.backward()
    assert loss.data == pytest.approx(line_fit.mse(w, b, x, y))
    assert (wv.grad, bv.grad) == pytest.approx(analytic)


def test_one_step_moves_against_the_gradient():
    dw, db = line_fit.mse_gradient(W0, B0)
    path = line_fit.descend(W0, B0, 0.01, 1)
    assert path[0][:2] == (W0, B0)
    assert path[1][:2] == pytest.approx((W0 - 0.01 * dw, B0 - 0.01 * db))


def test_half_the_mse_with_twice_the_rate_walks_the_same_path():
    full = np.array(line_fit.descend(W0, B0, 0.03, 200))
    half = np.array(line_fit.descend(W0, B0, 0.06, 200, half=True))
    assert np.allclose(full[:, :2], half[:, :2], rtol=1e-12, atol=1e-12)
    assert np.allclose(full[:, 2], 2 * half[:, 2])


def test_below_the_stable_rate_the_loss_never_rises():
    losses = [p[2] for p in line_fit.descend(W0, B0, 0.09, 400)]
    assert all(b <= a for a, b in zip(losses, losses[1:]))


def test_a_diverging_walk_stops_at_the_blow_up_threshold_with_finite_numbers():
    path = line_fit.descend(W0, B0, 0.2, 10_000, blow_up=1e6)
    assert 1 < len(path) < 100
    assert all(math.isfinite(v) for p in path for v in p)
    assert path[-1][2] <= 1e6
    w, b, _ = path[-1]
    dw, db = line_fit.mse_gradient(w, b)
    assert line_fit.mse(w - 0.2 * dw, b - 0.2 * db) > 1e6


def test_least_squares_recovers_the_line_and_matches_polyfit_on_noisy_data():
    assert np.allclose(line_fit.least_squares(), [8.0, 3.0])
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 5, 30)
    y = 1.7 * x - 0.4 + rng.normal(0, 0.3, 30)
    assert np.allclose(line_fit.least_squares(x, y), np.polyfit(x, y, 1))


def test_centring_and_scaling_x_makes_the_valley_round():
    x = (line_fit.LINE_X - line_fit.LINE_X.mean()) / line_fit.LINE_X.std()
    assert np.allclose(line_fit.hessian(x), 2 * np.eye(2))
    target = line_fit.least_squares(x, line_fit.LINE_Y)
    assert line_fit.steps_to_tolerance(W0, B0, 0.5, x=x, y=line_fit.LINE_Y, target=target) == 1


@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), "0.1", True])
def test_a_bad_learning_rate_is_refused_with_a_reason(lr):
    with pytest.raises(ValueError, match="the learning rate lr must be a finite number > 0; got"):
        line_fit.descend(W0, B0, lr, 3)


def test_bad_data_and_steps_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="same non-zero length"):
        line_fit.mse(1.0, 2.0, [1.0, 2.0], [3.0])
    with pytest.raises(ValueError, match="both x and y"):
        line_fit.mse(1.0, 2.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="steps must be a whole number"):
        line_fit.descend(W0, B0, 0.01, -1)
    with pytest.raises(ValueError, match="max_steps"):
        line_fit.steps_to_tolerance(W0, B0, 1e-5, max_steps=1000)
