"""Checks for notebook 04, gradient descent on a line. Each one recognises the usual slips and says why.

The notebook's data are y = 8x + 3 at x = [2, 4]; the code exercise runs the learner's functions on
other data (three and four points), so that a sum and a mean, or a missing 2, give different numbers.
"""
import numpy as np

from ..data import LINE_X, LINE_Y
from .core import (all_close, as_numbers, close_to, code_problem, describe, diagnose, not_yet, number_text,
                   numbers_problem, right, run_learner_code)




def _gradient(w, b, x, y, scale=2.0, weight_b_by_x=False):
    """(∂/∂w, ∂/∂b) of (scale/2)·MSE; `weight_b_by_x` gives the slip that multiplies ∂/∂b by x too."""
    error = w * x + b - y
    dw = scale / x.size * float(error @ x)
    db = scale / x.size * float(error @ x if weight_b_by_x else error.sum())
    return dw, db


# ---- Exercise 4.1: the gradient at the origin, by hand ----

def check_gradient_at_origin(answer):
    """Exercise 4.1: (∂MSE/∂w, ∂MSE/∂b) at w = 0, b = 0 for the points (2, 19) and (4, 35)."""
    if (problem := numbers_problem(answer, 2, "(-1.5, 2.0)")) is not None:
        return problem
    pair = as_numbers(answer, 2)
    dw, db = expected = _gradient(0.0, 0.0, LINE_X, LINE_Y)
    if all_close(pair, expected):
        return right(f"At (0, 0) every prediction is 0, so the errors ŷ − y are −19 and −35: "
                     f"∂MSE/∂w = (2/2)(−19·2 − 35·4) = {number_text(dw, 'g')} and ∂MSE/∂b = (2/2)(−19 − 35) = {number_text(db, 'g')}. "
                     "Both negative: raising w or b lowers the MSE.")
    slips = [
        ((dw / 2, db / 2), "That is the gradient of C = MSE/2, half of the MSE's. Differentiating (ŷ − y)² "
                           "brings down a factor 2; for the MSE it stays."),
        ((-dw, -db), "Right size, wrong sign. The error is ŷ − y (prediction minus target); at (0, 0) the "
                     "predictions are too small, so the MSE falls as w and b grow: both derivatives are negative."),
        ((db, dw), "The two numbers are swapped: the first is ∂MSE/∂w (errors times x), the second ∂MSE/∂b."),
        ((2 * dw, 2 * db), "Twice too big: that is the sum over the examples. The MSE is a mean: divide by m = 2."),
        ((db, db), "∂MSE/∂w is missing its x: each error is multiplied by its own x (2 and 4) before summing."),
        ((dw, dw), "∂MSE/∂b has no x in it: ŷ changes by 1 per unit of b, so ∂MSE/∂b = (2/m) Σ (ŷ − y)."),
    ]
    for values, message in slips:
        if all_close(pair, values):
            return not_yet(message)
    if close_to(pair[0], dw) or close_to(pair[1], db):
        w_right = close_to(pair[0], dw)
        good, bad = ("∂MSE/∂w", "∂MSE/∂b") if w_right else ("∂MSE/∂b", "∂MSE/∂w")
        wrong, target = (pair[1], db) if w_right else (pair[0], dw)
        b_with_x = _gradient(0.0, 0.0, LINE_X, LINE_Y, weight_b_by_x=True)[1]
        if not w_right and close_to(wrong, db):
            why = "∂MSE/∂w is missing its x: each error is multiplied by its own x (2 and 4) before summing."
        elif w_right and close_to(wrong, b_with_x):
            why = "∂MSE/∂b has no x in it: ŷ changes by 1 per unit of b, so ∂MSE/∂b = (2/m) Σ (ŷ − y)."
        elif close_to(wrong, 2 * target) or close_to(wrong, target / 2) or close_to(wrong, -target):
            why = (f"{bad} = {number_text(wrong, 'g')} is off by a factor of 2 or by its sign: check the 2 of the square, "
                   "the division by m = 2 and the sign of the errors ŷ − y.")
        elif abs(wrong - target) <= 0.05 * abs(target):
            why = (f"{bad} = {number_text(wrong, 'g')} is close: the method looks right, so redo its arithmetic "
                   "(the errors are ŷ − y at (0, 0), one per point).")
        else:
            why = (f"Recompute {bad} from the errors at (0, 0): ∂MSE/∂w = (2/m) Σ (ŷ − y)·x, "
                   "∂MSE/∂b = (2/m) Σ (ŷ − y).")
        return not_yet(f"{good} is right but {bad} is not. {why}")
    return not_yet("Not this pair. Compute the errors ŷ − y at (0, 0) first (the predictions are all 0), then "
                   "∂MSE/∂w = (2/m) Σ (ŷ − y)·x and ∂MSE/∂b = (2/m) Σ (ŷ − y) with m = 2.")


