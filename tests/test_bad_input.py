"""Bad arguments to the maths layer and the drawings fail early and say why (the engine's own cases are
in test_engine.py). Each case asserts the exception type and the fragments of its message a learner
needs: which argument, what was given, and what is allowed instead.
"""
import math
from contextlib import contextmanager

import numpy as np
import pytest

import warnings

from matplotlib.figure import Figure

from helpers import by_hand, landscapes, line_fit, nn, optim
from helpers.data import make_circle, make_curve, make_moons
from helpers.draw.training import draw_boundary
from helpers.draw.graph import MAX_NODES, GraphDrawing, draw_graph, graph_layout
from helpers.draw.landscapes import draw_cost_curves, draw_paths
from helpers.draw.line_fit import draw_loss_contours, log_levels, loss_grid
from helpers.engine import Value
from helpers.gradcheck import gradcheck, numeric_gradient, relative_error
from helpers.training import (
    Trainer, accuracy, fit, make_dataset, make_network, predict_labels, predict_proba, train_test_split,
)
from helpers.validate import ArgumentError


@contextmanager
def raises(exc, *fragments):
    """`exc` must be raised, and its message must contain every fragment."""
    with pytest.raises(exc) as info:
        yield info
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"message {message!r} lacks {fragment!r}"


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
    with raises(ValueError, "h (a small step) must be a finite number > 0", f"got {h!r}"):
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
    with raises(ValueError, "n (the number of points) must be a whole number ≥ 1", f"got {n!r}"):
        make(n=n)


@GENERATORS
@pytest.mark.parametrize("noise", [-1, -0.1, float("nan"), float("inf"), "0.1", True])
def test_generators_need_a_non_negative_finite_noise(make, noise):
    with raises(ValueError, "noise (a standard deviation) must be a finite number ≥ 0", f"got {noise!r}"):
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


