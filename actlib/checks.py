"""Exercise checks with friendly feedback.

Each check runs the learner's code on chosen inputs, prints one line —
``✅ passed: ...`` or ``❌ not yet: ... (hint: ...)`` naming the first input
that fails — and returns a :class:`CheckResult` (truthy on a pass). An
exception or a numpy warning raised by the learner's code is reported in
that line, never as a traceback. ``strict=True`` also raises
``AssertionError`` with the same message, which is what an nbgrader
autograded cell needs::

    actlib.checks.check_function(my_relu, "relu", strict=True)
    actlib.checks.check_derivative(my_relu_grad, "relu", hint="what is the slope left of 0?")
    actlib.checks.check_stable(my_softplus, "softplus", hint="softplus(x) = max(x, 0) + log1p(exp(-|x|))")
    actlib.checks.check_value(answer, 0.25, what="σ′(0)")
    actlib.checks.check_vectorised(my_relu)
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass

import numpy as np

from ._base import Activation
from .registry import get

__all__ = ["CheckResult", "Failure", "check_function", "check_derivative", "check_stable", "check_value", "check_vectorised"]

# Inputs in the order a learner can reason about: easy values first, so the
# first failure reported is the simplest one; then a grid, tiny and large values.
_EASY = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0]
_HARD = [1e-8, -1e-8, 1e-300, -1e-300, 10.0, -10.0, 30.0, -30.0, 100.0, -100.0]
_DEFAULT = list(dict.fromkeys(_EASY + np.round(np.linspace(-6, 6, 121), 10).tolist() + _HARD))  # 131 inputs
_EXTREME = [40.0, -40.0, 100.0, -100.0, 710.0, -710.0, 800.0, -800.0, 1e4, -1e4]
_ROWS = [[0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0], [-1.0, 0.0, 1.0, 2.0], [0.5, -0.5, 2.0, -2.0], [10.0, 20.0, 30.0, 40.0]]
_EXTREME_ROWS = [[1000.0, 1001.0, 1002.0, 1003.0], [-1000.0, -999.0, -998.0, -997.0], [800.0, 800.0, 800.0, 800.0],
                 [-1e4, 0.0, 1e4, 1.0], [710.0, 0.0, -710.0, 5.0]]

_ERROR_HINTS = [  # (exception type, words in its message, advice): the mistakes learners make most
    (NotImplementedError, "", "replace `raise NotImplementedError()` with your code"),
    (ValueError, "truth value of an array", "`if`, `and`, `or` and `max()` see one number at a time; on arrays use np.where, np.maximum or np.minimum"),
    (TypeError, "arrays can be converted to python scalars", "math.exp and friends take one number; use np.exp, np.log, np.tanh on arrays"),
    (NameError, "", "run the cells above first, and check the spelling (and `import numpy as np`)"),
    (TypeError, "unexpected keyword argument", "give your function the parameter with a default, e.g. `def f(x, alpha=0.01):`"),
    (ValueError, "zero-size array", "a reduction such as .max() has no value on an empty array; elementwise operations need no reduction"),
]


@dataclass(frozen=True)
class Failure:
    """The first input that failed: ``x``, the ``expected`` and ``got`` values, or the ``error``/``warning`` text."""

    x: object = None
    expected: object = None
    got: object = None
    error: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: truthy when it passed; ``message`` is the line that was printed."""

    passed: bool
    message: str
    first_failure: Failure | None = None

    def __bool__(self) -> bool:
        return self.passed

    def _ipython_display_(self) -> None:
        # The message is already printed; as a cell's last expression the result shows nothing more.
        pass


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
def _fmt(v) -> str:
    """A number as a learner reads it: 6 significant digits, no ``np.float64(...)``; anything else as repr."""
    if isinstance(v, (bool, np.bool_)):
        return repr(bool(v))
    try:
        arr = np.asarray(v)
    except ValueError:  # a ragged list
        return repr(v)
    if arr.dtype.kind not in "biuf":
        return repr(v)
    if arr.ndim:
        return "[" + ", ".join(_fmt(e) for e in arr.ravel()) + "]"
    f = float(arr)
    return "0" if f == 0 else f"{f:.6g}"


def _hint(text) -> str:
    return f" (hint: {text})" if text else ""


