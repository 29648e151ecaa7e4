"""Checks for notebook 03, building the engine. Each one recognises the usual slips and says why.

The code exercises (3.1–3.5) are checked by running the learner's own `TinyValue` on cases the notebook
never shows; the number exercises by comparing with values worked out here by plain arithmetic (no
engine), so a check cannot agree with a bug in helpers.engine.

Every check answers every input with feedback and never raises: the learner's class may be a stub,
may raise, may return None or something that is not a node at all.
"""
import functools
import math

from .core import (as_number, as_numbers, close_to, code_problem, diagnose, not_yet, numbers_problem, right,
                   run_learner_code)

__all__ = ["check_add_mul_locals", "check_activation_locals", "check_sub_pow_constants", "check_topological_order",
           "check_engine_backward", "check_exp_div_tanh", "check_two_paths", "check_loss_step", "check_relu_gate",
           "check_accumulated_grad"]

_NOT_A_CLASS = ("Pass your class itself, without brackets, e.g. `{call}(TinyValue)`; you gave {what}.")


# ---------------------------------------------------------------------------------------------------
# Reading the learner's nodes
# ---------------------------------------------------------------------------------------------------

def _short(x):
    text = repr(x) if not isinstance(x, type) else x.__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _class_problem(cls, call):
    """Feedback when `cls` is not a class (None, a number, an instance ...), else None."""
    if isinstance(cls, type):
        return None
    return not_yet(_NOT_A_CLASS.format(call=call, what=_short(cls)))


def _make(cls, data, parents=(), local_grads=(), name=""):
    """A node of the learner's class, built with the constructor the notebook gives (not an exercise)."""
    return cls(data, parents=parents, local_grads=local_grads, op="", name=name)


def _never_raises(check):
    """A last safety net: whatever the learner's class does, the check answers with feedback."""
    @functools.wraps(check)
    def safe(*args):
        try:
            return check(*args)
        except Exception as error:  # the learner's objects can raise from anywhere (a property, __eq__ ...)
            return not_yet(f"Checking your code raised {type(error).__name__}: {error}. Run your cells again "
                           "from the class cell down, and compare with the stub's instructions.")
    return safe


def _inputs(cls, **values):
    """Fresh input nodes named like the keywords, or (None, Feedback) if the constructor no longer works."""
    nodes, problem = run_learner_code(lambda: {k: _make(cls, v, name=k) for k, v in values.items()}, "TinyValue(...)")
    if problem is not None:
        return None, not_yet("The check builds nodes with TinyValue(data, parents=..., local_grads=..., op=..., "
                             f"name=...), as the class cell defines it, and that failed: {problem.message} "
                             "Run the class cell again (and the exercise cells after it).")
    return nodes, None


def _local(d):
    """A local derivative as a float (True/False count: `(self.data > 0,)` is a fine relu), or None."""
    return float(d) if isinstance(d, bool) else as_number(d)


def _node_problem(node, what):
    """Why `node` is not a usable node (None if it is): it needs a number `data` and matching `parents`
    and `local_grads`. Reading the attributes can itself raise, so it is done through run_learner_code."""
    if node is None:
        return f"{what} returned None: it should return the new TinyValue it made."
    if as_number(node) is not None:
        return (f"{what} returned the plain number {_short(node)}: return a TinyValue that remembers its "
                "parents and local derivatives, not just the value.")
    fields, problem = run_learner_code(lambda: (node.data, tuple(node.parents), tuple(node.local_grads)), what)
    if problem is not None:
        return (f"{what} returned a {type(node).__name__} whose data, parents and local_grads cannot be read "
                f"({problem.message}). Return a TinyValue.")
    data, parents, locals_ = fields
    if as_number(data) is None:
        return f"{what} made a node whose data is {_short(data)}, not a finite number."
    if len(parents) != len(locals_):
        return (f"{what} made a node with {len(parents)} parent(s) but {len(locals_)} local derivative(s): "
                "give one local derivative per parent, in the same order.")
    if any(hasattr(d, "data") for d in locals_):
        return (f"{what} records a node as a local derivative: use other.data, not other (and self.data, not "
                "self). A local derivative is a plain number, the slope at this point.")
    if any(_local(d) is None for d in locals_):
        return f"{what} made a node whose local derivatives {_short(locals_)} are not all finite numbers."
    return None


def _graph_grads(out, leaves, what):
    """d(out)/d(leaf) for each leaf, by walking the learner's graph (its parents and local_grads) with a
    reference backward pass. Returns (dict leaf-name → gradient, None) or (None, message).

    Using the learner's graph only through parents and local_grads means any correct way of building
    it (e.g. a − b as a + (−1)·b) is accepted."""
    order, seen, stack = [], set(), [(out, False)]
    while stack:  # iterative depth-first walk: a node after all of its parents
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        if node is not out and as_number(node) is not None:
            return None, (f"{what} recorded the plain number {_short(node)} as a parent: parents must be "
                          "TinyValues (wrap a number with as_tiny first).")
        if (problem := _node_problem(node, what)) is not None:
            return None, problem
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in node.parents if id(p) not in seen)
        if len(seen) > 10_000:
            return None, f"{what} built a graph of more than 10,000 nodes for one operation."
    grads = {id(node): 0.0 for node in order}
    grads[id(out)] = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads):
            grads[id(parent)] += _local(local) * grads[id(node)]
    return {name: grads.get(id(leaf), 0.0) for name, leaf in leaves.items()}, None


