"""Notebooks 00–02 as a reader meets them: every link goes somewhere, and 00's map lists every notebook."""
import re
from pathlib import Path

import nbformat
import pytest
from notebook_text import text_above

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MINE = ["00_start_here.ipynb", "01_turning_knobs.ipynb", "02_chain_rule_backwards.ipynb"]
LINK = re.compile(r"\]\(([^)#\s]+)\)")


def markdown(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("name", MINE)
def test_every_relative_link_resolves(name):
    targets = [t for t in LINK.findall(markdown(name)) if "://" not in t]
    assert targets, f"{name} links nothing"
    missing = [t for t in targets if not (NOTEBOOKS / t).exists()]
    assert not missing, f"{name} links files that do not exist: {missing}"


def test_the_map_in_00_lists_every_numbered_notebook():
    linked = {Path(t).name for t in LINK.findall(markdown("00_start_here.ipynb"))}
    numbered = {p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    assert numbered <= linked, f"missing from 00's map: {sorted(numbered - linked)}"


def test_00_keeps_no_instructor_section_and_no_layer_notation():
    text = markdown("00_start_here.ipynb")
    assert "../INSTRUCTORS.md" in text
    assert "Teaching with it live" not in text
    assert "W⁽ˡ⁾" not in text and "A @ W.T" not in text  # the layer and batch notation lives in 05


def test_the_widget_check_shows_a_static_viewer_a_true_sentence():
    nb = nbformat.read(NOTEBOOKS / "00_start_here.ipynb", as_version=4)
    first_code = next(cell for cell in nb.cells if cell.cell_type == "code")
    texts = [o.data["text/plain"] for o in first_code.outputs if "data" in o]
    assert texts and all("VBox(" not in t for t in texts)
    assert any("cannot run widgets" in t for t in texts)
    assert any("application/vnd.jupyter.widget-view+json" in o.data for o in first_code.outputs if "data" in o)


# (notebook, the check an exercise calls, what its answer looks like when printed or written)
ANSWERS = [
    ("00_start_here", "check_half_squared_error", [r"\b0\.18\b"]),
    ("00_start_here", "check_mse", [r"1\.66", r"1\.67", r"\b5/3\b"]),
    ("00_start_here", "check_gradient_step", [r"\b2\.3\b"]),
    ("01_turning_knobs", "check_product_nudge", [r"\+7\b", r"change (of c )?7\b"]),
    ("01_turning_knobs", "check_g_after_f_nudge", [r"\b40\b"]),
    ("01_turning_knobs", "check_r_after_p_nudge", [r"960\b"]),
    ("01_turning_knobs", "check_two_nudges", [r"\b936\b", r"\b3240\b"]),
    ("02_chain_rule_backwards", "check_dC_dw2", [r"1\.69\b", r"1\.694", r"1\.695"]),
    ("02_chain_rule_backwards", "check_passes_and_sweeps", [r"\b2000\b", r"\(2000, 3\)", r"\b2 · 1000\b"]),
    ("02_chain_rule_backwards", "check_max_backward", [r"max\(u, v\).{0,40}grad_out, 0", r"u > v.{0,80}return"]),
    ("02_chain_rule_backwards", "check_fan_out", [r"t \+ s·v", r"2uv \+ v²", r"u² \+ 2uv"]),
    ("02_chain_rule_backwards", "check_collapsed_line", [r"0\.084\b", r"\(0\.12, "]),
]




@pytest.mark.parametrize("notebook, check, patterns", ANSWERS, ids=[a[1] for a in ANSWERS])
def test_no_answer_is_printed_or_written_above_its_exercise(notebook, check, patterns):
    text = text_above(nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4), check)
    for pattern in patterns:
        found = re.search(pattern, text)
        assert found is None, f"{check}: {pattern!r} appears above the exercise: ...{found.group(0)}..."
