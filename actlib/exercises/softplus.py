r"""Checks of chapters/activations/09_softplus.ipynb: softplus.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/softplus.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_HALF = "sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037"

register_answers("softplus-recall", {
    "value_at_0": Answer("sha256:89b3e3404fbcc8cf1f4a97a1686ab7b33a3f4e069bc474a60d17bec52d901488",
                         "softplus(0) with β = 1", hint="log(1 + e^0)"),
    "slope_at_0": Answer(_HALF, "softplus′(0) with β = 1", hint="softplus′ is a function you have met before; evaluate it at 0"),
    "gap_beta_4": Answer("sha256:b531a4cddd9fdbe262fbc3b893ce9fbec4c38144f1dd71b621d90d042e05b115",
                         "the largest gap between softplus and ReLU for β = 4",
                         hint="where is softplus_β(x) − max(x, 0) largest, and how does β scale it?"),
})

register_function("softplus-stable", "my_softplus", FunctionCheck(
    "softplus", params={"beta": 2.0}, tails=TAILS,
    hint="softplus_β(x) = log(1 + e^(βx)) / β: is β in both places?",
    tail_hint="log(1 + t) loses t when t is tiny; np.log1p(t) keeps it",
    warn_hint="e^(βx) overflows for large βx; write softplus as max(x, 0) + log1p(e^(−β|x|)) / β, whose exponent is never positive",
))

# Written by the softplus chapter: where the naive form overflows, and whether PyTorch's shortcut changes a float32 result.
register_answers("softplus-predict", {
    "x_overflow_32": Answer("sha256:81ac620cbcb21fb42b2601e8b0964a2a30322b081b79910c37958bc6a4c6977a",
                            "the float32 x where np.log(1 + np.exp(x)) starts returning inf",
                            hint="the naive form is inf exactly when exp(x) is; which x has exp(x) equal to the largest float32?"),
    "x_overflow_64": Answer("sha256:7d1e8e66881d2a83c6f97391fa06d01514042f808225d2df930fb3417acaf622",
                            "the float64 x where np.log(1 + np.exp(x)) starts returning inf",
                            hint="the same question with float64's largest number"),
    "shortcut_changes_float32": Answer("sha256:fa762af854de7499573e2ad637f92e5c7bd68e201d10f19253657cd3f9e2561d",
                                       "whether returning x changes a float32 result for x > 20 (\"yes\" or \"no\")",
                                       hint="compare log1p(e^(−20)) with half the gap between float32 numbers near 20"),
})
register_answers("softplus-choose", {
    "choices": Answer("sha256:d47e5fc831f57d0a2aef7d9be1447c8ac83114da76432ae2ea0d07bcb1b24eb9",
                      "the three choices (a) to (c)",
                      hint="(a) which output is positive with a gradient everywhere? (b) the gap is largest at 0: how large "
                           "for each β? (c) In a network and History answer it"),
})
