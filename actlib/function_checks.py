r"""A learner's function against an actlib activation: :class:`FunctionCheck` and the ``check_*`` functions.

See :mod:`actlib.checks` for what a function check tries, in which order,
and how it words a failure.
"""

from __future__ import annotations

import math
import numbers
import sys
import warnings
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from ._base import Activation
from .registry import get
from ._feedback import CheckResult, Failure, _error_text, _fail, _finish, _fmt, _join

__all__ = [
    "FunctionCheck", "ORDINARY", "ORDINARY_ROWS", "TAILS", "TAIL_ROWS", "check_derivative", "check_function",
    "check_stable", "check_vectorised", "kinks_of",
]

# Easy values first, so the first failure reported is the simplest one; then a grid and tiny values.
_EASY = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0]
ORDINARY = tuple(dict.fromkeys(_EASY + np.round(np.linspace(-6, 6, 121), 10).tolist() + [1e-8, -1e-8]))
"""The ordinary inputs every value check runs on (123 of them)."""
_TAIL_MAGNITUDES = (10.0, 20.0, 30.0, 40.0, 100.0, 300.0, 700.0, 710.0, 745.0, 800.0, 1e4, 1e300)
TAILS = tuple(s * m for m in _TAIL_MAGNITUDES for s in (1.0, -1.0))
"""Large inputs for stability checks: past every exp overflow (709.8) and underflow (-745) edge, up to ±1e300."""
_TINY = float(np.finfo(np.float64).tiny)  # smallest normal float: the floor of the relative error


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
def kinks_of(act: Activation, params: Mapping) -> tuple[float, ...]:
    """Where ``act`` (with ``params``) has a kink: ``act.kinks(**params)``; none for a vector activation."""
    return tuple(float(k) for k in act.kinks(**params)) if act.kind == "elementwise" else ()


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

    def __post_init__(self):
        if not len(self.ordinary):
            raise ValueError("actlib.checks.FunctionCheck: 'ordinary' must not be empty: a value check always runs")

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
                              "a comparison with NaN is False, so a mask or np.where(x > 0, ...) sends NaN to its other branch, "
                              "and np.nan_to_num replaces it; np.maximum and arithmetic keep it",
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
