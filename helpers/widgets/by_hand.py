"""NetworkExplorer: every weight, bias and input of the 2-2-1 network on a slider.

Move a slider and the whole hand computation is redone: z, a, ŷ, C forward; δ and every gradient
backward. "Take one step" computes all the gradients first, then updates every parameter by
θ ← θ − η ∂C/∂θ and shows the cost before and after. On the right, the cost over two parameters
of your choice (the others held where the sliders are), with the point you are at and −∇C.

Run state: the exact parameters a step produced. The sliders move to them rounded to their 0.01 grid
(a browser would snap them anyway), while the numbers and the drawing use the exact values, so what
the readout predicted before the step is what it shows after. A parameter whose slider is then moved
by hand takes the slider's value.

"Step backward" does the backward pass by hand, one neuron at a time from the output back: its δ
(upstream gradient × local derivative) and the gradients of its weights and bias, each product written
out in the readout, one per row, with the edges it uses lit up on the drawing; a last step adds up what
reaches each input from the two hidden neurons it feeds. Numbers the sweep has not reached show "—".

The drawing is sized for a laptop (6 in wide, 9 pt text: 12 CSS px in its 604 px column): it shows each
number once, and a weight's gradient only for the slice's pair and the edges a backward step lights up;
the readout under it has every gradient. The sweep is run state:
any change of a number restarts it; Reset ends it (with no sweep started everything shows).

Click an edge (a weight) or a hidden or output neuron (its bias) in the picture: that parameter becomes
the slice's horizontal one, and the one it replaces moves to the vertical (ipyevents on the picture).

Speed: only the artists that change are repainted over a cached background (BlitFrames), and a line
of numbers painted before replays its glyphs (BlitFrames remembers them). The
slice is re-evaluated (41×41 settings in one NumPy call) only when a parameter outside the
chosen pair, an input or the target moves; moving one of the pair only moves the point and arrow.
"""
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..by_hand import PARAMETER_NAMES, cost_numpy, flatten, step, unflatten, worked_example
from ..data import NET_221
from ..draw.by_hand import PRETTY, LossSlice, NetworkDiagram
from ..draw.frames import BlitFrames, fmt
from .base import Explorer

__all__ = ["NetworkExplorer"]

WEIGHT_RANGE, BIAS_RANGE, INPUT_RANGE, TARGET_RANGE = (-2.0, 2.0), (-1.0, 1.0), (-1.0, 1.0), (-2.0, 2.0)
GRID = 41  # points per side of the loss-surface slice


def _range(name):
    return BIAS_RANGE if name.startswith("b") else WEIGHT_RANGE


def _pair(values):
    return f"({fmt(values[0])}, {fmt(values[1])})"


