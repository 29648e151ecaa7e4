"""The digit explorer: controls, drawing with (simulated) mouse events, Clear, Reset, and inputs it must survive."""
import math

import numpy as np
import pytest

from helpers import digits
from helpers.widgets import ALL, DigitExplorer


@pytest.fixture(scope="module")
def explorer():
    return DigitExplorer()


@pytest.fixture(autouse=True)
def fresh(explorer):
    explorer.reset()
    yield


SHOWN_AT = 0.75   # the picture shown at 3/4 of its size in the page, as in a narrow window


def pixel_of(explorer, column, row, ax=None):
    """The picture pixel (x from the left, y from the top) over the centre of canvas cell (column, row)."""
    ax = ax or explorer.canvas_ax
    x, y = ax.transData.transform((column, row))
    return float(x), float(explorer.figure.bbox.height - y)


def mouse(explorer, kind, column, row, buttons=1, ax=None):
    """An event as ipyevents sends it for the mouse over cell (column, row) of a picture shown at SHOWN_AT size.
    Its dataX/dataY are (0, 0), as ipyevents reports them while a new frame is loading: they must not be used."""
    x, y = pixel_of(explorer, column, row, ax)
    return {"type": kind, "buttons": buttons, "relativeX": round(x * SHOWN_AT), "relativeY": round(y * SHOWN_AT),
            "boundingRectWidth": explorer.figure.bbox.width * SHOWN_AT,
            "boundingRectHeight": explorer.figure.bbox.height * SHOWN_AT, "dataX": 0, "dataY": 0}


def press_drag_release(explorer, cells):
    explorer.on_mouse(mouse(explorer, "mousedown", *cells[0]))
    for cell in cells[1:]:
        explorer.on_mouse(mouse(explorer, "mousemove", *cell))
    explorer.on_mouse(mouse(explorer, "mouseup", *cells[-1], buttons=0))


def test_it_is_one_of_the_explorers_and_starts_on_a_test_digit(explorer):
    assert DigitExplorer in ALL
    X_test, y_test = digits.test_set()
    assert np.array_equal(explorer.canvas.ravel(), X_test[explorer.defaults["digit"]])
    state = explorer.state
    assert state["status"] == "ok" and len(state["probabilities"]) == 10
    assert math.isclose(sum(state["probabilities"]), 1.0, rel_tol=1e-12)
    assert state["guess"] == y_test[explorer.defaults["digit"]], "the starting digit is one the network reads right"
    assert np.array(state["gradient"]).shape == (28, 28)


def test_the_state_matches_the_networks_own_numbers(explorer):
    explorer.controls["target"].value = 7
    image = explorer.canvas.reshape(1, -1)
    expected_p = digits.predict_proba(explorer.network, image)[0]
    _, expected_g = digits.input_gradient(explorer.network, image, [7])
    assert np.allclose(explorer.state["probabilities"], expected_p)
    assert np.allclose(np.ravel(explorer.state["gradient"]), expected_g[0])
    assert explorer.state["target"] == 7 and "z7" in explorer.text()


def test_picking_a_test_digit_puts_it_on_the_canvas(explorer):
    X_test, y_test = digits.test_set()
    explorer.controls["digit"].value = 8
    assert np.array_equal(explorer.canvas.ravel(), X_test[8])
    assert f"test image #8 (a {y_test[8]})" in explorer.text()


def test_after_clear_the_load_button_brings_back_the_same_test_image(explorer):
    X_test, y_test = digits.test_set()
    explorer.controls["digit"].value = 8
    explorer.clear()
    assert explorer.canvas.sum() == 0
    explorer.load_button.click()
    assert np.array_equal(explorer.canvas.ravel(), X_test[8])
    assert f"test image #8 (a {y_test[8]})" in explorer.text()


def test_your_strokes_is_said_only_when_the_ink_changed(explorer):
    explorer.controls["pen"].value = "eraser"
    press_drag_release(explorer, [(0, 27), (1, 27)])          # erasing blank paper in a corner changes nothing
    assert "your strokes" not in explorer.text()
    explorer.controls["pen"].value = "ink"
    press_drag_release(explorer, [(3, 3), (6, 3)])
    assert "+ your strokes" in explorer.text()


def test_the_gradient_maps_colour_scale_is_stated(explorer):
    size = explorer.state["gradient_size"]
    assert size == pytest.approx(np.abs(explorer.state["gradient"]).max())
    assert f"colours scaled to ±{size:.3g}" in explorer.text()


def test_the_pixel_under_a_cell_centre_maps_back_to_that_cell(explorer):
    for cell in [(0, 0), (13, 13), (27, 27), (3, 20)]:
        column, row = explorer.cell_at(*pixel_of(explorer, *cell))
        assert (round(column, 6), round(row, 6)) == cell
    assert explorer.cell_at(2, 2) is None, "the corner of the picture is not over the canvas"


