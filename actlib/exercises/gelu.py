r"""Checks of chapters/activations/11_gelu.ipynb: GELU, exact and tanh forms.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/gelu.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_HALF = "sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037"
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"

register_answers("gelu-recall", {
    "slope_at_0": Answer(_HALF, "GELU′(0)", hint="GELU′(x) = Φ(x) + x φ(x); what is Φ(0)?"),
    "slope_at_infinity": Answer(_ONE, "the limit of GELU′(x) as x → ∞", hint="what do Φ(x) and x φ(x) tend to?"),
    "jax_default_approximate": Answer("sha256:cbc78c2f695cf0a5b3b61d178907a93eceb1a56c58be85283f8ae795e39b4c39",
                                      "the default of approximate in jax.nn.gelu",
                                      hint="give True or False (a Python bool); the Definition's table lists the defaults"),
})
register_function("gelu-stable", "my_gelu", FunctionCheck(
    "gelu", tails=TAILS,
    hint="GELU(x) = x Φ(x), the exact form (not the tanh approximation); compare with the Definition section",
    tail_hint="1 + erf(t) loses the digits of a tiny result when erf(t) is close to −1; erfc(−t) (or ndtr) computes it directly",
    warn_hint="−inf · 0 is NaN and warns: keep infinite or huge inputs away from that product",
))

# Written by the GELU chapter: how far the tanh form is from the exact one, and which form to choose.
register_answers("gelu-predict", {
    "gap_exponent": Answer("sha256:1af6497d92ea8b92a4954b26a6b208275ab2728085b7c6025e761591c430fa4c",
                           "the order of magnitude k of the largest gap",
                           hint="give an integer: 10**k <= gap < 10**(k + 1); the left panel of the figure shows the gap"),
    "tail_relative_error": Answer(_ONE, "the limit of the relative error as x → −∞",
                                  hint="compare how fast Φ(x) and σ(2u(x)) go to 0 when u is cubic in x"),
})
register_answers("gelu-choose", {
    "choices": Answer("sha256:975d5421a8390f1e33295f62be5469a6ff6e0215a6dd2bbb3f53818378a32391",
                      "the three choices (a) to (c)",
                      hint="for (a), which formula does the released GPT-2 code compute? for (b), which form is PyTorch's "
                           "default? for (c), what is the smallest value GELU can output?"),
})
