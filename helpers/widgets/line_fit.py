"""Gradient descent on the loss surface of a line fit: pick a start and a learning rate, then step.

The state is a pure function of four controls — start w, start b, learning rate η, number of steps —
so a Step button and a Play widget are just ways of moving the step count (there is no run state),
and Reset goes back to the seeded start. A press on the contour map puts the start there and a drag moves it
live (`grab.Grab`); the start sliders follow, on their grid. The contour map is drawn once into a cached
background; only the path, the point, the arrow and the loss curve are painted per event.
"""
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import line_fit
from ..data import LINE_X, LINE_Y
from ..draw import style
from ..draw.frames import BlitFrames, fmt, round_up
from ..draw.line_fit import draw_loss_contours
from .base import Explorer
from .grab import Grab, StartOnTheMap

__all__ = ["LossSurfaceExplorer"]

# np.random.seed(42) followed by two np.random.randn() draws (0.4967…, −0.1383…), as notebook 04 shows,
# rounded to the sliders' 0.01 grid: a browser snaps an off-grid value and sends it back to the kernel.
SEEDED_START = (0.50, -0.14)
RATES = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.05, 0.07, 0.09, 0.1, 0.15, 0.2)
W_LIM, B_LIM = (-2.0, 12.0), (-6.0, 10.0)
BLOW_UP = 1e6        # a loss above this counts as diverged: the walk stops there
ARROW_LENGTH = 2.2   # the −gradient arrow shows a direction, drawn this long in (w, b) units
STEP_LIMITS = (20, 50, 100, 200, 500, 1000)
MAX_STEPS = STEP_LIMITS[-1]
STABLE_RATE = line_fit.stable_rate()
FIGURE_SIZE = (5.8, 3.8)  # inches
LOSS_LIM = (1e-10, BLOW_UP)  # fixed, so moving a slider never forces the background to be redrawn


