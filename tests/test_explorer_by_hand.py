"""NetworkExplorer: set controls as a learner would, then read the state and the text shown.

Expected numbers are the hand-worked figures (SEED_NOTES.md, file 002), not values taken from the code."""

import ipywidgets as widgets
import pytest

from helpers.widgets import NetworkExplorer

SLIDERS = ["W1_11", "W1_12", "W1_21", "W1_22", "b1_1", "b1_2", "W2_1", "W2_2", "b2", "x1", "x2", "y", "lr"]
approx = lambda v: pytest.approx(v, abs=1e-9)  # noqa: E731


EXPLORER = NetworkExplorer  # the `explorer` fixture (tests/conftest.py) builds one for the module


def test_it_is_discovered_and_builds_without_arguments(assert_listed):
    assert_listed(NetworkExplorer)
    assert set(SLIDERS) | {"slice_a", "slice_b"} == set(NetworkExplorer().controls)
    assert NetworkExplorer.benchmark_control in SLIDERS


def test_defaults_show_the_worked_example(explorer):
    s = explorer.state
    assert s["status"] == "ok"
    assert s["z1"] == approx([0.32, -0.08])
    assert s["a1"] == approx([0.32, 0.0])
    assert s["yhat"] == approx(0.392)
    assert s["cost"] == approx(0.083232)
    assert s["delta2"] == approx(-0.408)
    assert s["delta1"] == approx([-0.2448, 0.0])
    g = s["grads"]
    assert [g["W1_11"], g["W1_12"], g["W1_21"], g["W1_22"]] == approx([-0.1224, -0.02448, 0, 0])
    assert [g["W2_1"], g["W2_2"], g["b2"], g["b1_1"], g["b1_2"]] == approx([-0.13056, 0, -0.408, -0.2448, 0])
    assert s["dead"] == [False, True]
    assert s["cost_after_step"] == pytest.approx(0.0592067, abs=1e-7)


def test_the_text_shows_the_worked_numbers(explorer):
    text = explorer.text()
    for shown in ["(0.32, −0.08)", "0.392", "0.083232", "−0.408", "(−0.2448, 0)", "(−0.13056, 0)",
                  "[(−0.1224, −0.02448), (0, 0)]", "C 0.083232 → 0.0592067 (−28.87 %)", "h₂ (z ≤ 0)"]:
        assert shown in text, shown
    assert "not a number" not in text and "nan" not in text


def test_take_one_step_applies_the_hand_update(explorer):
    explorer.step_button.click()
    p = explorer.state["params"]  # exact: what the readout promised
    assert p["W1_11"] == approx(0.41224)
    assert p["W1_12"] == approx(0.202448)
    assert p["W1_21"] == approx(0.3) and p["W1_22"] == approx(0.7)
    assert p["b1_1"] == approx(0.12448) and p["b1_2"] == approx(-0.3)
    assert p["W2_1"] == approx(0.613056) and p["W2_2"] == approx(0.9)
    assert p["b2"] == approx(0.2408)
    c = explorer.controls  # the sliders: the same numbers on their 0.01 grid, as a browser shows them
    assert c["W1_11"].value == approx(0.41) and c["W1_12"].value == approx(0.20) and c["b2"].value == approx(0.24)
    assert explorer.diagram.edge_labels_1[0][1].get_text() == "W1₁₂ = 0.202448"  # the picture: exact
    s = explorer.state
    assert s["cost"] == pytest.approx(0.0592067, abs=1e-7)
    assert s["z1"] == approx([0.3508448, -0.08])
    assert s["yhat"] == approx(0.4558875097)
    assert s["last_step"] == pytest.approx([0.083232, 0.0592067], abs=1e-7)
    assert "last step taken: C 0.083232 → 0.0592067 (−28.87 %)" in explorer.text()


def test_moving_a_slider_by_hand_forgets_the_last_step(explorer):
    explorer.step_button.click()
    explorer.controls["x2"].value = 0.2
    assert explorer.state["last_step"] is None
    assert "last step" not in explorer.text()