# ---- Exercise 4.2: the code exercise, one gradient-descent step ----

# Hidden cases: (w, b, x, y, η). Three and four points, so a sum and a mean differ, and so does "sum without
# the 2" (which equals the right gradient when m = 2).
_CASES = [
    (0.5, -0.25, [1.0, 2.0, 4.0], [3.0, 2.0, 6.0], 0.05),
    (2.0, 1.0, [-1.0, 0.5, 2.0, 4.0], [1.0, 0.0, 3.0, 2.0], 0.01),
    (-1.5, 4.0, [3.0, 1.0, 2.0], [-2.0, 6.0, 1.0], 0.1),
]


def _describe_case(w, b, x, y):
    listed = lambda values: "[" + ", ".join(number_text(v, "g") for v in values) + "]"
    return f"w = {number_text(w, 'g')}, b = {number_text(b, 'g')} on x = {listed(x)}, y = {listed(y)} (m = {len(x)})"


def _gradient_slips(w, b, x, y):
    """(a wrong (∂/∂w, ∂/∂b), why) for the slips a learner is likely to make in the gradient of the MSE."""
    m = x.size
    right_pair = _gradient(w, b, x, y)
    dw, db = right_pair
    return [
        ((m * dw, m * db), "it is m times too big: you summed over the examples (2 Σ …) where the MSE takes the "
                           "mean ((2/m) Σ …). Use np.mean, or divide the sum by m."),
        ((m * dw / 2, m * db / 2), "it is Σ (ŷ − y)·x and Σ (ŷ − y): a sum without the 2. For m = 2 that happens to "
                                   "equal (2/m) Σ, which is why two points cannot catch it; here m is not 2."),
        ((dw / 2, db / 2), "it is half the right size: that is the gradient of MSE/2. Differentiating (ŷ − y)² "
                           "brings down a factor 2."),
        ((-dw, -db), "the sign is flipped: the error is ŷ − y (prediction minus target), not y − ŷ."),
        ((db, db), "∂MSE/∂w is missing the x: each error must be multiplied by its own input x before averaging."),
        (_gradient(w, b, x, y, weight_b_by_x=True), "∂MSE/∂b has an x in it: ŷ changes by 1 per unit of b, so "
                                                    "∂MSE/∂b = (2/m) Σ (ŷ − y), with no x."),
        ((db, dw), "the two derivatives are swapped: return (∂MSE/∂w, ∂MSE/∂b) in that order."),
        (_gradient(w, b, LINE_X, LINE_Y), "that is the gradient on the notebook's two points: use the x and y "
                                          "passed to the function, not the global ones."),
    ]


