"""Helpers shared by the tests, offered as fixtures (pytest hands them to any test that names them).

- `plain_problems(value)`: every place in a state that is not a plain, finite Python value;
- `assert_plain(explorer_or_state)`: fails on any such place (and, for an explorer, on a raw nan/inf in its text);
- `assert_listed(cls)`: the explorer is in helpers.widgets.ALL and names a real `benchmark_control`;
- `explorer`: for a test module that sets `EXPLORER = SomeExplorer`, one explorer for the whole module
  (building one renders a whole figure), back at its defaults (Reset) before each test.
"""
import math
import re

import pytest

# Python's own spelling of a non-number; a readout says "not a number" or "infinite" instead.
RAW_NON_NUMBER = re.compile(r"(?<![\w.])[-\u2212]?(nan|inf)(?!\w)")


def _plain_problems(value, where="state"):
    kind = type(value)
    if value is None or kind in (bool, str, int):
        return []
    if kind is float:
        return [] if math.isfinite(value) else [f"{where} = {value!r} (not finite)"]
    if kind in (list, tuple):
        return [p for i, item in enumerate(value) for p in _plain_problems(item, f"{where}[{i}]")]
    if kind is dict:
        problems = [f"{where} has a non-string key {k!r}" for k in value if type(k) is not str]
        return problems + [p for k, item in value.items() for p in _plain_problems(item, f"{where}[{k!r}]")]
    return [f"{where} is a {kind.__module__}.{kind.__name__} ({value!r}), not a plain Python value"]


def _assert_plain(thing, after="now"):
    state = thing.state if hasattr(thing, "state") else thing
    problems = _plain_problems(state)
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    assert not problems, f"after {after}: " + "; ".join(problems[:3]) + more
    if hasattr(thing, "text"):
        assert not RAW_NON_NUMBER.search(thing.text()), f"after {after}: a raw nan/inf in the text:\n{thing.text()}"


def _assert_listed(cls):
    from helpers.widgets import ALL

    assert cls in ALL, f"{cls.__name__} is not in helpers.widgets.ALL: the protocol tests and benchmarks miss it"
    name = cls.benchmark_control
    assert name is None or name in cls().controls, f"benchmark_control {name!r} is not one of its controls"


@pytest.fixture
def plain_problems():
    return _plain_problems


@pytest.fixture
def assert_plain():
    return _assert_plain


@pytest.fixture
def assert_listed():
    return _assert_listed


@pytest.fixture(scope="module")
def _module_explorer(request):
    explorer = request.module.EXPLORER()
    yield explorer
    explorer.close()


@pytest.fixture
def explorer(_module_explorer):
    _module_explorer.reset()
    return _module_explorer
