"""Checks for notebook 05, the 2-2-1 network by hand. Each recognises the usual slips and says why.

The expected numbers are the hand computation: x = (0.5, 0.1), W1 = [[0.4, 0.2], [0.3, 0.7]],
b1 = (0.1, −0.3), W2 = (0.6, 0.9), b2 = 0.2, y = 0.8, C = ½(ŷ − y)², η = 0.1.
"""
import math
from numbers import Real

import numpy as np

from .core import close_to, not_yet, right, unanswered


def _two_numbers(answer):
    """The answer as a tuple of two floats, or None if it is not two real numbers."""
    if isinstance(answer, (str, bytes)):
        return None
    try:
        values = [v for v in np.ravel(np.asarray(answer, dtype=object))]
    except TypeError:
        return None
    if len(values) != 2 or not all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v)
                                   for v in values):
        return None
    return float(values[0]), float(values[1])


def _pair_is(pair, expected):
    return all(close_to(a, e) for a, e in zip(pair, expected))


def _one_number(answer, what):
    if isinstance(answer, bool) or not isinstance(answer, Real) or not math.isfinite(answer):
        return not_yet(f"Give {what} as one number; got {answer!r}.")
    return None


def check_z1_by_hand(answer):
    """Exercise 5.1: z1 = W1·x + b1 for the worked example, both entries."""
    if (missing := unanswered(answer)) is not None:
        return missing
    if isinstance(answer, Real) and not isinstance(answer, bool):
        if close_to(answer, 0.24):
            return not_yet("0.24 is 0.32 + (−0.08): the two neurons' values added together. A layer's outputs "
                           "are not summed: each hidden neuron keeps its own z. Give both, as (z1_1, z1_2).")
        if close_to(answer, 0.32):
            return not_yet("0.32 is right for the first hidden neuron. z1 has one entry per hidden neuron: "
                           "give both, as (z1_1, z1_2).")
        return not_yet(f"z1 has one entry per hidden neuron; give two numbers, as (z1_1, z1_2); got {answer!r}.")
    pair = _two_numbers(answer)
    if pair is None:
        return not_yet(f"Give z1 as two numbers, one per hidden neuron, e.g. (0.1, 0.2); got {answer!r}.")
    if _pair_is(pair, (0.32, -0.08)):
        return right("Row j of W1 holds neuron j's weights: z1_1 = 0.4·0.5 + 0.2·0.1 + 0.1 = 0.32 and "
                     "z1_2 = 0.3·0.5 + 0.7·0.1 − 0.3 = −0.08. Neuron 2 is below zero: its ReLU is off.")
    if _pair_is(pair, (0.33, -0.13)):
        return not_yet("That is Wᵀx + b: you paired neuron j with column j of W1. Each ROW of W1 is one "
                       "neuron (its weights from x1 and x2), so z1_j = W1[j][0]·x1 + W1[j][1]·x2 + b1[j].")
    if _pair_is(pair, (0.22, 0.22)):
        return not_yet("Those are the weighted sums W1·x without the biases. Add b1 = (0.1, −0.3), "
                       "one bias per neuron.")
    if _pair_is(pair, (0.32, 0.0)):
        return not_yet("(0.32, 0) is a1 = ReLU(z1), after the activation. z1 is the value before it: "
                       "the second neuron's z is negative, and ReLU turns it into 0.")
    if _pair_is(pair, (-0.08, 0.32)):
        return not_yet("Right numbers, swapped: the first entry belongs to neuron 1 (row 1 of W1, bias 0.1).")
    return not_yet("Not these numbers. For neuron j take row j of W1: z1_j = W1[j][0]·x1 + W1[j][1]·x2 + b1[j], "
                   "with x = (0.5, 0.1) and b1 = (0.1, −0.3).")


