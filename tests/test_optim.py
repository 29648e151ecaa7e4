"""helpers.optim: each rule against steps worked by hand, arrays against Values, convergence, bad input."""
import math

import numpy as np
import pytest

from helpers.engine import Value
from helpers.optim import OPTIMIZERS, SGD, Adam, Momentum, RMSprop


def run_on_array(cls, w0, grad, steps, **kw):
    w = np.array(w0, dtype=float)
    opt = cls([w], **kw)
    for _ in range(steps):
        opt.step([grad(w)])
    return w


# ---- first steps worked by hand ----

def test_sgd_first_step_by_hand():
    w = np.array([1.0, -2.0])
    SGD([w], lr=0.1).step([np.array([0.5, -4.0])])
    assert w == pytest.approx([0.95, -1.6])


def test_momentum_two_steps_by_hand():
    # C = 2w², g = 4w, from w = 1, η = 0.05, μ = 0.9: v = 4, w = 0.8; g = 3.2, v = 6.8, w = 0.46.
    w = np.array([1.0])
    opt = Momentum([w], lr=0.05, momentum=0.9)
    opt.step([4 * w])
    assert w == pytest.approx([0.8])
    opt.step([4 * w])
    assert w == pytest.approx([0.46])


def test_momentum_zero_is_sgd():
    grad = lambda w: np.array([3.0, 0.5]) * w - 1.0  # noqa: E731
    a = run_on_array(Momentum, [2.0, -1.0], grad, 25, lr=0.1, momentum=0.0)
    b = run_on_array(SGD, [2.0, -1.0], grad, 25, lr=0.1)
    assert np.array_equal(a, b)


def test_momentum_constant_gradient_approaches_terminal_velocity():
    # With a constant g the velocity tends to g / (1 − μ): ten times g for μ = 0.9.
    w = np.array([0.0])
    opt = Momentum([w], lr=1.0, momentum=0.9)
    for _ in range(300):
        before = w.copy()
        opt.step([np.array([1.0])])
    assert (before - w)[0] == pytest.approx(10.0, rel=1e-6)


def test_rmsprop_first_step_is_lr_over_root_one_minus_rho():
    for g in (1e-3, 1.0, 250.0, -7.0):
        w = np.array([0.0])
        RMSprop([w], lr=0.01, rho=0.9).step([np.array([g])])
        assert w[0] == pytest.approx(-0.01 / math.sqrt(0.1) * math.copysign(1, g), rel=1e-4)  # ε = 1e-8 aside


def test_adam_first_step_is_lr_times_sign_whatever_the_gradient_size():
    w = np.array([0.0, 0.0, 0.0, 0.0])
    Adam([w], lr=0.01).step([np.array([1e-3, -1.0, 250.0, -1e4])])
    assert w == pytest.approx([-0.01, 0.01, -0.01, 0.01], rel=1e-4)


def test_adam_second_step_by_hand():
    # g1 = 2, g2 = −1, β = (0.9, 0.999):
    # m1 = 0.2, v1 = 0.004, step 1 = −η; m2 = 0.08, v2 = 0.004996,
    # m̂2 = 0.08/0.19, v̂2 = 0.004996/0.001999, step 2 = −η·m̂2/√v̂2 = −0.266337…·η
    w = np.array([0.0])
    opt = Adam([w], lr=0.1)
    opt.step([np.array([2.0])])
    assert w[0] == pytest.approx(-0.1, rel=1e-6)
    opt.step([np.array([-1.0])])
    second = (0.08 / 0.19) / math.sqrt(0.004996 / 0.001999)
    assert second == pytest.approx(0.266337, rel=1e-5)
    assert w[0] == pytest.approx(-0.1 - 0.1 * second, rel=1e-6)
    assert opt.t == 2


def test_adam_without_bias_correction_would_take_a_tiny_first_step():
    # The bias correction matters: the raw m/√v after one step is (0.1 g)/√(0.001 g²) ≈ 3.16, not 1;
    # the corrected step is exactly η. Guard against losing the correction.
    w = np.array([0.0])
    Adam([w], lr=1.0, beta1=0.5, beta2=0.75).step([np.array([3.0])])
    assert w[0] == pytest.approx(-1.0, rel=1e-6)


# ---- arrays and Values follow the same path ----

@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_values_and_arrays_take_the_same_steps(name):
    cls = OPTIMIZERS[name]
    # C = (w1 − 1)² + 3·w2² + w1·w2, written once with Values and once with its gradient by hand.
    a, b = Value(2.0), Value(-1.5)
    opt_values = cls([a, b], lr=0.05)
    w = np.array([2.0, -1.5])
    opt_array = cls([w], lr=0.05)
    for _ in range(30):
        cost = (a - 1) ** 2 + 3 * b**2 + a * b
        cost.backward()
        opt_values.step()
        opt_array.step([np.array([2 * (w[0] - 1) + w[1], 6 * w[1] + w[0]])])
    assert [a.data, b.data] == pytest.approx(list(w), rel=1e-12, abs=1e-12)


