r"""A small fully connected network in numpy, trained through actlib's own gradients.

The chapters need activations *inside networks*: gradients flowing through
many layers, units that die during training, one network trained with each
activation. :class:`MLP` is that network, small enough to read in one sitting::

    net = actlib.nn.MLP([64, 64, 10], activation="relu", output="softmax", seed=0)
    history = net.fit(X, y, epochs=20)           # mini-batch Adam, a progress bar
    net.predict(X)                               # class probabilities
    loss, grads = net.loss_and_grads(X, y)       # [(dW, db), ...] per layer

Layer :math:`l` computes :math:`z_l = a_{l-1} W_l + b_l` and :math:`a_l = f(z_l)`
(row vectors, one row per sample). The backward pass uses nothing but
``f.vjp`` and ``f.param_vjp`` of the activations, never an autograd library,
so every gradient the course shows comes from the same closed forms the
activation chapters derive.
"""

from __future__ import annotations

import functools
import math
import numbers
import time
from dataclasses import dataclass, field

import numpy as np

from ._base import Activation
from .elementwise import sigmoid, softplus
from .registry import get
from .vector import log_softmax, softmax

__all__ = ["INITS", "OUTPUTS", "OPTIMIZERS", "LEARNABLE", "init_std", "one_blas_thread", "MLP", "Forward", "Gradients", "History"]

INITS = ("he", "lecun", "xavier")
"""The weight initialisations :func:`init_std` knows."""

OUTPUTS = ("identity", "sigmoid", "softmax")
"""Output activations, each fixing its loss (see :class:`MLP`)."""

OPTIMIZERS = ("sgd", "adam")
"""The optimizers :meth:`MLP.fit` knows."""

LEARNABLE = {"prelu": ("alpha",)}
"""Activation parameters the network learns; every other parameter stays as given."""

# Adam's constants, as in Kingma & Ba (2015) and torch.optim.Adam.
_BETA1, _BETA2, _EPS = 0.9, 0.999, 1e-8


def one_blas_thread(func):
    """Run ``func`` with the BLAS library (OpenBLAS under numpy) on one thread.

    The course's matrices are small (64 × 64): starting and syncing BLAS
    threads costs more than the products. Measured on 2 busy cores, a
    gradient-norm and a dead-unit experiment took 1.58 s with numpy's default
    threads and 0.26 s with one. Results do not change: each entry of a
    product is summed by one thread either way.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return func(*args, **kwargs)

    return wrapper


def _fail(where: str, arg: str, expected: str, got, exc=ValueError):
    raise exc(f"actlib.nn.{where}: argument '{arg}' {expected}, got {got!r}")


def _is_int(v) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))


def _is_real(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and math.isfinite(v)


def init_std(init: str, n_in: int, n_out: int) -> float:
    r"""Standard deviation :math:`\sigma` of a layer's initial weights: each is drawn from :math:`\mathcal N(0, \sigma^2)`.

    The one place the course states its initialisations. All three are
    **normal** distributions with the variance below, and biases start at zero:

    ``"he"``, for ReLU and its relatives (He, Zhang, Ren & Sun, 2015, ICCV; normal, as they draw it)
        .. math:: \sigma^2 = \frac{2}{n_\text{in}}
    ``"lecun"``, for SELU and activations with unit slope at 0 (LeCun, Bottou, Orr & Müller, 1998, *Efficient BackProp*)
        .. math:: \sigma^2 = \frac{1}{n_\text{in}}
    ``"xavier"``, for tanh and sigmoid (Glorot & Bengio, 2010, AISTATS: the variance of their "normalized initialization")
        .. math:: \sigma^2 = \frac{2}{n_\text{in} + n_\text{out}}

    Glorot and Bengio draw from the uniform distribution on
    :math:`\pm\sqrt{6/(n_\text{in} + n_\text{out})}`, which has this
    variance; here, as in PyTorch's ``xavier_normal_``, a normal with the
    same variance. ``n_in`` is the number of inputs of the layer's linear
    map and ``n_out`` the number of its outputs: for maxout and the GLU
    family every piece or half counts (a hidden size :math:`h` with
    ``pieces=K`` has :math:`n_\text{out} = hK`).
    """
    if init not in INITS:
        _fail("init_std", "init", f"must be one of {', '.join(INITS)}", init)
    for arg, n in (("n_in", n_in), ("n_out", n_out)):
        if not _is_int(n) or n < 1:
            _fail("init_std", arg, "must be a positive integer", n, TypeError if not _is_int(n) else ValueError)
    var = {"he": 2 / n_in, "lecun": 1 / n_in, "xavier": 2 / (n_in + n_out)}[init]
    return math.sqrt(var)


@dataclass
class _Hidden:
    """One hidden layer's activation: the function, its fixed parameters, and linear outputs per unit."""

    activation: Activation
    params: dict
    fan: int


