r"""Checks of chapters/activations/12_mish.ipynb: Mish.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/mish.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"
_MINUS_ONE = "sha256:99aa56c56cf1eca40b5cefc527069b9996ddf9bbd12b1a9864650fa498d3234a"

register_answers("mish-recall", {
    "slope_at_0": Answer("sha256:54918aa9f31cb56aa66b4804a3156292e34813074a4fa2e8e4947035a8425233", "mish′(0)",
                         hint="at x = 0 only the first term of mish′ is left: tanh(softplus(0)) = tanh(log 2)"),
    "slope_at_infinity": Answer(_ONE, "the limit of mish′(x) as x → ∞", hint="what does tanh(softplus(x)) tend to?"),
    "is_monotonic": Answer("sha256:96a2745e168e8650026358b4a792a3d061e2bd24c62f0d73d8e290597704088b",
                           "whether Mish is monotonic", hint="give True or False (a Python bool); look at its minimum"),
})
register_function("mish-stable", "my_mish", FunctionCheck(
    "mish", tails=TAILS,
    hint="mish(x) = x tanh(log(1 + e^x)); compare your formula with the Definition section",
    tail_hint="log(1 + t) loses t when t is tiny, and 1 minus a number close to 1 cancels: use n / (n + 2) in e^(−|x|), or log1p",
    warn_hint="never call np.exp on a large positive number; np.where computes both of its branches",
))

# Written by the Mish chapter: the sign of the gradient around the minimum, and which activation to choose.
register_answers("mish-predict", {
    "sign_at_minus_2": Answer(_MINUS_ONE, "the sign of mish′(−2)", hint="is −2 left or right of the minimum?"),
    "sign_at_minus_half": Answer(_ONE, "the sign of mish′(−0.5)", hint="is −0.5 left or right of the minimum?"),
    "stationary_points": Answer(_ONE, "the number of zeros of mish′", hint="how many minima and maxima does the curve have?"),
})
register_answers("mish-choose", {
    "choices": Answer("sha256:cf96dfad5fc87e82d265669200539c0a0cf0bff110a6c4f818d5c047938c006b",
                      "the three choices (a) to (c)",
                      hint="for (a), which one needs no exponential? for (b) and (c), which activation were the weights trained with?"),
})
