"""KnobExplorer: the numbers it shows against the hand-worked example and an independent computation.

The reference below is written out with plain floats and the product rule, never with the engine,
so a slip in the explorer (or the engine) cannot hide in both places at once."""
import itertools
import math

import pytest

from helpers.knobs import INPUTS
from helpers.widgets import KnobExplorer

DEFAULTS = dict(a=5.0, b=3.0, e=6.0, f=4.0, m=4.0, p=3.0)


def reference(a, b, e, f, m, p):
    """r = (a + b)·(e·f)·(m·p) and its partial derivatives, by hand."""
    c, d, k = a + b, e * f, m * p
    g = c * d
    r = k * g
    grads = {
        "a": k * d, "b": k * d,            # through c: dr/dc = k·d, dc/da = dc/db = 1
        "e": k * c * f, "f": k * c * e,    # through d: dr/dd = k·c, and × swaps
        "m": g * p, "p": g * m,            # through k: dr/dk = g
        "c": k * d, "d": k * c, "g": k, "k": g,
    }
    return r, dict(c=c, d=d, g=g, k=k), grads


def r_of(**values):
    return reference(**{**DEFAULTS, **values})[0]


EXPLORER = KnobExplorer  # the `explorer` fixture (tests/conftest.py) builds one for the module


def test_it_is_listed_for_the_protocol_tests_and_the_benchmark(assert_listed):
    assert_listed(KnobExplorer)


def test_defaults_are_the_worked_example(explorer):
    s = explorer.state
    assert s["status"] == "ok"
    assert [s[n] for n in INPUTS] == [5, 3, 6, 4, 4, 3]
    assert (s["c"], s["d"], s["g"], s["k"], s["r"]) == (8, 24, 192, 12, 2304)
    hand = dict(a=288, b=288, e=384, f=576, m=576, p=768, g=12, k=192)
    assert {n: s[f"dr/d{n}"] for n in hand} == hand


def test_default_nudge_is_e_from_6_to_7(explorer):
    s = explorer.state
    assert s["nudged"] == ["e"] and s["nudge_size"] == 1
    assert s["r_after"] == 2688
    assert s["predicted_change"] == 384 and s["actual_change"] == 384 and s["gap"] == 0


@pytest.mark.parametrize("name", INPUTS)
@pytest.mark.parametrize("value", [-7.5, -0.5, 0.0, 2.5, 9.0])
def test_every_knob_matches_the_independent_computation(explorer, name, value):
    explorer.controls[name].value = value
    values = {**DEFAULTS, name: value}
    r, inner, grads = reference(**values)
    s = explorer.state
    assert s["status"] == "ok"
    assert s["r"] == pytest.approx(r)
    for node, x in inner.items():
        assert s[node] == pytest.approx(x)
    for node, grad in grads.items():
        assert s[f"dr/d{node}"] == pytest.approx(grad), f"dr/d{node} after {name} = {value}"


@pytest.mark.parametrize("name", INPUTS)
def test_each_knob_at_its_ends_gives_large_but_finite_numbers(explorer, name):
    control = explorer.controls[name]
    for end in (control.min, control.max):
        control.value = end
        r, _, grads = reference(**{**DEFAULTS, name: end})
        assert explorer.state["status"] == "ok"
        assert explorer.state["r"] == pytest.approx(r)
        assert explorer.state[f"dr/d{name}"] == pytest.approx(grads[name])
        assert "nan" not in explorer.text() and "inf" not in explorer.text()


def test_all_knobs_at_the_far_end_at_once(explorer):
    explorer.set(**{n: explorer.controls[n].max for n in INPUTS})
    top = explorer.controls["a"].max
    assert explorer.state["r"] == pytest.approx((2 * top) * top**2 * top**2)
    assert math.isfinite(explorer.state["dr/dp"])


@pytest.mark.parametrize("name", INPUTS)
@pytest.mark.parametrize("h", [1.0, -2.0, 0.3])
def test_a_single_nudge_is_exactly_gradient_times_nudge(explorer, name, h):
    explorer.set(nudge=name, nudge_size=h)
    s = explorer.state
    actual = r_of(**{name: DEFAULTS[name] + h}) - 2304
    assert s["actual_change"] == pytest.approx(actual)
    assert s["predicted_change"] == pytest.approx(reference(**DEFAULTS)[2][name] * h)
    # r is linear in each input on its own, so the prediction is exact for one input
    assert s["gap"] == pytest.approx(0, abs=1e-9)