class NetworkExplorer(Explorer):
    title = "The 2-2-1 network by hand"  # one line above the controls: a longer one wraps and costs a row
    # Doubled, an event costs 26-34 ms against 17-27 ms (benchmarks, 2026-12-01): not reliably within 30 ms.
    pixel_ratio = 1
    alt = ("The 2-2-1 network: each neuron's bias, sum, activation and δ, each weight on its edge (blue positive, "
           "orange negative, width its size, grey where no gradient flows) with the gradients of the chosen weights; "
           "beside it, the cost over the two chosen parameters as colour bands, with the point and the arrow −∇C.")
    benchmark_control = "x1"  # an input: the slow path (the slice is re-evaluated), not the blit-only one

    # ---- controls ----
    def make_controls(self):
        worked = worked_example()
        flat = flatten(worked)
        style = {"description_width": "52px"}

        def slider(name, value, bounds, step=0.01, label=None):
            return widgets.FloatSlider(value=value, min=bounds[0], max=bounds[1], step=step, description=label or name,
                                       readout_format=".2f", continuous_update=True, style=style)

        controls = {}
        for name in PARAMETER_NAMES:
            controls[name] = slider(name, flat[name], _range(name), label=PRETTY[name])
        controls["x1"] = slider("x1", worked["x"][0], INPUT_RANGE, label="x₁")
        controls["x2"] = slider("x2", worked["x"][1], INPUT_RANGE, label="x₂")
        controls["y"] = slider("y", worked["y"], TARGET_RANGE, label="target y")
        controls["lr"] = slider("lr", float(NET_221["lr"]), (0.0, 2.0), label="η")
        options = [(PRETTY[n], n) for n in PARAMETER_NAMES]
        controls["slice_a"] = widgets.Dropdown(options=options, value="W1_11", description="slice →", style=style)
        controls["slice_b"] = widgets.Dropdown(options=options, value="b1_2", description="slice ↑", style=style)
        return controls

    def buttons(self):
        self.step_button = widgets.Button(
            description="Take one step", icon="step-forward",
            tooltip="All gradients first, then θ ← θ − η ∂C/∂θ for each parameter")
        self.step_button.on_click(lambda _: self.step())
        self.backward_button = widgets.Button(description="Step backward", icon="step-backward",
                                              tooltip="Fill in the next neuron's δ and gradients, from the output back")
        self.backward_button.on_click(lambda _: self.step_backward())
        self.backward_all_button = widgets.Button(description="Backward all", icon="fast-backward",
                                                  tooltip="Fill in every gradient at once")
        self.backward_all_button.on_click(lambda _: self.backward_all())
        self._watch_mouse()
        return [self.step_button, self.backward_button, self.backward_all_button]

    def new_run(self):
        # the exact parameters the last step produced, the cost before and after it, a refused step,
        # and the backward sweep: how many of its steps are shown (None: not started) and for which numbers
        return {"params": None, "inputs": None, "costs": None, "refused": None, "sweep": None, "sweep_at": None}

    def update_run(self, params):
        sweep_at = tuple(params[n] for n in (*PARAMETER_NAMES, "x1", "x2", "y"))
        if sweep_at != self.run["sweep_at"]:
            self.run["sweep_at"] = sweep_at
            if self.run["sweep"] is not None:
                self.run["sweep"] = 0  # new numbers: the sweep starts again from the output

    # ---- the backward sweep ----
    def step_backward(self, n=1):
        """Show the next `n` steps of the backward pass (a finished sweep starts again). Returns the state."""
        sweep = self.run["sweep"]
        sweep = 0 if sweep is None or sweep >= len(SWEEP) else sweep
        self.run["sweep"] = min(sweep + n, len(SWEEP))
        return self.refresh()

    def backward_all(self):
        """Show every step of the backward pass. Returns the state."""
        self.run["sweep"] = len(SWEEP)
        return self.refresh()

    # ---- clicking on the picture ----
    def _watch_mouse(self):
        try:
            from ipyevents import Event
        except ImportError:  # no ipyevents: the dropdowns still choose the slice
            self.mouse = None
            return
        self.mouse = Event(source=self.image, watched_events=["click"], prevent_default_action=True)
        self.mouse.on_dom_event(self.on_mouse)

    def close(self):
        if self.mouse is not None:
            self.mouse.close()  # it holds the picture and this explorer: not in the widget tree, so closed here
            self.mouse = None
        super().close()

    def parameter_at(self, x, y):
        """The parameter drawn under pixel (x, y) of the picture (from its top-left corner): a weight's edge
        or label, or a neuron (its bias); None when nothing is near."""
        ax = self.diagram.ax
        u, v = ax.transData.inverted().transform((x, self.figure.bbox.height - y))
        return self.diagram.parameter_near(float(u), float(v))

    def on_mouse(self, event):
        """Handle an ipyevents click (a dict with "type", "relativeX", "relativeY", "boundingRectWidth",
        "boundingRectHeight"): a click on a parameter selects it for the slice. Never raises."""
        try:
            if event.get("type") != "click":
                return
            x = float(event["relativeX"]) * float(self.figure.bbox.width) / float(event["boundingRectWidth"])
            y = float(event["relativeY"]) * float(self.figure.bbox.height) / float(event["boundingRectHeight"])
        except (AttributeError, KeyError, TypeError, ValueError, ZeroDivisionError):
            return
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        name = self.parameter_at(x, y)
        if name is not None:
            self.select(name)

    def select(self, name):
        """Make parameter `name` the slice's horizontal one; the one it replaces becomes the vertical one."""
        a, b = self.params["slice_a"], self.params["slice_b"]
        if name == a:
            return self.state
        self.set(slice_a=name, slice_b=a if name == b or a != b else b)
        return self.state

    # ---- the numbers ----
    def _parameters(self, params):
        """The parameters in use: a step's exact value wherever its slider still shows it (rounded)."""
        sliders = {n: float(params[n]) for n in PARAMETER_NAMES}
        stepped = self.run["params"]
        if stepped is None:
            return sliders, False
        exact = {n: stepped[n] if sliders[n] == self.on_grid(n, stepped[n]) else sliders[n] for n in PARAMETER_NAMES}
        return exact, exact == stepped

    def compute_state(self, params):
        flat, just_stepped = self._parameters(params)
        x, y, lr = [float(params["x1"]), float(params["x2"])], float(params["y"]), float(params["lr"])
        update = step(x=x, y=y, lr=lr, **unflatten(flat))
        now, stepped = update["before"], flatten(update["params"])
        for v in (now["cost"], update["after"]["cost"], *stepped.values()):
            if not math.isfinite(v):
                raise OverflowError("a number grew past what a float can hold")
        outside = [n for n in PARAMETER_NAMES if not _range(n)[0] <= stepped[n] <= _range(n)[1]]
        pair = (params["slice_a"], params["slice_b"])
        state = dict(
            x=x, y=y, lr=lr, params=flat,
            z1=now["z1"], a1=now["a1"], yhat=now["yhat"], cost=now["cost"],
            delta2=now["delta2"], delta1=now["delta1"], dead=now["dead"],
            grads=flatten(now["grads"]),
            next_params=stepped, cost_after_step=update["after"]["cost"], change=update["change"],
            step_too_large=[f"{n} → {fmt(stepped[n], 4)} (slider range {fmt(_range(n)[0])} to {fmt(_range(n)[1])})"
                            for n in outside],
            slice_pair=list(pair),
            last_step=list(self.run["costs"]) if just_stepped and self.run["inputs"] == [*x, y] else None,
            exact=just_stepped,
        )
        done = len(SWEEP) if self.run["sweep"] is None else self.run["sweep"]
        reached = [name for part in SWEEP[:done] for name in part[1]]
        lines = _step_lines(SWEEP[done - 1][0], state) if done and self.run["sweep"] is not None else []
        state.update(sweep_started=self.run["sweep"] is not None, sweep_steps=len(SWEEP), reached=reached,
                     sweep_part=SWEEP[done - 1][0] if lines else None, sweep_lines=lines,
                     sweep_edges=list(SWEEP[done - 1][2]) if lines else [])
        if self.run["refused"] == params:
            state["status"] = ("step too large for the sliders: " + "; ".join(state["step_too_large"])
                               + ". Lower η and try again")
        elif pair[0] == pair[1]:
            state["status"] = "the slice needs two different parameters: pick another one in a dropdown"
        return state

    def step(self):
        """One gradient-descent step (the "Take one step" button): refused, with a message, if it leaves
        the sliders' range. Returns the state."""
        state = self.state
        if state.get("status", "ok").startswith(("diverged", "cannot draw")):
            return state  # the numbers on show are not the sliders' numbers: nothing sound to step from
        if state["step_too_large"]:
            self.run["refused"] = self.params
            return self.refresh()
        stepped = state["next_params"]
        self.run.update(params=dict(stepped), inputs=[*state["x"], state["y"]],
                        costs=[state["cost"], state["cost_after_step"]], refused=None)
        self.set(**{n: self.on_grid(n, v) for n, v in stepped.items()})
        return self.state

    # ---- the picture ----
    def make_view(self):
        # 6 in wide, 9 pt text: 12 CSS px on a laptop. The network on the left, the slice beside it; a backward
        # step's products are written out in the readout, where a line of maths has room.
        figure = Figure(figsize=(6.0, 3.2))
        # The slice stands clear of the output's numbers (they reach 0.69 of the width).
        self.diagram = NetworkDiagram(figure.add_axes((0.0, 0.0, 0.70, 1.0)))
        self.slice = LossSlice(figure.add_axes((0.775, 0.16, 0.21, 0.52)))
        self.frames = BlitFrames(figure, [*self.diagram.moving, *self.slice.moving])
        self._surface_key = None  # what the slice's contours were last computed for
        self._slice_axes = None   # the pair the slice's axes are labelled for
        return figure

    def draw(self, state):
        if "params" not in state:
            return  # the very first setting failed: nothing computed yet to show
        flat, x, y = state["params"], state["x"], state["y"]
        nested = unflatten(flat)
        result = dict(z1=state["z1"], a1=state["a1"], yhat=state["yhat"], cost=state["cost"], dead=state["dead"],
                      delta1=state["delta1"], delta2=state["delta2"], grads=unflatten(state["grads"]))
        self.diagram.update(nested, x, y, result, reached=None if not state["sweep_started"] else set(state["reached"]),
                            highlight=set(state["sweep_edges"]), gradients=set(state["slice_pair"]))

        a, b = state["slice_pair"]
        if a == b:
            return
        if self._slice_axes != (a, b):  # axis labels and limits: the still background, one per pair
            self.slice.set_axes(a, _range(a), b, _range(b))
            self._slice_axes = (a, b)
        self.frames.view((a, b))
        others = tuple(v for n, v in flat.items() if n not in (a, b))
        key = (a, b, others, tuple(x), y)
        if key != self._surface_key:
            self._draw_surface(flat, x, y, a, b)
            self._surface_key = key
        self.slice.set_point(flat[a], flat[b], state["grads"][a], state["grads"][b], state["cost"])

    def _draw_surface(self, flat, x, y, a, b):
        grid_a = np.linspace(*_range(a), GRID)
        grid_b = np.linspace(*_range(b), GRID)
        # Rows along b (vertical), columns along a: one NumPy call for all 41×41 settings.
        sliced = dict(flat, **{a: grid_a[None, :], b: grid_b[:, None]})
        grid = cost_numpy(x=x, y=y, **unflatten(sliced))
        self.slice.set_surface(np.broadcast_to(grid, (GRID, GRID)))
        self.frames.moving = [*self.diagram.moving, *self.slice.moving]  # the new contour lines replace the old

    def advice(self, status):
        # A refused step or a slice over one parameter says what to change; only a real failure asks for Reset.
        return "" if status.startswith(("step too large", "the slice needs")) else super().advice(status)

    # ---- the numbers beside the picture ----
    def readout(self, state):
        # Short rows, at most nine: the picture already shows every value, weight and bias (exact after a step).
        reached = None if not state["sweep_started"] else set(state["reached"])

        def known(name, value):
            return fmt(value) if reached is None or name in reached else "—"

        def pair(names, values):
            return f"({known(names[0], values[0])}, {known(names[1], values[1])})"

        g = state["grads"]
        deltas = f"{known('delta2', state['delta2'])}, {pair(('delta1_1', 'delta1_2'), state['delta1'])}"
        rows = [("ŷ, C = ½(ŷ − y)²", f"{fmt(state['yhat'])}, {fmt(state['cost'])}")]
        if state["sweep_lines"]:
            # The step written out, one product per row: what it computes, then the numbers that go in.
            part = state["sweep_part"]
            rows.append((f"backward step {SWEEP_INDEX[part] + 1} of {state['sweep_steps']} ({SWEEP_NAMES[part]})",
                         f"δ so far: {deltas}"))
            rows += [_split(line) for line in state["sweep_lines"]]
        else:
            if state["sweep_started"]:
                rows.append(("backward pass", "press Step backward: it starts at the output"))
            else:
                rows.insert(0, ("z1, a1 = ReLU(z1)", f"{_pair(state['z1'])}, {_pair(state['a1'])}"))
            rows += [
                ("δ = ∂C/∂b: output, hidden", deltas),
                ("∂C/∂W1", f"[{pair(('W1_11', 'W1_12'), (g['W1_11'], g['W1_12']))}, "
                           f"{pair(('W1_21', 'W1_22'), (g['W1_21'], g['W1_22']))}]"),
                ("∂C/∂W2", pair(("W2_1", "W2_2"), (g["W2_1"], g["W2_2"]))),
            ]
        if not state["sweep_lines"]:  # in a backward step, its ReLU′ factor says it
            dead = [SUB[j] for j, d in enumerate(state["dead"]) if d]
            rows.append(("ReLU off", ", ".join(f"h{j} (z ≤ 0): no gradient to its weights and bias" for j in dead)
                         or "none: both hidden neurons pass gradient"))
        before, after = state["cost"], state["cost_after_step"]
        preview = f"C {fmt(before)} → {fmt(after)} ({_percent(before, after)})"
        if after > before:
            preview += ": overshoots, η too large"
        if state["step_too_large"]:
            preview += "; too large for the sliders"
        rows.append((f"one step, η = {fmt(state['lr'], 4)}", preview))
        if state["last_step"]:
            b, a = state["last_step"]
            rows.append(("last step taken", f"C {fmt(b)} → {fmt(a)} ({_percent(b, a)})"))
        a, b = state["slice_pair"]
        rows.append(("slice", f"C over ({PRETTY[a]}, {PRETTY[b]}), the rest fixed"))
        return rows


