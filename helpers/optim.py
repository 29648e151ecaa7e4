"""Optimizers: what to do with a gradient once backprop has computed it.

Each one is a single update rule, applied to every parameter θ with gradient g = ∂C/∂θ:

    SGD        θ ← θ − η·g
    Momentum   v ← μ·v + g                 θ ← θ − η·v                 (heavy ball, PyTorch's convention)
    RMSprop    s ← ρ·s + (1−ρ)·g²          θ ← θ − η·g / (√s + ε)
    Adam       m ← β₁·m + (1−β₁)·g         s ← β₂·s + (1−β₂)·g²
               m̂ = m / (1−β₁ᵗ)             ŝ = s / (1−β₂ᵗ)             θ ← θ − η·m̂ / (√ŝ + ε)

(v is momentum's velocity and s, as in RMSprop, an average of g²: Adam keeps one of each kind.)

The same optimizer works on NumPy arrays and on `helpers.engine.Value`s:

    opt = Adam([W, b], lr=0.01)        # float arrays: updated in place
    opt.step([dW, db])                 # their gradients, in the same order

    opt = Adam([w1, w2], lr=0.01)      # Values: gradients are read from .grad
    loss.backward(); opt.step()

A step applies to all parameters at once, after every gradient is known.
"""
import math

import numpy as np

from . import validate
from .engine import Value

__all__ = ["Optimizer", "SGD", "Momentum", "RMSprop", "Adam", "OPTIMIZERS"]


def _decay(name, x):
    """A decay rate: 0 = no memory, close to 1 = long memory."""
    return validate.real(name, x, low=0, below=1)


class Optimizer:
    """Holds the parameters and one state per parameter; subclasses supply `update`."""

    def __init__(self, params, lr):
        if isinstance(params, (Value, np.ndarray)):
            params = [params]
        self.params = list(params)
        if not self.params:
            raise ValueError("params is empty: pass a list of Values or float NumPy arrays to optimize")
        for i, p in enumerate(self.params):
            if isinstance(p, np.ndarray):
                if not np.issubdtype(p.dtype, np.floating):
                    raise TypeError(
                        f"params[{i}] is an array of dtype {p.dtype}; it is updated in place, so it must hold floats"
                    )
            elif not isinstance(p, Value):
                raise TypeError(f"params[{i}] is a {type(p).__name__}; each parameter must be a Value or a float NumPy array")
        self.lr = lr
        self.t = 0  # steps taken so far
        self.state = [self.init_state(np.zeros(np.shape(self._data(p)))) for p in self.params]

    @property
    def lr(self):
        """The learning rate η: a finite number > 0 (checked whenever it is set)."""
        return self._lr

    @lr.setter
    def lr(self, value):
        self._lr = validate.positive("the learning rate lr", value)

    @staticmethod
    def _data(p):
        return p.data if isinstance(p, Value) else p

    def _gradients(self, grads):
        if grads is None:
            missing = [i for i, p in enumerate(self.params) if not isinstance(p, Value)]
            if missing:
                raise ValueError(
                    f"params {missing} are arrays: pass their gradients, step([grad, ...]) in the order of params"
                )
            return [np.float64(p.grad) for p in self.params]
        if isinstance(grads, np.ndarray):
            grads = [grads]
        grads = list(grads)
        if len(grads) != len(self.params):
            raise ValueError(f"got {len(grads)} gradients for {len(self.params)} parameters: pass one per parameter, in order")
        out = []
        for i, (p, g) in enumerate(zip(self.params, grads)):
            if isinstance(g, Value):
                raise TypeError(
                    f"gradient {i} is a Value; pass plain numbers or arrays, or call step() with no "
                    "arguments to use each Value parameter's .grad"
                )
            try:
                g = np.asarray(g, dtype=float)
            except (TypeError, ValueError):
                raise TypeError(f"gradient {i} must be a number or an array of numbers, got {type(g).__name__}") from None
            shape = np.shape(self._data(p))
            if g.shape != shape:
                raise ValueError(f"gradient {i} has shape {g.shape} but its parameter has shape {shape}; they must match")
            out.append(g)
        return out

    def step(self, grads=None):
        """Update every parameter once. `grads`: one gradient per parameter (needed for arrays;
        for Values it defaults to their `.grad`)."""
        grads = self._gradients(grads)
        self.t += 1
        for p, g, state in zip(self.params, grads, self.state):
            if isinstance(p, Value):
                with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported just below
                    p.data = float(p.data + self.update(g, state))
                if not math.isfinite(p.data):  # a Value holds a finite number (see helpers.engine)
                    raise OverflowError(f"{self!r} sent a parameter to {p.data}: the learning rate is far too large")
            else:
                p += self.update(g, state)

    def init_state(self, zeros):
        return {}

    def update(self, g, state):
        """The change to add to a parameter whose gradient is g (state is updated in place)."""
        raise NotImplementedError

    def __repr__(self):
        settings = ", ".join(f"{k}={v:g}" for k, v in self.settings().items())
        return f"{type(self).__name__}({settings})"

    def settings(self):
        return {"lr": self.lr}


