"""Checks of notebook 09: the right answers pass, each usual slip gets its own diagnosis, nothing raises."""
import math
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks


def message(feedback):
    return repr(feedback)


# ---- 9.1 softmax probability ----

SCORES = np.array([1001.0, 1003.0, 1000.0])


def shifted_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def test_softmax_probability_right_and_slips():
    p = shifted_softmax(SCORES)
    assert checks.check_softmax_probability(float(p[1])).ok
    assert checks.check_softmax_probability(0.844).ok
    assert "two decimals" in message(checks.check_softmax_probability(0.84))
    assert "percentage" in message(checks.check_softmax_probability(100 * float(p[1])))
    assert "percentage" in message(checks.check_softmax_probability(84.4))
    assert "equally likely" in message(checks.check_softmax_probability(1 / 3))
    assert "equally likely" in message(checks.check_softmax_probability(1003 / 3004))
    assert "top of the fraction" in message(checks.check_softmax_probability(1))
    assert "score 1001" in message(checks.check_softmax_probability(float(p[0])))
    assert "score 1000" in message(checks.check_softmax_probability(float(p[2])))
    assert "twice" in message(checks.check_softmax_probability(float(shifted_softmax(p)[1])))
    assert not checks.check_softmax_probability(0.7).ok


def test_softmax_probability_says_when_the_scores_overflowed():
    with np.errstate(all="ignore"):
        naive = np.exp(SCORES[1]) / np.exp(SCORES).sum()      # inf / inf
    assert "finite" in message(checks.check_softmax_probability(naive))


# ---- 9.3 parameters ----

def test_digit_parameters_right_and_slips():
    assert checks.check_digit_parameters(109386).ok
    assert "biases" in message(checks.check_digit_parameters(109184))
    assert "inputs biases" in message(checks.check_digit_parameters(109184 + 986))
    assert "counts neurons" in message(checks.check_digit_parameters(986))
    assert "paths" in message(checks.check_digit_parameters(784 * 128 * 64 * 10))
    assert not checks.check_digit_parameters(109387).ok


# ---- 9.5 nudge ----

def test_score_nudge_right_and_slips():
    assert checks.check_score_nudge(0.25).ok
    assert "gradient itself" in message(checks.check_score_nudge(0.625))
    assert "Multiply" in message(checks.check_score_nudge(0.04))
    assert "positive" in message(checks.check_score_nudge(-0.25))
    assert "rate" in message(checks.check_score_nudge(2.5))
    assert "length of the step" in message(checks.check_score_nudge(0.1))


def test_score_nudge_uses_the_measured_gradient_length():
    assert checks.check_score_nudge(0.913, gradient_length=9.13, step=0.1).ok
    assert checks.check_score_nudge(0.91, gradient_length=9.13, step=0.1).ok
    assert not checks.check_score_nudge(0.25, gradient_length=9.13, step=0.1).ok
    assert "gradient itself" in message(checks.check_score_nudge(0.1 * 9.13 ** 2, gradient_length=9.13, step=0.1))


@pytest.mark.parametrize("length, step", [(None, 0.1), ("9", 0.1), (9.13, -1), (0, 0.1), (float("nan"), 0.1)])
def test_score_nudge_with_a_broken_call_says_so(length, step):
    feedback = checks.check_score_nudge(0.9, gradient_length=length, step=step)
    assert not feedback.ok and "run the cells above" in message(feedback)


# ---- 9.2 the code exercise ----

def solution(Z, labels):
    m = len(Z)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    P[np.arange(m), labels] -= 1.0
    return P / m


