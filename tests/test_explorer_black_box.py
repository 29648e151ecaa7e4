"""The black-box trainer: its numbers are the hand-worked ones, it sees divergence, and Reset recovers.

Expected numbers come from the worked example (computed by hand) or from an independent run of the
autograd engine, never from the trainer itself."""
import math

import pytest

from helpers.engine import Value
from helpers.black_box import black_box_step, train_black_box
from helpers.widgets import BlackBoxTrainer

EXAMPLES = ((3.0, 4.0, 6.0), (1.0, 2.0, 3.0), (3.0, 4.0, 1.0))


def engine_step(weights, example, lr, rule):
    """One update done with the autograd engine: build r, backprop, then move every weight."""
    w = [Value(x) for x in weights]
    a, b, c = example
    r = (a * w[0] + b * w[1] + c * w[2]) * w[3]
    objective = r if rule == "r" else 0.5 * (r - 1) ** 2
    objective.backward()
    return [v.data - lr * v.grad for v in w]


def output(weights, example):
    return (example[0] * weights[0] + example[1] * weights[1] + example[2] * weights[2]) * weights[3]


def every_number(state):
    for key, value in state.items():
        if isinstance(value, float):
            yield key, value
        elif isinstance(value, list):
            for item in value:
                for sub in (item if isinstance(item, list) else [item]):
                    if isinstance(sub, float):
                        yield key, sub


def test_starts_at_the_worked_example():
    explorer = BlackBoxTrainer()
    assert explorer.state["step"] == 0
    assert explorer.state["weights"] == [0.5, 0.5, 0.5, 0.5]
    assert explorer.state["r"] == pytest.approx(3.25)  # (3·0.5 + 4·0.5 + 6·0.5)·0.5
    assert explorer.state["lr"] == pytest.approx(0.1)
    assert explorer.state["rule"] == "r"


def test_one_naive_step_gives_the_hand_worked_numbers():
    explorer = BlackBoxTrainer()
    state = explorer.step()
    assert state["step"] == 1
    assert state["weights"] == pytest.approx([0.35, 0.3, 0.2, -0.15])
    assert state["r_before"] == pytest.approx(3.25)
    assert state["r"] == pytest.approx(-0.5175)


def test_one_step_with_the_loss_gives_the_hand_worked_numbers():
    explorer = BlackBoxTrainer()
    explorer.controls["rule"].value = "loss"
    state = explorer.step(1)
    assert state["weights"] == pytest.approx([0.1625, 0.05, -0.175, -0.9625])
    assert state["r"] == pytest.approx(0.348906, abs=5e-7)


def test_the_naive_rule_walks_away_from_the_target_on_the_next_examples():
    explorer = BlackBoxTrainer()
    explorer.step(2)
    assert explorer.state["r_before"] == pytest.approx(-0.2325)
    assert explorer.state["r"] == pytest.approx(-0.5368)
    explorer.step(1)
    assert explorer.state["r_before"] == pytest.approx(-0.8113)
    assert explorer.state["r"] == pytest.approx(-1.97166, abs=5e-6)


@pytest.mark.parametrize("rule", ["r", "loss"])
@pytest.mark.parametrize("lr", [0.01, 0.05, 0.09])
def test_up_to_twenty_steps_agree_with_the_autograd_engine(rule, lr):
    run = train_black_box(lr, rule, 20)
    taken = len(run["loss_history"]) - 1  # the naive rule may stop early, once r runs away
    assert taken >= 8
    weights = [0.5, 0.5, 0.5, 0.5]
    for step in range(taken):
        weights = engine_step(weights, EXAMPLES[step % 3], lr, rule)
    assert run["weights"] == pytest.approx(weights, rel=1e-12)
    for history, example in zip(run["r_history"], EXAMPLES):
        assert history[-1] == pytest.approx(output(weights, example), rel=1e-12)


def test_every_gradient_uses_the_old_weights():
    # Updating w4 first and then using the new w4 for w1..w3 would give w3 = 0.5 − 0.1·(−0.15)·6 = 0.59.
    assert black_box_step((0.5, 0.5, 0.5, 0.5), (3.0, 4.0, 6.0), 0.1, "r")[2] == pytest.approx(0.2)


