r"""Checks of chapters/activations/04_identity.ipynb: linear (identity) and the binary step.

Registered on import by :mod:`actlib.exercises`; the wrong and right answers
each check must reject and accept are in ``tests/exercise_answers/identity.py``.
"""

from __future__ import annotations

import numpy as np

from .._feedback import Failure, _fail, _finish, _fmt, _raised
from ..checks import Answer, FunctionCheck, register, register_answers, register_function

# Digests, made with actlib.checks.answer_digest (6 significant digits).
_ZERO = "sha256:3e62d94b366805e8d1a27ba9c02c51bc5c5239440cce7c76812e54a9ea445383"
_ONE = "sha256:b2f2799a895b72767021cb0ec2df356d16fd35086b8a7fdc9a689115e9fefb7b"

register_answers("identity-recall", {
    "slope_identity": Answer(_ONE, "the derivative of the identity at x = 2"),
    "slope_step": Answer(_ZERO, "the derivative of the binary step at x = 2",
                         hint="what is the slope of a constant function?"),
    "equivalent_layers": Answer(_ONE, "the number of linear layers a stack of ten linear layers is worth",
                                hint="write out two layers, (x W1 + b1) W2 + b2, and multiply out"),
})

# --------------------------------------------------------------------------
# Code: collapse a linear network into one layer
# --------------------------------------------------------------------------


def _networks():
    """``(weights, biases)`` of linear networks in actlib.nn's convention ``z = a W + b``.

    Square layers first, so that multiplying in the wrong order gives wrong
    values before it gives a shape error; then layers of changing width, one
    layer alone, and biases that do not commute with the weights.
    """
    rng = np.random.default_rng(1943)
    nets = []
    for widths in ((3, 3, 3, 3), (2, 5, 4, 3), (4, 1), (1, 6, 6, 1), (3, 2, 5, 2, 3)):
        weights = [rng.standard_normal((a, b)) for a, b in zip(widths[:-1], widths[1:])]
        biases = [rng.standard_normal(b) for b in widths[1:]]
        nets.append((weights, biases))
    return nets


def _forward(weights, biases, X):
    for W, b in zip(weights, biases):
        X = X @ W + b
    return X


@register("identity-collapse", "collapse", "collapse(weights, biases) returns one (W, b) computing the same map", function=True)
def _identity_collapse(collapse, strict=False):
    """A learner's ``collapse(weights, biases)`` must return ``(W, b)`` with ``x W + b`` equal to the linear network's output."""
    __tracebackhide__ = True
    nets = _networks()
    for weights, biases in nets:
        widths = [weights[0].shape[0]] + [W.shape[1] for W in weights]
        where = f"for a network of widths {widths}"
        copies = ([W.copy() for W in weights], [b.copy() for b in biases])
        try:
            out = collapse(copies[0], copies[1])
        except Exception as exc:  # any learner error becomes one friendly line
            shapes = any(word in str(exc) for word in ("matmul", "shapes", "aligned"))
            return _raised(where, exc, strict, advice="W_l has shape (inputs, outputs) and a row x goes through x W_1 first: "
                                                      "check the order of the product" if shapes else None)
        if any(not np.array_equal(a, b) for a, b in zip(copies[0] + copies[1], weights + biases)) or len(copies[0]) != len(weights):
            return _fail(f"{where} your function changed the weights or biases it was given",
                         "build new arrays (W = W @ W_next) instead of assigning into the ones you were given", Failure(), strict)
        if out is None:
            return _fail(f"{where} your function returned None", "did you forget `return`?", Failure(got=out), strict)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            return _fail(f"{where} your function returned {_fmt(out)}, not a pair (W, b)", "return W, b", Failure(got=out), strict)
        W, b = (np.asarray(v) if isinstance(v, (np.ndarray, list, tuple, float, int, np.floating)) else v for v in out)
        if not isinstance(W, np.ndarray) or not isinstance(b, np.ndarray) or W.dtype.kind != "f" or b.dtype.kind not in "fiu":
            return _fail(f"{where} your function returned {_fmt(out)}, not two float arrays", None, Failure(got=out), strict)
        if W.shape != (widths[0], widths[-1]):
            return _fail(f"{where} your W has shape {W.shape}, not (inputs, outputs) of the whole network",
                         "the product of (inputs, outputs) matrices taken in order has the first layer's inputs and the last layer's outputs",
                         Failure(got=W.shape), strict)
        if b.shape != (widths[-1],):
            return _fail(f"{where} your b has shape {b.shape}, not (outputs,) of the whole network", None, Failure(got=b.shape), strict)
        X = np.vstack([np.eye(widths[0]), np.zeros((1, widths[0])), np.random.default_rng(0).standard_normal((4, widths[0]))])
        want, got = _forward(weights, biases, X), X @ W + b
        scale = max(1.0, float(np.abs(want).max()))
        if not np.all(np.abs(got - want) <= 1e-9 * scale):
            linear_part = _forward(weights, [np.zeros_like(v) for v in biases], X)
            if not np.all(np.abs(X @ W - linear_part) <= 1e-9 * scale):
                say, advice = "x W is not what the weights of the network do to x", "the layers act in order: x W_1 first, then W_2, ..."
            else:
                say, advice = "x W + b is not the network's output: the weights are right, the bias is not", \
                    "send the input x = 0 through the network: what comes out is b"
            return _fail(f"{where} {say}", advice, Failure(got=out), strict)
    return _finish(True, f"✅ passed: collapse on {len(nets)} linear networks (square and changing widths, one layer alone): "
                   "x W + b equals the network's output, and the weights and biases were left unchanged", None, strict)


# --------------------------------------------------------------------------
# Code: the binary step for numpy arrays
# --------------------------------------------------------------------------
register_function("identity-step", "my_binary_step", FunctionCheck(
    "binary_step",
    hint="the step is 1 where x ≥ 0 and 0 where x < 0",
))

# --------------------------------------------------------------------------
# Predict and choose
# --------------------------------------------------------------------------
register_answers("identity-predict", {
    "deep_vs_one": Answer("sha256:65f0037c897de8c4e68a33892c4475506b0453fce243b6e90c37dd4de43254c8",
                          "the deep linear network's fit against one linear layer's",
                          hint="what kind of function of x can ten linear layers compute?"),
    "step_first_layer_grad": Answer(_ZERO, "the norm of the first layer's weight gradient in the step network",
                                    hint="the chain rule multiplies by f′(z) at every hidden layer"),
})
register_answers("identity-choose", {
    "choices": Answer(("sha256:e773e1fb11f87d0a1e156ece82e6a99f9fce9d92669391671cb19f0d2b4c3852",
                       "sha256:3377097ce594172534dc7a8813a1a7559a15ecff79c42dc75c14dc313dd4550f"),
                      "the three choices (a) to (c)",
                      hint="for each layer ask: what range must the output have, and is it trained by gradients?"),
})
