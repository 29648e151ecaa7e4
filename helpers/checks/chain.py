"""Checks for notebook 02, the chain rule backwards: gradients as products of local derivatives,
summed over every path.

The chain of three neurons: w = (0.5, −0.3, 0.8), b = (0.1, 0.2, −0.1), target y = 1, one-example
cost C = ½(ŷ − y)² with ŷ = a₃. The notebook works it at input x = 2; the exercises use other settings.
"""
from .core import (as_numbers, close_to, code_problem, describe, diagnose, not_yet, numbers_problem,
                   right, run_learner_code)

__all__ = ["check_mul_backward", "check_fan_out", "check_dC_dw2", "check_forward_passes",
           "check_collapsed_line"]

W1, W2, W3, B1, B2, B3, Y = 0.5, -0.3, 0.8, 0.1, 0.2, -0.1, 1.0


def _pair(result, case, what):
    """The learner's result as two numbers, or Feedback saying what came back instead."""
    values = as_numbers(result, 2)
    if values is None:
        return None, not_yet(f"{case} your `{what}` returned {describe(result)}; it should return two "
                             f"numbers, as a tuple.")
    return values, None


def _first_slip(values, slips):
    for (first, second), why in slips:
        if close_to(values[0], first, 1e-9) and close_to(values[1], second, 1e-9):
            return why
    return None


# Hidden cases for mul_backward(x, y, grad_out): the first has grad_out ≠ 1 so that forgetting it shows.
MUL_CASES = [(3.0, -2.0, 0.5), (0.5, 4.0, -1.5), (-1.0, 7.0, 2.0), (2.0, 2.0, 1.0)]


def check_mul_backward(mul_backward):
    """`mul_backward(x, y, grad_out)` for out = x·y: returns (the gradient of x, the gradient of y)."""
    if (problem := code_problem(mul_backward, "mul_backward")) is not None:
        return problem
    for x, y, grad_out in MUL_CASES:
        result, failure = run_learner_code(lambda: mul_backward(x, y, grad_out), "your `mul_backward`")
        if failure is not None:
            return failure
        case = f"For x = {x:g}, y = {y:g} and a gradient {grad_out:g} arriving at out = x·y,"
        values, failure = _pair(result, case, "mul_backward")
        if failure is not None:
            return failure
        expected = (grad_out * y, grad_out * x)
        if close_to(values[0], expected[0], 1e-9) and close_to(values[1], expected[1], 1e-9):
            continue
        why = _first_slip(values, [
            ((grad_out * x, grad_out * y), "each input got its own value. Multiplication swaps: the gradient "
                                           "of x is grad_out times the OTHER input, y (and x's value goes to y)."),
            ((y, x), "the local derivatives are right (swapped), but the gradient arriving is missing: "
                     "multiply each by grad_out."),
            ((grad_out, grad_out), "that is the rule of a plus sign, which passes grad_out on unchanged. "
                                   "A times sign scales it by the other input."),
            ((x, y), "those are the inputs themselves. The gradient of x is grad_out · y."),
            ((grad_out * x * y, grad_out * x * y), "that multiplies by the output x·y. The local derivative "
                                                   "of x·y with respect to x is y alone."),
        ])
        if why is None:
            why = (f"it should be ({expected[0]:g}, {expected[1]:g}): grad_out · y for x and grad_out · x "
                   f"for y.")
        return not_yet(f"{case} your `mul_backward` gives ({values[0]:g}, {values[1]:g}): {why}")
    return right("on every hidden case: each input's gradient is the gradient arriving times the other "
                 "input's value.")


# Hidden cases for q_gradients(x, y), q = (x + y)·x: x reaches q twice, through the sum and directly.
FAN_OUT_CASES = [(3.0, -2.0), (-1.0, 5.0), (0.5, 0.25)]


