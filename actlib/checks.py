r"""Exercise checks that reject plausible wrong answers and reveal nothing.

A chapter's graded check cell is one line that names the exercise::

    actlib.checks.exercise("sigmoid-stable", my_sigmoid)
    actlib.checks.exercise("sigmoid-recall", sigma_at_0, slope_at_0, slope_at_infinity)

The named checks live in :mod:`actlib.exercises` (one entry per graded
check cell, named ``<exercise label>`` or ``<exercise label>:<part>``), and
``tests/exercise_answers/<chapter>.py`` runs the wrong answers each must
reject and the right answers each must accept through the same call, so the
notebook and the test cannot drift. ``actlib.checks.EXERCISES`` lists them.

What every check does
    It prints one line: ``✅ passed: <what was checked>`` or
    ``❌ not yet: <the first thing that fails> (hint: ...)``. No message
    states the expected answer, on a pass or a failure: a failure names the
    input and what the learner's code returned (and, for a result that
    lost digits, its relative error, which gives no value away). With
    ``strict=True`` (the default of :func:`exercise`, which nbgrader needs) a
    failure is not printed but raised as :class:`CheckFailed`, an
    ``AssertionError`` that Jupyter shows as that one line, never a
    traceback; so a failure appears once.

A function check (:class:`FunctionCheck`, :func:`check_function`) runs, in order, and stops at the first failure:
    1. the type: not ``np.vectorize``, no exception, an array (not a list,
       not None) of floats (not bools or ints) of the input's shape;
    2. the input left unchanged (an in-place ``x[x < 0] = 0`` is caught);
    3. values on ordinary inputs (easy values, then a grid on [-6, 6] and
       ±1e-8), always, by relative error against actlib, which is accurate
       to a few ulps: ``|got − exact| / max(|exact|, 2.2e-308)`` ≤ ``rtol``
       (two results below 2.2e-308, the smallest normal float, count as
       equal: there is no relative precision left there);
    4. the kinks (``act.kinks(**params)``) and the nearest floats either
       side, so the wrong side of a kink fails;
    5. the tails, when the exercise asks for them: no warning, and the
       relative error above ≤ ``tail_rtol`` (1e-12 by default). Never an
       absolute tolerance: a tail that is truncated to 0, clipped, or loses
       its digits to cancellation fails;
    6. NaN stays NaN, and ±inf give the activation's limits (each optional);
    7. any shape (0-d, empty, 2-D, 3-D) without a Python loop.

Recall answers without the answer in the notebook
    :func:`check_answer` compares a number, text, tuple or set with one or
    more SHA-256 digests made by :func:`answer_digest`. Canonical form:
    a number (int, float, numpy number, Fraction) is rounded to ``digits``
    significant digits (6 by default) and written ``f"{v:.5e}"`` (−0 as 0);
    text is case-folded with runs of spaces collapsed; a list, tuple or 1-D
    array is an ordered sequence of those; a set is sorted. Pass several
    digests when several answers are right (tanh's ``(2, 2, −1)`` and
    ``(−2, −2, 1)``). A digest hides an answer from reading, not from a
    learner who hashes guesses: the hidden tests of nbgrader are the place
    for secrecy. An author makes a digest with::

        python -c "import actlib.checks as c; print(c.answer_digest((2, 2, -1)))"

The building blocks, for checks that are not (yet) named exercises:
:func:`check_function`, :func:`check_derivative`, :func:`check_stable`,
:func:`check_vectorised`, :func:`check_answer`, :func:`check_value`.
"""

from __future__ import annotations

import fractions
import hashlib
import math
import numbers
import sys
import warnings
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from ._base import Activation
from .registry import get

__all__ = [
    "Answer", "CheckFailed", "CheckResult", "Exercise", "EXERCISES", "Failure", "FunctionCheck",
    "ORDINARY", "ORDINARY_ROWS", "TAILS", "TAIL_ROWS", "answer_digest", "check_answer", "check_derivative", "check_function",
    "check_stable", "check_value", "check_vectorised", "exercise", "exercise_names", "kinks_of", "register",
    "register_answers", "register_function",
]

# Easy values first, so the first failure reported is the simplest one; then a grid and tiny values.
_EASY = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0]
ORDINARY = tuple(dict.fromkeys(_EASY + np.round(np.linspace(-6, 6, 121), 10).tolist() + [1e-8, -1e-8]))
"""The ordinary inputs every value check runs on (123 of them)."""
_TAIL_MAGNITUDES = (10.0, 20.0, 30.0, 40.0, 100.0, 300.0, 700.0, 710.0, 745.0, 800.0, 1e4, 1e300)
TAILS = tuple(s * m for m in _TAIL_MAGNITUDES for s in (1.0, -1.0))
"""Large inputs for stability checks: past every exp overflow (709.8) and underflow (-745) edge, up to ±1e300."""
_TINY = float(np.finfo(np.float64).tiny)  # smallest normal float: the floor of the relative error


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


