"""Grabbing the start on the surface maps (notebooks 04 and 08), and OptimizerExplorer's Tune button.

Click-to-move: the explorer's handler for one mouse press on its map, which is what a browser event runs in the
kernel: pixel → (w1, w2), the sliders set on their grid, the paths recomputed, the blitted redraw and the PNG
encode. Presses land on a grid of points spread over the map, each new. Target: ≤ 30 ms median.
Tune: one press, four optimizers × 67 rates × 200 steps each. Target: ≤ 2 s.
"""
import statistics
import time

CLICKS = 40
TUNES = 3


def click_times_ms(cls, ax_name, box, clicks=CLICKS):
    explorer = cls()
    ax = getattr(explorer, ax_name)
    width, height = explorer.figure.bbox.width, explorer.figure.bbox.height
    (x0, x1), (y0, y1) = box
    times = []
    for k in range(clicks):
        point = (x0 + (x1 - x0) * ((7 * k) % clicks + 0.5) / clicks, y0 + (y1 - y0) * (k + 0.5) / clicks)
        x, y = ax.transData.transform(point)
        event = {"type": "mousedown", "buttons": 1, "relativeX": int(x), "relativeY": int(height - y),
                 "boundingRectWidth": width, "boundingRectHeight": height}
        start = time.perf_counter()
        explorer.grab.on_mouse(event)
        times.append((time.perf_counter() - start) * 1e3)
        explorer.grab.on_mouse({**event, "type": "mouseup"})
    explorer.close()
    return times


def tune_times_s(tunes=TUNES):
    from helpers.widgets import OptimizerExplorer

    explorer = OptimizerExplorer()
    times = []
    for surface in ("valley", "saddle", "banana")[:tunes]:
        explorer.controls["surface"].value = surface
        start = time.perf_counter()
        explorer.tune()
        times.append(time.perf_counter() - start)
    explorer.close()
    return times


def rows():
    from helpers.widgets import LossSurfaceExplorer, OptimizerExplorer

    out = []
    for cls, ax_name, box in ((LossSurfaceExplorer, "surface_ax", ((-1.5, 11.5), (-5.5, 9.5))),
                              (OptimizerExplorer, "ax_map", ((-1.9, 1.9), (-1.9, 1.9)))):
        times = click_times_ms(cls, ax_name, box)
        out.append((f"explorer {cls.__name__}: one click-to-move on the map", f"{statistics.median(times):.1f} ms",
                    f"median of {len(times)} presses, max {max(times):.0f} ms; target ≤ 30 ms"))
    tunes = tune_times_s()
    out.append(("explorer OptimizerExplorer: one Tune (4 optimizers × 67 rates × 200 steps)",
                f"{statistics.median(tunes):.2f} s", f"median over the {len(tunes)} surfaces, max {max(tunes):.2f} s; "
                                                     "target ≤ 2 s"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
