"""JupyterLab in headless Chromium: every notebook that shows an explorer runs, and its sliders work.

For each such notebook: open it, run all cells, then for every explorer move one slider with the
keyboard and once with the mouse, and finally press Reset. The readout the page shows must be the one this process computes
for the slider's new value (the notebook is replayed here, so both sides hold the same explorers),
and the picture must change. No JavaScript error, no traceback in any output.
Key press → readout latencies go to artifacts/latency.json for the benchmark table.
"""
import math
import statistics

import nbformat
import pytest
from lab import REPO, LabNotebook
from replay import replay

NOTEBOOKS = REPO / "notebooks"
LATENCY_PRESSES = 12

# Views that ipywidgets draws as a noUiSlider (.widget-slider), and the ones with one numeric handle.
SLIDER_VIEWS = ("FloatSliderView", "IntSliderView", "FloatLogSliderView", "SelectionSliderView",
                "IntRangeSliderView", "FloatRangeSliderView", "SelectionRangeSliderView")
NUMERIC_SLIDER_VIEWS = ("FloatSliderView", "IntSliderView", "FloatLogSliderView")


def explorer_notebooks():
    """The series' notebooks whose code imports an explorer."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(str(path), as_version=4)
        if any(c.cell_type == "code" and "helpers.widgets" in c.source for c in notebook.cells):
            found.append(path.name)
    return found


@pytest.fixture
def page(open_page):
    """A fresh page that records JavaScript errors (see open_page in conftest.py)."""
    return open_page()


def assert_no_errors(page, notebook):
    assert not notebook.tracebacks(), "an output shows a traceback:\n" + "\n\n".join(notebook.tracebacks())
    assert not page.js_errors, "JavaScript errors in the page:\n" + "\n".join(page.js_errors)


def slider_readout(slider):
    return slider.locator(".widget-readout").first.inner_text().strip()


def reached_value(control, readout_text):
    """The control value the kernel holds, given the slider's (rounded) readout in the page."""
    shown = float(readout_text.replace("\u2212", "-"))  # d3-format writes a real minus sign
    if control._view_name == "FloatLogSliderView":
        exponent = math.log(shown, control.base)
        exponent = control.min + round((exponent - control.min) / control.step) * control.step
        return control.base ** exponent
    if control._view_name == "IntSliderView":
        return int(round(shown))
    steps = round((shown - control.min) / control.step)
    return round(control.min + steps * control.step, 12)


def rows_of(explorer):
    return [(label.strip(), text.strip()) for label, text in explorer._rows()]


def one_step(control):
    """The value one slider step away from the current one (down when at the top)."""
    if control._view_name == "FloatLogSliderView":
        exponent = math.log(control.value, control.base)
        exponent += control.step if exponent + control.step <= control.max + 1e-12 else -control.step
        return control.base ** exponent
    return control.value + control.step if control.value + control.step <= control.max else control.value - control.step


def moved_control(explorer):
    """(name, index among the explorer's sliders, whether moving it changes the picture).

    The benchmark control comes first, then the other numeric sliders in order; the first one whose
    step changes the picture of a fresh explorer is taken (a learning rate, say, may change only
    what happens next, not what is drawn now)."""
    sliders = [name for name, c in explorer.controls.items() if c._view_name in SLIDER_VIEWS]
    numeric = [name for name in sliders if explorer.controls[name]._view_name in NUMERIC_SLIDER_VIEWS]
    assert numeric, f"{type(explorer).__name__} has no numeric slider to move"
    preferred = getattr(type(explorer), "benchmark_control", None)
    if preferred in numeric:
        numeric.remove(preferred)
        numeric.insert(0, preferred)
    for name in numeric:
        probe = type(explorer)()
        before = probe.image.value
        probe.controls[name].value = one_step(probe.controls[name])
        if probe.image.value != before:
            return name, sliders.index(name), True
    return numeric[0], sliders.index(numeric[0]), False


def wait_for_change(page, read, before, timeout_s=20):
    """Poll `read()` until it differs from `before`; return the new value (or `before` on timeout)."""
    for _ in range(int(timeout_s / 0.05)):
        now = read()
        if now != before:
            return now
        page.wait_for_timeout(50)
    return before