def check_delta_h1(answer):
    """Exercise 5.2: the δ of hidden neuron 1, ∂C/∂z1_1."""
    if (missing := unanswered(answer)) is not None:
        return missing
    pair = _two_numbers(answer)
    if pair is not None:
        if _pair_is(pair, (-0.2448, 0.0)):
            return right("Both hidden δs: (−0.2448, 0). Neuron 1's is W2_1·δ_out·ReLU′(z1_1) = 0.6·(−0.408)·1; "
                         "neuron 2's is 0 because its ReLU is off.")
        return not_yet(f"Give neuron 1's δ as one number (or both hidden δs as a pair); got {answer!r}.")
    if (bad := _one_number(answer, "the δ of hidden neuron 1")) is not None:
        return bad
    if close_to(answer, -0.2448):
        return right("δ_h1 = W2_1 · δ_out · ReLU′(z1_1) = 0.6 · (−0.408) · 1 = −0.2448: the output's δ, sent "
                     "back along the weight that joins them, through the ReLU gate (open, since z1_1 = 0.32 > 0).")
    if close_to(answer, -0.408):
        return not_yet("−0.408 is the output neuron's δ. To reach hidden neuron 1, the chain rule multiplies it "
                       "by the weight on the way back, W2_1 = 0.6, and by ReLU′(z1_1).")
    if close_to(answer, -0.3672):
        return not_yet("−0.3672 = 0.9·(−0.408) uses W2_2, the weight from neuron 2. Neuron 1 reaches the output "
                       "through W2_1 = 0.6.")
    if close_to(answer, 0.2448):
        return not_yet("Right size, wrong sign. δ_out = ŷ − y = 0.392 − 0.8 is negative (the prediction is too "
                       "low), and W2_1 and ReLU′ are positive, so δ_h1 is negative too.")
    if close_to(answer, -0.4896):
        return not_yet("That is twice the answer: you used C = (ŷ − y)², whose derivative is 2(ŷ − y). "
                       "Here C = ½(ŷ − y)², so δ_out = ŷ − y = −0.408.")
    if close_to(answer, -0.1224):
        return not_yet("−0.1224 = δ_h1 · x1 is ∂C/∂W1_11, the gradient of a weight into neuron 1. "
                       "δ is one step earlier: ∂C/∂z1_1, before multiplying by the input.")
    if close_to(answer, -0.25012685):
        return not_yet("That uses the updated W2_1 = 0.613056. All gradients are computed with the weights as "
                       "they were during the forward pass, before any update: use W2_1 = 0.6.")
    if close_to(answer, 0.0):
        return not_yet("0 is hidden neuron 2's δ (its ReLU is off). Neuron 1 has z = 0.32 > 0, so its gate is open.")
    return not_yet("Not this number. Work back from the output: δ_out = ŷ − y, then δ_h1 = W2_1 · δ_out · ReLU′(z1_1).")


def check_updated_w1_12(answer):
    """Exercise 5.3: W1_12 (input 2 into hidden neuron 1) after one step, unrounded."""
    if (missing := unanswered(answer)) is not None:
        return missing
    if (bad := _one_number(answer, "the new W1_12")) is not None:
        return bad
    if close_to(answer, 0.202448, tol=1e-9):
        return right("∂C/∂W1_12 = δ_h1 · x2 = −0.2448 · 0.1 = −0.02448, so W1_12 ← 0.2 − 0.1·(−0.02448) = "
                     "0.202448. The weight rises because raising it raises ŷ, which is too low.")
    if close_to(answer, 0.2024, tol=1e-9):
        return not_yet("0.2024 drops digits: 0.2 + 0.002448 = 0.202448. Carry every digit into an update and "
                       "round only what you print.")
    if close_to(answer, 0.197552):
        return not_yet("The step went the wrong way: the update subtracts η times the gradient, "
                       "0.2 − 0.1·(−0.02448) = 0.2 + 0.002448.")
    if close_to(answer, 0.204896):
        return not_yet("That is the step for C = (ŷ − y)² without the ½: every gradient doubles. "
                       "Here C = ½(ŷ − y)², so ∂C/∂W1_12 = −0.02448.")
    if close_to(answer, 0.2025012685):
        return not_yet("That δ used the updated W2_1 = 0.613056. Compute every gradient first, with the old "
                       "weights, then update them all.")
    if close_to(answer, 0.21224):
        return not_yet("That used x1 = 0.5: it is the step for W1_11. W1_12 multiplies x2 = 0.1, so its "
                       "gradient is δ_h1 · x2.")
    if close_to(answer, 0.2):
        return not_yet("0.2 is the old value. Neuron 1 is active (z = 0.32 > 0), so its weights do get a "
                       "gradient; only neuron 2's weights stay put.")
    if close_to(answer, -0.02448):
        return not_yet("−0.02448 is the gradient ∂C/∂W1_12. The new weight is W1_12 − η · gradient.")
    return not_yet("Not this number. Gradient: ∂C/∂W1_12 = δ_h1 · x2 with δ_h1 = −0.2448; "
                   "then W1_12 ← W1_12 − η · gradient with η = 0.1.")


def check_wake_threshold(answer):
    """Exercise 5.4: the value b1_2 must rise above for hidden neuron 2 to pass gradient."""
    if (missing := unanswered(answer)) is not None:
        return missing
    if (bad := _one_number(answer, "the threshold for b1_2")) is not None:
        return bad
    if close_to(answer, -0.22):
        return right("z1_2 = 0.3·0.5 + 0.7·0.1 + b1_2 = 0.22 + b1_2, positive only when b1_2 > −0.22: "
                     "a rise of more than 0.08 from −0.3. At exactly −0.22, z = 0 and ReLU′(0) is taken as 0: "
                     "still no gradient.")
    if close_to(answer, 0.08):
        return not_yet("0.08 is how much b1_2 must rise. The question asks for the value b1_2 must exceed: "
                       "start from −0.3.")
    if close_to(answer, 0.22):
        return not_yet("Check the sign: z1_2 = 0.22 + b1_2 is positive when b1_2 > −0.22.")
    if close_to(answer, -0.3):
        return not_yet("−0.3 is where b1_2 is now, and there z1_2 = −0.08: the neuron is off.")
    if close_to(answer, -0.08):
        return not_yet("−0.08 is z1_2, the neuron's value before the ReLU. The bias has to make it positive: "
                       "z1_2 = 0.22 + b1_2.")
    return not_yet("Not this value. Write z1_2 = W1_21·x1 + W1_22·x2 + b1_2 with the numbers in, "
                   "and find where it crosses 0.")