def test_a_stroke_drawn_with_mouse_events_inks_the_canvas_and_changes_the_probabilities(explorer):
    explorer.clear()
    blank = explorer.state["probabilities"]
    assert explorer.state["ink"] == 0 and "blank" in explorer.text()
    picture = explorer.image.value
    press_drag_release(explorer, [(14, 4), (14, 10), (14, 16), (14, 23)])   # a vertical bar: a 1
    assert explorer.canvas[4:24, 14].min() == 1.0, "the stroke between the events is connected"
    assert explorer.canvas[:, :10].sum() == 0.0, "ink only near the stroke"
    assert explorer.state["probabilities"] != blank and explorer.image.value != picture
    assert explorer.state["guess"] == 1
    assert "your drawing" in explorer.text()


def test_moves_without_a_pressed_button_do_not_draw(explorer):
    explorer.clear()
    for cell in [(5, 5), (20, 20)]:
        explorer.on_mouse(mouse(explorer, "mousemove", *cell, buttons=0))
    assert explorer.canvas.sum() == 0.0
    explorer.on_mouse(mouse(explorer, "mousedown", 5, 5))
    explorer.on_mouse(mouse(explorer, "mouseleave", 5, 5))
    inked = explorer.canvas.sum()
    explorer.on_mouse(mouse(explorer, "mousemove", 20, 20))
    assert explorer.canvas.sum() == inked, "after the mouse left the picture, moves do not draw"


def test_a_move_with_the_button_released_outside_lifts_the_pen(explorer):
    explorer.clear()
    explorer.on_mouse(mouse(explorer, "mousedown", 5, 5))
    inked = explorer.canvas.sum()
    explorer.on_mouse(mouse(explorer, "mousemove", 20, 20, buttons=0))
    assert explorer.canvas.sum() == inked


def test_the_release_draws_the_last_piece_when_the_throttle_held_back_the_last_move(explorer):
    """ipyevents' throttle sends a drag's last move up to 30 ms late, after the mouseup: the stroke must
    still reach the point where the button was released, and the late move must not draw."""
    explorer.clear()
    explorer.on_mouse(mouse(explorer, "mousedown", 14, 4))
    explorer.on_mouse(mouse(explorer, "mousemove", 14, 10))
    explorer.on_mouse(mouse(explorer, "mouseup", 14, 23, buttons=0))
    assert explorer.canvas[4:24, 14].min() == 1.0, "the stroke reaches where the button was released"
    inked = explorer.canvas.copy()
    explorer.on_mouse(mouse(explorer, "mousemove", 14, 23, buttons=0))   # the held-back move, late
    explorer.on_mouse(mouse(explorer, "mousemove", 3, 23))
    assert np.array_equal(explorer.canvas, inked)


def test_the_eraser_removes_what_the_pen_drew(explorer):
    explorer.clear()
    press_drag_release(explorer, [(5, 14), (22, 14)])
    assert explorer.state["ink"] > 0
    explorer.controls["pen"].value = "eraser"
    press_drag_release(explorer, [(5, 14), (22, 14)])
    assert explorer.state["ink"] == 0.0


def test_clicking_a_probability_bar_shows_that_digits_gradient(explorer):
    explorer.on_mouse(mouse(explorer, "mousedown", 50, 6, ax=explorer.bars_ax))   # digit 6's bar, halfway along
    assert explorer.controls["target"].value == 6 and explorer.state["target"] == 6


def test_clear_then_reset_brings_back_the_start(explorer):
    start = (explorer.text(), explorer.image.value, explorer.canvas.copy())
    explorer.controls["digit"].value = 999
    explorer.controls["target"].value = 2
    press_drag_release(explorer, [(3, 3), (24, 24)])
    explorer.clear()
    assert explorer.canvas.sum() == 0
    explorer.reset_button.click()
    assert (explorer.text(), explorer.image.value) == start[:2]
    assert np.array_equal(explorer.canvas, start[2])


def test_reset_reloads_the_start_digit_even_when_the_slider_did_not_move(explorer):
    explorer.clear()
    explorer.reset()
    X_test, _ = digits.test_set()
    assert np.array_equal(explorer.canvas.ravel(), X_test[explorer.defaults["digit"]])


SIZE = {"boundingRectWidth": 420.0, "boundingRectHeight": 216.0}


