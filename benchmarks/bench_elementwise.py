"""Speed and memory of every elementwise activation: actlib vs PyTorch, forward, derivative and both.

For each name in ``actlib.names(kind="elementwise", aliases=False)`` and each of
float32 and float64, on the same seeded input (normal * 5, 1e6 elements):

* ``fwd``: ``actlib.NAME(x)`` against torch's functional op under ``no_grad``;
* ``der``: ``actlib.NAME.derivative(x)`` against torch autograd from the same
  x (``y = f(t)`` with ``t.requires_grad``, then
  ``torch.autograd.grad(y, t, grad_outputs=ones)``: torch cannot give f'(x)
  without running the forward first);
* ``both``: ``actlib.NAME.value_and_derivative(x)``, f(x) and f'(x) from one
  pass, against the same torch forward + backward. This is what a training
  step needs, and the column the targets are about.

Timing. Every candidate of one row (actlib's three calls, torch's two, the
naive forms with ``--naive``) is timed in the same process, interleaved: each
round times every candidate once, and each keeps its best round (``--repeat``
rounds). Times are CPU time of the calling thread (``time.thread_time``), in
milliseconds per call: numpy and single-threaded torch compute in the calling
thread, and on a shared machine the time spent waiting for a core is not
counted. torch runs with ``torch.set_num_threads(1)``, as numpy's ufuncs use one
core. ``ratio`` is actlib / torch: below 1 actlib is faster.

Memory. ``mem`` is the peak memory one actlib call allocates (the result
included), measured with ``tracemalloc``, as a multiple of the input's size.

Targets (issue 15): for ``both``, every ratio at most 2.0 and their geometric
mean at most 1.5; exact GELU in float32, for which numpy has no vectorised erf,
is held instead to 1.5 times ``scipy.special.erf(x)`` plus ``np.exp(x)`` on the
same input; every ``mem`` at most 4.

Run: ``python benchmarks/bench_elementwise.py [--quick] [--json PATH] [--names ...]``.
See benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from scipy import special

import actlib

try:  # the naive textbook forms live next to the stable ones
    from actlib.numerics import naive
except ImportError:  # an actlib without the numerics module: no naive column
    naive = None

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from torch_map import TORCH, torch  # noqa: E402  (None without torch)

RATIO_LIMIT = 2.0
GEOMEAN_LIMIT = 1.5
MEMORY_LIMIT = 4.0
GELU_ERF_LIMIT = 1.5
SEED = 20261124


def torch_forms():
    """name -> torch op at actlib's default parameters, from the tests' one map (tests/torch_map.py)."""
    if torch is None:
        return {}
    return {
        name: (lambda fn, params: lambda t: fn(t, **params))(fn, actlib.get(name).params)
        for name, fn in TORCH.items()
    }


def interleaved_best_ms(fns: dict, rounds: int, target_s: float) -> dict:
    """Best-of-``rounds`` CPU time per call, in ms, of each zero-argument callable, measured in turns.

    Each callable runs once to warm up; then ``number`` calls per round are
    chosen so that one round of it takes about ``target_s``. Every round times
    every callable once, so a burst of load from the rest of the machine hits
    all of them alike; the minimum is the least disturbed measurement.
    """
    numbers = {}
    for key, fn in fns.items():
        fn()  # warm-up: first-call allocations, lazy imports, caches
        t0 = time.thread_time()
        fn()
        numbers[key] = max(1, int(target_s / max(time.thread_time() - t0, 1e-6)))
    best = dict.fromkeys(fns, math.inf)
    for _ in range(rounds):
        for key, fn in fns.items():
            n = numbers[key]
            t0 = time.thread_time()
            for _ in range(n):
                fn()
            best[key] = min(best[key], (time.thread_time() - t0) / n * 1e3)
    return best


def peak_memory(fn, nbytes: int) -> float:
    """Peak memory allocated during one call of ``fn`` (its result included), in multiples of ``nbytes``."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return (peak - base) / nbytes


def quiet(fn):
    """Run a naive form with numpy's floating-point warnings off (they are the numerics chapter's lesson)."""

    def run():
        with np.errstate(all="ignore"):
            return fn()

    return run


