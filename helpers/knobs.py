"""The knob graphs of notebooks 01 and 02, built with the engine, and their backward pass step by step.

    linear:  c = a + b,   d = e·f,   g = c·d,   k = m·p,   r = k·g          r = (a + b)·(e·f)·(m·p)
    square:  c = a + b,   d = e·f,   g = c·d,   s = c·g,   k = m·p,   r = k·s     r = (a + b)²·(e·f)·(m·p)

In the linear graph r is linear in each input on its own, so nudging one input changes r by exactly
gradient × nudge. In the square graph c feeds two nodes (g and s): r grows with (a + b)², a one-knob
nudge of a or b misses the prediction, and the backward pass adds c's two paths.

`backward_steps(nodes)` is the backward pass as a learner does it by hand: one node at a time, in
reverse topological order, each gradient the sum over the node's users of upstream gradient × local
derivative, with the sum written out.
"""
from .draw.frames import fmt
from .engine import Value

__all__ = ["INPUTS", "INNER", "GRAPHS", "FORMULAS", "knob_graph", "inner_names", "backward_steps"]

INPUTS = ("a", "b", "e", "f", "m", "p")
INNER = ("c", "d", "g", "k")  # the linear graph's
GRAPHS = ("linear", "square")
FORMULAS = {"linear": "r = (a + b)·(e·f)·(m·p)", "square": "r = (a + b)²·(e·f)·(m·p)"}


def knob_graph(a, b, e, f, m, p, graph="linear"):
    """The Values of the chosen graph, every node named: {name: Value} for the inputs, the inner nodes and r."""
    if graph not in GRAPHS:
        raise ValueError(f"graph must be one of {', '.join(map(repr, GRAPHS))}; got {graph!r}")
    nodes = {name: Value(x, name=name) for name, x in zip(INPUTS, (a, b, e, f, m, p))}
    nodes["c"] = nodes["a"] + nodes["b"]
    nodes["d"] = nodes["e"] * nodes["f"]
    nodes["g"] = nodes["c"] * nodes["d"]
    top = "g"
    if graph == "square":
        nodes["s"] = nodes["c"] * nodes["g"]
        top = "s"
    nodes["k"] = nodes["m"] * nodes["p"]
    nodes["r"] = nodes["k"] * nodes[top]
    for name, node in nodes.items():
        node.name = name
    return nodes


def inner_names(graph="linear"):
    """The names of the nodes between the inputs and r."""
    return INNER if graph == "linear" else ("c", "d", "g", "s", "k")


def _term(x):
    """A number as an operand: negatives in brackets, 12 × (−3)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


def backward_steps(nodes):
    """The backward pass from r, one node per step, in reverse topological order.

    `nodes`: {name: Value} as knob_graph gives (backward() need not have run). Each step is a dict:
    "node" (its name), "grad" (dr/dnode), "edges" ([(node, user), ...]: the edges it is computed over)
    and "text", the computation written out, e.g. "dr/dc = dr/dg × ∂g/∂c = 12 × 24 = 288"."""
    root = nodes["r"]
    names = {id(v): name for name, v in nodes.items()}
    order = root.topological_order()
    users = {id(v): [] for v in order}
    for v in order:
        for parent, local in zip(v.parents, v.local_grads):
            users[id(parent)].append((v, local))
    grads, steps = {}, []
    for v in reversed(order):
        name = names[id(v)]
        if v is root:
            grads[name] = 1.0
            steps.append(dict(node=name, grad=1.0, edges=[], text="dr/dr = 1: the sweep starts at r"))
            continue
        terms = [(names[id(u)], grads[names[id(u)]], local) for u, local in users[id(v)]]
        grad = sum(up * local for _, up, local in terms)
        grads[name] = grad
        symbols = " + ".join(f"dr/d{u} × ∂{u}/∂{name}" for u, _, _ in terms)
        numbers = " + ".join(f"{_term(up)} × {_term(local)}" for _, up, local in terms)
        steps.append(dict(node=name, grad=grad, edges=[(name, u) for u, _, _ in terms],
                          text=f"dr/d{name} = {symbols} = {numbers} = {fmt(grad)}"))
    return steps
