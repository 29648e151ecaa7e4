"""The explorer protocol: controls wired to a state computed from them, and a picture drawn in place.

`Explorer` (below) is the base class of every explorer; its docstring says what a subclass provides
and what every explorer offers in return. `helpers.widgets.ALL` gathers the subclasses.
"""
import base64
import html
import math
import weakref

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..draw import style
from ..draw.frames import BlitFrames, figure_to_png, fmt

__all__ = ["Explorer", "fmt"]


class Explorer:
    """Controls, the numbers they lead to, and a picture and readout of those numbers.

    A subclass provides five methods:

        make_controls()      -> {name: ipywidgets control}; their values are the defaults (the notebook's example)
        compute_state(params) -> dict of the numbers shown (plain floats, ints, lists, strings); `params` is
                               {name: value} of the controls. Pure: it reads only `params` and the run state
                               `self.run`, and changes nothing (no widget, no drawing, no attribute).
        make_view()          -> a matplotlib Figure whose artists are created once; a figure with costly still
                               parts also sets `self.frames = BlitFrames(figure, moving_artists)`
        draw(state)          updates those artists in place (and picks `self.frames.view(key)`)
        readout(state)       -> [(label, text), ...], the numbers beside the picture (numbers through `fmt`)

    and may add:

        title                the heading (a class attribute)
        alt                  one line saying what the picture shows (its alt text, for screen readers)
        benchmark_control    the name of the control whose events are typical: the benchmarks and the protocol
                             tests move it (default: the first slider)
        new_run()            -> the run state at the start: what Step and Play accumulate (default None: nothing).
                             Reset puts `self.run = self.new_run()`.
        update_run(params)   brings `self.run` in line with the controls before each computation (e.g. a new
                             data set starts a new run); the only place besides a button that changes it
        buttons()            -> extra buttons (Step, Run, Play); a button changes a control or `self.run`, then
                             calls `self.refresh()`. The verb for "take n more steps" is `step(n=1)`.
        follow(name, value)  -> {control: value} that a learner's change of `name` also sets (default none)
        on_reset()           extra chores of Reset (every Play is stopped and the run restarted already)
        advice(status)       the words after a status other than "ok" (default: press Reset)
        frame()              the PNG of the picture, for a view painted some other way

    The hooks are called in the order make_controls, make_view, new_run, buttons. A subclass need not
    override `__init__` (none of the explorers here does: what the hooks need, they create). One that
    takes arguments other than controls (e.g. a trained network) sets what its hooks read, then calls
    `super().__init__(**settings)` with the control settings, so keyword settings and `.code()` keep working.

    Every explorer then offers: `Cls(**settings)` (any control by name, checked against its range and
    grid), `.controls`, `.params`, `.state` (the last computed numbers, with "status": "ok" or a message),
    `.run`, `.widget`, `.set(**settings)`, `.reset()`, `.code()` (one line of Python rebuilding the current
    settings), `.text()`, `.render()`, `.close()`; displaying the object shows the live widget, the PNG
    and the text. If computing or drawing fails (overflow, NaN, a value out of range), it does not raise:
    it shows the status message and keeps the last good picture; Reset always recovers.
    """

    title = "Explorer"
    alt = None
    benchmark_control = None
    CONTROL_WIDTH = "330px"  # the control column: fixed, so a long label or message never narrows the picture
    LABEL_WIDTH = "100px"    # every slider's and dropdown's label, right-aligned, so the tracks line up
    pixel_ratio = style.PIXEL_RATIO  # 1 where the doubled picture would cost more than 30 ms per event
    MAX_GROWTH = 2           # the picture may grow to twice its natural width (Presentation Mode, a wide window)
    MIN_PICTURE_WIDTH = "400px"  # narrower than this beside the controls, the picture moves under them

    def __init__(self, **settings):
        self.controls = self.make_controls()
        for control in self.controls.values():
            _one_look(control, self.LABEL_WIDTH)
        self.defaults = {name: c.value for name, c in self.controls.items()}
        self._check(settings, grid=True)
        self.state = {}
        self.frames = None
        self.figure = self.make_view()
        for figure in self._figures():
            figure.set_dpi(style.DPI * self.pixel_ratio)  # sharp at its natural size (see shown_width)
        self.run = self.new_run()
        # It grows with the space it is given (Presentation Mode, a wide window) up to MAX_GROWTH times its natural
        # size, and is never narrowed by a message or a long label (both sit elsewhere).
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=f"{self.shown_width() * self.MAX_GROWTH}px", height="auto"))
        # ipywidgets' Image has no alt attribute: screen readers get the description from a visually hidden line
        self.description = widgets.HTML(
            f"<span class='picture-description' style='position:absolute; width:1px; height:1px; overflow:hidden; "
            f"clip:rect(0 0 0 0); white-space:nowrap'>Picture: {html.escape(self.describe())}</span>",
            layout=widgets.Layout(height="0px", margin="0px"))
        self.readout_box = widgets.HTML()
        self.message = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.code_box = widgets.Text(description="as code", tooltip="Copy this line to rebuild what you see",
                                     layout=widgets.Layout(width="100%"))
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="Back to the starting values")
        self.reset_button.on_click(lambda _: self.reset())
        for name, value in settings.items():
            self.controls[name].value = value
        self._quiet = False
        self._names = {control: name for name, control in self.controls.items()}
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        side = widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(self.title)}</b>{_SELECTED_STYLE}"),
             *map(_labelled, self.controls.values()),
             widgets.HBox([*map(_labelled, self.buttons()), self.reset_button],
                          layout=widgets.Layout(flex_flow="row wrap")),
             self.code_box, self.description],
            layout=widgets.Layout(width=self.CONTROL_WIDTH, min_width=self.CONTROL_WIDTH, flex="0 0 auto"),
        )
        # Beside the controls while there is room for both; under them in a narrow window or at high zoom.
        picture = widgets.VBox([self.image, self.message, self.readout_box],
                               layout=widgets.Layout(flex=f"1 1 {self.MIN_PICTURE_WIDTH}", min_width="0"))
        self.widget = widgets.HBox([side, picture], layout=widgets.Layout(flex_flow="row wrap"))
        self.widget.add_class("explorer")
        self.refresh()
        _replace_in_cell(self)

    # ---- to override ----
    def make_controls(self):
        raise NotImplementedError("an explorer defines make_controls()")

    def compute_state(self, params):
        raise NotImplementedError("an explorer defines compute_state(params)")

    def make_view(self):
        raise NotImplementedError("an explorer defines make_view()")

    def draw(self, state):
        raise NotImplementedError("an explorer defines draw(state)")

    def readout(self, state):
        raise NotImplementedError("an explorer defines readout(state)")

    def new_run(self):
        return None

    def update_run(self, params):
        pass

    def buttons(self):
        return []

    def follow(self, name, value):
        return {}

    def on_reset(self):
        pass

    def _figures(self):
        """The view's figure and any other figure the explorer keeps for it (e.g. one per graph it can show)."""
        found = {id(self.figure): self.figure}
        for value in vars(self).values():
            for item in value.values() if isinstance(value, dict) else (value,):
                figure = getattr(item, "figure", None)
                if isinstance(figure, Figure):
                    found.setdefault(id(figure), figure)
        return found.values()

    def box_holding(self, widget):
        """The Box of this explorer's widget tree whose children include `widget`, or None."""
        return next((box for box in _widget_tree(self.widget, widgets.Box) if widget in box.children), None)

    def describe(self):
        """The picture's alt text: one line saying what it shows."""
        return self.alt or f"{self.title}: the picture of the current settings"

    def shown_width(self):
        """The picture's natural width on screen in CSS pixels (it is rendered at `pixel_ratio` pixels per CSS px)."""
        return round(self.figure.get_figwidth() * self.figure.dpi / self.pixel_ratio)

    def smallest_text_points(self):
        """The smallest font size (points) of the texts the picture shows now."""
        return style.smallest_text_points(self.figure)

    def frame(self):
        """The picture of what draw() last set up, as PNG bytes."""
        return self.frames.png() if self.frames is not None else figure_to_png(self.figure)

    def advice(self, status):
        """What the message under a status (anything but "ok") tells the learner to do."""
        return "press Reset to start again."

    # ---- settings ----
    @property
    def params(self):
        return {name: c.value for name, c in self.controls.items()}

    def set(self, **settings):
        """Set several controls at once, with one redraw at the end. Checked as the constructor checks them,
        except that a slider takes any value in its range from code (e.g. η = 0.3 on a slider whose grid
        has 0.316): a displayed slider shows it snapped to its grid, and `.code()` says it is off the grid."""
        self._check(settings, grid=False)
        self._quiet = True
        try:
            for name, value in settings.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self.refresh()

    def code(self):
        """One line of Python that rebuilds the current settings (only those that differ from the defaults).

        Settings put off a slider's grid from code cannot be shared (the constructor refuses them): the line
        then ends with a comment naming them."""
        # A browser's slider can send back its grid point with float noise (0.9000000000000001 for 0.9):
        # that is the same setting, and it is written as the grid point (`_tidy`).
        changed = {name: self._tidy(name, value) for name, value in self.params.items()
                   if not _same(value, self.defaults[name])}
        line = f"{type(self).__name__}({', '.join(f'{name}={value!r}' for name, value in changed.items())})"
        off = [name for name, value in changed.items() if _value_problem(self.controls[name], value)]
        return line + (f"  # off the sliders' grid: {', '.join(off)}" if off else "")

    def _tidy(self, name, value):
        """A slider's value as its grid point when it is one but for float noise, else as it is."""
        control = self.controls[name]
        if not isinstance(value, float) or not math.isfinite(value) or not hasattr(control, "step"):
            return value
        if isinstance(control, widgets.FloatLogSlider) and value <= 0:
            return value
        grid = self.on_grid(name, value)
        return grid if math.isclose(grid, value, rel_tol=1e-9, abs_tol=1e-9 * control.step) else value

    def on_grid(self, name, value):
        """The value of control `name` nearest to `value` (what a browser would snap it to)."""
        control = self.controls[name]
        if isinstance(control, widgets.FloatLogSlider):
            exponent = math.log(value, control.base)
            steps = round((exponent - control.min) / control.step)
            return float(control.base ** (control.min + steps * control.step))
        steps = round((value - control.min) / control.step)
        return type(control.value)(round(control.min + steps * control.step, 10))

    def _check(self, settings, grid):
        unknown = sorted(set(settings) - set(self.controls))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no control named {', '.join(map(repr, unknown))}; "
                            f"its controls are {', '.join(self.controls)}")
        for name, value in settings.items():
            problem = _value_problem(self.controls[name], value, grid)
            if problem:
                raise ValueError(f"{type(self).__name__}: {name}={value!r} is not allowed: {problem}")

    # ---- run ----
    def reset(self):
        self._stop_playing()
        self.run = self.new_run()
        self.on_reset()
        self.set(**self.defaults)

    def _stop_playing(self):
        for player in _widget_tree(self.widget, widgets.Play):
            player.playing = False

    def _on_control(self, change):
        if self._quiet:
            return
        more = self.follow(self._names[change.owner], change.new)
        if more:
            self.set(**more)
        else:
            self.refresh()

    def refresh(self):
        """Recompute the state from the controls and redraw. Never raises into the widget callback."""
        params = self.params
        not_finite = [name for name, value in params.items() if isinstance(value, float) and not math.isfinite(value)]
        if not_finite:
            state = {**self.state, "status": "; ".join(
                f"{name} is {fmt(params[name])}: it must be {_allowed(self.controls[name])}" for name in not_finite)}
        else:
            try:
                self.update_run(params)
                state = self.compute_state(params)
            except (ArithmeticError, ValueError) as error:
                state = {**self.state, "status": f"diverged: {error}"}
        state.setdefault("status", "ok")
        self.state = state
        if not not_finite:
            try:
                self.draw(state)
                self.image.value = self.frame()
            except (ArithmeticError, ValueError) as error:
                self.state["status"] = f"cannot draw this setting: {error}"
        self.readout_box.value = self._readout_html()
        self.code_box.value = self.code()
        status = self.state["status"]
        if status == "ok":
            self.message.value = ""
        else:
            advice = self.advice(status)
            self.message.value = (
                f"<div role='status' style='color:{style.MESSAGE_TEXT}; background:{style.MESSAGE_BACKGROUND}; "
                f"border:2px solid {style.MESSAGE_BORDER}; padding:0.3em 0.6em; line-height:1.4; white-space:normal'>"
                f"<b>{html.escape(status)}</b>" + (f" — {html.escape(advice)}" if advice else "") + "</div>")
        return self.state

    def close(self):
        """Release the explorer's widgets (controls, buttons, picture) and its figure."""
        self._stop_playing()
        for link in _links(self):
            link.unlink()
        for widget in _all_widgets(self):
            widget.close()
        # The big buffers (rendered backgrounds, the canvas's pixels) go now, by reference counting; the
        # rest of the figure is a web of cycles that Python's collector frees later.
        for frames in {id(f): f for f in (self.frames, *(getattr(v, "frames", None) for v in vars(self).values()))
                       if isinstance(f, BlitFrames)}.values():
            frames.invalidate()
        vars(self.figure.canvas).pop("renderer", None)
        self.figure.clear()
        _give_back_freed_memory()

    # ---- what is shown ----
    def _rows(self):
        try:
            return self.readout(self.state)
        except (ArithmeticError, ValueError, KeyError, TypeError):
            return []

    def _readout_html(self):
        rows = "".join(
            f"<tr><td style='padding-right:1em'>{html.escape(label)}</td><td><code>{html.escape(text)}</code></td></tr>"
            for label, text in self._rows()
        )
        return f"<table>{rows}</table>"

    def text(self):
        """The readout as plain text: what a kernel without widgets (and nbval) shows."""
        lines = [self.title] + [f"  {label}: {text}" for label, text in self._rows()]
        if self.state.get("status", "ok") != "ok":
            lines.append(f"  {self.state['status']}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = self.text()
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

    def render(self):
        """The static picture of the current state (PNG bytes), for places without live widgets."""
        return self.image.value


def _give_back_freed_memory():
    """Return freed pixel buffers to the system (glibc only; elsewhere nothing to do)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc():
    """glibc, set to hand every block of 128 KiB or more straight back to the system when freed. A picture
    rendered at twice its size is several MB; by default glibc raises that threshold after the first such
    blocks and then keeps them inside the process, so each explorer made and closed would leave its pixels."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    if not hasattr(libc, "mallopt") or not hasattr(libc, "malloc_trim"):
        return None
    M_MMAP_THRESHOLD = -3
    libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    return libc


_LIBC = _load_libc()


# ---- one look ----

_LINED_UP = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider,
             widgets.Dropdown)


