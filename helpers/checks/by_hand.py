"""Checks for notebook 05, the 2-2-1 network by hand. Each recognises the usual slips and says why.

The network: x = (x1, x2), z1 = W1·x + b1 (one row of W1 per hidden neuron), a1 = ReLU(z1),
ŷ = W2·a1 + b2, C = ½(ŷ − y)², η = 0.1. The worked example (x = (0.5, 0.1), W1 = [[0.4, 0.2], [0.3, 0.7]],
b1 = (0.1, −0.3), W2 = (0.6, 0.9), b2 = 0.2, y = 0.8) is computed in the notebook, so the number exercises
use the same weights with a new input, x = (0.3, 0.1); the code exercise runs on hidden cases.
"""
from ..by_hand import network, step, worked_example
from .core import (all_close, as_number, as_numbers, close_to, code_problem, describe, diagnose, not_yet, number_text,
                   numbers_problem, right, run_learner_code)

NEW_X = (0.3, 0.1)  # the exercises' input; everything else is the worked example


def _new_example():
    return dict(worked_example(), x=list(NEW_X))


# ---- Exercise 5.1 (code): the backward pass ----

# Hidden cases: (what makes the case interesting, the network). Inputs differ (x1 ≠ x2) and so do the output
# weights, so that a transposed gradient or swapped weights give different numbers.
_CASES = [
    ("the worked example, hidden neuron 2 off", worked_example()),
    ("both hidden neurons on", dict(x=[1.0, 0.5], W1=[[0.4, 0.2], [0.3, 0.7]], b1=[0.1, -0.3], W2=[0.6, 0.9],
                                    b2=0.2, y=1.0)),
    ("hidden neuron 1 off, ŷ above y", dict(x=[0.2, 0.9], W1=[[-0.5, 0.1], [0.4, 0.6]], b1=[-0.05, 0.1],
                                             W2=[-0.7, 1.2], b2=-0.1, y=0.3)),
    ("z of hidden neuron 2 exactly 0", dict(x=[0.5, 0.25], W1=[[0.8, -0.4], [0.5, -1.0]], b1=[0.1, 0.0],
                                            W2=[1.5, -0.5], b2=0.3, y=-0.2)),
]
_KEYS = ("delta_out", "delta_hidden", "dW2", "db2", "dW1", "db1")


def _read(result):
    """The learner's dict as {key: list of floats}, or a message saying what is wrong with its shape."""
    if not isinstance(result, dict):
        return f"must return a dict with the keys {', '.join(_KEYS)}; it returned {describe(result, 60)}"
    missing = [key for key in _KEYS if key not in result]
    if missing:
        return f"returned a dict without {', '.join(missing)}: it needs all of {', '.join(_KEYS)}"
    read = {}
    for key, count in [("delta_out", 1), ("db2", 1), ("delta_hidden", 2), ("dW2", 2), ("db1", 2)]:
        value = result[key]
        numbers = [as_number(value)] if as_number(value) is not None else as_numbers(value, count)
        if numbers is None or len(numbers) != count:
            wanted = "one number" if count == 1 else "two numbers, one per hidden neuron"
            return f"gives {key} = {describe(value, 60)}; it should be {wanted}"
        read[key] = numbers
    try:
        rows = [as_numbers(row, 2) for row in result["dW1"]]
    except Exception:  # not iterable, or a learner's object that fails while iterating
        rows = [None]
    if len(rows) != 2 or None in rows:
        return (f"gives dW1 = {describe(result['dW1'], 60)}; it should be 2×2, one row per hidden neuron: "
                "[[∂C/∂W1_11, ∂C/∂W1_12], [∂C/∂W1_21, ∂C/∂W1_22]]")
    read["dW1"] = rows[0] + rows[1]
    return read




def _numbers(values):
    return "(" + ", ".join(number_text(v) for v in values) + ")" if len(values) > 1 else number_text(values[0])