def test_nudging_a_and_e_together_gives_720_not_672(explorer):
    explorer.set(nudge="a", together_with="e", nudge_size=1.0)
    s = explorer.state
    assert s["nudged"] == ["a", "e"]
    assert s["predicted_change"] == 672
    assert s["actual_change"] == 720
    assert s["gap"] == 48  # the cross term: 1·1·f·k = 4·12


@pytest.mark.parametrize("first, second", list(itertools.combinations(INPUTS, 2)))
def test_every_pair_of_nudges_against_the_forward_pass(explorer, first, second):
    h = 0.5
    explorer.set(nudge=first, together_with=second, nudge_size=h)
    _, _, grads = reference(**DEFAULTS)
    actual = r_of(**{first: DEFAULTS[first] + h, second: DEFAULTS[second] + h}) - 2304
    s = explorer.state
    assert s["actual_change"] == pytest.approx(actual)
    assert s["predicted_change"] == pytest.approx((grads[first] + grads[second]) * h)
    # a and b only add: no cross term; every other pair multiplies somewhere in r
    if {first, second} == {"a", "b"}:
        assert s["gap"] == pytest.approx(0, abs=1e-9)
    else:
        assert s["gap"] != pytest.approx(0, abs=1e-9)


def test_together_with_never_offers_the_nudged_knob(explorer):
    partner = explorer.controls["together_with"]
    for name in INPUTS:
        explorer.controls["nudge"].value = name
        offered = [value for _, value in partner.options]
        assert name not in offered and set(offered) == {"nothing", *INPUTS} - {name}
    explorer.set(nudge="a", together_with="e")
    explorer.controls["nudge"].value = "e"  # the partner was e: it falls back to nothing else
    assert explorer.params["together_with"] == "nothing" and explorer.state["nudged"] == ["e"]
    with pytest.raises(ValueError, match="together_with='f' is not allowed: with nudge='f'"):
        explorer.set(nudge="f", together_with="f")
    built = KnobExplorer(nudge="a", together_with="e")  # nudge applied first, whatever the order
    assert built.state["nudged"] == ["a", "e"] and built.code() == "KnobExplorer(nudge='a', together_with='e')"
    built.close()


def test_the_text_shows_the_worked_numbers(explorer):
    text = explorer.text()
    assert text.splitlines()[0] == KnobExplorer.title + " = (a + b)·(e·f)·(m·p)"
    for piece in ["r: 2304", "e: 6 → 7", "dr/de × h = 384 × 1 = 384", "2688 − 2304 = 384", "gap: 0"]:
        assert piece in text, f"{piece!r} missing from:\n{text}"


def box_texts(explorer):
    return {node.name: label.get_text() for node, label in explorer.drawing.labels.items()}


def test_the_boxes_show_the_worked_values_and_gradients(explorer):
    boxes = box_texts(explorer)
    worked = dict(a=(5, 288), b=(3, 288), e=(6, 384), f=(4, 576), m=(4, 576), p=(3, 768),
                  c=(8, 288), d=(24, 96), g=(192, 12), k=(12, 192), r=(2304, 1))
    assert boxes == {name: f"{name} = {value}\ngrad {grad}" for name, (value, grad) in worked.items()}


def test_the_readout_leaves_the_values_and_gradients_to_the_picture(explorer):
    # One row each for r, the nudge, the prediction, the forward pass and the gap (plus one while stepping):
    # with the picture above it, that fits a laptop's screen.
    assert [label for label, _ in explorer.readout(explorer.state)] == ["r", "nudge", "predicted Δr", "actual Δr", "gap"]
    explorer.step_backward()
    assert [label for label, _ in explorer.readout(explorer.state)][:2] == ["r", "backward step"]


def test_the_text_shows_the_first_order_gap(explorer):
    explorer.set(nudge="a", together_with="e")
    text = explorer.text()
    assert "(288 + 384) × 1 = 672" in text
    assert "3024 − 2304 = 720" in text
    assert "48" in text and "cross term" in text


def test_the_picture_changes_with_a_knob(explorer):
    before = explorer.image.value
    explorer.controls["m"].value = -3.0
    after = bytes(explorer.image.value)
    assert after != bytes(before) and after.startswith(b"\x89PNG")


def test_reset_returns_to_the_worked_example(explorer):
    fresh = KnobExplorer()
    explorer.set(a=-10.0, f=10.0, nudge="p", together_with="m", nudge_size=-2.0)
    assert explorer.state["r"] != 2304
    explorer.reset_button.click()
    assert explorer.params == fresh.params
    assert explorer.text() == fresh.text()
    assert explorer.state["r"] == 2304 and explorer.state["nudged"] == ["e"]


