"""The checks of chapters/activations/13_softmax.ipynb (softmax and log-softmax).

Wrong and right answers for each: ``tests/exercise_answers/softmax.py``.
"""

from __future__ import annotations

import math

from ..checks import ORDINARY_ROWS, TAILS, Answer, FunctionCheck, register_answers, register_function

# A masked row (attention masks and padded classes are -inf logits): the entry gets weight 0, the others a distribution.
_MASKED_ROWS = ((-math.inf, 0.0, 1.0, 2.0), (3.0, -math.inf, -math.inf, 0.0))

register_answers("softmax-recall", {
    "p_uniform": Answer("sha256:ddedd9dff44078e401bb870fe238d909aa370ab77527fbb8464f184e5de1bacd",
                        "each entry of softmax(x) for four equal logits",
                        hint="the entries are equal and sum to 1"),
    "jacobian_diagonal": Answer("sha256:34185686ce601aac11f087733ef366f719535de13120ac5cf5a8e5f029f7276c",
                                "∂p₀/∂x₀ at four equal logits",
                                hint="the diagonal of diag(p) − p pᵀ is p_i (1 − p_i)"),
    "jacobian_row_sum": Answer("sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383",
                               "the sum of a row of the softmax Jacobian",
                               hint="adding the same number to every logit leaves p unchanged"),
})

register_function("softmax-stable:softmax", "my_softmax", FunctionCheck(
    "softmax", tails=TAILS, inf=False, ordinary=ORDINARY_ROWS + _MASKED_ROWS,
    hint="p_i = e^(x_i) / Σ_j e^(x_j) over the last axis of each row; compare with the Definition section",
    tail_hint="subtract the row's maximum before np.exp: the largest term becomes exactly 1",
    warn_hint="np.exp of a large logit overflows; subtract each row's own maximum first (keepdims=True)",
))
register_function("softmax-stable:log_softmax", "my_log_softmax", FunctionCheck(
    "log_softmax", tails=TAILS, inf=False, ordinary=ORDINARY_ROWS + _MASKED_ROWS,
    hint="log p_i = x_i − log Σ_j e^(x_j) over the last axis of each row",
    tail_hint="after the shift the sum is 1 + (the other terms); np.log1p of the other terms keeps their digits",
    warn_hint="np.log of a probability that underflowed to 0 is −inf; work from the shifted logits, never from softmax",
))

register_answers("softmax-predict", {
    "naive_output": Answer("sha256:dc44a6c40edcd1a97f78ed953b97de7369f831f46425c22e179c7550c6fa1ab7",
                           "the naive softmax of [1000, 0] in float64",
                           hint="follow the float64 values: np.exp(1000), then the sum, then each quotient"),
    "naive_loss": Answer("sha256:935018822e2813a5eb03baca5fc957c599344af3d8fcc5ed6e254c5f10602293",
                         "the naive cross-entropy −log(p₁) for the label 1",
                         hint="which entry of the naive output does the loss take the log of?"),
    "grad_wrt_logits": Answer("sha256:d74283b9e97b0a7d697504cc4568cf30db0f50dc97189186c7d18e8c8e238a41",
                              "the exact gradient of the cross-entropy with respect to the logits",
                              hint="the gradient is p − y, with p the exact softmax"),
})

register_answers("softmax-choose", {
    "choices": Answer("sha256:4e9edad9891373e2ca0fe1e6c623e23111fabee00baca58782c7553498148b41",
                      "the four choices (a) to (d)",
                      hint="for each ask: one distribution over exclusive options, or independent yes/no answers? "
                           "And which form does a loss need? (Pitfalls and when to use it)"),
})
