"""No exercise of notebooks 06, 07 and 08 has its answer printed, or written, in the cells above it.

For each exercise the answer is written the way a learner would spot it (a number, a shape, or the key line
of a code exercise's solution); the test reads every markdown cell, every code cell and every output above
the exercise's check cell and asserts that none contains it."""
import re
from pathlib import Path

import nbformat
import pytest
from notebook_text import text_above

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# (notebook, the check the exercise calls, what its answer looks like when printed or written)
ANSWERS = [
    ("06_backprop_in_matrix_form", "check_linear_backward", [r"dZ\.T\s*@\s*A_prev", r"dZ\.sum\(axis=0\)", r"dZ\s*@\s*W\b(?!\.)"]),
    ("06_backprop_in_matrix_form", "check_parameter_count", [r"\b26 parameters", r"=\s*26\b", r"\*\*26\*\*"]),
    ("06_backprop_in_matrix_form", "check_weight_gradient_shape", [r"\(4, 7\)", r"\(4,7\)"]),
    ("06_backprop_in_matrix_form", "check_hidden_delta", [r"0\.1152\b"]),
    ("07_training_a_network", "check_training_loop", [r"\.grad\s*=\s*0", r"zero_grad"]),
    ("07_training_a_network", "check_collapsed_layer", [r"\[\[3, 7\]\]", r"\(3, 7\)"]),
    ("07_training_a_network", "check_accuracy_by_hand", [r"0\.6667", r"0\.667\b", r"\b4/6\b", r"\b2/3\b"]),
    ("07_training_a_network", "check_output_error", [r"0\.8175", r"0\.18242"]),
    ("07_training_a_network", "check_minibatch_steps", [r"=\s*48\b", r"\b48 steps", r"\b16 steps per epoch"]),
    ("08_landscapes_and_optimizers", "check_adam_update", [r"1\s*-\s*beta1\s*\*\*\s*t", r"m_hat\s*=", r"s_hat\s*="]),
    ("08_landscapes_and_optimizers", "check_momentum_by_hand", [r"0\.46\b"]),
    ("08_landscapes_and_optimizers", "check_valley_max_rate", [r"\b2\s*/\s*5\b", r"0\.2\s*w_1\^2 \+ 5"]),
]




@pytest.mark.parametrize("notebook, check, patterns", ANSWERS, ids=[a[1] for a in ANSWERS])
def test_the_answer_is_not_above_the_exercise(notebook, check, patterns):
    text = text_above(nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4), check, code=True)
    for pattern in patterns:
        found = re.search(pattern, text, re.DOTALL)
        assert found is None, f"{check}: {pattern!r} appears above the exercise: ...{found.group(0)}..."


def test_the_patterns_find_the_answers_in_the_solutions():
    # Each pattern list must match its own solution cell, or the test above could pass by looking for nothing.
    for notebook, check, patterns in ANSWERS:
        nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
        index = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and f"checks.{check}(" in cell.source)
        solution = nb.cells[index + 1].source
        assert any(re.search(p, solution, re.DOTALL) for p in patterns), f"no pattern of {check} matches its solution"