class CheckFailed(AssertionError):
    """Raised by a check with ``strict=True`` (so nbgrader marks the cell as failed).

    Jupyter shows it as the one friendly line, not a traceback: IPython
    renders an exception that has ``_render_traceback_`` with that method.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


def _finish(passed: bool, message: str, failure=None, strict=False) -> CheckResult:
    __tracebackhide__ = True  # pytest then shows the learner's code, not this module
    print(message)
    if strict and not passed:
        raise CheckFailed(message)
    return CheckResult(passed, message, failure)


def _error_line(exc: Exception, hint) -> tuple[str, str]:
    """``ValueError: message`` (first line only) and the hint that fits it best."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__
    for kind, words, advice in _ERROR_HINTS:
        if isinstance(exc, kind) and words in first.lower():
            return text, advice
    return text, hint


def _call(fn, x, params):
    """Run learner code on a copy of ``x``: ``(output, exception, warnings)``; never raises."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            return fn(np.array(x, copy=True), **params), None, caught
        except Exception as exc:  # any learner error becomes one friendly line
            return None, exc, caught


def _as_numbers(out, shape):
    """The learner's output as a float array, or a sentence saying why it is not one."""
    if out is None:
        return None, "your function returned None", "did you forget `return`?"
    try:
        arr = np.asarray(out, dtype=float)
    except (TypeError, ValueError):
        return None, f"your function returned {type(out).__name__} {out!r:.60}, not numbers", None
    if arr.shape != shape:
        return None, f"for an input of shape {shape} your function returned shape {arr.shape}", "work on the whole array at once and return an array of the same shape"
    return arr, None, None


def _resolve(reference):
    """``(callable, activation or None, display name)`` for a name, an Activation or a plain callable."""
    if isinstance(reference, str):
        reference = get(reference)
    if isinstance(reference, Activation):
        return reference, reference, f"actlib.{reference.name}"
    return reference, None, getattr(reference, "__name__", "the reference")


def _params_text(params) -> str:
    return "".join(f", {k} = {_fmt(v)}" for k, v in (params or {}).items())


def _inputs(x, act, default, rows):
    """The inputs, and whether they are rows (a vector activation mixes the elements of a row)."""
    by_row = act is not None and act.kind == "vector"
    if x is not None:
        return np.atleast_1d(np.asarray(x, dtype=float)), by_row
    return np.array(rows if by_row else default), by_row


def _count(x, by_row) -> str:
    """``131 inputs`` or ``5 rows``: what a check ran on."""
    return f"{x.reshape(-1, x.shape[-1]).shape[0]} rows" if by_row else f"{x.size} inputs"


def _first_bad(bad, x, expected, got, by_row):
    """The first failing input; for a vector activation the whole first failing row."""
    if by_row:
        i = int(np.flatnonzero(bad.reshape(-1, bad.shape[-1]).any(axis=1))[0])
        pick = lambda a: a.reshape(-1, a.shape[-1])[i]  # noqa: E731
    else:
        i = int(np.flatnonzero(bad.ravel())[0])
        pick = lambda a: a.ravel()[i]  # noqa: E731
    return Failure(x=pick(x), expected=pick(expected), got=pick(got))


def _compare(student_fn, ref, x, params, rtol, atol, what, hint, by_row, strict, accept=None):
    """Run, compare and report: the body shared by check_function, check_derivative and check_stable."""
    __tracebackhide__ = True
    expected = np.asarray(ref(x, **params), dtype=float)
    out, exc, _ = _call(student_fn, x, params)
    if exc is not None:
        text, advice = _error_line(exc, hint)
        return _finish(False, f"❌ not yet: {what} raised {text}{_hint(advice)}", Failure(error=text), strict)
    got, problem, advice = _as_numbers(out, expected.shape)
    if problem:
        return _finish(False, f"❌ not yet: {problem}{_hint(advice or hint)}", Failure(got=out), strict)
    ok = np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if accept is not None:
        ok |= accept(got)
    if ok.all():
        return None
    f = _first_bad(~ok, x, expected, got, by_row)
    n_bad = int((~ok).reshape(-1, ok.shape[-1]).any(axis=1).sum()) if by_row else int((~ok).sum())
    msg = (f"❌ not yet: at x = {_fmt(f.x)}{_params_text(params)} expected {_fmt(f.expected)}, "
           f"got {_fmt(f.got)} ({n_bad} of {_count(x, by_row)} differ){_hint(hint)}")
    return _finish(False, msg, f, strict)