def _slips(case, ref):
    """{key: [(a wrong value, why)]} for the slips a learner is likely to make in each piece."""
    x, W2, z1, a1 = case["x"], case["W2"], ref["z1"], ref["a1"]
    d = ref["delta2"]
    gate = [1.0 if z > 0 else 0.0 for z in z1]
    h = ref["delta1"]
    return {
        "delta_out": [
            ([-d], "the sign is flipped: ∂C/∂ŷ = ŷ − y (prediction minus target), not y − ŷ."),
            ([2 * d], "that is twice δ_out: the derivative of (ŷ − y)². Here C = ½(ŷ − y)², and the ½ cancels the 2."),
            ([0.5 * d * d], "that is the cost C itself; δ_out is its derivative, ∂C/∂ŷ = ŷ − y."),
        ],
        "delta_hidden": [
            # first: where no z is negative, z ≥ 0 and a missing ReLU′ give the same numbers
            ([W2[j] * d * (1.0 if z1[j] >= 0 else 0.0) for j in range(2)],
             "at z = 0 exactly, ReLU′ is taken as 0 (as in the engine and PyTorch): use z > 0, not z ≥ 0."),
            ([W2[j] * d for j in range(2)], "the ReLU′ factor is missing: a hidden neuron with z ≤ 0 passes no "
                                            "gradient back, so its δ is 0."),
            ([W2[j] * d * a1[j] for j in range(2)], "you multiplied by ReLU(z) = a1, the neuron's output. The chain "
                                                    "rule needs its slope, ReLU′(z): 1 where z > 0, else 0."),
            ([W2[1 - j] * d * gate[j] for j in range(2)], "the output weights are swapped: hidden neuron j reaches the "
                                                          "output through W2_j."),
            ([d * gate[j] for j in range(2)], "the weight is missing: δ_hj = W2_j · δ_out · ReLU′(z1_j)."),
            ([-v for v in h], "the sign is flipped; δ_hj = W2_j · δ_out · ReLU′(z1_j) keeps δ_out's sign when W2_j > 0."),
        ],
        "dW2": [
            ([d * z for z in z1], "you used z1; the output neuron's inputs are the activations a1 = ReLU(z1)."),
            ([d * v for v in x], "you used x; the output neuron's inputs are the hidden activations a1."),
            (list(h), "those are the hidden δs. ∂C/∂W2_j = δ_out · a1_j: the output's δ times the input that W2_j "
                      "multiplied."),
        ],
        "db2": [
            ([d * a for a in a1[:1]], "∂C/∂b2 = δ_out · 1: a bias multiplies 1, not an activation."),
        ],
        "dW1": [
            ([h[k] * x[j] for j in range(2) for k in range(2)], "dW1 is transposed: row j belongs to hidden neuron j, "
                                                                "so ∂C/∂W1_jk = δ_hj · x_k."),
            ([h[j] * a1[k] for j in range(2) for k in range(2)], "you used a1; the hidden layer's inputs are x, so "
                                                                 "∂C/∂W1_jk = δ_hj · x_k."),
            ([d * x[k] for j in range(2) for k in range(2)], "you used δ_out; a hidden weight gets its own neuron's "
                                                             "δ: ∂C/∂W1_jk = δ_hj · x_k."),
            ([W2[j] * d * x[k] for j in range(2) for k in range(2)], "the ReLU′ factor is missing here: use δ_hj, "
                                                                     "which is 0 for a neuron that is off."),
        ],
        "db1": [
            ([h[j] * x[j] for j in range(2)], "∂C/∂b1_j = δ_hj · 1: a bias multiplies 1, not an input."),
            ([d, d], "you used δ_out; each hidden bias gets its own neuron's δ, ∂C/∂b1_j = δ_hj."),
        ],
    }


def _expected(ref):
    """The right answer for one case, in the learner's keys, each as a flat list of floats."""
    g = ref["grads"]
    return dict(delta_out=[ref["delta2"]], delta_hidden=ref["delta1"], dW2=g["W2"], db2=[g["b2"]],
                dW1=g["W1"][0] + g["W1"][1], db1=g["b1"])


def check_backward_221(backward):
    """Exercise 5.1 (code): `backward(x, z1, a1, y_hat, y, W2)` returns the δs and the nine gradients."""
    if (problem := code_problem(backward, "backward")) is not None:
        return problem
    worked = _expected(network(**worked_example()))
    for number, (what, case) in enumerate(_CASES, start=1):
        ref = network(**case)
        args = (list(case["x"]), list(ref["z1"]), list(ref["a1"]), ref["yhat"], case["y"], list(case["W2"]))
        label = (f"Case {number}, {what} (x = {_numbers(case['x'])}, z1 = {_numbers(ref['z1'])}, "
                 f"ŷ = {number_text(ref['yhat'], '.6g')}, y = {number_text(case['y'], 'g')})")
        result, problem = run_learner_code(lambda: backward(*args), "your `backward`")
        if problem is not None:
            return problem if "NotImplementedError" in problem.message else not_yet(f"{label}: {problem.message}")
        read = _read(result)
        if isinstance(read, str):
            return not_yet(f"{label}: your `backward` {read}.")
        expected = _expected(ref)
        if number > 1 and all(all_close(read[key], worked[key], 1e-9) for key in _KEYS):
            return not_yet(f"{label}: your `backward` gives the worked example's numbers whatever it is given: "
                           "it reads the notebook's x, W2 or y instead of its arguments. Use the arguments.")
        slips = _slips(case, ref)
        for key in _KEYS:  # in the order the backward pass computes them: the first wrong piece is the one to fix
            if all_close(read[key], expected[key], 1e-9):
                continue
            said = f"{label}: your {key} is {_numbers(read[key])}, it should be {_numbers(expected[key])}; "
            for values, why in slips[key]:
                if all_close(read[key], values, 1e-9):
                    return not_yet(said + why)
            return not_yet(said + "go back to the rule for it in section 3.")
    return right("On four hidden cases — a dead neuron, both alive, a positive error, z exactly 0 — your δs and all "
                 "nine gradients match the engine: δ_out = ŷ − y, δ_hj = W2_j · δ_out · ReLU′(z1_j), and every "
                 "gradient is a δ times the input its weight multiplied (1 for a bias).")


