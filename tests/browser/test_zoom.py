"""At 150 % browser zoom nothing of an explorer is clipped, and the Play button plays and pauses.

Chromium at 150 % zoom in a 1366×768 window lays a page out in 911×512 CSS px at 1.5 device pixels each: that is
the context opened here. Every explorer of notebooks/explorers.ipynb is checked for text cut short (a slider's
value, a button's label, a readout cell: an element whose text is wider than its box) and for anything running
past the notebook's right edge. Screenshots go to tests/browser/artifacts/zoom150_<Class>.png.
"""
import re

import pytest
from lab import LabNotebook

from helpers.widgets import ALL

NOTEBOOK = "notebooks/explorers.ipynb"
BY_TITLE = {cls.title: cls for cls in ALL}
BY_TITLE_NAME = {cls.__name__: cls.title for cls in ALL}

_CLIPPED = """(root) => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook').getBoundingClientRect();
    const clipped = [];
    const texts = root.querySelectorAll('.widget-readout, .widget-label, button, .widget-html-content td, select');
    for (const el of texts) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;   // not shown
        if (el.scrollWidth > el.clientWidth + 1) clipped.push(`${el.className}: "${el.textContent.trim()}" needs ${el.scrollWidth} px, has ${el.clientWidth}`);
    }
    for (const el of [root, root.querySelector('img')]) {
        const box = el.getBoundingClientRect();
        if (box.right > panel.right + 1) clipped.push(`${el.tagName} runs ${Math.round(box.right - panel.right)} px past the notebook`);
    }
    return clipped;
}"""


def explorer_roots(page):
    roots = page.locator(".jp-OutputArea-output > .widget-hbox")
    return [r for r in roots.all() if r.locator("img").count()]


def title_of(root):
    return root.locator(".widget-html-content > b").first.inner_text().strip()


@pytest.fixture(scope="module")
def zoomed(browser, lab, artifacts):
    context = browser.new_context(viewport={"width": 911, "height": 512}, device_scale_factor=1.5)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    notebook = LabNotebook(page, lab, NOTEBOOK, timeout_s=180)
    notebook.run_all()
    page.wait_for_timeout(1000)
    yield page, notebook
    context.close()
    lab.shutdown_kernels()


def test_at_150_percent_zoom_nothing_of_an_explorer_is_cut_off(zoomed, artifacts):
    page, notebook = zoomed
    found = {}
    for root in explorer_roots(page):
        cls = BY_TITLE[title_of(root)]
        root.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        root.screenshot(path=str(artifacts / f"zoom150_{cls.__name__}.png"))
        found[cls.__name__] = root.evaluate(_CLIPPED)
    assert {cls.__name__ for cls in ALL} <= set(found), f"found only {sorted(found)}"
    clipped = {name: problems for name, problems in found.items() if problems}
    assert not clipped, clipped
    assert not page.js_errors, page.js_errors


def test_the_play_button_says_play_then_pause_and_steps_while_playing(zoomed):
    page, notebook = zoomed
    root = next(r for r in explorer_roots(page) if title_of(r) == BY_TITLE_NAME["OptimizerExplorer"])
    root.scroll_into_view_if_needed()
    steps = root.locator(".widget-slider", has_text="steps").first.locator(".widget-readout").first

    def shown_steps():
        return int(re.sub(r"\D", "", steps.inner_text()) or 0)

    button = root.locator("button", has_text="Play").first
    before = shown_steps()
    button.click()
    pause = root.locator("button", has_text="Pause").first
    pause.wait_for(timeout=10_000)
    for _ in range(100):
        page.wait_for_timeout(100)
        if shown_steps() > before + 3:
            break
    assert shown_steps() > before + 3, f"Play did not step: steps {before} → {shown_steps()}"
    pause.click()
    root.locator("button", has_text="Play").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    paused_at = shown_steps()
    page.wait_for_timeout(1000)
    assert shown_steps() == paused_at, "Pause did not stop the steps"

