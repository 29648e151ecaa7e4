"""Grab the start point on the surface maps of notebooks 04 and 08, in JupyterLab in headless Chromium.

For LossSurfaceExplorer and OptimizerExplorer: a click on the contour map must move the start sliders and the
readout to the point clicked, a drag must move them to where it ends, and a click outside the map must change
nothing. "The point clicked" is the pixel the mouse was at, turned into (w1, w2) through the map's axes
transform of the same figure built here; the sliders must be within one grid step (0.01) of it.
Screenshots after the drags go to artifacts/grab_<explorer>.png, the numbers to artifacts/grab_<explorer>.json.
"""
import json
import re

import nbformat
import pytest
from lab import LabNotebook

GRID = 0.01
CASES = {
    # explorer: (start slider names, readout row, that row's pattern for the two numbers, click, drag to)
    "LossSurfaceExplorer": (("start w", "start b"), "w, b", r"(\S+), (\S+)", (5.0, 2.0), (1.0, -3.5)),
    "OptimizerExplorer": (("start w1", "start w2"), "start", r"\((\S+), (\S+)\)", (0.5, -1.2), (-1.0, 1.5)),
}


def number(text):
    return float(text.replace("\u2212", "-"))


def write_notebook(path, name):
    source = f"from helpers.widgets import {name}\n\nexplorer = {name}()\nexplorer"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, str(path))


class Picture:
    """Where a point of the map is on the page, and which point of the map a page pixel is."""

    def __init__(self, image, probe):
        self.box = image.bounding_box()
        self.natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
        self.probe = probe

    def page_xy(self, point):
        """The whole page pixel nearest to data point `point` (a mouse sits on whole pixels)."""
        x, y = self.probe.grab.ax.transData.transform(point)
        height = self.probe.figure.bbox.height
        return (round(self.box["x"] + x * self.box["width"] / self.natural[0]),
                round(self.box["y"] + (height - y) * self.box["height"] / self.natural[1]))

    def data_at(self, page_x, page_y):
        """The data point under a page pixel: the point clicked. The browser reports the mouse to the kernel as
        the whole pixel of the picture it is on (ipyevents rounds); that pixel's centre is the point clicked."""
        x = (round(page_x - self.box["x"]) + 0.5) * self.natural[0] / self.box["width"]
        y = (round(page_y - self.box["y"]) + 0.5) * self.natural[1] / self.box["height"]
        return self.probe.grab.data_at(x, y)


def slider_values(root, names):
    return tuple(number(root.locator(".widget-slider", has_text=name).first.locator(".widget-readout").first
                        .inner_text()) for name in names)


def readout_pair(notebook, root, row, pattern):
    text = dict(notebook.readout_rows(root))[row]
    found = re.match(pattern, text)
    assert found, f"readout row {row!r} reads {text!r}"
    return number(found.group(1)), number(found.group(2))


def wait_until(page, condition, timeout_s=20):
    for _ in range(int(timeout_s / 0.05)):
        if condition():
            return True
        page.wait_for_timeout(50)
    return condition()


def near(values, expected):
    return all(abs(v - e) <= GRID + 1e-9 for v, e in zip(values, expected))


def assert_at(values, expected, what):
    assert near(values, expected), \
        f"{what}: {values}, but the point clicked is {tuple(round(e, 4) for e in expected)} (grid step {GRID})"


@pytest.mark.parametrize("name", list(CASES))
def test_click_and_drag_on_the_map_move_the_start(name, open_page, lab, served_dir, artifacts):
    import helpers.widgets as package

    sliders, row, pattern, click, drag_to = CASES[name]
    path = f"grab_{name}.ipynb"
    write_notebook(served_dir / path, name)
    page = open_page(1400, 1000)
    notebook = LabNotebook(page, lab, path)
    notebook.run_all()
    assert not notebook.tracebacks(), "\n\n".join(notebook.tracebacks())
    cls = getattr(package, name)
    roots = notebook.explorers(0, cls.title)
    assert len(roots) == 1, f"expected one live {name}, found {len(roots)}"
    root = roots[0]
    root.scroll_into_view_if_needed()
    picture = Picture(root.locator("img").first, cls())
    start = slider_values(root, sliders)

    # A click outside the map (on the figure's right-hand panel) changes nothing.
    box = picture.box
    page.mouse.click(box["x"] + 0.97 * box["width"], box["y"] + 0.5 * box["height"])
    page.wait_for_timeout(500)
    notebook.wait_idle()
    assert slider_values(root, sliders) == start, "a click outside the map moved the start"

    # A click on the map puts the start there.
    x, y = picture.page_xy(click)
    clicked = picture.data_at(x, y)
    page.mouse.click(x, y)
    assert wait_until(page, lambda: slider_values(root, sliders) != start), "the click did not move the sliders"
    wait_until(page, lambda: near(readout_pair(notebook, root, row, pattern), clicked))
    notebook.wait_idle()
    after_click, readout_after_click = slider_values(root, sliders), readout_pair(notebook, root, row, pattern)
    assert_at(after_click, clicked, f"{name}: after a click the sliders read")
    assert_at(readout_after_click, clicked, f"{name}: after a click the readout reads")

    # A drag moves it live and leaves it where the mouse is released.
    before = slider_values(root, sliders)
    x1, y1 = picture.page_xy(drag_to)
    released = picture.data_at(x1, y1)
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(x + (x1 - x) * k / 8, y + (y1 - y) * k / 8)
        page.wait_for_timeout(60)
    page.mouse.up()
    assert wait_until(page, lambda: slider_values(root, sliders) != before), "the drag did not move the sliders"
    wait_until(page, lambda: near(readout_pair(notebook, root, row, pattern), released))
    notebook.wait_idle()
    assert_at(slider_values(root, sliders), released, f"{name}: after a drag the sliders read")
    assert_at(readout_pair(notebook, root, row, pattern), released, f"{name}: after a drag the readout reads")
    root.screenshot(path=str(artifacts / f"grab_{name}.png"))
    (artifacts / f"grab_{name}.json").write_text(json.dumps({
        "click": {"point clicked": clicked, "sliders": after_click, "readout": readout_after_click},
        "drag": {"point released": released, "sliders": slider_values(root, sliders),
                 "readout": readout_pair(notebook, root, row, pattern)}}, indent=2) + "\n")
    assert not page.js_errors, "JavaScript errors in the page:\n" + "\n".join(page.js_errors)
