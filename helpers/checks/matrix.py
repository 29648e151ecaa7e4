"""Checks for notebook 06, backprop in matrix form. Each one recognises the usual wrong answers."""
import itertools

import numpy as np

from .core import (
    all_close, as_numbers, code_problem, diagnose, not_yet, number_problem, numbers_problem, right, run_learner_code,
)


# ---------------------------------------------------------------- 6.1 linear_backward, a code exercise

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


# The usual slips, per output: (what they compute, why it is wrong). Checked on values, so a slip is
# named even when its shape happens to fit (the first hidden case is square: n_in = n_out).
_SLIPS = {
    "dW": (
        (lambda dZ, A, W: A.T @ dZ, "dW is A_prev.T @ dZ, the transpose of the gradient: it has the shape "
                                    "(inputs, neurons) of W.T. W has one row per neuron, so dW = dZ.T @ A_prev."),
        (lambda dZ, A, W: dZ.T @ A / len(dZ), "dW is divided by m. The 1/m of the mean cost is already inside dZ "
                                              "(the loss's backward put it there); dW = dZ.T @ A_prev sums over examples."),
        (lambda dZ, A, W: dZ.T @ A @ W.T @ W, "dW should not involve W itself: ∂z/∂w = the input a, so dW = dZ.T @ A_prev."),
    ),
    "db": (
        (lambda dZ, A, W: dZ.mean(axis=0), "db is the mean of dZ over the examples; it should be the sum. Any 1/m "
                                           "of the cost is already inside dZ (it came from the loss's backward)."),
        (lambda dZ, A, W: dZ.sum(axis=1), "db sums each example's row, over the neurons. A bias belongs to a neuron: "
                                          "sum over the examples instead, dZ.sum(axis=0), one number per neuron."),
        (lambda dZ, A, W: dZ, "db is dZ itself, one row per example. Every example's δ lands on the same bias, "
                              "so add them up: db = dZ.sum(axis=0)."),
        (lambda dZ, A, W: np.asarray(dZ.sum()), "db adds up all of dZ into one number. Each neuron has "
                                                          "its own bias: sum over the examples only, dZ.sum(axis=0)."),
    ),
    "dA_prev": (
        (lambda dZ, A, W: dZ @ W.T, "dA_prev = dZ @ W.T: the transpose is one too many. Per example (a column) the "
                                    "error goes back as Wᵀδ; with examples as rows that row is δᵀW, so dA_prev = dZ @ W."),
        (lambda dZ, A, W: dZ @ W / len(dZ), "dA_prev is divided by m; each example's row keeps its own gradient, "
                                            "dZ @ W, with the 1/m already inside dZ."),
    ),
}

# (m, n_in, n_out) of the hidden cases: square first, so a transposed product still runs and is named.
_CASES = ((6, 4, 4), (4, 3, 2), (1, 2, 5))


def _in_another_order(got, want):
    """True when `got` holds the three right arrays, but not in the order of `want`."""
    def same(a, b):
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-12)
    if all(same(g, w) for g, w in zip(got, want)):
        return False
    return any(all(same(g, w) for g, w in zip(order, want)) for order in itertools.permutations(got))


def _shape_error(case, dZ, A_prev, W):
    return not_yet(f"{case}, NumPy refused a product in your function: its shapes do not fit. Write the "
                   f"shapes down: dZ is {dZ.shape}, A_prev {A_prev.shape}, W {W.shape}; dW must come out "
                   f"{W.shape} like W, db ({W.shape[0]},), one per neuron, and dA_prev {A_prev.shape} like A_prev. "
                   "In a product (p, q) @ (q, r) the inner sizes must agree.")


