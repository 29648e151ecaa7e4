"""Checks for notebook 08, landscapes and optimizers.

The numbers, worked by hand:
- Adam's update is checked by running the learner's `adam_update` on gradient sequences it has not seen
  and comparing every step with the rule done right and done with each usual slip;
- momentum on C(w) = 2w² (gradient 4w) from w = 1 with η = 0.05, μ = 0.9 and v = 0:
  step 1: g = 4, v = 4, w = 1 − 0.05·4 = 0.8;  step 2: g = 3.2, v = 0.9·4 + 3.2 = 6.8, w = 0.8 − 0.34 = 0.46
  (plain gradient descent would be at 0.8·(1 − 0.2) = 0.64);
- multiplying the cost by 100 multiplies every gradient by 100: RMSprop's and Adam's steps g/√s do not change
  (s grows by 100², √s by 100), SGD's and momentum's steps grow 100-fold;
- on C = ½(0.2·w1² + 5·w2²), gradient descent is stable only while η < 2/λmax = 2/5 = 0.4;
- hidden units that start in two groups of equal weights stay in those two groups: 2 distinct units.
"""
import itertools

import numpy as np

from .core import code_problem, diagnose, not_yet, number_problem, right, run_learner_code, unanswered

# ---------------------------------------------------------------- 8.1 Adam's update, a code exercise


def _adam_rule(slip=None):
    """Adam's update for one step, done right (slip=None) or with one usual slip."""
    def update(theta, g, m, s, t, lr, beta1, beta2, eps):
        if slip == "swapped betas":
            beta1, beta2 = beta2, beta1
        m = beta1 * m + (g if slip == "summed m" else (1 - beta1) * g)
        s = beta2 * s + (1 - beta2) * (np.abs(g) if slip == "abs" else g * g)
        m_hat = m if slip in ("no correction", "no m correction") else m / (1 - beta1**t)
        s_hat = s if slip in ("no correction", "no s correction") else s / (1 - beta2**t)
        root = np.sqrt(s_hat + eps) if slip == "eps inside" else np.sqrt(s_hat) + eps
        if slip == "no root":
            root = s_hat + eps
        step = lr * m_hat / root
        theta = theta + step if slip == "wrong sign" else theta - step
        if slip == "corrected state":
            m, s = m_hat, s_hat
        return theta, m, s
    return update


_ADAM_SLIPS = {
    "no correction": "the bias correction is missing: divide m by 1 − β₁ᵗ and s by 1 − β₂ᵗ before the step "
                     "(m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)). Without it the first steps are the wrong size.",
    "no m correction": "s is corrected but m is not: m̂ = m / (1 − β₁ᵗ) too.",
    "no s correction": "m is corrected but s is not: ŝ = s / (1 − β₂ᵗ) too.",
    "corrected state": "you stored the corrected averages as the new m and s. The correction is only for the step: "
                       "return the running averages m and s themselves, and divide afresh at every step.",
    "no root": "the step divides by ŝ itself; it should divide by its square root, √ŝ + ε, so that the step is "
               "about the size of η whatever the size of the gradient.",
    "abs": "s averages |g|; Adam's s averages g², the squared gradient (and the step then takes its square root).",
    "summed m": "m sums the gradients like momentum's velocity (m ← β₁m + g). Adam's m is an average: "
                "m ← β₁m + (1 − β₁)g.",
    "swapped betas": "β₁ and β₂ are swapped: β₁ (0.9 by default) goes with m, the average of g; β₂ (0.999) with s, "
                     "the average of g².",
    "wrong sign": "the parameters moved uphill: the step is θ − η·m̂/(√ŝ + ε), against the gradient.",
    "eps inside": "ε went inside the square root. The formula adds it after the root, √ŝ + ε (as PyTorch does); "
                  "inside, it changes the step wherever the gradients are small.",
}