# ---- Exercises 5.2–5.5: the network with the new input x = (0.3, 0.1) ----

def check_z1_by_hand(answer):
    """Exercise 5.2: z1 = W1·x + b1 with the new input x = (0.3, 0.1), both entries."""
    r = network(**_new_example())
    z = r["z1"]
    single = as_number(answer)
    if single is not None:
        if close_to(single, z[0] + z[1]):
            return not_yet(f"{number_text(single, 'g')} is z1_1 + z1_2, the two neurons added together. A layer's outputs are not "
                           "summed: each hidden neuron keeps its own z. Give both, as (z1_1, z1_2).")
        if close_to(single, z[0]):
            return not_yet(f"{number_text(single, 'g')} is right for the first hidden neuron. z1 has one entry per hidden neuron: "
                           "give both, as (z1_1, z1_2).")
        return not_yet(f"z1 has one entry per hidden neuron; give two numbers, as (z1_1, z1_2); you gave {number_text(single, 'g')}.")
    if (problem := numbers_problem(answer, 2, "(0.1, 0.2)")) is not None:
        return problem
    pair = as_numbers(answer, 2)
    if all_close(pair, z):
        return right(f"Row j of W1 holds neuron j's weights: z1_1 = 0.4·0.3 + 0.2·0.1 + 0.1 = {number_text(z[0], '.6g')} and "
                     f"z1_2 = 0.3·0.3 + 0.7·0.1 − 0.3 = {number_text(z[1], '.6g')}. Neuron 2 is below zero again: its ReLU is off.")
    ex = _new_example()
    W1, b1 = ex["W1"], ex["b1"]
    x1, x2 = NEW_X
    slips = [
        ([W1[0][j] * x1 + W1[1][j] * x2 + b1[j] for j in range(2)],
         "That is Wᵀx + b: you paired neuron j with column j of W1. Each ROW of W1 is one neuron (its weights "
         "from x1 and x2), so z1_j = W1[j][0]·x1 + W1[j][1]·x2 + b1[j]."),
        ([W1[j][0] * x1 + W1[j][1] * x2 for j in range(2)],
         "Those are the weighted sums W1·x without the biases. Add b1 = (0.1, −0.3), one bias per neuron."),
        (r["a1"], "That is a1 = ReLU(z1), after the activation. z1 is the value before it: the second neuron's z "
                  "is negative, and ReLU turns it into 0."),
        ([z[1], z[0]], "Right numbers, swapped: the first entry belongs to neuron 1 (row 1 of W1, bias 0.1)."),
        ([W1[j][0] * x2 + W1[j][1] * x1 + b1[j] for j in range(2)],
         "The inputs are swapped: x1 = 0.3 multiplies the first column of W1, x2 = 0.1 the second."),
        (network(**worked_example())["z1"], "Those are the worked example's z1, for x = (0.5, 0.1). This exercise "
                                            "uses the new input x = (0.3, 0.1)."),
    ]
    for values, message in slips:
        if all_close(pair, values):
            return not_yet(message)
    return not_yet("Not these numbers. For neuron j take row j of W1: z1_j = W1[j][0]·x1 + W1[j][1]·x2 + b1[j], "
                   "with x = (0.3, 0.1) and b1 = (0.1, −0.3).")


