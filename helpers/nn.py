"""Neural-network layers in NumPy, each with an explicit forward and backward pass.

Rows are examples. A `Linear` layer keeps one ROW of `W` per neuron, shape (n_out, n_in), so a
batch goes through it as

    Y = X @ W.T + b                 (m, n_in) → (m, n_out)

and its backward pass is the matrix form of backpropagation, given dY = ∂C/∂Y:

    dW = dY.T @ X      db = dY.sum(axis=0)      dX = dY @ W

Every layer has the same four methods: `forward(X)` (remembers what backward needs), `backward(dY)`
(returns dX and stores the parameter gradients), `params()` (the live arrays: an optimizer updates
them in place) and `grads()` (the gradients of the last backward pass, in the same order). `backward`
replaces the gradients of the previous call, it never adds to them: call `grads()` after it.

A loss has `forward(pred, target) -> float` and `backward() -> dpred`. The two squared-error losses,
for predictions ŷ and targets y of shape (m, k):

    MSE               = (1/m) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)²
    HalfSquaredError  = ½ (1/m) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)²        (one example, one output: ½(ŷ − y)²)

so MSE = 2 · HalfSquaredError exactly: the ½ only rescales the gradient, i.e. the learning rate.
(With one output, MSE is the usual mean of squared errors; with k outputs it is k times the mean
over all entries that `torch.nn.MSELoss()` reports.)
"""
import math
import numpy as np

from . import validate

__all__ = [
    "Layer", "Linear", "ReLU", "Tanh", "Sigmoid", "Sequential",
    "Loss", "MSE", "HalfSquaredError", "SoftmaxCrossEntropy", "BinaryCrossEntropy",
]

# ---------------------------------------------------------------- input checks

def _as_batch(X, where, dtype=None):
    """X as a 2-D float array (rows = examples); a clear error for anything else."""
    if not isinstance(X, np.ndarray):
        try:
            X = np.asarray(X)
        except (ValueError, TypeError):
            raise TypeError(f"{where} needs a 2-D array of real numbers, got {type(X).__name__}") from None
    kind = X.dtype.kind
    if kind not in "fiu":
        raise TypeError(
            f"{where} needs real numbers (a float or integer array), got dtype {X.dtype}"
        )
    if X.ndim != 2:
        hint = " (one example: x.reshape(1, -1))" if X.ndim == 1 else ""
        raise ValueError(f"{where} needs a 2-D array with one row per example, got shape {X.shape}{hint}")
    if X.shape[0] == 0:
        raise ValueError(f"{where} got an empty batch (shape {X.shape}): it needs at least one example")
    if dtype is not None and X.dtype != dtype:
        X = X.astype(dtype)
    elif kind != "f":
        X = X.astype(np.float64)
    _check_finite(X, where)
    return X


def _check_finite(X, where):
    # One sum is far cheaper than isfinite() on every entry, and is NaN/inf whenever an entry is
    # (or when huge finite entries overflow the sum: then the entries themselves are looked at, quietly).
    with np.errstate(over="ignore", invalid="ignore"):
        total = X.sum()
    if not math.isfinite(total) and not np.isfinite(X).all():
        bad = np.argwhere(~np.isfinite(X))[0]
        at = f"row {bad[0]}, column {bad[1]}" if X.ndim == 2 else f"index {tuple(int(i) for i in bad)}"
        raise ValueError(
            f"{where} got NaN or infinity (first at {at}): "
            "inputs must be finite numbers; if this happens during training, it has diverged "
            "(try a smaller learning rate)"
        )


def _check_grad_shape(dY, shape, where):
    if not isinstance(dY, np.ndarray) or dY.shape != shape:
        got = dY.shape if isinstance(dY, np.ndarray) else type(dY).__name__
        raise ValueError(f"{where}.backward expected a gradient of shape {shape} (the shape of its output), got {got}")


def _not_run(where):
    return RuntimeError(f"{where}.backward() was called before forward(): run forward first")