def test_a_graph_above_the_node_limit_is_refused_quickly_with_advice():
    v = Value(1.0)
    for _ in range(3000):  # 6,001 values: 49 s of drawing before the limit
        v = v * 1.0
    for draw in (draw_graph, GraphDrawing, graph_layout):
        with raises(ValueError, "6,001 values", f"at most {MAX_NODES}", "draw a smaller part"):
            draw(v)
    small = Value(1.0)
    for _ in range((MAX_NODES - 1) // 2):  # exactly at the limit: still drawn
        small = small * 1.0
    assert len(small.topological_order()) <= MAX_NODES
    graph_layout(small)


@pytest.mark.parametrize("kwargs, fragment", [(dict(fontsize=0), "fontsize"), (dict(figsize=(4, -1)), "figsize"),
                                              (dict(figsize="big"), "figsize")])
def test_graph_drawing_sizes_are_checked(kwargs, fragment):
    with raises(ValueError, fragment, "must"):
        draw_graph(Value(1.0) + 2.0, **kwargs)


# ---- gradcheck: nothing dropped, nothing NaN ----

def test_a_short_names_list_no_longer_drops_parameters():
    p, q = Value(1.0), Value(2.0)
    with raises(ValueError, "names must be a list of 2 strings", "['p']"):
        gradcheck(lambda: p * q, [p, q], names=["p"])
    with raises(ValueError, "names must be a list of 2 strings"):
        gradcheck(lambda: p * q, [p, q], names="pq")
    assert gradcheck(lambda: p * q, [p, q], names=["p", "q"]).names == ["p", "q"]


@pytest.mark.parametrize("returned, shown", [(None, "NoneType (None)"), ("loss", "str"), (True, "bool")])
def test_numeric_gradient_of_a_function_that_returns_no_number(returned, shown):
    with raises(ValueError, "f must return the loss as one number", shown):
        numeric_gradient(lambda: returned, [Value(1.0)])


def test_numeric_gradient_of_a_function_that_returns_nan():
    w = Value(1.0)
    with raises(ValueError, "f returned nan", "finite"):
        numeric_gradient(lambda: w.data * math.nan, [w])


# ---- data ----

@pytest.mark.parametrize("make", [make_moons, make_circle, make_curve])
@pytest.mark.parametrize("seed", [-1, "a", 1.5, None, True])
def test_generators_need_a_whole_seed(make, seed):
    with raises(ValueError, "seed must be a whole number ≥ 0", f"got {seed!r}"):
        make(n=10, seed=seed)


def test_generator_shapes_are_checked():
    with raises(ValueError, "radius must be a finite number > 0", "got -1"):
        make_circle(radius=-1)
    with raises(ValueError, "high must be a finite number > 1", "got -1"):
        make_curve(low=1, high=-1)
    with raises(ValueError, "f must be a function"):
        make_curve(f="sin")
    with raises(ValueError, "f(x) must be an array of shape (10,)"):
        make_curve(n=10, f=lambda x: x[:3])
    assert make_curve(n=np.int64(5), low=np.float64(0), high=1)[0].shape == (5, 1)


# ---- training ----

X4, Y4 = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([0, 1, 1, 0])


def test_accuracy_needs_labels_on_both_sides():
    with raises(ValueError, "accuracy: y (the true labels) must be class labels", "NoneType"):
        accuracy(None, None)
    with raises(ValueError, "must be whole numbers ≥ 0", "got 0.2", "look like probabilities"):
        accuracy([0.2, 0.9, 0.6], [0, 1, 1])
    with raises(ValueError, "must be whole numbers ≥ 0", "got -1"):
        accuracy([-1, 1], [0, 1])
    assert accuracy(np.array([True, False, True]), [1, 0, 0]) == pytest.approx(2 / 3)
    assert accuracy([3, 7, 9], np.array([3.0, 7.0, 1.0])) == pytest.approx(2 / 3)  # any number of classes


def test_predictions_need_a_one_logit_network():
    net = make_network([2, 3])
    for predict in (predict_proba, predict_labels):
        with raises(ValueError, f"{predict.__name__} needs a network with one output", "gives 3 outputs",
                    "softmax"):
            predict(net, X4)
    with raises(ValueError, "predict_proba: net must be a helpers.nn network", "got str"):
        predict_proba("net", X4)
    with raises(ValueError, "Trainer: net must be a helpers.nn network", "got list"):
        Trainer([nn.Linear(2, 1)], X4, Y4)


@pytest.mark.parametrize("lr", [-0.5, 0, math.nan, math.inf, "0.1", True, None])
def test_learning_rates_are_positive_everywhere(lr):
    trainer = Trainer(make_network([2, 1]), X4, Y4)
    with raises(ValueError, "the learning rate lr must be a finite number > 0", f"got {lr!r}"):
        trainer.lr = lr
    assert trainer.lr == 0.1  # unchanged
    for make in (optim.SGD, optim.Momentum, optim.RMSprop, optim.Adam):
        with raises(ValueError, "the learning rate lr must be a finite number > 0"):
            make([np.zeros(2)], lr=lr)
        opt = make([np.zeros(2)], lr=0.1)
        with raises(ValueError, "the learning rate lr must be a finite number > 0"):
            opt.lr = lr


@pytest.mark.parametrize("seed", [-1, "a", 1.5, None, True])
def test_seeds_are_whole_numbers_where_results_must_repeat(seed):
    fragment = f"seed must be a whole number ≥ 0, so that the same seed gives the same numbers; got {seed!r}"
    with raises(ValueError, fragment):
        make_network([2, 1], seed=seed)
    with raises(ValueError, fragment):
        Trainer(make_network([2, 1]), X4, Y4, seed=seed)
    with raises(ValueError, fragment):
        train_test_split(X4, Y4, seed=seed)
    with raises(ValueError, fragment):
        make_dataset("moons", seed=seed)


@pytest.mark.parametrize("seed", [-1, "a", 1.5, True])
def test_linear_seeds_are_whole_numbers_or_none(seed):
    with raises(ValueError, "Linear: seed must be a whole number ≥ 0 or None (fresh randomness", f"got {seed!r}"):
        nn.Linear(2, 1, seed=seed)
    assert nn.Linear(2, 1, seed=None).W.shape == (1, 2)  # None is documented: fresh weights
    np.testing.assert_array_equal(nn.Linear(2, 3, seed=np.int64(4)).W, nn.Linear(2, 3, seed=4).W)


def test_fit_needs_an_optimizer_object_not_a_name():
    with raises(ValueError, "optimizer must be an optimizer made for this net's parameters", "Adam(net.params()",
                "got 'adam'"):
        fit(make_network([2, 1]), X4, Y4, optimizer="adam")


def test_test_data_comes_in_pairs():
    with raises(ValueError, "X_test was given without y_test", "both"):
        Trainer(make_network([2, 1]), X4, Y4, X_test=X4)
    with raises(ValueError, "y_test was given without X_test"):
        Trainer(make_network([2, 1]), X4, Y4, y_test=Y4)
    with raises(ValueError, "y_test must hold one label per example (4); got 2"):
        Trainer(make_network([2, 1]), X4, Y4, X_test=X4, y_test=[0, 1])


def test_trainer_counts_are_whole_numbers_and_numpy_integers_count():
    trainer = Trainer(make_network([2, 1]), X4, Y4, batch_size=np.int64(2))
    trainer.train(epochs=np.int64(1), record_every=np.int32(1))
    with raises(ValueError, "epochs must be a whole number ≥ 0", "got 1.0"):
        trainer.train(epochs=1.0)
    with raises(ValueError, "steps must be a whole number ≥ 0", "got True"):
        trainer.train(steps=True)


def test_make_network_sizes_are_checked():
    with raises(ValueError, "sizes[1] must be a whole number ≥ 1", "got 0"):
        make_network([2, 0, 1])
    with raises(ValueError, "sizes must be a list of layer widths"):
        make_network(3)
    with raises(ValueError, "activation must be one of 'relu', 'tanh', 'sigmoid'", "got 'softmax'"):
        make_network([2, 1], activation="softmax")


# ---- optimizers ----

@pytest.mark.parametrize("make, setting", [(optim.Momentum, "momentum"), (optim.RMSprop, "rho"), (optim.Adam, "beta1"),
                                           (optim.Adam, "beta2")])
@pytest.mark.parametrize("value", [-0.1, 1.0, math.nan, "0.9"])
def test_decay_rates_are_in_zero_one(make, setting, value):
    with raises(ValueError, f"{setting} must be a finite number ≥ 0 and < 1", f"got {value!r}"):
        make([np.zeros(2)], lr=0.1, **{setting: value})


def test_adam_keeps_two_separate_averages_m_and_s():
    opt = optim.Adam([np.zeros(3)], lr=0.1)
    state = opt.state[0]
    assert set(state) == {"m", "s"} and state["m"] is not state["s"]
    state["m"] += 1.0  # an in-place change to one average must not show in the other
    assert not state["s"].any()


def test_an_optimizer_step_that_overflows_a_value_says_so():
    w = Value(1e300)
    w.grad = -1e300
    with raises(OverflowError, "sent a parameter to inf", "learning rate"):
        optim.SGD([w], lr=1e10).step()


# ---- landscapes: nothing loops for ever ----

@pytest.mark.parametrize("steps", [math.inf, 10.0, -1, None])
def test_a_trajectory_extends_to_a_whole_number_of_steps(steps):
    path = landscapes.Trajectory("valley", "SGD", 0.1, (1.0, 1.0))
    with raises(ValueError, "steps must be a whole number ≥ 0", f"got {steps!r}"):
        path.extend_to(steps)
    assert path.extend_to(np.int64(3)).steps == 3


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(max_steps=math.inf), "max_steps must be a whole number ≥ 0; got inf"),
    (dict(tol=0), "tol must be a finite number > 0; got 0"),
    (dict(tol=-1e-3), "tol must be a finite number > 0"),
    (dict(tol=math.nan), "tol must be a finite number > 0; got nan"),
    (dict(stay="yes"), "stay must be one of True, False"),
])
def test_steps_to_minimum_arguments(kwargs, fragment):
    with raises(ValueError, fragment):
        landscapes.steps_to_minimum("valley", "SGD", 0.1, **kwargs)


