"""helpers.by_hand: the 2-2-1 hand computation, number by number.

The expected numbers are the hand-worked figures of the seed notes (SEED_NOTES.md, file 002),
not values printed by the code under test."""
import numpy as np
import pytest

from helpers.by_hand import (PARAMETER_NAMES, cost_numpy, flatten, network, step, unflatten,
                             worked_example, z1_transposed)
from helpers.gradcheck import numeric_gradient

approx = lambda v: pytest.approx(v, abs=1e-9)  # noqa: E731


@pytest.fixture
def worked():
    return worked_example()


def test_forward_pass_matches_the_hand_numbers(worked):
    r = network(**worked)
    assert r["z1"] == approx([0.32, -0.08])
    assert r["a1"] == approx([0.32, 0.0])
    assert r["yhat"] == approx(0.392)
    assert r["cost"] == approx(0.083232)
    assert r["dead"] == [False, True]


def test_backward_pass_matches_the_hand_numbers(worked):
    r = network(**worked)
    g = r["grads"]
    assert r["delta2"] == approx(-0.408)
    assert g["b2"] == approx(-0.408)
    assert g["W2"] == approx([-0.13056, 0.0])
    assert r["delta1"] == approx([-0.2448, 0.0])
    assert g["b1"] == approx([-0.2448, 0.0])
    assert g["W1"][0] == approx([-0.1224, -0.02448])
    assert g["W1"][1] == approx([0.0, 0.0])


def test_one_step_matches_the_hand_update_and_the_cost_after(worked):
    s = step(**worked, lr=0.1)
    p = s["params"]
    assert p["W2"] == approx([0.613056, 0.9])
    assert p["b2"] == approx(0.2408)
    assert p["b1"] == approx([0.12448, -0.3])
    assert p["W1"][0] == approx([0.41224, 0.202448])
    assert p["W1"][1] == approx([0.3, 0.7])
    assert s["after"]["z1"] == approx([0.3508448, -0.08])
    assert s["after"]["yhat"] == approx(0.4558875097)
    assert s["after"]["cost"] == pytest.approx(0.0592067, abs=1e-7)
    assert s["change"] == pytest.approx(-0.2887, abs=1e-4)


def test_the_step_uses_gradients_computed_before_any_update(worked):
    # Had W2 been updated first, the hidden δ would use 0.613056 and W1_11 would move further.
    s = step(**worked, lr=0.1)
    wrong_w1_11 = 0.4 - 0.1 * (-0.408 * 0.613056 * 0.5)
    assert s["params"]["W1"][0][0] != pytest.approx(wrong_w1_11, abs=1e-6)


def test_cost_without_the_half_doubles_every_gradient(worked):
    s = step(**worked, lr=0.1, half=False)
    p = s["params"]
    assert s["before"]["delta2"] == approx(-0.816)
    assert p["b2"] == approx(0.2816)
    assert p["W2"][0] == approx(0.626112)
    assert p["b1"][0] == approx(0.14896)
    assert p["W1"][0] == approx([0.42448, 0.204896])


def test_transposed_reading_gives_the_other_numbers(worked):
    assert z1_transposed(worked["x"], worked["W1"], worked["b1"]) == approx([0.33, -0.13])


def test_waking_the_dead_neuron_needs_b1_2_above_minus_0_22(worked):
    asleep = dict(worked, b1=[0.1, -0.22])  # z = 0 exactly: still no gradient
    awake = dict(worked, b1=[0.1, -0.2])
    assert network(**asleep)["grads"]["b1"][1] == 0.0
    r = network(**awake)
    assert r["z1"][1] == approx(0.02)
    # δ2 = ŷ − y with ŷ = 0.6·0.32 + 0.9·0.02 + 0.2 = 0.41; hidden δ2 = 0.9·δ2.
    assert r["delta2"] == approx(0.41 - 0.8)
    assert r["grads"]["b1"][1] == approx(0.9 * (0.41 - 0.8))
    assert r["grads"]["W1"][1] == approx([0.9 * (0.41 - 0.8) * 0.5, 0.9 * (0.41 - 0.8) * 0.1])


def test_engine_gradients_agree_with_finite_differences():
    rng = np.random.default_rng(5)
    for _ in range(5):
        flat = dict(zip(PARAMETER_NAMES, rng.uniform(-1, 1, 9)))
        x, y = list(rng.uniform(-1, 1, 2)), float(rng.uniform(-1, 1))
        theta = np.array([flat[n] for n in PARAMETER_NAMES])

        def cost():
            return float(cost_numpy(x=x, y=y, **unflatten(dict(zip(PARAMETER_NAMES, theta)))))

        numeric = numeric_gradient(cost, [theta])[0]
        analytic = flatten(network(x=x, y=y, **unflatten(flat))["grads"])
        assert [analytic[n] for n in PARAMETER_NAMES] == pytest.approx(list(numeric), abs=1e-6)


def test_numpy_cost_agrees_with_the_engine_on_a_grid(worked):
    flat = flatten(worked)
    a = np.linspace(-2, 2, 7)
    grid = cost_numpy(x=worked["x"], y=worked["y"], **unflatten(dict(flat, W1_11=a[:, None], b1_2=a[None, :])))
    for i, w in enumerate(a):
        for j, b in enumerate(a):
            p = unflatten(dict(flat, W1_11=w, b1_2=b))
            assert grid[i, j] == approx(network(x=worked["x"], y=worked["y"], **p)["cost"])


def test_flatten_and_unflatten_are_inverse(worked):
    params = {k: worked[k] for k in ("W1", "b1", "W2", "b2")}
    assert unflatten(flatten(params)) == params
    with pytest.raises(KeyError, match="missing parameters"):
        unflatten({"W1_11": 1.0})


@pytest.mark.parametrize("change, message", [
    (dict(x=[1.0, 2.0, 3.0]), "x must hold 2 numbers"),
    (dict(W1=[[1.0, 2.0]]), "W1 must be 2×2"),
    (dict(b2=[1.0, 2.0]), "b2 must be one number"),
    (dict(y=float("nan")), "y must be a finite number"),
])
def test_bad_input_says_what_was_wrong(worked, change, message):
    with pytest.raises(ValueError, match=message):
        network(**dict(worked, **change))


def test_bad_types_and_learning_rates_are_refused(worked):
    with pytest.raises(TypeError, match="must be a finite number"):
        network(**dict(worked, y="0.8"))
    with pytest.raises(ValueError, match="the learning rate lr must be a finite number ≥ 0; got -0.1"):
        step(**worked, lr=-0.1)


def test_the_data_module_shapes_are_accepted():
    from helpers.data import NET_221
    r = network(**{k: NET_221[k] for k in ("x", "W1", "b1", "W2", "b2", "y")})
    assert r["cost"] == approx(0.083232)
