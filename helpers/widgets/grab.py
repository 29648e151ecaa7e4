"""Grab a point on an explorer's picture: press on a map to put a point there, drag to move it live.

Mouse events come from ipyevents on the explorer's `widgets.Image`. Each event carries the mouse position
relative to the picture as shown (`relativeX`, `relativeY`, from its top-left corner) and the size it is shown
at (`boundingRectWidth`, `...Height`); scaling by the figure's own size gives the figure's pixels, and the
map's axes transform turns those into data coordinates. (ipyevents' `dataX`, `dataY` use the picture's
natural size, which is 0 while a new frame loads: they can read (0, 0) in the middle of a drag.)
Presses outside the map are ignored; moves are throttled so a drag sends at most one event per 30 ms.
The throttle holds back the last move and sends it up to 30 ms late, after the button's release: so the
release itself moves the point one last time, to where the mouse let go.
"""

MOVE_THROTTLE_MS = 30


class Grab:
    """Calls `move_to(x, y)` (data coordinates of `ax`) when the mouse is pressed on `ax` in the picture
    `image` of `figure`, and again for every move until the button is released."""

    def __init__(self, image, figure, ax, move_to):
        self.figure, self.ax, self.move_to = figure, ax, move_to
        self.dragging = False
        self.sources = []
        try:
            from ipyevents import Event
        except ImportError:  # no ipyevents: the explorer still works with its sliders
            return
        presses = Event(source=image, watched_events=["mousedown", "mouseup", "mouseleave"],
                        prevent_default_action=True)
        moves = Event(source=image, watched_events=["mousemove"], prevent_default_action=True,
                      throttle_or_debounce="throttle", wait=MOVE_THROTTLE_MS)
        for source in (presses, moves):
            source.on_dom_event(self.on_mouse)
        self.sources = [presses, moves]

    def figure_xy(self, event):
        """The event's position in the figure's pixels (from its top-left corner), or None if unreadable.

        ipyevents reports the whole pixel the mouse is on (counted from 0); its centre is half a pixel further."""
        try:
            x = (float(event["relativeX"]) + 0.5) * float(self.figure.bbox.width) / float(event["boundingRectWidth"])
            y = (float(event["relativeY"]) + 0.5) * float(self.figure.bbox.height) / float(event["boundingRectHeight"])
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            return None
        reach = 10 * float(self.figure.bbox.width)   # no mouse over the picture reports anything farther
        return (x, y) if abs(x) < reach and abs(y) < reach else None

    def data_at(self, x, y):
        """The data coordinates of `ax` under figure pixel (x, y) (from the top-left corner); None off the axes."""
        point = (x, float(self.figure.bbox.height) - y)   # matplotlib counts pixels from the bottom
        across, up = self.ax.transAxes.inverted().transform(point)
        if not (0 <= across <= 1 and 0 <= up <= 1):
            return None
        data_x, data_y = self.ax.transData.inverted().transform(point)
        return float(data_x), float(data_y)

    def on_mouse(self, event):
        """Handle one ipyevents mouse event (a dict). Never raises: an event that cannot be read is ignored."""
        if not isinstance(event, dict):
            return
        kind = event.get("type")
        if kind == "mouseleave" or (kind == "mouseup" and not self.dragging):
            self.dragging = False
            return
        if kind == "mousemove":
            if not self.dragging:
                return
            if event.get("buttons", 1) in (0, None):   # the button was released outside the picture
                self.dragging = False
                return
        elif kind not in ("mousedown", "mouseup"):
            return
        position = self.figure_xy(event)
        point = None if position is None else self.data_at(*position)
        self.dragging = point is not None and kind != "mouseup"
        if point is not None:
            self.move_to(*point)

    def close(self):
        for source in self.sources:
            source.close()
        self.sources = []


class StartOnTheMap:
    """For an explorer whose map sets a start point: `start_controls` names the two sliders it moves, and
    `self.grab` (a Grab on the map) calls `move_start`. Put it before Explorer in the class's bases."""

    start_controls = ()

    def move_start(self, x, y):
        """Put the start at (x, y), snapped to the start sliders' grid (what a press on the map does)."""
        moved = {}
        for name, value in zip(self.start_controls, (x, y)):
            control = self.controls[name]
            moved[name] = self.on_grid(name, min(max(value, control.min), control.max))
        if any(moved[name] != self.controls[name].value for name in moved):
            self.set(**moved)
        return self.state

    def close(self):
        grab = getattr(self, "grab", None)
        if grab is not None:
            grab.close()
        super().close()
