"""Checks for notebook 00, start here: the map of the series and the notation of notebooks 01–04."""
import re

from .core import as_number, describe, diagnose, not_yet, right, three_figures, unanswered

__all__ = ["widgets_work", "check_which_notebook", "check_half_squared_error", "check_mse", "check_gradient_step"]

NO_WIDGETS = ("[A live slider and its text appear here when widgets work. If you are reading this sentence "
              "instead, this view cannot run widgets: see the steps below.]")


class _WidgetCheck:
    """A slider and a line of text that follows it; where widgets cannot run, a sentence saying so."""

    def __init__(self):
        import ipywidgets as widgets  # only here: the checks themselves need no widgets

        self.knob = widgets.IntSlider(value=3, min=0, max=10, description="knob")
        self.echo = widgets.Label()
        self.knob.observe(self._follow, names="value")
        self._follow()
        self.box = widgets.VBox([self.knob, self.echo])

    def _follow(self, change=None):
        self.echo.value = f"knob = {self.knob.value}, so 2 × knob = {2 * self.knob.value}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.box._repr_mimebundle_()
        bundle["text/plain"] = NO_WIDGETS  # what a viewer without widgets shows instead of the live slider
        return bundle


def widgets_work():
    """Notebook 00's widget check: a slider whose text follows it when dragged (shown as a cell's result)."""
    return _WidgetCheck()


NOTEBOOKS = {
    0: "00_start_here", 1: "01_turning_knobs", 2: "02_chain_rule_backwards", 3: "03_building_the_engine",
    4: "04_gradient_descent_on_a_line", 5: "05_the_2-2-1_network_by_hand", 6: "06_backprop_in_matrix_form",
    7: "07_training_a_network", 8: "08_landscapes_and_optimizers", 9: "09_handwritten_digits",
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
    9: "09 trains on handwritten digits, with everything built before it.",
}


def _notebook_number(answer):
    """The notebook number in 3, 3.0, '3', '03' or '03_building_the_engine.ipynb', or None."""
    if isinstance(answer, str):
        match = re.fullmatch(r"\s*(\d{1,2})(_[\w-]*)?(\.ipynb)?\s*", answer)
        return int(match.group(1)) if match else None
    value = as_number(answer)
    return int(value) if value is not None and value.is_integer() else None


def check_which_notebook(answer):
    """Which notebook builds the autograd engine (the Value class) step by step?"""
    if (feedback := unanswered(answer)) is not None:
        return feedback
    number = _notebook_number(answer)
    if number is None:
        return not_yet(f"Give the notebook's number (e.g. 4) or its file name; {describe(answer)} is neither.")
    if number not in NOTEBOOKS:
        return not_yet(f"The notebooks are numbered 0 to {max(NOTEBOOKS)}; there is no notebook {number}.")
    if number == ENGINE_NOTEBOOK:
        return right(f"{NOTEBOOKS[number]}: the engine is built there, one operation at a time.")
    return not_yet(WHAT_ELSE[number] + " Look at the map for the notebook whose line mentions Value.")


def check_half_squared_error(answer):
    """ŷ = 1.4 and y = 2: the cost C = ½(ŷ − y)² of this one example."""
    return diagnose(answer, 0.18, [
        (0.36, "0.36 is (ŷ − y)² without the ½. The one-example cost of this series keeps the ½."),
        (-0.3, "−0.3 is ½(ŷ − y): the difference still needs squaring."),
        (0.3, "0.3 is ½·|ŷ − y|: the difference still needs squaring."),
        (-0.18, "A square is never negative: ½·(−0.6)² is positive."),
        (-0.6, "−0.6 is ŷ − y, the error; square it and halve it."),
        (0.6, "0.6 is the size of the error |ŷ − y|; square it and halve it."),
        (-1.02, "−1.02 is ½(ŷ² − y²): square the difference, not each number."),
        (1.02, "1.02 is ½(y² − ŷ²): square the difference, not each number."),
    ], "The error ŷ − y = −0.6, squared 0.36, halved 0.18.", "Compute ŷ − y first, square it, then halve it.",
        tol=1e-6, example="0.5")


def check_mse(answer):
    """Predictions ŷ = (2, 4, 7) for targets y = (3, 4, 5): the mean squared error."""
    return diagnose(answer, 5 / 3, [
        (5.0, "5 is the SUM of the squared errors 1 + 0 + 4. The mean divides by the number of examples, m = 3."),
        (5 / 6, "That is half the mean. MSE has no ½; the ½ belongs to the one-example cost C."),
        (2.5, "2.5 is half the sum. MSE divides the sum by m = 3, with no ½."),
        (1 / 3, "1/3 is the mean error (−1 + 0 + 2)/3, before squaring: square each error first."),
        (1.0, "1 is the mean of the sizes |ŷ − y| (1, 0, 2). MSE squares each error before averaging."),
        (2.5 / 2, "That divides by 4; there are three examples, so m = 3."),
        (1.7, "1.7 is 5/3 to two significant figures; give three (1.67)."),
        (1.66, "1.66 cuts 1.666… off instead of rounding it: to three figures 5/3 is 1.67."),
    ], "The errors are −1, 0, 2, their squares 1, 0, 4, and their mean 5/3 ≈ 1.67.",
        "Square each error ŷᵢ − yᵢ, add the squares, and divide by the number of examples.",
        tol=three_figures(5 / 3), example="0.5")


def check_gradient_step(answer):
    """θ = 2, η = 0.1 and ∂C/∂θ = −3: the value of θ after one step θ ← θ − η ∂C/∂θ."""
    return diagnose(answer, 2.3, [
        (1.7, "1.7 moves θ WITH the gradient. The step subtracts η·∂C/∂θ, and minus a negative number adds."),
        (0.3, "0.3 is the size of the step, η·∂C/∂θ with its sign flipped. Add it to θ = 2."),
        (-0.3, "−0.3 is η·∂C/∂θ, the step's ingredient. The new θ is 2 − (−0.3)."),
        (5.0, "5 is 2 − (−3): the learning rate η = 0.1 is missing. The step is η times the gradient."),
        (-1.0, "−1 is 2 + (−3): the learning rate is missing, and the step goes uphill."),
        (2.0, "2 is θ before the step. The gradient is not zero, so θ moves."),
    ], "The step gives θ − η·∂C/∂θ = 2 − 0.1·(−3) = 2 + 0.3 = 2.3: the gradient is negative, so C falls as θ grows, "
       "and the step raises θ.", "Compute η·∂C/∂θ first, then subtract it from θ.", tol=1e-6, example="1.5")
