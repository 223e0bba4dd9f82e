r"""The course's named exercise checks: one entry per graded check cell.

A chapter's check cell calls ``actlib.checks.exercise("<name>", answer, ...)``;
``tests/exercise_answers/<chapter>.py`` lists, for every name here, the wrong
answers the check must reject and the right ones it must accept, and
``tests/test_exercise_answers.py`` runs them through the same call. A name is
``<exercise label>`` or ``<exercise label>:<part>`` (one graded cell per
function). Recall answers are stored as digests (``actlib.checks.answer_digest``),
never as values.
"""

from __future__ import annotations

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import TAILS, Answer, FunctionCheck, not_one_number, register, register_answers, register_function
from ..function_checks import _run

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_HALF = "sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037"
_QUARTER = "sha256:ddedd9dff44078e401bb870fe238d909aa370ab77527fbb8464f184e5de1bacd"
_ZERO = "sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383"
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"
# tanh x = a σ(bx) + c holds for two triples, since σ(−y) = 1 − σ(y).
_TANH_ABC = ("sha256:a966cfcd118a414b0487eeb76829777e31aabecd47e8fa0b69943602fe664875",
             "sha256:52b8394c411fc78dc2834170342ddb67d079385ff4a91520f25bac53121b1e28")

# --------------------------------------------------------------------------
# 01 sigmoid
# --------------------------------------------------------------------------
register_answers("sigmoid-recall", {
    "sigma_at_0": Answer(_HALF, "σ(0)"),
    "slope_at_0": Answer(_QUARTER, "σ′(0)", hint="σ′(x) = σ(x) σ(−x)"),
    "slope_at_infinity": Answer(_ZERO, "the limit of σ′(x) as x → ∞"),
})
register_function("sigmoid-stable", "my_sigmoid", FunctionCheck(
    "sigmoid", tails=TAILS,
    hint="σ(x) = 1 / (1 + e^(−x)); compare your formula with the Definition section",
    tail_hint="1 − σ(−x) and similar differences lose the digits of a tiny result; for x < 0 compute σ(x) = e^x / (1 + e^x) directly",
    warn_hint="never call np.exp on a large positive number; np.where computes both of its branches",
))
register_function("sigmoid-log", "my_log_sigmoid", FunctionCheck(
    "log_sigmoid", tails=TAILS,
    hint="log σ(x) = −log(1 + e^(−x)) for every x",
    tail_hint="log(1 + t) loses t when t is tiny; np.log1p(t) keeps it",
    warn_hint="never call np.exp on a large positive number, nor np.log on 0; np.where computes both of its branches",
))

# Written by the sigmoid chapter: a loss on a confidently wrong logit, and the output activation for a task.
register_answers("sigmoid-predict", {
    "naive_loss": Answer("sha256:935018822e2813a5eb03baca5fc957c599344af3d8fcc5ed6e254c5f10602293",
                         "the naive loss at x = −800, y = 1",
                         hint="follow the float64 values: exp(800), then 1 / that, then −log of that"),
    "grad_wrt_logit": Answer("sha256:99aa56c56cf1eca40b5cefc527069b9996ddf9bbd12b1a9864650fa498d3234a",
                             "the BCE gradient with respect to the logit at x = −800, y = 1",
                             hint="the gradient is σ(x) − y; it never involves σ′"),
})
register_answers("sigmoid-choose", {
    "choices": Answer("sha256:ccc788a2df378011775bb99aaf4cde04483358dc7b593dda9588952dae9e60dd",
                      "the four output activations (a) to (d)",
                      hint="for each task ask: independent labels or exclusive classes, a probability or an unbounded "
                           "number? (Pitfalls and when to use it)"),
})

# --------------------------------------------------------------------------
# 02 tanh
# --------------------------------------------------------------------------
register_answers("tanh-recall", {
    "tanh_at_0": Answer(_ZERO, "tanh(0)"),
    "slope_at_0": Answer(_ONE, "tanh′(0)", hint="tanh′(x) = 1 − tanh(x)²"),
    "abc": Answer(_TANH_ABC, "(a, b, c)", hint="write tanh with exponentials and compare with σ(2x)"),
})
register_function("tanh-stable", "my_tanh_derivative", FunctionCheck(
    "tanh", derivative=True, tails=TAILS,
    hint="tanh′(x) = 1 − tanh(x)²; compare your formula with the derivation",
    tail_hint="1 − tanh(x)² cancels when tanh(x) is near ±1; write tanh′ with e^(−2|x|)",
    warn_hint="cosh and e^|x| overflow for large |x|; e^(−2|x|) never does",
))


def _naive_tanh_derivative(x):
    return 1 - np.tanh(x) ** 2


@register("tanh-break", "x_break", "the naive derivative is 0 at x_break and not 0 one float below")
def _tanh_break(x_break, strict=False):
    """The smallest positive float where ``1 − np.tanh(x)**2`` is 0, on this machine's numpy: the check recomputes the condition."""
    __tracebackhide__ = True
    failed = not_one_number("x_break", x_break, "give a single float, e.g. x_break = float(hi)", strict)
    if failed is not None:
        return failed
    x = float(x_break)
    if not (np.isfinite(x) and x > 0):
        return _fail(f"x_break = {_fmt(x)} is not a positive finite float", None, Failure(got=x_break), strict)
    if _naive_tanh_derivative(x) != 0:
        return _fail(f"at x_break = {_fmt(x)} the naive derivative is not 0 yet", "search further right", Failure(x=x), strict)
    if _naive_tanh_derivative(np.nextafter(x, 0)) == 0:
        return _fail(f"one float below x_break = {_fmt(x)} the naive derivative is already 0, so x_break is not the smallest",
                     "bisect until lo and hi are adjacent floats; the answer is hi", Failure(x=x), strict)
    return _finish(True, "✅ passed: the naive derivative is 0 at x_break and not 0 one float below it (numpy's tanh on this machine)",
                   None, strict)


