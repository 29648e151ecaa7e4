"""Bad arguments to the foundation (engine, gradcheck, data, graph drawing) fail early and say why.

Each case asserts the exception type and the fragments of its message a learner needs:
what was wrong, and what is allowed instead.
"""
import math
from contextlib import contextmanager

import numpy as np
import pytest

from helpers.data import make_circle, make_curve, make_moons
from helpers.draw.graph import GraphDrawing, draw_graph, graph_layout
from helpers.engine import Value
from helpers.gradcheck import gradcheck, numeric_gradient, relative_error


@contextmanager
def raises(exc, *fragments):
    """`exc` must be raised, and its message must contain every fragment."""
    with pytest.raises(exc) as info:
        yield info
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"message {message!r} lacks {fragment!r}"


# ---- engine: building Values ----

@pytest.mark.parametrize("data, type_name", [("3", "str"), (None, "NoneType"), ([1.0], "list"), (True, "bool"),
                                             (1 + 2j, "complex")])
def test_value_needs_a_real_number(data, type_name):
    with raises(TypeError, "Value needs a real number", type_name):
        Value(data)


def test_value_accepts_ints_floats_and_numpy_scalars_as_floats():
    for data in (3, 3.0, np.float64(3.0), np.int64(3)):
        v = Value(data)
        assert type(v.data) is float and v.data == 3.0


# ---- engine: operators with the wrong operand ----

@pytest.mark.parametrize("make, verb", [
    (lambda v: v + "a", "add"),
    (lambda v: "a" + v, "add"),
    (lambda v: v * "a", "multiply"),
    (lambda v: [2] * v, "multiply"),
    (lambda v: v - None, "subtract"),
    (lambda v: "a" - v, "subtract"),
    (lambda v: v / "a", "divide"),
    (lambda v: "a" / v, "divide"),
])
def test_operators_name_the_operation_and_the_bad_operand(make, verb):
    with raises(TypeError, f"cannot {verb} a Value", "Values or real numbers"):
        make(Value(1.0))


def test_value_to_the_power_of_a_value_is_refused_with_the_way_around_it():
    with raises(TypeError, "Value ** Value is not supported", "plain number", ".log()"):
        Value(2.0) ** Value(3.0)


@pytest.mark.parametrize("exponent, type_name", [("2", "str"), (None, "NoneType")])
def test_exponent_must_be_a_number(exponent, type_name):
    with raises(TypeError, "exponent must be an int or float", type_name):
        Value(2.0) ** exponent


def test_zero_to_a_negative_power_and_negative_to_a_fraction():
    with raises(ZeroDivisionError, "0 ** -1", "base is zero"):
        Value(0.0) ** -1
    with raises(ValueError, "not a real number", "whole-number exponent"):
        Value(-2.0) ** 0.5
    assert (Value(-2.0) ** 3).data == -8.0  # a whole exponent of a negative base is fine


def test_division_by_zero_says_so():
    with raises(ZeroDivisionError, "divide by a Value whose data is 0"):
        Value(1.0) / Value(0.0)
    with raises(ZeroDivisionError, "data is 0"):
        1.0 / Value(0.0)


@pytest.mark.parametrize("x", [0.0, -1.0, -1e-300])
def test_log_needs_a_positive_value(x):
    with raises(ValueError, "log needs a positive value", "got"):
        Value(x).log()


def test_exp_overflow_says_where_the_limit_is():
    with raises(OverflowError, "overflows", "709.78"):
        Value(710.0).exp()
    assert math.isfinite(Value(709.0).exp().data)


def test_squashing_functions_never_overflow_at_extreme_inputs():
    # Not an error: the sigmoid's two forms and tanh must give exact limits, not an OverflowError or NaN.
    for x, s, t in ((1000.0, 1.0, 1.0), (-1000.0, 0.0, -1.0)):
        sv, tv = Value(x).sigmoid(), Value(x).tanh()
        assert (sv.data, tv.data) == (s, t)
        sv.backward()
        assert sv.grad == 1.0 and math.isfinite(Value(x).sigmoid().data)


# ---- gradcheck ----

def loss_of(w):
    return lambda: (w * w).tanh()


def test_gradcheck_with_empty_params():
    with raises(ValueError, "params is empty"):
        gradcheck(lambda: Value(1.0), [])


def test_gradcheck_with_integer_arrays():
    w = np.array([1, 2])
    with raises(TypeError, "dtype int64", "float64"):
        gradcheck(lambda: float((w ** 2).sum()), [w], analytic=[2 * w])


