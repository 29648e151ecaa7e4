"""The presenter view: notebooks/explorers.ipynb in Voilà, in headless Chromium.

Voilà serves a copy of the page; the test opens it, checks that every explorer of the series is there in
the notebook's order and that no code is shown, then moves one slider of each explorer with the keyboard
and waits for that explorer's readout to change. No console error, no traceback. Screenshots of each
explorer before and after go to tests/browser/artifacts/.

The page fetches nothing from the internet: Voilà's template asks a CDN for Font Awesome's stylesheet,
which the test answers with an empty one (any other outside request is refused and fails the test).
"""
import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from lab import _READOUT_ROWS, REPO, Server

from helpers.widgets import ALL

PAGE = REPO / "notebooks" / "explorers.ipynb"
LAPTOP = {"width": 1366, "height": 768}
EXPLORER_ROOTS = ".jp-OutputArea-output > .widget-hbox"
_ROOTS_WITH_READOUTS = "(n) => document.querySelectorAll('.jp-OutputArea-output > .widget-hbox table').length >= n"


class Voila(Server):
    """Voilà serving one notebook, with this checkout's helpers on its kernel's path."""

    name = "Voilà"

    def __init__(self, notebook, startup_timeout=90):
        self.notebook = Path(notebook)
        super().__init__(self.notebook.parent, startup_timeout)
        self.url = f"{self.base}/?token={self.token}"

    def command(self, home):
        return ["voila", str(self.notebook), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={self.port}",
                "--Voila.port_retries=0", f"--token={self.token}"]

    def env(self, home):
        return {"PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}

    def answers(self):
        # Voilà answers / only after running the notebook: any answer to another path means it is up.
        try:
            with urllib.request.urlopen(f"{self.base}/voila/static/", timeout=5):
                return True
        except urllib.error.HTTPError:
            return True


@pytest.fixture(scope="module")
def voila(chromium, tmp_path_factory):
    served = tmp_path_factory.mktemp("voila") / PAGE.name  # a copy: nothing the page does reaches the repository
    shutil.copy(PAGE, served)
    server = Voila(served)
    yield server
    server.stop()


def answer_outside_requests(page):
    """Serve Font Awesome's stylesheet empty and refuse every other request that leaves this machine."""
    page.outside_requests = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:"):
            request_route.continue_()
        elif "/@fortawesome/" in url and url.endswith(".css"):
            request_route.fulfill(status=200, content_type="text/css", body="")
        else:
            page.outside_requests.append(url)
            request_route.abort()

    page.route("**/*", route)


@pytest.fixture
def page(browser, voila):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.js_errors = []
    page.on("console", lambda message: message.type == "error" and page.js_errors.append(message.text))
    page.on("pageerror", lambda error: page.js_errors.append(f"uncaught: {error}"))
    answer_outside_requests(page)
    yield page
    context.close()


def explorer_calls():
    """The explorer classes the page builds, in its order (each code cell that makes one is `Name()`)."""
    by_name = {cls.__name__: cls for cls in ALL}
    calls = [cell.source.strip() for cell in nbformat.read(PAGE, as_version=4).cells if cell.cell_type == "code"]
    return [by_name[call[:-2]] for call in calls if call.endswith("()") and call[:-2] in by_name]


def readout_rows(root):
    return [tuple(row) for row in root.evaluate(_READOUT_ROWS)]


def wait_for_change(page, read, before, timeout_s=20):
    """Poll `read()` until it differs from `before`, for at most `timeout_s`; return its last value."""
    deadline = time.monotonic() + timeout_s
    now = read()
    while now == before and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        now = read()
    return now


def test_explorers_page_lists_every_explorer_in_the_series():
    classes = explorer_calls()
    assert sorted(cls.__name__ for cls in classes) == sorted(cls.__name__ for cls in ALL), \
        "notebooks/explorers.ipynb should build every explorer in helpers.widgets.ALL exactly once"


def test_every_explorer_responds_in_voila_without_code(page, voila, artifacts):
    classes = explorer_calls()
    page.goto(voila.url, timeout=120_000)  # Voilà runs the whole notebook before it answers
    page.wait_for_function(_ROOTS_WITH_READOUTS, arg=len(classes), timeout=120_000, polling=250)
    page.screenshot(path=str(artifacts / "voila_explorers_top.png"))

    text = page.inner_text("body")
    shown_code = [line for cell in nbformat.read(PAGE, as_version=4).cells if cell.cell_type == "code"
                  for line in cell.source.splitlines() if line.strip() and line.strip() in text]
    assert not shown_code, f"Voilà shows code: {shown_code}"
    assert "Traceback" not in text, "an output shows a traceback"

    roots = page.locator(EXPLORER_ROOTS).all()
    titles = [root.locator(".widget-html-content > b").first.inner_text().strip() for root in roots]
    assert titles == [cls.title for cls in classes], f"the page shows {titles}"

    for number, (cls, root) in enumerate(zip(classes, roots), start=1):
        name = f"voila_{number}_{cls.__name__}"
        root.scroll_into_view_if_needed()
        root.screenshot(path=str(artifacts / f"{name}_before.png"))
        slider = root.locator(".widget-slider").first
        handle = slider.locator(".noUi-handle").first
        value_before = slider.locator(".widget-readout").first.inner_text().strip()
        rows_before = readout_rows(root)
        assert rows_before, f"{cls.__name__}: no readout table"

        handle.focus()
        page.keyboard.press("ArrowRight")
        value = wait_for_change(page, lambda: slider.locator(".widget-readout").first.inner_text().strip(),
                                value_before, timeout_s=10)
        assert value != value_before, f"{cls.__name__}: the first slider did not move with the keyboard"
        rows = wait_for_change(page, lambda: readout_rows(root), rows_before)
        root.screenshot(path=str(artifacts / f"{name}_after.png"))
        assert rows != rows_before, f"{cls.__name__}: slider {value_before} → {value}, the readout stays {rows}"

    assert not page.outside_requests, f"the page asked the internet for {page.outside_requests}"
    assert not page.js_errors, "JavaScript errors in the page:\n" + "\n".join(page.js_errors)
    assert "Traceback" not in voila.log(), voila.log()