def test_reset_recovers_the_worked_example(explorer):
    explorer.step_button.click()
    explorer.set(W1_11=-2.0, x1=1.0, y=-2.0, lr=2.0, slice_a="W2_1", slice_b="b2")
    explorer.reset()
    assert explorer.params == explorer.defaults
    assert explorer.state["cost"] == approx(0.083232)
    assert explorer.state["last_step"] is None
    assert explorer.state["slice_pair"] == ["W1_11", "b1_2"]


def test_waking_the_dead_neuron(explorer):
    explorer.controls["b1_2"].value = -0.2
    s = explorer.state
    assert s["dead"] == [False, False]
    assert s["z1"][1] == approx(0.02)
    assert s["grads"]["b1_2"] == approx(0.9 * (0.41 - 0.8))
    assert "none: both hidden neurons pass gradient" in explorer.text()
    circles = explorer.diagram.hidden_circles
    assert circles[1].get_facecolor() == circles[0].get_facecolor()


def test_the_dead_neuron_is_greyed(explorer):
    circles = explorer.diagram.hidden_circles
    assert circles[0].get_facecolor() != circles[1].get_facecolor()
    edge = explorer.diagram.edges_2[1]
    assert edge.get_alpha() < explorer.diagram.edges_2[0].get_alpha()


@pytest.mark.parametrize("name", SLIDERS)
@pytest.mark.parametrize("end", ["min", "max"])
def test_each_slider_at_its_ends_gives_finite_numbers(explorer, name, end, plain_problems):
    control = explorer.controls[name]
    control.value = getattr(control, end)
    s = explorer.state
    assert s["status"] == "ok"
    assert not plain_problems(s)
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("end", ["min", "max"])
def test_all_sliders_at_once_at_an_end(explorer, end, plain_problems):
    explorer.set(**{n: getattr(explorer.controls[n], end) for n in SLIDERS})
    s = explorer.state
    assert s["status"] == "ok"
    assert not plain_problems(s)
    explorer.step_button.click()  # applied or refused, never a NaN or an exception
    assert not plain_problems(explorer.state)


def test_a_step_that_leaves_the_sliders_is_refused_with_a_message(explorer):
    explorer.controls["lr"].value = 2.0  # b2 would go to 0.2 + 2 * 0.408 = 1.016, beyond its range [-1, 1]
    assert "too large for the sliders" in explorer.text()
    before = explorer.params
    explorer.step_button.click()
    assert explorer.params == before
    assert "too large" in explorer.state["status"] and "b2" in explorer.state["status"]
    assert "too large" in explorer.message.value
    explorer.controls["lr"].value = 0.5  # the next move clears the message
    assert explorer.state["status"] == "ok"


def test_an_overshooting_step_is_named(explorer):
    assert "overshoots" not in explorer.text()  # the worked example: the cost falls
    # Inputs 0, neuron 1 on with a = 0.5, neuron 2 off: ŷ = 2·0.5 + 0 = 1, C = ½·0.2² = 0.02.
    # One step with η = 1: b1_1 → 0.5 − 0.4, W2_1 → 2 − 0.1, b2 → 0 − 0.2, so ŷ = 1.9·0.1 − 0.2 = −0.01.
    explorer.set(x1=0.0, x2=0.0, b1_1=0.5, b1_2=-0.5, W2_1=2.0, b2=0.0, lr=1.0)
    s = explorer.state
    assert s["cost"] == approx(0.02)
    assert s["cost_after_step"] == approx(0.5 * 0.81**2)
    assert "overshoots" in explorer.text()


def test_the_slice_follows_the_dropdowns(explorer):
    explorer.set(slice_a="W2_1", slice_b="b2")
    assert explorer.state["slice_pair"] == ["W2_1", "b2"]
    assert explorer.slice.ax.get_xlabel().startswith("W2₁") and explorer.slice.ax.get_ylabel().startswith("b2")
    assert explorer.slice.ax.get_ylim() == (-1.0, 1.0)
    assert "C over (W2₁, b2)" in explorer.text()


