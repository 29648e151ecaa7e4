"""The exercise checks of notebooks 00–02: right answers pass, each likely slip gets its own
diagnosis, placeholders and answers of the wrong kind say "not yet" and what to give instead, and
the code exercises run the learner's code on hidden cases.

Expected answers are worked out here from the definitions, not read from the check functions."""
import pytest

from helpers import checks

NUMBER_CHECKS = [
    checks.check_which_notebook, checks.check_half_squared_error, checks.check_mse, checks.check_gradient_step,
    checks.check_product_nudge, checks.check_g_after_f_nudge, checks.check_r_after_p_nudge,
    checks.check_two_nudges, checks.check_dC_dw2, checks.check_passes_and_sweeps, checks.check_collapsed_line,
]
CODE_CHECKS = [checks.check_rate, checks.check_max_backward, checks.check_fan_out]


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
    assert passes(checks.check_mse(round(mse, 2)))       # 1.67: three significant figures, as the prompt asks
    assert passes(checks.check_mse(round(mse, 4)))       # more figures are fine too
    assert fails_saying(checks.check_mse(1.66), "rounding")         # cut off, not rounded
    assert fails_saying(checks.check_mse(round(mse, 1)), "three")   # 1.7: only two figures
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

def good_max_backward(u, v, grad_out):
    return (grad_out, 0.0) if u > v else (0.0, grad_out)


def numeric_max_backward(u, v, grad_out, h=1e-6):
    """The shares by central differences of max: no formula shared with the check."""
    return (grad_out * (max(u + h, v) - max(u - h, v)) / (2 * h),
            grad_out * (max(u, v + h) - max(u, v - h)) / (2 * h))


def test_max_backward_matches_central_differences_and_passes():
    for u, v, g in [(3.0, -2.0, 0.5), (-1.0, 4.0, -1.5), (0.25, 0.5, 2.0), (-3.0, -7.0, 1.0)]:
        assert good_max_backward(u, v, g) == pytest.approx(numeric_max_backward(u, v, g), abs=1e-6)
    assert passes(checks.check_max_backward(good_max_backward))
    assert passes(checks.check_max_backward(lambda u, v, g: [g * (u > v), g * (v > u)]))


@pytest.mark.parametrize("slip, words", [
    (lambda u, v, g: (g, g), ["plus sign", "larger"]),
    (lambda u, v, g: (0.0, g) if u > v else (g, 0.0), ["smaller input"]),
    (lambda u, v, g: (1.0, 0.0) if u > v else (0.0, 1.0), ["local derivatives", "grad_out"]),
    (lambda u, v, g: (max(u, v), 0.0) if u > v else (0.0, max(u, v)), ["value max(u, v)"]),
    (lambda u, v, g: (g * v, g * u), ["times sign"]),
    (lambda u, v, g: g, ["two numbers"]),
    (lambda u, v, g: (1.0, 2.0), ["should be"]),
])
def test_max_backward_names_each_slip(slip, words):
    assert fails_saying(checks.check_max_backward(slip), *words)


def q_gradients(u, v):
    """q = (u + v)·(u·v), by central differences: no formula shared with the check."""
    h = 1e-6

    def q(u, v):
        return (u + v) * (u * v)

    return (q(u + h, v) - q(u - h, v)) / (2 * h), (q(u, v + h) - q(u, v - h)) / (2 * h)


def test_fan_out_right_and_each_path_forgotten():
    exact = lambda u, v: (2 * u * v + v * v, u * u + 2 * u * v)  # noqa: E731
    for u, v in [(3.0, 2.0), (-1.0, 4.0), (0.5, -3.0)]:
        assert exact(u, v) == pytest.approx(q_gradients(u, v), abs=1e-5)
        s, t = u + v, u * v
        # every slip gives numbers of its own on every hidden case (no s = 1, t = 1 or u = v)
        slips = [(t, t), (s * v, s * u), exact(u, v)[::-1], (t, s), (t + s, t + s)]
        assert len({tuple(round(x, 9) for x in pair) for pair in slips + [exact(u, v)]}) == len(slips) + 1
    assert passes(checks.check_fan_out(exact))
    assert passes(checks.check_fan_out(q_gradients))
    assert fails_saying(checks.check_fan_out(lambda u, v: (u * v, u * v)), "only the path through the sum")
    assert fails_saying(checks.check_fan_out(lambda u, v: ((u + v) * v, (u + v) * u)),
                        "only the path through the product")
    assert fails_saying(checks.check_fan_out(lambda u, v: exact(u, v)[::-1]), "wrong order")
    assert fails_saying(checks.check_fan_out(lambda u, v: (u * v, u + v)), "one step from the end")
    assert fails_saying(checks.check_fan_out(lambda u, v: (u * v + u + v,) * 2), "swaps")
    assert fails_saying(checks.check_fan_out(lambda u, v: 2 * u * v + v * v), "two numbers")
    assert fails_saying(checks.check_fan_out(lambda u, v: (0.0, 0.0)), "should be")