def _say(message):
    """not_yet with the message's first letter capitalised (it often starts with "your ...")."""
    return not_yet(message[:1].upper() + message[1:])


def _fmt(x):
    return f"{x:.6g}"


def _same(values, expected, tol=1e-9):
    return all(close_to(v, e, tol) for v, e in zip(values, expected))


def _op_result(call, what, leaves, data, grads, slips=(), value_slips=()):
    """Run one operation of the learner's class and compare its value and gradients with the right ones.

    `grads` maps each leaf name to d(result)/d(leaf); `slips` is a list of (gradients a slip gives,
    message). Returns None when right, else the message saying what is wrong."""
    result, problem = run_learner_code(call, what)
    if problem is not None:
        return problem.message
    if any(result is leaf for leaf in leaves.values()):
        return (f"{what} returned one of its inputs, changed in place. Make a new TinyValue for the result: the "
                "inputs must keep their own values.")
    got, message = _graph_grads(result, leaves, what)
    if message is not None:
        return message
    value = as_number(result.data)
    if not close_to(value, data, 1e-9):
        for slip_value, slip_message in value_slips:
            if close_to(value, slip_value, 1e-9):
                return slip_message
        return f"{what} gives the value {_fmt(value)}; it should be {_fmt(data)}."
    names = list(grads)
    got_values = [got[n] for n in names]
    if _same(got_values, [grads[n] for n in names]):
        return None
    for slip_grads, slip_message in slips:
        if _same(got_values, [slip_grads[n] for n in names]):
            return slip_message
    said = ", ".join(f"d/d{n} = {_fmt(got[n])}" for n in names)
    want = ", ".join(f"d/d{n} = {_fmt(grads[n])}" for n in names)
    if all(g == 0 for g in got_values):
        return (f"{what} gives {said}: the result is not connected to its inputs. Record them as the "
                "`parents` of the new TinyValue, with one local derivative each.")
    return f"{what} gives {said}; it should be {want}."


def _first_problem(checks):
    """The first message among the (lazy) checks, or None."""
    for check in checks:
        if (message := check()) is not None:
            return message
    return None


# ---------------------------------------------------------------------------------------------------
# Exercise 3.1: the local derivatives of + and ×
# ---------------------------------------------------------------------------------------------------

@_never_raises
def check_add_mul_locals(TinyValue):
    """Exercise 3.1: `__add__` and `__mul__` make a new node with the right value and local derivatives."""
    if (problem := _class_problem(TinyValue, "checks.check_add_mul_locals")) is not None:
        return problem
    a, b = 2.5, -4.0  # hidden inputs: different sizes and signs, so every slip shows
    x, problem = _inputs(TinyValue, a=a, b=b)
    if problem is not None:
        return problem
    add = "your `__add__`"
    mul = "your `__mul__`"
    message = _first_problem([
        lambda: _op_result(lambda: x["a"] + x["b"], add, x, a + b, {"a": 1.0, "b": 1.0}, slips=[
            ({"a": b, "b": a}, f"{add} gives d/da = b and d/db = a: that is the rule for ×. + routes: nudge a by h "
                               "and a + b moves by h too, so both local derivatives are 1."),
            ({"a": a, "b": b}, f"{add} gives d/da = a and d/db = b, the inputs themselves. + routes: nudge a "
                               "by h and a + b moves by h, so both local derivatives are 1."),
            ({"a": 1.0, "b": -1.0}, f"{add} gives d/db = −1: that is subtraction. Nudging b up moves a + b up: +1."),
            ({"a": 1.0, "b": 0.0}, f"{add} sends nothing back to its second input (d/db = 0): b moves the sum "
                                   "as much as a does, so d/db = 1 too."),
        ]),
        lambda: _op_result(lambda: x["a"] * x["b"], mul, x, a * b, {"a": b, "b": a}, slips=[
            ({"a": a, "b": b}, f"{mul} gives d/da = a; multiplication swaps: it should be b. Nudge a by h and "
                               "a·b moves by b·h (and nudging b moves it by a·h)."),
            ({"a": 1.0, "b": 1.0}, f"{mul} gives local derivatives 1 and 1: that is the rule for +. For a·b, "
                                   "d/da is the other input, b, and d/db is a."),
            ({"a": a * b, "b": a * b}, f"{mul} uses the product a·b as both local derivatives. d(a·b)/da is "
                                       "the other input, b, and d(a·b)/db is a."),
            ({"a": b, "b": 0.0}, f"{mul} sends nothing back to its second input. d(a·b)/db = a."),
        ]),
        lambda: _op_result(lambda: x["b"] * x["a"], mul, {"b": x["b"], "a": x["a"]}, a * b, {"b": a, "a": b}),
    ])
    if message is not None:
        return _say(f"{message} (case a = {a:g}, b = {b:g})")
    return right(f"On hidden inputs (a = {a:g}, b = {b:g}): a + b has local derivatives (1, 1) — + routes — and "
                 "a·b has (b, a) — × swaps. Each new node remembers its parents and those numbers.")


