"""helpers.nn checked three ways: the hand-worked 2-2-1 numbers, the scalar engine, and finite differences."""
import importlib.util
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import NET_221
from helpers.engine import Value
from helpers.gradcheck import gradcheck
from helpers.nn import (
    MSE, BinaryCrossEntropy, HalfSquaredError, Linear, ReLU, Sequential, Sigmoid, SoftmaxCrossEntropy, Tanh,
)

ACTIVATIONS = {"relu": (ReLU, Value.relu), "tanh": (Tanh, Value.tanh), "sigmoid": (Sigmoid, Value.sigmoid)}


def net_221():
    n = NET_221
    return Sequential(Linear(2, 2, W=n["W1"], b=n["b1"]), ReLU(), Linear(2, 1, W=n["W2"], b=n["b2"]))


# ---------------------------------------------------------------- the hand computation (notebook 05)

def test_221_forward_and_gradients_match_the_hand_computation():
    net, loss = net_221(), HalfSquaredError()
    x = NET_221["x"].reshape(1, 2)
    yhat = net.forward(x)
    assert yhat[0, 0] == pytest.approx(0.392, abs=1e-15)
    assert loss.forward(yhat, [[NET_221["y"]]]) == pytest.approx(0.083232, abs=1e-15)
    delta_out = loss.backward()
    assert delta_out[0, 0] == pytest.approx(-0.408, abs=1e-15)
    net.backward(delta_out)
    dW1, db1, dW2, db2 = net.grads()
    np.testing.assert_allclose(dW2, [[-0.13056, 0.0]], atol=1e-15)
    np.testing.assert_allclose(db2, [-0.408], atol=1e-15)
    np.testing.assert_allclose(db1, [-0.2448, 0.0], atol=1e-15)  # the hidden deltas
    np.testing.assert_allclose(dW1, [[-0.1224, -0.02448], [0.0, 0.0]], atol=1e-15)


def test_221_one_update_gives_the_hand_numbers():
    net, loss = net_221(), HalfSquaredError()
    x, y = NET_221["x"].reshape(1, 2), np.array([[NET_221["y"]]])
    loss.forward(net.forward(x), y)
    net.backward(loss.backward())
    for p, g in zip(net.params(), net.grads()):
        p -= NET_221["lr"] * g
    W1, b1, W2, b2 = net.params()
    np.testing.assert_allclose(W1[0], [0.41224, 0.202448], atol=1e-15)
    np.testing.assert_allclose(b1, [0.12448, -0.3], atol=1e-15)
    np.testing.assert_allclose(W2[0], [0.613056, 0.9], atol=1e-15)
    np.testing.assert_allclose(b2, [0.2408], atol=1e-15)
    assert loss.forward(net.forward(x), y) == pytest.approx(0.0592067, abs=1e-7)


def test_the_half_only_rescales_the_gradient():
    # Without the ½ (MSE), δ_out doubles: −0.816, as in the variant worked out by hand.
    net, loss = net_221(), MSE()
    loss.forward(net.forward(NET_221["x"].reshape(1, 2)), [NET_221["y"]])
    assert loss.backward()[0, 0] == pytest.approx(-0.816, abs=1e-15)


# ---------------------------------------------------------------- engine vs nn

def engine_loss(weights, activation, X, Y, loss):
    """The same network and loss built from scalar Values, one example (a list of Values) at a time."""
    act = ACTIVATIONS[activation][1]
    total = Value(0.0)
    for a, y in zip(X, Y):
        for depth, (W, b) in enumerate(weights):
            z = [sum((w * ai for w, ai in zip(row, a)), bias) for row, bias in zip(W, b)]
            a = z if depth == len(weights) - 1 else [act(zi) for zi in z]
        if loss == "half":
            total = total + 0.5 * sum((ai - float(yi)) ** 2 for ai, yi in zip(a, y))
        elif loss == "mse":
            total = total + sum((ai - float(yi)) ** 2 for ai, yi in zip(a, y))
        elif loss == "bce":  # −[y log σ(z) + (1−y) log(1−σ(z))]
            s = a[0].sigmoid()
            total = total - (float(y[0]) * s.log() + (1 - float(y[0])) * (1 - s).log())
        else:  # softmax cross-entropy with integer label y
            m = max(ai.data for ai in a)
            exps = [(ai - m).exp() for ai in a]
            total = total - ((a[int(y)] - m) - sum(exps[1:], exps[0]).log())
    return total * (1.0 / len(X))


