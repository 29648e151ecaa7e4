"""What every exercise check shares: the Feedback it returns, reading the learner's answer, matching it
against the right value and the usual slips, and running the learner's own code on hidden cases.

Every check answers every input with feedback and never raises: a placeholder, text, a huge integer
(10**400), a Fraction, a NumPy scalar, a list of the wrong length, or code that raises all get a sentence.
"""
import html
import math
import re
from numbers import Real

__all__ = ["Feedback", "right", "not_yet", "unanswered", "as_number", "as_numbers", "number_problem",
           "numbers_problem", "number_text", "three_figures", "close_to", "all_close", "diagnose", "run_learner_code", "code_problem", "describe"]


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
        # The text keeps the theme's own colour (readable on light and dark themes alike); the verdict is
        # in the words and the mark, and a bar in an Okabe–Ito colour (blue / vermillion) repeats it.
        bar = "#0072B2" if self.ok else "#D55E00"
        return (f"<div style='font-weight:600;border-left:4px solid {bar};padding-left:0.5em'>"
                f"{html.escape(repr(self))}</div>")


def _without_verdict(message, verdict):
    # The shown line already opens with the verdict ("✅ Right." / "❌ Not yet."); a message that repeats it
    # would read twice, so the repetition is dropped.
    if re.match(rf"{verdict}\b", message, re.IGNORECASE):
        message = message[len(verdict):].lstrip(".,:;!—- ")
        message = message[:1].upper() + message[1:]
    return message


def right(message):
    return Feedback(True, _without_verdict(message, "right"))


def not_yet(message):
    return Feedback(False, _without_verdict(message, "not yet"))


def unanswered(answer):
    """Feedback for an exercise left at its placeholder (None or ...), or None if it was answered."""
    if answer is None or answer is Ellipsis:
        return not_yet("Replace the placeholder with your answer and run the cell again.")
    return None


def as_number(answer):
    """`answer` as a finite float, or None if it is not one real number (bools, text and values too large
    for a float, such as 10**400, give None). Fractions, Decimals and NumPy scalars are numbers."""
    if isinstance(answer, (bool, str, bytes)) or not isinstance(answer, Real):
        try:  # NumPy 0-d arrays and Decimal are not registered as Real everywhere
            import numpy as np
            if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf":
                answer = answer.item()
            elif type(answer).__name__ != "Decimal":
                return None
        except ImportError:
            return None
    try:
        value = float(answer)
    except (OverflowError, ValueError, TypeError):
        return None
    return value if math.isfinite(value) else None


def as_numbers(answer, count=None):
    """`answer` (a tuple, list or 1-D array) as a list of finite floats, or None if it is not that
    (or, with `count`, not exactly that many)."""
    if isinstance(answer, (str, bytes, dict)) or as_number(answer) is not None:
        return None
    try:
        items = list(answer.ravel()) if hasattr(answer, "ravel") else list(answer)
    except TypeError:
        return None
    values = [as_number(item) for item in items]
    if any(v is None for v in values) or (count is not None and len(values) != count):
        return None
    return values


def _shorten(text, width):
    return text if len(text) <= width else text[:width - 3] + "..."


def describe(answer, width=40):
    """`repr(answer)`, cut to `width` characters, for quoting what the learner gave in a message."""
    try:
        return _shorten(repr(answer), width)
    except Exception:  # e.g. an int with more digits than Python will print
        return f"a {type(answer).__name__}"


def number_problem(answer, example="6"):
    """Feedback when `answer` is not one usable number (placeholder, text, list, too large ...), else None."""
    if (feedback := unanswered(answer)) is not None:
        return feedback
    if as_number(answer) is not None:
        return None
    if isinstance(answer, str):
        return not_yet(f"Your answer is the text {describe(answer)}; give a number without quotes, e.g. {example}.")
    if hasattr(answer, "data") and hasattr(answer, "grad"):
        return not_yet("You gave a Value, not a number: use its `.data` (the value it holds) or its `.grad` "
                       "(its gradient), e.g. `answer = w.grad`.")
    if isinstance(answer, Real) and not isinstance(answer, bool):
        return not_yet(f"{describe(answer)} is not a finite number a float can hold; give one ordinary "
                       f"number, e.g. {example}.")
    return not_yet(f"Give one number (int or float), e.g. {example}; you gave a {type(answer).__name__}.")


