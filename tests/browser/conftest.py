"""Fixtures for the real-browser test: a JupyterLab server over a copy of the notebooks, and Chromium.

The server serves a temporary copy, so nothing the browser does can modify the committed notebooks.
"""
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the helper modules next to this file

from lab import REPO, JupyterLab, find_chromium, open_lab_browser  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def chromium():
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium executable (looked for /usr/bin/chromium, chromium, chromium-browser); "
                    "install Debian's package: apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def served_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    write_plain_slider_notebook(root / "plain_slider.ipynb")
    return root


def write_plain_slider_notebook(path):
    """A notebook with one slider and a label that follows it: the harness checks itself on this."""
    import nbformat

    source = ("import ipywidgets as widgets\n"
              "slider = widgets.IntSlider(value=3, min=0, max=10, description='n')\n"
              "label = widgets.Label('n = 3')\n"
              "slider.observe(lambda change: setattr(label, 'value', f\"n = {change['new']}\"), 'value')\n"
              "widgets.VBox([slider, label])")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, str(path))


@pytest.fixture(scope="session")
def lab(chromium, served_dir):
    server = JupyterLab(served_dir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = open_lab_browser(playwright, chromium)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def latencies(artifacts):
    """Key press → readout change medians, gathered by the tests and written once at the end."""
    import json

    measured = {}
    yield measured
    if measured:
        (artifacts / "latency.json").write_text(json.dumps(measured, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


@pytest.fixture
def open_page(browser, lab):
    """A function: open_page(width=1400, height=1000) -> a fresh page that records JavaScript errors in
    `page.js_errors`. Its context is closed and the kernels it started are shut down after the test."""
    contexts = []

    def open_page(width=1400, height=1000):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.js_errors = []
        page.on("console", lambda message: message.type == "error" and page.js_errors.append(message.text))
        page.on("pageerror", lambda error: page.js_errors.append(f"uncaught: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    lab.shutdown_kernels()