def check_delta_h1(answer):
    """Exercise 5.3: the δ of hidden neuron 1, ∂C/∂z1_1, with the new input x = (0.3, 0.1)."""
    r = network(**_new_example())
    d, h1 = r["delta2"], r["delta1"][0]
    pair = as_numbers(answer, 2)
    if pair is not None:
        if all_close(pair, r["delta1"]):
            return right(f"Both hidden δs: ({number_text(h1, '.6g')}, 0). Neuron 1's is W2_1·δ_out·ReLU′(z1_1) = 0.6·({number_text(d, '.6g')})·1; "
                         "neuron 2's is 0 because its ReLU is off.")
        return not_yet(f"Give neuron 1's δ as one number (or both hidden δs as a pair); you gave {_numbers(pair)}.")
    new_w21 = step(**_new_example(), lr=0.1)["params"]["W2"][0]
    slips = [
        (d, f"{number_text(d, '.6g')} is the output neuron's δ, ŷ − y. To reach hidden neuron 1, the chain rule multiplies it by the "
            "weight on the way back, W2_1 = 0.6, and by ReLU′(z1_1)."),
        (0.9 * d, f"{number_text(0.9 * d, '.6g')} = 0.9·δ_out uses W2_2, the weight from neuron 2. Neuron 1 reaches the output "
                  "through W2_1 = 0.6."),
        (-h1, "Right size, wrong sign. δ_out = ŷ − y is negative (the prediction is too low), and W2_1 and ReLU′ "
              "are positive, so δ_h1 is negative too."),
        (2 * h1, "That is twice the answer: you used C = (ŷ − y)², whose derivative is 2(ŷ − y). Here "
                 "C = ½(ŷ − y)², so δ_out = ŷ − y."),
        (h1 * NEW_X[0], "That is δ_h1 · x1 = ∂C/∂W1_11, the gradient of a weight into neuron 1. δ is one step "
                        "earlier: ∂C/∂z1_1, before multiplying by the input."),
        (h1 * NEW_X[1], "That is δ_h1 · x2 = ∂C/∂W1_12, the gradient of a weight. δ is ∂C/∂z1_1, before "
                        "multiplying by the input."),
        (new_w21 * d, f"That uses the updated W2_1 = {number_text(new_w21, '.6g')}. All gradients are computed with the weights as "
                      "they were during the forward pass, before any update: use W2_1 = 0.6."),
        (0.0, "0 is hidden neuron 2's δ (its ReLU is off). Neuron 1 has z1_1 > 0, so its gate is open."),
        (network(**worked_example())["delta1"][0], "That is the worked example's δ_h1, for x = (0.5, 0.1). Redo the "
                                                   "forward pass with x = (0.3, 0.1) first: ŷ changes, so δ_out does."),
        (round(h1, 3), f"{number_text(round(h1, 3), 'g')} is rounded: δ_h1 has exactly four decimals here. Keep every digit "
                       "(round only what you print, never what you carry on with)."),
        (round(h1, 2), f"{number_text(round(h1, 2), 'g')} is rounded to 2 decimals: δ_h1 has exactly four. Keep every digit."),
        (int(h1 * 1000) / 1000, f"{number_text(int(h1 * 1000) / 1000, 'g')} is cut short: δ_h1 has exactly four decimals. "
                                "Keep every digit."),
    ]
    return diagnose(answer, h1, slips,
                    f"δ_h1 = W2_1 · δ_out · ReLU′(z1_1) = 0.6 · ({number_text(d, '.6g')}) · 1 = {number_text(h1, '.6g')}: the output's δ, sent back "
                    "along the weight that joins them, through the ReLU gate (open, since z1_1 > 0).",
                    "Work back from the output: ŷ for x = (0.3, 0.1), δ_out = ŷ − y, then "
                    "δ_h1 = W2_1 · δ_out · ReLU′(z1_1).", example="-0.5")


