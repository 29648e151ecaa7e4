"""LossSurfaceExplorer: the numbers it shows, stepping, divergence, extremes and Reset."""
import math

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.widgets import LossSurfaceExplorer

X, Y = np.array([2.0, 4.0]), np.array([19.0, 35.0])


def seeded_start():
    rng = np.random.RandomState(42)  # what np.random.seed(42) + two randn() draws give, without global state
    return rng.randn(), rng.randn()


def loss_and_gradient(w, b):
    error = w * X + b - Y
    return np.mean(error**2), np.array([np.mean(2 * error * X), np.mean(2 * error)])


def all_finite(state):
    numbers = [v for v in state.values() if isinstance(v, float)]
    numbers += [x for v in state.values() if isinstance(v, list) for x in v]
    return all(math.isfinite(x) for x in numbers)


def step_button(explorer):
    (button,) = [w for w in explorer.widget.children[0].children[-3].children if w.description == "Step"]
    return button


@pytest.fixture
def explorer():
    return LossSurfaceExplorer()


def test_defaults_show_the_seeded_start_with_an_independent_loss_and_gradient(explorer):
    w0, b0 = (round(v, 2) for v in seeded_start())  # on the sliders' 0.01 grid
    loss, grad = loss_and_gradient(w0, b0)
    s = explorer.state
    assert (s["w"], s["b"], s["step"], s["status"]) == (pytest.approx(w0), pytest.approx(b0), 0, "ok")
    assert s["loss"] == pytest.approx(loss)
    assert (s["dw"], s["db"]) == pytest.approx(tuple(grad))
    assert s["stable_rate"] == pytest.approx(2 / (11 + math.sqrt(117)))
    text = explorer.text()
    assert f"MSE: {loss:.6g}" in text and f"{grad[0]:.6g}, {grad[1]:.6g}".replace("-", "−") in text and "step: 0" in text
    assert "w, b: 0.5000, −0.1400" in text


def test_the_step_button_moves_along_minus_rate_times_gradient(explorer):
    explorer.controls["lr"].value = 0.01
    for _ in range(3):
        before = np.array([explorer.state["w"], explorer.state["b"]])
        _, grad = loss_and_gradient(*before)
        step_button(explorer).click()
        after = np.array([explorer.state["w"], explorer.state["b"]])
        assert np.allclose(after, before - 0.01 * grad, rtol=1e-12)
    assert explorer.state["step"] == 3 and len(explorer.state["w_path"]) == 4


def test_the_picture_changes_when_a_step_is_taken(explorer):
    before = explorer.render()
    explorer.step()
    assert explorer.render() != before


def test_below_the_stable_rate_the_shown_loss_falls_at_every_step(explorer):
    explorer.set(lr=0.09, steps=300)
    losses = explorer.state["loss_path"]
    assert len(losses) == 301 and all(b <= a for a, b in zip(losses, losses[1:]))
    assert explorer.state["loss"] < 1e-3 * losses[0]


@pytest.mark.parametrize("lr", [0.1, 0.2])
def test_above_the_stable_rate_it_says_diverged_keeps_finite_numbers_and_reset_recovers(explorer, lr):
    default_state = dict(explorer.state)
    explorer.set(lr=lr, steps=explorer.controls["steps"].max)
    s = explorer.state
    assert s["status"].startswith("diverged") and "0.0917" in s["status"]
    assert s["step"] < explorer.controls["steps"].max
    assert all_finite(s)
    assert "diverged" in explorer.text() and "diverged" in explorer.message.value
    explorer.step()  # pressing Step after divergence is harmless
    assert explorer.state["status"].startswith("diverged") and all_finite(explorer.state)
    explorer.reset_button.click()
    assert explorer.state["status"] == "ok" and explorer.message.value == ""
    assert explorer.state == default_state


def extremes(control):
    if isinstance(control, widgets.SelectionSlider):
        return [control.options[0][1], control.options[-1][1]]
    return [control.min, control.max]


@pytest.mark.parametrize("name", ["w", "b", "lr", "steps"])
def test_every_control_at_its_min_and_max_gives_readable_numbers(explorer, name):
    for value in extremes(explorer.controls[name]):
        explorer.reset()
        explorer.controls[name].value = value
        s = explorer.state
        assert all_finite(s) and s["status"] == "ok", (name, value, s["status"])
        text = explorer.text()
        assert "nan" not in text and "inf" not in text.replace("infinite", "")


def test_the_learning_rate_choices_span_the_required_range(explorer):
    rates = [v for _, v in explorer.controls["lr"].options]
    assert min(rates) <= 1e-4 and max(rates) >= 0.2
    stable = explorer.state["stable_rate"]
    assert any(r < stable for r in rates) and any(r > stable for r in rates)


def test_all_corners_at_the_largest_stable_choice_end_near_the_best_fit(explorer):
    stable = max(r for _, r in explorer.controls["lr"].options if r < explorer.state["stable_rate"])
    for w in extremes(explorer.controls["w"]):
        for b in extremes(explorer.controls["b"]):
            explorer.set(w=w, b=b, lr=stable, steps=explorer.controls["steps"].max)
            assert abs(explorer.state["w"] - 8) < 1e-3 and abs(explorer.state["b"] - 3) < 1e-3


def test_moving_the_start_keeps_the_cached_contour_background(explorer):
    explorer.set(steps=30)
    background = explorer.frames.backgrounds[explorer.frames.key]
    kept = len(explorer.frames.backgrounds)
    for w in np.linspace(-2, 12, 15):
        explorer.controls["w"].value = round(float(w), 2)
    assert explorer.frames.backgrounds[explorer.frames.key] is background
    assert len(explorer.frames.backgrounds) == kept


def test_bad_settings_are_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"steps=-1 is not allowed: it must be a whole number from 0 to 1000"):
        LossSurfaceExplorer(steps=-1)