def _one_look(control, label_width):
    """Sliders and dropdowns: one label width (right-aligned) and one length, the control column's."""
    if isinstance(control, _LINED_UP):
        control.style.description_width = label_width
        control.layout.width = "100%"


# The chosen one of a set of toggle buttons, outlined and bold: the themes' own shading of it is faint on dark.
_SELECTED_STYLE = (f"<style>.explorer .jupyter-button.mod-active {{outline: 3px solid {style.ORANGE}; "
                   "outline-offset: -3px; font-weight: bold}</style>")


def _labelled(widget):
    """A Play shows only icons: it gets a button beside it that says Play or Pause (and presses it), and its
    own buttons are hidden. Any other widget is returned as it is."""
    if not isinstance(widget, widgets.Play):
        return widget
    button = widgets.ToggleButton(value=widget.playing, description="Play", icon="play",
                                  tooltip="Play: keep stepping; press again to pause",
                                  layout=widgets.Layout(width="100px"))

    def from_play(change):   # the Play is the one source of truth: a press on the button goes through it
        button.value = change.new
        button.description, button.icon = ("Pause", "pause") if change.new else ("Play", "play")

    button.observe(lambda change: setattr(widget, "playing", change.new), names="value")
    widget.observe(from_play, names="playing")
    widget.layout.display = "none"   # it keeps ticking in the browser, unseen
    return widgets.HBox([widget, button])


