"""Key press → readout latency in a real browser: JupyterLab in headless Chromium.

Runs the browser test (tests/browser), which presses an arrow key on a slider of every explorer
twelve times and times, in the page, the key press to the moment the readout's text changes
(the kernel's round trip, the state, the redraw, the PNG and the readout update). It writes the medians
to tests/browser/artifacts/latency.json, which this module reads. Target: ≤ 100 ms.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "tests" / "browser" / "artifacts" / "latency.json"


def rows():
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    from lab import find_chromium

    if find_chromium() is None:
        return [("browser: key press → readout", "not measured", "no Chromium (apt-get install chromium)")]
    before = RESULTS.stat().st_mtime if RESULTS.exists() else None
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/browser", "-q", "-p", "no:randomly",
                             "-p", "no:cacheprovider"], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    fresh = RESULTS.exists() and RESULTS.stat().st_mtime != before
    if not fresh:
        tail = (result.stdout.strip().splitlines() or ["no output"])[-1]
        return [("browser: key press → readout", "not measured", f"the browser test wrote no latencies: {tail}")]
    failed = [line.split("::", 1)[-1].split(" - ")[0] for line in result.stdout.splitlines() if line.startswith("FAILED")]
    passed = "browser test passed" if result.returncode == 0 else (
        "BROWSER TEST FAILED: " + (", ".join(failed) or "see pytest tests/browser"))
    out = []
    for what, figures in sorted(json.loads(RESULTS.read_text()).items()):
        out.append((f"browser: key → readout, {what}", f"{figures['median_ms']:.0f} ms",
                    f"median of {figures['presses']}, max {figures['max_ms']:.0f} ms; target ≤ 100 ms"))
    out.append(("browser: the whole browser test", f"{seconds:.0f} s", passed))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