@dataclass(frozen=True)
class Forward:
    """Everything a forward pass computed, layer by layer.

    ``pre_activations[l]`` is :math:`z_{l+1} = a_l W_{l+1} + b_{l+1}` and
    ``activations[l]`` is :math:`a_{l+1} = f(z_{l+1})`, for every layer: the
    hidden ones first, then the output layer, whose pre-activations are the
    logits and whose activations are :meth:`MLP.predict`'s output. ``inputs``
    is :math:`a_0`, the network's input.
    """

    inputs: np.ndarray
    pre_activations: list
    activations: list

    @property
    def logits(self):
        """The output layer's pre-activations."""
        return self.pre_activations[-1]


@dataclass(frozen=True)
class Gradients:
    """A backward pass: the loss and its gradient with respect to every parameter.

    ``weights[l]`` and ``biases[l]`` have the shapes of ``MLP.weights[l]`` and
    ``MLP.biases[l]``; ``activation_params[l]`` maps each learnable parameter
    of hidden layer ``l`` to its gradient (empty when it has none).
    """

    loss: float
    weights: list
    biases: list
    activation_params: list

    @property
    def norms(self):
        r"""Per layer, the Frobenius norm of the weight gradient: :math:`\lVert \partial L/\partial W_l \rVert_F`."""
        return np.array([np.linalg.norm(dw) for dw in self.weights])


@dataclass
class History:
    """What :meth:`MLP.fit` measured after each epoch (one entry per epoch).

    ``loss`` and ``accuracy`` are the training mini-batches' (weighted by their
    sizes, each batch before its update); ``val_loss`` and ``val_accuracy``
    are on ``validation`` after the epoch (NaN without one). Accuracy is NaN
    for the ``identity`` output. ``time`` is each epoch's wall-clock seconds.
    """

    epoch: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    accuracy: np.ndarray = field(default_factory=lambda: np.zeros(0))
    val_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    val_accuracy: np.ndarray = field(default_factory=lambda: np.zeros(0))
    time: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def _append(self, **values) -> None:
        for k, v in values.items():
            setattr(self, k, np.append(getattr(self, k), v))


def _mean(v: np.ndarray) -> float:
    """The mean, summed after dividing, so a sum of huge finite terms cannot overflow on the way."""
    return float(np.sum(v / v.size))