def test_gradcheck_with_arrays_needs_the_analytic_gradient():
    w = np.array([1.0, 2.0])
    with raises(ValueError, "analytic=", "only Values can run backward"):
        gradcheck(lambda: float((w ** 2).sum()), [w])


def test_gradcheck_with_a_parameter_that_is_neither_value_nor_array():
    with raises(TypeError, "params[1] is a list", "Value or a float64 NumPy array"):
        gradcheck(lambda: Value(1.0), [Value(1.0), [1.0, 2.0]])


def test_gradcheck_with_too_few_analytic_gradients():
    a, b = np.array([1.0]), np.array([2.0])
    with raises(ValueError, "got 1 analytic gradients for 2 parameters"):
        gradcheck(lambda: float(a[0] * b[0]), [a, b], analytic=[b])


def test_gradcheck_with_a_non_callable_f():
    w = np.array([1.0, 2.0])
    with raises(TypeError, "f must be a function of no arguments", "int"):
        gradcheck(3, [w], analytic=[np.zeros(2)])
    with raises(TypeError, "f must be a function of no arguments", "int"):
        gradcheck(3, [Value(1.0)])


def test_gradcheck_needs_a_value_to_run_backward():
    w = Value(1.0)
    with raises(TypeError, "f must return a Value", "float"):
        gradcheck(lambda: 2.0 * w.data, [w])


def test_gradcheck_needs_a_scalar_loss():
    w = np.array([1.0, 2.0])
    with raises(ValueError, "one number", "shape (2,)"):
        gradcheck(lambda: w ** 2, [w], analytic=[2 * w])


@pytest.mark.parametrize("h", [0.0, -1e-6, float("nan")])
def test_numeric_gradient_needs_a_positive_step(h):
    w = Value(1.0)
    with raises(ValueError, "h must be a small positive step"):
        numeric_gradient(loss_of(w), [w], h=h)


def test_relative_error_shapes_must_match():
    with raises(ValueError, "shape (2,)", "shape (3,)"):
        relative_error(np.zeros(2), np.zeros(3))


def test_gradcheck_still_passes_on_good_input():
    w = Value(0.7, "w")
    report = gradcheck(loss_of(w), [w])
    expected = 2 * 0.7 * (1 - math.tanh(0.49) ** 2)  # d/dw tanh(w²), worked by hand
    assert report.passed() and report.analytic[0] == pytest.approx(expected, rel=1e-12)


# ---- data generators ----

GENERATORS = pytest.mark.parametrize("make", [make_moons, make_circle, make_curve],
                                     ids=["make_moons", "make_circle", "make_curve"])


@GENERATORS
@pytest.mark.parametrize("n", [0, -5, 2.5, True, "10", None])
def test_generators_need_a_whole_positive_count(make, n):
    with raises(ValueError, "n must be a whole number of points, at least 1", repr(n)):
        make(n=n)


@GENERATORS
@pytest.mark.parametrize("noise", [-1, -0.1, float("nan"), float("inf"), "0.1", True])
def test_generators_need_a_non_negative_finite_noise(make, noise):
    with raises(ValueError, "noise must be a number ≥ 0"):
        make(n=10, noise=noise)


@GENERATORS
def test_generators_accept_numpy_integers_and_zero_noise(make):
    X, y = make(n=np.int64(7), noise=0.0)
    assert len(X) == len(y) == 7


# ---- graph drawing ----

@pytest.mark.parametrize("draw", [draw_graph, GraphDrawing, graph_layout], ids=["draw_graph", "GraphDrawing", "graph_layout"])
@pytest.mark.parametrize("root, type_name", [(3.0, "float"), ("a", "str"), (None, "NoneType"), ([Value(1.0)], "list")])
def test_drawing_needs_a_value(draw, root, type_name):
    with raises(TypeError, "draw a Value's graph", type_name):
        draw(root)


def test_updating_a_drawing_with_a_graph_of_another_shape():
    a, b = Value(2.0, "a"), Value(3.0, "b")
    drawing = GraphDrawing(a * b)
    with raises(ValueError, "same shape", "new GraphDrawing"):
        drawing.update(a + b)
    with raises(ValueError, "same shape"):
        drawing.update(a * b + 1.0)
    drawing.update(Value(4.0) * Value(5.0))  # same shape, new numbers: fine
