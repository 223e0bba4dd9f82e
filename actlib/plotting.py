"""One matplotlib style for the course, and the plots every chapter shows.

Colours are the Okabe–Ito palette, which stays distinguishable under the
common colour-vision deficiencies; every curve also gets its own line style,
so the plots read in greyscale print too. The font is matplotlib's bundled
DejaVu Sans, so a figure renders to the same pixels on every machine (the
stored notebook outputs depend on that)::

    actlib.plotting.use_style()                 # once, in a chapter's setup cell
    actlib.plotting.plot_activation("gelu")     # function and derivative
    actlib.plotting.compare(["relu", "gelu", "silu"])
    actlib.plotting.gallery()                   # every elementwise activation
    actlib.plotting.plot_vector("softmax", [2.0, 1.0, 0.1], temperature=0.5)

Every function returns the matplotlib object it drew (Axes or Figure) and
never calls ``plt.show()``; titles describe the figure, so they double as
alt text and captions.
"""

from __future__ import annotations

import contextlib

import matplotlib as mpl
import numpy as np
from cycler import cycler

from ._base import Activation
from .registry import get
from .registry import names as all_names

__all__ = ["COLORS", "LINESTYLES", "STYLE", "use_style", "style", "plot_activation", "compare", "gallery", "plot_vector",
           "plot_maxout"]

# Okabe & Ito (2008), "Color Universal Design"; yellow last, as it is faint on white.
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
"""Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow."""

LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1.5, 1, 1.5, 1, 1.5)), (0, (8, 2)), (0, (1, 3)), (0, (3, 1, 1, 1, 1, 1, 1, 1)))
"""One dash pattern per colour: curve *i* differs from curve *j* in colour and in line style."""

STYLE = {
    "axes.prop_cycle": cycler(color=COLORS) + cycler(linestyle=LINESTYLES),
    "image.cmap": "cividis",  # colour-blind-safe for any image a chapter shows
    "font.family": "DejaVu Sans",  # bundled with matplotlib: identical pixels everywhere
    "mathtext.fontset": "dejavusans",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.handlelength": 3.0,  # long enough to show each dash pattern
    "legend.framealpha": 0.9,
    "lines.linewidth": 2.2,
    "axes.grid": True,
    "grid.color": "#b0b0b0",
    "grid.alpha": 0.4,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "svg.hashsalt": "actlib",  # stable ids if a notebook switches to SVG output
}
"""The course's rcParams; :func:`use_style` applies them, :func:`style` scopes them."""

_X = (-5.0, 5.0, 1001)  # default grid: step 0.01, 0 exactly on it


def use_style() -> None:
    """Apply the course style to every figure drawn from now on (call once, in a chapter's setup cell)."""
    mpl.rcParams.update(STYLE)


@contextlib.contextmanager
def style(pristine: bool = False):
    """Context manager: the course style inside a ``with`` block only.

    ``pristine=True`` starts from matplotlib's defaults, so a local
    matplotlibrc or a chapter's own rcParams cannot change the pixels (the
    kernel-free explorer's stored HTML must be the same on every machine).
    """
    session = {}
    try:
        with mpl.rc_context():
            if pristine:
                mpl.rcdefaults()
            mpl.rcParams.update(STYLE)
            try:
                yield
            finally:
                # The first pyplot figure of a Jupyter session activates the inline backend, which
                # turns interactive mode on; that belongs to the session, not to this block, and
                # restoring it would stop every later figure of the notebook from being shown.
                session["interactive"] = mpl.rcParams["interactive"]
    finally:
        if session:
            mpl.rcParams["interactive"] = session["interactive"]


# --------------------------------------------------------------------------
# shared pieces
# --------------------------------------------------------------------------
def _activation(act_or_name) -> Activation:
    return act_or_name if isinstance(act_or_name, Activation) else get(act_or_name)


def _shown(params) -> str:
    """``alpha = 0.1, approximate = True``: the parameters a caller set (``axis`` is never shown)."""
    return ", ".join(
        f"{k} = {v:g}" if isinstance(v, (float, int)) and not isinstance(v, bool) else f"{k} = {v}"
        for k, v in (params or {}).items()
        if k != "axis"
    )


def describe(act: Activation, params=None) -> str:
    """``leaky_relu (alpha = 0.1)``: the name and the parameters the caller set, for titles."""
    shown = _shown(params)
    return f"{act.name} ({shown})" if shown else act.name


def _grid(x) -> np.ndarray:
    return np.linspace(*_X) if x is None else np.asarray(x, dtype=float)


