"""The notebook 04 checks: right answers (worked out here by hand) pass; the usual slips get a reason."""
import math

import pytest

from helpers import checks


def good_step(w, b, lr):
    e1, e2 = 2 * w + b - 19, 4 * w + b - 35          # errors on (2, 19) and (4, 35)
    dw, db = (2 * e1 * 2 + 2 * e2 * 4) / 2, (2 * e1 + 2 * e2) / 2
    return w - lr * dw, b - lr * db


@pytest.mark.parametrize("check", [checks.check_gradient_at_origin, checks.check_stable_rate,
                                   checks.check_descent_step, checks.check_least_squares_line])
def test_the_placeholder_is_not_yet_and_says_what_to_do(check):
    for placeholder in (None, ...):
        feedback = check(placeholder)
        assert not feedback and "placeholder" in feedback.message


def test_gradient_at_origin():
    assert checks.check_gradient_at_origin((-178, -54))      # errors −19, −35: (−38 − 140, −54)
    assert checks.check_gradient_at_origin([-178.0, -54.0])
    for answer, reason in [((-89, -27), "MSE/2"), ((178, 54), "sign"), ((-54, -178), "swapped"),
                           ((-356, -108), "divide"), ((-178, 7), "∂MSE/∂w is right"), ((1, 2), "errors")]:
        feedback = checks.check_gradient_at_origin(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)
    for bad in (-178, "(-178, -54)", (float("nan"), 1.0), (True, 1)):
        assert not checks.check_gradient_at_origin(bad)


def test_stable_rate():
    high, low = 6 + math.sqrt(32), 6 - math.sqrt(32)    # eigenvalues of [[10, 4], [4, 2]] by hand
    assert checks.check_stable_rate(2 / high)
    assert checks.check_stable_rate(round(2 / high, 4))
    for answer, reason in [(2 / low, "smaller eigenvalue"), (1 / high, "twice"), (4 / high, "MSE/2"),
                           (0.0917, "x = [2, 4]"), (0.5, "eigvalsh")]:
        feedback = checks.check_stable_rate(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)
    assert not checks.check_stable_rate("0.17")


def test_descent_step():
    assert checks.check_descent_step(good_step)

    def uphill(w, b, lr):
        nw, nb = good_step(w, b, lr)
        return 2 * w - nw, 2 * b - nb

    def half(w, b, lr):
        return good_step(w, b, lr / 2)

    def sequential(w, b, lr):
        w = good_step(w, b, lr)[0]
        return w, b - lr * ((2 * w + b - 19) + (4 * w + b - 35))

    def broken(w, b, lr):
        raise ZeroDivisionError("oops")

    for fn, reason in [(uphill, "uphill"), (half, "MSE/2"), (sequential, "old point"),
                       (broken, "ZeroDivisionError"), (lambda w, b, lr: (w, b), "errors"),
                       (lambda w, b, lr: w, "pair")]:
        feedback = checks.check_descent_step(fn)
        assert not feedback and reason in feedback.message, (fn, feedback.message)
    assert not checks.check_descent_step(good_step(0, 0, 0.1))  # a result, not the function


def test_least_squares_line():
    # Mean point (2, 10/3); slope Σ(x − x̄)(y − ȳ)/Σ(x − x̄)² = (4/3 + 5/3)/2 = 1.5; b = 10/3 − 3 = 1/3.
    assert checks.check_least_squares_line((1.5, 1 / 3))
    for answer, reason in [((1.5, 0.5), "first and last"), ((1.5, 1.0), "intercept"), ((2.0, 0.0), "lstsq")]:
        feedback = checks.check_least_squares_line(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)