def softmax(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def one_hot(Z, labels):
    Y = np.zeros_like(Z)
    Y[np.arange(len(Z)), labels] = 1.0
    return Y


def stub(Z, labels):
    raise NotImplementedError("write it")


def columns_slip(Z, labels):
    P = softmax(Z)
    P[:, labels] -= 1.0
    return P / len(Z)


def global_max_slip(Z, labels):
    E = np.exp(Z - Z.max())
    P = E / E.sum(axis=1, keepdims=True)
    P[np.arange(len(Z)), labels] -= 1.0
    return P / len(Z)


def test_the_solution_passes():
    assert checks.check_softmax_ce_backward(solution).ok


@pytest.mark.parametrize("learner, expected", [
    (stub, "NotImplementedError"),
    (lambda Z, labels: None, "returns None"),
    (lambda Z, labels: solution(Z, labels)[:, :2], "shape"),
    (lambda Z, labels: softmax(Z) - one_hot(Z, labels), "divide by m"),
    (lambda Z, labels: softmax(Z) / len(Z), "subtract 1"),
    (lambda Z, labels: (one_hot(Z, labels) - softmax(Z)) / len(Z), "sign is flipped"),
    (lambda Z, labels: (softmax(softmax(Z)) - one_hot(Z, labels)) / len(Z), "applied twice"),
    (lambda Z, labels: -one_hot(Z, labels) / softmax(Z) / len(Z), "with respect to the probabilities"),
    (lambda Z, labels: (np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True) - one_hot(Z, labels)) / len(Z), "overflows"),
    (lambda Z, labels: 1 / 0, "ZeroDivisionError"),
    (lambda Z, labels: "text", "return a NumPy array"),
    (lambda Z, labels: np.zeros_like(Z), "differs from"),
    (lambda Z, labels: (softmax(Z) - one_hot(Z, labels)) / len(Z) ** 2, "twice"),
    (columns_slip, "EVERY row"),
    (global_max_slip, "WHOLE batch"),
])
def test_each_slip_in_the_code_gets_its_own_diagnosis(learner, expected):
    feedback = checks.check_softmax_ce_backward(learner)
    assert not feedback.ok
    assert expected in message(feedback), message(feedback)
    assert "Not yet. Not yet." not in message(feedback)


def test_a_wrong_result_shows_one_row_not_the_whole_array():
    text = message(checks.check_softmax_ce_backward(lambda Z, labels: np.zeros_like(Z)))
    assert "row 0 should be" in text and "yours is [0.0, 0.0, 0.0]" in text
    assert text.count("[") == 2


def test_an_m_slip_shows_on_the_first_case():
    text = message(checks.check_softmax_ce_backward(lambda Z, labels: softmax(Z) - one_hot(Z, labels)))
    assert "two examples" in text and "m = 2" in text


WEIRD = [None, ..., 10**400, Fraction(1, 3), float("nan"), float("inf"), "0.665", [0.665], (1, 2), {"a": 1},
         np.array([0.25, 0.25]), np.float64(0.25), True, object(), lambda: 1]


@pytest.mark.parametrize("check", [checks.check_softmax_probability, checks.check_digit_parameters,
                                   checks.check_score_nudge, checks.check_softmax_ce_backward])
@pytest.mark.parametrize("answer", WEIRD, ids=[repr(w)[:20] for w in WEIRD])
def test_every_check_answers_anything_without_raising(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, checks.Feedback)
    assert isinstance(feedback.message, str) and feedback.message
    assert "Not yet. Not yet." not in repr(feedback)


# ---- 9.4 the training step (code) ----

def step_solution(net, loss, optimizer, X_batch, y_batch):
    cost = loss.forward(net.forward(X_batch), y_batch)
    net.backward(loss.backward())
    optimizer.step(net.grads())
    return cost


def step_without_backward(net, loss, optimizer, X_batch, y_batch):
    cost = loss.forward(net.forward(X_batch), y_batch)
    loss.backward()
    optimizer.step(net.grads())
    return cost


def step_before_backward(net, loss, optimizer, X_batch, y_batch):
    cost = loss.forward(net.forward(X_batch), y_batch)
    optimizer.step(net.grads())
    net.backward(loss.backward())
    return cost


def step_with_parameters(net, loss, optimizer, X_batch, y_batch):
    cost = loss.forward(net.forward(X_batch), y_batch)
    net.backward(loss.backward())
    optimizer.step(net.params())
    return cost


def step_without_return(net, loss, optimizer, X_batch, y_batch):
    step_solution(net, loss, optimizer, X_batch, y_batch)


def step_returning_the_cost_after(net, loss, optimizer, X_batch, y_batch):
    step_solution(net, loss, optimizer, X_batch, y_batch)
    return loss.forward(net.forward(X_batch), y_batch)


