"""Race SGD, momentum, RMSprop and Adam on a two-weight cost surface.

Controls: which optimizers run, the surface, one learning rate η for all, the start point, and the
number of steps shown (moved by a slider, Play, Step or Run 50). Folded under "options": each
optimizer's own rate (used when "each its own η" is ticked), momentum's μ and Adam's β₁ and β₂.
**Tune** finds each optimizer's best fixed rate on the current surface from the current start
(`landscapes.tune_rate`) and gives each its own, so the race is fair. A press on the map puts the
start there, and a drag moves it live (`grab.Grab`); the start sliders follow, on their grid.

The state is a pure function of the controls (there is no run state); paths are computed once per
(surface, optimizer, η, start, settings), kept in a small module-wide cache and extended as the step
count grows, so playing the animation costs one step per optimizer per frame. Choosing a surface by
hand also moves the rates and the start to that surface's own race (see `follow`). The contour map is
rendered into a background once per surface and kept; only the paths and loss curves are painted per event.

An optimizer that diverges stops where it left the picture, is marked with a cross, and is named in
the message ("SGD diverged at step 3"); the others keep going.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator

from ..draw.frames import BlitFrames, fmt
from ..draw import style
from ..draw.landscapes import COLORS, LINE_STYLES, MARKERS, MINIMUM_MARK, SADDLE_MARK, draw_contours
from ..landscapes import SURFACES, Trajectory, tune_rate
from ..optim import OPTIMIZERS
from .base import Explorer
from .grab import Grab, StartOnTheMap

__all__ = ["OptimizerExplorer"]

NAMES = tuple(OPTIMIZERS)           # SGD, Momentum, RMSprop, Adam
RATE = {name: f"lr_{name.lower()}" for name in NAMES}   # each optimizer's own rate control
OPTIONS = ("own_rates", *RATE.values(), "mu", "beta1", "beta2")   # the controls folded under "options"
BETA2_CHOICES = (0.9, 0.99, 0.999, 0.9999)
MAX_STEPS = 200
DEFAULT_STEPS = 100                 # by step 100 RMSprop has plunged and jumped back out (notebook 08, section 6)
LR_RANGE = (1e-3, 2.0)
GAP_LIM = (1e-8, 1e3)               # the cost gap drawn (log scale): a lower gap is drawn on the floor, marked ▼
GAP_VIEW = (10**-8.5, 10**3.5)      # the cost panel's fixed range: half a decade beyond, so no marker is cut in half
STEP_VIEW = (-0.04 * MAX_STEPS, 1.04 * MAX_STEPS)   # the same for the steps: the end markers at 0 and 200 stay whole
FLOOR_MARKS = 40                    # at most about this many ▼ along the floor (one per step would be a solid bar)
HEAD_SIZE, HEAD_ALPHA = 7, 0.35     # the end markers: smaller than the minimum's star (11), their own colour's
                                    # outline round a see-through face, so markers piled on one point all show
CACHE_SIZE = 64                     # trajectories kept for reuse (each at most MAX_STEPS points)
FIGURE_WIDTH, FIGURE_HEIGHT = 5.8, 3.7   # inches: the map large, the cost gap beside it
TEXT_PT, TITLE_PT = 9, 10           # at least 1.43 pt per inch of width: 12 px on a laptop (see helpers/draw/style.py)
_PATHS = {}                         # (surface, optimizer, η, start, settings) -> Trajectory, shared by every explorer


def _trajectory(surface, name, lr, start, settings):
    key = (surface, name, lr, start, tuple(sorted(settings.items())))
    path = _PATHS.get(key)
    if path is None:
        if len(_PATHS) >= CACHE_SIZE:
            del _PATHS[next(iter(_PATHS))]
        path = _PATHS[key] = Trajectory(surface, name, lr, start, **settings)
    return path


def _grid(value):
    # A browser sends a slider's value back snapped to its grid (0.9 may come back as 0.9000000000000001):
    # rounded, both give the same race and the same readout.
    return round(float(value), 10)


def _settings(name, params):
    """The optimizer's own settings beyond η, from the controls."""
    if name == "Momentum":
        return {"momentum": _grid(params["mu"])}
    if name == "Adam":
        return {"beta1": _grid(params["beta1"]), "beta2": _grid(params["beta2"])}
    return {}


def _rate(name, params):
    return float(params[RATE[name]] if params["own_rates"] else params["lr"])


