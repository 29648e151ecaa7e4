"""Draw a digit with the mouse and watch a trained 784-128-64-10 network read it, live.

The run state is the canvas, the 28×28 picture being drawn: picking a test digit puts that digit on it,
the mouse adds ink (or erases), Clear empties it, and Reset puts the starting digit back. The pure part of
the state is a function of the controls and the canvas: the ten probabilities, and the gradient of one
class score with respect to the 784 pixels, shown as a map (orange: more ink here raises the score).

Mouse events come from ipyevents on the picture. Each gives the mouse position relative to the picture as
shown (`relativeX`, `relativeY`) and the size it is shown at (`boundingRectWidth`, `...Height`), which scale it
to the figure's own pixels; the canvas Axes' transform turns those into cells. (ipyevents' own `dataX`, `dataY`
read the picture's natural size, which is 0 for the moment a new frame is loading: they then report (0, 0),
and a stroke would jump to the corner.) Presses and releases are never dropped; moves are throttled, and each
move draws the segment from the previous position, so a fast stroke stays connected.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .. import digits
from ..draw.digits import INK_CMAP, SIGNED_CMAP, CellImage
from ..draw.frames import BlitFrames
from .base import Explorer

__all__ = ["DigitExplorer"]

DEFAULT_DIGIT = 3          # the test digit shown at the start: a clearly written 3
TOP_GUESS = -1             # the "gradient of" choice that follows the network's answer
MOVE_THROTTLE_MS = 30      # at most one mouse move every 30 ms reaches the kernel
SIDE = digits.IMAGE_SIDE
BAR_COLORS = ("#0072b2", "#e69f00")   # Okabe–Ito blue (other digits), orange + hatching (the top guess)
FIGURE_WIDTH, FIGURE_HEIGHT = 5.2, 2.5   # inches
TEXT_PT = 8.5                        # at least 1.43 pt per inch of width: 12 px on a laptop (helpers/draw/style.py)
INK, SIGNED = colormaps[INK_CMAP], colormaps[SIGNED_CMAP]


def _coloured(cmap, values):
    """A 28×28 array of values in [0, 1] as RGBA bytes through `cmap`."""
    return cmap(values, bytes=True)


class DigitExplorer(Explorer):
    title = "Draw a digit: what the network reads"
    alt = "The drawn digit, the network's probability for each of the ten digits, and the map of how each pixel moves the chosen score."
    benchmark_control = "digit"

    def __init__(self, network=None, **controls):
        self.network = network if network is not None else digits.trained_network()
        self.test_images, self.test_labels = digits.test_set()
        self.canvas = np.zeros((SIDE, SIDE))
        self.source = ""
        self._pen_at = None    # the last cell the pressed mouse was over; None when the button is up
        self._load_test_digit(DEFAULT_DIGIT)
        super().__init__()
        self._watch_mouse()
        if controls:
            self.set(**controls)

    # ---- controls ----
    def make_controls(self):
        style = {"description_width": "90px"}
        digit = widgets.IntSlider(value=DEFAULT_DIGIT, min=0, max=len(self.test_labels) - 1, step=1,
                                  description="test image", style=style,
                                  tooltip="Put one of the 1,000 test digits on the canvas")
        digit.observe(lambda change: self._load_test_digit(change["new"]), names="value")
        return {
            "digit": digit,
            "target": widgets.Dropdown(options=[("top guess", TOP_GUESS)] + [(str(k), k) for k in range(10)],
                                       value=TOP_GUESS, description="gradient of", style=style,
                                       tooltip="Which class score the gradient map is for"),
            "pen": widgets.ToggleButtons(options=[("pen: ink", "ink"), ("pen: eraser", "eraser")], value="ink",
                                         tooltips=["Draw with ink", "Rub ink out"], style={"button_width": "110px"}),
        }

    def buttons(self):
        narrow = widgets.Layout(width="80px")   # three buttons on one line beside the picture at 1366 px
        clear = widgets.Button(description="Clear", icon="eraser", tooltip="Empty the canvas and draw from scratch",
                               layout=narrow)
        clear.on_click(lambda _: self.clear())
        load = widgets.Button(description="Load", icon="image", layout=narrow,
                              tooltip="Put the test image the slider points at (back) on the canvas")
        load.on_click(lambda _: self.load_test_image())
        self.load_button = load
        return [clear, load]

    def on_reset(self):
        self._pen_at = None
        self._load_test_digit(self.defaults["digit"])

    # ---- the canvas (run state) ----
    def _load_test_digit(self, index):
        self.canvas = self.test_images[index].reshape(SIDE, SIDE).copy()
        self.source = f"test image #{index} (a {self.test_labels[index]})"

    def load_test_image(self):
        """Put the test image the slider points at on the canvas again (the Load button), e.g. after Clear."""
        self._load_test_digit(self.controls["digit"].value)
        return self.refresh()

    def load(self, image, source="an image from code"):
        """Put any 28×28 image (or 784 pixels) with values in [0, 1] on the canvas."""
        image = np.asarray(image, dtype=float)
        if image.size != SIDE * SIDE:
            raise ValueError(f"the canvas takes a 28×28 image (784 pixels), got shape {image.shape}")
        if not np.isfinite(image).all() or image.min() < 0 or image.max() > 1:
            raise ValueError("the canvas takes grey levels from 0 (paper) to 1 (ink), all finite")
        self.canvas = image.reshape(SIDE, SIDE).copy()
        self.source = source
        return self.refresh()

    def clear(self):
        """Empty the canvas (the Clear button)."""
        self.canvas = np.zeros((SIDE, SIDE))
        self.source = "your drawing"
        return self.refresh()

    def stroke(self, points):
        """Draw (or erase, with pen = eraser) through `points`, (column, row) pairs in cells, then redraw."""
        before = self.canvas
        self.canvas = digits.stroke(self.canvas, points, erase=self.controls["pen"].value == "eraser")
        changed = not np.array_equal(before, self.canvas)
        if changed and not self.source.endswith("your strokes") and self.source != "your drawing":
            self.source += " + your strokes"
        return self.refresh()

    def cell_at(self, x, y):
        """The canvas cell (column, row) under pixel (x, y) of the picture, counted from its top-left
        corner; None when that pixel is not over the canvas."""
        height = self.figure.bbox.height
        column, row = self.canvas_ax.transData.inverted().transform((x, height - y))
        if -0.5 <= column <= SIDE - 0.5 and -0.5 <= row <= SIDE - 0.5:
            return float(column), float(row)
        return None

    def bar_at(self, x, y):
        """The digit whose probability bar row is under pixel (x, y), or None."""
        point = (x, self.figure.bbox.height - y)
        across, up = self.bars_ax.transAxes.inverted().transform(point)   # 0..1 inside the bar chart
        digit = round(self.bars_ax.transData.inverted().transform(point)[1])
        return int(digit) if 0 <= across <= 1 and 0 <= up <= 1 and 0 <= digit <= 9 else None

    # ---- mouse events ----
    def _watch_mouse(self):
        try:
            from ipyevents import Event
        except ImportError:  # no ipyevents: the explorer still works with its controls
            self.mouse = []
            return
        presses = Event(source=self.image, watched_events=["mousedown", "mouseup", "mouseleave"],
                        prevent_default_action=True)
        moves = Event(source=self.image, watched_events=["mousemove"], prevent_default_action=True,
                      throttle_or_debounce="throttle", wait=MOVE_THROTTLE_MS)
        for source in (presses, moves):
            source.on_dom_event(self.on_mouse)
        self.mouse = [presses, moves]

    def picture_xy(self, event):
        """The position of a mouse event in the figure's pixels (from its top-left corner), or None."""
        try:
            shown_width, shown_height = float(event["boundingRectWidth"]), float(event["boundingRectHeight"])
            x = float(event["relativeX"]) * float(self.figure.bbox.width) / shown_width
            y = float(event["relativeY"]) * float(self.figure.bbox.height) / shown_height
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            return None
        reach = 10 * float(self.figure.bbox.width)   # no mouse over the picture reports anything farther
        return (x, y) if abs(x) < reach and abs(y) < reach else None

    def on_mouse(self, event):
        """Handle one ipyevents mouse event: a dict with "type", "buttons", "relativeX", "relativeY",
        "boundingRectWidth" and "boundingRectHeight". Never raises: an event that cannot be read is ignored."""
        if not isinstance(event, dict):
            return
        kind = event.get("type")
        if kind == "mouseleave" or (kind == "mouseup" and self._pen_at is None):
            self._pen_at = None
            return
        position = self.picture_xy(event)
        if position is None:
            self._pen_at = None if kind == "mouseup" else self._pen_at
            return
        x, y = position
        if kind == "mousedown":
            self._pen_at = self.cell_at(x, y)
            if self._pen_at is not None:
                self.stroke([self._pen_at])
            elif (digit := self.bar_at(x, y)) is not None:
                self.controls["target"].value = digit   # a click on a bar shows that digit's gradient
        elif kind in ("mousemove", "mouseup") and self._pen_at is not None:
            if kind == "mousemove" and event.get("buttons", 1) in (0, None):   # released outside the picture
                self._pen_at = None
                return
            # the throttle sends the last move after the release: the release draws the stroke's last piece
            height = self.figure.bbox.height
            here = tuple(float(v) for v in self.canvas_ax.transData.inverted().transform((x, height - y)))
            if here != self._pen_at:
                self.stroke([self._pen_at, here])
            self._pen_at = None if kind == "mouseup" else here

    # ---- the numbers ----
    def compute_state(self, params, canvas=None):
        canvas = self.canvas if canvas is None else canvas
        image = canvas.reshape(1, -1)
        probabilities = digits.softmax(digits.scores(self.network, image))[0]
        guess = int(np.argmax(probabilities))
        target = guess if params["target"] == TOP_GUESS else int(params["target"])
        z, gradient = digits.input_gradient(self.network, image, [target])
        if not (np.isfinite(z).all() and np.isfinite(gradient).all()):
            raise ArithmeticError("the network's scores overflowed for this picture")
        return {
            "probabilities": [float(p) for p in probabilities],
            "guess": guess,
            "target": target,
            "score": float(z[0, target]),
            "gradient": gradient[0].reshape(SIDE, SIDE).tolist(),
            "gradient_size": float(np.abs(gradient).max()),
            "ink": float(canvas.sum()),
            "source": self.source,
            "status": "ok",
        }

    def readout(self, state):
        p = state["probabilities"]
        guess, target = state["guess"], state["target"]
        rows = [
            ("on the canvas", state["source"] if state["ink"] > 0 else "nothing (blank): draw a digit"),
            ("the network reads", f"{guess}, with probability {100 * p[guess]:.1f} %"),
            ("probabilities 0–4", "  ".join(f"{k}: {100 * p[k]:.1f} %" for k in range(5))),
            ("probabilities 5–9", "  ".join(f"{k}: {100 * p[k]:.1f} %" for k in range(5, 10))),
            ("gradient map", f"of z{target} = {state['score']:.3g}; colours scaled to ±{state['gradient_size']:.3g} "
                             "(its largest value)"),
        ]
        return rows

    # ---- the picture ----
    def make_view(self):
        # Laid out in inches: 5.2 in wide and every text 8.5 points, so text is 13.7 px on a laptop (604 px wide).
        # Each canvas cell is a whole number of pixels at twice the natural size (14 px; the gradient's 11 px),
        # so the cells stay square and sharp.
        figure = Figure(figsize=(FIGURE_WIDTH, FIGURE_HEIGHT))

        def axes(left, bottom, width, height):
            return figure.add_axes([left / FIGURE_WIDTH, bottom / FIGURE_HEIGHT, width / FIGURE_WIDTH,
                                    height / FIGURE_HEIGHT])

        self.canvas_ax = axes(0.06, 0.2, 1.96, 1.96)
        gradient_ax = axes(2.18, 0.62, 1.54, 1.54)
        self.bars_ax = axes(4.04, 0.5, 1.0, 1.66)
        for ax in (self.canvas_ax, gradient_ax):
            ax.set_xticks([])
            ax.set_yticks([])
        self.canvas_ax.set_title("draw here: press and drag", fontsize=TEXT_PT)
        # The images are coloured here, 28 × 28 cells, and painted cell by cell (CellImage): imshow would colour
        # and resample every pixel of the enlarged picture, most of a frame's cost.
        for ax in (self.canvas_ax, gradient_ax):   # what imshow would set: 28 cells each way, row 0 at the top
            ax.set_xlim(-0.5, SIDE - 0.5)
            ax.set_ylim(SIDE - 0.5, -0.5)
        self.ink = CellImage(self.canvas_ax, _coloured(INK, np.zeros((SIDE, SIDE))))
        # MNIST digits fill a 20×20 box in the middle: the dashed frame shows where to write.
        guide = self.canvas_ax.add_patch(Rectangle((3.5, 3.5), 20, 20, fill=False, linestyle="--", linewidth=1,
                                                   edgecolor="#999999"))
        self.blank = self.canvas_ax.text(SIDE / 2 - 0.5, SIDE / 2 - 0.5, "blank:\ndraw a digit", ha="center",
                                         va="center", fontsize=TEXT_PT + 1, color="#555555")
        self.gradient = CellImage(gradient_ax, _coloured(SIGNED, np.zeros((SIDE, SIDE))))
        # The title changes with the digit chosen: painted each frame, so the background never needs redrawing.
        self.gradient_title = gradient_ax.text(0.5, 1.03, "", transform=gradient_ax.transAxes, ha="center",
                                               va="bottom", fontsize=TEXT_PT)
        gradient_ax.text(0.5, -0.03, "orange: ink here raises it\npurple: ink here lowers it",
                         transform=gradient_ax.transAxes, ha="center", va="top", fontsize=TEXT_PT, linespacing=1.3)
        digits_axis = np.arange(10)
        self.bars = self.bars_ax.barh(digits_axis, np.zeros(10), color=BAR_COLORS[0], edgecolor="black", linewidth=0.6)
        self.bars_ax.set_xlim(0, 100)
        self.bars_ax.set_ylim(9.6, -0.6)
        self.bars_ax.set_yticks(digits_axis)
        self.bars_ax.set_xticks([0, 50, 100])
        self.bars_ax.tick_params(labelsize=TEXT_PT, pad=2)
        self.bars_ax.grid(axis="x", alpha=0.3)
        self.bars_ax.set_xlabel("probability (%)", fontsize=TEXT_PT, labelpad=2)
        self.bars_ax.set_title("digit it reads", fontsize=TEXT_PT)
        # Painted over the images each frame: the frames of both maps and the guide box.
        edges = [*self.canvas_ax.spines.values(), *gradient_ax.spines.values(), guide]
        self.frames = BlitFrames(figure, [self.ink, self.gradient, *edges, self.blank, self.gradient_title,
                                          *self.bars])
        return figure

    def draw(self, state):
        self.ink.set_data(_coloured(INK, self.canvas))
        self.blank.set_visible(state["ink"] == 0)
        gradient = np.asarray(state["gradient"]) / (state["gradient_size"] or 1.0)
        self.gradient.set_data(_coloured(SIGNED, (gradient + 1) / 2))
        target = state["target"]
        self.gradient_title.set_text(f"∂z{target}/∂pixel: more of a {target}?")
        for k, bar in enumerate(self.bars):
            top = k == state["guess"]
            bar.set_width(100 * state["probabilities"][k])
            bar.set_facecolor(BAR_COLORS[top])
            bar.set_hatch("//" if top else "")

    def close(self):
        for source in getattr(self, "mouse", []):
            source.close()
        self.mouse = []
        super_close = getattr(super(), "close", None)
        if super_close is not None:
            super_close()
