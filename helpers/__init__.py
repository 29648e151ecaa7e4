"""helpers: the engine, drawings and explorers behind the Knobs to Networks notebooks.

Layers (each imports only from the ones above it):
    maths      engine (Value and backward), nn (NumPy layers), optim, gradcheck, data, validate (argument
               checks), and one module per notebook topic: knobs (01–02), black_box (03), line_fit (04),
               by_hand (05), training (07), landscapes (08), digits (09)
    pictures   helpers.draw: one module per topic (graph, line_fit, by_hand, training, landscapes, digits)
               and frames (PNG frames, cached backgrounds, number formatting); never ipywidgets
    explorers  helpers.widgets: one explorer per topic (knobs, black_box, line_fit, by_hand, training,
               landscapes, digits) on the protocol in widgets/base.py; no maths of their own
    feedback   helpers.checks: one module per notebook of check_* functions on checks/core.py

One word finds a notebook's pieces (e.g. line_fit: helpers/line_fit.py, draw/line_fit.py,
widgets/line_fit.py); CONTRIBUTING.md has the notebook → modules table. Notebooks import explorers
and drawings from the packages (`from helpers.widgets import KnobExplorer`).

Importing `helpers` itself loads nothing heavy and changes no global state; import the module you need.
"""
__version__ = "0.1.0"
