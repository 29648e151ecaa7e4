"""The engine workload of micrograd's demo, run with any Value class.

An MLP 2-16-16-1 built from scalar Values, on 100 two-moons points, hinge loss + 1e-4·L2,
one forward and one backward pass. The same code runs with helpers.engine.Value and (when it is
installed) micrograd's, so the two are timed on identical work.
"""
import random
import statistics
import time

from helpers.data import make_moons


def build_mlp(Value, sizes=(2, 16, 16, 1), seed=1337):
    rng = random.Random(seed)
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        layers.append([([Value(rng.uniform(-1, 1)) for _ in range(n_in)], Value(0.0)) for _ in range(n_out)])
    return layers


def forward_backward(Value, layers, X, y, alpha=1e-4):
    scores = []
    for xi in X:
        act = [Value(float(v)) for v in xi]
        for depth, layer in enumerate(layers):
            last = depth == len(layers) - 1
            act = [sum((w * a for w, a in zip(ws, act)), b) for ws, b in layer]
            if not last:
                act = [a.relu() for a in act]
        scores.append(act[0])
    losses = [(1 + -float(yi) * s).relu() for yi, s in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    params = [p for layer in layers for ws, b in layer for p in (*ws, b)]
    loss = data_loss + alpha * sum(p * p for p in params)
    for p in params:  # micrograd needs this; helpers' backward() resets by itself, so it is a no-op cost there
        p.grad = 0.0
    loss.backward()
    return loss.data


def time_engine(Value, repeats=7):
    X, y01 = make_moons(100, noise=0.1, seed=0)
    y = 2 * y01 - 1
    layers = build_mlp(Value)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        forward_backward(Value, layers, X, y)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def rows():
    from helpers.engine import Value

    ours = time_engine(Value)
    out = [("engine: MLP 2-16-16-1, 100 moons, fwd+bwd (helpers)", f"{ours:.1f} ms", "median of 7")]
    try:
        from micrograd.engine import Value as MicrogradValue
    except ImportError:
        out.append(("engine: same workload (micrograd 0.1.0)", "not installed", "pip install micrograd==0.1.0"))
        return out
    theirs = time_engine(MicrogradValue)
    out.append(("engine: same workload (micrograd 0.1.0)", f"{theirs:.1f} ms", "median of 7"))
    out.append(("engine: speed-up over micrograd", f"{theirs / ours:.1f}×", "target ≥ 8×"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
