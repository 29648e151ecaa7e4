"""The 2-2-1 network of notebook 05, computed with the engine, every intermediate returned as plain floats.

    z1 = W1 x + b1      (W1: one row per hidden neuron)      a1 = ReLU(z1)
    ŷ  = W2 · a1 + b2   (one linear output neuron)            C  = ½ (ŷ − y)²

`network(...)` runs the forward pass with `Value`s, calls `backward()` once and reads off every
number a learner works out by hand: z1, a1, ŷ, C, the δs (δ = ∂C/∂z) and the gradient of every
weight and bias. `step(...)` computes all those gradients first, then updates every parameter
(θ ← θ − η ∂C/∂θ) and runs the forward pass again. `cost_numpy(...)` is the same forward pass in
NumPy, for thousands of parameter settings at once (the loss-surface slice).
"""
import math
from numbers import Real

import numpy as np

from . import validate
from .data import NET_221
from .engine import Value

__all__ = ["PARAMETER_NAMES", "worked_example", "network", "step", "z1_transposed",
           "flatten", "unflatten", "cost_numpy"]

# The nine parameters, named as in the notebook: W1_jk is the weight from input k into hidden neuron j.
PARAMETER_NAMES = ("W1_11", "W1_12", "W1_21", "W1_22", "b1_1", "b1_2", "W2_1", "W2_2", "b2")


def worked_example():
    """The worked example as plain floats: x, W1, b1, W2, b2, y (the learning rate is NET_221['lr'])."""
    return dict(
        x=[float(v) for v in NET_221["x"]],
        W1=[[float(v) for v in row] for row in NET_221["W1"]],
        b1=[float(v) for v in NET_221["b1"]],
        W2=[float(v) for v in np.ravel(NET_221["W2"])],
        b2=float(np.ravel(NET_221["b2"])[0]),
        y=float(NET_221["y"]),
    )


# ---- checking what comes in ----

def _number(v, name):
    return validate.real(name, v)


def _pair(v, name):
    flat = list(np.ravel(np.asarray(v, dtype=object))) if not isinstance(v, Real) else [v]
    if len(flat) != 2:
        raise ValueError(f"{name} must hold 2 numbers (one per neuron or input), got {len(flat)}: {v!r}")
    return [_number(item, f"{name}[{i}]") for i, item in enumerate(flat)]


def _matrix(v, name):
    rows = list(v) if not isinstance(v, Real) else []
    if len(rows) != 2 or any(isinstance(r, Real) or len(list(r)) != 2 for r in rows):
        raise ValueError(f"{name} must be 2×2: one row per hidden neuron, one column per input; got {v!r}")
    return [[_number(w, f"{name}[{j}][{k}]") for k, w in enumerate(row)] for j, row in enumerate(rows)]


def _scalar(v, name):
    flat = list(np.ravel(np.asarray(v, dtype=object))) if not isinstance(v, Real) else [v]
    if len(flat) != 1:
        raise ValueError(f"{name} must be one number, got {v!r}")
    return _number(flat[0], name)


def _checked(x, W1, b1, W2, b2, y):
    return (_pair(x, "x"), _matrix(W1, "W1"), _pair(b1, "b1"), _pair(W2, "W2"),
            _scalar(b2, "b2"), _scalar(y, "y"))


# ---- the network, with the engine ----

def network(x, W1, b1, W2, b2, y, *, half=True):
    """Forward pass and backward pass of the 2-2-1 network; every number as a plain float.

    half=True uses C = ½(ŷ − y)²; half=False uses (ŷ − y)², which doubles every gradient."""
    x, W1, b1, W2, b2, y = _checked(x, W1, b1, W2, b2, y)
    validate.choice("half", half, (True, False))
    x_v = [Value(v, f"x{k + 1}") for k, v in enumerate(x)]
    W1_v = [[Value(w, f"W1_{j + 1}{k + 1}") for k, w in enumerate(row)] for j, row in enumerate(W1)]
    b1_v = [Value(v, f"b1_{j + 1}") for j, v in enumerate(b1)]
    W2_v = [Value(v, f"W2_{j + 1}") for j, v in enumerate(W2)]
    b2_v = Value(b2, "b2")

    try:
        z1 = [W1_v[j][0] * x_v[0] + W1_v[j][1] * x_v[1] + b1_v[j] for j in range(2)]
        a1 = [z.relu() for z in z1]
        yhat = W2_v[0] * a1[0] + W2_v[1] * a1[1] + b2_v  # linear output: ŷ is z2 itself
        error = yhat - y
        cost = 0.5 * error**2 if half else error**2
        cost.backward()
    except OverflowError as err:
        raise OverflowError(
            f"the 2-2-1 network cannot be computed with these numbers: {err}. "
            "Use inputs, weights and target of moderate size (the worked example's are below 1)"
        ) from None

    return dict(
        z1=[z.data for z in z1],
        a1=[a.data for a in a1],
        yhat=yhat.data,
        cost=cost.data,
        delta2=yhat.grad,               # δ at the output = ∂C/∂z2
        delta1=[z.grad for z in z1],    # δ at each hidden neuron = ∂C/∂z1_j
        dead=[z.data <= 0 for z in z1],  # ReLU passes no gradient back where z ≤ 0
        grads=dict(
            W1=[[w.grad for w in row] for row in W1_v],
            b1=[b.grad for b in b1_v],
            W2=[w.grad for w in W2_v],
            b2=b2_v.grad,
        ),
    )


