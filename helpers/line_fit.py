"""Fitting a line y ≈ w·x + b by gradient descent: the loss, its gradient, the loop, and why it is slow.

    MSE(w, b) = (1/m) Σ (ŷᵢ − yᵢ)²        with ŷᵢ = w·xᵢ + b
    ∂MSE/∂w   = (2/m) Σ (ŷᵢ − yᵢ)·xᵢ       ∂MSE/∂b = (2/m) Σ (ŷᵢ − yᵢ)

The cost C = MSE/2 has exactly half these gradients (`half=True`), so it behaves like MSE with half
the learning rate. Because ŷ is linear in (w, b), the MSE is a bowl whose curvature is the constant
Hessian H = (2/m)·[[Σx², Σx], [Σx, m]]; gradient descent is stable only while η < 2/λmax(H).
Every function defaults to the notebook's data, y = 8x + 3 at x = [2, 4].
"""
import math

import numpy as np

from . import validate
from .data import LINE_X, LINE_Y

__all__ = [
    "predict", "mse", "mse_gradient", "hessian", "stable_rate", "descend",
    "steps_to_tolerance", "steps_by_formula", "least_squares", "DIVERGED",
]

DIVERGED = math.inf  # what the step counters return when the iterates grow without bound


def _data(x, y):
    if (x is None) != (y is None):
        raise ValueError("give both x and y, or neither (for the notebook's data y = 8x + 3 at x = [2, 4])")
    x = LINE_X if x is None else validate.array("x", x, ndim=1)
    y = LINE_Y if y is None else validate.array("y", y, ndim=1)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(
            f"x and y must be 1-D arrays of the same non-zero length; got shapes {x.shape} and {y.shape}"
        )
    return x, y


def _inputs(x):
    x = LINE_X if x is None else validate.array("x", x, ndim=1)
    if x.size == 0:
        raise ValueError(f"x must be a 1-D array with at least one number; got shape {x.shape}")
    return x


def _rate(lr):
    return validate.positive("the learning rate lr", lr)


def _point(w, b):
    return validate.real("w", w), validate.real("b", b)


def _half(half):
    return validate.choice("half", half, (True, False))


def _target(target):
    try:
        tw, tb = target
    except (TypeError, ValueError):
        raise validate.ArgumentError(f"target must be two numbers (w, b); got {target!r}") from None
    return validate.real("target w", tw), validate.real("target b", tb)


def predict(w, b, x=None):
    """ŷ = w·x + b for every x."""
    w, b = _point(w, b)
    return w * _inputs(x) + b


def mse(w, b, x=None, y=None, half=False):
    """The mean squared error (1/m) Σ (ŷ − y)²; with half=True, C = MSE/2."""
    x, y = _data(x, y)
    w, b = _point(w, b)
    _half(half)
    value = float(np.mean((w * x + b - y) ** 2))
    return value / 2 if half else value


def mse_gradient(w, b, x=None, y=None, half=False):
    """(∂/∂w, ∂/∂b) of the MSE (or of MSE/2 with half=True) at (w, b)."""
    x, y = _data(x, y)
    w, b = _point(w, b)
    _half(half)
    error = w * x + b - y
    scale = (1.0 if half else 2.0) / x.size
    return scale * float(error @ x), scale * float(error.sum())


def hessian(x=None, half=False):
    """The matrix of second derivatives of the MSE in (w, b); it does not depend on w, b or y."""
    x = _inputs(x)
    _half(half)
    scale = (1.0 if half else 2.0) / x.size
    return scale * np.array([[x @ x, x.sum()], [x.sum(), float(x.size)]])


def stable_rate(x=None, half=False):
    """The largest learning rate for which gradient descent still converges: 2 / λmax(H)."""
    return 2.0 / float(np.linalg.eigvalsh(hessian(x, half))[-1])


