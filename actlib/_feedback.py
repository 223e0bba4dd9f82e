"""What a check tells the learner: one line, printed once, never a traceback, never the expected answer.

Shared by :mod:`actlib.checks` (answers, the registry) and
:mod:`actlib.function_checks` (a learner's function against actlib).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

class CheckFailed(AssertionError):
    """Raised by a check with ``strict=True`` (so nbgrader marks the cell as failed).

    Jupyter shows it as the one friendly line, not a traceback: IPython
    renders an exception that has ``_render_traceback_`` with that method.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


@dataclass(frozen=True)
class Failure:
    """The first thing that failed: the input ``x``, what the learner's code returned (``got``), or the ``error``/``warning`` text."""

    x: object = None
    got: object = None
    error: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: truthy when it passed; ``message`` is its one line."""

    passed: bool
    message: str
    first_failure: Failure | None = None

    def __bool__(self) -> bool:
        return self.passed

    def _ipython_display_(self) -> None:
        # The message is already shown; as a cell's last expression the result shows nothing more.
        pass


def _fmt(v) -> str:
    """A value as a learner reads it: 6 significant digits, no ``np.float64(...)``; anything else as a short repr."""
    if isinstance(v, (bool, np.bool_)):
        return repr(bool(v))
    if isinstance(v, (list, tuple, set, frozenset)) and len(v) <= 12:
        inner = ", ".join(_fmt(e) for e in (sorted(v, key=repr) if isinstance(v, (set, frozenset)) else v))
        return {list: "[{}]", tuple: "({})"}.get(type(v), "{{{}}}").format(inner + ("," if type(v) is tuple and len(v) == 1 else ""))
    try:
        arr = np.asarray(v)
    except (ValueError, TypeError):
        return repr(v)[:60]
    if arr.dtype.kind not in "biuf":
        return repr(v)[:60]
    if arr.ndim:
        shown = ", ".join(_fmt(e) for e in arr.ravel()[:8])
        return "[" + shown + (", ..." if arr.size > 8 else "") + "]"
    if arr.dtype.kind == "b":
        return repr(bool(arr))
    f = float(arr)
    return "0" if f == 0 else f"{f:.6g}"


def _hint(text) -> str:
    return f" (hint: {text})" if text else ""


def _finish(passed: bool, message: str, failure: Failure | None = None, strict: bool = False) -> CheckResult:
    """Show the line once: printed on a pass or a lenient failure, raised (not printed) on a strict failure."""
    __tracebackhide__ = True  # pytest then shows the learner's code, not this module
    if strict and not passed:
        raise CheckFailed(message)
    print(message)
    return CheckResult(passed, message, failure)


def _fail(message: str, hint=None, failure=None, strict=False) -> CheckResult:
    __tracebackhide__ = True
    return _finish(False, f"❌ not yet: {message}{_hint(hint)}", failure or Failure(), strict)


# The exceptions learners meet most, with the advice that fits them.
_ERROR_HINTS = [
    (NotImplementedError, "", "replace `raise NotImplementedError()` with your code"),
    (ValueError, "truth value of an array", "`if`, `and`, `or` and `max()` see one number at a time; on arrays use np.where, np.maximum or np.minimum"),
    (TypeError, "arrays can be converted to python scalars", "math.exp and friends take one number; use np.exp, np.log, np.tanh on arrays"),
    (TypeError, "only length-1 arrays", "math.exp and friends take one number; use np.exp, np.log, np.tanh on arrays"),
    (NameError, "", "run the cells above first, and check the spelling (and `import numpy as np`)"),
    (TypeError, "unexpected keyword argument", "give your function the parameter with a default, e.g. `def f(x, alpha=0.01):`"),
    (ValueError, "zero-size array", "a reduction such as .max() has no value on an empty array; elementwise operations need no reduction"),
    (TypeError, "not iterable", "work on the whole array with numpy operations instead of iterating"),
]


def _error_text(exc: Exception) -> tuple[str, str | None]:
    """``ValueError: message`` (first line only) and the advice that fits it, if any."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__
    for kind, words, advice in _ERROR_HINTS:
        if isinstance(exc, kind) and words in first.lower():
            return text, advice
    return text, None


def _raised(where: str, exc: BaseException, strict=False, advice=None) -> CheckResult:
    """The one line for a learner's function that raised: where it ran, the error's first line, and the advice that fits.

    ``advice`` replaces the generic advice of :func:`_error_text` where an exercise knows better.
    """
    __tracebackhide__ = True
    text, generic = _error_text(exc)
    return _fail(f"{where} your function raised {text}".lstrip(), advice or generic, Failure(error=text), strict)


def _join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