def check_linear_backward(linear_backward):
    """Exercise 6.1: `linear_backward(dZ, A_prev, W)` returns (dW, db, dA_prev) for Z = A_prev @ W.T + b."""
    if (problem := code_problem(linear_backward, "linear_backward")) is not None:
        return problem
    rng = np.random.default_rng(6)
    for m, n_in, n_out in _CASES:
        dZ, A_prev, W = rng.normal(size=(m, n_out)), rng.normal(size=(m, n_in)), rng.normal(size=(n_out, n_in))
        case = f"With m = {m} examples, {n_in} inputs, {n_out} neurons"
        def call():
            with np.errstate(all="ignore"):
                return linear_backward(dZ.copy(), A_prev.copy(), W.copy())

        result, problem = run_learner_code(call, "your function")
        if problem is not None:
            if "NotImplementedError" in problem.message:
                return problem
            if problem.message.startswith("Your function raised ValueError") and any(
                    word in problem.message for word in ("matmul", "shapes", "broadcast", "aligned")):
                return _shape_error(case, dZ, A_prev, W)
            return not_yet(f"{case}: {problem.message}")
        if result is None:
            return not_yet("Your function returned None: finish it with `return dW, db, dA_prev`.")
        try:
            dW, db, dA = (np.asarray(r, dtype=float) for r in result)
        except Exception:
            return not_yet(f"Return three arrays, (dW, db, dA_prev); got a {type(result).__name__}.")
        expected = dict(zip(("dW", "db", "dA_prev"), _reference_backward(dZ, A_prev, W)))
        if _in_another_order((dW, db, dA), list(expected.values())):
            return not_yet(f"{case}: the three gradients are right but come back in another order: "
                           "return dW, db, dA_prev, in that order.")
        for name, got in (("dW", dW), ("db", db), ("dA_prev", dA)):
            want = expected[name]
            if got.shape == want.shape and np.allclose(got, want, rtol=1e-9, atol=1e-12):
                continue
            for slip, why in _SLIPS[name]:
                wrong = np.asarray(slip(dZ, A_prev, W))
                if got.shape == wrong.shape and np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
                    return not_yet(f"{case}: {why}")
            if got.shape != want.shape:
                hint = {"dW": "dW has the shape of W, (neurons, inputs).",
                        "db": "db has one entry per neuron: sum dZ over the examples.",
                        "dA_prev": "dA_prev has the shape of A_prev, (examples, inputs)."}[name]
                return not_yet(f"{case}, {name} has shape {got.shape}; expected {want.shape}. {hint}")
            return not_yet(f"{case}, {name} has the right shape but the wrong numbers. For each example, Eq. 4 "
                           "gives δ aᵀ, Eq. 3 gives δ, and Eq. 2 sends Wᵀδ back; add the examples' contributions "
                           "up for the parameters, and keep one row per example for dA_prev.")
    return right("All three match sums written out by hand, for three layer shapes: dW = dZ.T @ A_prev sums the "
                 "outer products δᵢ aᵢᵀ over examples, db = dZ.sum(axis=0), dA_prev = dZ @ W sends δ back through W.")


# ---------------------------------------------------------------- 6.2 counting parameters

def check_parameter_count(answer):
    """Exercise 6.2: the parameters of a 3-4-2 network (3 inputs, 4 hidden neurons, 2 outputs)."""
    weights, hidden_biases, output_biases = 3 * 4 + 4 * 2, 4, 2
    total = weights + hidden_biases + output_biases
    if number_problem(answer, "26") is None and answer != round(float(answer)):
        return not_yet(f"Give the number of parameters as one whole number; got {answer!r}.")
    slips = [
        (weights + hidden_biases, f"{weights + hidden_biases} is the {weights} weights plus the 4 hidden biases: the "
                                  "2 output neurons have a bias each too. (If you got it as 3 × 4 × 2 instead, count "
                                  "layer by layer: each neuron has one weight per input plus one bias.)"),
        (weights + output_biases, f"{weights + output_biases} is the {weights} weights plus the 2 output biases: "
                                  "the 4 hidden neurons have a bias each too."),
        (weights, f"{weights} is the number of weights. Every neuron also has a bias, and a bias is a parameter too "
                  "(it is learned the same way): add one per neuron."),
        (total + 3, "The inputs are not neurons: they have no bias. Only the 4 hidden and 2 output neurons do."),
        (weights + 3 + 4, "The biases belong to the neurons that receive inputs (the 4 hidden and the 2 output "
                          "neurons), one each, not to the layer that sends them."),
        (3 + 4 + 2, "9 counts the neurons (and inputs). Count the numbers that are learned: one weight per "
                    "connection and one bias per neuron."),
    ]
    return diagnose(answer, total, slips,
                    f"Hidden layer: 4 neurons × 3 inputs = 12 weights + 4 biases; output layer: 2 × 4 = 8 weights "
                    f"+ 2 biases. {weights} weights + 6 biases = {total} parameters.",
                    "For each layer: (neurons) × (inputs per neuron) weights, plus one bias per neuron. Do it for the "
                    "hidden layer (4 neurons, 3 inputs each) and the output layer (2 neurons, 4 inputs each).",
                    tol=1e-9, example="26")


# ---------------------------------------------------------------- 6.3 the shape of dW

