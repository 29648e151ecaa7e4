"""A scalar autograd engine: one `Value` per number, and `backward()` to fill in every gradient.

Each operation records its inputs (at most two: `parents`) and the local derivative of its output
with respect to each of them (`local_grads`). Backpropagation is then one rule, the chain rule,

    parent.grad += local_grad * child.grad

applied to every node, from the output back to the inputs.

Two choices keep it fast and safe, and are worth knowing if you compare it with micrograd:
- local derivatives are stored as numbers, not as a closure per node, so the graph has no
  reference cycles and Python frees it the moment you drop the output;
- `backward()` is a loop over a list, never a recursion, so a chain of a million operations works.
"""
import itertools
import math
from numbers import Real

__all__ = ["Value"]

_creation_order = itertools.count()
_visits = itertools.count()


def _is_number(x):
    return type(x) is float or type(x) is int or (isinstance(x, Real) and not isinstance(x, bool))


def _as_value(x, op):
    if type(x) is Value:
        return x
    if _is_number(x):
        return Value(x)
    raise TypeError(
        f"cannot {op} a Value and a {type(x).__name__} ({x!r}); "
        "operands must be Values or real numbers (int or float)"
    )


def _creation_key(node):
    return node._order


class Value:
    """A number that remembers how it was computed, so its gradient can flow back."""

    # _a, _b: the parents (None when absent); _da, _db: d(self)/d(parent), the local derivatives.
    __slots__ = ("data", "grad", "name", "op", "_a", "_da", "_b", "_db", "_order", "_visit")

    def __init__(self, data, name=None, _op="", _a=None, _da=0.0, _b=None, _db=0.0):
        if not _op:  # a Value made by hand: check it; results of operations are floats already
            if not _is_number(data):
                raise TypeError(f"Value needs a real number (int or float), got {type(data).__name__} ({data!r})")
            data = float(data)
        self.data = data
        self.grad = 0.0
        self.name = name
        self.op = _op
        self._a, self._da, self._b, self._db = _a, _da, _b, _db
        # Parents always exist before their children, so creation order is a topological order.
        self._order = next(_creation_order)
        self._visit = -1

    @property
    def parents(self):
        """The Values this one was computed from (empty for an input)."""
        return tuple(p for p in (self._a, self._b) if p is not None)

    @property
    def local_grads(self):
        """d(self)/d(parent) for each parent, in the same order as `parents`."""
        return tuple(d for p, d in ((self._a, self._da), (self._b, self._db)) if p is not None)

    def __repr__(self):
        label = f"{self.name}=" if self.name else ""
        return f"Value({label}{self.data:.6g}, grad={self.grad:.6g})"

    # ---- arithmetic: each op returns a new Value with its parents and local derivatives ----

    def __add__(self, other):
        other = _as_value(other, "add")
        return Value(self.data + other.data, None, "+", self, 1.0, other, 1.0)

    def __mul__(self, other):
        other = _as_value(other, "multiply")
        # d(ab)/da = b and d(ab)/db = a: multiplication swaps.
        return Value(self.data * other.data, None, "×", self, other.data, other, self.data)

    def __pow__(self, exponent):
        if isinstance(exponent, Value):
            raise TypeError(
                "Value ** Value is not supported: the exponent must be a plain number (int or float), "
                "e.g. v ** 2; for a learnable exponent write (v.log() * w).exp()"
            )
        if not _is_number(exponent):
            raise TypeError(f"exponent must be an int or float, got {type(exponent).__name__} ({exponent!r})")
        if self.data == 0 and exponent < 0:
            raise ZeroDivisionError(f"0 ** {exponent} is undefined: the base is zero and the exponent negative")
        if self.data < 0 and not float(exponent).is_integer():
            raise ValueError(
                f"({self.data:g}) ** {exponent} is not a real number: a negative base needs a whole-number exponent"
            )
        return Value(float(self.data**exponent), None, f"**{exponent:g}", self, exponent * self.data ** (exponent - 1))

    def __neg__(self):
        return Value(-self.data, None, "neg", self, -1.0)

    def __sub__(self, other):
        other = _as_value(other, "subtract")
        return Value(self.data - other.data, None, "−", self, 1.0, other, -1.0)

    def __truediv__(self, other):
        other = _as_value(other, "divide")
        if other.data == 0:
            raise ZeroDivisionError("cannot divide by a Value whose data is 0")
        inv = 1.0 / other.data
        return Value(self.data * inv, None, "÷", self, inv, other, -self.data * inv * inv)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other, "subtract") - self

    def __rtruediv__(self, other):
        return _as_value(other, "divide") / self

    # ---- functions ----

    def relu(self):
        # The gate: where the input is negative, the output is flat and no change flows back.
        if self.data > 0:
            return Value(self.data, None, "ReLU", self, 1.0)
        return Value(0.0, None, "ReLU", self, 0.0)

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, None, "tanh", self, 1.0 - t * t)

    def sigmoid(self):
        x = self.data
        # Two forms so that exp() never overflows, whatever the sign of x.
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return Value(s, None, "σ", self, s * (1.0 - s))

    def exp(self):
        if self.data > 709.78:
            raise OverflowError(f"exp({self.data:g}) overflows a float: the input must be at most about 709.78")
        e = math.exp(self.data)
        return Value(e, None, "exp", self, e)

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive value, got {self.data:g}")
        return Value(math.log(self.data), None, "log", self, 1.0 / self.data)

    # ---- backpropagation ----

    def topological_order(self):
        """Every node this Value depends on, each after all of its parents (inputs first, self last).

        A plain loop over a stack (no recursion, so a chain of a million operations is fine),
        then a sort by creation order: a node is always made after the nodes it is made from."""
        visit = next(_visits)
        self._visit = visit
        stack, nodes = [self], [self]
        while stack:
            node = stack.pop()
            for parent in (node._a, node._b):
                if parent is not None and parent._visit != visit:
                    parent._visit = visit
                    stack.append(parent)
                    nodes.append(parent)
        nodes.sort(key=_creation_key)
        return nodes

    def backward(self, *, accumulate=False):
        """Fill in `.grad` of every node: the derivative of this Value with respect to that node.

        Gradients are reset to zero first, so calling backward() twice gives the same result.
        With accumulate=True, the new gradients are added to those already there (as PyTorch does)."""
        order = self.topological_order()
        previous = [node.grad for node in order] if accumulate else None
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            g = node.grad
            # A node used twice receives the sum over its paths: hence +=.
            a = node._a
            if a is not None:
                a.grad += node._da * g
                b = node._b
                if b is not None:
                    b.grad += node._db * g
        if accumulate:
            for node, old in zip(order, previous):
                node.grad += old
