"""The checks of chapters/practice/01_vanishing_gradients.ipynb (labels ``vanishing-...``)."""

from __future__ import annotations

import functools

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, not_one_number, register, register_answers

register_answers("vanishing-recall", {
    "sigmoid_max_slope": Answer("sha256:ddedd9dff44078e401bb870fe238d909aa370ab77527fbb8464f184e5de1bacd",
                                "the largest value of σ′", hint="σ′(x) = σ(x)(1 − σ(x)); where is it largest?"),
    "tanh_max_slope": Answer("sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b",
                             "the largest value of tanh′", hint="tanh′(x) = 1 − tanh(x)²"),
    "units_for_a_million": Answer("sha256:3dddf3e69cc05f397a8e161595a94ad591bdbe1dad0788f0e9b0213446998433",
                                  "the number of sigmoid units",
                                  hint="each unit multiplies by at most 1/4: find the smallest d with 4^d ≥ 10^6"),
})


# --------------------------------------------------------------------------
# Code: the bound max|f′| ‖W‖₂ on what each layer can do to a backward gradient
# --------------------------------------------------------------------------
def _bound_cases():
    """(weights, max_slope) pairs on which norms differ: Frobenius, 1, inf, max entry, spectral radius, squared."""
    rng = np.random.default_rng(7)
    square = rng.standard_normal((6, 6)) / np.sqrt(6)
    wide = rng.standard_normal((5, 9))  # rectangular: no eigenvalues
    return [
        ([np.eye(8), square], 0.25),  # ‖I‖₂ = 1 while its Frobenius norm is √8
        ([np.array([[0.0, 2.0], [0.0, 0.0]]), np.array([[3.0, -1.0], [1.0, 3.0]])], 1.0),  # spectral radius 0 and √10 ≠ ‖W‖₂
        ([wide, wide.T, rng.standard_normal((9, 3)) * 0.1], 1.0507),
        ([np.outer([1.0, 2.0, 2.0], [2.0, -1.0, 2.0, 0.5])], 0.25),  # rank one: only here does Frobenius agree
    ]


def _true_bounds(weights, max_slope) -> np.ndarray:
    return np.array([max_slope * np.linalg.svd(W, compute_uv=False)[0] for W in weights])


@register("vanishing-bound", "layer_gain_bounds",
          "layer_gain_bounds(weights, max_slope) on square, rectangular and non-symmetric matrices, one bound per matrix", function=True)
def _vanishing_bound(layer_gain_bounds, strict=False):
    """A learner's ``layer_gain_bounds(weights, max_slope)`` returns ``max_slope * ‖W‖₂`` for every matrix, in order."""
    __tracebackhide__ = True
    cases = _bound_cases()
    for weights, slope in cases:
        copies = [W.copy() for W in weights]
        shapes = " and ".join("×".join(map(str, W.shape)) for W in weights)
        where = f"for weights of shapes {shapes} and max_slope = {slope:g},"
        try:
            out = layer_gain_bounds(weights, slope)
        except Exception as exc:  # the learner's code: any error is feedback
            eig = isinstance(exc, np.linalg.LinAlgError)
            return _raised(where, exc, strict, advice="eigenvalues need a square matrix, and the largest |eigenvalue| "
                                                      "is not the largest singular value" if eig else None)
        if any(not np.array_equal(W, C) for W, C in zip(weights, copies)):
            return _fail(f"{where} your function changed a weight matrix in place", "compute the norms without assigning into W",
                         Failure(), strict)
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        try:
            got = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            return _fail(f"{where} your function returned {_fmt(out)}, not numbers", None, Failure(got=out), strict)
        if got.shape != (len(weights),):
            return _fail(f"{where} your function returned {_fmt(out)}: one bound per weight matrix was expected, "
                         f"{len(weights)} here", "one number per matrix, in the order of the list; no product over layers",
                         Failure(got=out), strict)
        want = _true_bounds(weights, slope)
        wrong = np.flatnonzero(~(np.abs(got - want) <= 1e-9 * np.abs(want)))
        if wrong.size:
            i = int(wrong[0])
            return _fail(f"{where} your bound for matrix {i} (shape {'×'.join(map(str, weights[i].shape))}) is {_fmt(got[i])}, "
                         "which is not max_slope times its spectral norm",
                         "the spectral norm is the largest singular value, np.linalg.norm(W, 2); np.linalg.norm(W) alone is "
                         "the Frobenius norm", Failure(got=out), strict)
    return _finish(True, f"✅ passed: layer_gain_bounds on {len(cases)} lists of weight matrices (square, rectangular, "
                   "non-symmetric, rank one), one bound per matrix, weights left unchanged", None, strict)


# --------------------------------------------------------------------------
# Break: the gain at which tanh's gradients explode
# --------------------------------------------------------------------------
GAINS = tuple(float(g) for g in np.linspace(1.0, 3.0, 21))
"""The grid the exercise searches: 1.0, 1.1, …, 3.0."""


@functools.lru_cache(maxsize=None)
def _explosion(gain: float) -> float:
    """Layer 1's weight-gradient norm over layer 30's, tanh with Xavier weights times ``gain`` (the chapter's network)."""
    from ..experiments import gradient_norms

    r = gradient_norms("tanh", depth=30, width=64, init="xavier", gain=gain)
    return float(r.norms[0] / r.norms[-1])


@register("vanishing-explode", "gain", "layer 1 over layer 30 above 1000 at the gain, and not one grid step below")
def _vanishing_explode(gain, strict=False):
    """The first gain on the grid 1.0, 1.1, …, 3.0 where tanh's layer-1 gradient exceeds 1000 times layer 30's (recomputed)."""
    __tracebackhide__ = True
    failed = not_one_number("gain", gain, "give a single float from the grid, e.g. gain = 1.5", strict)
    if failed is not None:
        return failed
    on_grid = [g for g in GAINS if abs(g - float(gain)) <= 1e-9]
    if not on_grid:
        return _fail(f"gain = {_fmt(gain)} is not on the grid 1.0, 1.1, …, 3.0", None, Failure(got=gain), strict)
    g = on_grid[0]
    ratio = _explosion(g)
    if not ratio > 1000:
        return _fail(f"at gain = {g:g} layer 1's gradient is {ratio:.3g} times layer 30's, not more than 1000 times",
                     "try larger gains", Failure(x=g, got=ratio), strict)
    k = GAINS.index(g)
    if k > 0 and _explosion(GAINS[k - 1]) > 1000:
        return _fail(f"at gain = {GAINS[k - 1]:g}, one grid step below yours, the ratio is already above 1000",
                     "scan the grid from the bottom and stop at the first gain above 1000", Failure(x=g), strict)
    return _finish(True, "✅ passed: at your gain layer 1's gradient is more than 1000 times layer 30's, "
                   "and one grid step below it is not (recomputed with actlib.experiments.gradient_norms)", None, strict)


register_answers("vanishing-choose", {
    "choices": Answer("sha256:9dbf3dd252b8c654168af543c37f868ad79a2cfa6729744ed96bdced053d127b",
                      "the three choices (a) to (c)",
                      hint="(a) compare the slopes at 0; (b) what made the gradients grow in the exploding section?; "
                           "(c) every layer is small, not only the first ones"),
})
