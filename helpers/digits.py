"""Handwritten digits (notebook 09): softmax and cross-entropy, training 784-128-64-10, and backprop to the pixels.

A network's last layer gives ten scores z (one per digit); softmax turns them into probabilities ŷ,
and the cost of one example with label y (one-hot vector y) is the cross-entropy

    ŷₖ = exp(zₖ) / Σⱼ exp(zⱼ)          C = −log ŷ_label = −Σₖ yₖ log ŷₖ          δ = ∂C/∂z = ŷ − y

For a batch of m examples C is the mean, so δ is divided by m. The same backward pass that gives
∂C/∂W can carry on one step further, to the input: `input_gradient` gives ∂zₖ/∂x for every one of the
784 pixels x, i.e. which pixels would make the image look more like a k.
"""
import contextlib
import ctypes
import functools
import glob
import os

import numpy as np

from . import nn
from .data import load_digits
from .optim import Momentum

__all__ = [
    "SIZES", "IMAGE_SIDE", "make_digit_network", "softmax", "cross_entropy", "softmax_cross_entropy_backward",
    "scores", "predict_proba", "accuracy", "train_digits", "confusion_matrix", "most_confident_mistakes",
    "input_gradient", "nudge", "trained_network", "one_blas_thread", "stroke", "test_set", "split_validation",
    "never_inked",
]

SIZES = (784, 128, 64, 10)
IMAGE_SIDE = 28
# The recipe notebook 09 trains with (and trained_network() caches): minibatch SGD with momentum.
RECIPE = dict(epochs=15, lr=0.05, momentum=0.9, batch_size=32, seed=0)
VALIDATION_SIZE = 500   # training images held back to watch training with (the test set is looked at once, at the end)


def make_digit_network(seed=0):
    """784-128-64-10 with ReLU between the layers, He-initialised (the layers get seeds seed, seed+1, seed+2)."""
    return nn.Sequential(
        nn.Linear(784, 128, seed=seed), nn.ReLU(),
        nn.Linear(128, 64, seed=seed + 1), nn.ReLU(),
        nn.Linear(64, 10, seed=seed + 2),
    )


# ---------------------------------------------------------------- softmax and cross-entropy

def _scores_array(z):
    z = np.asarray(z, dtype=float)
    if z.ndim == 1:
        z = z[None, :]
    if z.ndim != 2 or z.shape[1] < 2:
        raise ValueError(f"scores must be one row of at least two class scores per example, got shape {z.shape}")
    if not np.isfinite(z).all():
        raise ValueError("scores must be finite numbers (no NaN or infinity)")
    return z


def _labels_array(labels, m, k):
    labels = np.asarray(labels)
    if labels.ndim == 0:
        labels = labels[None]
    if labels.dtype.kind not in "iu" or labels.shape != (m,) or labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"labels must be {m} whole numbers from 0 to {k - 1} (one per row of scores), got {labels!r}")
    return labels


def softmax(z):
    """Probabilities from scores, row by row. Subtracting each row's largest score first changes nothing
    (it cancels between top and bottom) but keeps exp() from overflowing."""
    z = _scores_array(z)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(z, labels):
    """Mean of −log ŷ_label over the rows, computed from the scores with log-sum-exp (never log(0))."""
    z = _scores_array(z)
    labels = _labels_array(labels, *z.shape)
    shifted = z - z.max(axis=1, keepdims=True)
    log_total = np.log(np.exp(shifted).sum(axis=1))
    return float(np.mean(log_total - shifted[np.arange(len(z)), labels]))


def softmax_cross_entropy_backward(z, labels):
    """∂C/∂z for the mean cross-entropy of a batch: (ŷ − y) / m, with y one-hot."""
    z = _scores_array(z)
    labels = _labels_array(labels, *z.shape)
    delta = softmax(z)
    delta[np.arange(len(z)), labels] -= 1.0
    return delta / len(z)


# ---------------------------------------------------------------- training and reading

@functools.lru_cache(maxsize=1)
def _openblas_threads():
    """(set, get) for the number of threads of NumPy's bundled OpenBLAS, or None if there is none."""
    here = os.path.dirname(np.__file__)
    for library in sorted(glob.glob(os.path.join(here, os.pardir, "numpy.libs", "*openblas*"))
                          + glob.glob(os.path.join(here, ".dylibs", "*openblas*"))):
        try:
            blas = ctypes.CDLL(library)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            setter = getattr(blas, f"{prefix}_set_num_threads{suffix}", None)
            getter = getattr(blas, f"{prefix}_get_num_threads{suffix}", None)
            if setter is not None and getter is not None:
                return setter, getter
    return None


@contextlib.contextmanager
def one_blas_thread():
    """Run NumPy's matrix products on one thread inside the block.

    A minibatch of 32 digits makes products too small to share well: OpenBLAS's threads spend their
    time waiting for each other, and on a busy machine (other programs on the cores) an epoch took
    2 s with two threads against 0.23 s with one. Elsewhere (no OpenBLAS found) this does nothing."""
    threads = _openblas_threads()
    if threads is None:
        yield
        return
    set_threads, get_threads = threads
    before = get_threads()
    set_threads(1)
    try:
        yield
    finally:
        set_threads(before)


