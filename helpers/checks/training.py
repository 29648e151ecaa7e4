"""Checks for notebook 07, training a network. Each one recognises the usual wrong answers.

The training-loop exercise runs the learner's `train(params, cost, lr, steps)` on small problems it has
not seen, with stale gradients already sitting in `.grad` (as after an earlier run), and compares the
parameters it ends with against the loop done right and done with each usual slip.
"""
import math

import numpy as np

from ..engine import Value
from .core import (
    all_close, as_numbers, close_to, code_problem, describe, diagnose, not_yet, right, run_learner_code, unanswered,
)

# Exercise 7.2: two linear layers with no activation between them.
COLLAPSE_W1 = np.array([[1.0, 2.0], [0.0, -1.0]])
COLLAPSE_B1 = np.array([1.0, 0.0])
COLLAPSE_W2 = np.array([[3.0, -1.0]])
COLLAPSE_B2 = np.array([0.5])

# Exercise 7.3: six logits and their true labels.
HAND_LOGITS = (2.1, -0.3, 0.0, -1.7, 0.4, 3.0)
HAND_LABELS = (1, 1, 0, 0, 0, 1)

# Exercise 7.5: (training accuracy, test accuracy) of four runs.
RUNS = {"A": (0.80, 0.78), "B": (1.00, 0.75), "C": (0.97, 0.96), "D": (0.55, 0.52)}


# ---------------------------------------------------------------- 7.1 the training loop

# Hidden problems: (name, start values, cost of the Values, learning rate, steps). The stale gradients
# are what an earlier backward would have left in .grad.
_X, _Y = (1.0, 2.0, 3.0), (2.0, 3.0, 5.0)


def _line_cost(w, b):
    return sum(((w * x + b - y) ** 2 for x, y in zip(_X, _Y)), Value(0.0)) * (1 / len(_X))


def _bowl_cost(u, v):
    return (u - 3.0) ** 2 + 2.0 * (v + 1.0) ** 2 + u * v * 0.5


_LOOP_CASES = (
    ("a line fit, MSE over 3 points, 2 parameters", (0.5, -0.2), _line_cost, 0.05, 4),
    ("a bowl in 2 parameters", (0.0, 0.0), _bowl_cost, 0.1, 3),
)
_STALE = 0.7


def _fresh(start):
    params = [Value(s) for s in start]
    for p in params:
        p.grad = _STALE
    return params


def _loop(start, cost, lr, steps, slip=None):
    """The loop done right (slip=None) or with one slip; returns (final values, costs)."""
    params, costs = _fresh(start), []
    for _ in range(steps):
        if slip not in ("no zero", "lagged"):
            for p in params:
                p.grad = 0.0
        C = cost(*params)
        if slip in ("step before backward", "lagged"):
            for p in params:
                p.data -= lr * p.grad
            C.backward(accumulate=True)
        else:
            C.backward(accumulate=True)
            sign, rate = {"wrong sign": (-1, lr), "no rate": (1, 1.0)}.get(slip, (1, lr))
            for p in params:
                p.data -= sign * rate * p.grad
        costs.append(C.data)
    if slip == "one step short":
        return _loop(start, cost, lr, steps - 1)
    if slip == "one step too many":
        return _loop(start, cost, lr, steps + 1)
    return [p.data for p in params], costs


_LOOP_SLIPS = {
    "no zero": "the gradients were never set to 0, so each backward added to what was already in .grad "
               "(the stale gradients of an earlier run, then every earlier step's): the steps grow and point "
               "the wrong way. Set every p.grad = 0.0 at the start of each step, before backward.",
    "step before backward": "nothing moved: your step ran while .grad was still 0, before backward had filled it. "
                            "The order is zero → forward (the cost) → backward → step.",
    "lagged": "each step used the gradient of the step before (the update ran before backward, and .grad still "
              "held the previous one). The order is zero → forward (the cost) → backward → step.",
    "wrong sign": "the parameters moved uphill: the cost grew. A step goes against the gradient: "
                  "p.data -= lr * p.grad.",
    "no rate": "the step left out the learning rate: p.data -= lr * p.grad, not p.data -= p.grad.",
    "one step short": "it took one step too few: run the loop exactly `steps` times.",
    "one step too many": "it took one step too many: run the loop exactly `steps` times.",
}


def _describe_params(values):
    return "(" + ", ".join(f"{v:.6g}" for v in values) + ")"


