r"""Checks of chapters/activations/10_silu.ipynb: SiLU (swish) and hard swish.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/silu.py``.
"""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_HALF = "sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037"

register_answers("silu-recall", {
    "slope_at_0": Answer(_HALF, "SiLU′(0) with β = 1", hint="SiLU′(x) = σ(x)(1 + x σ(−x)); set x = 0"),
    "silu_min": Answer("sha256:ca9861b534d98d88c0510c3d6afae9e4794de1d8f9b7f365651692b81d462953",
                       "the smallest value of SiLU (β = 1)", hint="the value at the minimum, not where it is"),
    "hard_swish_argmin": Answer("sha256:928a84fb5bbb29da6abb7f3d4365091829aa7270fc31cb0d8ace1428f8e7f65e",
                                "where hard swish is smallest", hint="on (−3, 3) hard swish is the parabola x(x + 3)/6"),
})

register_function("silu-code:silu", "my_silu", FunctionCheck(
    "silu", params={"beta": 1.5}, tails=TAILS,
    hint="SiLU_β(x) = x σ(βx) = x / (1 + e^(−βx)): is β inside the sigmoid only?",
    tail_hint="1 − σ(−βx) rounds to 0 or loses digits when σ(−βx) is near 1; compute σ(βx) directly on each side",
    warn_hint="e^(−βx) overflows for large negative x; a sigmoid that only ever exponentiates −β|x| never does",
))
register_function("silu-code:hard_swish", "my_hard_swish", FunctionCheck(
    "hard_swish",
    hint="hard swish(x) = x · min(max(x + 3, 0), 6) / 6",
))

# Written by the SiLU chapter: the minimum of swish with β = 2, and which of the family to use.
register_answers("silu-predict", {
    "x_min": Answer("sha256:a51adde08417f853a846c72ca91148dc41474a4c880f2d4b955ab6a35aae45dd",
                    "where SiLU with β = 2 is smallest",
                    hint="SiLU_β(x) = SiLU_1(βx) / β: how does the minimum move and shrink with β?"),
    "f_min": Answer("sha256:adb3439260e1b94d85205dc27c8c502744d920378af6f373a97f7c10325551dd",
                    "the smallest value of SiLU with β = 2",
                    hint="SiLU_β(x) = SiLU_1(βx) / β: how does the minimum move and shrink with β?"),
})
register_answers("silu-choose", {
    "choices": Answer("sha256:c9dcc1513529cf58e90b4ce68b937baa9a0c537e55520756c6eb4df1f2651555",
                      "the three choices (a) to (c)",
                      hint="(a) which one needs no exponential? (b) what does σ(βx) become for large β? "
                           "(c) where do the derivatives jump?"),
})
