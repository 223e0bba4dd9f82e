"""The checks of chapters/foundations/02_backpropagation.ipynb (labels ``backprop-...``)."""

from __future__ import annotations

import numpy as np

from .._feedback import Failure, _fail, _finish, _raised
from ..checks import Answer, register, register_answers

register_answers("backprop-recall", {
    "order_central": Answer("sha256:fdce441a908b62eba6e1b3187bcef2f6ae8284f40bc93c5b1601dfa44b3fa94f",
                            "the order p of the central difference's truncation error O(h^p)",
                            hint="expand f(x + h) and f(x − h) in Taylor series and subtract"),
    "order_forward": Answer("sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b",
                            "the order p of the forward difference's truncation error O(h^p)",
                            hint="expand f(x + h) in a Taylor series"),
    "step_exponent": Answer("sha256:744c56d67ad3059dea3271c32f4a07168dbcdbf98a95f8d92e02475df3e04876",
                            "the exponent k in the best central-difference step h ∝ ε^k",
                            hint="balance h² against ε / h; give a fraction such as 1/5, not a rounded decimal"),
})

register_answers("backprop-predict", {
    "smaller_h": Answer("sha256:a2ca48caabf0d12b1939d58f1ab31781e4fd729198611e4cd535476cabc1cf39",
                        "the change of the error from h = 1e-5 to h = 1e-11 (\"larger\" or \"smaller\")",
                        hint="which of the two error terms grows as h shrinks?"),
    "relu_at_0": Answer("sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037",
                        "the central difference of ReLU at 0",
                        hint="compute (ReLU(h) − ReLU(−h)) / (2h) by hand"),
})

register_answers("backprop-choose", {
    "choices": Answer(("sha256:2abd01686837ac60562bfce4327c5024456867edec3c125f703da1eed03459ae",
                       "sha256:a8eece6bfd8a3228f3503ba1c631c9f9a6e753e2ba3540f8f1f25bd263a4b7ba"),
                      "the three choices (a) to (c)",
                      hint="the best step is near the cube root of the format's ε (the step-size table); an error "
                           "compared with what?"),
})


def _problems():
    """``(f, x, h, exact gradient at x)``: smooth functions of arrays of several shapes, with large higher derivatives."""
    rng = np.random.default_rng(1986)
    A = rng.standard_normal((6, 6))
    A = A @ A.T
    cases = []
    x1 = rng.uniform(-1, 1, 5)
    cases.append((lambda x: float(np.sum(np.sin(3 * x))), x1, 1e-3, 3 * np.cos(3 * x1)))
    x2 = rng.uniform(-1, 1, (2, 3))
    cases.append((lambda x: float(np.sum(np.sin(3 * x))), x2, 1e-2, 3 * np.cos(3 * x2)))
    x3 = rng.uniform(-1, 1, 6)
    cases.append((lambda x: float(np.exp(x @ A @ x / 10)), x3, 1e-4, np.exp(x3 @ A @ x3 / 10) * (A @ x3) / 5))
    x4 = rng.uniform(-2, 2, 4)
    cases.append((lambda x: np.log(np.sum(np.exp(2 * x))), x4, 1e-3, 2 * np.exp(2 * x4) / np.sum(np.exp(2 * x4))))
    return cases


def _central(f, x, h):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


@register("backprop-gradcheck", "numerical_gradient",
          "numerical_gradient(f, x, h) on four functions: central differences at the given h, shapes, x unchanged", function=True)
def _gradcheck(numerical_gradient, strict=False):
    """A learner's ``numerical_gradient(f, x, h)`` must return the central-difference gradient of ``f`` at ``x``."""
    __tracebackhide__ = True
    for f, x, h, exact in _problems():
        where = f"for x of shape {x.shape} and h = {h:g}"
        given = x.copy()
        try:
            with np.errstate(all="raise"):
                out = numerical_gradient(f, given, h)
        except Exception as exc:  # noqa: BLE001  (the learner's code: any error is a failure to report)
            return _raised(where, exc, strict)
        if not np.array_equal(given, x):
            return _fail(f"{where} your function changed x", "perturb a copy, or put the entry back after each step",
                         Failure(), strict)
        if not isinstance(out, np.ndarray) or out.dtype.kind != "f":
            kind = type(out).__name__ if not isinstance(out, np.ndarray) else f"a {out.dtype} array"
            return _fail(f"{where} your function returned {kind}, not a float numpy array", None, Failure(got=out), strict)
        if out.shape != x.shape:
            return _fail(f"{where} your gradient has shape {out.shape}, not the shape of x", None, Failure(got=out.shape),
                         strict)
        want = _central(f, x, h)
        rel = float(np.max(np.abs(out - want)) / np.max(np.abs(want)))
        if rel > 1e-8:
            err = float(np.max(np.abs(out - exact)) / np.max(np.abs(exact)))
            if err < rel / 10:  # closer to the true gradient than central differences at h are: another h
                hint = "use the step h you are given: the check compares with central differences at that h"
            elif np.allclose(out, 2 * want, rtol=1e-6) or np.allclose(out, want / 2, rtol=1e-6):
                hint = "the two points x + h e_i and x − h e_i are 2h apart"
            elif np.allclose(out, -want, rtol=1e-6):
                hint = "check the sign: f(x + h e_i) comes first"
            else:
                hint = ("perturb one entry at a time, by +h and by −h (central differences), "
                        "and divide the difference of the two values of f by 2h")
            return _fail(f"{where} your gradient is off by a relative error of {rel:.2g} from central differences", hint,
                         Failure(got=out), strict)
    return _finish(True, "✅ passed: numerical_gradient on four functions of vectors and a matrix: central differences at "
                   "the given h to rounding, a float array of x's shape, x left unchanged", None, strict)