# Hidden gradient sequences: (what, θ₀, gradients per step, settings). Scales differ by coordinate, and the
# settings are not the defaults, so an update that ignores its arguments is caught.
_ADAM_CASES = (
    ("3 coordinates with gradients from 0.001 to 1000, η = 0.1",
     [0.5, -1.0, 2.0], [[1e-3, 2.0, -1e3], [2e-3, -1.0, -8e2], [-1e-3, 0.5, -5e2], [1e-3, 0.25, 1e2]],
     dict(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)),
    ("2 coordinates, η = 0.05, β₁ = 0.8, β₂ = 0.99",
     [1.0, 1.0], [[0.3, -0.2], [0.1, -0.4], [-0.2, 0.3]],
     dict(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6)),
    # Default η and ε, other betas: step 1 is η·sign(g) whatever the betas, so they only show from step 2 on.
    ("2 coordinates, η = 0.1, β₁ = 0.5, β₂ = 0.9",
     [0.0, 2.0], [[1.0, -3.0], [0.5, 1.0], [-0.25, 2.0], [2.0, 0.5]],
     dict(lr=0.1, beta1=0.5, beta2=0.9, eps=1e-8)),
)
_ADAM_DEFAULTS = dict(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
_DEFAULT_TEXT = dict(lr="0.1", beta1="0.9", beta2="0.999", eps="1e-8")


def _run_adam(update, theta0, grads, settings):
    theta, m, s = np.array(theta0, dtype=float), np.zeros(len(theta0)), np.zeros(len(theta0))
    path = []
    for t, g in enumerate(grads, start=1):
        theta, m, s = update(theta, np.array(g, dtype=float), m, s, t, **settings)
        path.append(np.asarray(theta, dtype=float))
    return path


def _learner_adam(adam_update, theta0, grads, settings):
    """The learner's path: list of θ after each step, or a Feedback saying what went wrong."""
    theta, m, s = np.array(theta0, dtype=float), np.zeros(len(theta0)), np.zeros(len(theta0))
    path = []
    for t, g in enumerate(grads, start=1):
        args = (theta.copy(), np.array(g, dtype=float), m.copy(), s.copy(), t)

        def call():
            with np.errstate(all="ignore"):
                return adam_update(*args, **settings)

        result, problem = run_learner_code(call, "your `adam_update`")
        if problem is not None:
            return problem
        try:
            theta_new, m_new, s_new = (np.asarray(x, dtype=float) for x in result)
        except Exception:
            return not_yet(f"Return three things, (theta, m, s), the new values after the step; got "
                           f"{type(result).__name__}.")
        if any(x.shape != theta.shape for x in (theta_new, m_new, s_new)):
            return not_yet(f"theta, m and s each have one entry per coordinate ({theta.shape[0]} here); your function "
                           f"returned shapes {theta_new.shape}, {m_new.shape}, {s_new.shape}.")
        if t == 1 and np.array_equal(m_new, m) and np.array_equal(s_new, s):
            return not_yet("m and s came back unchanged (still 0): return the updated averages, so the next step "
                           "can use them.")
        if t == 1:
            m_right, s_right = _adam_rule()(theta, args[1], m, s, t, **settings)[1:]
            if (not np.allclose(m_right, s_right) and np.allclose(m_new, s_right, rtol=1e-9, atol=1e-15)
                    and np.allclose(s_new, m_right, rtol=1e-9, atol=1e-15)):
                return not_yet("m and s are right but swapped: return (theta, m, s) in that order, so the next "
                               "step gets each average back in its place.")
        theta, m, s = theta_new, m_new, s_new
        path.append(theta)
    return path


def _fixed_settings(got, theta0, grads, settings):
    """The settings (e.g. "beta1, beta2, eps") that the learner's path shows were fixed at their defaults."""
    names = [k for k in ("lr", "beta1", "beta2", "eps") if settings[k] != _ADAM_DEFAULTS[k]]
    for size in range(1, len(names) + 1):
        for fixed in itertools.combinations(names, size):
            tried = {**settings, **{k: _ADAM_DEFAULTS[k] for k in fixed}}
            if all(np.allclose(a, b, rtol=1e-9, atol=1e-12) for a, b in zip(got, _run_adam(_adam_rule(), theta0,
                                                                                           grads, tried))):
                yield ", ".join(fixed)
                return


def _distinct_texts(got, want):
    """The two arrays as text, with just enough digits to show that they differ."""
    for digits in range(6, 18):
        a, b = np.round(got, digits).tolist(), np.round(want, digits).tolist()
        if a != b:
            return str(a), str(b)
    return repr(got.tolist()), repr(want.tolist())


def check_adam_update(adam_update):
    """Exercise 8.1: `adam_update(theta, g, m, s, t, lr, beta1, beta2, eps)` returns the new (theta, m, s)."""
    if (problem := code_problem(adam_update, "adam_update")) is not None:
        return problem
    for case, theta0, grads, settings in _ADAM_CASES:
        got = _learner_adam(adam_update, theta0, grads, settings)
        if not isinstance(got, list):
            return got if "NotImplementedError" in got.message else not_yet(f"On {case}: {got.message}")
        want = _run_adam(_adam_rule(), theta0, grads, settings)
        if all(np.allclose(a, b, rtol=1e-9, atol=1e-12) for a, b in zip(got, want)):
            continue
        for slip, why in _ADAM_SLIPS.items():
            wrong = _run_adam(_adam_rule(slip), theta0, grads, settings)
            if all(np.allclose(a, b, rtol=1e-9, atol=1e-12) for a, b in zip(got, wrong)):
                return not_yet(f"On {case}: {why}")
        for fixed in _fixed_settings(got, theta0, grads, settings):
            return not_yet(f"On {case}: your function uses fixed numbers instead of the settings it is given: "
                           f"use the {fixed} argument{'s' if ',' in fixed else ''}, not "
                           f"{'/'.join(_DEFAULT_TEXT[k] for k in fixed.split(', '))}.")
        first = next(k for k, (a, b) in enumerate(zip(got, want)) if not np.allclose(a, b, rtol=1e-9, atol=1e-12))
        if not np.all(np.isfinite(got[first])):
            return not_yet(f"On {case}, θ stopped being a finite number at step t = {first + 1}. Look for a division "
                           "by 0 (the correction 1 − βᵗ is 0 only if t starts at 0; here t = 1 on the first step) or "
                           "the root of a negative s (s averages g², which is never negative).")
        mine, right_one = _distinct_texts(got[first], want[first])
        return not_yet(f"On {case}, θ after step t = {first + 1} is {mine}, not {right_one}. Go through the formula in order: m, s, m̂, ŝ, then "
                       "θ − η·m̂/(√ŝ + ε), all entry by entry.")
    return right("Every step of three hidden gradient sequences matches Adam's rule, for gradients from 0.001 to 1000: "
                 "the first step moves each coordinate by η·sign(g), whatever the gradient's size.")


# ---------------------------------------------------------------- 8.2 momentum by hand

def check_momentum_by_hand(answer):
    """Exercise 8.2: w after two momentum steps on C(w) = 2w², from w = 1 with η = 0.05, μ = 0.9."""
    slips = [
        (0.64, "0.64 is two steps of plain gradient descent. Momentum's second step uses "
               "v = 0.9·(the first velocity) + the new gradient, not the new gradient alone."),
        (0.8, "0.8 is where the first step lands (v = g = 4 there). Take one more: g = 4·0.8, then v."),
        (0.9424, "0.9424 averages the gradients, v = μ·v + (1 − μ)·g (as Adam's m does). The heavy-ball rule here "
                 "sums them: v = μ·v + g."),
        (0.62, "0.62 keeps only the old velocity, v = 0.9·4. Add the new gradient too: v = 0.9·4 + 3.2."),
    ]
    return diagnose(answer, 0.46, slips,
                    "Step 1: v = 4, w = 0.8. Step 2: g = 3.2, v = 0.9·4 + 3.2 = 6.8, w = 0.8 − 0.05·6.8 = 0.46. "
                    "The remembered velocity makes the second step bigger than the first.",
                    "Take the steps one at a time: g = 4w; v = 0.9·v + g; w = w − 0.05·v, starting from w = 1 "
                    "and v = 0.", tol=1e-6, example="0.5")


# ---------------------------------------------------------------- 8.3 which rules ignore the cost's scale

_NAMES = {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSprop", "adam": "Adam"}
_SCALE_FREE = {"RMSprop", "Adam"}


def check_scale_free_optimizers(answer):
    """Exercise 8.3: the cost is multiplied by 100. Which rules take (up to ε) the same steps as before?"""
    if (missing := unanswered(answer)) is not None:
        return missing
    items = [answer] if isinstance(answer, str) else answer
    try:
        keys = [item.strip().lower().replace(" ", "") for item in items]
    except Exception:  # not an iterable of strings
        keys = None
    if not keys or any(key not in _NAMES for key in keys):
        return not_yet("Answer with a list of names as strings, e.g. [\"SGD\"], chosen from "
                       f"{', '.join(repr(n) for n in _NAMES.values())}.")
    chosen = {_NAMES[key] for key in keys}
    if chosen == _SCALE_FREE:
        return right("RMSprop and Adam. Every gradient grows 100-fold, so s (the average of g²) grows 100²-fold and √s "
                     "100-fold: g/√s, and with it the step, stays the same. SGD's and momentum's steps are η·g and η·v, "
                     "100 times longer.")
    if chosen & {"SGD", "Momentum"}:
        wrong = " and ".join(sorted(chosen & {"SGD", "Momentum"}))
        return not_yet(f"{wrong}: the step is η times the gradient (or times v, a sum of gradients), so a cost 100 "
                       "times larger gives steps 100 times longer. Look for the rules that divide by the gradient's size.")
    missing_name = (_SCALE_FREE - chosen).pop()
    return not_yet(f"Right as far as it goes, but {missing_name} divides by the gradient's size too: its s averages "
                   "g², so √s grows exactly as fast as g.")


# ---------------------------------------------------------------- 8.4 the speed limit on another valley

def check_valley_max_rate(answer):
    """Exercise 8.4: the learning rate below which gradient descent converges on C = ½(0.2·w1² + 5·w2²)."""
    slips = [
        (10, "10 = 2/0.2 comes from the flat direction w1. Both directions must be stable, and the steep one "
             "(curvature 5) fails first."),
        (0.2, "0.2 = 1/λmax is the rate that lands w2 on 0 in one step, the fastest without zig-zag (it is also 2/λ "
              "with λ = 10, if the ½ was dropped: the curvature along w2 is 5, since the ½ cancels the 2 from "
              "differentiating the square). Above 0.2 w2 overshoots but still shrinks while |1 − 5η| < 1."),
        (5, "5 is the steep curvature λmax itself. The walk is stable while each step's factor 1 − η·λmax stays "
            "above −1."),
        (2 / 5.2, "That divides by λmin + λmax: 2/(λmin + λmax) is the best fixed rate (both directions shrink "
                  "equally fast), not the largest stable one."),
    ]
    return diagnose(answer, 0.4, slips,
                    "η < 2/λmax = 2/5 = 0.4. Along w2 each step multiplies w2 by 1 − 5η, which must stay between "
                    "−1 and 1. The flat direction would allow η up to 2/0.2 = 10, but the steep one decides.",
                    "One step multiplies w2 by (1 − η·5): find the η where that factor reaches −1.",
                    tol=1e-3, example="0.3")


# ---------------------------------------------------------------- 8.5 symmetry in groups

def check_grouped_init_units(answer):
    """Exercise 8.5: a 2-8-1 network starts with hidden units 1-4 all equal and 5-8 all equal (the two groups
    different, each group's output weights equal). How many different hidden units after training?"""
    if (problem := number_problem(answer, "3")) is not None:
        return problem
    slips = [
        (8, "Training gives each unit its own gradient only if the units already differ. Units 1-4 compute the same "
            "output and have the same outgoing weight, so they get the same gradient at every step; so do 5-8."),
        (1, "The two groups start different, so they compute different outputs and receive different gradients: "
            "nothing pulls them together. It is the units within a group that can never come apart."),
        (4, "Count the different units, not the units per group: 1-4 stay copies of each other, 5-8 too."),
        (0, "The units are all still there, they are just alike in groups. Count how many different ones there are."),
    ]
    return diagnose(answer, 2, slips,
                    "Two. Within a group every unit computes the same thing, has the same outgoing weight and so "
                    "receives the same gradient: every update keeps the group identical, whatever the data or the "
                    "minibatches. The 8 units act as 2. Only a random start gives every unit its own weights.",
                    "Ask: which units could ever receive different gradients?", tol=1e-9, example="3")
