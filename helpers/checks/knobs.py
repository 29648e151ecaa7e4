"""Checks for notebook 01, turning knobs: how a nudge on one input travels to the output.

The worked example: a=5, b=3, e=6, f=4, m=4, p=3, so c = a + b = 8, d = e·f = 24, g = c·d = 192,
k = m·p = 12 and r = k·g = 2304. The exercises use other settings where the notebook prints the
worked ones, so no answer is on the page above its question.
"""
from .core import as_number, close_to, code_problem, describe, diagnose, not_yet, number_text, right, run_learner_code

__all__ = ["check_rate", "check_product_nudge", "check_g_after_f_nudge", "check_r_after_p_nudge",
           "check_two_nudges"]

# Hidden cases for `rate(f, x, h)`: (how f is written, f, its derivative, x, h).
RATE_CASES = [
    ("x²", lambda x: x * x, lambda x: 2 * x, 3.0, 0.5),
    ("x³", lambda x: x ** 3, lambda x: 3 * x * x, -1.0, 0.1),
    ("x²", lambda x: x * x, lambda x: 2 * x, 3.0, -0.5),
    ("5x + 1", lambda x: 5 * x + 1, lambda x: 5.0, 2.0, 2.0),
]


def num(x):
    """A number as messages write it: shortest form, with the minus sign −."""
    return number_text(x, "g")


def _rate_slips(f, derivative, x, h):
    change = f(x + h) - f(x)
    return [
        (change, "that is the change f(x + h) − f(x) itself. A rate is the change per unit of nudge: divide by h."),
        (-change / h, "right size, wrong sign: subtract the value before the nudge from the value after, "
                      "f(x + h) − f(x)."),
        ((f(x + h) - f(x - h)) / h, "that nudges both ways, f(x + h) − f(x − h), which spans 2h: divide by 2h, "
                                    "or nudge one way only."),
        (f(x + h) - f(x) / h, "brackets: f(x + h) − f(x) / h divides only f(x) by h. Write (f(x + h) − f(x)) / h."),
        (change * h, "that multiplies the change by h; a rate divides by it."),
        (f(x + h) / h, "that divides the new value f(x + h) by h; subtract f(x) first."),
        (f(x + 1) - f(x), "that is the change for a nudge of 1, whatever h is. Use the h you are given."),
        (derivative(x), "that is the rate for a vanishingly small nudge (the derivative). The exercise asks for "
                        "the rate with the nudge h you are given, which differs on a curve."),
    ]


def check_rate(rate):
    """`rate(f, x, h)`: the change of f per unit of nudge when x is nudged by h."""
    if (problem := code_problem(rate, "rate")) is not None:
        return problem
    for label, f, derivative, x, h in RATE_CASES:
        result, failure = run_learner_code(lambda: rate(f, x, h), "your `rate`")
        if failure is not None:
            return failure
        case = f"For f(x) = {label} at x = {num(x)} with h = {num(h)}"
        value = as_number(result)
        if value is None:
            return not_yet(f"{case} your `rate` returned {describe(result)}; it should return one number.")
        expected = (f(x + h) - f(x)) / h
        if close_to(value, expected, 1e-9):
            continue
        for slip, why in _rate_slips(f, derivative, x, h):
            if close_to(value, slip, 1e-6):
                return not_yet(f"{case} your `rate` gives {num(value)}: {why}")
        return not_yet(f"{case} your `rate` gives {num(value)}, but f goes from {num(f(x))} to {num(f(x + h))}, "
                       f"a change of {num(f(x + h) - f(x))} over a nudge of {num(h)}: {num(expected)} per unit.")
    return right("On every hidden case, including a curve nudged backwards (h < 0) and a straight line, "
                 "where any h gives the same rate.")


def check_product_nudge(answer):
    """c = a·b at a = 7, b = −2: by how much does c change when b goes from −2 to −1?"""
    return diagnose(answer, 7.0, [
        (-2.0, "−2 is the value of b, the knob you turned. Nudging b moves c = a·b by the OTHER input, a, "
               "per unit: multiplication swaps."),
        (1.0, "A change of 1 is what a plus sign passes on. For c = a·b, one more unit of b adds one more a."),
        (-7.0, "−7 is the new value of c, 7·(−1). The question asks for the change: −7 − (−14)."),
        (-14.0, "−14 is c before the nudge. The question asks how much c changes."),
    ], "The change is 7: c goes from −14 to −7: one more unit of b adds one more a = 7, whatever b was.",
        "Compute c = 7·(−2), then c = 7·(−1), and subtract the first from the second.")


def check_g_after_f_nudge(answer):
    """g = (a + b)·(e·f) at a = 5, b = 3, e = 5: by how much does g change when f goes from 4 to 5?"""
    return diagnose(answer, 40.0, [
        (5.0, "5 is the change in d = e·f. The question asks about g, which changes c = 8 times as much."),
        (8.0, "8 is c, the factor from d to g; multiply it by the change in d (e = 5)."),
        (200.0, "200 is the new value of g, 8·25. The question asks for the change: 200 − 160."),
        (160.0, "160 is g before the nudge. The question asks how much g changes."),
        (20.0, "20 is d, not its change. Nudging f by 1 changes d by e = 5, then g by c·5."),
        (32.0, "32 is the change from nudging e (d grows by f = 4). Nudging f grows d by e = 5."),
        (48.0, "48 uses e = 6, the worked value. Here e = 5, so d grows by 5."),
    ], "The change is 40: d = e·f grows by e = 5 (20 → 25), and g = c·d grows by c·5 = 40 (160 → 200).",
        "Follow the change: first how much d = e·f moves, then how much g = c·d moves because of it.")


def check_r_after_p_nudge(answer):
    """r = k·g with k = m·p, the worked values but m = −5: by how much does r change when p goes from 3 to 4?"""
    return diagnose(answer, -960.0, [
        (768.0, "768 is the change at the worked values, where m = 4. Here m = −5, so k = m·p moves by −5."),
        (-5.0, "−5 is the change in k = m·p. The question asks about r, which changes g = 192 times as much."),
        (192.0, "192 is g, the factor from k to r; multiply it by the change in k (m = −5)."),
        (-3840.0, "−3840 is the new value of r. The question asks for the change: −3840 − (−2880)."),
        (960.0, "Right size, wrong sign: m = −5 is negative, so raising p lowers k, and with it r."),
        (-2880.0, "−2880 is r before the nudge (k = −15). The question asks for the change."),
    ], "The change is −960: k = m·p moves by m = −5 (−15 → −20), so r = k·g moves by 192·(−5) = −960 (−2880 → −3840).",
        "Follow the change: first how much k = m·p moves (by m), then how much r = k·g moves because of it.")


def check_two_nudges(answer):
    """Nudge b (3 → 4) and f (4 → 5) together: by how much does r actually change?"""
    return diagnose(answer, 936.0, [
        (864.0, "864 = 288 + 576 adds the two single nudges: that is the first-order prediction. b and f "
                "multiply each other in r, so there is a cross term 1·1·e·k = 72 on top."),
        (3240.0, "3240 is the new value of r. The question asks for the change: 3240 − 2304."),
        (288.0, "288 is the change from nudging b alone; f moves too."),
        (576.0, "576 is the change from nudging f alone; b moves too."),
        (72.0, "72 is only the cross term; add the two single changes 288 + 576."),
    ], "The change is 936: r goes from 2304 to (4 + 5)·(6·5)·12 = 3240. That is 288 + 576 = 864 plus a cross term "
       "e·k = 72, because b and f multiply each other.",
        "Run the forward pass with b = 4 and f = 5 together, and subtract r = 2304.")
