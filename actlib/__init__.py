"""actlib: the activation functions of the *Activation Functions* course.

Every activation is a module-level callable::

    actlib.NAME(x, **params)              # the activation, elementwise or along an axis
    actlib.NAME.derivative(x, **params)   # closed-form derivative (elementwise ones)
    actlib.NAME.vjp(x, g, **params)       # gradient of sum(g * f(x)) with respect to x
    actlib.NAME.param_vjp(x, g, **params) # {param: gradient} for the continuous parameters
    actlib.get("NAME"), actlib.names()    # look-up by name

with metadata for the book: ``name``, ``params``, ``formula``,
``derivative_formula``, ``output_range``, ``monotonic``, ``zero_centered``,
``smooth``, ``bounded_above``, ``bounded_below``, ``cost``, ``use``.
"""

from ._base import Activation, ElementwiseActivation, Range, VectorActivation
from .elementwise import (
    arctan,
    binary_step,
    celu,
    elu,
    gelu,
    hard_sigmoid,
    hard_swish,
    hard_tanh,
    identity,
    leaky_relu,
    log_sigmoid,
    mish,
    prelu,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softplus,
    softsign,
    tanh,
)
from .vector import geglu, glu, log_softmax, maxout, softmax, swiglu

linear = identity
swish = silu

__version__ = "0.1.0"

_ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        identity, binary_step, sigmoid, hard_sigmoid, log_sigmoid, tanh, hard_tanh, arctan, softsign,
        relu, relu6, leaky_relu, prelu, elu, selu, celu, softplus, silu, hard_swish, gelu, mish,
        softmax, log_softmax, maxout, glu, swiglu, geglu,
    )
}
_BY_NAME: dict[str, Activation] = {
    **_ACTIVATIONS,
    **{alias: a for a in _ACTIVATIONS.values() for alias in a.aliases},
}


def names(kind: str | None = None, aliases: bool = True) -> list[str]:
    """Every name :func:`get` accepts, in course order.

    ``kind="elementwise"`` or ``"vector"`` filters by kind; ``aliases=False``
    leaves out the alternative names (``linear``, ``swish``) so each
    activation appears once.
    """
    pool = _BY_NAME if aliases else _ACTIVATIONS
    return [n for n, a in pool.items() if kind is None or a.kind == kind]


class UnknownActivationError(KeyError, ValueError):
    """Raised by :func:`get` for a name actlib does not define (both a KeyError and a ValueError)."""

    def __str__(self) -> str:
        return str(self.args[0])


def get(name: str) -> Activation:
    """The activation called ``name`` (an alias gives the same object)."""
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise UnknownActivationError(f"actlib.get: unknown activation {name!r}; known: {', '.join(names())}") from None


_SUBMODULES = ("checks", "experiments", "nn", "numerics", "plotting", "reference", "tables", "widgets")


def __getattr__(name: str):
    """Import the teaching helpers (``actlib.plotting``, ``actlib.checks`` ...) on first use.

    ``import actlib`` stays light (no matplotlib, no ipywidgets) for code that
    only needs the activations, while notebooks can write ``actlib.plotting.…``.
    """
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'actlib' has no attribute {name!r}")


__all__ = ["UnknownActivationError", "Activation", "ElementwiseActivation", "VectorActivation", "Range", "get", "names", *_BY_NAME]