def step_returning_the_gradient(net, loss, optimizer, X_batch, y_batch):
    loss.forward(net.forward(X_batch), y_batch)
    delta = loss.backward()
    net.backward(delta)
    optimizer.step(net.grads())
    return delta


def step_stub(net, loss, optimizer, X_batch, y_batch):
    raise NotImplementedError("one step")


def test_the_training_step_solution_passes():
    assert checks.check_train_step(step_solution).ok


@pytest.mark.parametrize("learner, expected", [
    (step_stub, "NotImplementedError"),
    (step_without_backward, "every gradient is still 0"),
    (step_before_backward, "no parameter moved"),
    (step_with_parameters, "given the parameters"),
    (step_without_return, "returns None"),
    (step_returning_the_cost_after, "before the update"),
    (step_returning_the_gradient, "returns ndarray"),
    (lambda net, loss, optimizer, X, y: None, "every gradient is still 0"),
    (lambda net, loss, optimizer, X, y: 1 / 0, "ZeroDivisionError"),
    (42, "cannot be called"),
])
def test_each_training_step_slip_gets_its_own_diagnosis(learner, expected):
    feedback = checks.check_train_step(learner)
    assert not feedback.ok
    assert expected in message(feedback), message(feedback)
    assert "Not yet. Not yet." not in message(feedback)


@pytest.mark.parametrize("answer", WEIRD, ids=[repr(w)[:20] for w in WEIRD])
def test_the_training_step_check_answers_anything_without_raising(answer):
    feedback = checks.check_train_step(answer)
    assert isinstance(feedback, checks.Feedback) and feedback.message


# ---- 9.6 backprop to the input (code) ----

def gradient_solution(net, x, k):
    z = net.forward(x[None, :])
    d = np.zeros_like(z)
    d[0, k] = 1.0
    return net.backward(d)[0]


def gradient_from_ones(net, x, k):
    z = net.forward(x[None, :])
    return net.backward(np.ones_like(z))[0]


def gradient_without_relus(net, x, k):
    net.forward(x[None, :])
    d = np.eye(3)[k][None, :]
    for layer in reversed(net.layers):
        if hasattr(layer, "W"):
            d = d @ layer.W
    return d[0]


def gradient_as_a_batch(net, x, k):
    return gradient_solution(net, x, k)[None, :]


def gradient_stub(net, x, k):
    raise NotImplementedError("backprop")


def test_the_input_gradient_solution_passes():
    assert checks.check_input_gradient(gradient_solution).ok


@pytest.mark.parametrize("learner, expected", [
    (gradient_stub, "NotImplementedError"),
    (gradient_from_ones, "SUM of all three scores"),
    (gradient_without_relus, "ReLUs are missing"),
    (gradient_as_a_batch, "batch of one"),
    (lambda net, x, k: None, "returns None"),
    (lambda net, x, k: np.zeros(3), "shape (6,)"),
    (lambda net, x, k: np.zeros_like(x), "central differences"),
    (lambda net, x, k: "text", "NumPy array"),
    ("input_gradient", "cannot be called"),
])
def test_each_input_gradient_slip_gets_its_own_diagnosis(learner, expected):
    feedback = checks.check_input_gradient(learner)
    assert not feedback.ok
    assert expected in message(feedback), message(feedback)
    assert "Not yet. Not yet." not in message(feedback)


@pytest.mark.parametrize("answer", WEIRD, ids=[repr(w)[:20] for w in WEIRD])
def test_the_input_gradient_check_answers_anything_without_raising(answer):
    feedback = checks.check_input_gradient(answer)
    assert isinstance(feedback, checks.Feedback) and feedback.message


def test_the_hidden_input_gradient_cases_can_tell_the_slips_apart():
    from helpers.checks.digits import _linear_only_gradient, _numeric_input_gradient, _tiny_input_cases
    net, cases = _tiny_input_cases()
    for x, k in cases:
        g = _numeric_input_gradient(net, x, k)
        assert np.abs(g).min() > 1e-3, "every input moves the score"
        assert not np.allclose(g, _linear_only_gradient(net, k), atol=1e-3), "some ReLU is off"
