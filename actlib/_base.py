"""The activation types.

Everything every activation shares lives here once: argument checking, the
dtype rules, IEEE handling of infinities and NaN, and the metadata the book
prints. A definition in ``elementwise.py`` or ``vector.py`` only supplies a
stable numpy kernel for finite input.

dtype rules
    float32 and float64 come back in the same dtype; float16 is computed in
    float32 and returned as float16; bools, ints, Python scalars and lists
    are taken as float64. Kernels marked ``upcast`` evaluate float32 input in
    float64 and round once at the end, so float32 results are accurate to
    about half an ulp whatever SIMD code path numpy picks on the machine.
"""

from __future__ import annotations

import inspect
import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .registry import register

__all__ = ["Activation", "ElementwiseActivation", "VectorActivation", "Param", "Range"]

_REJECTED_KINDS = {
    "c": "complex",
    "O": "object",
    "U": "string",
    "S": "bytes",
    "V": "structured/void",
    "M": "datetime",
    "m": "timedelta",
}


class Range(tuple):
    """An output range ``(lo, hi)``; ``closed`` says which ends are attained.

    It compares and unpacks as the plain tuple ``(lo, hi)``; ``str`` gives
    interval notation for tables, e.g. ``(0, 1)`` or ``[0, ∞)``.
    """

    def __new__(cls, lo: float, hi: float, closed: tuple[bool, bool] = (False, False)):
        self = super().__new__(cls, (float(lo), float(hi)))
        self.closed = (bool(closed[0]) and math.isfinite(lo), bool(closed[1]) and math.isfinite(hi))
        return self

    @staticmethod
    def _fmt(v: float) -> str:
        if math.isinf(v):
            return "−∞" if v < 0 else "∞"
        text = str(int(v)) if v == round(v) else f"{v:.4g}"
        return text.replace("-", "−")

    def __str__(self) -> str:
        left = "[" if self.closed[0] else "("
        right = "]" if self.closed[1] else ")"
        return f"{left}{self._fmt(self[0])}, {self._fmt(self[1])}{right}"

    def latex(self) -> str:
        def tex(v: float) -> str:
            if math.isinf(v):
                return r"-\infty" if v < 0 else r"\infty"
            return self._fmt(v).replace("−", "-")

        left = "[" if self.closed[0] else "("
        right = "]" if self.closed[1] else ")"
        return f"{left}{tex(self[0])}, {tex(self[1])}{right}"


def _check_bool(where: str, value):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where} must be True or False, got {value!r}")
    return bool(value)


def _check_integer(where: str, value) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where} must be an integer, got {value!r}")
    return int(value)


def _check_count(where: str, value) -> int:
    value = _check_integer(where, value)
    if value < 1:
        raise ValueError(f"{where} must be a positive integer, got {value!r}")
    return value


def _check_real(where: str, value, lower: float = -math.inf, strict: bool = False) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{where} must be finite, got {value!r}")
    if value < lower or (strict and value == lower):
        raise ValueError(f"{where} must be {'>' if strict else '>='} {lower:g}, got {value!r}")
    return value


def _check_real_array(where: str, value):
    if np.isscalar(value):
        return _check_real(where, value)
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{where} must be a real number or array of reals, got dtype {arr.dtype}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{where} must be finite, got {value!r}")
    return arr.astype(np.float64)


def _as_is(value, dtype):
    return value


def _cast_real(value, dtype):
    # A numpy scalar of the work dtype never widens the result (a Python float would not either,
    # but an array parameter must become an array of that dtype).
    return np.asarray(value, dtype=dtype) if isinstance(value, np.ndarray) else dtype.type(value)


@dataclass(frozen=True)
class ParamKind:
    """What values one kind of parameter accepts, and how a kernel receives it.

    ``check(where, value)`` returns the value in canonical form or raises;
    ``cast(value, dtype)`` hands it to a kernel computing in ``dtype``;
    ``continuous`` kinds can have a gradient (:meth:`ElementwiseActivation.param_vjp`).
    """

    check: Callable
    cast: Callable = _as_is
    continuous: bool = False


