r"""Checks of chapters/activations/05_arctan.ipynb: arctan and softsign.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/arctan.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"

register_answers("arctan-recall", {
    "arctan_sup": Answer("sha256:883e1253706422823ca1c19ef78585153a5e771a39d04844ff65a93e679205c1",
                         "the least upper bound of arctan", hint="arctan is the inverse of tan on which interval?"),
    "arctan_slope_at_0": Answer(_ONE, "arctan′(0)", hint="arctan′(x) = 1 / (1 + x²)"),
    "softsign_sup": Answer(_ONE, "the least upper bound of softsign", hint="x / (1 + |x|) as x → ∞"),
})
register_function("arctan-derivative", "my_arctan_derivative", FunctionCheck(
    "arctan", derivative=True, tails=TAILS,
    hint="arctan′(x) = 1 / (1 + x²); compare your formula with the derivation",
    tail_hint="keep every digit of a tiny result: 1 / (1 + x²) is fine until x² overflows",
    warn_hint="x² overflows once |x| > 1.3e154; past that, 1 + x² equals x² in floating point, and (1/x)² never overflows",
))
register_function("arctan-softsign", "my_softsign", FunctionCheck(
    "softsign", tails=TAILS,
    hint="softsign(x) = x / (1 + |x|)",
    tail_hint="x / (1 + |x|) keeps its digits in the tails; an algebraic rewrite that subtracts may not",
    warn_hint="inf / inf is NaN: treat infinite inputs by their limits, or use a form that never divides inf by inf",
))

# Written by the arctan chapter: twenty saturated units in series, and which squashing function for which job.
register_answers("arctan-predict", {
    "ranking": Answer("sha256:1c1f7a2541b8f4d7e81d1c4c9d5263587a76d5dbc090779ebc6755fa7a765256",
                      "the ranking of the three gradients, largest first",
                      hint="evaluate each derivative at z = 3 by hand: 1/(1 + z²), 1/(1 + |z|)², 4e^(−2|z|)/(1 + e^(−2|z|))²"),
})
register_answers("arctan-choose", {
    "choices": Answer("sha256:e303af8a6a15f65d0c93ac1bc353148e2c1c52e2774a8135edbd2341583e3155", "the three choices (a) to (c)",
                      hint="for each task ask: which range, and how fast must the function approach its bounds?"),
})
