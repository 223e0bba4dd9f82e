"""The checks of chapters/activations/14_maxout.ipynb.

Wrong and right answers for each: ``tests/exercise_answers/maxout.py``.
"""

from __future__ import annotations

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import TAIL_ROWS, Answer, FunctionCheck, register, register_answers, register_function
from ..function_checks import _VECTORIZE, _output_problem, _python_steps, _run
from ..vector import maxout

register_answers("maxout-recall", {
    "relu_as_maxout": Answer(("sha256:7c8321d50b9d3ecf980b14b88a5fb4d5c25af67c847c6ab392c0708f6a2d4399",
                              "sha256:6b1e77422033c488b7ce4939982642f44453e636c99d5701928750c04d0c611a"),
                             "the activation maxout of the pieces (0, x) computes",
                             hint="for x < 0 the larger piece is 0, for x > 0 it is x"),
    "abs_slopes": Answer(("sha256:d74283b9e97b0a7d697504cc4568cf30db0f50dc97189186c7d18e8c8e238a41",
                          "sha256:57f5f84d486b56827af063706486002c32a2a6a5d526aa3dd22824e49539d90c"),
                         "the two slopes whose maxout is |x|",
                         hint="|x| is x for x > 0 and −x for x < 0"),
    "weights": Answer("sha256:c5dd15ed058d3963db8f1e0d3d0c2d9f11d63ef6e68ef2a8e3a261520ce3ea34",
                      "the number of weights of the maxout layer",
                      hint="each of the 32 units has its own weight vector for each of its pieces"),
})

# Rows where the identity max(a, b) = (a + b + |a − b|) / 2 cancels (a tiny winner next to −1) and overflows
# (a + b beyond the largest float), then the course's usual rows far from 0.
_MAXOUT_TAIL_ROWS = ((1e-17, -1.0, -1.0, 1e-300), (1.5e308, 1.6e308, -1.7e308, -1.6e308), *TAIL_ROWS)

for _pieces in (2, 4):
    register_function(f"maxout-code:pieces_{_pieces}", "my_maxout", FunctionCheck(
        "maxout", params={"pieces": _pieces}, tails=_MAXOUT_TAIL_ROWS,
        hint="split the last axis into x.shape[-1] // pieces consecutive groups of `pieces` entries (an explicit size, "
             "not -1, also works for an empty batch) and take each group's maximum",
        tail_hint="a maximum needs no arithmetic: compare, do not add or subtract",
        warn_hint="a + b overflows for large a and b; np.max compares without any arithmetic",
    ))


def _grad_cases():
    """``(x, g, pieces, what)``: rows, a batch, ties, a 3-D batch and an empty one."""
    rng = np.random.default_rng(13)
    return [
        (np.array([1.0, 3.0, 2.0, 0.0]), np.array([1.0, 1.0]), 2, "one row"),
        (rng.standard_normal((5, 6)), rng.standard_normal((5, 2)), 3, "a batch of 5 rows, 3 pieces"),
        (np.array([[2.0, 2.0, 5.0, 5.0, 1.0, 1.0]]), np.array([[1.0, 2.0, 3.0]]), 2, "a row with ties"),
        (np.array([[0.0, 4.0, 4.0, 4.0], [7.0, -1.0, 7.0, 7.0]]), np.array([[1.5], [-2.0]]), 4, "rows with three-way ties"),
        (rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 3, 2)), 2, "a 3-D batch"),
        (np.zeros((0, 4)), np.zeros((0, 2)), 2, "an empty batch"),
    ]