def _break_jumps(x: np.ndarray, y: np.ndarray, kinks: tuple[float, ...]):
    """Insert NaN where ``y`` jumps at one of the activation's ``kinks``, so a jump is not drawn as a steep ramp.

    Only the grid steps touching a declared kink are candidates (``x``
    ascending); one is broken when its step is much larger than the steps just
    outside, which a continuous curve (ReLU itself at 0) never has.
    """
    breaks = []
    for k in kinks:
        lo = int(np.searchsorted(x, k, side="left")) - 1  # the steps [lo, lo+1] ... [hi-1, hi] touch k
        hi = int(np.searchsorted(x, k, side="right"))
        if lo < 0 or hi >= x.size:
            continue  # the kink is off the plotted range
        steps = np.abs(np.diff(y[lo:hi + 1]))
        outside = [abs(y[i + 1] - y[i]) for i in (lo - 1, hi) if 0 <= i < x.size - 1]
        worst = int(np.nanargmax(steps)) if np.isfinite(steps).any() else 0
        if steps[worst] > 10 * max(outside, default=0.0) and steps[worst] > 1e-3 * float(np.nanmax(np.abs(y)) or 1.0):
            breaks.append(lo + worst + 1)
    return np.insert(x, breaks, np.nan), np.insert(y, breaks, np.nan)


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only here: Figure-only callers (widgets) never touch pyplot

    return plt.subplots()[1]


def _zero_lines(ax) -> None:
    ax.axhline(0, color="0.35", lw=0.8, zorder=1)
    ax.axvline(0, color="0.35", lw=0.8, zorder=1)


def _draw_curves(ax, act, x, params, show_function=True, show_derivative=True, index=0):
    """Draw f (solid) and f' (dashed) of an elementwise activation; return the Line2D objects."""
    if act.kind != "elementwise":
        raise ValueError(
            f"actlib.{act.name} mixes elements along an axis, so it has no curve f(x): "
            f"use actlib.plotting.plot_vector({act.name!r})"
        )
    p = {k: v for k, v in (params or {}).items() if k != "axis"}
    args = f"x; {_shown(p)}" if _shown(p) else "x"
    lines = []
    if show_function:
        xs, ys = _break_jumps(x, np.asarray(act(x, **p), dtype=float), act.kinks(**p))
        lines += ax.plot(xs, ys, color=COLORS[index % 8], ls=LINESTYLES[index % 8], label=f"{act.name}({args})")
    if show_derivative:
        j = index + 1 if show_function else index
        xs, ys = _break_jumps(x, np.asarray(act.derivative(x, **p), dtype=float), act.kinks(**p))
        lines += ax.plot(xs, ys, color=COLORS[j % 8], ls=LINESTYLES[j % 8], label=f"{act.name}′({args})")
    return lines


# --------------------------------------------------------------------------
# public plots
# --------------------------------------------------------------------------
def plot_activation(act_or_name, x=None, params=None, ax=None, show_derivative=True):
    """Plot an elementwise activation (solid) and its derivative (dashed) on one axes; return the Axes.

    ``x`` defaults to 1001 points on [-5, 5]; ``params`` overrides the
    activation's defaults, e.g. ``plot_activation("elu", params={"alpha": 0.5})``.
    """
    act = _activation(act_or_name)
    with style():
        ax = _axes(ax)
        _zero_lines(ax)
        _draw_curves(ax, act, _grid(x), params, show_derivative=show_derivative)
        what = "function and derivative" if show_derivative else "function"
        ax.set(title=f"{describe(act, params)}: {what}", xlabel="x", ylabel="f(x), f′(x)" if show_derivative else "f(x)")
        ax.legend(loc="best")
    return ax


def _entries(items):
    """Normalise ``compare``'s items: a name, an Activation, or ``(name_or_act, params)``."""
    out = []
    for item in [items] if isinstance(items, (str, Activation)) else items:
        act, params = (item if isinstance(item, tuple) else (item, None))
        out.append((_activation(act), params))
    return out


