"""Explorer responsiveness in the kernel: what one slider event costs (state + redraw + PNG encode).

For every class in helpers.widgets.ALL: build it, move its `benchmark_control` (or its first slider)
up through at least 40 values spread over its range and back down, timing each `.value` assignment,
which is exactly what a slider event runs. Also the time of Reset after such a sweep.
Target: ≤ 30 ms per event (a readout that follows the hand), see the design notes.
"""
import math
import statistics
import time

import ipywidgets as widgets

VALUES = 40
RESETS = 5


def moved_control(explorer):
    name = getattr(type(explorer), "benchmark_control", None)
    if name in explorer.controls:
        return name
    for name, control in explorer.controls.items():
        if isinstance(control, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider)):
            return name
    return next(iter(explorer.controls))


def sweep_values(control, count=VALUES):
    """`count` values spread over the control's range, on its step grid, in increasing order."""
    if hasattr(control, "options"):
        return [control.options[i % len(control.options)] for i in range(count)], "index"
    if isinstance(control, widgets.FloatLogSlider):
        exponents = [control.min + (control.max - control.min) * k / (count - 1) for k in range(count)]
        return [control.base ** e for e in exponents], "value"
    if isinstance(control.value, bool):
        return [k % 2 == 0 for k in range(count)], "value"
    low, high, step = control.min, control.max, getattr(control, "step", None) or 1
    grid = sorted({round(low + round((high - low) * k / (count - 1) / step) * step, 12) for k in range(count)})
    if isinstance(control, widgets.IntSlider):
        grid = sorted({int(v) for v in grid})
    return grid, "value"


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def time_explorer(cls):
    explorer = cls()
    name = moved_control(explorer)
    control = explorer.controls[name]
    values, kind = sweep_values(control)
    path = values + values[-2::-1]  # up, then back down
    if kind == "index":
        path = list(range(len(control.options))) * max(1, (2 * VALUES) // len(control.options))
    times = []
    for value in path:
        if (control.index if kind == "index" else control.value) == value:
            continue  # no change, no event
        start = time.perf_counter()
        if kind == "index":
            control.index = value
        else:
            control.value = value
        times.append((time.perf_counter() - start) * 1e3)
    resets = []
    for value in (values[-1], values[0]) * RESETS:
        if kind != "index":
            control.value = value
        start = time.perf_counter()
        explorer.reset()
        resets.append((time.perf_counter() - start) * 1e3)
    return name, times, resets


def rows():
    from helpers.widgets import ALL

    out = []
    for cls in ALL:
        try:
            name, times, resets = time_explorer(cls)
        except Exception as error:  # one broken explorer must not hide the others
            out.append((f"explorer {cls.__name__}", "failed", f"{type(error).__name__}: {error}"))
            continue
        out.append((f"explorer {cls.__name__}: one `{name}` event", f"{statistics.median(times):.1f} ms",
                    f"p95 {percentile(times, 0.95):.1f} ms over {len(times)} events; "
                    f"Reset {statistics.median(resets):.1f} ms"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
