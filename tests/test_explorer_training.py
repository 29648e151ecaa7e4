"""TrainingExplorer: defaults, training by Step and Play, every control's ends, divergence, Reset, rebuilding."""
import math

import numpy as np
import pytest

from helpers.draw.frames import fmt
from helpers.widgets import TrainingExplorer


def parameter_count(n_in, hidden, layers, n_out=1):
    sizes = [n_in] + [hidden] * layers + [n_out]
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


@pytest.fixture
def explorer():
    return TrainingExplorer()


def test_defaults_are_an_untrained_2_16_16_1_on_200_moons(explorer):
    s = explorer.state
    assert s["status"] == "ok"
    assert s["network"] == "2-16-16-1"
    assert s["parameters"] == parameter_count(2, 16, 2) == 337
    assert (s["n_train"], s["n_test"]) == (100, 100)
    assert s["epoch"] == 0 and s["steps"] == 0
    assert s["learning_rate"] == pytest.approx(0.1) and s["batch_size"] == 16
    # an untrained binary classifier: cross-entropy near log 2, accuracy near chance
    assert 0.3 < s["train_loss"] < 1.5 and 0.2 < s["train_accuracy"] < 0.8
    text = explorer.text()
    for piece in ("2-16-16-1 (337 parameters)", "100 training + 100 test points", "η = 0.1", "training: epoch 0 "):
        assert piece in text


def test_the_probability_grid_is_60_by_60_probabilities(explorer):
    grid = np.array(explorer.state["probability_grid"])
    assert grid.shape == (60, 60)
    assert ((grid >= 0) & (grid <= 1)).all()


def test_a_few_steps_lower_the_loss_and_raise_the_accuracy(explorer):
    start = dict(explorer.state)
    explorer.step(20)
    s = explorer.state
    assert s["train_loss"] < 0.7 * start["train_loss"]
    assert s["train_accuracy"] > start["train_accuracy"]
    assert len(s["history"]["epoch"]) == 21
    assert s["history"]["train_loss"][0] == start["train_loss"]


def test_step_trains_one_epoch_of_minibatches(explorer):
    png = explorer.image.value
    explorer.step_button.click()
    assert explorer.state["steps"] == math.ceil(100 / 16)
    assert explorer.state["epoch"] == pytest.approx(1.0)
    assert explorer.image.value != png


def test_a_play_frame_never_exceeds_its_step_budget_and_step_finishes_the_epoch(explorer):
    explorer.set(n_points=1000, batch_size=1)
    explorer.step(whole_epochs=False)  # what a Play tick does
    assert explorer.state["steps"] == explorer.max_steps_per_frame
    assert explorer.state["epoch"] == pytest.approx(explorer.max_steps_per_frame / 500)
    explorer.step_button.click()  # Step: to the end of this epoch, never a fractional one
    assert explorer.state["epoch"] == 1.0 and explorer.state["steps"] == 500
    assert "training: epoch 1 (500 steps)" in explorer.text()


def test_play_ticks_train_only_while_playing(explorer):
    explorer.play.value += 1           # a tick with Play paused does nothing
    assert explorer.state["steps"] == 0
    explorer.play.playing = True
    explorer.play.value += 1
    assert explorer.state["steps"] == math.ceil(100 / 16)
    explorer._last_frame_end = -math.inf   # as if the next tick came a full interval later
    explorer.play.value += 1
    assert explorer.state["steps"] == 2 * math.ceil(100 / 16)


def test_a_tick_queued_while_a_frame_ran_is_skipped(explorer):
    explorer.play.playing = True
    explorer.play.value += 1
    explorer.play.value += 1           # arrives the moment the first frame ends: a backlog tick
    assert explorer.state["steps"] == math.ceil(100 / 16)


def test_training_is_seeded(explorer):
    other = TrainingExplorer()
    explorer.step(5)
    other.advance(frames=5)
    assert explorer.text() == other.text()
    assert explorer.state["history"] == other.state["history"]


@pytest.mark.parametrize("name", ["learning_rate", "hidden_units", "hidden_layers", "n_points", "noise",
                                  "batch_size", "activation", "dataset"])