def check_updated_w1_12(answer):
    """Exercise 5.4: W1_12 (input 2 into hidden neuron 1) after one step with x = (0.3, 0.1), every digit."""
    ex = _new_example()
    s = step(**ex, lr=0.1)
    new = s["params"]["W1"][0][1]
    grad = s["before"]["grads"]["W1"][0][1]
    doubled = step(**ex, lr=0.1, half=False)["params"]["W1"][0][1]
    h1 = s["before"]["delta1"][0]
    stale = 0.2 - 0.1 * (s["params"]["W2"][0] * s["before"]["delta2"]) * NEW_X[1]
    slips = [
        (round(new, 4), f"{number_text(round(new, 4), 'g')} drops digits: the update adds a small number to 0.2, and "
                        "every digit of it counts. Carry every digit into an update and round only what you print."),
        (round(new, 3), f"{number_text(round(new, 3), 'g')} is rounded to 3 decimals; give every digit of the new weight."),
        (int(new * 1e5) / 1e5, f"{number_text(int(new * 1e5) / 1e5, 'g')} is cut short by one digit; give every digit."),
        (0.2 + 0.1 * grad, "The step went the wrong way: the update subtracts η times the gradient, "
                           f"0.2 − 0.1·({number_text(grad, '.6g')})."),
        (doubled, "That is the step for C = (ŷ − y)² without the ½: every gradient doubles. Here C = ½(ŷ − y)²."),
        (stale, "That δ used the updated W2_1. Compute every gradient first, with the old weights, then update "
                "them all."),
        (0.2 - 0.1 * h1 * NEW_X[0], "That used x1 = 0.3: it is the step for W1_11. W1_12 multiplies x2 = 0.1, so "
                                    "its gradient is δ_h1 · x2."),
        (0.2, "0.2 is the old value. Neuron 1 is active (z1_1 > 0), so its weights do get a gradient; only neuron "
              "2's weights stay put."),
        (grad, f"{number_text(grad, '.6g')} is the gradient ∂C/∂W1_12. The new weight is W1_12 − η · gradient."),
        (step(**worked_example(), lr=0.1)["params"]["W1"][0][1], "That is the worked example's new W1_12, for "
                                                                 "x = (0.5, 0.1). This exercise uses x = (0.3, 0.1)."),
    ]
    return diagnose(answer, new, slips,
                    f"∂C/∂W1_12 = δ_h1 · x2 = {number_text(h1, '.6g')} · 0.1 = {number_text(grad, '.6g')}, so W1_12 ← 0.2 − 0.1·({number_text(grad, '.6g')}) = "
                    f"{number_text(new, '.6g')}. The weight rises because raising it raises ŷ, which is too low.",
                    "Gradient: ∂C/∂W1_12 = δ_h1 · x2; then W1_12 ← W1_12 − η · gradient with η = 0.1.",
                    tol=1e-9, example="0.2")


def check_wake_threshold(answer):
    """Exercise 5.5: with x = (0.3, 0.1), the value b1_2 must rise above for hidden neuron 2 to pass gradient."""
    x1, x2 = NEW_X
    weighted = 0.3 * x1 + 0.7 * x2           # row 2 of W1 times x: 0.16
    threshold = -weighted
    worked = 0.3 * 0.5 + 0.7 * 0.1           # the worked example's 0.22
    slips = [
        (-0.21, "−0.21 is where the explorer's slider first lights hidden neuron 2 in the worked example: one "
                "0.01 step above its threshold −0.22, for x = (0.5, 0.1). Here x = (0.3, 0.1), and the question "
                "asks for the threshold itself: solve 0.3·x1 + 0.7·x2 + b1_2 = 0."),
        (-worked, "−0.22 is the worked example's threshold, for x = (0.5, 0.1). With x = (0.3, 0.1) the weighted "
                  "sum 0.3·x1 + 0.7·x2 is smaller."),
        (threshold + 0.01, f"{number_text(threshold + 0.01, '.2f')} is the first value on a 0.01 grid where the neuron is on. "
                           "The question asks for the threshold itself, the value b1_2 must rise above."),
        (threshold + 0.3, f"{number_text(threshold + 0.3, '.2f')} is how much b1_2 must rise. The question asks for the value b1_2 "
                          "must exceed: start from −0.3."),
        (-threshold, "Check the sign: b1_2 must make the whole sum 0.16 + b1_2 positive, not equal 0.16."),
        (-0.3, "−0.3 is where b1_2 is now, and there z1_2 is negative: the neuron is off."),
        (weighted - 0.3, f"{number_text(weighted - 0.3, '.2f')} is z1_2 now, the neuron's value before the ReLU. The bias has to "
                         "make it positive."),
        (-(0.2 * x1 + 0.7 * x2), "That takes column 2 of W1 (Wᵀx). Neuron 2's weights are row 2, (0.3, 0.7)."),
    ]
    return diagnose(answer, threshold, slips,
                    f"z1_2 = 0.3·0.3 + 0.7·0.1 + b1_2 = {number_text(weighted, '.2f')} + b1_2, positive only when b1_2 > "
                    f"{number_text(threshold, '.2f')}. At exactly {number_text(threshold, '.2f')}, z = 0 and ReLU′(0) is taken as 0: still no gradient.",
                    "Write z1_2 = W1_21·x1 + W1_22·x2 + b1_2 with x = (0.3, 0.1), and find where it crosses 0.",
                    tol=1e-6, example="-0.5")