W1, W2, W3, B1, B2, B3, Y = 0.5, -0.3, 0.8, 0.1, 0.2, -0.1, 1.0


def cost(x, w2=W2):
    a3 = ((x * W1 + B1) * w2 + B2) * W3 + B3
    return 0.5 * (a3 - Y) ** 2


def dC_dw2_numeric(x, h=1e-6):
    return (cost(x, W2 + h) - cost(x, W2 - h)) / (2 * h)


def test_dC_dw2_at_x_three_against_central_differences():
    numeric = dC_dw2_numeric(3.0)
    assert passes(checks.check_dC_dw2(numeric))
    assert passes(checks.check_dC_dw2(round(numeric, 4)))  # more figures are fine
    assert passes(checks.check_dC_dw2(round(numeric, 2)))  # -1.69: three significant figures, as asked
    assert passes(checks.check_dC_dw2(round(numeric, 3)))  # -1.695
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
    assert fails_saying(checks.check_dC_dw2(round(numeric, 1)), "two significant figures")  # -1.7
    assert not checks.check_dC_dw2(-1.70).ok and not checks.check_dC_dw2(-1.68).ok


def test_dC_dw2_asks_for_the_number_in_a_value():
    from helpers.engine import Value
    assert fails_saying(checks.check_dC_dw2(Value(-1.69472)), "Value", ".data", ".grad")
    assert fails_saying(checks.check_product_nudge(Value(7.0)), "Value", ".data", ".grad")


def test_passes_and_sweeps():
    inputs, outputs = 1000, 3
    central, sweeps = 2 * inputs, outputs   # two nudged passes per input; one sweep per output
    assert passes(checks.check_passes_and_sweeps((central, sweeps)))
    assert passes(checks.check_passes_and_sweeps([central, sweeps]))
    assert fails_saying(checks.check_passes_and_sweeps((central + 1, sweeps)), "never use the output as it is")
    assert fails_saying(checks.check_passes_and_sweeps((inputs + 1, sweeps)), "one-sided")
    assert fails_saying(checks.check_passes_and_sweeps((inputs, sweeps)), "up and down")
    assert fails_saying(checks.check_passes_and_sweeps((central * outputs, sweeps)), "all 3 outputs at once")
    assert fails_saying(checks.check_passes_and_sweeps((central, 1)), "passes are right", "a sweep each")
    assert fails_saying(checks.check_passes_and_sweeps((central, inputs)), "per output")
    assert fails_saying(checks.check_passes_and_sweeps((central, inputs * outputs)), "3000")
    assert fails_saying(checks.check_passes_and_sweeps((sweeps, central)), "wrong order")
    assert fails_saying(checks.check_passes_and_sweeps((7, sweeps)), "not it")
    assert fails_saying(checks.check_passes_and_sweeps(2000), "2 numbers")


def test_messages_open_with_a_capital_after_the_verdict():
    from helpers.engine import Value
    answers = [checks.check_rate(good_rate), checks.check_max_backward(good_max_backward),
               checks.check_fan_out(q_gradients), checks.check_mse(5 / 3), checks.check_half_squared_error(0.18),
               checks.check_gradient_step(2.3), checks.check_product_nudge(7), checks.check_g_after_f_nudge(40),
               checks.check_r_after_p_nudge(-960), checks.check_two_nudges(936), checks.check_dC_dw2(-1.69),
               checks.check_dC_dw2(-1.7), checks.check_passes_and_sweeps((2000, 3)),
               checks.check_collapsed_line((0.12, 0.084)), checks.check_dC_dw2(Value(1.0))]
    for feedback in answers:
        first = feedback.message[0]
        assert first.isupper() or first in "(−-0123456789", repr(feedback)


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