def torch_timers(fn, x):
    """(forward, forward + backward, backward only) for torch; the last two None where autograd has no derivative."""
    t = torch.from_numpy(x.copy())
    tg = t.clone().requires_grad_()

    def forward():
        with torch.no_grad():
            return fn(t)

    def forward_backward():
        y = fn(tg)
        return y, torch.autograd.grad(y, tg, torch.ones_like(y))

    y = fn(tg)
    ones = torch.ones_like(y)
    try:
        torch.autograd.grad(y, tg, ones, retain_graph=True)
    except RuntimeError:  # torch.heaviside: "the derivative ... is not implemented"
        return forward, None, None

    def backward_only():
        return torch.autograd.grad(y, tg, ones, retain_graph=True)

    return forward, forward_backward, backward_only


def fmt(v, digits=3):
    if v is None:
        return "—"
    return f"{v:.{digits}f}" if v < 100 else f"{v:.1f}"


def geomean(values):
    return math.exp(np.mean(np.log(values))) if values else None


def measure(name, dtype, n, rounds, target_s, tform, with_naive):
    act = actlib.get(name)
    x = (np.random.default_rng(SEED).normal(size=n) * 5).astype(dtype)
    r = {"name": name, "dtype": np.dtype(dtype).name, "n": n}
    fns = {
        "actlib_fwd": lambda: act(x),
        "actlib_der": lambda: act.derivative(x),
        "actlib_both": lambda: act.value_and_derivative(x),
    }
    if tform is not None:
        tf, tfb, tb = torch_timers(tform, x)
        fns["torch_fwd"] = tf
        if tfb is not None:
            fns["torch_both"] = tfb
            fns["torch_bwd_only"] = tb
    if name == "gelu" and dtype == np.float32:
        fns["erf_plus_exp"] = lambda: (special.erf(x), np.exp(x))
    if with_naive and naive is not None:
        nf, nd = getattr(naive, name, None), getattr(naive, f"{name}_derivative", None)
        if nf:
            fns["naive_fwd"] = quiet(lambda: nf(x))
        if nd:
            fns["naive_der"] = quiet(lambda: nd(x))
    times = interleaved_best_ms(fns, rounds, target_s)
    for key in ("actlib_fwd", "actlib_der", "actlib_both", "torch_fwd", "torch_both", "torch_bwd_only",
                "erf_plus_exp", "naive_fwd", "naive_der"):
        r[f"{key}_ms"] = times.get(key)
    # torch needs its forward to differentiate: actlib's derivative alone and
    # both are compared with torch's forward + backward.
    r["ratio_fwd"] = r["actlib_fwd_ms"] / r["torch_fwd_ms"] if r["torch_fwd_ms"] else None
    r["ratio_der"] = r["actlib_der_ms"] / r["torch_both_ms"] if r["torch_both_ms"] else None
    r["ratio_both"] = r["actlib_both_ms"] / r["torch_both_ms"] if r["torch_both_ms"] else None
    r["ratio_both_to_erf_plus_exp"] = (
        r["actlib_both_ms"] / r["erf_plus_exp_ms"] if r["erf_plus_exp_ms"] else None
    )
    for kind, fn in fns.items():
        if kind.startswith("actlib_"):
            r[f"mem_{kind[7:]}"] = peak_memory(fn, x.nbytes)
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1e5 elements and fewer rounds")
    parser.add_argument("--json", metavar="PATH", help="also save the results as JSON")
    parser.add_argument("--names", nargs="*", help="only these activations (default: all elementwise)")
    parser.add_argument("--repeat", type=int, help="rounds per row (default 7, --quick 3)")
    parser.add_argument("--naive", action="store_true", help="also time the naive textbook forms (JSON only)")
    args = parser.parse_args(argv)

    n = 10**5 if args.quick else 10**6
    rounds, target_s = (3, 0.02) if args.quick else (7, 0.05)
    rounds = args.repeat or rounds
    names = args.names or actlib.names(kind="elementwise", aliases=False)
    if torch is not None:
        torch.set_num_threads(1)
    tforms = torch_forms()

    rows, results = [], []
    for name in names:
        for dtype in (np.float32, np.float64):
            r = measure(name, dtype, n, rounds, target_s, tforms.get(name), args.naive)
            results.append(r)
            rows.append(
                f"| {name} | {r['dtype']} | {fmt(r['actlib_fwd_ms'])} | {fmt(r['torch_fwd_ms'])} | {fmt(r['ratio_fwd'], 2)} | "
                f"{fmt(r['actlib_der_ms'])} | {fmt(r['ratio_der'], 2)} | "
                f"{fmt(r['actlib_both_ms'])} | {fmt(r['torch_both_ms'])} | **{fmt(r['ratio_both'], 2)}** | "
                f"{r['mem_fwd']:.2f} / {r['mem_der']:.2f} / {r['mem_both']:.2f} |"
            )
            print(f"  {name} {r['dtype']} done", file=sys.stderr, flush=True)

    header = (
        f"Elementwise activations, {n:.0e} elements (normal * 5), best of {rounds} interleaved rounds, "
        f"CPU ms per call; torch {torch.__version__ + ' single-threaded' if torch else 'not installed'}, "
        f"numpy {np.__version__}\n\n"
        "| name | dtype | actlib fwd | torch fwd | ratio fwd | actlib der | ratio der | "
        "actlib both | torch fwd+bwd | ratio both | mem fwd / der / both (× input) |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    print(header)
    print("\n".join(rows))

    summary = {}
    for kind in ("fwd", "der", "both"):
        summary[f"geomean_ratio_{kind}"] = geomean([r[f"ratio_{kind}"] for r in results if r[f"ratio_{kind}"]])
    # Exact GELU in float32 has its own target (numpy has no vectorised erf).
    held_to_torch = [r for r in results if r["ratio_both"] and not r["ratio_both_to_erf_plus_exp"]]
    summary["geomean_ratio_both_without_gelu_float32"] = geomean([r["ratio_both"] for r in held_to_torch])
    summary["both_above_limit"] = [
        f"{r['name']} {r['dtype']} {r['ratio_both']:.2f}" for r in held_to_torch if r["ratio_both"] > RATIO_LIMIT
    ]
    summary["gelu_float32_to_erf_plus_exp"] = [
        r["ratio_both_to_erf_plus_exp"] for r in results if r["ratio_both_to_erf_plus_exp"]
    ]
    summary["memory_above_limit"] = [
        f"{r['name']} {r['dtype']} {k} {r[f'mem_{k}']:.2f}"
        for r in results for k in ("fwd", "der", "both") if r[f"mem_{k}"] > MEMORY_LIMIT
    ]
    summary["max_memory"] = max(r[f"mem_{k}"] for r in results for k in ("fwd", "der", "both"))
    if torch is None:
        print("\ntorch is not installed: no torch columns, no ratios.")
    else:
        print(
            f"\nGeometric mean of actlib/torch: forward {summary['geomean_ratio_fwd']:.2f}, "
            f"derivative {summary['geomean_ratio_der']:.2f}, both {summary['geomean_ratio_both']:.2f}; "
            f"both without exact GELU float32 {summary['geomean_ratio_both_without_gelu_float32']:.2f} "
            f"(target {GEOMEAN_LIMIT})"
        )
        print(f"both above {RATIO_LIMIT}: " + (", ".join(summary["both_above_limit"]) or "none"))
        for v in summary["gelu_float32_to_erf_plus_exp"]:
            print(f"exact GELU float32, both / (scipy.special.erf + np.exp): {v:.2f} (target {GELU_ERF_LIMIT})")
        if "binary_step" in names:
            print("binary_step: torch.heaviside has no derivative (autograd: not implemented), so no torch column.")
    print(
        f"Peak memory of one call: at most {summary['max_memory']:.2f} × the input (target {MEMORY_LIMIT}); above: "
        + (", ".join(summary["memory_above_limit"]) or "none")
    )

    if args.json:
        meta = {
            "n": n, "rounds": rounds, "seed": SEED, "input": "normal * 5", "clock": "time.thread_time",
            "numpy": np.__version__, "torch": torch.__version__ if torch else None,
            "torch_threads": 1, "python": platform.python_version(), "machine": platform.machine(),
            "processor": platform.processor(),
            "torch_both_ms": "forward with graph + autograd.grad(y, t, ones)",
            "torch_bwd_only_ms": "autograd.grad(y, t, ones, retain_graph=True) on a graph built once",
            "mem": "tracemalloc peak of one call / input bytes",
        }
        with open(args.json, "w") as fh:
            json.dump({"meta": meta, "results": results, "summary": summary}, fh, indent=1)
        print(f"saved {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