def compare(names_or_acts, x=None, derivative=False, ax=None):
    """Several activations on one axes, each in its own colour and line style; return the Axes.

    Items are names, activation objects, or ``(name, params)`` pairs such as
    ``("leaky_relu", {"alpha": 0.2})``. ``derivative=True`` compares the
    derivatives instead of the functions.
    """
    entries = _entries(names_or_acts)
    x = _grid(x)
    with style():
        ax = _axes(ax)
        _zero_lines(ax)
        for i, (act, params) in enumerate(entries):
            _draw_curves(ax, act, x, params, show_function=not derivative, show_derivative=derivative, index=i)
        listed = ", ".join(describe(a, p) for a, p in entries)
        what = "Derivatives" if derivative else "Activations"
        ax.set(
            # a long list lives in the legend; the title then just counts
            title=f"{what} compared: {listed}" if len(listed) <= 45 else f"{what} of {len(entries)} activations compared",
            xlabel="x",
            ylabel="f′(x)" if derivative else "f(x)",
        )
        ax.legend(loc="best")
    return ax


def gallery(names=None, ncols=4, x=None):
    """A grid of small plots, one per elementwise activation (function solid, derivative dashed); return the Figure.

    ``names`` defaults to every elementwise activation, in course order.
    """
    import matplotlib.pyplot as plt

    chosen = [_activation(n) for n in (names if names is not None else all_names(kind="elementwise", aliases=False))]
    nrows = -(-len(chosen) // ncols)
    x = _grid(x) if x is not None else np.linspace(-4, 4, 801)
    with style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.0 * ncols, 2.3 * nrows + 0.8), squeeze=False)
        for ax, act in zip(axes.flat, chosen):
            _zero_lines(ax)
            _draw_curves(ax, act, x, None)
            ax.set_title(act.name, fontsize=12)
            ax.tick_params(labelsize=9)
        for ax in axes.flat[len(chosen):]:
            ax.set_axis_off()
        handles = axes.flat[0].get_lines()[-2:]
        fig.legend(handles, ["function f(x)", "derivative f′(x)"], loc="outside lower center", ncols=2)
        fig.suptitle(f"{len(chosen)} elementwise activations: function (solid) and derivative (dashed) on [{x[0]:g}, {x[-1]:g}]")
    return fig


def plot_vector(act_or_name="softmax", x=None, params=None, temperature=1.0, axes=None):
    """Two bar charts side by side: one input vector and a vector activation's output; return the Figure.

    For softmax that is scores against probabilities. The activation is
    applied to ``x / temperature``: a low temperature sharpens softmax towards
    the arg-max, a high one flattens it towards uniform. ``x`` defaults to six
    scores; ``axes`` is an optional pair of Axes to draw into.
    """
    act = _activation(act_or_name)
    if act.kind != "vector":
        raise ValueError(f"actlib.{act.name} is elementwise: use actlib.plotting.plot_activation({act.name!r})")
    x = np.array([2.0, 1.0, 0.5, 0.0, -0.5, -1.0]) if x is None else np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"plot_vector shows one vector, got an array of shape {x.shape}")
    if not temperature > 0:
        raise ValueError(f"plot_vector: temperature must be > 0, got {temperature!r}")
    z = x / temperature
    y = np.asarray(act(z, **{k: v for k, v in (params or {}).items() if k != "axis"}), dtype=float)
    arg = "x" if temperature == 1 else f"x / {temperature:g}"
    with style():
        if axes is None:
            import matplotlib.pyplot as plt

            axes = plt.subplots(1, 2, figsize=(8.0, 3.6))[1]
        for ax, v, colour, hatch, title in (
            (axes[0], z, COLORS[0], "//", f"input {arg}"),
            (axes[1], y, COLORS[1], "", f"{act.name}({arg})"),
        ):
            bars = ax.bar(np.arange(v.size), v, 0.7, color=colour, hatch=hatch, edgecolor="white")
            ax.bar_label(bars, fmt="%.2f", fontsize=9, padding=2)
            ax.axhline(0, color="0.35", lw=0.8)
            ax.set_xticks(np.arange(v.size))
            ax.grid(axis="x", visible=False)  # bars need only the horizontal guides
            ax.margins(y=0.15)  # room for the value labels
            ax.set(title=title, xlabel="index i", ylabel="value")
        fig = axes[0].figure
        at = f", temperature T = {temperature:g}" if temperature != 1 else ""  # T = 1 is the plain function
        fig.suptitle(f"{describe(act, params)}: {z.size} inputs → {y.size} outputs{at}")
    return fig


def _piece_text(w: float, b: float) -> str:
    """``2x − 1``, ``x``, ``−x``, ``0``: a line as a reader writes it."""
    slope = "" if w == 0 else ("x" if w == 1 else "−x" if w == -1 else f"{w:g}x".replace("-", "−"))
    if b == 0:
        return slope or "0"
    const = f"{abs(b):g}"
    return f"{slope} {'+' if b > 0 else '−'} {const}" if slope else f"{b:g}".replace("-", "−")


