"""helpers.landscapes: gradients against central differences, minima, and optimizer paths against closed forms."""
import math

import numpy as np
import pytest

from helpers.landscapes import (
    SURFACES, TUNE_RATES, VALLEY_CURVATURES, Trajectory, banana, race_score, saddle, steps_to_minimum, trajectory,
    tune_rate, valley,
)

POINTS = [(-1.7, 0.3), (0.0, 0.0), (0.4, -1.2), (1.9, 1.9), (-0.05, 0.8)]


@pytest.mark.parametrize("key", list(SURFACES))
@pytest.mark.parametrize("point", POINTS)
def test_gradient_matches_central_differences(key, point):
    surface = SURFACES[key]
    h = 1e-6
    numeric = [
        (surface.cost(point[0] + h, point[1]) - surface.cost(point[0] - h, point[1])) / (2 * h),
        (surface.cost(point[0], point[1] + h) - surface.cost(point[0], point[1] - h)) / (2 * h),
    ]
    assert surface.grad(point) == pytest.approx(numeric, rel=1e-6, abs=1e-7)


@pytest.mark.parametrize("key", list(SURFACES))
def test_grid_evaluation_equals_point_by_point(key):
    surface = SURFACES[key]
    W1, W2 = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-2, 2, 5))
    C = surface.cost(W1, W2)
    assert C.shape == W1.shape
    assert C[3, 4] == pytest.approx(surface((W1[3, 4], W2[3, 4])))


@pytest.mark.parametrize("key", list(SURFACES))
def test_minima_are_flat_and_lowest(key):
    surface = SURFACES[key]
    for w in surface.minima:
        assert surface.grad(w) == pytest.approx([0, 0], abs=1e-12)
        assert surface(w) == pytest.approx(surface.min_cost, abs=1e-12)
    W1, W2 = np.meshgrid(np.linspace(-2, 2, 401), np.linspace(-2, 2, 401))
    assert surface.cost(W1, W2).min() >= surface.min_cost - 1e-12


def test_formulas_by_hand():
    assert valley(2.0, 1.0) == pytest.approx(0.5 * (0.1 * 4 + 4 * 1))       # 2.2
    assert saddle(1.0, 2.0) == pytest.approx(0.5 + 4 - 2)                     # 2.5
    assert banana(0.0, 1.0) == pytest.approx(0.1 * (1 + 10))                  # 1.1
    assert VALLEY_CURVATURES[1] / VALLEY_CURVATURES[0] == pytest.approx(40)   # the condition number


def test_the_saddle_is_a_saddle():
    surface = SURFACES["saddle"]
    assert surface.grad((0, 0)) == pytest.approx([0, 0])
    # Up along w1, down along w2: a minimum in one direction, a maximum in the other.
    assert surface((0.01, 0)) > 0 > surface((0, 0.01))


def test_sgd_path_on_the_valley_is_the_closed_form():
    # Each coordinate shrinks by its own factor: w1 by (1 − 0.1η), w2 by (1 − 4η).
    lr, (w1, w2) = 0.1, SURFACES["valley"].start
    path = trajectory("valley", "SGD", lr, steps=40)
    for t in (0, 1, 17, 40):
        assert path.points[t] == pytest.approx((w1 * (1 - 0.1 * lr) ** t, w2 * (1 - 4 * lr) ** t), rel=1e-12)


def test_steps_to_minimum_for_sgd_agrees_with_the_closed_form():
    lr, tol = 0.1, 1e-3
    (w1, w2) = SURFACES["valley"].start
    t = 0
    while valley(w1 * (1 - 0.1 * lr) ** t, w2 * (1 - 4 * lr) ** t) >= tol:
        t += 1
    assert steps_to_minimum("valley", "SGD", lr, tol=tol) == t


def test_momentum_and_adam_beat_sgd_on_the_valley():
    sgd = steps_to_minimum("valley", "SGD", 0.1)
    assert steps_to_minimum("valley", "Momentum", 0.1) < sgd / 3
    assert steps_to_minimum("valley", "Adam", 0.1) < sgd / 3


def test_on_the_ridge_nothing_escapes_the_saddle():
    # Exactly on w2 = 0 the w2-gradient is 0 forever: every optimizer slides into the saddle point.
    for name in ("SGD", "Momentum", "RMSprop", "Adam"):
        w1, w2 = trajectory("saddle", name, 0.05, start=(-1.8, 0.0), steps=400).points[-1]
        assert w2 == 0.0 and abs(w1) < 0.05


def test_divergence_is_recorded_and_points_stay_finite():
    path = trajectory("valley", "SGD", 1.0, steps=200)   # |1 − 4·1| = 3 > 1: w2 triples in size every step
    assert path.diverged_at is not None and path.diverged_at == path.steps + 1
    # |w2| = 3^t passes 1000 at t = 7.
    assert path.diverged_at == 7
    assert all(math.isfinite(c) for c in path.costs)
    assert np.isfinite(np.array(path.points)).all()
    assert path.extend_to(500).steps == 6  # a diverged path does not grow


def test_extending_step_by_step_equals_one_run():
    path = Trajectory("banana", "Adam", 0.05, (-1.5, 1.8))
    for n in (3, 10, 10, 57):
        path.extend_to(n)
    assert path.points == trajectory("banana", "Adam", 0.05, start=(-1.5, 1.8), steps=57).points


