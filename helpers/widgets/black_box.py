"""Train the black box r = (a·w1 + b·w2 + c·w3)·w4 one step at a time, and watch it learn — or run away.

Two update rules to compare, both with learning rate η and all gradients taken before any update:
- "descend r" (naive):  w ← w − η·∂r/∂w          pushes r down for ever, whatever the target;
- "½(r − 1)²" (a loss): w ← w − η·∂L/∂w, L = ½(r − 1)², which pulls r towards the target 1.

The maths is in helpers.black_box. The run state is the number of steps taken (Step and Run add to
it); the state is a pure function of (η, rule, steps taken): every event replays the training from the
starting weights, which takes well under a millisecond per hundred steps.
"""
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import validate
from ..draw import style
from ..black_box import RULES, RUNAWAY, TARGET, black_box_output, train_black_box
from ..data import BLACK_BOX_EXAMPLES
from ..draw.frames import BlitFrames, fmt, round_up
from .base import Explorer

__all__ = ["BlackBoxTrainer"]

MAX_STEPS = 3000
RUN_STEPS = 100
R_VIEW = 10.0  # the r panel shows at most ±R_VIEW; larger values are clipped (and said so)
LOSS_VIEW = (1e-8, 1e12)  # the cost drawn (log scale); a value outside is drawn at its edge and marked ▽ or △
LOSS_MARKS = 30  # at most about this many ▽ (or △) along an edge (one per step would be a solid bar)


