"""Answers for the checks of chapters/activations/08_elu.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/08_elu.ipynb"


def _elu(x, alpha=1.0):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _celu(x, alpha=1.0):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0) / alpha))


def _elu_max_min(x, alpha=1.0):
    return np.maximum(x, 0.0) + np.minimum(alpha * np.expm1(np.minimum(x, 0.0)), 0.0)


def _in_place_elu(x, alpha=1.0):
    neg = x <= 0
    x[neg] = alpha * np.expm1(x[neg])
    return x


def _scalar_elu(x, alpha=1.0):
    return x if x > 0 else alpha * np.expm1(x)


def _scalar_celu(x, alpha=1.0):
    return x if x > 0 else alpha * np.expm1(x / alpha)


def _celu_in_place(x, alpha=1.0):
    neg = x <= 0
    x[neg] = alpha * np.expm1(x[neg] / alpha)
    return x


WRONG = {
    "elu-recall": {
        "the limit is 0, as ReLU's": ((0.0, 0.5, 1.0), "is not the limit of ELU"),
        "the limit is -1 whatever alpha": ((-1.0, 0.5, 1.0), "is not the limit of ELU"),
        "ELU'(0) = 1, the right side": ((-1.5, 1.0, 1.0), "is not ELU′(0)"),
        "ELU'(0) = 0, ReLU's convention": ((-1.5, 0.0, 1.0), "is not ELU′(0)"),
        "CELU'(0) = alpha": ((-1.5, 0.5, 0.5), "is not CELU′(0)"),
        "CELU'(0) = 1/alpha": ((-1.5, 0.5, 2.0), "is not CELU′(0)"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "elu-code:elu": {
        "naive alpha * (exp(x) - 1) loses digits near 0": (
            lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.0)) - 1)), "relative error"),
        "naive np.where(x > 0, x, alpha * np.expm1(x)) overflows": (
            lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(x)), "warned"),
        "alpha forgotten": (lambda x, alpha=1.0: _elu(x), "at x = -1"),
        "alpha on the positive side too": (lambda x, alpha=1.0: alpha * _elu(x, 1.0), "at x = 1"),
        "CELU's exponent x / alpha": (lambda x, alpha=1.0: _celu(x, alpha), "at x = -1"),
        "cut off to 0 below -20, as if ReLU": (lambda x, alpha=1.0: np.where(x < -20, 0.0, _elu(x, alpha)), "exactly 0"),
        "float32 loses digits": (lambda x, alpha=1.0: _elu(x, alpha).astype(np.float32).astype(float), "relative error"),
        "np.nan_to_num turns NaN into 0": (lambda x, alpha=1.0: _elu(np.nan_to_num(x, posinf=np.inf, neginf=-np.inf), alpha), "NaN must stay NaN"),
        "sign error": (lambda x, alpha=1.0: -_elu(x, alpha), "at x = 1"),
        "integer output": (lambda x, alpha=1.0: _elu(x, alpha).astype(int), "integers"),
        "changes its input in place": (_in_place_elu, "in place"),
        "if on an array": (_scalar_elu, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_elu), "np.vectorize"),
    },
    "elu-code:celu": {
        "naive alpha * (exp(x / alpha) - 1) loses digits near 0": (
            lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.0) / alpha) - 1)), "relative error"),
        "naive max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) overflows": (
            lambda x, alpha=1.0: np.maximum(0, x) + np.minimum(0, alpha * np.expm1(x / alpha)), "warned"),
        "ELU's exponent x": (lambda x, alpha=1.0: _elu(x, alpha), "at x = -1"),
        "exponent x * alpha": (lambda x, alpha=1.0: _celu(x, 1 / alpha), "at x = -1"),
        "alpha forgotten in front": (lambda x, alpha=1.0: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0) / alpha)), "at x = -1"),
        "cut off to 0 below -20, as if ReLU": (lambda x, alpha=1.0: np.where(x < -20, 0.0, _celu(x, alpha)), "exactly 0"),
        "float32 loses digits": (lambda x, alpha=1.0: _celu(x, alpha).astype(np.float32).astype(float), "relative error"),
        "np.fmax turns NaN into a number": (lambda x, alpha=1.0: np.fmax(x, 0) + np.fmin(0, alpha * np.expm1(np.fmin(x, 0) / alpha)), "NaN must stay NaN"),
        "sign error": (lambda x, alpha=1.0: -_celu(x, alpha), "at x = 1"),
        "boolean output": (lambda x, alpha=1.0: x > 0, "booleans"),
        "changes its input in place": (lambda x, alpha=1.0: _celu_in_place(x, alpha), "in place"),
        "if on an array": (_scalar_celu, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_celu), "np.vectorize"),
    },
    "elu-predict": {
        "SELU stays whatever the initialisation": (("stays", "stays", "shrinks"), "is not the three predictions"),
        "He makes SELU shrink": (("stays", "shrinks", "shrinks"), "is not the three predictions"),
        "ELU self-normalises too": (("stays", "grows", "stays"), "is not the three predictions"),
        "ELU grows like ReLU with He": (("stays", "grows", "grows"), "is not the three predictions"),
        "a set": ({"stays", "grows", "shrinks"}, "is not the three predictions"),
        "placeholder": (..., "no answer"),
    },
    "elu-choose": {
        "ELU for self-normalisation": (("elu", "lecun", "celu"), "is not the three choices"),
        "He for SELU": (("selu", "he", "celu"), "is not the three choices"),
        "Xavier for SELU": (("selu", "xavier", "celu"), "is not the three choices"),
        "ELU for a continuous derivative": (("selu", "lecun", "elu"), "is not the three choices"),
        "two answers": (("selu", "lecun"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}


RIGHT = {
    "elu-recall": {
        "floats": (-1.5, 0.5, 1.0),
        "ints and fractions": (-3 / 2, 1 / 2, 1),
        "numpy": (np.float64(-1.5), np.float32(0.5), np.int64(1)),
    },
    "elu-code:elu": {
        "model solution": _elu,
        "max plus min": _elu_max_min,
        "actlib.elu": actlib.elu,
    },
    "elu-code:celu": {
        "model solution": _celu,
        "max plus min": lambda x, alpha=1.0: np.maximum(x, 0.0) + np.minimum(alpha * np.expm1(np.minimum(x, 0.0) / alpha), 0.0),
        "actlib.celu": actlib.celu,
    },
    "elu-predict": {
        "tuple": ("stays", "grows", "shrinks"),
        "list, other case": ["Stays", "GROWS", "Shrinks"],
    },
    "elu-choose": {
        "tuple": ("selu", "lecun", "celu"),
        "list, other case": ["SELU", "LeCun", "Celu"],
    },
}
