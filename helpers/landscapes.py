"""Cost surfaces over two weights (w1, w2), each with its gradient worked out by hand.

    valley       C = ½(0.1·w1² + 4·w2²)                  a bowl 40 times steeper across than along
    saddle       C = ½w1² + ¼w2⁴ − ½w2²                 flat ridge at (0, 0); minima at (0, ±1)
    banana       C = 0.1·[(1 − w1)² + 10·(w2 − w1²)²]     Rosenbrock's curved valley; minimum at (1, 1)

The functions take w1 and w2 as numbers or NumPy arrays of the same shape (so a whole grid can be
evaluated at once for a contour plot). `trajectory()` runs one optimizer from `helpers.optim` on a
surface and records its path, stopping if it diverges; `tune_rate()` finds an optimizer's best fixed
learning rate on a surface from a start, so that a race between optimizers is fair.
"""
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import validate
from .optim import OPTIMIZERS

__all__ = [
    "valley", "valley_gradient", "saddle", "saddle_gradient", "banana", "banana_gradient",
    "VALLEY_CURVATURES", "Surface", "SURFACES", "Trajectory", "trajectory", "steps_to_minimum",
    "TUNE_RATES", "race_score", "tune_rate",
]

# The valley's Hessian is diag(0.1, 4): its two curvatures, and their ratio, the condition number 40.
VALLEY_CURVATURES = (0.1, 4.0)


def valley(w1, w2):
    a, b = VALLEY_CURVATURES
    return 0.5 * (a * w1 * w1 + b * w2 * w2)


def valley_gradient(w1, w2):
    a, b = VALLEY_CURVATURES
    return a * w1, b * w2


def saddle(w1, w2):
    return 0.5 * w1 * w1 + 0.25 * w2**4 - 0.5 * w2 * w2


def saddle_gradient(w1, w2):
    # Along w2 the slope w2³ − w2 is almost 0 near the ridge w2 = 0: the saddle's trap.
    return w1, w2**3 - w2


def banana(w1, w2):
    return 0.1 * ((1 - w1) ** 2 + 10 * (w2 - w1 * w1) ** 2)


def banana_gradient(w1, w2):
    bend = w2 - w1 * w1
    return 0.1 * (-2 * (1 - w1) - 40 * w1 * bend), 0.1 * (20 * bend)


@dataclass(frozen=True)
class Surface:
    """A named cost surface with what a picture of it needs: its lowest cost, a view box, contour levels,
    and a start point and learning rate that make a good race."""

    name: str
    title: str
    formula: str
    cost: Callable
    gradient: Callable
    minima: tuple            # the lowest points, ((w1, w2), ...)
    min_cost: float
    start: tuple
    lr: float
    levels: tuple            # contour levels of the cost
    box: tuple = (-2.0, 2.0, -2.0, 2.0)   # w1 from, to; w2 from, to

    def __call__(self, w):
        return float(self.cost(w[0], w[1]))

    def grad(self, w):
        g1, g2 = self.gradient(w[0], w[1])
        return np.array([g1, g2], dtype=float)


SURFACES = {
    "valley": Surface(
        "valley", "Ill-conditioned valley", "C = ½(0.1·w1² + 4·w2²)", valley, valley_gradient,
        minima=((0.0, 0.0),), min_cost=0.0, start=(-1.8, 1.0), lr=0.1,
        levels=tuple(np.geomspace(0.005, 8, 12)),
    ),
    "saddle": Surface(
        "saddle", "Saddle point", "C = ½w1² + ¼w2⁴ − ½w2²", saddle, saddle_gradient,
        minima=((0.0, 1.0), (0.0, -1.0)), min_cost=-0.25, start=(-1.8, 0.01), lr=0.1,
        levels=(-0.24, -0.2, -0.1, 0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0),
    ),
    "banana": Surface(
        "banana", "Curved valley (Rosenbrock)", "C = 0.1·[(1 − w1)² + 10·(w2 − w1²)²]", banana, banana_gradient,
        minima=((1.0, 1.0),), min_cost=0.0, start=(-1.5, 1.8), lr=0.05,
        levels=tuple(np.geomspace(0.01, 20, 14)),
    ),
}

# Beyond this distance from the origin a path counts as diverged (the view box is ±2).
DIVERGED_BEYOND = 1e3


def _surface(surface):
    """A Surface, or the name of one in SURFACES."""
    if isinstance(surface, Surface):
        return surface
    return SURFACES[validate.choice("surface", surface, SURFACES)]


