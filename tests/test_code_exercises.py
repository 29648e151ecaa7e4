"""Code exercises: the learner completes a stub, and a check runs it on hidden cases.

The convention (CONTRIBUTING, "Code exercises"): a code cell tagged `code-exercise` holds one or more
`def`/`class` stubs whose bodies raise NotImplementedError, and as its last line the check call, e.g.
`checks.check_mul_backward(mul_backward)`. The next markdown cell is the solution: a `<details>` block
with exactly one fenced python block, the complete replacement for everything above the check line.

These tests prove both halves of every exercise:
- as committed, the check's output says "Not yet" (the stub is unfinished, and the notebook still runs);
- a copy of the notebook with every stub replaced by its solution, executed from a fresh kernel, shows
  "✅ Right" under every code exercise.
They also count the exercises: every notebook 01–08 has at least one, notebook 03 at least four.
"""
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TAG = "code-exercise"
CELL_TIMEOUT = 300  # seconds per cell; training cells of 07/08 are the slowest
SOLUTION_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
MINIMUM = {f"{n:02d}": 1 for n in range(1, 9)} | {"03": 4}


def notebook_paths():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=4)


def exercise_indices(nb):
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and TAG in cell.metadata.get("tags", [])]


def split_stub(source):
    """The stub cell's code above the check line, and the check line (its last non-empty line)."""
    lines = source.rstrip().splitlines()
    return "\n".join(lines[:-1]), lines[-1]


def solution_code(nb, index):
    """The one python block of the solution cell after the exercise at `index` (asserting its form)."""
    assert index + 1 < len(nb.cells), "the exercise is the last cell: its solution cell is missing"
    cell = nb.cells[index + 1]
    assert cell.cell_type == "markdown", "the cell after a code exercise must be its markdown solution"
    assert "<details>" in cell.source and "Solution" in cell.source, \
        "the solution cell must be a <details><summary>Solution</summary> block"
    blocks = SOLUTION_BLOCK.findall(cell.source)
    assert len(blocks) == 1, f"the solution cell must hold exactly one ```python block, found {len(blocks)}"
    return blocks[0]


def output_text(cell):
    """Everything a reader sees as text under a code cell (streams and plain-text results)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "\n".join(parts)


EXERCISES = [(path, index) for path in notebook_paths() for index in exercise_indices(read(path))]
WITH_EXERCISES = sorted({path for path, _ in EXERCISES})


def exercise_id(item):
    path, index = item
    return f"{path.stem[:2]}-cell{index}"


@pytest.mark.parametrize("number", sorted(MINIMUM))
def test_every_notebook_has_its_code_exercises(number):
    paths = sorted(NOTEBOOKS.glob(f"{number}_*.ipynb"))
    assert len(paths) == 1, f"expected one notebook numbered {number}, found {[p.name for p in paths]}"
    count = len(exercise_indices(read(paths[0])))
    assert count >= MINIMUM[number], \
        f"{paths[0].name} has {count} cells tagged {TAG!r}; it needs at least {MINIMUM[number]}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise_id(e) for e in EXERCISES])
def test_the_stub_is_a_stub_with_a_check_line_and_one_solution(exercise):
    path, index = exercise
    nb = read(path)
    code, check_line = split_stub(nb.cells[index].source)
    assert re.match(r"\s*checks\.check_\w+\(.*\)\s*$", check_line), \
        f"the last line of a code exercise must be the check call, not {check_line!r}"
    assert re.search(r"^\s*(def|class) ", code, re.MULTILINE), "a code exercise defines a function or class"
    assert "NotImplementedError" in code, "the stub's body raises NotImplementedError"
    solution = solution_code(nb, index)
    assert "NotImplementedError" not in solution, "the solution must be complete"
    compile(solution, f"{path.name} solution after cell {index}", "exec")


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise_id(e) for e in EXERCISES])
def test_the_committed_stub_says_not_yet(exercise):
    path, index = exercise
    text = output_text(read(path).cells[index])
    assert "Not yet" in text, f"the committed output of the exercise should say 'Not yet', it is {text!r}"
    assert "Right" not in text


def with_solutions_executed(nb, workdir):
    """Replace every stub of `nb` by its solution (keeping the check line), execute the copy from a fresh
    kernel in `workdir`, and return the text shown under each code exercise, by cell index."""
    indices = exercise_indices(nb)
    for index in indices:
        _, check_line = split_stub(nb.cells[index].source)
        nb.cells[index].source = solution_code(nb, index).rstrip() + "\n" + check_line
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return {index: output_text(nb.cells[index]) for index in indices}


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=[p.stem[:2] for p in WITH_EXERCISES])
def test_every_solution_passes_its_check(path, tmp_path):
    nb = read(path)
    # Executed in the notebooks folder (so relative paths work); the executed copy is saved only under tmp_path.
    shown = with_solutions_executed(nb, NOTEBOOKS)
    nbformat.write(nb, tmp_path / path.name)
    for index, text in shown.items():
        assert "✅ Right" in text and "Not yet" not in text, \
            f"{path.name} cell {index} with its solution says: {text!r} (executed copy: {tmp_path / path.name})"


def test_a_wrong_solution_is_caught(tmp_path):
    """The machinery itself: a solution that does not solve its exercise shows "Not yet", not "Right"."""
    stub = ("def double(x):\n    raise NotImplementedError('return twice x')\n\n"
            "check(double)")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from helpers.checks.core import right, not_yet\n\n"
                                  "def check(f):\n    return right('doubles') if f(3) == 6 else not_yet('no')"),
        nbformat.v4.new_code_cell(stub, metadata={"tags": [TAG]}),
        nbformat.v4.new_markdown_cell("<details><summary>Solution</summary>\n\n```python\n"
                                      "def double(x):\n    return x + 2\n```\n\n</details>"),
    ])
    shown = with_solutions_executed(nb, tmp_path)
    assert "Not yet" in shown[1] and "Right" not in shown[1]
    nb.cells[2].source = nb.cells[2].source.replace("x + 2", "2 * x")
    nb.cells[1].source = stub
    assert "✅ Right" in with_solutions_executed(nb, tmp_path)[1]