def test_every_control_at_its_ends_trains_without_error(explorer, name, assert_plain):
    control = explorer.controls[name]
    if hasattr(control, "options"):
        ends = [option[1] if isinstance(option, tuple) else option for option in control.options]
    elif hasattr(control, "base"):
        ends = [control.base ** control.min, control.base ** control.max]
    else:
        ends = [control.min, control.max]
    for value in ends:
        explorer.reset()
        control.value = value
        for _ in range(3):
            explorer.step()
        assert explorer.state["status"] == "ok" or explorer.state["status"].startswith("diverged")
        assert_plain(explorer)


def test_a_huge_learning_rate_diverges_stops_and_reset_recovers(explorer, assert_plain):
    fresh = explorer.text()
    explorer.play.playing = True
    explorer.controls["learning_rate"].value = 100.0
    for _ in range(60):
        explorer.step()
        if explorer.state["status"] != "ok":
            break
    assert explorer.state["status"].startswith("diverged")
    assert "diverged" in explorer.text() and "Reset" in explorer.message.value
    assert not explorer.play.playing                 # Play stops by itself
    assert_plain(explorer)
    steps = explorer.state["steps"]
    explorer.step_button.click()                      # Step does nothing more, and raises nothing
    assert explorer.state["steps"] == steps
    explorer.reset_button.click()
    assert explorer.state["status"] == "ok"
    assert explorer.text() == fresh
    explorer.step(5)
    assert explorer.state["status"] == "ok"


def test_the_divergence_message_names_the_rate_that_diverged_and_its_epoch_agrees(explorer):
    explorer.controls["learning_rate"].value = 100.0
    for _ in range(60):
        explorer.step()
        if explorer.state["status"] != "ok":
            break
    explorer.controls["learning_rate"].value = 0.001  # a learner lowers η after the fact
    status = explorer.state["status"]
    assert "learning rate 100 is too large" in status and "0.001" not in status, status
    epoch = explorer.state["epoch"]
    assert f"epoch {fmt(epoch, 3)}" in status, f"the message and the readout disagree on the epoch: {status}"
    assert f"training: epoch {fmt(epoch, 4)} (" in explorer.text()


def test_step_shows_whole_epochs_even_after_the_batch_size_changes(explorer):
    explorer.step_button.click()
    explorer.controls["batch_size"].value = 64
    for _ in range(3):
        explorer.step_button.click()
        assert explorer.state["epoch"] == int(explorer.state["epoch"]), explorer.state["epoch"]


def test_changing_the_data_set_rebuilds_and_restarts(explorer):
    explorer.step(5)
    before = np.array(explorer.state["probability_grid"])
    explorer.controls["dataset"].value = "circle"
    s = explorer.state
    assert s["epoch"] == 0 and s["steps"] == 0 and len(s["history"]["epoch"]) == 1
    inside = np.hypot(*explorer.run["data"][0].T) < 1.3   # circle data: class 1 near the middle
    assert explorer.run["data"][1][inside].mean() > explorer.run["data"][1][~inside].mean()
    assert not np.allclose(before, s["probability_grid"])


def test_changing_the_amount_of_data_splits_it_in_half(explorer):
    explorer.controls["n_points"].value = 60
    assert (explorer.state["n_train"], explorer.state["n_test"]) == (30, 30)
    assert "30 training + 30 test points" in explorer.text()


def test_changing_the_architecture_rebuilds_with_the_right_size(explorer):
    explorer.step(3)
    explorer.set(hidden_units=5, hidden_layers=3)
    s = explorer.state
    assert s["network"] == "2-5-5-5-1" and s["parameters"] == parameter_count(2, 5, 3)
    assert s["steps"] == 0


def test_learning_rate_and_batch_size_apply_without_restarting(explorer):
    explorer.step(3)
    steps = explorer.state["steps"]
    explorer.set(learning_rate=0.01, batch_size=64)
    assert explorer.state["steps"] == steps
    explorer.step()
    assert explorer.run["trainer"].lr == pytest.approx(0.01) and explorer.run["trainer"].batch_size == 64
    assert explorer.state["steps"] == steps + math.ceil(100 / 64)


def test_reset_after_changes_gives_the_starting_picture_and_numbers(explorer):
    fresh_text, fresh_png = explorer.text(), explorer.image.value
    explorer.set(dataset="circle", activation="tanh", hidden_units=3, noise=0.5)
    explorer.step(4)
    explorer.reset()
    assert explorer.text() == fresh_text
    assert explorer.image.value == fresh_png


