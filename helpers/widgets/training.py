"""TrainingExplorer: train a small classifier on moons or a circle and watch its decision boundary form.

Run state: the training run (data, network, trainer), named `self.run`. Changing the data or the
architecture starts a fresh, seeded run (`update_run`); the learning rate and batch size apply from the
next step on, so you can change them mid-run. Play trains frame after frame (the front end's Play
widget ticks; each tick trains at most `max_steps_per_frame` minibatches, then redraws); Step trains
to the end of the current epoch, so it always shows a whole epoch. The state is computed from the
controls and the run without changing either; the same clicks always give the same numbers. Half the points are held out as a test set, so a big
net on little noisy data shows overfitting: training accuracy keeps rising while test accuracy falls
("test points" can instead hold out 100 to 500 extra points, so test accuracy moves in small steps).

Weight decay λ adds ½λ·Σw² to the cost (the Trainer adds λ·W to each weight's gradient); the curves and
the loss readout stay the cross-entropy alone, and a readout row shows the whole cost when λ > 0.

Along the bottom of the picture, small maps show what each unit of the first two hidden layers outputs over
the same plane (each map scaled to its own largest |value|): a ReLU unit that outputs 0 everywhere is dead, drawn
flat grey, crossed out and counted. A preset (`PRESETS`, the menu, or `use_preset(name)`) sets every
control at once for one lesson; the readout names it for as long as the controls still match it.
"""
import math
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..draw import style
from ..draw.frames import BlitFrames, fmt, round_up
from ..draw.training import BoundaryDrawing, legend_handles, plane_grid
from matplotlib.colors import LinearSegmentedColormap

from ..training import Trainer, hidden_outputs, make_dataset, make_network, train_test_split
from .base import Explorer

__all__ = ["TrainingExplorer", "PRESETS"]

TRAIN_COLOR, TEST_COLOR = style.BLACK, style.VERMILLION
EPOCH_LIMITS = tuple(10 * 2**k for k in range(40))  # the epoch axis doubles as training goes on
LOSS_LIMITS = (1.0, 2.0, 4.0, 8.0)  # beyond 8, the loss curves leave the top of their panel
WEIGHT_DECAYS = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)

# A unit's map: orange where it outputs its most negative value, grey at 0, purple at its most positive
# (PuOr's ends, colour-vision safe, and apart from the boundary's orange/blue class colours).
# Transparent where there is no value: the gaps between maps, and the places of units the layer lacks.
UNIT_CMAP = LinearSegmentedColormap.from_list("unit_output", ["#b35806", "#e0e0e0", "#542788"]).with_extremes(
    bad=(0.0, 0.0, 0.0, 0.0))
TILE, MAP_COLUMNS, MAP_ROWS = 20, 8, 4  # a map is 20 × 20 samples of the plane; 8 × 4 maps show 32 units
MAPPED_LAYERS = 2                       # the first two hidden layers get maps
TEXT_PT, TITLE_PT = 9, 10               # ≥ 1.43 pt per inch of figure width: ≥ 12 CSS px on a laptop

# Each preset sets every control (those not named go back to their defaults) for one lesson.
PRESETS = {
    "overfit": ("overfit: little noisy data, big network",
                dict(n_points=40, test_points=200, noise=0.4, hidden_layers=3, hidden_units=32, batch_size=4)),
    "overfit, weight decay": ("the same, tamed by weight decay λ = 0.01",
                              dict(n_points=40, test_points=200, noise=0.4, hidden_layers=3, hidden_units=32,
                                   batch_size=4, weight_decay=0.01)),
    "underfit": ("underfit: one hidden unit", dict(hidden_layers=1, hidden_units=1)),
    "dead ReLUs": ("dead ReLUs: a large rate", dict(learning_rate=10 ** 0.5)),
    "too-large rate": ("too-large η: the loss blows up", dict(learning_rate=10.0)),
}


