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

from . import elementwise, vector  # defining the activations registers them
from ._base import Activation, ElementwiseActivation, Range, VectorActivation
from .registry import UnknownActivationError, get, names

# Every activation and alias as ``actlib.NAME``, straight from the registry, so
# a new activation needs no line here.
globals().update({name: get(name) for name in names()})

__version__ = "0.1.0"

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


__all__ = ["UnknownActivationError", "Activation", "ElementwiseActivation", "VectorActivation", "Range", "get", "names", *names()]