def _same(value, default):
    if _is_number(value) and _is_number(default):
        return math.isclose(value, default, rel_tol=1e-9, abs_tol=1e-12)
    return value == default


# ---- checking a setting ----

def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _allowed(control):
    """What a control accepts, in words."""
    if hasattr(control, "options"):
        return "one of " + ", ".join(repr(v) for v in _option_values(control))
    if isinstance(control.value, bool):
        return "True or False"
    if isinstance(control, widgets.FloatLogSlider):
        return (f"a number from {control.base ** control.min:g} to {control.base ** control.max:g}, "
                f"on the grid {control.base:g}^(k × {control.step:g})")
    kind = "a whole number" if isinstance(control.value, int) else "a number"
    return f"{kind} from {control.min:g} to {control.max:g} in steps of {control.step:g}"


def _option_values(control):
    return [option[1] if isinstance(option, tuple) else option for option in control.options]


def _value_problem(control, value, grid=True):
    """Why `value` cannot be set on `control` (None when it can); `grid`: it must also sit on the slider's grid."""
    if hasattr(control, "options"):
        return None if value in _option_values(control) else f"it must be {_allowed(control)}"
    if isinstance(control.value, bool):
        return None if isinstance(value, bool) else f"it must be {_allowed(control)}"
    if not _is_number(value) or not math.isfinite(value) or (isinstance(control.value, int) and value != int(value)):
        return f"it must be {_allowed(control)}"
    if isinstance(control, widgets.FloatLogSlider):
        if value <= 0:
            return f"it must be {_allowed(control)}"
        position, low, high = math.log(value, control.base), control.min, control.max
    else:
        position, low, high = value, control.min, control.max
    if not low - 1e-9 <= position <= high + 1e-9:
        return f"it must be {_allowed(control)}"
    steps = (position - low) / control.step
    # within a thousandth of a step is on the grid: the nearest value, printed to 6 figures below, is accepted
    if grid and abs(steps - round(steps)) > 1e-3 and abs(position - high) > 1e-9:  # the top end is allowed even off the grid
        near = low + round(steps) * control.step
        near = control.base ** near if isinstance(control, widgets.FloatLogSlider) else near
        return f"it must be {_allowed(control)} (the nearest is {near:.6g})"
    return None