def wait_until(page, read, expected, timeout_s=20):
    """Poll `read()` until it returns `expected`; return its last value."""
    for _ in range(int(timeout_s / 0.05)):
        now = read()
        if now == expected:
            break
        page.wait_for_timeout(50)
    return now


def check_move(page, notebook, root, explorer, name, slider, move, what, picture_moves=True):
    """Move a slider (by `move()`), then compare the page with the replayed explorer at the value reached."""
    before_value, before_picture = slider_readout(slider), notebook.image_digest(root)
    move()
    shown = wait_for_change(page, lambda: slider_readout(slider), before_value, timeout_s=10)
    assert shown != before_value, f"{what}: the slider {name!r} did not move (readout stays {before_value})"
    explorer.controls[name].value = reached_value(explorer.controls[name], shown)
    expected = rows_of(explorer)
    rows = notebook.wait_for_rows(root, expected)
    assert rows == expected, f"{what}: {name} = {shown}: the page shows {rows}, expected {expected}"
    if not picture_moves:
        return
    picture = wait_for_change(page, lambda: notebook.image_digest(root), before_picture)
    assert picture != before_picture, f"{what}: {name} = {shown}: the picture did not change"


def test_a_plain_slider_moves_its_label(page, lab, artifacts, latencies):
    """The harness checks itself: a bare ipywidgets slider, moved by keyboard and mouse, updates a label."""
    notebook = LabNotebook(page, lab, "plain_slider.ipynb")
    notebook.run_all()
    slider = notebook.cell(0).locator(".widget-slider").first
    label = notebook.cell(0).locator("div.widget-label").first
    assert label.inner_text().strip() == "n = 3"
    handle = slider.locator(".noUi-handle").first
    notebook.press(handle, "ArrowRight")
    assert wait_for_change(page, lambda: label.inner_text().strip(), "n = 3") == "n = 4"
    notebook.drag(slider, 1.0)
    page.wait_for_function("(s) => s.querySelector('.widget-readout').textContent.trim() === '10'",
                           arg=slider.element_handle(), timeout=10_000)
    assert wait_until(page, lambda: label.inner_text().strip(), "n = 10") == "n = 10"
    samples = []
    for i in range(LATENCY_PRESSES):
        samples.append(notebook.key_latency_ms(label, handle, ("ArrowLeft", "ArrowRight")[i % 2]))
        notebook.wait_idle()
    assert None not in samples, "a key press never reached the label"
    latencies["plain ipywidgets slider → label"] = {"median_ms": round(statistics.median(samples), 1),
                                                     "max_ms": round(max(samples), 1), "presses": len(samples)}
    page.screenshot(path=str(artifacts / "plain_slider.png"))
    assert_no_errors(page, notebook)