class SGD(Optimizer):
    """Plain gradient descent: a step of η times the gradient, downhill."""

    def update(self, g, state):
        return -self.lr * g


class Momentum(Optimizer):
    """Heavy ball: the velocity v sums past gradients (decaying by μ each step), and the step follows v.

    Along a valley floor the gradients agree and v grows up to 1/(1−μ) times one gradient;
    across the valley they alternate in sign and cancel. (Some texts write v ← μ·v − η·g, θ ← θ + v:
    for a fixed η it is the same path.)"""

    def __init__(self, params, lr, momentum=0.9):
        self.momentum = _decay("momentum", momentum)
        super().__init__(params, lr)

    def init_state(self, zeros):
        return {"v": zeros}

    def update(self, g, state):
        state["v"] = self.momentum * state["v"] + g
        return -self.lr * state["v"]

    def settings(self):
        return {"lr": self.lr, "momentum": self.momentum}


class RMSprop(Optimizer):
    """Divide each coordinate's step by the root of its recent mean squared gradient:
    steep and flat directions then move at similar speeds."""

    def __init__(self, params, lr, rho=0.9, eps=1e-8):
        self.rho = _decay("rho", rho)
        self.eps = validate.positive("eps", eps)
        super().__init__(params, lr)

    def init_state(self, zeros):
        return {"s": zeros}

    def update(self, g, state):
        state["s"] = self.rho * state["s"] + (1 - self.rho) * g * g
        return -self.lr * g / (np.sqrt(state["s"]) + self.eps)

    def settings(self):
        return {"lr": self.lr, "rho": self.rho, "eps": self.eps}


class Adam(Optimizer):
    """Momentum's average of g and RMSprop's average of g², both corrected for starting at zero."""

    def __init__(self, params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = _decay("beta1", beta1)
        self.beta2 = _decay("beta2", beta2)
        self.eps = validate.positive("eps", eps)
        super().__init__(params, lr)

    def init_state(self, zeros):
        return {"m": zeros, "s": zeros.copy()}  # two averages, two arrays

    def update(self, g, state):
        state["m"] = self.beta1 * state["m"] + (1 - self.beta1) * g
        state["s"] = self.beta2 * state["s"] + (1 - self.beta2) * g * g
        # Both averages start at 0, so early on they are too small by the factor 1 − βᵗ: undo it.
        m_hat = state["m"] / (1 - self.beta1**self.t)
        s_hat = state["s"] / (1 - self.beta2**self.t)
        return -self.lr * m_hat / (np.sqrt(s_hat) + self.eps)

    def settings(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


OPTIMIZERS = {"SGD": SGD, "Momentum": Momentum, "RMSprop": RMSprop, "Adam": Adam}
