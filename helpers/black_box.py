"""The black box of notebook 03, r = (a·w1 + b·w2 + c·w3)·w4, and two ways to train it.

Two update rules, both with learning rate η and all gradients taken before any update:
- "r" (naive):   w ← w − η·∂r/∂w          pushes r down for ever, whatever the target;
- "loss":        w ← w − η·∂L/∂w, L = ½(r − 1)², which pulls r towards the target 1.
"""
import math

from . import validate
from .data import BLACK_BOX_EXAMPLES, BLACK_BOX_WEIGHTS

__all__ = ["TARGET", "RULES", "RUNAWAY", "black_box_output", "black_box_step", "train_black_box"]

TARGET = 1.0
RULES = {"r": "descend r (naive)", "loss": "½(r − 1)²"}
RUNAWAY = 1000.0  # |r| beyond this on any example counts as diverged (the target is 1)


def black_box_output(weights, example):
    """r = (a·w1 + b·w2 + c·w3)·w4 for weights (w1, w2, w3, w4) and an example (a, b, c)."""
    w1, w2, w3, w4 = weights
    a, b, c = example
    return (a * w1 + b * w2 + c * w3) * w4


def black_box_step(weights, example, lr, rule="loss"):
    """One update on one example: the new weights (w1, w2, w3, w4).

    The gradient is the chain rule through the graph: ∂r/∂w4 = s (the sum), ∂r/∂wi = w4·xi.
    With the loss, every one of them is multiplied by ∂L/∂r = r − 1. All four are computed from the
    old weights before any of them changes."""
    validate.choice("rule", rule, sorted(RULES))
    w1, w2, w3, w4 = weights
    a, b, c = example
    s = a * w1 + b * w2 + c * w3
    dl_dr = 1.0 if rule == "r" else s * w4 - TARGET
    grads = (dl_dr * w4 * a, dl_dr * w4 * b, dl_dr * w4 * c, dl_dr * s)
    return tuple(w - lr * g for w, g in zip(weights, grads))


def train_black_box(lr=0.1, rule="r", steps=0, weights=BLACK_BOX_WEIGHTS, examples=BLACK_BOX_EXAMPLES):
    """Take `steps` updates, cycling through `examples`; stop early if r runs away.

    Returns a dict: the weights now, the histories (r on every example and the total loss, one point
    per step, starting at step 0), the last step's example and r before/after, and `diverged_at`
    (the step where some |r| passed RUNAWAY, or None)."""
    lr = validate.positive("lr", lr)
    validate.choice("rule", rule, sorted(RULES))
    steps = validate.whole("steps", steps, 0)
    weights = tuple(float(w) for w in weights)
    outputs = [black_box_output(weights, x) for x in examples]
    r_history = [[r] for r in outputs]
    loss_history = [sum(0.5 * (r - TARGET) ** 2 for r in outputs)]
    last = None
    diverged_at = None
    for step in range(1, steps + 1):
        example = examples[(step - 1) % len(examples)]
        new = black_box_step(weights, example, lr, rule)
        new_outputs = [black_box_output(new, x) for x in examples]
        if not all(math.isfinite(v) for v in (*new, *new_outputs)):
            diverged_at = step  # overflow: keep the last finite picture
            break
        last = (example, black_box_output(weights, example), black_box_output(new, example))
        weights, outputs = new, new_outputs
        for history, r in zip(r_history, outputs):
            history.append(r)
        loss_history.append(sum(0.5 * (r - TARGET) ** 2 for r in outputs))
        if max(abs(r) for r in outputs) > RUNAWAY:
            diverged_at = step
            break
    return dict(weights=list(weights), r_history=r_history, loss_history=loss_history,
                last=last, diverged_at=diverged_at)
