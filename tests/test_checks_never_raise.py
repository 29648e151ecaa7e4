"""Every exercise check answers every input with Feedback and never raises.

A learner types anything into an answer cell: a placeholder, a number too large for a float, a
fraction, text, a list, a whole array, or (for a code exercise) a function that crashes, or no
function at all. Each `check_*` in `helpers.checks` is called with each of these, in every argument
it takes, and must return a `Feedback` whose message reads once ("❌ Not yet. Not yet." never)."""
import inspect
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks
from helpers.checks.core import Feedback


def raises(*args, **kwargs):
    raise RuntimeError("the learner's code crashed")


class Raises:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("the learner's class crashed")


AWKWARD = {
    "None": None, "Ellipsis": ..., "huge": 10**400, "minus-huge": -10**400, "fraction": Fraction(1, 3),
    "nan": float("nan"), "inf": float("inf"), "text": "text", "empty-list": [], "list": [1, 2, 3],
    "dict": {"answer": 1}, "array": np.array([[1.0, 2.0], [3.0, 4.0]]), "function-that-raises": raises,
    "class-that-raises": Raises, "bool": True, "object": object(),
    "function-returning-nan": lambda *args, **kwargs: float("nan"),
    "function-returning-None": lambda *args, **kwargs: None,
    "function-returning-text": lambda *args, **kwargs: "text",
}
NEVER_RIGHT = {"None", "Ellipsis", "huge", "minus-huge", "nan", "inf", "text", "empty-list", "dict",
               "function-that-raises", "class-that-raises", "object", "function-returning-nan",
               "function-returning-None", "function-returning-text"}
CHECKS = {name: getattr(checks, name) for name in sorted(dir(checks)) if name.startswith("check_")}


def required_arguments(check):
    return [p for p in inspect.signature(check).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def test_the_package_gathers_checks():
    assert len(CHECKS) >= 12


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_a_check_never_raises_and_reads_once(name):
    check = CHECKS[name]
    count = len(required_arguments(check))
    problems = []
    for label, value in AWKWARD.items():
        try:
            feedback = check(*[value] * count)
        except Exception as error:  # the point of the test: say which input broke it, for every input
            problems.append(f"{label}: raised {type(error).__name__}: {error}")
            continue
        if not isinstance(feedback, Feedback):
            problems.append(f"{label}: returned {type(feedback).__name__}, not Feedback")
            continue
        text = repr(feedback)
        if not isinstance(feedback.message, str) or len(feedback.message.strip()) < 10:
            problems.append(f"{label}: message {feedback.message!r} says nothing")
        elif "Not yet. Not yet" in text or feedback.message.lstrip().lower().startswith("not yet"):
            problems.append(f"{label}: message reads 'Not yet' twice: {text!r}")
        elif feedback.ok and label in NEVER_RIGHT:
            problems.append(f"{label}: accepted as right: {text!r}")
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)
