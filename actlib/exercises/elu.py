r"""Checks of chapters/activations/08_elu.ipynb: ELU, SELU and CELU.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/elu.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_HALF = "sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037"
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"

register_answers("elu-recall", {
    "elu_limit": Answer("sha256:928a84fb5bbb29da6abb7f3d4365091829aa7270fc31cb0d8ace1428f8e7f65e",
                        "the limit of ELU(x) with α = 1.5 as x → −∞", hint="e^x → 0 as x → −∞; what is left of α(e^x − 1)?"),
    "elu_slope_at_0": Answer(_HALF, "ELU′(0) with α = 0.5 in PyTorch and actlib",
                             hint="at the kink the chapter's convention takes one side's value: which side, and what is it?"),
    "celu_slope_at_0": Answer(_ONE, "CELU′(0) with α = 0.5", hint="differentiate α(e^(x/α) − 1) and set x = 0"),
})

register_function("elu-code:elu", "my_elu", FunctionCheck(
    "elu", params={"alpha": 1.5}, tails=TAILS,
    hint="ELU(x) = x for x > 0 and α(e^x − 1) for x ≤ 0; is α used, and on the right side?",
    tail_hint="α(e^x − 1) cancels when e^x is close to 1; np.expm1(x) computes e^x − 1 without the cancellation",
    warn_hint="np.where computes both branches: e^x of a large positive x overflows even where it is not used",
))
register_function("elu-code:celu", "my_celu", FunctionCheck(
    "celu", params={"alpha": 0.5}, tails=TAILS,
    hint="CELU(x) = x for x > 0 and α(e^(x/α) − 1) for x ≤ 0: the exponent is x/α",
    tail_hint="α(e^(x/α) − 1) cancels when e^(x/α) is close to 1; np.expm1 computes e^t − 1 without the cancellation",
    warn_hint="np.where computes both branches: e^(x/α) of a large positive x overflows even where it is not used",
))

# Written by the ELU chapter: where the variance of 50 layers goes, and which unit, initialisation and variant to pick.
register_answers("elu-predict", {
    "predictions": Answer("sha256:ee470bac2365c7497d376ac4f7d440c3f5619497e0e62ecd3e4a5fc371d06402",
                          "the three predictions (a) to (c)",
                          hint="for each net ask where the variance map of one layer has its fixed point, and whether the "
                               "weights' variance is the one SELU's constants were computed for"),
})
register_answers("elu-choose", {
    "choices": Answer("sha256:9441f0dd48b44723e7dbaa5b497a645ca1299ce0869327e9299b60928120563f",
                      "the three choices (a) to (c)",
                      hint="(a) and (b) are answered in In a network; for (c) ask which variant's derivative is continuous "
                           "at 0 for every α"),
})
