"""The worked examples of the series as named constants, and seeded data generators.

Every generator takes a `seed` and uses its own `numpy.random.Generator`, so it never touches
NumPy's global random state and gives the same points on every machine.
"""
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
