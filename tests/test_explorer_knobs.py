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


def test_choosing_the_same_input_twice_nudges_it_once(explorer):
    explorer.set(nudge="f", together_with="f")
    assert explorer.state["nudged"] == ["f"]
    assert explorer.state["actual_change"] == 576


def test_the_text_shows_the_worked_numbers(explorer):
    text = explorer.text()
    assert text.splitlines()[0] == KnobExplorer.title
    for piece in ["r: 2304", "dr/da = 288", "dr/db = 288", "dr/de = 384", "dr/df = 576", "dr/dm = 576",
                  "dr/dp = 768", "dr/dg = 12", "dr/dk = 192", "e: 6 → 7", "384 × 1 = 384", "2688 − 2304 = 384"]:
        assert piece in text, f"{piece!r} missing from:\n{text}"


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
    assert "gap (actual − predicted): 0" in explorer.text()
