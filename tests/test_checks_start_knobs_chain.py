"""The exercise checks of notebooks 00–02: right answers pass, typical slips fail with a reason,
placeholders and answers of the wrong kind say "not yet" and what to give instead.

Expected answers are worked out here from the definitions (the worked example and the chain of
three neurons), not read from the check functions."""
import pytest

from helpers import checks

# ---- independent computations ----
A, B, E, F, M, P = 5.0, 3.0, 6.0, 4.0, 4.0, 3.0


def r(a=A, b=B, e=E, f=F, m=M, p=P):
    return (a + b) * (e * f) * (m * p)


def g(a=A, b=B, e=E, f=F):
    return (a + b) * (e * f)


X, W1, W2, W3, B1, B2, B3, T = 2.0, 0.5, -0.3, 0.8, 0.1, 0.2, -0.1, 1.0


def chain_forward(w2=W2):
    a1 = X * W1 + B1
    a2 = a1 * w2 + B2
    a3 = a2 * W3 + B3
    return a1, a2, a3, (a3 - T) ** 2


def dl_dw2_numeric(h=1e-6):
    return (chain_forward(W2 + h)[3] - chain_forward(W2 - h)[3]) / (2 * h)


ALL_CHECKS = [
    checks.check_which_notebook, checks.check_weight_shape, checks.check_batch_shape,
    checks.check_half_squared_error, checks.check_product_nudge, checks.check_g_after_f_nudge,
    checks.check_r_after_p_nudge, checks.check_two_nudges, checks.check_dr_dd, checks.check_dl_dw2,
    checks.check_forward_passes, checks.check_collapsed_line,
]
NAMES = [c.__name__ for c in ALL_CHECKS]


def passes(feedback):
    return feedback.ok and repr(feedback).startswith("✅")


def fails_saying(feedback, *words):
    text = repr(feedback)
    return (not feedback.ok) and text.startswith("❌ Not yet.") and all(w in text for w in words)


# ---- placeholders and answers of the wrong kind ----

@pytest.mark.parametrize("check", ALL_CHECKS, ids=NAMES)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_a_placeholder_is_not_yet_answered(check, placeholder):
    assert fails_saying(check(placeholder), "placeholder")


@pytest.mark.parametrize("check", ALL_CHECKS, ids=NAMES)
@pytest.mark.parametrize("junk", [True, [1, 2, 3], {"answer": 1}, "forty"])
def test_the_wrong_kind_of_answer_is_refused_with_a_reason(check, junk):
    feedback = check(junk)
    assert not feedback.ok
    assert len(feedback.message) > 20


# ---- 00: the map and the notation ----

@pytest.mark.parametrize("answer", [3, "3", "03", "03_building_the_engine", "03_building_the_engine.ipynb", 3.0])
def test_which_notebook_accepts_every_way_of_naming_03(answer):
    assert passes(checks.check_which_notebook(answer))


@pytest.mark.parametrize("answer", [0, 1, 2, 4, 5, 6, 7, 8, "02_chain_rule_backwards"])
def test_which_notebook_explains_what_the_other_notebooks_do(answer):
    assert fails_saying(checks.check_which_notebook(answer), "Value")


def test_which_notebook_knows_there_are_nine():
    assert fails_saying(checks.check_which_notebook(12), "0 to 8")


def test_weight_shape_rows_are_neurons():
    neurons, inputs = 3, 2
    assert passes(checks.check_weight_shape((neurons, inputs)))
    assert passes(checks.check_weight_shape([neurons, inputs]))
    assert fails_saying(checks.check_weight_shape((inputs, neurons)), "transpose", "ROW")
    assert fails_saying(checks.check_weight_shape((neurons,)), "bias")
    assert fails_saying(checks.check_weight_shape(neurons * inputs), "count")


def test_batch_shape_keeps_examples_as_rows():
    examples, neurons = 5, 3
    assert passes(checks.check_batch_shape((examples, neurons)))
    assert fails_saying(checks.check_batch_shape((neurons, examples)), "ROWS")
    assert fails_saying(checks.check_batch_shape((examples, 2)), "shape of A")
    assert fails_saying(checks.check_batch_shape((neurons, 2)), "shape of W")


def test_half_squared_error():
    y_hat, y = 0.9, 1.0
    assert passes(checks.check_half_squared_error(0.5 * (y_hat - y) ** 2))
    assert fails_saying(checks.check_half_squared_error((y_hat - y) ** 2), "without the ½")
    assert fails_saying(checks.check_half_squared_error(0.5 * (y_hat - y)), "squaring")
    assert fails_saying(checks.check_half_squared_error(0.3), "square it")


