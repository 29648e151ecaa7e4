"""Checks for notebook 08: right answers pass, the likely slips get their own explanation, junk is refused."""
import numpy as np
import pytest

from helpers import checks
from helpers.checks.landscapes import _ADAM_SLIPS, _adam_rule


def adam_update(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam written out independently of the check's own rule."""
    m = beta1 * m + (1 - beta1) * g
    s = beta2 * s + (1 - beta2) * g**2
    theta = theta - lr * (m / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps)
    return theta, m, s


def test_adam_update_accepts_a_right_update_and_matches_helpers_optim():
    assert checks.check_adam_update(adam_update)
    from helpers.optim import Adam
    w, theta, m, s = np.array([0.5, -1.0]), np.array([0.5, -1.0]), np.zeros(2), np.zeros(2)
    opt = Adam([w], lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6)
    for t, g in enumerate([[0.3, -0.2], [0.1, -0.4], [-0.2, 0.3]], start=1):
        opt.step([np.array(g)])
        theta, m, s = adam_update(theta, np.array(g), m, s, t, lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6)
    assert np.allclose(w, theta, rtol=1e-12)


def test_adam_update_accepts_an_update_in_place():
    def in_place(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        m *= beta1
        m += (1 - beta1) * g
        s *= beta2
        s += (1 - beta2) * g * g
        theta -= lr * (m / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps)
        return theta, m, s
    assert checks.check_adam_update(in_place)


@pytest.mark.parametrize("slip, phrase", [
    ("no correction", "bias correction is missing"), ("no m correction", "s is corrected but m is not"),
    ("no s correction", "m is corrected but s is not"), ("corrected state", "stored the corrected averages"),
    ("no root", "square root"), ("abs", "averages |g|"), ("summed m", "like momentum's velocity"),
    ("swapped betas", "swapped"), ("wrong sign", "uphill"), ("eps inside", "inside the square root"),
])
def test_adam_update_names_each_slip(slip, phrase):
    assert set(_ADAM_SLIPS) >= {slip}
    rule = _adam_rule(slip)
    feedback = checks.check_adam_update(lambda *args, **kw: rule(*args, **kw))
    assert not feedback and phrase in feedback.message, feedback.message


def test_adam_update_other_mistakes_get_a_sentence():
    def stub(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        raise NotImplementedError("write Adam's update")

    def not_squared(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        return adam_update(theta, g, m, s + 0 * g, t, lr, beta1, beta2, eps)[0] * np.nan, m, s + 1

    def ignores_settings(theta, g, m, s, t, **settings):
        return adam_update(theta, g, m, s, t)

    def state_unchanged(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        return adam_update(theta, g, m, s, t, lr, beta1, beta2, eps)[0], m, s

    assert "NotImplementedError" in checks.check_adam_update(stub).message
    assert "finite number" in checks.check_adam_update(not_squared).message
    assert "instead of the settings" in checks.check_adam_update(ignores_settings).message
    assert "unchanged" in checks.check_adam_update(state_unchanged).message
    assert "three things" in checks.check_adam_update(lambda *a, **k: 1.0).message

    def swapped(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        theta, m, s = adam_update(theta, g, m, s, t, lr, beta1, beta2, eps)
        return theta, s, m
    assert "swapped" in checks.check_adam_update(swapped).message
    assert "one entry per coordinate" in checks.check_adam_update(lambda th, *a, **k: (th[:1], th, th)).message
    assert "cannot be called" in checks.check_adam_update(3).message
    assert "Pass your function itself" in checks.check_adam_update(None).message


def test_momentum_by_hand():
    assert checks.check_momentum_by_hand(0.46)
    assert checks.check_momentum_by_hand(0.46000000001)
    for slip, hint in [(0.64, "plain gradient descent"), (0.8, "first step"), (0.9424, "averages"),
                       (0.62, "only the old velocity")]:
        feedback = checks.check_momentum_by_hand(slip)
        assert not feedback and hint in feedback.message
    assert "0.5 is not it" in checks.check_momentum_by_hand(0.5).message


def test_momentum_by_hand_worked_numbers_match_helpers_optim():
    from helpers.optim import Momentum
    w = np.array([1.0])
    opt = Momentum([w], lr=0.05, momentum=0.9)
    for _ in range(2):
        opt.step([4 * w])
    assert w[0] == pytest.approx(0.46)


@pytest.mark.parametrize("answer", [["RMSprop", "Adam"], ("adam", "rmsprop"), {"Adam", "RMSprop"}])
def test_scale_free_optimizers_accepts_rmsprop_and_adam(answer):
    assert checks.check_scale_free_optimizers(answer)


def test_scale_free_optimizers_is_what_helpers_optim_does():
    from helpers.optim import OPTIMIZERS
    for name, cls in OPTIMIZERS.items():
        steps = []
        for scale in (1.0, 100.0):
            w = np.array([1.0, -2.0])
            opt = cls([w], lr=0.1)
            for _ in range(3):
                opt.step([scale * np.array([0.3, -0.7]) * w])
            steps.append(w.copy())
        assert np.allclose(steps[0], steps[1], rtol=1e-6) == (name in ("RMSprop", "Adam")), name


@pytest.mark.parametrize("answer, phrase", [
    (["Adam"], "RMSprop divides"), ("RMSprop", "Adam divides"), (["SGD", "Adam", "RMSprop"], "SGD:"),
    (["Momentum"], "sum of gradients"), (["Adagrad"], "list of names"), (3, "list of names"),
    (None, "placeholder"),
])
def test_scale_free_optimizers_slips(answer, phrase):
    feedback = checks.check_scale_free_optimizers(answer)
    assert not feedback and phrase in feedback.message, feedback.message


def test_valley_max_rate():
    assert checks.check_valley_max_rate(0.4)
    assert checks.check_valley_max_rate(2 / 5)
    for answer, phrase in [(10, "flat direction"), (0.2, "lands w2 on 0"), (5, "λmax itself"),
                           (2 / 5.2, "best fixed rate"), (0.3, "reaches −1"), ("0.4", "without quotes")]:
        feedback = checks.check_valley_max_rate(answer)
        assert not feedback and phrase in feedback.message, feedback.message


def test_valley_max_rate_is_where_gradient_descent_stops_converging():
    from helpers.optim import SGD
    for lr, converges in ((0.39, True), (0.41, False)):
        w = np.array([1.0, 1.0])
        opt = SGD([w], lr=lr)
        for _ in range(2000):
            opt.step([np.array([0.2, 5.0]) * w])
        assert (abs(w[1]) < 1e-3) == converges


def test_grouped_init_units():
    assert checks.check_grouped_init_units(2)
    for answer, phrase in [(8, "already differ"), (1, "start different"), (4, "not the units per group"),
                           (0, "still there"), (3, "3 is not it"), (None, "placeholder")]:
        feedback = checks.check_grouped_init_units(answer)
        assert not feedback and phrase in feedback.message, feedback.message


def test_grouped_init_units_is_what_training_does():
    from helpers import nn
    from helpers.data import make_moons
    X, y = make_moons(n=50, noise=0.1, seed=0)
    W1 = np.array([[0.5, -0.3]] * 4 + [[-0.2, 0.8]] * 4)
    net = nn.Sequential(nn.Linear(2, 8, W=W1), nn.Tanh(), nn.Linear(8, 1, W=np.array([[0.3] * 4 + [-0.6] * 4])))
    loss = nn.BinaryCrossEntropy()
    params = net.params()
    for _ in range(200):
        loss.forward(net.forward(X), y)
        net.backward(loss.backward())
        for p, g in zip(params, net.grads()):
            p -= 0.5 * g
    assert len(np.unique(net[0].W.round(12), axis=0)) == 2


def test_adam_update_names_settings_fixed_at_their_defaults():
    def fixed_betas_and_eps(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        return adam_update(theta, g, m, s, t, lr)          # uses lr, but 0.9/0.999/1e-8 whatever it is given

    def fixed_betas(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        return adam_update(theta, g, m, s, t, lr, eps=eps)

    message = checks.check_adam_update(fixed_betas_and_eps).message
    assert "use the beta1, beta2, eps arguments, not 0.9/0.999/1e-8" in message, message
    message = checks.check_adam_update(fixed_betas).message
    assert "use the beta1, beta2 arguments, not 0.9/0.999" in message, message


def test_adam_update_never_shows_two_equal_arrays_as_a_mismatch():
    import re

    def slightly_off(theta, g, m, s, t, lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8):
        theta, m, s = adam_update(theta, g, m, s, t, lr, beta1, beta2, eps)
        return theta + 1e-8, m, s                         # off in the 8th decimal only

    message = checks.check_adam_update(slightly_off).message
    mine, right_one = re.search(r"is (\[.*?\]), not (\[.*?\])", message).groups()
    assert mine != right_one, message
