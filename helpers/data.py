"""The worked examples of the series as named constants, and seeded data generators.

Every generator takes a `seed` and uses its own `numpy.random.Generator`, so it never touches
NumPy's global random state and gives the same points on every machine.

Real data lives in the repository's `data/` folder (its README says where it comes from):
`load_digits()` reads 5,000 handwritten MNIST digits from there, with no download.
"""
import hashlib
import zipfile
from pathlib import Path

import numpy as np

from . import validate

# Notebook 01–02: the knobs. g = (a + b)·(e·f), k = m·p, r = k·g.
KNOBS = dict(a=5.0, b=3.0, e=6.0, f=4.0, m=4.0, p=3.0)

# Notebook 02: a chain of three single-input neurons, l = (a3 − t)².
CHAIN = dict(X=2.0, w1=0.5, w2=-0.3, w3=0.8, b1=0.1, b2=0.2, b3=-0.1, t=1.0)

# Notebook 03: the black box r = (a·w1 + b·w2 + c·w3)·w4.
BLACK_BOX_WEIGHTS = (0.5, 0.5, 0.5, 0.5)
BLACK_BOX_EXAMPLES = ((3.0, 4.0, 6.0), (1.0, 2.0, 3.0), (3.0, 4.0, 1.0))

# Notebook 04: the line y = 8x + 3 sampled at x = 2 and x = 4.
LINE_X = np.array([2.0, 4.0])
LINE_Y = 8.0 * LINE_X + 3.0

# Notebook 05: the 2-2-1 network computed by hand (W has one row per neuron).
NET_221 = dict(
    x=np.array([0.5, 0.1]),
    W1=np.array([[0.4, 0.2], [0.3, 0.7]]),
    b1=np.array([0.1, -0.3]),
    W2=np.array([[0.6, 0.9]]),
    b2=np.array([0.2]),
    y=0.8,
    lr=0.1,
)


def _check(n, noise, seed):
    return validate.whole("n (the number of points)", n, low=1), validate.real("noise (a standard deviation)", noise, low=0), \
        validate.seed("seed", seed)


def make_moons(n=100, noise=0.1, seed=0):
    """Two interleaving half circles: X of shape (n, 2), labels y in {0, 1} of shape (n,)."""
    n, noise, seed = _check(n, noise, seed)
    rng = np.random.default_rng(seed)
    n_top = n // 2 + n % 2
    t_top = np.linspace(0, np.pi, n_top)
    t_bottom = np.linspace(0, np.pi, n - n_top)
    top = np.column_stack([np.cos(t_top), np.sin(t_top)])
    bottom = np.column_stack([1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)])
    X = np.vstack([top, bottom]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n_top, dtype=int), np.ones(n - n_top, dtype=int)])
    order = rng.permutation(n)
    return X[order], y[order]


def make_circle(n=200, noise=0.1, radius=1.0, seed=0):
    """Points in a square around a circle: label 1 inside the circle, 0 outside."""
    n, noise, seed = _check(n, noise, seed)
    radius = validate.positive("radius", radius)
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.6 * radius, 1.6 * radius, size=(n, 2))
    y = (np.hypot(X[:, 0], X[:, 1]) < radius).astype(int)
    return X + rng.normal(0.0, noise, size=(n, 2)), y


def make_curve(n=100, noise=0.0, seed=0, f=np.sin, low=-np.pi, high=np.pi):
    """Samples of a 1-D function on [low, high]: x of shape (n, 1), y of shape (n, 1).

    `f` must take an array of x and return an array of y of the same shape (NumPy functions do)."""
    n, noise, seed = _check(n, noise, seed)
    validate.function("f", f, "a function of x such as np.sin")
    low = validate.real("low", low)
    high = validate.real("high", high, above=low)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(low, high, size=n))
    fx = validate.array("f(x)", f(x), shape=(n,))
    y = fx + rng.normal(0.0, noise, size=n)
    return x[:, None], y[:, None]


# ---------------------------------------------------------------- handwritten digits (notebook 09)

# helpers/ is installed editable, so the repository's data/ folder sits next to it.
DIGITS_FILE = Path(__file__).resolve().parents[1] / "data" / "mnist_5k.npz"
# SHA-256 of the images' bytes followed by the labels' bytes, as data/README.md made them.
DIGITS_SHA256 = "809ec085d551285cf9efad12c42a6aead98c62f96eb9936cc5b778870773e50d"
DIGITS_TEST_PER_CLASS = 100   # 10 classes × 100 = 1,000 test digits; the other 4,000 train


def _digits_problem(path, what):
    return (f"the digits file {path} {what}. It comes with the repository (data/mnist_5k.npz); "
            "restore it with `git checkout -- data/mnist_5k.npz`, or make it again as data/README.md explains")


def read_digits_file(path=DIGITS_FILE):
    """The 5,000 digits exactly as stored: images (5000, 784) uint8 grey levels 0–255, labels (5000,) uint8."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(_digits_problem(path, "is missing"))
    try:
        with np.load(path, allow_pickle=False) as stored:
            images, labels = stored["images"], stored["labels"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
        raise ValueError(_digits_problem(path, f"cannot be read ({type(error).__name__}: {error})")) from None
    if images.shape != (5000, 784) or labels.shape != (5000,) or images.dtype != np.uint8 or labels.dtype != np.uint8:
        raise ValueError(_digits_problem(
            path, f"holds images {images.shape} {images.dtype} and labels {labels.shape} {labels.dtype}, "
                  "not (5000, 784) uint8 and (5000,) uint8"))
    if hashlib.sha256(images.tobytes() + labels.tobytes()).hexdigest() != DIGITS_SHA256:
        raise ValueError(_digits_problem(path, "is damaged (its checksum differs from the one it was made with)"))
    return images, labels


def load_digits(seed=0, path=DIGITS_FILE):
    """5,000 MNIST digits split into 4,000 for training and 1,000 for testing: X_train, X_test, y_train, y_test.

    Each row of X is one 28×28 image flattened to 784 pixels, grey levels scaled to [0, 1] (0 = paper,
    1 = ink); y holds the labels 0–9 as integers. The test set holds 100 digits of each class, drawn with
    `seed`; both sets are shuffled. The same seed gives the same split on every machine."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    images, labels = read_digits_file(path)
    rng = np.random.default_rng(seed)
    test = np.concatenate([rng.permutation(np.flatnonzero(labels == k))[:DIGITS_TEST_PER_CLASS] for k in range(10)])
    train = rng.permutation(np.setdiff1d(np.arange(len(labels)), test))
    test = rng.permutation(test)
    X = images.astype(np.float64) / 255.0
    y = labels.astype(np.int64)
    return X[train], X[test], y[train], y[test]
