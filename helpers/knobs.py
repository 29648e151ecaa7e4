"""The knob graph of notebooks 01 and 02: r = (a + b)·(e·f)·(m·p), built with the engine.

    c = a + b,   d = e·f,   g = c·d,   k = m·p,   r = k·g
"""
from .engine import Value

__all__ = ["INPUTS", "INNER", "knob_graph"]

INPUTS = ("a", "b", "e", "f", "m", "p")
INNER = ("c", "d", "g", "k")


def knob_graph(a, b, e, f, m, p):
    """The Values of r = (a + b)·(e·f)·(m·p), every node named: {name: Value} for a … r."""
    nodes = {name: Value(x, name=name) for name, x in zip(INPUTS, (a, b, e, f, m, p))}
    nodes["c"] = nodes["a"] + nodes["b"]
    nodes["d"] = nodes["e"] * nodes["f"]
    nodes["g"] = nodes["c"] * nodes["d"]
    nodes["k"] = nodes["m"] * nodes["p"]
    nodes["r"] = nodes["k"] * nodes["g"]
    for name in ("c", "d", "g", "k", "r"):
        nodes[name].name = name
    return nodes
