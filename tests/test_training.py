"""helpers.training: minibatches, accuracy, the split, the history, divergence, and reaching 97 % on moons."""
import math

import numpy as np
import pytest

from helpers import nn
from helpers.data import make_moons
from helpers.optim import Adam
from helpers.training import (
    Trainer, accuracy, fit, hidden_outputs, make_dataset, make_network, predict_labels, predict_proba,
    train_test_split,
)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# ---- the headline: 2-16-16-1 learns the moons ----

def test_2_16_16_1_reaches_97_percent_on_200_moons_in_a_fixed_number_of_epochs():
    X, y = make_moons(n=200, noise=0.1, seed=0)
    net = make_network([2, 16, 16, 1], activation="relu", seed=0)
    trainer = Trainer(net, X, y, lr=0.5, batch_size=16, seed=0).train(epochs=30)
    # counted here, independently of the Trainer's own accuracy
    logits = net.forward(X)[:, 0]
    correct = sum(int((z > 0) == bool(label)) for z, label in zip(logits, y))
    assert correct / 200 >= 0.97
    assert trainer.history["train_accuracy"][-1] == pytest.approx(correct / 200)


# ---- accuracy, predictions, split ----

def test_accuracy_matches_an_independent_count():
    rng = np.random.default_rng(3)
    predicted, labels = rng.integers(0, 2, 57), rng.integers(0, 2, 57)
    count = 0
    for p, t in zip(predicted.tolist(), labels.tolist()):
        count += p == t
    assert accuracy(predicted, labels) == count / 57
    assert accuracy([1, 0, 0, 1], [1, 1, 0, 0]) == 0.5
    assert accuracy(np.array([True, False]), [1, 0]) == 1.0


def test_accuracy_refuses_mismatched_or_empty_inputs():
    with pytest.raises(ValueError, match=r"predicted \(the predicted labels\) must hold one label per example \(2\); got 3"):
        accuracy([1, 0, 1], [1, 0])
    with pytest.raises(ValueError, match="at least one"):
        accuracy([], [])


def test_predictions_follow_the_sign_of_the_logit():
    net = nn.Sequential(nn.Linear(2, 1, W=[[1.0, -1.0]], b=[0.0]))
    X = np.array([[2.0, 1.0], [1.0, 2.0], [3.0, 3.0]])  # logits 1, -1, 0
    assert predict_labels(net, X).tolist() == [1, 0, 0]
    assert predict_proba(net, X) == pytest.approx([sigmoid(1.0), sigmoid(-1.0), 0.5])


def test_big_inputs_go_through_in_chunks_with_the_same_result():
    net = make_network([2, 64, 64, 1], seed=1)
    X = np.random.default_rng(0).normal(size=(5000, 2))
    whole = np.concatenate([net.forward(X[i:i + 100])[:, 0] for i in range(0, 5000, 100)])
    assert np.allclose(predict_proba(net, X), sigmoid(whole))


