"""Checks for notebook 09, handwritten digits. Each one recognises the usual slips and says why they are slips."""
import math

import numpy as np

from .core import as_number, code_problem, diagnose, not_yet, number_problem, right, run_learner_code, unanswered

# Exercise 9.1: softmax of the scores (1001, 1003, 1000); the probability of the class whose score is 1003.
SOFTMAX_SCORES = (1001.0, 1003.0, 1000.0)
SOFTMAX_CLASS = 1

# Exercise 9.3: parameters of 784-128-64-10.
DIGIT_SIZES = (784, 128, 64, 10)

# Exercise 9.5: a score whose gradient with respect to the pixels has a given length (the notebook passes the
# one it measured), nudged 0.1 along it; these are the defaults when nothing is passed.
NUDGE_GRADIENT_LENGTH = 2.5
NUDGE_STEP = 0.1


def _softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def check_softmax_probability(answer):
    """Exercise 9.1: softmax(1001, 1003, 1000) for the class whose score is 1003."""
    z = np.array(SOFTMAX_SCORES)
    p = _softmax(z)
    expected = float(p[SOFTMAX_CLASS])
    if (problem := number_problem(answer, example="0.5")) is not None:
        return problem
    value = as_number(answer)
    if abs(value - expected) > 2e-3 and abs(value - round(expected, 2)) < 1e-9:
        return not_yet(f"{value:g} is the answer rounded to two decimals; give at least three, e.g. 0.123.")
    slips = [
        (100 * expected, "That is a percentage. Give the probability as a number between 0 and 1."),
        (1 / 3, "That is about 1/3, as if all three classes were equally likely (dividing the raw scores by their sum "
                "gives nearly the same). Softmax exponentiates first and gives the largest score the largest share."),
        (1.0, "1 = e⁰ is the top of the fraction once 1003 is subtracted from every score; divide it by the sum "
              "e⁻² + e⁰ + e⁻³ of all three."),
        (float(p[0]), "That is the probability of the class with score 1001; the question asks for score 1003."),
        (float(p[2]), "That is the probability of the class with score 1000; the question asks for score 1003."),
        (float(_softmax(p)[SOFTMAX_CLASS]), "That is softmax applied twice: the first softmax already gives the "
                                            "probabilities."),
    ]
    return diagnose(answer, expected, slips,
                    explanation=f"Subtract the largest score, 1003: the scores become (−2, 0, −3), and "
                                f"e⁰/(e⁻² + e⁰ + e⁻³) = 1/1.1851 ≈ {expected:.4f}. (e¹⁰⁰³ itself overflows a float.) "
                                f"The three probabilities are {', '.join(f'{v:.4f}' for v in p)}; they add to 1.",
                    hint="Subtract 1003 from every score first (softmax does not change), then exponentiate and "
                         "divide the middle one by the sum of the three.",
                    tol=2e-3, example="0.5")


def check_digit_parameters(answer):
    """Exercise 9.3: how many numbers training adjusts in 784-128-64-10."""
    pairs = list(zip(DIGIT_SIZES, DIGIT_SIZES[1:]))
    weights = sum(a * b for a, b in pairs)
    biases = sum(b for _, b in pairs)
    slips = [
        (weights, f"That counts the weights ({weights:,}) but not the biases: each neuron of layers 1–3 has one "
                  f"more number, b, {biases} in all."),
        (weights + sum(DIGIT_SIZES), "That gives the 784 inputs biases too; only neurons (layers 1–3) have a bias."),
        (sum(DIGIT_SIZES), "That counts neurons (and inputs), not parameters: every pair of neurons in neighbouring "
                           "layers has a weight."),
        (784 * 128 * 64 * 10, "Multiplying all the sizes gives the number of paths from an input to an output, not of "
                              "weights: add the layers' weight counts 784·128 + 128·64 + 64·10 instead."),
    ]
    return diagnose(answer, weights + biases, slips,
                    explanation=f"784·128 + 128 = 100,480, 128·64 + 64 = 8,256, 64·10 + 10 = 650: "
                                f"{weights + biases:,} numbers, 92 % of them in the first layer.",
                    hint="Each layer has n_in × n_out weights and n_out biases; add the three layers up.",
                    tol=0, example="1000")