def step(x, W1, b1, W2, b2, y, lr, *, half=True):
    """One gradient-descent step: every gradient first, then θ ← θ − η ∂C/∂θ for every parameter.

    Returns dict(before=network(...), params=the new W1, b1, W2, b2, after=network(...) with them,
    change=relative change of the cost, e.g. -0.2887 for −28.87 %)."""
    lr = validate.real("the learning rate lr", lr, low=0)
    x, W1, b1, W2, b2, y = _checked(x, W1, b1, W2, b2, y)
    before = network(x, W1, b1, W2, b2, y, half=half)
    grads = before["grads"]  # computed in full before anything changes
    updated = dict(
        W1=[[W1[j][k] - lr * grads["W1"][j][k] for k in range(2)] for j in range(2)],
        b1=[b1[j] - lr * grads["b1"][j] for j in range(2)],
        W2=[W2[j] - lr * grads["W2"][j] for j in range(2)],
        b2=b2 - lr * grads["b2"],
    )
    for name, v in flatten(updated).items():
        if not math.isfinite(v):
            raise OverflowError(f"the step sent {name} to {v}: the learning rate {lr:g} is far too large")
    after = network(x, updated["W1"], updated["b1"], updated["W2"], updated["b2"], y, half=half)
    change = (after["cost"] - before["cost"]) / before["cost"] if before["cost"] > 0 else 0.0
    return dict(before=before, params=updated, after=after, change=change)


def z1_transposed(x, W1, b1):
    """The common slip: z1 computed as Wᵀx + b with W1's rows as neurons (column j of W1 used for neuron j)."""
    x, W1, b1, _, _, _ = _checked(x, W1, b1, [0, 0], 0, 0)
    return [W1[0][j] * x[0] + W1[1][j] * x[1] + b1[j] for j in range(2)]


# ---- flat names, for sliders and dropdowns ----

def flatten(params):
    """{'W1': [[..],[..]], 'b1': [..], 'W2': [..], 'b2': v} -> {'W1_11': .., ..., 'b2': ..}."""
    missing = [n for n in ("W1", "b1", "W2", "b2") if n not in params]
    if missing:
        raise KeyError(f"missing parameters {missing}; flatten needs W1, b1, W2 and b2")
    W1, b1, W2 = params["W1"], params["b1"], params["W2"]
    return dict(W1_11=W1[0][0], W1_12=W1[0][1], W1_21=W1[1][0], W1_22=W1[1][1],
                b1_1=b1[0], b1_2=b1[1], W2_1=W2[0], W2_2=W2[1], b2=params["b2"])


def unflatten(flat):
    """The inverse of flatten: nine named parameters -> W1, b1, W2, b2 (values may be NumPy arrays)."""
    missing = [n for n in PARAMETER_NAMES if n not in flat]
    if missing:
        raise KeyError(f"missing parameters {missing}; the nine are {list(PARAMETER_NAMES)}")
    return dict(W1=[[flat["W1_11"], flat["W1_12"]], [flat["W1_21"], flat["W1_22"]]],
                b1=[flat["b1_1"], flat["b1_2"]], W2=[flat["W2_1"], flat["W2_2"]], b2=flat["b2"])


def cost_numpy(x, W1, b1, W2, b2, y, *, half=True):
    """The cost by the same forward pass in NumPy; any parameter may be an array (they broadcast),
    so one call evaluates a whole grid of settings."""
    z1 = [W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j] for j in range(2)]
    a1 = [np.maximum(z, 0.0) for z in z1]
    yhat = W2[0] * a1[0] + W2[1] * a1[1] + b2
    error = np.asarray(yhat - y, dtype=float)
    return 0.5 * error**2 if half else error**2