def check_training_loop(train):
    """Exercise 7.1: `train(params, cost, lr, steps)` runs `steps` steps of gradient descent on the Values
    `params` (zero the gradients, forward, backward, step) and returns the list of costs, one per step."""
    if (problem := code_problem(train, "train")) is not None:
        return problem
    for case, start, cost, lr, steps in _LOOP_CASES:
        params = _fresh(start)
        result, problem = run_learner_code(lambda: train(params, lambda: cost(*params), lr, steps),
                                           "your `train`")
        if problem is not None:
            return problem if "NotImplementedError" in problem.message else not_yet(f"On {case}: {problem.message}")
        got = [p.data for p in params]
        want, want_costs = _loop(start, cost, lr, steps)
        if not all_close(got, want, 1e-9):
            for slip, why in _LOOP_SLIPS.items():
                if all_close(got, _loop(start, cost, lr, steps, slip)[0], 1e-9):
                    return not_yet(f"On {case} (η = {lr}, {steps} steps): {why}")
            if any(not isinstance(v, float) or not math.isfinite(v) for v in got):
                return not_yet(f"On {case}: a parameter is no longer a finite number: {got!r}. Update p.data, "
                               "a number, with p.data -= lr * p.grad.")
            if all_close(got, list(start), 1e-12):
                return not_yet(f"On {case}: the parameters did not move. Update each one in place: "
                               "p.data -= lr * p.grad, after backward.")
            before, after = cost(*_fresh(start)).data, cost(*[Value(v) for v in got]).data
            trend = "the cost did not go down" if after >= before else "the cost went down, but not by the right steps"
            return not_yet(f"On {case} (η = {lr}, {steps} steps) the parameters end at {_describe_params(got)}, "
                           f"not {_describe_params(want)}: {trend}. Each step: zero every .grad, compute C = cost(), "
                           "C.backward(accumulate=True), then p.data -= lr * p.grad for every parameter.")
        if result is None:
            return not_yet("The parameters are right, but your function returned None: collect C.data after each "
                           "forward pass in a list and return it.")
        if isinstance(result, (list, tuple)) and result and all(isinstance(c, Value) for c in result):
            return not_yet("The parameters are right, but the list holds Values: append the number C.data, "
                           "so that the whole graph of every step is not kept alive.")
        costs = as_numbers(result)
        if costs is None or len(costs) != steps:
            return not_yet(f"The parameters are right, but return one cost per step ({steps} numbers here); "
                           f"got {type(result).__name__} {str(result)[:60]}.")
        if not all_close(costs, want_costs, 1e-9):
            return not_yet("The parameters are right, but the costs are not the ones each step started from: "
                           "append C.data right after C = cost(), before the update.")
    return right("Zero, forward, backward, step, on two problems it had not seen and with stale gradients in .grad "
                 "at the start: your loop ends exactly where gradient descent should, and its costs fall.")


def check_collapsed_layer(W, b):
    """Exercise 7.2: the single layer W x + b equal to W2 (W1 x + b1) + b2."""
    if (missing := unanswered(W)) is not None or (missing := unanswered(b)) is not None:
        return missing
    W_values, b_values = _flat_numbers(W, 2), _flat_numbers(b, 1)
    if W_values is None or b_values is None:
        return not_yet("Give W as two numbers (one row: one weight per input) and b as one number, "
                       f"e.g. W = [[1, 2]], b = 3; got W = {describe(W)}, b = {describe(b)}.")
    W_right = (COLLAPSE_W2 @ COLLAPSE_W1).ravel().tolist()
    b_right = float((COLLAPSE_W2 @ COLLAPSE_B1 + COLLAPSE_B2)[0])
    W_ok, b_ok = all_close(W_values, W_right), close_to(b_values[0], b_right)
    if W_ok and b_ok:
        return right(f"W = W2·W1 = {W_right} and b = W2·b1 + b2 = {b_right:g}. "
                     "However many linear layers you stack, the result is one linear layer: its boundary is a "
                     "straight line, which is why a hidden layer needs a nonlinearity.")
    if not W_ok and all_close(W_values, (COLLAPSE_W1 @ COLLAPSE_W2.T).ravel().tolist()):
        return not_yet("The order of the product matters: x goes through W1 first, so the combined matrix is "
                       "W2 @ W1 (shape (1, 2) @ (2, 2) → (1, 2)), not W1 @ W2ᵀ.")
    if W_ok:
        if close_to(b_values[0], float(COLLAPSE_B1.sum() + COLLAPSE_B2[0])):
            return not_yet("W is right. The first bias also goes through the second layer's weights: "
                           "b = W2 @ b1 + b2, not b1 summed plus b2.")
        if close_to(b_values[0], float(COLLAPSE_B2[0])):
            return not_yet("W is right, but b is only b2: push the first bias through the second layer too, "
                           "b = W2 @ b1 + b2.")
        return not_yet("W is right. For b, push the first bias through the second layer: b = W2 @ b1 + b2.")
    if b_ok:
        return not_yet("b is right. For W, multiply the weight matrices: W = W2 @ W1 (W1 acts first).")
    return not_yet("Substitute the first layer into the second: W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2). "
                   "Then W = W2 @ W1 and b = W2 @ b1 + b2.")


