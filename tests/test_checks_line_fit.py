"""The notebook 04 checks: right answers (worked out here by hand) pass; each usual slip gets its own reason."""
import math
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks


def good_gradient(w, b, x, y):
    error = w * x + b - y
    return 2 * np.mean(error * x), 2 * np.mean(error)


def good_step(w, b, x, y, eta):
    dw, db = good_gradient(w, b, x, y)
    return w - eta * dw, b - eta * db


def stub(*args):
    raise NotImplementedError("write me")


@pytest.mark.parametrize("check", [checks.check_gradient_at_origin, checks.check_stable_rate,
                                   checks.check_gd_step, checks.check_least_squares_line])
def test_the_placeholder_is_not_yet_and_says_what_to_do(check):
    for placeholder in (None, ...):
        feedback = check(placeholder)
        assert not feedback and ("placeholder" in feedback.message or "Pass your function" in feedback.message)
        assert repr(feedback).count("Not yet") == 1


def test_gradient_at_origin():
    assert checks.check_gradient_at_origin((-178, -54))      # errors −19, −35: (−38 − 140, −54)
    assert checks.check_gradient_at_origin([-178.0, -54.0])
    assert checks.check_gradient_at_origin(np.array([-178.0, -54.0]))
    for answer, reason in [((-89, -27), "MSE/2"), ((178, 54), "sign"), ((-54, -178), "swapped"),
                           ((-356, -108), "divide by m"), ((-54, -54), "missing its x"),
                           ((-178, -178), "no x in it"), ((-178, 7), "∂MSE/∂w is right"), ((1, 2), "errors"),
                           ((-178.4, -54), "redo its arithmetic"), ((-178, -54.5), "redo its arithmetic"),
                           ((-178, -27), "factor of 2"), ((-54, -54.0), "missing its x")]:
        feedback = checks.check_gradient_at_origin(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)
    # an arithmetic slip in ∂MSE/∂w is not blamed on a missing x
    assert "weights each error" not in checks.check_gradient_at_origin((-178.4, -54)).message
    assert "missing its x" not in checks.check_gradient_at_origin((-178.4, -54)).message
    for bad, reason in [(-178, "2 numbers"), ("(-178, -54)", "2 numbers"), ((float("nan"), 1.0), "2 numbers"),
                        ((1, 2, 3), "you gave 3")]:
        feedback = checks.check_gradient_at_origin(bad)
        assert not feedback and reason in feedback.message, (bad, feedback.message)


def test_stable_rate_to_four_digits():
    high, low = 6 + math.sqrt(32), 6 - math.sqrt(32)    # eigenvalues of [[10, 4], [4, 2]] by hand
    assert checks.check_stable_rate(2 / high)
    assert checks.check_stable_rate(0.1716)              # 2/λmax = 0.171573… to 4 digits
    assert checks.check_stable_rate(0.1715)              # truncated to 4 digits: also right to 4 digits
    assert checks.check_stable_rate(np.float64(0.1716))
    for answer, reason in [(0.172, "3 digits"), (0.17, "2 digits"), (0.1714, "eigenvalue"), (0.1717, "eigenvalue"),
                           (2 / (low + high), "best fixed rate"), (0.2, "b frozen"), (1 / high, "twice"),
                           (4 / high, "MSE/2"), (2 / low, "smaller eigenvalue"), (high, "λmax itself"),
                           (1 / 6, "best fixed rate"), (2 / 12.0001, "best fixed rate"),
                           (0.0917, "x = [2, 4]"), (0.5, "eigenvalue"), ("0.17", "without quotes")]:
        feedback = checks.check_stable_rate(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)


def test_stable_rate_never_prints_the_target_in_a_rejection():
    for answer in (0.172, 0.17, 0.1714, 0.2, 0.5, 11.6569, 1 / 6, 0.0917, 0.1):
        message = checks.check_stable_rate(answer).message
        assert "0.1716" not in message and "0.17157" not in message and "11.65" not in message, message


def test_least_squares_line_accepts_four_decimals():
    # Normal equations: AᵀA = [[14, 6], [6, 3]], Aᵀy = (23, 10); det 6: w = (3·23 − 6·10)/6 = 1.5,
    # b = (14·10 − 6·23)/6 = 1/3.
    for answer in [(1.5, 1 / 3), (1.5, 0.3333), (Fraction(3, 2), Fraction(1, 3)), np.array([1.5, 0.3333]),
                   (1.5, 0.33333)]:
        assert checks.check_least_squares_line(answer), answer
    for answer, reason in [((1.5, 0.5), "first and last"), ((1 / 3, 1.5), "swapped"), ((0.3333, 1.5), "swapped"),
                           ((23 / 14, 0), "through the origin"), ((1.643, 0.0), "through the origin"),
                           ((1.5, 0.333), "4 decimals"), ((1.5, 0.33), "4 decimals"), ((1.5, 1.0), "intercept"),
                           ((2.0, 0.0), "normal equations"), ((1.5,), "you gave 1")]:
        feedback = checks.check_least_squares_line(answer)
        assert not feedback and reason in feedback.message, (answer, feedback.message)


def test_least_squares_line_never_reveals_the_intercept():
    for answer in [(1.5, 0.5), (1.5, 0.333), (1.5, 1.0), (2.0, 0.0), (23 / 14, 0), (0.3333, 1.5), (1.5, 0.3)]:
        message = checks.check_least_squares_line(answer).message
        assert "0.3333" not in message and "1/3" not in message and "10/3" not in message, message


