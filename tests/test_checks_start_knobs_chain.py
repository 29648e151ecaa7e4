"""The exercise checks of notebooks 00–02: right answers pass, each likely slip gets its own
diagnosis, placeholders and answers of the wrong kind say "not yet" and what to give instead, and
the code exercises run the learner's code on hidden cases.

Expected answers are worked out here from the definitions, not read from the check functions."""
import pytest

from helpers import checks

NUMBER_CHECKS = [
    checks.check_which_notebook, checks.check_half_squared_error, checks.check_mse, checks.check_gradient_step,
    checks.check_product_nudge, checks.check_g_after_f_nudge, checks.check_r_after_p_nudge,
    checks.check_two_nudges, checks.check_dC_dw2, checks.check_forward_passes, checks.check_collapsed_line,
]
CODE_CHECKS = [checks.check_rate, checks.check_mul_backward, checks.check_fan_out]


def passes(feedback):
    return feedback.ok and repr(feedback).startswith("✅ Right.")


def fails_saying(feedback, *words):
    text = repr(feedback)
    return (not feedback.ok) and text.startswith("❌ Not yet.") and all(w in text for w in words)


# ---- placeholders and answers of the wrong kind ----

@pytest.mark.parametrize("check", NUMBER_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_a_placeholder_is_not_yet_answered(check, placeholder):
    assert fails_saying(check(placeholder), "placeholder")


@pytest.mark.parametrize("check", NUMBER_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("junk", [True, [1, 2, 3], {"answer": 1}, "forty"])
def test_the_wrong_kind_of_answer_is_refused_with_a_reason(check, junk):
    feedback = check(junk)
    assert not feedback.ok
    assert len(feedback.message) > 20


@pytest.mark.parametrize("check", CODE_CHECKS, ids=lambda c: c.__name__)
def test_a_code_check_asks_for_the_function_itself(check):
    assert fails_saying(check(None), "itself")
    assert fails_saying(check(3.5), "cannot be called")


@pytest.mark.parametrize("check", CODE_CHECKS, ids=lambda c: c.__name__)
def test_a_code_check_says_not_yet_to_the_stub_and_names_a_crash(check):
    def stub(*args):
        raise NotImplementedError("write it")

    def crash(*args):
        return 1 / 0

    assert fails_saying(check(stub), "NotImplementedError")
    assert fails_saying(check(crash), "ZeroDivisionError")
    assert fails_saying(check(lambda *args: "text"), "'text'")


# ---- 00: the map and the notation ----

@pytest.mark.parametrize("answer", [3, "3", "03", "03_building_the_engine", "03_building_the_engine.ipynb", 3.0])
def test_which_notebook_accepts_every_way_of_naming_03(answer):
    assert passes(checks.check_which_notebook(answer))


@pytest.mark.parametrize("answer", [0, 1, 2, 4, 5, 6, 7, 8, 9, "02_chain_rule_backwards"])
def test_which_notebook_explains_what_the_other_notebooks_do(answer):
    assert fails_saying(checks.check_which_notebook(answer), "Value")


def test_which_notebook_knows_how_many_there_are():
    assert fails_saying(checks.check_which_notebook(12), "0 to 9")
    assert fails_saying(checks.check_which_notebook(3.5), "neither")


def test_half_squared_error():
    y_hat, y = 1.4, 2.0
    assert passes(checks.check_half_squared_error(0.5 * (y_hat - y) ** 2))
    assert fails_saying(checks.check_half_squared_error((y_hat - y) ** 2), "without the ½")
    assert fails_saying(checks.check_half_squared_error(0.5 * (y_hat - y)), "squaring")
    assert fails_saying(checks.check_half_squared_error(y_hat - y), "the error")
    assert fails_saying(checks.check_half_squared_error(0.5 * (y_hat ** 2 - y ** 2)), "not each number")
    assert fails_saying(checks.check_half_squared_error(0.7), "square it")


def test_mse():
    y_hat, y = (2.0, 4.0, 7.0), (3.0, 4.0, 5.0)
    squares = [(p - t) ** 2 for p, t in zip(y_hat, y)]
    mse = sum(squares) / len(squares)
    assert passes(checks.check_mse(mse))
    assert passes(checks.check_mse(round(mse, 2)))       # 1.67 by hand is fine
    assert fails_saying(checks.check_mse(sum(squares)), "SUM")
    assert fails_saying(checks.check_mse(mse / 2), "no ½")
    assert fails_saying(checks.check_mse(sum(p - t for p, t in zip(y_hat, y)) / 3), "before squaring")
    assert fails_saying(checks.check_mse(sum(abs(p - t) for p, t in zip(y_hat, y)) / 3), "sizes")


def test_gradient_step():
    theta, eta, grad = 2.0, 0.1, -3.0
    assert passes(checks.check_gradient_step(theta - eta * grad))
    assert fails_saying(checks.check_gradient_step(theta + eta * grad), "WITH the gradient")
    assert fails_saying(checks.check_gradient_step(theta - grad), "learning rate")
    assert fails_saying(checks.check_gradient_step(eta * grad), "ingredient")
    assert fails_saying(checks.check_gradient_step(theta), "before the step")


# ---- 01: rates and nudges ----

def good_rate(f, x, h):
    return (f(x + h) - f(x)) / h


@pytest.mark.parametrize("slip, words", [
    (lambda f, x, h: f(x + h) - f(x), ["divide by h"]),
    (lambda f, x, h: (f(x) - f(x + h)) / h, ["wrong sign"]),
    (lambda f, x, h: (f(x + h) - f(x - h)) / h, ["2h"]),
    (lambda f, x, h: (f(x + h) - f(x)) * h, ["multiplies"]),
    (lambda f, x, h: f(x + h) - f(x) / h, ["brackets"]),
    (lambda f, x, h: f(x + 1) - f(x), ["nudge of 1"]),
    (lambda f, x, h: (f(x + 1e-7) - f(x)) / 1e-7, ["vanishingly small"]),
    (lambda f, x, h: 42.0, ["42", "per unit"]),
])
def test_rate_names_each_slip(slip, words):
    assert fails_saying(checks.check_rate(slip), *words)


def test_rate_accepts_a_right_rate_written_any_way():
    assert passes(checks.check_rate(good_rate))
    assert passes(checks.check_rate(lambda f, x, h: (f(x + h) - f(x)) * (1 / h)))


def test_product_nudge():
    def c(a, b):
        return a * b

    assert passes(checks.check_product_nudge(c(7, -1) - c(7, -2)))
    assert fails_saying(checks.check_product_nudge(-2), "value of b", "swaps")
    assert fails_saying(checks.check_product_nudge(1), "plus sign")
    assert fails_saying(checks.check_product_nudge(c(7, -1)), "new value")
    assert fails_saying(checks.check_product_nudge(c(7, -2)), "before the nudge")


KNOBS = dict(a=5.0, b=3.0, e=6.0, f=4.0, m=4.0, p=3.0)


def r(**changes):
    v = {**KNOBS, **changes}
    return (v["a"] + v["b"]) * (v["e"] * v["f"]) * (v["m"] * v["p"])


def g(**changes):
    v = {**KNOBS, **changes}
    return (v["a"] + v["b"]) * (v["e"] * v["f"])


def test_g_after_f_nudge_at_e_five():
    assert passes(checks.check_g_after_f_nudge(g(e=5, f=5) - g(e=5)))
    assert fails_saying(checks.check_g_after_f_nudge(5 * 5 - 5 * 4), "change in d", "asks about g")
    assert fails_saying(checks.check_g_after_f_nudge(g(e=5, f=5)), "new value")
    assert fails_saying(checks.check_g_after_f_nudge(g(e=5)), "before the nudge")
    assert fails_saying(checks.check_g_after_f_nudge(g(e=6) - g(e=5)), "nudging e")
    assert fails_saying(checks.check_g_after_f_nudge(g(f=5) - g()), "e = 6")


def test_r_after_p_nudge_at_m_minus_five():
    assert passes(checks.check_r_after_p_nudge(r(m=-5, p=4) - r(m=-5)))
    assert fails_saying(checks.check_r_after_p_nudge(r(p=4) - r()), "m = 4")
    assert fails_saying(checks.check_r_after_p_nudge(-5 * 4 - -5 * 3), "change in k")
    assert fails_saying(checks.check_r_after_p_nudge(r(m=-5, p=4)), "new value")
    assert fails_saying(checks.check_r_after_p_nudge(-(r(m=-5, p=4) - r(m=-5))), "wrong sign")
    assert fails_saying(checks.check_r_after_p_nudge(r(m=-5)), "before the nudge")


def test_two_nudges_need_the_cross_term():
    actual = r(b=4, f=5) - r()
    first_order = (r(b=4) - r()) + (r(f=5) - r())
    assert actual != first_order
    assert passes(checks.check_two_nudges(actual))
    assert fails_saying(checks.check_two_nudges(first_order), "first-order", "cross term")
    assert fails_saying(checks.check_two_nudges(r(b=4, f=5)), "new value")
    assert fails_saying(checks.check_two_nudges(r(b=4) - r()), "b alone")
    assert fails_saying(checks.check_two_nudges(12345), "forward pass")


def test_nudge_checks_refuse_a_number_in_quotes():
    assert fails_saying(checks.check_product_nudge("7"), "without quotes")


# ---- 02: gates, fan-out and the chain ----

def good_mul_backward(x, y, grad_out):
    return grad_out * y, grad_out * x


@pytest.mark.parametrize("slip, words", [
    (lambda x, y, g: (g * x, g * y), ["OTHER input"]),
    (lambda x, y, g: (y, x), ["missing", "grad_out"]),
    (lambda x, y, g: (g, g), ["plus sign"]),
    (lambda x, y, g: (x, y), ["inputs themselves"]),
    (lambda x, y, g: (g * x * y, g * x * y), ["output"]),
    (lambda x, y, g: g * y, ["two numbers"]),
    (lambda x, y, g: (1.0, 2.0), ["should be"]),
])
def test_mul_backward_names_each_slip(slip, words):
    assert fails_saying(checks.check_mul_backward(slip), *words)


def test_mul_backward_accepts_tuples_lists_and_arrays():
    import numpy as np
    assert passes(checks.check_mul_backward(good_mul_backward))
    assert passes(checks.check_mul_backward(lambda x, y, g: [g * y, g * x]))
    assert passes(checks.check_mul_backward(lambda x, y, g: np.array([g * y, g * x])))


def q_gradients(x, y):
    """q = (x + y)·x, by central differences: no formula shared with the check."""
    h = 1e-6

    def q(x, y):
        return (x + y) * x

    return (q(x + h, y) - q(x - h, y)) / (2 * h), (q(x, y + h) - q(x, y - h)) / (2 * h)


def test_fan_out_right_and_each_path_forgotten():
    exact = lambda x, y: (2 * x + y, x)  # noqa: E731
    for x, y in [(3.0, -2.0), (-1.0, 5.0), (0.5, 0.25)]:
        assert exact(x, y) == pytest.approx(q_gradients(x, y), abs=1e-6)
    assert passes(checks.check_fan_out(exact))
    assert fails_saying(checks.check_fan_out(lambda x, y: (x + y, x)), "only the path through the product")
    assert fails_saying(checks.check_fan_out(lambda x, y: (x, x)), "only the path through the sum")
    assert fails_saying(checks.check_fan_out(lambda x, y: (x, 2 * x + y)), "wrong order")
    assert fails_saying(checks.check_fan_out(lambda x, y: (2 * x + y, x + y)), "value of u")
    assert fails_saying(checks.check_fan_out(lambda x, y: 2 * x + y), "two numbers")


W1, W2, W3, B1, B2, B3, Y = 0.5, -0.3, 0.8, 0.1, 0.2, -0.1, 1.0


def cost(x, w2=W2):
    a3 = ((x * W1 + B1) * w2 + B2) * W3 + B3
    return 0.5 * (a3 - Y) ** 2


def dC_dw2_numeric(x, h=1e-6):
    return (cost(x, W2 + h) - cost(x, W2 - h)) / (2 * h)


def test_dC_dw2_at_x_three_against_central_differences():
    numeric = dC_dw2_numeric(3.0)
    assert passes(checks.check_dC_dw2(numeric))
    assert passes(checks.check_dC_dw2(round(numeric, 4)))  # four decimals by hand are fine
    a1 = 3 * W1 + B1
    a2 = a1 * W2 + B2
    error = a2 * W3 + B3 - Y
    assert fails_saying(checks.check_dC_dw2(error * W3), "∂C/∂a₂", "a₁")
    assert fails_saying(checks.check_dC_dw2(2 * numeric), "twice", "½")
    assert fails_saying(checks.check_dC_dw2(-numeric), "wrong sign")
    assert fails_saying(checks.check_dC_dw2(error * W3 * 3), "input x = 3")
    assert fails_saying(checks.check_dC_dw2(error * a2), "∂C/∂w₃")
    assert fails_saying(checks.check_dC_dw2(error * W2 * a1), "w₃")
    assert fails_saying(checks.check_dC_dw2(dC_dw2_numeric(2.0)), "x = 2")
    assert fails_saying(checks.check_dC_dw2(round(numeric, 2)), "two decimals")
    assert fails_saying(checks.check_dC_dw2(round(numeric, 3)), "three decimals")


def test_forward_passes():
    n = 1000
    assert passes(checks.check_forward_passes(n + 1))
    assert fails_saying(checks.check_forward_passes(n), "one more")
    assert fails_saying(checks.check_forward_passes(2 * n), "central")
    assert fails_saying(checks.check_forward_passes(2), "backpropagation")
    assert fails_saying(checks.check_forward_passes(7), "Count one pass")


def test_collapsed_line_with_w2_positive_matches_the_neuron_by_neuron_output():
    w2 = 0.3
    slope = W1 * w2 * W3
    intercept = w2 * W3 * B1 + W3 * B2 + B3
    a3_at_2 = ((2 * W1 + B1) * w2 + B2) * W3 + B3
    assert slope * 2 + intercept == pytest.approx(a3_at_2)
    assert passes(checks.check_collapsed_line((slope, intercept)))
    assert passes(checks.check_collapsed_line([slope, intercept]))
    assert fails_saying(checks.check_collapsed_line((-0.12, 0.036)), "worked example")
    assert fails_saying(checks.check_collapsed_line((W1 + w2 + W3, intercept)), "multiply")
    assert fails_saying(checks.check_collapsed_line((-slope, intercept)), "sign")
    assert fails_saying(checks.check_collapsed_line((slope, B1 + B2 + B3)), "adds the biases")
    assert fails_saying(checks.check_collapsed_line((slope, a3_at_2)), "a₃ at x = 2")
    assert fails_saying(checks.check_collapsed_line((slope, B3)), "only b₃")
    assert fails_saying(checks.check_collapsed_line(0.12), "2 numbers")
