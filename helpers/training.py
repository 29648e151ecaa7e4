"""Train a `helpers.nn` network: minibatches, an optimizer, accuracy, a train/test split, a history.

Backprop computes the gradients and the optimizer updates, as everywhere in the series:

    trainer = Trainer(make_network([2, 16, 16, 1]), X, y, lr=0.1, batch_size=16)
    trainer.train(epochs=100)          # minibatch steps, one history row per epoch
    trainer.history["train_accuracy"][-1]

A classifier here has one output column, a logit: the model says "class 1" where the logit is > 0,
i.e. where the probability sigmoid(logit) is > 0.5, and it is trained with binary cross-entropy.
"""
import math

import numpy as np

from . import nn, validate
from .data import make_circle, make_moons
from .optim import SGD

__all__ = [
    "ACTIVATIONS", "DATASETS", "make_network", "make_dataset", "train_test_split",
    "predict_labels", "predict_proba", "hidden_outputs", "accuracy", "Trainer", "fit",
]

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
DATASETS = {"moons": make_moons, "circle": make_circle}


def make_network(sizes, activation="relu", seed=0):
    """A fully connected net, e.g. sizes=[2, 16, 16, 1]: Linear layers with `activation` between them.

    The last layer has no activation (it outputs logits, or raw numbers for regression).
    ReLU layers start with He initialization, tanh and sigmoid layers with Xavier."""
    validate.choice("activation", activation, ACTIVATIONS)
    seed = validate.seed("seed", seed)
    if not isinstance(sizes, (list, tuple, np.ndarray)):
        raise validate.ArgumentError(f"sizes must be a list of layer widths, e.g. [2, 16, 1]; got {sizes!r}")
    sizes = [validate.whole(f"sizes[{i}]", n, low=1) for i, n in enumerate(sizes)]
    if len(sizes) < 2:
        raise validate.ArgumentError(f"sizes must list at least two widths (inputs, ..., outputs); got {sizes!r}")
    init = "he" if activation == "relu" else "xavier"
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out, init=init, seed=seed + i))
        if i < len(sizes) - 2:
            layers.append(ACTIVATIONS[activation]())
    return nn.Sequential(*layers)


def make_dataset(name="moons", n=200, noise=0.1, seed=0):
    """Labelled 2-D points from helpers.data: `name` is "moons" or "circle"; returns X (n, 2), y (n,)."""
    validate.choice("the data set name", name, DATASETS)
    return DATASETS[name](n=n, noise=noise, seed=seed)


