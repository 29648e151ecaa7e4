"""Matplotlib drawings, one module per notebook topic: computation graphs (graph, notebooks 01–03),
a line fit's loss surface (line_fit, 04), the 2-2-1 network (by_hand, 05), decision boundaries
(training, 07), optimizer landscapes (landscapes, 08), handwritten digits (digits, 09), and what every
explorer's picture shares (frames: PNG frames, cached backgrounds, axis limits, number formatting).

No module here imports ipywidgets: the explorers in helpers.widgets build on these drawings.
Import drawings from here (`from helpers.draw import draw_graph`).
"""

from .by_hand import draw_network
from .frames import BlitFrames, figure_to_png, fmt
from .graph import GraphDrawing, draw_graph, graph_layout
from .landscapes import draw_contours, draw_cost_curves, draw_paths, draw_surface_3d
from .line_fit import draw_loss_contours
from .training import draw_boundary

__all__ = ["BlitFrames", "figure_to_png", "fmt", "GraphDrawing", "draw_graph", "graph_layout", "draw_network",
           "draw_loss_contours", "draw_contours", "draw_surface_3d", "draw_paths", "draw_cost_curves",
           "draw_boundary"]