PARAM_KINDS = {
    "real": ParamKind(_check_real, _cast_real, True),
    "positive": ParamKind(lambda w, v: _check_real(w, v, 0.0, strict=True), _cast_real, True),
    "nonnegative": ParamKind(lambda w, v: _check_real(w, v, 0.0), _cast_real, True),
    "real_array": ParamKind(_check_real_array, _cast_real, True),  # a scalar or an array broadcasting against x
    "bool": ParamKind(_check_bool),
    "count": ParamKind(_check_count),  # an integer >= 1
    "axis": ParamKind(_check_integer),
}
"""Every parameter kind, by the name an activation's ``params`` declares."""


@dataclass(frozen=True)
class Param:
    """One parameter of an activation: its default (from the signature) and its kind (a key of :data:`PARAM_KINDS`)."""

    default: object
    kind: str = "real"


REQUIRED = inspect.Parameter.empty


def _check_param(fname: str, pname: str, value, kind: str):
    """Validate one parameter value; return it in a canonical Python/numpy form."""
    return PARAM_KINDS[kind].check(f"actlib.{fname}: argument '{pname}'", value)


def as_real_array(x, fname: str, argname: str = "x") -> np.ndarray:
    """``x`` as a real floating array, by the dtype rules; never a view that is later written."""
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:
        raise TypeError(f"actlib.{fname}: argument '{argname}' must be array-like of real numbers ({exc})") from None
    kind = arr.dtype.kind
    if kind in _REJECTED_KINDS:
        raise TypeError(
            f"actlib.{fname}: argument '{argname}' must be a real (float, int or bool) array, "
            f"got a {_REJECTED_KINDS[kind]} array of dtype {arr.dtype}"
        )
    if kind in "biu":
        return arr.astype(np.float64)
    if arr.dtype.itemsize > 8:
        raise TypeError(
            f"actlib.{fname}: argument '{argname}' has dtype {arr.dtype}; "
            "use float16, float32 or float64"
        )
    return arr


def work_dtype(dtype: np.dtype, upcast: bool) -> np.dtype:
    """The dtype a kernel computes in, for an input of ``dtype``."""
    if dtype == np.float16:
        return np.dtype(np.float32)
    if dtype == np.float32 and upcast:
        return np.dtype(np.float64)
    return np.dtype(dtype)


def to_output(y: np.ndarray, dtype: np.dtype):
    """Round the work array to the caller's dtype; 0-d results become numpy scalars."""
    if y.dtype != dtype:
        # A value beyond the output dtype's largest float rounds to inf, as IEEE
        # rounding prescribes; numpy would otherwise warn on that cast.
        with np.errstate(over="ignore"):
            y = y.astype(dtype)
    return y[()] if y.ndim == 0 else y


def all_finite(x: np.ndarray) -> bool:
    """True when ``x`` holds no inf or NaN."""
    return bool(np.isfinite(x).all())


def check_upstream(fname: str, g, shape: tuple, dtype: np.dtype) -> np.ndarray:
    """The upstream gradient ``g`` as an array of ``dtype``; its shape must be the output's, ``shape``."""
    g = as_real_array(g, fname, "g")
    if g.shape != tuple(shape):
        raise ValueError(f"actlib.{fname}: argument 'g' must have the output's shape {tuple(shape)}, got {g.shape}")
    return g.astype(dtype, copy=False)


def reduce_to_param(grad: np.ndarray, value, dtype: np.dtype):
    """Sum an elementwise gradient over the axes ``value`` was broadcast along.

    A scalar parameter (a Python float) gets a Python float; an array one an
    array of its own shape (keepdims along its length-1 axes) in ``dtype``.
    """
    if not isinstance(value, np.ndarray):
        return float(np.sum(grad))
    lead = grad.ndim - value.ndim
    grad = np.sum(grad, axis=tuple(range(lead))) if lead else grad
    axes = tuple(i for i, n in enumerate(value.shape) if n == 1 and grad.shape[i] != 1)
    grad = np.sum(grad, axis=axes, keepdims=True) if axes else grad
    with np.errstate(over="ignore"):
        return np.asarray(grad.reshape(value.shape), dtype=dtype)


def _docstring(prose: str, formula: str, derivative_formula: str, output_range: Range, parametrised: bool) -> str:
    """The docstring readers see: the prose's first line, then formula, derivative and range from the metadata, then the rest."""
    summary, _, rest = inspect.cleandoc(prose).partition("\n\n")
    header = [
        summary, "",
        f".. math:: {formula}", "",
        "Derivative:", "",
        f".. math:: {derivative_formula}", "",
        f"Output range{' (default parameters)' if parametrised else ''}: :math:`{output_range.latex()}`.",
    ]
    return "\n".join(header + (["", rest] if rest else []))


