"""The optimizer explorer: defaults, every control at its extremes, divergence, reset and the text shown."""

import pytest

from helpers.landscapes import SURFACES
from helpers.widgets import OptimizerExplorer
from helpers.widgets.landscapes import MAX_STEPS, NAMES


EXPLORER = OptimizerExplorer  # the `explorer` fixture (tests/conftest.py) builds one for the module


def end_value(control, end):
    # A FloatLogSlider's min and max are exponents of its base.
    value = getattr(control, end)
    return control.base**value if hasattr(control, "base") else value


def test_it_is_listed_and_has_a_benchmark_control(assert_listed):
    assert_listed(OptimizerExplorer)


def test_defaults_match_the_closed_form_for_sgd(explorer, assert_plain):
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
    assert_plain(state)


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
def test_every_slider_at_its_ends(explorer, name, end, assert_plain):
    control = explorer.controls[name]
    control.value = end_value(control, end)
    assert explorer.params[name] == pytest.approx(end_value(control, end))
    state = explorer.state
    assert isinstance(state["status"], str)
    assert_plain(state)
    assert explorer.text()


@pytest.mark.parametrize("key", list(SURFACES))
def test_every_surface_at_the_largest_rate_and_longest_run(explorer, key, assert_plain):
    explorer.set(surface=key, lr=end_value(explorer.controls["lr"], "max"), steps=MAX_STEPS)
    assert_plain(explorer.state)
    for path in explorer.state["paths"].values():
        assert max(abs(x) for x in path["w1"] + path["w2"]) <= 1e3


def test_largest_rate_names_the_diverged_optimizers_and_the_others_keep_going(explorer, assert_plain):
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
    assert_plain(state)


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


RUNS = {"none": lambda e: None, "Step": lambda e: e.step(1), "Run 50": lambda e: e.step(50),
        "η = 2 then Run 50": lambda e: (e.controls["lr"].__setattr__("value", 2.0), e.step(50)),
        "Play to 200": lambda e: e.play.__setattr__("value", MAX_STEPS)}


@pytest.mark.parametrize("run", RUNS)
def test_every_surface_after_every_kind_of_run_draws_its_own_contours(run):
    """The browser once showed the saddle's contours on the Rosenbrock map (η = 2 → Run 50 → Reset →
    Saddle → Rosenbrock). After any run, Reset and every surface switch, the picture is the one a fresh
    explorer draws for the same settings, byte for byte."""
    explorer = OptimizerExplorer()
    for first in SURFACES:
        explorer.controls["surface"].value = first
        RUNS[run](explorer)
        explorer.reset_button.click()
        for then in SURFACES:
            explorer.controls["surface"].value = then
            fresh = OptimizerExplorer(**{n: v for n, v in explorer.params.items() if v != explorer.defaults[n]})
            assert explorer.image.value == fresh.image.value, f"{run}, Reset, {first} → {then}"
            fresh.close()
    explorer.close()
