"""Answers for the checks of chapters/activations/11_gelu.ipynb (see ``__init__``)."""

import math

import numpy as np
from scipy import special

import actlib

CHAPTER = "chapters/activations/11_gelu.ipynb"


def _gelu(x):
    x = np.asarray(x, dtype=float)
    xc = np.maximum(x, -40.0)  # x * Phi(x) has underflowed below -38.5; keeps -inf * 0 out
    return xc * special.ndtr(xc)


def _gelu_by_erfc(x):
    x = np.asarray(x, dtype=float)
    xc = np.maximum(x, -40.0)
    return 0.5 * xc * special.erfc(-xc / math.sqrt(2))


def _gelu_with_limits(x):
    x = np.asarray(x, dtype=float)
    finite = np.where(np.isinf(x), 0.0, x)
    return np.where(np.isinf(x), np.maximum(x, 0.0), finite * special.ndtr(finite))


def _naive_erf(x):
    return 0.5 * x * (1 + special.erf(x / math.sqrt(2)))


def _in_place(x):
    x[...] = _gelu(x)
    return x


def _scalar(v):
    return float(v) * special.ndtr(float(v)) if v > -40 else 0.0


WRONG = {
    "gelu-recall": {
        "slope 1 at 0": ((1.0, 1.0, True), "is not GELU′(0)"),
        "slope 0 at 0": ((0.0, 1.0, True), "is not GELU′(0)"),
        "slope 0 at infinity": ((0.5, 0.0, True), "is not the limit of GELU′(x) as x → ∞"),
        "PyTorch's default for JAX": ((0.5, 1.0, False), "is not the default of approximate in jax.nn.gelu"),
        "the string 'tanh'": ((0.5, 1.0, "tanh"), "is not the default of approximate in jax.nn.gelu"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "gelu-stable": {
        "naive 0.5 x (1 + erf) loses digits": (_naive_erf, "relative error"),
        "the tanh approximation": (lambda x: actlib.gelu(np.asarray(x, dtype=float), approximate=True), "at x = 1"),
        "x sigma(1.702 x), the sigmoid approximation": (lambda x: x * special.expit(1.702 * np.asarray(x, dtype=float)), "at x = 1"),
        "cut off to 0 below -5": (lambda x: np.where(np.asarray(x) < -5, 0.0, _gelu(x)), "exactly 0"),
        "input clipped to +-1e3": (lambda x: _gelu(np.clip(np.asarray(x, dtype=float), -1e3, 1e3)), "clip or cut off"),
        "float32 loses digits": (lambda x: _gelu(x).astype(np.float32).astype(float), "relative error"),
        "-inf * 0 is NaN": (lambda x: np.asarray(x, dtype=float) * special.ndtr(x), "not the limit"),
        "np.nan_to_num turns NaN into 0": (lambda x: _gelu(np.nan_to_num(np.asarray(x, dtype=float))), "NaN must stay NaN"),
        "sign error": (lambda x: -_gelu(x), "wrong sign"),
        "Phi alone, without x": (lambda x: special.ndtr(np.asarray(x, dtype=float)), "at x = 0"),
        "integer output": (lambda x: (np.asarray(x) > 0).astype(int), "integers"),
        "changes its input in place": (_in_place, "in place"),
        "if on an array": (lambda x: x * special.ndtr(x) if x > -40 else 0.0, "truth value"),
        "np.vectorize": (np.vectorize(_scalar), "np.vectorize"),
    },
    "gelu-predict": {
        "rounding error size": ((-16, 1.0), "is not the order of magnitude k of the largest gap"),
        "one order too small": ((-5, 1.0), "is not the order of magnitude k of the largest gap"),
        "the gap itself": ((4.7e-4, 1.0), "is not the order of magnitude k of the largest gap"),
        "relative error vanishes": ((-4, 0.0), "is not the limit of the relative error as x → −∞"),
        "relative error grows without bound": ((-4, np.inf), "is not the limit of the relative error as x → −∞"),
        "placeholders": ((..., ...), "no answer"),
    },
    "gelu-choose": {
        "exact form for GPT-2": (("none", False, "linear"), "is not the three choices"),
        "JAX default for the port": (("tanh", True, "linear"), "is not the three choices"),
        "GELU output": (("tanh", False, "gelu"), "is not the three choices"),
        "all defaults": (("none", True, "gelu"), "is not the three choices"),
        "two answers": (("tanh", False), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "gelu-recall": {
        "floats and bool": (0.5, 1.0, True),
        "ints, a fraction, numpy bool": (1 / 2, 1, np.bool_(True)),
    },
    "gelu-stable": {
        "model solution": _gelu,
        "by erfc": _gelu_by_erfc,
        "limits by np.where": _gelu_with_limits,
        "actlib.gelu": actlib.gelu,
    },
    "gelu-predict": {
        "ints": (-4, 1),
        "floats": (-4.0, 1.0),
    },
    "gelu-choose": {
        "tuple": ("tanh", False, "linear"),
        "list, other case": ["TANH", False, "Linear"],
    },
}
