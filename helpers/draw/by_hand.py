"""Draw the 2-2-1 network with its numbers, and a slice of its loss surface.

`NetworkDiagram` draws inputs, neurons and edges once; `update(...)` rewrites the numbers and
restyles the edges in place: colour by the weight's sign (blue +, orange −), width by its size, and
a neuron whose ReLU is off (z ≤ 0) greyed out with the edges that carry no gradient because of it.

`LossSlice` shows the cost over two chosen parameters, all others held fixed, as colour bands with
contour lines, the current point and an arrow along −∇C (the direction one descent step moves).

Both keep a list `moving` of the artists they change, for `helpers.draw.frames.BlitFrames`.
"""
import math

import numpy as np
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from .frames import figure_to_png, fmt
from . import style

__all__ = ["NetworkDiagram", "LossSlice", "NetworkDrawing", "draw_network", "PRETTY"]

POSITIVE, NEGATIVE, DEAD = style.BLUE, style.ORANGE, "#9a9a9a"
HIGHLIGHT = "#F0E442"  # Okabe–Ito yellow, a wide band behind an edge: the edges a backward step uses
INPUT_FACE, NEURON_FACE, DEAD_FACE, OUTPUT_FACE = "#fff6e0", "#eef3fb", "#d9d9d9", "#e8f5e9"
TEXT, FADED = "#222222", "#8a8a8a"
LABEL_BOX = dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85)
ON_EDGE_BOX = dict(LABEL_BOX, alpha=1.0)  # a label on its edge hides the line under its text

# How each parameter is written in the drawings: W1₁₂ is the weight from input 2 into hidden neuron 1.
PRETTY = {"W1_11": "W1₁₁", "W1_12": "W1₁₂", "W1_21": "W1₂₁", "W1_22": "W1₂₂",
          "b1_1": "b1₁", "b1_2": "b1₂", "W2_1": "W2₁", "W2_2": "W2₂", "b2": "b2"}


