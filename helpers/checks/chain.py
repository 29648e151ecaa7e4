"""Checks for notebook 02, the chain rule backwards: gradients as products of local derivatives,
summed over every path.

The chain of three neurons: w = (0.5, −0.3, 0.8), b = (0.1, 0.2, −0.1), target y = 1, one-example
cost C = ½(ŷ − y)² with ŷ = a₃. The notebook works it at input x = 2; the exercises use other settings.
Answers that are not whole numbers need three significant figures: any correct rounding to three or
more figures passes (`three_figures`).
"""

from .core import (as_numbers, close_to, code_problem, describe, diagnose, not_yet, number_text, numbers_problem,
                   right, run_learner_code, three_figures)

__all__ = ["check_max_backward", "check_fan_out", "check_dC_dw2", "check_passes_and_sweeps",
           "check_collapsed_line", "three_figures"]

W1, W2, W3, B1, B2, B3, Y = 0.5, -0.3, 0.8, 0.1, 0.2, -0.1, 1.0


def num(x):
    """A number as messages write it: shortest form, with the minus sign −."""
    return number_text(x, "g")



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


# Hidden cases for max_backward(u, v, grad_out), never a tie: the first has grad_out ≠ 1 so that forgetting
# it shows, and the larger input is sometimes the first, sometimes the second.
MAX_CASES = [(3.0, -2.0, 0.5), (-1.0, 4.0, -1.5), (0.25, 0.5, 2.0), (-3.0, -7.0, 1.0)]


def check_max_backward(max_backward):
    """`max_backward(u, v, grad_out)` for out = max(u, v): returns (the share for u, the share for v)."""
    if (problem := code_problem(max_backward, "max_backward")) is not None:
        return problem
    for u, v, grad_out in MAX_CASES:
        result, failure = run_learner_code(lambda: max_backward(u, v, grad_out), "your `max_backward`")
        if failure is not None:
            return failure
        case = f"For u = {num(u)}, v = {num(v)} and a gradient {num(grad_out)} arriving at out = max(u, v),"
        values, failure = _pair(result, case, "max_backward")
        if failure is not None:
            return failure
        winner_is_u = u > v
        expected = (grad_out, 0.0) if winner_is_u else (0.0, grad_out)
        if close_to(values[0], expected[0], 1e-9) and close_to(values[1], expected[1], 1e-9):
            continue
        larger, smaller = ("u", "v") if winner_is_u else ("v", "u")
        why = _first_slip(values, [
            ((grad_out, grad_out), "that is the rule of a plus sign, which passes grad_out to both inputs. "
                                   f"Only the larger input, {larger}, is the output: nudging {smaller} a little "
                                   "does not move max(u, v) at all."),
            (expected[::-1], f"the gradient went to the smaller input, {smaller}. The output IS the larger one, "
                             f"{larger}: it gets grad_out, the other gets 0."),
            ((1.0, 0.0) if winner_is_u else (0.0, 1.0), "those are the local derivatives (1 for the larger input, "
                                                       "0 for the other); multiply each by the gradient arriving, "
                                                       "grad_out."),
            ((max(u, v), 0.0) if winner_is_u else (0.0, max(u, v)), "that hands on the value max(u, v), not a "
                                                                    "gradient. The larger input's share is "
                                                                    "grad_out times its local derivative, 1."),
            ((grad_out * v, grad_out * u), "that is the rule of a times sign (the other input's value). "
                                           "max(u, v) moves one for one with the larger input, and not at all "
                                           "with the other."),
        ])
        if why is None:
            why = (f"it should be ({num(expected[0])}, {num(expected[1])}): grad_out for the larger input, {larger}, "
                   f"and 0 for {smaller}.")
        return not_yet(f"{case} your `max_backward` gives ({num(values[0])}, {num(values[1])}): {why}")
    return right("On every hidden case: max routes the whole gradient to the larger input and nothing to the "
                 "other, like a ReLU whose threshold is the other input.")


# Hidden cases for q_gradients(u, v), q = s·t with s = u + v and t = u·v: u and v each reach q twice.
# None has s = 1, t = 1 or u = v, so that every slip gives numbers of its own.
FAN_OUT_CASES = [(3.0, 2.0), (-1.0, 4.0), (0.5, -3.0)]


