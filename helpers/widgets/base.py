"""What every explorer shares: controls wired to a pure state function and a view drawn in place.

A subclass provides four things:
    make_controls()      -> {name: ipywidgets control}   (defaults = the notebook's worked example)
    compute_state(params) -> dict of plain numbers/strings  (pure: no widgets, no drawing)
    make_view()          -> a matplotlib Figure, its artists created once
    draw(state)          updates those artists in place
    readout(state)       -> [(label, text), ...]           the numbers shown beside the picture
and may add `buttons` (Step, Run, ...) and override `on_reset()` for internal state.

A view whose still parts are costly (contours, boxes, axes) sets `self.frames = BlitFrames(figure, moving)`
in make_view: each event then repaints only the moving artists over a cached background. An explorer that
paints its picture some other way overrides `frame()`.

If computing or drawing fails (overflow, NaN, a value out of range), the explorer does not raise:
it shows a message and keeps the last good picture; Reset always recovers.
"""
import base64
import html
import math

import ipywidgets as widgets

from ..draw.frames import figure_to_png

__all__ = ["Explorer"]


class Explorer:
    title = "Explorer"

    def __init__(self):
        self.controls = self.make_controls()
        self.defaults = {name: c.value for name, c in self.controls.items()}
        self.state = {}
        self.frames = None
        self.figure = self.make_view()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.readout_box = widgets.HTML()
        self.message = widgets.HTML()
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="Back to the starting values")
        self.reset_button.on_click(lambda _: self.reset())
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        side = widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(self.title)}</b>"), *self.controls.values(),
             widgets.HBox([*self.buttons(), self.reset_button]), self.message],
            layout=widgets.Layout(min_width="300px"),
        )
        self.widget = widgets.HBox([side, widgets.VBox([self.image, self.readout_box])])
        self.refresh()

    # ---- to override ----
    def make_controls(self):
        raise NotImplementedError

    def compute_state(self, params):
        raise NotImplementedError

    def make_view(self):
        raise NotImplementedError

    def draw(self, state):
        raise NotImplementedError

    def readout(self, state):
        raise NotImplementedError

    def buttons(self):
        return []

    def on_reset(self):
        pass

    def frame(self):
        """The picture of what draw() last set up, as PNG bytes."""
        return self.frames.png() if self.frames is not None else figure_to_png(self.figure)

    def advice(self, status):
        """What the message under a status (anything but "ok") tells the learner to do."""
        return "press Reset to start again."

    # ---- the shared machinery ----
    @property
    def params(self):
        return {name: c.value for name, c in self.controls.items()}

    def set(self, **values):
        """Set several controls at once, with one redraw at the end."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"no control named {sorted(unknown)}; controls are {sorted(self.controls)}")
        self._quiet = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._quiet = False
        self.refresh()

    def reset(self):
        self.on_reset()
        self.set(**self.defaults)

    def _on_control(self, change):
        if not self._quiet:
            self.refresh()

    def refresh(self):
        """Recompute the state from the controls and redraw. Never raises into the widget callback."""
        try:
            state = self.compute_state(self.params)
        except (ArithmeticError, ValueError) as error:
            state = {**self.state, "status": f"diverged: {error}"}
        state.setdefault("status", "ok")
        self.state = state
        try:
            self.draw(state)
            self.image.value = self.frame()
        except (ArithmeticError, ValueError) as error:
            self.state["status"] = f"cannot draw this setting: {error}"
        self.readout_box.value = self._readout_html()
        status = self.state["status"]
        if status == "ok":
            self.message.value = ""
        else:
            advice = self.advice(status)
            self.message.value = (f"<span style='color:#b00020'><b>{html.escape(status)}</b>"
                                  + (f" — {html.escape(advice)}" if advice else "") + "</span>")
        return self.state

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


def fmt(x, digits=6):
    """A number as a learner wants to read it: 2304, 0.392, -0.5175, 1.2e+08; 'nan'/'inf' spelled out."""
    if x is None:
        return "—"
    x = float(x)
    if math.isnan(x):
        return "not a number"
    if math.isinf(x):
        return "infinite" if x > 0 else "-infinite"
    if x == 0:
        return "0"
    return f"{x:.{digits}g}"
