"""JupyterLab in headless Chromium, for the browser test and the latency benchmark.

`find_chromium()` finds the system's Chromium (never Playwright's download), `JupyterLab` serves a
directory on a free local port with a random token and settings of its own, and `open_lab_browser()`
starts Chromium through Playwright. `LabNotebook` drives one open notebook: run all cells, find the
explorers in a cell's output, move a slider by keyboard or mouse, read the readout and the picture.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# Settings that keep a fresh JupyterLab quiet and deterministic for a robot:
# every cell in the DOM (no virtual scrolling), the notebook's kernel started without asking,
# no news or update checks popping up.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none",
                                                                    "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}


def find_chromium():
    """The path of a Chromium executable, or None."""
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Jupyter server process on a free local port with a random token and a home directory of its own
    (configuration, runtime files, log), stopped with `stop()`. A subclass gives `name`, `command(home)`,
    `env(home)` (extra variables) and `answers()` (True once the server serves requests)."""

    name = "the server"

    def __init__(self, cwd, startup_timeout=90):
        self.port = _free_port()
        self.token = uuid.uuid4().hex
        self.base = f"http://127.0.0.1:{self.port}"
        self._home = tempfile.TemporaryDirectory(prefix="server-home-")
        home = Path(self._home.name)
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
                   IPYTHONDIR=str(home / "ipython"), **self.env(home))
        command = [sys.executable, "-m", *self.command(home)]
        self.log_path = home / "server.log"
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self._log, stderr=subprocess.STDOUT, cwd=cwd)
        try:
            self._wait_ready(startup_timeout)
        except BaseException:
            self.stop()
            raise

    def command(self, home):
        raise NotImplementedError

    def env(self, home):
        return {}

    def answers(self):
        raise NotImplementedError

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.process.returncode}:\n{self.log()}")
            try:
                if self.answers():
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(f"{self.name} did not answer within {timeout} s:\n{self.log()}")

    def log(self):
        self._log.flush()
        return self.log_path.read_text()[-4000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        self._home.cleanup()


class JupyterLab(Server):
    """A JupyterLab server over `root_dir`, isolated from the user's Jupyter configuration."""

    name = "JupyterLab"

    def __init__(self, root_dir, startup_timeout=90):
        self.root_dir = Path(root_dir)
        super().__init__(self.root_dir, startup_timeout)

    def command(self, home):
        for relative, values in LAB_SETTINGS.items():
            path = home / "settings" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return ["jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root_dir}", *as_root]

    def env(self, home):
        return {"JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}

    def answers(self):
        self.api("GET", "status")
        return True

    def api(self, method, path, timeout=10):
        request = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, notebook, workspace=None):
        workspace = workspace or uuid.uuid4().hex[:8]  # a fresh workspace: no tabs restored from a previous page
        return f"{self.base}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}"

    def shutdown_kernels(self):
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")


def open_lab_browser(playwright, chromium):
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)


# ---- driving one notebook page ----

_ALL_CELLS_RUN = r"""() => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
    return cells.length > 0 && cells.every(c => /^\[\d+\]:$/.test(
        (c.querySelector('.jp-InputArea-prompt') || {textContent: ''}).textContent.trim()));
}"""

_ANY_CELL_STARTED = r"""() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')]
    .some(c => /^\[(\*|\d+)\]:$/.test((c.querySelector('.jp-InputArea-prompt') || {textContent: ''}).textContent.trim()))"""

_IMAGE_DIGEST = """async (root) => {
    const img = root.querySelector('img');
    if (!img || !img.src) return null;
    const bytes = await (await fetch(img.src)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}"""

_READOUT_ROWS = """(root) => [...root.querySelectorAll('table tr')].map(
    tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()))"""

# Arm a one-shot measurement: the time of the next key press, and of the next change of the readout.
_ARM_LATENCY = """(target) => {
    const probe = {t0: null, t1: null};
    window.__latencyProbe = probe;
    document.addEventListener('keydown', () => { if (probe.t0 === null) probe.t0 = performance.now(); },
                              {capture: true, once: true});
    const observer = new MutationObserver(() => {
        if (probe.t0 !== null && probe.t1 === null) { probe.t1 = performance.now(); observer.disconnect(); }
    });
    observer.observe(target, {subtree: true, childList: true, characterData: true});
}"""