class TrainingExplorer(Explorer):
    title = "Training a classifier"
    alt = ("Left: the classifier's decision boundary over the training and test points; right: training and test "
           "loss and accuracy as it trains; below: a small map of each hidden unit's output over the plane (first "
           "two hidden layers), dead units crossed out and counted.")
    # Doubled (1200 × 800 px), an event costs 39-53 ms against 17-18 ms (benchmarks' sweep, 2026-12-01): the
    # bilinear boundary image and the unit maps are resampled at four times the pixels, so Play could not keep 30 ms.
    pixel_ratio = 1
    benchmark_control = "learning_rate"
    frame_interval_ms = 50     # Play's tick; a frame costs well under this, so ticks never queue up
    backlog_ms = 3             # a tick this soon after the last frame ended had been waiting: dropped
    max_steps_per_frame = 25   # keeps a frame short even with batch size 1 on 1000 points
    resolution = 60            # boundary grid: 60 × 60 probabilities per frame
    seed = 0

    def __init__(self, preset=None, **settings):
        """`preset`: the name of one of `PRESETS`, applied first; `settings` (controls by name) then change it."""
        if preset is not None:
            settings = {**self._preset_settings(preset), **settings}
        super().__init__(**settings)
        self._put_above(self.step_button, self.preset_menu)  # just above the Play/Step/Reset row

    def _put_above(self, button, new):
        """Show `new` just above the row of controls that holds `button` (or last, if none does)."""
        row = self.box_holding(button)
        parent = self.box_holding(row) if row is not None else None
        if parent is None:
            self.widget.children = (*self.widget.children, new)
            return
        index = parent.children.index(row)
        parent.children = (*parent.children[:index], new, *parent.children[index:])

    # ---- controls ----
    def make_controls(self):
        style, wide = {"description_width": "110px"}, widgets.Layout(width="330px")

        def slider(cls, **kw):
            return cls(style=style, layout=wide, continuous_update=False, **kw)

        return {
            "dataset": widgets.ToggleButtons(options=[("moons", "moons"), ("circle", "circle")], value="moons",
                                             description="data set", style={"description_width": "110px",
                                                                            "button_width": "80px"}),
            "n_points": slider(widgets.IntSlider, value=200, min=20, max=1000, step=10, description="points"),
            "test_points": widgets.Dropdown(
                options=[("½ of the points", "half"), ("100 more", 100), ("200 more", 200), ("500 more", 500)],
                value="half", description="test points", style=style, layout=wide),
            "noise": slider(widgets.FloatSlider, value=0.2, min=0.0, max=0.5, step=0.05, description="noise (std)"),
            "hidden_layers": slider(widgets.IntSlider, value=2, min=1, max=3, description="hidden layers"),
            "hidden_units": slider(widgets.IntSlider, value=16, min=1, max=32, description="units per layer"),
            "activation": widgets.Dropdown(options=["relu", "tanh", "sigmoid"], value="relu",
                                           description="activation", style=style, layout=wide),
            "learning_rate": slider(widgets.FloatLogSlider, value=0.1, base=10, min=-3, max=2, step=0.25,
                                    description="learning rate η", readout_format=".3g"),
            "batch_size": slider(widgets.SelectionSlider, options=[1, 2, 4, 8, 16, 32, 64, 128],
                                 value=16, description="batch size"),
            "weight_decay": slider(widgets.SelectionSlider, options=[(f"{v:g}", v) for v in WEIGHT_DECAYS],
                                   value=0.0, description="weight decay λ"),
        }

    def buttons(self):
        self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=self.frame_interval_ms,
                                 show_repeat=False, tooltip="Train continuously", layout=widgets.Layout(width="110px"))
        self.play.observe(self._on_tick, names="value")
        self._last_frame_end = -math.inf
        self.step_button = widgets.Button(description="Step", icon="step-forward", layout=widgets.Layout(width="80px"),
                                          tooltip="Train to the end of this epoch, then redraw")
        self.step_button.on_click(lambda _: self.step())
        self.preset_menu = widgets.Dropdown(
            options=[("— none —", ""), *((label, name) for name, (label, _) in PRESETS.items())], value="",
            description="preset", style={"description_width": "110px"}, layout=widgets.Layout(width="330px"),
            tooltip="Set every control for one lesson (and start a fresh run)")
        self._showing_preset = False
        self.preset_menu.observe(self._on_preset_menu, names="value")
        return [self.play, self.step_button]

    # ---- presets ----
    def _preset_settings(self, name):
        if name not in PRESETS:
            raise ValueError(f"{type(self).__name__}: there is no preset {name!r}; the presets are "
                             f"{', '.join(map(repr, PRESETS))}")
        return {**self._defaults(), **PRESETS[name][1]}

    def _defaults(self):
        if not hasattr(self, "defaults"):  # before the constructor has made the controls
            controls = self.make_controls()
            for control in controls.values():
                control.close()
            return {name: control.value for name, control in controls.items()}
        return self.defaults

    def use_preset(self, name):
        """Set every control as preset `name` says (one redraw) and start a fresh run; returns the state."""
        settings = self._preset_settings(name)
        self._stop_playing()
        self.run = self.new_run()
        self.set(**settings)
        return self.state

    def _active_preset(self, params):
        return next((name for name in PRESETS if params == self._preset_settings(name)), None)

    def _on_preset_menu(self, change):
        if change.new and not self._showing_preset:
            self.use_preset(change.new)

    def refresh(self):
        state = super().refresh()
        self._showing_preset = True  # the menu follows the controls: it empties once a control moves off the preset
        try:
            self.preset_menu.value = self._active_preset(self.params) or ""
        finally:
            self._showing_preset = False
        return state

    # ---- the run: what Step and Play accumulate ----
    @staticmethod
    def _key(params):
        return tuple(params[k] for k in ("dataset", "n_points", "test_points", "noise", "hidden_layers",
                                         "hidden_units", "activation"))

    def update_run(self, params):
        key = self._key(params)
        if self.run is not None and self.run["key"] == key:
            return
        n, test = params["n_points"], params["test_points"]
        if test == "half":
            X, y = make_dataset(params["dataset"], n, params["noise"], seed=self.seed)
            split = train_test_split(X, y, 0.5, seed=self.seed)
        else:  # all n points train; `test` more points from the same distribution are held out
            X, y = make_dataset(params["dataset"], n + test, params["noise"], seed=self.seed)
            split = train_test_split(X, y, test / (n + test), seed=self.seed)
        X_train, X_test, y_train, y_test = split
        sizes = [2] + [params["hidden_units"]] * params["hidden_layers"] + [1]
        net = make_network(sizes, params["activation"], seed=self.seed)
        trainer = Trainer(net, X_train, y_train, lr=params["learning_rate"], batch_size=params["batch_size"],
                          X_test=X_test, y_test=y_test, seed=self.seed, weight_decay=params["weight_decay"])
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
        trainer.weight_decay = self.params["weight_decay"]
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
        weights = [p for p in trainer.net.params() if p.ndim == 2]
        state = {
            "network": "-".join(map(str, run["sizes"])), "activation": params["activation"],
            "parameters": int(sum(p.size for p in trainer.net.params())),
            "n_train": len(X_train), "n_test": len(X_test),
            "learning_rate": float(params["learning_rate"]),
            "batch_size": min(params["batch_size"], len(X_train)),
            "weight_decay": float(params["weight_decay"]),
            "preset": self._active_preset(params),
            "epoch": float(trainer.epoch), "steps": trainer.steps,
            "train_loss": h["train_loss"][-1], "test_loss": h["test_loss"][-1],
            "train_accuracy": h["train_accuracy"][-1], "test_accuracy": h["test_accuracy"][-1],
            "history": {k: list(v) for k, v in h.items()},
            "extent": [float(v) for v in run["extent"]],
        }
        if trainer.diverged:
            state["status"] = (f"diverged: {trainer.why_diverged} (learning rate {fmt(run['diverged_with'], 3)} "
                               f"is too large)")
            state.update(probability_grid=[], hidden_maps=[], dead_units=[], weight_norm=None, penalty=None)
            return state
        with np.errstate(all="ignore"):
            hidden, logits = hidden_outputs(trainer.net, run["grid"])
            probabilities = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            weight_norm = math.sqrt(sum(float(np.sum(W * W)) for W in weights))
        if not (math.isfinite(weight_norm) and all(np.isfinite(a).all() for a in hidden)):
            raise FloatingPointError("a hidden unit's output overflowed")
        square = (self.resolution, self.resolution)
        state["probability_grid"] = probabilities.reshape(square).tolist()
        # dead: 0 at every point of the plane's grid, so no gradient reaches the unit's weights from anywhere here
        state["dead_units"] = [np.flatnonzero(~a.any(axis=0)).tolist() for a in hidden]
        every = self.resolution // TILE
        state["hidden_maps"] = [a.T.reshape(-1, *square)[:, every // 2::every, every // 2::every].tolist()
                                for a in hidden[:MAPPED_LAYERS]]
        state["weight_norm"] = weight_norm
        state["penalty"] = 0.5 * float(params["weight_decay"]) * weight_norm ** 2
        return state

    # ---- the view ----
    def make_view(self):
        # 6 × 4 in, every text ≥ 9 pt: ≥ 12 CSS px on a laptop's 604 px column. Top: the plane, with the loss
        # and accuracy curves beside it; one legend row; bottom: the hidden units' maps and their key.
        # Fixed margins (fractions of the figure): a layout engine would cost ~100 ms per full draw.
        fig = Figure(figsize=(6.0, 4.0), dpi=80)
        ax_plane = fig.add_axes([0.095, 0.4375, 0.38, 0.5075])
        self.ax_loss = fig.add_axes([0.6, 0.715, 0.37, 0.23])
        self.ax_acc = fig.add_axes([0.6, 0.4375, 0.37, 0.23], sharex=self.ax_loss)
        self.boundary = BoundaryDrawing(ax_plane, np.zeros((1, 2)), [0], np.zeros((1, 2)), [0],
                                        resolution=self.resolution, legend=False)
        ax_plane.set_xlabel("x₁ (no unit)", fontsize=TEXT_PT, labelpad=2)
        ax_plane.set_ylabel("x₂ (no unit)", fontsize=TEXT_PT, labelpad=2)
        ax_plane.set_title("boundary: P(class 1)", fontsize=TITLE_PT)
        self.banner = ax_plane.text(0.5, 0.5, "", transform=ax_plane.transAxes, ha="center", va="center",
                                    color=style.MESSAGE_TEXT, fontsize=12, fontweight="bold",
                                    bbox=dict(facecolor="white", edgecolor=style.MESSAGE_TEXT, alpha=0.9))
        self.lines = {}
        for ax, what, label in ((self.ax_loss, "loss", "loss (nats)"), (self.ax_acc, "accuracy", "accuracy (%)")):
            for part, color in (("train", TRAIN_COLOR), ("test", TEST_COLOR)):
                (self.lines[f"{part}_{what}"],) = ax.plot([], [], color=color, lw=1.6, label=f"{part} curve",
                                                          ls="-" if part == "train" else "--")
            ax.set_ylabel(label, fontsize=TEXT_PT, labelpad=2)
            ax.grid(alpha=0.3)
        for ax in (ax_plane, self.ax_loss, self.ax_acc):
            ax.tick_params(labelsize=TEXT_PT, pad=2)
            ax.locator_params(nbins=4)
        self.ax_loss.tick_params(labelbottom=False)  # the accuracy panel's epochs serve both
        self.ax_loss.set_title("cross-entropy and accuracy", fontsize=TITLE_PT)
        self.ax_acc.set_xlabel("epoch", fontsize=TEXT_PT, labelpad=2)
        self.ax_acc.set_ylim(0, 102)
        self.ax_acc.set_yticks([0, 50, 100])
        self.ax_acc.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))  # whole epochs
        # one legend for every panel, below them, in the still background, so it costs nothing per frame
        fig.legend(handles=[*legend_handles(with_test=True), self.lines["train_loss"], self.lines["test_loss"]],
                   loc="center", bbox_to_anchor=(0.5, 0.306), ncol=5, fontsize=TEXT_PT, frameon=False,
                   handlelength=1.6, columnspacing=1.0, handletextpad=0.4)
        self.unit_maps = [UnitMaps(fig.add_axes([0.02 + 0.3 * k, 0.04, 0.27, 0.195])) for k in range(MAPPED_LAYERS)]
        fig.text(0.63, 0.2575, "each map: one hidden unit's\noutput over the plane\npurple: its largest value\n"
                 "grey: 0\norange: its most negative\n×: dead (0 everywhere)", ha="left", va="top",
                 fontsize=TEXT_PT, linespacing=1.15)
        moving = [*self.boundary.artists, *self.lines.values(), self.banner]
        self.frames = BlitFrames(fig, moving + [a for maps in self.unit_maps for a in maps.artists])
        self._points_of = None  # the data set whose points are drawn
        self._dead_counts = ()   # of the maps on show (kept while a diverged run shows its last good maps)
        return fig

    def _fit_axes(self, history, data, layers, dead_counts):
        # Axis limits belong to the cached background, whose full render costs ~100 ms: they change by
        # doubling only, and each (data, limits, layers, dead counts) background is kept, so a view seen
        # before is free. (The dead counts change a few times per run; text painted each frame costs more.)
        epochs, losses = history["epoch"], history["train_loss"] + history["test_loss"]
        x_max = round_up(epochs[-1] if epochs else 0, EPOCH_LIMITS)
        loss_max = round_up(max((v for v in losses if math.isfinite(v)), default=1.0), LOSS_LIMITS)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, x_max)
        self.ax_loss.set_ylim(0, loss_max * 1.02)
        for k, maps in enumerate(self.unit_maps):
            maps.label(k, layers, dead_counts[k] if k < len(dead_counts) else None)
        self.frames.view((data, x_max, loss_max, layers, dead_counts))

    def draw(self, state):
        data = self.run["key"][:4]  # data set, points, test points, noise
        if data != self._points_of:
            self.boundary.set_points(*self.run["data"])
            self._points_of = data
        history = state["history"]
        layers = (*self.run["sizes"][1:-1], state["activation"])
        if state["probability_grid"]:
            self._dead_counts = tuple(len(dead) for dead in state["dead_units"][:MAPPED_LAYERS])
        self._fit_axes(history, data, layers, self._dead_counts)
        if state["probability_grid"]:
            self.boundary.update(state["probability_grid"])
            for maps, values, dead in zip(self.unit_maps, state["hidden_maps"], state["dead_units"]):
                maps.update(values, dead)
        epochs = history["epoch"]
        for part in ("train", "test"):
            self.lines[f"{part}_loss"].set_data(epochs, history[f"{part}_loss"])
            self.lines[f"{part}_accuracy"].set_data(epochs, [100 * a for a in history[f"{part}_accuracy"]])
        self.banner.set_text("diverged" if state["status"].startswith("diverged") else "")
        self.banner.set_visible(bool(self.banner.get_text()))

    def readout(self, state):
        def pct(x):
            return "—" if x is None else f"{fmt(100 * x, decimals=1)} %"

        # Few, short rows (the picture sits above them on a 768 px screen): the curves show the history, these
        # rows the numbers now.
        rows = [("preset", PRESETS[state["preset"]][0])] if state["preset"] else []
        rows += [
            ("network", f"{state['network']} ({state['parameters']} parameters), {state['activation']}"),
            ("data", f"{state['n_train']} training + {state['n_test']} test points"),
            ("training", f"epoch {fmt(state['epoch'], 4)} ({state['steps']} steps), η = {fmt(state['learning_rate'], 3)}, "
                         f"batch {state['batch_size']}"),
            ("train / test", f"{'cross-entropy' if state['weight_decay'] else 'loss'} {fmt(state['train_loss'], 4)} / "
                             f"{fmt(state['test_loss'], 4)}, accuracy {pct(state['train_accuracy'])} / "
                             f"{pct(state['test_accuracy'])}"),
        ]
        if state["weight_decay"] and state["penalty"] is not None:
            rows.append((f"cost C, λ = {fmt(state['weight_decay'])}",
                         f"cross-entropy + ½λΣw² = {fmt(state['train_loss'], 4)} + {fmt(state['penalty'], 4)} = "
                         f"{fmt(state['train_loss'] + state['penalty'], 4)}"))
        # one row for the weights: their size (what weight decay shrinks) and the ReLUs that died
        weights = [] if state["weight_norm"] is None else [f"size √Σw² = {fmt(state['weight_norm'], 4)}"]
        if state["dead_units"]:
            units = state["network"].split("-")[1:-1]
            weights.append(f"dead units per layer: {', '.join(str(len(dead)) for dead in state['dead_units'])} "
                           f"(of {units[0]} each)")
        if weights:
            rows.append(("weights", "; ".join(weights)))
        return rows