def _check_gradient(mse_gradient):
    """None if `mse_gradient` is right on every hidden case, else Feedback naming the case and the slip."""
    if (problem := code_problem(mse_gradient, "mse_gradient")) is not None:
        return problem
    for number, (w, b, x, y, _) in enumerate(_CASES, start=1):
        x, y = np.array(x), np.array(y)
        case = f"Case {number}, {_describe_case(w, b, x.tolist(), y.tolist())}"
        result, problem = run_learner_code(lambda: mse_gradient(w, b, x.copy(), y.copy()), "your `mse_gradient`")
        if problem is not None:
            return problem if "NotImplementedError" in problem.message else not_yet(f"{case}: {problem.message}")
        expected = _gradient(w, b, x, y)
        pair = as_numbers(result, 2)
        if pair is None:
            parts = as_numbers(result[0]) if isinstance(result, (tuple, list)) and len(result) == 2 else None
            if parts is not None and len(parts) == x.size:
                return not_yet(f"{case}: your `mse_gradient` returned one number per example. Average them: "
                               "the gradient of the MSE is one number for w and one for b.")
            return not_yet(f"{case}: your `mse_gradient` must return two numbers (∂MSE/∂w, ∂MSE/∂b); "
                           f"it returned {describe(result, 60)}.")
        if all_close(pair, expected, 1e-9):
            continue
        said = (f"{case}: your `mse_gradient` gives ({number_text(pair[0])}, {number_text(pair[1])}), the MSE's gradient is "
                f"({number_text(expected[0])}, {number_text(expected[1])}); ")
        for values, why in _gradient_slips(w, b, x, y):
            if all_close(pair, values, 1e-9):
                return not_yet(said + why)
        return not_yet(said + "compute the errors e = w·x + b − y, then ((2/m) Σ e·x, (2/m) Σ e).")
    return None


def _check_update(gd_step):
    """None if `gd_step` is right on every hidden case, else Feedback naming the case and the slip."""
    if (problem := code_problem(gd_step, "gd_step")) is not None:
        return problem
    for number, (w, b, x, y, eta) in enumerate(_CASES, start=1):
        x, y = np.array(x), np.array(y)
        case = f"Case {number}, {_describe_case(w, b, x.tolist(), y.tolist())}, η = {eta:g}"
        result, problem = run_learner_code(lambda: gd_step(w, b, x.copy(), y.copy(), eta), "your `gd_step`")
        if problem is not None:
            return problem if "NotImplementedError" in problem.message else not_yet(f"{case}: {problem.message}")
        dw, db = _gradient(w, b, x, y)
        expected = (w - eta * dw, b - eta * db)
        pair = as_numbers(result, 2)
        if pair is None:
            return not_yet(f"{case}: your `gd_step` must return the new (w, b), two numbers; "
                           f"it returned {describe(result, 60)}.")
        if all_close(pair, expected, 1e-9):
            continue
        said = (f"{case}: your `gd_step` returns ({number_text(pair[0])}, {number_text(pair[1])}), one step gives "
                f"({number_text(expected[0])}, {number_text(expected[1])}); ")
        new_w = w - eta * dw
        global_dw, global_db = _gradient(w, b, LINE_X, LINE_Y)
        slips = [
            ((w + eta * dw, b + eta * db), "you added the gradient, which walks uphill. Subtract it: w − η·∂MSE/∂w."),
            ((new_w, b - eta * _gradient(new_w, b, x, y)[1]),
             "w is right, but b's gradient was computed after w had moved. Compute both gradients at the old "
             "point first, then update both."),
            ((w - dw, b - db), "the step forgot η: multiply the gradient by the learning rate before subtracting."),
            ((eta * dw, eta * db), "that is η times the gradient, the size of the step. Return the new point, "
                                   "w − η·∂MSE/∂w and b − η·∂MSE/∂b."),
            ((dw, db), "that is the gradient itself. Return the new point, w − η·∂MSE/∂w and b − η·∂MSE/∂b."),
            ((new_w, b), "only w moved: b has to step against its own gradient too."),
            ((w, b - eta * db), "only b moved: w has to step against its own gradient too."),
            ((w - eta * dw / 2, b - eta * db / 2), "the step is half as long: that is the gradient of MSE/2. "
                                                   "For the MSE, (2/m) Σ, not (1/m) Σ."),
            ((w - eta * global_dw, b - eta * global_db), "that is the step for the notebook's two points: pass the "
                                                         "x and y that gd_step receives on to mse_gradient."),
        ]
        for values, why in slips:
            if all_close(pair, values, 1e-9):
                return not_yet(said + why)
        return not_yet(said + "get (∂MSE/∂w, ∂MSE/∂b) = mse_gradient(w, b, x, y), then return "
                              "(w − η·∂MSE/∂w, b − η·∂MSE/∂b).")
    return None


