"""No exercise of notebooks 04 and 05 has its answer printed, or written, in the cells above it.

For each number exercise, the answer is written the way a learner would spot it; the test reads every
markdown cell and every output above the exercise's check cell and asserts that none contains it."""
import re
from pathlib import Path

import nbformat
import pytest
from notebook_text import text_above

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# (notebook, the check the exercise calls, what its answer looks like when printed or written)
ANSWERS = [
    ("04_gradient_descent_on_a_line", "check_gradient_at_origin", [r"-178\b", r"−178\b"]),
    ("04_gradient_descent_on_a_line", "check_stable_rate", [r"0\.1716", r"0\.17157", r"11\.657"]),
    ("04_gradient_descent_on_a_line", "check_least_squares_line", [r"0\.3333", r"10/3", r"\b1/3\b"]),
    # the code exercise: the hidden rule and its numbers come after it (in the solution and below it)
    ("05_the_2-2-1_network_by_hand", "check_backward_221",
     [r"[-−]0\.2448", r"\\delta_\{hj\}\s*=\s*W", r"W2_j\s*·\s*δ_out", r"\\delta\^\{\(1\)\}\s*=\s*\\big"]),
    ("05_the_2-2-1_network_by_hand", "check_z1_by_hand", [r"0\.24\b.{0,40}-0\.14\b", r"0\.24\b.{0,40}−0\.14\b"]),
    ("05_the_2-2-1_network_by_hand", "check_delta_h1", [r"0\.2736\b", r"0\.456\b"]),
    ("05_the_2-2-1_network_by_hand", "check_updated_w1_12", [r"0\.202736", r"0\.02736"]),
    ("05_the_2-2-1_network_by_hand", "check_wake_threshold", [r"[-−]0\.16\b"]),
]




@pytest.mark.parametrize("notebook, check, patterns", ANSWERS, ids=[a[1] for a in ANSWERS])
def test_the_answer_is_not_above_the_exercise(notebook, check, patterns):
    text = text_above(nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4), check)
    for pattern in patterns:
        found = re.search(pattern, text, re.DOTALL)
        assert found is None, f"{check}: {pattern!r} appears above the exercise: ...{found.group(0)}..."


@pytest.mark.parametrize("notebook, explorer", [("05_the_2-2-1_network_by_hand", "NetworkExplorer(")])
def test_the_explorer_that_shows_every_answer_comes_after_the_exercises(notebook, explorer):
    cells = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4).cells
    code = [cell.source for cell in cells if cell.cell_type == "code"]
    shown = min(i for i, source in enumerate(code) if explorer in source)
    checked = [i for i, source in enumerate(code) if "checks.check_" in source]
    assert checked and max(checked) < shown, "an exercise comes after the explorer, which shows its answer"