# --------------------------------------------------------------------------
# reporting
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# running learner code
# --------------------------------------------------------------------------
@dataclass
class _Run:
    out: object = None
    exc: Exception | None = None
    warned: list = field(default_factory=list)
    mutated: bool = False


def _run(fn, x: np.ndarray, params: Mapping) -> _Run:
    """Call ``fn`` on a copy of ``x``, recording its exception, its warnings and any change to its input; never raises."""
    arg = x.copy()
    run = _Run()
    with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            run.out = fn(arg, **params)
        except Exception as exc:  # any learner error becomes one friendly line
            run.exc = exc
    run.warned = [str(w.message) for w in caught]
    run.mutated = not np.array_equal(arg, x, equal_nan=True)
    return run


def _output_problem(out, shape) -> tuple[str, str | None] | None:
    """Why ``out`` is not a float array of ``shape`` (a sentence and a hint), or None when it is."""
    if out is None:
        return "your function returned None", "did you forget `return`?"
    if isinstance(out, (list, tuple)):
        return (f"your function returned a Python {type(out).__name__}, not a numpy array",
                "numpy operations on the whole array give an array back; np.asarray(...) turns a list into one")
    if isinstance(out, (bool, np.bool_)) or (isinstance(out, np.ndarray) and out.dtype.kind == "b"):
        return ("your function returned booleans (True/False), not numbers",
                "turn a condition into numbers with .astype(float) or np.where(condition, 1.0, 0.0)")
    if not isinstance(out, (np.ndarray, np.generic, numbers.Real)):
        return f"your function returned {type(out).__name__} {out!r:.60}, not a numpy array", None
    arr = np.asarray(out)
    if arr.dtype.kind in "iu":
        return (f"your function returned integers (dtype {arr.dtype}), not floats",
                "write constants as floats (1.0, 0.0) or convert with .astype(float)")
    if arr.dtype.kind != "f":
        return f"your function returned an array of dtype {arr.dtype}, not floats", "use numpy's float operations (np.where, np.maximum, np.exp)"
    if arr.shape != shape:
        return (f"for an input of shape {shape} your function returned shape {arr.shape}",
                "work on the whole array at once and return an array of the same shape")
    return None


