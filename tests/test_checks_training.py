"""Checks for notebook 07: right answers pass, placeholders and the usual slips get a specific reason."""
import numpy as np
import pytest

from helpers import checks
from helpers.checks.core import Feedback


def assert_not_yet(feedback, *phrases):
    assert isinstance(feedback, Feedback) and not feedback.ok, repr(feedback)
    for phrase in phrases:
        assert phrase in feedback.message, f"{phrase!r} not in: {feedback.message}"


# ---- 7.1 the training loop, run on hidden problems

def _loop(zero=True, order="backward first", sign=1, rate=True, extra_steps=0, returns="costs"):
    """A learner's train(params, cost, lr, steps) with one knob per slip."""
    def train(params, cost, lr, steps):
        costs = []
        for _ in range(steps + extra_steps):
            if zero:
                for p in params:
                    p.grad = 0.0
            C = cost()
            if order == "step first":
                for p in params:
                    p.data -= sign * (lr if rate else 1.0) * p.grad
                C.backward(accumulate=True)
            else:
                C.backward(accumulate=True)
                for p in params:
                    p.data -= sign * (lr if rate else 1.0) * p.grad
            costs.append({"costs": C.data, "values": C}.get(returns, C.data))
        return None if returns == "none" else costs[:-1] if returns == "short list" else costs
    return train


def test_training_loop_accepts_the_solution():
    feedback = checks.check_training_loop(_loop())
    assert feedback.ok, repr(feedback)


def test_training_loop_accepts_plain_backward_which_resets_the_gradients_itself():
    def train(params, cost, lr, steps):
        costs = []
        for _ in range(steps):
            C = cost()
            C.backward()
            for p in params:
                p.data -= lr * p.grad
            costs.append(C.data)
        return costs
    assert checks.check_training_loop(train).ok


@pytest.mark.parametrize("learner, phrase", [
    (_loop(zero=False), "never set to 0"),
    (_loop(order="step first"), "before backward had filled it"),
    (_loop(zero=False, order="step first"), "gradient of the step before"),
    (_loop(sign=-1), "uphill"),
    (_loop(rate=False), "left out the learning rate"),
    (_loop(extra_steps=1), "one step too many"),
    (_loop(extra_steps=-1), "one step too few"),
    (_loop(returns="none"), "returned None"),
    (_loop(returns="values"), "C.data"),
    (_loop(returns="short list"), "one cost per step"),
])
def test_training_loop_names_each_slip(learner, phrase):
    assert_not_yet(checks.check_training_loop(learner), phrase)


def test_training_loop_stub_placeholder_and_crash_get_feedback():
    def stub(params, cost, lr, steps):
        raise NotImplementedError("write the loop")

    def crash(params, cost, lr, steps):
        return params[5]

    assert_not_yet(checks.check_training_loop(stub), "NotImplementedError")
    assert_not_yet(checks.check_training_loop(crash), "IndexError")
    assert_not_yet(checks.check_training_loop(None), "Pass your function itself")
    assert_not_yet(checks.check_training_loop(3), "cannot be called")


def test_training_loop_says_when_the_cost_does_not_go_down():
    def train(params, cost, lr, steps):
        for p in params:
            p.data -= 3.0
        return [0.0] * steps
    assert_not_yet(checks.check_training_loop(train), "did not go down")


def test_training_loop_says_when_nothing_moves_without_naming_a_wrong_order():
    def train(params, cost, lr, steps):
        return [cost().data] * steps
    assert_not_yet(checks.check_training_loop(train), "nothing moved")


# ---- 7.2 collapsed linear layers: W2 (W1 x + b1) + b2 with W1 = [[1, 2], [0, -1]], b1 = (1, 0), W2 = [[3, -1]], b2 = 0.5

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
    assert_not_yet(checks.check_collapsed_layer([[3, 7]], 0.5), "only b2")
    assert_not_yet(checks.check_collapsed_layer([[3, 7]], 2.5), "push the first bias")
    assert_not_yet(checks.check_collapsed_layer([[1, 1]], 3.5), "order of the product")  # W1 @ W2ᵀ
    assert_not_yet(checks.check_collapsed_layer([[2, 2]], 3.5), "b is right")
    assert_not_yet(checks.check_collapsed_layer([[1, 2, 3]], 3.5), "two numbers")
    assert_not_yet(checks.check_collapsed_layer("W", 3.5), "two numbers")
    assert_not_yet(checks.check_collapsed_layer([[0, 0]], 0), "Substitute")


# ---- 7.3 accuracy by hand: logits (2.1, -0.3, 0.0, -1.7, 0.4, 3.0), labels (1, 1, 0, 0, 0, 1) → 4/6

@pytest.mark.parametrize("answer", [4 / 6, 0.6667, 0.667, 0.67, np.float64(2 / 3)])
def test_accuracy_by_hand_accepts_four_sixths_to_any_sensible_rounding(answer):
    assert checks.check_accuracy_by_hand(answer).ok


@pytest.mark.parametrize("answer, phrase", [
    (None, "placeholder"),
    (0.5, "counts the logit 0.0 as class 1"),          # z ≥ 0 read as class 1: 3 of 6
    (5 / 6, "as if they were probabilities"),           # logits thresholded at 0.5
    (200 / 3, "percent"),
    (2 / 6, "error rate"),
    (4, "divide"),
    (0.6, "fraction that agree"),
    ("4/6", "without quotes"),
])
def test_accuracy_by_hand_slips(answer, phrase):
    assert_not_yet(checks.check_accuracy_by_hand(answer), phrase)


# ---- 7.4 what universal approximation guarantees

@pytest.mark.parametrize("answer", ["a", "A", " (a) "])
def test_approximation_claim_accepts_a(answer):
    assert checks.check_approximation_claim(answer).ok


@pytest.mark.parametrize("answer, phrase", [("b", "finding"), ("c", "no count"), ("d", "not continuous"),
                                            ("e", "one letter"), (None, "placeholder")])
def test_approximation_claim_explains_each_wrong_choice(answer, phrase):
    assert_not_yet(checks.check_approximation_claim(answer), phrase)


# ---- 7.5 spotting overfitting

def test_overfitting_run_is_the_one_with_the_largest_gap():
    gaps = {name: train - test for name, (train, test) in checks.training.RUNS.items()}
    assert max(gaps, key=gaps.get) == "B"
    assert checks.check_overfitting_run("B").ok and checks.check_overfitting_run("b").ok


@pytest.mark.parametrize("answer, phrase", [("D", "underfitting"), ("C", "healthy"), ("A", "gap of only 2"),
                                            ("E", "one of the run names"), (None, "placeholder")])
def test_overfitting_run_explains_each_wrong_choice(answer, phrase):
    assert_not_yet(checks.check_overfitting_run(answer), phrase)
