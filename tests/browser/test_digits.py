"""Notebook 09 in JupyterLab in headless Chromium: draw a digit with the mouse, and the network's reading changes.

In a 1366 × 768 window: run the notebook, press Clear on the digit explorer, drag the mouse down the middle of
its canvas (a 1), and the readout must change from the blank canvas's to a drawing read as a 1. The picture is
shown at its own size (so its text keeps the size it was drawn at) and nothing of the explorer is cut off.
A screenshot of the explorer after drawing goes to artifacts/09_digit_explorer_drawn.png.
"""
import base64
import io

import nbformat
import pytest
from lab import REPO, LabNotebook

NOTEBOOK = "notebooks/09_handwritten_digits.ipynb"
WINDOW = {"width": 1366, "height": 768}
STROKE = [(14, 4), (14, 9), (14, 14), (14, 19), (14, 23)]   # canvas cells (column, row): a vertical bar


def explorer_cell():
    notebook = nbformat.read(str(REPO / NOTEBOOK), as_version=4)
    return next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and "DigitExplorer(" in c.source)


@pytest.fixture
def laptop_page(browser, lab):
    """A page the size of a small laptop screen, recording JavaScript errors; its kernels are shut down after."""
    context = browser.new_context(viewport=WINDOW)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.js_errors = []
    page.on("console", lambda message: message.type == "error" and page.js_errors.append(message.text))
    page.on("pageerror", lambda error: page.js_errors.append(f"uncaught: {error}"))
    yield page
    context.close()
    lab.shutdown_kernels()


def rows_text(rows):
    return dict(rows)


def wait_for_rows_change(page, notebook, root, before, timeout_s=20):
    for _ in range(int(timeout_s / 0.05)):
        rows = notebook.readout_rows(root)
        if rows != before:
            return rows
        page.wait_for_timeout(50)
    return before


def test_drawing_with_the_mouse_changes_the_probabilities(laptop_page, lab, artifacts):
    from helpers.widgets import DigitExplorer

    page = laptop_page
    notebook = LabNotebook(page, lab, NOTEBOOK)
    notebook.run_all()
    assert not notebook.tracebacks(), "an output shows a traceback:\n" + "\n\n".join(notebook.tracebacks())
    roots = notebook.explorers(explorer_cell(), DigitExplorer.title)
    assert len(roots) == 1, f"expected one live digit explorer, found {len(roots)}"
    root = roots[0]
    root.scroll_into_view_if_needed()

    root.locator("button", has_text="Clear").first.click()
    blank = wait_for_rows_change(page, notebook, root, notebook.readout_rows(root))
    assert "blank" in rows_text(blank)["on the canvas"], f"Clear did not empty the canvas: {blank}"
    notebook.wait_idle()

    image = root.locator("img").first
    box = image.bounding_box()
    natural = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    # Where the canvas cells are in the picture: the same figure, built here, knows (its Axes' transform).
    probe = DigitExplorer()
    height = probe.figure.bbox.height
    points = []
    for column, row in STROKE:
        x, y = probe.canvas_ax.transData.transform((column, row))
        points.append((box["x"] + x * box["width"] / natural[0], box["y"] + (height - y) * box["height"] / natural[1]))
    page.mouse.move(*points[0])
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*point, steps=6)
        page.wait_for_timeout(40)
    page.mouse.up()

    wait_for_rows_change(page, notebook, root, blank)
    notebook.wait_idle()              # every event of the stroke handled
    page.wait_for_timeout(300)
    drawn = notebook.readout_rows(root)
    shown = rows_text(drawn)
    assert drawn != blank, "drawing on the canvas did not change what the explorer shows"
    assert shown["on the canvas"] == "your drawing", shown
    assert shown["probabilities 0–4"] != rows_text(blank)["probabilities 0–4"], "the probabilities did not change"
    assert shown["the network reads"].startswith("1,"), f"a vertical bar should read as a 1: {shown}"

    # The picture the page shows has ink along the stroke and nowhere else on the canvas.
    png = base64.b64decode(image.evaluate("""async img => {
        const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
        let text = ''; for (const b of bytes) text += String.fromCharCode(b); return btoa(text); }"""))
    from PIL import Image

    shown_picture = Image.open(io.BytesIO(png)).convert("L")
    stray = []
    for row in range(28):
        for column in range(28):
            x, y = probe.canvas_ax.transData.transform((column, row))
            grey = shown_picture.getpixel((int(x), int(height - y)))
            on_stroke = abs(column - 14) <= 1 and 3 <= row <= 24
            if not on_stroke and abs(column - 14) >= 3 and grey < 200:
                stray.append((column, row))
    assert not stray, f"ink away from the stroke drawn at column 14, rows 4-23: cells {stray[:10]}"
    assert shown_picture.getpixel(tuple(int(v) for v in (probe.canvas_ax.transData.transform((14, 14))[0],
                                                          height - probe.canvas_ax.transData.transform((14, 14))[1]))) < 60
    root.screenshot(path=str(artifacts / "09_digit_explorer_drawn.png"))
    page.screenshot(path=str(artifacts / "09_digit_explorer_page.png"))

    # Legible and whole at this window size: the picture is not scaled below its natural size (its PNG has
    # pixel_ratio pixels per CSS px), and the explorer fits the page.
    assert box["width"] >= natural[0] / probe.pixel_ratio - 1, (
        f"the picture is shown {box['width']:.0f} px wide, below its natural {natural[0] / probe.pixel_ratio:.0f} px")
    whole = root.bounding_box()
    assert whole["x"] >= 0 and whole["x"] + whole["width"] <= WINDOW["width"], f"the explorer is cut off: {whole}"
    sizes = root.evaluate("""r => [...r.querySelectorAll('.widget-label, .widget-html-content, button, td')]
        .filter(e => e.offsetParent !== null && e.textContent.trim())
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 12, f"text smaller than 12 px in the explorer's controls or readout: {min(sizes)}"
    assert not page.js_errors, "JavaScript errors in the page:\n" + "\n".join(page.js_errors)
