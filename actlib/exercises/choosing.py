"""The checks of chapters/practice/04_choosing.ipynb: choosing hidden and output activations."""

from __future__ import annotations

import warnings

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, register, register_answers
from ..elementwise import softplus

_IDENTITY = ("sha256:21c36fe9a344285e133b25f2f68ac2ae16ac83ae2d1b0d746b65c1c4968c5cea",  # "identity"
             "sha256:12092065ff4e11bb0d25fd69995cf910e9de428f4ac180ad1cb0a43a1ec62103")  # "linear"
_YES = "sha256:0d767085980f95518c0f23494f19c36a6837755a5f206daf436ad761d5aec05a"
_NO = "sha256:fa762af854de7499573e2ad637f92e5c7bd68e201d10f19253657cd3f9e2561d"

register_answers("choosing-recall", {
    "binary_output": Answer("sha256:7deb35d811e29c22280f7b6fefe8614ee1f4b4d5f40ed6736167f0f5cf807c14",
                            "the output activation for two classes", hint="one probability per sample"),
    "classes_output": Answer("sha256:539096d10d886d30e067e7486ce208109ee72e1d95a2291d4fe761ec1932b838",
                             "the output activation for exclusive classes", hint="probabilities that sum to 1"),
    "regression_output": Answer(_IDENTITY, "the output activation for a regression", hint="any real number"),
})


def _bce_cases():
    """Logits from ordinary to far beyond exp's range, each with labels 0 and 1."""
    z = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 10.0, -10.0, 40.0, -40.0, 300.0, -300.0, 700.0, -700.0,
                  800.0, -800.0, 1e5, -1e5])
    return [(z, np.ones_like(z)), (z, np.zeros_like(z)), (np.array([[2.0, -2.0], [50.0, -50.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]))]


@register("choosing-bce", "bce_from_logits", "bce_from_logits(z, y) against softplus((1 − 2y) z), from ordinary logits to ±1e5", function=True)
def _choosing_bce(bce_from_logits, strict=False):
    """A learner's ``bce_from_logits(z, y)``: the per-sample binary cross-entropy from logits, accurate and warning-free everywhere."""
    __tracebackhide__ = True
    if isinstance(bce_from_logits, np.vectorize):
        return _fail("bce_from_logits is an np.vectorize, a Python loop in disguise", "use numpy's array functions",
                     Failure(), strict)
    for z, y in _bce_cases():
        zc, yc = z.copy(), y.copy()
        with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            warnings.simplefilter("always")
            try:
                out = bce_from_logits(zc, yc)
            except Exception as exc:  # any learner error becomes one friendly line
                return _raised("", exc, strict)
        if not (np.array_equal(zc, z) and np.array_equal(yc, y)):
            return _fail("your function changed z or y in place", "compute on new arrays", Failure(), strict)
        if not isinstance(out, np.ndarray) or out.shape != z.shape or out.dtype.kind != "f":
            return _fail(f"on logits of shape {z.shape} your function returned {_fmt(out)}, not a float array of that shape "
                         "(one loss per sample)", None, Failure(got=out), strict)
        if caught:
            return _fail(f"on logits up to ±1e5 your function warned: {caught[0].message}",
                         "np.exp of a large logit overflows; np.where computes both of its branches", Failure(), strict)
        exact = softplus((1 - 2 * y) * z)
        with np.errstate(all="ignore"):  # a wildly wrong answer may overflow the error itself: that is still a failure
            err = np.abs(out - exact) / np.maximum(np.abs(exact), 2.2e-308)
        bad = np.flatnonzero(~(err <= 1e-12))
        if bad.size:
            i = np.unravel_index(bad[0], z.shape)
            hint = ("for y = 1 the loss is −log σ(z), small for a large z; for y = 0 it is −log(1 − σ(z))"
                    if abs(z[i]) <= 3 else "never take the log of a sigmoid that rounded to 0 or 1, and never subtract two "
                    "large numbers: write the loss as one softplus of a logit")
            return _fail(f"at z = {_fmt(z[i])}, y = {_fmt(y[i])} your function returned {_fmt(out[i])} "
                         f"(relative error {_fmt(float(err[i]))})", hint, Failure(got=out[i]), strict)
    return _finish(True, "✅ passed: bce_from_logits on logits from 0 to ±1e5 with labels 0 and 1, a 2-D batch, one loss per "
                   "sample by relative error, no warning, inputs left unchanged", None, strict)


register_answers("choosing-predict", {
    "sigmoid_below_1e_12": Answer(_YES, "your prediction for the sigmoid at depth 30",
                                  hint="at depth 20 the ratio was printed above; ten more layers each multiply by σ′ ≤ 1/4 and a weight"),
    "tanh_below_1e_3": Answer(_NO, "your prediction for tanh at depth 30",
                              hint="tanh′(0) = 1: with Xavier initialisation the gradient keeps its scale"),
})

register_answers("choosing-choose", {
    "choices": Answer(("sha256:cad84c331c4e0870cf79bf4ab4d663db09193a5f65a92976975690938c7534a1",
                       "sha256:9d56ea2115727f4f3a07d47bc603dafd70e435c715e717312bd199a5d9923be8"),
                      "the four choices (a) to (d)",
                      hint="hidden layers: which gradient survives depth? Outputs: independent labels, exclusive classes, "
                           "or any real number?"),
})
