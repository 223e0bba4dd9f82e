r"""What the chapters measure in networks, each a deterministic call of a second or two.

::

    actlib.experiments.gradient_norms("sigmoid", depth=20)       # vanishing gradients
    actlib.experiments.activation_statistics("tanh", init="he")  # what each layer outputs
    actlib.experiments.dead_units(net, X)                        # units zero on every sample
    actlib.experiments.dead_units_during_training("relu", lr=0.3) # ... counted after every epoch
    actlib.experiments.compare_activations(["relu", "gelu"])     # a table, mean and std over seeds
    actlib.experiments.digits_split()                            # the bundled data set they train on
    actlib.experiments.two_spirals()                             # two classes no straight line separates

Each has a plot in ``actlib.plotting`` (``plot_gradient_norms``,
``plot_activation_statistics``, ``plot_dead_units``, ``plot_comparison``).
The networks are :class:`actlib.nn.MLP`; the weights start as
:func:`actlib.nn.init_std` says. Every random draw comes from a seeded
``numpy.random.Generator``, so a call returns the same numbers every time,
except the measured times.

An ``activation`` argument is anything :class:`~actlib.nn.MLP` takes for one
layer: a name, an activation object, or ``(name, params)``.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import numpy as np

from ._base import Activation
from .nn import MLP, one_blas_thread

__all__ = [
    "Split", "digits_split", "xor", "two_spirals", "GradientNorms", "gradient_norms", "ActivationStatistics",
    "activation_statistics", "LayerOutputs", "layer_outputs", "DeadUnits", "dead_units", "dead_units_after_training",
    "DeadUnitsDuringTraining", "dead_units_during_training", "Table", "compare_activations", "label",
]


def label(activation) -> str:
    """A short name for an ``activation`` argument: ``relu``, ``leaky_relu (alpha = 0.1)``."""
    act, params = activation if isinstance(activation, tuple) else (activation, {})
    name = act.name if isinstance(act, Activation) else str(act)
    shown = ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}" for k, v in params.items())
    return f"{name} ({shown})" if shown else name


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Split:
    """A data set split into a training part and a held-out test part."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


@functools.lru_cache(maxsize=1)
def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits  # bundled with scikit-learn: no download

    data = load_digits()
    return data.data / 16.0, data.target


def digits_split(seed: int = 0, test_fraction: float = 0.25) -> Split:
    r"""scikit-learn's handwritten digits, features scaled to :math:`[0, 1]`, split into train and test.

    1797 images of 8 × 8 pixels (64 features, grey levels 0–16 divided by
    16), labels 0–9. ``test_fraction`` of the rows (a quarter by default) is
    held out, stratified by label, in an order drawn from ``seed``.
    """
    from sklearn.model_selection import train_test_split

    if not 0 < test_fraction < 1:
        raise ValueError(f"actlib.experiments.digits_split: argument 'test_fraction' must be in (0, 1), got {test_fraction!r}")
    X, y = _digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_fraction, random_state=seed, stratify=y)
    return Split(X_train, y_train, X_test, y_test)


def xor():
    r"""The XOR problem ``(X, y)``: the four corners of the unit square, labelled :math:`y = x_1 \oplus x_2` (new arrays each call)."""
    return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])


def two_spirals(n: int = 300, turns: float = 1.25, noise: float = 0.03, seed: int = 0):
    r"""Two interleaved spirals ``(X, y)``: ``n`` points in the plane, labels 0 and 1, drawn from ``seed``.

    A point of class :math:`c` at curve parameter :math:`t \in [0, 1]` sits at
    radius :math:`r = t` and angle :math:`\theta = 2\pi \cdot \text{turns} \cdot t + \pi c`,
    so the second spiral is the first turned by half a revolution:
    :math:`x = r(\cos\theta, \sin\theta) + \varepsilon`, with
    :math:`\varepsilon \sim \mathcal N(0, \text{noise}^2 I)`. :math:`t = \sqrt{u}` for a
    uniform :math:`u` spreads the points evenly along the arc's area. No
    straight line separates the classes.
    """
    where = "actlib.experiments.two_spirals"
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"{where}: argument 'n' must be an integer >= 2, got {n!r}")
    for arg, v in (("turns", turns), ("noise", noise)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) or not np.isfinite(v) or v < 0:
            raise ValueError(f"{where}: argument '{arg}' must be a finite number >= 0, got {v!r}")
    rng = np.random.default_rng(seed)
    t = np.sqrt(rng.uniform(0.0, 1.0, n))
    y = rng.integers(0, 2, n)
    theta = 2 * np.pi * turns * t + np.pi * y
    X = t[:, None] * np.column_stack([np.cos(theta), np.sin(theta)]) + noise * rng.standard_normal((n, 2))
    return X, y


