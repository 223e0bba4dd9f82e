"""Speed of every elementwise activation: actlib vs the naive textbook formula vs PyTorch.

For each name in ``actlib.names(kind="elementwise", aliases=False)`` and each of
float32 and float64, time on the same seeded input (normal * 5, 1e6 elements):

* forward: ``actlib.NAME(x)``, the naive formula from ``actlib.numerics.naive``,
  and torch's functional op (single-threaded, ``torch.set_num_threads(1)``);
* derivative: ``actlib.NAME.derivative(x)``, the naive derivative, and torch
  autograd from the same x: ``y = f(t)`` with ``t.requires_grad``, then
  ``torch.autograd.grad(y, t, grad_outputs=ones)``. That is what it costs to
  get f'(x) from x in torch, which cannot differentiate without running the
  forward first; the backward pass alone (graph built once,
  ``retain_graph=True``) is saved in the JSON as ``torch_bwd_only_ms``.

Each time is the best (minimum) of several repeats after a warm-up call, per
call, in milliseconds. ``ratio`` is actlib / torch in the same run: below 1
actlib is faster. At the end: the geometric mean of the ratios and the
entries whose ratio exceeds 2.

Run: ``python benchmarks/bench_elementwise.py [--quick] [--json PATH]``.
See benchmarks/README.md for how to read the table.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import timeit
from pathlib import Path

import numpy as np

import actlib

try:  # the naive textbook forms live next to the stable ones
    from actlib.numerics import naive
except ImportError:  # an actlib without the numerics module: no naive column
    naive = None

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from torch_map import TORCH, torch  # noqa: E402  (None without torch)

RATIO_LIMIT = 2.0
# torch's identity returns its input without touching it, actlib's returns a
# copy: that forward ratio measures a memcpy against nothing, so the summary
# also gives the geometric mean without these entries.
NO_WORK_IN_TORCH = {("identity", "fwd")}
SEED = 20261124


def torch_forms():
    """name -> torch op at actlib's default parameters, from the tests' one map (tests/torch_map.py)."""
    if torch is None:
        return {}
    return {
        name: (lambda fn, params: lambda t: fn(t, **params))(fn, actlib.get(name).params)
        for name, fn in TORCH.items()
    }


def best_ms(fn, repeat: int, target_s: float) -> float:
    """Best-of-``repeat`` time of one call of ``fn`` in ms, timeit-style, after a warm-up.

    Each repeat runs ``number`` calls, ``number`` chosen so that one repeat
    takes about ``target_s``; the minimum is the least disturbed measurement.
    """
    fn()  # warm-up: first-call allocations, lazy imports, caches
    timer = timeit.Timer(fn)
    one = max(timer.timeit(1), 1e-7)
    number = max(1, int(target_s / one))
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e3


def naive_pair(name):
    """(forward, derivative) naive callables for ``name``, or (None, None)."""
    if naive is None:
        return None, None
    return getattr(naive, name, None), getattr(naive, f"{name}_derivative", None)


def quiet(fn):
    """Run a naive form with numpy's floating-point warnings off.

    The naive forms overflow (exp of large x), divide by zero and produce
    inf/NaN on this input: those warnings are the lesson of the numerics
    chapter, not noise to fix here. Only the naive calls are wrapped; actlib
    runs with every warning on.
    """

    def run():
        with np.errstate(all="ignore"):
            return fn()

    return run


def torch_timers(fn, x):
    """(forward, derivative, backward-only) zero-argument callables for torch; None where torch has no derivative."""
    t = torch.from_numpy(x.copy())
    tg = t.clone().requires_grad_()

    def forward():
        with torch.no_grad():
            return fn(t)

    def derivative():
        y = fn(tg)
        return torch.autograd.grad(y, tg, torch.ones_like(y))

    y = fn(tg)
    ones = torch.ones_like(y)
    try:
        torch.autograd.grad(y, tg, ones, retain_graph=True)
    except RuntimeError:  # torch.heaviside: "the derivative ... is not implemented"
        return forward, None, None

    def backward_only():
        return torch.autograd.grad(y, tg, ones, retain_graph=True)

    return forward, derivative, backward_only


def fmt(v, digits=3):
    if v is None:
        return "—"
    return f"{v:.{digits}f}" if v < 100 else f"{v:.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1e5 elements and fewer repeats")
    parser.add_argument("--json", metavar="PATH", help="also save the results as JSON")
    parser.add_argument("--names", nargs="*", help="only these activations (default: all elementwise)")
    args = parser.parse_args(argv)

    n = 10**5 if args.quick else 10**6
    repeat, target_s = (3, 0.02) if args.quick else (7, 0.05)
    names = args.names or actlib.names(kind="elementwise", aliases=False)
    if torch is not None:
        torch.set_num_threads(1)
    tforms = torch_forms()

    rows, results = [], []
    for name in names:
        act = actlib.get(name)
        nf, nd = naive_pair(name)
        for dtype in (np.float32, np.float64):
            x = (np.random.default_rng(SEED).normal(size=n) * 5).astype(dtype)
            r = {"name": name, "dtype": np.dtype(dtype).name, "n": n}
            r["actlib_fwd_ms"] = best_ms(lambda: act(x), repeat, target_s)
            r["actlib_der_ms"] = best_ms(lambda: act.derivative(x), repeat, target_s)
            r["naive_fwd_ms"] = best_ms(quiet(lambda: nf(x)), repeat, target_s) if nf else None
            r["naive_der_ms"] = best_ms(quiet(lambda: nd(x)), repeat, target_s) if nd else None
            r["torch_fwd_ms"] = r["torch_der_ms"] = r["torch_bwd_only_ms"] = None
            if name in tforms:
                fwd, der, bwd = torch_timers(tforms[name], x)
                r["torch_fwd_ms"] = best_ms(fwd, repeat, target_s)
                if der is not None:
                    r["torch_der_ms"] = best_ms(der, repeat, target_s)
                    r["torch_bwd_only_ms"] = best_ms(bwd, repeat, target_s)
            for kind in ("fwd", "der"):
                t_ms = r[f"torch_{kind}_ms"]
                r[f"ratio_{kind}"] = r[f"actlib_{kind}_ms"] / t_ms if t_ms else None
            results.append(r)
            rows.append(
                f"| {name} | {r['dtype']} | {fmt(r['actlib_fwd_ms'])} | {fmt(r['naive_fwd_ms'])} | "
                f"{fmt(r['torch_fwd_ms'])} | {fmt(r['ratio_fwd'], 2)} | {fmt(r['actlib_der_ms'])} | "
                f"{fmt(r['naive_der_ms'])} | {fmt(r['torch_der_ms'])} | {fmt(r['ratio_der'], 2)} |"
            )
            print(f"  {name} {r['dtype']} done", file=sys.stderr, flush=True)

    header = (
        f"Elementwise activations, {n:.0e} elements (normal * 5), best of {repeat}, ms per call; "
        f"torch {torch.__version__ + ' single-threaded' if torch else 'not installed'}, numpy {np.__version__}\n\n"
        "| name | dtype | actlib fwd ms | naive fwd ms | torch fwd ms | ratio fwd | "
        "actlib der ms | naive der ms | torch der ms | ratio der |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    print(header)
    print("\n".join(rows))

    summary = {}
    for kind in ("fwd", "der"):
        ratios = [r[f"ratio_{kind}"] for r in results if r[f"ratio_{kind}"]]
        summary[f"geomean_ratio_{kind}"] = math.exp(np.mean(np.log(ratios))) if ratios else None
    all_ratios = [r[f"ratio_{k}"] for r in results for k in ("fwd", "der") if r[f"ratio_{k}"]]
    summary["geomean_ratio"] = math.exp(np.mean(np.log(all_ratios))) if all_ratios else None
    fair = [r[f"ratio_{k}"] for r in results for k in ("fwd", "der") if r[f"ratio_{k}"] and (r["name"], k) not in NO_WORK_IN_TORCH]
    summary["geomean_ratio_without_identity_fwd"] = math.exp(np.mean(np.log(fair))) if fair else None
    slow = [
        f"{r['name']} ({r['dtype']} {k} {r[f'ratio_{k}']:.2f})"
        for r in results
        for k in ("fwd", "der")
        if r[f"ratio_{k}"] and r[f"ratio_{k}"] > RATIO_LIMIT
    ]
    summary["slow"] = slow
    summary["slow_names"] = sorted({s.split(" ")[0] for s in slow}, key=names.index)
    if torch is None:
        print("\ntorch is not installed: no torch columns, no ratios.")
    else:
        print(
            f"\nGeometric mean of actlib/torch: forward {summary['geomean_ratio_fwd']:.2f}, "
            f"derivative {summary['geomean_ratio_der']:.2f}, all {summary['geomean_ratio']:.2f}; "
            f"all but identity's forward (torch copies nothing there) {summary['geomean_ratio_without_identity_fwd']:.2f}"
        )
        print(f"Ratio above {RATIO_LIMIT}: " + (", ".join(slow) if slow else "none"))
        print("Names: " + (", ".join(summary["slow_names"]) if slow else "none"))
        if "binary_step" in names:
            print("binary_step: torch.heaviside has no derivative (autograd: not implemented), so no torch column.")

    if args.json:
        meta = {
            "n": n, "repeat": repeat, "seed": SEED, "input": "normal * 5",
            "numpy": np.__version__, "torch": torch.__version__ if torch else None,
            "torch_threads": 1, "python": platform.python_version(), "machine": platform.machine(),
            "processor": platform.processor(),
            "torch_der_ms": "forward with graph + autograd.grad(y, t, ones)",
            "torch_bwd_only_ms": "autograd.grad(y, t, ones, retain_graph=True) on a graph built once",
        }
        with open(args.json, "w") as fh:
            json.dump({"meta": meta, "results": results, "summary": summary}, fh, indent=1)
        print(f"saved {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