def _images(X):
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim == 3:
        X = X.reshape(len(X), -1)
    if X.ndim != 2 or X.shape[1] != IMAGE_SIDE * IMAGE_SIDE:
        raise ValueError(f"images must be rows of 784 pixels (or 28×28 arrays), got shape {X.shape}")
    return X


def scores(net, X, chunk=1000):
    """The ten class scores z for each image (rows of 784 pixels in [0, 1])."""
    X = _images(X)
    return np.concatenate([net.forward(X[i:i + chunk]) for i in range(0, len(X), chunk)])


def predict_proba(net, X):
    """The ten probabilities softmax(z) for each image."""
    return softmax(scores(net, X))


def accuracy(net, X, y):
    """The fraction of images whose most probable class is their label."""
    return float(np.mean(scores(net, X).argmax(axis=1) == np.asarray(y)))


def split_validation(X, y, size=VALIDATION_SIZE, seed=0):
    """(X_fit, X_val, y_fit, y_val): `size` images of the training set, chosen with a fixed seed, held back as a
    validation set to watch training with; the rest are the images the network trains on."""
    X = _images(X)
    y = _labels_array(y, len(X), SIZES[-1])
    if not isinstance(size, (int, np.integer)) or not 0 < size < len(X):
        raise ValueError(f"the validation set must be a whole number of images from 1 to {len(X) - 1}, got {size!r}")
    order = np.random.default_rng(seed).permutation(len(X))
    held, kept = np.sort(order[:size]), np.sort(order[size:])
    return X[kept], X[held], y[kept], y[held]


def never_inked(X):
    """A mask of the pixels that are 0 (paper) in every image of X: their first-layer weights never get a gradient."""
    return ~(_images(X) > 0).any(axis=0)


def train_digits(net, X, y, X_val, y_val, epochs=15, lr=0.05, momentum=0.9, batch_size=32, seed=0,
                 on_epoch=None):
    """Minibatch SGD with momentum on the mean cross-entropy; returns the history
    {"epoch", "train_loss", "val_accuracy"} with one entry per epoch.

    Each epoch visits the training images once in a fresh seeded order. `on_epoch(epoch, train_loss,
    val_accuracy)`, if given, is called after every epoch (a progress display). The loop is the one notebook 09
    shows. Products run on one BLAS thread (see `one_blas_thread`)."""
    X, X_val = _images(X), _images(X_val)
    y = _labels_array(y, len(X), SIZES[-1])
    with one_blas_thread():
        return _train(net, X, y, X_val, y_val, epochs, lr, momentum, batch_size, seed, on_epoch)


def _train(net, X, y, X_val, y_val, epochs, lr, momentum, batch_size, seed, on_epoch):
    loss = nn.SoftmaxCrossEntropy()
    optimizer = Momentum(net.params(), lr=lr, momentum=momentum)
    rng = np.random.default_rng(seed)
    history = {"epoch": [], "train_loss": [], "val_accuracy": []}
    for epoch in range(1, epochs + 1):
        total = 0.0
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            total += loss.forward(net.forward(X[batch]), y[batch]) * len(batch)
            net.backward(loss.backward())       # every gradient first ...
            optimizer.step(net.grads())         # ... then one update
        history["epoch"].append(epoch)
        history["train_loss"].append(total / len(X))
        history["val_accuracy"].append(accuracy(net, X_val, y_val))
        if on_epoch is not None:
            on_epoch(epoch, history["train_loss"][-1], history["val_accuracy"][-1])
    return history


def confusion_matrix(labels, predicted, classes=10):
    """counts[i, j] = how many images of digit i the network read as j (the diagonal is right)."""
    counts = np.zeros((classes, classes), dtype=int)
    np.add.at(counts, (np.asarray(labels), np.asarray(predicted)), 1)
    return counts


def most_confident_mistakes(probabilities, labels, n=12):
    """Indices of the n wrongly read images whose wrong answer got the highest probability, most confident first."""
    probabilities, labels = np.asarray(probabilities), np.asarray(labels)
    guesses = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(guesses != labels)
    confidence = probabilities[wrong, guesses[wrong]]
    return wrong[np.argsort(-confidence, kind="stable")][:n]


# ---------------------------------------------------------------- backprop to the pixels

def input_gradient(net, X, classes):
    """(scores, gradient): the class scores z of each image and ∂z_k/∂x, the gradient of the score of
    class k (one per image) with respect to its 784 pixels.

    Backprop as in training, started from ∂z_k/∂z = the one-hot vector of k, and carried through the
    first layer too: for z = W x + b, ∂/∂x = Wᵀ(incoming), i.e. incoming @ W for a row. No parameter
    gradient is touched."""
    X = _images(X)
    classes = _labels_array(classes, len(X), SIZES[-1])
    z = net.forward(X)
    d = np.zeros_like(z)
    d[np.arange(len(z)), classes] = 1.0
    for layer in reversed(net.layers):
        d = d @ layer.W if isinstance(layer, nn.Linear) else layer.backward(d)
    return z, d