# --------------------------------------------------------------------------
# a deep network at initialisation
# --------------------------------------------------------------------------
def _deep_net(activation, depth: int, width: int, init: str, seed: int, n_samples: int, gain: float = 1.0):
    """A ``depth``-hidden-layer network of constant ``width``, weights times ``gain``, and a standard-normal batch for it."""
    where = "actlib.experiments"
    for arg, v, lo in (("depth", depth, 1), ("width", width, 1), ("n_samples", n_samples, 1)):
        if isinstance(v, bool) or not isinstance(v, int) or v < lo:
            raise ValueError(f"{where}: argument '{arg}' must be a positive integer, got {v!r}")
    if isinstance(gain, bool) or not isinstance(gain, (int, float)) or not (np.isfinite(gain) and gain > 0):
        raise ValueError(f"{where}: argument 'gain' must be a finite number > 0, got {gain!r}")
    net = MLP([width] * (depth + 1) + [1], activation=activation, output="identity", init=init, seed=seed)
    for W in net.weights:
        W *= gain  # a gain of 1 leaves the weights as init_std draws them, bit for bit
    rng = np.random.default_rng(seed + 1)  # not the weights' stream: data and weights independent
    X = rng.standard_normal((n_samples, width))
    y = rng.standard_normal((n_samples, 1))
    return net, X, y


@dataclass(frozen=True)
class GradientNorms:
    """:func:`gradient_norms`' result: ``norms[l - 1]`` belongs to hidden layer ``l``, ``l = 1 … depth``."""

    activation: str
    init: str
    depth: int
    width: int
    norms: np.ndarray
    gain: float = 1.0

    @property
    def layers(self):
        """The layer numbers 1 … depth."""
        return np.arange(1, self.depth + 1)


@one_blas_thread
def gradient_norms(activation="relu", depth=20, width=64, init="he", seed=0, n_samples=256, gain=1.0) -> GradientNorms:
    r"""The weight-gradient norm of every hidden layer of a deep network at initialisation.

    A network of ``depth`` hidden layers of ``width`` units, weights drawn by
    ``init`` (:func:`actlib.nn.init_std`) and multiplied by ``gain`` (1: as
    drawn; above 1, larger weights, which can make gradients explode), one linear output, sees
    ``n_samples`` standard-normal inputs with standard-normal targets (mean
    squared error). Returned per hidden layer :math:`l`:
    :math:`\lVert \partial L / \partial W_l \rVert_F`. Falling towards layer 1
    is the vanishing gradient, rising is the exploding one.
    """
    net, X, y = _deep_net(activation, depth, width, init, seed, n_samples, gain)
    grads = net.backward(net.forward(X), y)
    return GradientNorms(label(activation), init, depth, width, grads.norms[:depth], float(gain))


@dataclass(frozen=True)
class ActivationStatistics:
    """:func:`activation_statistics`' result: one entry per hidden layer ``l = 1 … depth``."""

    activation: str
    init: str
    depth: int
    width: int
    mean: np.ndarray
    std: np.ndarray
    zero_fraction: np.ndarray

    @property
    def layers(self):
        """The layer numbers 1 … depth."""
        return np.arange(1, self.depth + 1)


@one_blas_thread
def activation_statistics(activation="relu", depth=20, width=64, init="he", seed=0, n_samples=256) -> ActivationStatistics:
    r"""Per hidden layer of a deep network at initialisation: the mean, the spread, and the fraction exactly zero of its outputs.

    Same network and inputs as :func:`gradient_norms`. For layer :math:`l`,
    over all samples and units of :math:`a_l`: ``mean`` is the average,
    ``std`` the standard deviation, ``zero_fraction`` the share of entries
    that are exactly 0 (ReLU's inactive units). A spread that shrinks or
    grows geometrically with depth is what a good initialisation prevents.
    """
    net, X, _ = _deep_net(activation, depth, width, init, seed, n_samples)
    hidden = net.forward(X).activations[:depth]
    # A layer that overflowed (a gated unit squares its input) holds ±inf: its
    # statistics are inf or NaN by IEEE rules, which is the result to show.
    with np.errstate(over="ignore", invalid="ignore"):
        return ActivationStatistics(
            label(activation), init, depth, width,
            mean=np.array([a.mean() for a in hidden]),
            std=np.array([a.std() for a in hidden]),
            zero_fraction=np.array([np.mean(a == 0) for a in hidden]),
        )


@dataclass(frozen=True)
class LayerOutputs:
    """:func:`layer_outputs`' result: ``values[l - 1]`` holds every output of hidden layer ``l`` (samples × units)."""

    activation: str
    init: str
    depth: int
    width: int
    values: tuple

    @property
    def layers(self):
        """The layer numbers 1 … depth."""
        return np.arange(1, self.depth + 1)

    @property
    def rms(self):
        r"""Per layer, the root-mean-square output :math:`\sqrt{\operatorname{mean}(a_l^2)}`, the scale the variance argument tracks."""
        return np.array([np.sqrt(np.mean(a * a)) for a in self.values])