class LossSurfaceExplorer(StartOnTheMap, Explorer):
    """Descend the line fit's MSE from a start you choose, one step (or a Play) at a time."""

    title = "Gradient descent on the loss surface of y ≈ w·x + b"
    alt = "Left: the path of (w, b) over the contours of the loss, with an arrow down the gradient; top right: the line through the two data points now; bottom right: the loss after each step."
    benchmark_control = "w"
    start_controls = ("w", "b")

    def __init__(self, **settings):
        super().__init__(**settings)
        self.grab = Grab(self.image, self.figure, self.surface_ax, self.move_start)

    # ---- controls ----
    def make_controls(self):
        style = {"description_width": "70px"}  # one width, so the sliders line up
        controls = {
            "w": widgets.FloatSlider(value=SEEDED_START[0], min=W_LIM[0], max=W_LIM[1], step=0.01,
                                     description="start w", readout_format=".2f", style=style),
            "b": widgets.FloatSlider(value=SEEDED_START[1], min=B_LIM[0], max=B_LIM[1], step=0.01,
                                     description="start b", readout_format=".2f", style=style),
            "lr": widgets.SelectionSlider(options=[(f"{r:g}", r) for r in RATES], value=0.05,
                                          description="η (rate)", style=style),
            "steps": widgets.Play(value=0, min=0, max=MAX_STEPS, step=1, interval=60,
                                  description="steps", show_repeat=False),
        }
        return controls

    def buttons(self):
        step = widgets.Button(description="Step", icon="step-forward", tooltip="One step of gradient descent")
        step.on_click(lambda _: self.step())
        return [step]

    def step(self, n=1):
        """Take n more steps (as the Step button does)."""
        steps = self.controls["steps"]
        steps.value = min(steps.value + n, steps.max)
        return self.state

    # ---- the numbers ----
    def compute_state(self, params):
        lr, steps = params["lr"], params["steps"]
        path = line_fit.descend(params["w"], params["b"], lr, steps, blow_up=BLOW_UP)
        w, b, loss = path[-1]
        dw, db = line_fit.mse_gradient(w, b)
        state = {
            "w_path": [p[0] for p in path], "b_path": [p[1] for p in path], "loss_path": [p[2] for p in path],
            "step": len(path) - 1, "w": w, "b": b, "loss": loss, "dw": dw, "db": db,
            "lr": lr, "stable_rate": STABLE_RATE, "status": "ok",
        }
        if len(path) < steps + 1:
            state["status"] = (f"diverged: stopped after step {len(path) - 1}, whose next step would take the loss "
                               f"past {fmt(BLOW_UP)}, "
                               f"because η = {fmt(lr)} is above the stable limit 2/λmax = {fmt(STABLE_RATE, decimals=4)}")
        return state

    def readout(self, state):
        side = "above: diverges" if state["lr"] > state["stable_rate"] else "below: converges"
        return [
            ("step", f"{state['step']}"),
            ("w, b", f"{fmt(state['w'], decimals=4)}, {fmt(state['b'], decimals=4)}   (best: 8, 3)"),
            ("MSE", fmt(state["loss"])),
            ("gradient ∂MSE/∂w, ∂MSE/∂b", f"{fmt(state['dw'])}, {fmt(state['db'])}"),
            ("η vs 2/λmax", f"{fmt(state['lr'])} vs {fmt(state['stable_rate'], decimals=4)} ({side})"),
        ]

    # ---- the picture ----
    def make_view(self):
        # 5.8 in wide, so 9 pt text is 13 CSS px on a laptop (the picture fills a 604 px column). The map, which the
        # learner presses and drags, is large on the left; the line and the loss curve are stacked on the right.
        width, height = FIGURE_SIZE
        figure = Figure(figsize=FIGURE_SIZE, dpi=80)
        inch = lambda left, bottom, w, h: [left / width, bottom / height, w / width, h / height]
        surface = figure.add_axes(inch(0.62, 0.5, 2.6, 2.97))   # 14 × 16 (w, b) units at equal scales
        fit = figure.add_axes(inch(3.95, 2.2, 1.75, 1.27))
        curve = figure.add_axes(inch(3.95, 0.5, 1.75, 1.27))
        self.surface_ax = surface
        draw_loss_contours(surface, W_LIM, B_LIM, best=(8.0, 3.0), title="MSE over (w, b), ★ = best fit (8, 3)")
        surface.text(0.03, 0.03, "press or drag: move the start", transform=surface.transAxes, fontsize=9,
                     color="#333333", bbox=dict(boxstyle="round", facecolor="white", edgecolor="none", alpha=0.8))
        surface.set_xticks([0, 4, 8, 12])
        surface.set_yticks([-4, 0, 4, 8])
        (self.trail,) = surface.plot([], [], "-o", color=style.BLUE, markersize=2.5, linewidth=1.2)
        (self.start,) = surface.plot([], [], "o", markerfacecolor="white", markeredgecolor=style.BLUE, markersize=7)
        (self.point,) = surface.plot([], [], "o", color=style.BLUE, markeredgecolor="k", markersize=8)
        self.arrow = surface.annotate("", xy=(0, 0), xytext=(0, 0), annotation_clip=False,
                                      arrowprops=dict(arrowstyle="-|>", color=style.ORANGE, lw=2.2, mutation_scale=14))
        self.warning = surface.text(0.5, 0.95, "diverged", transform=surface.transAxes, ha="center", va="top",
                                    color="white", fontsize=12, fontweight="bold", visible=False,
                                    bbox=dict(boxstyle="round", facecolor=style.MESSAGE_TEXT, edgecolor="none"))
        fit.plot(LINE_X, LINE_Y, "o", color=style.BLACK, markersize=6, label="data")
        fit.set_xlim(0, 5)
        fit.set_ylim(-20, 60)
        fit.set_xticks([0, 2, 4])
        fit.set_yticks([0, 25, 50])
        fit.set_xlabel("x", labelpad=1)
        fit.set_ylabel("y")
        fit.set_title("the line ŷ = w·x + b now", fontsize=10)
        fit.grid(True, alpha=0.3)
        (self.fit_line,) = fit.plot([], [], "-", color=style.BLUE, linewidth=2, label="ŷ = w·x + b")
        (self.misses,) = fit.plot([], [], ":", color=style.BLUE, linewidth=1.5, label="ŷ − y")
        fit.legend(handles=[fit.lines[0], self.misses], loc="upper left", fontsize=9, handlelength=1.5,
                   borderpad=0.3, labelspacing=0.2, borderaxespad=0.3)
        curve.set_yscale("log")
        curve.set_ylim(LOSS_LIM)
        curve.set_yticks([1e-8, 1e-4, 1, 1e4])
        curve.yaxis.set_minor_locator(NullLocator())
        curve.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        curve.set_xlabel("step", labelpad=1)
        curve.set_ylabel("MSE (log)")
        curve.grid(True, which="major", alpha=0.3)
        for ax in (surface, fit, curve):
            ax.tick_params(labelsize=9)
            ax.xaxis.label.set_size(9)
            ax.yaxis.label.set_size(9)
        (self.loss_line,) = curve.plot([], [], "-", color=style.BLUE, linewidth=1.5)
        (self.loss_point,) = curve.plot([], [], "o", color=style.BLUE, markeredgecolor="k", markersize=6)
        self.curve = curve
        self.frames = BlitFrames(figure, [self.trail, self.start, self.point, self.arrow, self.warning,
                                          self.fit_line, self.misses, self.loss_line, self.loss_point])
        return figure

    def draw(self, state):
        ws, bs, losses = state["w_path"], state["b_path"], state["loss_path"]
        self.trail.set_data(ws, bs)
        self.start.set_data(ws[:1], bs[:1])
        self.point.set_data(ws[-1:], bs[-1:])
        norm = math.hypot(state["dw"], state["db"])
        inside = W_LIM[0] <= state["w"] <= W_LIM[1] and B_LIM[0] <= state["b"] <= B_LIM[1]
        self.arrow.set_visible(inside and norm > 1e-9)  # no arrow for a point off the map, or at the bottom
        if self.arrow.get_visible():
            tip = (state["w"] - ARROW_LENGTH * state["dw"] / norm, state["b"] - ARROW_LENGTH * state["db"] / norm)
            self.arrow.xy = tip
            self.arrow.set_position((state["w"], state["b"]))
        self.warning.set_visible(state["status"] != "ok")
        w, b = state["w"], state["b"]
        self.fit_line.set_data([0.0, 5.0], [b, 5.0 * w + b])
        # one dotted segment per data point, from the target to the prediction (nan breaks the line)
        gaps = np.full_like(LINE_X, np.nan)
        self.misses.set_data(np.repeat(LINE_X, 3), np.column_stack([LINE_Y, w * LINE_X + b, gaps]).ravel())
        shown = np.maximum(losses, LOSS_LIM[0])  # a loss of 0 has no place on a log axis
        steps = np.arange(len(losses))
        self.loss_line.set_data(steps, shown)
        self.loss_point.set_data(steps[-1:], shown[-1:])
        # The step axis grows in round jumps, so the cached background is redrawn only at those jumps.
        right = round_up(state["step"], STEP_LIMITS)
        self.curve.set_xlim(-0.02 * right, right)  # a little room so the step-0 dot is not cut
        self.frames.view(right)