class OptimizerExplorer(StartOnTheMap, Explorer):
    title = "Optimizers racing on a cost surface"
    alt = ("Left: the optimizers' paths over the contours of the cost surface from one start; right: how far above the "
           "minimum each one is after each step, log scale, with ▼ on the floor where it is below 1e−8.")
    benchmark_control = "lr"
    start_controls = ("w1_start", "w2_start")

    def __init__(self, **settings):
        super().__init__(**settings)
        self._fold_options()
        self.grab = Grab(self.image, self.figure, self.ax_map, self.move_start)

    # ---- controls ----
    def make_controls(self):
        style = {"description_width": "80px"}
        valley = SURFACES["valley"]

        def rate_slider(description):   # shows 0.1, 0.126, 2: three significant figures, no trailing zeros
            return widgets.FloatLogSlider(value=valley.lr, base=10, min=np.log10(LR_RANGE[0]),
                                          max=np.log10(LR_RANGE[1]), step=0.01, readout_format=".3",
                                          description=description, style=style)

        controls = {name: widgets.Checkbox(value=True, description=name, indent=False,
                                           layout=widgets.Layout(width="110px")) for name in NAMES}
        controls.update(
            surface=widgets.Dropdown(options=[(s.title, key) for key, s in SURFACES.items()], value="valley",
                                     description="surface", style=style),
            lr=rate_slider("η (rate)"),
            w1_start=widgets.FloatSlider(value=valley.start[0], min=-2, max=2, step=0.01,
                                         description="start w1", style=style),
            w2_start=widgets.FloatSlider(value=valley.start[1], min=-2, max=2, step=0.01,
                                         description="start w2", style=style),
            steps=widgets.IntSlider(value=DEFAULT_STEPS, min=0, max=MAX_STEPS, description="steps", style=style),
            own_rates=widgets.Checkbox(value=False, description="each its own η (below) instead of one η for all",
                                       indent=False),
        )
        controls.update({RATE[name]: rate_slider(f"η {name}") for name in NAMES})
        controls.update(
            mu=widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01, description="μ (Momentum)",
                                   style=style),
            beta1=widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01, description="β₁ (Adam)",
                                      style=style),
            beta2=widgets.SelectionSlider(options=[(f"{b:g}", b) for b in BETA2_CHOICES], value=0.999,
                                          description="β₂ (Adam)", style=style),
        )
        return controls

    def _fold_options(self):
        # The options sit in a closed Accordion under the other controls, so the first view stays simple.
        options = [self.controls[name] for name in OPTIONS]
        box = self.box_holding(options[0])
        kept = [child for child in box.children if child not in options]
        at = box.children.index(options[0])
        fold = widgets.Accordion(children=[widgets.VBox(options)], selected_index=None)
        fold.set_title(0, "options: each its own η, μ, β₁, β₂")
        box.children = kept[:at] + [fold] + kept[at:]
        self.options = fold

    def buttons(self):
        play = widgets.Play(value=self.controls["steps"].value, min=0, max=MAX_STEPS, interval=80,
                            show_repeat=False, description="play", layout=widgets.Layout(width="130px"))
        self._link = widgets.link((play, "value"), (self.controls["steps"], "value"))
        step = widgets.Button(description="Step", icon="step-forward", layout=widgets.Layout(width="100px"),
                              tooltip="One more step for every optimizer")
        step.on_click(lambda _: self.step(1))
        run = widgets.Button(description="Run 50", icon="forward", layout=widgets.Layout(width="120px"),
                             tooltip="Fifty more steps")
        run.on_click(lambda _: self.step(50))
        tune = widgets.Button(description="Tune", icon="sliders", layout=widgets.Layout(width="90px"),
                              tooltip="Give each optimizer its best fixed η on this surface from this start")
        tune.on_click(lambda _: self.tune())
        self.play = play
        return [play, step, run, tune]

    def tune(self):
        """Give each optimizer its own best fixed rate on the current surface from the current start (what the
        Tune button does): the rate on the slider's grid with which its cost gets within 1e-3 of the lowest
        and stays there soonest, over the whole race of MAX_STEPS steps. Returns the state."""
        params = self.params
        start = (float(params["w1_start"]), float(params["w2_start"]))
        rates = {}
        for name in NAMES:
            rate, _ = tune_rate(params["surface"], name, start, steps=MAX_STEPS, **_settings(name, params))
            rates[RATE[name]] = self.on_grid(RATE[name], rate)
        self.set(own_rates=True, **rates)
        return self.state

    def step(self, n=1):
        """Show n more steps (what Step and Run 50 do); returns the state."""
        steps = self.controls["steps"]
        steps.value = min(steps.value + n, MAX_STEPS)
        return self.state

    def follow(self, name, value):
        # Choosing a surface by hand also moves the start and η to the ones that make a good race there
        # (η snapped to the slider's grid, as a browser would snap it).
        # Moving one optimizer's own rate by hand means using the optimizers' own rates.
        if name in RATE.values() and not self.controls["own_rates"].value:
            return {"own_rates": True}
        if name != "surface":
            return {}
        surface = SURFACES[value]
        lr = self.on_grid("lr", surface.lr)
        return dict(lr=lr, **{RATE[n]: lr for n in NAMES}, w1_start=surface.start[0], w2_start=surface.start[1])

    # ---- the numbers ----

    def compute_state(self, params):
        surface = SURFACES[params["surface"]]
        lr, steps = float(params["lr"]), int(params["steps"])
        start = (float(params["w1_start"]), float(params["w2_start"]))
        state = {"surface": surface.name, "formula": surface.formula, "lr": lr, "start": list(start),
                 "steps": steps, "optimizers": [n for n in NAMES if params[n]], "own_rates": bool(params["own_rates"]),
                 "rates": {n: _rate(n, params) for n in NAMES},
                 "mu": _grid(params["mu"]), "beta1": _grid(params["beta1"]), "beta2": _grid(params["beta2"]),
                 "paths": {}, "position": {}, "cost": {}, "diverged_at": {}}
        diverged = []
        for name in state["optimizers"]:
            path = _trajectory(surface.name, name, state["rates"][name], start, _settings(name, params))
            path.extend_to(steps)
            shown = min(steps, path.steps)
            w1, w2 = zip(*path.points[: shown + 1])
            state["paths"][name] = {"w1": list(w1), "w2": list(w2), "cost": path.costs[: shown + 1]}
            state["position"][name] = [w1[-1], w2[-1]]
            state["cost"][name] = path.costs[shown]
            if path.diverged_at is not None and path.diverged_at <= steps:
                state["diverged_at"][name] = path.diverged_at
                diverged.append(f"{name} diverged at step {path.diverged_at}")
        if diverged:
            them = "it" if len(diverged) == 1 else "them"
            rates = {state["rates"][name] for name in state["diverged_at"]}
            too_large = (f"η = {fmt(rates.pop(), 3)} is too large for {them} here" if len(rates) == 1
                         else "their rates are too large here")
            state["status"] = "; ".join(diverged) + f" ({too_large})"
        return state

    def readout(self, state):
        # One short row each, so none wraps in the picture's column (a wrapped row would push the explorer
        # past a laptop's screen); the surface's name and the steps' picture are above.
        surface = SURFACES[state["surface"]]
        lowest = " and ".join(f"({fmt(w1)}, {fmt(w2)})" for w1, w2 in surface.minima)
        own = state["own_rates"]
        start = f"({fmt(state['start'][0], decimals=2)}, {fmt(state['start'][1], decimals=2)})"
        rows = [("surface", f"{state['formula']}, lowest C = {fmt(surface.min_cost)} at {lowest}"),
                ("start", f"{start}, η = {'each its own' if own else fmt(state['lr'], 3)}, {state['steps']} steps")]
        if own:
            rows.append(("own η", ", ".join(f"{name} {fmt(state['rates'][name], 3)}" for name in NAMES)))
        if (state["mu"], state["beta1"], state["beta2"]) != (0.9, 0.9, 0.999):
            rows.append(("settings", f"μ = {fmt(state['mu'])}, β₁ = {fmt(state['beta1'])}, β₂ = {state['beta2']:g}"))
        if not state["optimizers"]:
            rows.append(("optimizers", "none ticked: tick at least one"))
        floor = surface.min_cost
        for name in state["optimizers"]:
            w1, w2 = state["position"][name]
            cost = state["cost"][name]
            if name in state["diverged_at"]:   # far out: a few significant figures say where
                rows.append((name, f"diverged at step {state['diverged_at'][name]}: w = ({fmt(w1, 4)}, {fmt(w2, 4)}), "
                                   f"C = {fmt(cost, 3)}"))
            else:
                rows.append((name, f"w = ({fmt(w1, decimals=4)}, {fmt(w2, decimals=4)}), C = {fmt(cost, 5)}, "
                                   f"C − lowest = {fmt(cost - floor, 3)}"))
        return rows

    # ---- the picture ----
    def make_view(self):
        # Laid out in inches, every text at least 9 points: 5.8 in wide, shown 604 px wide on a laptop, 9 pt is 13 px.
        figure = Figure(figsize=(FIGURE_WIDTH, FIGURE_HEIGHT))

        def axes(left, bottom, width, height):
            return figure.add_axes([left / FIGURE_WIDTH, bottom / FIGURE_HEIGHT, width / FIGURE_WIDTH,
                                    height / FIGURE_HEIGHT])

        self.ax_map = axes(0.52, 0.5, 2.95, 2.95)        # large and square: the surfaces' boxes are square
        self.ax_cost = axes(4.17, 0.5, 1.48, 2.3)        # beside it, under the legend
        self._contours = {}  # surface -> its contour artists, drawn the first time it is shown
        ax = self.ax_map
        ax.set_xticks([-2, -1, 0, 1, 2])
        ax.set_yticks([-2, -1, 0, 1, 2])
        ax.tick_params(labelsize=TEXT_PT)
        (self.start_marker,) = ax.plot([], [], "o", markerfacecolor="white", markeredgecolor="k", markersize=8,
                                       zorder=5)
        self.path_lines, self.heads, self.cost_lines, self.cost_heads = {}, {}, {}, {}
        for name in NAMES:
            color, marker = COLORS[name], MARKERS[name]
            see_through = dict(markerfacecolor=to_rgba(color, HEAD_ALPHA), markeredgecolor=color, markeredgewidth=1.6)
            (self.path_lines[name],) = ax.plot([], [], "-", marker=marker, color=color, markersize=2.5,
                                               linewidth=1.3)
            size = HEAD_SIZE * (0.8 if marker == "D" else 1)   # matplotlib's diamond reaches √2 farther out
            (self.heads[name],) = ax.plot([], [], marker, markersize=size, **see_through)
            # the cost curve's own markers are ▼, only on the steps whose gap is below the floor (see `draw`)
            (self.cost_lines[name],) = self.ax_cost.plot([], [], color=color, linestyle=LINE_STYLES[name],
                                                         linewidth=1.6, marker="v", markersize=5,
                                                         markeredgecolor="k", markeredgewidth=0.5, markevery=[])
            (self.cost_heads[name],) = self.ax_cost.plot([], [], marker, markersize=size - 1, **see_through)
        # The star on each minimum (and the saddle's ×) again, over the paths and the end markers: the star
        # as an outline (the background has it filled), so an end marker on the minimum shows inside and around it.
        (self.minimum_over,) = ax.plot([], [], **{**MINIMUM_MARK, "markerfacecolor": "none", "markeredgewidth": 1.3})
        (self.saddle_over,) = ax.plot([], [], **SADDLE_MARK)
        ax = self.ax_cost
        ax.set_yscale("log")
        ax.set_xlim(STEP_VIEW)
        ax.set_ylim(GAP_VIEW)
        ax.set_xticks([0, 100, 200])
        ax.set_yticks([1e-8, 1e-4, 1])
        ax.yaxis.set_minor_locator(NullLocator())
        ax.tick_params(labelsize=TEXT_PT)
        ax.set_xlabel("step t", fontsize=TEXT_PT)
        ax.set_ylabel("C − lowest C (log scale)", fontsize=TEXT_PT, labelpad=2)
        ax.set_title("above the minimum", fontsize=TITLE_PT)
        ax.grid(True, which="major", alpha=0.3)
        self.legend, self.legend_names = None, None   # lists the ticked optimizers only (see `_show_legend`)
        self.floor_note = ax.text(0.96, 0.97, r"▼ below $10^{-8}$", transform=ax.transAxes, ha="right",
                                  va="top", fontsize=TEXT_PT, bbox=dict(facecolor="white", edgecolor="none", alpha=0.85,
                                                                        pad=1))
        self.warning = self.ax_map.text(0.5, 0.97, "", transform=self.ax_map.transAxes, ha="center", va="top",
                                        color="white", fontsize=TITLE_PT, fontweight="bold", zorder=7,
                                        bbox=dict(boxstyle="round", facecolor=style.MESSAGE_TEXT, edgecolor="none"))
        # Painted in this order, whatever their zorder: the banner last, on top of the paths.
        moving = [self.start_marker, *self.path_lines.values(), *self.heads.values(), self.minimum_over,
                  self.saddle_over, *self.cost_lines.values(), *self.cost_heads.values(), self.floor_note, self.warning]
        self.frames = BlitFrames(figure, moving)
        return figure

    def _show_legend(self, names):
        # The legend sits above the curves, outside the data, two optimizers to a row; it is still (part of the
        # background), so it is rebuilt only when the ticked optimizers change, and the view key names them.
        if self.legend is not None:
            if self.legend_names == names:
                return
            self.legend.remove()
        handles = [Line2D([], [], color=COLORS[n], linestyle=LINE_STYLES[n], marker=MARKERS[n], markersize=5,
                          markeredgecolor="k", linewidth=1.6) for n in names]
        self.legend = self.figure.legend(handles, names, loc="upper right", bbox_to_anchor=(1.0, 1.0), ncol=2,
                                         fontsize=TEXT_PT, frameon=False, handlelength=2.2, columnspacing=0.8,
                                         handletextpad=0.4, borderaxespad=0.2)
        self.legend_names = names

    def _show_still(self, key, names):
        # Every still part that differs between surfaces is set here, every time, and the background
        # is the one rendered for this surface: what is cached and what the figure holds cannot drift apart.
        if key not in self._contours:
            self._contours[key] = draw_contours(self.ax_map, SURFACES[key], fontsize=TITLE_PT)
        for name, artists in self._contours.items():
            for artist in artists:
                artist.set_visible(name == key)
        surface = SURFACES[key]
        x0, x1, y0, y1 = surface.box
        self.ax_map.set_xlim(x0, x1)
        self.ax_map.set_ylim(y0, y1)
        self.ax_map.set_title(surface.title, fontsize=TITLE_PT)   # its formula is in the readout
        self.ax_map.set_xlabel("weight w1   (press or drag: move the start)", fontsize=TEXT_PT)
        self.ax_map.set_ylabel("weight w2", fontsize=TEXT_PT, labelpad=2)
        self._show_legend(names)
        self.frames.view((key, names))

    def draw(self, state):
        self._show_still(state["surface"], tuple(state["optimizers"]))
        floor = SURFACES[state["surface"]].min_cost
        any_below = False
        self.start_marker.set_data([state["start"][0]], [state["start"][1]])
        surface = SURFACES[state["surface"]]
        self.minimum_over.set_data(*np.array(surface.minima).T)
        self.saddle_over.set_data([0], [0])
        self.saddle_over.set_visible(surface.name == "saddle")
        gone = list(state["diverged_at"])
        self.warning.set_text(", ".join(gone) + " diverged" if gone else "")
        self.warning.set_visible(bool(gone))
        for name in NAMES:
            path = state["paths"].get(name)
            visible = path is not None
            for artist in (self.path_lines[name], self.heads[name], self.cost_lines[name], self.cost_heads[name]):
                artist.set_visible(visible)
            if not visible:
                continue
            self.path_lines[name].set_data(path["w1"], path["w2"])
            # A diverged optimizer's cross sits where its path leaves the picture.
            x0, x1, y0, y1 = SURFACES[state["surface"]].box
            self.heads[name].set_data(np.clip(path["w1"][-1:], x0, x1), np.clip(path["w2"][-1:], y0, y1))
            self.heads[name].set_marker("X" if name in state["diverged_at"] else MARKERS[name])
            gap = np.array(path["cost"]) - floor
            steps = np.arange(len(gap))
            below = gap < GAP_LIM[0]
            any_below |= bool(below.any())
            self.cost_lines[name].set_data(steps, np.clip(gap, *GAP_LIM))
            self.cost_lines[name].set_markevery(list(_floor_marks(below)))
            self.cost_heads[name].set_data(steps[-1:], np.clip(gap[-1:], *GAP_LIM))
        self.floor_note.set_visible(any_below)


def _floor_marks(below):
    """The steps to mark ▼ among those below the floor: every few steps (FLOOR_MARKS over the panel's width),
    and the first of each run, so even a single step below is marked."""
    steps = np.flatnonzero(below)
    first = below & ~np.concatenate(([False], below[:-1]))
    return steps[(steps % (MAX_STEPS // FLOOR_MARKS) == 0) | first[steps]]

