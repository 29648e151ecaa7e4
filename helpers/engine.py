"""A scalar autograd engine: one `Value` per number, and `backward()` to fill in every gradient.

Each operation records the Values it was computed from (`parents`) and the local derivative of its
result with respect to each of them (`local_grads`). Backpropagation is then one rule, the chain rule,

    parent.grad += local_grad * child.grad

applied to every node, from the output back to the inputs.

It is notebook 03's TinyValue grown up. What differs:
- `backward()` is a loop over a list, never a recursion, so a chain of a million operations works;
  the topological order is the order of creation (a node is always made after its parents), so
  finding it is a sort, not a recursive search;
- `backward()` resets every gradient first (or adds to them with accumulate=True);
- plain numbers mix in (`2 * v`, `v + 1`), and bad operands or overflow get a clear error (below);
- more operations: −, ÷, ** (a number exponent), exp, log, tanh, sigmoid, ReLU;
- results are made by one small factory, `_result(data, parents, local_grads, op)`, called just as
  TinyValue's constructor is; it keeps the (at most two) parents and local derivatives in plain
  slots rather than tuples, which halves the time (`parents` and `local_grads` read them back).
Like TinyValue, and unlike micrograd, local derivatives are stored as numbers, not as a closure per
node, so the graph has no reference cycles and Python frees it the moment you drop the output.

Overflow, one rule for every operation: a Value always holds a finite float. A Value made by hand
must be a finite real number (ValueError otherwise). An operation whose result would not be a finite
float (it overflows past ±1.8e308, or comes out NaN) raises OverflowError naming the operation and its
inputs, and so does one whose local derivative would overflow while its result does not (÷ by a tiny
number, ** with a negative exponent, log of a tiny number). `backward()` raises OverflowError when a
gradient overflows. Nothing ever carries inf or NaN on silently.
"""
import itertools
import math
from numbers import Real
from operator import attrgetter

__all__ = ["Value"]

_creation_order = itertools.count()
_visits = itertools.count()
_isfinite = math.isfinite
_creation_key = attrgetter("_order")
_grad_of = attrgetter("grad")
_new = object.__new__

# Local derivatives that are the same every time, made once rather than once per operation.
_PLUS, _MINUS, _NEG, _OPEN, _SHUT = (1.0, 1.0), (1.0, -1.0), (-1.0,), (1.0,), (0.0,)


def _is_number(x):
    return type(x) is float or type(x) is int or (isinstance(x, Real) and not isinstance(x, bool))


def _finite_float(x, what):
    """x as a finite float; a clear error for anything else (`what` names it in the message)."""
    if not _is_number(x):
        raise TypeError(f"{what} needs a real number (int or float), got {type(x).__name__} ({x!r})")
    try:
        x = float(x)
    except OverflowError:
        raise ValueError(f"{what} needs a finite number; {x!r} is too large for a float (at most about 1.8e308)") \
            from None
    if not _isfinite(x):
        raise ValueError(f"{what} needs a finite number, got {x!r}")
    return x


def _as_value(x, op):
    if type(x) is Value:
        return x
    if _is_number(x):
        return Value(x)
    raise TypeError(
        f"cannot {op} a Value and a {type(x).__name__} ({x!r}); "
        "operands must be Values or real numbers (int or float)"
    )


def _overflow(op, inputs, what="result"):
    if len(inputs) == 2:
        expression = f"{inputs[0]:.6g} {op} {inputs[1]:.6g}"
    elif op.startswith("**"):
        expression = f"{inputs[0]:.6g} ** {op[2:]}"
    else:
        expression = f"{op}({inputs[0]:.6g})"
    return OverflowError(
        f"{expression} overflows: its {what} is beyond the largest float (±1.8e308); "
        "a Value always holds a finite number, so scale the inputs down"
    )


def _result(data, parents, local_grads, op):
    """A new Value made by an operation: its number, its inputs and the local derivative for each
    (one or two of each, as tuples), and the op's symbol: the arguments TinyValue takes."""
    if not _isfinite(data):
        raise _overflow(op, [p.data for p in parents])
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out.name = None
    out.op = op
    if len(parents) == 2:
        out._a, out._b = parents
        out._da, out._db = local_grads
    else:  # one parent
        out._a, out._da = parents[0], local_grads[0]
        out._b, out._db = None, 0.0
    out._order = next(_creation_order)  # parents always exist before their children
    out._visit = -1
    return out