class Activation:
    """Shared behaviour: parameter binding and checking, metadata, registration.

    ``forward`` is the definition readers see: its name is the activation's,
    its signature ``(x, param=default, ...)`` gives the parameters and their
    defaults, its docstring the prose; ``params`` maps each parameter to its
    kind (a key of ``actlib._base.PARAM_KINDS``). The formula, derivative and range are
    written once, in the metadata, and lead the docstring. Building an
    activation registers it (``actlib.registry``).
    """

    kind = "abstract"

    def __init__(
        self,
        forward: Callable,
        params: dict[str, str],
        formula: str,
        derivative_formula: str,
        output_range: Range,
        monotonic: bool,
        zero_centered: bool,
        smooth: bool,
        cost: str,
        use: str,
        upcast: bool = True,
        check: Callable | None = None,
        aliases: tuple[str, ...] = (),
    ):
        name = forward.__name__
        signature = inspect.signature(forward)
        x_param, *param_list = signature.parameters.values()
        if x_param.name != "x" or [p.name for p in param_list] != list(params):
            raise TypeError(
                f"actlib.{name}: the definition's parameters after x, {[p.name for p in param_list]}, "
                f"must be the declared ones, {list(params)}"
            )
        self.name = name
        self.__name__ = name
        self.__qualname__ = name
        self.__wrapped__ = forward  # inspect.getsource and the docs find the definition
        self._param_specs = {p.name: Param(p.default, params[p.name]) for p in param_list}
        continuous = any(PARAM_KINDS[p.kind].continuous for p in self._param_specs.values())
        self.__doc__ = _docstring(forward.__doc__ or name, formula, derivative_formula, output_range, continuous)
        self.params = {k: (None if p.default is REQUIRED else p.default) for k, p in self._param_specs.items()}
        self.formula = formula
        self.derivative_formula = derivative_formula
        self.output_range = output_range
        self.monotonic = monotonic
        self.zero_centered = zero_centered
        self.smooth = smooth
        self.cost = cost
        self.use = use
        self.upcast = upcast
        self.aliases = tuple(aliases)
        self._check = check
        self.__signature__ = signature
        self.__module__ = "actlib"
        register(self)

    # -- metadata derived from the range ---------------------------------
    @property
    def bounded_above(self) -> bool:
        """True when the output never exceeds a finite bound (``output_range[1]``)."""
        return math.isfinite(self.output_range[1])

    @property
    def bounded_below(self) -> bool:
        """True when the output never falls below a finite bound (``output_range[0]``)."""
        return math.isfinite(self.output_range[0])

    def __repr__(self) -> str:
        ps = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<actlib.{self.name}({'x' + (', ' + ps if ps else '')})>"

    # -- argument handling --------------------------------------------------
    def _bind(self, x, args, kwargs) -> tuple[np.ndarray, dict]:
        """Bind ``x`` and the parameters, check them, and return (x array, params)."""
        if args or not kwargs.keys() <= self._param_specs.keys():
            # Positional parameters or an unknown name: inspect binds them and words the error.
            try:
                bound = self.__signature__.bind(x, *args, **kwargs)
            except TypeError as exc:
                raise TypeError(f"actlib.{self.name}: {exc}") from None
            kwargs = bound.arguments
        # Otherwise the keywords are the parameters' own names: taking them
        # directly costs a tenth of inspect's bind, which a network's training
        # loop, calling small activations thousands of times, would notice.
        params = {}
        for k, spec in self._param_specs.items():
            value = kwargs.get(k, spec.default)
            if value is REQUIRED:
                raise TypeError(f"actlib.{self.name}: missing required argument '{k}'")
            params[k] = _check_param(self.name, k, value, spec.kind)
        if self._check is not None:
            self._check(self.name, **params)
        return as_real_array(x, self.name), params


def _cast_params(params: dict, specs: dict[str, Param], dtype: np.dtype) -> dict:
    """Scalars become numpy scalars of ``dtype`` so they never widen the result."""
    return {k: PARAM_KINDS[specs[k].kind].cast(v, dtype) for k, v in params.items()}