# ---------------------------------------------------------------------------------------------------
# Exercise 3.2: relu and tanh
# ---------------------------------------------------------------------------------------------------

def _relu_case(x, z):
    what = "your `relu`"
    local = 1.0 if z > 0 else 0.0
    slips = [({"z": z}, f"{what} gives the local derivative z = {z:g} itself. relu(z) = z has slope 1 where "
                        "z > 0 (and 0 where z < 0): the derivative is 1 or 0, a gate.")] if z > 0 else [
        ({"z": 1.0}, f"{what} gives the local derivative 1 at z = {z:g}. There relu is flat (its output stays 0 "
                     "when z moves a little), so the local derivative is 0: the gate is closed."),
        ({"z": z}, f"{what} gives the local derivative z = {z:g}. Where z < 0 relu is flat: 0.")]
    value_slips = [(z, f"{what} gives relu({z:g}) = {z:g}: for a negative input relu outputs 0.")] if z < 0 else []
    return _op_result(lambda: x["z"].relu(), what, x, max(z, 0.0), {"z": local}, slips, value_slips)


def _tanh_case(x, z):
    what = "your `tanh`"
    t = math.tanh(z)
    slips = [
        ({"z": 1 - z * z}, f"{what} gives 1 − z² at z = {z:g}, using the input. The derivative of tanh is "
                           "1 − tanh(z)² = 1 − t², with the OUTPUT t."),
        ({"z": t}, f"{what} gives the output t = tanh(z) as the local derivative; it should be 1 − t²."),
        ({"z": 1 - t}, f"{what} gives 1 − t; the local derivative of tanh is 1 − t² (t squared)."),
        ({"z": 1.0}, f"{what} gives the local derivative 1; that is only true at z = 0. It is 1 − t² with "
                     "t = tanh(z)."),
    ]
    return _op_result(lambda: x["z"].tanh(), what, x, t, {"z": 1 - t * t}, slips)


@_never_raises
def check_activation_locals(TinyValue):
    """Exercise 3.2: `relu` (a gate: local derivative 1 or 0) and `tanh` (local derivative 1 − t²)."""
    if (problem := _class_problem(TinyValue, "checks.check_activation_locals")) is not None:
        return problem
    cases = [("relu", 1.7), ("relu", -0.8), ("tanh", 0.6), ("tanh", -1.3)]
    for kind, z in cases:
        x, problem = _inputs(TinyValue, z=z)
        if problem is not None:
            return problem
        if (message := (_relu_case if kind == "relu" else _tanh_case)(x, z)) is not None:
            return _say(f"{message} (case z = {z:g})")
    return right("On hidden inputs: relu passes the change (local derivative 1) where z > 0 and blocks it (0) "
                 "where z < 0; tanh's local derivative is 1 − t², computed from its output t.")


# ---------------------------------------------------------------------------------------------------
# Exercise 3.3: subtraction, powers and plain numbers
# ---------------------------------------------------------------------------------------------------

