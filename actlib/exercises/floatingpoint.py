"""The checks of chapters/foundations/03_floating_point.ipynb (labels ``floatingpoint-...``)."""

from __future__ import annotations

from ..checks import TAILS, Answer, FunctionCheck, register_answers, register_function

register_answers("floatingpoint-recall", {
    "eps_exponent": Answer("sha256:95c881d370aa47ba0d5f9baac755241eaf5a5b0583a69945b79fb55539771231",
                           "the exponent k with float32's machine epsilon = 2^k",
                           hint="float32 keeps 23 bits after the binary point"),
    "ulp_of_1024": Answer("sha256:1841d0eda91ac725def483ec0cc3a47b03071ea3cb4789cabf54d3f83609afb9",
                          "the ulp of 1024 in float64",
                          hint="the ulp scales with the power of 2 of the number: ulp(2^e) = 2^e · ε"),
    "exp_limit_float32": Answer("sha256:81ac620cbcb21fb42b2601e8b0964a2a30322b081b79910c37958bc6a4c6977a",
                                "the largest x with exp(x) finite in float32 (6 significant digits)",
                                hint="exp(x) overflows once it passes the largest float32: solve e^x = that"),
})

register_function("floatingpoint-softplus", "my_softplus", FunctionCheck(
    "softplus", tails=TAILS,
    hint="softplus(x) = log(1 + e^x) for every x",
    tail_hint="log(1 + t) loses t when t is tiny; np.log1p(t) keeps it",
    warn_hint="never call np.exp on a large positive number; np.where computes both of its branches",
))

register_answers("floatingpoint-predict", {
    "naive_tanh_800": Answer("sha256:f9531d50d35edde00fe65a6e591d0a49ecc0b4d7067fa6b4ecbadd36439a92f9",
                             "the naive tanh at x = 800 in float64",
                             hint="follow the float64 values: e^800, e^−800, then their difference over their sum"),
    "naive_sigmoid_slope_40": Answer("sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383",
                                     "the naive σ(x)(1 − σ(x)) at x = 40 in float64",
                                     hint="what is σ(40) rounded to float64, and 1 minus that?"),
    "one_plus_tiny_is_one": Answer("sha256:cbc78c2f695cf0a5b3b61d178907a93eceb1a56c58be85283f8ae795e39b4c39",
                                   "whether np.float32(1) + np.float32(1e-8) == 1 (True or False)",
                                   hint="compare 1e-8 with half of float32's machine epsilon"),
})

register_answers("floatingpoint-choose", {
    "choices": Answer("sha256:6259a4a8b4dae74fc7a197747c8a01669df186d75472a5b31299bfc574d5363b",
                      "the three choices (a) to (c)",
                      hint="which form never computes a number that rounds to 0, 1 or inf on the way?"),
})