def check_fan_out(q_gradients):
    """`q_gradients(x, y)` for q = (x + y)·x: returns (∂q/∂x, ∂q/∂y), summing both paths into x."""
    if (problem := code_problem(q_gradients, "q_gradients")) is not None:
        return problem
    for x, y in FAN_OUT_CASES:
        result, failure = run_learner_code(lambda: q_gradients(x, y), "your `q_gradients`")
        if failure is not None:
            return failure
        case = f"For x = {x:g}, y = {y:g},"
        values, failure = _pair(result, case, "q_gradients")
        if failure is not None:
            return failure
        u = x + y
        expected = (u + x, x)
        if close_to(values[0], expected[0], 1e-9) and close_to(values[1], expected[1], 1e-9):
            continue
        if close_to(values[1], expected[1], 1e-9):
            if close_to(values[0], u, 1e-9):
                why = (f"∂q/∂x = {u:g} counts only the path through the product (∂q/∂x = u there). x also "
                       f"reaches q through u = x + y, which brings x·1 = {x:g}: add the two paths.")
            elif close_to(values[0], x, 1e-9):
                why = (f"∂q/∂x = {x:g} counts only the path through the sum u = x + y. The product u·x also "
                       f"uses x directly, which brings u = {u:g}: add the two paths.")
            else:
                why = f"∂q/∂x should be the sum of its two paths, u + x = {expected[0]:g}."
        elif close_to(values[0], expected[1], 1e-9) and close_to(values[1], expected[0], 1e-9):
            why = "the two gradients are in the wrong order: return (∂q/∂x, ∂q/∂y)."
        elif close_to(values[1], u, 1e-9):
            why = (f"∂q/∂y = {u:g} is the value of u. y reaches q only through u: the gradient of u is x "
                   f"(times swaps), and the plus sign passes it on unchanged, so ∂q/∂y = x.")
        else:
            why = f"∂q/∂y should be x = {x:g}: the gradient of u, passed through the plus sign."
        return not_yet(f"{case} your `q_gradients` gives ({values[0]:g}, {values[1]:g}): {why}")
    return right("on every hidden case: x gets u from the product and x from the sum, ∂q/∂x = 2x + y.")


def _chain(x, w2=W2):
    a1 = x * W1 + B1
    a2 = a1 * w2 + B2
    a3 = a2 * W3 + B3
    return a1, a2, a3


def check_dC_dw2(answer):
    """The chain of three neurons fed x = 3 (target y = 1, C = ½(ŷ − y)²): ∂C/∂w₂."""
    a1, a2, a3 = _chain(3.0)
    error = a3 - Y                   # ∂C/∂ŷ
    expected = error * W3 * a1       # −1.69472
    at_two = _chain(2.0)
    return diagnose(answer, expected, [
        (error * W3, f"{error * W3:.6g} is ∂C/∂a₂ (and ∂C/∂b₂): the road stops one step short. For w₂ "
                     f"multiply by ∂a₂/∂w₂ = a₁ = {a1:g}."),
        (2 * error * W3 * a1, "that is twice the answer: 2(ŷ − y) is the derivative of (ŷ − y)². With the ½ in "
                              "C = ½(ŷ − y)², ∂C/∂ŷ = ŷ − y."),
        (-expected, "right size, wrong sign: ŷ − y is negative here (ŷ < 1), and so is ∂C/∂w₂."),
        (error * W3 * 3.0, "that multiplies by the input x = 3. Neuron 2's input is a₁, so ∂a₂/∂w₂ = a₁."),
        (error * a2, f"{error * a2:.6g} is ∂C/∂w₃. The question asks for w₂, one neuron further back."),
        (error * W2 * a1, "that multiplies by w₂ on the way back from a₃. The step from a₃ back to a₂ has "
                          "local derivative w₃ (a₃ = a₂·w₃ + b₃)."),
        (round(expected, 2), "close: that is the right value rounded to two decimals. Give four decimals."),
        (round(expected, 3), "close: that is the right value rounded to three decimals. Give four decimals."),
        ((at_two[2] - Y) * W3 * at_two[0], "that is ∂C/∂w₂ at x = 2, the worked example. Run the forward "
                                          "pass again with x = 3 first: every value on the road changes."),
    ], f"ŷ = a₃ = {a3:.6g}, so ∂C/∂w₂ = (ŷ − y) · w₃ · a₁ = ({error:.6g})(0.8)({a1:g}) = {expected:.6g}.",
        "Run the forward pass with x = 3, then multiply along the road: (ŷ − y) · w₃ · a₁.", tol=1e-4,
        example="-0.5")


