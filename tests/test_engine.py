"""helpers.engine.Value: the worked numbers, deep and wide graphs, reuse, backward twice, and every bad input."""
import gc
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.engine import Value
from helpers.gradcheck import numeric_gradient
from test_bad_input import raises  # one copy of the helper (it belongs in conftest.py once that exists)


def knob_graph(a=5.0, b=3.0, e=6.0, f=4.0, m=4.0, p=3.0):
    leaves = {n: Value(v, n) for n, v in dict(a=a, b=b, e=e, f=f, m=m, p=p).items()}
    c = leaves["a"] + leaves["b"]
    d = leaves["e"] * leaves["f"]
    g = c * d
    k = leaves["m"] * leaves["p"]
    r = k * g
    return leaves, dict(c=c, d=d, g=g, k=k, r=r)


def test_knob_values_and_gradients_match_the_hand_worked_numbers():
    leaves, inner = knob_graph()
    r = inner["r"]
    assert (inner["c"].data, inner["d"].data, inner["g"].data, r.data) == (8, 24, 192, 2304)
    r.backward()
    grads = {n: v.grad for n, v in leaves.items()}
    assert grads == dict(a=288, b=288, e=384, f=576, m=576, p=768)
    assert inner["g"].grad == 12 and inner["k"].grad == 192


def test_knob_nudges():
    assert knob_graph(a=6)[1]["g"].data == 216
    assert knob_graph(a=4)[1]["g"].data == 168
    assert knob_graph(e=7)[1]["g"].data == 224
    assert knob_graph(e=7)[1]["r"].data == 2688
    # nudges add only to first order: 288 + 384 = 672 predicted, 720 actual
    assert knob_graph(a=6, e=7)[1]["r"].data - 2304 == 720


def test_black_box_step():
    x = (3.0, 4.0, 6.0)
    w = [Value(0.5, f"w{i}") for i in range(1, 5)]

    def r_of(w):
        return (x[0] * w[0] + x[1] * w[1] + x[2] * w[2]) * w[3]

    r = r_of(w)
    assert r.data == 3.25
    r.backward()
    new = [wi.data - 0.1 * wi.grad for wi in w]  # every gradient before any update
    assert new == pytest.approx([0.35, 0.3, 0.2, -0.15], abs=1e-15)
    assert r_of([Value(v) for v in new]).data == pytest.approx(-0.5175, abs=1e-12)


def test_a_million_operations_in_a_chain_backpropagate_without_recursion():
    limit = sys.getrecursionlimit()
    x = Value(1.0)
    y = x
    for i in range(1_000_000):
        y = y + 1.0 if i % 2 else y * 1.0
    y.backward()
    assert x.grad == 1.0
    assert y.data == 500_001.0
    assert sys.getrecursionlimit() == limit
    del y  # freeing a million-deep chain must not crash either


def test_a_sum_of_100000_terms():
    terms = [Value(float(i)) for i in range(100_000)]
    total = sum(terms)
    total.backward()
    assert total.data == sum(range(100_000))
    assert all(t.grad == 1.0 for t in terms)


def test_a_node_used_twice_gets_the_sum_of_its_paths():
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0
    x = Value(3.0)
    y = x * x
    y.backward()
    assert x.grad == 6.0


def test_backward_twice_gives_the_same_gradients():
    leaves, inner = knob_graph()
    inner["r"].backward()
    first = {n: v.grad for n, v in leaves.items()}
    inner["r"].backward()
    assert {n: v.grad for n, v in leaves.items()} == first


def test_accumulate_adds_to_the_previous_gradients():
    leaves, inner = knob_graph()
    inner["r"].backward()
    inner["r"].backward(accumulate=True)
    assert leaves["a"].grad == 2 * 288
    assert inner["g"].grad == 2 * 12  # intermediate nodes too, not compounded


def test_no_reference_cycles_so_the_cyclic_collector_finds_nothing():
    gc.collect()
    leaves, inner = knob_graph()
    inner["r"].backward()
    x = Value(0.3)
    y = ((x * 2).tanh() + x.sigmoid() * x.exp() - x.relu() / 3 + (x**2).log()) ** 3
    y.backward()
    del leaves, inner, x, y
    assert gc.collect() == 0