def test_bad_arguments_say_what_is_allowed():
    with pytest.raises(ValueError, match="surface must be one of"):
        trajectory("bowl", "SGD", 0.1)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        trajectory("valley", "Nesterov", 0.1)
    with pytest.raises(ValueError, match=r"start \(w1, w2\) must"):
        Trajectory("valley", "SGD", 0.1, (1.0, float("nan")))
    with pytest.raises(ValueError, match="steps must be a whole number"):
        trajectory("valley", "SGD", 0.1, steps=-1)
    with pytest.raises(ValueError, match="learning rate"):
        trajectory("valley", "SGD", 0.0)


def test_settling_is_stricter_than_arriving():
    # SGD's cost falls monotonically on the valley (both factors in (0, 1) at η = 0.1): arriving is settling.
    assert steps_to_minimum("valley", "SGD", 0.1, stay=True, max_steps=400) == steps_to_minimum("valley", "SGD", 0.1)
    # RMSprop with a constant η reaches the bottom early, then keeps hopping out: it never settles.
    arrived = steps_to_minimum("valley", "RMSprop", 0.1)
    assert arrived is not None and arrived < 50
    assert steps_to_minimum("valley", "RMSprop", 0.1, stay=True, max_steps=400) is None
    path = trajectory("valley", "RMSprop", 0.1, steps=400)
    assert max(path.costs[300:]) > 1e-3 > min(path.costs[:50])
    # A diverging run never settles.
    assert steps_to_minimum("valley", "SGD", 0.6, stay=True, max_steps=400) is None


def test_drawings_show_each_path_and_clip_the_cost_gap():
    from matplotlib.figure import Figure

    from helpers.draw.landscapes import COLORS, draw_contours, draw_cost_curves, draw_paths

    paths = [trajectory("valley", "SGD", 1.0, steps=50), trajectory("valley", "Adam", 0.1, steps=50)]
    figure = Figure()
    ax_map, ax_cost = figure.subplots(1, 2)
    artists = draw_contours(ax_map, SURFACES["valley"])
    assert len(artists) == 3 and ax_map.get_xlim() == (-2.0, 2.0)
    draw_paths(ax_map, paths)
    draw_cost_curves(ax_cost, paths, floor=1e-8)
    labels = [line.get_label() for line in ax_cost.get_lines()]
    assert labels == ["SGD (diverged at step 7)", "Adam"]
    sgd, adam = ax_cost.get_lines()
    assert len(sgd.get_ydata()) == 7 and sgd.get_color() == COLORS["SGD"]
    assert min(adam.get_ydata()) >= 1e-8
    assert ax_cost.get_yscale() == "log" and ax_map.get_xlabel() == "weight w1"


# ---- tuning a fair race ----

def score(surface, name, rate, steps=200, **settings):
    return race_score(trajectory(surface, name, rate, steps=steps, **settings))


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("name", ["SGD", "Momentum", "RMSprop", "Adam"])
def test_the_tuned_rate_is_the_best_on_the_grid_and_its_neighbours_are_no_better(surface, name):
    rate, best = tune_rate(surface, name)
    assert rate in TUNE_RATES and best == score(surface, name, rate)
    k = TUNE_RATES.index(rate)
    for neighbour in TUNE_RATES[max(k - 1, 0): k + 2]:
        assert score(surface, name, neighbour) >= best, f"{name} on {surface}: η = {neighbour} beats {rate}"
    assert all(score(surface, name, r) >= best for r in TUNE_RATES[::7])


def test_the_race_score_says_when_a_path_settles_as_steps_to_minimum_does():
    for name, rate in [("SGD", 0.4), ("RMSprop", 0.1), ("RMSprop", 0.02), ("Adam", 0.1), ("SGD", 0.6)]:
        settled = steps_to_minimum("valley", name, rate, max_steps=200, stay=True)
        assert score("valley", name, rate)[0] == (math.inf if settled is None else settled), (name, rate)
    # RMSprop at η = 0.1 plunges below everyone but hops out again: it never counts as settled.
    path = trajectory("valley", "RMSprop", 0.1, steps=200)
    assert min(path.costs) < 1e-20 and race_score(path)[0] == math.inf


def test_tuning_uses_the_start_and_the_optimizer_settings():
    # With μ = 0.5 momentum's best rate is near the notebook's 0.7, and it settles in far fewer steps than SGD's best.
    rate, (steps, _) = tune_rate("valley", "Momentum", momentum=0.5)
    sgd_rate, (sgd_steps, _) = tune_rate("valley", "SGD")
    assert rate == pytest.approx(10**-0.15) and steps < sgd_steps / 3
    assert sgd_rate == pytest.approx(0.4467, abs=1e-4)   # just below 2/(λmin + λmax) = 0.4878 on the grid
    elsewhere, _ = tune_rate("valley", "SGD", start=(1.5, 0.0))   # no w2 to overshoot: a larger rate is best
    assert elsewhere > 0.5


def test_tune_rate_refuses_bad_arguments():
    with pytest.raises(ValueError, match="rates is empty"):
        tune_rate("valley", "SGD", rates=[])
    with pytest.raises(ValueError, match="steps"):
        tune_rate("valley", "SGD", steps=0)
    with pytest.raises(ValueError):
        tune_rate("valley", "SGD", rates=[0.1, -1.0])
    with pytest.raises(ValueError):
        tune_rate("nowhere", "SGD")