# --------------------------------------------------------------------------
# public checks
# --------------------------------------------------------------------------
def check_function(student_fn, reference, x=None, params=None, rtol=1e-6, atol=1e-9, hint=None, strict=False):
    """Compare ``student_fn(x, **params)`` with a reference activation (name, object or callable).

    ``x`` defaults to easy values first (0, ±1, ±2 ...), then a grid on
    [-6, 6], tiny (±1e-8, ±1e-300) and large (±10 ... ±100) inputs; for a
    vector activation, to a batch of rows. Prints and returns the result;
    ``strict=True`` raises AssertionError on failure.
    """
    __tracebackhide__ = True
    ref, act, name = _resolve(reference)
    x, by_row = _inputs(x, act, _DEFAULT, _ROWS)
    result = _compare(student_fn, ref, x, params or {}, rtol, atol, "your function", hint, by_row, strict)
    if result is not None:
        return result
    return _finish(True, f"✅ passed: your function matches {name} on all {_count(x, by_row)}{_params_text(params)}", None, strict)


def check_derivative(student_fn, name, x=None, params=None, rtol=1e-6, atol=1e-9, hint=None, strict=False):
    """Compare ``student_fn`` with ``actlib.NAME.derivative`` on the same inputs as :func:`check_function`.

    At a kink, where the derivative jumps, either one-sided value is
    accepted: the convention is a choice, not a mistake.
    """
    __tracebackhide__ = True
    _, act, _ = _resolve(name)
    if act is None or act.kind != "elementwise":
        raise ValueError("check_derivative compares with an elementwise actlib activation, given by name")
    params = params or {}
    x, _ = _inputs(x, act, _DEFAULT, _ROWS)
    d = act.derivative
    h = 1e-9 * np.maximum(1.0, np.abs(x))
    left, right = d(x - h, **params), d(x + h, **params)
    kink = ~np.isclose(left, right, rtol=rtol, atol=atol)

    def one_sided(got):
        return kink & (np.isclose(got, left, rtol=rtol, atol=atol) | np.isclose(got, right, rtol=rtol, atol=atol))

    result = _compare(student_fn, d, x, params, rtol, atol, "your derivative", hint, False, strict, accept=one_sided)
    msg = f"✅ passed: your derivative matches actlib.{act.name}.derivative on all {_count(x, False)}{_params_text(params)}"
    return result if result is not None else _finish(True, msg, None, strict)


def check_stable(student_fn, name, x=None, params=None, rtol=1e-6, atol=1e-12, hint=None, strict=False):
    """Check that ``student_fn`` stays finite, warning-free and accurate on extreme inputs.

    ``x`` defaults to ±40, ±100, ±710, ±800 and ±1e4 (rows such as
    [1000, 1001, 1002, 1003] for a vector activation). A numpy
    RuntimeWarning (overflow in exp, log of 0 ...) fails the check, naming
    the first input that raises it.
    """
    __tracebackhide__ = True
    ref, act, ref_name = _resolve(name)
    params = params or {}
    x, by_row = _inputs(x, act, _EXTREME, _EXTREME_ROWS)
    _, exc, caught = _call(student_fn, x, params)
    if exc is None and caught:
        units = x.reshape(-1, x.shape[-1]) if by_row else x.reshape(-1, 1)
        for unit in units:  # one input at a time, to name the one that warns
            _, _, w = _call(student_fn, unit, params)
            if w:
                text = str(w[0].message)
                msg = f"❌ not yet: at x = {_fmt(unit if by_row else unit[0])} your function warned “{text}”{_hint(hint)}"
                return _finish(False, msg, Failure(x=unit if by_row else unit[0], warning=text), strict)
        text = str(caught[0].message)
        return _finish(False, f"❌ not yet: your function warned “{text}”{_hint(hint)}", Failure(warning=text), strict)
    result = _compare(student_fn, ref, x, params, rtol, atol, "your function", hint, by_row, strict)
    msg = f"✅ passed: your function is stable: finite, warning-free and matching {ref_name} on all {_count(x, by_row)} (largest |x| = {_fmt(np.abs(x).max())})"
    return result if result is not None else _finish(True, msg, None, strict)


