"""Checks for notebook 08, landscapes and optimizers.

The numbers, worked by hand:
- momentum on C(w) = 2w² (gradient 4w) from w = 1 with η = 0.05, μ = 0.9 and v = 0:
  step 1: g = 4, v = 4, w = 1 − 0.05·4 = 0.8;  step 2: g = 3.2, v = 0.9·4 + 3.2 = 6.8, w = 0.8 − 0.34 = 0.46
  (plain gradient descent would be at 0.8·(1 − 0.2) = 0.64);
- Adam's first step is η·g/(|g| + ε) ≈ η·sign(g) in every coordinate; RMSprop's (no bias correction)
  is η·g/√((1−ρ)·g²) = η/√(1−ρ)·sign(g) ≈ 3.16·η·sign(g) with ρ = 0.9;
- on the valley C = ½(0.1·w1² + 4·w2²), gradient descent is stable only while η < 2/λmax = 2/4 = 0.5;
- a layer started at all-zero weights keeps every hidden unit identical: 1 distinct unit, however many there are.
"""
from numbers import Real

from .core import close_to, not_yet, right, unanswered

__all__ = ["check_momentum_by_hand", "check_sign_step_optimizer", "check_valley_max_rate", "check_zero_init_units"]


def _not_a_number(answer, example):
    feedback = unanswered(answer)
    if feedback is not None:
        return feedback
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return not_yet(f"The answer is a single number, e.g. {example}; got {type(answer).__name__} {answer!r}.")
    return None


def check_momentum_by_hand(answer):
    """w after two momentum steps on C(w) = 2w², from w = 1 with η = 0.05, μ = 0.9."""
    problem = _not_a_number(answer, "0.5")
    if problem is not None:
        return problem
    if close_to(answer, 0.46, tol=1e-6):
        return right("Step 1: v = 4, w = 0.8. Step 2: g = 3.2, v = 0.9·4 + 3.2 = 6.8, w = 0.8 − 0.05·6.8 = 0.46. "
                     "The remembered velocity makes the second step bigger than the first.")
    if close_to(answer, 0.64, tol=1e-6):
        return not_yet("0.64 is two steps of plain gradient descent. Momentum's second step uses "
                       "v = 0.9·(the first gradient) + the new gradient, not the new gradient alone.")
    if close_to(answer, 0.8, tol=1e-6):
        return not_yet("0.8 is where the first step lands (v = g = 4 there). Take one more: g = 4·0.8, then v.")
    if close_to(answer, 0.9424, tol=1e-6):
        return not_yet("0.9424 averages the gradients, v = μ·v + (1 − μ)·g (as Adam's m does). The heavy-ball rule "
                       "here sums them: v = μ·v + g.")
    return not_yet(f"{answer:g} is not it. Take the steps one at a time: g = 4w; v = 0.9·v + g; w = w − 0.05·v, "
                   "starting from w = 1 and v = 0.")


_NAMES = {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSprop", "adam": "Adam"}


def check_sign_step_optimizer(answer):
    """Which optimizer's first step is η·sign(g), whatever the size of the gradient?"""
    feedback = unanswered(answer)
    if feedback is not None:
        return feedback
    key = answer.strip().lower().replace(" ", "") if isinstance(answer, str) else None
    if key not in _NAMES:
        return not_yet(f"Answer with one of the names as a string: {', '.join(repr(n) for n in _NAMES.values())}; "
                       f"got {answer!r}.")
    if key == "adam":
        return right("Adam: after one step m̂ = g and v̂ = g² exactly (that is what the bias correction is for), "
                     "so the step is η·g/|g| = η·sign(g): the size of the gradient cancels out.")
    if key == "rmsprop":
        return not_yet("Close: RMSprop divides by a root mean square too, but without bias correction its average "
                       "starts too small, s = (1 − ρ)·g², so its first step is η/√(1 − ρ) ≈ 3.16·η per coordinate.")
    return not_yet(f"{_NAMES[key]}'s first step is −η·g: proportional to the gradient, so a gradient 100 times "
                   "larger gives a step 100 times longer. Look for a rule that divides by the gradient's size.")


def check_valley_max_rate(answer):
    """The largest learning rate at which gradient descent converges on C = ½(0.1·w1² + 4·w2²)."""
    problem = _not_a_number(answer, "0.3")
    if problem is not None:
        return problem
    if close_to(answer, 0.5, tol=1e-3):
        return right("η < 2/λmax = 2/4 = 0.5. Along w2 each step multiplies w2 by 1 − 4η, which must stay "
                     "between −1 and 1. The flat direction would allow η up to 2/0.1 = 20, but the steep one decides.")
    if close_to(answer, 20, tol=1e-3):
        return not_yet("20 = 2/0.1 comes from the flat direction w1. Both directions must be stable, and the steep "
                       "one (curvature 4) fails first.")
    if close_to(answer, 0.25, tol=1e-3):
        return not_yet("0.25 = 1/λmax is the rate that lands w2 on 0 in one step, the fastest without zig-zag. "
                       "Above it w2 overshoots but still shrinks, as long as |1 − 4η| < 1.")
    if close_to(answer, 10, tol=1e-3) or close_to(answer, 0.05, tol=1e-3):
        return not_yet("Use the curvatures of C itself: ∂²C/∂w1² = 0.1 and ∂²C/∂w2² = 4 (the ½ cancels the 2 "
                       "from differentiating the square). Stable means |1 − η·λ| < 1 for both.")
    return not_yet(f"{answer:g} is not it. One step multiplies w2 by (1 − η·4): find the η where that factor "
                   "reaches −1.")


def check_zero_init_units(answer):
    """A 2-8-1 network starts with every weight equal (e.g. all 0) and trains: how many different hidden units
    does it end up with?"""
    problem = _not_a_number(answer, "3")
    if problem is not None:
        return problem
    if close_to(answer, 1):
        return right("One. Every hidden unit computes the same thing and receives the same gradient, so every "
                     "update keeps them equal: the 8 units act as 1. Random initial weights break the symmetry.")
    if close_to(answer, 8):
        return not_yet("Training gives each unit its own gradient only if the units already differ. From zeros they "
                       "all compute the same output, so they all get the same gradient, step after step.")
    if close_to(answer, 0):
        return not_yet("The units are all still there, they are just alike. Count how many different ones there "
                       "are: units with equal weights count once.")
    return not_yet(f"{answer:g} is not it. Ask: could any two hidden units ever receive different gradients?")
