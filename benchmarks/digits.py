"""Notebook 09's speed: training 784-128-64-10 on 3,500 digits (500 of the 4,000 held back for validation), and one drawing event in the digit explorer.

Training: the notebook's recipe (SGD with momentum, 15 epochs, batch 32, on 3,500 images; 500 held back for
validation) from fresh weights, timed from the
first step to the last, with the test accuracy it reaches. Target: ≥ 94 % on the 1,000 test digits in ≤ 10 s.

Drawing: the explorer's handler for one mouse move while the button is down, which is what a browser event
runs in the kernel: a pen segment on the canvas, the forward pass, the input gradient, the blitted redraw
and the PNG encode. Target: ≤ 30 ms median.
"""
import statistics
import time

from helpers import digits
from helpers.data import load_digits

RUNS = 3
MOVES = 60


def training_runs(runs=RUNS):
    """[(seconds, test accuracy)] for `runs` trainings from the same fresh start."""
    X_train, X_test, y_train, y_test = load_digits()
    X_fit, X_val, y_fit, y_val = digits.split_validation(X_train, y_train)
    results = []
    for _ in range(runs):
        net = digits.make_digit_network(seed=digits.RECIPE["seed"])
        start = time.perf_counter()
        digits.train_digits(net, X_fit, y_fit, X_val, y_val, **digits.RECIPE)
        results.append((time.perf_counter() - start, digits.accuracy(net, X_test, y_test)))
    return results


def drawing_event_times_ms(moves=MOVES):
    """Milliseconds per mouse move along a zigzag stroke across the canvas (the first, full render left out)."""
    from helpers.widgets import DigitExplorer

    explorer = DigitExplorer()
    explorer.clear()
    width, height = explorer.figure.bbox.width, explorer.figure.bbox.height

    def event(kind, column, row):
        x, y = explorer.canvas_ax.transData.transform((column, row))
        return {"type": kind, "relativeX": round(x), "relativeY": round(height - y), "buttons": 1,
                "boundingRectWidth": width, "boundingRectHeight": height}

    explorer.on_mouse(event("mousedown", 4, 4))
    times = []
    for k in range(moves):
        column, row = 4 + (k % 20), 4 + 20 * (k // 20) / (moves // 20) + (k % 2)
        start = time.perf_counter()
        explorer.on_mouse(event("mousemove", column, row))
        times.append((time.perf_counter() - start) * 1e3)
    explorer.on_mouse(event("mouseup", 0, 0))
    return times


def rows():
    runs = training_runs()
    seconds = statistics.median(t for t, _ in runs)
    accuracy = runs[0][1]
    times = drawing_event_times_ms()
    return [
        ("digits: train 784-128-64-10, 15 epochs on 3,500 images", f"{seconds:.1f} s",
         f"test accuracy {accuracy:.1%} on 1,000 held-out digits; median of {RUNS} runs "
         f"({min(t for t, _ in runs):.1f}–{max(t for t, _ in runs):.1f} s); target ≥ 94 % in ≤ 10 s"),
        ("digit explorer: one drawing event (pen + forward + input gradient + redraw)",
         f"{statistics.median(times):.1f} ms", f"median of {MOVES} mouse moves, max {max(times):.0f} ms; target ≤ 30 ms"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