def nudge(net, image, k, distance, step=0.05):
    """Push one image toward class k: small steps of length `step` along the current gradient of z_k (recomputed
    each step), each followed by clipping the pixels to [0, 1] (paper cannot be whiter than 0 nor ink darker
    than 1), until the steps add up to `distance`. The result is a real image: nothing is outside [0, 1].

    Returns plain floats: score_before, score_after, the first-order prediction ∇z_k · Δx (gradient at the
    start, Δx the move actually made) as predicted_change, actual_change, distance_moved = |Δx|, the
    probabilities before and after, the starting gradient's length, and the nudged image (784 pixels)."""
    if not (isinstance(distance, (int, float, np.integer, np.floating)) and np.isfinite(distance) and distance >= 0):
        raise ValueError(f"distance must be a finite number ≥ 0 (in pixel units), got {distance!r}")
    if not (isinstance(step, (int, float, np.integer, np.floating)) and np.isfinite(step) and step > 0):
        raise ValueError(f"step must be a finite number > 0, got {step!r}")
    start = _images(image)[0]
    if start.min() < 0 or start.max() > 1:
        raise ValueError("the image's grey levels must be between 0 (paper) and 1 (ink)")
    z, g = input_gradient(net, start, k)
    length = float(np.linalg.norm(g[0]))
    if length == 0.0:
        raise ValueError(f"the score of class {k} does not change with any pixel here (gradient 0): nothing to nudge along")
    moved, gradient, left = start.copy(), g[0], float(distance)
    while left > 1e-12:
        size = min(step, left)
        norm = np.linalg.norm(gradient)
        if norm == 0.0:
            break
        moved = np.clip(moved + size * gradient / norm, 0.0, 1.0)
        left -= size
        gradient = input_gradient(net, moved, k)[1][0]
    z_after = net.forward(moved[None, :])
    return {
        "score_before": float(z[0, k]), "score_after": float(z_after[0, k]),
        "predicted_change": float(g[0] @ (moved - start)), "actual_change": float(z_after[0, k] - z[0, k]),
        "distance_moved": float(np.linalg.norm(moved - start)),
        "probabilities_before": softmax(z)[0].tolist(), "probabilities_after": softmax(z_after)[0].tolist(),
        "gradient_length": length, "image": moved,
    }


# ---------------------------------------------------------------- drawing on a 28×28 canvas

PEN_RADIUS = 1.0   # in cells: full ink within 0.5 of the pen's path, fading out by 1.5 (MNIST strokes are 2–3 cells wide)


def _distance_to_segment(points, a, b):
    ab = b - a
    length2 = float(ab @ ab)
    t = np.zeros(len(points)) if length2 == 0.0 else np.clip((points - a) @ ab / length2, 0.0, 1.0)
    return np.hypot(*(points - (a + t[:, None] * ab)).T)


_CELLS = np.stack(np.meshgrid(np.arange(IMAGE_SIDE), np.arange(IMAGE_SIDE)), axis=-1).reshape(-1, 2).astype(float)


def stroke(canvas, points, erase=False, radius=PEN_RADIUS):
    """A new 28×28 canvas with a pen stroke through `points`, each (column, row) in cells (0 = the first
    cell's centre; points off the canvas are fine, only the part of the stroke over it leaves ink).

    The pen sets each cell to at least its ink (anti-aliased at the edge); the eraser is a cell wider than
    the pen, so going over a line once removes all of it."""
    canvas = np.asarray(canvas, dtype=float)
    if canvas.shape != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"the canvas must be 28×28, got shape {canvas.shape}")
    points = np.asarray(points, dtype=float).reshape(-1, 2) if len(points) else np.empty((0, 2))
    if not np.isfinite(points).all():
        raise ValueError(f"stroke points must be finite (column, row) pairs, got {points.tolist()}")
    if len(points) == 0:
        return canvas.copy()
    ends = np.vstack([points, points[-1:]]) if len(points) == 1 else points
    distance = np.min([_distance_to_segment(_CELLS, a, b) for a, b in zip(ends[:-1], ends[1:])], axis=0)
    reach = radius + (1.0 if erase else 0.0)
    ink = np.clip(reach + 0.5 - distance, 0.0, 1.0).reshape(IMAGE_SIDE, IMAGE_SIDE)
    return np.minimum(canvas, 1.0 - ink) if erase else np.maximum(canvas, ink)


@functools.lru_cache(maxsize=1)
def test_set():
    """(X_test, y_test) of load_digits(), read once per process; read-only, so no caller can change them."""
    _, X_test, _, y_test = load_digits()
    X_test.flags.writeable = False
    y_test.flags.writeable = False
    return X_test, y_test


@functools.lru_cache(maxsize=1)
def trained_network():
    """The network notebook 09 trains (RECIPE on load_digits() less the validation images), trained once per
    Python process and then kept in memory: a few seconds on a laptop. Nothing is written to disk."""
    X_train, _, y_train, _ = load_digits()
    X_fit, X_val, y_fit, y_val = split_validation(X_train, y_train)
    net = make_digit_network(seed=RECIPE["seed"])
    train_digits(net, X_fit, y_fit, X_val, y_val, **RECIPE)
    return net