class BlackBoxTrainer(Explorer):
    """Step the black box through its three examples with either update rule."""

    title = "Train the black box r = (a·w1 + b·w2 + c·w3)·w4"
    alt = ("Left: the output r on each of the three examples against the step, with the target 1 dashed; right: the "
           "total cost on all three examples, log scale, with ▽ on the floor where it is below 1e−8 (△ above 1e12).")
    benchmark_control = "lr"

    # ---- controls and buttons ----
    def make_controls(self):
        style = {"description_width": "initial"}
        return {
            "lr": widgets.FloatSlider(value=0.1, min=0.005, max=0.2, step=0.005, readout_format=".3f",
                                      description="learning rate η", style=style, continuous_update=True),
            "rule": widgets.ToggleButtons(options=[("r (naive)", "r"), ("½(r − 1)²", "loss")], value="r",
                                          description="descend", style=style,
                                          tooltips=["w ← w − η·∂r/∂w", "w ← w − η·∂L/∂w with L = ½(r − 1)²"]),
        }

    def buttons(self):
        step = widgets.Button(description="Step", icon="step-forward", tooltip="One update on the next example")
        run = widgets.Button(description=f"Run {RUN_STEPS}", icon="play", tooltip=f"{RUN_STEPS} more updates")
        step.on_click(lambda _: self.step(1))
        run.on_click(lambda _: self.step(RUN_STEPS))
        return [step, run]

    def new_run(self):
        return {"steps": 0}  # updates taken so far (Step and Run add to it)

    def step(self, n=1):
        """Take n more updates (as the Step and Run buttons do) and redraw; returns the state."""
        n = validate.whole("n", n, 1)
        if self.state.get("diverged"):
            return self.state  # nothing more to learn from a run that has left the rails: Reset first
        self.run["steps"] = min(self.run["steps"] + n, MAX_STEPS)
        self.refresh()
        self.run["steps"] = self.state["step"]  # a run that stopped early counts the steps it really took
        return self.state

    # ---- the numbers ----
    def compute_state(self, params):
        run = train_black_box(params["lr"], params["rule"], self.run["steps"])
        diverged_at = run["diverged_at"]
        step = len(run["loss_history"]) - 1
        if run["last"] is None:
            example = BLACK_BOX_EXAMPLES[0]
            r_before = None
            r = black_box_output(run["weights"], example)
        else:
            example, r_before, r = run["last"]
        total = run["loss_history"][-1]
        state = dict(
            lr=float(params["lr"]), rule=params["rule"], step=step, weights=run["weights"],
            example=list(example), r_before=r_before, r=r, loss=0.5 * (r - TARGET) ** 2, total_loss=total,
            r_history=run["r_history"], loss_history=run["loss_history"],
            next_example=list(BLACK_BOX_EXAMPLES[step % len(BLACK_BOX_EXAMPLES)]),
            diverged=diverged_at is not None, converged=total < 1e-6, at_limit=step >= MAX_STEPS,
        )
        if diverged_at is not None:
            worst = max(abs(h[-1]) for h in run["r_history"])
            why = (f"|r| reached {fmt(worst, 4)}, past {RUNAWAY:g}" if math.isfinite(worst) and worst > RUNAWAY
                   else "the numbers overflowed")
            state["status"] = (f"diverged at step {diverged_at}: {why}; training stopped and the curves "
                               f"end at the last finite step (r is clipped to ±{R_VIEW:g} in the picture)")
        return state

    # ---- the picture ----
    def make_view(self):
        # 5.5 in wide, so 8 pt text is 12 CSS px on a laptop (the picture fills a 604 px column): every text >= 8.5 pt
        figure = Figure(figsize=(5.5, 3.2), dpi=80)
        self.ax_r, self.ax_loss = figure.subplots(1, 2)
        figure.subplots_adjust(left=0.11, right=0.98, bottom=0.15, top=0.78, wspace=0.42)
        colors = (style.BLUE, style.ORANGE, style.PURPLE)
        line_styles = ("-", "-.", ":")
        # markevery=[-1]: a dot on the latest point, so even step 0 (a single point) is visible
        self.r_lines = [self.ax_r.plot([], [], color=color, ls=ls, lw=1.5, marker=marker, ms=5, markevery=[-1],
                                       label=str(tuple(int(v) for v in x)))[0]
                        for color, ls, marker, x in zip(colors, line_styles, "os^", BLACK_BOX_EXAMPLES)]
        target = self.ax_r.axhline(TARGET, color=style.GREY, ls="--", lw=1.2, label="target 1")
        self.ax_r.set_ylabel("r on each example (a, b, c)", fontsize=9)
        (self.loss_line,) = self.ax_loss.plot([], [], color=style.BLACK, lw=1.5, marker="o", ms=5, markevery=[-1])
        # the points beyond the range, drawn on its edge: marked, so no one reads 1e−31 as 1e−8
        hollow = dict(color=style.BLACK, mfc="white", ms=6, ls="none")  # hollow: not taken for the latest point's dot
        (self.loss_below,) = self.ax_loss.plot([], [], "v", **hollow)
        (self.loss_above,) = self.ax_loss.plot([], [], "^", **hollow)
        self.loss_note = self.ax_loss.text(0.96, 0.96, "", transform=self.ax_loss.transAxes, ha="right", va="top",
                                           fontsize=9, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1))
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(LOSS_VIEW[0] / 10**0.6, LOSS_VIEW[1] * 10**0.6)  # room for the ▽ and △ at the edges
        self.ax_loss.set_yticks([1e-8, 1e-4, 1, 1e4, 1e8, 1e12])
        self.ax_loss.yaxis.set_minor_locator(NullLocator())
        self.ax_loss.set_ylabel("total cost Σ ½(r − 1)²", fontsize=9)
        for ax in (self.ax_r, self.ax_loss):
            ax.set_xlabel("step", fontsize=9)
            ax.tick_params(labelsize=9)
            ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        self.ax_r.yaxis.set_major_locator(MaxNLocator(5))
        figure.legend([*self.r_lines, target], [line.get_label() for line in (*self.r_lines, target)],
                      loc="center", bbox_to_anchor=(0.5, 0.86), ncol=4, fontsize=9, frameon=False,
                      handlelength=2.2, columnspacing=1.2)
        self.clip_note = self.ax_r.text(0.97, 0.04, "", transform=self.ax_r.transAxes, ha="right", fontsize=9,
                                        color=style.MESSAGE_TEXT, bbox=dict(fc="white", ec="none", alpha=0.85))
        self.suptitle = figure.suptitle("", fontsize=10, y=0.985)
        # Only the curves and texts move; the axes are repainted only when their (rounded) limits change.
        self.frames = BlitFrames(figure, [*self.r_lines, self.loss_line, self.loss_below, self.loss_above,
                                          self.loss_note, self.clip_note, self.suptitle])
        return figure

    def draw(self, state):
        steps = list(range(len(state["loss_history"])))
        for line, history in zip(self.r_lines, state["r_history"]):
            line.set_data(steps, history)
        losses = np.array(state["loss_history"])
        self.loss_line.set_data(steps, np.clip(losses, *LOSS_VIEW))
        low = min(min(h) for h in state["r_history"])
        high = max(max(h) for h in state["r_history"])
        clipped = low < -R_VIEW or high > R_VIEW
        self.clip_note.set_text(f"clipped at ±{R_VIEW:g}\n|r| reached {fmt(max(-low, high), 3)}" if clipped else "")
        # the note goes on the side the curves did not run off to
        self.clip_note.set_y(0.04 if high > R_VIEW else 0.72)
        # Few, coarse choices: the still background (axes, ticks) is re-rendered only when they change.
        limits = (round_up(steps[-1], (5, 10, 20, 50, 100, 200, 500, 1000, 2000, MAX_STEPS)),
                  -round_up(-low, (1, 2, 5, R_VIEW)), round_up(high, (5, R_VIEW)))
        x_max, r_low, r_high = limits
        pad = 0.05 * (r_high - r_low)
        self.ax_r.set_ylim(r_low - pad, r_high + pad)
        for ax in (self.ax_r, self.ax_loss):
            ax.set_xlim(-0.02 * x_max, x_max)  # a little room so the step-0 dots are not cut
        self.frames.view(limits)
        notes = []
        for line, outside, edge, note in ((self.loss_below, losses < LOSS_VIEW[0], LOSS_VIEW[0], r"▽ below $10^{-8}$"),
                                          (self.loss_above, losses > LOSS_VIEW[1], LOSS_VIEW[1], r"△ above $10^{12}$")):
            marked = _edge_marks(outside, max(1, x_max // LOSS_MARKS))
            line.set_data(marked, np.full(len(marked), edge))
            if len(marked):
                notes.append(note)
        self.loss_note.set_text("\n".join(notes))  # the edges are the axis's end ticks, 1e−8 and 1e12
        # at the top, unless the curve ran off the top: then at the bottom, away from it
        self.loss_note.set_y(0.04 if losses.max() > LOSS_VIEW[1] else 0.96)
        self.loss_note.set_va("bottom" if losses.max() > LOSS_VIEW[1] else "top")
        rule = "descend r (naive)" if state["rule"] == "r" else "descend ½(r − 1)²"
        verdict = ": diverged" if state["diverged"] else (": converged" if state["converged"] else "")
        self.suptitle.set_text(f"{rule},  η = {fmt(state['lr'], decimals=3)},  step {state['step']}{verdict}")

    def readout(self, state):
        w1, w2, w3, w4 = state["weights"]
        example = "(" + ", ".join(fmt(v) for v in state["example"]) + ")"
        if state["r_before"] is None:
            last = f"none yet; r on {example} is {fmt(state['r'])}"
        else:
            last = f"on {example}: r {fmt(state['r_before'])} → {fmt(state['r'])}"
        rows = [
            ("rule", RULES[state["rule"]] + f", η = {fmt(state['lr'], decimals=3)}"),
            ("step", f"{state['step']} (next example: (" + ", ".join(fmt(v) for v in state["next_example"]) + "))"),
            ("w1, w2, w3, w4", ", ".join(fmt(w) for w in (w1, w2, w3, w4))),
            ("last step", last),
            ("r on the 3 examples", ", ".join(fmt(h[-1]) for h in state["r_history"])),
            ("½(r − 1)² last example", fmt(state["loss"])),
            ("Σ ½(r − 1)² all examples", fmt(state["total_loss"])),
        ]
        if state["converged"]:
            rows.append(("verdict", "converged: r = 1 on every example"))
        if state["at_limit"]:
            rows.append(("limit", f"{MAX_STEPS} steps is the most this explorer takes"))
        return rows


def _edge_marks(outside, every):
    """The steps to mark among those outside the drawn range: every `every` steps, and the first of each run,
    so even a single step outside is marked."""
    steps = np.flatnonzero(outside)
    first = outside & ~np.concatenate(([False], outside[:-1]))
    return steps[(steps % every == 0) | first[steps]]