# ---------------------------------------------------------------- layers

class Layer:
    """The interface every layer follows. Layers without parameters keep the empty defaults."""

    def forward(self, X):
        raise NotImplementedError

    def backward(self, dY):
        raise NotImplementedError

    def params(self):
        return []

    def grads(self):
        return []

    def __call__(self, X):
        return self.forward(X)

    def __repr__(self):
        return f"{type(self).__name__}()"


class Linear(Layer):
    """Y = X @ W.T + b, with W of shape (n_out, n_in): one row of weights per neuron.

    init: "he" (std √(2/n_in), for ReLU), "xavier" (std √(2/(n_in+n_out)), for tanh/sigmoid),
    "normal" (std `scale`, default 1) or "zeros". `scale` overrides the standard deviation of any
    random init. Biases start at zero. Passing `W` or `b` sets them instead (copied, shape-checked).
    seed: a whole number ≥ 0 gives the same weights every time; None (the default) draws fresh ones."""

    def __init__(self, n_in, n_out, init="he", scale=None, seed=None, W=None, b=None):
        self.n_in = validate.whole("Linear: n_in", n_in, low=1)
        self.n_out = validate.whole("Linear: n_out", n_out, low=1)
        self.W = self._given(W, (self.n_out, self.n_in), "W") if W is not None else self._init(init, scale, seed)
        self.b = self._given(b, (self.n_out,), "b") if b is not None else np.zeros(self.n_out, dtype=self.dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.X = None  # the input of the last forward pass: backward needs it for dW

    dtype = np.float64  # every array of the layer holds this type

    def _init(self, init, scale, seed):
        stds = {"he": math.sqrt(2.0 / self.n_in), "xavier": math.sqrt(2.0 / (self.n_in + self.n_out)), "normal": 1.0}
        validate.choice("Linear: init", init, (*stds, "zeros"))
        seed = validate.seed("Linear: seed", seed, none_ok=True)
        shape = (self.n_out, self.n_in)
        if init == "zeros":
            if scale is not None:
                raise validate.ArgumentError(f"Linear: init='zeros' takes no scale; got scale={scale!r}")
            return np.zeros(shape, dtype=self.dtype)
        std = stds[init] if scale is None else validate.real("Linear: scale (a standard deviation)", scale, low=0)
        return np.random.default_rng(seed).normal(0.0, std, size=shape).astype(self.dtype)

    def _given(self, value, shape, name):
        arr = np.array(value, dtype=self.dtype)  # a copy: the layer never shares memory with the caller
        if arr.shape != shape:
            raise ValueError(f"{self!r}: {name} must have shape {shape}, got {arr.shape}")
        _check_finite(arr, f"{self!r} {name}")
        return arr

    def forward(self, X):
        X = _as_batch(X, repr(self), self.dtype)
        if X.shape[1] != self.n_in:
            raise ValueError(f"{self!r} expected input with {self.n_in} columns, got shape {X.shape}")
        self.X = X
        return X @ self.W.T + self.b

    def backward(self, dY):
        if self.X is None:
            raise _not_run(repr(self))
        _check_grad_shape(dY, (self.X.shape[0], self.n_out), repr(self))
        self.dW = dY.T @ self.X         # ∂C/∂W = δ aᵀ, summed over the examples
        self.db = dY.sum(axis=0)        # ∂C/∂b = δ, summed over the examples
        return dY @ self.W              # ∂C/∂X = Wᵀ δ, one row per example

    def params(self):
        return [self.W, self.b]

    def grads(self):
        return [self.dW, self.db]

    def __repr__(self):
        return f"Linear({self.n_in}→{self.n_out})"


class ReLU(Layer):
    """max(0, x): passes the gradient where the input was positive, blocks it elsewhere."""

    def __init__(self):
        self._open = None

    def forward(self, X):
        X = _as_batch(X, "ReLU")
        self._open = X > 0
        return np.maximum(X, 0)

    def backward(self, dY):
        if self._open is None:
            raise _not_run("ReLU")
        _check_grad_shape(dY, self._open.shape, "ReLU")
        return dY * self._open


class Tanh(Layer):
    """tanh(x), whose derivative 1 − tanh² is read off the output."""

    def __init__(self):
        self._Y = None

    def forward(self, X):
        self._Y = np.tanh(_as_batch(X, "Tanh"))
        return self._Y

    def backward(self, dY):
        if self._Y is None:
            raise _not_run("Tanh")
        _check_grad_shape(dY, self._Y.shape, "Tanh")
        return dY * (1.0 - self._Y * self._Y)


def _sigmoid(X):
    # exp(−|x|) never overflows; then σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0.
    e = np.exp(-np.abs(X))
    return np.where(X >= 0, 1.0, e) / (1.0 + e)


class Sigmoid(Layer):
    """σ(x) = 1/(1 + e⁻ˣ), computed without overflow; derivative σ(1 − σ)."""

    def __init__(self):
        self._Y = None

    def forward(self, X):
        self._Y = _sigmoid(_as_batch(X, "Sigmoid"))
        return self._Y

    def backward(self, dY):
        if self._Y is None:
            raise _not_run("Sigmoid")
        _check_grad_shape(dY, self._Y.shape, "Sigmoid")
        return dY * (self._Y * (1.0 - self._Y))


class Sequential(Layer):
    """Layers applied in order; backward runs them in reverse."""

    def __init__(self, *layers):
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"Sequential: item {i} is a {type(layer).__name__}, not a layer (Linear, ReLU, ...)")
        self.layers = list(layers)

    def forward(self, X):
        for i, layer in enumerate(self.layers):
            try:
                X = layer.forward(X)
            except (ValueError, TypeError) as err:  # say which layer, keep the layer's own message
                raise (TypeError if isinstance(err, TypeError) else ValueError)(f"Sequential layer {i}: {err}") from None
        return X

    def backward(self, dY):
        """Runs every layer's backward, last to first; returns ∂C/∂X."""
        for layer in reversed(self.layers):
            dY = layer.backward(dY)
        return dY

    def params(self):
        return [p for layer in self.layers for p in layer.params()]

    def grads(self):
        return [g for layer in self.layers for g in layer.grads()]

    def count_params(self):
        return sum(p.size for p in self.params())

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Sequential(*self.layers[i])
        return self.layers[i]

    def __len__(self):
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    def __repr__(self):
        lines = ["Sequential("]
        for i, layer in enumerate(self.layers):
            shapes = ", ".join(f"{name} {p.shape}" for name, p in zip("Wb", layer.params())) if isinstance(layer, Linear) else ""
            count = sum(p.size for p in layer.params())
            detail = f"  {shapes}  → {count} parameters" if count else ""
            lines.append(f"  ({i}) {layer!r:<16}{detail}".rstrip())
        lines.append(f")  total: {self.count_params()} parameters")
        return "\n".join(lines)