@pytest.mark.parametrize("event", [
    {"type": "mousedown", "relativeX": float("nan"), "relativeY": 10, **SIZE},
    {"type": "mousedown", "relativeX": 1e308, "relativeY": -1e308, **SIZE},
    {"type": "mousedown", "relativeX": 50, "relativeY": 50, "boundingRectWidth": 0, "boundingRectHeight": 0},
    {"type": "mousedown"},
    {"type": "mousedown", "dataX": 60, "dataY": 60},
    {"type": "mousemove", "relativeX": "left", "relativeY": None, **SIZE},
    None,
    "mousedown",
    {"type": "wheel", "relativeX": 50, "relativeY": 50, **SIZE},
])
def test_events_it_cannot_use_are_ignored_without_a_traceback(explorer, event, capsys):
    before = (explorer.text(), explorer.canvas.copy())
    explorer.on_mouse(event)
    assert explorer.text() == before[0] and np.array_equal(explorer.canvas, before[1])
    assert explorer.state["status"] == "ok"
    assert capsys.readouterr().out == ""


def test_a_stroke_from_a_huge_position_back_onto_the_canvas_stays_finite(explorer):
    explorer.clear()
    explorer.on_mouse(mouse(explorer, "mousedown", 10, 10))
    explorer.on_mouse({**mouse(explorer, "mousemove", 10, 10), "relativeX": 1e200, "relativeY": -1e200})
    explorer.on_mouse({**mouse(explorer, "mousemove", 10, 10), "relativeX": 3000, "relativeY": -2000})
    assert np.isfinite(explorer.canvas).all() and explorer.state["status"] == "ok"
    assert all(math.isfinite(p) for p in explorer.state["probabilities"])


def test_extreme_pictures_give_finite_probabilities(explorer):
    explorer.load(np.ones((28, 28)), source="all ink")
    assert explorer.state["status"] == "ok" and "all ink" in explorer.text()
    assert all(math.isfinite(p) for p in explorer.state["probabilities"])
    assert math.isfinite(explorer.state["gradient_size"])


@pytest.mark.parametrize("image, message", [
    (np.full((28, 28), np.nan), "finite"),
    (np.full((28, 28), 2.0), "from 0"),
    (np.zeros((10, 10)), "28×28"),
])
def test_loading_a_bad_picture_says_what_is_allowed(explorer, image, message):
    with pytest.raises(ValueError, match=message):
        explorer.load(image)
    assert explorer.state["status"] == "ok"


def test_controls_as_keyword_arguments_and_an_own_network():
    net = digits.trained_network()
    shown = DigitExplorer(network=net, digit=8, target=3)
    assert shown.network is net
    assert shown.params["digit"] == 8 and shown.state["target"] == 3
    assert "test image #8" in shown.text()


def test_the_mouse_is_watched_through_ipyevents(explorer):
    from ipyevents import Event

    assert explorer.mouse and all(isinstance(e, Event) and e.source is explorer.image for e in explorer.mouse)
    watched = {name for e in explorer.mouse for name in e.watched_events}
    assert {"mousedown", "mousemove", "mouseup", "mouseleave"} <= watched
    assert all(e.prevent_default_action for e in explorer.mouse), "a drag would otherwise pick up the picture"


# ---- the picture: sharp (pixel ratio 2) and cheap to repaint ----

def test_it_renders_at_twice_its_natural_size_with_12_px_text_on_a_laptop(explorer):
    from helpers.draw import style

    assert explorer.pixel_ratio == style.PIXEL_RATIO == 2
    assert explorer.figure.dpi == style.DPI * 2
    assert style.text_px(explorer.figure, 604) >= 12


def test_a_new_guess_or_target_repaints_only_the_moving_parts(explorer):
    """The gradient map's title names the digit: it is painted each frame, so the still background is
    rendered once and never again, whatever digit, target or drawing comes next."""
    explorer.render()
    background = explorer.frames.backgrounds[explorer.frames.key]
    explorer.controls["digit"].value = 8                  # another test image, another guess
    explorer.controls["target"].value = 2
    press_drag_release(explorer, [(3, 3), (20, 20)])
    assert explorer.frames.backgrounds[explorer.frames.key] is background
    assert explorer.gradient_title.get_text() == "∂z2/∂pixel: more of a 2?"


def test_the_canvas_cells_are_painted_as_imshow_would_paint_them(explorer):
    """CellImage paints each cell as a block of pixels: the same pixels as imshow with nearest interpolation."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.draw.digits import CellImage

    rgba = np.random.default_rng(0).integers(0, 256, size=(28, 28, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    pictures = []
    for paint in ("cells", "imshow"):
        figure = Figure(figsize=(3.2, 3.2), dpi=100)
        ax = figure.add_axes([20 / 320, 20 / 320, 280 / 320, 280 / 320])   # 10 pixels a cell
        ax.set_axis_off()
        if paint == "cells":
            ax.set_xlim(-0.5, 27.5)
            ax.set_ylim(27.5, -0.5)
            CellImage(ax, rgba)
        else:
            ax.imshow(rgba, interpolation="nearest")
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        pictures.append(np.asarray(canvas.buffer_rgba())[20:300, 20:300].copy())
    assert np.array_equal(pictures[0], pictures[1])
    assert np.array_equal(pictures[0][5, 15, :3], rgba[0, 1, :3]), "row 0 is at the top"