def _relative_error(got: np.ndarray, exact: np.ndarray) -> np.ndarray:
    r"""``|got − exact| / max(|exact|, tiny)``: 0 where both are equal (infinities included), both NaN or both below tiny; inf where one is NaN."""
    got = np.asarray(got, dtype=np.float64)
    exact = np.asarray(exact, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf and huge/tiny are handled just below
        err = np.abs(got - exact) / np.maximum(np.abs(exact), _TINY)
    # Below the smallest normal float there is no relative precision left (and libraries flush to 0): equal.
    same = (got == exact) | (np.isnan(got) & np.isnan(exact)) | ((np.abs(got) < _TINY) & (np.abs(exact) < _TINY))
    return np.where(same, 0.0, np.where(np.isnan(err), np.inf, err))


def _first_warning(fn, xs: np.ndarray, params) -> tuple[float, str] | None:
    """The first input (in the order given) at which ``fn`` warns, and the warning."""
    for v in xs.ravel():
        run = _run(fn, np.array([v]), params)
        if run.warned:
            return float(v), run.warned[0]
    return None


def _python_steps(fn, x, params) -> tuple[int, bool]:
    """How many Python lines and calls run inside ``fn(x)`` (a loop makes this grow with ``x.size``), and whether np.vectorize ran."""
    count, vectorize = 0, False

    def tracer(frame, event, arg):
        nonlocal count, vectorize
        count += 1
        if frame.f_code.co_name in ("_vectorize_call", "_vectorize_call_with_signature"):
            vectorize = True
        return tracer

    previous = sys.gettrace()  # a debugger or coverage tool gets its tracer back
    sys.settrace(tracer)
    try:
        _run(fn, x, params)
    finally:
        sys.settrace(previous)
    return count, vectorize


_VECTORIZE = ("np.vectorize calls your Python code once per element, a loop in disguise",
              "write it with whole-array numpy operations: np.where, np.maximum, np.exp")


# --------------------------------------------------------------------------
# function checks
# --------------------------------------------------------------------------
# Kinks of the activations, for as long as actlib's activations do not state
# them themselves (act.kinks(**params), coming from the core branch).
# TODO(checks): delete this fallback once every Activation has .kinks().
_KINKS_FALLBACK = {
    "binary_step": lambda: (0.0,), "relu": lambda: (0.0,), "leaky_relu": lambda alpha=0.01: (0.0,),
    "prelu": lambda alpha=0.25: (0.0,), "relu6": lambda: (0.0, 6.0), "elu": lambda alpha=1.0: (0.0,),
    "selu": lambda: (0.0,), "celu": lambda alpha=1.0: (0.0,), "hard_sigmoid": lambda: (-3.0, 3.0),
    "hard_swish": lambda: (-3.0, 3.0), "hard_tanh": lambda min_val=-1.0, max_val=1.0: (min_val, max_val),
}


def kinks_of(act: Activation, params: Mapping) -> tuple[float, ...]:
    """Where ``act`` (with ``params``) has a kink: from ``act.kinks(**params)`` when actlib defines it."""
    if hasattr(act, "kinks"):
        return tuple(float(k) for k in act.kinks(**params))
    return tuple(float(k) for k in _KINKS_FALLBACK.get(act.name, lambda **_: ())(**params))


@dataclass(frozen=True)
class FunctionCheck:
    """What to try on a learner's elementwise function, and how strictly.

    ``reference`` names the actlib activation (its ``derivative`` when
    ``derivative=True``), called with ``params``; ``tails`` are the large
    inputs judged by relative error ``tail_rtol`` with no warning allowed
    (none by default: a plain value check); ``nan``/``inf`` ask for NaN to
    stay NaN and for the limits at ±inf; ``kinks`` tries each kink and the
    nearest floats beside it; ``vectorised`` tries 0-d, empty, 2-D and 3-D
    input and looks for a Python loop. ``hint`` is shown when a value on
    the ordinary inputs is wrong, ``tail_hint`` when a tail has lost some of
    its digits (relative error below 1e-3: cancellation), ``warn_hint`` when
    the function warns. A tail that is far off or exactly 0 gets a hint of
    its own (a cut-off or a clip), so no hint points the wrong way.
    """

    reference: str
    derivative: bool = False
    params: Mapping = field(default_factory=dict)
    ordinary: tuple = ORDINARY
    rtol: float = 1e-9
    tails: tuple = ()
    tail_rtol: float = 1e-12
    nan: bool = True
    inf: bool = True
    kinks: bool = True
    vectorised: bool = True
    hint: str | None = None
    tail_hint: str | None = None
    warn_hint: str | None = None

    def run(self, fn, strict: bool = False) -> CheckResult:
        """Check ``fn`` and report the first failure (or what was checked)."""
        __tracebackhide__ = True
        return _check_elementwise(fn, self, strict)


def _reference(spec: FunctionCheck):
    act = get(spec.reference)
    if spec.derivative and act.kind != "elementwise":
        raise ValueError(f"actlib.checks: {spec.reference!r} is vector-valued; check its vjp, not a derivative")
    ref = act.derivative if spec.derivative else act
    return act, (lambda x: np.asarray(ref(np.asarray(x, dtype=np.float64), **spec.params), dtype=np.float64))


def _kink_points(kinks) -> np.ndarray:
    """Each kink, the nearest floats either side, and points a little further out."""
    pts = []
    for k in kinks:
        step = 1e-12 * max(1.0, abs(k))
        pts += [k, np.nextafter(k, np.inf), np.nextafter(k, -np.inf), k + step, k - step]
    return np.array(pts, dtype=np.float64)


# Rows for vector-valued activations (softmax, GLU ...), which mix the elements of a row.
ORDINARY_ROWS = tuple(map(tuple, [[0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0], [-1.0, 0.0, 1.0, 2.0], [0.5, -0.5, 2.0, -2.0],
                                  [10.0, 20.0, 30.0, 40.0], *np.array(ORDINARY[:120]).reshape(30, 4).tolist()]))
"""The ordinary rows of a row-wise check (35 rows of 4)."""
TAIL_ROWS = ((1000.0, 1001.0, 1002.0, 1003.0), (-1000.0, -999.0, -998.0, -997.0), (800.0, 800.0, 800.0, 800.0),
             (-1e4, 0.0, 1e4, 1.0), (710.0, 0.0, -710.0, 5.0), (40.0, 0.0, -40.0, 1.0))
"""Rows far from 0, for the stability of a row-wise check."""


class _Session:
    """One run of a :class:`FunctionCheck` on one learner function: evaluating, comparing and wording what fails."""

    def __init__(self, fn, spec: FunctionCheck, strict: bool):
        self.fn, self.spec, self.strict = fn, spec, strict
        self.act, self.ref = _reference(spec)
        self.rows = self.act.kind == "vector"  # a vector activation is checked row by row
        self.params = dict(spec.params)
        self.noun = "your derivative" if spec.derivative else "your function"

    def fail(self, message, hint=None, failure=None):
        __tracebackhide__ = True
        return _fail(message, hint, failure, self.strict)

    def at(self, x) -> str:
        return f"for the row x = {_fmt(x)}" if self.rows else f"at x = {_fmt(x)}"

    def evaluate(self, xs: np.ndarray, where: str):
        """``(output as floats, run, None)``, or ``(None, run, CheckResult)`` for the first problem."""
        __tracebackhide__ = True
        run = _run(self.fn, xs, self.params)
        if run.exc is not None:
            text, advice = _error_text(run.exc)
            if "`vectorize`" in text:  # np.vectorize refuses empty input: say what it is, not what it raised
                return None, run, self.fail(*_VECTORIZE, Failure(error=text))
            return None, run, self.fail(f"{where}, {self.noun} raised {text}", advice or self.spec.hint, Failure(error=text))
        want = self.ref(xs).shape if xs.size else (xs.shape[:-1] + self.ref(np.zeros(xs.shape[-1:])).shape if self.rows else xs.shape)
        problem = _output_problem(run.out, want)
        if problem:
            return None, run, self.fail(problem[0].replace("your function", self.noun, 1), problem[1], Failure(got=run.out))
        if run.mutated:
            return None, run, self.fail(f"{self.noun} changed its input array in place",
                                        "work on a new array: np.where, np.maximum, or x = x.copy() before assigning into it",
                                        Failure(x=xs))
        return np.asarray(run.out, dtype=np.float64), run, None

    def units(self, a: np.ndarray) -> np.ndarray:
        """``a`` as one unit per line: an element each, or a row each."""
        return a.reshape(-1, a.shape[-1]) if self.rows else a.reshape(-1, 1)

    def compare(self, xs, got, rtol, where, skip=()):
        """The first unit (not at a point in ``skip``) off by more than ``rtol`` (relative): ``(sentence, Failure)``, or None."""
        exact = self.ref(xs)
        err = self.units(_relative_error(got, exact))
        bad = ~(err <= rtol).all(axis=1)
        first = np.flatnonzero(bad & ~np.isin(self.units(xs)[:, 0], skip)) if skip else np.flatnonzero(bad)
        if not first.size:
            return None
        i = int(first[0])
        x0, g0, e0 = (self.units(a)[i] for a in (xs, got, exact))
        j = int(np.argmax(~(err[i] <= rtol)))  # the first element of the unit that is off
        x_shown, g_shown = (x0, g0) if self.rows else (float(x0[0]), float(g0[0]))
        g, e = float(g0[j]), float(e0[j])
        off = f"{int(bad.sum())} of {len(bad)} {where} are off"
        head = f"{self.at(x_shown)} {self.noun} returned {_fmt(g_shown)}"
        if math.isnan(g) or math.isinf(g):
            say = f"{head} ({off})"
        elif e != 0 and g != 0 and math.copysign(1, g) != math.copysign(1, e):
            say = f"{head}, {'an element of which' if self.rows else 'which'} has the wrong sign ({off})"
        elif g == 0 and e != 0 and self.rows:
            say = f"{head}, with an element exactly 0 where the exact value is not 0 ({off})"
        elif g == 0 and e != 0:
            say = f"{self.at(x_shown)} {self.noun} returned exactly 0, but the exact value is not 0 ({off})"
        elif e == 0 or err[i, j] >= 1e-3:  # a large relative error would give the exact value away
            say = f"{head}, which is not the exact value ({off})"
        else:  # digits lost: how many is the lesson
            say = f"{head}, a relative error of {err[i, j]:.0e} (at most {rtol:.0e} is allowed; {off})"
        return say, Failure(x=x_shown, got=g_shown), (g, e)

    def first_warning(self, xs):
        """The first unit at which the function warns, and the warning."""
        for unit in self.units(xs):
            run = _run(self.fn, unit if self.rows else unit[:1], self.params)
            if run.warned:
                return (unit if self.rows else float(unit[0])), run.warned[0]
        return None


def _check_elementwise(fn, spec: FunctionCheck, strict: bool) -> CheckResult:
    __tracebackhide__ = True
    if isinstance(fn, np.vectorize):
        return _fail(_VECTORIZE[0], _VECTORIZE[1], Failure(error="np.vectorize"), strict)
    if not callable(fn):
        return _fail(f"{_fmt(fn)} is not a function: give the function itself, without calling it", None, Failure(got=fn), strict)
    s = _Session(fn, spec, strict)
    inputs = "rows" if s.rows else "inputs"
    checked = []
    # 1-3: type, input unchanged, values and warnings on ordinary inputs
    kinks = kinks_of(s.act, s.params) if spec.kinks and not s.rows else ()
    xs = np.array(ORDINARY_ROWS if s.rows and spec.ordinary is ORDINARY else spec.ordinary, dtype=np.float64)
    got, run, problem = s.evaluate(xs, f"on ordinary {inputs}")
    if problem is not None:
        return problem
    wrong = s.compare(xs, got, spec.rtol, f"ordinary {inputs}", skip=kinks)  # a kink gets its own message below
    if wrong:
        return s.fail(wrong[0], spec.hint, wrong[1])
    if run.warned:
        at = s.first_warning(xs)
        where = f"{s.at(at[0])} " if at else ""
        return s.fail(f"{where}{s.noun} warned “{at[1] if at else run.warned[0]}” on an ordinary input", spec.hint,
                      Failure(warning=run.warned[0]))
    checked.append(f"values on {len(s.units(xs))} ordinary {inputs}")
    # 4: kinks, where the side taken is a convention
    if kinks:
        xs = _kink_points(kinks)
        got, run, problem = s.evaluate(xs, "at a kink")
        if problem is not None:
            return problem
        bad = ~(_relative_error(got, s.ref(xs)) <= spec.rtol)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            x0, k = float(xs[i]), kinks[i // 5]
            side = "at the kink" if x0 == k else ("just right of the kink" if x0 > k else "just left of the kink")
            advice = ("the value at the kink is a convention: the chapter states which side it takes"
                      if x0 == k else "a comparison such as x > 0 or x >= 0 decides the side; check the inequality and its constant")
            return s.fail(f"{side} {_fmt(k)}, at x = {_fmt(x0)}, {s.noun} returned {_fmt(got[i])}, which is not the exact value",
                          advice, Failure(x=x0, got=float(got[i])))
        checked.append("the kink" + ("s" if len(kinks) > 1 else "") + " and either side")
    # 5: tails, by relative error and without warnings
    if spec.tails:
        xs = np.array(TAIL_ROWS if s.rows and spec.tails is TAILS else spec.tails, dtype=np.float64)
        got, run, problem = s.evaluate(xs, "in the tails")
        if problem is not None:
            return problem
        if run.warned:
            at = s.first_warning(xs)
            where = f"{s.at(at[0])} " if at else ""
            return s.fail(f"{where}{s.noun} warned “{at[1] if at else run.warned[0]}”",
                          spec.warn_hint or "never let an intermediate overflow: exp of a large positive number is inf",
                          Failure(x=at[0] if at else None, warning=at[1] if at else run.warned[0]))
        wrong = s.compare(xs, got, spec.tail_rtol, f"tail {inputs}")
        if wrong:
            g, e = wrong[2]
            if g == 0 or not math.isfinite(g):
                advice = "a cut-off, or 1 minus a number that rounds to 1, gives 0 where the exact value is tiny but not 0"
            elif _relative_error(np.array([g]), np.array([e]))[0] >= 1e-3:
                advice = "far off in the tail: does your code clip or cut off large inputs?"
            else:
                advice = spec.tail_hint
            return s.fail(wrong[0], advice, wrong[1])
        checked.append(f"tails up to |x| = {_fmt(np.abs(xs).max())} to relative error {spec.tail_rtol:.0e}, without warnings")
    # 6: NaN and infinities
    if spec.nan:
        xs = np.array([[-1.0, np.nan, 1.0, 2.0], [0.0, 1.0, 2.0, 3.0]]) if s.rows else np.array([-1.0, np.nan, 1.0])
        got, _, problem = s.evaluate(xs, "with NaN in the input")
        if problem is not None:
            return problem
        if s.rows:
            wrong = s.compare(xs, got, spec.rtol, "rows with and without NaN")
            if wrong:
                return s.fail(wrong[0] + "; NaN must stay NaN, and not spread to other rows", None, wrong[1])
        else:
            if not np.isnan(got[1]):
                return s.fail(f"at x = nan {s.noun} returned {_fmt(got[1])}; NaN must stay NaN",
                              "a comparison with NaN is False, so np.where(x > 0, ...) sends NaN to its other branch; np.maximum keeps NaN",
                              Failure(x=float("nan"), got=float(got[1])))
            wrong = s.compare(xs[[0, 2]], got[[0, 2]], spec.rtol, "inputs beside a NaN")
            if wrong:
                return s.fail(wrong[0] + "; NaN in one element must not change the others", None, wrong[1])
        checked.append("NaN")
    if spec.inf:
        xs = np.array([[1.0, np.inf, 0.0, 2.0], [-np.inf, 0.0, 0.0, 2.0]]) if s.rows else np.array([-np.inf, np.inf])
        got, _, problem = s.evaluate(xs, "at ±inf")
        if problem is not None:
            return problem
        bad = ~(s.units(_relative_error(got, s.ref(xs))) == 0).all(axis=1)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            g = s.units(got)[i]
            x_shown, g_shown = (s.units(xs)[i], g) if s.rows else (float(xs[i]), float(g[0]))
            advice = "inf − inf, inf/inf and 0·inf are NaN: pick a form of the formula that avoids them" if np.isnan(g).any() else None
            return s.fail(f"{s.at(x_shown)} {s.noun} returned {_fmt(g_shown)}, which is not the limit", advice,
                          Failure(x=x_shown, got=g_shown))
        checked.append("±inf")
    # 7: any shape, no Python loop
    if spec.vectorised:
        shapes = ((3, 4), (2, 3, 4), (0, 4), (4,)) if s.rows else ((3, 4), (2, 3, 2), (), (0,), (2, 0))
        for shape in shapes:
            xs = np.linspace(-3, 3, int(np.prod(shape))).reshape(shape) if shape else np.array(0.75)
            got, _, problem = s.evaluate(xs, f"on an array of shape {shape}")
            if problem is not None:
                return problem
            if xs.size:
                wrong = s.compare(xs, got, spec.rtol, f"{'rows' if s.rows else 'elements'} of a {len(shape)}-D array")
                if wrong:
                    return s.fail(wrong[0], spec.hint, wrong[1])
        sizes = [np.linspace(-3, 3, n).reshape((-1, 4) if s.rows else (-1,)) for n in (100, 1000)]
        (small, _), (large, vectorize) = (_python_steps(fn, x, s.params) for x in sizes)
        if vectorize:
            return s.fail(*_VECTORIZE, Failure(error="np.vectorize"))
        if large - small > 100:  # vectorised code runs the same Python lines whatever the size
            return s.fail(f"{s.noun} loops over the elements in Python ({large - small} more Python steps for 1000 elements than for 100)",
                          "use whole-array numpy operations: np.where, np.maximum, np.exp", Failure(x=(100, 1000), got=(small, large)))
        checked.append("any shape (" + ("one row, a batch, an empty batch, 3-D" if s.rows else "0-d, empty, 2-D, 3-D")
                       + ") without a Python loop")
    checked.append("input left unchanged")
    return _finish(True, "✅ passed: " + _join(checked), None, strict)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def check_function(fn, reference: str, params=None, *, tails=(), nan=True, inf=True, kinks=True, vectorised=True,
                   rtol=1e-9, tail_rtol=1e-12, hint=None, tail_hint=None, warn_hint=None, strict=False) -> CheckResult:
    """Check a learner's ``fn`` against actlib's activation ``reference`` (a name): see :class:`FunctionCheck`.

    Values on the ordinary inputs always run; ``tails=actlib.checks.TAILS``
    adds the stability check.
    """
    __tracebackhide__ = True
    spec = FunctionCheck(reference, False, dict(params or {}), rtol=rtol, tails=tuple(tails), tail_rtol=tail_rtol, nan=nan,
                         inf=inf, kinks=kinks, vectorised=vectorised, hint=hint, tail_hint=tail_hint, warn_hint=warn_hint)
    return spec.run(fn, strict)


def check_derivative(fn, reference: str, params=None, *, tails=(), nan=True, inf=True, kinks=True, vectorised=True,
                     rtol=1e-9, tail_rtol=1e-12, hint=None, tail_hint=None, warn_hint=None, strict=False) -> CheckResult:
    """Check a learner's derivative against ``actlib.<reference>.derivative``, its convention at each kink included."""
    __tracebackhide__ = True
    spec = FunctionCheck(reference, True, dict(params or {}), rtol=rtol, tails=tuple(tails), tail_rtol=tail_rtol, nan=nan,
                         inf=inf, kinks=kinks, vectorised=vectorised, hint=hint, tail_hint=tail_hint, warn_hint=warn_hint)
    return spec.run(fn, strict)


def check_stable(fn, reference: str, params=None, *, derivative=False, hint=None, tail_hint=None, warn_hint=None, strict=False) -> CheckResult:
    """The values on ordinary inputs and the tails (:data:`TAILS`) to relative error 1e-12, NaN and ±inf: a stable function."""
    __tracebackhide__ = True
    spec = FunctionCheck(reference, derivative, dict(params or {}), tails=TAILS, hint=hint, tail_hint=tail_hint, warn_hint=warn_hint)
    return spec.run(fn, strict)


def check_vectorised(fn, reference: str, params=None, *, derivative=False, hint=None, strict=False) -> CheckResult:
    """The values on ordinary inputs, and any shape (0-d, empty, 2-D, 3-D) without a Python loop or np.vectorize."""
    __tracebackhide__ = True
    spec = FunctionCheck(reference, derivative, dict(params or {}), nan=False, inf=False, kinks=False, hint=hint)
    return spec.run(fn, strict)


# --------------------------------------------------------------------------
# answers: numbers, text, tuples and sets, by digest
# --------------------------------------------------------------------------
class _NotAnAnswer(TypeError):
    pass


def _canonical(value, digits: int) -> str:
    """The canonical text of an answer (see the module docstring), the same for every correct way of writing it."""
    if isinstance(value, (bool, np.bool_)):
        return f"bool:{bool(value)}"
    if isinstance(value, str):
        return "text:" + " ".join(value.casefold().split())
    if isinstance(value, (numbers.Real, np.integer, np.floating, fractions.Fraction)):
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            return f"num:{v}"
        text = f"{v:.{digits - 1}e}"
        return "num:" + (f"{0.0:.{digits - 1}e}" if float(text) == 0 else text)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return _canonical(value.item(), digits)
    if isinstance(value, (set, frozenset)):
        return "set:{" + ",".join(sorted(_canonical(v, digits) for v in value)) + "}"
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim == 1):
        return "seq:(" + ",".join(_canonical(v, digits) for v in value) + ")"
    raise _NotAnAnswer(f"{type(value).__name__} is not a number, text, tuple, list or set")


def answer_digest(value, digits: int = 6) -> str:
    """``"sha256:<hex>"`` of the canonical form of ``value``, for :func:`check_answer` (authors run this, not the notebook)."""
    return "sha256:" + hashlib.sha256(_canonical(value, digits).encode()).hexdigest()


def _answer_verdict(answer, digests: tuple, what: str, digits: int, hint):
    """``None`` when ``answer`` matches a digest, else the failure's sentence, hint and Failure."""
    if answer is None or answer is Ellipsis:
        return f"there is no answer for {what} yet: replace the placeholder with yours", hint, Failure(got=answer)
    try:
        mine = answer_digest(answer, digits)
    except _NotAnAnswer as exc:
        return f"{what}: {exc}", hint, Failure(got=answer)
    if mine in digests:
        return None
    if isinstance(answer, str):
        try:
            as_number = answer_digest(float(answer), digits)
        except ValueError:
            as_number = None
        if as_number in digests:
            return f"your answer for {what} is text; give the number without quotes", None, Failure(got=answer)
    if isinstance(answer, (list, tuple)):
        try:
            as_set = answer_digest(set(answer), digits)
        except (_NotAnAnswer, TypeError):
            as_set = None
        if as_set in digests:
            return f"your answer for {what} is a {type(answer).__name__}; give a set, {{...}}, since the order does not matter", None, Failure(got=answer)
    return f"{_fmt(answer)} is not {what}", hint, Failure(got=answer)


def check_answer(answer, digest, what: str = "the answer", digits: int = 6, hint=None, strict=False) -> CheckResult:
    """Compare ``answer`` with one digest or a list of digests (any one matching passes); the answer is nowhere in the notebook.

    ``what`` names the quantity (``"σ′(0)"``); the messages state it, never its value.
    """
    __tracebackhide__ = True
    digests = (digest,) if isinstance(digest, str) else tuple(digest)
    verdict = _answer_verdict(answer, digests, what, digits, hint)
    if verdict is None:
        return _finish(True, f"✅ passed: {what} (compared by digest to {digits} significant digits)", None, strict)
    return _fail(*verdict, strict=strict)


def check_value(answer, expected, what: str = "the right answer", rtol=1e-6, hint=None, strict=False) -> CheckResult:
    """Compare ``answer`` with an ``expected`` the check cell computes (hidden tests); the messages never state ``expected``.

    Numbers and arrays compare by relative error ``rtol`` (0 only equals 0),
    text without case or surrounding spaces, sets as sets. For a recall
    answer that must not appear in the notebook, use :func:`check_answer`.
    """
    __tracebackhide__ = True
    if answer is None or answer is Ellipsis:
        return _fail(f"there is no answer for {what} yet: replace the placeholder with yours", hint, Failure(got=answer), strict)
    if isinstance(expected, (str, bool, np.bool_, set, frozenset)):
        if isinstance(expected, (set, frozenset)) and isinstance(answer, (list, tuple)):
            answer = set(answer)  # the order of a multiple-select answer does not matter
        try:
            right = _canonical(answer, 15) == _canonical(expected, 15)
        except _NotAnAnswer:
            right = False
    elif isinstance(answer, str):
        return _fail(f"your answer for {what} is text; give a number, without quotes", hint, Failure(got=answer), strict)
    else:
        try:
            got, want = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
            right = got.shape == want.shape and bool((_relative_error(got, want) <= rtol).all())
        except (TypeError, ValueError):
            right = False
    if right:
        return _finish(True, f"✅ passed: {what}", None, strict)
    return _fail(f"{_fmt(answer)} is not {what}", hint, Failure(got=answer), strict)


# --------------------------------------------------------------------------
# the registry of named exercise checks
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Exercise:
    """A named check: ``name`` is ``<exercise label>`` or ``<exercise label>:<part>``; ``parts`` are what the learner hands in, in order."""

    name: str
    parts: tuple[str, ...]
    checks: str
    run: Callable[..., CheckResult]

    @property
    def label(self) -> str:
        """The label of the ``{exercise}`` directive this check grades."""
        return self.name.split(":")[0]


_REGISTRY: dict[str, Exercise] = {}
EXERCISES: Mapping[str, Exercise] = MappingProxyType(_REGISTRY)
"""Every named exercise check, by name (filled when :mod:`actlib.exercises` is imported)."""


def register(name: str, parts, checks: str):
    """Decorator: register ``run(*answers, strict)`` as the check ``name``; ``checks`` says in a few words what it checks."""
    parts = (parts,) if isinstance(parts, str) else tuple(parts)

    def add(run):
        if name in _REGISTRY:
            raise ValueError(f"actlib.checks.register: {name!r} is registered twice")
        _REGISTRY[name] = Exercise(name, parts, checks, run)
        return run

    return add


def _load() -> None:
    from . import exercises  # noqa: F401  (registers the course's checks)


def exercise_names(label: str | None = None) -> list[str]:
    """The names of the registered checks, or those of one exercise ``label``."""
    _load()
    return [n for n, e in _REGISTRY.items() if label is None or e.label == label]


def exercise(name: str, *answers, strict: bool = True) -> CheckResult:
    """Run the named check on the learner's answers (functions or values, in the order of its ``parts``).

    ``strict=True`` (the default, for nbgrader) raises :class:`CheckFailed`
    on a failure instead of printing it.
    """
    __tracebackhide__ = True
    _load()
    if name not in _REGISTRY:
        raise ValueError(f"actlib.checks.exercise: unknown exercise check {name!r}; known: {', '.join(_REGISTRY)}")
    ex = _REGISTRY[name]
    if len(answers) != len(ex.parts):
        raise TypeError(f"actlib.checks.exercise: {name!r} takes {len(ex.parts)} answer(s), {', '.join(ex.parts)}; got {len(answers)}")
    return ex.run(*answers, strict=strict)


@dataclass(frozen=True)
class Answer:
    """One recall answer of an exercise: its digest(s) (:func:`answer_digest`), what it is, and an optional hint."""

    digest: str | tuple[str, ...]
    what: str
    hint: str | None = None
    digits: int = 6


def register_function(name: str, part: str, spec: FunctionCheck) -> None:
    """Register the check ``name`` of a learner's function ``part`` (e.g. ``"my_sigmoid"``) as ``spec`` describes."""

    def run(fn, strict=False):
        __tracebackhide__ = True
        return spec.run(fn, strict)

    register(name, part, f"{part} against actlib.{spec.reference}{'.derivative' if spec.derivative else ''}")(run)


def register_answers(name: str, answers: Mapping[str, Answer]) -> None:
    """Register the check ``name`` of recall answers, one :class:`Answer` per variable the learner fills in, in order."""
    answers = dict(answers)

    def run(*given, strict=False):
        __tracebackhide__ = True
        for value, spec in zip(given, answers.values()):
            digests = (spec.digest,) if isinstance(spec.digest, str) else tuple(spec.digest)
            verdict = _answer_verdict(value, digests, spec.what, spec.digits, spec.hint)
            if verdict is not None:
                return _fail(*verdict, strict=strict)
        whats = [a.what for a in answers.values()]
        return _finish(True, f"✅ passed: {_join(whats)} (compared by digest to {min(a.digits for a in answers.values())} significant digits)", None, strict)

    register(name, tuple(answers), "recall answers by digest")(run)