# ---------------------------------------------------------------- losses

class Loss:
    """forward(pred, target) → the loss as a float; backward() → ∂loss/∂pred, shaped like pred."""

    def __init__(self):
        self._cache = None  # what backward needs, set by forward

    def __call__(self, pred, target):
        return self.forward(pred, target)

    def __repr__(self):
        return f"{type(self).__name__}()"

    def _pred(self, pred):
        return _as_batch(pred, f"{self!r} predictions")

    def _column_target(self, target, pred):
        """Targets shaped like pred; a 1-D target is taken as one column when pred has one column."""
        if not isinstance(target, np.ndarray):
            target = np.asarray(target)
        if target.dtype.kind not in "fiub":
            raise TypeError(f"{self!r} targets must be numbers, got dtype {target.dtype}")
        given = target.shape
        if target.ndim == 1 and pred.shape[1] == 1:
            target = target[:, None]  # never let (m, 1) − (m,) broadcast to (m, m)
        if target.shape != pred.shape:
            raise ValueError(
                f"{self!r}: predictions have shape {pred.shape} but targets have shape {given}; "
                "they must match (one row per example)"
            )
        target = target.astype(pred.dtype, copy=False)
        _check_finite(target, f"{self!r} targets")
        return target

    def _difference(self, pred, target):
        """ŷ − y for the two squared errors, both checked."""
        pred = self._pred(pred)
        return pred - self._column_target(target, pred)


