"""Checks for notebook 03, building the engine. Each one recognises the usual wrong answers and says why.

The expected numbers are worked out here from the exercise's own definitions (plain arithmetic, no engine),
so a check cannot agree with a bug in helpers.engine."""
import math
from numbers import Real

from .core import close_to, not_yet, right, unanswered

__all__ = ["check_two_paths", "check_accumulated_grad", "check_loss_step", "check_relu_gate"]


def _number(answer, what):
    """The answer as a float, or a Feedback saying why it is not one number."""
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(answer):
        return not_yet(f"Give {what} as one finite number, like 2.5; got {answer!r}.")
    return float(answer)


def _numbers(answer, count, what, example):
    """The answer as a tuple of `count` floats, or a Feedback saying why it is not."""
    try:
        values = tuple(answer)
    except TypeError:
        return not_yet(f"Give {what} as {count} numbers in a tuple, like {example}; got {answer!r}.")
    if len(values) != count:
        return not_yet(f"Give {what} as exactly {count} numbers, like {example}; got {len(values)}.")
    if not all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        return not_yet(f"Every part of {what} must be a finite number; got {answer!r}.")
    return tuple(float(v) for v in values)


def _same(values, expected, tol=1e-6):
    return all(close_to(v, e, tol) for v, e in zip(values, expected))


def check_two_paths(answer):
    """Exercise 3.1: dq/da for q = a·b + a·a at a = 3, b = 2."""
    if (missing := unanswered(answer)) is not None:
        return missing
    value = _number(answer, "dq/da")
    if not isinstance(value, float):
        return value
    a, b = 3.0, 2.0
    expected = b + 2 * a  # a·b contributes b; a·a uses a twice, each use contributes the other factor a
    if close_to(value, expected):
        return right(f"a reaches q along three paths: through a·b it brings b = {b:g}, and through a·a it "
                     f"arrives twice, bringing a = {a:g} each time. The gradient is the sum: "
                     f"{b:g} + {a:g} + {a:g} = {expected:g}.")
    if close_to(value, b):
        return not_yet("That counts only the path through a·b. a also feeds a·a, and its gradient collects "
                       "every path: add them all up.")
    if close_to(value, 2 * a):
        return not_yet("That counts only the paths through a·a. a also feeds a·b, which adds b: sum every path.")
    if close_to(value, a + b):
        return not_yet("Close: a·a is a multiplication whose two inputs are both a, so a receives a gradient "
                       "from each input — a twice, not once (as the rule d(a²)/da = 2a says).")
    if close_to(value, a * b + a * a):
        return not_yet("That is the value of q, not its derivative. Ask how much q moves when a moves a little.")
    return not_yet("Not yet. Treat each use of a separately: through a·b the local derivative is b; through "
                   "a·a each of the two inputs gets the other one, a. Then add every path.")


def check_accumulated_grad(answer):
    """Exercise 3.2: w4.grad after three calls of r.backward(accumulate=True) on the black box at (3, 4, 6)."""
    if (missing := unanswered(answer)) is not None:
        return missing
    value = _number(answer, "w4.grad")
    if not isinstance(value, float):
        return value
    s = 3 * 0.5 + 4 * 0.5 + 6 * 0.5  # ∂r/∂w4 = s = 6.5 for one pass
    if close_to(value, 3 * s):
        return right(f"One pass gives ∂r/∂w4 = s = {s:g}; with accumulate=True each pass adds its gradient "
                     f"to what is there, so three passes leave 3 × {s:g} = {3 * s:g}. Three times too big — "
                     "which is why backward() resets by default.")
    if close_to(value, s):
        return not_yet(f"{s:g} is one pass. With accumulate=True the gradients are not reset: each of the "
                       "three passes adds its own.")
    if close_to(value, 2 * s):
        return not_yet("That is two passes. Count the calls: three backward() calls, each adding s.")
    if close_to(value, 0.5) or close_to(value, 1.5):
        return not_yet("∂r/∂w4 is the other factor of the last multiplication: the sum s = a·w1 + b·w2 + c·w3, "
                       "not a weight.")
    return not_yet("Not yet. Start from one pass: r = s·w4, so ∂r/∂w4 = s. Then think about what "
                   "accumulate=True does on the second and third calls.")


