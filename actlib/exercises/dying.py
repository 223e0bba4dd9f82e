"""The checks of chapters/practice/02_dying_relu.ipynb (labels ``dying-...``)."""

from __future__ import annotations

import functools

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, not_one_number, register, register_answers

_ZERO = "sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383"

register_answers("dying-recall", {
    "dead_weight_gradient": Answer(_ZERO, "the gradient of a dead unit's incoming weights",
                                   hint="∂L/∂w sums a term f′(z) per sample; what is ReLU′ where z ≤ 0?"),
    "leaky_slope": Answer("sha256:f8bc38b0a34cae6d6c3cd4968339f8874b2e6743421fef6c0441cc771d1b0f0b",
                          "leaky ReLU's slope below 0 in actlib", hint="help(actlib.leaky_relu): its default alpha"),
    "elu_slope_limit": Answer(_ZERO, "the limit of ELU′(z) as z → −∞", hint="ELU′(z) = α e^z for z < 0"),
})


# --------------------------------------------------------------------------
# Code: the bias at which each unit of a layer dies
# --------------------------------------------------------------------------
def _death_cases():
    """Layers ``(X, W)``: standard-normal and non-negative inputs (like pixels), one unit or many, a row of zeros."""
    rng = np.random.default_rng(11)
    pixels = rng.uniform(0.0, 1.0, (40, 6))
    pixels[::5, :3] = 0.0  # dark pixels, as at the border of a digit
    with_zero_row = rng.standard_normal((12, 4))
    with_zero_row[3] = 0.0
    return [
        (rng.standard_normal((30, 5)), rng.standard_normal((5, 7))),
        (pixels, rng.standard_normal((6, 3))),
        (rng.standard_normal((8, 3)), rng.standard_normal((3, 1))),
        (with_zero_row, -np.abs(rng.standard_normal((4, 5)))),
    ]


@register("dying-threshold", "death_biases",
          "death_biases(X, W) on four layers: every unit dead at its bias, alive just above it", function=True)
def _dying_threshold(death_biases, strict=False):
    """A learner's ``death_biases(X, W)`` returns, per unit, the largest bias at which ReLU(X W + b) is 0 on every row."""
    __tracebackhide__ = True
    cases = _death_cases()
    for X, W in cases:
        X0, W0 = X.copy(), W.copy()
        where = f"on a layer of {W.shape[1]} unit{'s' if W.shape[1] > 1 else ''} and {X.shape[0]} rows,"
        try:
            out = death_biases(X, W)
        except Exception as exc:  # the learner's code: any error is feedback
            return _raised(where, exc, strict)
        if not (np.array_equal(X, X0) and np.array_equal(W, W0)):
            return _fail(f"{where} your function changed X or W in place", "compute X @ W as a new array", Failure(), strict)
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        try:
            got = np.asarray(out, dtype=float)
        except (TypeError, ValueError):
            return _fail(f"{where} your function returned {_fmt(out)}, not numbers", None, Failure(got=out), strict)
        if got.shape != (W.shape[1],):
            return _fail(f"{where} your function returned an array of shape {got.shape}: one bias per unit was expected",
                         "reduce over the rows (axis=0), one value per column of X @ W", Failure(got=out), strict)
        peak = (X @ W).max(axis=0)  # the unit's largest pre-activation without bias
        want = -peak
        wrong = np.flatnonzero(~(np.abs(got - want) <= 1e-12 * np.maximum(np.abs(want), 1e-300)))
        if wrong.size:
            j = int(wrong[0])
            z = X @ W[:, j] + got[j]
            state = "dead" if np.all(z <= 0) else "alive on some rows"
            hint = ("at your bias the unit is dead, but so it is a little above it: the largest such bias is wanted"
                    if state == "dead" else "at a bias that kills the unit, X @ w + b is ≤ 0 on every row, even the largest")
            return _fail(f"{where} your bias for unit {j} is {_fmt(got[j])}, at which the unit is {state}", hint,
                         Failure(got=out), strict)
    return _finish(True, f"✅ passed: death_biases on {len(cases)} layers (normal and non-negative inputs, one unit and "
                   "several, a row of zeros): each unit dead at its bias and alive above it, X and W left unchanged",
                   None, strict)


# --------------------------------------------------------------------------
# Break: the learning rate at which a quarter of the units die
# --------------------------------------------------------------------------
RATES = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)
"""The learning rates the exercise searches."""


@functools.lru_cache(maxsize=None)
def _dead_after_training(lr: float) -> int:
    """Dead hidden units (of 128) of the chapter's ReLU digits network after 5 epochs of SGD at ``lr``."""
    from ..experiments import dead_units_during_training

    return int(dead_units_during_training("relu", lr=lr, hidden=(64, 64), epochs=5).counts[-1].sum())


@register("dying-break", "lr", "a quarter of the units dead at the learning rate, and not at the one below it on the grid")
def _dying_break(lr, strict=False):
    """The first learning rate of :data:`RATES` after which at least 32 of the 128 hidden units are dead (recomputed)."""
    __tracebackhide__ = True
    failed = not_one_number("lr", lr, "give a single learning rate from the grid, e.g. lr = 0.05", strict)
    if failed is not None:
        return failed
    on_grid = [r for r in RATES if abs(r - float(lr)) <= 1e-9 * r]
    if not on_grid:
        return _fail(f"lr = {_fmt(lr)} is not one of the learning rates {', '.join(f'{r:g}' for r in RATES)}", None,
                     Failure(got=lr), strict)
    rate = on_grid[0]
    dead = _dead_after_training(rate)
    if dead < 32:
        return _fail(f"at lr = {rate:g} {dead} of the 128 hidden units are dead after 5 epochs, fewer than a quarter",
                     "try larger learning rates", Failure(x=rate, got=dead), strict)
    k = RATES.index(rate)
    if k > 0 and _dead_after_training(RATES[k - 1]) >= 32:
        return _fail(f"at lr = {RATES[k - 1]:g}, the grid's rate below yours, a quarter of the units are already dead",
                     "go through the grid from the smallest rate and stop at the first that kills a quarter", Failure(x=rate),
                     strict)
    return _finish(True, "✅ passed: at your learning rate at least a quarter of the hidden units die within 5 epochs, "
                   "and at the grid's rate below it fewer do (recomputed with actlib.experiments.dead_units_during_training)",
                   None, strict)


register_answers("dying-choose", {
    "choices": Answer("sha256:2e504d13275fc24a3464bb37aebba106ba91f1887e9352e593d09cb464a4ccb9",
                      "the three choices (a) to (c)",
                      hint="(a) which remedy restored the accuracy at lr = 0.3?; (b) and (c): what feeds a unit of "
                           "the first layer, and what feeds one of the second? (the table of the learning-rate sweep)"),
})