class Value:
    """A number that remembers how it was computed, so its gradient can flow back."""

    # _a, _b: the parents (None when absent); _da, _db: d(self)/d(parent). Two plain slots each, not
    # tuples: a tuple per operation would be one more object for Python's cycle collector to scan,
    # which measured about twice the engine's time (benchmarks/engine.py).
    __slots__ = ("data", "grad", "name", "op", "_a", "_da", "_b", "_db", "_order", "_visit")

    def __init__(self, data, name=None):
        self.data = _finite_float(data, "Value")
        self.grad = 0.0
        self.name = name
        self.op = ""
        self._a, self._da, self._b, self._db = None, 0.0, None, 0.0  # an input: made by hand, from nothing
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
        if type(other) is not Value:
            other = _as_value(other, "add")
        return _result(self.data + other.data, (self, other), _PLUS, "+")

    def __mul__(self, other):
        if type(other) is not Value:
            other = _as_value(other, "multiply")
        # d(ab)/da = b and d(ab)/db = a: multiplication swaps.
        return _result(self.data * other.data, (self, other), (other.data, self.data), "×")

    def __pow__(self, exponent):
        if isinstance(exponent, Value):
            raise TypeError(
                "Value ** Value is not supported: the exponent must be a plain number (int or float), "
                "e.g. v ** 2; for a learnable exponent write (v.log() * w).exp()"
            )
        if not _is_number(exponent):
            raise TypeError(f"exponent must be an int or float, got {type(exponent).__name__} ({exponent!r})")
        n = _finite_float(exponent, "the exponent")
        x = self.data
        op = f"**{n:g}"
        if x == 0 and n < 0:
            raise ZeroDivisionError(f"0 ** {exponent} is undefined: the base is zero and the exponent negative")
        if x == 0 and 0 < n < 1:
            raise ValueError(
                f"0 ** {exponent} is 0, but its derivative {n:g}·0^({n - 1:g}) is infinite (the curve is vertical "
                "at 0), so no gradient can flow through it; keep the base above 0, e.g. (v + 1e-12) ** 0.5"
            )
        if x < 0 and not n.is_integer():
            raise ValueError(f"({x:g}) ** {exponent} is not a real number: a negative base needs a whole-number exponent")
        try:
            data = x**n
        except OverflowError:
            raise _overflow(op, [x]) from None
        if not _isfinite(data):
            raise _overflow(op, [x])
        try:
            local = 0.0 if n == 0 else n * x ** (n - 1)  # d(xⁿ)/dx = n·xⁿ⁻¹
        except OverflowError:
            local = math.inf
        if not _isfinite(local):
            raise _overflow(op, [x], "derivative")
        return _result(data, (self,), (local,), op)

    def __neg__(self):
        return _result(-self.data, (self,), _NEG, "neg")

    def __sub__(self, other):
        if type(other) is not Value:
            other = _as_value(other, "subtract")
        return _result(self.data - other.data, (self, other), _MINUS, "−")

    def __truediv__(self, other):
        if type(other) is not Value:
            other = _as_value(other, "divide")
        if other.data == 0:
            raise ZeroDivisionError("cannot divide by a Value whose data is 0")
        data = self.data / other.data
        if not _isfinite(data):
            raise _overflow("÷", [self.data, other.data])
        # d(a/b)/da = 1/b and d(a/b)/db = −a/b² = −(a/b)/b
        local_a, local_b = 1.0 / other.data, -data / other.data
        if not (_isfinite(local_a) and _isfinite(local_b)):
            raise _overflow("÷", [self.data, other.data], "derivative")
        return _result(data, (self, other), (local_a, local_b), "÷")

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
            return _result(self.data, (self,), _OPEN, "ReLU")
        return _result(0.0, (self,), _SHUT, "ReLU")

    def tanh(self):
        t = math.tanh(self.data)
        return _result(t, (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self):
        x = self.data
        # Two forms so that exp() never overflows, whatever the sign of x.
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return _result(s, (self,), (s * (1.0 - s),), "σ")

    def exp(self):
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(
                f"exp({self.data:g}) overflows a float: the input must be at most about 709.78"
            ) from None
        return _result(e, (self,), (e,), "exp")

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive value, got {self.data:g}")
        local = 1.0 / self.data
        if not _isfinite(local):
            raise _overflow("log", [self.data], "derivative")
        return _result(math.log(self.data), (self,), (local,), "log")

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
        if not _isfinite(sum(map(_grad_of, order))):  # one sum: NaN or inf whenever a gradient is
            self._report_overflowed_gradient(order)

    @staticmethod
    def _report_overflowed_gradient(order):
        for node in reversed(order):  # from the output back: the first one found is where it started
            if not _isfinite(node.grad):
                what = node.name or ("an input" if not node.parents else f"a {node.op!r} node")
                raise OverflowError(
                    f"backward(): the gradient of {what} (value {node.data:.6g}) came out as {node.grad}: "
                    "the product of local derivatives overflows a float; scale the inputs or weights down"
                )