class ElementwiseActivation(Activation):
    r"""An activation applied to each element: ``f(x)`` and ``f'(x)`` have x's shape.

    ``forward`` and ``grad`` are kernels ``k(x, **params)`` written for finite
    ``x`` in the work dtype; ``limits`` and ``grad_limits`` map the parameters
    to the values at ``(-inf, +inf)``. NaN in gives NaN out. ``kinks`` (a
    tuple, or a function of the parameters) lists where the derivative jumps,
    returned by :meth:`kinks`. ``param_grads`` maps a continuous parameter's
    name to ``(kernel, limits)`` for its partial derivative
    :math:`\partial f/\partial\theta`, used by :meth:`param_vjp`.

    Speed (``benchmarks/README.md``): ``handles_nonfinite`` names the kernels
    (``"forward"``, ``"derivative"``, ``"both"``) that map ±inf and NaN
    correctly by themselves and so skip the scan for them; a ``grad`` or
    shared kernel that takes ``out=`` (for ``"both"``, a pair) writes into
    the result instead of a temporary.
    """

    kind = "elementwise"

    def __init__(self, forward, grad, limits, grad_limits, kinks, handles_nonfinite=(), param_grads=None, **meta):
        super().__init__(forward, **meta)
        # kinks: the x-values where f' (binary_step: f) is discontinuous, a
        # tuple or a function of the parameters returning one; () if smooth.
        self._kinks = kinks
        # param_grads: {name: (kernel, limits)}, the partial derivative of f with
        # respect to one continuous parameter, elementwise, like grad/grad_limits.
        self._param_grads = dict(param_grads or {})
        for k in self._param_grads:
            if k not in self._param_specs or not PARAM_KINDS[self._param_specs[k].kind].continuous:
                raise ValueError(f"actlib.{self.name}: param_grads names {k!r}, which is not a continuous parameter")
        # The kernels ("forward", "derivative", "both") that already map ±inf to
        # the limits and NaN to NaN without a warning (np.maximum, np.clip,
        # np.tanh, e^{-|x|} ...) skip the scan for non-finite input, a pass
        # over x that costs up to a tenth of a cheap kernel. The IEEE tests
        # check every kernel on ±inf and NaN, flagged or not.
        unknown = set(handles_nonfinite) - {"forward", "derivative", "both"}
        if unknown:
            raise ValueError(f"actlib.{self.name}: handles_nonfinite names unknown kernels {sorted(unknown)}")
        self._handles_nonfinite = frozenset(handles_nonfinite)
        self._forward = forward
        self._grad = grad
        self._limits = limits
        self._grad_limits = grad_limits
        self._value_and_grad = None  # optional kernel x -> (f(x), f'(x)); see value_and_grad_kernel
        self.derivative = self._make_derivative()

    def _make_derivative(self):
        act = self

        def derivative(x, *args, **kwargs):
            return act._evaluate(act._grad, act._limits_unless_handled("derivative", act._grad_limits), x, args, kwargs)

        derivative.__name__ = f"{self.name}.derivative"
        derivative.__qualname__ = derivative.__name__
        derivative.__doc__ = (
            f"Derivative of ``actlib.{self.name}``, elementwise, in closed form:\n\n"
            f".. math:: {self.derivative_formula}\n"
        )
        derivative.__signature__ = self.__signature__
        return derivative

    def __call__(self, x, *args, **kwargs):
        return self._evaluate(self._forward, self._limits_unless_handled("forward", self._limits), x, args, kwargs)

    def _limits_unless_handled(self, kernel: str, limits):
        """None, meaning "no scan", when that kernel maps inf and NaN correctly itself."""
        return None if kernel in self._handles_nonfinite else limits

    def _work_input(self, x, args, kwargs):
        """(x array, checked params, x in its work dtype) for the backward products."""
        x, params = self._bind(x, args, kwargs)
        return x, params, x.astype(work_dtype(x.dtype, self.upcast), copy=False)

    def vjp(self, x, g, *args, **kwargs):
        r"""Vector-Jacobian product: the gradient with respect to ``x`` of ``sum(g * f(x))``.

        .. math:: \bar x = g \odot f'(x)

        ``g`` must have ``x``'s shape; the result follows the dtype rules of
        ``x``. Infinite or NaN entries follow IEEE rules (``0 * inf`` is NaN).
        """
        x, params, xw = self._work_input(x, args, kwargs)
        gw = check_upstream(self.name, g, x.shape, xw.dtype)
        d = self._evaluate(self._grad, self._limits_unless_handled("derivative", self._grad_limits), xw, (), params)
        with np.errstate(over="ignore", invalid="ignore"):  # IEEE: an overflowing product is inf, 0 * inf NaN
            return to_output(np.asarray(gw * d), x.dtype)

    def param_vjp(self, x, g, *args, **kwargs) -> dict:
        r"""Gradients of ``sum(g * f(x, **params))`` with respect to each continuous parameter.

        .. math:: \bar\theta = \sum_{\text{broadcast axes}} g \odot \frac{\partial f}{\partial \theta}(x)

        Returns ``{name: gradient}`` with each gradient in its parameter's
        shape: a Python float for a scalar parameter, and for an array (PReLU's
        per-channel ``alpha`` of shape ``(C, 1, 1)``) an array of that shape in
        ``x``'s dtype, summed over the axes it was broadcast along. Empty for
        an activation without continuous parameters.
        """
        x, params, xw = self._work_input(x, args, kwargs)
        gw = check_upstream(self.name, g, x.shape, xw.dtype)
        out = {}
        for k, (kernel, limits) in self._param_grads.items():
            partial = self._evaluate(kernel, limits, xw, (), params)
            with np.errstate(over="ignore", invalid="ignore"):
                prod = np.asarray(gw, dtype=np.float64) * np.asarray(partial, dtype=np.float64)
            out[k] = reduce_to_param(prod, params[k], x.dtype)
        return out

    def kinks(self, **params) -> tuple[float, ...]:
        """The x-values where the derivative (for ``binary_step``, the function) jumps; ``()`` for a smooth activation.

        Parameters not given take their defaults: ``hard_tanh.kinks(max_val=2.0)`` is ``(-1.0, 2.0)``.
        """
        kinks = self._kinks(**{**self.params, **params}) if callable(self._kinks) else self._kinks
        return tuple(float(k) for k in kinks)

    def value_and_derivative(self, x, *args, **kwargs):
        """``(f(x), f'(x))`` in one pass over ``x``, sharing the work the two have in common.

        Same arguments, checks and dtype rules as calling the activation.
        Where the definition supplies a shared kernel (sigmoid's derivative
        reuses its exponential, GELU's its erf), this costs about one
        evaluation instead of two; otherwise it runs both kernels block by block.
        For long inputs the two results are the rows of one array.
        """
        limits = (self._limits, self._grad_limits)
        if self._value_and_grad is not None:
            shared, limits = self._value_and_grad, self._limits_unless_handled("both", limits)
        else:
            shared = _one_after_the_other(self._forward, self._grad)
            if {"forward", "derivative"} <= self._handles_nonfinite:
                limits = None
        return self._evaluate(shared, limits, x, args, kwargs, n_out=2)

    def value_and_grad_kernel(self, kernel):
        """Decorator: register ``kernel(x, **params) -> (f(x), f'(x))`` for :meth:`value_and_derivative`.

        A kernel may take ``out=(value, derivative)``, arrays to write into
        (see :func:`writes_out`).
        """
        self._value_and_grad = kernel
        return kernel

    def _evaluate(self, kernel, limits, x, args, kwargs, n_out=1):
        """Check the arguments, then run ``kernel`` over ``x`` block by block.

        ``limits`` is None when the kernel maps inf and NaN correctly itself;
        a kernel returning ``n_out = 2`` arrays (value and derivative) takes a
        tuple of limits.
        """
        x, params = self._bind(x, args, kwargs)
        out_dtype = x.dtype
        wd = work_dtype(out_dtype, self.upcast)
        p = _cast_params(params, self._param_specs, wd)
        for k, v in p.items():  # array parameters (PReLU's per-channel slope) must broadcast
            if isinstance(v, np.ndarray) and v.ndim:
                try:
                    shape = np.broadcast_shapes(x.shape, v.shape)
                except ValueError:
                    shape = None
                if shape != x.shape:
                    raise ValueError(
                        f"actlib.{self.name}: argument '{k}' of shape {v.shape} must broadcast "
                        f"against x of shape {x.shape} without enlarging it"
                    )
        block = _BLOCK_BYTES // wd.itemsize
        if x.size <= block or any(isinstance(v, np.ndarray) and v.ndim for v in p.values()):
            # One block's worth (a network's small batches: no result array
            # to allocate and copy into), or a slope that follows x's shape:
            # evaluate x whole.
            y = _apply(kernel, limits, x.astype(wd, copy=False), p)
            return _to_outputs(y, x.shape, out_dtype)
        # Elementwise, so x can be cut into blocks that fit in the CPU cache:
        # the kernel's temporaries then never travel to main memory, and a
        # float32 input is widened one block at a time. One allocation holds
        # all the results: two of this size make glibc hand the memory back
        # to the OS after every call and fault it in again on the next
        # (measured: slower than the kernel).
        flat = x.reshape(-1)
        outs = np.empty((n_out, flat.size), out_dtype)
        # A kernel that takes ``out`` writes its last pass straight into the
        # result, saving a copy of every result (a tenth of a cheap kernel).
        direct = wd == out_dtype and writes_out(kernel)
        widen = x.dtype != wd
        # The loop runs once per block, so it is kept lean: a few µs per
        # block are a tenth of a cheap kernel.
        for start in range(0, flat.size, block):
            stop = start + block
            xb = flat[start:stop].astype(wd) if widen else flat[start:stop]
            ob = outs[0, start:stop] if n_out == 1 else (outs[0, start:stop], outs[1, start:stop])
            if limits is not None and not np.isfinite(xb).all():
                yb = _with_limits(kernel(np.where(np.isfinite(xb), xb, wd.type(0)), **p), limits, xb, p)
            elif direct:
                yb = kernel(xb, out=ob, **p)
            else:
                yb = kernel(xb, **p)
            if n_out == 1:
                if yb is not ob:
                    _store(ob, yb)
            else:
                for out, y in zip(ob, yb):
                    if y is not out:
                        _store(out, y)  # broadcasts a constant, rounds a wider work dtype
        return _to_outputs(tuple(outs) if n_out > 1 else outs[0], x.shape, out_dtype)


