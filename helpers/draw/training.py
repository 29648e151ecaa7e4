"""Decision boundaries: what a 2-D classifier says at every point of the plane, with the data on top.

The probability of class 1 is evaluated on a grid and shown as an image (orange = class 0,
blue = class 1, white = undecided: the boundary is where the colour turns white). The image is made
once and changed with `set_data`, which costs far less than a new contour plot each frame.
"""
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import validate

__all__ = ["CLASS_COLORS", "CLASS_MARKERS", "PROBABILITY_CMAP", "plane_grid", "legend_handles", "BoundaryDrawing", "draw_boundary"]

CLASS_COLORS = ("#d95f02", "#1b6ca8")  # class 0, class 1 (colour-blind safe pair)
CLASS_MARKERS = ("o", "s")              # and shapes, so the class never rests on colour alone
PROBABILITY_CMAP = LinearSegmentedColormap.from_list("class_probability", ["#f4a971", "#ffffff", "#86b9e0"])


def plane_grid(X, resolution=60, margin=0.3):
    """A resolution × resolution grid over the points X (plus a margin).

    Returns (points of shape (resolution², 2), extent (x_min, x_max, y_min, y_max)); row r of the grid
    holds the points of the r-th y value, so `values.reshape(resolution, resolution)` is an image."""
    X = validate.array("X (points in the plane)", X, shape=(None, 2))
    if len(X) == 0:
        raise validate.ArgumentError("X (points in the plane) must hold at least one point; got none")
    resolution = validate.whole("resolution", resolution, low=2, high=2000)
    margin = validate.real("margin", margin, low=0)
    x_min, y_min = X.min(axis=0) - margin
    x_max, y_max = X.max(axis=0) + margin
    xs, ys = np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()]), (x_min, x_max, y_min, y_max)


def legend_handles(with_test=False):
    """Legend entries for the two classes (and the test-point marker)."""
    validate.choice("with_test", with_test, (True, False))
    handles = [Line2D([], [], ls="", marker=marker, color=color, mec="white", label=f"class {k}")
               for k, (marker, color) in enumerate(zip(CLASS_MARKERS, CLASS_COLORS))]
    if with_test:
        handles.append(Line2D([], [], ls="", marker="o", mfc="none", mec="black", mew=1.4, label="test point"))
    return handles


class BoundaryDrawing:
    """A probability image and the labelled points on one Axes, all updated in place.

    Class 0 points are circles, class 1 squares; training points have a white edge, test points (if any) a
    black one. `update(probabilities)` repaints the image, `set_points(...)` swaps the data (call it after a
    new data set)."""

    def __init__(self, ax, X, y, X_test=None, y_test=None, resolution=60, margin=0.3, legend=True):
        resolution = validate.whole("resolution", resolution, low=2, high=2000)
        self.ax, self.resolution, self.margin = ax, resolution, margin
        self.image = ax.imshow(np.full((resolution, resolution), 0.5), origin="lower", cmap=PROBABILITY_CMAP,
                               vmin=0.0, vmax=1.0, interpolation="bilinear", aspect="auto", zorder=0)
        # one scatter per class and part: [class 0, class 1]
        self.train_points = [ax.scatter([], [], s=22, marker=marker, color=color, edgecolors="white",
                                        linewidths=0.6, zorder=2) for marker, color in zip(CLASS_MARKERS, CLASS_COLORS)]
        self.test_points = [ax.scatter([], [], s=24, marker=marker, color=color, edgecolors="black",
                                       linewidths=1.1, zorder=3) for marker, color in zip(CLASS_MARKERS, CLASS_COLORS)]
        ax.set_xlabel("x₁ (input 1, no unit)")
        ax.set_ylabel("x₂ (input 2, no unit)")
        self.legend = None
        if legend:
            self.legend = ax.legend(handles=legend_handles(X_test is not None), loc="lower left",
                                    fontsize="x-small", framealpha=0.8)
        self.set_points(X, y, X_test, y_test)

    def set_points(self, X, y, X_test=None, y_test=None):
        """New data: moves the points and refits the grid (and axis limits) around them.

        Labels are 0 or 1, one per point; the test points need both X_test and y_test."""
        X = validate.array("X (points in the plane)", X, shape=(None, 2))
        y = validate.labels("y (class labels)", y, allowed=(0, 1), n=len(X))
        if (X_test is None) != (y_test is None):
            raise validate.ArgumentError("X_test and y_test go together: pass both or neither")
        if X_test is not None:
            X_test = validate.array("X_test (points in the plane)", X_test, shape=(None, 2))
            y_test = validate.labels("y_test (class labels)", y_test, allowed=(0, 1), n=len(X_test))
        everything = X if X_test is None else np.vstack([X, X_test])
        self.grid, self.extent = plane_grid(everything, self.resolution, self.margin)
        self.image.set_extent(self.extent)
        self.ax.set_xlim(self.extent[:2])
        self.ax.set_ylim(self.extent[2:])
        for k in (0, 1):
            self.train_points[k].set_offsets(X[y == k])
            self.test_points[k].set_offsets(np.empty((0, 2)) if X_test is None else X_test[y_test == k])

    def update(self, probabilities):
        """Show the probability of class 1 at each grid point (a flat array or a square image)."""
        probabilities = np.asarray(probabilities, dtype=float).reshape(self.resolution, self.resolution)
        self.image.set_data(np.nan_to_num(probabilities, nan=0.5))

    @property
    def artists(self):
        """What changes from frame to frame, in drawing order. (A legend inside the axes would have to be
        repainted over the image every frame, and text is slow to paint: animations put theirs outside.)"""
        return [self.image, *self.train_points, *self.test_points]


def draw_boundary(predict_proba, X, y, X_test=None, y_test=None, title=None, ax=None, resolution=120, bands=10):
    """A static picture of a classifier: `predict_proba(points) -> probability of class 1 per point`.

    Draws on `ax` if given, else on a new Figure; shades the probability in `bands` steps (0 or None:
    smoothly) and adds the 0.5 contour, the boundary itself, as a black line. Returns the BoundaryDrawing."""
    validate.function("predict_proba", predict_proba, "a function of points returning one probability per point")
    bands = 0 if bands is None else validate.whole("bands", bands, low=0, high=100)
    if ax is None:
        ax = Figure(figsize=(4.2, 3.8), dpi=90).add_subplot()
    drawing = BoundaryDrawing(ax, X, y, X_test, y_test, resolution=resolution)
    probabilities = np.asarray(predict_proba(drawing.grid), dtype=float)
    if probabilities.size != resolution * resolution:
        raise validate.ArgumentError(
            f"predict_proba must return one probability per point: {resolution * resolution} for the grid, "
            f"got an array of shape {probabilities.shape}")
    probabilities = probabilities.reshape(resolution, resolution)
    drawing.update(probabilities)
    x0, x1, y0, y1 = drawing.extent
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    if bands:  # a still picture can afford filled contours: crisp bands, and a far smaller PNG
        drawing.image.set_visible(False)
        ax.contourf(xs, ys, probabilities, levels=np.linspace(0, 1, bands + 1), cmap=PROBABILITY_CMAP, zorder=0)
    if np.nanmin(probabilities) < 0.5 < np.nanmax(probabilities):
        ax.contour(xs, ys, probabilities, levels=[0.5], colors="black", linewidths=1.0, zorder=1)
    if title:
        ax.set_title(title)
    return drawing