def test_the_same_parameter_twice_is_a_message_not_an_error(explorer):
    explorer.controls["slice_b"].value = "W1_11"
    assert "two different parameters" in explorer.state["status"]
    explorer.controls["slice_b"].value = "W2_2"
    assert explorer.state["status"] == "ok"


def test_moving_a_sliced_parameter_only_moves_the_point(explorer):
    surface = explorer.slice.filled
    explorer.controls["W1_11"].value = 1.0
    assert explorer.slice.filled is surface
    assert list(explorer.slice.point.get_xdata()) == [1.0]
    explorer.controls["x1"].value = 0.9  # outside the pair: the surface is evaluated again
    assert explorer.slice.filled is not surface


def test_the_slice_surface_is_the_cost(explorer):
    levels = explorer.slice.filled.levels
    assert levels[0] <= explorer.state["cost"] <= levels[-1]
    # Highest corner of W1_11 in [-2, 2], b1_2 in [-1, 1]: z1 = (0.5·2 + 0.02 + 0.1, 0.15 + 0.07 + 1) = (1.12, 1.22),
    # ŷ = 0.6·1.12 + 0.9·1.22 + 0.2 = 1.97, C = ½(1.97 − 0.8)².
    assert levels[-1] == approx(0.5 * (1.97 - 0.8) ** 2)


def test_the_arrow_points_down_the_gradient(explorer):
    (x0, y0), (x1, y1) = explorer.slice.arrow._posA_posB
    # ∂C/∂W1_11 = -0.1224 and ∂C/∂b1_2 = 0: the arrow points along +W1_11 only.
    assert (x0, y0) == approx((0.4, -0.3))
    assert x1 > x0 and y1 == approx(y0)


def test_the_picture_changes_with_a_slider(explorer):
    before = explorer.image.value
    explorer.controls["W2_1"].value = -1.0
    assert explorer.image.value != before