def check_fan_out(q_gradients):
    """`q_gradients(u, v)` for q = (u + v)·(u·v): returns (∂q/∂u, ∂q/∂v), summing both paths into each."""
    if (problem := code_problem(q_gradients, "q_gradients")) is not None:
        return problem
    for u, v in FAN_OUT_CASES:
        result, failure = run_learner_code(lambda: q_gradients(u, v), "your `q_gradients`")
        if failure is not None:
            return failure
        case = f"For u = {num(u)}, v = {num(v)} (s = {num(u + v)}, t = {num(u * v)}),"
        values, failure = _pair(result, case, "q_gradients")
        if failure is not None:
            return failure
        s, t = u + v, u * v
        through_s = (t, t)                 # q = s·t hands s the share t; the sum passes it to u and v
        through_t = (s * v, s * u)         # q = s·t hands t the share s; the product swaps
        expected = (through_s[0] + through_t[0], through_s[1] + through_t[1])
        if close_to(values[0], expected[0], 1e-9) and close_to(values[1], expected[1], 1e-9):
            continue
        why = _first_slip(values, [
            (through_s, f"({num(t)}, {num(t)}) counts only the path through the sum s = u + v. u and v also reach q "
                        f"through the product t = u·v, which brings s·v = {num(s * v)} to u and s·u = {num(s * u)} "
                        "to v: add each input's two shares."),
            (through_t, f"({num(s * v)}, {num(s * u)}) counts only the path through the product t = u·v. u and v also "
                        f"reach q through the sum s = u + v, which brings t = {num(t)} to each: add each input's "
                        "two shares."),
            (expected[::-1], "the two gradients are in the wrong order: return (∂q/∂u, ∂q/∂v)."),
            ((t, s), "those are ∂q/∂s = t and ∂q/∂t = s, one step from the end: the sum and the product still "
                     "have to hand their shares on to u and v."),
            ((t + s, t + s), "the product t = u·v swaps: u's share from it is s·v (the other input), v's is s·u."),
        ])
        if why is None:
            why = (f"it should be ({num(expected[0])}, {num(expected[1])}): each input gets t from the sum's path "
                   "plus s times the other input from the product's path.")
        return not_yet(f"{case} your `q_gradients` gives ({num(values[0])}, {num(values[1])}): {why}")
    return right("On every hidden case: each input collects a share through the sum and one through the "
                 "product, ∂q/∂u = t + s·v and ∂q/∂v = t + s·u.")


def _chain(x, w2=W2):
    a1 = x * W1 + B1
    a2 = a1 * w2 + B2
    a3 = a2 * W3 + B3
    return a1, a2, a3


def check_dC_dw2(answer):
    """The chain of three neurons fed x = 3 (target y = 1, C = ½(ŷ − y)²): ∂C/∂w₂, to three figures or more."""
    a1, a2, a3 = _chain(3.0)
    error = a3 - Y                   # ∂C/∂ŷ
    expected = error * W3 * a1       # −1.69472
    at_two = _chain(2.0)
    return diagnose(answer, expected, [
        (error * W3, f"{number_text(error * W3)} is ∂C/∂a₂ (and ∂C/∂b₂): the road stops one step short. For w₂ "
                     f"multiply by ∂a₂/∂w₂ = a₁ = {num(a1)}. (To three figures it is also ∂C/∂w₂ at x = 2, the "
                     "worked example: if that is what you computed, run the forward pass again with x = 3.)"),
        (2 * error * W3 * a1, "That is twice the answer: 2(ŷ − y) is the derivative of (ŷ − y)². With the ½ in "
                              "C = ½(ŷ − y)², ∂C/∂ŷ = ŷ − y."),
        (-expected, "Right size, wrong sign: ŷ − y is negative here (ŷ < 1), and so is ∂C/∂w₂."),
        (error * W3 * 3.0, "That multiplies by the input x = 3. Neuron 2's input is a₁, so ∂a₂/∂w₂ = a₁."),
        (error * a2, f"{number_text(error * a2)} is ∂C/∂w₃. The question asks for w₂, one neuron further back."),
        (error * W2 * a1, "That multiplies by w₂ on the way back from a₃. The step from a₃ back to a₂ has "
                          "local derivative w₃ (a₃ = a₂·w₃ + b₃)."),
        (float(f"{expected:.2g}"), "Close: that is the right value to two significant figures. Give three."),
        ((at_two[2] - Y) * W3 * at_two[0], "That is ∂C/∂w₂ at x = 2, the worked example. Run the forward "
                                          "pass again with x = 3 first: every value on the road changes."),
    ], f"With ŷ = a₃ = {number_text(a3)}, ∂C/∂w₂ = (ŷ − y) · w₃ · a₁ = ({number_text(error)})(0.8)({num(a1)}) "
       f"= {number_text(expected)}.",
        "Run the forward pass with x = 3, then multiply along the road: (ŷ − y) · w₃ · a₁.",
        tol=three_figures(expected), example="-0.5")


INPUTS, OUTPUTS = 1000, 3