def test_train_test_split_is_a_seeded_partition():
    X = np.arange(20).reshape(10, 2)
    y = np.arange(10)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.3, seed=4)
    assert len(X_te) == 3 and len(X_tr) == 7
    assert sorted(y_tr.tolist() + y_te.tolist()) == list(range(10))   # every example once
    assert (X_tr[:, 0] // 2 == y_tr).all() and (X_te[:, 0] // 2 == y_te).all()  # rows keep their labels
    again = train_test_split(X, y, test_fraction=0.3, seed=4)
    assert (again[3] == y_te).all()
    assert not (train_test_split(X, y, test_fraction=0.3, seed=5)[3] == y_te).all()


@pytest.mark.parametrize("fraction", [0, 1, 1.5, -0.2])
def test_train_test_split_refuses_fractions_outside_0_1(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        train_test_split(np.zeros((10, 2)), np.zeros(10), test_fraction=fraction)


def test_train_test_split_refuses_too_few_examples():
    with pytest.raises(ValueError, match="non-empty"):
        train_test_split(np.zeros((1, 2)), np.zeros(1), test_fraction=0.5)


# ---- building ----

def test_make_network_alternates_linear_layers_and_activations():
    net = make_network([2, 5, 3, 1], activation="tanh", seed=0)
    kinds = [type(layer).__name__ for layer in net]
    assert kinds == ["Linear", "Tanh", "Linear", "Tanh", "Linear"]
    assert sum(p.size for p in net.params()) == (2 * 5 + 5) + (5 * 3 + 3) + (3 * 1 + 1)


@pytest.mark.parametrize("sizes", [[2], [2, 0, 1], [2, 2.5, 1], [2, True, 1]])
def test_make_network_refuses_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes"):
        make_network(sizes)


def test_make_network_and_make_dataset_name_what_is_allowed():
    with pytest.raises(ValueError, match="relu"):
        make_network([2, 1], activation="softplus")
    with pytest.raises(ValueError, match="moons"):
        make_dataset("spirals")


def test_bad_labels_and_batch_sizes_are_refused():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="y must be labels from 0, 1; got 2"):
        Trainer(make_network([2, 1]), X, [0, 1, 2, 1])
    with pytest.raises(ValueError, match="one label per example"):
        Trainer(make_network([2, 1]), X, [0, 1])
    with pytest.raises(ValueError, match="batch_size"):
        Trainer(make_network([2, 1]), X, [0, 1, 1, 0], batch_size=0)
    with pytest.raises(ValueError, match="epochs"):
        Trainer(make_network([2, 1]), X, [0, 1, 1, 0]).train(epochs=-1)


# ---- the loop ----

class RowSpy(nn.Layer):
    """Passes its input through and remembers which rows (ids in column 0) each batch held."""

    def __init__(self):
        self.batches = []

    def forward(self, X):
        self.batches.append(X[:, 0].astype(int).tolist())
        return X

    def backward(self, dY):
        return dY


def test_an_epoch_visits_every_example_once_in_minibatches():
    n, batch = 23, 5
    X = np.column_stack([np.arange(n), np.zeros(n)])
    spy = RowSpy()
    trainer = Trainer(nn.Sequential(spy, nn.Linear(2, 1, seed=0)), X, np.arange(n) % 2, batch_size=batch,
                      seed=1)
    trainer.record()     # epoch 0
    spy.batches.clear()  # ...whose forward over all rows is not a training batch
    trainer.train(epochs=2, record_every=5)   # records only after the last epoch
    training_batches = spy.batches[:-1]       # the last forward is that record, over all rows
    assert [len(b) for b in training_batches] == [5, 5, 5, 5, 3] * 2
    first, second = training_batches[:5], training_batches[5:]
    assert sorted(sum(first, [])) == list(range(n)) and sorted(sum(second, [])) == list(range(n))
    assert sum(first, []) != sum(second, [])  # reshuffled each epoch
    assert trainer.steps == 10 and trainer.epoch == 2


def test_one_full_batch_step_is_gradient_descent_on_cross_entropy():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, 8)
    W0, b0 = np.array([[0.3, -0.2]]), np.array([0.1])
    net = nn.Sequential(nn.Linear(2, 1, W=W0, b=b0))
    Trainer(net, X, y, lr=0.5, batch_size=8).train(steps=1)
    # by hand: dC/dz = (σ(z) − y)/m, dC/dW = that summed against X
    error = (sigmoid(X @ W0[0] + b0[0]) - y) / 8
    assert np.allclose(net[0].W, W0 - 0.5 * (error @ X))
    assert np.allclose(net[0].b, b0 - 0.5 * error.sum())


def test_history_has_one_row_per_recorded_epoch():
    X, y = make_moons(n=40, noise=0.1, seed=0)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, 0.5, seed=0)
    trainer = Trainer(make_network([2, 8, 1], seed=0), X_tr, y_tr, batch_size=8, X_test=X_te, y_test=y_te)
    trainer.train(epochs=5)
    assert trainer.history["epoch"] == [0, 1, 2, 3, 4, 5]
    assert all(len(v) == 6 for v in trainer.history.values())
    trainer.train(epochs=5, record_every=2)   # after epochs 7, 9 and 10
    assert trainer.history["epoch"][6:] == [7, 9, 10]
    trainer.train(steps=1)                      # a partial epoch is recorded as a fraction
    assert trainer.history["epoch"][-1] == pytest.approx(10 + 8 / 20)
    assert all(len(v) == 10 for v in trainer.history.values())


def test_test_metrics_are_none_without_a_test_set_and_regression_has_no_accuracy():
    x = np.linspace(-1, 1, 10)[:, None]
    trainer = Trainer(make_network([1, 4, 1], "tanh"), x, x ** 2, classify=False, batch_size=10).train(3)
    assert trainer.history["test_loss"] == [None] * 4
    assert trainer.history["train_accuracy"] == [None] * 4
    assert trainer.history["train_loss"][-1] == pytest.approx(float(np.mean((trainer.net.forward(x) - x ** 2) ** 2)))


def test_an_optimizer_object_is_used_and_lr_reaches_it():
    X, y = make_moons(n=60, noise=0.1, seed=0)
    net = make_network([2, 8, 1], seed=0)
    adam = Adam(net.params(), lr=0.01)
    trainer = Trainer(net, X, y, optimizer=adam, batch_size=20)
    trainer.train(epochs=2)
    assert adam.t == 6
    trainer.lr = 0.002
    assert adam.lr == 0.002


def test_a_loss_that_decreases_on_easy_data():
    X, y = make_moons(n=100, noise=0.05, seed=1)
    losses = Trainer(make_network([2, 8, 8, 1], seed=2), X, y, lr=0.2, batch_size=10).train(20).history["train_loss"]
    assert losses[-1] < 0.5 * losses[0]


# ---- divergence ----

