"""Speed measurements for the series, printed as one table by `python -m benchmarks`.

Each module here has `rows() -> [(what, figure, note), ...]`. Timings are medians over repeated
runs on whatever machine runs them; the table's header names that machine. Nothing here is a test:
the figures are for reading and comparing, not for passing or failing.
"""

# In table order; the slow ones are left out by --quick.
MODULES = ("engine", "nn", "explorers", "surfaces", "training", "digits", "notebooks", "browser")
SLOW = ("notebooks", "browser")
