"""What each numpy pass costs, per million elements, on one cache-sized block: the floor under any numpy kernel.

actlib evaluates elementwise activations in blocks of ``actlib._base._BLOCK_BYTES``
(128 KiB), so every ufunc a kernel calls is one pass over a block that
sits in the CPU cache. Summing the passes a formula needs gives the least time
numpy can take for it; PyTorch fuses the whole formula into one pass. The
README's lower bounds for the rows that miss their target are sums of these.

Each time is the best of several interleaved rounds of CPU time
(``time.thread_time``), including numpy's per-call overhead at this block size.
Run: ``python benchmarks/bench_primitives.py``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from scipy import special

from actlib._base import _BLOCK_BYTES as BLOCK_BYTES  # the block actlib's kernels run on


def best_per_million(fns: dict, n: int, rounds: int = 15, number: int = 50) -> dict:
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for key, fn in fns.items():
            t0 = time.thread_time()
            for _ in range(number):
                fn()
            best[key] = min(best[key], (time.thread_time() - t0) / number)
    return {k: v * 1e3 * 1e6 / n for k, v in best.items()}  # ms per 1e6 elements


def main() -> int:
    for dtype in (np.float32, np.float64):
        n = BLOCK_BYTES // np.dtype(dtype).itemsize
        x = (np.random.default_rng(1).normal(size=n) * 5).astype(dtype)
        e = np.exp(-np.abs(x))
        mask = x >= 0
        fns = {
            "abs": lambda: np.abs(x), "negative": lambda: -x, "add": lambda: 1 + e, "multiply": lambda: e * x,
            "1 / (1 + e)": lambda: 1 / (1 + e), "compare": lambda: x >= 0, "maximum with a mask": lambda: np.maximum(e, mask),
            "bool * float": lambda: mask * e, "clip": lambda: np.clip(x, -3, 3), "copy": lambda: x.copy(),
            "exp": lambda: np.exp(x), "expm1": lambda: np.expm1(x), "log1p": lambda: np.log1p(e),
            "tanh": lambda: np.tanh(x), "arctan": lambda: np.arctan(x), "where with a mask": lambda: np.where(mask, x, e),
            "astype float64": lambda: x.astype(np.float64), "scipy erf": lambda: special.erf(x),
            "scipy ndtr": lambda: special.ndtr(x), "square": lambda: np.square(e), "divide": lambda: e / x,
            "scan (isfinite, all)": lambda: np.isfinite(x).all(),
        }
        times = best_per_million(fns, n)
        print(f"{np.dtype(dtype).name}, blocks of {n} elements, ms per 1e6 elements:")
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()))
    # What writing the results costs, whole arrays of 1e6 elements in main memory:
    # the floor of any value_and_derivative, which returns two new arrays.
    for dtype in (np.float32, np.float64):
        n = 1_000_000
        x = (np.random.default_rng(1).normal(size=n) * 5).astype(dtype)

        def copy_and_fill():
            out = np.empty((2, n), dtype)
            np.copyto(out[0], x)
            out[1].fill(1)

        times = best_per_million({"one new array (copy of x)": lambda: x.copy(), "two (copy of x, ones)": copy_and_fill}, n,
                                 number=5)
        print(f"{np.dtype(dtype).name}, writing results, ms per 1e6 elements:")
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
