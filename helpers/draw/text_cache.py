"""Remember how each line of text was painted, so a frame that shows it again only copies its glyphs.

Laying out a line and rasterising its glyphs is most of what a frame full of numbers costs; yet most
lines (a weight that did not move, a still prefix) come back unchanged at the same place. `remember_text`
wraps one Agg renderer's `draw_text`: the first time a line is painted, the glyph bitmaps it draws are
recorded; later the same line (same string, font, place and colour) replays those bitmaps. The pixels are
exactly those of a fresh paint. Only this renderer changes, not matplotlib.
"""
import types

__all__ = ["remember_text"]

MAX_LINES = 4000  # forgotten all at once beyond this: a long session cannot grow without bound


class _Recorder:
    """Stands in for the C renderer while a line is painted: keeps a copy of each glyph it draws."""

    def __init__(self, real):
        self.real, self.glyphs = real, []

    def draw_text_image(self, image, x, y, angle, gc):
        self.glyphs.append((image.copy(), x, y, angle))
        self.real.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name):
        return getattr(self.real, name)


def remember_text(renderer):
    """Make `renderer` (a RendererAgg) replay lines it has painted before. Returns it; safe to call twice."""
    if getattr(renderer, "_remembers_text", False):
        return renderer
    paint = renderer.draw_text
    lines = {}

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or angle:
            return paint(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        key = (s, prop, x, y, self.height, tuple(gc.get_rgb()), gc.get_alpha(), gc.get_forced_alpha(),
               gc.get_antialiased())
        glyphs = lines.get(key)
        if glyphs is None:
            real = self._renderer
            self._renderer = recorder = _Recorder(real)
            try:
                paint(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            finally:
                self._renderer = real
            if len(lines) >= MAX_LINES:
                lines.clear()
            lines[key] = recorder.glyphs
            return None
        for image, gx, gy, gangle in glyphs:
            self._renderer.draw_text_image(image, gx, gy, gangle, gc)
        return None

    renderer.draw_text = types.MethodType(draw_text, renderer)
    renderer._remembers_text = True
    return renderer
