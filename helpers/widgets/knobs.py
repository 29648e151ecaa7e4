"""Turn the knobs of r = (a + b)·(e·f)·(m·p) and watch every value and gradient move, or step backward.

The graph is the one of notebooks 01 and 02:

    c = a + b,   d = e·f,   g = c·d,   k = m·p,   r = k·g

Each event builds it with the engine, runs backward() once, and then answers the question of
notebook 01: if I nudge an input by h, does r change by (gradient × h)? The actual change comes
from running the forward pass again with the nudge. For one input the two always agree here,
because r is linear in each input on its own; nudge two inputs that multiply each other (a and e)
and they differ by a cross term: 720 actual against 288 + 384 = 672 predicted. The "graph" choice
"square" (r = (a + b)²·(e·f)·(m·p)) is curved in a and b: there one knob's nudge misses too.

Every edge carries its local derivative. "Step backward" does the backward pass by hand, one node at a
time in reverse topological order: the edges it uses turn bold and the readout writes out upstream
gradient × local derivative (summed where a node feeds two places); nodes not reached yet show "—".
The sweep is run state: moving a knob or the graph starts it again from r; Reset ends it, and with no
sweep started every gradient shows, as backward() leaves them.
"""

import ipywidgets as widgets
from matplotlib.patches import FancyBboxPatch

from ..data import KNOBS
from ..draw import style
from ..draw.frames import fmt
from ..draw.graph import GraphDrawing
from ..knobs import FORMULAS, GRAPHS, INPUTS, backward_steps, inner_names, knob_graph
from .base import Explorer

__all__ = ["KnobExplorer"]

KNOB_RANGE = (-10.0, 10.0)
NUDGE_RANGE = (-2.0, 2.0)  # in steps of 0.01: a small nudge shows the prediction getting better
NOTHING = "nothing"  # the "together with" choice that nudges one input only
HIGHLIGHT = style.VERMILLION
FIGSIZE = (5.5, 3.8)  # inches: wider than tall, so the explorer fits a laptop's screen with its readout
NODE_POINTS = 9  # the edge labels are a point smaller: 8 pt, 12 px on a laptop
VERDICT_ROWS = (("predicted_change", "predicted Δr"), ("actual_change", "actual Δr"), ("gap", "gap"))


