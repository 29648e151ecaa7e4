"""Checks for notebook 07: right answers pass, placeholders and the usual slips get a specific reason."""
import numpy as np
import pytest

from helpers import checks
from helpers.checks.core import Feedback


def assert_not_yet(feedback, *phrases):
    assert isinstance(feedback, Feedback) and not feedback.ok, repr(feedback)
    for phrase in phrases:
        assert phrase in feedback.message, f"{phrase!r} not in: {feedback.message}"


# ---- 7.1 collapsed linear layers: W2 (W1 x + b1) + b2 with W1 = [[1, 2], [0, -1]], b1 = (1, 0), W2 = [[3, -1]], b2 = 0.5

@pytest.mark.parametrize("W, b", [([[3, 7]], 3.5), ([3, 7], [3.5]), (np.array([[3.0, 7.0]]), np.float64(3.5))])
def test_collapsed_layer_accepts_the_hand_worked_answer_in_any_shape(W, b):
    feedback = checks.check_collapsed_layer(W, b)
    assert feedback.ok, repr(feedback)
    assert "straight line" in feedback.message


def test_collapsed_layer_answer_is_what_the_layers_compute():
    W1, b1, W2, b2 = np.array([[1, 2], [0, -1]]), np.array([1, 0]), np.array([[3, -1]]), np.array([0.5])
    for x in np.random.default_rng(0).normal(size=(5, 2)):
        assert (W2 @ (W1 @ x + b1) + b2)[0] == pytest.approx(3 * x[0] + 7 * x[1] + 3.5)


def test_collapsed_layer_slips():
    assert_not_yet(checks.check_collapsed_layer(None, None), "placeholder")
    assert_not_yet(checks.check_collapsed_layer([[3, 7]], 1.5), "W2 @ b1")      # b1 summed, plus b2
    assert_not_yet(checks.check_collapsed_layer([[3, 7]], 0.5), "push the first bias")
    assert_not_yet(checks.check_collapsed_layer([[1, 1]], 3.5), "order of the product")  # W1 @ W2ᵀ
    assert_not_yet(checks.check_collapsed_layer([[2, 2]], 3.5), "b is right")
    assert_not_yet(checks.check_collapsed_layer([[1, 2, 3]], 3.5), "two numbers")
    assert_not_yet(checks.check_collapsed_layer("W", 3.5), "two numbers")
    assert_not_yet(checks.check_collapsed_layer([[0, 0]], 0), "Substitute")


# ---- 7.2 accuracy by hand: logits (2.1, -0.3, 0.0, -1.7, 0.4, 3.0), labels (1, 1, 0, 0, 0, 1) → 4/6

def test_accuracy_by_hand_accepts_four_sixths():
    assert checks.check_accuracy_by_hand(4 / 6).ok
    assert checks.check_accuracy_by_hand(0.6667).ok


def test_accuracy_by_hand_slips():
    assert_not_yet(checks.check_accuracy_by_hand(None), "placeholder")
    assert_not_yet(checks.check_accuracy_by_hand(5 / 6), "logit 0.0")        # counted z = 0 as class 1
    assert_not_yet(checks.check_accuracy_by_hand(200 / 3), "percent")
    assert_not_yet(checks.check_accuracy_by_hand(2 / 6), "error rate")
    assert_not_yet(checks.check_accuracy_by_hand(4), "divide")
    assert_not_yet(checks.check_accuracy_by_hand(0.5), "fraction that agree")
    assert_not_yet(checks.check_accuracy_by_hand("4/6"), "fraction that agree")


# ---- 7.3 what universal approximation guarantees

@pytest.mark.parametrize("answer", ["a", "A", " (a) "])
def test_approximation_claim_accepts_a(answer):
    assert checks.check_approximation_claim(answer).ok


@pytest.mark.parametrize("answer, phrase", [("b", "finding"), ("c", "no count"), ("d", "not continuous"),
                                            ("e", "one letter"), (None, "placeholder")])
def test_approximation_claim_explains_each_wrong_choice(answer, phrase):
    assert_not_yet(checks.check_approximation_claim(answer), phrase)


# ---- 7.4 spotting overfitting

def test_overfitting_run_is_the_one_with_the_largest_gap():
    gaps = {name: train - test for name, (train, test) in checks.training.RUNS.items()}
    assert max(gaps, key=gaps.get) == "B"
    assert checks.check_overfitting_run("B").ok and checks.check_overfitting_run("b").ok


@pytest.mark.parametrize("answer, phrase", [("D", "underfitting"), ("C", "healthy"), ("A", "gap of only 2"),
                                            ("E", "one of the run names"), (None, "placeholder")])
def test_overfitting_run_explains_each_wrong_choice(answer, phrase):
    assert_not_yet(checks.check_overfitting_run(answer), phrase)
