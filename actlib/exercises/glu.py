"""The checks of chapters/activations/15_glu.ipynb (GLU, SwiGLU, GeGLU).

Wrong and right answers for each: ``tests/exercise_answers/glu.py``.
"""

from __future__ import annotations

from ..checks import TAIL_ROWS, Answer, FunctionCheck, register_answers, register_function

# The tail rows: first gate inputs from -6.5 to -37, where 1 + erf(b/√2) has lost from a few digits to all
# of them while every exact product is a normal number, so a GeGLU computed through erf fails by its relative
# error; then the course's tail rows without [710, 0, -710, 5], where the exact a σ(b) = 710 σ(−710) is a
# normal number made from a subnormal gate, which scipy.special.expit (1 / (1 + e^710) = 0) and similar
# correct-looking sigmoids flush to 0 (the gate's own tails are the sigmoid chapter's lesson).
_TAILS = ((1.0, 2.0, -6.5, -7.0), (3.0, -1.0, -20.0, -37.0),
          *(row for row in TAIL_ROWS if row != (710.0, 0.0, -710.0, 5.0)))

register_answers("glu-recall", {
    "glu_value": Answer("sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b",
                        "GLU([2, 0])", hint="value half 2, gate half 0: what is σ(0)?"),
    "swiglu_value": Answer("sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383",
                           "SwiGLU([2, 0])", hint="SiLU(b) = b σ(b); what is it at b = 0?"),
    "dglu_da": Answer("sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037",
                      "∂GLU/∂a at b = 0", hint="GLU is linear in the value half a"),
})

_WARN = "never call np.exp on a large positive number; np.where computes both of its branches"
register_function("glu-code:glu", "my_glu", FunctionCheck(
    "glu", tails=_TAILS,
    hint="split the last axis into the value half a (first) and the gate half b (second); GLU is a σ(b)",
    tail_hint="for b < 0 compute σ(b) = e^b / (1 + e^b) directly, never as 1 − σ(−b)",
    warn_hint=_WARN,
))
register_function("glu-code:swiglu", "my_swiglu", FunctionCheck(
    "swiglu", tails=_TAILS,
    hint="split the last axis into the value half a (first) and the gate half b (second); SwiGLU is a · b σ(b)",
    tail_hint="for b < 0 compute σ(b) = e^b / (1 + e^b) directly, never as 1 − σ(−b)",
    warn_hint=_WARN,
))
register_function("glu-code:geglu", "my_geglu", FunctionCheck(
    "geglu", tails=_TAILS,
    hint="split the last axis into the value half a (first) and the gate half b (second); GeGLU is a · b Φ(b) "
         "with the exact Gaussian CDF Φ(b) = erfc(−b/√2) / 2 (not the tanh approximation, and not 1 + erf, which "
         "loses digits for negative b)",
    tail_hint="1 + erf(b/√2) cancels for negative b; Φ(b) = erfc(−b/√2) / 2 (scipy.special.erfc or ndtr) keeps its digits",
    warn_hint="compute Φ(b) with scipy.special.ndtr or erfc: neither overflows",
))

register_answers("glu-predict", {
    "swiglu_weights": Answer("sha256:17ff43417522c81be394dce26916c9061494fb442d040a3bf206ab65f99b9ad6",
                             "the weights of the SwiGLU block with hidden width 4d",
                             hint="count the matrices of the block and the size of each"),
    "matching_width": Answer("sha256:dad12d2ef6ba47c6f272500398134d3a3f170b174ac043be65dc1774010b273f",
                             "the hidden width that matches the ReLU block's weights",
                             hint="set 3 d h equal to 2 d (4d) and solve for h"),
})

register_answers("glu-choose", {
    "choices": Answer("sha256:f44e9348670bc853c079379d82e87348d301983c9928de61136b58f6603605a5",
                      "the three choices (a) to (c)",
                      hint="for each ask: what do today's language models use, which gate stays in (0, 1), and what did "
                           "In a network measure for a plain deep stack?"),
})
