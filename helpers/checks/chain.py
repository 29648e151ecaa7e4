"""Checks for notebook 02, the chain rule backwards: gradients as products of local derivatives.

The knob graph: c = a + b = 8, d = e·f = 24, g = c·d = 192, k = m·p = 12, r = k·g = 2304.
The chain: X = 2, w = (0.5, −0.3, 0.8), b = (0.1, 0.2, −0.1), t = 1, so a1 = 1.1, a2 = −0.13,
a3 = −0.204 and l = (a3 − t)² = 1.449616.
"""
from numbers import Real

from .core import close_to, diagnose, not_yet, number_problem, right, unanswered

__all__ = ["check_dr_dd", "check_dl_dw2", "check_forward_passes", "check_collapsed_line"]


def check_dr_dd(answer):
    """One backward step: dr/dd, from dr/dg = k = 12 and the local derivative ∂g/∂d = c = 8."""
    return diagnose(answer, 96.0, [
        (12.0, "12 is dr/dg, one step further along. Multiply by the local derivative ∂g/∂d = c = 8."),
        (8.0, "8 is the local derivative ∂g/∂d = c alone. Multiply by dr/dg = 12, the gradient arriving from r."),
        (24.0, "24 is the value of d (or ∂g/∂c). The gradient of d is dr/dg × ∂g/∂d = 12 × c."),
        (288.0, "288 is dr/dc, the other branch into g. For d, × swaps: ∂g/∂d = c = 8, not d."),
        (192.0, "192 is dr/dk. The question asks for dr/dd."),
    ], "dr/dd = dr/dg · ∂g/∂d = 12 · 8 = 96.", "dr/dd = (dr/dg) × (∂g/∂d): the gradient arriving times the local derivative.")


def check_dl_dw2(answer):
    """In the three-neuron chain, dl/dw2."""
    return diagnose(answer, -2.11904, [
        (-1.9264, "−1.9264 is dl/da2 (which is also dl/db2). For w2 multiply by ∂a2/∂w2 = a1 = 1.1."),
        (2.11904, "Right size, wrong sign: dl/da3 = 2(a3 − t) is negative here, and so is dl/dw2."),
        (-2.408, "−2.408 is dl/da3 (and dl/db3). Keep going back: × w3 to reach a2, then × a1 for w2."),
        (0.31304, "0.31304 is dl/dw3. The question asks for w2, one neuron further back."),
        (0.57792, "0.57792 is dl/da1 (and dl/db1). The question asks for w2 = dl/da2 · a1."),
    ], "dl/dw2 = 2(a3 − t) · w3 · a1 = (−2.408)(0.8)(1.1) = −2.11904.",
        "dl/dw2 = (dl/da3)(∂a3/∂a2)(∂a2/∂w2) = 2(a3 − t) · w3 · a1.", tol=1e-4)


def check_forward_passes(answer):
    """How many forward passes does it take to estimate all 1000 gradients by nudging one input at a time?"""
    problem = number_problem(answer, example="5")
    if problem is not None:
        return problem
    if close_to(answer, 1001):
        return right("One pass for r as it is, plus one per nudged input: 1001. Backward needs one forward "
                     "and one backward pass, however many inputs there are.")
    if close_to(answer, 1000):
        return not_yet("1000 passes give the nudged outputs, but each change is measured against r without "
                       "any nudge: that takes one more pass.")
    if close_to(answer, 2000) or close_to(answer, 2001):
        return not_yet("That counts central differences (a nudge up and one down per input). Here each input "
                       "is nudged once, up, and compared with r as it is.")
    if close_to(answer, 1) or close_to(answer, 2):
        return not_yet("That is the cost of backpropagation (one forward and one backward pass). The question "
                       "asks about nudging every input one at a time.")
    return not_yet(f"{answer:g} is not it. Count one pass for the baseline r and one per nudged input.")


def check_collapsed_line(answer):
    """Without activations, a3 = slope·X + intercept: give (slope, intercept)."""
    feedback = unanswered(answer)
    if feedback is not None:
        return feedback
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2
            and all(isinstance(x, Real) and not isinstance(x, bool) for x in answer)):
        return not_yet(f"Give two numbers as a tuple (slope, intercept), e.g. (1.5, -0.2); you gave {answer!r}.")
    slope, intercept = answer
    slope_ok, intercept_ok = close_to(slope, -0.12, 1e-6), close_to(intercept, 0.036, 1e-6)
    if slope_ok and intercept_ok:
        return right("a3 = −0.12·X + 0.036; at X = 2 that is −0.204, the same as going neuron by neuron.")
    if not slope_ok:
        if close_to(slope, 1.0):
            return not_yet("1.0 adds the weights. Stacked layers multiply: the slope is w1·w2·w3.")
        if close_to(slope, 0.12):
            return not_yet("The slope's size is right but w2 = −0.3 is negative, so w1·w2·w3 is negative.")
        return not_yet(f"The slope {slope:g} is not it. Substitute a1 into a2 and a2 into a3: the X term is w1·w2·w3·X.")
    if close_to(intercept, 0.2):
        return not_yet("0.2 adds the biases. Each bias is scaled by the weights after it: w2·w3·b1 + w3·b2 + b3.")
    if close_to(intercept, -0.204):
        return not_yet("−0.204 is a3 at X = 2, the whole output. The intercept is the part without X.")
    return not_yet(f"The slope is right; the intercept {intercept:g} is not. It is w2·w3·b1 + w3·b2 + b3.")
