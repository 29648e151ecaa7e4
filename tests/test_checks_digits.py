"""Checks of notebook 09: the right answers pass, each usual slip gets its own diagnosis, nothing raises."""
import math
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks


def message(feedback):
    return repr(feedback)


# ---- 9.1 softmax probability ----

def test_softmax_probability_right_and_slips():
    right = math.exp(3) / (math.exp(1) + math.exp(2) + math.exp(3))
    assert checks.check_softmax_probability(right).ok
    assert checks.check_softmax_probability(0.665).ok
    assert "exponentiates first" in message(checks.check_softmax_probability(0.5))
    assert "equally likely" in message(checks.check_softmax_probability(1 / 3))
    assert "top of the fraction" in message(checks.check_softmax_probability(math.exp(3)))
    assert "score 1" in message(checks.check_softmax_probability(math.exp(1) / sum(math.exp(k) for k in (1, 2, 3))))
    p = np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum()
    twice = np.exp(p) / np.exp(p).sum()
    assert "twice" in message(checks.check_softmax_probability(float(twice[2])))
    assert not checks.check_softmax_probability(0.7).ok


# ---- 9.3 parameters ----

def test_digit_parameters_right_and_slips():
    assert checks.check_digit_parameters(109386).ok
    assert "biases" in message(checks.check_digit_parameters(109184))
    assert "inputs biases" in message(checks.check_digit_parameters(109184 + 986))
    assert "counts neurons" in message(checks.check_digit_parameters(986))
    assert "paths" in message(checks.check_digit_parameters(784 * 128 * 64 * 10))
    assert not checks.check_digit_parameters(109387).ok


# ---- 9.4 nudge ----

def test_score_nudge_right_and_slips():
    assert checks.check_score_nudge(0.25).ok
    assert "gradient itself" in message(checks.check_score_nudge(0.625))
    assert "Multiply" in message(checks.check_score_nudge(0.04))
    assert "positive" in message(checks.check_score_nudge(-0.25))
    assert "rate" in message(checks.check_score_nudge(2.5))


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
])
def test_each_slip_in_the_code_gets_its_own_diagnosis(learner, expected):
    feedback = checks.check_softmax_ce_backward(learner)
    assert not feedback.ok
    assert expected in message(feedback), message(feedback)
    assert "Not yet. Not yet." not in message(feedback)


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
