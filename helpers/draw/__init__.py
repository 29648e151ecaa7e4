"""Matplotlib drawings: computation graphs (and, as the series grows, networks and loss surfaces).

No module here imports ipywidgets: the explorers in helpers.widgets build on these drawings."""
from .frames import figure_to_png
from .graph import GraphDrawing, draw_graph, graph_layout

__all__ = ["figure_to_png", "GraphDrawing", "draw_graph", "graph_layout"]
