"""The exercise checks of notebook 03: right answers pass, the usual slips get a message that says why.

Right answers are worked out by hand in each test (or with the engine), not read from the checks."""
import pytest

from helpers import checks
from helpers.engine import Value

ALL_CHECKS = [checks.check_two_paths, checks.check_accumulated_grad, checks.check_loss_step, checks.check_relu_gate]


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_a_placeholder_asks_for_an_answer(check, placeholder):
    feedback = check(placeholder)
    assert not feedback
    assert "placeholder" in feedback.message


@pytest.mark.parametrize("check, junk", [
    (checks.check_two_paths, "8"), (checks.check_two_paths, float("nan")), (checks.check_two_paths, True),
    (checks.check_accumulated_grad, [19.5]), (checks.check_loss_step, 3.0), (checks.check_loss_step, (1, 2, 3)),
    (checks.check_loss_step, (1, 2, 3, "4")), (checks.check_relu_gate, (0, 0)), (checks.check_relu_gate, 0),
])
def test_malformed_answers_say_what_shape_is_wanted(check, junk):
    feedback = check(junk)
    assert not feedback
    assert any(word in feedback.message for word in ("Give", "must be")), feedback.message


# ---- 3.1: q = a·b + a·a at a = 3, b = 2 ----

def test_two_paths_right_answer_matches_the_engine():
    a, b = Value(3.0), Value(2.0)
    q = a * b + a * a
    q.backward()
    assert a.grad == 8.0  # b + 2a, by hand
    assert checks.check_two_paths(a.grad)
    assert checks.check_two_paths(8)  # an int is a number too


@pytest.mark.parametrize("wrong, hint", [(2, "only the path through a·b"), (6, "only the paths through a·a"),
                                         (5, "a twice"), (15, "value of q"), (-8, "Not yet")])
def test_two_paths_wrong_answers(wrong, hint):
    feedback = checks.check_two_paths(wrong)
    assert not feedback
    assert hint in feedback.message


# ---- 3.2: three accumulating backward passes on the black box ----

def test_accumulated_grad_right_answer_matches_the_engine():
    w = [Value(0.5) for _ in range(4)]
    r = (3 * w[0] + 4 * w[1] + 6 * w[2]) * w[3]
    for _ in range(3):
        r.backward(accumulate=True)
    assert w[3].grad == pytest.approx(19.5)  # 3 × s, s = 6.5
    assert checks.check_accumulated_grad(w[3].grad)


@pytest.mark.parametrize("wrong, hint", [(6.5, "one pass"), (13, "two passes"), (0.5, "not a weight"),
                                         (3.25, "Start from one pass")])
def test_accumulated_grad_wrong_answers(wrong, hint):
    feedback = checks.check_accumulated_grad(wrong)
    assert not feedback
    assert hint in feedback.message


# ---- 3.3: one loss step on (1, 2, 3) from all weights 1, η = 0.1 ----

def test_loss_step_right_answer_matches_the_engine():
    w = [Value(1.0) for _ in range(4)]
    r = (1 * w[0] + 2 * w[1] + 3 * w[2]) * w[3]  # s = 6, r = 6
    (0.5 * (r - 1) ** 2).backward()
    new = tuple(v.data - 0.1 * v.grad for v in w)
    assert new == pytest.approx((0.5, 0.0, -0.5, -2.0))  # w4 = 1 − 0.1·5·6, wi = 1 − 0.1·5·1·xi
    assert checks.check_loss_step(new)
    assert checks.check_loss_step([0.5, 0, -0.5, -2])  # a list is fine too


@pytest.mark.parametrize("wrong, hint", [
    ((0.9, 0.8, 0.7, 0.4), "naive rule"),          # w − 0.1·∂r/∂w
    ((0.0, -1.0, -2.0, -5.0), "without the ½"),    # gradient of (r − 1)²
    ((2.0, 3.0, 4.0, -2.0), "used the new w4"),    # w4 updated first, then reused
    ((1.5, 2.0, 2.5, 4.0), "wrong way"),           # added the gradient
    ((1.0, 1.0, 1.0, -2.0), "w4 = -2 is right"),
    ((0.1, 0.2, 0.3, 0.4), "Forward first"),
])
def test_loss_step_wrong_answers(wrong, hint):
    feedback = checks.check_loss_step(wrong)
    assert not feedback
    assert hint in feedback.message


# ---- 3.4: y = relu(w·x + b)·v at x = 2, w = −1, b = 0.5, v = 3 ----

def test_relu_gate_right_answer_matches_the_engine():
    w, b, v = Value(-1.0), Value(0.5), Value(3.0)
    y = (w * 2.0 + b).relu() * v
    y.backward()
    grads = (w.grad, b.grad, v.grad)
    assert grads == (0.0, 0.0, 0.0)  # z = −1.5 < 0: the gate is shut
    assert checks.check_relu_gate(grads)


@pytest.mark.parametrize("wrong, hint", [((6, 3, -1.5), "ReLU left out"), ((0, 0, -1.5), "what is it here"),
                                         ((0, 0, 3), "what is it here"), ((6, 3, 0), "Forward first")])
def test_relu_gate_wrong_answers(wrong, hint):
    feedback = checks.check_relu_gate(wrong)
    assert not feedback
    assert hint in feedback.message


def test_every_message_explains_more_than_right_or_wrong():
    answers = {checks.check_two_paths: [8, 2, 99], checks.check_accumulated_grad: [19.5, 6.5, 99],
               checks.check_loss_step: [(0.5, 0, -0.5, -2), (9, 9, 9, 9)], checks.check_relu_gate: [(0, 0, 0), (9, 9, 9)]}
    for check, cases in answers.items():
        for answer in cases:
            assert len(check(answer).message.split()) >= 8, (check.__name__, answer)
