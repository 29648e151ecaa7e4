"""Checks for notebook 06, backprop in matrix form. Each one recognises the usual wrong answers."""
import math
from numbers import Integral, Real

import numpy as np

from .core import close_to, not_yet, right, unanswered


def _whole_number(answer, what):
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(answer) or answer != int(answer):
        return not_yet(f"Give {what} as one whole number; got {answer!r}.")
    return None


def check_parameter_count(answer):
    """Exercise 6.1: the parameters of a 3-4-2 network (3 inputs, 4 hidden neurons, 2 outputs)."""
    if (missing := unanswered(answer)) is not None:
        return missing
    if (bad := _whole_number(answer, "the number of parameters")) is not None:
        return bad
    weights, biases = 3 * 4 + 4 * 2, 4 + 2
    if answer == weights + biases:
        return right(f"Hidden layer: 4 neurons × 3 inputs = 12 weights + 4 biases; output layer: 2 × 4 = 8 weights "
                     f"+ 2 biases. {weights} weights + {biases} biases = {weights + biases} parameters.")
    if answer == weights:
        return not_yet(f"{weights} is the number of weights. Every neuron also has a bias, and a bias is a "
                       "parameter too (it is learned the same way): add one per neuron.")
    if answer == weights + biases + 3:
        return not_yet("The inputs are not neurons: they have no bias. Only the 4 hidden and 2 output neurons do.")
    if answer == 3 * 4 * 2:
        return not_yet("3 × 4 × 2 multiplies all the layer sizes together. Count layer by layer instead: "
                       "each neuron has one weight per input it receives, plus one bias.")
    if answer == 3 * 4 + 4 * 2 + 3 + 4:
        return not_yet("The biases belong to the neurons that receive inputs (the 4 hidden and the 2 output "
                       "neurons), one each, not to the layer that sends them.")
    return not_yet("Not this count. For each layer: (neurons) × (inputs per neuron) weights, plus one bias per "
                   "neuron. Do it for the hidden layer (4 neurons, 3 inputs each) and the output layer (2 neurons, 4 inputs each).")


def _shape(answer):
    try:
        shape = tuple(answer)
    except TypeError:
        return None
    if len(shape) != 2 or not all(isinstance(n, Integral) and not isinstance(n, bool) for n in shape):
        return None
    return tuple(int(n) for n in shape)


def check_weight_gradient_shape(answer):
    """Exercise 6.2: the shape of dW for Linear(5 → 3) on a batch of m = 32 examples."""
    if (missing := unanswered(answer)) is not None:
        return missing
    shape = _shape(answer)
    if shape is None:
        return not_yet(f"Give the shape as a tuple of two whole numbers, like (4, 7); got {answer!r}.")
    if shape == (3, 5):
        return right("dW = dZ.T @ A_prev: (3, 32) @ (32, 5) → (3, 5), the shape of W itself. It has to be: "
                     "the update W − η·dW subtracts them entry by entry. The 32 examples are summed away "
                     "inside the product.")
    if shape == (5, 3):
        return not_yet("(5, 3) is the shape of W.T. W has one row per neuron: (neurons, inputs) = (3, 5), "
                       "and its gradient has the same shape as W.")
    if 32 in shape:
        return not_yet("The batch size does not appear in dW: the gradient is summed over the examples "
                       "(dZ.T @ A_prev multiplies the 32s together). dW has the shape of W.")
    return not_yet("dW has the shape of W, which has one row per neuron and one column per input.")


# The worked 2-2-1 example: z1 = (0.32, −0.08), a1 = (0.32, 0), ŷ = 0.392, W2 = (0.6, 0.9).
_W2 = np.array([0.6, 0.9])
_RELU_SLOPE = np.array([1.0, 0.0])
_YHAT = 0.392