def _one_after_the_other(forward, grad):
    """The value-and-derivative kernel of an activation that has no shared one: both kernels on the same block."""
    if writes_out(grad):

        def kernel(x, out=(None, None), **p):
            return forward(x, **p), grad(x, out=out[1], **p)

    else:

        def kernel(x, **p):
            return forward(x, **p), grad(x, **p)

    return kernel


def writes_out(kernel) -> bool:
    """True when ``kernel`` takes an ``out`` argument: the array (or, for value and derivative, the pair) to write into."""
    code = getattr(kernel, "__code__", None)
    return code is not None and "out" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]


# Bytes per block of the work array, so per temporary of a kernel: small
# enough that a kernel's temporaries stay in the per-core L2 cache, large
# enough that numpy's per-call overhead (about 0.3 µs per ufunc call) stays
# small beside the arithmetic. Measured on value_and_derivative of SiLU,
# sigmoid, hard swish and identity, 1e6 elements: 128 KiB is 3-10 % faster
# than 64 KiB in float32 and within noise in float64; 32 KiB is 16-30 %
# slower and 256 KiB up to 21 % slower (the temporaries leave L2).
_BLOCK_BYTES = 128 * 1024


def _apply(kernel, limits, xb, p):
    """``kernel`` on all of ``xb``, finite or not; inf gets the limits, NaN gives NaN."""
    # Kernels see at least 1-d arrays: numpy turns 0-d results into
    # immutable scalars, which a kernel could not fix up in place.
    xk = xb.reshape(-1) if xb.ndim == 0 else xb
    if limits is None or all_finite(xk):
        y = kernel(xk, **p)
    else:
        finite = np.isfinite(xk)
        y = kernel(np.where(finite, xk, xk.dtype.type(0)), **p)
        y = _with_limits(y, limits, xk, p)
    if isinstance(y, tuple):
        return tuple(_full(v, xk) for v in y)
    return _full(y, xk)