def check_forward_passes(answer):
    """How many forward passes does it take to estimate all 1000 gradients by nudging one input at a time?"""
    return diagnose(answer, 1001, [
        (1000, "1000 passes give the nudged outputs, but each change is measured against the output with no "
               "nudge at all: that takes one more pass."),
        (2000, "That counts central differences (a nudge up and one down per input). Here each input is "
               "nudged once, up, and compared with the output as it is."),
        (2001, "That counts central differences (a nudge up and one down per input). Here each input is "
               "nudged once, up, and compared with the output as it is."),
        (1, "That is about the cost of backpropagation (one forward pass, then one backward sweep). The "
            "question asks about nudging every input one at a time."),
        (2, "That is the cost of backpropagation (one forward and one backward pass). The question asks about "
            "nudging every input one at a time."),
    ], "one pass for the output as it is, plus one per nudged input: 1001. Backpropagation needs one forward "
       "and one backward pass, however many inputs there are.",
        "Count one pass for the output as it is and one per nudged input.", tol=1e-9, example="5")


def check_collapsed_line(answer):
    """The chain without activations, but with w₂ = +0.3: a₃ = slope·x + intercept. Give (slope, intercept)."""
    if (problem := numbers_problem(answer, 2, "(1.5, -0.2)")) is not None:
        return problem
    slope, intercept = as_numbers(answer, 2)
    w2 = 0.3
    right_slope, right_intercept = W1 * w2 * W3, w2 * W3 * B1 + W3 * B2 + B3   # 0.12, 0.084
    slope_ok, intercept_ok = close_to(slope, right_slope, 1e-6), close_to(intercept, right_intercept, 1e-6)
    if slope_ok and intercept_ok:
        return right("a₃ = 0.12·x + 0.084; at x = 2 that is 0.324, the same as running the three neurons.")
    if close_to(slope, -0.12, 1e-6) and close_to(intercept, 0.036, 1e-6):
        return not_yet("(−0.12, 0.036) is the line for w₂ = −0.3, the worked example. Here w₂ = +0.3.")
    if not slope_ok:
        if close_to(slope, W1 + w2 + W3, 1e-6):
            return not_yet("1.6 adds the weights. Stacked neurons multiply: the slope is w₁·w₂·w₃.")
        if close_to(slope, -right_slope, 1e-6):
            return not_yet("The slope's size is right but its sign is not: with w₂ = +0.3 all three weights "
                           "are positive.")
        return not_yet(f"The slope {slope:g} is not it. Substitute a₁ into a₂ and a₂ into a₃: "
                       "the x term is w₁·w₂·w₃·x.")
    if close_to(intercept, B1 + B2 + B3, 1e-6):
        return not_yet("0.2 adds the biases. Each bias is scaled by the weights after it: w₂·w₃·b₁ + w₃·b₂ + b₃.")
    if close_to(intercept, right_slope * 2 + right_intercept, 1e-6):
        return not_yet("0.324 is a₃ at x = 2, the whole output. The intercept is the part without x.")
    if close_to(intercept, B3, 1e-6):
        return not_yet("−0.1 is only b₃. The earlier biases reach a₃ too, scaled by the weights after them.")
    return not_yet(f"The slope is right; the intercept {intercept:g} is not. It is w₂·w₃·b₁ + w₃·b₂ + b₃.")