def _term(x):
    """A number as the right-hand operand of a sum or product: negatives in brackets, 3 − (−2)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


def _partners(nudged):
    """The "together with" choices: nothing else, or another knob."""
    return [("nothing else", NOTHING), *((name, name) for name in INPUTS if name != nudged)]


class KnobExplorer(Explorer):
    """A slider per input, the graph with every value and gradient, and a nudge to test the prediction."""

    title = "Turn the knobs of r"
    alt = ("The computation graph of r with each node's value and gradient and each edge's local derivative, a tag "
           "over each nudged knob, and a box comparing the predicted and the actual change of r.")
    benchmark_control = "a"

    def make_controls(self):
        style = {"description_width": "initial"}
        low, high = KNOB_RANGE
        controls = {
            name: widgets.FloatSlider(value=KNOBS[name], min=low, max=high, step=0.5, description=name,
                                      style=style, continuous_update=True, readout_format=".3")  # 5, 5.5, −9.5
            for name in INPUTS
        }
        controls["nudge"] = widgets.Dropdown(options=list(INPUTS), value="e", description="nudge", style=style)
        controls["nudge_size"] = widgets.FloatSlider(
            value=1.0, min=NUDGE_RANGE[0], max=NUDGE_RANGE[1], step=0.01, description="by h",
            style=style, continuous_update=True, readout_format="+.3")  # +1, −0.25
        controls["together_with"] = widgets.Dropdown(
            options=_partners("e"), value=NOTHING, description="together with", style=style)
        controls["graph"] = widgets.Dropdown(
            options=[(f"{name}: {FORMULAS[name]}", name) for name in GRAPHS], value="linear", description="graph",
            style=style)
        # Registered before the explorer's own observer, so the choices are right before the state is computed.
        controls["nudge"].observe(self._offer_partners, names="value")
        return controls

    def _offer_partners(self, change):
        partner = self.controls["together_with"]
        if partner.value == change.new:
            partner.value = NOTHING
        partner.options = _partners(change.new)

    # "together with" offers the knobs other than the nudged one, so a setting of both is checked and
    # applied nudge first.
    def _check(self, settings, grid):
        partner = settings.get("together_with")
        super()._check({name: v for name, v in settings.items() if name != "together_with"}, grid)
        if partner is not None:
            nudged = settings.get("nudge", self.controls["nudge"].value)
            allowed = [value for _, value in _partners(nudged)]
            if partner not in allowed:
                raise ValueError(f"KnobExplorer: together_with={partner!r} is not allowed: with nudge={nudged!r} "
                                 f"it must be one of {', '.join(map(repr, allowed))}")

    def set(self, **settings):
        if "nudge" in settings:
            settings = {"nudge": settings.pop("nudge"), **settings}
        super().set(**settings)

    def __init__(self, **settings):
        if "nudge" in settings:
            settings = {"nudge": settings.pop("nudge"), **settings}
        super().__init__(**settings)

    # ---- the backward sweep (run state) ----
    def new_run(self):
        return {"steps": None, "graph_at": None}  # steps: None until Step backward is first pressed

    def update_run(self, params):
        graph_at = (params["graph"], *(params[name] for name in INPUTS))
        if graph_at != self.run["graph_at"]:
            self.run["graph_at"] = graph_at
            if self.run["steps"] is not None:
                self.run["steps"] = 0  # new numbers: the sweep starts again from r

    def buttons(self):
        self.step_button = widgets.Button(description="Step backward", icon="step-backward",
                                          tooltip="Fill in the next gradient, from r back towards the inputs")
        self.step_button.on_click(lambda _: self.step_backward())
        self.all_button = widgets.Button(description="Backward all", icon="fast-backward",
                                         tooltip="Fill in every gradient at once, as backward() does")
        self.all_button.on_click(lambda _: self.backward_all())
        return [self.step_button, self.all_button]

    def step_backward(self, n=1):
        """Fill in the next `n` gradients of the sweep (a finished sweep starts again). Returns the state."""
        total = len(INPUTS) + len(inner_names(self.params["graph"])) + 1
        steps = self.run["steps"]
        steps = 0 if steps is None or steps >= total else steps
        self.run["steps"] = min(steps + n, total)
        return self.refresh()

    def backward_all(self):
        """Fill in every gradient left in the sweep. Returns the state."""
        self.run["steps"] = len(INPUTS) + len(inner_names(self.params["graph"])) + 1
        return self.refresh()

    # ---- the numbers ----
    def compute_state(self, params):
        inputs = {name: float(params[name]) for name in INPUTS}
        graph = params["graph"]
        nodes = knob_graph(**inputs, graph=graph)
        r = nodes["r"]
        r.backward()

        h = float(params["nudge_size"])
        nudged = [params["nudge"]]
        if params["together_with"] not in (NOTHING, params["nudge"]):
            nudged.append(params["together_with"])
        moved = {name: x + h if name in nudged else x for name, x in inputs.items()}
        r_after = knob_graph(**moved, graph=graph)["r"].data  # the forward pass again: no gradients needed
        predicted = sum(nodes[name].grad for name in nudged) * h
        actual = r_after - r.data

        state = {name: node.data for name, node in nodes.items()}
        state.update({f"dr/d{name}": node.grad for name, node in nodes.items() if name != "r"})
        state.update(nudged=nudged, nudge_size=h, r_after=r_after,
                     predicted_change=predicted, actual_change=actual, gap=actual - predicted)
        steps = backward_steps(nodes)
        done = len(steps) if self.run["steps"] is None else self.run["steps"]
        last = steps[done - 1] if done and self.run["steps"] is not None else None
        state.update(graph=graph, sweep_started=self.run["steps"] is not None, sweep_steps=len(steps),
                     reached=[step["node"] for step in steps[:done]],
                     sweep_node=last["node"] if last else None,
                     sweep_edges=[list(edge) for edge in last["edges"]] if last else [],
                     sweep_text=last["text"] if last else "")
        return state

    # ---- the picture ----
    def make_view(self):
        self.drawings = {graph: self._make_drawing(graph) for graph in GRAPHS}
        self.drawing = self.drawings["linear"]
        return self.drawing.figure

    def _make_drawing(self, graph):
        # 5.5 in wide with text of 8 pt or more: at least 12 px on a laptop, where the picture is 604 px wide.
        drawing = GraphDrawing(knob_graph(**KNOBS, graph=graph)["r"], title=FORMULAS[graph], figsize=FIGSIZE,
                               fontsize=NODE_POINTS, local_derivatives=True, compact=True)
        ax = drawing.ax
        drawing.position = {node.name: drawing.value_pos[node] for node in drawing.nodes}
        # Moving parts beyond the graph's own numbers: a tag over each nudged input, and the verdict.
        drawing.tags = [ax.text(0, 0, "", ha="center", va="center", fontsize=NODE_POINTS, color=HIGHLIGHT,
                                fontweight="bold", zorder=4) for _ in range(2)]
        # The verdict box, in the corner the graph leaves empty: its words are still (drawn once, in the
        # background); only the numbers move.
        ax.add_patch(FancyBboxPatch((0.62, 0.02), 0.36, 0.21, boxstyle="round,pad=0.01", transform=ax.transAxes,
                                    fc="#fff4ec", ec=HIGHLIGHT, zorder=1))
        drawing.verdict = {}
        for row, (key, words) in enumerate(VERDICT_ROWS):
            y = 0.195 - 0.065 * row
            ax.text(0.64, y, words, transform=ax.transAxes, ha="left", va="center", fontsize=NODE_POINTS, zorder=2)
            drawing.verdict[key] = ax.text(0.965, y, "", transform=ax.transAxes, ha="right", va="center",
                                           fontsize=NODE_POINTS, fontweight="bold", zorder=2)
        drawing.frames.add(*drawing.tags, *drawing.verdict.values())
        return drawing

    def draw(self, state):
        self.drawing = drawing = self.drawings[state["graph"]]
        root = knob_graph(**{name: state[name] for name in INPUTS}, graph=state["graph"])["r"]  # cheaper than keeping
        root.backward()
        reached = set(state["reached"])
        drawing.update(root, hidden=[node.name for node in drawing.nodes if node.name not in reached],
                       highlight={tuple(edge) for edge in state["sweep_edges"]})
        h = state["nudge_size"]
        for tag, name in zip(drawing.tags, [*state["nudged"], None]):
            tag.set_visible(name is not None)
            if name is not None:
                x, y = drawing.position[name]
                tag.set_position((x, y + 0.5))  # in the gap above its box, pointing down at it
                tag.set_text(f"nudge {fmt(h, sign=True)} ▼")
        for key, text in drawing.verdict.items():
            text.set_text(fmt(state[key]))

    def frame(self):
        return self.drawing.png()

    def close(self):
        super().close()
        for drawing in self.drawings.values():
            drawing.frames.invalidate()
            drawing.figure.clear()

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
        elif len(nudged) == 1:
            why = f"{fmt(gap)}: r curves in {nudged[0]}, so its slope changes along the nudge"
        elif state["graph"] == "linear":
            why = f"{fmt(gap)}: a cross term, the two nudges multiply each other in r"
        else:
            why = f"{fmt(gap)}: the nudges multiply each other, or r curves, along the way"
        sweep = []
        if state["sweep_started"]:
            done = len(state["reached"])
            sweep = [("backward step", f"{done} of {state['sweep_steps']}: " + (
                state["sweep_text"] if done else "press Step backward: the sweep starts at r, dr/dr = 1"))]
        # Every value and gradient is in the picture; the readout holds what the picture has no room for.
        return [
            ("r", fmt(state["r"])),
            *sweep,
            ("nudge", f"{moves}  (h = {fmt(h, sign=True)})"),
            ("predicted Δr", predicted),
            ("actual Δr", f"{fmt(state['r_after'])} − {_term(state['r'])} = {fmt(state['actual_change'])}"),
            ("gap", why),
        ]

    def text(self):
        """The readout as plain text, headed by the formula of the graph now chosen."""
        _, *rows = super().text().split("\n")
        return "\n".join([f"{self.title} = {FORMULAS[self.controls['graph'].value].removeprefix('r = ')}", *rows])
