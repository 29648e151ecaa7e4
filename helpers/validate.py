"""Argument checks shared by every public function of the maths layer and the drawings.

Each check takes the argument's name first, then the value, and returns the value in the form the
caller computes with (an int, a float, an array), or raises `ArgumentError` with a message that
names the argument, shows what was given and says what is allowed:

    whole(name, n, low=None, high=None)       an int (Python or NumPy; never a bool) with low ≤ n ≤ high
    real(name, x, low=None, high=None,        a finite float (int, float, NumPy number; never a bool);
         above=None, below=None)              low/high are inclusive bounds, above/below exclusive
    positive(name, x)                         a finite float > 0 (learning rates, step sizes, tolerances)
    seed(name, s, none_ok=False)              an int ≥ 0 for numpy.random.default_rng; None (fresh
                                              randomness) only where the caller documents it
    choice(name, value, options)              one of `options` (any container); returns the value
    function(name, f, what="a function")      something callable
    array(name, a, ndim=None, shape=None)     a finite float64 NumPy array; `shape` may hold None for
                                              "any length", e.g. shape=(None, 2) for points in the plane
    labels(name, y, allowed=(0, 1), n=None)   class labels, whole numbers from `allowed` (None: any ≥ 0),
                                              `n` of them; True/False count as 1/0
    interval(name, pair)                      two finite numbers (low, high) with low < high

`ArgumentError` is both a ValueError and a TypeError, so code that catches either keeps working
whether the value had the wrong type or the wrong size.
"""
import math
from numbers import Real

import numpy as np

__all__ = ["ArgumentError", "whole", "real", "positive", "seed", "choice", "function", "array", "labels",
           "interval"]


class ArgumentError(ValueError, TypeError):
    """A bad argument: the message names it, shows what was given and says what is allowed."""


def _shown(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(name, allowed, value):
    raise ArgumentError(f"{name} must be {allowed}; got {_shown(value)}")


def _range_text(low=None, high=None, above=None, below=None):
    parts = []
    if low is not None:
        parts.append(f"≥ {low:g}")
    if above is not None:
        parts.append(f"> {above:g}")
    if high is not None:
        parts.append(f"≤ {high:g}")
    if below is not None:
        parts.append(f"< {below:g}")
    return " and ".join(parts)


def _is_real(x):
    return isinstance(x, (Real, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def whole(name, n, low=None, high=None):
    """n as an int: a whole number (Python or NumPy integer, never a bool or a float) in [low, high]."""
    allowed = " ".join(["a whole number", _range_text(low, high)]).strip()
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        _fail(name, allowed, n)
    if (low is not None and n < low) or (high is not None and n > high):
        _fail(name, allowed, n)
    return int(n)


def real(name, x, low=None, high=None, above=None, below=None):
    """x as a float: a finite real number (never a bool) within the bounds given."""
    allowed = " ".join(["a finite number", _range_text(low, high, above, below)]).strip()
    if not _is_real(x):
        _fail(name, allowed, x)
    try:
        value = float(x)
    except (OverflowError, ValueError, TypeError):
        _fail(name, allowed, x)
    if not math.isfinite(value):
        _fail(name, allowed, x)
    if ((low is not None and value < low) or (high is not None and value > high)
            or (above is not None and not value > above) or (below is not None and not value < below)):
        _fail(name, allowed, x)
    return value


def positive(name, x):
    """x as a float: a finite number > 0."""
    return real(name, x, above=0)


def seed(name, s, none_ok=False):
    """A seed for numpy.random.default_rng: a whole number ≥ 0 (or None, fresh randomness, if none_ok)."""
    if s is None and none_ok:
        return None
    if isinstance(s, (bool, np.bool_)) or not isinstance(s, (int, np.integer)) or s < 0:
        also = " or None (fresh randomness each time)" if none_ok else ""
        _fail(name, f"a whole number ≥ 0{also}, so that the same seed gives the same numbers", s)
    return int(s)


def choice(name, value, options):
    """value, which must be one of `options`."""
    try:
        known = value in options
    except TypeError:  # an unhashable value looked up in a dict or set
        known = False
    if not known:
        _fail(name, "one of " + ", ".join(repr(o) for o in options), value)
    return value


def function(name, f, what="a function"):
    """f, which must be callable."""
    if not callable(f):
        raise ArgumentError(f"{name} must be {what}; got {type(f).__name__} ({_shown(f)})")
    return f


def array(name, a, ndim=None, shape=None):
    """a as a finite float64 NumPy array (a copy only when needed), checked against ndim and shape."""
    try:
        arr = np.asarray(a, dtype=float)
    except (TypeError, ValueError):
        raise ArgumentError(f"{name} must be an array of real numbers; got {type(a).__name__} ({_shown(a)})") \
            from None
    if ndim is None and shape is not None:
        ndim = len(shape)
    if ndim is not None and arr.ndim != ndim:
        want = f"shape {_shape_text(shape)}" if shape is not None else f"{ndim} dimension(s)"
        raise ArgumentError(f"{name} must be an array of {want}; got shape {arr.shape}")
    if shape is not None and any(want is not None and got != want for want, got in zip(shape, arr.shape)):
        raise ArgumentError(f"{name} must be an array of shape {_shape_text(shape)}; got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ArgumentError(f"{name} must hold finite numbers; it holds NaN or infinity (shape {arr.shape})")
    return arr


def _shape_text(shape):
    return "(" + ", ".join("any" if s is None else str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def labels(name, y, allowed=(0, 1), n=None):
    """y as a 1-D int array of class labels: each one of `allowed` (None: any whole number ≥ 0),
    `n` of them if n is given. A column (n, 1) is fine, and so are True/False (for 1/0)."""
    arr = np.asarray(y) if y is not None else np.asarray([None])
    if arr.dtype.kind not in "biuf" or arr.ndim > 2 or (arr.ndim == 2 and arr.shape[1] != 1):
        raise ArgumentError(
            f"{name} must be class labels, one whole number per example; got {type(y).__name__} ({_shown(y)})"
        )
    arr = arr.reshape(-1)
    if n is not None and arr.size != n:
        raise ArgumentError(f"{name} must hold one label per example ({n}); got {arr.size}")
    if arr.size == 0:
        raise ArgumentError(f"{name} must hold at least one label; got none")
    if allowed is None:
        bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.round(arr)) if arr.dtype.kind == "f" else arr < 0
        what = "whole numbers ≥ 0"
    else:
        bad = ~np.isin(arr, allowed)
        what = "labels from " + ", ".join(str(a) for a in allowed)
    if bad.any():
        first = arr[bad][0].item()
        hint = " (these look like probabilities: turn them into labels first, e.g. p > 0.5)" \
            if arr.dtype.kind == "f" and ((arr > 0) & (arr < 1)).any() else ""
        raise ArgumentError(f"{name} must be {what}; got {first!r}{hint}")
    return arr.astype(int)


def interval(name, pair):
    """(low, high) as two floats: finite numbers with low < high."""
    try:
        low, high = pair
    except (TypeError, ValueError):
        _fail(name, "two numbers (low, high) with low < high", pair)
    low = real(f"{name}[0]", low)
    high = real(f"{name}[1]", high)
    if not low < high:
        _fail(name, "two numbers (low, high) with low < high", pair)
    return low, high