def check_gd_step(mse_gradient, gd_step=None):
    """Exercise 4.2 (code): `mse_gradient(w, b, x, y)` and `gd_step(w, b, x, y, eta)` on hidden data sets."""
    if (problem := _check_gradient(mse_gradient)) is not None:
        return problem
    if gd_step is None or gd_step is Ellipsis:
        return not_yet("Your `mse_gradient` is right on every hidden case. Now pass gd_step too: "
                       "checks.check_gd_step(mse_gradient, gd_step).")
    if (problem := _check_update(gd_step)) is not None:
        return not_yet("Your `mse_gradient` is right on every hidden case. " + problem.message)
    return right("On three hidden data sets (three and four points) both functions agree with the MSE: the "
                 "gradient is a mean over the examples, and the step computes both derivatives at the old point, "
                 "then moves both parameters against them, scaled by η.")


# ---- Exercise 4.3: the largest stable learning rate, to 4 digits ----

def check_stable_rate(answer):
    """Exercise 4.3: the largest learning rate that still converges for the MSE on x = [1, 3], to 4 digits."""
    x = np.array([1.0, 3.0])
    H = (2.0 / x.size) * np.array([[x @ x, x.sum()], [x.sum(), x.size]])
    low, high = np.linalg.eigvalsh(H)
    expected = 2.0 / high
    # No rejection names the target value: it would give the answer away.
    slips = [
        (round(expected, 3), f"{number_text(round(expected, 3), 'g')} has 3 digits; the question asks for 4 "
                             "(round the 4th, don't truncate)."),
        (round(expected, 2), f"{number_text(round(expected, 2), 'g')} has 2 digits; the question asks for 4."),
        (2.0 / (low + high), "2/(λmin + λmax) is the best fixed rate (both directions shrink equally fast), not "
                             "the largest stable one. The limit is set by the steep direction alone: η < 2/λmax."),
        (2.0 / H[0, 0], "2/10 is the limit with b frozen (the curvature in w alone). With b free, w and b are coupled "
                        "and the steep direction is steeper: use λmax of the whole 2×2 Hessian."),
        (1.0 / high, "1/λmax settles the steep direction in a single step. Descent stays stable up to twice that: "
                     "the iterates overshoot and bounce back, but shrink while |1 − ηλ| < 1."),
        (4.0 / high, "That is the limit for C = MSE/2, whose Hessian is half as big. The question is about the MSE."),
        (2.0 / low, "That uses the smaller eigenvalue. Every direction must shrink, |1 − ηλ| < 1 for each λ, and "
                    "the steep direction (the larger λ) breaks first."),
        (high, "That is λmax itself, a curvature. The largest stable learning rate is 2/λmax."),
        (2.0 / (H[0, 0] + H[1, 1]), "2/(10 + 2) uses the trace, the SUM of the eigenvalues; λmax is the larger "
                                    "one, (tr + √(tr² − 4·det))/2."),
        (0.0916731, "0.0917 is the limit for x = [2, 4]. Build the Hessian for x = [1, 3] instead: "
                    "(2/m)·[[Σx², Σx], [Σx, m]]."),
    ]
    explanation = (f"H = [[10, 4], [4, 2]]: tr = 12, det = 4, so λ = (12 ± √128)/2 = 6 ± √32, that is "
                   f"{high:.4f} and {low:.4f}. Descent is stable while |1 − ηλ| < 1 for both, which the larger one "
                   f"decides: η < 2/{high:.4f} = {expected:.6f}…, to 4 digits {expected:.4f}.")
    # "To 4 digits": rounded or truncated, anything within 1e-4 of the limit (0.172 and coarser are not).
    return diagnose(answer, expected, slips, explanation, tol=1e-4, example="0.05",
                    hint="Build H = (2/m)·[[Σx², Σx], [Σx, m]] for x = [1, 3], find its larger eigenvalue "
                         "λmax = (tr + √(tr² − 4·det))/2 and use η < 2/λmax, to 4 digits.")