class MSE(Loss):
    """(1/m) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)², the mean squared error. Gradient 2(ŷ − y)/m."""

    def forward(self, pred, target):
        diff = self._difference(pred, target)
        self._cache = diff
        return float(np.vdot(diff, diff)) / len(diff)

    def backward(self):
        if self._cache is None:
            raise _not_run(repr(self))
        diff = self._cache
        return diff * (2.0 / len(diff))


class HalfSquaredError(Loss):
    """½ (1/m) Σᵢ Σₖ (ŷᵢₖ − yᵢₖ)²: for one example with one output, ½(ŷ − y)². Gradient (ŷ − y)/m."""

    def forward(self, pred, target):
        diff = self._difference(pred, target)
        self._cache = diff
        return 0.5 * float(np.vdot(diff, diff)) / len(diff)

    def backward(self):
        if self._cache is None:
            raise _not_run(repr(self))
        diff = self._cache
        return diff * (1.0 / len(diff))


class SoftmaxCrossEntropy(Loss):
    """Mean over examples of −log softmax(scores)[label]; targets are integer labels 0..k−1, shape (m,).

    Uses log-sum-exp with the row maximum subtracted, so large scores never overflow.
    Gradient: (softmax − one_hot(label)) / m."""

    def forward(self, pred, target):
        pred = self._pred(pred)
        m, k = pred.shape
        labels = np.asarray(target)
        if labels.dtype.kind not in "iu" or labels.shape != (m,):
            raise ValueError(
                f"{self!r}: targets must be integer class labels of shape ({m},), one per row of the "
                f"predictions {pred.shape}; got dtype {labels.dtype}, shape {labels.shape}"
            )
        if m and (labels.min() < 0 or labels.max() >= k):
            raise ValueError(f"{self!r}: labels must be between 0 and {k - 1} (there are {k} score columns), got {labels.min()}..{labels.max()}")
        shifted = pred - pred.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        total = exp.sum(axis=1, keepdims=True)
        self._cache = (exp / total, labels)
        return float(np.mean(np.log(total[:, 0]) - shifted[np.arange(m), labels]))

    def backward(self):
        if self._cache is None:
            raise _not_run(repr(self))
        probs, labels = self._cache
        m = probs.shape[0]
        d = probs.copy()
        d[np.arange(m), labels] -= 1.0
        d /= m
        return d


class BinaryCrossEntropy(Loss):
    """Mean binary cross-entropy from logits z (one column) and targets y in [0, 1] (usually 0/1):

        loss = (1/m) Σ [ max(z,0) − z·y + log(1 + e^−|z|) ]  =  −(1/m) Σ [ y log σ(z) + (1−y) log(1−σ(z)) ]

    written so that no exp() overflows. Gradient: (σ(z) − y)/m."""

    def forward(self, pred, target):
        pred = self._pred(pred)
        if pred.shape[1] != 1:
            raise ValueError(f"{self!r}: predictions must be one column of logits, shape (m, 1); got {pred.shape}")
        y = self._column_target(target, pred)
        if y.size and (y.min() < 0 or y.max() > 1):
            raise ValueError(f"{self!r}: targets must be between 0 and 1 (class labels 0/1), got {y.min():g}..{y.max():g}")
        self._cache = (pred, y)
        losses = np.maximum(pred, 0) - pred * y + np.log1p(np.exp(-np.abs(pred)))
        return float(losses.mean())

    def backward(self):
        if self._cache is None:
            raise _not_run(repr(self))
        logits, y = self._cache
        return (_sigmoid(logits) - y) / y.shape[0]
