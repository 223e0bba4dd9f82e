"""Answers for the checks of chapters/activations/10_silu.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/10_silu.ipynb"


def _sigmoid(t):
    e = np.exp(-np.abs(t))  # never overflows
    return np.where(t >= 0, 1 / (1 + e), e / (1 + e))


def _silu(x, beta=1.0):
    x = np.asarray(x, dtype=float)
    return np.where(np.isneginf(x), 0.0, x) * _sigmoid(beta * x)  # -inf · 0 would be NaN; the limit is 0


def _hard_swish(x):
    x = np.asarray(x, dtype=float)
    return np.where(x <= -3, 0.0, x * np.minimum(np.maximum(x + 3, 0.0), 6.0) / 6)


def _in_place_silu(x, beta=1.0):
    x *= _sigmoid(beta * x)
    return x


def _in_place_hard_swish(x):
    x[x <= -3] = 0.0
    x[...] = x * np.minimum(x + 3, 6.0) / 6
    return x


def _scalar_silu(x, beta=1.0):
    return x / (1 + np.exp(-beta * x)) if x > -700 else 0.0


def _scalar_hard_swish(x):
    return 0.0 if x <= -3 else (x if x >= 3 else x * (x + 3) / 6)


WRONG = {
    "silu-recall": {
        "SiLU'(0) = 1, as ReLU's right side": ((1.0, -0.278465, -1.5), "is not SiLU′(0)"),
        "SiLU'(0) = 1/4, the sigmoid's slope": ((0.25, -0.278465, -1.5), "is not SiLU′(0)"),
        "the argmin instead of the minimum": ((0.5, -1.27846, -1.5), "is not the smallest value"),
        "no minimum below 0": ((0.5, 0.0, -1.5), "is not the smallest value"),
        "hard swish smallest at -3": ((0.5, -0.278465, -3.0), "is not where hard swish"),
        "hard swish's minimum value instead": ((0.5, -0.278465, -0.375), "is not where hard swish"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "silu-code:silu": {
        "naive x / (1 + exp(-beta x)) overflows": (lambda x, beta=1.0: x / (1 + np.exp(-beta * x)), "warned"),
        "x * (1 - sigmoid(-beta x)) loses digits in the left tail": (lambda x, beta=1.0: np.where(np.isneginf(x), 0.0, x) * (1 - _sigmoid(-beta * np.asarray(x, dtype=float))), "relative error"),
        "tanh form loses digits in the left tail": (lambda x, beta=1.0: np.where(np.isneginf(x), 0.0, x) * (1 + np.tanh(beta * np.asarray(x, dtype=float) / 2)) / 2, "relative error"),
        "cut off to 0 below -20": (lambda x, beta=1.0: np.where(np.asarray(x) < -20, 0.0, _silu(x, beta)), "exactly 0"),
        "x * sigmoid is NaN at -inf": (lambda x, beta=1.0: np.asarray(x, dtype=float) * _sigmoid(beta * np.asarray(x, dtype=float)), "not the limit"),
        "float32 loses digits": (lambda x, beta=1.0: _silu(x, beta).astype(np.float32).astype(float), "relative error"),
        "beta forgotten": (lambda x, beta=1.0: _silu(x), "at x = 1"),
        "beta outside the sigmoid too": (lambda x, beta=1.0: beta * _silu(x, beta), "at x = 1"),
        "ReLU instead": (lambda x, beta=1.0: np.maximum(np.asarray(x, dtype=float), 0.0), "at x = 1"),
        "np.nan_to_num turns NaN into 0": (lambda x, beta=1.0: _silu(np.nan_to_num(x, posinf=np.inf, neginf=-np.inf), beta), "NaN must stay NaN"),
        "sign error in the sigmoid": (lambda x, beta=1.0: _silu(x, -beta), "at x = 1"),
        "integer output": (lambda x, beta=1.0: _silu(x, beta).astype(int), "integers"),
        "changes its input in place": (_in_place_silu, "in place"),
        "if on an array": (_scalar_silu, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_silu), "np.vectorize"),
    },
    "silu-code:hard_swish": {
        "naive x * relu6(x + 3) / 6 is NaN at -inf": (lambda x: x * np.minimum(np.maximum(x + 3, 0), 6) / 6, "not the limit"),
        "hard sigmoid without the factor x": (lambda x: np.minimum(np.maximum(np.asarray(x, dtype=float) + 3, 0), 6) / 6, "at x = 0"),
        "relu6(x + 3) without dividing by 6": (lambda x: np.where(np.asarray(x) <= -3, 0.0, x * np.minimum(np.maximum(x + 3, 0.0), 6.0)), "at x = 1"),
        "x + 2 instead of x + 3": (lambda x: np.where(np.asarray(x) <= -3, 0.0, x * np.minimum(np.maximum(x + 2, 0.0), 6.0) / 6), "at x = 1"),
        "the kink moved to -2.999": (lambda x: np.where(np.asarray(x) <= -2.999, 0.0, x * np.minimum(np.maximum(x + 3, 0.0), 6.0) / 6), "kink"),
        "np.where(x > -3, ..., 0) turns NaN into 0": (lambda x: np.where(x > -3, x * np.minimum(x + 3, 6.0) / 6, 0.0), "NaN must stay NaN"),
        "sign error": (lambda x: -_hard_swish(x), "at x = 1"),
        "boolean output": (lambda x: x > 0, "booleans"),
        "changes its input in place": (_in_place_hard_swish, "in place"),
        "if on an array": (_scalar_hard_swish, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_hard_swish), "np.vectorize"),
    },
    "silu-predict": {
        "beta = 1's minimum": ((-1.27846, -0.278465), "is not where SiLU"),
        "moved the wrong way": ((-2.55693, -0.278465), "is not where SiLU"),
        "moved but not shrunk": ((-0.639232, -0.278465), "is not the smallest value"),
        "shrunk twice": ((-0.639232, -0.0696161), "is not the smallest value"),
        "swapped": ((-0.139232, -0.639232), "is not where SiLU"),
        "placeholders": ((..., ...), "no answer"),
    },
    "silu-choose": {
        "SiLU on a phone": (("silu", "relu", "silu"), "is not the three choices"),
        "ReLU on a phone": (("relu", "relu", "silu"), "is not the three choices"),
        "large beta gives identity": (("hard_swish", "identity", "silu"), "is not the three choices"),
        "hard swish is smooth": (("hard_swish", "relu", "hard_swish"), "is not the three choices"),
        "two answers": (("hard_swish", "relu"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "silu-recall": {
        "floats": (0.5, float(actlib.silu(-1.278464542761074)), -1.5),
        "six digits": (1 / 2, -0.278465, -3 / 2),
        "numpy": (np.float32(0.5), np.float64(-0.2784645), np.int64(-1) - 0.5),
    },
    "silu-code:silu": {
        "model solution": _silu,
        "exp(beta x) on the left, exp(-beta x) on the right": lambda x, beta=1.0: np.where(
            np.isneginf(x), 0.0, x) * np.exp(np.minimum(beta * np.asarray(x, dtype=float), 0.0)) / (1 + np.exp(-beta * np.abs(x))),
        "actlib.silu": actlib.silu,
    },
    "silu-code:hard_swish": {
        "model solution": _hard_swish,
        "clip": lambda x: np.where(np.asarray(x) <= -3, 0.0, x * np.clip(x + 3, 0.0, 6.0) / 6),
        "actlib.hard_swish": actlib.hard_swish,
    },
    "silu-predict": {
        "six digits": (-0.639232, -0.139232),
        "from beta = 1": (-1.278464542761074 / 2, -0.27846454276107385 / 2),
    },
    "silu-choose": {
        "tuple": ("hard_swish", "relu", "silu"),
        "list, other case": ["Hard_Swish", "ReLU", "SiLU"],
    },
}
