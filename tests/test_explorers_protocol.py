"""The explorer protocol, checked on every class in helpers.widgets.ALL.

A new explorer is covered as soon as its module exists: it must build with no arguments, expose
plain numbers, display itself, survive every control at its extremes (and the largest learning rate
with every button pressed), and come back to its starting state on Reset.
"""
import base64
import math

import warnings

import ipywidgets as widgets
import pytest

from helpers.widgets import ALL

EXPLORERS = pytest.mark.parametrize("cls", ALL, ids=[cls.__name__ for cls in ALL])


# ---- helpers ----

def extreme_values(control):
    """The values a learner can reach at the ends of a control, smallest first (for a choice: every option's index)."""
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    if hasattr(control, "options"):  # Dropdown, ToggleButtons, RadioButtons, SelectionSlider, ...
        return list(range(len(control.options)))
    if isinstance(control.value, bool):
        return [True, False]
    if isinstance(control.value, tuple) and hasattr(control, "min"):  # range sliders
        return [(control.min, control.min), (control.max, control.max), (control.min, control.max)]
    if hasattr(control, "min") and hasattr(control, "max"):
        return [control.min, control.max]
    return []


def set_control(control, value):
    """Set a control to one of its extreme_values (an index for a choice)."""
    if hasattr(control, "options"):
        control.index = value
    else:
        control.value = value


def current(control):
    return control.index if hasattr(control, "options") else control.value


def every_extreme(explorer):
    """(name, control, value) for every control's every extreme."""
    for name, control in explorer.controls.items():
        for value in extreme_values(control):
            yield name, control, value


def learning_rate_controls(explorer):
    return [name for name in explorer.controls if "lr" in name.lower() or "learning" in name.lower()]


def extra_buttons(explorer):
    """Every Button shown by the explorer except Reset (Step, Run, ...), found in its widget tree."""
    found, stack = [], [explorer.widget]
    while stack:
        w = stack.pop()
        if isinstance(w, widgets.Button) and w is not explorer.reset_button:
            found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def moving_control(explorer):
    """The control the benchmark moves: `benchmark_control` when declared, else the first slider."""
    name = getattr(type(explorer), "benchmark_control", None)
    if name is not None:
        assert name in explorer.controls, f"benchmark_control {name!r} is not one of {sorted(explorer.controls)}"
        return name
    for name, control in explorer.controls.items():
        if hasattr(control, "min") and not isinstance(control.value, (bool, tuple)):
            return name
    return next(iter(explorer.controls))


def summary(problems, shown=3):
    more = f" (and {len(problems) - shown} more)" if len(problems) > shown else ""
    return "; ".join(problems[:shown]) + more


def assert_healthy(explorer, after, assert_plain):
    assert_plain(explorer, after)
    status = explorer.state.get("status")
    assert isinstance(status, str) and status, f"after {after}: status must be 'ok' or a message, got {status!r}"
    assert bytes(explorer.image.value[:4]) == b"\x89PNG", f"after {after}: the picture is not a PNG"
    text = explorer.text()
    assert isinstance(text, str) and text.startswith(explorer.title)
    assert "Traceback" not in text, f"after {after}: the readout shows a traceback:\n{text}"


def close_enough(a, b):
    if type(a) is float and type(b) is float:
        return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close_enough(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close_enough(a[k], b[k]) for k in a)
    return a == b


# ---- the protocol ----

def test_the_explorer_list_is_gathered():
    assert ALL, "helpers.widgets.ALL is empty: no explorer module was found"
    assert len({cls.__name__ for cls in ALL}) == len(ALL), "two explorers share a class name"


@EXPLORERS
def test_builds_with_no_arguments_and_without_warnings_or_prints(cls, capsys):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        explorer = cls()
    out = capsys.readouterr()
    assert not caught, f"{cls.__name__}() warned: " + "; ".join(str(w.message) for w in caught)
    assert out.out == "" and out.err == "", f"{cls.__name__}() printed (this would be a cell output): {out}"
    assert explorer.state.get("status") == "ok", f"the starting state is not ok: {explorer.state.get('status')!r}"


@EXPLORERS
def test_controls_state_and_widget_follow_the_protocol(cls, plain_problems):
    explorer = cls()
    assert isinstance(explorer.controls, dict) and explorer.controls, "controls must be a non-empty dict"
    for name, control in explorer.controls.items():
        assert isinstance(name, str)
        assert isinstance(control, widgets.ValueWidget), f"control {name!r} is a {type(control).__name__}"
        assert explorer.params[name] == control.value
    assert isinstance(explorer.state, dict)
    problems = plain_problems(explorer.state)
    assert not problems, summary(problems)
    assert isinstance(explorer.widget, widgets.DOMWidget)