def compare_with_engine(sizes, activation, batch, loss_name, seed):
    rng = np.random.default_rng(seed)
    act_layer = ACTIVATIONS[activation][0]
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(Linear(n_in, n_out, init="normal", scale=0.8, seed=int(rng.integers(1 << 30))))
        layers[-1].b[:] = rng.normal(0, 0.5, n_out)
        if i < len(sizes) - 2:
            layers.append(act_layer())
    net = Sequential(*layers)
    X = rng.normal(size=(batch, sizes[0]))
    if loss_name in ("half", "mse"):
        Y, loss = rng.normal(size=(batch, sizes[-1])), (HalfSquaredError() if loss_name == "half" else MSE())
    elif loss_name == "bce":
        Y, loss = rng.integers(0, 2, size=(batch, 1)).astype(float), BinaryCrossEntropy()
    else:
        Y, loss = rng.integers(0, sizes[-1], size=batch), SoftmaxCrossEntropy()

    ours = loss.forward(net.forward(X), Y)
    dX = net.backward(loss.backward())

    linears = [layer for layer in net if isinstance(layer, Linear)]
    vw = [([[Value(float(w)) for w in row] for row in L.W], [Value(float(v)) for v in L.b]) for L in linears]
    vx = [[Value(float(v)) for v in row] for row in X]  # inputs as Values too, to compare dX
    total = engine_loss(vw, activation, vx, Y, loss_name)
    total.backward()

    assert ours == pytest.approx(total.data, rel=1e-12, abs=1e-12)
    for L, (W, b) in zip(linears, vw):
        np.testing.assert_allclose(L.dW, [[w.grad for w in row] for row in W], rtol=0, atol=1e-12)
        np.testing.assert_allclose(L.db, [v.grad for v in b], rtol=0, atol=1e-12)
    np.testing.assert_allclose(dX, [[v.grad for v in row] for row in vx], rtol=0, atol=1e-12)


def test_engine_and_nn_agree_on_the_221_network():
    net, loss = net_221(), HalfSquaredError()
    loss.forward(net.forward(NET_221["x"].reshape(1, 2)), [[NET_221["y"]]])
    net.backward(loss.backward())
    vw = [([[Value(float(w)) for w in row] for row in L.W], [Value(float(v)) for v in L.b]) for L in (net[0], net[2])]
    x = [Value(float(v)) for v in NET_221["x"]]
    total = engine_loss(vw, "relu", [x], [[NET_221["y"]]], "half")
    total.backward()
    for L, (W, b) in zip((net[0], net[2]), vw):
        np.testing.assert_allclose(L.dW, [[w.grad for w in row] for row in W], rtol=0, atol=1e-12)
        np.testing.assert_allclose(L.db, [v.grad for v in b], rtol=0, atol=1e-12)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss_name", ["half", "mse", "bce", "softmax"])
@pytest.mark.parametrize("batch", [1, 2, 5])
def test_engine_and_nn_agree_on_random_networks(activation, loss_name, batch):
    sizes = (3, 4, 5, 1) if loss_name in ("half", "bce") else (3, 4, 3)
    seed = 100 * batch + 10 * sorted(ACTIVATIONS).index(activation) + len(loss_name)
    compare_with_engine(sizes, activation, batch, loss_name, seed)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    batch=st.integers(1, 4),
    activation=st.sampled_from(sorted(ACTIVATIONS)),
    seed=st.integers(0, 10_000),
)
def test_engine_and_nn_agree_on_any_shape(sizes, batch, activation, seed):
    compare_with_engine(tuple(sizes), activation, batch, "half", seed)


# ---------------------------------------------------------------- finite differences

def check_layer(layer, X, seed=0):
    """Gradcheck the scalar f = Σ R ⊙ layer(X) for a fixed random R, over X and every parameter."""
    R = np.random.default_rng(seed).normal(size=layer.forward(X).shape)
    f = lambda: float(np.sum(R * layer.forward(X)))  # noqa: E731
    layer.forward(X)
    dX = layer.backward(R)
    report = gradcheck(f, [X, *layer.params()], analytic=[dX.copy(), *(g.copy() for g in layer.grads())])
    assert report.passed(1e-7), str(report)


def away_from_zero(shape, seed):
    # ReLU has a kink at 0: keep inputs further than the finite-difference step from it.
    X = np.random.default_rng(seed).normal(size=shape)
    return X + np.where(X >= 0, 0.1, -0.1)


@pytest.mark.parametrize("init", ["he", "xavier", "normal"])
def test_gradcheck_linear(init):
    check_layer(Linear(4, 3, init=init, seed=1), away_from_zero((5, 4), 2))