def check_passes_and_sweeps(answer):
    """1000 inputs, 3 outputs: (forward passes for every partial derivative by central differences,
    backward sweeps for every partial derivative by backpropagation)."""
    if (problem := numbers_problem(answer, 2, "(10, 20)")) is not None:
        return problem
    passes, sweeps = as_numbers(answer, 2)
    right_passes, right_sweeps = 2 * INPUTS, OUTPUTS
    passes_ok, sweeps_ok = close_to(passes, right_passes, 1e-9), close_to(sweeps, right_sweeps, 1e-9)
    if passes_ok and sweeps_ok:
        return right("Central differences run the function twice per input, 2 · 1000 = 2000 passes, and each "
                     "pass gives all 3 outputs at once; backpropagation needs one sweep per output, 3, each "
                     "giving that output's 1000 partial derivatives.")
    if close_to(passes, right_sweeps, 1e-9) \
            and close_to(sweeps, right_passes, 1e-9):
        return not_yet("The two numbers are in the wrong order: (forward passes, backward sweeps).")
    if not passes_ok:
        why = {
            2 * INPUTS + 1: "Central differences never use the output as it is: each input's rate is "
                            "(f(x + h) − f(x − h)) / 2h, two passes, both nudged. No extra pass is needed.",
            INPUTS + 1: "That counts one-sided nudges (one up per input, plus the output as it is). Central "
                        "differences nudge each input up AND down.",
            INPUTS: "That is one pass per input. Central differences nudge each input up and down: two passes.",
            2 * INPUTS * OUTPUTS: "One forward pass computes all 3 outputs at once, so the outputs do not "
                                  "multiply the count: two passes per input.",
        }.get(round(passes)) if float(passes).is_integer() else None
        return not_yet(why or f"{num(passes)} forward passes is not it. Count the passes for one input's central "
                              "difference (f(x + h) − f(x − h)) / 2h, then for all 1000.")
    why = {
        1: "One sweep starts from one output's ∂out/∂out = 1 and gives that output's gradients; 3 outputs need "
           "a sweep each.",
        INPUTS: "Backward sweeps are counted per output, not per input: one sweep gives all 1000 partial "
                "derivatives of one output.",
        INPUTS * OUTPUTS: "3000 is the number of partial derivatives; one sweep gives 1000 of them at once.",
    }.get(round(sweeps)) if float(sweeps).is_integer() else None
    return not_yet("The forward passes are right. " + (why or f"{num(sweeps)} sweeps is not it: one sweep gives "
                                                              "every partial derivative of ONE output."))


def check_collapsed_line(answer):
    """The chain without activations, but with w₂ = +0.3: a₃ = slope·x + intercept. Give (slope, intercept)."""
    if (problem := numbers_problem(answer, 2, "(1.5, -0.2)")) is not None:
        return problem
    slope, intercept = as_numbers(answer, 2)
    w2 = 0.3
    right_slope, right_intercept = W1 * w2 * W3, w2 * W3 * B1 + W3 * B2 + B3   # 0.12, 0.084
    slope_ok, intercept_ok = close_to(slope, right_slope, 1e-6), close_to(intercept, right_intercept, 1e-6)
    if slope_ok and intercept_ok:
        return right("The line is a₃ = 0.12·x + 0.084; at x = 2 that is 0.324, the same as running the three "
                     "neurons.")
    if close_to(slope, -0.12, 1e-6) and close_to(intercept, 0.036, 1e-6):
        return not_yet("(−0.12, 0.036) is the line for w₂ = −0.3, the worked example. Here w₂ = +0.3.")
    if not slope_ok:
        if close_to(slope, W1 + w2 + W3, 1e-6):
            return not_yet("1.6 adds the weights. Stacked neurons multiply: the slope is w₁·w₂·w₃.")
        if close_to(slope, -right_slope, 1e-6):
            return not_yet("The slope's size is right but its sign is not: with w₂ = +0.3 all three weights "
                           "are positive.")
        return not_yet(f"The slope {num(slope)} is not it. Substitute a₁ into a₂ and a₂ into a₃: "
                       "the x term is w₁·w₂·w₃·x.")
    if close_to(intercept, B1 + B2 + B3, 1e-6):
        return not_yet("0.2 adds the biases. Each bias is scaled by the weights after it: w₂·w₃·b₁ + w₃·b₂ + b₃.")
    if close_to(intercept, right_slope * 2 + right_intercept, 1e-6):
        return not_yet("0.324 is a₃ at x = 2, the whole output. The intercept is the part without x.")
    if close_to(intercept, B3, 1e-6):
        return not_yet("−0.1 is only b₃. The earlier biases reach a₃ too, scaled by the weights after them.")
    return not_yet(f"The slope is right; the intercept {num(intercept)} is not. It is w₂·w₃·b₁ + w₃·b₂ + b₃.")