@one_blas_thread
def layer_outputs(activation="relu", depth=20, width=64, init="he", seed=0, n_samples=256) -> LayerOutputs:
    """Every output of every hidden layer of a deep network at initialisation, for histograms.

    Same network and inputs as :func:`gradient_norms` and
    :func:`activation_statistics` (whose numbers are summaries of these
    values): ``depth`` hidden layers of ``width`` units, weights drawn by
    ``init``, ``n_samples`` standard-normal inputs.
    """
    net, X, _ = _deep_net(activation, depth, width, init, seed, n_samples)
    hidden = net.forward(X).activations[:depth]
    return LayerOutputs(label(activation), init, depth, width, tuple(hidden))


# --------------------------------------------------------------------------
# dead units
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadUnits:
    """:func:`dead_units`' result: per hidden layer, how many units are dead and what fraction that is."""

    activation: str
    counts: np.ndarray
    widths: np.ndarray

    @property
    def fractions(self):
        """Dead units over units, per hidden layer."""
        return self.counts / self.widths

    @property
    def layers(self):
        """The hidden layers' numbers, 1, 2, …"""
        return np.arange(1, self.counts.size + 1)


@one_blas_thread
def dead_units(net: MLP, X) -> DeadUnits:
    r"""The dead units of every hidden layer of ``net`` on the data ``X``.

    A unit is dead when its output is exactly zero for every row of ``X``:
    then no gradient reaches its incoming weights through any sample (for
    ReLU, :math:`f'(z) = 0` wherever :math:`f(z) = 0`), so training can never
    revive it.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"actlib.experiments.dead_units: argument 'net' must be an actlib.nn.MLP, got {type(net).__name__}")
    hidden = net.forward(X).activations[:-1]
    counts = np.array([int(np.count_nonzero(np.all(a == 0, axis=0))) for a in hidden])
    widths = np.array([a.shape[1] for a in hidden])
    name = "mixed" if isinstance(net.activation, list) else label(net.activation)
    return DeadUnits(name, counts, widths)


@one_blas_thread
def dead_units_after_training(activation="relu", lr=0.1, hidden=(64, 64), epochs=5, optimizer="sgd", batch_size=32, seed=0) -> DeadUnits:
    """Train a digits classifier (:func:`digits_split`, seed 0) and count its dead units on the training data.

    A network ``[64, *hidden, 10]`` with softmax output is trained with
    :meth:`actlib.nn.MLP.fit` (``optimizer``, ``lr``, ``batch_size``,
    ``epochs``; ``seed`` for the weights and the batch order). A large
    learning rate pushes ReLU units' biases so far down that they die.
    """
    data = digits_split()
    net = MLP([64, *hidden, 10], activation=activation, output="softmax", seed=seed)
    net.fit(data.X_train, data.y_train, epochs, batch_size=batch_size, optimizer=optimizer, lr=lr, progress=False, seed=seed)
    return dead_units(net, data.X_train)


@dataclass(frozen=True)
class DeadUnitsDuringTraining:
    r""":func:`dead_units_during_training`' result: one row per epoch, epoch 0 being the network before training.

    ``counts[e, l]`` is the number of dead units of hidden layer ``l + 1``
    after epoch ``e`` (zero on every training sample), ``silent[e, l]`` the
    number whose pre-activation is :math:`\le 0` on every training sample
    (for ReLU the same units; a leaky variant's still pass a gradient),
    ``accuracy[e]`` the test accuracy.
    """

    activation: str
    lr: float
    counts: np.ndarray
    silent: np.ndarray
    widths: np.ndarray
    accuracy: np.ndarray

    @property
    def epochs(self):
        """0, 1, …, the number of epochs trained."""
        return np.arange(self.counts.shape[0])

    @property
    def fractions(self):
        """Dead units of all hidden layers over all hidden units, per epoch."""
        return self.counts.sum(axis=1) / self.widths.sum()


@one_blas_thread
def dead_units_during_training(activation="relu", lr=0.1, hidden=(64, 64), epochs=5, optimizer="sgd", batch_size=32,
                               seed=0) -> DeadUnitsDuringTraining:
    """The network of :func:`dead_units_after_training`, its dead units counted before training and after every epoch.

    Same data, network and training as :func:`dead_units_after_training`
    (whose counts are the last row here); after each epoch the dead units
    (:func:`dead_units`) and the units whose pre-activation is never positive
    are counted on the whole training part, and the accuracy on the test part.
    """
    data = digits_split()
    net = MLP([64, *hidden, 10], activation=activation, output="softmax", seed=seed)
    counts, silent, accuracy = [], [], []

    def measure(epoch, net):
        fw = net.forward(data.X_train)
        counts.append([int(np.count_nonzero(np.all(a == 0, axis=0))) for a in fw.activations[:-1]])
        silent.append([int(np.count_nonzero(np.all(z <= 0, axis=0))) for z in fw.pre_activations[:-1]])
        accuracy.append(net.accuracy(data.X_test, data.y_test))

    measure(0, net)
    net.fit(data.X_train, data.y_train, epochs, batch_size=batch_size, optimizer=optimizer, lr=lr, progress=False, seed=seed,
            on_epoch=measure)
    return DeadUnitsDuringTraining(label(activation), float(lr), np.array(counts), np.array(silent),
                                   np.array(list(hidden)), np.array(accuracy))


# --------------------------------------------------------------------------
# comparing activations
# --------------------------------------------------------------------------
class Table:
    """A small table: named columns of equal length, shown as Markdown in Jupyter and as text by ``print``.

    ``table["column"]`` is a column as a numpy array; ``table.drop("time_mean", "time_std")``
    a copy without those columns (a notebook shows the times only in a cell
    whose output nbval ignores, as they change from run to run).
    """

    def __init__(self, columns: dict, title: str = ""):
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"actlib.experiments.Table: argument 'columns' must have equal lengths, got {sorted(lengths)}")
        self.columns = {k: np.asarray(v) for k, v in columns.items()}
        self.title = title

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def drop(self, *names: str) -> "Table":
        """The table without the columns ``names``."""
        unknown = set(names) - set(self.columns)
        if unknown:
            raise KeyError(f"actlib.experiments.Table.drop: no column {sorted(unknown)}; columns: {list(self.columns)}")
        return Table({k: v for k, v in self.columns.items() if k not in names}, self.title)

    @staticmethod
    def _cell(v) -> str:
        return f"{v:.4g}" if isinstance(v, (float, np.floating)) else str(v)

    def _rows(self) -> list[list[str]]:
        return [[self._cell(col[i]) for col in self.columns.values()] for i in range(len(self))]

    def _repr_markdown_(self) -> str:
        head = list(self.columns)
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in self._rows()]
        return (f"**{self.title}**\n\n" if self.title else "") + "\n".join(lines)

    def __str__(self) -> str:
        rows = [list(self.columns), *self._rows()]
        widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(([self.title] if self.title else []) + lines)

    __repr__ = __str__


@one_blas_thread
def compare_activations(activations=("relu", "tanh", "gelu"), seeds=(0, 1, 2), hidden=(32,), epochs=5,
                        optimizer="adam", lr=1e-2, batch_size=64) -> Table:
    r"""Train one digits classifier per activation and seed; return a table of mean and standard deviation.

    For every ``activation`` and every seed: a network ``[64, *hidden, 10]``
    with softmax output, weights from the seed, trained with
    :meth:`actlib.nn.MLP.fit` on :func:`digits_split`'s training part (split
    seed 0). Columns: ``activation``; ``loss_mean``, ``loss_std`` (final
    cross-entropy on the held-out test part); ``accuracy_mean``,
    ``accuracy_std`` (on the test part); ``time_mean``, ``time_std`` (seconds
    per training). Standard deviations are over seeds (``ddof=0``). Every
    column but the times is the same at every run.
    """
    seeds = list(seeds)
    if not seeds:
        raise ValueError("actlib.experiments.compare_activations: argument 'seeds' must list at least one seed")
    data = digits_split()
    rows = {k: [] for k in ("activation", "loss_mean", "loss_std", "accuracy_mean", "accuracy_std", "time_mean", "time_std")}
    for activation in activations:
        losses, accuracies, times = [], [], []
        for seed in seeds:
            net = MLP([64, *hidden, 10], activation=activation, output="softmax", seed=seed)
            start = time.perf_counter()
            net.fit(data.X_train, data.y_train, epochs, batch_size=batch_size, optimizer=optimizer, lr=lr,
                    progress=False, seed=seed)
            times.append(time.perf_counter() - start)
            losses.append(net.backward(net.forward(data.X_test), data.y_test).loss)
            accuracies.append(net.accuracy(data.X_test, data.y_test))
        rows["activation"].append(label(activation))
        for name, values in (("loss", losses), ("accuracy", accuracies), ("time", times)):
            rows[f"{name}_mean"].append(float(np.mean(values)))
            rows[f"{name}_std"].append(float(np.std(values)))
    title = f"digits, [64, {', '.join(map(str, hidden))}, 10], {optimizer} lr = {lr:g}, {epochs} epochs, {len(seeds)} seeds"
    return Table(rows, title)