def _with_limits(y, limits, x, p):
    if isinstance(y, tuple):
        return tuple(_with_limits(v, lim, x, p) for v, lim in zip(y, limits))
    wd = x.dtype
    lo, hi = (np.asarray(v, dtype=wd) for v in limits(**p))
    y = np.where(x == np.inf, hi, np.where(x == -np.inf, lo, y))
    return np.where(np.isnan(x), wd.type(np.nan), y)


def _full(y, x):
    """``y`` as an array of x's shape and dtype (a kernel may return a broadcastable constant)."""
    if isinstance(y, np.ndarray) and y.shape == x.shape and y.dtype == x.dtype:
        return y
    y = np.asarray(y, dtype=x.dtype)
    return np.broadcast_to(y, x.shape) if y.shape != x.shape else y


def _store(out, y):
    """Write one block (or a constant) into the caller's dtype."""
    if getattr(y, "dtype", out.dtype) == out.dtype:
        out[...] = y
    else:
        # A value beyond the output dtype's largest float rounds to inf, as IEEE
        # rounding prescribes; numpy would otherwise warn on that cast.
        with np.errstate(over="ignore"):
            out[...] = y


def _to_outputs(y, shape, dtype):
    if isinstance(y, tuple):
        return tuple(to_output(v.reshape(shape), dtype) for v in y)
    return to_output(y.reshape(shape), dtype)


