"""Pictures of handwritten digits: images in a grid, weights as images, a confusion matrix, gradient maps.

Images are 28×28 grey levels in [0, 1], drawn as ink on paper (0 white, 1 black). Signed maps (weights,
gradients) use a purple–white–orange scale that colour-blind readers can tell apart: white is 0,
orange positive, purple negative; every such map has a colour bar saying what the colours mean.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist

__all__ = ["INK_CMAP", "SIGNED_CMAP", "CellImage", "tile", "draw_digits", "draw_signed_map", "draw_weight_images",
           "draw_confusion", "draw_mistakes"]

INK_CMAP = "gray_r"
SIGNED_CMAP = "PuOr_r"    # purple (−) … white (0) … orange (+)
SIDE = 28
HIDDEN_GREY = "#a0a0a0"   # pixels left out of a weight image (never inked: their weights never moved)


class CellImage(Artist):
    """A grid of coloured cells (an RGBA array, row 0 at the top) filling its Axes' box, each cell a block of pixels.

    What `imshow` does for such a grid, minus its costs: imshow colours and resamples the enlarged picture, which
    is most of a live frame's time at twice the natural pixels; this copies each cell's colour to its block."""

    def __init__(self, ax, rgba):
        super().__init__()
        self.ax = ax
        self.set_data(rgba)
        self.set_figure(ax.figure)
        ax.add_artist(self)

    def set_data(self, rgba):
        self.rgba = np.asarray(rgba, dtype=np.uint8)
        self.stale = True

    def draw(self, renderer):
        if not self.get_visible():
            return
        x0, y0, width, height = (round(v) for v in self.ax.bbox.bounds)
        rows, columns = self.rgba.shape[:2]
        # each pixel row and column shows the cell it falls in; the renderer wants the bottom row first
        pick_rows = np.arange(height)[::-1] * rows // height
        pick_columns = np.arange(width) * columns // width
        gc = renderer.new_gc()
        renderer.draw_image(gc, x0, y0, self.rgba[pick_rows[:, None], pick_columns])
        gc.restore()


def _as_images(images):
    images = np.asarray(images, dtype=float)
    if images.ndim == 1 or images.shape == (SIDE, SIDE):
        images = images.reshape(1, *images.shape)
    if images.ndim == 2 and images.shape[1] == SIDE * SIDE:
        images = images.reshape(-1, SIDE, SIDE)
    if images.ndim != 3 or images.shape[1:] != (SIDE, SIDE):
        raise ValueError(f"need 28×28 images (or rows of 784 pixels), got shape {images.shape}")
    return images


def tile(images, columns, gap=1, fill=np.nan):
    """One mosaic of the images, `columns` per row, `gap` cells of `fill` between them (NaN shows as blank)."""
    images = _as_images(images)
    rows = -(-len(images) // columns)
    step = SIDE + gap
    mosaic = np.full((rows * step - gap, columns * step - gap), fill)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        mosaic[r * step:r * step + SIDE, c * step:c * step + SIDE] = image
    return mosaic


def draw_digits(ax, images, labels=None, columns=10, title=None):
    """Digits in a grid, each with its label written above its top-left corner."""
    images = _as_images(images)
    ax.imshow(tile(images, columns), cmap=INK_CMAP, vmin=0, vmax=1, interpolation="nearest")
    if labels is not None:
        for i, label in enumerate(labels):
            r, c = divmod(i, columns)
            ax.text(c * (SIDE + 1) + 1, r * (SIDE + 1) + 1, str(label), ha="left", va="top", fontsize=9,
                    color="#0072b2", fontweight="bold")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


def draw_signed_map(ax, values, title=None, label="value", limit=None):
    """A 28×28 map of signed numbers (a gradient, a weight vector) with a colour bar; 0 is white."""
    values = _as_images(values)[0]
    limit = limit or float(np.abs(values).max()) or 1.0
    shown = ax.imshow(values, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit, interpolation="nearest")
    bar = ax.figure.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    bar.set_label(label)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return shown


def draw_weight_images(ax, W, columns=16, hide=None):
    """The weight vector of each first-layer neuron (one row of W, 784 numbers) as a 28×28 image.

    Each image is scaled by its own largest |weight|, so the patterns show, not the sizes. `hide`, a mask of
    784 pixels (e.g. those never inked in training, whose weights never move), draws those pixels grey and
    leaves them out of each image's scale."""
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[1] != SIDE * SIDE:
        raise ValueError(f"W must have one row of 784 weights per neuron, got shape {W.shape}")
    shown_pixels = np.ones(W.shape[1], dtype=bool) if hide is None else ~np.asarray(hide, dtype=bool).reshape(-1)
    if shown_pixels.shape != (W.shape[1],) or not shown_pixels.any():
        raise ValueError("hide must be a mask of 784 pixels that leaves at least one pixel shown")
    largest = np.abs(W[:, shown_pixels]).max(axis=1, keepdims=True)
    scaled = np.where(shown_pixels, W / np.maximum(largest, 1e-12), np.nan)
    cmap = plt.get_cmap(SIGNED_CMAP).with_extremes(bad=HIDDEN_GREY)
    shown = ax.imshow(tile(scaled, columns, fill=0.0), cmap=cmap, vmin=-1, vmax=1, interpolation="nearest")
    ax.set_axis_off()
    bar = ax.figure.colorbar(shown, ax=ax, fraction=0.02, pad=0.01)
    bar.set_label("weight ÷ largest |weight| of its own neuron")
    return shown


def draw_confusion(ax, counts):
    """The confusion matrix as a table of counts, shaded by count (the diagonal holds the right answers)."""
    counts = np.asarray(counts)
    k = len(counts)
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=counts.max())
    for i in range(k):
        for j in range(k):
            if counts[i, j]:
                dark = counts[i, j] > counts.max() / 2
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=9,
                        color="white" if dark else "black", fontweight="bold" if i == j else "normal")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel("the network's answer (digit)")
    ax.set_ylabel("the true label (digit)")
    ax.set_title("confusion matrix: images counted by (label, answer)")
    return ax


def draw_mistakes(axes, images, labels, probabilities):
    """One wrongly read image per Axes, titled with its label, the answer and the answer's probability."""
    images, probabilities = _as_images(images), np.asarray(probabilities)
    for ax, image, label, p in zip(np.ravel(axes), images, labels, probabilities):
        guess = int(np.argmax(p))
        ax.imshow(image, cmap=INK_CMAP, vmin=0, vmax=1, interpolation="nearest")
        ax.set_title(f"a {label}, read as {guess}\np({guess}) = {p[guess]:.0%}, p({label}) = {p[label]:.0%}",
                     fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return axes