def test_importing_helpers_changes_no_global_interpreter_state():
    probe = (
        "import gc, sys, warnings, random, numpy as np\n"
        "def snap(): return (sys.getrecursionlimit(), gc.isenabled(), gc.get_threshold(), np.geterr(),"
        " np.get_printoptions(), len(warnings.filters), random.getstate(), str(np.random.get_state()))\n"
        "before = snap()\n"
        "import helpers, helpers.engine, helpers.gradcheck, helpers.data, helpers.draw, helpers.widgets, helpers.checks\n"
        "assert snap() == before, 'importing helpers changed global state'\n"
        "print('unchanged')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "unchanged"


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda v: 2 * v, 2.0),
        (lambda v: 1 - v, -1.0),
        (lambda v: 1 / v, -1 / 4),
        (lambda v: -v, -1.0),
        (lambda v: v - 1, 1.0),
        (lambda v: v / 4, 0.25),
        (lambda v: v**3, 12.0),
        (lambda v: v**0.5, 0.5 / math.sqrt(2)),
        (lambda v: v.log(), 0.5),
        (lambda v: v.exp(), math.exp(2)),
        (lambda v: v.tanh(), 1 - math.tanh(2) ** 2),
        (lambda v: v.sigmoid(), math.exp(-2) / (1 + math.exp(-2)) ** 2),
        (lambda v: v.relu(), 1.0),
        (lambda v: (-v).relu(), 0.0),
    ],
)
def test_each_operation_has_the_right_local_derivative(make, expected):
    v = Value(2.0)
    out = make(v)
    out.backward()
    assert v.grad == pytest.approx(expected, rel=1e-12)


def test_sigmoid_is_stable_for_large_inputs():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0


def test_parents_and_local_grads_describe_the_operation():
    a, b = Value(2.0, "a"), Value(5.0, "b")
    c = a * b
    assert c.parents == (a, b) and c.local_grads == (5.0, 2.0) and c.op == "×"
    assert a.parents == () and a.local_grads == ()


# ---- bad input: a clear error that says what was wrong and what is allowed ----

@pytest.mark.parametrize("data, type_name", [("3", "str"), (None, "NoneType"), ([1.0], "list"), (True, "bool"),
                                             (1 + 2j, "complex")])
def test_value_needs_a_real_number(data, type_name):
    with raises(TypeError, "Value needs a real number", type_name):
        Value(data)


@pytest.mark.parametrize("data", [math.inf, -math.inf, math.nan, 10**400])
def test_value_needs_a_finite_number(data):
    with raises(ValueError, "Value needs a finite number"):
        Value(data)


def test_value_accepts_ints_floats_and_numpy_scalars_as_floats():
    for data in (3, 3.0, np.float64(3.0), np.int64(3)):
        v = Value(data)
        assert type(v.data) is float and v.data == 3.0


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


@pytest.mark.parametrize("exponent, type_name", [("2", "str"), (None, "NoneType"), (True, "bool")])
def test_exponent_must_be_a_number(exponent, type_name):
    with raises(TypeError, "exponent must be an int or float", type_name):
        Value(2.0) ** exponent


def test_powers_of_zero_and_of_negative_numbers():
    with raises(ZeroDivisionError, "0 ** -1", "base is zero"):
        Value(0.0) ** -1
    with raises(ValueError, "0 ** 0.5 is 0", "derivative", "infinite", "(v + 1e-12) ** 0.5"):
        Value(0.0) ** 0.5  # not "a negative power": the power is positive, the slope is vertical
    with raises(ValueError, "not a real number", "whole-number exponent"):
        Value(-2.0) ** 0.5
    assert (Value(-2.0) ** 3).data == -8.0  # a whole exponent of a negative base is fine
    for exponent, slope in ((0, 0.0), (1, 1.0), (2, 0.0), (1.5, 0.0)):  # at 0 these are all defined
        x = Value(0.0)
        out = x ** exponent
        out.backward()
        assert x.grad == slope and out.data == (1.0 if exponent == 0 else 0.0)


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


# ---- the overflow rule (engine.py's docstring): every op raises OverflowError, none returns inf or NaN ----