@_never_raises
def check_sub_pow_constants(TinyValue):
    """Exercise 3.3: `a − b`, `a ** n`, and plain numbers on either side (`a + 2`, `2 * a`, `2 − a` ...)."""
    if (problem := _class_problem(TinyValue, "checks.check_sub_pow_constants")) is not None:
        return problem
    a, b = 2.5, -4.0
    x, problem = _inputs(TinyValue, a=a, b=b)
    if problem is not None:
        return problem
    only_a = {"a": x["a"]}
    sub, pow_ = "your `__sub__`", "your `__pow__`"

    def power(n):
        d = n * a ** (n - 1)
        return lambda: _op_result(lambda: x["a"] ** n, f"{pow_} (a ** {n:g})", only_a, a ** n, {"a": d}, slips=[
            ({"a": a ** (n - 1)}, f"{pow_} gives a^(n−1) for a ** {n:g}: the exponent n comes down as a factor, "
                                  f"n·a^(n−1) = {_fmt(d)}."),
            ({"a": n * a ** n}, f"{pow_} gives n·aⁿ for a ** {n:g}: the exponent drops by one, n·a^(n−1) = "
                                f"{_fmt(d)}."),
            ({"a": 2 * a}, f"{pow_} gives 2·a for a ** {n:g}: 2a is only right for n = 2 (the slope of a²). "
                           f"For a ** n the power rule gives n·a^(n−1) = {_fmt(d)}."),
            ({"a": n * a}, f"{pow_} gives n·a for a ** {n:g}; that is only right for n = 2. The rule is n·a^(n−1)."),
            ({"a": n * a ** n - 1}, f"{pow_} for a ** {n:g} computes n·aⁿ − 1: mind the brackets, `a ** n - 1` "
                                    "is (aⁿ) − 1. Write a ** (n - 1)."),
            ({"a": n * (a ** n - 1)}, f"{pow_} for a ** {n:g} computes n·(aⁿ − 1): mind the brackets, "
                                      "`a ** n - 1` is (aⁿ) − 1. Write a ** (n - 1)."),
        ])

    def constant(call, shown, value, d_a, value_slips=()):
        return lambda: _op_result(call, f"`{shown}`", only_a, value, {"a": d_a}, value_slips=value_slips)

    message = _first_problem([
        lambda: _op_result(lambda: x["a"] - x["b"], sub, x, a - b, {"a": 1.0, "b": -1.0}, slips=[
            ({"a": 1.0, "b": 1.0}, f"{sub} gives d/db = +1. Nudging b UP moves a − b DOWN: d(a − b)/db = −1."),
            ({"a": -1.0, "b": 1.0}, f"{sub} has the signs swapped: d(a − b)/da = +1 and d(a − b)/db = −1."),
        ]),
        power(3),
        power(-1),
        constant(lambda: x["a"] + 2, "a + 2", a + 2, 1.0),
        constant(lambda: x["a"] - 2, "a - 2", a - 2, 1.0),
        constant(lambda: x["a"] * 2, "a * 2", a * 2, 2.0),
        constant(lambda: 2 + x["a"], "2 + a", 2 + a, 1.0),
        constant(lambda: 2 * x["a"], "2 * a", 2 * a, 2.0),
        constant(lambda: 2 - x["a"], "2 - a", 2 - a, -1.0, value_slips=[
            (a - 2, "`2 - a` gives a − 2: for 2 − a Python calls a.__rsub__(2), and there `other` (the plain number) "
                    "comes FIRST: return as_tiny(other) - self, not self - other.")]),
        constant(lambda: 0.5 * (x["a"] - 1) ** 2, "0.5 * (a - 1) ** 2", 0.5 * (a - 1) ** 2, a - 1),
    ])
    if message is not None:
        if message.startswith("`2") and "RecursionError" in message:
            message += (" In a reflected method `other` is the plain number, so `other * self` asks the number "
                        "first, the number cannot multiply a TinyValue, and Python asks self.__rmul__ again, "
                        "without end. Put self first: write self * other (or as_tiny(other) - self for −).")
        elif message.startswith("`2") and "unsupported operand" in message:
            message += (" When the left side is a plain number, Python asks the right side: 2 * a calls "
                        "a.__rmul__(2), 2 + a calls a.__radd__(2), 2 - a calls a.__rsub__(2). Define those.")
        elif "has no attribute 'data'" in message:
            message += (" A plain number has no .data: wrap it first with other = as_tiny(other), as the stub of "
                        "__add__ does.")
        return _say(f"{message} (case a = {a:g}, b = {b:g})")
    return right(f"On hidden inputs (a = {a:g}, b = {b:g}): a − b has local derivatives (1, −1), a ** n has "
                 "n·a^(n−1), and plain numbers work on either side, so ½(ŷ − y)² can be written as it reads.")


# ---------------------------------------------------------------------------------------------------
# Exercises 3.4 and 3.5: the order, and backward()
# ---------------------------------------------------------------------------------------------------

# A hidden graph with a fan-out (x feeds u and v, u feeds v and out) and a node using one parent twice (w).
#   u = f(x, y), v = f(x, u), w = f(u, u), out = f(v, w)   local derivatives chosen by hand, all different
_GRAPH = [("u", ("x", "y"), (2.0, -3.0)), ("v", ("x", "u"), (0.5, 4.0)), ("w", ("u", "u"), (1.5, -0.25)),
          ("out", ("v", "w"), (-1.0, 3.0))]
_INPUTS = {"x": 1.0, "y": 2.0}


def _hidden_graph(cls):
    """The hidden graph built with the learner's constructor: a dict name → node (the output is 'out')."""
    nodes = {name: _make(cls, value, name=name) for name, value in _INPUTS.items()}
    for name, parents, locals_ in _GRAPH:
        nodes[name] = _make(cls, 0.0, tuple(nodes[p] for p in parents), locals_, name)
    return nodes


def _build(cls):
    return run_learner_code(lambda: _hidden_graph(cls), "TinyValue(...)")


def _names(order, nodes):
    by_id = {id(node): name for name, node in nodes.items()}
    return [by_id.get(id(node), "?") for node in order]


def _order_problem(TinyValue):
    """Why the learner's topological_order is wrong on the hidden graph (None when it is right)."""
    nodes, problem = _build(TinyValue)
    if problem is not None:
        return f"The check could not build its graph with TinyValue(data, parents=..., local_grads=...): {problem.message}"
    what = "your `topological_order`"
    result, problem = run_learner_code(lambda: nodes["out"].topological_order(), what)
    if problem is not None:
        return problem.message
    if result is None:
        return f"{what} returned None: return the list of nodes (e.g. `return order`)."
    try:
        order = list(result)
    except TypeError:
        return f"{what} returned {_short(result)}; return a list of the nodes."
    names = _names(order, nodes)
    if "?" in names:
        return (f"{what} returned something that is not a node of the graph ({_short(order[names.index('?')])}): "
                "list the TinyValues themselves.")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return (f"{what} lists {repeated[0]} {names.count(repeated[0])} times: {repeated[0]} is reached along "
                "several paths, but must appear once. Keep a set of the nodes already visited and skip them.")
    missing = [n for n in nodes if n not in names]
    if missing == ["out"]:
        return f"{what} leaves out the output itself: the list ends with the node you called it on."
    if missing:
        return (f"{what} leaves out {', '.join(missing)}: the list must hold every node the output depends on, "
                "inputs included.")
    place = {n: i for i, n in enumerate(names)}
    ok = all(place[p] < place[name] for name, parents, _ in _GRAPH for p in parents)
    if not ok:
        if names[0] == "out":
            return (f"{what} lists the output first ({', '.join(names)}). topological_order lists every node "
                    "AFTER its parents (inputs first, output last): visit a node's parents first, then append the "
                    "node. backward() walks that list reversed.")
        name, parent = next((name, p) for name, parents, _ in _GRAPH for p in parents if place[p] > place[name])
        return (f"{what} gives {', '.join(names)}: {name} comes before {parent}, but {name} is made from "
                f"{parent}. List a node only after all of its parents (visit the parents first, then append).")
    again, problem = run_learner_code(lambda: nodes["out"].topological_order(), what + " (called a second time)")
    if problem is not None:
        return problem.message
    again = list(again) if again is not None else []
    if _names(again, nodes) != names:
        return (f"{what} gives a different list the second time ({len(again)} nodes instead of {len(names)}). "
                "The visited set (or the list) outlives the call: a default argument like `seen=set()` is made "
                "ONCE and shared by every call. Create them inside the method.")
    v_order, problem = run_learner_code(lambda: nodes["v"].topological_order(), what)
    if problem is not None:
        return problem.message
    v_names = _names(list(v_order or []), nodes)
    if sorted(v_names) != ["u", "v", "x", "y"]:
        return (f"{what} called on v lists {', '.join(v_names) or 'nothing'}; it should list v and the nodes it "
                "depends on (x, y, u), each once. Is a set or list shared between calls?")
    return None