def check_score_nudge(answer, gradient_length=NUDGE_GRADIENT_LENGTH, step=NUDGE_STEP):
    """Exercise 9.5: the first-order change of a score for a nudge of length `step` along its gradient, whose
    length (over the 784 pixels) is `gradient_length`."""
    length, eps = as_number(gradient_length), as_number(step)
    if length is None or eps is None or length <= 0 or eps <= 0:
        return not_yet("The check needs the gradient's length and the step as two positive numbers: run the cells "
                       "above it first, and keep its call as written.")
    expected = eps * length
    slips = [
        (eps * length ** 2, f"That is the change for a step of {eps:g} times the gradient itself (a step of length "
                            f"{eps * length:.3g}). Here the step has length {eps:g}: it goes along the unit vector "
                            f"g/|g|, so the change is {eps:g} · |g|."),
        (eps / length, f"Multiply, do not divide: along the gradient the score rises |g| per unit moved, so {eps:g} "
                       f"units give {eps:g} · {length:.3g}."),
        (-expected, "Moving along the gradient raises the score: the change is positive."),
        (length, f"That is the rate (per unit moved); the image moves only {eps:g} units."),
        (eps, f"That is the length of the step; the score changes |g| = {length:.3g} per unit of it."),
    ]
    return diagnose(answer, expected, slips,
                    explanation=f"Δz ≈ ∇z · Δx = |∇z| · {eps:g} · (g/|g|)·(g/|g|) = {length:.3g} × {eps:g} ≈ "
                                f"{expected:.3g}: the nudge readout of notebook 01, on 784 knobs at once. The next "
                                "cell measures the real change.",
                    hint="The change of z is about the gradient dotted with the step; along g/|g| that is |g| × length.",
                    tol=1e-2, example="0.5")


# ---- Exercise 9.2: code, the backward pass of softmax + cross-entropy ----

def _reference_backward(Z, labels):
    P = _softmax(Z)
    P[np.arange(len(Z)), labels] -= 1.0
    return P / len(Z)


def _backward_cases():
    rng = np.random.default_rng(9)
    return [
        ("two examples, scores (2, 1, 0.1) with label 0 and (0, 0, 3) with label 2",
         np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 3.0]]), np.array([0, 2])),
        ("a batch of 4 examples with 10 classes", rng.normal(0, 2, size=(4, 10)), np.array([3, 0, 9, 3])),
        ("scores (1000, 0) with label 0 and (−1000, −1001) with label 1",
         np.array([[1000.0, 0.0], [-1000.0, -1001.0]]), np.array([0, 1])),
        ("large scores (1000, 0, −1000) and (0, 1000, 999)", np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0]]),
         np.array([1, 2])),
    ]


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def _one_row(got, expected):
    """'row i should be [...], yours is [...]' for the first row that differs."""
    i = next(i for i in range(len(got)) if not _same(got[i], expected[i]))
    return (f"row {i} should be {np.round(expected[i], 4).tolist()}, yours is "
            f"{np.round(got[i], 4).tolist()}")


def _diagnose_backward(got, Z, labels, case):
    m = len(Z)
    P = _softmax(Z)
    Y = np.zeros_like(P)
    Y[np.arange(m), labels] = 1.0
    if not np.isfinite(got).all():
        rows_ok = np.isfinite(got).all(axis=1)
        if rows_ok.any():
            return not_yet(f"On {case} some rows come out NaN: subtracting the largest score of the WHOLE batch "
                           "leaves a row whose scores are all far below it, every exponential underflows to 0, and "
                           "0/0 is NaN. Subtract each row's own largest score: Z - Z.max(axis=1, keepdims=True).")
        return not_yet(f"On {case} your function gives NaN or infinity: exp(1000) overflows. Subtract each row's "
                       "largest score before exponentiating (Z - Z.max(axis=1, keepdims=True)); softmax does not change.")
    columns = P.copy()
    columns[:, labels] -= 1.0
    if _same(got, columns / m):
        return not_yet(f"On {case}: `P[:, labels] -= 1` subtracts 1 in EVERY row at every label's column. Take one "
                       "entry per row, row i at column labels[i]: P[np.arange(m), labels] -= 1.")
    if m > 1 and _same(got, P - Y):
        return not_yet(f"On {case}: you return ŷ − y, but the cost is the MEAN over the batch, so divide by m = {m}.")
    if m > 1 and _same(got, (P - Y) / m ** 2):
        return not_yet(f"On {case}: you divide by m = {m} twice (once is the mean); divide (ŷ − y) by m once.")
    if _same(got, P / m):
        return not_yet(f"On {case}: you return softmax(Z)/m; subtract 1 at each row's label first (ŷ − y, y one-hot).")
    if _same(got, (Y - P) / m):
        return not_yet(f"On {case}: the sign is flipped. ∂C/∂z = ŷ − y: raising a wrong class's score raises the cost.")
    if _same(got, (_softmax(P) - Y) / m):
        return not_yet(f"On {case}: softmax is applied twice. Take softmax of the scores Z once.")
    if _same(got, -Y / np.maximum(P, 1e-300) / m):
        return not_yet(f"On {case}: that is ∂C/∂ŷ = −y/ŷ, the gradient with respect to the probabilities. Through "
                       "softmax it simplifies to ∂C/∂z = (ŷ − y)/m.")
    return not_yet(f"On {case} your result differs from (softmax(Z) − one_hot(labels)) / m: "
                   f"{_one_row(got, _reference_backward(Z, labels))}.")


