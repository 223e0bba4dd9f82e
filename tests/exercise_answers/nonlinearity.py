"""Answers for the checks of chapters/foundations/01_why_nonlinearity.ipynb (see ``__init__``)."""

import functools

import numpy as np

CHAPTER = "chapters/foundations/01_why_nonlinearity.ipynb"
PREFIX = "nonlinearity"  # the labels' short chapter name


def _model(weights, biases):
    W, b = weights[0], biases[0]
    for Wl, bl in zip(weights[1:], biases[1:]):
        W, b = W @ Wl, b @ Wl + bl
    return W, b


def _transposed(weights, biases):  # W for column vectors, z = W x: the transpose of the row convention's
    W, b = _model(weights, biases)
    return W.T.copy(), b


def _biases_summed(weights, biases):
    W, _ = _model(weights, biases)
    b = np.zeros(W.shape[1])
    for bl in biases:
        b = b + (bl if bl.shape == b.shape else 0)
    return W, b


def _last_bias_only(weights, biases):
    return _model(weights, biases)[0], biases[-1]


def _first_bias_through(weights, biases):
    W, _ = _model(weights, biases)
    return W, biases[0] @ functools.reduce(np.matmul, weights[1:], np.eye(weights[0].shape[1]))


def _in_place_bias(weights, biases):  # accumulates into the caller's bias vectors
    W, b = weights[0], biases[0]
    for Wl, bl in zip(weights[1:], biases[1:]):
        W = W @ Wl
        bl += b @ Wl
        b = bl
    return W, b


def _as_lists(weights, biases):
    W, b = _model(weights, biases)
    return W.tolist(), b.tolist()


def _as_dict(weights, biases):
    W, b = _model(weights, biases)
    return {"W": W, "b": b}


def _np_linalg_multi_dot(weights, biases):
    W = np.linalg.multi_dot(weights) if len(weights) > 1 else weights[0].copy()
    b = biases[-1].copy()
    for k in range(len(biases) - 1):  # bias k passes through the weights of layers k+1 … L
        rest = weights[k + 1:]
        b = b + biases[k] @ (np.linalg.multi_dot(rest) if len(rest) > 1 else rest[0])
    return W, b


def _forward_probe(weights, biases):
    """Read W and b off the network: its output at 0 is b, at the unit vectors b + a row of W."""
    def net(a):
        for Wl, bl in zip(weights, biases):
            a = a @ Wl + bl
        return a
    n = weights[0].shape[0]
    b = net(np.zeros((1, n)))[0]
    return net(np.eye(n)) - b, b


WRONG = {
    "nonlinearity-recall": {
        "five layers stay five": ((5, 0.75, 2), "is not the number of layers"),
        "zero layers": ((0, 0.75, 2), "is not the number of layers"),
        "a line gets XOR half right": ((1, 0.5, 2), "is not the best fraction"),
        "a line solves XOR": ((1, 1.0, 2), "is not the best fraction"),
        "three of four as a count": ((1, 3, 2), "is not the best fraction"),
        "rank 8": ((1, 0.75, 8), "is not the largest possible rank"),
        "placeholders": ((..., ..., ...), "no answer"),
    },
    "nonlinearity-collapse": {
        "transposed, as for column vectors": (_transposed, "shape"),
        "biases summed, not passed through the weights": (_biases_summed, "b is not"),
        "last bias only": (_last_bias_only, "b is not"),
        "first bias only, passed through": (_first_bias_through, "b is not"),
        "W only": (lambda weights, biases: _model(weights, biases)[0], "not a pair"),
        "changes a bias in place": (_in_place_bias, "in place"),
        "lists": (_as_lists, "not two float numpy arrays"),
        "a dict": (_as_dict, "not a pair"),
        "the first layer's W only": (lambda weights, biases: (weights[0].copy(), _model(weights, biases)[1]), "W"),
        "the last layer's W only": (lambda weights, biases: (weights[-1].copy(), _model(weights, biases)[1]), "W"),
        "the pair itself, not the function": ((np.eye(2), np.zeros(2)), "not a function"),
        "raises on one layer": (lambda weights, biases: (np.linalg.multi_dot(weights), biases[-1]), "raised"),
    },
    "nonlinearity-predict": {
        "only the piecewise linear ones": ((False, False, False, True, True), "is not the five predictions"),
        "every activation": ((True, True, True, True, True), "is not the five predictions"),
        "affine bends": ((False, True, True, True, True), "is not the five predictions"),
        "relu needs more than two units": ((False, False, True, False, True), "is not the five predictions"),
        "strings": (("no", "no", "yes", "yes", "yes"), "is not the five predictions"),
        "placeholder": (..., "no answer"),
    },
    "nonlinearity-choose": {
        "identity hidden layers": (("identity", "identity", "one"), "is not the three choices"),
        "sigmoid output for regression": (("tanh", "sigmoid", "one"), "is not the three choices"),
        "relu output for regression": (("tanh", "relu", "one"), "is not the three choices"),
        "ten linear layers": (("tanh", "identity", "ten"), "is not the three choices"),
        "two answers": (("tanh", "identity"), "is not the three choices"),
        "placeholder": (..., "no answer"),
    },
}

RIGHT = {
    "nonlinearity-recall": {
        "floats": (1.0, 0.75, 2.0),
        "ints and a fraction": (1, 3 / 4, 2),
        "numpy": (np.int64(1), np.float64(0.75), np.int64(2)),
    },
    "nonlinearity-collapse": {
        "model solution": _model,
        "np.linalg.multi_dot and bias sums": _np_linalg_multi_dot,
        "read off the network's outputs": _forward_probe,
        "in place on copies": lambda weights, biases: functools.reduce(
            lambda acc, layer: (acc[0] @ layer[0], acc[1] @ layer[0] + layer[1]),
            zip(weights[1:], biases[1:]), (weights[0].copy(), biases[0].copy())),
    },
    "nonlinearity-predict": {
        "tuple of bools": (False, False, True, True, True),
        "numpy bools in a list": [np.False_, np.False_, np.True_, np.True_, np.True_],
    },
    "nonlinearity-choose": {
        "tuple": ("tanh", "identity", "one"),
        "list, other case": ["TANH", "Identity", "One"],
    },
}
