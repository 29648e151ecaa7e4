"""TrainingExplorer: train a small classifier on moons or a circle and watch its decision boundary form.

Run state: the training run (data, network, trainer), named `self.run`. Changing the data or the
architecture starts a fresh, seeded run (`update_run`); the learning rate and batch size apply from the
next step on, so you can change them mid-run. Play trains frame after frame (the front end's Play
widget ticks; each tick trains at most `max_steps_per_frame` minibatches, then redraws); Step trains
to the end of the current epoch, so it always shows a whole epoch. The state is computed from the
controls and the run without changing either; the same clicks always give the same numbers. Half the points are held out as a test set, so a big
net on little noisy data shows overfitting: training accuracy keeps rising while test accuracy falls.
"""
import math
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..draw import style
from ..draw.frames import BlitFrames, fmt, round_up
from ..draw.training import BoundaryDrawing, legend_handles, plane_grid
from ..training import Trainer, make_dataset, make_network, predict_proba, train_test_split
from .base import Explorer

__all__ = ["TrainingExplorer"]

TRAIN_COLOR, TEST_COLOR = style.BLACK, style.VERMILLION
EPOCH_LIMITS = tuple(10 * 2**k for k in range(40))  # the epoch axis doubles as training goes on
LOSS_LIMITS = (1.0, 2.0, 4.0, 8.0)  # beyond 8, the loss curves leave the top of their panel