@_never_raises
def check_topological_order(TinyValue):
    """Exercise 3.4: `topological_order()` lists every node once, each after its parents, the output last."""
    if (problem := _class_problem(TinyValue, "checks.check_topological_order")) is not None:
        return problem
    if (message := _order_problem(TinyValue)) is not None:
        return _say(f"{message} (hidden graph: u = f(x, y), v = f(x, u), w = f(u, u), out = f(v, w))")
    return right("On a hidden graph where x and u each feed two nodes: every node listed once, each after the "
                 "nodes it is made from, the output last. Walked backwards, this order lets each node pass its "
                 "gradient on only after every node that uses it has sent its share.")


def _simulate(order_names, seed=1.0, overwrite=False, forward=False, use_local=True, use_grad=True):
    """Gradients on the hidden graph from a backward pass with a given slip, walking `order_names`."""
    parents = {name: (ps, ls) for name, ps, ls in _GRAPH}
    grads = {name: 0.0 for name in order_names}
    grads["out"] = seed
    walk = order_names if forward else list(reversed(order_names))
    for name in walk:
        if name not in parents:
            continue
        ps, ls = parents[name]
        for p, local in zip(ps, ls):
            share = (local if use_local else 1.0) * (grads[name] if use_grad else 1.0)
            grads[p] = share if overwrite else grads[p] + share
    return grads


@_never_raises
def check_engine_backward(TinyValue):
    """Exercise 3.5: `backward()` seeds the output with 1 and applies parent.grad += local · grad in reverse order."""
    if (problem := _class_problem(TinyValue, "checks.check_engine_backward")) is not None:
        return problem
    if (message := _order_problem(TinyValue)) is not None:
        return not_yet(f"backward() walks the order from exercise 3.4, which is not right yet: {message}")
    nodes, problem = _build(TinyValue)
    if problem is not None:
        return problem
    order = _names(nodes["out"].topological_order(), nodes)
    what = "your `backward`"
    calls, problem = _run_backward_counting(TinyValue, nodes["out"], what)
    if problem is not None:
        return _say(problem.message)
    got, problem = run_learner_code(lambda: {n: as_number(node.grad) for n, node in nodes.items()}, "reading .grad")
    if problem is not None or any(g is None for g in got.values()):
        return not_yet(f"After {what}, some .grad is not a finite number: {_short(got)}.")
    expected = _simulate(order)
    names = list(nodes)
    if _same([got[n] for n in names], [expected[n] for n in names]):
        return right(_backward_praise(expected) + " " + _second_call(nodes, expected))
    if calls > 1:
        return not_yet(f"On a hidden graph, your backward() calls backward() on other nodes ({calls - 1} extra "
                       "call(s)), and each call seeds ITS node with grad 1 again, overwriting what that node "
                       "had received (here the gradients come out as "
                       + ", ".join(f"{n} {_fmt(got[n])}" for n in names) + "). Seed only the output, once, then "
                       "walk the topological order reversed in one loop: no recursive calls.")
    slips = [
        (_simulate(order, seed=0.0), "you forgot to start with grad 1 at the output: d(out)/d(out) = 1. With the "
                                     "output's gradient left at 0, every product is 0."),
        ({**_simulate(order, seed=0.0), "out": 1.0},
         "every gradient except the output's is 0. Either the seed comes too late (set self.grad = 1 BEFORE the "
         "walk), or you multiply by a gradient that is still 0: each parent gets local × node.grad, the "
         "gradient of the node being walked, not parent.grad."),
        (_simulate(order, overwrite=True), "fan-out: x feeds u and v, and u feeds v and w (twice); a node's "
                                           "gradient must be the SUM of what each use sends back, and you "
                                           "overwrote it (= instead of +=)."),
        (_simulate(order, forward=True), _visits_too_early(order)),
        (_simulate(order, use_local=False), "you left out the local derivative: each parent gets "
                                            "local derivative × the node's gradient, not the node's gradient alone."),
        (_simulate(order, use_grad=False), "you left out the node's own gradient: each parent gets "
                                           "local derivative × node.grad (the chain rule multiplies along the path)."),
    ]
    for values, message in slips:
        if _same([got[n] for n in names], [values[n] for n in names]):
            return not_yet(f"On a hidden graph, {message}")
    said = ", ".join(f"{n} {_fmt(got[n])}" for n in names)
    want = ", ".join(f"{n} {_fmt(expected[n])}" for n in names)
    return not_yet(f"On a hidden graph (u = f(x, y), v = f(x, u), w = f(u, u), out = f(v, w)) your gradients are "
                   f"{said}; they should be {want}. Seed the output with 1, walk the topological order "
                   "reversed, and for each node add local × node.grad to each parent's grad.")


