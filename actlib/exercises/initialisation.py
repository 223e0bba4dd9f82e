"""The checks of chapters/practice/03_initialisation.ipynb (labels ``initialisation-...``)."""

from __future__ import annotations

import math

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, register, register_answers

register_answers("initialisation-recall", {
    "he_variance": Answer("sha256:f3668ebf2e74ff6a08f1455ee4a8c2942e415e5c085bab785e00d16adce247ee",
                          "the He variance for n_in = 256", hint="a variance, not a standard deviation"),
    "lecun_variance": Answer("sha256:f1d7ac90405e8484a58d893278acedd0d72cac0640a0cb1985d471536e4f208b",
                             "the LeCun variance for n_in = 256", hint="a variance, not a standard deviation"),
    "xavier_variance": Answer("sha256:b2e24459f581e00d93ec8691738660e4f94584e6155bdde1000f4d2cc132c308",
                              "the Xavier variance for n_in = 256, n_out = 128",
                              hint="Xavier's normalised initialisation uses both n_in and n_out"),
})

# --------------------------------------------------------------------------
# Code: the three initialisations, as actlib.nn.init_std states them
# --------------------------------------------------------------------------
_SHAPES = ((64, 64), (784, 256), (3, 10), (1, 1), (1000, 10))


@register("initialisation-std", "my_init_std",
          "my_init_std(init, n_in, n_out) for he, lecun and xavier on square and non-square layers", function=True)
def _initialisation_std(my_init_std, strict=False):
    """A learner's ``my_init_std(init, n_in, n_out)`` gives the standard deviation :func:`actlib.nn.init_std` gives."""
    __tracebackhide__ = True
    from ..nn import INITS, init_std

    for init in INITS:
        for n_in, n_out in _SHAPES:
            where = f"for init = {init!r}, n_in = {n_in}, n_out = {n_out}"
            try:
                out = my_init_std(init, n_in, n_out)
            except Exception as exc:  # the learner's code: any error is feedback
                return _raised(where, exc, strict)
            if isinstance(out, (bool, np.bool_)) or not isinstance(out, (int, float, np.integer, np.floating)):
                return _fail(f"{where} your function returned {_fmt(out)}, not one number", "return a float",
                             Failure(got=out), strict)
            got, want = float(out), init_std(init, n_in, n_out)
            if not abs(got - want) <= 1e-12 * want:
                if math.isclose(got, want * want, rel_tol=1e-12):
                    hint = "that is the variance; the weights' standard deviation is its square root"
                elif init == "xavier":
                    hint = "the normalised initialisation of Glorot and Bengio averages n_in and n_out"
                else:
                    hint = "He and LeCun count the inputs of the layer only"
                return _fail(f"{where} your function returned {_fmt(got)}, which is not the standard deviation of "
                             f"{init} initialisation as actlib.nn.init_std states it", hint, Failure(got=out), strict)
    return _finish(True, f"✅ passed: my_init_std for he, lecun and xavier on {len(_SHAPES)} layer shapes "
                   "(square and not), standard deviations", None, strict)


register_answers("initialisation-predict", {
    "predicted_ratio": Answer("sha256:a5011e25137c5fe75a565fc5525bc910c827ded03cc7351a092413ac5ebcbe45",
                              "the predicted ratio of root-mean-squares",
                              hint="per layer the second moment is multiplied by n_in Var(w) E[ReLU(z)²]/Var(z); "
                                   "the root-mean-square by the square root of that, over the steps from layer 1 to 20"),
})

register_answers("initialisation-choose", {
    "choices": Answer("sha256:83eea17b6af3d3a180a7774ce8eedd2b14137b99f986d18d576ab532406a5526",
                      "the three choices (a) to (c)",
                      hint="which activation was each initialisation derived for? (the variance argument)"),
})