def test_lr_0_1_with_the_loss_is_reported_as_diverged_without_raising():
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.1)
    explorer.step(50)
    state = explorer.state
    assert state["diverged"] is True
    assert state["status"].startswith("diverged at step 7")
    assert state["step"] == 7
    for key, value in every_number(state):
        assert math.isfinite(value), f"{key} holds {value}"
    assert "diverged" in explorer.text()
    assert "diverged" in explorer.message.value and "Reset" in explorer.message.value
    # a diverged run takes no more steps until Reset
    assert explorer.step(10)["step"] == 7


def test_lr_0_09_with_the_loss_converges_to_r_equals_minus_a_plus_b():
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.09)
    for _ in range(20):
        explorer.step(100)
    state = explorer.state
    assert state["status"] == "ok" and not state["diverged"]
    assert state["converged"] is True
    assert state["total_loss"] < 1e-6
    assert state["loss_history"][-1] < 1e-6 * state["loss_history"][0]
    w1, w2, w3, w4 = state["weights"]
    assert [w4 * w1, w4 * w2, w4 * w3] == pytest.approx([-1.0, 1.0, 0.0], abs=1e-3)
    for history in state["r_history"]:
        assert history[-1] == pytest.approx(1.0, abs=1e-3)


def test_the_naive_rule_runs_away_and_is_stopped():
    explorer = BlackBoxTrainer()
    explorer.step(100)
    state = explorer.state
    assert state["diverged"] and state["status"].startswith("diverged")
    # it did what it was told: r went down, far below the target, on every example
    assert all(history[-1] < -100 for history in state["r_history"])
    assert state["loss_history"][-1] > state["loss_history"][0]


@pytest.mark.parametrize("rule", ["r", "loss"])
@pytest.mark.parametrize("lr", ["min", "max"])
def test_learning_rate_at_its_ends_with_both_rules(rule, lr):
    explorer = BlackBoxTrainer()
    control = explorer.controls["lr"]
    explorer.set(rule=rule, lr=getattr(control, lr))
    for _ in range(5):
        explorer.step(100)
    state = explorer.state
    assert state["lr"] == pytest.approx(getattr(control, lr))
    for key, value in every_number(state):
        assert math.isfinite(value), f"{key} holds {value}"
    assert "Traceback" not in explorer.text()
    if lr == "max":  # η = 0.2 is past the stable range of both rules
        assert state["diverged"]
    elif rule == "loss":  # η = 0.005 is slow but safe
        assert state["status"] == "ok" and state["loss_history"][-1] < state["loss_history"][0]


def test_reset_restores_the_defaults_and_step_zero():
    fresh = BlackBoxTrainer()
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.2)
    explorer.step(30)
    explorer.reset()
    assert explorer.params == {"lr": 0.1, "rule": "r"}
    assert explorer.run == {"steps": 0} and explorer.state["step"] == 0
    assert explorer.state["status"] == "ok"
    assert explorer.text() == fresh.text()
    assert explorer.message.value == ""


def test_changing_the_learning_rate_replays_the_same_number_of_steps():
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.05)
    explorer.step(40)
    explorer.controls["lr"].value = 0.02
    assert explorer.state["step"] == 40
    assert explorer.state["weights"] == pytest.approx(train_black_box(0.02, "loss", 40)["weights"])


def test_text_shows_the_numbers():
    explorer = BlackBoxTrainer()
    explorer.step()
    text = explorer.text()
    for shown in ("0.35, 0.3, 0.2, −0.15", "3.25 → −0.5175", "step: 1", "(3, 4, 6)"):
        assert shown in text, f"{shown!r} missing from:\n{text}"
    explorer.controls["rule"].value = "loss"
    assert "0.1625, 0.05, −0.175, −0.9625" in explorer.text()
    assert "0.348906" in explorer.text()