def plot_maxout(slopes, intercepts=None, x=None, ax=None):
    r"""A maxout unit of one input: its pieces :math:`w_k x + b_k` (thin), their maximum (solid) and its slope (dashed); return the Axes.

    ``slopes`` are the :math:`w_k` (one per piece, at least one),
    ``intercepts`` the :math:`b_k` (zeros by default). The maximum is
    :func:`actlib.maxout` of the stacked pieces and its slope comes from
    ``maxout.vjp``, so a tie takes actlib's side (the first maximal piece).
    ``plot_maxout([0, 1])`` is ReLU, ``plot_maxout([1, -1])`` is :math:`|x|`.
    """
    w = np.asarray(slopes, dtype=float)
    if w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)):
        raise ValueError(f"plot_maxout: argument 'slopes' must be a non-empty list of finite numbers, got {slopes!r}")
    b = np.zeros_like(w) if intercepts is None else np.asarray(intercepts, dtype=float)
    if b.shape != w.shape or not np.all(np.isfinite(b)):
        raise ValueError(
            f"plot_maxout: argument 'intercepts' must be finite numbers, one per slope ({w.size}), got {intercepts!r}"
        )
    act = get("maxout")
    x = _grid(x)
    z = x[:, None] * w + b  # one column per piece
    y = act(z, pieces=w.size)
    slope = act.vjp(z, np.ones_like(y), pieces=w.size) @ w  # the winning piece's slope
    pieces = ", ".join(_piece_text(wk, bk) for wk, bk in zip(w, b))
    with style():
        ax = _axes(ax)
        _zero_lines(ax)
        for k in range(w.size):
            ax.plot(x, z[:, k], color=COLORS[(k + 2) % 8], ls=LINESTYLES[2], lw=1.2, alpha=0.8,
                    label=f"piece {k}: {_piece_text(w[k], b[k])}")
        ax.plot(x, y, color=COLORS[0], ls=LINESTYLES[0], label="maxout (the maximum)")
        xs, ys = _break_jumps(x, slope, tuple(x[np.flatnonzero(np.diff(slope)) + 1]))
        ax.plot(xs, ys, color=COLORS[1], ls=LINESTYLES[1], label="its slope")
        ax.set(title=f"maxout of {w.size} piece{'s' if w.size > 1 else ''}: max({pieces})", xlabel="x",
               ylabel="pieces, maximum, slope")
        ax.legend(loc="best", fontsize=9)
    return ax


# --------------------------------------------------------------------------
# networks: the plots of actlib.experiments
# --------------------------------------------------------------------------
__all__ += ["plot_gradient_norms", "plot_activation_statistics", "plot_layer_histograms", "plot_dead_units",
            "plot_dead_units_during_training", "plot_comparison"]
__all__ += ["plot_decision_boundary", "plot_ulp_errors"]

_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")  # bars differ in pattern as well as colour
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _experiment_items(items, result_type) -> list:
    """One activation argument or result, or a list of them, as a list (``("elu", {...})`` is one item)."""
    single = isinstance(items, (str, Activation, result_type)) or (
        isinstance(items, tuple) and len(items) == 2 and isinstance(items[1], dict)
    )
    return [items] if single else list(items)


def _run_all(items, result_type, experiment, **kwargs) -> list:
    return [i if isinstance(i, result_type) else experiment(i, **kwargs) for i in _experiment_items(items, result_type)]


def _integer_layers(ax) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _network_shape(r) -> str:
    return f"depth {r.depth}, width {r.width}, {r.init} init"


def plot_gradient_norms(activations=("relu", "tanh", "sigmoid"), depth=20, width=64, init="he", seed=0, ax=None):
    """The weight-gradient norm of each hidden layer at initialisation, one line per activation (log scale); return the Axes.

    ``activations`` lists activation arguments (names, or ``(name, params)``)
    run through :func:`actlib.experiments.gradient_norms` with the other
    arguments, or results of it. A line falling towards layer 1 shows a
    vanishing gradient.
    """
    from .experiments import GradientNorms, gradient_norms

    results = _run_all(activations, GradientNorms, gradient_norms,
                       depth=depth, width=width, init=init, seed=seed)
    with style():
        ax = _axes(ax)
        for i, r in enumerate(results):
            scaled = f", weights × {r.gain:g}" if r.gain != 1 else ""  # the gain of a result computed with one
            ax.semilogy(r.layers, r.norms, color=COLORS[i % 8], ls=LINESTYLES[i % 8], marker=_MARKERS[i % 8],
                        markersize=4, label=r.activation + scaled)
        shapes = sorted({_network_shape(r) for r in results})
        ax.set(
            title="Weight-gradient norm per layer at initialisation" + (f"\n({shapes[0]})" if len(shapes) == 1 else ""),
            xlabel="hidden layer l (1 = next to the input)", ylabel="‖∂L/∂W_l‖ (log scale)",
        )
        _integer_layers(ax)
        ax.legend(loc="best")
    return ax


