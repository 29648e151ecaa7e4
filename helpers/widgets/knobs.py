"""Turn the knobs of r = (a + b)·(e·f)·(m·p) and watch every value and gradient move.

The graph is the one of notebooks 01 and 02:

    c = a + b,   d = e·f,   g = c·d,   k = m·p,   r = k·g

Each event builds it with the engine, runs backward() once, and then answers the question of
notebook 01: if I nudge an input by h, does r change by (gradient × h)? The actual change comes
from running the forward pass again with the nudge. For one input the two always agree here,
because r is linear in each input on its own; nudge two inputs that multiply each other (a and e)
and they differ by a cross term: 720 actual against 288 + 384 = 672 predicted.
"""

import ipywidgets as widgets
from matplotlib.patches import FancyBboxPatch

from ..data import KNOBS
from ..draw import style
from ..draw.frames import fmt
from ..draw.graph import GraphDrawing
from ..knobs import INNER, INPUTS, knob_graph
from .base import Explorer

__all__ = ["KnobExplorer"]

KNOB_RANGE = (-10.0, 10.0)
NUDGE_RANGE = (-2.0, 2.0)
NOTHING = "nothing"  # the "together with" choice that nudges one input only
HIGHLIGHT = style.VERMILLION
VERDICT_ROWS = (("predicted_change", "predicted Δr"), ("actual_change", "actual Δr"), ("gap", "gap"))


def _term(x):
    """A number as the right-hand operand of a sum or product: negatives in brackets, 3 − (−2)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


class KnobExplorer(Explorer):
    """A slider per input, the graph with every value and gradient, and a nudge to test the prediction."""

    title = "Turn the knobs of r = (a + b)·(e·f)·(m·p)"
    alt = "The computation graph of r = (a + b)·(e·f)·(m·p) with each node's value and gradient, the nudged knob highlighted."
    benchmark_control = "a"

    def make_controls(self):
        style = {"description_width": "initial"}
        low, high = KNOB_RANGE
        controls = {
            name: widgets.FloatSlider(value=KNOBS[name], min=low, max=high, step=0.5, description=name,
                                      style=style, continuous_update=True, readout_format=".1f")
            for name in INPUTS
        }
        controls["nudge"] = widgets.Dropdown(options=list(INPUTS), value="e", description="nudge", style=style)
        controls["nudge_size"] = widgets.FloatSlider(
            value=1.0, min=NUDGE_RANGE[0], max=NUDGE_RANGE[1], step=0.1, description="by (nudge size h)",
            style=style, continuous_update=True, readout_format="+.1f")
        controls["together_with"] = widgets.Dropdown(
            options=[("nothing else", NOTHING), *((name, name) for name in INPUTS)], value=NOTHING,
            description="together with", style=style)
        return controls

    # ---- the numbers ----
    def compute_state(self, params):
        inputs = {name: float(params[name]) for name in INPUTS}
        nodes = knob_graph(**inputs)
        r = nodes["r"]
        r.backward()

        h = float(params["nudge_size"])
        nudged = [params["nudge"]]
        if params["together_with"] not in (NOTHING, params["nudge"]):
            nudged.append(params["together_with"])
        moved = {name: x + h if name in nudged else x for name, x in inputs.items()}
        r_after = knob_graph(**moved)["r"].data  # the forward pass again: no gradients needed
        predicted = sum(nodes[name].grad for name in nudged) * h
        actual = r_after - r.data

        state = {name: node.data for name, node in nodes.items()}
        state.update({f"dr/d{name}": node.grad for name, node in nodes.items() if name != "r"})
        state.update(nudged=nudged, nudge_size=h, r_after=r_after,
                     predicted_change=predicted, actual_change=actual, gap=actual - predicted)
        return state

    # ---- the picture ----
    def make_view(self):
        self.drawing = GraphDrawing(knob_graph(**KNOBS)["r"], title="r = (a + b)·(e·f)·(m·p)", figsize=(6.4, 6.0),
                                     fontsize=10)
        ax = self.drawing.ax
        self.position = {node.name: self.drawing.value_pos[node] for node in self.drawing.nodes}
        # Moving parts beyond the graph's own numbers: a tag over each nudged input, and the verdict.
        self.tags = [ax.text(0, 0, "", ha="center", va="bottom", fontsize=10, color=HIGHLIGHT, fontweight="bold",
                             zorder=4) for _ in range(2)]
        # The verdict box: its words are still (drawn once, in the background); only the numbers move.
        ax.add_patch(FancyBboxPatch((0.66, 0.03), 0.32, 0.16, boxstyle="round,pad=0.01", transform=ax.transAxes,
                                    fc="#fff4ec", ec=HIGHLIGHT, zorder=1))
        self.verdict = {}
        for row, (key, words) in enumerate(VERDICT_ROWS):
            y = 0.155 - 0.05 * row
            ax.text(0.68, y, words, transform=ax.transAxes, ha="left", va="center", fontsize=10, zorder=2)
            self.verdict[key] = ax.text(0.965, y, "", transform=ax.transAxes, ha="right", va="center",
                                        fontsize=10, fontweight="bold", zorder=2)
        self.drawing.frames.add(*self.tags, *self.verdict.values())
        return self.drawing.figure

    def draw(self, state):
        root = knob_graph(**{name: state[name] for name in INPUTS})["r"]  # a dozen nodes: cheaper than keeping them
        root.backward()
        self.drawing.update(root)
        h = state["nudge_size"]
        for tag, name in zip(self.tags, [*state["nudged"], None]):
            tag.set_visible(name is not None)
            if name is not None:
                x, y = self.position[name]
                tag.set_position((x, y + 0.36))
                tag.set_text(f"nudge {fmt(h, sign=True)}")
        for key, text in self.verdict.items():
            text.set_text(fmt(state[key]))

    def frame(self):
        return self.drawing.png()

    # ---- the numbers beside the picture ----
    def readout(self, state):
        h = state["nudge_size"]
        nudged = state["nudged"]
        grads = [state[f"dr/d{name}"] for name in nudged]
        moves = " and ".join(f"{name}: {fmt(state[name])} → {fmt(state[name] + h)}" for name in nudged)
        if len(nudged) == 1:
            predicted = f"dr/d{nudged[0]} × h = {fmt(grads[0])} × {_term(h)} = {fmt(state['predicted_change'])}"
        else:
            predicted = (f"(dr/d{nudged[0]} + dr/d{nudged[1]}) × h = ({fmt(grads[0])} + {_term(grads[1])}) × {_term(h)}"
                         f" = {fmt(state['predicted_change'])}")
        gap = state["gap"]
        if abs(gap) <= 1e-9 * max(1.0, abs(state["actual_change"])):
            why = "0: the change is exactly gradient × nudge"
        else:
            why = f"{fmt(gap)}: a cross term, the two nudges multiply each other in r"
        return [
            ("r", fmt(state["r"])),
            ("inputs", ", ".join(f"{name} = {fmt(state[name])}" for name in INPUTS)),
            ("inside", ", ".join(f"{name} = {fmt(state[name])}" for name in INNER)),
            ("gradients of r", ", ".join(f"dr/d{name} = {fmt(state[f'dr/d{name}'])}" for name in INPUTS)),
            ("inner gradients", ", ".join(f"dr/d{name} = {fmt(state[f'dr/d{name}'])}" for name in INNER)),
            ("nudge", f"{moves}  (h = {fmt(h, sign=True)})"),
            ("predicted Δr", predicted),
            ("actual Δr", f"{fmt(state['r_after'])} − {_term(state['r'])} = {fmt(state['actual_change'])}"),
            ("gap (actual − predicted)", why),
        ]
