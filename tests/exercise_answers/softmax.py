"""Answers for the checks of chapters/activations/13_softmax.ipynb (see ``__init__``)."""

import numpy as np
import scipy.special

import actlib

CHAPTER = "chapters/activations/13_softmax.ipynb"


def _model_softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _model_log_softmax(x):
    x = np.asarray(x, dtype=float)
    z = x - np.max(x, axis=-1, keepdims=True)
    first_max = np.arange(x.shape[-1]) == np.argmax(x, axis=-1)[..., None]
    rest = np.sum(np.where(first_max, 0.0, np.exp(z)), axis=-1, keepdims=True)
    return z - np.log1p(rest)


def _naive_softmax(x):
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def _global_max(x):
    e = np.exp(x - np.max(x))  # one maximum for the whole batch: the classic batch bug
    return e / np.sum(e, axis=-1, keepdims=True)


def _capped(x):
    return _naive_softmax(np.minimum(x, 100.0))


def _float32(x):
    return _model_softmax(np.asarray(x, dtype=np.float32)).astype(np.float64)


def _nan_ignoring(x):
    e = np.exp(x - np.nanmax(x, axis=-1, keepdims=True))
    return e / np.nansum(e, axis=-1, keepdims=True)


def _in_place(x):
    x -= np.max(x, axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= np.sum(x, axis=-1, keepdims=True)
    return x


def _row_loop(x):
    x = np.asarray(x, dtype=float)
    return np.array([_model_softmax(row) for row in x.reshape(-1, x.shape[-1])]).reshape(x.shape)


def _log_of_sum(x):
    z = x - np.max(x, axis=-1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))


def _log_minus_one(x):
    z = x - np.max(x, axis=-1, keepdims=True)
    return z - np.log1p(np.sum(np.exp(z), axis=-1, keepdims=True) - 1)  # the sum already lost the small terms


def _log_in_place(x):
    x -= np.max(x, axis=-1, keepdims=True)
    x -= np.log(np.sum(np.exp(x), axis=-1, keepdims=True))
    return x


def _log_float32(x):
    return _model_log_softmax(np.asarray(x, dtype=np.float32)).astype(np.float64)


def _log_nan_ignoring(x):
    z = x - np.nanmax(x, axis=-1, keepdims=True)
    first_max = np.arange(x.shape[-1]) == np.nanargmax(x, axis=-1)[..., None]
    return z - np.log1p(np.nansum(np.where(first_max, 0.0, np.exp(z)), axis=-1, keepdims=True))