def test_the_explorer_displays_its_text_and_a_picture(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.text()
    assert bundle["image/png"]
    assert isinstance(explorer.widget, widgets.Box)


def test_a_slice_pair_is_chosen_by_keyword_and_a_bad_one_is_refused():
    assert NetworkExplorer(slice_a="W2_1", slice_b="b2").state["slice_pair"] == ["W2_1", "b2"]
    with pytest.raises(ValueError, match="slice_b='weight' is not allowed: it must be one of 'W1_11'"):
        NetworkExplorer(slice_b="weight")
    same = NetworkExplorer(slice_a="b1_2")
    assert "two different parameters" in same.state["status"]


def test_a_step_works_while_the_slice_names_one_parameter_twice(explorer):
    explorer.controls["slice_b"].value = "W1_11"
    explorer.step_button.click()
    assert explorer.state["cost"] == pytest.approx(0.0592067, abs=1e-7)
    assert "Reset" not in explorer.message.value


def test_a_failed_computation_says_diverged_and_reset_recovers(explorer, monkeypatch):
    import helpers.widgets.by_hand as module

    def overflowing(**kwargs):
        raise OverflowError("a number grew past what a float can hold")

    monkeypatch.setattr(module, "step", overflowing)
    explorer.controls["W1_11"].value = 1.5
    assert explorer.state["status"].startswith("diverged")
    assert "press Reset" in explorer.message.value
    before = explorer.params
    explorer.step_button.click()  # nothing sound to step from: nothing happens
    assert explorer.params == before
    monkeypatch.undo()
    explorer.reset()
    assert explorer.state["status"] == "ok" and explorer.state["cost"] == approx(0.083232)
    assert explorer.message.value == ""


def test_the_still_drawing_shows_the_numbers_and_displays_itself():
    from helpers.by_hand import network, worked_example
    from helpers.draw.by_hand import draw_network

    p = worked_example()
    drawing = draw_network(p, p["x"], p["y"], network(**p), title="worked example")
    assert drawing._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "C = 0.083232" in repr(drawing)
    d = drawing.diagram
    assert d.edge_labels_1[0][1].get_text() == "W1₁₂ = 0.2\n∂C/∂w = −0.02448"  # a still drawing: every gradient
    assert d.hidden_labels[1].get_text().split("\n")[1] == "z = −0.08 ≤ 0: ReLU off"
    assert d.output_label.get_text() == "b = 0.2\nŷ = 0.392\nδ = −0.408"
    assert d.cost_label.get_text() == "y = 0.8\nC = 0.083232"


# ---- stepping the backward pass ----

def test_no_sweep_shows_every_gradient(explorer):
    s = explorer.state
    assert not s["sweep_started"] and s["sweep_lines"] == [] and s["sweep_edges"] == []
    assert "—" not in explorer.text() and "backward step" not in explorer.text()


def test_the_sweep_goes_output_hidden_1_hidden_2_inputs(explorer):
    parts, reached = [], []
    for _ in range(4):
        s = explorer.step_backward()
        parts.append(s["sweep_part"])
        reached.append(list(s["reached"]))
    assert parts == ["output", "hidden 1", "hidden 2", "inputs"]
    assert reached[0] == ["delta2", "W2_1", "W2_2", "b2"]
    assert reached[1][4:] == ["delta1_1", "W1_11", "W1_12", "b1_1"]


def test_each_step_writes_out_upstream_times_local(explorer):
    lines = explorer.step_backward()["sweep_lines"]
    assert lines == ["δ = ∂C/∂ŷ = ŷ − y = 0.392 − 0.8 = −0.408",
                     "∂C/∂W2₁ = δ × a1₁ = (−0.408) × 0.32 = −0.13056",
                     "∂C/∂W2₂ = δ × a1₂ = (−0.408) × 0 = 0",
                     "∂C/∂b2 = δ × 1 = −0.408"]
    assert explorer.state["sweep_edges"] == ["W2_1", "W2_2"]
    lines = explorer.step_backward()["sweep_lines"]
    # δ₁ = W2₁ · δ · ReLU′(z₁) = 0.6 · (−0.408) · 1, then × each input
    assert lines[0] == "δ₁ = W2₁ × δ × ReLU′(z₁) = 0.6 × (−0.408) × 1 = −0.2448"
    assert lines[1] == "∂C/∂W1₁₁ = δ₁ × x₁ = (−0.2448) × 0.5 = −0.1224"
    lines = explorer.step_backward()["sweep_lines"]
    assert lines[0] == "δ₂ = W2₂ × δ × ReLU′(z₂) = 0.9 × (−0.408) × 0 = 0"  # neuron 2's ReLU is off


def test_the_inputs_add_the_two_paths_they_feed(explorer):
    s = explorer.step_backward(4)
    # x₁ feeds both hidden neurons: ∂C/∂x₁ = W1₁₁·δ₁ + W1₂₁·δ₂
    assert s["sweep_lines"][0] == "∂C/∂x₁ = W1₁₁ × δ₁ + W1₂₁ × δ₂ = 0.4 × (−0.2448) + 0.3 × 0 = −0.09792"
    assert sorted(s["sweep_edges"]) == ["W1_11", "W1_12", "W1_21", "W1_22"]


def test_numbers_not_reached_show_a_dash_in_the_text_and_the_picture(explorer):
    explorer.step_backward()
    diagram = explorer.diagram
    assert diagram.edge_labels_1[0][0].get_text() == "W1₁₁ = 0.4\n∂C/∂w = —"  # in the slice, not reached yet
    assert diagram.edge_labels_2[0].get_text().endswith("\n∂C/∂w = −0.13056")
    assert diagram.hidden_labels[0].get_text().endswith("δ = —") and diagram.output_label.get_text().endswith("δ = −0.408")
    assert [name for name, band in diagram.glow.items() if band.get_visible()] == ["W2_1", "W2_2"]
    explorer.controls["x2"].value = 0.2  # new numbers: the sweep starts again, every gradient not reached yet
    text = explorer.text()
    assert "δ = ∂C/∂b: output, hidden: —, (—, —)" in text and "∂C/∂W2: (—, —)" in text
    assert "∂C/∂W1: [(—, —), (—, —)]" in text


def test_a_backward_step_is_written_out_in_the_readout_one_product_a_row(explorer):
    explorer.step_backward()
    rows = explorer.readout(explorer.state)
    assert ("backward step 1 of 4 (the output neuron)", "δ so far: −0.408, (—, —)") in rows
    assert ("δ = ∂C/∂ŷ = ŷ − y", "0.392 − 0.8 = −0.408") in rows
    assert ("∂C/∂W2₁ = δ × a1₁", "(−0.408) × 0.32 = −0.13056") in rows
    assert ("∂C/∂b2", "δ × 1 = −0.408") in rows
    assert not any(label.startswith("∂C/∂W1") for label, _ in rows)  # the summary rows give way to the step
    rows = explorer.step_backward(2)  # hidden neuron 2, off: its ReLU′ factor is the 0 that stops the gradient
    rows = explorer.readout(explorer.state)
    assert ("δ₂ = W2₂ × δ × ReLU′(z₂)", "0.9 × (−0.408) × 0 = 0") in rows
    assert ("backward step 3 of 4 (hidden neuron 2)", "δ so far: −0.408, (−0.2448, 0)") in rows


def test_the_picture_shows_only_the_chosen_and_the_lit_weights_gradients(explorer):
    labels = {**{f"W1_{j + 1}{k + 1}": explorer.diagram.edge_labels_1[j][k] for j in range(2) for k in range(2)},
              **{f"W2_{j + 1}": label for j, label in enumerate(explorer.diagram.edge_labels_2)}}
    with_gradient = {name for name, label in labels.items() if "∂C/∂w" in label.get_text()}
    assert with_gradient == {"W1_11"}  # the slice is over (W1₁₁, b1₂): b1₂'s gradient is its neuron's δ
    explorer.controls["slice_b"].value = "W2_2"
    assert {name for name, label in labels.items() if "∂C/∂w" in label.get_text()} == {"W1_11", "W2_2"}
    assert labels["W2_2"].get_text() == "W2₂ = 0.9\n∂C/∂w = 0"
    explorer.step_backward(2)  # hidden neuron 1: its edges are lit, with their gradients
    shown = {name for name, label in labels.items() if "∂C/∂w" in label.get_text()}
    assert shown == {"W1_11", "W2_2", "W2_1", "W1_12"}
    assert labels["W1_12"].get_text() == "W1₁₂ = 0.2\n∂C/∂w = −0.02448"


def test_the_picture_is_legible_and_fits_a_laptop():
    from helpers.draw import style
    from helpers.widgets import NetworkExplorer

    explorer = NetworkExplorer()
    try:
        width, height = explorer.figure.get_size_inches()
        assert style.text_px(explorer.figure, 604) >= 12
        # On a laptop: the picture, 604 px wide, over the longest readout: 9 rows of ~32 px (JupyterLab's table).
        assert 604 * height / width + 32 * 9 <= 630
        explorer.step()
        explorer.step_backward()  # the most rows: a step taken, a backward step written out
        assert len(explorer.readout(explorer.state)) <= 9
        explorer.step_backward(3)
        assert len(explorer.readout(explorer.state)) <= 9
    finally:
        explorer.close()


def test_backward_all_then_changes_and_reset(explorer):
    assert len(explorer.backward_all()["reached"]) == 14
    assert explorer.step_backward()["sweep_part"] == "output"  # a finished sweep starts again
    explorer.controls["lr"].value = 0.5  # η does not change any gradient: the sweep stays
    assert explorer.state["sweep_part"] == "output"
    explorer.controls["W2_1"].value = 0.5
    assert explorer.state["sweep_started"] and explorer.state["reached"] == []
    assert "press Step backward" in explorer.text()
    explorer.reset_button.click()
    assert not explorer.state["sweep_started"] and explorer.run["sweep"] is None


def test_the_buttons_step_and_fill(explorer):
    explorer.backward_button.click()
    explorer.backward_button.click()
    assert explorer.state["sweep_part"] == "hidden 1"
    explorer.backward_all_button.click()
    assert explorer.state["sweep_part"] == "inputs"


# ---- clicking a weight or a bias selects it for the slice ----

def click_at(explorer, u, v, shown_scale=0.5):
    """A synthetic ipyevents click at data point (u, v) of the diagram, on a picture shown at `shown_scale`."""
    figure = explorer.figure
    x, y = explorer.diagram.ax.transData.transform((u, v))
    width, height = figure.bbox.width, figure.bbox.height
    explorer.on_mouse({"type": "click", "relativeX": x * shown_scale, "relativeY": (height - y) * shown_scale,
                       "boundingRectWidth": width * shown_scale, "boundingRectHeight": height * shown_scale})


@pytest.mark.parametrize("name, point", [
    ("W1_11", (0.95, 1.0)), ("W1_12", (0.5, -0.47)), ("W1_22", (0.95, -1.0)), ("W2_1", (2.6, 0.5)),
    ("W2_2", (2.6, -0.5)), ("b1_1", (1.9, 1.05)), ("b1_2", (1.85, -1.0)), ("b2", (3.3, 0.1)),
    ("W1_11", (0.95, 1.28)),  # on the weight's label
    ("W1_12", (0.75, -0.48)), ("W2_2", (3.2, -0.85)),  # on the weight's label
    ("b1_1", (2.0, 1.76)), ("b1_2", (2.4, -1.35)), ("b2", (3.8, 0.54)),  # on "b = …", a neuron's first line
])
def test_a_click_on_an_edge_or_a_neuron_selects_its_parameter(explorer, name, point):
    click_at(explorer, *point)
    assert explorer.params["slice_a"] == name
    assert explorer.state["slice_pair"][0] == name and explorer.state["status"] == "ok"


def test_the_parameter_it_replaces_moves_to_the_vertical(explorer):
    click_at(explorer, 2.6, -0.5)  # W2₂
    assert (explorer.params["slice_a"], explorer.params["slice_b"]) == ("W2_2", "W1_11")
    click_at(explorer, 1.85, -1.0)  # b1₂
    assert (explorer.params["slice_a"], explorer.params["slice_b"]) == ("b1_2", "W2_2")
    click_at(explorer, 2.6, -0.5)  # W2₂ again: the pair swaps, never one parameter twice
    assert (explorer.params["slice_a"], explorer.params["slice_b"]) == ("W2_2", "b1_2")
    assert "slice: C over (W2₂, b1₂)" in explorer.text()


def test_a_click_on_nothing_or_a_bad_event_changes_nothing(explorer):
    before = explorer.params
    click_at(explorer, -0.9, -1.9)  # empty corner
    click_at(explorer, 2.6, 0.5, shown_scale=0)  # a picture shown at size 0
    for event in [None, {}, {"type": "mousemove", "relativeX": 1}, {"type": "click", "relativeX": "left"},
                  {"type": "click", "relativeX": float("nan"), "relativeY": 1, "boundingRectWidth": 1,
                   "boundingRectHeight": 1}]:
        explorer.on_mouse(event)
    assert explorer.params == before


# ---- legibility: every label readable, none on another, each on its own edge ----

def drawn_texts(figure):
    """(text, window extent) of every non-empty text the figure draws: labels, titles, tick numbers."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = figure.canvas if hasattr(figure.canvas, "get_renderer") else FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [*figure.texts]
    for ax in figure.axes:
        texts += [*ax.texts, ax.title]
        if ax.axison:
            texts += [ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text().strip()]


def overlapping(figure):
    import itertools

    return [(a, b) for (a, ea), (b, eb) in itertools.combinations(drawn_texts(figure), 2) if ea.overlaps(eb)]


def crossing_labels_stand_on_their_own_edges(diagram):
    """Each crossing edge's label centre is nearer its own edge than the other crossing edge."""
    import math

    from helpers.draw.by_hand import _distance

    renderer = diagram.ax.figure.canvas.get_renderer()
    to_data = diagram.ax.transData.inverted()
    x1_h2 = (diagram.INPUTS[0], diagram.HIDDEN[1])  # W1₂₁
    x2_h1 = (diagram.INPUTS[1], diagram.HIDDEN[0])  # W1₁₂
    for label, own, other in [(diagram.edge_labels_1[1][0], x1_h2, x2_h1),
                              (diagram.edge_labels_1[0][1], x2_h1, x1_h2)]:
        centre = to_data.transform(label.get_window_extent(renderer).get_points()).mean(axis=0)
        near, far = _distance(centre, *own), _distance(centre, *other)
        assert near < 0.05 and far > 0.4, (label.get_text(), near, far)  # on its edge, well clear of the other
        assert not math.isclose(near, far)


@pytest.mark.parametrize("setting", ["default", "crossing pair", "hidden 1 step", "inputs step", "5 steps at 1.5"])
def test_no_text_overlaps_another_and_crossing_labels_sit_on_their_edges(setting):
    explorer = NetworkExplorer()
    try:
        if setting == "crossing pair":  # both crossing labels carry a gradient: two lines each
            explorer.set(slice_a="W1_12", slice_b="W1_21")
        elif setting == "hidden 1 step":
            explorer.step_backward(2)
        elif setting == "inputs step":
            explorer.step_backward(4)
        elif setting == "5 steps at 1.5":  # long numbers: b = −0.140323 beside ŷ, W1₁₁ = 0.204652
            explorer.set(lr=1.5)
            for _ in range(5):
                explorer.step()
            assert explorer.diagram.output_label.get_text().startswith("b = −0.140323")
        assert overlapping(explorer.figure) == []
        crossing_labels_stand_on_their_own_edges(explorer.diagram)
        # The slice's axis label stands clear of the numbers beside ŷ (it once touched "C = 0.083232").
        texts = dict(drawn_texts(explorer.figure))
        numbers_right = max(texts[explorer.diagram.output_label.get_text()].x1,
                            texts[explorer.diagram.cost_label.get_text()].x1)
        assert texts[explorer.slice.names[1]].x0 - numbers_right >= 0.02 * explorer.figure.bbox.width
    finally:
        explorer.close()


def test_the_still_drawing_has_no_text_on_another():
    from helpers.by_hand import network, worked_example
    from helpers.draw.by_hand import draw_network

    p = worked_example()
    drawing = draw_network(p, p["x"], p["y"], network(**p), title="worked example")
    assert overlapping(drawing.figure) == []
    crossing_labels_stand_on_their_own_edges(drawing.diagram)


def test_the_slice_panel_has_room():
    explorer = NetworkExplorer()
    try:
        width, height = explorer.slice.ax.get_position().size
        assert width * height >= 0.1  # of the figure's area: it was 0.084
    finally:
        explorer.close()


def test_notebook_05s_contour_labels_stand_inside_the_map_and_clear_of_the_dot():
    """Section 7's contour map: every "C = …" label inside the axes, off the worked example's dot, none on another."""
    import itertools
    from pathlib import Path

    import matplotlib
    import matplotlib.pyplot as plt
    import nbformat

    notebook = nbformat.read(Path(__file__).parent.parent / "notebooks" / "05_the_2-2-1_network_by_hand.ipynb", 4)
    setup = next(c.source for c in notebook.cells if c.cell_type == "code" and "W1 = [[" in c.source)
    drawing = next(c.source for c in notebook.cells if c.cell_type == "code" and "ax.clabel(" in c.source)
    backend = matplotlib.get_backend()
    matplotlib.use("Agg")
    names = {}
    try:
        exec(setup.replace("plt.show()", ""), names)
        exec(drawing.replace("plt.show()", ""), names)
        figure, ax, lines = names["fig"], names["ax"], names["lines"]
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        inside = ax.get_window_extent(renderer)
        dot = next(line for line in ax.get_lines() if line.get_marker() == "o").get_window_extent(renderer)
        labels = {t.get_text(): t.get_window_extent(renderer) for t in lines.labelTexts}
        assert len(labels) == 7 and "C = 0.083232" in labels
        for text, extent in labels.items():
            assert inside.x0 <= extent.x0 and extent.x1 <= inside.x1, text
            assert inside.y0 <= extent.y0 and extent.y1 <= inside.y1, text
            assert not extent.overlaps(dot), text
        assert not any(a.overlaps(b) for a, b in itertools.combinations(labels.values(), 2))
    finally:
        plt.close("all")
        matplotlib.use(backend)
