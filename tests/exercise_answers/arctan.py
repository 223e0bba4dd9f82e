"""Answers for the checks of chapters/activations/05_arctan.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/05_arctan.ipynb"
_BIG = 2.0 ** 500  # far below sqrt(max float) = 1.3e154, far above where 1 + x² == x²


def _arctan_derivative(x):
    a = np.abs(np.asarray(x, dtype=float))
    r = 1 / np.maximum(a, _BIG)
    return np.where(a < _BIG, 1 / (1 + np.minimum(a, _BIG) ** 2), r * r)


def _arctan_derivative_by_reciprocal(x):
    # 1 / (1 + x²) = u² / (u² + 1) with u = 1/|x|; branch-free for |x| >= 1
    a = np.abs(np.asarray(x, dtype=float))
    small = np.minimum(a, 1.0)
    u = 1 / np.maximum(a, 1.0)
    return np.where(a <= 1, 1 / (1 + small * small), u * u / (u * u + 1))


def _fmax_drops_nan(x):
    a = np.abs(np.asarray(x, dtype=float))
    r = 1 / np.fmax(a, _BIG)  # fmax returns the number when the other argument is NaN
    return np.where(a < _BIG, 1 / (1 + np.fmin(a, _BIG) ** 2), r * r)


def _in_place_derivative(x):
    np.abs(x, out=x)
    x[...] = 1 / (1 + np.minimum(x, _BIG) ** 2)
    return x


def _in_place_softsign(x):
    x /= 1 + np.abs(x)
    return x


def _scalar_softsign(x):
    return x / (1 + abs(x)) if x == x else x


def _softsign_with_limits(x):
    x = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore"):
        y = x / (1 + np.abs(x))
    return np.where(np.isinf(x), np.sign(x), y)


WRONG = {
    "arctan-recall": {
        "tanh's bound for arctan": ((1.0, 1.0, 1.0), "is not the least upper bound of arctan"),
        "pi for arctan": ((np.pi, 1.0, 1.0), "is not the least upper bound of arctan"),
        "arctan'(0) = 1/2": ((np.pi / 2, 0.5, 1.0), "is not arctan′(0)"),
        "softsign bound pi/2": ((np.pi / 2, 1.0, np.pi / 2), "is not the least upper bound of softsign"),
        "softsign unbounded": ((np.pi / 2, 1.0, np.inf), "is not the least upper bound of softsign"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "arctan-derivative": {
        "naive 1 / (1 + x**2) overflows": (lambda x: 1 / (1 + x**2), "warned"),
        "naive 1 / (1 + x*x) overflows": (lambda x: 1 / (1 + x * x), "warned"),
        "cut off to 0 past 1e3": (lambda x: np.where(np.abs(x) > 1e3, 0.0, 1 / (1 + np.minimum(np.abs(x), 1e3) ** 2)), "exactly 0"),
        "cos(arctan x)**2 loses digits": (lambda x: np.cos(np.arctan(x)) ** 2, "relative error"),
        "float32 loses digits": (lambda x: (1 / (1 + np.minimum(np.abs(x), 1e15) ** 2)).astype(np.float32).astype(float), "relative error"),
        "np.fmax turns NaN into a number": (_fmax_drops_nan, "NaN must stay NaN"),
        "softsign's derivative": (lambda x: 1 / (1 + np.abs(x)) ** 2, "at x = 1"),
        "tanh's derivative": (lambda x: 1 / np.cosh(np.minimum(np.abs(x), 300)) ** 2, "at x = 1"),
        "sign error": (lambda x: -_arctan_derivative(x), "wrong sign"),
        "integer output": (lambda x: (np.abs(x) < 1).astype(int), "integers"),
        "changes its input in place": (_in_place_derivative, "in place"),
        "if on an array": (lambda x: 1 / (1 + x * x) if x < 1e100 else 0.0, "truth value"),
        "np.vectorize": (np.vectorize(lambda v: 1 / (1 + min(abs(v), 1e100) ** 2)), "np.vectorize"),
    },
    "arctan-softsign": {
        "naive x / (1 + |x|) is NaN at inf": (lambda x: x / (1 + np.abs(x)), "not the limit"),
        "1 - 1/(1 + |x|) loses digits near 0": (lambda x: np.sign(x) * (1 - 1 / (1 + np.abs(x))), "relative error"),
        "clipped at 0.9": (lambda x: np.clip(_softsign_with_limits(x), -0.9, 0.9), "clip or cut off"),
        "np.nan_to_num tames inf and turns NaN into 0": (lambda x: np.nan_to_num(x) / (1 + np.abs(np.nan_to_num(x))), "NaN must stay NaN"),
        "tanh instead": (lambda x: np.tanh(x), "at x = 1"),
        "sign error": (lambda x: -_softsign_with_limits(x), "wrong sign"),
        "x / (1 + x) without the absolute value": (lambda x: np.where(np.isinf(x), 1.0, x / (1 + np.maximum(x, -0.5))), "at x = -1"),
        "x / (1 + sqrt(x**2)) overflows": (lambda x: x / (1 + np.sqrt(x**2)), "warned"),
        "returns a list": (lambda x: [v / (1 + abs(v)) for v in np.ravel(x)], "list"),
        "changes its input in place": (_in_place_softsign, "in place"),
        "if on an array": (_scalar_softsign, "truth value"),
        "np.vectorize": (np.vectorize(_scalar_softsign), "np.vectorize"),
    },
    "arctan-predict": {
        "softsign slowest to saturate": (("softsign", "arctan", "tanh"), "is not the ranking"),
        "tanh first": (("tanh", "arctan", "softsign"), "is not the ranking"),
        "reversed": (("tanh", "softsign", "arctan"), "is not the ranking"),
        "a set": ({"arctan", "softsign", "tanh"}, "is not the ranking"),
        "placeholder": (..., "no answer"),
    },
    "arctan-choose": {
        "tanh for slow saturation": (("tanh", "arctan", "tanh"), "is not the three choices"),
        "tanh for the angle": (("softsign", "tanh", "tanh"), "is not the three choices"),
        "softsign near the bounds": (("softsign", "arctan", "softsign"), "is not the three choices"),
        "arctan near the bounds": (("softsign", "arctan", "arctan"), "is not the three choices"),
        "two answers": (("softsign", "arctan"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "arctan-recall": {
        "floats": (np.pi / 2, 1.0, 1.0),
        "six digits and ints": (1.570796, 1, 1),
        "numpy": (np.arctan(np.inf), np.float64(1), np.int64(1)),
    },
    "arctan-derivative": {
        "model solution": _arctan_derivative,
        "by the reciprocal": _arctan_derivative_by_reciprocal,
        "actlib.arctan.derivative": actlib.arctan.derivative,
    },
    "arctan-softsign": {
        "model solution": _softsign_with_limits,
        "divide by 1/|x| + 1 away from 0": lambda x: np.where(np.abs(x) <= 1, x / (1 + np.minimum(np.abs(x), 1)),
                                                               np.sign(x) / (1 / np.maximum(np.abs(x), 1) + 1)),
        "actlib.softsign": actlib.softsign,
    },
    "arctan-predict": {
        "tuple": ("arctan", "softsign", "tanh"),
        "list, other case": ["Arctan", "SoftSign", "TANH"],
    },
    "arctan-choose": {
        "tuple": ("softsign", "arctan", "tanh"),
        "list, other case": ["Softsign", "ARCTAN", "Tanh"],
    },
}
