"""Training speed: the TrainingExplorer's frames while playing, its slider events and presets, and
2-16-16-1 reaching 97 % on 200 moons.

A frame is what one tick of Play costs in the kernel: one epoch of minibatch steps (at most 25),
the evaluation on training and test points, the 60 × 60 boundary grid, the hidden-unit maps, the
blitted redraw and the PNG encode. The target is ≥ 15 frames per second (≤ 66 ms per frame); it is
measured on the defaults (2-16-16-1: 32 maps) and on the overfit preset (2-32-32-32-1: 64 maps, the most
there are). A slider event (the learning rate, mid-run) and a preset choice target ≤ 30 ms.
"""
import statistics
import time

from helpers.data import make_moons
from helpers.training import Trainer, make_network

FRAMES = 40


def frame_times_ms(frames=FRAMES, **settings):
    from helpers.widgets import TrainingExplorer

    explorer = TrainingExplorer(**settings)
    explorer.step(3)  # past the first full render of the background
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        explorer.step(whole_epochs=False)
        times.append((time.perf_counter() - start) * 1e3)
    return times


def event_times_ms(rounds=5):
    """(learning-rate slider events, preset choices) in ms, on an explorer 3 epochs into its run."""
    from helpers.widgets import TrainingExplorer
    from helpers.widgets.training import PRESETS

    explorer = TrainingExplorer()
    explorer.step(3)
    control, events = explorer.controls["learning_rate"], []
    for _ in range(rounds):
        for value in (0.1, 0.3162277660168379, 1.0, 0.03162277660168379):
            start = time.perf_counter()
            control.value = value
            events.append((time.perf_counter() - start) * 1e3)
    presets = []
    for _ in range(rounds):
        for name in PRESETS:
            start = time.perf_counter()
            explorer.preset_menu.value = name
            presets.append((time.perf_counter() - start) * 1e3)
    return events, presets


def time_to_97_percent(repeats=5):
    """Median wall time (s) and the epochs used: 2-16-16-1 ReLU, SGD η = 0.5, batch 16, until ≥ 97 % train accuracy."""
    X, y = make_moons(n=200, noise=0.1, seed=0)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        trainer = Trainer(make_network([2, 16, 16, 1], "relu", seed=0), X, y, lr=0.5, batch_size=16, seed=0)
        trainer.record()
        while trainer.history["train_accuracy"][-1] < 0.97 and trainer.epoch < 1000:
            trainer.train(epochs=1)
        times.append(time.perf_counter() - start)
    return statistics.median(times), trainer.epoch, trainer.history["train_accuracy"][-1]


def rows():
    frame = statistics.median(frame_times_ms())
    big_frame = statistics.median(frame_times_ms(preset="overfit"))
    events, presets = event_times_ms()
    event, preset = statistics.median(events), statistics.median(presets)
    seconds, epochs, acc = time_to_97_percent()
    return [
        ("training explorer: one Play frame (1 epoch + redraw)", f"{frame:.1f} ms",
         f"median of {FRAMES}, with the 32 hidden-unit maps; {1000 / frame:.0f} frames/s, target ≥ 15"),
        ("training explorer: one Play frame, overfit preset (2-32-32-32-1)", f"{big_frame:.1f} ms",
         f"median of {FRAMES}, 25 minibatches + 64 hidden-unit maps; {1000 / big_frame:.0f} frames/s, target ≥ 15"),
        ("training explorer: one learning-rate slider event, mid-run", f"{event:.1f} ms",
         f"median of {len(events)}; max {max(events):.0f} ms; target ≤ 30 ms"),
        ("training explorer: choosing a preset (fresh run, one redraw)", f"{preset:.1f} ms",
         f"median of {len(presets)} over the {len(presets) // 5} presets; max {max(presets):.0f} ms"),
        ("2-16-16-1 on 200 moons to ≥ 97 % train accuracy", f"{seconds * 1e3:.0f} ms",
         f"{acc:.1%} after {epochs:.0f} epochs; median of 5, target ≤ 2 s"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
