"""A mouse event on an explorer's map, as ipyevents sends it from the browser (for the Grab tests of 04 and 08)."""
import math


def map_event(explorer, kind, point=None, shown=0.5, buttons=1, pixel=None):
    """An ipyevents mouse event at data point `point` of the explorer's grabbable map (or figure pixel `pixel`
    from the top-left), with the picture shown at `shown` times its natural size. ipyevents sends the whole
    pixel the mouse is on, and dataX, dataY as 0 (as while a new frame loads)."""
    width, height = explorer.figure.bbox.width, explorer.figure.bbox.height
    if pixel is None:
        x, y = explorer.grab.ax.transData.transform(point)
        pixel = (x, height - y)
    return {"type": kind, "buttons": buttons, "relativeX": math.floor(pixel[0] * shown),
            "relativeY": math.floor(pixel[1] * shown), "boundingRectWidth": width * shown,
            "boundingRectHeight": height * shown, "dataX": 0, "dataY": 0}
