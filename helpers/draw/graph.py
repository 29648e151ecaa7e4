"""Draw a computation graph of Values: inputs on the left, the output on the right.

Each value node is a box with its name, value and gradient; each operation is a small circle
between its inputs and its result. Before `backward()` has run from the output, gradients show
as "—" (not 0, which would claim the output does not depend on them).

Any other engine's nodes draw too (duck typing: `data`, `grad`, `parents` or `_prev`, and optionally
`op`/`_op`, `name`/`label`), e.g. the TinyValue a learner writes in notebook 03.

`GraphDrawing` creates every artist once; `update(root)` rewrites the numbers in place for a graph
of the same shape, which is what makes dragging a slider feel immediate. With `local_derivatives=True`
each edge into an op also carries d(result)/d(input), and `update(root, hidden=..., highlight=...)`
can show some gradients as "—" and draw some edges bold: a backward pass part-way through.
With `compact=True` each box holds two lines, "name = value" and "grad …", instead of three, so a
small figure (an explorer's, which must be legible on a laptop) fits its boxes with larger text.

A drawing holds at most MAX_NODES values (inputs and results together): beyond that the boxes are
too small to read and matplotlib needs minutes, so a bigger graph gets an error suggesting to draw
a smaller part of it.
"""
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from .. import validate
from ..engine import Value
from .frames import BlitFrames

__all__ = ["GraphDrawing", "draw_graph", "graph_layout", "MAX_NODES"]

MAX_NODES = 300

VALUE_FACE = "#eef3fb"
INPUT_FACE = "#fff6e0"
OP_FACE = "#ffffff"
POSITIVE, NEGATIVE, NEUTRAL = "#0072B2", "#D55E00", "#444444"  # Okabe–Ito blue and vermillion: safe for colour-blind eyes
HIGHLIGHT = "#E69F00"  # Okabe–Ito orange, and drawn thick: the edges a backward step uses


def _number(x):
    if x != x:
        return "nan"
    if float(x).is_integer() and abs(x) < 1e7:
        return f"{x:.0f}"
    return f"{x:.4g}"


# ---- nodes of other engines (duck typing): a read-only copy that looks like a Value graph ----

class _ForeignNode:
    """A copy of one node of another engine (e.g. a learner's own TinyValue): data, grad, parents, op, name."""

    __slots__ = ("data", "grad", "parents", "op", "name", "order")

    def topological_order(self):
        return self.order


def _attribute(node, *names, default=None):
    for name in names:
        value = getattr(node, name, None)
        if value is not None:
            return value
    return default


def _drawable(root):
    """`root` itself if it is a Value; else a _ForeignNode copy of the graph behind any node object with
    `data`, `grad` and `parents` (or micrograd's `_prev`), and optional `op`/`_op` and `name`/`label`."""
    if isinstance(root, (Value, _ForeignNode)):
        return root
    copies, started, order, stack = {}, set(), [], [(root, False)]
    while stack:  # a loop, not recursion: parents are copied before the nodes made from them
        node, parents_done = stack.pop()
        if parents_done:
            copy = _ForeignNode()
            parents = _attribute(node, "parents", "_prev", default=())
            copy.data, copy.grad = float(node.data), float(node.grad)
            copy.parents = tuple(copies[id(p)] for p in parents)
            copy.op, copy.name = str(_attribute(node, "op", "_op", default="")), _attribute(node, "name", "label")
            copies[id(node)] = copy
            order.append(copy)
            continue
        if id(node) in copies:
            continue
        if id(node) in started:
            raise ValueError("this graph has a cycle (a node is among its own ancestors), so it cannot be drawn")
        started.add(id(node))
        parents = _attribute(node, "parents", "_prev")
        data, grad = getattr(node, "data", None), getattr(node, "grad", None)
        if parents is None or not all(isinstance(x, (int, float)) for x in (data, grad)):
            what = "got" if node is root else f"a parent is {node!r}, a"
            raise TypeError(f"draw a Value's graph, or any node's with a number `data`, a number `grad` and "
                            f"`parents` (e.g. your own engine's): {what} {type(node).__name__}")
        stack.append((node, True))
        stack.extend((p, False) for p in reversed(tuple(parents)) if id(p) not in copies)
    copies[id(root)].order = order
    return copies[id(root)]


