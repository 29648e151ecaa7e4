"""Run a notebook's code in this process, to know what each explorer in the browser should show.

The browser's kernel and this replay run the same cells in the same order, so each explorer object
here is in the same state as its twin in the kernel. Setting a control here to the value a slider
reached in the page then gives the readout and picture the page must show.
"""
import contextlib
import io
import os
import sys

import nbformat

from helpers.widgets.base import Explorer


@contextlib.contextmanager
def _cwd(path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def replay(notebook_path):
    """{cell index: [the Explorer objects that cell displays, in display order]}.

    The shell, matplotlib's settings and backend are put back afterwards, so the tests that run
    after this one in the same process see no trace of the notebook."""
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    notebook = nbformat.read(str(notebook_path), as_version=4)
    config = Config()
    config.HistoryManager.hist_file = ":memory:"  # write nothing into the user's IPython directory
    shell = InteractiveShell.instance(config=config)
    shown = {}
    current = {"cell": None}
    original_format = shell.display_formatter.format

    def recording_format(obj, *args, **kwargs):
        if isinstance(obj, Explorer):
            shown.setdefault(current["cell"], []).append(obj)
        return original_format(obj, *args, **kwargs)

    shell.display_formatter.format = recording_format
    try:
        with matplotlib.rc_context(), _cwd(os.path.dirname(os.path.abspath(notebook_path))), \
                contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                current["cell"] = index
                result = shell.run_cell(cell.source, store_history=False, silent=False)
                if not result.success:
                    error = result.error_in_exec or result.error_before_exec
                    raise RuntimeError(f"{os.path.basename(notebook_path)} cell {index} failed in replay: {error!r}")
    finally:
        shell.display_formatter.format = original_format
        InteractiveShell.clear_instance()
        if "matplotlib.pyplot" in sys.modules:
            import matplotlib.pyplot as plt

            plt.close("all")
            plt.switch_backend("agg")
    return shown
