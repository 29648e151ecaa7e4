"""Checks for notebook 01, turning knobs: how a nudge on one input travels to the output.

The worked example: a=5, b=3, e=6, f=4, m=4, p=3, so c = a + b = 8, d = e·f = 24, g = c·d = 192,
k = m·p = 12 and r = k·g = 2304. Every expected number below is worked out from those by hand.
"""

from .core import diagnose

__all__ = ["check_product_nudge", "check_g_after_f_nudge", "check_r_after_p_nudge", "check_two_nudges"]


def check_product_nudge(answer):
    """c = a·b at a = 3, b = 6: by how much does c change when a goes from 3 to 4?"""
    return diagnose(answer, 6.0, [
        (3.0, "3 is the value of a. Nudging a moves c = a·b by b for each unit: multiplication swaps."),
        (1.0, "A change of 1 is what addition passes on. For c = a·b, one unit more of a adds one more b."),
        (24.0, "24 is the new value of c (4·6). The question asks for the change: 24 − 18."),
        (18.0, "18 is c before the nudge. The question asks how much c changes."),
        (-6.0, "Right size, wrong sign: a and b are both positive, so raising a raises c."),
    ], "c goes from 18 to 24: a nudge of a by 1 changes c by b = 6.",
        "Compute c = 3·6, then c = 4·6, and subtract.")


def check_g_after_f_nudge(answer):
    """g = (a + b)·(e·f) at the worked values: by how much does g change when f goes from 4 to 5?"""
    return diagnose(answer, 48.0, [
        (6.0, "6 is the change in d = e·f. The question asks about g, which changes c = 8 times as much."),
        (8.0, "8 is c, the factor from d to g; multiply it by the change in d (e = 6)."),
        (240.0, "240 is the new value of g. The question asks for the change: 240 − 192."),
        (24.0, "24 is d, not its change. Nudging f by 1 changes d by e = 6, then g by c·6."),
        (32.0, "32 is the change from nudging e (d grows by f = 4). Nudging f grows d by e = 6."),
    ], "d grows by e = 6 (24 → 30), and g grows by c·6 = 48 (192 → 240).",
        "Follow the change: first how much d = e·f moves, then how much g = c·d moves because of it.")


def check_r_after_p_nudge(answer):
    """r = k·g with k = m·p at the worked values: by how much does r change when p goes from 3 to 4?"""
    return diagnose(answer, 768.0, [
        (4.0, "4 is the change in k = m·p. The question asks about r, which changes g = 192 times as much."),
        (192.0, "192 is g, the factor from k to r; multiply it by the change in k (m = 4)."),
        (3072.0, "3072 is the new value of r. The question asks for the change: 3072 − 2304."),
        (576.0, "576 is the change from nudging m (k grows by p = 3). Nudging p grows k by m = 4."),
        (384.0, "384 is the change from nudging e. Follow p instead: k grows by m = 4, r by g·4."),
    ], "k grows by m = 4 (12 → 16), so r grows by g·4 = 768 (2304 → 3072).",
        "Follow the change: first how much k = m·p moves, then how much r = k·g moves because of it.")


def check_two_nudges(answer):
    """Nudge b (3 → 4) and f (4 → 5) together: by how much does r actually change?"""
    return diagnose(answer, 936.0, [
        (864.0, "864 = 288 + 576 adds the two single nudges: that is the first-order prediction. b and f "
                "multiply each other in r, so there is a cross term 1·1·e·k = 72 on top."),
        (3240.0, "3240 is the new value of r. The question asks for the change: 3240 − 2304."),
        (288.0, "288 is the change from nudging b alone; f moves too."),
        (576.0, "576 is the change from nudging f alone; b moves too."),
        (72.0, "72 is only the cross term; add the two single changes 288 + 576."),
    ], "r goes from 2304 to (4 + 5)·(6·5)·12 = 3240: 936, which is 288 + 576 = 864 plus a cross term "
       "e·k = 72, because b and f multiply each other.",
        "Run the forward pass with b = 4 and f = 5 together, and subtract r = 2304.")