def test_the_buttons_take_one_and_a_hundred_steps():
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.05)
    step_button, run_button = [b for b in explorer.widget.children[0].children[-3].children
                               if b is not explorer.reset_button]
    step_button.click()
    assert explorer.state["step"] == 1
    run_button.click()
    assert explorer.state["step"] == 101


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_step_rejects_a_bad_count(bad):
    with pytest.raises(ValueError, match="whole number"):
        BlackBoxTrainer().step(bad)


@pytest.mark.parametrize("kwargs, message", [
    (dict(lr=0.0), "finite number > 0"), (dict(lr=float("nan")), "finite number > 0"), (dict(rule="mse"), "rule"),
    (dict(steps=-1), "whole number"),
])
def test_train_black_box_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train_black_box(**kwargs)


def test_the_two_panels_legend_and_title_do_not_overlap_even_when_r_is_clipped():
    explorer = BlackBoxTrainer()
    explorer.set(rule="r", lr=0.1)
    explorer.step(100)  # runs away: the clip note is shown
    explorer.render()
    figure = explorer.figure
    renderer = figure.canvas.get_renderer()
    left, right = (ax.get_tightbbox(renderer) for ax in (explorer.ax_r, explorer.ax_loss))
    legend = figure.legends[0].get_window_extent(renderer)
    title = explorer.suptitle.get_window_extent(renderer)
    note = explorer.clip_note.get_window_extent(renderer)
    assert explorer.clip_note.get_text() and explorer.ax_r.bbox.fully_overlaps(note)
    assert left.x1 < right.x0
    assert title.y0 > legend.y1 and legend.y0 > max(explorer.ax_r.bbox.y1, explorer.ax_loss.bbox.y1)
    for box in (left, right, legend, title):
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= figure.bbox.width and box.y1 <= figure.bbox.height
    assert len(figure.legends[0].get_texts()) == 4  # the three examples and the target
    explorer.close()


def test_the_explorer_fits_a_laptop_screen_with_its_readout():
    """On a 1366×768 laptop the picture is 604 CSS px wide; with the readout (~22 px a row) it must fit ~630 px."""
    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.05)
    explorer.step(3000)  # the longest readout: converged and at the limit
    width, height = explorer.figure.get_size_inches()
    assert 604 * height / width + 22 * len(explorer.readout(explorer.state)) <= 630
    explorer.close()


def test_costs_beyond_the_loss_panel_are_marked_on_its_edge():
    """η = 0.05 for 3000 steps ends at a total cost near 5e−31: drawn on the floor 1e−8, marked ▽ and said so.
    A blow-up past 1e12 is marked △ on the top edge; a run inside the range marks nothing."""
    import numpy as np

    from helpers.widgets.black_box import LOSS_VIEW

    explorer = BlackBoxTrainer()
    explorer.set(rule="loss", lr=0.05)
    explorer.step(3000)
    explorer.render()
    losses = np.array(explorer.state["loss_history"])
    assert losses[-1] < 1e-20
    steps, edge = explorer.loss_below.get_data()
    assert len(steps) >= 10 and set(np.asarray(edge)) == {LOSS_VIEW[0]}
    assert all(losses[int(s)] < LOSS_VIEW[0] for s in steps)
    assert np.flatnonzero(losses < LOSS_VIEW[0])[0] in steps and 3000 - max(steps) <= 100   # from first to last
    assert "below" in explorer.loss_note.get_text() and "above" not in explorer.loss_note.get_text()
    note = explorer.loss_note.get_window_extent(explorer.figure.canvas.get_renderer())
    assert explorer.ax_loss.bbox.count_contains([(note.x0, note.y0), (note.x1, note.y1)]) == 2
    explorer.set(rule="loss", lr=0.2)    # diverges at step 3 with a total cost of about 1e13
    explorer.reset()
    explorer.set(rule="loss", lr=0.2)
    explorer.step(100)
    steps, edge = explorer.loss_above.get_data()
    assert list(steps) == [explorer.state["step"]] and list(edge) == [LOSS_VIEW[1]]
    assert "above" in explorer.loss_note.get_text()
    explorer.reset()
    assert explorer.loss_note.get_text() == "" and len(explorer.loss_below.get_data()[0]) == 0
    explorer.close()
