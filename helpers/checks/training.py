"""Checks for notebook 07, training a network. Each one recognises the usual wrong answers."""
import numpy as np

from .core import close_to, not_yet, right, unanswered

# Exercise 7.1: two linear layers with no activation between them.
COLLAPSE_W1 = np.array([[1.0, 2.0], [0.0, -1.0]])
COLLAPSE_B1 = np.array([1.0, 0.0])
COLLAPSE_W2 = np.array([[3.0, -1.0]])
COLLAPSE_B2 = np.array([0.5])

# Exercise 7.2: six logits and their true labels.
HAND_LOGITS = (2.1, -0.3, 0.0, -1.7, 0.4, 3.0)
HAND_LABELS = (1, 1, 0, 0, 0, 1)

# Exercise 7.4: (training accuracy, test accuracy) of four runs.
RUNS = {"A": (0.80, 0.78), "B": (1.00, 0.75), "C": (0.97, 0.96), "D": (0.55, 0.52)}


def _array(x):
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if np.isfinite(arr).all() else None


def check_collapsed_layer(W, b):
    """Exercise 7.1: the single layer W x + b equal to W2 (W1 x + b1) + b2."""
    if (missing := unanswered(W)) is not None or (missing := unanswered(b)) is not None:
        return missing
    W_arr, b_arr = _array(W), _array(b)
    if W_arr is None or b_arr is None or W_arr.size != 2 or b_arr.size != 1:
        return not_yet("Give W as two numbers (one row: one weight per input) and b as one number, "
                       f"e.g. W = [[1, 2]], b = 3; got W = {W!r}, b = {b!r}.")
    W_right = COLLAPSE_W2 @ COLLAPSE_W1
    b_right = COLLAPSE_W2 @ COLLAPSE_B1 + COLLAPSE_B2
    W_ok = np.allclose(W_arr.ravel(), W_right.ravel())
    b_ok = np.allclose(b_arr.ravel(), b_right)
    if W_ok and b_ok:
        return right(f"W = W2·W1 = {W_right.ravel().tolist()} and b = W2·b1 + b2 = {float(b_right[0]):g}. "
                     "However many linear layers you stack, the result is one linear layer: its boundary is a "
                     "straight line, which is why a hidden layer needs a nonlinearity.")
    if not W_ok and np.allclose(W_arr.ravel(), (COLLAPSE_W1 @ COLLAPSE_W2.T).ravel()):
        return not_yet("The order of the product matters: x goes through W1 first, so the combined matrix is "
                       "W2 @ W1 (shape (1, 2) @ (2, 2) → (1, 2)), not W1 @ W2ᵀ.")
    if W_ok:
        if np.allclose(b_arr.ravel(), COLLAPSE_B1.sum() + COLLAPSE_B2):
            return not_yet("W is right. The first bias also goes through the second layer's weights: "
                           "b = W2 @ b1 + b2, not b1 summed plus b2.")
        return not_yet("W is right. For b, push the first bias through the second layer: b = W2 @ b1 + b2.")
    if b_ok:
        return not_yet("b is right. For W, multiply the weight matrices: W = W2 @ W1 (W1 acts first).")
    return not_yet("Substitute the first layer into the second: W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2). "
                   "Then W = W2 @ W1 and b = W2 @ b1 + b2.")


def check_accuracy_by_hand(answer):
    """Exercise 7.2: the accuracy of six logits against their labels (class 1 where the logit is > 0)."""
    if (missing := unanswered(answer)) is not None:
        return missing
    predicted = [int(z > 0) for z in HAND_LOGITS]
    correct = sum(p == t for p, t in zip(predicted, HAND_LABELS))
    expected = correct / len(HAND_LABELS)
    if close_to(answer, expected, tol=1e-3):
        return right(f"Predictions {predicted} against labels {list(HAND_LABELS)}: {correct} of "
                     f"{len(HAND_LABELS)} agree, so the accuracy is {expected:.4f}.")
    if close_to(answer, 100 * expected, tol=1e-3):
        return not_yet("That is the accuracy in percent; give it as a fraction between 0 and 1.")
    if close_to(answer, (correct + 1) / len(HAND_LABELS), tol=1e-3):
        return not_yet("Look at the logit 0.0: it is exactly on the boundary, and the rule says class 1 only "
                       "where the logit is greater than 0, so it predicts class 0.")
    if close_to(answer, 1 - expected, tol=1e-3):
        return not_yet("That is the fraction the net gets wrong (the error rate); accuracy is the fraction it "
                       "gets right.")
    if close_to(answer, correct, tol=1e-3):
        return not_yet("That is the number of correct predictions; divide by the number of examples.")
    return not_yet("Turn each logit into a label (1 if the logit is > 0, else 0), compare with the true labels, "
                   "and give the fraction that agree.")


_CLAIMS = {
    "a": "One hidden layer of enough tanh units can approximate sin(x) on [−π, π] to within 0.001 everywhere.",
    "b": "Gradient descent will find weights that approximate any continuous function.",
    "c": "16 hidden units are enough to approximate any continuous function on [−π, π] to within 0.01.",
    "d": "A net with one hidden layer can approximate a step function (0 for x < 0, 1 for x ≥ 0) on [−1, 1] "
         "to within 0.001 everywhere.",
}


def check_approximation_claim(answer):
    """Exercise 7.3: which claim does the universal approximation theorem guarantee?"""
    if (missing := unanswered(answer)) is not None:
        return missing
    choice = str(answer).strip().lower().strip("()")
    if choice not in _CLAIMS:
        return not_yet(f"Answer with one letter, 'a', 'b', 'c' or 'd'; got {answer!r}.")
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
    """Exercise 7.4: which run overfits? (training accuracy, test accuracy) per run."""
    if (missing := unanswered(answer)) is not None:
        return missing
    choice = str(answer).strip().upper()
    if choice not in RUNS:
        return not_yet(f"Answer with one of the run names {sorted(RUNS)}; got {answer!r}.")
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