WRONG = {
    "softmax-recall": {
        "1/n of five": ((0.2, 0.1875, 0), "is not each entry"),
        "the diagonal as p": ((0.25, 0.25, 0), "is not ∂p₀/∂x₀"),
        "the diagonal as p^2": ((0.25, 0.0625, 0), "is not ∂p₀/∂x₀"),
        "the diagonal as p (1 + p)": ((0.25, 0.3125, 0), "is not ∂p₀/∂x₀"),
        "rows sum to 1, like p": ((0.25, 0.1875, 1), "is not the sum of a row"),
        "a percentage": ((25, 0.1875, 0), "is not each entry"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "softmax-stable:softmax": {
        "naive: exp overflows at 1000": (_naive_softmax, "overflow"),
        "one maximum for the whole batch": (_global_max, "warned"),
        "logits capped at 100 against overflow": (_capped, "warned"),
        "tiny probabilities cut off to 0": (lambda x: (lambda p: np.where(p < 1e-15, 0.0, p))(_model_softmax(x)), "exactly 0"),
        "float32 loses digits": (_float32, "relative error"),
        "np.nanmax / np.nansum hide a NaN": (_nan_ignoring, "NaN must stay NaN"),
        "sign error: softmax(-x)": (lambda x: _model_softmax(-np.asarray(x, dtype=float)), "not the exact value"),
        "sums over the batch axis": (lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True), "not the exact value"),
        "elementwise sigmoid": (lambda x: actlib.sigmoid(x), "not the exact value"),
        "one-hot arg-max (temperature 0)": (lambda x: (x == np.max(x, axis=-1, keepdims=True)).astype(float), "not the exact value"),
        "boolean output": (lambda x: _model_softmax(x) > 0.5, "booleans"),
        "returns a list": (lambda x: _model_softmax(x).tolist(), "list"),
        "changes its input in place": (_in_place, "in place"),
        "loops over the rows": (_row_loop, "loops over the elements"),
        "np.vectorize": (np.vectorize(_model_softmax, signature="(n)->(n)"), "np.vectorize"),
        "the values, not the function": (_model_softmax(np.zeros(4)), "not a function"),
    },
    "softmax-stable:log_softmax": {
        "naive: log(softmax) with exp overflow": (lambda x: np.log(_naive_softmax(x)), "divide by zero"),
        "log of the stable softmax underflows to log 0": (lambda x: np.log(_model_softmax(x)), "divide by zero"),
        "log of the sum loses the top entry's tiny value": (_log_of_sum, "exactly 0"),
        "scipy.special.log_softmax (log of the sum)": (lambda x: scipy.special.log_softmax(x, axis=-1), "exactly 0"),
        "log1p of the sum minus 1: cancelled already": (_log_minus_one, "exactly 0"),
        "float32 loses digits": (_log_float32, "relative error"),
        "np.nanmax / np.nansum hide a NaN": (_log_nan_ignoring, "NaN must stay NaN"),
        "sign error: x + logsumexp": (lambda x: -_model_log_softmax(x), "wrong sign"),
        "forgets the shift's log-sum-exp": (lambda x: x - np.max(x, axis=-1, keepdims=True), "exactly 0"),
        "integer output": (lambda x: np.floor(_model_log_softmax(x)).astype(int), "integers"),
        "changes its input in place": (_log_in_place, "in place"),
        "np.vectorize": (np.vectorize(_model_log_softmax, signature="(n)->(n)"), "np.vectorize"),
    },
    "softmax-predict": {
        "the exact softmax, not the naive one": (((1.0, 0.0), np.inf, (1.0, -1.0)), "is not the naive softmax"),
        "NaN in both entries": (((np.nan, np.nan), np.inf, (1.0, -1.0)), "is not the naive softmax"),
        "a loss of 0 (the wrong entry)": (((np.nan, 0.0), 0.0, (1.0, -1.0)), "is not the naive cross-entropy"),
        "a NaN loss": (((np.nan, 0.0), np.nan, (1.0, -1.0)), "is not the naive cross-entropy"),
        "y − p, a sign error": (((np.nan, 0.0), np.inf, (-1.0, 1.0)), "is not the exact gradient"),
        "a vanishing gradient": (((np.nan, 0.0), np.inf, (0.0, 0.0)), "is not the exact gradient"),
        "the label's entry only": (((np.nan, 0.0), np.inf, -1.0), "is not the exact gradient"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "softmax-choose": {
        "softmax for the loss": (("softmax", "softmax", "sigmoid", "higher"), "is not the four choices"),
        "sigmoid for attention": (("log_softmax", "sigmoid", "sigmoid", "higher"), "is not the four choices"),
        "softmax for multi-label": (("log_softmax", "softmax", "softmax", "higher"), "is not the four choices"),
        "a lower temperature for diversity": (("log_softmax", "softmax", "sigmoid", "lower"), "is not the four choices"),
        "three answers": (("log_softmax", "softmax", "sigmoid"), "is not the four choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "softmax-recall": {
        "floats": (0.25, 0.1875, 0.0),
        "fractions and -0": (1 / 4, 3 / 16, -0.0),
        "numpy": (np.float64(0.25), np.float32(0.1875), np.int64(0)),
    },
    "softmax-stable:softmax": {
        "model solution": _model_softmax,
        "actlib.softmax": actlib.softmax,
        "scipy.special.softmax": lambda x: scipy.special.softmax(x, axis=-1),
        "exp(x - logsumexp)": lambda x: np.exp(x - scipy.special.logsumexp(x, axis=-1, keepdims=True)),
        "shift on a copy, then divide": lambda x: (lambda e: e / e.sum(-1, keepdims=True))(np.exp(x - x.max(-1, keepdims=True))),
    },
    "softmax-stable:log_softmax": {
        "model solution": _model_log_softmax,
        "actlib.log_softmax": actlib.log_softmax,
    },
    "softmax-predict": {
        "tuples": ((np.nan, 0.0), np.inf, (1.0, -1.0)),
        "numpy arrays": (np.array([np.nan, 0.0]), float("inf"), np.array([1, -1])),
        "lists": ([float("nan"), 0], np.float64(np.inf), [1.0, -1.0]),
    },
    "softmax-choose": {
        "tuple": ("log_softmax", "softmax", "sigmoid", "higher"),
        "list, other case": ["Log_Softmax", "SOFTMAX", "Sigmoid", "Higher"],
    },
}