class UnitMaps:
    """One hidden layer's units as small maps over the plane, in one image (a mosaic of 8 × 4 places).

    A map is scaled to its own largest |value|; a dead unit (0 everywhere) is flat grey, crossed out, and
    counted in the caption, so it never shows by colour alone."""

    def __init__(self, ax):
        self.ax = ax
        size = (MAP_ROWS * (TILE + 1) - 1, MAP_COLUMNS * (TILE + 1) - 1)
        self.mosaic = np.full(size, np.nan)
        self.image = ax.imshow(self.mosaic, cmap=UNIT_CMAP, vmin=-1.0, vmax=1.0, interpolation="nearest",
                               origin="upper", extent=(0, size[1], size[0], 0))
        (self.crosses,) = ax.plot([], [], color="black", lw=1.2)
        self.caption = ax.text(0, 0, "", ha="left", va="top", fontsize=TEXT_PT)  # under the last row of maps
        ax.set_xlim(-0.5, size[1] + 0.5)
        ax.set_ylim(size[0] + 0.5, -0.5)
        ax.set_aspect("equal", anchor="NW")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        self._labelled = None

    @property
    def artists(self):
        return [self.image, self.crosses]

    def label(self, k, layers, dead_count):
        """The still parts for hidden layer k + 1 of a net whose hidden widths and activation are `layers`,
        with `dead_count` of its units dead."""
        if self._labelled == (layers, dead_count):
            return
        self._labelled = (layers, dead_count)
        *widths, activation = layers
        shown = k < len(widths)
        self.ax.set_visible(shown)
        for artist in self.artists:  # BlitFrames paints a visible artist even on a hidden Axes
            artist.set_visible(shown)
        if shown:
            of = f" of {len(widths)}" if len(widths) > MAPPED_LAYERS else ""  # "layer 2 of 3": the 3rd has no maps
            self.ax.set_title(f"layer {k + 1}{of}: {widths[k]} {activation}", fontsize=TEXT_PT, loc="left", pad=3)
            rows = min(-(-widths[k] // MAP_COLUMNS), MAP_ROWS)
            self.caption.set_position((0, rows * (TILE + 1) + 1))
            self.caption.set_text(f"× dead: {dead_count or 'none'} of {widths[k]}")

    def _place(self, unit):
        row, column = divmod(unit, MAP_COLUMNS)
        return row * (TILE + 1), column * (TILE + 1)

    def update(self, maps, dead):
        maps = np.asarray(maps, dtype=float)
        scale = np.abs(maps).max(axis=(1, 2), keepdims=True)
        maps = np.divide(maps, scale, out=np.zeros_like(maps), where=scale > 0)
        self.mosaic.fill(np.nan)
        for unit, values in enumerate(maps):
            top, left = self._place(unit)
            self.mosaic[top:top + TILE, left:left + TILE] = values[::-1]  # the plane's y grows upwards
        self.image.set_data(self.mosaic)
        xs, ys = [], []
        for unit in dead:
            top, left = self._place(unit)
            xs += [left, left + TILE, np.nan, left + TILE, left, np.nan]
            ys += [top, top + TILE, np.nan, top, top + TILE, np.nan]
        self.crosses.set_data(xs, ys)

