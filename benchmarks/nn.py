"""One training step of helpers.nn (forward + backward + SGD update), and the same step in PyTorch.

Two workloads: the 2-16-16-1 MLP of the engine benchmark on 100 two-moons points (half squared error),
and an MNIST-sized 784-128-64-10 MLP on a batch of 128 random images (softmax cross-entropy).
The SGD update is written inline (p -= η·g): optimizers live elsewhere, the step is what is timed.
Two versions of helpers.nn are timed: the layers as taught (float64, backward as plain as the
equations), and `FastLinear`, the same layer with the speed options only a benchmark wants.
When PyTorch is installed (optional: `pip install torch==2.13.0`), the two are timed in alternating
blocks, so that load from other processes falls on both alike.
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


class FastLinear(Linear):
    """helpers.nn.Linear with three speed options that would clutter the teaching class:
    - a dtype: float32 halves the memory traffic of big layers;
    - the gradients written into the existing arrays (no new array per step);
    - input_grad=False for a first layer: its input is data, so ∂C/∂X is skipped (as PyTorch does),
      a third of the layer's work; backward then returns None, which is fine for the first layer."""

    def __init__(self, n_in, n_out, seed=None, dtype=np.float64, input_grad=True):
        super().__init__(n_in, n_out, seed=seed)
        self.dtype = np.dtype(dtype)
        self.W, self.b = self.W.astype(self.dtype), self.b.astype(self.dtype)
        self.dW, self.db = np.zeros_like(self.W), np.zeros_like(self.b)
        self.input_grad = input_grad

    def backward(self, dY):
        np.matmul(dY.T, self.X, out=self.dW)
        np.sum(dY, axis=0, out=self.db)
        return dY @ self.W if self.input_grad else None


def make_data(sizes, batch, seed=0):
    if sizes[-1] == 1:
        X, y = make_moons(batch, noise=0.1, seed=seed)
        return X, y[:, None].astype(float)
    rng = np.random.default_rng(seed)
    return rng.random((batch, sizes[0])), rng.integers(0, sizes[-1], size=batch)


def median_ms(steps, repeats, rounds=3, settle=0.25):
    """Median milliseconds of each step function, timed in alternating blocks.

    Each round times a block of every step in turn. Before a block: a pause, then a few untimed calls.
    NumPy's BLAS and PyTorch keep their own thread pools, which spin for a while after use; without
    the pause, one block would be timed while the other's threads still compete for the 2 cores."""
    times = [[] for _ in steps]
    for _ in range(rounds):
        for step, bucket in zip(steps, times):
            time.sleep(settle)
            for _ in range(5):
                step()
            for _ in range(max(1, repeats // rounds)):
                t0 = time.perf_counter()
                step()
                bucket.append(time.perf_counter() - t0)
    return [statistics.median(bucket) * 1e3 for bucket in times]


def nn_step(sizes, batch, fast_dtype=None):
    """One training step of helpers.nn: the taught Linear, or FastLinear in `fast_dtype`."""
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        if fast_dtype is None:
            layers.append(Linear(n_in, n_out, seed=i))
        else:
            layers.append(FastLinear(n_in, n_out, seed=i, dtype=fast_dtype, input_grad=i > 0))
        if i < len(sizes) - 2:
            layers.append(ReLU())
    net = Sequential(*layers)
    loss = HalfSquaredError() if sizes[-1] == 1 else SoftmaxCrossEntropy()
    X, y = make_data(sizes, batch)
    X = X.astype(fast_dtype or np.float64)
    params = net.params()

    def step():
        loss.forward(net.forward(X), y)
        net.backward(loss.backward())
        for p, g in zip(params, net.grads()):
            p -= LR * g

    return step


def torch_step(torch, sizes, batch):
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

    return step


def rows():
    try:
        import torch
    except ImportError:
        torch = None
    out, ratios = [], []
    for what, w in WORKLOADS.items():
        steps = [nn_step(w["sizes"], w["batch"]), nn_step(w["sizes"], w["batch"], np.float32)]
        if torch is not None:
            steps.append(torch_step(torch, w["sizes"], w["batch"]))
        ms = median_ms(steps, w["repeats"])
        note = f"median of {w['repeats']}"
        out.append((f"nn: train step {what} (helpers.nn as taught, float64)", f"{ms[0]:.3f} ms", note))
        out.append((f"nn: train step {what} (benchmarks' FastLinear: float32, in place, no data gradient)",
                    f"{ms[1]:.3f} ms", note))
        if torch is not None:
            out.append((f"nn: train step {what} (PyTorch {torch.__version__} CPU, float32)", f"{ms[2]:.3f} ms",
                        f"{note}, {torch.get_num_threads()} threads"))
            target = "target ≤ 1.0" if w["sizes"][0] == 2 else "target ≤ 1.5"
            ratios.append((f"nn: helpers.nn / PyTorch, {what}", f"{min(ms[:2]) / ms[2]:.2f}×",
                           f"faster of the two helpers rows vs torch float32; {target}"))
    if torch is None:
        out.append(("nn: same steps in PyTorch", "PyTorch not installed (optional: pip install torch==2.13.0)", ""))
    return out + ratios


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
