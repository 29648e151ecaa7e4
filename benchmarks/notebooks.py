"""The series under nbval: how long `python -m pytest notebooks -q` takes, as CI runs it.

Every notebook is executed in a fresh kernel and its outputs compared with the committed ones.
Target: the whole series in ≤ 60 s.
"""
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_series():
    """(seconds, pytest's summary line, exit code)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:randomly"],
                            cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if re.search(r"\d+ (passed|failed|error)", line)]
    summary = re.sub(r"^=+ | =+$| in [\d.]+s.*$", "", lines[-1]) if lines else "no summary"
    return seconds, summary, result.returncode


def rows():
    notebooks = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    seconds, summary, code = run_series()
    verdict = "" if code == 0 else "; NOT ALL PASSED"
    return [(f"nbval: the whole series ({len(notebooks)} notebooks)", f"{seconds:.1f} s",
             f"{summary}{verdict}; target ≤ 60 s")]


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