# ---- the boundary drawing behind the view ----

def test_plane_grid_covers_the_points_row_by_row():
    from helpers.draw.training import plane_grid

    X = np.array([[-1.0, 0.0], [2.0, 1.0]])
    points, extent = plane_grid(X, resolution=5, margin=0.5)
    assert points.shape == (25, 2)
    assert extent == pytest.approx((-1.5, 2.5, -0.5, 1.5))
    rows = points.reshape(5, 5, 2)
    assert np.ptp(rows[2, :, 1]) == 0 and np.ptp(rows[:, 2, 0]) == 0  # a row holds one y, a column one x
    assert rows[0, 0] == pytest.approx([-1.5, -0.5]) and rows[-1, -1] == pytest.approx([2.5, 1.5])
    with pytest.raises(ValueError, match="shape"):
        plane_grid(np.zeros((3, 3)))


def test_draw_boundary_shows_the_given_probabilities_and_the_half_contour():
    from helpers.draw.training import draw_boundary

    X = np.array([[-1.0, -1.0], [1.0, 1.0]])
    drawing = draw_boundary(lambda P: 1 / (1 + np.exp(-4 * P[:, 0])), X, [0, 1], resolution=30)
    shown = np.asarray(drawing.image.get_array())
    xs = drawing.grid.reshape(30, 30, 2)[..., 0]
    assert shown == pytest.approx(1 / (1 + np.exp(-4 * xs)))
    assert [c.get_offsets().tolist() for c in drawing.train_points] == [X[:1].tolist(), X[1:].tolist()]
    circle, square = (c.get_paths()[0].vertices for c in drawing.train_points)
    assert circle.shape != square.shape or not np.allclose(circle, square), "the classes differ by shape, not only colour"
    assert len(drawing.ax.collections) >= 6  # 4 scatters + filled bands + the 0.5 line


# ---- weight decay ----

def test_weight_decay_is_a_keyword_setting_and_the_readout_shows_the_whole_cost():
    explorer = TrainingExplorer(weight_decay=0.01)
    explorer.step(5)
    s = explorer.state
    assert s["weight_decay"] == 0.01 and s["penalty"] == pytest.approx(0.5 * 0.01 * s["weight_norm"] ** 2)
    text = explorer.text()
    assert f"train / test: cross-entropy {fmt(s['train_loss'], 4)} / {fmt(s['test_loss'], 4)}, accuracy " in text
    assert (f"cost C, λ = 0.01: cross-entropy + ½λΣw² = {fmt(s['train_loss'], 4)} + {fmt(s['penalty'], 4)} = "
            f"{fmt(s['train_loss'] + s['penalty'], 4)}") in text
    assert f"weights: size √Σw² = {fmt(s['weight_norm'], 4)}; " in text
    assert explorer.code() == "TrainingExplorer(weight_decay=0.01)"


def test_without_weight_decay_the_readout_has_no_penalty_rows(explorer):
    text = explorer.text()
    assert "train / test: loss " in text and "½λΣw²" not in text and "λ" not in text


def test_weight_decay_shrinks_the_weights_compared_with_none(explorer):
    explorer.step(30)
    free = explorer.state["weight_norm"]
    decayed = TrainingExplorer(weight_decay=0.03)
    decayed.step(30)
    assert decayed.state["weight_norm"] < 0.8 * free
    assert decayed.state["history"]["epoch"] == explorer.state["history"]["epoch"]


def test_weight_decay_applies_from_the_next_step_without_restarting(explorer):
    explorer.step(3)
    steps = explorer.state["steps"]
    explorer.controls["weight_decay"].value = 0.1
    assert explorer.state["steps"] == steps
    explorer.step()
    assert explorer.trainer.weight_decay == 0.1 and explorer.state["steps"] > steps


def test_weight_decay_0_trains_exactly_as_before_it_existed(explorer):
    from helpers.training import Trainer, make_dataset, make_network, train_test_split

    explorer.step(10)
    X, y = make_dataset("moons", 200, 0.2, seed=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, 0.5, seed=0)
    trainer = Trainer(make_network([2, 16, 16, 1], "relu", seed=0), X_train, y_train, lr=0.1, batch_size=16,
                      X_test=X_test, y_test=y_test, seed=0)
    trainer.record()
    for _ in range(10):
        trainer.train(epochs=1)
    assert explorer.state["history"] == trainer.history