@pytest.mark.parametrize("layer", [ReLU, Tanh, Sigmoid])
def test_gradcheck_activations(layer):
    check_layer(layer(), away_from_zero((4, 3), 3))


def test_gradcheck_sequential_with_every_activation():
    net = Sequential(Linear(3, 5, seed=1), Tanh(), Linear(5, 4, seed=2), Sigmoid(), Linear(4, 2, seed=3), ReLU())
    X = np.random.default_rng(4).normal(size=(6, 3))
    check_layer(net, X)


@pytest.mark.parametrize("loss, target", [
    (HalfSquaredError(), np.array([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0]])),
    (MSE(), np.array([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0]])),
    (SoftmaxCrossEntropy(), np.array([1, 0, 1])),
])
def test_gradcheck_losses(loss, target):
    pred = np.random.default_rng(5).normal(size=(3, 2))
    loss.forward(pred, target)
    report = gradcheck(lambda: loss.forward(pred, target), [pred], analytic=[loss.backward()])
    assert report.passed(1e-7), str(report)


def test_gradcheck_binary_cross_entropy():
    pred, target = np.array([[2.0], [-1.0], [0.3], [-4.0]]), np.array([1, 0, 0, 1])
    loss = BinaryCrossEntropy()
    loss.forward(pred, target)
    report = gradcheck(lambda: loss.forward(pred, target), [pred], analytic=[loss.backward()])
    assert report.passed(1e-7), str(report)


# ---------------------------------------------------------------- losses against independent formulas

def test_squared_error_losses_follow_their_definitions():
    pred = np.array([[1.0, 2.0], [3.0, 5.0]])
    target = np.array([[0.0, 2.0], [1.0, 1.0]])
    # errors 1, 0, 2, 4 → squares 1, 0, 4, 16 = 21 over m = 2 examples
    assert MSE().forward(pred, target) == pytest.approx(21 / 2)
    assert HalfSquaredError().forward(pred, target) == pytest.approx(21 / 4)
    # one example, one output: ½(ŷ − y)²
    assert HalfSquaredError().forward([[0.392]], [0.8]) == pytest.approx(0.5 * 0.408**2)


def test_softmax_cross_entropy_matches_the_direct_formula_and_stays_finite():
    scores, labels = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]]), np.array([2, 0])
    p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    direct = -np.mean(np.log(p[[0, 1], labels]))
    loss = SoftmaxCrossEntropy()
    assert loss.forward(scores, labels) == pytest.approx(direct, rel=1e-14)
    # Shifting every score of a row by the same amount changes nothing, even by 1000 (naive exp overflows).
    assert loss.forward(scores + 1000.0, labels) == pytest.approx(direct, rel=1e-12)
    grad = loss.backward()
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)  # probabilities minus one-hot sum to 0


def test_binary_cross_entropy_matches_the_direct_formula_and_stays_finite():
    z, y = np.array([[0.3], [-2.0], [1.5]]), np.array([1.0, 0.0, 0.0])
    s = 1 / (1 + np.exp(-z[:, 0]))
    direct = -np.mean(y * np.log(s) + (1 - y) * np.log(1 - s))
    loss = BinaryCrossEntropy()
    assert loss.forward(z, y) == pytest.approx(direct, rel=1e-14)
    # A confidently wrong logit of 800 costs 800 (log σ(−800) = −800), not inf.
    assert loss.forward([[800.0]], [0]) == pytest.approx(800.0)
    assert loss.backward()[0, 0] == pytest.approx(1.0)


def test_sigmoid_is_stable_at_extreme_inputs():
    y = Sigmoid().forward(np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]]))
    assert np.all(np.isfinite(y))
    assert y[0, 2] == 0.5 and y[0, 4] == 1.0 and y[0, 0] == 0.0
    assert y[0, 1] == pytest.approx(math.exp(-40), rel=1e-12)  # keeps tiny values, not just 0


# ---------------------------------------------------------------- Sequential, parameters, init

def test_sequential_params_and_grads_share_order_and_shapes():
    net = Sequential(Linear(2, 3, seed=0), ReLU(), Linear(3, 1, seed=1))
    params, grads = net.params(), net.grads()
    assert [p.shape for p in params] == [(3, 2), (3,), (1, 3), (1,)]
    assert [g.shape for g in grads] == [p.shape for p in params]
    assert params[0] is net[0].W and params[3] is net[2].b
    assert grads[0] is net[0].dW and grads[3] is net[2].db
    assert net.count_params() == 3 * 2 + 3 + 3 * 1 + 1
    assert len(net) == 3 and isinstance(net[1], ReLU) and len(net[:2]) == 2


