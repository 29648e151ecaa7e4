"""One training step of helpers.nn (forward + backward + SGD update), and the same step in PyTorch.

Two workloads: the 2-16-16-1 MLP of the engine benchmark on 100 two-moons points (half squared error),
and an MNIST-sized 784-128-64-10 MLP on a batch of 128 random images (softmax cross-entropy).
The SGD update is written inline (p -= η·g): optimizers live elsewhere, the step is what is timed.
PyTorch is optional: `pip install torch==2.13.0` to get the comparison rows.
"""
import statistics
import time

import numpy as np

from helpers.data import make_moons
from helpers.nn import HalfSquaredError, Linear, ReLU, Sequential, SoftmaxCrossEntropy

LR = 0.01
WORKLOADS = {
    "2-16-16-1, batch 100": dict(sizes=(2, 16, 16, 1), batch=100, repeats=300),
    "784-128-64-10, batch 128": dict(sizes=(784, 128, 64, 10), batch=128, repeats=60),
}


def make_data(sizes, batch, seed=0):
    if sizes[-1] == 1:
        X, y = make_moons(batch, noise=0.1, seed=seed)
        return X, y[:, None].astype(float)
    rng = np.random.default_rng(seed)
    return rng.random((batch, sizes[0])), rng.integers(0, sizes[-1], size=batch)


def median_ms(step, repeats):
    for _ in range(max(3, repeats // 10)):  # warm-up: caches, BLAS threads, lazy allocations
        step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def nn_step_ms(sizes, batch, repeats, dtype=np.float64):
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(Linear(n_in, n_out, seed=i, dtype=dtype))
        if i < len(sizes) - 2:
            layers.append(ReLU())
    net = Sequential(*layers)
    loss = HalfSquaredError() if sizes[-1] == 1 else SoftmaxCrossEntropy()
    X, y = make_data(sizes, batch)
    X = X.astype(dtype)
    params, grads = net.params(), net.grads()

    def step():
        loss.forward(net.forward(X), y)
        net.backward(loss.backward())
        for p, g in zip(params, grads):
            p -= LR * g

    return median_ms(step, repeats)


def torch_step_ms(torch, sizes, batch, repeats):
    torch.manual_seed(0)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    X, y = make_data(sizes, batch)
    X = torch.tensor(X, dtype=torch.float32)
    if sizes[-1] == 1:
        y = torch.tensor(y, dtype=torch.float32)
        loss_fn = lambda out: 0.5 * ((out - y) ** 2).sum() / batch  # noqa: E731 - same loss as ours
    else:
        y = torch.tensor(y, dtype=torch.long)
        loss_fn = lambda out: torch.nn.functional.cross_entropy(out, y)  # noqa: E731
    params = list(net.parameters())

    def step():
        for p in params:
            p.grad = None
        loss_fn(net(X)).backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad

    return median_ms(step, repeats)


def rows():
    out = []
    ours = {}
    for what, w in WORKLOADS.items():
        for dtype in (np.float64, np.float32):
            ms = nn_step_ms(w["sizes"], w["batch"], w["repeats"], dtype)
            ours[what, dtype] = ms
            out.append((f"nn: train step {what} (helpers.nn, {np.dtype(dtype).name})", f"{ms:.3f} ms",
                        f"median of {w['repeats']}"))
    try:
        import torch
    except ImportError:
        out.append(("nn: same steps in PyTorch", "PyTorch not installed (optional: pip install torch==2.13.0)", ""))
        return out
    for what, w in WORKLOADS.items():
        ms = torch_step_ms(torch, w["sizes"], w["batch"], w["repeats"])
        out.append((f"nn: train step {what} (PyTorch {torch.__version__} CPU, float32)", f"{ms:.3f} ms",
                    f"median of {w['repeats']}, {torch.get_num_threads()} threads"))
        best = min(ours[what, np.float64], ours[what, np.float32])
        target = "target ≤ 1.0" if w["sizes"][0] == 2 else "target ≤ 1.5"
        out.append((f"nn: helpers.nn / PyTorch, {what}", f"{best / ms:.2f}×",
                    f"faster helpers dtype vs torch float32; {target}"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