def plot_activation_statistics(activations=("relu", "tanh"), depth=20, width=64, init="he", seed=0):
    """Three panels per hidden layer at initialisation: mean, standard deviation (log scale), fraction exactly zero; return the Figure.

    ``activations`` lists activation arguments run through
    :func:`actlib.experiments.activation_statistics` with the other
    arguments, or results of it; each gets one line in every panel.
    """
    import matplotlib.pyplot as plt

    from .experiments import ActivationStatistics, activation_statistics

    results = _run_all(activations, ActivationStatistics, activation_statistics,
                       depth=depth, width=width, init=init, seed=seed)
    with style():
        fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
        for i, r in enumerate(results):
            kw = dict(color=COLORS[i % 8], ls=LINESTYLES[i % 8], marker=_MARKERS[i % 8], markersize=4, label=r.activation)
            axes[0].plot(r.layers, r.mean, **kw)
            axes[1].semilogy(r.layers, r.std, **kw)
            axes[2].plot(r.layers, r.zero_fraction, **kw)
        for ax, title, ylabel in (
            (axes[0], "Mean of the layer's outputs", "mean"),
            (axes[1], "Spread of the layer's outputs", "standard deviation (log scale)"),
            (axes[2], "Outputs exactly zero", "fraction of outputs = 0"),
        ):
            ax.set(title=title, xlabel="hidden layer l", ylabel=ylabel)
            _integer_layers(ax)
        axes[2].set_ylim(-0.05, 1.05)
        axes[0].legend(loc="best")
        shapes = sorted({_network_shape(r) for r in results})
        fig.suptitle("Layer outputs at initialisation" + (f" ({shapes[0]})" if len(shapes) == 1 else ""))
    return fig


def plot_layer_histograms(results, layers=(1, 10, 20), bins=60):
    """Histograms of hidden layers' outputs at initialisation: one row per result, one column per layer; return the Figure.

    ``results`` lists results of :func:`actlib.experiments.layer_outputs`
    (one activation and initialisation each). Every panel of a row shares
    the horizontal range of that row's first layer, so a layer whose outputs
    shrink shows as a narrowing spike and one whose outputs grow spills over
    the edges (values beyond the range are counted in the edge bins). Each
    panel's title gives the layer and the root-mean-square of its outputs;
    the vertical axis is the share of outputs per bin.
    """
    import matplotlib.pyplot as plt

    from .experiments import LayerOutputs

    results = [results] if isinstance(results, LayerOutputs) else list(results)
    if not results or not all(isinstance(r, LayerOutputs) for r in results):
        raise TypeError("actlib.plotting.plot_layer_histograms: argument 'results' must list results of "
                        "actlib.experiments.layer_outputs")
    layers = [int(l) for l in layers]
    for r in results:
        bad = [l for l in layers if not 1 <= l <= r.depth]
        if bad:
            raise ValueError(f"actlib.plotting.plot_layer_histograms: argument 'layers' must lie in 1 … {r.depth}, got {bad}")
    with style():
        fig, axes = plt.subplots(len(results), len(layers), figsize=(3.0 * len(layers) + 0.6, 2.3 * len(results) + 0.7),
                                 squeeze=False)
        for row, r in zip(axes, results):
            first = r.values[layers[0] - 1].ravel()
            lo, hi = np.percentile(first, [0.5, 99.5])
            if hi - lo < 1e-12:  # a layer of constants: give the histogram some width
                lo, hi = lo - 0.5, hi + 0.5
            pad = 0.05 * (hi - lo)
            edges = np.linspace(lo - pad, hi + pad, bins + 1)
            for k, (ax, l) in enumerate(zip(row, layers)):
                v = np.clip(r.values[l - 1].ravel(), edges[0], edges[-1])
                ax.hist(v, bins=edges, weights=np.full(v.size, 1 / v.size), color=COLORS[k % 8], hatch=_HATCHES[k % 8],
                        edgecolor="white", linewidth=0.3)
                ax.set_title(f"layer {l}: rms {r.rms[l - 1]:.2g}", fontsize=11)
                ax.tick_params(labelsize=9)
                ax.grid(axis="x", visible=False)
            row[0].set_ylabel(f"{r.activation}, {r.init}\nshare of outputs", fontsize=10)
        for ax in axes[-1]:
            ax.set_xlabel("output value")
        shapes = sorted({f"depth {r.depth}, width {r.width}" for r in results})
        fig.suptitle("Outputs of hidden layers at initialisation" + (f" ({shapes[0]})" if len(shapes) == 1 else ""))
    return fig


