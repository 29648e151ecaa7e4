"""Checks for notebook 08: right answers pass, the likely slips get their own explanation, junk is refused."""
import pytest

from helpers import checks


def test_momentum_by_hand():
    assert checks.check_momentum_by_hand(0.46)
    assert checks.check_momentum_by_hand(0.46000000001)
    for slip, hint in [(0.64, "plain gradient descent"), (0.8, "first step"), (0.9424, "averages")]:
        feedback = checks.check_momentum_by_hand(slip)
        assert not feedback and hint in feedback.message
    assert not checks.check_momentum_by_hand(0.5)


def test_sign_step_optimizer():
    for answer in ("Adam", "adam", " ADAM "):
        assert checks.check_sign_step_optimizer(answer)
    assert "3.16" in checks.check_sign_step_optimizer("RMSprop").message
    for wrong in ("SGD", "momentum"):
        feedback = checks.check_sign_step_optimizer(wrong)
        assert not feedback and "proportional to the gradient" in feedback.message
    assert "one of the names" in checks.check_sign_step_optimizer("Adagrad").message
    assert "one of the names" in checks.check_sign_step_optimizer(3).message


def test_valley_max_rate():
    assert checks.check_valley_max_rate(0.5)
    assert checks.check_valley_max_rate(2 / 4)
    assert "flat direction" in checks.check_valley_max_rate(20).message
    assert "1/λmax" in checks.check_valley_max_rate(0.25).message
    assert not checks.check_valley_max_rate(0.45)


def test_zero_init_units():
    assert checks.check_zero_init_units(1)
    assert not checks.check_zero_init_units(8)
    assert not checks.check_zero_init_units(0)
    assert not checks.check_zero_init_units(2)


@pytest.mark.parametrize("check", [checks.check_momentum_by_hand, checks.check_sign_step_optimizer,
                                   checks.check_valley_max_rate, checks.check_zero_init_units])
def test_placeholders_and_junk_are_not_yet(check):
    for junk in (None, ..., True, [0.5]):
        feedback = check(junk)
        assert not feedback and feedback.message
    assert "placeholder" in check(None).message