def test_gd_step_accepts_the_right_functions():
    assert checks.check_gd_step(good_gradient, good_step)

    def with_numpy_scalars(w, b, x, y):
        return np.float64(good_gradient(w, b, x, y)[0]), np.float64(good_gradient(w, b, x, y)[1])
    assert checks.check_gd_step(with_numpy_scalars, good_step)


def scaled(factor_w, factor_b=None):
    factor_b = factor_w if factor_b is None else factor_b
    return lambda w, b, x, y: (factor_w * good_gradient(w, b, x, y)[0], factor_b * good_gradient(w, b, x, y)[1])


def summed(w, b, x, y):
    error = w * x + b - y
    return 2 * np.sum(error * x), 2 * np.sum(error)


def summed_without_two(w, b, x, y):
    error = w * x + b - y
    return np.sum(error * x), np.sum(error)


def missing_x(w, b, x, y):
    error = w * x + b - y
    return 2 * np.mean(error), 2 * np.mean(error)


def x_in_b(w, b, x, y):
    error = w * x + b - y
    return 2 * np.mean(error * x), 2 * np.mean(error * x)


def global_data(w, b, x, y):
    return good_gradient(w, b, np.array([2.0, 4.0]), np.array([19.0, 35.0]))


def per_example(w, b, x, y):
    error = w * x + b - y
    return 2 * error * x, 2 * error


@pytest.mark.parametrize("gradient, reason", [
    (summed, "you summed over the examples"),
    (summed_without_two, "a sum without the 2"),
    (scaled(0.5), "gradient of MSE/2"),
    (scaled(-1), "sign is flipped"),
    (missing_x, "missing the x"),
    (x_in_b, "has an x in it"),
    (lambda w, b, x, y: good_gradient(w, b, x, y)[::-1], "swapped"),
    (global_data, "not the global ones"),
    (per_example, "one number per example"),
    (lambda w, b, x, y: 3.0, "must return two numbers"),
    (scaled(1, 1.1), "compute the errors"),
    (stub, "NotImplementedError"),
    (lambda w, b, x, y: 1 / 0, "ZeroDivisionError"),
    (good_gradient(0, 0, np.ones(2), np.ones(2)), "cannot be called"),
])
def test_gd_step_diagnoses_each_gradient_slip_and_names_the_case(gradient, reason):
    feedback = checks.check_gd_step(gradient, good_step)
    assert not feedback and reason in feedback.message, feedback.message
    if callable(gradient) and gradient is not stub:
        assert feedback.message.startswith("Case 1, w = 0.5, b = −0.25 on x = [1, 2, 4]")


def step_from(update):
    def gd_step(w, b, x, y, eta):
        dw, db = good_gradient(w, b, x, y)
        return update(w, b, dw, db, eta, x, y)
    return gd_step


def sequential(w, b, x, y, eta):
    w = w - eta * good_gradient(w, b, x, y)[0]
    return w, b - eta * good_gradient(w, b, x, y)[1]


@pytest.mark.parametrize("gd_step, reason", [
    (step_from(lambda w, b, dw, db, eta, x, y: (w + eta * dw, b + eta * db)), "walks uphill"),
    (sequential, "after w had moved"),
    (step_from(lambda w, b, dw, db, eta, x, y: (w - dw, b - db)), "forgot η"),
    (step_from(lambda w, b, dw, db, eta, x, y: (eta * dw, eta * db)), "size of the step"),
    (step_from(lambda w, b, dw, db, eta, x, y: (dw, db)), "the gradient itself"),
    (step_from(lambda w, b, dw, db, eta, x, y: (w - eta * dw, b)), "only w moved"),
    (step_from(lambda w, b, dw, db, eta, x, y: (w, b - eta * db)), "only b moved"),
    (step_from(lambda w, b, dw, db, eta, x, y: (w - eta * dw / 2, b - eta * db / 2)), "half as long"),
    (step_from(lambda w, b, dw, db, eta, x, y: (w - 2 * eta * dw, b - eta * db)), "then return"),
    (step_from(lambda w, b, dw, db, eta, x, y: None), "must return the new (w, b)"),
    (lambda w, b, x, y, eta: good_step(w, b, np.array([2.0, 4.0]), np.array([19.0, 35.0]), eta), "two points"),
    (stub, "NotImplementedError"),
])
def test_gd_step_diagnoses_each_update_slip(gd_step, reason):
    feedback = checks.check_gd_step(good_gradient, gd_step)
    assert not feedback and reason in feedback.message, feedback.message
    assert "mse_gradient` is right" in feedback.message
    assert ("Case 1" in feedback.message) != (gd_step is stub)


def test_gd_step_with_only_the_gradient_asks_for_the_step():
    feedback = checks.check_gd_step(good_gradient)
    assert not feedback and "pass gd_step too" in feedback.message


@pytest.mark.parametrize("check", [checks.check_gradient_at_origin, checks.check_stable_rate,
                                   checks.check_gd_step, checks.check_least_squares_line])
@pytest.mark.parametrize("answer", [10**400, Fraction(1, 3), float("nan"), float("inf"), "text", [1, [2]], {},
                                    True, object(), np.array([[1.0, 2.0]])])
def test_every_check_answers_any_input_without_raising(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, checks.Feedback) and not feedback
    assert "Not yet. Not yet" not in repr(feedback)
