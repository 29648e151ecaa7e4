"""nbval compares every number in a notebook's outputs to 6 significant figures.

nbval first applies the regex rules of `nbval_sanitize.cfg` (numpy 2's `np.float64(...)` reprs, memory
addresses), then `round_numbers` below, to the committed output and to the fresh one alike:

- a decimal number (`0.083232`, `12.5`, `9.7e-09`, `1e-07`) with more than 6 significant figures is rounded
  to 6 and written as Python prints that float: `0.08323200000000001` and `0.083232` both read `0.083232`,
  `2.0000000000000004` reads `2.0`;
- a number with at most 6 significant figures is kept exactly as printed, so `0.0832` never equals
  `0.083232` and `9.7e-09` never equals `5.3e-09`;
- a zero loses its sign (`-0.000000` reads `0.000000`);
- integers, versions (`3.11.2`) and numbers inside words (`x1.5`, `1.5em`) are left alone.

So a notebook passes on any CPU only if everything it prints agrees to 6 significant figures there: float
noise belongs in a verdict ("agree to 1e-9"), not in digits.

`pytest_runtest_setup` adds `round_numbers` to nbval's rules after nbval has read the .cfg file (nbval
applies each rule with `re.sub`, which accepts a function). The repository's conftest.py loads this plugin.
"""
import re

import pytest

SIGNIFICANT_FIGURES = 6

NUMBER = re.compile(r"""
    (?<![\w.])                                  # not inside a word or after a decimal point
    (?P<sign>[-−]?)
    (?P<number>\d+\.\d+(?:[eE][-+]?\d+)?        # 0.083232, 12.5, 1.4e-17
             | \d+[eE][-+]?\d+)                 # 1e-07
    (?!\w|\.\d)                                 # not followed by more of a word or of a version
""", re.VERBOSE)


def significant_figures(number):
    """How many significant figures `number` (unsigned, as printed) has: '0.0830' has 3, '9.7e-09' has 2."""
    mantissa = re.split("[eE]", number)[0]
    return len(mantissa.replace(".", "").lstrip("0"))


def _round_match(match):
    sign, number = match["sign"], match["number"]
    if float(number) == 0:
        return number
    if significant_figures(number) > SIGNIFICANT_FIGURES:
        number = repr(float(format(float(number), f".{SIGNIFICANT_FIGURES}g")))
    return sign + number


def round_numbers(text):
    """`text` with every decimal number rounded to 6 significant figures (see the module docstring)."""
    return NUMBER.sub(_round_match, text)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    result = yield
    rules = getattr(item.parent, "sanitize_patterns", None)  # an nbval notebook, once set up
    if rules is not None:
        rules[NUMBER] = _round_match  # the compiled pattern: re.sub keeps its VERBOSE flag
    return result
