"""The helpers every exercise check is built on (helpers/checks/core.py)."""
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers.checks import core


@pytest.mark.parametrize("answer, value", [
    (3, 3.0), (-2.5, -2.5), (Fraction(1, 4), 0.25), (Decimal("0.5"), 0.5), (np.float64(1.5), 1.5),
    (np.int64(7), 7.0), (np.array(2.0), 2.0), (np.float32(0.25), 0.25)])
def test_as_number_reads_every_kind_of_real_number(answer, value):
    assert core.as_number(answer) == value


@pytest.mark.parametrize("answer", [None, ..., True, "6", b"6", 10**400, -10**400, math.nan, math.inf,
                                    [6], (6,), np.array([6.0]), {"a": 6}, 3 + 4j, object()])
def test_as_number_refuses_what_is_not_one_finite_real(answer):
    assert core.as_number(answer) is None


def test_as_numbers_reads_tuples_lists_and_arrays_and_counts():
    assert core.as_numbers((1, 2.5)) == [1.0, 2.5]
    assert core.as_numbers(np.array([1.0, 2.0]), count=2) == [1.0, 2.0]
    assert core.as_numbers([1, 2, 3], count=2) is None
    for bad in ("12", 5, [1, "2"], [1, 10**400], {"a": 1}, None):
        assert core.as_numbers(bad) is None


def test_number_problem_says_what_was_wrong():
    assert core.number_problem(4.0) is None
    assert "placeholder" in core.number_problem(None).message
    assert "without quotes" in core.number_problem("4").message
    assert "float can hold" in core.number_problem(10**400).message
    assert "list" in core.number_problem([4]).message
    huge = 10**5000  # more digits than Python prints: the message must still be made
    assert "float can hold" in core.number_problem(huge).message


def test_numbers_problem_counts():
    assert core.numbers_problem((1, 2), 2, "(1, 2)") is None
    assert "you gave 3" in core.numbers_problem((1, 2, 3), 2, "(1, 2)").message
    assert "tuple" in core.numbers_problem("1, 2", 2, "(1, 2)").message


def test_close_to_is_relative_and_absolute_near_zero():
    assert core.close_to(1000.0005, 1000, tol=1e-6)
    assert not core.close_to(1000.01, 1000, tol=1e-6)
    assert core.close_to(1e-9, 0.0, tol=1e-6)
    assert not core.close_to("1000", 1000)
    assert not core.close_to(math.nan, math.nan)
    assert core.all_close((1.0, 2.0), (1.0, 2.0 + 1e-9))
    assert not core.all_close((1.0,), (1.0, 2.0))


def test_diagnose_right_then_each_slip_then_the_hint():
    slips = [(3.0, "three is a slip"), (5.0, "five is another")]
    assert core.diagnose(4.0, 4.0, slips, "why it is 4", "a hint").ok
    assert core.diagnose(3.0, 4.0, slips, "why", "a hint").message == "three is a slip"
    assert core.diagnose(5.0, 4.0, slips, "why", "a hint").message == "five is another"
    other = core.diagnose(7.0, 4.0, slips, "why", "a hint")
    assert not other.ok and "7 is not it" in other.message and "a hint" in other.message
    assert "placeholder" in core.diagnose(None, 4.0, slips, "why", "hint").message
    # a tolerance for answers worked out by hand to four digits
    assert core.diagnose(0.3333, 1 / 3, [], "why", "hint", tol=1e-3).ok
    assert not core.diagnose(0.3333, 1 / 3, [], "why", "hint").ok


def test_feedback_reads_once():
    assert repr(core.right("because")) == "✅ Right. because"
    assert repr(core.not_yet("look again")) == "❌ Not yet. look again"
    assert repr(core.not_yet("Not yet. Look again")) == "❌ Not yet. Look again"
    assert repr(core.right("Right: 6 is it")) == "✅ Right. 6 is it"
    assert repr(core.right("rightly so")) == "✅ Right. rightly so"  # a word that only starts alike stays
    assert repr(core.not_yet("not yetis")) == "❌ Not yet. not yetis"
    assert not core.not_yet("x") and core.right("x")
    html = core.not_yet("a < b").__repr__(), core.not_yet("a < b")._repr_html_()
    assert "a &lt; b" in html[1] and "color:" not in html[1]  # the text keeps the theme's colour


def test_run_learner_code_reports_stub_crash_and_recursion():
    assert core.run_learner_code(lambda: 5, "your f") == (5, None)

    def stub():
        raise NotImplementedError("write it")

    def crash():
        return 1 / 0

    def forever():
        return forever()

    for call, words in [(stub, "NotImplementedError"), (crash, "ZeroDivisionError"), (forever, "without end")]:
        result, feedback = core.run_learner_code(call, "your f")
        assert result is None and not feedback.ok and words in feedback.message and "Your f" in feedback.message


def test_run_learner_code_shortens_a_long_error():
    def noisy():
        raise ValueError("x" * 1000)

    _, feedback = core.run_learner_code(noisy, "your f")
    assert len(feedback.message) < 250


def test_code_problem_refuses_what_cannot_be_called():
    assert core.code_problem(len, "f") is None
    assert core.code_problem(int, "f") is None
    assert "itself" in core.code_problem(None, "mul_backward").message
    assert "cannot be called" in core.code_problem(3, "mul_backward").message
    assert "cannot be called" in core.code_problem("mul_backward", "mul_backward").message