def test_regression_with_a_huge_learning_rate_overflows_into_diverged_without_nans_in_the_history():
    x = np.linspace(-3, 3, 50)[:, None]
    trainer = Trainer(make_network([1, 16, 1], "relu", seed=0), x, 5 * x, lr=1e3, batch_size=50, classify=False)
    with np.errstate(all="raise"):   # no floating-point warning escapes the loop
        trainer.train(epochs=200)
    assert trainer.diverged and trainer.why_diverged
    assert all(math.isfinite(v) for v in trainer.history["train_loss"])
    steps = trainer.steps
    trainer.train(epochs=3)          # stays stopped
    assert trainer.steps == steps


def test_classification_blowup_counts_as_diverged_and_fit_says_so():
    X, y = make_moons(n=100, noise=0.2, seed=0)
    trainer = Trainer(make_network([2, 16, 16, 1], seed=0), X, y, lr=100.0, batch_size=16).train(epochs=50)
    assert trainer.diverged
    assert "grew" in trainer.why_diverged or "overflow" in trainer.why_diverged
    with pytest.raises(FloatingPointError, match="smaller learning rate"):
        fit(make_network([2, 16, 16, 1], seed=0), X, y, epochs=50, lr=100.0, batch_size=16)


def test_fit_returns_a_trained_trainer_at_a_sane_learning_rate():
    X, y = make_moons(n=100, noise=0.1, seed=0)
    trainer = fit(make_network([2, 16, 1], seed=0), X, y, epochs=40, lr=0.3, batch_size=10)
    assert not trainer.diverged
    assert trainer.history["train_accuracy"][-1] > 0.85


# ---- weight decay (L2) ----

def _moons_trainer(weight_decay, **kw):
    X, y = make_moons(n=60, noise=0.2, seed=0)
    return Trainer(make_network([2, 16, 16, 1], seed=0), X, y, lr=0.3, batch_size=10, seed=0,
                   weight_decay=weight_decay, **kw)


def test_weight_decay_zero_is_training_without_it_exactly():
    plain = Trainer(make_network([2, 16, 16, 1], seed=0), *make_moons(n=60, noise=0.2, seed=0), lr=0.3,
                    batch_size=10, seed=0).train(epochs=5)
    zero = _moons_trainer(0.0).train(epochs=5)
    assert all(np.array_equal(a, b) for a, b in zip(plain.net.params(), zero.net.params()))
    assert plain.history == zero.history
    assert zero.penalty() == 0.0


def test_weight_decay_shrinks_the_weights_and_leaves_the_biases_free():
    free, decayed = _moons_trainer(0.0).train(epochs=30), _moons_trainer(0.03).train(epochs=30)
    norm = lambda t: math.sqrt(sum(float(np.sum(W * W)) for W in t.net.params() if W.ndim == 2))  # noqa: E731
    assert norm(decayed) < 0.8 * norm(free)
    assert decayed.penalty() == pytest.approx(0.5 * 0.03 * norm(decayed) ** 2)


def test_one_step_with_weight_decay_adds_lambda_w_to_the_gradient_of_w_only():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, 8)
    W0, b0 = np.array([[0.3, -0.2]]), np.array([0.1])
    net = nn.Sequential(nn.Linear(2, 1, W=W0, b=b0))
    Trainer(net, X, y, lr=0.5, batch_size=8, weight_decay=0.2).train(steps=1)
    error = (sigmoid(X @ W0[0] + b0[0]) - y) / 8
    assert np.allclose(net[0].W, W0 - 0.5 * (error @ X + 0.2 * W0))
    assert np.allclose(net[0].b, b0 - 0.5 * error.sum())   # the bias gets no decay


@pytest.mark.parametrize("bad", [-0.1, math.nan, "0.1", None])
def test_weight_decay_must_be_a_number_at_least_0(bad):
    with pytest.raises(ValueError, match="weight_decay"):
        _moons_trainer(bad)


# ---- hidden outputs ----

def test_hidden_outputs_are_each_activation_layer_and_the_output():
    net = make_network([2, 3, 4, 1], "relu", seed=0)
    X = np.random.default_rng(1).normal(size=(7, 2))
    hidden, out = hidden_outputs(net, X)
    first = np.maximum(X @ net[0].W.T + net[0].b, 0)
    second = np.maximum(first @ net[2].W.T + net[2].b, 0)
    assert [a.shape for a in hidden] == [(7, 3), (7, 4)]
    assert np.allclose(hidden[0], first) and np.allclose(hidden[1], second)
    assert np.allclose(out, net.forward(X))


def test_hidden_outputs_go_through_in_chunks_with_the_same_result():
    net = make_network([2, 64, 64, 1], seed=1)
    X = np.random.default_rng(0).normal(size=(3000, 2))
    hidden, out = hidden_outputs(net, X)
    assert np.allclose(out[:, 0], np.log(predict_proba(net, X) / (1 - predict_proba(net, X))))
    assert np.allclose(hidden[1][:100], hidden_outputs(net, X[:100])[0][1])


def test_hidden_outputs_refuses_bad_inputs():
    with pytest.raises(ValueError, match="at least one row"):
        hidden_outputs(make_network([2, 3, 1]), np.zeros((0, 2)))
    with pytest.raises(ValueError, match="helpers.nn"):
        hidden_outputs(object(), np.zeros((1, 2)))