class NetworkDiagram:
    """The 2-2-1 network drawn on `ax`, numbers updated in place by `update(params, x, y, result)`.

    On the drawing: each input's value, each edge's weight, each neuron's bias, sum, activation and δ, the
    target and the cost. A weight's gradient is written under it only where asked (`gradients`): all of them
    in a still drawing, the chosen and the highlighted ones in the explorer, so the picture stays legible."""

    INPUTS = [(0.0, 1.0), (0.0, -1.0)]
    HIDDEN = [(1.9, 1.0), (1.9, -1.0)]
    OUTPUT = (3.3, 0.0)
    RADIUS = 0.2
    XLIM = (-0.42, 4.9)  # the output's numbers reach past 4.7 (the text is not clipped)
    CROSSING_LABEL_X = 0.45  # a crossing edge's label is centred on the edge here, near its input

    @classmethod
    def on_edge(cls, start, end):
        """The point of the edge start–end where its label is centred (crossing edges only)."""
        (x0, y0), (x1, y1) = start, end
        t = (cls.CROSSING_LABEL_X - x0) / (x1 - x0)
        return x0 + t * (x1 - x0), y0 + t * (y1 - y0)

    def __init__(self, ax, fontsize=9):
        self.ax = ax
        ax.set_axis_off()
        ax.set_xlim(*self.XLIM)
        ax.set_ylim(-1.92, 1.92)
        ax.set_aspect("equal")
        self.fontsize = fontsize
        sub = "₁₂"

        # Edges. The straight edges are labelled beside them. The crossing edges (x₂ → h₁ and x₁ → h₂) are
        # labelled ON the edge, near the input end, where the two have drawn apart: the edge runs into its
        # label's white box, so no label sits between two edges for a reader to guess which is whose.
        self.edges_1 = [[None, None], [None, None]]
        self.glow = {}  # parameter name -> a wide band behind its edge, shown while a backward step uses it
        self.edge_labels_1 = [[None, None], [None, None]]
        places = {(0, 0): (0.9, 1.1, "bottom"), (1, 1): (0.9, -1.1, "top"),
                  (0, 1): (*self.on_edge(self.INPUTS[1], self.HIDDEN[0]), "center"),
                  (1, 0): (*self.on_edge(self.INPUTS[0], self.HIDDEN[1]), "center")}
        for j, (hx, hy) in enumerate(self.HIDDEN):
            for k, (ix, iy) in enumerate(self.INPUTS):
                self.glow[f"W1_{j + 1}{k + 1}"], = ax.plot(*self._between((ix, iy), (hx, hy)), lw=10, zorder=0.5,
                                                           color=HIGHLIGHT, solid_capstyle="round", visible=False)
                line, = ax.plot(*self._between((ix, iy), (hx, hy)), lw=2, zorder=1, solid_capstyle="round")
                lx, ly, va = places[(j, k)]
                self.edges_1[j][k] = line
                self.edge_labels_1[j][k] = self._label(lx, ly, "center", va, box=ON_EDGE_BOX if j != k else LABEL_BOX)
        self.edges_2, self.edge_labels_2 = [], []
        for j, (hx, hy) in enumerate(self.HIDDEN):
            self.glow[f"W2_{j + 1}"], = ax.plot(*self._between((hx, hy), self.OUTPUT), lw=10, zorder=0.5,
                                                color=HIGHLIGHT, solid_capstyle="round", visible=False)
            line, = ax.plot(*self._between((hx, hy), self.OUTPUT), lw=2, zorder=1, solid_capstyle="round")
            self.edges_2.append(line)
            self.edge_labels_2.append(self._label(2.9, 0.8 if j == 0 else -0.8, "center",
                                                  "bottom" if j == 0 else "top"))

        for k, (ix, iy) in enumerate(self.INPUTS):
            ax.add_patch(Circle((ix, iy), self.RADIUS, fc=INPUT_FACE, ec="#8090a8", zorder=2))
            ax.text(ix, iy, f"x{sub[k]}", ha="center", va="center", fontsize=fontsize, zorder=3)
        # An input's value above (x₁) or below (x₂) its circle: beside it, it would widen the drawing.
        self.input_labels = [self._label(ix, iy + 0.24 if iy > 0 else iy - 0.24, "center",
                                         "bottom" if iy > 0 else "top", box=None) for ix, iy in self.INPUTS]
        self.hidden_circles, self.hidden_names, self.hidden_labels = [], [], []
        for j, (hx, hy) in enumerate(self.HIDDEN):
            circle = Circle((hx, hy), self.RADIUS, fc=NEURON_FACE, ec="#8090a8", zorder=2)
            ax.add_patch(circle)
            self.hidden_circles.append(circle)
            self.hidden_names.append(ax.text(hx, hy, f"h{sub[j]}", ha="center", va="center",
                                             fontsize=fontsize, zorder=3))
            up = j == 0
            self.hidden_labels.append(self._label(hx - 0.12, hy + (0.26 if up else -0.26), "left",
                                                  "bottom" if up else "top"))
        ox, oy = self.OUTPUT
        ax.add_patch(Circle(self.OUTPUT, self.RADIUS, fc=OUTPUT_FACE, ec="#8090a8", zorder=2))
        ax.text(ox, oy, "ŷ", ha="center", va="center", fontsize=fontsize, zorder=3)
        self.output_label = self._label(ox + 0.27, oy + 0.08, "left", "bottom", box=None)
        self.cost_label = self._label(ox + 0.27, oy - 0.08, "left", "top", box=None)

        self.moving = [*self.glow.values(), *(a for row in self.edges_1 for a in row),
                       *(a for row in self.edge_labels_1 for a in row),
                       *self.edges_2, *self.edge_labels_2, *self.input_labels, *self.hidden_circles,
                       *self.hidden_names, *self.hidden_labels, self.output_label, self.cost_label]

    def parameter_near(self, u, v, reach=0.15):
        """The parameter drawn at (u, v) in data coordinates: a weight (its edge or its label) or a bias (its
        neuron or the first line of the neuron's numbers, "b = …"); None when nothing is within `reach`."""
        places = {}  # parameter -> [(start, end)]: segments to measure the distance to
        for j, hidden in enumerate(self.HIDDEN):
            for k, source in enumerate(self.INPUTS):
                places[f"W1_{j + 1}{k + 1}"] = [self._between(source, hidden)]
            places[f"W2_{j + 1}"] = [self._between(hidden, self.OUTPUT)]
            places[f"b1_{j + 1}"] = [((hidden[0], hidden[0]), (hidden[1], hidden[1]))]
        places["b2"] = [((self.OUTPUT[0], self.OUTPUT[0]), (self.OUTPUT[1], self.OUTPUT[1]))]
        renderer = self.ax.figure.canvas.get_renderer()
        to_data = self.ax.transData.inverted()
        labels = [*((f"W1_{j + 1}{k + 1}", self.edge_labels_1[j][k]) for j in range(2) for k in range(2)),
                  *((f"W2_{j + 1}", self.edge_labels_2[j]) for j in range(2)),
                  *((f"b1_{j + 1}", label) for j, label in enumerate(self.hidden_labels)),
                  ("b2", self.output_label)]
        for name, label in labels:
            if not label.get_text():
                continue
            (x0, y0), (x1, y1) = to_data.transform(label.get_window_extent(renderer).get_points())
            # A label's first line (a weight's value, a neuron's "b = …"): a segment through its middle.
            count = label.get_text().count("\n") + 1
            first = y1 - (y1 - y0) / count / 2
            places[name].append(((x0, x1), (first, first)))
        best, best_distance = None, reach
        for name, segments in places.items():
            radius = self.RADIUS if name.startswith("b") else 0.0  # a neuron: anywhere on its circle
            for (x0, x1), (y0, y1) in segments:
                distance = max(0.0, _distance((u, v), (x0, y0), (x1, y1)) - radius)
                if distance < best_distance:
                    best, best_distance = name, distance
        return best

    def _label(self, x, y, ha, va, box=LABEL_BOX):
        """A text for numbers, repainted each frame; by an edge it gets a white box so no line crosses it."""
        return self.ax.text(x, y, "", ha=ha, va=va, fontsize=self.fontsize, zorder=3, linespacing=1.2, bbox=box)

    def _between(self, start, end):
        """x and y lists of a line from circle edge to circle edge (the edges are drawn over the circles)."""
        (x0, y0), (x1, y1) = start, end
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length * self.RADIUS, (y1 - y0) / length * self.RADIUS
        return [x0 + ux, x1 - ux], [y0 + uy, y1 - uy]

    @staticmethod
    def _style(line, weight, alive):
        line.set_color(DEAD if not alive else (POSITIVE if weight >= 0 else NEGATIVE))
        line.set_linewidth(0.8 + 2.6 * min(abs(weight), 2.0) / 2.0)
        line.set_alpha(0.35 if not alive else 0.9)

    def update(self, params, x, y, result, reached=None, highlight=(), gradients=None):
        """Show `result` (a helpers.by_hand.network(...) dict) for `params` (W1, b1, W2, b2), x and y.

        `gradients`: the weights whose ∂C/∂w is written under their value (None: every weight).
        A backward pass part-way through: `reached` names what is filled in ("delta2", "delta1_1",
        "delta1_2" and parameter names; None: everything), the rest shows "—"; `highlight`: the
        parameters whose edges the step uses (lit up, their gradients shown)."""
        W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
        g = result["grads"]

        def known(name, value):
            return fmt(value) if reached is None or name in reached else "—"

        def weight(name, value, gradient):
            text = f"{PRETTY[name]} = {fmt(value)}"
            if gradients is None or name in gradients or name in highlight:
                text += f"\n∂C/∂w = {known(name, gradient)}"
            return text

        for name, band in self.glow.items():
            band.set_visible(name in highlight)
        for k, label in enumerate(self.input_labels):
            label.set_text(fmt(x[k]))
        for j in range(2):
            alive = not result["dead"][j]
            for k in range(2):
                self._style(self.edges_1[j][k], W1[j][k], alive)
                label = self.edge_labels_1[j][k]
                label.set_text(weight(f"W1_{j + 1}{k + 1}", W1[j][k], g["W1"][j][k]))
                label.set_color(TEXT if alive else FADED)
            self._style(self.edges_2[j], W2[j], alive)
            self.edge_labels_2[j].set_text(weight(f"W2_{j + 1}", W2[j], g["W2"][j]))
            self.edge_labels_2[j].set_color(TEXT if alive else FADED)
            self.hidden_circles[j].set_facecolor(NEURON_FACE if alive else DEAD_FACE)
            z, a = fmt(result["z1"][j]), fmt(result["a1"][j])
            middle = f"z = {z}, a = {a}" if alive else f"z = {z} ≤ 0: ReLU off"
            delta = known(f"delta1_{j + 1}", result["delta1"][j])
            self.hidden_labels[j].set_text(f"b = {fmt(b1[j])}\n{middle}\nδ = {delta}")
        self.output_label.set_text(f"b = {fmt(b2)}\nŷ = {fmt(result['yhat'])}\nδ = {known('delta2', result['delta2'])}")
        self.cost_label.set_text(f"y = {fmt(y)}\nC = {fmt(result['cost'])}")


