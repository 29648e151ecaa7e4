"""Training speed: the TrainingExplorer's frames while playing, and 2-16-16-1 reaching 97 % on 200 moons.

A frame is what one tick of Play costs in the kernel: one epoch of minibatch steps (at most 25),
the evaluation on training and test points, the 60 × 60 boundary grid, the blitted redraw and the
PNG encode. The target is ≥ 15 frames per second (≤ 66 ms per frame).
"""
import statistics
import time

from helpers.data import make_moons
from helpers.training import Trainer, make_network

FRAMES = 40


def frame_times_ms(frames=FRAMES):
    from helpers.widgets import TrainingExplorer

    explorer = TrainingExplorer()
    explorer.step(3)  # past the first full render of the background
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        explorer.step(whole_epochs=False)
        times.append((time.perf_counter() - start) * 1e3)
    return times


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
    seconds, epochs, acc = time_to_97_percent()
    return [
        ("training explorer: one Play frame (1 epoch + redraw)", f"{frame:.1f} ms",
         f"median of {FRAMES}; {1000 / frame:.0f} frames/s, target ≥ 15"),
        ("2-16-16-1 on 200 moons to ≥ 97 % train accuracy", f"{seconds * 1e3:.0f} ms",
         f"{acc:.1%} after {epochs:.0f} epochs; median of 5, target ≤ 2 s"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
