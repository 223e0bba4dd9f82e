"""The registry: every activation by name, filled as each one is defined.

An activation registers itself when it is built (the decorators in
``elementwise.py`` and ``vector.py`` build them), in definition order, which
is the course order. Helpers import :func:`get` and :func:`names` from here,
never from the package, so importing a helper never loops back into
``actlib/__init__.py``.
"""

from __future__ import annotations

__all__ = ["register", "get", "names", "UnknownActivationError"]

_ACTIVATIONS: dict = {}  # name -> activation, in definition (course) order
_BY_NAME: dict = {}  # the same, plus every alias


class UnknownActivationError(KeyError, ValueError):
    """Raised by :func:`get` for a name actlib does not define (both a KeyError and a ValueError)."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(act) -> None:
    """Add ``act`` under its name and its aliases; a name taken twice is a programming error."""
    for key in (act.name, *act.aliases):
        if key in _BY_NAME:
            raise ValueError(f"actlib: the activation name {key!r} is defined twice")
    _ACTIVATIONS[act.name] = act
    _BY_NAME[act.name] = act
    for alias in act.aliases:
        _BY_NAME[alias] = act


def names(kind: str | None = None, aliases: bool = True) -> list[str]:
    """Every name :func:`get` accepts, in course order.

    ``kind="elementwise"`` or ``"vector"`` filters by kind; ``aliases=False``
    leaves out the alternative names (``linear``, ``swish``) so each
    activation appears once.
    """
    pool = _BY_NAME if aliases else _ACTIVATIONS
    return [n for n, a in pool.items() if kind is None or a.kind == kind]


def get(name: str):
    """The activation called ``name`` (an alias gives the same object)."""
    try:
        return _BY_NAME[name]
    except (KeyError, TypeError):
        raise UnknownActivationError(f"actlib.get: unknown activation {name!r}; known: {', '.join(names())}") from None