def plot_dead_units(activations=("relu", "leaky_relu"), lr=0.1, hidden=(64, 64), epochs=5, optimizer="sgd",
                    batch_size=32, seed=0, ax=None):
    """Fraction of dead units per hidden layer after training, grouped bars per activation; return the Axes.

    ``activations`` lists activation arguments run through
    :func:`actlib.experiments.dead_units_after_training` with the other
    arguments, or results of :func:`actlib.experiments.dead_units`.
    """
    from .experiments import DeadUnits, dead_units_after_training

    results = _run_all(activations, DeadUnits, dead_units_after_training,
                       lr=lr, hidden=hidden, epochs=epochs, optimizer=optimizer, batch_size=batch_size, seed=seed)
    n_layers = max(r.counts.size for r in results)
    width = 0.8 / len(results)
    with style():
        ax = _axes(ax)
        for i, r in enumerate(results):
            x = r.layers + (i - (len(results) - 1) / 2) * width
            bars = ax.bar(x, r.fractions, width, color=COLORS[i % 8], hatch=_HATCHES[i % 8], edgecolor="white",
                          label=r.activation)
            ax.bar_label(bars, labels=[f"{c}/{w}" for c, w in zip(r.counts, r.widths)], fontsize=9, padding=2)
        ax.set_xticks(np.arange(1, n_layers + 1))
        ax.set_ylim(0, 1.12)
        ax.grid(axis="x", visible=False)
        trained = all(isinstance(i, (str, Activation, tuple)) for i in _experiment_items(activations, DeadUnits))
        ax.set(
            title="Dead units per hidden layer" + (f" after {epochs} epochs of {optimizer}, lr = {lr:g}" if trained else ""),
            xlabel="hidden layer", ylabel="fraction of units zero on every sample",
        )
        ax.legend(loc="upper left")
    return ax


def plot_dead_units_during_training(activations=("relu", "leaky_relu"), lr=0.1, hidden=(64, 64), epochs=5, optimizer="sgd",
                                    batch_size=32, seed=0, count="dead", ax=None):
    """The fraction of hidden units that are dead after each epoch, one line per run; return the Axes.

    ``activations`` lists activation arguments run through
    :func:`actlib.experiments.dead_units_during_training` with the other
    arguments, or results of it (runs at several learning rates, say).
    ``count="silent"`` draws the units whose pre-activation is never positive
    instead: for ReLU the dead ones, for a leaky variant units that still pass
    a small gradient.
    """
    from .experiments import DeadUnitsDuringTraining, dead_units_during_training

    if count not in ("dead", "silent"):
        raise ValueError(f"actlib.plotting.plot_dead_units_during_training: argument 'count' must be 'dead' or 'silent', got {count!r}")
    results = _run_all(activations, DeadUnitsDuringTraining, dead_units_during_training,
                       lr=lr, hidden=hidden, epochs=epochs, optimizer=optimizer, batch_size=batch_size, seed=seed)
    with style():
        ax = _axes(ax)
        for i, r in enumerate(results):
            counts = r.counts if count == "dead" else r.silent
            ax.plot(r.epochs, counts.sum(axis=1) / r.widths.sum(), color=COLORS[i % 8], ls=LINESTYLES[i % 8],
                    marker=_MARKERS[i % 8], markersize=5, label=f"{r.activation}, lr = {r.lr:g}")
        what = "dead (zero on every training sample)" if count == "dead" else "silent (pre-activation never positive)"
        ax.set(title=f"Hidden units {what}", xlabel="epoch (0 = before training)", ylabel="fraction of hidden units")
        ax.set_ylim(-0.03, 1.03)
        _integer_layers(ax)
        ax.legend(loc="best")
    return ax


