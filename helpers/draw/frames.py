"""What every explorer's picture shares: PNG frames, cached backgrounds, axis limits and numbers.

- `figure_to_png(figure)`: render everything (simple; ~40–60 ms for a busy figure);
- `BlitFrames(figure, moving_artists)`: render the still parts once per *view key* (whatever names
  them: a surface, a pair of axis limits), keep that background, and each frame paint only the moving
  artists over it (~5–15 ms), replaying the glyphs of any line of text painted before (`text_cache`);
- `round_up(x, choices)`: the axis limit for x, from a few round choices (so the background changes rarely);
- `fmt(x)`: a number as a learner reads it, the same in the readout and in the picture.

No pyplot: no global figure state is touched. A figure painted with BlitFrames has fixed margins
(no layout engine), so a background rendered for one view never shifts the axes under another.
"""
import math
import struct
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

from .text_cache import remember_text

__all__ = ["figure_to_png", "BlitFrames", "round_up", "fmt", "MINUS"]

MINUS = "\u2212"  # the minus sign of printed maths, not the hyphen
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _canvas(figure):
    return figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)


def _encode(canvas):
    """The canvas as an RGB PNG: unfiltered rows at zlib level 1. A plot's flat colours compress well without
    PNG's row filters, and skipping them makes this ~40 % faster than Pillow's encoder (~9 against ~16 ms for
    a 1100 × 760 picture), a large share of an explorer's event at pixel ratio 2."""
    rgba = np.asarray(canvas.buffer_rgba())
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + 3 * width), np.uint8)
    rows[:, 0] = 0  # each row starts with its filter type: none
    rows[:, 1:].reshape(height, width, 3)[...] = rgba[:, :, :3]  # the figure is opaque: alpha is dropped
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlacing
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b"")


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def figure_to_png(figure):
    """PNG bytes of `figure` as it is now (its artists updated in place beforehand)."""
    canvas = _canvas(figure)
    canvas.draw()
    return _encode(canvas)


class BlitFrames:
    """Fast frames for a figure whose moving parts are a known list of artists.

    The still parts are rendered once per view key and kept (at most `keep` of them). Before a frame,
    the explorer puts the figure's still parts in the state that `view(key)` names (limits, visible
    contours, titles); a key must therefore name everything still that can differ. `invalidate()`
    forgets every background, for a change of the still parts that no key names."""

    def __init__(self, figure, moving_artists, keep=32):
        self.figure = figure
        self.canvas = _canvas(figure)
        self.moving = []
        self.add(*moving_artists)
        self.keep = keep
        self.key = None
        self.backgrounds = {}

    def add(self, *artists):
        for artist in artists:
            artist.set_animated(True)  # left out of a full draw: painted by hand each frame
            self.moving.append(artist)

    def view(self, key):
        """Paint the next frames over the background of `key` (rendered the first time it is used)."""
        self.key = key

    def invalidate(self):
        self.backgrounds.clear()

    def png(self):
        background = self.backgrounds.get(self.key)
        if background is None:
            self.canvas.draw()
            background = self.canvas.copy_from_bbox(self.figure.bbox)
            if len(self.backgrounds) >= self.keep:
                del self.backgrounds[next(iter(self.backgrounds))]
            self.backgrounds[self.key] = background
        else:
            self.canvas.restore_region(background)
        # remembered per renderer: a new size or dpi makes a new renderer, which starts its own memory
        renderer = remember_text(self.canvas.get_renderer())
        for artist in self.moving:
            if artist.get_visible():
                artist.draw(renderer)
        return _encode(self.canvas)


def round_up(x, choices):
    """The first of the increasing `choices` at or above x (the last one if x is beyond them all)."""
    for choice in choices:
        if x <= choice:
            return choice
    return choices[-1]


def fmt(x, digits=6, decimals=None, sign=False):
    """A number as a learner reads it: 2304, 0.392, −0.5175, 1.2e+08 (6 significant figures, or
    `decimals` places); "not a number", "infinite", "—" for nothing yet; `sign` puts + before positives."""
    if x is None:
        return "—"
    x = float(x)
    if math.isnan(x):
        return "not a number"
    if math.isinf(x):
        return ("+" if sign else "") + "infinite" if x > 0 else MINUS + "infinite"
    text = f"{x:.{decimals}f}" if decimals is not None else f"{x:.{digits}g}"
    if float(text) == 0:
        text = text.lstrip("-")  # −0 reads as 0
    elif sign and x > 0:
        text = "+" + text
    return text.replace("-", MINUS)