class LabNotebook:
    """One notebook open in JupyterLab, in a Playwright page."""

    def __init__(self, page, lab, path, timeout_s=90):
        self.page = page
        self.path = path
        self.timeout_ms = timeout_s * 1000
        page.goto(lab.url(path))
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Notebook-cell", timeout=self.timeout_ms)
        self._wait_for_kernel(lab, timeout_s)

    def _wait_for_kernel(self, lab, timeout_s):
        """Wait until one kernel serves this notebook, idle, and stays the same for a second.

        JupyterLab may still ask which kernel to start (then take the one the notebook names), and
        may replace its first kernel; a cell run before that settles would be queued on a dead kernel."""
        dialog = self.page.locator(".jp-Dialog", has_text="Select Kernel")
        deadline, seen, stable_since = time.monotonic() + timeout_s, None, None
        while time.monotonic() < deadline:
            if dialog.count():
                dialog.locator("button.jp-mod-accept").first.click()
                seen = None
            sessions = [s for s in lab.api("GET", "sessions") if s["path"] == self.path]
            kernel = sessions[0]["kernel"] if len(sessions) == 1 and sessions[0].get("kernel") else None
            if kernel and kernel["execution_state"] == "idle":
                if seen != kernel["id"]:
                    seen, stable_since = kernel["id"], time.monotonic()
                elif time.monotonic() - stable_since > 1.0:
                    self.wait_idle()
                    return
            else:
                seen = None
            self.page.wait_for_timeout(200)
        raise AssertionError(f"{self.path}: no idle kernel within {timeout_s} s:\n{lab.log()}")

    def wait_idle(self):
        # attached, not visible: in a narrow window (or at high zoom) the toolbar folds the indicator away
        self.page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', state="attached",
                                    timeout=self.timeout_ms)

    def run_all(self):
        # A click that lands while the kernel's connection is still being set up can be dropped:
        # repeat it until some cell is queued or has run.
        for attempt in range(5):
            self.page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            self.page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            try:
                self.page.wait_for_function(_ANY_CELL_STARTED, timeout=5000, polling=100)
                break
            except Exception:
                self.page.keyboard.press("Escape")
        try:
            self.page.wait_for_function(_ALL_CELLS_RUN, timeout=self.timeout_ms, polling=250)
        except Exception as error:
            shot = REPO / "tests" / "browser" / "artifacts" / f"timeout_{Path(self.path).stem}.png"
            shot.parent.mkdir(exist_ok=True)
            self.page.screenshot(path=str(shot))
            prompts = self.page.evaluate(
                "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(e => e.textContent)")
            raise AssertionError(f"{self.path}: not every cell ran within {self.timeout_ms / 1000:.0f} s; "
                                 f"prompts {prompts}; screenshot {shot.name}") from error
        self.wait_idle()

    def cell(self, index):
        return self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Notebook-cell").nth(index)

    def tracebacks(self):
        """The text of every stderr/error output that holds a Python traceback."""
        outputs = self.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        return [text for text in outputs.all_inner_texts() if "Traceback" in text]

    def explorers(self, cell_index, title):
        """The displayed explorers with this title in that cell's output, in order."""
        roots = self.cell(cell_index).locator(".jp-OutputArea-output > .widget-hbox")
        return [r for r in roots.all() if r.locator(".widget-html-content > b").first.inner_text().strip() == title]

    def readout_rows(self, root):
        return [tuple(row) for row in root.evaluate(_READOUT_ROWS)]

    def image_digest(self, root):
        return root.evaluate(_IMAGE_DIGEST)

    def wait_for_rows(self, root, expected, timeout_s=20):
        """Wait until the readout shows `expected`; return what it shows at the end."""
        deadline = time.monotonic() + timeout_s
        rows = self.readout_rows(root)
        while rows != expected and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            rows = self.readout_rows(root)
        return rows

    def press(self, handle, key):
        handle.focus()
        self.page.keyboard.press(key)

    def drag(self, slider, fraction):
        """Drag the slider's handle to `fraction` (0..1) of its track with the mouse."""
        handle = slider.locator(".noUi-handle").first
        box, track = handle.bounding_box(), slider.locator(".noUi-base").first.bounding_box()
        x0, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        self.page.mouse.move(x0, y)
        self.page.mouse.down()
        self.page.mouse.move(track["x"] + fraction * track["width"], y, steps=8)
        self.page.mouse.up()

    def readout(self, root):
        """The element holding an explorer's readout table."""
        return root.locator(".widget-html-content:has(table)").first

    def key_latency_ms(self, watched, handle, key, timeout_s=10):
        """Milliseconds from pressing `key` on `handle` to the `watched` element changing (None if it never did)."""
        handle.focus()
        watched.evaluate(_ARM_LATENCY)
        self.page.keyboard.press(key)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            probe = self.page.evaluate("() => window.__latencyProbe")
            if probe["t1"] is not None:
                return probe["t1"] - probe["t0"]
            self.page.wait_for_timeout(10)
        return None