def plot_comparison(activations=("relu", "tanh", "gelu"), seeds=(0, 1, 2), hidden=(32,), epochs=5, optimizer="adam",
                    lr=1e-2, batch_size=64, axes=None):
    """Test loss and test accuracy per activation, mean with a ±1 standard deviation bar over seeds; return the Figure.

    ``activations`` is a list run through
    :func:`actlib.experiments.compare_activations` with the other arguments,
    or a table it returned. Times are left out: they change from run to run.
    """
    from .experiments import Table, compare_activations

    table = activations if isinstance(activations, Table) else compare_activations(
        _experiment_items(activations, Table), seeds=seeds, hidden=hidden, epochs=epochs,
        optimizer=optimizer, lr=lr, batch_size=batch_size)
    names = [str(n) for n in table["activation"]]
    x = np.arange(len(names))
    with style():
        if axes is None:
            import matplotlib.pyplot as plt

            axes = plt.subplots(1, 2, figsize=(9.0, 3.8))[1]
        for ax, what, ylabel in ((axes[0], "loss", "test cross-entropy"), (axes[1], "accuracy", "test accuracy")):
            ax.bar(x, table[f"{what}_mean"], 0.6, yerr=table[f"{what}_std"], capsize=4,
                   color=[COLORS[i % 8] for i in x], hatch=None, edgecolor="white")
            for i, bar in enumerate(ax.patches):
                bar.set_hatch(_HATCHES[i % 8])
            ax.set_xticks(x, names, rotation=30 if max(map(len, names)) > 8 else 0, ha="right" if max(map(len, names)) > 8 else "center")
            ax.grid(axis="x", visible=False)
            ax.set(title=f"Test {what}: mean ± std", ylabel=ylabel)
        lo = float(np.min(table["accuracy_mean"] - table["accuracy_std"]))
        axes[1].set_ylim(max(0.0, lo - 0.05), 1.0)
        fig = axes[0].figure
        fig.suptitle(table.title)
    return fig