def _run_backward_counting(cls, out, what):
    """Call out.backward() and count how many times backward() ran on any node of the learner's class
    (more than once means it calls itself on other nodes). Returns (count, None) or (None, Feedback)."""
    calls = [0]
    original = cls.__dict__.get("backward")

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    if callable(original):
        setattr(cls, "backward", counting)
    try:
        _, problem = run_learner_code(lambda: out.backward(), what)
    finally:
        if callable(original):
            setattr(cls, "backward", original)
    return (None, problem) if problem is not None else (calls[0], None)


def _second_call(nodes, once):
    """What the learner's backward() does when called a second time on the same graph, in one sentence."""
    _, problem = run_learner_code(lambda: nodes["out"].backward(), "a second backward()")
    twice, problem2 = run_learner_code(lambda: {n: as_number(node.grad) for n, node in nodes.items()}, ".grad")
    if problem is not None or problem2 is not None or any(g is None for g in twice.values()):
        return "(A second call on the same graph failed; this notebook always builds a fresh graph.)"
    if all(close_to(twice[n], once[n], 1e-9) for n in once):
        return ("Called a second time on the same graph it gives the same numbers: it clears the gradients "
                "first, as helpers.engine does.")
    return (f"Called a second time on the same graph it adds again: x goes from {_fmt(once['x'])} to "
            f"{_fmt(twice['x'])}, more than double, because u, v and w still hold their gradients and pass them "
            "on again. That is fine here: every step of this notebook builds a fresh graph (section 8 shows it).")


def _visits_too_early(order):
    # In the forward walk the first node that passes on an incomplete gradient is u (used by v and w).
    return ("your backward visits u before the nodes that use it (v and w), so u passes on a gradient that is "
            "not complete yet. Walk the topological order REVERSED: the output first.")


def _backward_praise(expected):
    return ("On a hidden graph with fan-out (x feeds u and v; u feeds v and, twice, w): output seeded with 1, "
            "nodes walked in reverse topological order, and each use adds its share — x collects "
            f"{_fmt(expected['x'])} from its two paths. Your engine is complete.")


# ---------------------------------------------------------------------------------------------------
# Stretch exercise: exp, division, and tanh built from them
# ---------------------------------------------------------------------------------------------------

def _exp_div_problem(x, a, b, z):
    exp, div = "your `exp`", "your `__truediv__`"
    e = math.exp(z)
    return _first_problem([
        lambda: _op_result(lambda: x["z"].exp(), exp, {"z": x["z"]}, e, {"z": e}, slips=[
            ({"z": z}, f"{exp} gives the input z as its local derivative. The slope of eᶻ is eᶻ itself: reuse "
                       "the output."),
            ({"z": 1.0}, f"{exp} gives the local derivative 1, the slope of eᶻ only at z = 0. It is eᶻ, the output."),
            ({"z": z * math.exp(z - 1)}, f"{exp} uses the power rule (z·e^(z−1)); that is for zⁿ with a fixed n. "
                                         "For eᶻ the variable is the exponent, and the slope is eᶻ itself."),
        ]),
        lambda: _op_result(lambda: x["a"] / x["b"], div, {"a": x["a"], "b": x["b"]}, a / b,
                           {"a": 1 / b, "b": -a / b ** 2}, slips=[
            ({"a": 1 / b, "b": a / b ** 2}, f"{div} gives d/db = +a/b²; the sign is minus: a/b = a·b⁻¹, and "
                                            "the power rule gives d(b⁻¹)/db = −b⁻², so d(a/b)/db = −a/b²."),
            ({"a": 1 / b, "b": 0.0}, f"{div} sends nothing back to the divisor b, but b moves a/b too: "
                                     "d(a/b)/db = −a/b² (or build a/b as a * b ** -1 and let your engine find it)."),
            ({"a": b, "b": a}, f"{div} records the rule for ×. For a/b: d/da = 1/b and d/db = −a/b²."),
        ], value_slips=[(b / a, f"{div} computes b/a: in `a / b` self is a, the dividend, and other is b.")]),
        lambda: _op_result(lambda: x["a"] / 2, f"{div} with a plain number (a / 2)", {"a": x["a"]}, a / 2,
                           {"a": 0.5}),
    ])


