"""helpers.engine.Value: the worked numbers, deep and wide graphs, reuse, backward twice, errors."""
import gc
import math
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.engine import Value
from helpers.gradcheck import numeric_gradient


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


@pytest.mark.parametrize(
    "action, error, fragment",
    [
        (lambda: Value("3"), TypeError, "str"),
        (lambda: Value(True), TypeError, "bool"),
        (lambda: Value(1.0) + "a", TypeError, "str"),
        (lambda: [1] * Value(2.0), TypeError, "list"),
        (lambda: Value(2.0) ** Value(2.0), TypeError, "exponent must be a plain number"),
        (lambda: Value(2.0) ** "2", TypeError, "exponent"),
        (lambda: Value(0.0).log(), ValueError, "positive"),
        (lambda: Value(-1.0).log(), ValueError, "positive"),
        (lambda: Value(1000.0).exp(), OverflowError, "709"),
        (lambda: Value(1.0) / Value(0.0), ZeroDivisionError, "0"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, "zero"),
        (lambda: Value(-2.0) ** 0.5, ValueError, "whole-number"),
    ],
)
def test_bad_input_gets_a_clear_error(action, error, fragment):
    with pytest.raises(error, match=fragment):
        action()


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