def _normal(v):
    """Text without case or surrounding spaces; numpy bools as Python bools."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    return v.strip().casefold() if isinstance(v, str) else v


def check_value(answer, expected, what="the right answer", rtol=1e-6, atol=1e-9, hint=None, strict=False):
    """Check a numeric, text (multiple-choice) or set (multiple-select) answer; the message never reveals ``expected``.

    Text compares without case or surrounding spaces; numbers and arrays
    with ``rtol``/``atol``; a set of answers must match as a set.
    """
    __tracebackhide__ = True
    shown = _fmt(answer)
    if answer is None or answer is Ellipsis:
        return _finish(False, f"❌ not yet: there is no answer yet: replace the placeholder with yours{_hint(hint)}", Failure(got=answer), strict)
    if isinstance(expected, (str, bool, np.bool_, set, frozenset)):
        if isinstance(expected, (set, frozenset)):
            right = isinstance(answer, (set, frozenset, list, tuple)) and {_normal(a) for a in answer} == {_normal(e) for e in expected}
        else:
            right = type(_normal(answer)) is type(_normal(expected)) and _normal(answer) == _normal(expected)
    elif isinstance(answer, str):
        msg = f"❌ not yet: {shown} is text; give a number, without quotes{_hint(hint)}"
        return _finish(False, msg, Failure(expected=expected, got=answer), strict)
    else:
        try:
            got, want = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
            right = got.shape == want.shape and bool(np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True).all())
        except (TypeError, ValueError):
            right = False
    if right:
        return _finish(True, f"✅ passed: {shown} is {what}", None, strict)
    return _finish(False, f"❌ not yet: {shown} is not {what}{_hint(hint)}", Failure(expected=expected, got=answer), strict)


def _python_steps(fn, x, params) -> int:
    """How many Python lines and calls run while ``fn(x)`` executes: a loop makes this grow with ``x.size``."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()  # a debugger or coverage tool gets its tracer back
    sys.settrace(tracer)
    try:
        _call(fn, x, params)
    finally:
        sys.settrace(previous)
    return count


def check_vectorised(fn, reference=None, params=None, hint=None, strict=False):
    """Check that ``fn`` works on arrays of any shape (2-D, 3-D, empty) without a Python loop.

    With a ``reference`` (name or callable) the output shapes, and the 2-D
    values, must match it; otherwise each output must have its input's
    shape. The input must come back unchanged.
    """
    __tracebackhide__ = True
    params = params or {}
    ref = _resolve(reference)[0] if reference is not None else None
    cases = [np.linspace(-3, 3, 12).reshape(3, 4), np.linspace(-2, 2, 12).reshape(2, 3, 2), np.zeros(0), np.zeros((2, 0))]
    for x in cases:
        try:
            want = np.asarray(ref(x, **params), dtype=float) if ref is not None else None
        except (ValueError, TypeError):
            continue  # the reference itself does not take this shape (softmax of nothing): skip it
        arg = x.copy()  # handed to fn directly, so an in-place change shows
        out, exc, _ = _call(lambda _, **p: fn(arg, **p), x, params)
        if exc is not None:
            text, advice = _error_line(exc, hint)
            msg = f"❌ not yet: on an array of shape {x.shape} your function raised {text}{_hint(advice)}"
            return _finish(False, msg, Failure(x=x.shape, error=text), strict)
        if not np.array_equal(arg, x):
            advice = hint or "compute a new array (np.where, np.maximum, or x.copy() first) instead of assigning into x"
            msg = f"❌ not yet: your function changed its input array in place{_hint(advice)}"
            return _finish(False, msg, Failure(x=x, got=arg), strict)
        got, problem, advice = _as_numbers(out, want.shape if want is not None else x.shape)
        if problem:
            return _finish(False, f"❌ not yet: {problem}{_hint(advice or hint)}", Failure(x=x.shape, got=np.shape(out)), strict)
        if want is not None and x.ndim == 2 and not np.allclose(got, want, rtol=1e-6, atol=1e-9, equal_nan=True):
            f = _first_bad(~np.isclose(got, want, rtol=1e-6, atol=1e-9, equal_nan=True), x, want, got, False)
            msg = f"❌ not yet: on a 2-D array, at x = {_fmt(f.x)}: expected {_fmt(f.expected)}, got {_fmt(f.got)}{_hint(hint)}"
            return _finish(False, msg, f, strict)
    small, large = (_python_steps(fn, np.linspace(-3, 3, n), params) for n in (100, 1000))
    if large - small > 100:  # vectorised code runs the same Python lines whatever the size
        msg = (f"❌ not yet: your function loops over the elements in Python ({large - small} more Python steps for 1000 "
               f"elements than for 100){_hint(hint or 'use whole-array numpy operations: np.where, np.maximum, np.exp')}")
        return _finish(False, msg, Failure(x=(100, 1000), got=(small, large)), strict)
    return _finish(True, "✅ passed: your function works on 2-D, 3-D and empty arrays, without a Python loop", None, strict)