def check_softmax_ce_backward(softmax_ce_backward):
    """Exercise 9.2 (code): softmax_ce_backward(Z, labels) must return ∂C/∂Z = (softmax(Z) − one_hot)/m."""
    if (missing := unanswered(softmax_ce_backward)) is not None:
        return missing
    if not callable(softmax_ce_backward):
        return not_yet(f"Pass your function itself (softmax_ce_backward, no brackets), not a "
                       f"{type(softmax_ce_backward).__name__}.")
    for case, Z, labels in _backward_cases():
        with np.errstate(all="ignore"):
            got, problem = run_learner_code(lambda: softmax_ce_backward(Z.copy(), labels.copy()),
                                            "your `softmax_ce_backward`")
        if problem is not None:
            return problem
        if got is None:
            return not_yet("Your `softmax_ce_backward` returns None: end it with `return` and the gradient.")
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return not_yet(f"Your `softmax_ce_backward` returns a {type(got).__name__}; return a NumPy array of numbers.")
        if got.shape != Z.shape:
            return not_yet(f"On {case} your result has shape {got.shape}; ∂C/∂Z has the shape of Z, {Z.shape}.")
        if not _same(got, _reference_backward(Z, labels)):
            return _diagnose_backward(got, Z, labels, case)
    return right("(softmax(Z) − one_hot)/m on every case, large scores included. This δ = ŷ − y is where "
                 "backprop of a classifier starts: nn.SoftmaxCrossEntropy().backward() returns the same.")


# ---- Exercise 9.4: code, one training step (forward, cost, backward, update) ----

def _tiny_problem():
    """A small network, its cost layer, plain SGD and one batch: the hidden case of check_train_step."""
    from .. import nn, optim
    net = nn.Sequential(nn.Linear(4, 5, seed=3), nn.ReLU(), nn.Linear(5, 3, seed=4))
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(6, 4)), np.array([0, 2, 1, 2, 0, 1])
    return net, nn.SoftmaxCrossEntropy(), optim.SGD(net.params(), lr=0.5), X, y


def _reference_steps(steps=2, params_as_grads=False):
    """[(cost, [parameter copies])] after each of `steps` right steps (or steps given the parameters as gradients)."""
    net, loss, optimizer, X, y = _tiny_problem()
    out = []
    for _ in range(steps):
        cost = loss.forward(net.forward(X), y)
        net.backward(loss.backward())
        optimizer.step(net.params() if params_as_grads else net.grads())
        out.append((cost, [p.copy() for p in net.params()]))
    return out


def _params_equal(a, b):
    return all(x.shape == y.shape and np.allclose(x, y, rtol=1e-9, atol=1e-12) for x, y in zip(a, b))


def check_train_step(train_step):
    """Exercise 9.4 (code): train_step(net, loss, optimizer, X_batch, y_batch) runs forward, the cost, backward
    and one update, and returns the cost of the batch (before the update)."""
    if (problem := code_problem(train_step, "train_step")) is not None:
        return problem
    net, loss, optimizer, X, y = _tiny_problem()
    start = [p.copy() for p in net.params()]
    expected = _reference_steps()
    for number, (expected_cost, expected_params) in enumerate(expected, start=1):
        with np.errstate(all="ignore"):
            got, problem = run_learner_code(lambda: train_step(net, loss, optimizer, X.copy(), y.copy()),
                                            "your `train_step`")
        if problem is not None:
            return problem
        now = [p.copy() for p in net.params()]
        where = "on a small hidden network (4-5-3, 6 images, plain SGD)" + (f", at step {number}" if number > 1 else "")
        if _params_equal(now, start) and number == 1:
            if all(not np.any(g) for g in net.grads()):
                return not_yet(f"{where.capitalize()}, no parameter moved and every gradient is still 0: after the "
                               "cost, run backward through the network, net.backward(loss.backward()), then "
                               "optimizer.step(net.grads()).")
            return not_yet(f"{where.capitalize()}, the gradients were computed but no parameter moved: end with "
                           "optimizer.step(net.grads()), after net.backward (an update before backward uses the "
                           "previous batch's gradients, all 0 at the start).")
        if not _params_equal(now, expected_params):
            if _params_equal(now, _reference_steps(number, params_as_grads=True)[-1][1]):
                return not_yet(f"{where.capitalize()}, the update was given the parameters, net.params(); give it "
                               "the gradients, net.grads().")
            return not_yet(f"{where.capitalize()}, the parameters after your step differ from one step of forward, "
                           "cost, backward (net.backward(loss.backward())), then optimizer.step(net.grads()). Check "
                           "the order of the four lines.")
        if got is None:
            return not_yet("Your `train_step` updates the network right but returns None: return the cost of the "
                           "batch (the number loss.forward gives).")
        cost = as_number(got)
        if cost is None:
            return not_yet(f"Your `train_step` returns {type(got).__name__}; return the cost of the batch, the one "
                           "number loss.forward gives.")
        if not math.isclose(cost, expected_cost, rel_tol=1e-9):
            return not_yet(f"{where.capitalize()}, the update is right but the cost you return is {cost:.6g}, not "
                           f"{expected_cost:.6g}: return what loss.forward gave for this batch, before the update.")
        start = now
    return right("Forward, cost, backward, update, and the cost returned: that is one step of every training loop, "
                 "in helpers.nn as in PyTorch (loss.backward(), optimizer.step()).")


