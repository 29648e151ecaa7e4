"""Checks for notebook 04, gradient descent on a line. Each one recognises the usual wrong answers."""
import math
from numbers import Real

import numpy as np

from .core import close_to, not_yet, right, unanswered

# The exercises use the notebook's data, y = 8x + 3 at x = [2, 4], unless they say otherwise.
_X = np.array([2.0, 4.0])
_Y = 8.0 * _X + 3.0


def _pair(answer, what):
    """(a, b) as floats, or a Feedback saying why `answer` is not a pair of numbers."""
    try:
        a, b = answer
    except (TypeError, ValueError):
        return not_yet(f"Give {what} as a pair of numbers, like (-1.5, 2.0); got {answer!r}.")
    if not all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v) for v in (a, b)):
        return not_yet(f"Both parts of {what} must be finite numbers; got {answer!r}.")
    return float(a), float(b)


def _gradient(w, b, x=_X, y=_Y, half=False):
    error = w * x + b - y
    scale = (1.0 if half else 2.0) / x.size
    return scale * float(error @ x), scale * float(error.sum())


def _matches(pair, expected, tol=1e-6):
    return all(close_to(a, e, tol) for a, e in zip(pair, expected))


def check_gradient_at_origin(answer):
    """Exercise 4.1: (∂MSE/∂w, ∂MSE/∂b) at w = 0, b = 0 for the points (2, 19) and (4, 35)."""
    if (missing := unanswered(answer)) is not None:
        return missing
    pair = _pair(answer, "the gradient (∂MSE/∂w, ∂MSE/∂b)")
    if not isinstance(pair, tuple):
        return pair
    dw, db = expected = _gradient(0.0, 0.0)
    if _matches(pair, expected):
        return right(f"At (0, 0) every prediction is 0, so the errors are −19 and −35: "
                     f"∂MSE/∂w = (2/2)(−19·2 − 35·4) = {dw:g} and ∂MSE/∂b = (2/2)(−19 − 35) = {db:g}. "
                     "Both negative: increasing w or b lowers the loss.")
    if _matches(pair, (dw / 2, db / 2)):
        return not_yet("That is the gradient of C = MSE/2, half of the MSE's. Differentiating (ŷ − y)² "
                       "brings down a factor 2; for the MSE it stays.")
    if _matches(pair, (-dw, -db)):
        return not_yet("Right size, wrong sign. The error is ŷ − y (prediction minus target), and at (0, 0) "
                       "the predictions are too small, so the loss falls as w and b grow: "
                       "both derivatives are negative.")
    if _matches(pair, (db, dw)):
        return not_yet("The two numbers are swapped: the first is ∂MSE/∂w (errors times x), the second ∂MSE/∂b.")
    if _matches(pair, (2 * dw, 2 * db)):
        return not_yet("Twice too big: the MSE is a mean, so divide the sum by m = 2 examples.")
    if close_to(pair[0], dw) or close_to(pair[1], db):
        good, bad = ("∂MSE/∂w", "∂MSE/∂b") if close_to(pair[0], dw) else ("∂MSE/∂b", "∂MSE/∂w")
        return not_yet(f"{good} is right but {bad} is not. ∂MSE/∂w weights each error by its x; ∂MSE/∂b does not.")
    return not_yet("Not this pair. Compute the errors ŷ − y at (0, 0) first (they are −19 and −35), then "
                   "∂MSE/∂w = (2/m) Σ (ŷ − y)·x and ∂MSE/∂b = (2/m) Σ (ŷ − y) with m = 2.")


def check_stable_rate(answer):
    """Exercise 4.2: the largest learning rate that still converges for the MSE on x = [1, 3]."""
    if (missing := unanswered(answer)) is not None:
        return missing
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(answer):
        return not_yet(f"Give one number, the learning rate; got {answer!r}.")
    x = np.array([1.0, 3.0])
    H = (2.0 / x.size) * np.array([[x @ x, x.sum()], [x.sum(), x.size]])
    low, high = np.linalg.eigvalsh(H)
    expected = 2.0 / high
    if close_to(answer, expected, 1e-3):
        return right(f"H = [[10, 4], [4, 2]] has eigenvalues {high:.4f} and {low:.4f}; descent is stable while "
                     f"|1 − ηλ| < 1 for both, which the larger one decides: η < 2/{high:.4f} = {expected:.4f}.")
    if close_to(answer, 2.0 / low, 1e-3):
        return not_yet("That uses the smaller eigenvalue. Every direction must shrink, |1 − ηλ| < 1 for each λ, "
                       "and the steep direction (the larger λ) breaks first.")
    if close_to(answer, 1.0 / high, 1e-3):
        return not_yet("1/λmax is the rate that settles the steep direction in a single step. It is still stable "
                       "up to twice that: the iterates overshoot and bounce back, but shrink while |1 − ηλ| < 1.")
    if close_to(answer, 4.0 / high, 1e-3):
        return not_yet("That is the limit for C = MSE/2, whose Hessian is half as big. The question is about the MSE.")
    if close_to(answer, 0.0916731, 1e-3):
        return not_yet("0.0917 is the limit for x = [2, 4]. Build the Hessian for x = [1, 3] instead: "
                       "(2/m)·[[Σx², Σx], [Σx, m]].")
    return not_yet("Not this rate. Build H = (2/m)·[[Σx², Σx], [Σx, m]] for x = [1, 3], take its eigenvalues "
                   "(np.linalg.eigvalsh) and use η < 2/λmax.")


