"""`python -m benchmarks` prints one Markdown table with every speed figure of the project.

    python -m benchmarks            everything (a few minutes: it runs nbval and the browser)
    python -m benchmarks --quick    leave out the slow ones (nbval, browser)
    python -m benchmarks --only explorers
"""
import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time

from . import MODULES, SLOW


def cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine():
    import matplotlib
    import numpy

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu_model()}, {cores} cores · Python {platform.python_version()} · "
            f"NumPy {numpy.__version__} · matplotlib {matplotlib.__version__} · {platform.system()}")


def module_rows(name):
    """The rows of benchmarks/<name>.py, measured in a Python process of their own.

    A fresh process per module keeps one module's leftovers (a heap of millions of engine nodes,
    PyTorch's spinning worker threads) from slowing the next module's timings."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-m", __package__, "--rows-of", name], cwd=here,
                          stdout=subprocess.PIPE, text=True)
    try:
        return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]
    except (ValueError, IndexError):
        return [(name, "failed", f"its process exited with code {done.returncode} and printed no table rows")]


def rows_here(name):
    """The rows of benchmarks/<name>.py, measured in this process, or one row saying why there are none."""
    try:
        module = importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"{__package__}.{name}":
            return [(name, "missing", f"benchmarks/{name}.py does not exist yet")]
        return [(name, "failed", f"import: {error}")]
    try:
        return list(module.rows())
    except Exception as error:  # a failing module gets a row; the table still prints
        return [(name, "failed", f"{type(error).__name__}: {error}")]


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"leave out the slow ones ({', '.join(SLOW)})")
    parser.add_argument("--only", choices=MODULES, metavar="NAME", help=f"one of: {', '.join(MODULES)}")
    parser.add_argument("--rows-of", choices=MODULES, help=argparse.SUPPRESS)  # what module_rows runs
    args = parser.parse_args(argv)
    if args.rows_of:
        print(json.dumps(rows_here(args.rows_of), default=str))  # the last line of stdout
        return
    names = [args.only] if args.only else [n for n in MODULES if not (args.quick and n in SLOW)]

    rows = []
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        start = time.perf_counter()
        rows.extend(module_rows(name))
        print(f"  {name}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)

    print(f"**Machine:** {machine()}\n")
    print("| what | figure | note |")
    print("|---|---:|---|")
    for what, figure, note in rows:
        print(f"| {cell(what)} | {cell(figure)} | {cell(note)} |")


if __name__ == "__main__":
    main()
