"""The optimizer explorer: defaults, every control at its extremes, divergence, reset and the text shown."""
import math

import pytest

from helpers.landscapes import SURFACES
from helpers.widgets import ALL
from helpers.widgets import OptimizerExplorer
from helpers.widgets.landscapes import MAX_STEPS, NAMES


@pytest.fixture(scope="module")
def explorer():
    return OptimizerExplorer()


@pytest.fixture(autouse=True)
def back_to_defaults(explorer):
    explorer.reset()
    yield


def numbers_in(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from numbers_in(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from numbers_in(v)
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        yield obj


def end_value(control, end):
    # A FloatLogSlider's min and max are exponents of its base.
    value = getattr(control, end)
    return control.base**value if hasattr(control, "base") else value


def assert_all_finite(state):
    assert all(math.isfinite(x) for x in numbers_in(state))


def test_it_is_listed_and_has_a_benchmark_control():
    assert OptimizerExplorer in ALL
    assert OptimizerExplorer.benchmark_control in OptimizerExplorer().controls


def test_defaults_match_the_closed_form_for_sgd(explorer):
    state = explorer.state
    assert state["status"] == "ok"
    assert state["surface"] == "valley" and state["optimizers"] == list(NAMES)
    steps, lr = state["steps"], state["lr"]
    (w1, w2) = SURFACES["valley"].start
    # Plain gradient descent on ½(0.1·w1² + 4·w2²): w1·(1 − 0.1η)^t, w2·(1 − 4η)^t.
    assert state["position"]["SGD"] == pytest.approx([w1 * (1 - 0.1 * lr) ** steps, w2 * (1 - 4 * lr) ** steps])
    for name in NAMES:
        assert len(state["paths"][name]["w1"]) == steps + 1
        assert state["paths"][name]["w1"][0] == w1
    assert_all_finite(state)


def test_text_shows_every_optimizer_with_its_numbers(explorer):
    text = explorer.text()
    assert text.startswith(OptimizerExplorer.title)
    w1 = explorer.state["position"]["SGD"][0]
    assert f"{w1:.4f}".replace("-", "−") in text
    for name in NAMES:
        assert f"  {name}: w = (" in text


def test_frame_is_a_png(explorer):
    assert explorer.render()[:8] == b"\x89PNG\r\n\x1a\n"
    explorer.set(surface="saddle")
    assert explorer.render()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", ["lr", "w1_start", "w2_start", "steps"])
@pytest.mark.parametrize("end", ["min", "max"])
def test_every_slider_at_its_ends(explorer, name, end):
    control = explorer.controls[name]
    control.value = end_value(control, end)
    assert explorer.params[name] == pytest.approx(end_value(control, end))
    state = explorer.state
    assert isinstance(state["status"], str)
    assert_all_finite(state)
    assert explorer.text()


@pytest.mark.parametrize("key", list(SURFACES))
def test_every_surface_at_the_largest_rate_and_longest_run(explorer, key):
    explorer.set(surface=key, lr=end_value(explorer.controls["lr"], "max"), steps=MAX_STEPS)
    assert_all_finite(explorer.state)
    for path in explorer.state["paths"].values():
        assert max(abs(x) for x in path["w1"] + path["w2"]) <= 1e3


def test_largest_rate_names_the_diverged_optimizers_and_the_others_keep_going(explorer):
    explorer.controls["lr"].value = end_value(explorer.controls["lr"], "max")  # η = 2 on the valley: |1 − 4·2| = 7
    assert explorer.params["lr"] == pytest.approx(2.0)
    state = explorer.state
    # SGD's w2 is multiplied by −7 each step and passes 1000 at step 4 (7³ = 343, 7⁴ = 2401).
    assert state["diverged_at"]["SGD"] == 4
    assert "SGD diverged at step 4" in state["status"]
    assert "SGD diverged at step 4" in explorer.text()
    assert "Adam" not in state["diverged_at"]
    assert len(state["paths"]["Adam"]["w1"]) == state["steps"] + 1
    assert "press Reset" in explorer.message.value
    assert_all_finite(state)


def test_divergence_is_only_announced_once_it_has_happened(explorer):
    explorer.set(lr=2.0, steps=3)
    assert explorer.state["status"] == "ok"
    explorer.controls["steps"].value = 4
    assert explorer.state["status"].startswith("SGD diverged at step 4")


def test_reset_recovers(explorer):
    before = explorer.state
    explorer.set(lr=2.0, w1_start=2.0, steps=MAX_STEPS, surface="banana", SGD=False)
    assert explorer.state["status"] != "ok"
    explorer.reset()
    assert explorer.state == before
    assert explorer.message.value == ""


def test_choosing_a_surface_by_hand_moves_start_and_rate(explorer):
    explorer.controls["surface"].value = "saddle"
    saddle = SURFACES["saddle"]
    assert explorer.params["lr"] == pytest.approx(saddle.lr)
    assert explorer.state["start"] == pytest.approx(list(saddle.start))
    # set() keeps the values it is given
    explorer.set(surface="banana", lr=0.01)
    assert explorer.params["lr"] == pytest.approx(0.01)


def test_unticking_optimizers(explorer):
    explorer.set(SGD=False, Adam=False)
    assert explorer.state["optimizers"] == ["Momentum", "RMSprop"]
    assert "SGD:" not in explorer.text()
    explorer.set(Momentum=False, RMSprop=False)
    assert explorer.state["optimizers"] == []
    assert "tick at least one" in explorer.text()
    assert explorer.state["status"] == "ok"


def test_play_step_and_run_move_the_step_count(explorer):
    explorer.play.value = 10
    assert explorer.state["steps"] == 10
    explorer.step(1)
    assert explorer.state["steps"] == 11 and explorer.play.value == 11
    explorer.step(50)
    assert explorer.state["steps"] == 61
    explorer.step(10_000)
    assert explorer.state["steps"] == MAX_STEPS


def test_the_path_does_not_depend_on_how_the_steps_were_reached(explorer):
    explorer.set(surface="banana", lr=0.1, steps=30)
    explorer.controls["steps"].value = 120
    direct = OptimizerExplorer()
    direct.set(surface="banana", lr=0.1, steps=120)
    assert explorer.state["position"] == direct.state["position"]
    assert explorer.state["cost"] == direct.state["cost"]