class TrainingExplorer(Explorer):
    title = "Training a classifier"
    alt = "Left: the classifier's decision boundary over the training and test points; right: training and test loss and accuracy as it trains."
    benchmark_control = "learning_rate"
    frame_interval_ms = 50     # Play's tick; a frame costs well under this, so ticks never queue up
    backlog_ms = 3             # a tick this soon after the last frame ended had been waiting: dropped
    max_steps_per_frame = 25   # keeps a frame short even with batch size 1 on 1000 points
    resolution = 60            # boundary grid: 60 × 60 probabilities per frame
    seed = 0

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
        self._last_frame_end = -math.inf
        self.step_button = widgets.Button(description="Step", icon="step-forward", layout=widgets.Layout(width="80px"),
                                          tooltip="Train to the end of this epoch, then redraw")
        self.step_button.on_click(lambda _: self.step())
        return [self.play, self.step_button]

    # ---- the run: what Step and Play accumulate ----
    @staticmethod
    def _key(params):
        return tuple(params[k] for k in ("dataset", "n_points", "noise", "hidden_layers", "hidden_units", "activation"))

    def update_run(self, params):
        key = self._key(params)
        if self.run is not None and self.run["key"] == key:
            return
        X, y = make_dataset(params["dataset"], params["n_points"], params["noise"], seed=self.seed)
        X_train, X_test, y_train, y_test = train_test_split(X, y, 0.5, seed=self.seed)
        sizes = [2] + [params["hidden_units"]] * params["hidden_layers"] + [1]
        net = make_network(sizes, params["activation"], seed=self.seed)
        trainer = Trainer(net, X_train, y_train, lr=params["learning_rate"], batch_size=params["batch_size"],
                          X_test=X_test, y_test=y_test, seed=self.seed)
        trainer.record()
        grid, extent = plane_grid(np.vstack([X_train, X_test]), self.resolution, self.boundary.margin)
        self.run = dict(key=key, trainer=trainer, sizes=sizes, data=(X_train, y_train, X_test, y_test),
                        grid=grid, extent=extent, diverged_with=None)

    def step(self, n=1, whole_epochs=True):
        """Train n frames and redraw; returns the state. A frame is the rest of the current epoch (Step),
        or at most `max_steps_per_frame` minibatches when `whole_epochs` is False (Play)."""
        run = self.run
        if run is None or run["trainer"].diverged:
            self._stop()
            return self.state
        trainer = run["trainer"]
        trainer.lr, trainer.batch_size = self.params["learning_rate"], self.params["batch_size"]
        for _ in range(n):  # one history point per frame, as when playing
            if whole_epochs:
                trainer.train(epochs=1)
            else:
                trainer.train(steps=min(trainer.steps_per_epoch, self.max_steps_per_frame))
            if trainer.diverged:
                run["diverged_with"] = trainer.lr  # the rate that diverged, whatever the slider says later
                self._stop()
                break
        return self.refresh()

    @property
    def trainer(self):
        """The run's Trainer (its history, steps per epoch, ...), read only: Step and Play drive it."""
        return self.run["trainer"]

    def advance(self, frames=1):
        """The old name of `step`, kept while notebook 07 still calls it; use `step(n)`."""
        return self.step(frames)

    def _on_tick(self, change):
        # The front end ticks every `frame_interval_ms` whether or not the kernel keeps up. A tick handled
        # within a few ms of the previous frame's end was queued while that frame ran: skip it, so a slow
        # machine shows fewer frames instead of falling further and further behind (and Pause still works).
        if not self.play.playing:
            return
        if (time.perf_counter() - self._last_frame_end) * 1e3 < self.backlog_ms:
            return
        self.step(whole_epochs=False)
        self._last_frame_end = time.perf_counter()

    def _stop(self):
        if self.play.playing:
            self.play.playing = False

    # ---- the state: everything shown, as plain numbers ----
    def compute_state(self, params):
        run = self.run
        trainer = run["trainer"]
        X_train, _, X_test, _ = run["data"]
        h = trainer.history
        state = {
            "network": "-".join(map(str, run["sizes"])), "activation": params["activation"],
            "parameters": int(sum(p.size for p in trainer.net.params())),
            "n_train": len(X_train), "n_test": len(X_test),
            "learning_rate": float(params["learning_rate"]),
            "batch_size": min(params["batch_size"], len(X_train)),
            "epoch": float(trainer.epoch), "steps": trainer.steps,
            "train_loss": h["train_loss"][-1], "test_loss": h["test_loss"][-1],
            "train_accuracy": h["train_accuracy"][-1], "test_accuracy": h["test_accuracy"][-1],
            "history": {k: list(v) for k, v in h.items()},
            "extent": [float(v) for v in run["extent"]],
        }
        if trainer.diverged:
            state["status"] = (f"diverged: {trainer.why_diverged} (learning rate {fmt(run['diverged_with'], 3)} "
                               f"is too large)")
            state["probability_grid"] = []
        else:
            probabilities = predict_proba(trainer.net, run["grid"])
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
                                    color=style.MESSAGE_TEXT, fontsize="large", fontweight="bold",
                                    bbox=dict(facecolor="white", edgecolor=style.MESSAGE_TEXT, alpha=0.9))
        self.lines = {}
        for ax, what, label in ((self.ax_loss, "loss", "cross-entropy (nats)"), (self.ax_acc, "accuracy", "accuracy (%)")):
            for part, color in (("train", TRAIN_COLOR), ("test", TEST_COLOR)):
                (self.lines[f"{part}_{what}"],) = ax.plot([], [], color=color, ls="-" if part == "train" else "--", lw=1.6, label=part)
            ax.set_ylabel(label)
            ax.grid(alpha=0.3)
        self.ax_acc.legend(loc="lower right", fontsize="small")  # one legend serves both panels
        self.ax_loss.set_title("loss and accuracy as it trains", fontsize="medium")
        self.ax_acc.set_xlabel("epoch (passes over the training points)")
        self.ax_acc.set_ylim(0, 102)
        self.frames = BlitFrames(fig, [*self.boundary.artists, *self.lines.values(), self.banner])
        self._points_of = None  # the data set whose points are drawn
        return fig

    def _fit_axes(self, history, data):
        # Axis limits belong to the cached background, whose full render costs ~100 ms: they change by
        # doubling only, and each (data, limits) background is kept, so a view seen before is free.
        epochs, losses = history["epoch"], history["train_loss"] + history["test_loss"]
        x_max = round_up(epochs[-1] if epochs else 0, EPOCH_LIMITS)
        loss_max = round_up(max((v for v in losses if math.isfinite(v)), default=1.0), LOSS_LIMITS)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, x_max)
        self.ax_loss.set_ylim(0, loss_max * 1.02)
        self.frames.view((data, x_max, loss_max))

    def draw(self, state):
        data = self.run["key"][:3]  # data set, points, noise
        if data != self._points_of:
            self.boundary.set_points(*self.run["data"])
            self._points_of = data
        history = state["history"]
        self._fit_axes(history, data)
        if state["probability_grid"]:
            self.boundary.update(state["probability_grid"])
        epochs = history["epoch"]
        for part in ("train", "test"):
            self.lines[f"{part}_loss"].set_data(epochs, history[f"{part}_loss"])
            self.lines[f"{part}_accuracy"].set_data(epochs, [100 * a for a in history[f"{part}_accuracy"]])
        self.banner.set_text("diverged" if state["status"].startswith("diverged") else "")
        self.banner.set_visible(bool(self.banner.get_text()))

    def readout(self, state):
        def pct(x):
            return "—" if x is None else f"{fmt(100 * x, decimals=1)} %"

        return [
            ("network", f"{state['network']} ({state['parameters']} parameters), {state['activation']}"),
            ("data", f"{state['n_train']} training + {state['n_test']} test points"),
            ("training", f"minibatch SGD, η = {fmt(state['learning_rate'], 3)}, batch size {state['batch_size']}"),
            ("epoch", f"{fmt(state['epoch'], 4)} ({state['steps']} minibatch steps)"),
            ("loss (train / test)", f"{fmt(state['train_loss'], 4)} / {fmt(state['test_loss'], 4)}"),
            ("accuracy (train / test)", f"{pct(state['train_accuracy'])} / {pct(state['test_accuracy'])}"),
        ]