# The backward sweep: (part, what it fills in, the edges it uses), from the output back to the inputs.
SWEEP = (
    ("output", ("delta2", "W2_1", "W2_2", "b2"), ("W2_1", "W2_2")),
    ("hidden 1", ("delta1_1", "W1_11", "W1_12", "b1_1"), ("W2_1", "W1_11", "W1_12")),
    ("hidden 2", ("delta1_2", "W1_21", "W1_22", "b1_2"), ("W2_2", "W1_21", "W1_22")),
    ("inputs", ("dx1", "dx2"), ("W1_11", "W1_21", "W1_12", "W1_22")),
)
SWEEP_INDEX = {part: i for i, (part, _, _) in enumerate(SWEEP)}
SWEEP_NAMES = {"output": "the output neuron", "hidden 1": "hidden neuron 1", "hidden 2": "hidden neuron 2",
               "inputs": "the inputs"}


def _split(line):
    """A written-out product as a readout row: what is computed, and the numbers that go in (the last two "= ")."""
    what, numbers, result = line.rsplit(" = ", 2)
    return what, f"{numbers} = {result}"


def _term(x):
    """A number as an operand: negatives in brackets, 0.5 × (−0.2)."""
    return f"({fmt(x)})" if x < 0 else fmt(x)


def _step_lines(part, state):
    """One backward step written out: upstream gradient × local derivative = the gradient, per number."""
    g, p, x = state["grads"], state["params"], state["x"]
    d2 = state["delta2"]
    if part == "output":
        return [f"δ = ∂C/∂ŷ = ŷ − y = {fmt(state['yhat'])} − {_term(state['y'])} = {fmt(d2)}",
                *(f"∂C/∂W2{SUB[j]} = δ × a1{SUB[j]} = {_term(d2)} × {_term(state['a1'][j])} = {fmt(g[f'W2_{j + 1}'])}"
                  for j in range(2)),
                f"∂C/∂b2 = δ × 1 = {fmt(g['b2'])}"]
    if part == "inputs":  # each input feeds both hidden neurons: the two paths add up
        d1 = state["delta1"]
        return [f"∂C/∂x{SUB[k]} = W1₁{SUB[k]} × δ₁ + W1₂{SUB[k]} × δ₂ = {_term(p[f'W1_1{k + 1}'])} × {_term(d1[0])} + "
                f"{_term(p[f'W1_2{k + 1}'])} × {_term(d1[1])} = {fmt(p[f'W1_1{k + 1}'] * d1[0] + p[f'W1_2{k + 1}'] * d1[1])}"
                for k in range(2)]
    j = int(part[-1]) - 1
    slope = 0.0 if state["dead"][j] else 1.0
    d1 = state["delta1"][j]
    return [f"δ{SUB[j]} = W2{SUB[j]} × δ × ReLU′(z{SUB[j]}) = {_term(p[f'W2_{j + 1}'])} × {_term(d2)} × {fmt(slope)}"
            f" = {fmt(d1)}",
            *(f"∂C/∂W1{SUB[j]}{SUB[k]} = δ{SUB[j]} × x{SUB[k]} = {_term(d1)} × {_term(x[k])} = "
              f"{fmt(g[f'W1_{j + 1}{k + 1}'])}" for k in range(2)),
            f"∂C/∂b1{SUB[j]} = δ{SUB[j]} × 1 = {fmt(g[f'b1_{j + 1}'])}"]


SUB = "₁₂"


def _percent(before, after):
    if before == 0:
        return "no change" if after == 0 else "up from 0"
    return f"{fmt(100 * (after - before) / before, decimals=2, sign=True)} %"
