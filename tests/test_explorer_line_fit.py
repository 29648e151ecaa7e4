"""LossSurfaceExplorer: the numbers it shows, stepping, divergence, extremes and Reset."""
import math

import ipywidgets as widgets
import numpy as np
import pytest
from map_mouse import map_event as mouse

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


# ---- grab the start on the map ----

def pixel_size(explorer, shown=1.0):
    """(w, b) units per shown pixel of the map."""
    box = explorer.surface_ax.bbox
    return 14 / (box.width * shown), 16 / (box.height * shown)


def test_a_pixel_maps_to_the_data_point_under_it(explorer):
    for shown in (1.0, 0.5, 0.75):
        dw, db = pixel_size(explorer, shown)
        for point in [(5.0, 2.0), (-1.9, 9.8), (11.5, -5.5), (8.0, 3.0)]:
            w, b = explorer.grab.data_at(*explorer.grab.figure_xy(mouse(explorer, "mousedown", point, shown)))
            assert abs(w - point[0]) <= dw and abs(b - point[1]) <= db, (shown, point, (w, b))


def test_a_click_puts_the_start_on_the_grid_point_clicked(explorer):
    explorer.set(steps=5)
    explorer.grab.on_mouse(mouse(explorer, "mousedown", (5.0, 2.0), shown=1.0))
    explorer.grab.on_mouse(mouse(explorer, "mouseup", (5.0, 2.0), shown=1.0))
    dw, db = pixel_size(explorer)
    assert explorer.params["w"] == pytest.approx(5.0, abs=dw / 2 + 0.005)
    assert explorer.params["b"] == pytest.approx(2.0, abs=db / 2 + 0.005)
    for name in ("w", "b"):
        assert explorer.params[name] == explorer.on_grid(name, explorer.params[name])
    s = explorer.state
    assert (s["w_path"][0], s["b_path"][0]) == (explorer.params["w"], explorer.params["b"]) and s["step"] == 5
    explorer.reset()
    assert (explorer.params["w"], explorer.params["b"]) == (0.5, -0.14)


def test_a_drag_moves_the_start_live_until_the_button_is_released(explorer):
    grab = explorer.grab
    grab.on_mouse(mouse(explorer, "mousedown", (0.0, 0.0)))
    seen = []
    for k in range(1, 5):
        grab.on_mouse(mouse(explorer, "mousemove", (2.0 * k, 1.5 * k)))
        seen.append((explorer.params["w"], explorer.params["b"]))
    assert len(set(seen)) == 4 and seen[-1] == pytest.approx((8.0, 6.0), abs=0.2)
    assert explorer.text().count("w, b: ") == 1 and f"{seen[-1][0]:.4f}" in explorer.text()
    grab.on_mouse(mouse(explorer, "mouseleave", (8.0, 6.0)))
    grab.on_mouse(mouse(explorer, "mousemove", (1.0, 1.0)))
    assert (explorer.params["w"], explorer.params["b"]) == seen[-1]


def test_clicks_outside_the_map_and_unreadable_events_are_ignored(explorer):
    before = explorer.params
    width, height = explorer.figure.bbox.width, explorer.figure.bbox.height
    for pixel in [(0.75 * width, 0.75 * height), (0.75 * width, 0.25 * height), (1, 1)]:  # the two right-hand panels, a corner
        explorer.grab.on_mouse(mouse(explorer, "mousedown", pixel=pixel))
        explorer.grab.on_mouse(mouse(explorer, "mousemove", (5.0, 5.0)))
    for event in [None, {}, {"type": "mousedown", "relativeX": 10}, {"type": "dblclick"},
                  {**mouse(explorer, "mousedown", (5.0, 5.0)), "boundingRectHeight": 0}]:
        explorer.grab.on_mouse(event)
    assert explorer.params == before


def _extent(artist, renderer):
    return artist.get_tightbbox(renderer)


def test_the_map_is_large_on_the_left_and_the_other_panels_stack_on_the_right_without_overlapping(explorer):
    explorer.set(lr=0.15, steps=40)  # diverged: the warning is shown too
    explorer.render()
    figure = explorer.figure
    renderer = figure.canvas.get_renderer()
    surface = explorer.surface_ax
    fit, curve = (ax for ax in figure.axes if ax is not surface)
    boxes = {name: _extent(ax, renderer) for name, ax in (("map", surface), ("fit", fit), ("curve", curve))}
    for box in boxes.values():  # labels, ticks and titles included: nothing is clipped by the figure's edge
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= figure.bbox.width and box.y1 <= figure.bbox.height
    assert boxes["map"].x1 < min(boxes["fit"].x0, boxes["curve"].x0)
    assert boxes["fit"].y0 > boxes["curve"].y1  # the line on top, the loss curve under it
    assert surface.bbox.width * surface.bbox.height > 2 * max(ax.bbox.width * ax.bbox.height for ax in (fit, curve))
    assert surface.bbox.fully_overlaps(explorer.warning.get_window_extent(renderer))


def test_the_explorer_fits_a_laptop_screen_with_its_readout():
    """On a 1366×768 laptop the picture is 604 CSS px wide; with the readout (~22 px a row) it must fit ~630 px."""
    explorer = LossSurfaceExplorer()
    width, height = explorer.figure.get_size_inches()
    assert 604 * height / width + 22 * len(explorer.readout(explorer.state)) <= 630
    explorer.close()