def _mse(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of ``(z - y)**2`` over all entries and its gradient; inf only where the exact value is beyond float."""
    with np.errstate(over="ignore", invalid="ignore"):  # IEEE: a difference beyond the float range is inf
        d = z - y
        m = float(np.max(np.abs(d))) if d.size else 0.0
        if m == 0.0 or not math.isfinite(m):
            loss = 0.0 if m == 0.0 else math.inf
        else:
            r = d / m  # |r| <= 1: the squares cannot overflow, and m * (m * mean(r**2)) only if the loss does
            loss = float(m * (m * _mean(r * r)))
        return loss, 2 * (d / d.size)


def _binary_ce(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    r"""Binary cross-entropy from logits and its gradient.

    :math:`-y\log\sigma(z) - (1-y)\log(1-\sigma(z)) = \operatorname{softplus}(sz)` with
    :math:`s = 1 - 2y`, exact for 0/1 labels (no cancellation, unlike
    :math:`\operatorname{softplus}(z) - yz`).
    """
    s = 1 - 2 * y
    losses = softplus(s * z)
    return _mean(losses), s * softplus.vjp(s * z, np.full(z.shape, 1 / z.size))


def _categorical_ce(z: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Cross-entropy from logits, ``-log_softmax(z)[label]`` averaged over samples, and its gradient."""
    rows = np.arange(z.shape[0])
    picked = -log_softmax(z, axis=-1)[rows, labels]
    g = np.zeros_like(z)
    g[rows, labels] = -1 / z.shape[0]
    return _mean(picked), log_softmax.vjp(z, g, axis=-1)


class MLP:
    r"""A fully connected network: ``sizes = [n_in, hidden..., n_out]``.

    ``activation`` is a name, an activation object, or ``(name, params)``
    such as ``("leaky_relu", {"alpha": 0.1})``, for every hidden layer; or a
    list of these, one per hidden layer. Maxout and the GLU family may be
    hidden activations: a hidden size :math:`h` then means the linear map
    outputs :math:`hK` units (maxout, ``pieces=K``) or :math:`2h` (GLU family),
    which the activation reduces to :math:`h`. PReLU's ``alpha`` (a scalar, or
    one slope per unit with shape ``(h,)``) is learned with the weights and
    listed in :attr:`activation_params`; every other parameter stays fixed.

    ``output`` fixes the output activation and the loss, always computed from
    the logits :math:`z` (finite and warning-free for any finite logits whose
    exact loss is finite):

    ``"identity"``
        mean squared error over all entries, :math:`\frac{1}{nk}\sum (z - y)^2`
        (no 1/2); ``y`` has the output's shape, or ``(n,)`` for one output.
    ``"sigmoid"``
        binary cross-entropy, mean over samples, as
        :math:`\operatorname{softplus}((1 - 2y) z)`; one output unit, ``y`` holds
        0/1 with shape ``(n,)`` or ``(n, 1)``.
    ``"softmax"``
        categorical cross-entropy, mean over samples, as
        :math:`-\operatorname{log\_softmax}(z)_y`; ``y`` holds integer labels
        in ``[0, n_out)``, shape ``(n,)``.

    ``init`` is ``"he"``, ``"lecun"`` or ``"xavier"``: weights normal with the
    variance :func:`init_std` states, biases zero. ``seed`` seeds the
    ``numpy.random.Generator`` that draws them, so a seed gives the same
    network bit for bit.
    """

    def __init__(self, sizes, activation="relu", output="identity", init="he", seed=0):
        #: The layer widths ``[n_in, hidden..., n_out]``.
        self.sizes = self._check_sizes(sizes)
        if output not in OUTPUTS:
            _fail("MLP", "output", f"must be one of {', '.join(OUTPUTS)}", output)
        if init not in INITS:
            _fail("MLP", "init", f"must be one of {', '.join(INITS)}", init)
        _check_seed("MLP", seed)
        #: The output activation, which fixes the loss: ``"identity"``, ``"sigmoid"`` or ``"softmax"``.
        self.output = output
        self.init, self.seed = init, seed
        #: The ``activation`` argument, as given.
        self.activation = activation
        n_hidden = len(self.sizes) - 2
        specs = self._per_layer(activation, n_hidden)
        self._hidden: list[_Hidden] = []
        #: Learnable activation parameters, one dict per hidden layer (``{}`` when it has none).
        self.activation_params: list[dict] = []
        for i, spec in enumerate(specs):
            hidden, learned = self._hidden_layer(spec, self.sizes[i + 1], i)
            self._hidden.append(hidden)
            self.activation_params.append(learned)
        rng = np.random.default_rng(seed)
        #: Weight matrices, ``weights[l]`` of shape ``(inputs, outputs)`` of layer ``l``'s linear map.
        self.weights: list = []
        #: Bias vectors, ``biases[l]`` of shape ``(outputs,)``.
        self.biases: list = []
        for n_in, n_out in zip(self._fan_ins(), self._linear_outs()):
            self.weights.append(rng.normal(0.0, init_std(init, n_in, n_out), size=(n_in, n_out)))
            self.biases.append(np.zeros(n_out))

    # -- construction --------------------------------------------------------
    @staticmethod
    def _check_sizes(sizes) -> list[int]:
        try:
            sizes = list(sizes)
        except TypeError:
            _fail("MLP", "sizes", "must be a list [n_in, hidden..., n_out] of positive integers", sizes, TypeError)
        if len(sizes) < 2 or not all(_is_int(s) and s >= 1 for s in sizes):
            _fail("MLP", "sizes", "must be a list [n_in, hidden..., n_out] of at least two positive integers", sizes)
        return [int(s) for s in sizes]

    @staticmethod
    def _is_single(spec) -> bool:
        return isinstance(spec, (str, Activation)) or (
            isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], dict)
        )

    def _per_layer(self, activation, n_hidden: int) -> list:
        if self._is_single(activation):
            return [activation] * n_hidden
        if isinstance(activation, list):
            if len(activation) != n_hidden:
                _fail("MLP", "activation", f"must list one activation per hidden layer ({n_hidden})", activation)
            for spec in activation:
                if not self._is_single(spec):
                    _fail("MLP", "activation", "entries must be a name, an activation, or (name, params)", spec, TypeError)
            return activation
        _fail("MLP", "activation", "must be a name, an activation, (name, params), or a list of these", activation, TypeError)

    def _hidden_layer(self, spec, width: int, index: int) -> tuple[_Hidden, dict]:
        act, params = spec if isinstance(spec, tuple) else (spec, {})
        where = f"actlib.nn.MLP: argument 'activation' (hidden layer {index})"
        if not isinstance(act, Activation):
            try:
                act = get(act)
            except (KeyError, ValueError, TypeError) as exc:
                raise type(exc)(f"{where}: {exc}") from None
        if "axis" in params:
            raise ValueError(f"{where}: {act.name} is applied along the units; do not pass 'axis'")
        params = dict(params)
        learned = {k: params.pop(k, act.params[k]) for k in LEARNABLE.get(act.name, ())}
        try:
            fan = 1
            if act.kind == "vector":
                # Linear outputs per unit, read off the activation itself: an input
                # of 2K units comes out as 2K/fan (maxout K, GLU family 2, softmax 1).
                # A bad 'pieces' falls through to the call, whose error names it.
                pieces = params.get("pieces", 1)
                n = 2 * pieces if _is_int(pieces) and pieces > 0 else 2
                fan = n // act(np.zeros((1, n)), **params).shape[-1]
            act(np.zeros((1, width * fan)), **params, **learned)  # checks every parameter once, here
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"{where}: {exc}") from None
        learned = {k: np.array(v, dtype=np.float64) for k, v in learned.items()}  # trained in place
        return _Hidden(act, params, fan), learned

    def _fan_ins(self) -> list[int]:
        return self.sizes[:-1]

    def _linear_outs(self) -> list[int]:
        return [h * layer.fan for h, layer in zip(self.sizes[1:-1], self._hidden)] + [self.sizes[-1]]

    def __repr__(self) -> str:
        return (
            f"MLP({self.sizes}, activation={self.activation!r}, output={self.output!r}, "
            f"init={self.init!r}, seed={self.seed!r})"
        )

    # -- input checks ----------------------------------------------------------
    def _check_x(self, X, where: str, arg: str = "X") -> np.ndarray:
        X = _real_array(X, where, arg)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            _fail(where, arg, f"must have shape (n, {self.sizes[0]})", X.shape)
        return X

    def _check_y(self, y, n: int, where: str, arg: str = "y") -> np.ndarray:
        k = self.sizes[-1]
        if self.output == "softmax":
            arr = np.asarray(y)
            if arr.dtype.kind not in "iu":
                _fail(where, arg, "must hold integer class labels", f"dtype {arr.dtype}", TypeError)
            if arr.shape != (n,):
                _fail(where, arg, f"must have shape ({n},), one label per row of X", arr.shape)
            if arr.size and (arr.min() < 0 or arr.max() >= k):
                _fail(where, arg, f"must hold labels in [0, {k})", f"labels from {arr.min()} to {arr.max()}")
            return arr.astype(np.intp)
        arr = _real_array(y, where, arg)
        if self.output == "sigmoid":
            if arr.shape not in ((n,), (n, 1)):
                _fail(where, arg, f"must have shape ({n},) or ({n}, 1)", arr.shape)
            if not np.all((arr == 0) | (arr == 1)):
                _fail(where, arg, "must hold only 0 and 1 for the sigmoid output", f"values {np.unique(arr)[:5]}")
            return arr.reshape(n, 1)
        if arr.shape == (n,) and k == 1:
            arr = arr.reshape(n, 1)
        if arr.shape != (n, k):
            _fail(where, arg, f"must have shape ({n}, {k})" + (f" or ({n},)" if k == 1 else ""), arr.shape)
        return arr

    def _checked(self, X, y, where: str, names=("X", "y")) -> tuple[np.ndarray, np.ndarray]:
        X = self._check_x(X, where, names[0])
        if X.shape[0] == 0:  # a loss or an accuracy is a mean over rows: none is undefined
            _fail(where, names[0], "must have at least one row", X.shape)
        return X, self._check_y(y, X.shape[0], where, names[1])

    # -- forward and backward ----------------------------------------------------
    def _params_of(self, i: int) -> dict:
        return {**self._hidden[i].params, **self.activation_params[i]}

    def _output_of(self, z: np.ndarray) -> np.ndarray:
        if self.output == "sigmoid":
            return sigmoid(z)
        if self.output == "softmax":
            return softmax(z, axis=-1)
        return z

    def forward(self, X) -> Forward:
        """Run the network on ``X`` of shape ``(n, n_in)``; return every layer's pre-activations and activations."""
        a = self._check_x(X, "MLP.forward")
        return self._forward(a)

    def _forward(self, X: np.ndarray, outputs: bool = True) -> Forward:
        """The forward pass; ``outputs=False`` (training, scoring) leaves the output activation out: losses use the logits."""
        zs, acts = [], []
        a = X
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            with _ieee():
                z = a @ W + b
            if i < len(self._hidden):
                a = self._hidden[i].activation(z, **self._params_of(i))
            else:
                a = self._output_of(z) if outputs else None
            zs.append(z)
            acts.append(a)
        return Forward(X, zs, acts)

    def _loss(self, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        if self.output == "softmax":
            return _categorical_ce(z, y)
        if self.output == "sigmoid":
            return _binary_ce(z, y)
        return _mse(z, y)

    def backward(self, forward: Forward, y) -> Gradients:
        r"""The loss of a :meth:`forward` pass against targets ``y`` and the gradient of every parameter.

        Backpropagation from the logits down: each hidden layer turns the
        gradient of its output into that of its pre-activations with
        ``f.vjp`` (and its learnable parameters' with ``f.param_vjp``); the
        linear map gives :math:`\partial L/\partial W = a^\top \delta`,
        :math:`\partial L/\partial b = \sum_\text{rows} \delta` and
        :math:`\partial L/\partial a = \delta W^\top`.
        """
        if not isinstance(forward, Forward):
            _fail("MLP.backward", "forward", "must be the result of net.forward(X)", type(forward).__name__, TypeError)
        y = self._check_y(y, forward.inputs.shape[0], "MLP.backward")
        return self._backward(forward, y)

    def _backward(self, fw: Forward, y: np.ndarray) -> Gradients:
        with _ieee():
            loss, delta = self._loss(fw.logits, y)
        n_layers = len(self.weights)
        dws, dbs = [None] * n_layers, [None] * n_layers
        dparams = [{} for _ in self._hidden]
        for l in range(n_layers - 1, -1, -1):
            if l < n_layers - 1:  # a hidden layer: from dL/da to dL/dz through the activation
                layer, params = self._hidden[l], self._params_of(l)
                g = delta
                delta = layer.activation.vjp(fw.pre_activations[l], g, **params)
                if self.activation_params[l]:
                    pg = layer.activation.param_vjp(fw.pre_activations[l], g, **params)
                    dparams[l] = {k: np.asarray(pg[k], dtype=np.float64) for k in self.activation_params[l]}
            a_prev = fw.inputs if l == 0 else fw.activations[l - 1]
            with _ieee():
                dws[l] = a_prev.T @ delta
                dbs[l] = delta.sum(axis=0)
                if l > 0:
                    delta = delta @ self.weights[l].T
        return Gradients(loss, dws, dbs, dparams)

    def predict(self, X):
        """The network's outputs on ``X``, after the output activation (probabilities for sigmoid and softmax)."""
        return self.forward(X).activations[-1]

    def loss_and_grads(self, X, y) -> tuple[float, list]:
        """The loss on ``(X, y)`` and ``[(dW, db), ...]``, one pair per layer, matching :attr:`weights` and :attr:`biases`.

        The learnable activation parameters' gradients are in
        ``net.backward(net.forward(X), y).activation_params``.
        """
        X, y = self._checked(X, y, "MLP.loss_and_grads")
        grads = self._backward(self._forward(X, outputs=False), y)
        return grads.loss, list(zip(grads.weights, grads.biases))

    def accuracy(self, X, y) -> float:
        """Fraction of rows classified right (arg-max for softmax, logit > 0 for sigmoid); NaN for the identity output."""
        X, y = self._checked(X, y, "MLP.accuracy")
        return _accuracy(self.output, self._forward(X, outputs=False).logits, y)

    # -- training ------------------------------------------------------------------
    def _parameters(self) -> list[np.ndarray]:
        """Every trained array, in a fixed order: weights, biases, then learnable activation parameters."""
        return [*self.weights, *self.biases, *(v for d in self.activation_params for v in d.values())]

    @one_blas_thread
    def fit(self, X, y, epochs, batch_size=32, optimizer="adam", lr=1e-3, momentum=0.9, weight_decay=0.0,
            validation=None, progress=True, seed=0, on_epoch=None) -> History:
        r"""Train on ``(X, y)`` with mini-batches; return the :class:`History` of every epoch.

        Each epoch visits the rows in an order drawn from
        ``numpy.random.default_rng(seed)``, in batches of ``batch_size`` (the
        last one smaller), so the same seed and data give the same weights,
        bit for bit. ``optimizer``:

        ``"sgd"``
            with momentum :math:`\mu`: :math:`v \leftarrow \mu v + g`,
            :math:`\theta \leftarrow \theta - \eta v` (as ``torch.optim.SGD``);
        ``"adam"``
            Kingma & Ba (2015) with :math:`\beta_1 = 0.9`, :math:`\beta_2 = 0.999`,
            :math:`\epsilon = 10^{-8}` and bias correction (as ``torch.optim.Adam``).

        ``weight_decay`` :math:`\lambda` adds :math:`\lambda W` to each weight
        matrix's gradient (L2 regularisation; biases and activation parameters
        are not decayed). The optimizer's state starts afresh at every call.
        ``validation`` is an optional ``(X_val, y_val)`` pair, scored after
        each epoch. ``on_epoch``, if given, is called after each epoch as
        ``on_epoch(epoch, net)`` (epochs count from 1), to measure the network
        while it trains; what it returns is ignored.

        ``progress=True`` shows a tqdm bar (a widget in Jupyter, text in a
        terminal) only where someone watches: a terminal, or a notebook run
        from a Jupyter front end. A notebook executed unattended (nbconvert,
        nbval, whose requests allow no input) shows nothing, so stored outputs
        never depend on it.
        """
        X, y = self._checked(X, y, "MLP.fit")
        if not _is_int(epochs) or epochs < 0:
            _fail("MLP.fit", "epochs", "must be a non-negative integer", epochs, TypeError if not _is_int(epochs) else ValueError)
        if not _is_int(batch_size) or batch_size < 1:
            _fail("MLP.fit", "batch_size", "must be a positive integer", batch_size, TypeError if not _is_int(batch_size) else ValueError)
        if optimizer not in OPTIMIZERS:
            _fail("MLP.fit", "optimizer", f"must be one of {', '.join(OPTIMIZERS)}", optimizer)
        if not _is_real(lr) or lr <= 0:
            _fail("MLP.fit", "lr", "must be a finite number > 0", lr)
        if not _is_real(momentum) or not 0 <= momentum < 1:
            _fail("MLP.fit", "momentum", "must be a number in [0, 1)", momentum)
        if not _is_real(weight_decay) or weight_decay < 0:
            _fail("MLP.fit", "weight_decay", "must be a finite number >= 0", weight_decay)
        if validation is not None:
            if not (isinstance(validation, (tuple, list)) and len(validation) == 2):
                _fail("MLP.fit", "validation", "must be None or a pair (X_val, y_val)", type(validation).__name__, TypeError)
            validation = self._checked(*validation, "MLP.fit", ("validation[0]", "validation[1]"))
        if not isinstance(progress, bool):
            _fail("MLP.fit", "progress", "must be True or False", progress, TypeError)
        _check_seed("MLP.fit", seed)
        if on_epoch is not None and not callable(on_epoch):
            _fail("MLP.fit", "on_epoch", "must be None or a function on_epoch(epoch, net)", on_epoch, TypeError)

        rng = np.random.default_rng(seed)
        step = _optimizer(optimizer, self._parameters(), lr, momentum)
        history = History()
        epochs_iter = _progress(range(1, epochs + 1), progress)
        for epoch in epochs_iter:
            start = time.perf_counter()
            order = rng.permutation(X.shape[0])  # drawn every epoch, diverged or not: the stream stays the same
            with _ieee():
                loss, accuracy = self._epoch(X, y, order, batch_size, step, weight_decay)
                val_loss = val_acc = math.nan
                if validation is not None and not self._diverged():
                    fw = self._forward(validation[0], outputs=False)
                    val_loss = self._loss(fw.logits, validation[1])[0]
                    val_acc = _accuracy(self.output, fw.logits, validation[1])
            history._append(epoch=epoch, loss=loss, accuracy=accuracy, val_loss=val_loss, val_accuracy=val_acc,
                            time=time.perf_counter() - start)
            if hasattr(epochs_iter, "set_postfix"):
                epochs_iter.set_postfix(loss=f"{loss:.4g}", refresh=False)
            if on_epoch is not None:
                on_epoch(epoch, self)
        return history


    def _epoch(self, X, y, order, batch_size, step, weight_decay) -> tuple[float, float]:
        """One pass over the rows in ``order``; the size-weighted mean loss and accuracy of its batches."""
        total = correct = 0.0
        n_weights = len(self.weights)
        if self._diverged():
            return math.nan, math.nan
        for lo in range(0, order.size, batch_size):
            rows = order[lo:lo + batch_size]
            fw = self._forward(X[rows], outputs=False)
            grads = self._backward(fw, y[rows])
            total += grads.loss * rows.size
            correct += _accuracy(self.output, fw.logits, y[rows]) * rows.size
            gs = [*grads.weights, *grads.biases, *(v for d in grads.activation_params for v in d.values())]
            for i in range(n_weights if weight_decay else 0):
                gs[i] = gs[i] + weight_decay * self.weights[i]
            step(gs)
            if self._diverged():
                return math.nan, math.nan
        return total / order.size, correct / order.size

    def _diverged(self) -> bool:
        """True once a learned activation parameter is inf or NaN.

        The weights may overflow and the loss turn NaN by themselves, but an
        activation refuses a non-finite parameter (``prelu``'s ``alpha``): the
        run has diverged, and every later epoch is recorded as NaN.
        """
        return not all(np.all(np.isfinite(v)) for d in self.activation_params for v in d.values())


def _ieee():
    """Quiet IEEE arithmetic: a diverging training run overflows to inf and NaN, which the history records.

    Finite data can still drive the weights to inf when the learning rate is
    too large; that is a result to show (the loss becomes inf or NaN), not a
    warning on every operation.
    """
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


def _real_array(x, where: str, arg: str) -> np.ndarray:
    """``x`` as a float64 array; NaN or inf is an error (a network cannot train on it)."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"actlib.nn.{where}: argument '{arg}' must be an array of real numbers ({exc})") from None
    if arr.dtype.kind not in "biuf":
        _fail(where, arg, "must be an array of real numbers", f"dtype {arr.dtype}", TypeError)
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        _fail(where, arg, "must be finite (no NaN or inf)", f"{np.count_nonzero(~np.isfinite(arr))} non-finite entries")
    return arr


def _check_seed(where: str, seed) -> None:
    if not _is_int(seed) or seed < 0:
        _fail(where, "seed", "must be a non-negative integer", seed, TypeError if not _is_int(seed) else ValueError)


def _accuracy(output: str, z: np.ndarray, y: np.ndarray) -> float:
    if output == "softmax":
        return float(np.mean(np.argmax(z, axis=1) == y))
    if output == "sigmoid":
        return float(np.mean((z > 0) == (y == 1)))
    return math.nan


def _optimizer(name: str, params: list[np.ndarray], lr: float, momentum: float):
    """A function ``step(grads)`` that updates ``params`` in place."""
    if name == "sgd":
        velocity = [np.zeros_like(p) for p in params]

        def sgd(grads):
            for p, v, g in zip(params, velocity, grads):
                v *= momentum
                v += g
                p -= lr * v

        return sgd

    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = [0]

    def adam(grads):
        t[0] += 1
        c1, c2 = 1 - _BETA1 ** t[0], 1 - _BETA2 ** t[0]
        for p, mi, vi, g in zip(params, m, v, grads):
            mi *= _BETA1
            mi += (1 - _BETA1) * g
            vi *= _BETA2
            vi += (1 - _BETA2) * (g * g)
            p -= lr * (mi / c1) / (np.sqrt(vi / c2) + _EPS)

    return adam


def _watched() -> bool:
    """True when someone sees the output live: a terminal, or a Jupyter front end.

    A kernel request that allows input comes from a front end (JupyterLab,
    Notebook, VS Code, Colab); nbconvert and nbval send theirs with
    ``allow_stdin=False``, so a notebook executed unattended prints no bar.
    """
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
    except ImportError:
        kernel = None
    if kernel is not None:
        parent = getattr(kernel, "get_parent", dict)() or {}  # get_parent: ipykernel >= 6
        return bool(parent.get("content", {}).get("allow_stdin", False))
    import sys

    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def _progress(it, progress: bool):
    if not (progress and _watched()):
        return it
    from tqdm.auto import tqdm

    return tqdm(it, desc="epochs", leave=False)
