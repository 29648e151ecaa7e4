"""The one look of every picture in the series: colours, text sizes, pixel density.

- `PALETTE`: the Okabe–Ito colours, told apart with every common colour-vision deficiency and on a washed-out
  projector. Blue and orange carry signs (+ and −); red and green are never a pair. A meaning is never carried
  by colour alone: a line also gets its own style (`LINE_STYLES`) or marker.
- `DPI`, `PIXEL_RATIO`: a picture's natural size on screen is 100 CSS px per inch of figure, and it is rendered at
  twice those pixels, so text stays sharp on high-density screens, in Presentation Mode and under browser zoom.
- `text_px(figure, shown_width)`: how tall a figure's smallest text is on screen when the figure is shown
  `shown_width` CSS px wide. Explorer pictures fill their column, so what makes text legible is points per inch of
  figure width, not dpi.
- `smallest_text_points(figure)`: the smallest font size (points) among the figure's visible texts, which the
  browser test turns into CSS pixels on screen.
- `MESSAGE_*` and `contrast_ratio`: the status message's colours, readable on light and dark themes alike.
"""
from matplotlib.text import Text

__all__ = ["PALETTE", "BLUE", "ORANGE", "SKY", "GREEN", "YELLOW", "VERMILLION", "PURPLE", "BLACK", "GREY",
           "LINE_STYLES", "DPI", "PIXEL_RATIO", "smallest_text_points", "text_px", "MESSAGE_TEXT", "MESSAGE_BACKGROUND",
           "MESSAGE_BORDER", "contrast_ratio"]

BLACK, ORANGE, SKY, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
YELLOW, BLUE, VERMILLION, PURPLE = "#F0E442", "#0072B2", "#D55E00", "#CC79A7"
GREY = "#555555"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK)  # series in this order
LINE_STYLES = ("-", "--", ":", "-.")

DPI = 100
PIXEL_RATIO = 2

# The status message ("diverged: …"): dark red on a pale box with a border. The box is painted by us, so the
# text's contrast does not depend on the theme behind it (checked in tests/test_look.py).
MESSAGE_TEXT, MESSAGE_BACKGROUND, MESSAGE_BORDER = "#8B0000", "#FFF4E5", "#D55E00"


def smallest_text_points(figure):
    """The smallest font size (points) among the visible, non-empty texts of `figure` (tick labels included)."""
    sizes = [text.get_fontsize() for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip() and _shown(text)]
    return min(sizes) if sizes else None


def text_px(figure, shown_width):
    """The smallest text of `figure` in CSS px when the figure is shown `shown_width` CSS px wide."""
    return smallest_text_points(figure) / 72 * shown_width / figure.get_figwidth()


def _shown(text):
    axes = text.axes
    return axes is None or axes.get_visible()


def _luminance(colour):
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground, background):
    """The WCAG contrast ratio of two "#rrggbb" colours: 1 (none) to 21 (black on white); text needs ≥ 4.5."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