@pytest.mark.parametrize("end", ["min", "max"])
def test_the_nudge_size_at_its_ends_keeps_the_cross_term_at_48_h_squared(explorer, end):
    h = getattr(explorer.controls["nudge_size"], end)
    explorer.set(nudge="a", together_with="e", nudge_size=h)
    s = explorer.state
    # r = (f·k)·c·e with f·k = 48: moving c and e by h each adds 48·(e·h + c·h + h²)
    assert s["actual_change"] == pytest.approx(48 * (6 * h + 8 * h + h * h))
    assert s["predicted_change"] == pytest.approx(672 * h)
    assert s["gap"] == pytest.approx(48 * h * h)
    assert s["status"] == "ok"


def test_a_zero_nudge_predicts_and_gives_no_change(explorer):
    explorer.set(nudge="p", nudge_size=0.0)
    assert explorer.state["predicted_change"] == 0 and explorer.state["actual_change"] == 0
    assert "gap: 0: the change is exactly gradient × nudge" in explorer.text()


# ---- the nonlinear graph and small nudges ----

def test_the_nudge_goes_down_to_a_hundredth(explorer):
    assert explorer.controls["nudge_size"].step == 0.01
    explorer.set(nudge="e", nudge_size=0.01)
    assert explorer.state["predicted_change"] == pytest.approx(3.84)
    assert explorer.state["actual_change"] == pytest.approx(3.84)


def test_the_square_graph_shows_a_one_knob_gap_that_shrinks_as_h_squared(explorer):
    explorer.set(graph="square", nudge="a")
    # r = k·(a + b)²·d = 12·64·24; dr/da = 2k·c·d = 4608; a → a + h adds k·d·h² on top of the prediction
    s = explorer.state
    assert s["r"] == 18432 and s["dr/da"] == 4608 and s["dr/dc"] == 4608 and s["dr/ds"] == 12
    assert s["gap"] == pytest.approx(12 * 24 * 1.0 ** 2)
    explorer.set(nudge_size=0.1)
    assert explorer.state["gap"] == pytest.approx(12 * 24 * 0.1 ** 2)
    assert "r curves in a" in explorer.text()
    explorer.set(nudge="e")  # r is still linear in e alone
    assert explorer.state["gap"] == pytest.approx(0, abs=1e-9)


# ---- stepping the backward pass ----

LINEAR_ORDER = ["r", "k", "g", "d", "c", "p", "m", "f", "e", "b", "a"]


def test_no_sweep_shows_every_gradient_and_no_step(explorer):
    s = explorer.state
    assert not s["sweep_started"] and set(s["reached"]) == set(LINEAR_ORDER) and s["sweep_text"] == ""
    assert "backward step" not in explorer.text()
    assert not any("—" in text for text in box_texts(explorer).values())


def test_steps_go_backward_in_topological_order_with_the_product_written_out(explorer):
    texts = []
    for count in range(1, len(LINEAR_ORDER) + 1):
        s = explorer.step_backward()
        assert s["reached"] == LINEAR_ORDER[:count]
        assert s["sweep_node"] == LINEAR_ORDER[count - 1]
        texts.append(s["sweep_text"])
    assert texts[0] == "dr/dr = 1: the sweep starts at r"
    assert texts[2] == "dr/dg = dr/dr × ∂r/∂g = 1 × 12 = 12"
    assert texts[4] == "dr/dc = dr/dg × ∂g/∂c = 12 × 24 = 288"
    assert texts[-1] == "dr/da = dr/dc × ∂c/∂a = 288 × 1 = 288"
    # each product is the gradient the engine's backward() gives
    explorer.reset()
    for name in LINEAR_ORDER[1:]:
        assert texts[LINEAR_ORDER.index(name)].endswith(f"= {explorer.state[f'dr/d{name}']:g}")


def test_the_sweep_uses_the_edge_into_the_user_and_shows_it(explorer):
    explorer.step_backward(5)
    assert explorer.state["sweep_edges"] == [["c", "g"]]
    bold = [arrow for (i, j), arrows in explorer.drawing.highlights.items() for arrow in arrows if arrow.get_visible()]
    assert len(bold) == 2  # c → the × circle, and on into g
    assert "backward step: 5 of 11: dr/dc = dr/dg × ∂g/∂c = 12 × 24 = 288" in explorer.text()


def test_gradients_not_reached_show_a_dash(explorer):
    explorer.step_backward(3)  # r, k, g
    boxes = box_texts(explorer)
    assert boxes["g"].endswith("grad 12") and boxes["k"].endswith("grad 192") and boxes["r"].endswith("grad 1")
    assert all(boxes[name].endswith("grad —") for name in "abcdefmp")


