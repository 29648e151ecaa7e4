"""helpers.validate: each check returns the value in the form callers compute with, or says what is allowed."""
import math
from fractions import Fraction

import numpy as np
import pytest

from helpers import validate
from helpers.validate import ArgumentError


def message_of(call):
    with pytest.raises(ArgumentError) as info:
        call()
    return str(info.value)


@pytest.mark.parametrize("n", [3, np.int64(3), np.int32(3), np.uint8(3)])
def test_whole_accepts_python_and_numpy_integers(n):
    out = validate.whole("steps", n, low=0)
    assert out == 3 and type(out) is int


@pytest.mark.parametrize("n", [True, np.bool_(True), 3.0, "3", None, Fraction(3, 1), math.inf])
def test_whole_refuses_bools_floats_and_text(n):
    assert message_of(lambda: validate.whole("steps", n)) == f"steps must be a whole number; got {n!r}"


def test_whole_bounds_are_inclusive_and_named():
    assert validate.whole("n", 1, low=1, high=2) == 1 and validate.whole("n", 2, low=1, high=2) == 2
    assert message_of(lambda: validate.whole("n", 0, low=1)) == "n must be a whole number ≥ 1; got 0"
    assert message_of(lambda: validate.whole("n", 3, low=1, high=2)) == "n must be a whole number ≥ 1 and ≤ 2; got 3"


@pytest.mark.parametrize("x", [2, 2.5, np.float32(2.5), np.int64(2), Fraction(5, 2)])
def test_real_accepts_numbers_and_returns_a_float(x):
    out = validate.real("x", x)
    assert type(out) is float and out == float(x)


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf, True, "1", None, 1 + 1j, 10**400, [1.0]])
def test_real_refuses_non_finite_and_non_numbers(x):
    assert message_of(lambda: validate.real("x", x)).startswith("x must be a finite number; got ")


def test_real_bounds():
    assert validate.real("rho", 0, low=0, below=1) == 0.0
    assert "rho must be a finite number ≥ 0 and < 1; got 1" == message_of(lambda: validate.real("rho", 1, low=0, below=1))
    assert "must be a finite number > 0 and ≤ 5; got 0" in message_of(lambda: validate.real("a", 0, above=0, high=5))
    assert validate.positive("lr", np.float64(0.1)) == 0.1
    assert message_of(lambda: validate.positive("lr", -0.5)) == "lr must be a finite number > 0; got -0.5"


def test_seed():
    assert validate.seed("seed", np.int64(7)) == 7 and validate.seed("seed", 0) == 0
    assert validate.seed("seed", None, none_ok=True) is None
    for bad in (-1, "a", 1.5, None, True):
        assert f"got {bad!r}" in message_of(lambda: validate.seed("seed", bad))
    assert "or None (fresh randomness" in message_of(lambda: validate.seed("seed", -1, none_ok=True))


def test_choice_lists_the_options_and_survives_unhashable_values():
    assert validate.choice("rule", "loss", {"r": 1, "loss": 2}) == "loss"
    assert message_of(lambda: validate.choice("rule", "l", ("r", "loss"))) == "rule must be one of 'r', 'loss'; got 'l'"
    assert "got ['r']" in message_of(lambda: validate.choice("rule", ["r"], {"r": 1}))


def test_function():
    assert validate.function("f", len) is len
    assert message_of(lambda: validate.function("f", 3, "a function of x")) == "f must be a function of x; got int (3)"


def test_array_shapes_and_finiteness():
    out = validate.array("X", [[1, 2], [3, 4]], shape=(None, 2))
    assert out.dtype == np.float64 and out.shape == (2, 2)
    assert "X must be an array of shape (any, 2); got shape (2, 3)" == \
        message_of(lambda: validate.array("X", np.zeros((2, 3)), shape=(None, 2)))
    assert "got shape (4,)" in message_of(lambda: validate.array("X", np.zeros(4), shape=(None, 2)))
    assert "x must be an array of 1 dimension(s); got shape (2, 2)" == message_of(lambda: validate.array("x", np.zeros((2, 2)), ndim=1))
    assert "NaN or infinity" in message_of(lambda: validate.array("x", [1.0, math.nan]))
    assert "x must be an array of real numbers" in message_of(lambda: validate.array("x", ["a", "b"]))


def test_labels():
    np.testing.assert_array_equal(validate.labels("y", np.array([[0], [1]])), [0, 1])
    np.testing.assert_array_equal(validate.labels("y", [True, False]), [1, 0])
    np.testing.assert_array_equal(validate.labels("y", [0.0, 9.0], allowed=None), [0, 9])
    assert "y must be labels from 0, 1; got 2" == message_of(lambda: validate.labels("y", [0, 2]))
    assert "look like probabilities" in message_of(lambda: validate.labels("y", [0.3, 0.6]))
    assert "whole numbers ≥ 0; got 1.5" in message_of(lambda: validate.labels("y", [1.5], allowed=None))
    assert "one label per example (3); got 2" in message_of(lambda: validate.labels("y", [0, 1], n=3))
    assert "class labels" in message_of(lambda: validate.labels("y", None))
    assert "at least one label" in message_of(lambda: validate.labels("y", []))


def test_interval():
    assert validate.interval("w_lim", (np.int64(-2), 12.0)) == (-2.0, 12.0)
    assert "w_lim must be two numbers (low, high) with low < high; got (3, 3)" == \
        message_of(lambda: validate.interval("w_lim", (3, 3)))
    assert "w_lim[1] must be a finite number; got nan" == message_of(lambda: validate.interval("w_lim", (0, math.nan)))
    assert "got 5" in message_of(lambda: validate.interval("w_lim", 5))


def test_long_values_are_shortened_in_messages():
    text = message_of(lambda: validate.whole("n", "x" * 500))
    assert len(text) < 120 and text.endswith("...")


def test_the_module_docstring_lists_every_check():
    for name in validate.__all__:
        if name != "ArgumentError":
            assert f"    {name}(" in validate.__doc__, name
