"""The checks of chapters/practice/06_speed.ipynb: fast, vectorised and still right."""

from __future__ import annotations

from ..checks import Answer, FunctionCheck, register_answers, register_function

register_answers("speed-recall", {
    "is_python_loop": Answer("sha256:0d767085980f95518c0f23494f19c36a6837755a5f206daf436ad761d5aec05a",
                             "whether np.vectorize is a Python loop", hint="what does it call for every element?"),
    "calls_for_1000": Answer("sha256:aa1b8de392dd8e006995bc7bad748f6877c14c14b682ba886c96d02cbf1d4dd6", "the number of calls for 1000 elements",
                             hint="np.vectorize first calls the function once to find the output type"),
    "timeit_statistic": Answer(("sha256:5080d267a234399c9ee1cccb24f34edd2d1f773e3f7a3164a0fe2e6ae10f87c0", "sha256:0e2e1b4fa0dcc450a545da9adbec43d5560edec8eb8a28a4cde6c6925e864b26"),
                               "the statistic of timeit.repeat to report",
                               hint="which run was disturbed least by the rest of the machine?"),
})

register_function("speed-code", "my_softsign", FunctionCheck(
    "softsign",
    hint="softsign(x) = x / (1 + |x|), computed on the whole array at once",
))

register_answers("speed-choose", {
    "choices": Answer("sha256:ec14278485f8256a511567c43897d2984cdf016a6fa396865de18d5bb7ea015e", "the two choices (a) and (b)",
                      hint="(a): which of them runs a compiled loop? (b): what does log(1 + exp(x)) return for x > 710?"),
})