def check_hidden_delta(answer):
    """Exercise 6.3: δ⁽¹⁾ of the worked 2-2-1 network when the target is y = 0.2 instead of 0.8."""
    if (missing := unanswered(answer)) is not None:
        return missing
    try:
        values = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return not_yet(f"Give δ⁽¹⁾ as two numbers, like (0.1, -0.2); got {answer!r}.")
    if values.size != 2 or not np.all(np.isfinite(values)):
        return not_yet(f"δ⁽¹⁾ has one entry per hidden neuron: give two finite numbers; got {answer!r}.")

    def same(expected):
        return all(close_to(float(v), float(e), 1e-6) for v, e in zip(values, expected))

    delta_out = _YHAT - 0.2
    expected = _W2 * delta_out * _RELU_SLOPE
    if same(expected):
        return right(f"δ⁽²⁾ = ŷ − y = {delta_out:g}; W⁽²⁾ᵀ δ⁽²⁾ = ({_W2[0] * delta_out:g}, {_W2[1] * delta_out:g}); "
                     f"⊙ ReLU′(z⁽¹⁾) = (1, 0) gives ({expected[0]:g}, 0). The second neuron is off (z = −0.08), "
                     "so it passes no gradient back whatever the target.")
    if same(_W2 * delta_out):
        return not_yet("You sent the error back through W⁽²⁾ᵀ but skipped ⊙ σ′(z⁽¹⁾). The second hidden "
                       "neuron has z = −0.08, so ReLU′ is 0 there and its δ must be 0.")
    if same(-expected):
        return not_yet("Right size, wrong sign: δ⁽²⁾ = ∂C/∂ŷ = ŷ − y (prediction minus target) = 0.392 − 0.2 > 0.")
    if same(_W2 * (_YHAT - 0.8) * _RELU_SLOPE):
        return not_yet("That is δ⁽¹⁾ for the old target 0.8. With y = 0.2 the output error changes sign and size.")
    if same(_W2 * 2 * delta_out * _RELU_SLOPE):
        return not_yet("That is twice too big: it uses (ŷ − y)² without the ½. The cost here is C = ½(ŷ − y)², "
                       "so δ⁽²⁾ = ŷ − y.")
    return not_yet("Start at the output: δ⁽²⁾ = ŷ − y with ŷ = 0.392. Then δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ ReLU′(z⁽¹⁾), "
                   "with W⁽²⁾ = (0.6, 0.9) and z⁽¹⁾ = (0.32, −0.08).")


def _reference_backward(dZ, A_prev, W):
    """The gradients by explicit sums over examples, neurons and inputs (no matrix products)."""
    m, n_out = dZ.shape
    n_in = A_prev.shape[1]
    dW, db, dA = np.zeros((n_out, n_in)), np.zeros(n_out), np.zeros((m, n_in))
    for i in range(m):
        for j in range(n_out):
            db[j] += dZ[i, j]
            for k in range(n_in):
                dW[j, k] += dZ[i, j] * A_prev[i, k]
                dA[i, k] += W[j, k] * dZ[i, j]
    return dW, db, dA


def check_linear_backward(linear_backward):
    """Exercise 6.4: `linear_backward(dZ, A_prev, W)` returns (dW, db, dA_prev) for Z = A_prev @ W.T + b."""
    if (missing := unanswered(linear_backward)) is not None:
        return missing
    if not callable(linear_backward):
        return not_yet(f"Pass your function itself (linear_backward, not linear_backward(...)); got a {type(linear_backward).__name__}.")
    rng = np.random.default_rng(6)
    for m, n_in, n_out in ((4, 3, 2), (1, 2, 5), (6, 4, 4)):
        dZ, A_prev, W = rng.normal(size=(m, n_out)), rng.normal(size=(m, n_in)), rng.normal(size=(n_out, n_in))
        case = f"With m={m} examples, {n_in} inputs, {n_out} neurons"
        try:
            result = linear_backward(dZ.copy(), A_prev.copy(), W.copy())
        except Exception as error:  # the learner's code: report whatever it raised
            return not_yet(f"{case}, your function raised {type(error).__name__}: {error}")
        if result is None:
            return not_yet("Your function returned None: finish it with `return dW, db, dA_prev`.")
        try:
            dW, db, dA = (np.asarray(r, dtype=float) for r in result)
        except (TypeError, ValueError):
            return not_yet(f"Return three arrays, (dW, db, dA_prev); got {type(result).__name__}.")
        eW, eb, eA = _reference_backward(dZ, A_prev, W)
        for name, got, want in (("dW", dW, eW), ("db", db, eb), ("dA_prev", dA, eA)):
            if got.shape != want.shape:
                hint = {
                    "dW": " dW has the shape of W, (neurons, inputs): dZ.T @ A_prev.",
                    "db": " db has one entry per neuron: sum dZ over the examples (axis 0).",
                    "dA_prev": " dA_prev has the shape of A_prev, (examples, inputs): dZ @ W.",
                }[name]
                return not_yet(f"{case}, {name} has shape {got.shape}; expected {want.shape}.{hint}")
            if not np.allclose(got, want, rtol=1e-9, atol=1e-12):
                if name == "db" and np.allclose(got, want / m, rtol=1e-9, atol=1e-12):
                    return not_yet("db is the mean of dZ over the examples; it should be the sum. Any 1/m of the "
                                   "cost is already inside dZ (it came from the loss's backward).")
                if name == "dW" and np.allclose(got, want / m, rtol=1e-9, atol=1e-12):
                    return not_yet("dW is divided by m. The 1/m is already inside dZ; dW = dZ.T @ A_prev sums over examples.")
                return not_yet(f"{case}, {name} has the right shape but the wrong numbers. Z = A_prev @ W.T + b, so "
                               "dW = dZ.T @ A_prev, db = dZ.sum(axis=0), dA_prev = dZ @ W.")
    return right("All three match sums written out by hand, for three layer shapes: dW = dZ.T @ A_prev sums the "
                 "outer products δᵢ aᵢᵀ over examples, db = dZ.sum(0), dA_prev = dZ @ W sends δ back through W.")