def _tanh_problem(cls, tanh_from_exp, z):
    what = "your `tanh_from_exp`"
    x, problem = _inputs(cls, z=z)
    if problem is not None:
        return problem.message
    result, problem = run_learner_code(lambda: tanh_from_exp(x["z"]), what)
    if problem is not None:
        return problem.message
    if as_number(result) is not None:
        return (f"{what} returned the plain number {_short(result)}: build tanh from TinyValue operations "
                "(z.exp(), /, −, +) so that the result remembers its graph and gradients can flow.")
    t = math.tanh(z)
    got, message = _graph_grads(result, {"z": x["z"]}, what)
    if message is not None:
        return message
    if list(getattr(result, "parents", ())) == [x["z"]]:
        return (f"{what} makes one node straight from z (did it call z.tanh()?). The point is to build tanh "
                "from exp and /, e.g. (e^(2z) − 1)/(e^(2z) + 1), and see backward() find 1 − t² by itself.")
    value = as_number(result.data)
    value_slips = [(1 / t, "that is 1/tanh(z): the numerator and the denominator are swapped. tanh(z) = "
                           "(e^(2z) − 1)/(e^(2z) + 1)."),
                   (math.tanh(z / 2), "that is tanh(z/2): with e^z in place of e^(2z), write "
                                      "(e^z − e^(−z))/(e^z + e^(−z)) instead, or use e^(2z).")]
    if not close_to(value, t, 1e-9):
        for slip, why in value_slips:
            if close_to(value, slip, 1e-9):
                return f"{what} gives {_fmt(value)} at z = {z:g}: {why}"
        return f"{what} gives {_fmt(value)} at z = {z:g}; tanh({z:g}) = {_fmt(t)}."
    if not close_to(got["z"], 1 - t * t, 1e-9):
        return (f"{what} has the right value, but the gradient through its graph is {_fmt(got['z'])}, not "
                f"1 − t² = {_fmt(1 - t * t)}: one of the operations it uses records a wrong local derivative.")
    return None


@_never_raises
def check_exp_div_tanh(TinyValue, tanh_from_exp):
    """Stretch exercise 3.9: `exp`, `__truediv__`, and tanh built from them, whose gradient through the
    graph must equal the 1 − t² of exercise 3.2."""
    if (problem := _class_problem(TinyValue, "checks.check_exp_div_tanh")) is not None:
        return problem
    if (problem := code_problem(tanh_from_exp, "tanh_from_exp")) is not None:
        return problem
    a, b, z = 2.5, -4.0, 0.7
    x, problem = _inputs(TinyValue, a=a, b=b, z=z)
    if problem is not None:
        return problem
    if (message := _exp_div_problem(x, a, b, z)) is not None:
        return _say(f"{message} (case a = {a:g}, b = {b:g}, z = {z:g})")
    for case in (0.6, -1.3):
        if (message := _tanh_problem(TinyValue, tanh_from_exp, case)) is not None:
            return _say(f"{message} (case z = {case:g})")
    t = math.tanh(0.6)
    return right(f"exp's local derivative is its own output, a/b sends 1/b and −a/b² back, and your tanh built "
                 f"from them gives, at z = 0.6, t = {_fmt(t)} with gradient {_fmt(1 - t * t)} = 1 − t²: the "
                 "same as exercise 3.2's one-node tanh, found by the chain rule through several nodes.")


# ---------------------------------------------------------------------------------------------------
# Number exercises
# ---------------------------------------------------------------------------------------------------

def check_two_paths(answer):
    """Exercise 3.6: dq/da for q = a·b + a·a at a = 3, b = 2."""
    a, b = 3.0, 2.0
    expected = b + 2 * a  # a·b contributes b; a·a uses a twice, each use contributes the other factor a
    return diagnose(answer, expected, slips=[
        (b, "That counts only the path through a·b. a also feeds a·a, and its gradient collects every path: "
            "add them all up."),
        (2 * a, "That counts only the paths through a·a. a also feeds a·b, which adds b: sum every path."),
        (a + b, "Close: a·a is a multiplication whose two inputs are both a, so a receives a gradient from each "
                "input — a twice, not once (as the rule d(a²)/da = 2a says)."),
        (a * b + a * a, "That is the value of q, not its derivative. Ask how much q moves when a moves a little."),
    ], explanation=(f"a reaches q along three paths: through a·b it brings b = {b:g}, and through a·a it arrives "
                    f"twice, bringing a = {a:g} each time. The gradient is the sum: {b:g} + {a:g} + {a:g} = "
                    f"{expected:g}."),
        hint="Treat each use of a separately: through a·b the local derivative is b; through a·a each of the two "
             "inputs gets the other one, a. Then add every path.", example="5")


