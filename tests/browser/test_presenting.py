"""Presenting: every explorer's picture measured in real JupyterLab, on a laptop and in Presentation Mode.

notebooks/explorers.ipynb holds every explorer of the series with its notebook's defaults; it is run once in a
1366×768 window with the file browser open (a laptop), then the window becomes 1920×1080 and JupyterLab enters
Presentation Mode (a projector). For each explorer the page gives the picture's shown width and natural width;
this process builds the same explorer and gives its smallest font size (points) and dpi, so

    smallest text on screen (CSS px) = points × dpi / 72 × shown width / natural width.

Screenshots of each explorer at both sizes go to tests/browser/artifacts/present_<Class>_<setting>.png, the
measurements to artifacts/presenting.json. Also asserted: the picture's one-line description (ipywidgets'
Image has no alt attribute: a visually hidden line beside it, which screen readers read), the control column
never narrowing the picture, the smallest text reaching 12 CSS px on the laptop and 18 px presenting, and every
explorer fitting the laptop's screen.
"""
import json

import pytest
from lab import LabNotebook

from helpers.widgets import ALL

NOTEBOOK = "notebooks/explorers.ipynb"
LAPTOP, PROJECTOR = (1366, 768), (1920, 1080)
LAPTOP_PX, PROJECTOR_PX = 12, 18
BY_TITLE = {cls.title: cls for cls in ALL}


_MEASURE = """(root) => {
    const img = root.querySelector('img');
    const box = root.getBoundingClientRect();
    return {shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
            description: (root.querySelector('.picture-description') || {textContent: ''}).textContent, top: box.top, height: box.height,
            controls: root.firstElementChild.getBoundingClientRect().width};
}"""

_VISIBLE_HEIGHT = """() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
    .getBoundingClientRect().height"""


def explorer_roots(page):
    roots = page.locator(".jp-OutputArea-output > .widget-hbox")
    return [r for r in roots.all() if r.locator("img").count()]


def measure(page, notebook, setting, artifacts):
    found = {}
    for root in explorer_roots(page):
        title = root.locator(".widget-html-content > b").first.inner_text().strip()
        cls = BY_TITLE[title]
        root.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        shot = artifacts / f"present_{cls.__name__}_{setting}.png"
        page.screenshot(path=str(shot))
        found[cls.__name__] = {**root.evaluate(_MEASURE), "screenshot": shot.name}
    return found


def toggle_presentation_mode(page):
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")  # the command palette
    page.keyboard.type("Presentation Mode")
    page.locator(".lm-CommandPalette-item", has_text="Presentation Mode").first.click()
    page.wait_for_selector(".jp-mod-presentationMode")


@pytest.fixture(scope="module")
def measured(browser, lab, artifacts):
    context = browser.new_context(viewport={"width": LAPTOP[0], "height": LAPTOP[1]})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        notebook = LabNotebook(page, lab, NOTEBOOK, timeout_s=180)
        notebook.run_all()
        page.wait_for_timeout(1000)
        visible = page.evaluate(_VISIBLE_HEIGHT)
        laptop = measure(page, notebook, "laptop", artifacts)
        page.set_viewport_size({"width": PROJECTOR[0], "height": PROJECTOR[1]})
        toggle_presentation_mode(page)
        page.wait_for_timeout(1000)
        presenting = measure(page, notebook, "presenter", artifacts)
    finally:
        context.close()
        lab.shutdown_kernels()
    results = {}
    for name, at_laptop in laptop.items():
        cls = next(c for c in ALL if c.__name__ == name)
        explorer = cls()
        points, dpi = explorer.smallest_text_points(), explorer.figure.dpi
        explorer.close()
        results[name] = {"points": points, "dpi": dpi, "alt": explorer.describe(), "visible_height": visible,
                         "laptop": {**at_laptop, "px": points * dpi / 72 * at_laptop["shown"] / at_laptop["natural"]},
                         "presenter": {**presenting[name], "px": points * dpi / 72 * presenting[name]["shown"]
                                       / presenting[name]["natural"]}}
    (artifacts / "presenting.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    results["_errors"] = errors
    return results


EXPLORER_NAMES = sorted(cls.__name__ for cls in ALL)


def test_every_explorer_of_the_series_was_measured(measured):
    assert set(EXPLORER_NAMES) <= set(measured), f"measured only {sorted(measured)}"
    assert not measured["_errors"], measured["_errors"]


@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_the_picture_says_what_it_shows(measured, name):
    result = measured[name]
    assert result["laptop"]["description"] == "Picture: " + result["alt"] and len(result["alt"]) > 30, result["alt"]


@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_the_picture_is_rendered_at_its_pixel_ratio_and_grows_at_most_twofold(measured, name):
    # pixel_ratio 2: sharp on a presenter's screen (two pixels per CSS pixel of its natural size)
    cls = next(c for c in ALL if c.__name__ == name)
    explorer = cls()
    natural_css, ratio = explorer.shown_width(), explorer.pixel_ratio
    explorer.close()
    for setting in ("laptop", "presenter"):
        result = measured[name][setting]
        assert abs(result["natural"] - ratio * natural_css) <= 1, result
        assert result["shown"] <= 2 * natural_css + 0.5, result


@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_the_message_never_narrows_the_picture(measured, name):
    # the control column has one fixed width, whatever the labels; the message sits under the picture
    assert measured[name]["laptop"]["controls"] == measured[name]["presenter"]["controls"] == 330


@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_the_smallest_picture_text_is_12_px_on_a_laptop_and_18_px_presenting(measured, name):
    laptop, presenter = measured[name]["laptop"]["px"], measured[name]["presenter"]["px"]
    assert laptop >= LAPTOP_PX and presenter >= PROJECTOR_PX, (
        f"{name}: {laptop:.1f} px on a laptop, {presenter:.1f} px presenting; see artifacts/presenting.json")


@pytest.mark.parametrize("name", EXPLORER_NAMES)
def test_the_explorer_fits_one_laptop_screen(measured, name):
    # picture, controls and readout at once, without scrolling
    result = measured[name]
    assert result["laptop"]["height"] <= result["visible_height"], (
        f"{name} is {result['laptop']['height']:.0f} px tall; a laptop shows {result['visible_height']:.0f} px")