BIG = 1e200
OVERFLOWING = {
    "+": (lambda: Value(1e308) + Value(1e308), "1e+308 + 1e+308", "result"),
    "−": (lambda: Value(-1e308) - Value(1e308), "-1e+308 − 1e+308", "result"),
    "×": (lambda: Value(BIG) * Value(BIG), "1e+200 × 1e+200", "result"),
    "× number": (lambda: Value(BIG) * BIG, "1e+200 × 1e+200", "result"),
    "÷ result": (lambda: Value(BIG) / Value(1e-200), "1e+200 ÷ 1e-200", "result"),
    "÷ derivative": (lambda: Value(1.0) / Value(1e-160), "1 ÷ 1e-160", "derivative"),
    "** result": (lambda: Value(10) ** 400, "10 ** 400", "result"),
    "** negative power": (lambda: Value(1e-200) ** -2, "1e-200 ** -2", "result"),
    "** derivative": (lambda: Value(1e-160) ** -1, "1e-160 ** -1", "derivative"),
    "exp": (lambda: Value(710.0).exp(), "exp(710)", ""),
    "log derivative": (lambda: Value(1e-320).log(), "log(", "derivative"),
}


@pytest.mark.parametrize("name", OVERFLOWING)
def test_every_op_reports_overflow_the_same_way(name):
    make, expression, what = OVERFLOWING[name]
    with raises(OverflowError, expression, "overflows", what):
        make()


@pytest.mark.parametrize("op", ["neg", "relu", "tanh", "sigmoid"])
def test_ops_that_cannot_overflow_stay_finite_at_the_largest_float(op):
    for x in (1.7e308, -1.7e308):
        v = Value(x)
        out = -v if op == "neg" else getattr(v, op)()
        out.backward()
        assert math.isfinite(out.data) and math.isfinite(v.grad)


def test_backward_reports_an_overflowing_gradient():
    x = Value(1e-300, "x")
    out = x * 1e200 * 1e200  # every value is finite (at most 1e100), but d(out)/dx = 1e400 is not
    with raises(OverflowError, "backward()", "gradient of x", "overflows"):
        out.backward()


def test_an_operation_on_a_value_set_to_infinity_by_hand_is_refused():
    v = Value(1.0)
    v.data = math.inf  # .data is a plain attribute; the next operation notices
    with raises(OverflowError, "inf + 1", "overflows"):
        v + 1.0


# ---- random expressions against central differences ----

UNARY = ["tanh", "sigmoid", "exp", "log", "relu", "square", "neg"]
BINARY = ["+", "-", "*", "/"]


@st.composite
def expressions(draw):
    n_inputs = draw(st.integers(1, 4))
    inputs = draw(st.lists(st.floats(-2, 2, allow_nan=False), min_size=n_inputs, max_size=n_inputs))
    steps = draw(
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(UNARY), st.integers(0, 99)),
                st.tuples(st.sampled_from(BINARY), st.integers(0, 99), st.integers(0, 99)),
            ),
            min_size=1,
            max_size=10,
        )
    )
    return inputs, steps


def evaluate(leaves, steps, branches):
    """Run the expression; `branches` records each guard's decision so flips near a threshold show."""
    pool = list(leaves)

    def guard(condition):
        branches.append(condition)
        return condition

    for step in steps:
        op, i = step[0], step[1] % len(pool)
        x = pool[i]
        if op == "tanh":
            y = x.tanh()
        elif op == "sigmoid":
            y = x.sigmoid()
        elif op == "exp":
            y = x.exp() if guard(x.data < 5) else x
        elif op == "log":
            y = x.log() if guard(x.data > 0.1) else x
        elif op == "relu":
            y = x.relu() if guard(abs(x.data) > 1e-3) else x  # keep away from the kink
        elif op == "square":
            y = x**2
        elif op == "neg":
            y = -x
        else:
            z = pool[step[2] % len(pool)]
            if op == "/":
                y = x / z if guard(abs(z.data) > 0.1) else x
            else:
                y = {"+": x + z, "-": x - z, "*": x * z}[op]
        if not guard(abs(y.data) <= 1e4):
            y = x
        pool.append(y)
    return sum(pool[len(leaves):], Value(0.0))


@settings(max_examples=150, deadline=None)
@given(expressions())
def test_gradients_of_random_expressions_match_central_differences(expression):
    inputs, steps = expression
    leaves = [Value(v) for v in inputs]
    baseline = []
    out = evaluate(leaves, steps, baseline)
    out.backward()
    analytic = [v.grad for v in leaves]
    flipped = []

    def f():
        branches = []
        value = evaluate(leaves, steps, branches).data
        flipped.append(branches != baseline)
        return value

    numeric = numeric_gradient(f, leaves, h=1e-6)
    assume(not any(flipped))  # a guard decided differently inside ±h: the function is not smooth there
    for a, n in zip(analytic, numeric):
        assert a == pytest.approx(n, rel=1e-4, abs=1e-5)