@register("maxout-grad", "my_maxout_vjp", "my_maxout_vjp(x, g, pieces) against actlib.maxout.vjp, ties included", function=True)
def _maxout_grad(my_maxout_vjp, strict=False):
    """A learner's ``my_maxout_vjp(x, g, pieces)`` must route each upstream gradient to its group's first maximal piece."""
    __tracebackhide__ = True
    if isinstance(my_maxout_vjp, np.vectorize):
        return _fail(*_VECTORIZE, Failure(error="np.vectorize"), strict=strict)
    for x, g, pieces, what in _grad_cases():
        g_before = g.copy()
        run = _run(lambda arg, g=g, pieces=pieces: my_maxout_vjp(arg, g, pieces), x, {})
        where = f"on {what} (pieces = {pieces})"
        if run.exc is not None:
            return _raised(where, run.exc, strict)
        problem = _output_problem(run.out, x.shape)
        if problem:
            hint = problem[1] or "the gradient with respect to x has the shape of x, not of the output"
            return _fail(f"{where} {problem[0].replace('your function', 'your gradient', 1)}", hint, Failure(got=run.out), strict)
        if run.mutated or not np.array_equal(g, g_before):
            return _fail(f"{where} your function changed x or g in place", "build the gradient in a new array (np.zeros_like(x))",
                         Failure(), strict)
        if run.warned:
            return _fail(f"{where} your function warned “{run.warned[0]}”", None, Failure(warning=run.warned[0]), strict)
        got = np.asarray(run.out, dtype=np.float64)
        want = maxout.vjp(x, g, pieces=pieces)
        if not np.array_equal(got, want):
            groups = x.reshape(x.shape[:-1] + (-1, pieces))
            tie = (groups == groups.max(axis=-1, keepdims=True)).sum(axis=-1) > 1
            bad = ~np.all((got == want).reshape(groups.shape), axis=-1)
            x_shown = x.reshape(-1, x.shape[-1])[0] if x.ndim > 1 else x
            if np.any(bad & tie) and not np.any(bad & ~tie):
                return _fail(f"{where}, at a tie between pieces your gradient returned {_fmt(got.ravel())}, which is not actlib's convention",
                             "the Derivative section states which of the tied pieces gets the gradient", Failure(x=x_shown, got=got), strict)
            return _fail(f"{where} (first row x = {_fmt(x_shown)}) your gradient returned {_fmt(got.ravel())}, which is not the gradient",
                         "each entry of g goes, unchanged, to the winning piece of its group; every other piece gets 0",
                         Failure(x=x_shown, got=got), strict)
    sizes = [(np.linspace(-3, 3, n).reshape(-1, 4), np.ones((n // 4, 2))) for n in (100, 1000)]
    steps = [_python_steps(lambda arg, g=g: my_maxout_vjp(arg, g, 2), x, {}) for x, g in sizes]
    if steps[1][1]:
        return _fail(*_VECTORIZE, Failure(error="np.vectorize"), strict=strict)
    if steps[1][0] - steps[0][0] > 100:
        return _fail(f"your function loops over the rows in Python ({steps[1][0] - steps[0][0]} more Python steps for 1000 "
                     "entries than for 100)", "np.argmax and np.put_along_axis (or a comparison with the group maximum) work "
                     "on every group at once", Failure(), strict)
    return _finish(True, "✅ passed: the gradient on one row, a batch, rows with two- and three-way ties, a 3-D batch and "
                   "an empty batch, without a Python loop, x and g left unchanged", None, strict)


register_answers("maxout-predict", {
    "grad_at_tie": Answer("sha256:2c65fa7767d813124d063d6307beeefaa9847e463643ebbf702895f7ef4cfd97",
                          "the gradient with respect to the three pieces",
                          hint="only one piece of a group gets the upstream gradient; which one, at a tie?"),
    "slope_at_0": Answer("sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b",
                         "the slope at 0 of maxout with the pieces in the order (x, 0)",
                         hint="at x = 0 the pieces tie; the slope is the slope of the piece that gets the gradient"),
})

register_answers("maxout-choose", {
    "choices": Answer("sha256:201a106e0adfdff7cd8a418978a060a0061accc90dcdcd39724f1a954e915c77",
                      "the three choices (a) to (c)",
                      hint="for each ask: can a unit die, can the output be bounded, and which variance keeps the "
                           "signal's scale (In a network)?"),
})
