"""The checks of notebook 05: right answers pass, each known slip gets its own explanation.

Right answers are worked out here by hand (x = (0.3, 0.1) with the worked example's weights:
z1 = (0.24, −0.14), ŷ = 0.344, δ_out = −0.456, δ_h1 = −0.2736, W1_12 → 0.202736, threshold −0.16),
plus the engine's own float results, which carry round-off in the last digit."""
import re
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks
from helpers.by_hand import network, step, worked_example

NEW = dict(worked_example(), x=[0.3, 0.1])


def verdict(feedback):
    return feedback.ok, feedback.message


@pytest.mark.parametrize("check", [checks.check_backward_221, checks.check_z1_by_hand, checks.check_delta_h1,
                                   checks.check_updated_w1_12, checks.check_wake_threshold])
def test_placeholders_are_not_yet(check):
    for placeholder in (None, ...):
        ok, message = verdict(check(placeholder))
        assert not ok and ("placeholder" in message or "Pass your function" in message)


@pytest.mark.parametrize("check", [checks.check_backward_221, checks.check_z1_by_hand, checks.check_delta_h1,
                                   checks.check_updated_w1_12, checks.check_wake_threshold])
@pytest.mark.parametrize("answer", [10**400, Fraction(1, 3), float("nan"), "text", [1, [2]], {}, True, object(),
                                    np.array([[1.0, 2.0]]), lambda *a: 1 / 0])
def test_every_check_answers_any_input_without_raising(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, checks.Feedback) and not feedback
    assert "Not yet. Not yet" not in repr(feedback)


# ---- the code exercise: backward ----

def good_backward(x, z1, a1, y_hat, y, W2):
    delta_out = y_hat - y
    delta_hidden = [W2[j] * delta_out * (1.0 if z1[j] > 0 else 0.0) for j in range(2)]
    return dict(delta_out=delta_out, delta_hidden=delta_hidden,
                dW2=[delta_out * a for a in a1], db2=delta_out,
                dW1=[[delta_hidden[j] * x[k] for k in range(2)] for j in range(2)], db1=list(delta_hidden))


def changed(**edits):
    """good_backward with some pieces replaced by functions of (x, z1, a1, y_hat, y, W2, right result)."""
    def backward(x, z1, a1, y_hat, y, W2):
        result = good_backward(x, z1, a1, y_hat, y, W2)
        for key, edit in edits.items():
            result[key] = edit(x, z1, a1, y_hat, y, W2, result)
        return result
    return backward


def relu_slope_ge(x, z1, a1, y_hat, y, W2):
    delta_out = y_hat - y
    delta_hidden = [W2[j] * delta_out * (1.0 if z1[j] >= 0 else 0.0) for j in range(2)]
    return dict(good_backward(x, z1, a1, y_hat, y, W2), delta_hidden=delta_hidden,
                dW1=[[delta_hidden[j] * x[k] for k in range(2)] for j in range(2)], db1=delta_hidden)


def stub(*args):
    raise NotImplementedError("write me")


def test_backward_accepts_the_right_function_and_numpy_results():
    assert checks.check_backward_221(good_backward)

    def with_arrays(*args):
        r = good_backward(*args)
        return {k: np.array(v) for k, v in r.items()}
    assert checks.check_backward_221(with_arrays)