def graph_layout(root):
    """Positions for the graph behind `root`: ({node: (x, y)}, {node: (x, y) of its op circle}).

    A value's column is twice its depth (the longest path from an input); its op circle sits one
    column to the left. An input sits just left of its first user, so long edges stay rare."""
    root = _drawable(root)
    order = root.topological_order()
    if len(order) > MAX_NODES:
        raise ValueError(
            f"this graph has {len(order):,} values, more than a drawing can show (at most {MAX_NODES}: beyond that "
            "the boxes are unreadable and drawing takes minutes); draw a smaller part of it, e.g. the same "
            "computation with fewer inputs, or draw_graph(v) for a Value v partway through"
        )
    level = {}
    for node in order:
        if node.parents:
            level[node] = 1 + max(level.get(p, 0) for p in node.parents)
    children = {node: [] for node in order}
    for node in order:
        for p in node.parents:
            children[p].append(node)
    for node in order:
        if not node.parents:
            users = [level[c] for c in children[node] if c in level]
            level[node] = (min(users) - 1) if users else 0
    columns = {}
    for node in order:
        columns.setdefault(level[node], []).append(node)
    y = {}
    for col in sorted(columns):  # order each column by where its parents are, to avoid crossings
        nodes = columns[col]
        key = {n: (sum(y[p] for p in n.parents) / len(n.parents)) if n.parents else i for i, n in enumerate(nodes)}
        for n in nodes:
            if not n.parents and children[n] and all(c in y for c in children[n]):
                key[n] = sum(y[c] for c in children[n]) / len(children[n])
        nodes.sort(key=lambda n: key[n])
        for i, n in enumerate(nodes):
            y[n] = i - (len(nodes) - 1) / 2
    for col in sorted(columns, reverse=True):  # inputs: next to the nodes that use them
        for n in columns[col]:
            if not n.parents and children[n]:
                y[n] = sum(y[c] for c in children[n]) / len(children[n])
        _spread(columns[col], y)
    for col in sorted(columns):  # then each result between the values it is made from
        for n in columns[col]:
            if n.parents:
                y[n] = sum(y[p] for p in n.parents) / len(n.parents)
        _spread(columns[col], y)
    value_pos = {n: (2.0 * level[n], -y[n]) for n in order}
    op_pos = {n: (2.0 * level[n] - 1.0, -y[n]) for n in order if n.parents}
    return value_pos, op_pos


