r"""Checks of chapters/activations/06_hard_sigmoid.ipynb: hard sigmoid, hard tanh and ReLU6.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/hard_sigmoid.py``.
"""

from __future__ import annotations

import numpy as np

from ..checks import ORDINARY, Answer, FunctionCheck, register_answers, register_function

# The hard sigmoid is continuous, so its kinks have no side to take; what fails beside them is
# cancellation (x/6 + 1/2 near x = -3), so the floats next to the kinks join the ordinary inputs.
_BESIDE_KINKS = tuple(float(np.nextafter(k, d)) for k in (-3.0, 3.0) for d in (-np.inf, np.inf))

register_answers("hard_sigmoid-recall", {
    "hs_at_0": Answer("sha256:e6699da406bf2792b583d3a9bea4269790dd96432b9e989b749944c2bde0b037", "the hard sigmoid at 0"),
    "hs_slope": Answer("sha256:4f39a74d36e2fae6a93eb96348b75931bebb420beddec0c035846a7a9a7f8f3b",
                       "the hard sigmoid's slope on its ramp", hint="the ramp rises from 0 to 1 between x = −3 and x = 3"),
    "relu6_max": Answer("sha256:86279eed6f9ca4b304ba9fc8e3a665c8f34e447ab1c32fc103b59ebeab4709f7", "the largest output of ReLU6"),
    "hard_tanh_slope_at_1": Answer("sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383",
                                   "the hard tanh's derivative at its kink x = 1 in actlib",
                                   hint="the chapter's convention at a kink: which side does actlib take?"),
})
register_function("hard_sigmoid-code", "my_hard_sigmoid", FunctionCheck(
    "hard_sigmoid", ordinary=ORDINARY + _BESIDE_KINKS, kinks=False,
    hint="the hard sigmoid is 0 up to x = −3, 1 from x = 3 on, and a straight line between; "
         "near x = −3, x/6 + 1/2 subtracts two nearly equal numbers, (x + 3)/6 does not",
))
register_function("hard_sigmoid-relu6", "my_relu6_derivative", FunctionCheck(
    "relu6", derivative=True, nan=False,
    hint="the slope is 1 strictly between the kinks and 0 outside them",
))

# Written by the hard-sigmoid chapter: which units of a hard tanh layer pass a gradient, and which stand-in for which job.
register_answers("hard_sigmoid-predict", {
    "grad": Answer("sha256:a8e1272a94e555bdc4152ef61c2258feeab9892e1f94173765bf695990717545",
                   "the gradient hard_tanh.vjp(z, ones) for the seven inputs",
                   hint="the slope is 1 strictly inside (−1, 1); at the kinks actlib takes the flat side"),
})
register_answers("hard_sigmoid-choose", {
    "choices": Answer("sha256:3fbee1e07e7e4fddd25e3dda0ea3580f05e34bb0509c6a8990d6932fad737b14", "the three choices (a) to (c)",
                      hint="for each job ask which range it needs: [0, 1], [0, 6] or [−1, 1]"),
})
