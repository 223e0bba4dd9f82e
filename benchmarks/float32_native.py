"""Could this activation compute float32 in float32? The accuracy bound checked on a million points.

``tests/test_accuracy.py`` checks the bound of issue 2 against mpmath on a grid
of about 1400 points. Before an activation computes float32 natively (not
``upcast``), this script checks the same bound far more densely: it evaluates
float32 input once in float32 (``upcast`` switched off for the run), by the
separate call and by ``value_and_derivative`` (the worse of the two counts), and once
through float64, whose error is far below a float32 ulp, on 1e6 points
(normal * 5, log-spaced magnitudes from 1e-8 to 1e4 of both signs, uniform on
[-110, 110]), and counts the points where

    |float32 result - float64 result| > 4 ulp + 4 eps |x g'(x)|

with g the value or the derivative and g' from float64 (the derivative, or a
central difference of it), accepting as the tests do an error below the
smallest normal number where the exact value is below it, and an absolute
error of 4 eps within 0.5 of the minimum of SiLU, GELU and Mish.

Run: ``python benchmarks/float32_native.py [NAME[:PARAM=VALUE,...] ...]``
(default: every elementwise activation at its defaults), e.g.
``gelu:approximate=True``. ``native today`` says what actlib does now.
"""

from __future__ import annotations

import ast
import sys

import numpy as np

import actlib
from actlib.reference import DERIVATIVE_ROOTS


def dense_points() -> np.ndarray:
    rng = np.random.default_rng(5)
    mags = 10 ** rng.uniform(-8, 4, 300_000)
    x = np.concatenate([rng.normal(size=300_000) * 5, mags, -mags, rng.uniform(-110, 110, 100_000)])
    return x.astype(np.float32)


def check(spec: str, x: np.ndarray) -> str:
    name, _, given = spec.partition(":")
    params = {k: ast.literal_eval(v) for k, v in (item.split("=") for item in given.split(",") if item)}
    act = actlib.get(name)
    eps, tiny = float(np.finfo(np.float32).eps), float(np.finfo(np.float32).tiny)
    x64 = x.astype(np.float64)
    native = not act.upcast
    cells = []
    for derivative in (False, True):
        fn = act.derivative if derivative else act
        act.upcast = False
        try:  # the separate call and the shared value_and_derivative path, each held to the bound
            separate = fn(x, **params).astype(np.float64)
            shared = act.value_and_derivative(x, **params)[int(derivative)].astype(np.float64)
        finally:
            act.upcast = not native
        ref = fn(x64, **params)
        # the worse of the two paths at each point
        got = np.where(np.abs(separate - ref) >= np.abs(shared - ref), separate, shared)
        if derivative:
            h = np.maximum(np.abs(x64) * 1e-7, 1e-12)
            slope = (act.derivative(x64 + h, **params) - act.derivative(x64 - h, **params)) / (2 * h)
        else:
            slope = act.derivative(x64, **params)
        with np.errstate(over="ignore"):
            ulp = np.spacing(np.abs(ref).astype(np.float32)).astype(np.float64)
        err = np.abs(got - ref)
        ok = (err <= 4 * ulp + 4 * eps * np.abs(x64 * slope)) | ((np.abs(ref) < tiny) & (err < tiny))
        root = DERIVATIVE_ROOTS.get(name) if derivative and not params else None
        if root is not None:
            ok |= (np.abs(x64 - root) <= 0.5) & (err <= 4 * eps)
        in_ulps = np.where(np.abs(ref) < tiny, 0.0, err / ulp)
        worst = int(np.argmax(np.where(ok, 0.0, in_ulps))) if not ok.all() else int(np.argmax(in_ulps))
        cells.append(f"{(~ok).sum()} ({in_ulps[worst]:.1f} ulp at x={x[worst]:.4g})")
    return f"| {spec} | {'yes' if native else 'no'} | {cells[0]} | {cells[1]} |"


def main(argv=None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or actlib.names(kind="elementwise", aliases=False)
    x = dense_points()
    print(f"float32 computed in float32, {x.size} points: points beyond the bound (worst one)\n")
    print("| function | native today | value | derivative |\n|---|---|---|---|")
    with np.errstate(under="ignore"):
        for name in names:
            print(check(name, x), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