# ---- extra test points ----

def test_extra_test_points_leave_every_point_for_training(explorer):
    explorer.set(n_points=40, test_points=200)
    assert (explorer.state["n_train"], explorer.state["n_test"]) == (40, 200)
    assert "40 training + 200 test points" in explorer.text()
    X_train, y_train, X_test, y_test = explorer.run["data"]
    assert 80 <= int(np.sum(y_test)) <= 120   # both classes in the test set
    assert not (X_train[:, None, :] == X_test[None, :, :]).all(axis=2).any()  # no point in both


# ---- hidden-unit maps ----

def test_every_unit_of_the_first_two_hidden_layers_has_a_20_by_20_map(explorer):
    explorer.set(hidden_layers=3, hidden_units=5)
    s = explorer.state
    assert [np.shape(maps) for maps in s["hidden_maps"]] == [(5, 20, 20), (5, 20, 20)]
    assert len(s["dead_units"]) == 3   # dead units are counted in every layer, maps drawn for two
    assert explorer.unit_maps[1].ax.get_title(loc="left") == "layer 2 of 3: 5 relu"   # layer 3 has no maps


def test_a_map_is_the_units_output_over_the_plane(explorer):
    from helpers.training import hidden_outputs

    explorer.step(3)
    hidden, _ = hidden_outputs(explorer.trainer.net, explorer.run["grid"])
    first = hidden[0][:, 4].reshape(60, 60)   # unit 5 of layer 1, row r of the grid at the r-th y
    assert np.allclose(explorer.state["hidden_maps"][0][4], first[1::3, 1::3])


def test_one_hidden_layer_hides_the_second_layers_maps(explorer):
    explorer.set(hidden_layers=1)
    assert len(explorer.state["hidden_maps"]) == 1
    assert not explorer.unit_maps[1].ax.get_visible()
    assert not any(artist.get_visible() for artist in explorer.unit_maps[1].artists)


def test_the_dead_relus_preset_kills_units_they_are_flat_and_crossed_out_and_live_ones_vary():
    explorer = TrainingExplorer(preset="dead ReLUs")
    explorer.step(30)
    s = explorer.state
    assert s["status"] == "ok"
    dead = s["dead_units"][1]
    assert len(dead) >= 6, f"only {len(dead)} dead units in layer 2"
    maps = np.array(s["hidden_maps"][1])
    assert (maps[dead] == 0).all()                                 # dead: flat, 0 everywhere
    alive = [u for u in range(16) if u not in dead]
    assert all(np.ptp(maps[u]) > 0 for u in alive)                 # live units vary over the plane
    drawing = explorer.unit_maps[1]
    assert len(drawing.crosses.get_xdata()) == 6 * len(dead)       # one × (two strokes) per dead unit
    assert drawing.caption.get_text() == f"× dead: {len(dead)} of 16"
    counts = ", ".join(str(len(d)) for d in s["dead_units"])
    assert f"dead units per layer: {counts} (of 16 each)" in explorer.text()
    calm = TrainingExplorer()
    calm.step(30)
    assert len(calm.state["dead_units"][1]) < len(dead)            # a gentle rate kills fewer


def test_a_dead_unit_found_by_the_state_gives_0_at_every_grid_point(explorer):
    from helpers.training import hidden_outputs

    explorer.use_preset("dead ReLUs")
    explorer.step(10)
    hidden, _ = hidden_outputs(explorer.trainer.net, explorer.run["grid"])
    for layer, dead in zip(hidden, explorer.state["dead_units"]):
        assert sorted(dead) == [u for u in range(layer.shape[1]) if not layer[:, u].any()]


# ---- presets ----

@pytest.mark.parametrize("name", ["overfit", "overfit, weight decay", "underfit", "dead ReLUs", "too-large rate"])
def test_each_preset_sets_what_it_says_in_one_redraw_and_starts_afresh(explorer, name, monkeypatch):
    from helpers.widgets.training import PRESETS

    label, settings = PRESETS[name]
    explorer.step(2)
    draws = []
    monkeypatch.setattr(explorer, "draw", lambda state, draw=explorer.draw: draws.append(1) or draw(state))
    explorer.use_preset(name)
    assert len(draws) == 1
    assert explorer.params == {**explorer.defaults, **settings}
    assert explorer.state["preset"] == name and explorer.state["steps"] == 0
    assert explorer.text().splitlines()[1] == f"  preset: {label}"
    assert explorer.preset_menu.value == name