def test_landscape_names_and_starts():
    with raises(ValueError, "surface must be one of 'valley', 'saddle', 'banana'", "got 'bowl'"):
        landscapes.trajectory("bowl", "SGD", 0.1)
    with raises(ValueError, "optimizer must be one of", "got 'sgd'"):
        landscapes.trajectory("valley", "sgd", 0.1)
    with raises(ValueError, "start (w1, w2) must be an array of shape (2,)"):
        landscapes.trajectory("valley", "SGD", 0.1, start=(1.0, 2.0, 3.0))


# ---- line_fit ----

@pytest.mark.parametrize("count", [line_fit.steps_by_formula, line_fit.steps_to_tolerance])
@pytest.mark.parametrize("kwargs, fragment", [
    (dict(max_steps=math.inf), "max_steps must be a whole number ≥ 0; got inf"),
    (dict(tol=0), "tol must be a finite number > 0; got 0"),
    (dict(tol=math.nan), "tol must be a finite number > 0; got nan"),
])
def test_step_counts_never_loop_for_ever(count, kwargs, fragment):
    with raises(ValueError, fragment):
        count(0.0, 0.0, 0.01, **kwargs)


def test_least_squares_with_nan_or_one_x_says_so_without_lapack_noise(capfd):
    with raises(ValueError, "x must hold finite numbers", "NaN"):
        line_fit.least_squares([1.0, math.nan], [1.0, 2.0])
    with raises(ValueError, "y must hold finite numbers"):
        line_fit.least_squares([1.0, 2.0], [1.0, math.inf])
    with raises(ValueError, "at least two different x values"):
        line_fit.least_squares([2.0, 2.0], [1.0, 3.0])
    out, err = capfd.readouterr()
    assert out == err == ""


def test_line_fit_counts_and_points():
    assert len(line_fit.descend(0, 0, 0.01, np.int64(3))) == 4  # NumPy integers are whole numbers
    with raises(ValueError, "steps must be a whole number ≥ 0", "got 3.0"):
        line_fit.descend(0, 0, 0.01, 3.0)
    with raises(ValueError, "w must be a finite number", "got 'a'"):
        line_fit.mse("a", 0)
    with raises(ValueError, "target must be two numbers (w, b)"):
        line_fit.steps_to_tolerance(0, 0, 0.01, target=8)


