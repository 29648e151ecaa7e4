"""helpers.gradcheck: central differences, relative errors and the report."""
import numpy as np
import pytest

from helpers.engine import Value
from helpers.gradcheck import gradcheck, numeric_gradient, relative_error, verdict


def test_numeric_gradient_of_a_quadratic_is_exact_to_roundoff():
    x = Value(3.0, "x")
    (g,) = numeric_gradient(lambda: x * x + 2 * x, [x])
    assert g == pytest.approx(8.0, rel=1e-9)
    assert x.data == 3.0  # restored


def test_gradcheck_on_values_passes_for_the_engine():
    w = [Value(v, n) for v, n in [(0.5, "w1"), (-0.3, "w2"), (0.8, "w3")]]
    report = gradcheck(lambda: ((w[0] * 2 + 0.1).tanh() * w[1] + w[2]) ** 2, w)
    assert report.names == ["w1", "w2", "w3"]
    assert report.passed(1e-7)
    assert "right" in str(report)


def test_gradcheck_flags_a_wrong_analytic_gradient():
    x = Value(2.0, "x")
    report = gradcheck(lambda: x * x, [x], analytic=[2.0])  # the true gradient is 4
    assert report.errors[0] == pytest.approx(0.5, rel=1e-6)
    assert not report.passed()
    assert "WRONG" in str(report)


def test_gradcheck_on_arrays():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 2))
    x = rng.normal(size=2)

    def f():
        return float(np.sum((A @ x) ** 2))

    analytic = [2 * A.T @ (A @ x)]
    report = gradcheck(f, [x], analytic=analytic, names=["x"])
    assert report.names == ["x[0]", "x[1]"]
    assert report.passed(1e-7)
    wrong = gradcheck(f, [x], analytic=[analytic[0] * 1.1])
    assert not wrong.passed(1e-2)


def test_relative_error_is_zero_when_both_vanish_and_symmetric_otherwise():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(1e-12, -1e-12) == 0.0
    assert relative_error(1.0, 2.0) == pytest.approx(0.5)
    assert relative_error(2.0, 1.0) == pytest.approx(0.5)


def test_verdicts_follow_the_cs231n_convention():
    assert verdict(1e-8) == "right"
    assert verdict(1e-5) == "fine (kink?)"
    assert verdict(1e-3) == "doubtful"
    assert verdict(0.5) == "WRONG"


@pytest.mark.parametrize(
    "call, error, fragment",
    [
        (lambda: gradcheck(lambda: 0.0, []), ValueError, "empty"),
        (lambda: gradcheck(lambda: 0.0, [np.array([1, 2])], analytic=[np.zeros(2)]), TypeError, "float64"),
        (lambda: gradcheck(lambda: 0.0, [np.zeros(2)]), ValueError, "analytic"),
        (lambda: gradcheck(lambda: 0.0, [3.0]), TypeError, "Value or a float64"),
        (lambda: numeric_gradient("loss", [Value(1.0)]), TypeError, "function"),
        (lambda: numeric_gradient(lambda: np.zeros(3), [Value(1.0)]), ValueError, "one number"),
        (lambda: numeric_gradient(lambda: 0.0, [Value(1.0)], h=0), ValueError, "h \\(a small step\\) must be a finite number > 0"),
        (lambda: gradcheck(lambda: 0.0, [Value(1.0)], analytic=[1.0, 2.0]), ValueError, "2 analytic"),
    ],
)
def test_bad_arguments_get_clear_errors(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
