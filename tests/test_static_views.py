"""Every committed notebook shows each explorer's picture where no kernel runs: GitHub, nbviewer, nbconvert HTML.

Those viewers prefer the widget view over the saved PNG when the notebook stores widget state, and then show
nothing. So notebooks are executed without storing it (`--ExecutePreprocessor.store_widget_state=False`,
see CONTRIBUTING.md), and the HTML export of each notebook with an explorer shows a picture in every explorer cell.
"""
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def explorer_outputs(cell):
    """The outputs of a code cell that show an explorer: a widget view with a PNG and a text readout beside it."""
    return [o for o in cell.get("outputs", []) if WIDGET in o.get("data", {}) and "image/png" in o["data"]]


def notebooks_with_explorers():
    found = []
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        if any(explorer_outputs(c) for c in notebook.cells if c.cell_type == "code"):
            found.append(path)
    return found


def test_there_are_notebooks_with_explorers():
    assert len(notebooks_with_explorers()) >= 8


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_committed_notebook_stores_widget_state(path):
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata, (
        f"{path.name} stores widget state, so nbconvert and GitHub show an empty widget instead of the picture: "
        "execute it with --ExecutePreprocessor.store_widget_state=False (CONTRIBUTING.md)")


@pytest.mark.parametrize("path", notebooks_with_explorers(), ids=lambda p: p.name)
def test_html_export_shows_every_explorer_picture(path):
    notebook = nbformat.read(path, as_version=4)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    html_cells = re.split(r'<div[^>]*class="jp-Cell[^"]*jp-CodeCell', body)[1:]
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert len(html_cells) == len(code_cells)
    checked = 0
    for number, (cell, shown) in enumerate(zip(code_cells, html_cells)):
        for output in explorer_outputs(cell):
            assert "<img" in shown and "data:image/png;base64," in shown, (
                f"{path.name}, code cell {number}: the explorer's picture is missing from the HTML export")
            readout = output["data"]["text/plain"]
            assert readout.strip() and ":" in readout, (
                f"{path.name}, code cell {number}: the stored text readout is empty ({readout!r})")
            checked += 1
    assert checked >= 1
