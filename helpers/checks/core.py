"""The feedback every exercise check returns."""
import html
import math
from numbers import Real

__all__ = ["Feedback", "close_to", "right", "not_yet"]


class Feedback:
    """The verdict of a check: `ok` and a message saying why. Shows itself as one readable line."""

    def __init__(self, ok, message):
        self.ok = bool(ok)
        self.message = message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("✅ Right. " if self.ok else "❌ Not yet. ") + self.message

    def _repr_html_(self):
        color = "#1b7a3a" if self.ok else "#b00020"
        return f"<div style='color:{color}'>{html.escape(repr(self))}</div>"


def right(message):
    return Feedback(True, message)


def not_yet(message):
    return Feedback(False, message)


def close_to(answer, expected, tol=1e-6):
    """True when `answer` is a real number within `tol` (relative, or absolute near 0) of `expected`."""
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return False
    return math.isfinite(answer) and abs(answer - expected) <= tol * max(1.0, abs(expected))


def unanswered(answer):
    """Feedback for an exercise left at its placeholder (None or ...), or None if it was answered."""
    if answer is None or answer is Ellipsis:
        return not_yet("Replace the placeholder with your answer and run the cell again.")
    return None