def check_loss_step(answer):
    """Exercise 3.7: (w1, w2, w3, w4) after one step of η = 0.1 on C = ½(ŷ − y)², y = 1, example (1, 2, 3),
    all weights 1."""
    if (problem := numbers_problem(answer, 4, "(0.1, 0.2, 0.3, 0.4)")) is not None:
        return problem
    values = as_numbers(answer, 4)
    a, b, c, lr, w, target = 1.0, 2.0, 3.0, 0.1, 1.0, 1.0
    s = (a + b + c) * w
    y_hat = s * w
    dc = y_hat - target

    def step(scale, new_w4_first=False):
        w4 = w - lr * scale * s
        w4_used = w4 if new_w4_first else w
        return (w - lr * scale * w4_used * a, w - lr * scale * w4_used * b, w - lr * scale * w4_used * c, w4)

    expected = step(dc)
    if _same(values, expected, 1e-6):
        return right(f"ŷ = {y_hat:g}, so ∂C/∂ŷ = ŷ − y = {dc:g}; every gradient of ŷ is scaled by it "
                     f"(∂C/∂w4 = {dc:g}·s, ∂C/∂wi = {dc:g}·w4·xi), all taken at the old weights: "
                     "(" + ", ".join(f"{v:g}" for v in expected) + ").")
    slips = [
        (step(1.0), "Those are the steps of the naive rule, down ∂ŷ/∂w. With the cost, every gradient is "
                    f"multiplied by ∂C/∂ŷ = ŷ − y = {dc:g}."),
        (step(2 * dc), "Twice too far: that is the gradient of (ŷ − y)², without the ½. The ½ is there so "
                       "that ∂C/∂ŷ is just ŷ − y."),
        (step(dc, new_w4_first=True), "w4 is right, but w1, w2, w3 used the new w4. Compute every gradient at "
                                      "the old weights first, then update them all."),
        (step(-dc), "Every weight moved the wrong way: subtract η·gradient (downhill), don't add it."),
    ]
    for slip, message in slips:
        if _same(values, slip, 1e-6):
            return not_yet(message)
    if close_to(values[3], expected[3]):
        return not_yet(f"w4 = {expected[3]:g} is right. For w1..w3, ∂C/∂wi = (ŷ − y)·w4·xi with the old w4 = 1.")
    return not_yet(f"Forward first: s = {s:g}, ŷ = {y_hat:g}, ∂C/∂ŷ = ŷ − y = {dc:g}. Then "
                   "∂C/∂w4 = (ŷ − y)·s and ∂C/∂wi = (ŷ − y)·w4·xi, and w ← w − 0.1·gradient.")


def check_relu_gate(answer):
    """Exercise 3.8: (∂o/∂w, ∂o/∂b, ∂o/∂v) for o = relu(w·x + b)·v at x = 2, w = −1, b = 0.5, v = 3."""
    if (problem := numbers_problem(answer, 3, "(1.0, 0.0, -2.0)")) is not None:
        return problem
    values = as_numbers(answer, 3)
    x, w, b, v = 2.0, -1.0, 0.5, 3.0
    z = w * x + b  # −1.5: the gate is closed
    h = max(z, 0.0)
    gate = 1.0 if z > 0 else 0.0
    expected = (v * gate * x, v * gate, h)
    if _same(values, expected, 1e-6):
        return right(f"z = w·x + b = {z:g} is negative, so relu(z) = 0 and its local derivative is 0: nothing "
                     "flows back to w or b. And ∂o/∂v = relu(z) = 0 too — v multiplies a zero. "
                     "Every gradient is 0: this example cannot teach any of these weights.")
    if _same(values, (v * x, v, z), 1e-6):
        return not_yet(f"Those are the gradients with the ReLU left out. z = {z:g} is negative, so the ReLU "
                       "outputs 0 and passes no change back: its local derivative there is 0.")
    if _same(values[:2], (0.0, 0.0), 1e-6):
        return not_yet("∂o/∂w and ∂o/∂b are right (the closed gate blocks them). For ∂o/∂v: o = relu(z)·v, "
                       "so ∂o/∂v is the other factor, relu(z) — what is it here?")
    return not_yet(f"Forward first: z = w·x + b = {z:g}, then relu(z). The ReLU's local derivative is "
                   "1 where z > 0 and 0 where z < 0; multiply along each path back to w, b and v.")


def check_accumulated_grad(answer):
    """Exercise 3.10: w3.grad on the black box at (3, 4, 1), weights 0.5, after backward(accumulate=True) twice,
    then backward(), then backward(accumulate=True) once more."""
    one = 0.5 * 1.0  # ∂ŷ/∂w3 = w4·x3
    s = 3 * 0.5 + 4 * 0.5 + 1 * 0.5  # ∂ŷ/∂w4, for a learner who reads the wrong weight
    return diagnose(answer, 2 * one, slips=[
        (4 * one, "That adds all four passes. The plain backward() in the middle starts from zero: it throws "
                  "away what the first two passes left."),
        (3 * one, "Three passes' worth. Follow the calls: two accumulating passes, then a plain backward() that "
                  "resets before it adds one, then one more accumulating pass."),
        (one, "That is one pass. The last call has accumulate=True, so it adds to what the plain backward() left."),
        (2 * s, f"That is w4's gradient (∂ŷ/∂w4 = s = {s:g} per pass). For w3, one pass gives w4·x3."),
        (s, f"That is w4's gradient for one pass (s = {s:g}). For w3, one pass gives w4·x3."),
    ], explanation=(f"One pass gives ∂ŷ/∂w3 = w4·x3 = {one:g}. The two accumulating passes leave {2 * one:g}; the "
                    f"plain backward() resets and leaves {one:g}; the last accumulating pass adds {one:g}: "
                    f"{2 * one:g}."),
        hint="Start from one pass: ŷ = s·w4 with s = x1·w1 + x2·w2 + x3·w3, so ∂ŷ/∂w3 = w4·x3. Then follow the four "
             "calls: accumulate adds, a plain backward() starts from zero.", example="0.5")