def test_grads_after_backward_are_the_new_gradients():
    # backward replaces dW and db (dW = dY.T @ X, as the equation reads); grads() lists the current ones.
    net = Sequential(Linear(2, 2, seed=0), Tanh(), Linear(2, 1, seed=1))
    seen = []
    for seed in (1, 2):
        X = np.random.default_rng(seed).normal(size=(3, 2))
        net.forward(X)
        net.backward(np.ones((3, 1)))
        grads = net.grads()
        assert all(g is p for g, p in zip(grads, (net[0].dW, net[0].db, net[2].dW, net[2].db)))
        seen.append([g.copy() for g in grads])
    assert not np.allclose(seen[0][0], seen[1][0])  # new inputs, new gradients


def test_linear_backward_reads_like_the_equations():
    layer = Linear(3, 2, seed=4)
    X, dY = np.arange(12.0).reshape(4, 3), np.arange(8.0).reshape(4, 2) - 3
    layer.forward(X)
    dX = layer.backward(dY)
    np.testing.assert_array_equal(layer.dW, dY.T @ X)
    np.testing.assert_array_equal(layer.db, dY.sum(axis=0))
    np.testing.assert_array_equal(dX, dY @ layer.W)


def test_backward_overwrites_instead_of_accumulating():
    net, X = Sequential(Linear(2, 1, seed=0)), np.ones((1, 2))
    net.forward(X)
    net.backward(np.ones((1, 1)))
    first = net[0].dW.copy()
    net.forward(X)
    net.backward(np.ones((1, 1)))
    np.testing.assert_array_equal(net[0].dW, first)


