"""Check gradients against central differences, the way CS231n recommends.

    numeric ≈ (f(θ + h) − f(θ − h)) / 2h          relative error = |analytic − numeric| / max(|analytic|, |numeric|)

Relative error ≤ 1e-7 means the gradient is right; above 1e-2 it is almost certainly wrong; in between,
look closer (a kink such as ReLU at 0 inside ±h explains values around 1e-4 or so).
"""
from dataclasses import dataclass

import numpy as np

from . import validate
from .engine import Value

__all__ = ["numeric_gradient", "relative_error", "verdict", "gradcheck", "GradCheckReport"]

# Both gradients below this in size count as equal (float64 round-off of the difference quotient).
_BOTH_ZERO = 1e-9


def _scalar(out, where):
    """The loss f() returned, as a float: a Value, a real number or an array holding one number."""
    if isinstance(out, Value):
        value = out.data
    else:
        try:
            arr = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is None or isinstance(out, (bool, np.bool_)) or out is None:
            raise validate.ArgumentError(
                f"{where} must return the loss as one number (or a Value); it returned "
                f"{type(out).__name__} ({out!r}): did the function forget `return`?")
        if arr.size != 1:
            raise validate.ArgumentError(
                f"{where} must return one number (a scalar loss), got an array of shape {arr.shape}")
        value = float(arr.reshape(()))
    if not np.isfinite(value):
        raise validate.ArgumentError(f"{where} returned {value}: the loss must be a finite number where it is checked")
    return value


def _check_params(params):
    if isinstance(params, (Value, np.ndarray)):
        params = [params]
    params = list(params)
    if not params:
        raise ValueError("params is empty: pass the Values or NumPy arrays to check")
    for i, p in enumerate(params):
        if isinstance(p, np.ndarray):
            if p.dtype != np.float64:
                raise TypeError(f"params[{i}] has dtype {p.dtype}; gradient checks need float64 arrays")
        elif not isinstance(p, Value):
            raise TypeError(f"params[{i}] is a {type(p).__name__}; each parameter must be a Value or a float64 NumPy array")
    return params


def _check_callable(f):
    validate.function("f", f, "a function of no arguments returning the loss")


def numeric_gradient(f, params, h=1e-6):
    """Central-difference gradient of the scalar `f()` with respect to each parameter.

    `f` takes no arguments and reads the parameters itself; each one is nudged in place and restored.
    Returns a list: a float for each Value, an array of the same shape for each array."""
    _check_callable(f)
    h = validate.real("h (a small step)", h, above=0, below=1)
    grads = []
    for p in _check_params(params):
        if isinstance(p, Value):
            old = p.data
            p.data = old + h
            up = _scalar(f(), "f")
            p.data = old - h
            down = _scalar(f(), "f")
            p.data = old
            grads.append((up - down) / (2 * h))
            continue
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = _scalar(f(), "f")
            p[idx] = old - h
            down = _scalar(f(), "f")
            p[idx] = old
            g[idx] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def relative_error(analytic, numeric):
    """|a − n| / max(|a|, |n|), elementwise; 0 where both are (numerically) zero."""
    a, n = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if a.shape != n.shape:
        raise ValueError(f"analytic gradient has shape {a.shape} but numeric has shape {n.shape}")
    scale = np.maximum(np.abs(a), np.abs(n))
    return np.where(scale < _BOTH_ZERO, 0.0, np.abs(a - n) / np.where(scale < _BOTH_ZERO, 1.0, scale))


def verdict(rel_error):
    """A word for a relative error; NaN (a gradient that is not a number) is "WRONG"."""
    rel_error = float(rel_error)
    if rel_error <= 1e-7:
        return "right"
    if rel_error <= 1e-4:
        return "fine (kink?)"
    if rel_error <= 1e-2:
        return "doubtful"
    return "WRONG"


@dataclass
class GradCheckReport:
    names: list
    analytic: list
    numeric: list
    errors: list

    @property
    def max_error(self):
        return max(self.errors)

    def passed(self, tol=1e-7):
        """True when every relative error is at most `tol` (a NaN error never passes)."""
        return self.max_error <= validate.positive("tol", tol)

    def __str__(self):
        width = max(9, *(len(n) for n in self.names))
        lines = [f"{'parameter':<{width}}  {'analytic':>13}  {'numeric':>13}  {'rel. error':>10}  verdict"]
        for row in zip(self.names, self.analytic, self.numeric, self.errors):
            name, a, n, e = row
            lines.append(f"{name:<{width}}  {a:>13.6g}  {n:>13.6g}  {e:>10.1e}  {verdict(e)}")
        lines.append(f"largest relative error: {self.max_error:.1e} → {verdict(self.max_error)}")
        return "\n".join(lines)

    __repr__ = __str__


def gradcheck(f, params, analytic=None, names=None, h=1e-6):
    """Compare analytic gradients with central differences, one row per number.

    - Values: leave `analytic` out; `f().backward()` is run and each `.grad` read.
    - NumPy arrays: pass `analytic`, a list of gradient arrays in the same order and shapes.
    `names` labels the parameters (default: the Values' names, or p0, p1, ...)."""
    _check_callable(f)
    params = _check_params(params)
    if analytic is None:
        if not all(isinstance(p, Value) for p in params):
            raise ValueError("for NumPy array parameters, pass analytic=[gradient arrays] (only Values can run backward)")
        out = f()
        if not isinstance(out, Value):
            raise TypeError(f"f must return a Value to run backward(), got {type(out).__name__}")
        out.backward()
        analytic = [p.grad for p in params]
    analytic = list(analytic)
    if len(analytic) != len(params):
        raise ValueError(f"got {len(analytic)} analytic gradients for {len(params)} parameters")
    if names is None:
        names = [getattr(p, "name", None) or f"p{i}" for i, p in enumerate(params)]
    elif isinstance(names, str) or not hasattr(names, "__len__") or len(names) != len(params) \
            or not all(isinstance(n, str) for n in names):
        raise validate.ArgumentError(
            f"names must be a list of {len(params)} strings, one per parameter in params (or left out); "
            f"got {names!r}")
    numeric = numeric_gradient(f, params, h)

    rows_names, rows_a, rows_n, rows_e = [], [], [], []
    for name, a, n in zip(names, analytic, numeric):
        a, n = np.asarray(a, dtype=float), np.asarray(n, dtype=float)
        err = relative_error(a, n)
        for idx in np.ndindex(a.shape):
            rows_names.append(name + ("[" + ",".join(map(str, idx)) + "]" if a.shape else ""))
            rows_a.append(float(a[idx]))
            rows_n.append(float(n[idx]))
            rows_e.append(float(err[idx]))
    return GradCheckReport(rows_names, rows_a, rows_n, rows_e)