@pytest.mark.parametrize("name", explorer_notebooks())
def test_explorers_respond_in_jupyterlab(name, page, lab, artifacts, latencies):
    shown = replay(NOTEBOOKS / name)
    assert shown, f"{name} imports helpers.widgets but displays no explorer"
    notebook = LabNotebook(page, lab, f"notebooks/{name}")
    notebook.run_all()
    stem = name.removesuffix(".ipynb")
    page.screenshot(path=str(artifacts / f"{stem}_run.png"))
    assert_no_errors(page, notebook)

    for cell_index, explorers in shown.items():
        by_title = {}
        for explorer in explorers:
            by_title.setdefault(explorer.title, []).append(explorer)
        for title, same_title in by_title.items():
            roots = notebook.explorers(cell_index, title)
            assert len(roots) == len(same_title), (
                f"{name} cell {cell_index}: expected {len(same_title)} live {title!r} explorer(s) in the page, "
                f"found {len(roots)} (did the widget fail to render?)")
            for k, (root, explorer) in enumerate(zip(roots, same_title)):
                what = f"{name} cell {cell_index} {type(explorer).__name__}"
                root.scroll_into_view_if_needed()
                sliders_shown = root.locator(".widget-slider .widget-readout").all_inner_texts()
                assert notebook.readout_rows(root) == rows_of(explorer), (
                    f"{what}: before any move, the page and the replay disagree; the page's sliders read "
                    f"{sliders_shown}, the replay's controls hold {explorer.params} (a value off its slider's "
                    f"step grid is snapped by the browser and sent back to the kernel)")
                control, index, picture_moves = moved_control(explorer)
                slider = root.locator(".widget-slider").nth(index)
                handle = slider.locator(".noUi-handle").first
                at_max = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
                key = "ArrowLeft" if at_max else "ArrowRight"
                check_move(page, notebook, root, explorer, control, slider,
                           lambda: notebook.press(handle, key), f"{what} keyboard {key}", picture_moves)
                now = float(handle.get_attribute("aria-valuenow"))
                low, high = float(handle.get_attribute("aria-valuemin")), float(handle.get_attribute("aria-valuemax"))
                target = 0.2 if (now - low) / (high - low) > 0.5 else 0.8
                check_move(page, notebook, root, explorer, control, slider,
                           lambda: notebook.drag(slider, target), f"{what} mouse drag", picture_moves)
                root.screenshot(path=str(artifacts / f"{stem}_cell{cell_index}_{k}.png"))

                samples = []
                for i in range(LATENCY_PRESSES):
                    key = ("ArrowLeft", "ArrowRight")[i % 2]
                    samples.append(notebook.key_latency_ms(notebook.readout(root), handle, key))
                    notebook.wait_idle()  # this event fully handled, so its updates are not timed as the next one's
                measured = [s for s in samples if s is not None]
                assert measured, f"{what}: no key press changed the readout"
                latencies[f"{stem} {type(explorer).__name__} ({control})"] = {
                    "median_ms": round(statistics.median(measured), 1), "max_ms": round(max(measured), 1),
                    "presses": len(measured)}

                root.locator("button", has_text="Reset").first.click()
                explorer.reset()
                rows = notebook.wait_for_rows(root, rows_of(explorer))
                assert rows == rows_of(explorer), f"{what}: after Reset the page shows {rows}, expected {rows_of(explorer)}"
    assert_no_errors(page, notebook)


def test_a_click_on_the_network_selects_a_parameter_for_the_slice(page, lab, artifacts):
    """Notebook 05: a click on the edge of W2₂ in NetworkExplorer's picture makes W2₂ the slice's
    horizontal parameter: the dropdown and the readout follow (ipyevents on the picture)."""
    from helpers.widgets import NetworkExplorer

    name = "05_the_2-2-1_network_by_hand.ipynb"
    cell = next(i for i, c in enumerate(nbformat.read(str(NOTEBOOKS / name), as_version=4).cells)
                if c.cell_type == "code" and "NetworkExplorer(" in c.source)
    notebook = LabNotebook(page, lab, f"notebooks/{name}")
    notebook.run_all()
    roots = notebook.explorers(cell, NetworkExplorer.title)
    assert len(roots) == 1, f"expected one live NetworkExplorer, found {len(roots)}"
    root = roots[0]
    root.scroll_into_view_if_needed()
    before = dict(notebook.readout_rows(root))["slice"]

    image = root.locator("img").first
    box = image.bounding_box()
    natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    probe = NetworkExplorer()  # the same figure, built here: its Axes' transform says where W2₂'s edge is
    x, y = probe.diagram.ax.transData.transform((2.6, -0.5))
    height = probe.figure.bbox.height
    page.mouse.click(box["x"] + x * box["width"] / natural[0], box["y"] + (height - y) * box["height"] / natural[1])

    probe.select("W2_2")
    expected = dict(rows_of(probe))["slice"]
    for _ in range(200):
        shown = dict(notebook.readout_rows(root))["slice"]
        if shown != before:
            break
        page.wait_for_timeout(50)
    assert shown == expected, f"after a click on W2₂'s edge the slice reads {shown!r}, expected {expected!r}"
    chosen = root.locator("select").first.evaluate("s => s.options[s.selectedIndex].text")
    assert chosen == "W2₂", f"the slice dropdown shows {chosen!r}"
    root.screenshot(path=str(artifacts / "05_network_clicked.png"))
    assert_no_errors(page, notebook)