# Written by the tanh chapter: which activation for which layer.
register_answers("tanh-choose", {
    "choices": Answer("sha256:645a63dbdf86fd31421e311d82e9ce5538b574097ad042f0c48503cd636cbf93",
                      "the four activations (a) to (d)",
                      hint="for each layer ask what range its output needs, and whether gradients must pass through "
                           "many layers (In a network; Pitfalls and when to use it)"),
})

# --------------------------------------------------------------------------
# 03 relu
# --------------------------------------------------------------------------
register_answers("relu-recall", {
    "fraction_zero": Answer(_HALF, "the fraction of zeros", hint="P(Z ≤ 0) for a symmetric Z"),
    "slope_at_0": Answer(_ZERO, "ReLU′(0) in PyTorch and actlib", hint="the chapter's convention in the Derivative section"),
})
register_function("relu-code:relu", "my_relu", FunctionCheck(
    "relu", hint="ReLU keeps a positive input and gives 0 for a negative one",
))
register_function("relu-code:derivative", "my_relu_derivative", FunctionCheck(
    "relu", derivative=True, nan=False,
    hint="the slope is 1 where x > 0 and 0 where x < 0",
))


def _dead_layers():
    """Layers ``(X, W, b)`` with known dead units: none, some, all but one, and units that fire for one row only."""
    rng = np.random.default_rng(2024)
    layers = []
    for n_rows, n_in, n_out, dead in ((64, 4, 6, [0, 3]), (32, 3, 5, []), (48, 5, 9, [2, 5, 6, 8]), (16, 2, 4, [0, 1, 2])):
        X = rng.standard_normal((n_rows, n_in))
        W = rng.standard_normal((n_in, n_out))
        b = rng.uniform(0.5, 1.0, n_out)
        b[dead] = -100.0  # far below any X @ W: dead on every row
        layers.append((X, W, b))
    X, W, b = layers[-1]
    b[3] = 1e-3 - (X @ W[:, 3]).max()  # unit 3 fires on one row only: alive, though almost dead
    return layers


def _true_dead(X, W, b) -> list[int]:
    return np.flatnonzero(np.all(X @ W + b <= 0, axis=0)).tolist()


@register("relu-dead", "find_dead_units", "find_dead_units(X, W, b) on several layers, sorted integer indices", function=True)
def _relu_dead(find_dead_units, strict=False):
    """A learner's ``find_dead_units(X, W, b)`` must return the sorted indices of the units that are 0 on every row of ReLU(XW + b)."""
    __tracebackhide__ = True
    layers = _dead_layers()
    for X, W, b in layers:
        run = _run(lambda x, W=W, b=b: find_dead_units(x, W, b), X, {})
        where = f"on a layer of {W.shape[1]} units and {X.shape[0]} rows"
        if run.exc is not None:
            return _raised(where, run.exc, strict)
        if run.mutated:
            return _fail(f"{where} your function changed X in place", "compute h = actlib.relu(X @ W + b) as a new array", Failure(), strict)
        out = run.out
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        arr = np.asarray(out) if isinstance(out, (list, tuple, np.ndarray)) else None
        if arr is None or arr.ndim != 1:
            return _fail(f"{where} your function returned {_fmt(out)}, not a list of unit indices", None, Failure(got=out), strict)
        if arr.dtype.kind == "b":
            return _fail(f"{where} your function returned a True/False mask, not the indices",
                         "np.flatnonzero(mask) gives the indices where mask is True", Failure(got=out), strict)
        if arr.size and arr.dtype.kind not in "iu":
            return _fail(f"{where} your function returned {_fmt(out)}, not integer indices",
                         "np.flatnonzero(...) gives integer indices", Failure(got=out), strict)
        if arr.size and np.any(np.diff(arr) <= 0):
            return _fail(f"{where} your indices {_fmt(out)} are not sorted without repeats", "np.flatnonzero gives them sorted", Failure(got=out), strict)
        if arr.tolist() != _true_dead(X, W, b):
            return _fail(f"{where} your function returned {_fmt(out)}, which are not the dead units of that layer",
                         "a unit is dead when its column of ReLU(X @ W + b) is 0 in every row", Failure(got=out), strict)
    return _finish(True, f"✅ passed: find_dead_units on {len(layers)} layers (none, some and most units dead; "
                   "a unit that fires on one row only), sorted integer indices, X left unchanged", None, strict)


# Written by the ReLU chapter: initialisation, a fix for dying units, and the output layer.
register_answers("relu-choose", {
    "choices": Answer("sha256:02e5df1d6fca8785a653ab66a6ce25387798596ee58fe8696f57ad83b0eee406",
                      "the three choices (a) to (c)",
                      hint="the measurements of In a network answer (a) and (b); for (c), what can ReLU not output?"),
})


# --------------------------------------------------------------------------
# The other chapters: one module each in this package
# (actlib/exercises/<activation>.py), so chapters written side by side never
# edit the same file. Importing the package registers every check.
# --------------------------------------------------------------------------
def _register_chapter_modules() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_register_chapter_modules()
