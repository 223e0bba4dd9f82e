"""The checks of chapters/practice/05_capstone.ipynb: every activation on real data."""

from __future__ import annotations

import numbers

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, register, register_answers
from ..function_checks import _run

_IDENTITY = ("sha256:21c36fe9a344285e133b25f2f68ac2ae16ac83ae2d1b0d746b65c1c4968c5cea",  # "identity"
             "sha256:12092065ff4e11bb0d25fd69995cf910e9de428f4ac180ad1cb0a43a1ec62103")  # "linear"
_YES = "sha256:0d767085980f95518c0f23494f19c36a6837755a5f206daf436ad761d5aec05a"

register_answers("capstone-recall", {
    "regression_output": Answer(_IDENTITY, "the output activation of the diabetes network",
                                hint="the target can be any real number; which output can produce every real number?"),
    "regression_loss": Answer(("sha256:7e07f25a6cb5db44d77dc996f51f8529f3182d57d1f629b5b031662f79df0957",
                               "sha256:8df4ccac026e1f69764bca43422447e5a0eeaf1d6bf7c0c3b6fe477ef95fbd15"),
                              "the loss of the diabetes network", hint="the table's loss column for diabetes; give its name"),
    "digits_output": Answer("sha256:539096d10d886d30e067e7486ce208109ee72e1d95a2291d4fe761ec1932b838",
                            "the output activation of the digits network", hint="ten exclusive classes"),
})


def _floor(y: np.ndarray) -> float:
    """The lowest mean squared error of predictions confined to [0, 1]: each prediction at the nearest point of [0, 1]."""
    return float(np.mean((y - np.clip(y, 0.0, 1.0)) ** 2))


def _floor_cases() -> list[np.ndarray]:
    """Targets: standardised-looking ones, all inside [0, 1] (floor 0), all above 1, a column, large values."""
    rng = np.random.default_rng(2026)
    return [rng.standard_normal(200), rng.uniform(0.0, 1.0, 50), 1 + rng.exponential(2.0, 40),
            rng.standard_normal((30, 1)), np.array([-3.0, 0.5, 0.0, 1.0, 250.0, 25.0]), np.array([-1e3, 2e3])]


@register("capstone-floor", "sigmoid_floor", "sigmoid_floor(y) on six target arrays, a number, y left unchanged", function=True)
def _capstone_floor(sigmoid_floor, strict=False):
    """A learner's ``sigmoid_floor(y)``: the smallest test MSE any network whose outputs lie in (0, 1) can reach on targets ``y``."""
    __tracebackhide__ = True
    cases = _floor_cases()
    for y in cases:
        run = _run(sigmoid_floor, y, {})
        where = f"on {y.size} targets from {_fmt(float(y.min()))} to {_fmt(float(y.max()))}"
        if run.exc is not None:
            return _raised(where, run.exc, strict)
        if run.mutated:
            return _fail(f"{where} your function changed y in place", "compute on a new array (np.clip returns one)",
                         Failure(), strict)
        out = run.out
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        if isinstance(out, (bool, np.bool_)) or not (isinstance(out, numbers.Real) or (isinstance(out, np.ndarray) and out.ndim == 0)):
            return _fail(f"{where} your function returned {_fmt(out)}, not one number", "a mean over all targets is one number",
                         Failure(got=out), strict)
        got, exact = float(out), _floor(y)
        if not np.isfinite(got) or abs(got - exact) > 1e-9 * max(abs(exact), 2.2e-308):
            hint = ("every target inside [0, 1] can be matched exactly"
                    if exact == 0 else "each prediction may sit anywhere in [0, 1]: the best one is the point of [0, 1] nearest its target; "
                    "then average the squared misses over all targets")
            return _fail(f"{where} your function returned {_fmt(got)}, which is not the lowest mean squared error", hint,
                         Failure(got=out), strict)
    return _finish(True, f"✅ passed: sigmoid_floor on {len(cases)} target arrays (inside, below and above [0, 1], a column, "
                   "large values), one number, y left unchanged", None, strict)


register_answers("capstone-predict", {
    "step_above_half": Answer(_YES, "your prediction for binary_step on digits",
                              hint="the hidden layer never learns, but the output layer does: what can it do with 32 fixed "
                                   "random binary features?"),
    "hidden_weights_change": Answer("sha256:fa762af854de7499573e2ad637f92e5c7bd68e201d10f19253657cd3f9e2561d", "your prediction for the hidden weights",
                                    hint="what is binary_step's derivative, and what does Adam do with a gradient of exactly 0?"),
})

register_answers("capstone-choose", {
    "choices": Answer(("sha256:4605b09a5d35e112359df6c3c5c0edacf02595892a94093764871c5435c42ef8",
                       "sha256:73c96eff1df3b92fb88f2b5a614893c4b9e66c2b66667ffe0c9c915e989eadfa"),
                      "the two choices (a) and (b)",
                      hint="(a): what range does the target have? (b): is a difference smaller than the standard deviations "
                           "evidence of anything?"),
})
