r"""Exercise checks that reject plausible wrong answers and reveal nothing.

A chapter's graded check cell is nothing but one line per check, naming it::

    actlib.checks.exercise("sigmoid-stable", my_sigmoid)
    actlib.checks.exercise("sigmoid-recall", sigma_at_0, slope_at_0, slope_at_infinity)

The API
    ``exercise(name, *answers, strict=True) -> CheckResult``
        Run the named check on the learner's answers (functions or values, in
        the order of the check's ``parts``). Unknown name: ValueError; wrong
        number of answers: TypeError (both author errors, never the learner's).
    ``EXERCISES``, ``exercise_names(label=None)``
        The registry (read-only mapping name → :class:`Exercise`, filled from
        :mod:`actlib.exercises`); a name is ``<exercise label>`` or
        ``<exercise label>:<part>``, one per graded check cell.
    ``register_function(name, part, FunctionCheck(...))``, ``register_answers(name, {part: Answer(digest, what, hint)})``, ``register(name, parts, checks)``
        How :mod:`actlib.exercises` defines a check: a learner's function
        against an actlib activation; recall answers by digest; anything else
        (a decorator on ``run(*answers, strict=False) -> CheckResult``).
    ``answer_digest(value, digits=6)``, ``check_answer(answer, digest, what, digits=6, hint=None, strict=False)``
        Recall answers without the answer in the notebook (below).
    ``check_function``, ``check_derivative``, ``check_stable``, ``check_vectorised`` (a learner's function against actlib's ``reference`` by name, with ``params``), ``check_value`` (a value a hidden test computes)
        The building blocks, for checks that are not named exercises.
    ``CheckResult(passed, message, first_failure)``, truthy on a pass; ``CheckFailed``, an ``AssertionError``.

The modules: this one (answers by digest, the registry, and the API);
:mod:`actlib.function_checks` (a learner's function against actlib);
``actlib._feedback`` (the one-line messages and :class:`CheckFailed`);
:mod:`actlib.exercises` (the course's named checks).

``tests/exercise_answers/<chapter>.py`` lists, for every registered name, the
wrong answers its check must reject and the right answers it must accept,
and ``tests/test_exercise_answers.py`` runs them through the same
``exercise`` call the notebook makes, so the two cannot drift.

What every check does
    It prints one line: ``✅ passed: <what was checked>`` or
    ``❌ not yet: <the first thing that fails> (hint: ...)``. No message
    states the expected answer, on a pass or a failure: a failure names the
    input and what the learner's code returned (and, for a result that
    lost digits, its relative error, which gives no value away). With
    ``strict=True`` (the default of :func:`exercise`, which nbgrader needs) a
    failure is not printed but raised as :class:`CheckFailed`, an
    ``AssertionError`` that Jupyter shows as that one line, never a
    traceback; so a failure appears once. A hint fits what went wrong (a
    warning, a cut-off tail, a clip, lost digits, a kink, a type); none
    points the wrong way.

A function check (:class:`FunctionCheck`) runs, in order, and stops at the first failure:
    1. the type: not ``np.vectorize``, no exception, an array (not a list,
       not None) of floats (not bools or ints) of the input's shape;
    2. the input left unchanged (an in-place ``x[x < 0] = 0`` is caught);
    3. values on ordinary inputs (:data:`ORDINARY`: easy values, then a grid
       on [-6, 6] and ±1e-8), always, by relative error against actlib, which
       is accurate to a few ulps: ``|got − exact| / max(|exact|, 2.2e-308)``
       ≤ ``rtol`` (1e-9) (two results below 2.2e-308, the smallest normal
       float, count as equal: there is no relative precision left there);
       no warning;
    4. the kinks (``act.kinks(**params)``) and the nearest floats either
       side, so the wrong side of a kink fails;
    5. the tails, when the exercise asks for them (``tails=TAILS``: ±10 …
       ±1e300): no warning, and the relative error above ≤ ``tail_rtol``
       (1e-12). Never an absolute tolerance: a tail that is truncated to 0,
       clipped, or loses its digits to cancellation fails;
    6. NaN stays NaN, and ±inf give the activation's limits (each can be
       switched off with ``nan=False``/``inf=False``);
    7. any shape (0-d, empty, 2-D, 3-D) without a Python loop.
    A vector activation (softmax ...) is checked row by row on
    :data:`ORDINARY_ROWS` and :data:`TAIL_ROWS`, on batches and empty batches.

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
"""

from __future__ import annotations

import fractions
import hashlib
import math
import numbers
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from ._feedback import CheckFailed, CheckResult, Failure, _fail, _finish, _fmt, _join
from .function_checks import (
    ORDINARY,
    ORDINARY_ROWS,
    TAIL_ROWS,
    TAILS,
    FunctionCheck,
    _relative_error,
    check_derivative,
    check_function,
    check_stable,
    check_vectorised,
    kinks_of,
)

__all__ = [
    "Answer", "CheckFailed", "CheckResult", "Exercise", "EXERCISES", "Failure", "FunctionCheck",
    "ORDINARY", "ORDINARY_ROWS", "TAILS", "TAIL_ROWS", "answer_digest", "check_answer", "check_derivative", "check_function",
    "check_stable", "check_value", "check_vectorised", "exercise", "exercise_names", "kinks_of", "not_one_number",
    "register", "register_answers", "register_function",
]


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


def not_one_number(name: str, value, hint: str, strict=False) -> CheckResult | None:
    """None when ``value`` (the learner's ``name``) is one real number; else the failure for a placeholder or anything else.

    For checks that recompute a condition at the learner's number (a break
    point, a learning rate, a gain); ``hint`` says what to give.
    """
    __tracebackhide__ = True
    if value is None or value is Ellipsis:
        return _fail(f"there is no {name} yet: replace the placeholder with yours", None, Failure(got=value), strict)
    if isinstance(value, (bool, np.bool_, str)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return _fail(f"{name} is {_fmt(value)}, not one number", hint, Failure(got=value), strict)
    return None


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
    spec: FunctionCheck | None = None  # for a function check: what it tries

    @property
    def label(self) -> str:
        """The label of the ``{exercise}`` directive this check grades."""
        return self.name.split(":")[0]


_REGISTRY: dict[str, Exercise] = {}
EXERCISES: Mapping[str, Exercise] = MappingProxyType(_REGISTRY)
"""Every named exercise check, by name (filled when :mod:`actlib.exercises` is imported)."""


def register(name: str, parts, checks: str, spec: FunctionCheck | None = None, function: bool = False):
    """Decorator: register ``run(*answers, strict)`` as the check ``name``; ``checks`` says in a few words what it checks.

    ``function=True``: the one answer is a learner's function. Anything else
    (a number, the function's result after calling it) fails here with one
    shared message, before ``run`` sees it.
    """
    parts = (parts,) if isinstance(parts, str) else tuple(parts)

    def add(run):
        if name in _REGISTRY:
            raise ValueError(f"actlib.checks.register: {name!r} is registered twice")
        checked = _callable_answer(parts[0], run) if function else run
        _REGISTRY[name] = Exercise(name, parts, checks, checked, spec)
        return run

    return add


def _callable_answer(part: str, run):
    def checked(answer, strict=False):
        __tracebackhide__ = True
        if not callable(answer):
            return _fail(f"{_fmt(answer)} is not a function: give {part} itself, without calling it", None,
                         Failure(got=answer), strict)
        return run(answer, strict=strict)

    return checked


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

    register(name, part, f"{part} against actlib.{spec.reference}{'.derivative' if spec.derivative else ''}", spec)(run)


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
