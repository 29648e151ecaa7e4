"""The checks of notebook 05: right answers pass, each known slip gets its own explanation.

Right answers are the hand computation (SEED_NOTES.md, file 002), typed in, plus the engine's own
float results, which carry round-off in the last digit."""
import numpy as np
import pytest

from helpers import checks
from helpers.by_hand import network, step, worked_example, z1_transposed


def verdict(feedback):
    return feedback.ok, feedback.message


@pytest.mark.parametrize("check", [checks.check_z1_by_hand, checks.check_delta_h1, checks.check_updated_w1_12,
                                   checks.check_wake_threshold])
def test_placeholders_are_not_yet(check):
    for placeholder in (None, ...):
        ok, message = verdict(check(placeholder))
        assert not ok and "placeholder" in message


def test_z1_right_answers():
    worked = worked_example()
    for answer in [(0.32, -0.08), [0.32, -0.08], np.array([0.32, -0.08]), network(**worked)["z1"]]:
        assert checks.check_z1_by_hand(answer).ok


@pytest.mark.parametrize("answer, words", [
    ((0.33, -0.13), "Wᵀx"),
    ((0.22, 0.22), "without the biases"),
    ((0.32, 0.0), "after the activation"),
    ((-0.08, 0.32), "swapped"),
    (0.24, "not summed"),
    (0.32, "give both"),
    ("0.32, -0.08", "two numbers"),
    ((0.3, -0.1), "row j of W1"),
])
def test_z1_slips(answer, words):
    ok, message = verdict(checks.check_z1_by_hand(answer))
    assert not ok and words in message


def test_z1_transposed_slip_is_the_transposed_reading():
    worked = worked_example()
    assert "Wᵀx" in checks.check_z1_by_hand(z1_transposed(worked["x"], worked["W1"], worked["b1"])).message


def test_hidden_delta_right_answers():
    r = network(**worked_example())
    for answer in (-0.2448, r["delta1"][0], r["delta1"], (-0.2448, 0)):
        assert checks.check_delta_h1(answer).ok


@pytest.mark.parametrize("answer, words", [
    (-0.408, "output neuron's δ"),
    (-0.3672, "W2_2"),
    (0.2448, "wrong sign"),
    (-0.4896, "(ŷ − y)², whose derivative"),
    (-0.1224, "∂C/∂W1_11"),
    (0.6 * 0 - 0.408 * 0.613056, "updated W2_1"),
    (0.0, "neuron 2"),
    (-0.5, "Work back"),
    ("x", "one number"),
    ((1, 2), "one number"),
])
def test_hidden_delta_slips(answer, words):
    ok, message = verdict(checks.check_delta_h1(answer))
    assert not ok and words in message


def test_updated_weight_right_answers():
    engine_value = step(**worked_example(), lr=0.1)["params"]["W1"][0][1]
    for answer in (0.202448, engine_value):
        assert checks.check_updated_w1_12(answer).ok


@pytest.mark.parametrize("answer, words", [
    (0.2024, "drops digits"),
    (0.197552, "wrong way"),
    (0.204896, "without the ½"),
    (0.2 - 0.1 * (-0.408 * 0.613056 * 0.1), "updated W2_1"),
    (0.21224, "W1_11"),
    (0.2, "old value"),
    (-0.02448, "gradient"),
    (0.3, "Not this number"),
    (True, "one number"),
])
def test_updated_weight_slips(answer, words):
    ok, message = verdict(checks.check_updated_w1_12(answer))
    assert not ok and words in message


def test_updated_weight_without_the_half_matches_the_engine_variant():
    doubled = step(**worked_example(), lr=0.1, half=False)["params"]["W1"][0][1]
    assert "without the ½" in checks.check_updated_w1_12(doubled).message


def test_wake_threshold():
    assert checks.check_wake_threshold(-0.22).ok
    for answer, words in [(0.08, "how much"), (0.22, "sign"), (-0.3, "where b1_2 is now"), (-0.08, "z1_2"),
                          (0.0, "crosses 0"), (float("nan"), "one number")]:
        ok, message = verdict(checks.check_wake_threshold(answer))
        assert not ok and words in message, answer


def test_threshold_is_where_the_engine_starts_passing_gradient():
    worked = worked_example()
    below = network(**dict(worked, b1=[0.1, -0.22 - 1e-9]))
    above = network(**dict(worked, b1=[0.1, -0.22 + 1e-9]))
    assert below["grads"]["b1"][1] == 0.0 and above["grads"]["b1"][1] != 0.0