def check_weight_gradient_shape(answer):
    """Exercise 6.3: the shape of dW for Linear(7 → 4) on a batch of m = 32 examples."""
    if (problem := numbers_problem(answer, 2, "(2, 9)")) is not None:
        return problem
    values = as_numbers(answer, 2)
    if any(v != round(v) or v < 1 for v in values):
        return not_yet(f"A shape is two whole numbers ≥ 1, like (2, 9); got {values[0]:g}, {values[1]:g}.")
    shape = tuple(int(v) for v in values)
    if shape == (4, 7):
        return right("dW = dZ.T @ A_prev: (4, 32) @ (32, 7) → (4, 7), the shape of W itself. It has to be: "
                     "the update W − η·dW subtracts them entry by entry. The 32 examples are summed away "
                     "inside the product.")
    if shape == (7, 4):
        return not_yet("(7, 4) is the shape of W.T. W has one row per neuron: (neurons, inputs) = (4, 7), "
                       "and its gradient has the same shape as W.")
    if 32 in shape:
        return not_yet("The batch size does not appear in dW: the gradient is summed over the examples "
                       "(dZ.T @ A_prev multiplies the 32s together). dW has the shape of W.")
    return not_yet("dW has the shape of W, which has one row per neuron and one column per input.")


# ---------------------------------------------------------------- 6.4 a hidden error by hand

# The worked 2-2-1 example: z1 = (0.32, −0.08), a1 = (0.32, 0), ŷ = 0.392, W2 = (0.6, 0.9).
_W2 = np.array([0.6, 0.9])
_RELU_SLOPE = np.array([1.0, 0.0])
_YHAT = 0.392


def check_hidden_delta(answer):
    """Exercise 6.4: δ⁽¹⁾ of the worked 2-2-1 network when the target is y = 0.2 instead of 0.8."""
    flat = answer
    if isinstance(answer, np.ndarray) and answer.size == 2:
        flat = answer.ravel()
    elif isinstance(answer, (list, tuple)) and len(answer) == 2 and all(
            isinstance(a, (list, tuple)) and len(a) == 1 for a in answer):
        flat = [a[0] for a in answer]  # a column written as nested lists
    if (problem := numbers_problem(flat, 2, "(0.1, -0.2)")) is not None:
        return problem
    values = as_numbers(flat, 2)
    delta_out = _YHAT - 0.2
    expected = (_W2 * delta_out * _RELU_SLOPE).tolist()

    def same(candidate):
        return all_close(values, list(candidate), 1e-6)

    if same(expected):
        return right(f"δ⁽²⁾ = ŷ − y = {delta_out:g}; W⁽²⁾ᵀ δ⁽²⁾ = ({_W2[0] * delta_out:g}, {_W2[1] * delta_out:g}); "
                     f"⊙ ReLU′(z⁽¹⁾) = (1, 0) gives ({expected[0]:g}, 0). The second neuron is off (z = −0.08), "
                     "so it passes no gradient back whatever the target.")
    if same(_W2 * delta_out):
        return not_yet("You sent the error back through W⁽²⁾ᵀ but skipped ⊙ σ′(z⁽¹⁾). The second hidden "
                       "neuron has z = −0.08, so ReLU′ is 0 there and its δ must be 0.")
    if same(-np.array(expected)):
        return not_yet("Right size, wrong sign: δ⁽²⁾ = ∂C/∂ŷ = ŷ − y (prediction minus target) = 0.392 − 0.2 > 0.")
    if same(_W2 * (_YHAT - 0.8) * _RELU_SLOPE):
        return not_yet("That is δ⁽¹⁾ for the old target 0.8. With y = 0.2 the output error changes sign and size.")
    if same(_W2 * 2 * delta_out * _RELU_SLOPE):
        return not_yet("That is twice too big: it uses (ŷ − y)² without the ½. The cost here is C = ½(ŷ − y)², "
                       "so δ⁽²⁾ = ŷ − y.")
    if same((delta_out, 0.0)):
        return not_yet("That is δ⁽²⁾ passed on unchanged. On its way back the error goes through the weights: "
                       "multiply by W⁽²⁾ᵀ = (0.6, 0.9) before the ReLU gate.")
    return not_yet("Start at the output: δ⁽²⁾ = ŷ − y with ŷ = 0.392. Then δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ ReLU′(z⁽¹⁾), "
                   "with W⁽²⁾ = (0.6, 0.9) and z⁽¹⁾ = (0.32, −0.08).")
