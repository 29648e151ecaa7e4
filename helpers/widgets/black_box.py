"""Train the black box r = (a·w1 + b·w2 + c·w3)·w4 one step at a time, and watch it learn — or run away.

Two update rules to compare, both with learning rate η and all gradients taken before any update:
- "descend r" (naive):  w ← w − η·∂r/∂w          pushes r down for ever, whatever the target;
- "½(r − 1)²" (a loss): w ← w − η·∂L/∂w, L = ½(r − 1)², which pulls r towards the target 1.

The state is a pure function of (η, rule, number of steps): every event replays the training from
the starting weights, which takes well under a millisecond per hundred steps.
"""
import math

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..data import BLACK_BOX_EXAMPLES, BLACK_BOX_WEIGHTS
from ..draw.frames import BlitFrames
from .base import Explorer, fmt

__all__ = ["BlackBoxTrainer", "black_box_output", "black_box_step", "train_black_box"]

TARGET = 1.0
RULES = {"r": "descend r (naive)", "loss": "½(r − 1)²"}
RUNAWAY = 1000.0  # |r| beyond this on any example counts as diverged (the target is 1)
MAX_STEPS = 3000
RUN_STEPS = 100
R_VIEW = 10.0  # the r panel shows at most ±R_VIEW; larger values are clipped (and said so)
LOSS_VIEW = (1e-8, 1e12)  # the loss panel's fixed range (log scale); values outside are drawn at its edge


def black_box_output(weights, example):
    """r = (a·w1 + b·w2 + c·w3)·w4 for weights (w1, w2, w3, w4) and an example (a, b, c)."""
    w1, w2, w3, w4 = weights
    a, b, c = example
    return (a * w1 + b * w2 + c * w3) * w4