@EXPLORERS
def test_displays_its_readout_its_picture_and_its_live_widget(cls):
    explorer = cls()
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.text()
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert len(explorer.text().splitlines()) >= 2, "the readout shows no numbers"


@EXPLORERS
def test_moving_the_benchmark_control_changes_what_is_shown(cls):
    explorer = cls()
    name = moving_control(explorer)
    control = explorer.controls[name]
    before = (explorer.text(), explorer.image.value)
    for value in extreme_values(control):
        if value != current(control):
            set_control(control, value)
            break
    else:
        pytest.fail(f"control {name!r} has no other value to move to")
    assert (explorer.text(), explorer.image.value) != before, f"moving {name!r} changed neither readout nor picture"


@EXPLORERS
def test_every_control_at_its_extremes_keeps_the_state_plain_and_finite(cls, capsys, assert_plain):
    explorer = cls()
    for name, control, value in every_extreme(explorer):
        set_control(control, value)
        assert_healthy(explorer, f"{name} = {value!r}", assert_plain)
        explorer.reset()
    # and all at their maxima at once, then all at their minima
    for end in (-1, 0):
        for name, control in explorer.controls.items():
            values = extreme_values(control)
            if values:
                set_control(control, values[end])
        assert_healthy(explorer, f"every control at its {'max' if end else 'min'}imum", assert_plain)
    assert capsys.readouterr().out == "", "an explorer event printed to stdout (it would show up as cell output)"


@EXPLORERS
def test_largest_learning_rate_and_every_button_never_raise(cls, capsys, assert_plain):
    explorer = cls()
    for name in learning_rate_controls(explorer):
        control = explorer.controls[name]
        set_control(control, extreme_values(control)[-1])
        assert_healthy(explorer, f"{name} at its largest", assert_plain)
    for button in extra_buttons(explorer):
        for press in range(5):
            button.click()
            assert_healthy(explorer, f"pressing {button.description!r} {press + 1}× at the largest learning rate", assert_plain)
    assert capsys.readouterr().out == ""


@EXPLORERS
def test_reset_restores_the_starting_state(cls):
    fresh = cls()
    explorer = cls()
    for name, control in explorer.controls.items():
        values = extreme_values(control)
        if values:
            set_control(control, values[-1])
    for button in extra_buttons(explorer):
        button.click()
        button.click()
    explorer.reset_button.click()
    assert explorer.params == fresh.params
    assert explorer.text() == fresh.text()
    assert close_enough(explorer.state, fresh.state), "Reset did not restore the starting state"
    assert explorer.image.value == fresh.image.value, "after Reset the picture is not the fresh one, byte for byte"


@EXPLORERS
def test_reset_stops_every_play(cls):
    explorer = cls()
    players = [w for w in _tree(explorer.widget) if isinstance(w, widgets.Play)]
    for player in players:
        player.playing = True
    explorer.reset_button.click()
    assert not any(player.playing for player in players), "Reset left a Play running"


@EXPLORERS
def test_building_twice_gives_independent_explorers(cls):
    first, second = cls(), cls()
    assert first.text() == second.text()
    name = moving_control(first)
    control = first.controls[name]
    set_control(control, next(v for v in extreme_values(control) if v != current(control)))
    assert second.text() == cls().text(), "changing one explorer changed another one"
    assert second.controls[name].value == second.defaults[name]


def off_grid(control):
    """How far a slider's value is from its step grid, in steps (0 when on it)."""
    if isinstance(control, widgets.FloatLogSlider):
        position = (math.log(control.value, control.base) - control.min) / control.step
    else:
        position = (control.value - control.min) / control.step
    return abs(position - round(position))


@EXPLORERS
def test_slider_defaults_sit_on_their_step_grid(cls):
    """A browser snaps a slider to its step grid and sends the snapped value back to the kernel, so an
    off-grid default means the live explorer starts somewhere else than the printed readout says."""
    explorer = cls()
    sliders = {name: c for name, c in explorer.controls.items()
               if isinstance(c, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider))}
    off = {name: c.value for name, c in sliders.items() if off_grid(c) > 1e-6}
    assert not off, (f"off the step grid (the browser will move them): {off}; "
                     f"steps {({name: sliders[name].step for name in off})}")