def check_loss_step(answer):
    """Exercise 3.3: (w1, w2, w3, w4) after one step of η = 0.1 on ½(r − 1)², example (1, 2, 3), all weights 1."""
    if (missing := unanswered(answer)) is not None:
        return missing
    values = _numbers(answer, 4, "the new weights (w1, w2, w3, w4)", "(0.1, 0.2, 0.3, 0.4)")
    if not isinstance(values, tuple):
        return values
    a, b, c, lr, w = 1.0, 2.0, 3.0, 0.1, 1.0
    s = (a + b + c) * w
    r = s * w
    dr = r - 1.0

    def step(scale, new_w4_first=False):
        w4 = w - lr * scale * s
        w4_used = w4 if new_w4_first else w
        return (w - lr * scale * w4_used * a, w - lr * scale * w4_used * b, w - lr * scale * w4_used * c, w4)

    expected = step(dr)
    if _same(values, expected):
        return right(f"r = {r:g}, so ∂L/∂r = r − 1 = {dr:g}; every gradient of r is scaled by it "
                     f"(∂L/∂w4 = {dr:g}·s, ∂L/∂wi = {dr:g}·w4·xi), all taken at the old weights: "
                     "(" + ", ".join(f"{v:g}" for v in expected) + ").")
    if _same(values, step(1.0)):
        return not_yet("Those are the steps of the naive rule, down ∂r/∂w. With the loss, every gradient is "
                       f"multiplied by ∂L/∂r = r − 1 = {dr:g}.")
    if _same(values, step(2 * dr)):
        return not_yet("Twice too far: that is the gradient of (r − 1)², without the ½. The ½ is there so "
                       "that ∂L/∂r is just r − 1.")
    if _same(values, step(dr, new_w4_first=True)):
        return not_yet("w4 is right, but w1, w2, w3 used the new w4. Compute every gradient at the old weights "
                       "first, then update them all.")
    if _same(values, step(-dr)):
        return not_yet("Every weight moved the wrong way: subtract η·gradient (downhill), don't add it.")
    if close_to(values[3], expected[3]):
        return not_yet(f"w4 = {expected[3]:g} is right. For w1..w3, ∂L/∂wi = (r − 1)·w4·xi with the old w4 = 1.")
    return not_yet(f"Not yet. Forward first: s = {s:g}, r = {r:g}, ∂L/∂r = r − 1 = {dr:g}. Then "
                   "∂L/∂w4 = (r − 1)·s and ∂L/∂wi = (r − 1)·w4·xi, and w ← w − 0.1·gradient.")


def check_relu_gate(answer):
    """Exercise 3.4: (∂y/∂w, ∂y/∂b, ∂y/∂v) for y = relu(w·x + b)·v at x = 2, w = −1, b = 0.5, v = 3."""
    if (missing := unanswered(answer)) is not None:
        return missing
    values = _numbers(answer, 3, "(∂y/∂w, ∂y/∂b, ∂y/∂v)", "(1.0, 0.0, -2.0)")
    if not isinstance(values, tuple):
        return values
    x, w, b, v = 2.0, -1.0, 0.5, 3.0
    z = w * x + b  # −1.5: the gate is closed
    h = max(z, 0.0)
    gate = 1.0 if z > 0 else 0.0
    expected = (v * gate * x, v * gate, h)
    if _same(values, expected):
        return right(f"z = w·x + b = {z:g} is negative, so relu(z) = 0 and its local derivative is 0: nothing "
                     "flows back to w or b. And ∂y/∂v = relu(z) = 0 too — v multiplies a zero. "
                     "Every gradient is 0: this example cannot teach any of these weights.")
    if _same(values, (v * x, v, z)):
        return not_yet(f"Those are the gradients with the ReLU left out. z = {z:g} is negative, so the ReLU "
                       "outputs 0 and passes no change back: its local derivative there is 0.")
    if _same(values[:2], (0.0, 0.0)):
        return not_yet("∂y/∂w and ∂y/∂b are right (the closed gate blocks them). For ∂y/∂v: y = relu(z)·v, "
                       "so ∂y/∂v is the other factor, relu(z) — what is it here?")
    return not_yet(f"Not yet. Forward first: z = w·x + b = {z:g}, then relu(z). The ReLU's local derivative is "
                   "1 where z > 0 and 0 where z < 0; multiply along each path back to w, b and v.")