def check_descent_step(step):
    """Exercise 4.3: `step(w, b, lr)` returns (w, b) after one gradient-descent step on the MSE."""
    if (missing := unanswered(step)) is not None:
        return missing
    if not callable(step):
        return not_yet(f"Pass your function itself (step, not step(...)); got a {type(step).__name__}.")
    cases = [(0.4967141530112327, -0.13826430117118466, 0.01), (0.0, 0.0, 0.05), (10.0, -2.0, 0.001)]
    for w, b, lr in cases:
        try:
            result = step(w, b, lr)
        except Exception as error:  # the learner's code: report whatever it raised
            return not_yet(f"step({w:g}, {b:g}, {lr:g}) raised {type(error).__name__}: {error}")
        pair = _pair(result, f"the result of step({w:g}, {b:g}, {lr:g})")
        if not isinstance(pair, tuple):
            return pair
        dw, db = _gradient(w, b)
        expected = (w - lr * dw, b - lr * db)
        if _matches(pair, expected, 1e-9):
            continue
        where = (f"From w={w:g}, b={b:g} with lr={lr:g} you returned ({pair[0]:.6g}, {pair[1]:.6g}); "
                 f"expected ({expected[0]:.6g}, {expected[1]:.6g}). ")
        if _matches(pair, (w + lr * dw, b + lr * db), 1e-9):
            return not_yet(where + "You added the gradient, which walks uphill. Subtract it: w − η·∂MSE/∂w.")
        hw, hb = _gradient(w, b, half=True)
        if _matches(pair, (w - lr * hw, b - lr * hb), 1e-9):
            return not_yet(where + "Your step is half as long: that is the gradient of MSE/2. Use 2/m, not 1/m.")
        new_w = w - lr * dw
        if close_to(pair[0], new_w, 1e-9) and close_to(pair[1], b - lr * _gradient(new_w, b)[1], 1e-9):
            return not_yet(where + "w is right, but b's gradient was computed after w had already moved. "
                           "Compute both gradients at the old point first, then update both.")
        return not_yet(where + "Compute the errors ŷ − y, then both gradients, then w − η·∂MSE/∂w and b − η·∂MSE/∂b.")
    return right("One step of gradient descent: both gradients at the old point, then both parameters move "
                 "against them, scaled by η.")


def check_least_squares_line(answer):
    """Exercise 4.4: the best (w, b) for the three points (1, 2), (2, 3), (3, 5)."""
    if (missing := unanswered(answer)) is not None:
        return missing
    pair = _pair(answer, "(w, b)")
    if not isinstance(pair, tuple):
        return pair
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 5.0])
    expected = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    if _matches(pair, expected, 1e-6):
        return right(f"w = {expected[0]:g}, b = {expected[1]:.6g}: the line misses every point a little "
                     "(no line goes through all three) and has the smallest sum of squared misses.")
    if _matches(pair, (1.5, 0.5), 1e-6):
        return not_yet("That line goes exactly through the first and last points but ignores the middle one. "
                       "Least squares balances all three: solve [x 1]·(w, b) ≈ y with np.linalg.lstsq.")
    if close_to(pair[0], expected[0], 1e-6):
        return not_yet("The slope is right; the intercept is not. The best line passes through the mean point "
                       "(x̄, ȳ) = (2, 10/3), so b = ȳ − w·x̄.")
    return not_yet("Not this line. Stack the inputs as a matrix A = [x 1] (one row per point) and solve "
                   "np.linalg.lstsq(A, y) — or the normal equations AᵀA·(w, b) = Aᵀy.")
