"""Matplotlib drawings, one kind per module: computation graphs (graph), the 2-2-1 network (network),
a line fit's loss surface (surface), optimizer landscapes (landscape), decision boundaries (boundary),
and the PNG frames every explorer paints (frames).

No module here imports ipywidgets: the explorers in helpers.widgets build on these drawings."""
from .boundary import draw_boundary
from .frames import BlitFrames, figure_to_png
from .graph import GraphDrawing, draw_graph, graph_layout
from .landscape import draw_contours, draw_cost_curves, draw_paths, draw_surface_3d
from .network import draw_network
from .surface import draw_loss_contours

__all__ = ["BlitFrames", "figure_to_png", "GraphDrawing", "draw_graph", "graph_layout", "draw_network",
           "draw_loss_contours", "draw_contours", "draw_surface_3d", "draw_paths", "draw_cost_curves",
           "draw_boundary"]
