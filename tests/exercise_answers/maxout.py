"""Answers for the checks of chapters/activations/14_maxout.ipynb (see ``__init__``)."""

import numpy as np

import actlib

CHAPTER = "chapters/activations/14_maxout.ipynb"


def _groups(x, pieces):
    x = np.asarray(x, dtype=float)
    return x.reshape(x.shape[:-1] + (x.shape[-1] // pieces, pieces))


def _model(x, pieces):
    return np.max(_groups(x, pieces), axis=-1)


def _naive_identity(x, pieces):
    """max(a, b) = (a + b + |a - b|) / 2, folded over the pieces."""
    g = _groups(x, pieces)
    m = g[..., 0]
    for k in range(1, pieces):
        m = (m + g[..., k] + np.abs(m - g[..., k])) / 2
    return m


def _in_place(x, pieces):
    v = x.reshape(x.shape[:-1] + (x.shape[-1] // pieces, pieces))  # a view of x: sorting it sorts x
    v.sort(axis=-1)
    return v[..., -1]


def _row_loop(x, pieces):
    x = np.asarray(x, dtype=float)
    rows = x.reshape(-1, x.shape[-1])
    out = np.array([[np.max(r[i:i + pieces]) for i in range(0, len(r), pieces)] for r in rows], dtype=float)
    return out.reshape(x.shape[:-1] + (x.shape[-1] // pieces,))


_MAXOUT_WRONG = {
    "naive identity (a + b + |a - b|) / 2": (_naive_identity, "warned"),
    "sign error: the minimum": (lambda x, pieces: -np.max(-_groups(x, pieces), axis=-1), "not the exact value"),
    "ReLU of the maximum cuts negatives to 0": (lambda x, pieces: np.maximum(_model(x, pieces), 0.0), "exactly 0"),
    "float32 loses digits": (lambda x, pieces: _model(np.asarray(x, dtype=np.float32), pieces).astype(np.float64), "relative error"),
    "np.nanmax hides a NaN": (lambda x, pieces: np.nanmax(_groups(x, pieces), axis=-1), "NaN must stay NaN"),
    "the mean of each group": (lambda x, pieces: np.mean(_groups(x, pieces), axis=-1), "not the exact value"),
    "integer output": (lambda x, pieces: _model(x, pieces).astype(int), "integers"),
    "returns a list": (lambda x, pieces: _model(x, pieces).tolist(), "list"),
    "sorts the input in place": (_in_place, "in place"),
    "loops over the rows": (_row_loop, "loops over the elements"),
    "np.vectorize": (np.vectorize(lambda row, pieces: _model(row, pieces), signature="(n),()->(m)"), "np.vectorize"),
}


def _model_vjp(x, g, pieces):
    groups = _groups(x, pieces)
    winner = np.argmax(groups, axis=-1)[..., None]
    grad = np.zeros_like(groups)
    np.put_along_axis(grad, winner, np.asarray(g, dtype=float)[..., None], axis=-1)
    return grad.reshape(np.shape(x))


def _mask_vjp(x, g, pieces):
    """The first maximal piece by a comparison and a running count, no argmax."""
    groups = _groups(x, pieces)
    is_max = groups == groups.max(axis=-1, keepdims=True)
    first = is_max & (np.cumsum(is_max, axis=-1) == 1)
    return (first * np.asarray(g, dtype=float)[..., None]).reshape(np.shape(x))


def _split_ties(x, g, pieces):
    groups = _groups(x, pieces)
    is_max = groups == groups.max(axis=-1, keepdims=True)
    return (is_max / is_max.sum(axis=-1, keepdims=True) * np.asarray(g)[..., None]).reshape(np.shape(x))


def _all_tied(x, g, pieces):
    groups = _groups(x, pieces)
    return ((groups == groups.max(axis=-1, keepdims=True)) * np.asarray(g)[..., None]).reshape(np.shape(x))


def _last_tied(x, g, pieces):
    groups = _groups(x, pieces)[..., ::-1]  # argmax of the reversed group: the last maximal piece
    winner = pieces - 1 - np.argmax(groups, axis=-1)[..., None]
    grad = np.zeros(groups.shape)
    np.put_along_axis(grad, winner, np.asarray(g, dtype=float)[..., None], axis=-1)
    return grad.reshape(np.shape(x))


def _vjp_in_place(x, g, pieces):
    grad = _model_vjp(x, g, pieces)
    x[...] = grad
    return x


def _vjp_row_loop(x, g, pieces):
    x = np.asarray(x, dtype=float)
    rows, gs = x.reshape(-1, x.shape[-1]), np.asarray(g).reshape(-1, x.shape[-1] // pieces)  # the empty batch comes last
    return np.array([_model_vjp(r, gr, pieces) for r, gr in zip(rows, gs)]).reshape(x.shape)


WRONG = {
    "maxout-recall": {
        "leaky_relu for (0, x)": (("leaky_relu", (1, -1), 6144), "is not the activation"),
        "both slopes 1": (("relu", (1, 1), 6144), "is not the two slopes"),
        "slopes (1, 0)": (("relu", (1, 0), 6144), "is not the two slopes"),
        "the weights of one piece": (("relu", (1, -1), 2048), "is not the number of weights"),
        "weights counted per unit, not per piece": (("relu", (1, -1), 96), "is not the number of weights"),
        "weights with biases": (("relu", (1, -1), 6240), "is not the number of weights"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "maxout-code:pieces_2": {
        **_MAXOUT_WRONG,
        "the maximum of the whole row": (lambda x, pieces: np.max(x, axis=-1, keepdims=True), "shape"),
        "strided groups instead of consecutive": (lambda x, pieces: np.max(np.asarray(x).reshape(x.shape[:-1] + (pieces, x.shape[-1] // pieces)), axis=-2), "not the exact value"),
    },
    "maxout-code:pieces_4": {
        **_MAXOUT_WRONG,
        "two pieces hard-coded": (lambda x, pieces: _model(x, 2), "shape"),
    },
    "maxout-grad": {
        "ties split evenly (torch.amax)": (_split_ties, "at a tie"),
        "every tied piece gets the whole gradient": (_all_tied, "at a tie"),
        "the last maximal piece": (_last_tied, "at a tie"),
        "every piece gets the gradient": (lambda x, g, pieces: np.repeat(np.asarray(g, dtype=float), pieces, axis=-1), "not the gradient"),
        "sign error": (lambda x, g, pieces: -_model_vjp(x, g, pieces), "not the gradient"),
        "the smallest piece wins": (lambda x, g, pieces: _model_vjp(-np.asarray(x), g, pieces), "not the gradient"),
        "a 0/1 mask without g": (lambda x, g, pieces: _model_vjp(x, np.ones_like(g), pieces), "not the gradient"),
        "shape of the output": (lambda x, g, pieces: np.asarray(g, dtype=float), "shape"),
        "boolean mask": (lambda x, g, pieces: _model_vjp(x, g, pieces) != 0, "booleans"),
        "changes x in place": (_vjp_in_place, "in place"),
        "loops over the rows": (_vjp_row_loop, "loops over the rows"),
        "np.vectorize": (np.vectorize(_model_vjp), "np.vectorize"),
        "the function's output, not the function": (np.zeros(4), "not a function"),
    },
    "maxout-predict": {
        "ties split evenly": (((0, 1, 1), 1), "is not the gradient"),
        "the last tied piece": (((0, 0, 2), 1), "is not the gradient"),
        "both tied pieces get it all": (((0, 2, 2), 1), "is not the gradient"),
        "the gradient as a mask": (((0, 1, 0), 1), "is not the gradient"),
        "ReLU's own convention": (((0, 2, 0), 0), "is not the slope"),
        "the average of the two slopes": (((0, 2, 0), 0.5), "is not the slope"),
        "placeholders": ((..., ...), "no answer"),
    },
    "maxout-choose": {
        "sigmoid against dying units": (("sigmoid", "sigmoid", "lecun"), "is not the three choices"),
        "maxout for a bounded gate": (("maxout", "maxout", "lecun"), "is not the three choices"),
        "He initialisation for maxout": (("maxout", "sigmoid", "he"), "is not the three choices"),
        "two answers": (("maxout", "sigmoid"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "maxout-recall": {
        "names and tuples": ("relu", (1, -1), 6144),
        "long name, other order, float": ("Rectified Linear Unit", [-1.0, 1.0], 6144.0),
        "ReLU, numpy": ("ReLU", np.array([1, -1]), np.int64(64 * 32 * 3)),
    },
    "maxout-code:pieces_2": {
        "model solution": _model,
        "actlib.maxout": actlib.maxout,
        "np.maximum of strided slices": lambda x, pieces: np.maximum(x[..., 0::2], x[..., 1::2]),
        "np.amax after reshape": lambda x, pieces: np.amax(np.reshape(x, np.shape(x)[:-1] + (np.shape(x)[-1] // pieces, pieces)), axis=-1),
    },
    "maxout-code:pieces_4": {
        "model solution": _model,
        "actlib.maxout": actlib.maxout,
        "np.maximum.reduce over the pieces": lambda x, pieces: np.maximum.reduce([x[..., k::pieces] for k in range(pieces)]),
    },
    "maxout-grad": {
        "model solution": _model_vjp,
        "actlib.maxout.vjp": lambda x, g, pieces: actlib.maxout.vjp(x, g, pieces=pieces),
        "first maximum by a comparison and cumsum": _mask_vjp,
    },
    "maxout-predict": {
        "tuples": ((0, 2, 0), 1),
        "floats and arrays": (np.array([0.0, 2.0, 0.0]), 1.0),
    },
    "maxout-choose": {
        "tuple": ("maxout", "sigmoid", "lecun"),
        "list, other case": ["Maxout", "SIGMOID", "LeCun"],
    },
}