@pytest.mark.parametrize("backward, words, case", [
    (changed(delta_out=lambda x, z, a, yh, y, W2, r: y - yh), "sign is flipped", 1),
    (changed(delta_out=lambda x, z, a, yh, y, W2, r: 2 * (yh - y)), "½ cancels the 2", 1),
    (changed(delta_out=lambda x, z, a, yh, y, W2, r: 0.5 * (yh - y) ** 2), "the cost C itself", 1),
    (changed(delta_hidden=lambda x, z, a, yh, y, W2, r: [W2[j] * (yh - y) for j in range(2)]),
     "ReLU′ factor is missing", 1),
    (changed(delta_hidden=lambda x, z, a, yh, y, W2, r: [W2[j] * (yh - y) * a[j] for j in range(2)]),
     "ReLU(z) = a1", 1),
    (changed(delta_hidden=lambda x, z, a, yh, y, W2, r: [W2[1 - j] * (yh - y) * (z[j] > 0) for j in range(2)]),
     "weights are swapped", 1),
    (changed(delta_hidden=lambda x, z, a, yh, y, W2, r: [(yh - y) * (z[j] > 0) for j in range(2)]),
     "weight is missing", 1),
    (relu_slope_ge, "z > 0, not z ≥ 0", 4),
    (changed(dW2=lambda x, z, a, yh, y, W2, r: [(yh - y) * v for v in z]), "you used z1", 1),
    (changed(dW2=lambda x, z, a, yh, y, W2, r: [(yh - y) * v for v in x]), "you used x", 1),
    (changed(dW2=lambda x, z, a, yh, y, W2, r: r["delta_hidden"]), "hidden δs", 1),
    (changed(db2=lambda x, z, a, yh, y, W2, r: (yh - y) * a[0]), "a bias multiplies 1", 1),
    (changed(dW1=lambda x, z, a, yh, y, W2, r: [[r["delta_hidden"][k] * x[j] for k in range(2)] for j in range(2)]),
     "transposed", 1),
    (changed(dW1=lambda x, z, a, yh, y, W2, r: [[r["delta_hidden"][j] * a[k] for k in range(2)] for j in range(2)]),
     "you used a1", 1),
    (changed(dW1=lambda x, z, a, yh, y, W2, r: [[(yh - y) * x[k] for k in range(2)] for j in range(2)]),
     "you used δ_out", 1),
    (changed(dW1=lambda x, z, a, yh, y, W2, r: [[W2[j] * (yh - y) * x[k] for k in range(2)] for j in range(2)]),
     "ReLU′ factor is missing here", 1),
    (changed(db1=lambda x, z, a, yh, y, W2, r: [r["delta_hidden"][j] * x[j] for j in range(2)]),
     "not an input", 1),
    (changed(db1=lambda x, z, a, yh, y, W2, r: [yh - y, yh - y]), "each hidden bias", 1),
    (changed(db1=lambda x, z, a, yh, y, W2, r: [0.5, 0.5]), "section 3", 1),
    (changed(dW1=lambda x, z, a, yh, y, W2, r: [1.0, 2.0, 3.0, 4.0]), "2×2, one row per hidden neuron", 1),
    (changed(dW2=lambda x, z, a, yh, y, W2, r: 1.0), "two numbers, one per hidden neuron", 1),
    (lambda *args: (1.0, 2.0), "must return a dict", 1),
    (lambda *args: {"delta_out": 1.0}, "without delta_hidden", 1),
    (lambda *args: [][1], "IndexError", 1),
    (lambda *args: good_backward([0.5, 0.1], [0.32, -0.08], [0.32, 0.0], 0.392, 0.8, [0.6, 0.9]), "arguments", 2),
])
def test_backward_diagnoses_each_slip_and_names_the_case(backward, words, case):
    ok, message = verdict(checks.check_backward_221(backward))
    assert not ok and words in message, message
    assert message.startswith(f"Case {case},"), message


def test_backward_stub_and_non_function():
    ok, message = verdict(checks.check_backward_221(stub))
    assert not ok and "NotImplementedError" in message and "Case" not in message
    ok, message = verdict(checks.check_backward_221(good_backward([0.5, 0.1], [0.32, -0.08], [0.32, 0], 0.392, 0.8,
                                                                  [0.6, 0.9])))
    assert not ok and "cannot be called" in message


# ---- the number exercises, with x = (0.3, 0.1) ----

def test_z1_right_answers():
    for answer in [(0.24, -0.14), [0.24, -0.14], np.array([0.24, -0.14]), network(**NEW)["z1"]]:
        assert checks.check_z1_by_hand(answer).ok


@pytest.mark.parametrize("answer, words", [
    ((0.25, -0.17), "Wᵀx"),                      # columns: 0.4·0.3 + 0.3·0.1 + 0.1, 0.2·0.3 + 0.7·0.1 − 0.3
    ((0.14, 0.16), "without the biases"),
    ((0.24, 0.0), "after the activation"),
    ((-0.14, 0.24), "swapped"),
    ((0.2, -0.06), "inputs are swapped"),         # x = (0.1, 0.3)
    ((0.32, -0.08), "worked example"),
    (0.1, "not summed"),
    (0.24, "give both"),
    (0.5, "two numbers"),
    ("0.24, -0.14", "2 numbers"),
    ((0.3, -0.1), "row j of W1"),
])
def test_z1_slips(answer, words):
    ok, message = verdict(checks.check_z1_by_hand(answer))
    assert not ok and words in message, message


def test_hidden_delta_right_answers():
    r = network(**NEW)
    for answer in (-0.2736, r["delta1"][0], r["delta1"], (-0.2736, 0)):
        assert checks.check_delta_h1(answer).ok


