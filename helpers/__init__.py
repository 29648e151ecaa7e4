"""helpers: the engine, drawings and explorers behind the Knobs to Networks notebooks.

    helpers.engine      Value, a scalar that remembers how it was computed; backward() fills in gradients
    helpers.nn          NumPy layers with explicit forward/backward over batches
    helpers.optim       SGD, momentum, RMSprop and Adam, for arrays and for Values
    helpers.gradcheck   central-difference gradient checks with a relative-error report
    helpers.data        the worked examples as constants, and seeded data generators
    helpers.draw        matplotlib drawings: computation graphs, networks, surfaces, boundaries
    helpers.widgets     the interactive explorers (ipywidgets)
    helpers.checks      self-checks for the exercises

Importing `helpers` itself loads nothing heavy and changes no global state; import the module you need.
"""
__version__ = "0.1.0"