def test_a_node_feeding_two_places_adds_both_products(explorer):
    explorer.set(graph="square")
    steps = [explorer.step_backward()["sweep_node"] for _ in range(5)]
    assert steps[-1] == "d"
    s = explorer.step_backward()
    assert s["sweep_node"] == "c" and sorted(map(tuple, s["sweep_edges"])) == [("c", "g"), ("c", "s")]
    # dr/dc = dr/dg·d + dr/ds·g = 96·24 + 12·192, the two paths out of c
    assert s["sweep_text"] == "dr/dc = dr/dg × ∂g/∂c + dr/ds × ∂s/∂c = 96 × 24 + 12 × 192 = 4608"
    assert s["dr/dc"] == 4608


def test_backward_all_fills_every_gradient_and_step_starts_again(explorer):
    s = explorer.backward_all()
    assert s["sweep_started"] and s["reached"] == LINEAR_ORDER
    assert explorer.step_backward()["reached"] == ["r"]  # a finished sweep starts again from r


def test_moving_a_knob_restarts_the_sweep_and_reset_ends_it(explorer):
    explorer.step_backward(4)
    explorer.controls["nudge_size"].value = 0.5  # the gradients do not depend on the nudge: the sweep stays
    assert len(explorer.state["reached"]) == 4
    explorer.controls["a"].value = 6.0
    assert explorer.state["sweep_started"] and explorer.state["reached"] == []
    assert "press Step backward" in explorer.text()
    explorer.step_backward(5)
    assert explorer.state["sweep_text"] == "dr/dc = dr/dg × ∂g/∂c = 12 × 24 = 288"
    explorer.reset_button.click()
    assert not explorer.state["sweep_started"] and explorer.run["steps"] is None


def test_the_buttons_do_what_the_methods_do(explorer):
    explorer.step_button.click()
    explorer.step_button.click()
    assert explorer.state["reached"] == ["r", "k"]
    explorer.all_button.click()
    assert len(explorer.state["reached"]) == 11


def test_every_edge_carries_its_local_derivative(explorer):
    drawing = explorer.drawing
    names = [node.name for node in drawing.nodes]
    local = {(names[i], names[j]): text.get_text() for (i, j), text in drawing.edge_labels.items()}
    # + passes 1; × gives the other factor: ∂g/∂c = d = 24, ∂g/∂d = c = 8, ∂r/∂k = g = 192
    assert local == {("a", "c"): "1", ("b", "c"): "1", ("e", "d"): "4", ("f", "d"): "6", ("m", "k"): "3",
                     ("p", "k"): "4", ("c", "g"): "24", ("d", "g"): "8", ("k", "r"): "192", ("g", "r"): "12"}
    explorer.controls["e"].value = 7.0
    local = {(names[i], names[j]): text.get_text() for (i, j), text in drawing.edge_labels.items()}
    assert local[("f", "d")] == "7" and local[("c", "g")] == "28"


def test_the_graphs_by_name_and_a_clear_error_for_another():
    from helpers.knobs import GRAPHS, knob_graph

    assert GRAPHS == ("linear", "square")
    assert knob_graph(5, 3, 6, 4, 4, 3, graph="square")["r"].data == 12 * 8 ** 2 * 24
    with pytest.raises(ValueError, match="graph must be one of 'linear', 'square'; got 'tanh'"):
        knob_graph(5, 3, 6, 4, 4, 3, graph="tanh")
    with pytest.raises(ValueError, match="graph='tanh' is not allowed"):
        KnobExplorer(graph="tanh")


def test_the_text_readout_names_the_graph_now_chosen():
    explorer = KnobExplorer(graph="square")
    assert explorer.text().splitlines()[0] == "Turn the knobs of r = (a + b)²·(e·f)·(m·p)"
    explorer.controls["graph"].value = "linear"
    assert explorer.text().splitlines()[0] == "Turn the knobs of r = (a + b)·(e·f)·(m·p)"
    explorer.close()


def test_the_nudge_tag_sits_just_above_the_nudged_knob_and_points_down_at_it():
    explorer = KnobExplorer(nudge="e", together_with="f", nudge_size=0.5)
    drawing = explorer.drawing
    shown = [tag for tag in drawing.tags if tag.get_visible()]
    assert [tag.get_text() for tag in shown] == ["nudge +0.5 ▼"] * 2
    for tag, name in zip(shown, ("e", "f")):
        x, y = drawing.position[name]
        assert tag.get_position() == (x, y + 0.5)
        above = [n for n, (nx, ny) in drawing.position.items() if nx == x and y < ny <= y + 0.5]
        assert not above, f"the tag over {name} could be read as {above}'s"
    explorer.close()