def fast_linear():
    """The benchmarks' FastLinear (benchmarks/ is not a package installed with helpers: load it by path)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "nn.py"
    spec = importlib.util.spec_from_file_location("benchmark_nn", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FastLinear


def test_a_fast_first_layer_can_skip_the_input_gradient():
    FastLinear = fast_linear()
    X = np.random.default_rng(0).normal(size=(4, 3))
    full = Sequential(Linear(3, 5, seed=1), ReLU(), Linear(5, 2, seed=2))
    lean = Sequential(FastLinear(3, 5, seed=1, input_grad=False), ReLU(), Linear(5, 2, seed=2))
    dY = np.ones((4, 2))
    full.forward(X)
    assert full.backward(dY).shape == (4, 3)
    lean.forward(X)
    assert lean.backward(dY) is None
    for a, b in zip(full.grads(), lean.grads()):
        np.testing.assert_array_equal(a, b)


def test_parameter_count_of_a_five_neuron_layer_on_two_inputs():
    # 5 neurons × 2 inputs = 10 weights, plus 5 biases = 15 parameters.
    layer = Linear(2, 5)
    assert layer.W.size == 10 and layer.b.size == 5
    assert Sequential(layer).count_params() == 15


def test_repr_shows_shapes_and_counts():
    text = repr(Sequential(Linear(2, 16), ReLU(), Linear(16, 1)))
    assert "Linear(2→16)" in text and "(16, 2)" in text and "ReLU()" in text
    assert "total: 65 parameters" in text


def test_init_is_seeded_and_scaled():
    a, b = Linear(300, 200, seed=7), Linear(300, 200, seed=7)
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, Linear(300, 200, seed=8).W)
    assert a.W.std() == pytest.approx(math.sqrt(2 / 300), rel=0.03)
    assert Linear(300, 200, init="xavier", seed=1).W.std() == pytest.approx(math.sqrt(2 / 500), rel=0.03)
    assert Linear(300, 200, init="normal", scale=0.01, seed=1).W.std() == pytest.approx(0.01, rel=0.03)
    assert Linear(300, 200, init="he", scale=np.float32(0.5), seed=1).W.std() == pytest.approx(0.5, rel=0.03)
    assert not Linear(3, 2, init="zeros").W.any()
    assert not a.b.any()


def test_given_weights_are_copied_as_float64():
    W = [[1, 2], [3, 4]]
    layer = Linear(2, 2, W=W, b=[0, 1])
    assert layer.W.dtype == np.float64 and layer.b.dtype == np.float64
    src = np.array([[1.0, 2.0]])
    layer = Linear(2, 1, W=src)
    src[0, 0] = 99.0
    assert layer.W[0, 0] == 1.0


def test_float32_fast_layers_compute_in_float32():
    layer = fast_linear()(3, 2, seed=0, dtype=np.float32)
    Y = layer.forward(np.ones((4, 3)))
    assert Y.dtype == np.float32 and layer.W.dtype == np.float32
    layer.backward(np.ones((4, 2), dtype=np.float32))
    assert layer.dW.dtype == np.float32
    np.testing.assert_allclose(layer.dW, np.full((2, 3), 4.0))


def test_float32_fast_network_tracks_the_float64_one():
    FastLinear = fast_linear()
    X = np.random.default_rng(3).normal(size=(8, 4))
    nets = [Sequential(Linear(4, 6, seed=1), Tanh(), Linear(6, 3, seed=2)),
            Sequential(FastLinear(4, 6, seed=1, dtype=np.float32), Tanh(), FastLinear(6, 3, seed=2, dtype=np.float32))]
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    for net in nets:
        loss = SoftmaxCrossEntropy()
        net.cost = loss.forward(net.forward(X), labels)
        net.backward(loss.backward())
    wide, narrow = nets
    assert narrow.cost == pytest.approx(wide.cost, rel=1e-5)
    for g64, g32 in zip(wide.grads(), narrow.grads()):
        assert g32.dtype == np.float32
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-6)


# ---------------------------------------------------------------- clear errors

def test_shape_error_names_both_shapes_and_the_layer():
    with pytest.raises(ValueError) as err:
        Linear(2, 3).forward(np.ones((4, 5)))
    assert "Linear(2→3)" in str(err.value) and "2 columns" in str(err.value) and "(4, 5)" in str(err.value)


def test_shape_error_inside_sequential_says_which_layer():
    net = Sequential(Linear(2, 3), ReLU(), Linear(4, 1))
    with pytest.raises(ValueError, match=r"layer 2: Linear\(4→1\) expected input with 4 columns, got shape \(6, 3\)"):
        net.forward(np.ones((6, 2)))


def test_given_weights_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match=r"W must have shape \(3, 2\), got \(2, 3\)"):
        Linear(2, 3, W=np.ones((2, 3)))


def test_backward_gradient_of_the_wrong_shape_is_refused():
    layer = Linear(2, 3)
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"shape \(4, 3\).*got \(3, 4\)"):
        layer.backward(np.ones((3, 4)))


def test_backward_before_forward_is_refused():
    for layer in (Linear(2, 1), ReLU(), Tanh(), Sigmoid()):
        with pytest.raises(RuntimeError, match="before forward"):
            layer.backward(np.ones((1, 1)))
    with pytest.raises(RuntimeError, match="before forward"):
        MSE().backward()


def test_nan_and_non_numeric_inputs_are_refused():
    with pytest.raises(ValueError, match="NaN or infinity.*row 1, column 0"):
        Linear(2, 1).forward(np.array([[1.0, 2.0], [np.nan, 0.0]]))
    with pytest.raises(ValueError, match="diverged"):
        MSE().forward(np.array([[np.inf]]), [[1.0]])
    with pytest.raises(TypeError, match="real numbers"):
        Linear(2, 1).forward(np.array([["a", "b"]]))
    with pytest.raises(ValueError, match=r"2-D.*reshape\(1, -1\)"):
        Linear(2, 1).forward(np.array([1.0, 2.0]))


def test_loss_targets_must_match_predictions():
    with pytest.raises(ValueError, match=r"\(3, 1\).*\(2,\)"):
        MSE().forward(np.ones((3, 1)), np.ones(2))
    with pytest.raises(ValueError, match="labels must be between 0 and 2"):
        SoftmaxCrossEntropy().forward(np.ones((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="integer class labels"):
        SoftmaxCrossEntropy().forward(np.ones((2, 3)), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="between 0 and 1"):
        BinaryCrossEntropy().forward(np.ones((2, 1)), np.array([0, 2]))


def test_bad_constructor_arguments_are_refused():
    with pytest.raises(ValueError, match="init must be one of"):
        Linear(2, 1, init="glorot")
    with pytest.raises(ValueError, match="n_in must be a whole number"):
        Linear(0, 1)
    with pytest.raises(ValueError, match=r"scale \(a standard deviation\) must be a finite number ≥ 0"):
        Linear(2, 1, init="normal", scale=-1.0)
    with pytest.raises(TypeError, match="dtype"):  # the teaching layer is float64 only
        Linear(2, 1, dtype=np.float32)
    with pytest.raises(TypeError, match="not a layer"):
        Sequential(Linear(2, 1), "relu")
