"""TrainingExplorer: train a small classifier on moons or a circle and watch its decision boundary form.

Play runs training frame after frame (the front end's Play widget ticks; each tick trains one epoch,
or at most `max_steps_per_frame` minibatches, then redraws); Step does one tick by hand. Changing the
data or the architecture starts a fresh, seeded run; the learning rate and batch size apply from the
next step on, so you can change them mid-run. Half the points are held out as a test set, so a big
net on little noisy data shows overfitting: training accuracy keeps rising while test accuracy falls.
"""
import math
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..draw.boundary import BoundaryDrawing, legend_handles
from ..draw.frames import BlitFrames
from ..training import Trainer, make_dataset, make_network, predict_proba, train_test_split
from .base import Explorer, fmt

__all__ = ["TrainingExplorer"]

TRAIN_COLOR, TEST_COLOR = "#222222", "#c2185b"


class TrainingExplorer(Explorer):
    title = "Training a classifier"
    benchmark_control = "learning_rate"
    frame_interval_ms = 50     # Play's tick; a frame costs well under this, so ticks never queue up
    backlog_ms = 3             # a tick this soon after the last frame ended had been waiting: dropped
    max_steps_per_frame = 25   # keeps a frame short even with batch size 1 on 1000 points
    resolution = 60            # boundary grid: 60 × 60 probabilities per frame
    loss_axis_cap = 8.0        # the loss axis grows by doubling up to this; beyond, curves leave the top
    seed = 0

    def __init__(self):
        self.trainer, self._run_key, self._last_frame_end = None, None, -math.inf
        super().__init__()

    # ---- controls ----
    def make_controls(self):
        style, wide = {"description_width": "110px"}, widgets.Layout(width="330px")

        def slider(cls, **kw):
            return cls(style=style, layout=wide, continuous_update=False, **kw)

        return {
            "dataset": widgets.ToggleButtons(options=[("moons", "moons"), ("circle", "circle")], value="moons",
                                             description="data set", style={"description_width": "110px",
                                                                            "button_width": "80px"}),
            "n_points": slider(widgets.IntSlider, value=200, min=20, max=1000, step=10,
                               description="points (½ test)"),
            "noise": slider(widgets.FloatSlider, value=0.2, min=0.0, max=0.5, step=0.05, description="noise (std)"),
            "hidden_layers": slider(widgets.IntSlider, value=2, min=1, max=3, description="hidden layers"),
            "hidden_units": slider(widgets.IntSlider, value=16, min=1, max=32, description="units per layer"),
            "activation": widgets.Dropdown(options=["relu", "tanh", "sigmoid"], value="relu",
                                           description="activation", style=style, layout=wide),
            "learning_rate": slider(widgets.FloatLogSlider, value=0.1, base=10, min=-3, max=2, step=0.25,
                                    description="learning rate η", readout_format=".3g"),
            "batch_size": slider(widgets.SelectionSlider, options=[1, 2, 4, 8, 16, 32, 64, 128],
                                 value=16, description="batch size"),
        }

    def buttons(self):
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=self.frame_interval_ms,
                                 show_repeat=False, tooltip="Train continuously", layout=widgets.Layout(width="110px"))
        self.play.observe(self._on_tick, names="value")
        self.step_button = widgets.Button(description="Step", icon="step-forward", layout=widgets.Layout(width="80px"),
                                          tooltip="Train one epoch (at most 25 minibatches), then redraw")
        self.step_button.on_click(lambda _: self.advance())
        return [self.play, self.step_button]

    # ---- training ----
    def _build(self, params):
        X, y = make_dataset(params["dataset"], params["n_points"], params["noise"], seed=self.seed)
        self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(X, y, 0.5, seed=self.seed)
        sizes = [2] + [params["hidden_units"]] * params["hidden_layers"] + [1]
        net = make_network(sizes, params["activation"], seed=self.seed)
        self.trainer = Trainer(net, self.X_train, self.y_train, lr=params["learning_rate"],
                               batch_size=params["batch_size"], X_test=self.X_test, y_test=self.y_test,
                               seed=self.seed)
        self.trainer.record()
        self.sizes = sizes
        self.boundary.set_points(self.X_train, self.y_train, self.X_test, self.y_test)  # and its grid
        self._new_data = True

    def _key(self, params):
        return tuple(params[k] for k in ("dataset", "n_points", "noise", "hidden_layers", "hidden_units", "activation"))

    def advance(self, frames=1):
        """Train for `frames` frames (each: one epoch, at most `max_steps_per_frame` minibatches) and redraw."""
        if self.trainer is None or self.trainer.diverged:
            self._stop()
            return
        steps = min(self.trainer.steps_per_epoch, self.max_steps_per_frame)
        for _ in range(frames):  # one history point per frame, as when playing
            self.trainer.train(steps=steps)
        self.refresh()

    def _on_tick(self, change):
        # The front end ticks every `frame_interval_ms` whether or not the kernel keeps up. A tick handled
        # within a few ms of the previous frame's end was queued while that frame ran: skip it, so a slow
        # machine shows fewer frames instead of falling further and further behind (and Pause still works).
        if not self.play.playing:
            return
        if (time.perf_counter() - self._last_frame_end) * 1e3 < self.backlog_ms:
            return
        self.advance()
        self._last_frame_end = time.perf_counter()

    def _stop(self):
        if self.play.playing:
            self.play.playing = False

    def on_reset(self):
        self._stop()
        self._run_key = None  # the next refresh builds a fresh run from the (default) controls

    # ---- the state: everything shown, as plain numbers ----
    def compute_state(self, params):
        """The numbers of the current training run under these controls. Unlike most explorers' states
        this one depends on how far training has gone (Step/Play), but never on anything unseeded: a new
        data set or network restarts the run, and the same clicks always give the same numbers."""
        key = self._key(params)
        if key != self._run_key or self.trainer is None:
            self._build(params)
            self._run_key = key
        trainer = self.trainer
        trainer.lr, trainer.batch_size = params["learning_rate"], params["batch_size"]
        h = trainer.history
        state = {
            "network": "-".join(map(str, self.sizes)), "activation": params["activation"],
            "parameters": int(sum(p.size for p in trainer.net.params())),
            "n_train": len(self.X_train), "n_test": len(self.X_test),
            "learning_rate": float(trainer.lr), "batch_size": min(trainer.batch_size, len(self.X_train)),
            "epoch": h["epoch"][-1], "steps": trainer.steps,
            "train_loss": h["train_loss"][-1], "test_loss": h["test_loss"][-1],
            "train_accuracy": h["train_accuracy"][-1], "test_accuracy": h["test_accuracy"][-1],
            "history": {k: list(v) for k, v in h.items()},
        }
        if trainer.diverged:
            self._stop()
            state["status"] = f"diverged: {trainer.why_diverged} (learning rate {params['learning_rate']:.3g} is too large)"
            state["probability_grid"] = self.state.get("probability_grid", [])
        else:
            probabilities = predict_proba(trainer.net, self.boundary.grid)
            state["probability_grid"] = probabilities.reshape(self.resolution, self.resolution).tolist()
        return state

    # ---- the view ----
    def make_view(self):
        fig = Figure(figsize=(8.4, 4.3), dpi=80)  # fixed margins: a layout engine would cost ~100 ms per full draw
        grid = fig.add_gridspec(2, 2, width_ratios=[1.15, 1], left=0.08, right=0.98, bottom=0.19, top=0.93,
                                wspace=0.22, hspace=0.3)
        ax_plane = fig.add_subplot(grid[:, 0])
        self.ax_loss, self.ax_acc = fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
        self.boundary = BoundaryDrawing(ax_plane, np.zeros((1, 2)), [0], np.zeros((1, 2)), [0],
                                        resolution=self.resolution, legend=False)
        # below the picture, in the still background, so it costs nothing per frame
        fig.legend(handles=legend_handles(with_test=True), loc="lower left", bbox_to_anchor=(0.06, 0.0), ncol=3,
                   fontsize="small", frameon=False)
        ax_plane.set_title("decision boundary: P(class 1)", fontsize="medium")
        self.banner = ax_plane.text(0.5, 0.5, "", transform=ax_plane.transAxes, ha="center", va="center",
                                    color="#b00020", fontsize="large", fontweight="bold",
                                    bbox=dict(facecolor="white", edgecolor="#b00020", alpha=0.9))
        self.lines = {}
        for ax, what, label in ((self.ax_loss, "loss", "cross-entropy (nats)"), (self.ax_acc, "accuracy", "accuracy (%)")):
            for part, color in (("train", TRAIN_COLOR), ("test", TEST_COLOR)):
                (self.lines[f"{part}_{what}"],) = ax.plot([], [], color=color, lw=1.6, label=part)
            ax.set_ylabel(label)
            ax.grid(alpha=0.3)
        self.ax_acc.legend(loc="lower right", fontsize="x-small")  # one legend serves both panels
        self.ax_loss.set_title("loss and accuracy as it trains", fontsize="medium")
        self.ax_acc.set_xlabel("epoch (passes over the training points)")
        self.ax_acc.set_ylim(0, 102)
        self.frames = BlitFrames(fig, [*self.boundary.artists, *self.lines.values(), self.banner])
        self._x_max, self._loss_max, self._view, self._backgrounds = 10.0, 1.0, None, {}
        return fig

    def _fit_axes(self, history):
        # Axis limits belong to the cached background, whose full render costs ~100 ms: limits change
        # by doubling only, and each background is kept, so going back to a view seen before is free.
        epochs, losses = history["epoch"], history["train_loss"] + history["test_loss"]
        x_max, loss_max = (10.0, 1.0) if self._new_data else (self._x_max, self._loss_max)
        while epochs and epochs[-1] > x_max:
            x_max *= 2
        top = max((v for v in losses if math.isfinite(v)), default=1.0)
        while top > loss_max and loss_max < self.loss_axis_cap:
            loss_max *= 2
        view = (self.boundary.extent, x_max, loss_max)
        if view != self._view:
            self._x_max, self._loss_max, self._view = x_max, loss_max, view
            for ax in (self.ax_loss, self.ax_acc):
                ax.set_xlim(0, x_max)
            self.ax_loss.set_ylim(0, loss_max * 1.02)
            if view in self._backgrounds:
                self.frames.background = self._backgrounds[view]
            else:
                self.frames.invalidate()

    def draw(self, state):
        history = state["history"]
        self._fit_axes(history)
        self._new_data = False
        if state["probability_grid"]:
            self.boundary.update(state["probability_grid"])
        epochs = history["epoch"]
        for part in ("train", "test"):
            self.lines[f"{part}_loss"].set_data(epochs, history[f"{part}_loss"])
            self.lines[f"{part}_accuracy"].set_data(epochs, [100 * a for a in history[f"{part}_accuracy"]])
        self.banner.set_text("diverged" if state["status"].startswith("diverged") else "")
        self.banner.set_visible(bool(self.banner.get_text()))

    def frame(self):
        png = self.frames.png()
        if len(self._backgrounds) < 32:  # keep each view's rendered background, to switch back cheaply
            self._backgrounds.setdefault(self._view, self.frames.background)
        return png

    def readout(self, state):
        def pct(x):
            return "—" if x is None else f"{100 * x:.1f} %"

        return [
            ("network", f"{state['network']} ({state['parameters']} parameters), {state['activation']}"),
            ("data", f"{state['n_train']} training + {state['n_test']} test points"),
            ("training", f"minibatch SGD, η = {state['learning_rate']:.3g}, batch size {state['batch_size']}"),
            ("epoch", f"{state['epoch']:.4g} ({state['steps']} minibatch steps)"),
            ("loss (train / test)", f"{fmt(state['train_loss'], 4)} / {fmt(state['test_loss'], 4)}"),
            ("accuracy (train / test)", f"{pct(state['train_accuracy'])} / {pct(state['test_accuracy'])}"),
        ]