def train_test_split(X, y, test_fraction=0.5, seed=0):
    """Shuffle the examples (seeded) and hold `test_fraction` of them out: X_train, X_test, y_train, y_test."""
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise validate.ArgumentError(f"X and y must have one row per example; got shapes {X.shape} and {y.shape}")
    test_fraction = validate.real("test_fraction", test_fraction, above=0, below=1)
    seed = validate.seed("seed", seed)
    n_test = int(round(len(X) * test_fraction))
    if not 1 <= n_test <= len(X) - 1:
        raise validate.ArgumentError(f"cannot hold out {test_fraction:.0%} of {len(X)} examples and keep both parts non-empty")
    order = np.random.default_rng(seed).permutation(len(X))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def _chunk_rows(net):
    # Big batches go through in chunks. Above roughly rows × width² ≈ 600,000, OpenBLAS splits a product
    # across threads, and for matrices this thin that costs ~1000× more than it saves on a busy machine
    # (20 ms instead of 20 µs for 150 rows × 64 units, measured on 2 shared cores).
    width = max((max(p.shape) for p in net.params() if p.ndim == 2), default=1)
    return int(np.clip(400_000 // width**2, 64, 4096))


def _forward_in_chunks(net, X):
    X = np.asarray(X, dtype=float)
    chunk = _chunk_rows(net)
    if len(X) <= chunk:
        return net.forward(X)
    return np.concatenate([net.forward(X[i:i + chunk]) for i in range(0, len(X), chunk)])


def _check_network(net, where, methods=("forward",)):
    for method in methods:
        if not callable(getattr(net, method, None)):
            raise validate.ArgumentError(
                f"{where}: net must be a helpers.nn network (e.g. from make_network), with a {method} method; "
                f"got {type(net).__name__}")


def _logits(net, X, where):
    _check_network(net, where)
    out = _forward_in_chunks(net, X)
    if out.ndim != 2 or out.shape[1] != 1:
        outputs = out.shape[1] if out.ndim == 2 else out.shape
        raise validate.ArgumentError(
            f"{where} needs a network with one output (the logit of class 1); this one gives {outputs} "
            "outputs per example: for k classes, take the softmax of the k scores instead"
        )
    return out[:, 0]


def predict_proba(net, X):
    """The probability of class 1 for each row of X (the sigmoid of the net's single logit)."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-_logits(net, X, "predict_proba")))


def hidden_outputs(net, X):
    """What each hidden layer passes on (its activations) for each row of X, and the net's output.

    Returns (hidden, out): `hidden` holds one array of shape (rows, units) per activation layer, in order;
    `out` is the last layer's output. A ReLU unit whose column is 0 for every row is dead on these points."""
    _check_network(net, "hidden_outputs")
    layers = getattr(net, "layers", None)
    if layers is None:
        raise validate.ArgumentError(
            f"hidden_outputs needs a helpers.nn.Sequential (e.g. from make_network); got {type(net).__name__}")
    X = validate.array("X (inputs, one row per example)", X, ndim=2)
    if len(X) == 0:
        raise validate.ArgumentError("hidden_outputs: X must hold at least one row; got none")
    chunk = _chunk_rows(net)
    parts = []
    for start in range(0, len(X), chunk):
        a, seen = X[start:start + chunk], []
        for layer in layers:
            a = layer.forward(a)
            if not layer.params():  # an activation: the output of a hidden layer
                seen.append(a)
        parts.append((seen, a))
    hidden = [np.concatenate([seen[i] for seen, _ in parts]) for i in range(len(parts[0][0]))]
    return hidden, np.concatenate([out for _, out in parts])


def predict_labels(net, X):
    """0 or 1 for each row of X: class 1 where the net's single logit is positive."""
    return (_logits(net, X, "predict_labels") > 0).astype(int)


def accuracy(predicted, y):
    """The fraction of examples whose predicted label equals the true one.

    Both are class labels, whole numbers ≥ 0 (True/False count as 1/0), one per example."""
    y = validate.labels("accuracy: y (the true labels)", y, allowed=None)
    predicted = validate.labels("accuracy: predicted (the predicted labels)", predicted, allowed=None, n=y.size)
    return float(np.mean(predicted == y))


class Trainer:
    """One training run: a network, its data, its loss and optimizer, and the history so far.

    `classify=True` (the default) trains one logit per example with binary cross-entropy on labels
    0/1 and records accuracy; `classify=False` fits numbers with the mean squared error.
    `optimizer` is a helpers.optim optimizer made for this net's parameters (or any object with
    `step(grads)` and an `lr` attribute); by default plain minibatch SGD with learning rate `lr`.

    `weight_decay` λ ≥ 0 adds the L2 penalty ½λ·Σw² over every weight (each Linear's W; biases are
    left free) to the cost, so each step adds λ·W to the gradient of W before the optimizer sees it:
    weights the data does not hold up shrink towards 0. The losses in `.history` are the data's loss
    alone (cross-entropy or MSE, comparable across λ); `.penalty()` is the rest of the cost.

    Training counts as diverged when a loss or gradient stops being a finite number, or when the
    training loss climbs above `blowup` times its starting value (cross-entropy from logits never
    overflows, it just grows and grows: that is what a too-large learning rate looks like there).
    `.why_diverged` then says which.
    """

    def __init__(self, net, X, y, *, lr=0.1, batch_size=32, optimizer=None, X_test=None, y_test=None,
                 classify=True, seed=0, blowup=20.0, weight_decay=0.0):
        _check_network(net, "Trainer", ("forward", "backward", "params", "grads"))
        self.net = net
        self.classify = validate.choice("classify", classify, (True, False))
        self.blowup = None if blowup is None else validate.real("blowup", blowup, above=1)
        self.X = self._inputs(X, "X")
        self.Y = self._targets(y, len(self.X), "y")
        if (X_test is None) != (y_test is None):
            given, missing = ("X_test", "y_test") if y_test is None else ("y_test", "X_test")
            raise validate.ArgumentError(
                f"{given} was given without {missing}: pass both (the held-out inputs and their labels) or neither")
        self.has_test = X_test is not None
        if self.has_test:
            self.X_test = self._inputs(X_test, "X_test")
            self.Y_test = self._targets(y_test, len(self.X_test), "y_test")
        self.loss = nn.BinaryCrossEntropy() if classify else nn.MSE()
        if optimizer is None:
            optimizer = SGD(net.params(), lr=lr)
        elif not callable(getattr(optimizer, "step", None)) or not hasattr(optimizer, "lr"):
            raise validate.ArgumentError(
                f"optimizer must be an optimizer made for this net's parameters, e.g. "
                f"helpers.optim.Adam(net.params(), lr=0.01); got {optimizer!r}")
        self.optimizer = optimizer
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.rng = np.random.default_rng(validate.seed("seed", seed))
        self.steps, self.seen, self.diverged, self.why_diverged = 0, 0, False, ""
        self._queue = np.empty(0, dtype=int)
        self.history = {k: [] for k in ("epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")}

    @staticmethod
    def _inputs(X, name):
        X = validate.array(name, X, ndim=2)
        if len(X) == 0:
            raise validate.ArgumentError(f"{name} must hold at least one example (one row each); got shape {X.shape}")
        return X

    def _targets(self, y, n, name):
        if self.classify:
            return validate.labels(name, y, allowed=(0, 1), n=n).astype(float).reshape(-1, 1)
        y = validate.array(name, y).reshape(-1, 1)
        if len(y) != n:
            raise validate.ArgumentError(f"{name} must hold one target per example ({n}); got {len(y)}")
        return y

    @property
    def batch_size(self):
        return self._batch_size

    @batch_size.setter
    def batch_size(self, size):
        self._batch_size = validate.whole("batch_size", size, low=1)

    @property
    def weight_decay(self):
        return self._weight_decay

    @weight_decay.setter
    def weight_decay(self, value):
        self._weight_decay = validate.real("weight_decay (the L2 strength λ)", value, low=0)

    def _weights(self):
        return [p for p in self.net.params() if np.ndim(p) == 2]

    def penalty(self):
        """The L2 part of the cost, ½λ·Σw² over every weight (0 when λ = 0)."""
        if self.weight_decay == 0:
            return 0.0
        with np.errstate(all="ignore"):
            return 0.5 * self.weight_decay * float(sum(np.sum(W * W) for W in self._weights()))

    @property
    def lr(self):
        return self.optimizer.lr

    @lr.setter
    def lr(self, value):
        self.optimizer.lr = validate.positive("the learning rate lr", value)

    @property
    def epoch(self):
        """Passes over the training data so far (fractional between passes)."""
        return self.seen / len(self.X)

    @property
    def steps_per_epoch(self):
        return math.ceil(len(self.X) / min(self.batch_size, len(self.X)))

    def _next_batch(self):
        # Each pass visits every example once, in a fresh seeded order; a batch never spans two passes.
        if self._queue.size == 0:
            self._queue = self.rng.permutation(len(self.X))
        batch, self._queue = self._queue[:self.batch_size], self._queue[self.batch_size:]
        return batch

    def step(self):
        """One minibatch: forward, loss, backward (all gradients), then one optimizer update."""
        if self.diverged:
            return math.nan
        batch = self._next_batch()
        with np.errstate(all="ignore"):
            _, value = self._forward(self.X[batch], self.Y[batch])
            if math.isfinite(value):
                self.net.backward(self.loss.backward())
                grads = self.net.grads()
                if self.weight_decay:  # ∂(½λw²)/∂w = λw, added to every weight's gradient
                    grads = [g + self.weight_decay * p if np.ndim(p) == 2 else g
                             for p, g in zip(self.net.params(), grads)]
            if not math.isfinite(value) or not all(np.isfinite(g).all() for g in grads):
                self._diverge(f"the loss or a gradient overflowed at epoch {self.epoch:.3g}")
                return math.nan
            self.optimizer.step(grads)
        self.steps += 1
        self.seen += len(batch)
        return value

    def train(self, epochs=1, steps=None, record_every=1):
        """Run `epochs` passes over the training data, recording the history after every `record_every`-th
        pass and after the last one; or, given `steps`, exactly that many minibatches, recording once at the end.

        Stops early, with `.diverged` set, if the loss or a gradient overflows or the loss blows up."""
        epochs = validate.whole("epochs", epochs, low=0)
        record_every = validate.whole("record_every", record_every, low=1)
        if steps is not None:
            steps = validate.whole("steps", steps, low=0)
        if not self.history["epoch"]:
            self.record()
        if steps is not None:
            for _ in range(steps):
                if math.isnan(self.step()):
                    return self
            if steps:
                self.record()
            return self
        for epoch in range(1, epochs + 1):
            while True:  # one pass: until every example has been in a batch (finishes a pass begun by steps)
                if math.isnan(self.step()):
                    return self
                if self._queue.size == 0:
                    break
            if epoch % record_every == 0 or epoch == epochs:
                self.record()
                if self.diverged:
                    return self
        return self

    def _forward(self, X, Y):
        """(outputs, loss), or (None, nan) once the weights hold an overflowed number."""
        try:
            with np.errstate(all="ignore"):
                out = self.net.forward(X) if len(X) <= self.batch_size else _forward_in_chunks(self.net, X)
                return out, self.loss.forward(out, Y)
        except ValueError:
            # helpers.nn refuses NaN/inf inputs to a layer; that only happens here if the weights overflowed
            if all(np.isfinite(p).all() for p in self.net.params()):
                raise
            return None, math.nan

    def _measure(self, X, Y):
        out, value = self._forward(X, Y)
        if out is None or not self.classify:
            return value, None
        return value, accuracy(out[:, 0] > 0, Y[:, 0])

    def evaluate(self):
        """Loss (and accuracy, for a classifier) on the training and the test data, as plain floats."""
        result = {"epoch": self.epoch}
        result["train_loss"], result["train_accuracy"] = self._measure(self.X, self.Y)
        result["test_loss"], result["test_accuracy"] = self._measure(self.X_test, self.Y_test) if self.has_test \
            else (None, None)
        start = self.history["train_loss"][0] if self.history["train_loss"] else math.inf
        if not math.isfinite(result["train_loss"]):
            self._diverge(f"the training loss overflowed at epoch {self.epoch:.3g}")
        elif self.blowup is not None and result["train_loss"] > self.blowup * start:
            self._diverge(f"the training loss grew from {start:.3g} to {result['train_loss']:.3g} "
                          f"by epoch {self.epoch:.3g}")
        return result

    def _diverge(self, why):
        if not self.diverged:
            self.diverged, self.why_diverged = True, why

    def record(self):
        """Append the current evaluation to the history (nothing is appended once training diverged)."""
        result = self.evaluate()
        if not self.diverged:
            for key, value in result.items():
                self.history[key].append(value)
        return result


def fit(net, X, y, epochs=100, lr=0.1, batch_size=32, optimizer=None, X_test=None, y_test=None,
        classify=True, seed=0, blowup=20.0, weight_decay=0.0):
    """Train `net` for `epochs` passes and return its Trainer (with `.history`).

    Raises FloatingPointError if training diverges, saying when, so a too-large learning rate
    never passes silently as a table of NaNs."""
    trainer = Trainer(net, X, y, lr=lr, batch_size=batch_size, optimizer=optimizer, X_test=X_test, y_test=y_test,
                      classify=classify, seed=seed, blowup=blowup, weight_decay=weight_decay)
    trainer.train(epochs)
    if trainer.diverged:
        raise FloatingPointError(
            f"training diverged: {trainer.why_diverged}; try a smaller learning rate than {trainer.lr:g}")
    return trainer
