"""NetworkExplorer: every weight, bias and input of the 2-2-1 network on a slider.

Move a slider and the whole hand computation is redone: z, a, ŷ, C forward; δ and every gradient
backward. "Take one step" computes all the gradients first, then updates every parameter by
θ ← θ − η ∂C/∂θ and shows the cost before and after. On the right, the cost over two parameters
of your choice (the others held where the sliders are), with the point you are at and −∇C.

Run state: the exact parameters a step produced. The sliders move to them rounded to their 0.01 grid
(a browser would snap them anyway), while the numbers and the drawing use the exact values, so what
the readout predicted before the step is what it shows after. A parameter whose slider is then moved
by hand takes the slider's value.

Speed: only the artists that change are repainted over a cached background (BlitFrames). The
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
    title = "The 2-2-1 network: forward, backward, one step"
    alt = "The 2-2-1 network with every weight on its edge (blue positive, orange negative, width its size), and the cost over two chosen parameters as colour bands."
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
        return [self.step_button]

    def new_run(self):
        # the exact parameters the last step produced, the cost before and after it, and a refused step
        return {"params": None, "inputs": None, "costs": None, "refused": None}

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
        figure = Figure(figsize=(11.6, 4.6), dpi=80)
        self.diagram = NetworkDiagram(figure.add_axes((0.0, 0.0, 0.6, 1.0)))
        self.slice = LossSlice(figure.add_axes((0.655, 0.34, 0.325, 0.54)))
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
        self.diagram.update(nested, x, y, result)

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
        g = state["grads"]
        rows = [
            ("z1 = W1·x + b1", _pair(state["z1"])),
            ("a1 = ReLU(z1)", _pair(state["a1"])),
            ("ŷ = W2·a1 + b2", fmt(state["yhat"])),
            ("C = ½(ŷ − y)²", fmt(state["cost"])),
            ("δ output = ŷ − y", fmt(state["delta2"])),
            ("δ hidden = W2ᵀδ ⊙ ReLU′(z1)", _pair(state["delta1"])),
            ("∂C/∂W1", f"[{_pair((g['W1_11'], g['W1_12']))}, {_pair((g['W1_21'], g['W1_22']))}]"),
            ("∂C/∂b1", _pair((g["b1_1"], g["b1_2"]))),
            ("∂C/∂W2", _pair((g["W2_1"], g["W2_2"]))),
            ("∂C/∂b2", fmt(g["b2"])),
        ]
        dead = [j + 1 for j, d in enumerate(state["dead"]) if d]
        rows.append(("ReLU off", ", ".join(f"hidden neuron {j} (z ≤ 0): its weights and bias get no gradient"
                                           for j in dead) or "none: both hidden neurons pass gradient"))
        before, after = state["cost"], state["cost_after_step"]
        preview = f"C {fmt(before)} → {fmt(after)} ({_percent(before, after)})"
        if after > before:
            preview += ": the step overshoots, η is too large here"
        if state["step_too_large"]:
            preview += "; too large for the sliders"
        rows.append((f"one step with η = {fmt(state['lr'], 4)}", preview))
        if state["last_step"]:
            b, a = state["last_step"]
            rows.append(("last step taken", f"C {fmt(b)} → {fmt(a)} ({_percent(b, a)})"))
        if state["exact"]:
            rows.append(("parameters (exact; the sliders show them to 0.01)",
                         ", ".join(f"{PRETTY[n]} = {fmt(v)}" for n, v in state["params"].items())))
        a, b = state["slice_pair"]
        rows.append(("slice", f"C over ({PRETTY[a]}, {PRETTY[b]}), the other parameters fixed"))
        return rows


def _percent(before, after):
    if before == 0:
        return "no change" if after == 0 else "up from 0"
    return f"{fmt(100 * (after - before) / before, decimals=2, sign=True)} %"