def numbers_problem(answer, count, example):
    """Feedback when `answer` is not `count` usable numbers (e.g. a pair), else None."""
    if (feedback := unanswered(answer)) is not None:
        return feedback
    if as_numbers(answer, count) is not None:
        return None
    values = as_numbers(answer)
    if values is not None:
        return not_yet(f"Give {count} numbers, e.g. {example}; you gave {len(values)}.")
    return not_yet(f"Give {count} numbers as a tuple, e.g. {example}; got {describe(answer)}.")


def close_to(answer, expected, tol=1e-6):
    """True when `answer` is a real number within `tol` (relative, or absolute near 0) of `expected`.
    Never raises: anything that is not a usable number is simply not close."""
    value = as_number(answer)
    return value is not None and abs(value - expected) <= tol * max(1.0, abs(expected))


def all_close(values, expected, tol=1e-6):
    """True when every entry of `values` is close_to the matching entry of `expected` (same length)."""
    values = as_numbers(values)
    return values is not None and len(values) == len(expected) and all(
        close_to(v, e, tol) for v, e in zip(values, expected))


def three_figures(expected):
    """The relative tolerance (as `diagnose` reads it) that accepts every rounding of `expected` to three or
    more significant figures, and nothing further off: half a unit in the third figure."""
    if expected == 0:
        return 1e-9
    half_unit = 0.5 * 10 ** (math.floor(math.log10(abs(expected))) - 2)
    return half_unit * (1 + 1e-9) / max(1.0, abs(expected))


def number_text(value, spec=".6g"):
    """`value` written for a message: the minus sign −, never a negative zero or a 1e-17 crumb."""
    return format(round(float(value), 12) + 0.0, spec).replace("-", "−")


def diagnose(answer, expected, slips, explanation, hint, tol=1e-6, example="6"):
    """Right if `answer` is `expected`; else the message of the first known slip it matches; else `hint`.

    `slips` is a list of (a typical wrong answer, why it is wrong). `tol` is relative: for a value the
    learner works out by hand to a few digits, pass a tolerance that accepts those digits."""
    if (problem := number_problem(answer, example)) is not None:
        return problem
    if close_to(answer, expected, tol):
        return right(explanation)
    for value, message in slips:
        if close_to(answer, value, tol):
            return not_yet(message)
    return not_yet(f"{number_text(as_number(answer), 'g')} is not it. {hint}")


def code_problem(code, what, kind="function"):
    """Feedback when `code`, handed to a code-exercise check, is not something to call (a placeholder,
    a number, text ...), else None. `what` names what was expected, e.g. "mul_backward"."""
    if code is None or code is Ellipsis:
        return not_yet(f"Pass your {kind} itself to the check, e.g. `{what}` (without brackets), and run the cell.")
    if isinstance(code, type) and kind == "function":
        return None  # a class is callable too; the check's cases say whether it behaves
    if not callable(code):
        return not_yet(f"The check needs your {kind} `{what}` itself; you gave {describe(code)}, "
                       f"a {type(code).__name__}, which cannot be called.")
    return None


def run_learner_code(call, what):
    """Run the learner's code as `call()`. Returns (result, None), or (None, Feedback) when the code is
    still a stub (NotImplementedError) or raises; `what` names it in the message, e.g. "your `__mul__`"."""
    what = what[:1].upper() + what[1:]  # it opens the sentence after "Not yet."
    try:
        return call(), None
    except NotImplementedError:
        return None, not_yet(f"{what} still raises NotImplementedError: replace that line with your code "
                             "and run the cell again.")
    except RecursionError:
        return None, not_yet(f"{what} calls itself without end (RecursionError).")
    except Exception as error:  # the learner's code may raise anything; say what, never a traceback
        return None, not_yet(f"{what} raised {type(error).__name__}: {_shorten(str(error), 160)}")