# ---- by_hand ----

def test_huge_inputs_to_the_hand_network_get_a_clear_overflow_error():
    example = by_hand.worked_example()
    example["x"] = [1e200, 1e200]
    example["W1"] = [[1e200, 1.0], [1.0, 1.0]]
    with raises(OverflowError, "the 2-2-1 network cannot be computed with these numbers", "1e+200 × 1e+200",
                "moderate size"):
        by_hand.network(**example)


# ---- nn ----

def test_the_finiteness_check_of_linear_forward_is_silent_on_huge_finite_inputs():
    layer = nn.Linear(2, 1, W=[[0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any numpy RuntimeWarning fails the test
        out = layer.forward(np.array([[1e308, 1e308]]))
    assert out.tolist() == [[0.0]]
    with raises(ValueError, "NaN or infinity"):
        layer.forward(np.array([[np.inf, 1.0]]))


# ---- drawings ----

def fifty_fifty(points):
    return np.full(len(points), 0.5)


@pytest.mark.parametrize("labels, fragment", [
    (np.array([0, 1, -1, 1]), "y (class labels) must be labels from 0, 1; got -1"),
    (np.array([0, 1, 2, 1]), "got 2"),
    (np.array([0, 1]), "y (class labels) must hold one label per example (4); got 2"),
    (np.array([0.2, 0.7, 0.9, 0.1]), "look like probabilities"),
])
def test_draw_boundary_labels(labels, fragment):
    with raises(ValueError, fragment):
        draw_boundary(fifty_fifty, X4, labels)


@pytest.mark.parametrize("bands", [-1, 2.5, "10", 1000])
def test_draw_boundary_bands(bands):
    with raises(ValueError, "bands must be a whole number ≥ 0 and ≤ 100", f"got {bands!r}"):
        draw_boundary(fifty_fifty, X4, Y4, bands=bands)


def test_draw_boundary_other_arguments():
    with raises(ValueError, "predict_proba must be a function"):
        draw_boundary(None, X4, Y4)
    with raises(ValueError, "predict_proba must return one probability per point"):
        draw_boundary(lambda P: np.zeros(3), X4, Y4, resolution=10)
    with raises(ValueError, "X_test and y_test go together"):
        draw_boundary(fifty_fifty, X4, Y4, X_test=X4)
    with raises(ValueError, "X (points in the plane) must be an array of shape (any, 2)"):
        draw_boundary(fifty_fifty, np.zeros((4, 3)), Y4)
    assert draw_boundary(fifty_fifty, X4, Y4, bands=None, resolution=np.int64(10)).resolution == 10


@pytest.mark.parametrize("count", [1, 0, 2.0, None])
def test_draw_loss_contours_count(count):
    with raises(ValueError, "count (contour levels) must be a whole number ≥ 2 and ≤ 200", f"got {count!r}"):
        draw_loss_contours(Figure().add_subplot(), count=count)


def test_loss_grid_limits_and_data():
    with raises(ValueError, "w_lim must be two numbers (low, high) with low < high", "got (12, -2)"):
        loss_grid((12, -2), (-6, 10))
    with raises(ValueError, "y must be an array of shape (2,)"):
        loss_grid((-2, 12), (-6, 10), x=[1.0, 2.0], y=[1.0, 2.0, 3.0])
    with raises(ValueError, "floor must be a finite number > 0"):
        log_levels(np.ones((2, 2)), floor=0)


def test_landscape_drawings_need_trajectories():
    ax = Figure().add_subplot()
    with raises(ValueError, "trajectories[0] must be a landscapes.Trajectory", "str"):
        draw_paths(ax, ["SGD"])
    path = landscapes.trajectory("valley", "SGD", 0.1, steps=3)
    draw_paths(ax, path)  # one Trajectory on its own is fine
    with raises(ValueError, "floor must be a finite number > 0"):
        draw_cost_curves(ax, [path], floor=-1)


def test_every_validation_error_is_both_a_value_error_and_a_type_error():
    with pytest.raises(ArgumentError) as info:
        make_moons(n="10")
    assert isinstance(info.value, ValueError) and isinstance(info.value, TypeError)


def test_small_helpers_check_their_arguments_too():
    w = Value(0.5)
    report = gradcheck(lambda: w * w, [w])
    with raises(ValueError, "tol must be a finite number > 0", "got 0"):
        report.passed(tol=0)
    with raises(KeyError, "missing parameters ['b2']"):
        by_hand.flatten(dict(W1=[[0, 0], [0, 0]], b1=[0, 0], W2=[0, 0]))
    from helpers.draw.training import legend_handles
    with raises(ValueError, "with_test must be one of True, False", "got 'yes'"):
        legend_handles("yes")