def plot_decision_boundary(net, X, y, ax=None, title=None, resolution=201):
    r"""A trained classifier's regions in the plane, its boundary, and the labelled points; return the Axes.

    ``net`` is an :class:`actlib.nn.MLP` with two inputs and a ``sigmoid``
    (class 1 where :math:`\sigma(z) > 1/2`) or ``softmax`` (arg-max) output;
    ``X`` of shape ``(n, 2)`` and labels ``y`` are drawn on top, one marker per
    class. The regions are shaded on a ``resolution`` × ``resolution`` grid
    over the points' bounding box plus a margin; the default title names the
    hidden activation and the training accuracy on ``(X, y)``.
    """
    from .experiments import label
    from .nn import MLP

    where = "actlib.plotting.plot_decision_boundary"
    if not isinstance(net, MLP) or net.sizes[0] != 2 or net.output not in ("sigmoid", "softmax"):
        raise ValueError(f"{where}: argument 'net' must be an actlib.nn.MLP with 2 inputs and a sigmoid or softmax "
                         f"output, got {net!r}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).ravel()
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(f"{where}: arguments 'X' and 'y' must have shapes (n, 2) and (n,) with n >= 1, "
                         f"got {X.shape} and {y.shape}")
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = 0.1 * np.maximum(hi - lo, 1e-9)
    g0 = np.linspace(lo[0] - margin[0], hi[0] + margin[0], resolution)
    g1 = np.linspace(lo[1] - margin[1], hi[1] + margin[1], resolution)
    G0, G1 = np.meshgrid(g0, g1)
    logits = net.forward(np.column_stack([G0.ravel(), G1.ravel()])).logits
    cls = (logits[:, 0] > 0) if net.output == "sigmoid" else np.argmax(logits, axis=1)
    cls = cls.astype(float).reshape(G0.shape)
    classes = np.unique(y)
    with style():
        from matplotlib.colors import ListedColormap

        ax = _axes(ax)
        n_cls = max(int(cls.max()) + 1, len(classes), 2)
        ax.contourf(G0, G1, cls, levels=np.arange(n_cls + 1) - 0.5, cmap=ListedColormap(COLORS[:n_cls]), alpha=0.18)
        ax.contour(G0, G1, cls, levels=np.arange(n_cls - 1) + 0.5, colors="black", linewidths=1.2)
        for i, c in enumerate(classes):
            pts = X[y == c]
            ax.scatter(pts[:, 0], pts[:, 1], s=22 if X.shape[0] > 50 else 90, color=COLORS[i % 8], marker=_MARKERS[i % 8],
                       edgecolors="white", linewidths=0.5, label=f"class {c}")
        if title is None:
            accuracy = net.accuracy(X, y)
            title = f"{label(net.activation)} hidden layers: training accuracy {accuracy:.3g}"
        ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
        ax.grid(False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)  # outside: it hides no point
    return ax


_ULP_CEILING = 1e18  # where a non-finite result (inf or NaN for a finite exact value) is drawn
_SYMLOG_LABELS = {-1e4: "−10⁴", -1e2: "−10²", -1.0: "−1", -1e-2: "−10⁻²", 0.0: "0",
                  1e-2: "10⁻²", 1.0: "1", 1e2: "10²", 1e4: "10⁴"}
_SYMLOG_TICKS = sorted(_SYMLOG_LABELS)


def plot_ulp_errors(functions, dtypes=(np.float32, np.float64), x=None):
    r"""The error in ulps of the naive form and of actlib's, against ``actlib.reference``: one row per function, one column per dtype; return the Figure.

    ``functions`` lists names of elementwise activations, or ``(name, "derivative")``
    for a derivative; the errors are :func:`actlib.numerics.ulp_errors`'. Each
    panel evaluates both on ``x`` rounded to its dtype (by default
    :math:`\pm` 181 magnitudes from :math:`10^{-4}` to :math:`10^{4}`, and 0, on a
    symmetric-log axis) and plots :math:`|\hat f - f| / \operatorname{ulp}(f)` on a log
    axis, where :math:`f` is the 50-digit reference rounded to float64. An
    error of 0 is drawn at the bottom (0.01 ulp); inf or NaN where the exact
    value is finite is drawn at the top (:math:`10^{18}` ulps), over a line
    marked "inf or NaN".
    """
    import matplotlib.pyplot as plt

    from .numerics import NAIVE, ulp_errors

    where = "actlib.plotting.plot_ulp_errors"
    single = isinstance(functions, str) or (isinstance(functions, tuple) and functions[1:] == ("derivative",))
    items = [functions] if single else list(functions)
    parsed = []
    for item in items:
        name, derivative = (item, False) if isinstance(item, str) else (item[0], True)
        if not isinstance(item, str) and (len(item) != 2 or item[1] != "derivative"):
            raise ValueError(f"{where}: argument 'functions' holds names or (name, 'derivative'), got {item!r}")
        if name not in NAIVE:
            raise ValueError(f"{where}: argument 'functions': {name!r} has no naive form in actlib.numerics.NAIVE")
        parsed.append((name, derivative))
    dtypes = [np.dtype(d) for d in (dtypes if isinstance(dtypes, (list, tuple)) else [dtypes])]
    if x is None:
        mags = np.geomspace(1e-4, 1e4, 181)
        x = np.concatenate([-mags[::-1], [0.0], mags])
    with style():
        fig, axes = plt.subplots(len(parsed), len(dtypes), figsize=(5.2 * len(dtypes), 3.4 * len(parsed)),
                                 squeeze=False, sharey=True)
        for row, (name, derivative) in enumerate(parsed):
            shown = f"{name}′" if derivative else name
            for col, dtype in enumerate(dtypes):
                ax = axes[row][col]
                xs, naive_err, stable_err = ulp_errors(name, dtype, x, derivative=derivative)
                naive_err, stable_err = (np.where(np.isfinite(e), e, _ULP_CEILING) for e in (naive_err, stable_err))
                floor = 1e-2
                # markers, not lines: the errors jump between 0 and 1 ulp from one input to the next
                ax.plot(xs, np.maximum(naive_err, floor), color=COLORS[1], ls="none", marker="x", markersize=4,
                        label="naive form")
                ax.plot(xs, np.maximum(stable_err, floor), color=COLORS[0], ls="none", marker="o", markersize=2.5,
                        label="actlib")
                ax.axhline(_ULP_CEILING, color="black", lw=0.8, ls=":")
                ax.text(0.02, 0.97, "inf or NaN", transform=ax.transAxes, va="top", fontsize=9)
                ax.set_xscale("symlog", linthresh=1e-4)
                ticks = [t for t in _SYMLOG_TICKS if xs.min() <= t <= xs.max()] if xs.size else []
                ax.set_xticks(ticks, [_SYMLOG_LABELS[t] for t in ticks])
                ax.set_yscale("log")
                ax.set_ylim(floor / 2, _ULP_CEILING * 20)
                ax.set(title=f"{shown} in {dtype.name}", xlabel="x (symmetric log scale)",
                       ylabel="error in ulps (log scale)" if col == 0 else "")
                if row == 0 and col == 0:
                    ax.legend(loc="center left", fontsize=9)
        fig.suptitle("Error in ulps against the 50-digit reference: naive form and actlib")
    return fig