def descend(w, b, lr, steps, x=None, y=None, half=False, blow_up=1e6):
    """Run `steps` steps of gradient descent from (w, b). Returns the path [(w, b, loss), ...].

    The path starts with the starting point and stops early if the loss passes `blow_up`
    (or stops being a finite number): that is divergence, and there is no point going on.
    Plain floats in a loop: a few microseconds a step, so an explorer can redo the whole path per event."""
    x, y = _data(x, y)
    lr = _rate(lr)
    w, b = _point(w, b)
    _half(half)
    steps = validate.whole("steps", steps, low=0)
    blow_up = validate.positive("blow_up", blow_up)
    points = list(zip(x.tolist(), y.tolist()))
    m = len(points)
    scale = (1.0 if half else 2.0) / m
    w, b = float(w), float(b)
    path = []
    for step in range(steps + 1):
        errors = [w * xi + b - yi for xi, yi in points]
        loss = sum(e * e for e in errors) / m
        if half:
            loss /= 2
        if not loss <= blow_up:                      # also catches nan and inf
            if step == 0:
                raise ValueError(f"the starting point (w={w:g}, b={b:g}) already has a loss of {loss:g} > {blow_up:g}")
            break
        path.append((w, b, loss))
        if step == steps:
            break
        dw = scale * sum(e * xi for e, (xi, _) in zip(errors, points))   # both gradients first ...
        db = scale * sum(errors)
        w, b = w - lr * dw, b - lr * db                                  # ... then both updates
    return path


def steps_to_tolerance(w, b, lr, x=None, y=None, half=False, target=(8.0, 3.0), tol=0.01,
                       max_steps=1_000_000):
    """How many steps until |w − target_w| < tol and |b − target_b| < tol; `DIVERGED` (inf) if it blows up.

    A tight loop over plain floats: the gradient is affine in (w, b), so four sums of the data are
    all it needs. Raises ValueError if neither happens within `max_steps` (then use steps_by_formula)."""
    x, y = _data(x, y)
    lr = _rate(lr)
    w, b = _point(w, b)
    _half(half)
    tw, tb = _target(target)
    tol = validate.positive("tol", tol)
    max_steps = validate.whole("max_steps", max_steps, low=0)
    scale = (1.0 if half else 2.0) / x.size
    sxx, sx, sxy, sy, m = float(x @ x), float(x.sum()), float(x @ y), float(y.sum()), float(x.size)
    limit = 1e6 * (1.0 + abs(w) + abs(b) + abs(tw) + abs(tb))
    for step in range(max_steps + 1):
        if abs(w - tw) < tol and abs(b - tb) < tol:
            return step
        if not abs(w) + abs(b) < limit:
            return DIVERGED
        dw = scale * (w * sxx + b * sx - sxy)
        db = scale * (w * sx + b * m - sy)
        w, b = w - lr * dw, b - lr * db
    raise ValueError(
        f"not within tol={tol} of {target} after max_steps={max_steps:,} steps at lr={lr}; "
        "raise max_steps or use steps_by_formula for very small rates"
    )


def steps_by_formula(w, b, lr, x=None, y=None, half=False, target=None, tol=0.01, max_steps=100_000_000):
    """The same count as steps_to_tolerance without looping over the steps one by one.

    The error e = θ − θ* obeys e_{k+1} = (I − ηH)·e_k, so in H's eigenvector basis each component
    just shrinks by (1 − ηλ) per step: e_k = V·diag((1 − ηλ)^k)·Vᵀ·e₀. Evaluated for a whole block
    of k at once. θ* is the least-squares answer (the target unless given)."""
    x, y = _data(x, y)
    lr = _rate(lr)
    w, b = _point(w, b)
    tol = validate.positive("tol", tol)
    max_steps = validate.whole("max_steps", max_steps, low=0)
    H = hessian(x, half)
    best = least_squares(x, y)
    tw, tb = best if target is None else _target(target)
    eigenvalues, V = np.linalg.eigh(H)
    factors = 1.0 - lr * eigenvalues
    if np.any(np.abs(factors) > 1.0):
        return DIVERGED
    e0 = V.T @ (np.array([w, b], dtype=float) - best)
    offset = best - np.array([tw, tb])
    start, size = 0, 1024
    while start <= max_steps:
        k = np.arange(start, min(start + size, max_steps + 1))
        errors = (factors[None, :] ** k[:, None] * e0) @ V.T + offset
        inside = np.flatnonzero(np.all(np.abs(errors) < tol, axis=1))
        if inside.size:
            return int(k[inside[0]])
        start, size = start + size, min(2 * size, 1 << 20)  # blocks double: small counts stay cheap
    raise ValueError(f"not within tol={tol} after max_steps={max_steps:,} steps at lr={lr}")


def least_squares(x=None, y=None):
    """The best (w, b) in one step, no descent: solve the least-squares problem [x 1]·(w, b) ≈ y."""
    x, y = _data(x, y)
    if np.all(x == x[0]):
        raise validate.ArgumentError(
            f"least_squares needs at least two different x values to fix a line; got x = {x.tolist()}")
    A = np.column_stack([x, np.ones_like(x)])
    solution, *_ = np.linalg.lstsq(A, y, rcond=None)
    return solution