def _spread(nodes, y, gap=1.0):
    """Move one column's nodes at least `gap` apart, each as close to its wished-for y as it can be.

    Least squares under the spacing rule (pool adjacent violators): a crowd of nodes that wish for
    the same place is centred on it, rather than pushed all to one side."""
    nodes.sort(key=lambda n: y[n])
    blocks = []  # [sum of wishes, count]; a wish is y[n] - i·gap, so the rule becomes "non-decreasing"
    for i, n in enumerate(nodes):
        blocks.append([y[n] - i * gap, 1])
        while len(blocks) > 1 and blocks[-2][0] * blocks[-1][1] > blocks[-1][0] * blocks[-2][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    i = 0
    for total, count in blocks:
        for _ in range(count):
            y[nodes[i]] = total / count + i * gap
            i += 1


class GraphDrawing:
    """A drawn computation graph whose numbers can be updated in place."""

    def __init__(self, root, title=None, figsize=None, fontsize=None, local_derivatives=False, compact=False):
        if fontsize is not None:
            fontsize = validate.real("fontsize (points)", fontsize, above=0, high=72)
        if figsize is not None:
            figsize = tuple(validate.array("figsize (width, height in inches)", figsize, shape=(2,)))
            if min(figsize) <= 0:
                raise validate.ArgumentError(f"figsize must be two sizes > 0 (width, height in inches); got {figsize}")
        root = _drawable(root)
        self.value_pos, self.op_pos = graph_layout(root)
        self.nodes = root.topological_order()
        n_cols = max(x for x, _ in self.value_pos.values()) + 1
        ys = [y for _, y in self.value_pos.values()]
        n_rows = max(ys) - min(ys) + 1
        if fontsize is None:
            fontsize = 9 if len(self.nodes) <= 20 else 7.5
        if figsize is None:
            # A box and an op circle side by side need about 0.085 inch per point of font per column.
            figsize = (min(1.0 + 0.085 * fontsize * n_cols, 24), min(1.0 + 0.1 * fontsize * n_rows, 14))
        self.figure = Figure(figsize=figsize, dpi=80)
        self.ax = self.figure.add_axes((0.01, 0.01, 0.98, 0.9 if title else 0.98))
        self.ax.set_axis_off()
        self.ax.set_xlim(-0.8, n_cols - 0.2)
        self.ax.set_ylim(min(ys) - (0.55 if compact else 0.7), max(ys) + (0.55 if compact else 0.7))
        self.compact = compact
        self.title = self.figure.suptitle(title or "", fontsize=fontsize + 2)
        self.labels = {}
        self.edge_labels = {}  # (parent position, child position) in self.nodes: the local-derivative text
        self.highlights = {}   # the same keys: a bold arrow over the edge, shown while a step uses it
        index = {node: i for i, node in enumerate(self.nodes)}
        for node in self.nodes:
            x, y = self.value_pos[node]
            # The box and the name are still; only the numbers (a text of their own) are repainted.
            name = node.name or " "
            room = f"{'0' * 8}\n{'0' * 8}" if compact else f"{name}\n{'0' * 11}\n{'0' * 11}"
            self.ax.text(x, y, room, ha="center", va="center", fontsize=fontsize,
                         zorder=2, color=INPUT_FACE if not node.parents else VALUE_FACE,
                         bbox=dict(boxstyle="round,pad=0.35", fc=INPUT_FACE if not node.parents else VALUE_FACE,
                                   ec="#8090a8"))
            if not compact:
                self.ax.text(x, y, f"{name}\n\n", ha="center", va="center", fontsize=fontsize, zorder=3,
                             fontweight="bold")
            self.labels[node] = self.ax.text(x, y, "", ha="center", va="center", fontsize=fontsize, zorder=3)
            if node.parents:
                ox, oy = self.op_pos[node]
                self.ax.text(ox, oy, node.op, ha="center", va="center", fontsize=fontsize + 1, zorder=3,
                             bbox=dict(boxstyle="circle,pad=0.3", fc=OP_FACE, ec="#8090a8"))
                self._arrow((ox, oy), (x, y))
                for parent in node.parents:
                    self._arrow(self.value_pos[parent], (ox, oy))
                    if local_derivatives:
                        key = (index[parent], index[node])
                        (px, py) = self.value_pos[parent]
                        self.highlights[key] = [self._arrow((px, py), (ox, oy), bold=True, shrink=(30, 8)),
                                                self._arrow((ox, oy), (x, y), bold=True, shrink=(8, 30))]
                        near_op = 0.62 if compact else 0.55  # a compact figure has less room beside the boxes
                        self.edge_labels[key] = self.ax.text(
                            (1 - near_op) * px + near_op * ox, (1 - near_op) * py + near_op * oy, "", ha="center", va="center",
                            fontsize=fontsize - 1, style="italic", color=NEUTRAL, zorder=4,
                            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
        moving = [*(a for pair in self.highlights.values() for a in pair), *self.labels.values(),
                  *self.edge_labels.values()]
        self.frames = BlitFrames(self.figure, moving)
        self.update(root)

    def _arrow(self, start, end, bold=False, shrink=(12, 8)):
        # A bold arrow is painted over the boxes (it moves), so it stops short of them.
        arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14 if bold else 10,
                                color=HIGHLIGHT if bold else "#9aa5b8", lw=3 if bold else 1,
                                shrinkA=shrink[0], shrinkB=shrink[1],
                                zorder=1.5 if bold else 1, visible=not bold)
        self.ax.add_patch(arrow)
        return arrow

    def update(self, root, hidden=(), highlight=()):
        """Show the numbers of `root`'s graph, which must have the same shape as the one drawn.

        `hidden`: names of nodes whose gradient shows "—" (not reached yet); `highlight`: (parent name,
        child name) edges drawn bold (needs local_derivatives=True)."""
        root = _drawable(root)
        nodes = root.topological_order()
        if len(nodes) != len(self.nodes) or any(a.op != b.op for a, b in zip(nodes, self.nodes)):
            raise ValueError("update() needs a graph of the same shape as the one drawn; draw a new GraphDrawing instead")
        show_grads = root.grad != 0  # backward() sets the output's own gradient to 1
        for drawn, node in zip(self.nodes, nodes):
            label = self.labels[drawn]
            shown = show_grads and node.name not in hidden
            grad = f"grad {_number(node.grad)}" if shown else "grad —"
            if self.compact:
                label.set_text(f"{drawn.name or ' '} = {_number(node.data)}\n{grad}")
            else:
                label.set_text(f"\nvalue {_number(node.data)}\n{grad}")
            label.set_color(NEUTRAL if not shown or node.grad == 0 else (POSITIVE if node.grad > 0 else NEGATIVE))
        if self.edge_labels:
            position = {id(node): i for i, node in enumerate(nodes)}
            local = {(position[id(p)], j): d for j, node in enumerate(nodes) if isinstance(node, Value)
                     for p, d in zip(node.parents, node.local_grads)}
            for key, text in self.edge_labels.items():
                text.set_text(_number(local[key]) if key in local else "")
            for (i, j), arrows in self.highlights.items():
                for arrow in arrows:
                    arrow.set_visible((nodes[i].name, nodes[j].name) in highlight)
        return self.figure

    def png(self):
        """PNG bytes of the drawing as it is now (only the labels are repainted)."""
        return self.frames.png()

    def _repr_png_(self):
        return self.png()

    def __repr__(self):
        ops = sum(1 for node in self.nodes if node.parents)
        return f"<GraphDrawing of {len(self.nodes)} values and {ops} ops>"


def draw_graph(root, title=None, **kwargs):
    """A drawing of the graph behind `root`; it displays itself in a notebook.

    (It is a GraphDrawing, not a bare Figure: a Figure made without pyplot has no inline display.)"""
    return GraphDrawing(root, title=title, **kwargs)