def _flat_numbers(x, count):
    """x (a number, a list, a nested list or an array) as `count` floats in reading order, or None."""
    if isinstance(x, (str, bytes)):
        return None
    try:
        flat = np.asarray(x, dtype=float).ravel()
    except Exception:  # ragged lists, 10**400, objects: not numbers we can use
        return None
    return as_numbers(flat, count)


def check_accuracy_by_hand(answer):
    """Exercise 7.3: the accuracy of six logits against their labels (class 1 where the logit is > 0)."""
    predicted = [int(z > 0) for z in HAND_LOGITS]
    correct = sum(p == t for p, t in zip(predicted, HAND_LABELS))
    n = len(HAND_LABELS)
    expected = correct / n
    at_least_zero = sum(int(z >= 0) == t for z, t in zip(HAND_LOGITS, HAND_LABELS)) / n
    half_threshold = sum(int(z > 0.5) == t for z, t in zip(HAND_LOGITS, HAND_LABELS)) / n
    slips = [
        (at_least_zero, f"{at_least_zero:g} counts the logit 0.0 as class 1. The rule is class 1 only where the "
                        "logit is greater than 0; z = 0 is exactly on the boundary (probability 0.5) and goes to class 0."),
        (half_threshold, f"{half_threshold:.4g} compares the logits with 0.5, as if they were probabilities. A logit "
                         "is the score before the sigmoid: probability 0.5 is logit 0, so the threshold is 0."),
        (100 * expected, "That is the accuracy in percent; give it as a fraction between 0 and 1."),
        (1 - expected, "That is the fraction the net gets wrong (the error rate); accuracy is the fraction it "
                       "gets right."),
        (correct, "That is the number of correct predictions; divide by the number of examples."),
    ]
    return diagnose(answer, expected, slips,
                    f"Predictions {predicted} against labels {list(HAND_LABELS)}: {correct} of {n} agree, so the "
                    f"accuracy is {correct}/{n} ≈ {expected:.4f}.",
                    "Turn each logit into a label (1 if the logit is > 0, else 0), compare with the true labels, "
                    "and give the fraction that agree.", tol=0.006, example="0.5")


_CLAIMS = {
    "a": "One hidden layer of enough tanh units can approximate sin(x) on [−π, π] to within 0.001 everywhere.",
    "b": "Gradient descent will find weights that approximate any continuous function.",
    "c": "16 hidden units are enough to approximate any continuous function on [−π, π] to within 0.01.",
    "d": "A net with one hidden layer can approximate a step function (0 for x < 0, 1 for x ≥ 0) on [−1, 1] "
         "to within 0.001 everywhere.",
}


def check_approximation_claim(answer):
    """Exercise 7.4: which claim does the universal approximation theorem guarantee?"""
    if (missing := unanswered(answer)) is not None:
        return missing
    choice = answer.strip().lower().strip("()").strip() if isinstance(answer, str) else None
    if choice not in _CLAIMS:
        return not_yet(f"Answer with one letter, 'a', 'b', 'c' or 'd'; got {describe(answer)}.")
    if choice == "a":
        return right("sin is continuous and [−π, π] is closed and bounded, so for any accuracy (0.001 here) "
                     "some finite number of hidden units can reach it. That is all the theorem says.")
    why = {
        "b": "The theorem says good weights exist. It says nothing about finding them: gradient descent can get "
             "stuck, go too slowly, or diverge.",
        "c": "The theorem gives no count that works for every function: a wigglier function may need more units "
             "for the same accuracy. It only says that enough units exist for each function and accuracy.",
        "d": "The step function jumps, so it is not continuous. Every net with continuous activations is "
             "continuous, and near the jump it must be off by at least 0.5 somewhere: no number of units helps.",
    }
    return not_yet(why[choice])


def check_overfitting_run(answer):
    """Exercise 7.5: which run overfits? (training accuracy, test accuracy) per run."""
    if (missing := unanswered(answer)) is not None:
        return missing
    choice = answer.strip().upper() if isinstance(answer, str) else None
    if choice not in RUNS:
        return not_yet(f"Answer with one of the run names {sorted(RUNS)}; got {describe(answer)}.")
    if choice == "B":
        return right("B fits its training points perfectly (100 %) but gets only 75 % of new points: the gap of "
                     "25 points is overfitting. It learned the noise of its training set.")
    if choice == "D":
        return not_yet("D does badly on both sets (55 % and 52 %): that is underfitting, a model that has not "
                       "learned the pattern at all. Overfitting shows as a large gap between the two.")
    if choice == "C":
        return not_yet("C is the healthy run: high on both sets with a gap of one point. Look for a large gap "
                       "between training and test accuracy.")
    return not_yet("A has a gap of only 2 points: it generalises, it is just not very accurate. Look for the run "
                   "that is much better on its training points than on new ones.")
