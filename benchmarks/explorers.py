"""Explorer responsiveness in the kernel: what one slider event costs (state + redraw + PNG encode).

For every class in helpers.widgets.ALL: build it, move its `benchmark_control` (or its first slider)
up through at least 40 values spread over its range and back down, timing each `.value` assignment,
which is exactly what a slider event runs. Also the time of Reset after such a sweep, and for an explorer
with a `step_backward()` (the "Step backward" button), the time of one press over whole sweeps.
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


def sweep(control, count=VALUES):
    """(attribute, values): `count` settings spread over the control's range, up and back down.

    Sliders move on their step grid; a choice (dropdown, toggle buttons) cycles through its options."""
    if hasattr(control, "options"):
        return "index", [k % len(control.options) for k in range(2 * count)]
    if isinstance(control.value, bool):
        return "value", [k % 2 == 0 for k in range(2 * count)]
    if isinstance(control, widgets.FloatLogSlider):
        up = [control.base ** (control.min + (control.max - control.min) * k / (count - 1)) for k in range(count)]
    else:
        low, high, step = control.min, control.max, getattr(control, "step", None) or 1
        up = sorted({round(low + round((high - low) * k / (count - 1) / step) * step, 12) for k in range(count)})
        if isinstance(control, widgets.IntSlider):
            up = sorted({int(v) for v in up})
    return "value", up + up[-2::-1]


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def time_explorer(cls):
    """(control name, ms per event, ms per Reset) for one freshly built explorer."""
    explorer = cls()
    name = moved_control(explorer)
    control = explorer.controls[name]
    attribute, path = sweep(control)
    times = []
    for value in path:
        if getattr(control, attribute) == value:
            continue  # no change, no event
        start = time.perf_counter()
        setattr(control, attribute, value)
        times.append((time.perf_counter() - start) * 1e3)
    resets = []
    for value in (path[len(path) // 2], path[0]) * RESETS:  # from the far end and from the start
        setattr(control, attribute, value)
        start = time.perf_counter()
        explorer.reset()
        resets.append((time.perf_counter() - start) * 1e3)
    return name, times, resets


def time_step_backward(cls, presses=40):
    """ms per "Step backward" press, over several whole sweeps (each press repaints the picture)."""
    explorer = cls()
    times = []
    for _ in range(presses):
        start = time.perf_counter()
        explorer.step_backward()
        times.append((time.perf_counter() - start) * 1e3)
    explorer.close()
    return times


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
        if hasattr(cls, "step_backward"):
            times = time_step_backward(cls)
            out.append((f"explorer {cls.__name__}: one Step backward", f"{statistics.median(times):.1f} ms",
                        f"p95 {percentile(times, 0.95):.1f} ms over {len(times)} presses"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
