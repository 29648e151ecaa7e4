"""The one look (helpers/draw/style.py): the message is readable on light and dark themes, text sizes are measurable."""
import pytest
from matplotlib.figure import Figure

from helpers.draw import style
from helpers.widgets import ALL

# JupyterLab's notebook backgrounds (--jp-layout-color0) in its light and dark themes.
THEME_BACKGROUNDS = {"light": "#ffffff", "dark": "#111111"}


def test_contrast_ratio_matches_the_wcag_extremes():
    assert style.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert style.contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert style.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the known 4.5 boundary grey


def test_the_old_red_message_fails_on_the_dark_theme():
    # what the issue measured: #b00020 straight on the dark background is ~2.5:1
    assert style.contrast_ratio("#b00020", THEME_BACKGROUNDS["dark"]) < 3


@pytest.mark.parametrize("theme", THEME_BACKGROUNDS)
def test_the_message_is_readable_on_both_themes(theme):
    # The message paints its own box, so its text sits on MESSAGE_BACKGROUND whatever the theme...
    assert style.contrast_ratio(style.MESSAGE_TEXT, style.MESSAGE_BACKGROUND) >= 4.5
    # ...and the box's border stands out from the theme's background (non-text contrast ≥ 3:1).
    assert style.contrast_ratio(style.MESSAGE_BORDER, THEME_BACKGROUNDS[theme]) >= 3


def test_a_diverged_explorer_shows_the_message_in_that_style():
    explorer = next(cls for cls in ALL if cls.__name__ == "LossSurfaceExplorer")()
    assert explorer.message.value == ""

    def overflow(params):
        raise OverflowError("the loss grew past 1e+300")

    explorer.compute_state = overflow
    explorer.refresh()
    assert style.MESSAGE_TEXT in explorer.message.value and style.MESSAGE_BACKGROUND in explorer.message.value
    assert "diverged" in explorer.message.value
    explorer.close()


def test_the_palette_has_no_red_green_pair_and_blue_orange_for_signs():
    assert style.PALETTE[:2] == (style.BLUE, style.ORANGE)
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    assert not {"#ff0000", "#00ff00", "#2ca02c", "#d62728", "#b00020"} & {c.lower() for c in style.PALETTE}


def test_smallest_text_points_reads_the_smallest_visible_text():
    figure = Figure(figsize=(4, 3), dpi=100)
    ax = figure.add_subplot()
    ax.set_title("title", fontsize=14)
    ax.text(0.5, 0.5, "small", fontsize=7)
    ax.text(0.5, 0.2, "hidden", fontsize=3, visible=False)
    ax.text(0.5, 0.1, "", fontsize=2)
    ax.tick_params(labelsize=9)
    assert style.smallest_text_points(figure) == 7


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_explorer_renders_at_its_pixel_ratio_and_describes_its_picture(cls):
    explorer = cls()
    width_px = explorer.figure.get_figwidth() * explorer.figure.dpi
    assert explorer.shown_width() * explorer.pixel_ratio == pytest.approx(width_px, abs=1)
    assert explorer.pixel_ratio in (1, style.PIXEL_RATIO)
    assert explorer.smallest_text_points() > 0
    assert explorer.alt and "\n" not in explorer.alt and explorer.describe() == explorer.alt
    explorer.close()


# The picture column's width on a 1366×768 laptop with the file browser open, in CSS px, as
# tests/browser/test_presenting.py measures it (it asserts the real sizes in the browser).
LAPTOP_PICTURE_WIDTH = 604


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_explorers_smallest_text_is_12_px_on_a_laptop(cls):
    """A picture fills its column, so its text on screen is points / 72 × column width / figure width (inches):
    dense figures must be narrow or their text large. 12 CSS px on a laptop is also ≥ 18 px in Presentation
    Mode, where the column is 1112 px wide and the picture grows to at most twice its natural width."""
    explorer = cls()
    laptop = style.text_px(explorer.figure, LAPTOP_PICTURE_WIDTH)
    presenter = style.text_px(explorer.figure, min(1112, explorer.MAX_GROWTH * explorer.shown_width()))
    explorer.close()
    assert laptop >= 12 and presenter >= 18, (
        f"{cls.__name__}: smallest text {laptop:.1f} px on a laptop, {presenter:.1f} px presenting")
