"""Drawings of a two-weight cost surface: a contour map, a 3-D view, and optimizers' paths and loss curves.

Each function draws into an Axes you pass, so the same code serves a notebook figure (pyplot) and an
explorer's Figure (no pyplot).
"""
import numpy as np
from matplotlib.colors import LogNorm

from .. import validate
from ..landscapes import Trajectory

__all__ = ["COLORS", "LINE_STYLES", "MARKERS", "MINIMUM_MARK", "SADDLE_MARK", "surface_grid", "draw_contours", "draw_surface_3d", "draw_paths", "draw_cost_curves"]

# One colour per optimizer everywhere in the series (Okabe–Ito: readable for colour-blind eyes).
COLORS = {"SGD": "#D55E00", "Momentum": "#0072B2", "RMSprop": "#E69F00", "Adam": "#009E73"}
# ...and its own line style and marker, so no colour alone tells them apart.
LINE_STYLES = {"SGD": "-", "Momentum": "--", "RMSprop": ":", "Adam": "-."}
MARKERS = {"SGD": "o", "Momentum": "s", "RMSprop": "^", "Adam": "D"}
# The landmarks on a map: a star on each minimum, a × on the saddle point.
MINIMUM_MARK = dict(marker="*", color="k", markersize=11, linestyle="none")
SADDLE_MARK = dict(marker="x", color="#b00020", markersize=9, markeredgewidth=2, linestyle="none")


def surface_grid(surface, resolution=160):
    """W1, W2, C on a regular grid over the surface's view box."""
    validate.function("surface.cost", getattr(surface, "cost", None), "a cost function: pass a landscapes.Surface")
    resolution = validate.whole("resolution", resolution, low=2, high=2000)
    x0, x1, y0, y1 = surface.box
    W1, W2 = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return W1, W2, surface.cost(W1, W2)


def _trajectories(trajectories):
    if isinstance(trajectories, Trajectory):
        trajectories = [trajectories]
    trajectories = list(trajectories)
    for i, path in enumerate(trajectories):
        if not isinstance(path, Trajectory):
            raise validate.ArgumentError(
                f"trajectories[{i}] must be a landscapes.Trajectory (from trajectory(...)); got {type(path).__name__}")
    return trajectories


def _is_log(levels):
    return min(levels) > 0 and max(levels) / min(levels) > 50


def draw_contours(ax, surface, resolution=160, title=None, fontsize=10):
    """The contour map of `surface` on `ax`: filled bands, level lines, and a star on each minimum
    (a red × on the saddle point). Returns the artists drawn, so a view can hide or show them."""
    W1, W2, C = surface_grid(surface, resolution)
    levels = list(surface.levels)
    norm = LogNorm(levels[0], levels[-1]) if _is_log(levels) else None
    shown = np.clip(C, levels[0], levels[-1]) if norm else C
    artists = [
        ax.contourf(W1, W2, shown, levels=levels, cmap="Blues_r", norm=norm, alpha=0.4, extend="both"),
        ax.contour(W1, W2, shown, levels=levels, colors="#4a6fa5", linewidths=0.6, norm=norm),
    ]
    w1, w2 = np.array(surface.minima).T
    artists += ax.plot(w1, w2, **MINIMUM_MARK)
    if surface.name == "saddle":
        artists += ax.plot(0, 0, **SADDLE_MARK)
    x0, x1, y0, y1 = surface.box
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel("weight w1")
    ax.set_ylabel("weight w2")
    ax.set_title(title or f"{surface.title}: {surface.formula}", fontsize=fontsize)
    return artists


def draw_surface_3d(ax, surface, resolution=60):
    """The cost as a height over the (w1, w2) plane, on a 3-D Axes."""
    W1, W2, C = surface_grid(surface, resolution)
    ax.plot_surface(W1, W2, C, cmap="viridis", linewidth=0, antialiased=True, alpha=0.9)
    ax.set_xlabel("weight w1")
    ax.set_ylabel("weight w2")
    ax.set_zlabel("cost C")
    ax.set_title(surface.title, fontsize=10)


def draw_paths(ax, trajectories):
    """Each optimizer's path as a line of dots from its start (hollow circle) to where it is now."""
    trajectories = _trajectories(trajectories)
    for path in trajectories:
        w1, w2 = np.array(path.points).T
        color, marker = COLORS.get(path.name, "k"), MARKERS.get(path.name, "o")
        ax.plot(w1, w2, "-", marker=marker, color=color, markersize=2.5, linewidth=1.3, label=path.name)
        ax.plot(w1[-1], w2[-1], marker, color=color, markeredgecolor="k", markersize=7)
    if trajectories:
        start = trajectories[0].points[0]
        ax.plot(*start, "o", markerfacecolor="white", markeredgecolor="k", markersize=8)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)


def draw_cost_curves(ax, trajectories, floor=1e-8):
    """C − C_min after each step, on a log scale (so a steady rate of convergence is a straight line).
    A gap below `floor` is drawn on the floor and marked ▼ (the legend says so)."""
    trajectories = _trajectories(trajectories)
    floor = validate.positive("floor", floor)
    clipped = False
    for path in trajectories:
        gap = np.array(path.costs) - path.surface.min_cost
        label = path.name + (f" (diverged at step {path.diverged_at})" if path.diverged_at else "")
        color = COLORS.get(path.name, "k")
        ax.plot(np.maximum(gap, floor), color=color, linestyle=LINE_STYLES.get(path.name, "-"), linewidth=1.5,
                label=label)
        below = np.flatnonzero(gap < floor)   # drawn on the floor: marked ▼, so no one reads them as the floor
        if len(below):
            ax.plot(below, np.full(len(below), floor), "v", color=color, markersize=4, linestyle="none")
            clipped = True
    if clipped:
        ax.plot([], [], "v", color="k", markersize=4, linestyle="none", label="below the floor, drawn on it")
    ax.set_yscale("log")
    ax.set_xlabel("step t (updates)")
    ax.set_ylabel("C − lowest C (log scale)")
    ax.set_title("cost gap after each step", fontsize=10)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8)