def _tree(root):
    found, stack = [], [root]
    while stack:
        w = stack.pop()
        found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def _snapshot(explorer):
    """Every attribute of the explorer: by identity, and the run state by value."""
    return {name: id(value) for name, value in vars(explorer).items()}, repr(explorer.run)


@EXPLORERS
def test_state_is_a_pure_function_of_the_controls_and_the_run(cls, plain_problems):
    """compute_state reads the controls and the run state and changes nothing: after any button, the
    state on show is what compute_state gives again, twice, and no attribute or run number moved."""
    explorer = cls()
    name = moving_control(explorer)
    control = explorer.controls[name]
    set_control(control, extreme_values(control)[-1])
    for button in [None, *extra_buttons(explorer)]:
        if button is not None:
            button.click()
        if explorer.state["status"] != "ok":
            continue
        before = _snapshot(explorer)
        first = explorer.compute_state(explorer.params)
        second = explorer.compute_state(explorer.params)
        assert _snapshot(explorer) == before, "compute_state changed the explorer"
        assert not plain_problems(first), summary(plain_problems(first))
        first.setdefault("status", "ok")
        second.setdefault("status", "ok")
        assert close_enough(first, second) and close_enough(first, explorer.state)


def random_setting(control, rng):
    """A value a learner can reach: a choice, or a slider value on its grid."""
    if hasattr(control, "options"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return options[rng.randrange(len(options))]
    if isinstance(control.value, bool):
        return rng.random() < 0.5
    count = round((control.max - control.min) / control.step)
    k = rng.randint(0, count)
    if isinstance(control, widgets.FloatLogSlider):
        return control.base ** (control.min + k * control.step)
    value = control.min + k * control.step
    return int(value) if isinstance(control.value, int) else round(value, 10)


@EXPLORERS
def test_settings_by_keyword_and_code_rebuild_the_same_state(cls):
    import random

    import helpers.widgets as package

    rng = random.Random(cls.__name__)
    for _ in range(3):
        explorer = cls()
        settings = {name: random_setting(c, rng) for name, c in explorer.controls.items() if rng.random() < 0.6}
        built = cls(**settings)
        assert built.params == {**explorer.defaults, **settings}
        explorer.set(**settings)
        assert built.text() == explorer.text()
        assert close_enough(built.state, explorer.state)
        line = built.code()
        assert "\n" not in line and line == built.code_box.value
        again = eval(line, vars(package))
        assert again.params == built.params and close_enough(again.state, built.state)
        assert set(again.code()[len(cls.__name__) + 1:-1].split(", ")) - {""} <= {
            f"{n}={v!r}" for n, v in again.params.items()}
    assert cls().code() == f"{cls.__name__}()"


@EXPLORERS
def test_unknown_or_bad_settings_get_a_clear_error(cls):
    explorer = cls()
    with pytest.raises(TypeError, match="no control named 'no_such_knob'; its controls are " + ", ".join(explorer.controls)):
        cls(no_such_knob=1)
    name = moving_control(explorer)
    for bad in (math.nan, math.inf, 10**9, "text"):
        with pytest.raises(ValueError, match=f"{name}=.* is not allowed: it must be"):
            cls(**{name: bad})
    slider = next((n for n, c in explorer.controls.items()
                   if isinstance(c, (widgets.FloatSlider, widgets.FloatLogSlider)) and c.step), None)
    if slider is not None:
        c = explorer.controls[slider]
        off = (c.base ** (c.min + c.step / 2) if isinstance(c, widgets.FloatLogSlider) else c.min + c.step / 2)
        with pytest.raises(ValueError, match="the nearest is"):
            cls(**{slider: off})


@EXPLORERS
def test_a_non_finite_control_from_code_gets_a_message_not_ok(cls, plain_problems):
    explorer = cls()
    floats = [n for n, c in explorer.controls.items() if isinstance(c.value, float) and not hasattr(c, "options")]
    for name in floats:
        for bad in (math.nan, math.inf):
            explorer.controls[name].value = bad
            if math.isfinite(explorer.controls[name].value):
                continue  # the slider itself clamped it to its end (ipywidgets does this for ±inf)
            status = explorer.state["status"]
            assert status != "ok" and name in status, f"{name} = {bad}: status {status!r}"
            assert not plain_problems(explorer.state), summary(plain_problems(explorer.state))
            assert "press Reset" in explorer.message.value
        explorer.reset()
        assert explorer.state["status"] == "ok"


@EXPLORERS
def test_close_releases_every_widget(cls):
    from ipywidgets.widgets.widget import _instances  # the registry (Widget.widgets is its deprecated name)

    before = set(_instances)
    explorer = cls()
    assert set(_instances) - before, "the explorer made no widgets?"
    explorer.close()
    assert not set(_instances) - before, "close() left widgets in ipywidgets' registry"


RSS_SCRIPT = """
import gc, sys
from helpers import widgets

def rss_mib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))

cls = getattr(widgets, sys.argv[1])
for _ in range(10):  # warm-up: caches (fonts, text metrics), the allocator's first arenas
    cls().close()
gc.collect()
start = rss_mib()
for _ in range(50):
    cls().close()
gc.collect()
print(rss_mib() - start)
"""


@EXPLORERS
def test_fifty_explorers_made_and_closed_grow_memory_by_less_than_20_mib(cls):
    """Measured in a fresh Python process, so what earlier tests left on the heap does not blur it."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/proc/self/status"):
        pytest.skip("no /proc/self/status on this system: cannot read the resident memory")
    done = subprocess.run([sys.executable, "-c", RSS_SCRIPT, cls.__name__], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    grown = float(done.stdout.split()[-1])
    print(f"{cls.__name__}: RSS grew {grown:.1f} MiB over 50 create/close cycles")
    assert grown < 20, f"RSS grew {grown:.1f} MiB over 50 create/close cycles"


def test_running_a_cell_again_closes_the_explorer_it_made(monkeypatch):
    from helpers.widgets import base

    class Shell:
        execution_count = 1
        parent_header = {"metadata": {"cellId": "cell-1"}}

    shell = Shell()
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    first_cls, second_cls = ALL[0], ALL[-1]
    first, other = first_cls(), second_cls()  # one run of the cell may make several
    shell.execution_count = 2
    replacement = first_cls()
    assert first.reset_button.comm is None and other.reset_button.comm is None, "the replaced explorers are open"
    assert replacement.reset_button.comm is not None
    shell.parent_header = {"metadata": {"cellId": "cell-2"}}
    shell.execution_count = 3
    elsewhere = first_cls()
    assert replacement.reset_button.comm is not None, "a different cell closed this one"
    for e in (replacement, elsewhere):
        e.close()
    base._MADE_BY_CELL.clear()


def test_code_may_set_a_slider_off_its_grid_and_code_says_so():
    from helpers.widgets import TrainingExplorer

    explorer = TrainingExplorer()
    explorer.set(learning_rate=0.3)  # the slider's grid has 10^-0.5 = 0.316..., not 0.3
    assert explorer.params["learning_rate"] == 0.3
    assert explorer.code() == "TrainingExplorer(learning_rate=0.3)  # off the sliders' grid: learning_rate"
    with pytest.raises(ValueError, match=r"learning_rate=0.3 is not allowed: .* \(the nearest is 0.316228\)"):
        TrainingExplorer(learning_rate=0.3)
    with pytest.raises(ValueError, match="learning_rate=1000 is not allowed"):
        explorer.set(learning_rate=1000)
    explorer.close()


def test_code_ignores_the_float_noise_a_browser_slider_sends_back():
    """A browser's FloatSlider snaps 0.9 to 0 + 90 × 0.01 = 0.9000000000000001 and sends that back: it is the
    default still, and a moved slider is written with its digits (0.57, not 0.5700000000000001)."""
    from helpers.widgets import OptimizerExplorer

    explorer = OptimizerExplorer()
    explorer.controls["mu"].value = 0.9000000000000001
    assert explorer.code() == "OptimizerExplorer()"
    explorer.controls["mu"].value = 0.5700000000000001
    assert explorer.code() == "OptimizerExplorer(mu=0.57)"
    rebuilt = eval(explorer.code(), {"OptimizerExplorer": OptimizerExplorer})
    assert rebuilt.params["mu"] == pytest.approx(0.57, abs=1e-12)
    for e in (explorer, rebuilt):
        e.close()


def test_the_nearest_value_an_off_grid_error_suggests_is_accepted():
    """The error names the nearest grid value to 6 figures; passing that value must then work."""
    import re

    from helpers.widgets import OptimizerExplorer, TrainingExplorer

    for cls, name, value in [(OptimizerExplorer, "lr", 0.5), (TrainingExplorer, "learning_rate", 0.3),
                             (OptimizerExplorer, "mu", 0.905)]:
        with pytest.raises(ValueError) as error:
            cls(**{name: value})
        nearest = float(re.search(r"the nearest is ([\d.e+-]+)\)", str(error.value)).group(1))
        explorer = cls(**{name: nearest})
        assert explorer.params[name] == pytest.approx(nearest)
        explorer.close()