@pytest.mark.parametrize("answer, words", [
    (-0.456, "output neuron's δ"),
    (-0.4104, "W2_2"),
    (0.2736, "wrong sign"),
    (-0.5472, "(ŷ − y)², whose derivative"),
    (-0.08208, "∂C/∂W1_11"),
    (-0.02736, "∂C/∂W1_12"),
    (-0.456 * 0.610944, "updated W2_1"),        # W2_1 after the step: 0.6 + 0.1·0.456·0.24
    (0.0, "neuron 2"),
    (-0.2448, "worked example"),
    (-0.5, "Work back"),
    (-0.274, "rounded: δ_h1 has exactly four decimals"),     # hand-rounded to 3 decimals
    (-0.27, "rounded to 2 decimals"),
    (-0.273, "cut short"),
    ("x", "without quotes"),
    ((1, 2), "one number"),
])
def test_hidden_delta_slips(answer, words):
    ok, message = verdict(checks.check_delta_h1(answer))
    assert not ok and words in message, message


def test_updated_weight_right_answers():
    engine_value = step(**NEW, lr=0.1)["params"]["W1"][0][1]
    for answer in (0.202736, engine_value):
        assert checks.check_updated_w1_12(answer).ok


@pytest.mark.parametrize("answer, words", [
    (0.2027, "drops digits"),
    (0.203, "3 decimals"),
    (0.20273, "cut short"),
    (0.197264, "wrong way"),
    (0.205472, "without the ½"),
    (0.2 + 0.1 * 0.456 * 0.610944 * 0.1, "updated W2_1"),
    (0.208208, "W1_11"),
    (0.2, "old value"),
    (-0.02736, "gradient ∂C/∂W1_12"),
    (0.202448, "worked example"),
    (0.3, "is not it"),
    (True, "one number"),
])
def test_updated_weight_slips(answer, words):
    ok, message = verdict(checks.check_updated_w1_12(answer))
    assert not ok and words in message, message


def test_updated_weight_without_the_half_matches_the_engine_variant():
    doubled = step(**NEW, lr=0.1, half=False)["params"]["W1"][0][1]
    assert "without the ½" in checks.check_updated_w1_12(doubled).message


def test_wake_threshold():
    assert checks.check_wake_threshold(-0.16).ok           # 0.3·0.3 + 0.7·0.1 = 0.16
    for answer, words in [(-0.21, "explorer's slider"), (-0.22, "worked example's threshold"),
                          (-0.15, "0.01 grid"), (0.14, "how much"), (0.16, "sign"), (-0.3, "where b1_2 is now"),
                          (-0.14, "z1_2 now"), (-0.13, "column 2"), (0.0, "crosses 0"),
                          (float("nan"), "finite number")]:
        ok, message = verdict(checks.check_wake_threshold(answer))
        assert not ok and words in message, (answer, message)


def test_threshold_is_where_the_engine_starts_passing_gradient():
    below = network(**dict(NEW, b1=[0.1, -0.16 - 1e-9]))
    above = network(**dict(NEW, b1=[0.1, -0.16 + 1e-9]))
    assert below["grads"]["b1"][1] == 0.0 and above["grads"]["b1"][1] != 0.0


def test_rejections_never_print_the_answer():
    for check, answer, forbidden in [
        (checks.check_updated_w1_12, (0.2027, 0.203, 0.20273, 0.3), ("0.202736",)),
        (checks.check_wake_threshold, (-0.15, 0.16, -0.2, 0.5), ("−0.16", "-0.16")),
        (checks.check_delta_h1, (-0.274, -0.27, -0.273, -0.5), ("0.2736",)),
    ]:
        for value in answer:
            message = check(value).message
            assert not any(f in message for f in forbidden), (check.__name__, value, message)


def test_messages_use_one_minus_sign_and_no_negative_zero():
    def backward_with_flipped_sign(x, z1, a1, y_hat, y, W2):
        d = y - y_hat
        h = [W2[j] * d * (1.0 if z1[j] > 0 else 0.0) for j in range(2)]
        return dict(delta_out=d, delta_hidden=h, dW2=[d * a for a in a1], db2=d,
                    dW1=[[h[j] * x[k] for k in range(2)] for j in range(2)], db1=h)
    messages = [checks.check_backward_221(backward_with_flipped_sign).message,
                checks.check_delta_h1(-0.1).message, checks.check_delta_h1(-0.456).message,
                checks.check_z1_by_hand((0.33, -0.13)).message, checks.check_wake_threshold(-0.5).message,
                checks.check_stable_rate(-0.3).message, checks.check_gradient_at_origin((-178.4, -54)).message]
    for message in messages:
        assert re.search(r"(?<![\w)])-\d", message) is None, message          # ASCII minus before a digit
        assert re.search(r"−0(?![.\d])", message) is None, message             # a negative zero
    assert "−0.408" in messages[0]