# ---- Exercise 4.4: the normal equations for three points, by hand ----

_POINTS_X, _POINTS_Y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 5.0])


def check_least_squares_line(answer):
    """Exercise 4.4: the best (w, b) for the three points (1, 2), (2, 3), (3, 5), to 4 decimals."""
    if (problem := numbers_problem(answer, 2, "(1.0, 0.5)")) is not None:
        return problem
    pair = as_numbers(answer, 2)
    x, y = _POINTS_X, _POINTS_Y
    sxx, sx, sxy, sy, m = x @ x, x.sum(), x @ y, y.sum(), x.size
    expected = np.linalg.solve([[sxx, sx], [sx, m]], [sxy, sy]).tolist()
    # Asked to 4 decimals: within 1e-4 of each (a fraction such as 1/3 is exact); nothing coarser.
    if all(abs(p - e) < 1e-4 for p, e in zip(pair, expected)):
        return right(f"AᵀA = [[{sxx:g}, {sx:g}], [{sx:g}, {m}]] and Aᵀy = ({sxy:g}, {sy:g}); solving gives "
                     f"w = {number_text(expected[0], 'g')}, b = {number_text(expected[1], '.4f')}. The line misses every point a "
                     "little (no line goes through all three) and has the smallest sum of squared misses; it "
                     "passes through the mean point (x̄, ȳ).")
    close = lambda values: all(abs(p - v) < 1e-3 for p, v in zip(pair, values))  # slips given to 3 decimals too
    slips = [
        ((expected[1], expected[0]), "Right numbers, swapped: give (w, b), the slope first."),
        ((sxy / sxx, 0.0), "That is the best line through the origin: without the column of ones in A there is no "
                           "b to fit. A = [x 1] has a 1 in every row, so AᵀA is 2×2: [[Σx², Σx], [Σx, m]]."),
        ((1.5, 0.5), "That line goes exactly through the first and last points but ignores the middle one. "
                     "Least squares balances all three: solve AᵀA·(w, b) = Aᵀy."),
        ((np.linalg.solve([[sxx, sx], [sx, 1.0]], [sxy, sy]).tolist()),
         "The bottom-right entry of AᵀA is Σ 1·1 over the points, which is m = 3, not 1."),
        ((np.linalg.solve([[sxx, sx], [sx, m]], [sxy, sy / m]).tolist()),
         "The second entry of Aᵀy is Σ y, the sum of the targets (not their mean)."),
    ]
    for values, message in slips:
        if close(values):
            return not_yet(message)
    if abs(pair[0] - expected[0]) < 1e-4 and abs(pair[1] - expected[1]) < 0.01:
        return not_yet("The slope is right and the intercept nearly: give b to 4 decimals (round, don't truncate).")
    if abs(pair[0] - expected[0]) < 1e-4:
        return not_yet("The slope is right; the intercept is not. The best line passes through the mean point "
                       "(x̄, ȳ), so b = ȳ − w·x̄.")
    return not_yet("Not this line. Write the normal equations AᵀA·(w, b) = Aᵀy with AᵀA = [[Σx², Σx], [Σx, m]] "
                   "and Aᵀy = (Σxy, Σy) for these three points, and solve the 2×2 system (section 10 shows how).")