class VectorActivation(Activation):
    """An activation that mixes elements along ``axis`` (softmax, maxout, GLU ...).

    ``forward(x, axis, **params)`` and ``vjp(x, g, axis, **params)`` are kernels
    on work-dtype arrays; ``out_size(n, **params)`` gives the output length
    along ``axis`` for an input length ``n`` and raises ValueError if ``n``
    is not allowed. :meth:`jacobian` works only where a kernel is given
    (:attr:`has_jacobian`).
    """

    kind = "vector"

    def __init__(self, forward, vjp, out_size, jacobian=None, **meta):
        super().__init__(forward, **meta)
        self._forward = forward
        self._vjp = vjp
        self._out_size = out_size
        self._jacobian = jacobian

    @property
    def has_jacobian(self) -> bool:
        """True when :meth:`jacobian` has a closed form here (softmax, log-softmax)."""
        return self._jacobian is not None

    def _prepare(self, x, args, kwargs):
        x, params = self._bind(x, args, kwargs)
        axis = params.pop("axis")
        if x.ndim == 0:
            raise ValueError(f"actlib.{self.name}: argument 'x' must have at least one dimension, got a scalar")
        if not -x.ndim <= axis < x.ndim:
            raise ValueError(
                f"actlib.{self.name}: argument 'axis' is {axis}, out of range for x with {x.ndim} dimension(s)"
            )
        axis %= x.ndim
        self._out_size(self.name, x.shape[axis], **params)
        wd = work_dtype(x.dtype, self.upcast)
        return x, x.astype(wd, copy=False), axis, _cast_params(params, self._param_specs, wd)

    def __call__(self, x, *args, **kwargs):
        x, xw, axis, p = self._prepare(x, args, kwargs)
        return to_output(self._forward(xw, axis=axis, **p), x.dtype)

    def vjp(self, x, g, *args, **kwargs):
        """Vector-Jacobian product ``g @ J``: the gradient with respect to ``x`` of ``sum(g * f(x))``."""
        x, xw, axis, p = self._prepare(x, args, kwargs)
        expected = list(x.shape)
        expected[axis] = self._out_size(self.name, x.shape[axis], **p)
        g = check_upstream(self.name, g, expected, xw.dtype)
        return to_output(self._vjp(xw, g, axis, **p), x.dtype)

    def param_vjp(self, x, g, *args, **kwargs) -> dict:
        """``{}``: no vector activation has a continuous parameter (``x`` and ``g`` are still checked)."""
        self.vjp(x, g, *args, **kwargs)
        return {}

    def jacobian(self, x, *args, **kwargs):
        """Full Jacobian along ``axis``: shape ``x.shape + (n,)``, entry ``[..., i, ..., j] = ∂y_i/∂x_j``.

        Only where :attr:`has_jacobian`; otherwise a TypeError points to :meth:`vjp`.
        """
        if self._jacobian is None:
            raise TypeError(
                f"actlib.{self.name} has no closed-form Jacobian here: use actlib.{self.name}.vjp(x, g), "
                "one row of it per upstream gradient g"
            )
        x, xw, axis, p = self._prepare(x, args, kwargs)
        return to_output(self._jacobian(xw, axis, **p), x.dtype)

    def derivative(self, x, *args, **kwargs):
        raise TypeError(
            f"actlib.{self.name} mixes elements along an axis, so it has no elementwise derivative: "
            f"use actlib.{self.name}.vjp(x, g)" + (f" or actlib.{self.name}.jacobian(x)" if self.has_jacobian else "")
        )
