"""Answers for the checks of chapters/activations/12_mish.ipynb (see ``__init__``)."""

import numpy as np
from scipy import special

import actlib

CHAPTER = "chapters/activations/12_mish.ipynb"


def _mish(x):
    x = np.asarray(x, dtype=float)
    xc = np.maximum(x, -1000.0)  # mish has underflowed long before; keeps -inf * 0 out
    e = np.exp(-np.abs(xc))
    n = e * (e + 2)
    return xc * np.where(xc > 0, (1 + 2 * e) / (1 + 2 * e + 2 * e * e), n / (n + 2))


def _mish_logaddexp(x):
    x = np.asarray(x, dtype=float)
    xc = np.maximum(x, -1000.0)
    return xc * np.tanh(np.logaddexp(0.0, xc))


def _mish_cancels(x):
    # 1 - 2 / (n + 2) for x <= 0: the difference of two numbers close to 1 when n is tiny
    x = np.asarray(x, dtype=float)
    xc = np.maximum(x, -1000.0)
    e = np.exp(-np.abs(xc))
    n = e * (e + 2)
    return xc * np.where(xc > 0, (1 + 2 * e) / (1 + 2 * e + 2 * e * e), 1 - 2 / (n + 2))


def _in_place(x):
    x[...] = _mish(x)
    return x


def _scalar(v):
    return float(_mish(v))


WRONG = {
    "mish-recall": {
        "SiLU's slope 0.5": ((0.5, 1.0, False), "is not mish′(0)"),
        "slope 1 at 0": ((1.0, 1.0, False), "is not mish′(0)"),
        "tanh(1) at 0": ((np.tanh(1.0), 1.0, False), "is not mish′(0)"),
        "slope 0 at infinity": ((0.6, 0.0, False), "is not the limit of mish′(x) as x → ∞"),
        "monotonic": ((0.6, 1.0, True), "is not whether Mish is monotonic"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "mish-stable": {
        "naive x tanh(log(1 + exp x)) overflows": (lambda x: x * np.tanh(np.log(1 + np.exp(x))), "warned"),
        "naive with log1p still overflows": (lambda x: x * np.tanh(np.log1p(np.exp(x))), "warned"),
        "logaddexp, but -inf * 0 is NaN": (lambda x: x * np.tanh(np.logaddexp(0.0, x)), "not the limit"),
        "1 - 2 / (n + 2) loses digits": (_mish_cancels, "relative error"),
        "cut off to 0 below -20": (lambda x: np.where(np.asarray(x) < -20, 0.0, _mish(x)), "exactly 0"),
        "input clipped to +-100": (lambda x: _mish(np.clip(np.asarray(x, dtype=float), -100.0, 100.0)), "clip or cut off"),
        "float32 loses digits": (lambda x: _mish(x).astype(np.float32).astype(float), "relative error"),
        "SiLU instead": (lambda x: np.asarray(x, dtype=float) * special.expit(x), "at x = 1"),
        "np.nan_to_num turns NaN into 0": (lambda x: _mish(np.nan_to_num(np.asarray(x, dtype=float))), "NaN must stay NaN"),
        "sign error": (lambda x: -_mish(x), "wrong sign"),
        "integer output": (lambda x: (np.asarray(x) > 0).astype(int), "integers"),
        "changes its input in place": (_in_place, "in place"),
        "if on an array": (lambda x: x * np.tanh(np.log1p(np.exp(x))) if x < 700 else x, "truth value"),
        "np.vectorize": (np.vectorize(_scalar), "np.vectorize"),
    },
    "mish-predict": {
        "gradient positive left of the minimum": ((1, 1, 1), "is not the sign of mish′(−2)"),
        "both negative": ((-1, -1, 1), "is not the sign of mish′(−0.5)"),
        "no stationary point": ((-1, 1, 0), "is not the number of zeros of mish′"),
        "a minimum and a maximum": ((-1, 1, 2), "is not the number of zeros of mish′"),
        "the values, not the signs": ((-0.108355, 0.289511, 1), "is not the sign of mish′(−2)"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "mish-choose": {
        "mish on the device": (("mish", "mish", "gelu"), "is not the three choices"),
        "silu for YOLOv4": (("leaky_relu", "silu", "gelu"), "is not the three choices"),
        "mish for BERT": (("leaky_relu", "mish", "mish"), "is not the three choices"),
        "reversed": (("gelu", "mish", "leaky_relu"), "is not the three choices"),
        "two answers": (("leaky_relu", "mish"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "mish-recall": {
        "floats and bool": (0.6, 1.0, False),
        "a fraction, an int, numpy bool": (3 / 5, 1, np.bool_(False)),
    },
    "mish-stable": {
        "model solution": _mish,
        "tanh of a stable softplus": _mish_logaddexp,
        "actlib.mish": actlib.mish,
    },
    "mish-predict": {
        "ints": (-1, 1, 1),
        "floats": (-1.0, 1.0, 1.0),
        "numpy signs": (np.sign(actlib.mish.derivative(-2.0)), np.sign(actlib.mish.derivative(-0.5)), 1),
    },
    "mish-choose": {
        "tuple": ("leaky_relu", "mish", "gelu"),
        "list, other case": ["Leaky_ReLU", "MISH", "GELU"],
    },
}
