"""The loss of a line fit as a landscape over (w, b): contour lines at log-spaced heights.

A squared-error bowl spans many orders of magnitude (0 at the bottom, thousands on the rim), so
evenly spaced contour levels would crowd the rim and leave the valley floor empty; log-spaced
levels put one line per factor of the loss, and the shape of the valley shows.
"""
import numpy as np
from matplotlib.colors import LogNorm

from .. import validate
from ..data import LINE_X, LINE_Y

__all__ = ["loss_grid", "log_levels", "draw_loss_contours"]

W_LABEL, B_LABEL = "w (slope)", "b (intercept)"


def loss_grid(w_lim, b_lim, x=None, y=None, n=161):
    """MSE(w, b) = (1/m) Σ (w·xᵢ + b − yᵢ)² on an n×n grid: arrays W, B, L of shape (n, n)."""
    w_lim, b_lim = validate.interval("w_lim", w_lim), validate.interval("b_lim", b_lim)
    x = LINE_X if x is None else validate.array("x", x, ndim=1)
    y = LINE_Y if y is None else validate.array("y", y, shape=x.shape)
    n = validate.whole("n (grid points per side)", n, low=2, high=2000)
    W, B = np.meshgrid(np.linspace(*w_lim, n), np.linspace(*b_lim, n))
    L = np.mean((W[..., None] * x + B[..., None] - y) ** 2, axis=-1)
    return W, B, L


def log_levels(L, count=14, floor=1e-2):
    """`count` contour heights spaced evenly in log10 between `floor` (or the grid's minimum) and the maximum."""
    count = validate.whole("count (contour levels)", count, low=2, high=200)
    floor = validate.positive("floor", floor)
    low = max(float(np.min(L)), floor)
    high = float(np.max(L))
    if not high > low:
        raise ValueError(f"the loss is flat on this grid (min {low:g}, max {high:g}): nothing to contour")
    return np.geomspace(low, high, count)


def draw_loss_contours(ax, w_lim=(-2.0, 12.0), b_lim=(-6.0, 10.0), x=None, y=None, count=14,
                       best=None, title="MSE over (w, b): contour lines at log-spaced heights"):
    """Draw the loss landscape on `ax` (axes labelled, limits fixed, equal scales so that the
    gradient is perpendicular to the contour lines). Marks `best` (w, b) if given. Returns the contour set."""
    W, B, L = loss_grid(w_lim, b_lim, x, y)
    levels = log_levels(L, count)
    L = np.maximum(L, levels[0] / 10)  # a grid point exactly at the minimum (loss 0) has no log
    filled = ax.contourf(W, B, L, levels=levels, norm=LogNorm(), cmap="Blues_r", extend="both")
    ax.contour(W, B, L, levels=levels, colors="#27466b", linewidths=0.5)
    if best is not None:
        ax.plot(*best, marker="*", markersize=13, color="#f2b705", markeredgecolor="k", zorder=3)
    ax.set_xlim(w_lim)
    ax.set_ylim(b_lim)
    ax.set_aspect("equal")
    ax.set_xlabel(W_LABEL)
    ax.set_ylabel(B_LABEL)
    ax.set_title(title, fontsize=10)
    return filled