# ---- the widgets an explorer owns ----

def _widget_tree(root, kind=widgets.Widget):
    """Every widget reachable from `root` through its traits (children, layout, style), `root` included."""
    found, stack, seen = [], [root], set()
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if isinstance(widget, kind):
            found.append(widget)
        for name in widget.keys:
            value = getattr(widget, name, None)
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, widgets.Widget):
                    stack.append(item)
    return found


def _all_widgets(explorer):
    roots = [explorer.widget, *explorer.controls.values()]
    return {id(w): w for root in roots for w in _widget_tree(root)}.values()


def _links(explorer):
    return [value for value in vars(explorer).values() if isinstance(value, (widgets.link, widgets.dlink))]


# ---- re-running a cell closes the explorer it made before ----

_MADE_BY_CELL = {}


def _current_cell():
    """Something that names the notebook cell running now (None outside a kernel)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    message = getattr(shell, "parent_header", None) if shell is not None else None
    if not isinstance(message, dict):
        return None
    return (message.get("metadata") or {}).get("cellId") or (message.get("content") or {}).get("code")


def _replace_in_cell(explorer):
    cell = _current_cell()
    if cell is None:
        return
    from IPython import get_ipython

    run = get_ipython().execution_count
    made_at, made = _MADE_BY_CELL.get(cell, (run, []))
    if made_at != run:  # the cell runs again: what it made last time is replaced
        for ref in made:
            previous = ref()
            if previous is not None:
                previous.close()
        made = []
    made.append(weakref.ref(explorer))
    _MADE_BY_CELL[cell] = (run, made)
