"""What a learner has seen before an exercise: shared by the tests that no answer is given away above it."""


def text_above(nb, check, code=False):
    """Every markdown source (and, with `code`, every code source) and every output text above the cell that
    calls `checks.<check>(`."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and f"checks.{check}(" in cell.source:
            return "\n".join(parts)
        if cell.cell_type == "markdown" or code:
            parts.append(cell.source)
        if cell.cell_type == "markdown":
            continue
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
    raise AssertionError(f"no cell calls checks.{check}")