def _distance(point, start, end):
    """How far `point` is from the segment start–end."""
    (px, py), (x0, y0), (x1, y1) = point, start, end
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else min(1.0, max(0.0, ((px - x0) * dx + (py - y0) * dy) / length2))
    return math.hypot(px - (x0 + t * dx), py - (y0 + t * dy))


class LossSlice:
    """The cost over two parameters (the others fixed): bands, contour lines, the point and −∇C."""

    def __init__(self, ax, fontsize=9, bands=12):
        self.ax = ax
        self.bands = bands
        self.fontsize = fontsize
        self.filled = self.lines = None
        self.point, = ax.plot([0.5], [0.5], "o", ms=8, mfc="white", mec="black", zorder=5)
        self.arrow = FancyArrowPatch((0, 0), (0, 0), arrowstyle="-|>", mutation_scale=16, lw=2.2,
                                     color=style.VERMILLION, zorder=6)
        ax.add_patch(self.arrow)
        ax.set_title("cost C, the rest fixed\ndarker: lower\narrow: −∇C", fontsize=fontsize)
        self.extent = (0, 1, 0, 1)
        self.names = ("", "")
        self.moving = [self.point, self.arrow]

    def set_axes(self, name_a, range_a, name_b, range_b):
        """Which parameters are sliced, over which ranges (still parts: redraw the background after).
        Parameters have no unit: the axes are labelled with their names only."""
        self.extent = (*range_a, *range_b)
        self.names = (PRETTY.get(name_a, name_a), PRETTY.get(name_b, name_b))
        self.ax.set_xlim(*range_a)
        self.ax.set_ylim(*range_b)
        self.ax.set_xticks([range_a[0], 0, range_a[1]] if range_a[0] < 0 < range_a[1] else list(range_a))
        self.ax.set_yticks([range_b[0], 0, range_b[1]] if range_b[0] < 0 < range_b[1] else list(range_b))
        self.ax.set_xlabel(self.names[0], fontsize=self.fontsize, labelpad=2)
        self.ax.set_ylabel(self.names[1], fontsize=self.fontsize, labelpad=0)
        self.ax.tick_params(labelsize=self.fontsize, pad=2, length=3)
        # The first and last numbers under the panel stand inside its width: centred on the corners, they
        # would run into the lowest number of the vertical axis and past the figure's right edge.
        first, *_, last = self.ax.get_xticklabels()
        first.set_horizontalalignment("left")
        last.set_horizontalalignment("right")

    def set_surface(self, grid):
        """grid[i, j] = C at (a_j, b_i): rows along the vertical parameter."""
        grid = np.asarray(grid, dtype=float)
        finite = grid[np.isfinite(grid)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        # Bands at quantiles: every band covers a similar area, whatever the scale of the cost.
        levels = np.unique(np.quantile(finite, np.linspace(0, 1, self.bands + 1))) if finite.size else []
        if len(levels) < 3:
            levels = np.linspace(low - 1.0, high + 1.0, 3)
        grid = np.where(np.isfinite(grid), grid, high)
        a = np.linspace(self.extent[0], self.extent[1], grid.shape[1])
        b = np.linspace(self.extent[2], self.extent[3], grid.shape[0])
        for old in (self.filled, self.lines):
            if old is not None:
                old.remove()
                self.moving.remove(old)
        self.filled = self.ax.contourf(a, b, grid, levels=levels, cmap="viridis", norm=BoundaryNorm(levels, 256),
                                       zorder=0)
        self.lines = self.ax.contour(a, b, grid, levels=levels[1:-1], colors="white", linewidths=0.6, alpha=0.7,
                                     zorder=1)
        for artist in (self.lines, self.filled):
            artist.set_animated(True)  # repainted each frame, so a new surface needs no new background
            self.moving.insert(0, artist)

    def set_point(self, a, b, grad_a, grad_b, cost):
        """Move the point to (a, b) and the arrow along −(grad_a, grad_b)."""
        self.point.set_data([a], [b])
        span_a, span_b = self.extent[1] - self.extent[0], self.extent[3] - self.extent[2]
        # Same direction as −∇C in parameter space, drawn 18 % of the panel long.
        fa, fb = -grad_a / span_a, -grad_b / span_b
        size = math.hypot(fa, fb)
        flat = size < 1e-12 or not math.isfinite(size)
        self.arrow.set_visible(not flat)
        if not flat:
            scale = 0.18 / size
            self.arrow.set_positions((a, b), (a - scale * grad_a, b - scale * grad_b))


class NetworkDrawing:
    """A still picture of the network with its numbers; it displays itself in a notebook."""

    def __init__(self, params, x, y, result, title=None, figsize=(6.0, 4.4), dpi=100):
        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.diagram = NetworkDiagram(self.figure.add_axes((0.0, 0.09, 1.0, 0.84 if title else 0.91)))
        if title:
            self.figure.suptitle(title, fontsize=11)
        self.figure.text(0.01, 0.01, "edges: blue weight > 0, orange < 0, width ∝ |weight|;\n"
                         "grey: no gradient flows (the neuron's ReLU is off)", fontsize=9, color=FADED)
        self.update(params, x, y, result)

    def update(self, params, x, y, result):
        self.diagram.update(params, x, y, result)
        self.cost = result["cost"]
        return self

    def png(self):
        return figure_to_png(self.figure)

    def _repr_png_(self):
        return self.png()

    def __repr__(self):
        return f"<the 2-2-1 network drawn with its numbers: C = {fmt(self.cost)}>"


def draw_network(params, x, y, result, title=None, **kwargs):
    """A picture of the network with its numbers (params: W1, b1, W2, b2; result: by_hand.network(...))."""
    return NetworkDrawing(params, x, y, result, title=title, **kwargs)