def test_gradients_can_be_passed_for_values_too():
    a = Value(1.0)
    SGD([a], lr=0.5).step([4.0])
    assert a.data == pytest.approx(-1.0)


def test_several_arrays_are_updated_in_place_in_order():
    W, b = np.ones((2, 3)), np.zeros(3)
    W_id, b_id = id(W), id(b)
    SGD([W, b], lr=0.1).step([np.full((2, 3), 2.0), np.array([1.0, -1.0, 0.0])])
    assert id(W) == W_id and id(b) == b_id
    assert np.allclose(W, 0.8)
    assert b == pytest.approx([-0.1, 0.1, 0.0])


# ---- reaching the minimum ----

def test_sgd_on_a_quadratic_follows_the_closed_form():
    # C = ½·a·w² gives w_t = (1 − η·a)^t · w0.
    a, lr, w0 = 3.0, 0.1, 2.0
    w = run_on_array(SGD, [w0], lambda w: a * w, 17, lr=lr)
    assert w[0] == pytest.approx((1 - lr * a) ** 17 * w0, rel=1e-12)


def test_sgd_diverges_above_two_over_curvature():
    a = 4.0
    stable = run_on_array(SGD, [1.0], lambda w: a * w, 200, lr=0.49)
    unstable = run_on_array(SGD, [1.0], lambda w: a * w, 200, lr=0.51)
    assert abs(stable[0]) < 1e-3 < 1e3 < abs(unstable[0])


@pytest.mark.parametrize("name,lr", [("SGD", 0.1), ("Momentum", 0.05), ("RMSprop", 0.01), ("Adam", 0.05)])
def test_every_optimizer_reaches_the_minimum_of_a_convex_quadratic(name, lr):
    # C = ½ wᵀAw − bᵀw, minimum at A⁻¹b (solved independently).
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -2.0])
    best = np.linalg.solve(A, b)
    w = run_on_array(OPTIMIZERS[name], [4.0, 4.0], lambda w: A @ w - b, 3000, lr=lr)
    # RMSprop with a constant η keeps hopping around the minimum with a size of about η.
    assert np.linalg.norm(w - best) < (0.02 if name == "RMSprop" else 1e-6)


# ---- bad input ----

@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), True, "0.1", None])
def test_bad_learning_rate_is_refused(lr):
    with pytest.raises(ValueError, match="learning rate"):
        SGD([np.zeros(2)], lr=lr)


@pytest.mark.parametrize("kw", [dict(beta1=1.0), dict(beta1=-0.1), dict(beta2=1.5), dict(eps=0.0)])
def test_bad_adam_settings_are_refused(kw):
    with pytest.raises(ValueError, match="beta|eps"):
        Adam([np.zeros(2)], lr=0.1, **kw)


@pytest.mark.parametrize("cls,kw", [(Momentum, dict(momentum=1.0)), (RMSprop, dict(rho=1.0)), (RMSprop, dict(rho=-1))])
def test_decay_rates_must_be_in_zero_one(cls, kw):
    with pytest.raises(ValueError, match="must be a finite number ≥ 0 and < 1"):
        cls([np.zeros(2)], lr=0.1, **kw)


def test_wrong_number_of_gradients():
    opt = SGD([np.zeros(2), np.zeros(3)], lr=0.1)
    with pytest.raises(ValueError, match="2 parameters"):
        opt.step([np.zeros(2)])


def test_wrong_gradient_shape():
    opt = SGD([np.zeros((2, 3))], lr=0.1)
    with pytest.raises(ValueError, match=r"shape \(3, 2\).*\(2, 3\)"):
        opt.step([np.zeros((3, 2))])


def test_arrays_need_their_gradients():
    with pytest.raises(ValueError, match="pass their gradients"):
        SGD([np.zeros(2)], lr=0.1).step()


def test_integer_arrays_and_other_types_are_refused():
    with pytest.raises(TypeError, match="floats"):
        SGD([np.zeros(2, dtype=int)], lr=0.1)
    with pytest.raises(TypeError, match="Value or a float NumPy array"):
        SGD([[1.0, 2.0]], lr=0.1)
    with pytest.raises(ValueError, match="empty"):
        SGD([], lr=0.1)


def test_a_failed_step_changes_nothing():
    w = np.array([1.0, 2.0])
    opt = Adam([w], lr=0.1)
    with pytest.raises(ValueError):
        opt.step([np.zeros(3)])
    assert opt.t == 0 and list(w) == [1.0, 2.0]


def test_gradients_must_be_numbers():
    with pytest.raises(TypeError, match="gradient 0 is a Value"):
        SGD([Value(1.0)], lr=0.1).step([Value(2.0)])
    with pytest.raises(TypeError, match="gradient 0 must be a number"):
        SGD([np.zeros(2)], lr=0.1).step([{"a": 1}])


def test_repr_names_the_settings():
    assert repr(Adam([np.zeros(1)], lr=0.01)) == "Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)"
    assert repr(Momentum([np.zeros(1)], lr=0.5, momentum=0.8)) == "Momentum(lr=0.5, momentum=0.8)"
