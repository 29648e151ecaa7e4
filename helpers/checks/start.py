"""Checks for notebook 00, start here: the map of the series and the notation."""
import re
from numbers import Integral

from .core import diagnose, not_yet, right, unanswered

__all__ = ["check_which_notebook", "check_weight_shape", "check_batch_shape", "check_half_squared_error"]

NOTEBOOKS = {
    0: "00_start_here", 1: "01_turning_knobs", 2: "02_chain_rule_backwards", 3: "03_building_the_engine",
    4: "04_gradient_descent_on_a_line", 5: "05_the_2-2-1_network_by_hand", 6: "06_backprop_in_matrix_form",
    7: "07_training_a_network", 8: "08_landscapes_and_optimizers",
}
ENGINE_NOTEBOOK = 3
WHAT_ELSE = {
    0: "00 is this page, the map.",
    1: "01 nudges inputs by hand and watches the output move; nothing is automated yet.",
    2: "02 runs the chain rule backwards by hand; the code that does it for you comes one notebook later.",
    4: "04 uses gradients to fit a line; by then the engine already exists.",
    5: "05 computes a small network by hand and uses the engine to check it.",
    6: "06 moves to matrices and NumPy layers, after the scalar engine.",
    7: "07 trains networks with the tools built before it.",
    8: "08 compares optimizers; the engine was built long before.",
}


def _notebook_number(answer):
    """The notebook number in 3, '3', '03' or '03_building_the_engine.ipynb', or None."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, Integral):
        return int(answer)
    if isinstance(answer, float) and answer.is_integer():
        return int(answer)
    if isinstance(answer, str):
        match = re.fullmatch(r"\s*(\d{1,2})(_[\w-]*)?(\.ipynb)?\s*", answer)
        if match:
            return int(match.group(1))
    return None


def check_which_notebook(answer):
    """Which notebook builds the autograd engine (the Value class) step by step?"""
    feedback = unanswered(answer)
    if feedback is not None:
        return feedback
    number = _notebook_number(answer)
    if number is None:
        return not_yet(f"Give the notebook's number (e.g. 4) or its file name; {answer!r} is neither.")
    if number not in NOTEBOOKS:
        return not_yet(f"The notebooks are numbered 0 to 8; there is no notebook {number}.")
    if number == ENGINE_NOTEBOOK:
        return right(f"{NOTEBOOKS[number]}: the engine is built there, one operation at a time.")
    return not_yet(WHAT_ELSE[number] + " Look at the map for the notebook whose line mentions Value.")


def _shape(answer):
    """`answer` as a tuple of ints, or None if it is not a shape."""
    if isinstance(answer, (tuple, list)) and all(isinstance(n, Integral) and not isinstance(n, bool) for n in answer):
        return tuple(int(n) for n in answer)
    return None


def _shape_problem(answer):
    feedback = unanswered(answer)
    if feedback is not None:
        return feedback
    if _shape(answer) is None:
        if isinstance(answer, Integral) and not isinstance(answer, bool):
            return not_yet(f"{answer} is a count, not a shape. Give the shape as a tuple (rows, columns), e.g. (4, 7).")
        return not_yet(f"Give the shape as a tuple of whole numbers (rows, columns), e.g. (4, 7); you gave {answer!r}.")
    return None


def check_weight_shape(answer):
    """A layer of 3 neurons fed by 2 numbers: the shape of its weight matrix W."""
    problem = _shape_problem(answer)
    if problem is not None:
        return problem
    shape = _shape(answer)
    if shape == (3, 2):
        return right("W has one row per neuron (3) and one column per input (2), so W a is 3 numbers.")
    if shape == (2, 3):
        return not_yet("(2, 3) is the transpose. In this series W has one ROW per neuron: (neurons, inputs).")
    if shape in ((3,), (3, 1)):
        return not_yet(f"{shape} is the shape of the bias b (one per neuron). W also has a column per input.")
    if shape in ((6,), (1, 6), (6, 1)):
        return not_yet("Six weights is right, but W arranges them as a matrix: one row per neuron.")
    return not_yet(f"{shape} is not it. W has one row per neuron and one column per number coming in.")


def check_batch_shape(answer):
    """5 examples of 2 numbers each, as the rows of A, through that layer: the shape of Z = A @ W.T + b."""
    problem = _shape_problem(answer)
    if problem is not None:
        return problem
    shape = _shape(answer)
    if shape == (5, 3):
        return right("(5, 2) @ (2, 3) gives (5, 3): one row per example, one column per neuron.")
    if shape == (3, 5):
        return not_yet("(3, 5) puts examples in columns. In a NumPy batch the examples are the ROWS, so Z keeps them as rows.")
    if shape == (5, 2):
        return not_yet("(5, 2) is the shape of A, the input. Each example leaves the layer as 3 numbers, one per neuron.")
    if shape == (3, 2):
        return not_yet("(3, 2) is the shape of W. The question asks for Z, the layer's output for the whole batch.")
    return not_yet(f"{shape} is not it. Multiply the shapes: (5, 2) @ (2, 3).")


def check_half_squared_error(answer):
    """ŷ = 0.9 and y = 1: the cost C = ½(ŷ − y)² of this one example."""
    return diagnose(answer, 0.005, [
        (0.01, "0.01 is (ŷ − y)² without the ½. The one-example cost of this series keeps the ½."),
        (-0.05, "−0.05 is ½(ŷ − y): the difference still needs squaring."),
        (0.05, "0.05 is ½·|ŷ − y|: the difference still needs squaring."),
        (-0.005, "A square is never negative: ½·(−0.1)² is positive."),
        (-0.1, "−0.1 is ŷ − y; square it and halve it."),
    ], "½·(0.9 − 1)² = ½·0.01 = 0.005.", "Compute ŷ − y first, square it, then halve it.", tol=1e-9)
