"""Checks for notebook 09, handwritten digits. Each one recognises the usual slips and says why they are slips."""
import math

import numpy as np

from .core import diagnose, not_yet, right, run_learner_code, unanswered

# Exercise 9.1: softmax of the scores (1, 2, 3); the probability of the class whose score is 3.
SOFTMAX_SCORES = (1.0, 2.0, 3.0)

# Exercise 9.3: parameters of 784-128-64-10.
DIGIT_SIZES = (784, 128, 64, 10)

# Exercise 9.4: a score whose gradient with respect to the pixels has length 2.5, nudged 0.1 along it.
NUDGE_GRADIENT_LENGTH = 2.5
NUDGE_STEP = 0.1


def _softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def check_softmax_probability(answer):
    """Exercise 9.1: softmax(1, 2, 3) for the class whose score is 3."""
    z = np.array(SOFTMAX_SCORES)
    expected = float(_softmax(z)[2])
    slips = [
        (3 / 6, "That divides the raw scores by their sum (3/6). Softmax exponentiates first: e³/(e¹ + e² + e³). "
                "(Raw scores can be negative, so dividing them would not even give probabilities.)"),
        (1 / 3, "That is 1/3, as if all three classes were equally likely. Softmax gives the largest score the "
                "largest share: e³/(e¹ + e² + e³)."),
        (math.exp(3), "e³ ≈ 20.09 is the top of the fraction; divide by e¹ + e² + e³ so the three probabilities add to 1."),
        (float(_softmax(z)[0]), "That is the probability of the class with score 1; the question asks for score 3."),
        (float(_softmax(_softmax(z))[2]), "That is softmax applied twice: the first softmax already gives the "
                                          "probabilities."),
    ]
    return diagnose(answer, expected, slips,
                    explanation=f"e³/(e¹ + e² + e³) = 20.09/30.19 ≈ {expected:.4f}. The three probabilities are "
                                f"{', '.join(f'{p:.4f}' for p in _softmax(z))}; they add to 1, and adding the same "
                                "number to every score would not change them.",
                    hint="Exponentiate each score, then divide e³ by the sum of the three exponentials.",
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


def check_score_nudge(answer):
    """Exercise 9.4: the first-order change of a score for a nudge of length 0.1 along its gradient (length 2.5)."""
    expected = NUDGE_STEP * NUDGE_GRADIENT_LENGTH
    slips = [
        (NUDGE_STEP * NUDGE_GRADIENT_LENGTH ** 2, "That is the change for a step of 0.1 times the gradient itself "
                                                   "(length 0.25). Here the step has length 0.1: it goes along the "
                                                   "unit vector g/|g|, so the change is 0.1 · |g|."),
        (NUDGE_STEP / NUDGE_GRADIENT_LENGTH, "Multiply, do not divide: along the gradient the score rises |g| per "
                                              "unit moved, so 0.1 units give 0.1 · 2.5."),
        (-expected, "Moving along the gradient raises the score: the change is positive."),
        (NUDGE_GRADIENT_LENGTH, "That is the rate (per unit moved); the image moves only 0.1 units."),
    ]
    return diagnose(answer, expected, slips,
                    explanation="Δz ≈ ∇z · Δx = |∇z| · 0.1 · (g/|g|)·(g/|g|) = 2.5 × 0.1 = 0.25: the nudge readout "
                                "of notebook 01, on 784 knobs at once. The true change differs a little when the "
                                "step crosses a ReLU's kink.",
                    hint="The change of z is about the gradient dotted with the step; along g/|g| that is |g| × length.",
                    tol=1e-3, example="0.5")


# ---- Exercise 9.2: code, the backward pass of softmax + cross-entropy ----

def _reference_backward(Z, labels):
    P = _softmax(Z)
    P[np.arange(len(Z)), labels] -= 1.0
    return P / len(Z)


def _backward_cases():
    rng = np.random.default_rng(9)
    return [
        ("one example, scores (2, 1, 0.1), label 0", np.array([[2.0, 1.0, 0.1]]), np.array([0])),
        ("a batch of 4 examples with 10 classes", rng.normal(0, 2, size=(4, 10)), np.array([3, 0, 9, 3])),
        ("large scores (1000, 0, −1000) and (0, 1000, 999)", np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0]]),
         np.array([1, 2])),
    ]


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def _diagnose_backward(got, Z, labels, case):
    m = len(Z)
    P = _softmax(Z)
    Y = np.zeros_like(P)
    Y[np.arange(m), labels] = 1.0
    if not np.isfinite(got).all():
        return not_yet(f"On {case} your function gives NaN or infinity: exp(1000) overflows. Subtract each row's "
                       "largest score before exponentiating (Z - Z.max(axis=1, keepdims=True)); softmax does not change.")
    if m > 1 and _same(got, P - Y):
        return not_yet(f"On {case}: you return ŷ − y, but the cost is the MEAN over the batch, so divide by m = {m}.")
    if _same(got, P / m):
        return not_yet(f"On {case}: you return softmax(Z)/m; subtract 1 at each row's label first (ŷ − y, y one-hot).")
    if _same(got, (Y - P) / m):
        return not_yet(f"On {case}: the sign is flipped. ∂C/∂z = ŷ − y: raising a wrong class's score raises the cost.")
    if _same(got, (_softmax(P) - Y) / m):
        return not_yet(f"On {case}: softmax is applied twice. Take softmax of the scores Z once.")
    if _same(got, -Y / np.maximum(P, 1e-300) / m):
        return not_yet(f"On {case}: that is ∂C/∂ŷ = −y/ŷ, the gradient with respect to the probabilities. Through "
                       "softmax it simplifies to ∂C/∂z = (ŷ − y)/m.")
    return not_yet(f"On {case} your result differs from (softmax(Z) − one_hot(labels)) / m; it should be "
                   f"{np.round(_reference_backward(Z, labels), 4).tolist()}.")


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
                 "backprop of a classifier starts: the same as nn.SoftmaxCrossEntropy().backward().")