# ---- Exercise 9.6: code, backprop to the input ----

def _tiny_input_cases():
    from .. import nn
    # Seeds chosen so that every input matters for every case and some ReLUs are off (so leaving them out shows).
    net = nn.Sequential(nn.Linear(6, 8, seed=0), nn.ReLU(), nn.Linear(8, 6, seed=1), nn.ReLU(), nn.Linear(6, 3, seed=2))
    rng = np.random.default_rng(11)
    return net, [(rng.normal(0, 1, size=6), k) for k in (0, 2, 1)]


def _numeric_input_gradient(net, x, k, h=1e-6):
    g = np.zeros_like(x)
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        g[i] = (net.forward(up[None])[0, k] - net.forward(down[None])[0, k]) / (2 * h)
    return g


def _linear_only_gradient(net, k):
    """∂z_k/∂x with every ReLU left out of the backward pass (the slip of forgetting their masks)."""
    d = np.eye(net.layers[-1].W.shape[0])[k]
    for layer in reversed(net.layers):
        if hasattr(layer, "W"):
            d = d @ layer.W
    return d


def check_input_gradient(input_gradient):
    """Exercise 9.6 (code): input_gradient(net, x, k) returns ∂z_k/∂x for one input x (shape (n,))."""
    if (problem := code_problem(input_gradient, "input_gradient")) is not None:
        return problem
    net, cases = _tiny_input_cases()
    for x, k in cases:
        case = f"a hidden 6-8-6-3 network, class {k}"
        expected = _numeric_input_gradient(net, x, k)
        with np.errstate(all="ignore"):
            got, problem = run_learner_code(lambda: input_gradient(net, x.copy(), k), "your `input_gradient`")
        if problem is not None:
            return problem
        if got is None:
            return not_yet("Your `input_gradient` returns None: return the gradient, one number per input.")
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return not_yet(f"Your `input_gradient` returns a {type(got).__name__}; return a NumPy array of numbers.")
        if got.shape == (1, len(x)):
            return not_yet(f"On {case} you return shape {got.shape}, a batch of one; return that one row, shape "
                           f"{x.shape} (index it with [0]).")
        if got.shape != x.shape:
            return not_yet(f"On {case} your result has shape {got.shape}; the gradient has one number per input, "
                           f"shape {x.shape}.")
        if np.allclose(got, expected, rtol=1e-5, atol=1e-7):
            continue
        all_scores = sum(_numeric_input_gradient(net, x, j) for j in range(3))
        if np.allclose(got, all_scores, rtol=1e-5, atol=1e-7):
            return not_yet(f"On {case} you get the gradient of the SUM of all three scores: start the backward pass "
                           f"from the one-hot vector of class {k}, not from ones.")
        if np.allclose(got, _linear_only_gradient(net, k), rtol=1e-5, atol=1e-7):
            return not_yet(f"On {case} the ReLUs are missing from your backward pass: each one lets the gradient "
                           "through only where its input was positive (its backward does that).")
        return not_yet(f"On {case} your gradient differs from central differences: the first inputs should give "
                       f"{np.round(expected[:3], 4).tolist()}, yours give {np.round(got[:3], 4).tolist()}.")
    return right("∂z_k/∂x for every hidden case, matching central differences: the backward pass of training, "
                 "started from one score and carried through the first layer to the input.")