def black_box_step(weights, example, lr, rule="loss"):
    """One update on one example: the new weights (w1, w2, w3, w4).

    The gradient is the chain rule through the graph: ∂r/∂w4 = s (the sum), ∂r/∂wi = w4·xi.
    With the loss, every one of them is multiplied by ∂L/∂r = r − 1. All four are computed from the
    old weights before any of them changes."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {sorted(RULES)}, got {rule!r}")
    w1, w2, w3, w4 = weights
    a, b, c = example
    s = a * w1 + b * w2 + c * w3
    dl_dr = 1.0 if rule == "r" else s * w4 - TARGET
    grads = (dl_dr * w4 * a, dl_dr * w4 * b, dl_dr * w4 * c, dl_dr * s)
    return tuple(w - lr * g for w, g in zip(weights, grads))


def _check_lr(lr):
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr < math.inf:
        raise ValueError(f"the learning rate must be a positive number, got {lr!r}")


def train_black_box(lr=0.1, rule="r", steps=0, weights=BLACK_BOX_WEIGHTS, examples=BLACK_BOX_EXAMPLES):
    """Take `steps` updates, cycling through `examples`; stop early if r runs away.

    Returns a dict: the weights now, the histories (r on every example and the total loss, one point
    per step, starting at step 0), the last step's example and r before/after, and `diverged_at`
    (the step where some |r| passed RUNAWAY, or None)."""
    _check_lr(lr)
    if rule not in RULES:
        raise ValueError(f"rule must be one of {sorted(RULES)}, got {rule!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, got {steps!r}")
    weights = tuple(float(w) for w in weights)
    outputs = [black_box_output(weights, x) for x in examples]
    r_history = [[r] for r in outputs]
    loss_history = [sum(0.5 * (r - TARGET) ** 2 for r in outputs)]
    last = None
    diverged_at = None
    for step in range(1, steps + 1):
        example = examples[(step - 1) % len(examples)]
        new = black_box_step(weights, example, lr, rule)
        new_outputs = [black_box_output(new, x) for x in examples]
        if not all(math.isfinite(v) for v in (*new, *new_outputs)):
            diverged_at = step  # overflow: keep the last finite picture
            break
        last = (example, black_box_output(weights, example), black_box_output(new, example))
        weights, outputs = new, new_outputs
        for history, r in zip(r_history, outputs):
            history.append(r)
        loss_history.append(sum(0.5 * (r - TARGET) ** 2 for r in outputs))
        if max(abs(r) for r in outputs) > RUNAWAY:
            diverged_at = step
            break
    return dict(weights=list(weights), r_history=r_history, loss_history=loss_history,
                last=last, diverged_at=diverged_at)


class BlackBoxTrainer(Explorer):
    """Step the black box through its three examples with either update rule."""

    title = "Train the black box r = (a·w1 + b·w2 + c·w3)·w4"
    benchmark_control = "lr"

    def __init__(self):
        self.steps_taken = 0
        super().__init__()

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

    def step(self, n=1):
        """Take n more updates (as the Step and Run buttons do) and redraw; returns the state."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"step(n) needs a whole number of steps n ≥ 1, got {n!r}")
        if self.state.get("diverged"):
            return self.state  # nothing more to learn from a run that has left the rails: Reset first
        self.steps_taken = min(self.steps_taken + n, MAX_STEPS)
        self.refresh()
        self.steps_taken = self.state["step"]  # a run that stopped early counts the steps it really took
        return self.state

    def on_reset(self):
        self.steps_taken = 0

    # ---- the numbers ----
    def compute_state(self, params):
        run = train_black_box(params["lr"], params["rule"], self.steps_taken)
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
        figure = Figure(figsize=(8.4, 3.4), dpi=80)
        self.ax_r, self.ax_loss = figure.subplots(1, 2)
        figure.subplots_adjust(left=0.09, right=0.98, bottom=0.15, top=0.8, wspace=0.3)
        colors = ("#1f77b4", "#ff7f0e", "#2ca02c")
        # markevery=[-1]: a dot on the latest point, so even step 0 (a single point) is visible
        self.r_lines = [self.ax_r.plot([], [], color=color, lw=1.2, marker="o", ms=4, markevery=[-1],
                                       label=f"r on {tuple(int(v) for v in x)}")[0]
                        for color, x in zip(colors, BLACK_BOX_EXAMPLES)]
        self.ax_r.axhline(TARGET, color="#555555", ls="--", lw=1, label="target 1")
        self.ax_r.set_xlabel("step (updates so far)")
        self.ax_r.set_ylabel("output r")
        self.ax_r.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=8, frameon=False)
        self.clip_note = self.ax_r.text(0.98, 0.04, "", transform=self.ax_r.transAxes, ha="right", fontsize=8,
                                        color="#b00020", bbox=dict(fc="white", ec="none", alpha=0.85))
        (self.loss_line,) = self.ax_loss.plot([], [], color="#b00020", lw=1.2, marker="o", ms=4, markevery=[-1])
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(*LOSS_VIEW)
        self.ax_loss.set_xlabel("step (updates so far)")
        self.ax_loss.set_ylabel("Σ ½(r − 1)² (3 examples)")
        self.ax_loss.set_title("error on all three examples (log scale)", fontsize=10)
        self.suptitle = figure.suptitle("", fontsize=11, y=0.98)
        # Only the curves and texts move; the axes are repainted only when their (rounded) limits change.
        self.frames = BlitFrames(figure, [*self.r_lines, self.loss_line, self.clip_note, self.suptitle])
        self.limits = None
        return figure

    def draw(self, state):
        steps = list(range(len(state["loss_history"])))
        for line, history in zip(self.r_lines, state["r_history"]):
            line.set_data(steps, history)
        losses = [min(max(v, LOSS_VIEW[0]), LOSS_VIEW[1]) for v in state["loss_history"]]
        self.loss_line.set_data(steps, losses)
        low = min(min(h) for h in state["r_history"])
        high = max(max(h) for h in state["r_history"])
        clipped = low < -R_VIEW or high > R_VIEW
        self.clip_note.set_text(f"clipped to ±{R_VIEW:g}: |r| reached {fmt(max(-low, high), 4)}" if clipped else "")
        # the note goes on the side the curves did not run off to
        self.clip_note.set_y(0.04 if high > R_VIEW else 0.9)
        # Few, coarse choices: the still background (axes, ticks) is re-rendered only when they change.
        limits = (_nice_above(steps[-1], (5, 10, 20, 50, 100, 200, 500, 1000, 2000, MAX_STEPS)),
                  -_nice_above(-low, (1, 2, 5, R_VIEW)), _nice_above(high, (5, R_VIEW)))
        if limits != self.limits:
            self.limits = limits
            x_max, r_low, r_high = limits
            pad = 0.05 * (r_high - r_low)
            self.ax_r.set_ylim(r_low - pad, r_high + pad)
            for ax in (self.ax_r, self.ax_loss):
                ax.set_xlim(-0.02 * x_max, x_max)  # a little room so the step-0 dots are not cut
            self.frames.invalidate()
        rule = "w ← w − η·∂r/∂w" if state["rule"] == "r" else "w ← w − η·∂L/∂w,  L = ½(r − 1)²"
        verdict = "  —  diverged" if state["diverged"] else ("  —  converged" if state["converged"] else "")
        self.suptitle.set_text(f"{rule}   η = {state['lr']:.3f}   step {state['step']}{verdict}")

    def readout(self, state):
        w1, w2, w3, w4 = state["weights"]
        example = "(" + ", ".join(f"{v:g}" for v in state["example"]) + ")"
        if state["r_before"] is None:
            last = f"none yet; r on {example} is {fmt(state['r'])}"
        else:
            last = f"on {example}: r {fmt(state['r_before'])} → {fmt(state['r'])}"
        rows = [
            ("rule", RULES[state["rule"]] + f", η = {state['lr']:.3f}"),
            ("step", f"{state['step']} (next example: (" + ", ".join(f"{v:g}" for v in state["next_example"]) + "))"),
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


def _nice_above(x, choices):
    """The first of `choices` at or above x (the last one if x is beyond them all)."""
    for choice in choices:
        if x <= choice:
            return choice
    return choices[-1]