def test_the_overfit_preset_holds_out_at_least_100_test_points_and_overfits():
    explorer = TrainingExplorer(preset="overfit")
    assert explorer.state["n_test"] >= 100 and explorer.state["n_train"] <= 50
    assert explorer.state["network"] == "2-32-32-32-1"
    explorer.step(300)
    s = explorer.state
    h = s["history"]
    assert s["train_accuracy"] >= 0.95 and s["test_accuracy"] <= s["train_accuracy"] - 0.1
    assert s["test_loss"] > 2 * min(h["test_loss"])   # the test loss turned around and climbed
    tamed = TrainingExplorer(preset="overfit, weight decay")
    tamed.step(300)
    assert tamed.state["test_loss"] < 0.5 * s["test_loss"]
    assert tamed.state["weight_norm"] < 0.5 * s["weight_norm"]


def test_the_underfit_and_too_large_rate_presets_show_what_they_say(explorer):
    explorer.use_preset("underfit")
    assert explorer.state["network"] == "2-1-1"
    explorer.use_preset("too-large rate")
    explorer.step(5)
    assert explorer.state["status"].startswith("diverged")


def test_a_control_changed_by_hand_ends_the_preset(explorer):
    explorer.preset_menu.value = "underfit"       # choosing from the menu
    assert explorer.state["preset"] == "underfit" and explorer.params["hidden_units"] == 1
    explorer.controls["noise"].value = 0.3         # by hand
    assert explorer.state["preset"] is None and explorer.preset_menu.value == ""
    assert "preset" not in explorer.text()
    assert explorer.params["hidden_units"] == 1    # the preset's settings stay; only its name goes


def test_a_preset_survives_code_and_keywords(explorer):
    explorer.use_preset("overfit")
    line = explorer.code()
    assert line == ("TrainingExplorer(n_points=40, test_points=200, noise=0.4, hidden_layers=3, hidden_units=32, "
                    "batch_size=4)")
    again = eval(line, {"TrainingExplorer": TrainingExplorer})
    assert again.state["preset"] == "overfit" and again.text() == explorer.text()
    assert TrainingExplorer(preset="overfit", noise=0.3).params["noise"] == 0.3   # keywords after the preset


def test_an_unknown_preset_gets_a_clear_error(explorer):
    with pytest.raises(ValueError, match="no preset 'overfitting'; the presets are 'overfit', "):
        TrainingExplorer(preset="overfitting")
    with pytest.raises(ValueError, match="no preset"):
        explorer.use_preset("fast")


def test_the_preset_menu_sits_above_the_buttons(explorer):
    side = explorer.widget.children[0]
    row = next(box for box in side.children if explorer.step_button in getattr(box, "children", ()))
    assert side.children.index(explorer.preset_menu) == side.children.index(row) - 1


@pytest.mark.parametrize("settings", [{}, {"hidden_layers": 3, "hidden_units": 32}, {"hidden_layers": 1},
                                      {"learning_rate": 100}])
def test_every_panel_and_caption_lies_inside_the_picture_and_none_overlap(settings):
    explorer = TrainingExplorer(**settings)
    explorer.step(12)
    figure = explorer.figure
    renderer = explorer.frames.canvas.get_renderer()
    # each panel with its ticks, labels, title and caption; then the legend and the maps' key, which stand alone
    boxes = [(ax.get_title() or ax.get_title(loc="left") or ax.get_ylabel(), ax.get_tightbbox(renderer))
             for ax in figure.axes if ax.get_visible()]
    boxes += [("legend", legend.get_window_extent(renderer)) for legend in figure.legends]
    boxes += [(text.get_text()[:20], text.get_window_extent(renderer)) for text in figure.texts]
    for name, box in boxes:
        assert (figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1 and figure.bbox.y0 <= box.y0
                and box.y1 <= figure.bbox.y1), f"{name!r} is cut off: {box} in {figure.bbox}"
    for i, (name, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1:]:
            assert not box.overlaps(other_box), f"{name!r} overlaps {other!r}"