# ---- 01: nudges ----

def test_product_nudge():
    assert passes(checks.check_product_nudge(4 * 6 - 3 * 6))
    assert fails_saying(checks.check_product_nudge(3), "value of a", "swaps")
    assert fails_saying(checks.check_product_nudge(1), "addition")
    assert fails_saying(checks.check_product_nudge(24), "new value")


def test_g_after_f_nudge():
    assert passes(checks.check_g_after_f_nudge(g(f=F + 1) - g()))
    assert fails_saying(checks.check_g_after_f_nudge((E * (F + 1)) - E * F), "change in d", "asks about g")
    assert fails_saying(checks.check_g_after_f_nudge(g(f=F + 1)), "new value")
    assert fails_saying(checks.check_g_after_f_nudge(g(e=E + 1) - g()), "nudging e")


def test_r_after_p_nudge():
    assert passes(checks.check_r_after_p_nudge(r(p=P + 1) - r()))
    assert fails_saying(checks.check_r_after_p_nudge(M * (P + 1) - M * P), "change in k")
    assert fails_saying(checks.check_r_after_p_nudge(r(p=P + 1)), "new value")
    assert fails_saying(checks.check_r_after_p_nudge(r(m=M + 1) - r()), "nudging m")


def test_two_nudges_need_the_cross_term():
    actual = r(b=B + 1, f=F + 1) - r()
    first_order = (r(b=B + 1) - r()) + (r(f=F + 1) - r())
    assert actual != first_order
    assert passes(checks.check_two_nudges(actual))
    assert fails_saying(checks.check_two_nudges(first_order), "first-order", "cross term")
    assert fails_saying(checks.check_two_nudges(r(b=B + 1, f=F + 1)), "new value")
    assert fails_saying(checks.check_two_nudges(12345), "forward pass")


def test_nudge_checks_refuse_a_number_in_quotes():
    assert fails_saying(checks.check_product_nudge("6"), "without quotes")


# ---- 02: backwards ----

def test_dr_dd_is_gradient_arriving_times_local_derivative():
    k, c = M * P, A + B
    assert passes(checks.check_dr_dd(k * c))
    assert fails_saying(checks.check_dr_dd(k), "dr/dg")
    assert fails_saying(checks.check_dr_dd(c), "local derivative")
    assert fails_saying(checks.check_dr_dd(k * E * F), "dr/dc")


def test_dl_dw2_against_central_differences():
    numeric = dl_dw2_numeric()
    assert passes(checks.check_dl_dw2(numeric))
    assert passes(checks.check_dl_dw2(round(numeric, 4)))  # rounding to four decimals is fine
    a1, a2, a3, _ = chain_forward()
    dl_da3 = 2 * (a3 - T)
    assert fails_saying(checks.check_dl_dw2(dl_da3 * W3), "dl/da2", "a1")
    assert fails_saying(checks.check_dl_dw2(-numeric), "sign")
    assert fails_saying(checks.check_dl_dw2(dl_da3), "dl/da3")
    assert fails_saying(checks.check_dl_dw2(dl_da3 * a2), "dl/dw3")


def test_forward_passes():
    n = 1000
    assert passes(checks.check_forward_passes(n + 1))
    assert fails_saying(checks.check_forward_passes(n), "one more")
    assert fails_saying(checks.check_forward_passes(2 * n), "central")
    assert fails_saying(checks.check_forward_passes(1), "backpropagation")


def test_collapsed_line_matches_the_neuron_by_neuron_output():
    slope = W1 * W2 * W3
    intercept = W2 * W3 * B1 + W3 * B2 + B3
    assert slope * X + intercept == pytest.approx(chain_forward()[2])
    assert passes(checks.check_collapsed_line((slope, intercept)))
    assert fails_saying(checks.check_collapsed_line((W1 + W2 + W3, intercept)), "multiply")
    assert fails_saying(checks.check_collapsed_line((-slope, intercept)), "negative")
    assert fails_saying(checks.check_collapsed_line((slope, B1 + B2 + B3)), "adds the biases")
    assert fails_saying(checks.check_collapsed_line((slope, chain_forward()[2])), "a3 at X = 2")
    assert fails_saying(checks.check_collapsed_line(-0.12), "tuple")