class Trajectory:
    """One optimizer's path on one surface, extended on demand: `points[k]` and `costs[k]` are after k steps.

    If the weights leave the region |w| ≤ 1000 or stop being finite numbers, the path stops and
    `diverged_at` holds the step at which it happened (the points recorded are all finite)."""

    def __init__(self, surface, optimizer, lr, start, **settings):
        surface = _surface(surface)
        validate.choice("optimizer", optimizer, OPTIMIZERS)
        w = validate.array("start (w1, w2)", start, shape=(2,)).copy()
        self.surface, self.name = surface, optimizer
        self.w = w
        self.optimizer = OPTIMIZERS[optimizer]([self.w], lr, **settings)
        self.points = [(float(w[0]), float(w[1]))]  # plain floats: they go into an explorer's state
        self.costs = [float(surface(w))]
        self.diverged_at = None

    @property
    def steps(self):
        return len(self.points) - 1

    def extend_to(self, steps):
        """Take steps until the path has `steps` of them (or has diverged); returns the Trajectory."""
        steps = validate.whole("steps", steps, low=0)
        surface, w = self.surface, self.w
        with np.errstate(over="ignore", invalid="ignore"):
            while self.steps < steps and self.diverged_at is None:
                self.optimizer.step([surface.grad(w)])
                cost = surface(w)
                if not (math.isfinite(cost) and abs(w[0]) <= DIVERGED_BEYOND and abs(w[1]) <= DIVERGED_BEYOND):
                    self.diverged_at = self.steps + 1
                    break
                self.points.append((float(w[0]), float(w[1])))
                self.costs.append(float(cost))
        return self


def trajectory(surface, optimizer, lr, start=None, steps=100, **settings):
    """Run `optimizer` ("SGD", "Momentum", "RMSprop" or "Adam") for `steps` steps; returns the Trajectory."""
    steps = validate.whole("steps", steps, low=0)
    surface = _surface(surface)
    start = surface.start if start is None else start
    return Trajectory(surface, optimizer, lr, start, **settings).extend_to(steps)


def steps_to_minimum(surface, optimizer, lr, start=None, tol=1e-3, max_steps=10_000, stay=False, **settings):
    """The first step at which the cost is within `tol` of the surface's lowest cost; None if it never gets
    there within `max_steps` (or diverges). With stay=True: the first step from which the cost *stays*
    within `tol` up to `max_steps` (an optimizer that reaches the bottom and hops out again has not settled)."""
    tol = validate.positive("tol", tol)
    max_steps = validate.whole("max_steps", max_steps, low=0)
    validate.choice("stay", stay, (True, False))
    path = trajectory(surface, optimizer, lr, start, steps=0, **settings)
    floor = path.surface.min_cost
    if stay:
        path.extend_to(max_steps)
        if path.diverged_at is not None:
            return None
        above = [k for k, cost in enumerate(path.costs) if cost - floor >= tol]
        if not above:
            return 0
        return above[-1] + 1 if above[-1] < max_steps else None
    while True:
        if path.costs[-1] - floor < tol:
            return path.steps
        if path.diverged_at is not None or path.steps >= max_steps:
            return None
        path.extend_to(path.steps + 1)


# The rates tune_rate tries: 10^(−3 + 0.05·k) from 0.001 up to 1.995, twenty per tenfold.
TUNE_RATES = tuple(float(10 ** (-3 + 0.05 * k)) for k in range(67))


def race_score(path, tol=1e-3):
    """How well a finished Trajectory did, smaller is better: (the step from which its cost stays within
    `tol` of the lowest cost to the end, or inf if it never settles or diverged; its final cost gap).
    An optimizer that reaches the bottom and hops out again has not settled: the first number sees it."""
    if path.diverged_at is not None:
        return (math.inf, math.inf)
    gaps = np.array(path.costs) - path.surface.min_cost
    above = np.flatnonzero(gaps >= tol)
    settled = 0 if above.size == 0 else above[-1] + 1
    return (math.inf if settled > path.steps else int(settled), float(gaps[-1]))


def tune_rate(surface, optimizer, start=None, steps=200, tol=1e-3, rates=TUNE_RATES, **settings):
    """The best fixed learning rate of `rates` for `optimizer` on `surface` from `start` over `steps` steps:
    the one whose cost gets within `tol` of the lowest and stays there soonest (see `race_score`); among
    rates that never settle, the one left lowest. Returns (rate, its race_score)."""
    surface = _surface(surface)
    start = surface.start if start is None else start
    steps = validate.whole("steps", steps, low=1)
    tol = validate.positive("tol", tol)
    rates = [validate.positive("a rate to try", r) for r in rates]
    if not rates:
        raise ValueError("rates is empty: pass the learning rates to try, e.g. TUNE_RATES")
    scores = {rate: race_score(Trajectory(surface, optimizer, rate, start, **settings).extend_to(steps), tol)
              for rate in rates}
    best = min(rates, key=lambda rate: scores[rate])
    return best, scores[best]
