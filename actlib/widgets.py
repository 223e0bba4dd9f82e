"""Explorers: live sliders in Jupyter, and kernel-free sliders for the online book.

A chapter shows both, from one line each::

    actlib.widgets.static_explorer("leaky_relu")   # the book: pre-rendered frames, no kernel
    actlib.widgets.explore(["elu", "celu"])        # Jupyter: live, in a cell tagged remove-cell

``static_explorer`` returns HTML that is byte-identical from run to run (so
nbval can compare the stored output), holds no external URL, and stays well
under 300 KB. ``explore`` draws with the Agg renderer into ``Image``
widgets, so it needs no interactive matplotlib backend and builds fine with
no frontend attached (it just shows nothing there).
"""

from __future__ import annotations

import html
import io
import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from . import plotting
from ._base import Activation
from .plotting import _activation, describe, style

__all__ = ["explore", "static_explorer", "Explorer", "slider_range"]

_FLOAT_KINDS = ("real", "positive", "nonnegative", "real_array")
_ZOOMS = (1.0, 2.0, 5.0, 10.0, 20.0)  # half-widths of the x-range sweep
_TEMPERATURES = (0.25, 0.5, 1.0, 2.0, 4.0)


def _specs(act) -> dict:
    """The parameters a slider can set (``axis`` only picks the dimension, so it has none)."""
    return {k: s for k, s in act._param_specs.items() if s.kind != "axis"}


def slider_range(act_or_name, param: str) -> tuple[float, float, float]:
    """``(min, max, step)`` of the slider for a float parameter, from its kind and default.

    With ``s = max(1, |default|)``: ``nonnegative`` spans [0, s] (or
    [0, 3] for a default of 1), ``positive`` [s/10, 5s], ``real`` [-2s, 2s].
    """
    act = _activation(act_or_name)
    spec = _specs(act)[param]
    s = max(1.0, float(np.max(np.abs(spec.default))))
    lo, hi = {"nonnegative": (0.0, 3.0 * s if spec.default >= 1 else s), "positive": (0.1 * s, 5.0 * s)}.get(
        spec.kind, (-2.0 * s, 2.0 * s)
    )
    return lo, hi, (hi - lo) / 300


def _png(fig: Figure) -> bytes:
    """The figure as a small PNG that is identical on every run.

    Rendered straight from the Agg canvas (no savefig metadata, so no
    version or date stamp) and reduced to a 64-colour palette, which makes
    line plots about three times smaller; both steps are deterministic.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    img = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB")
    out = io.BytesIO()
    img.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, format="png")
    return out.getvalue()


def _draw(fig: Figure, act, sweep: str, value, x, params, ylims=None, axes=None):
    """Draw one frame of ``act`` with ``sweep`` set to ``value`` into ``fig`` (cleared unless ``axes`` are given)."""
    if axes is None:
        fig.clear()
    if act.kind == "vector":
        axes = fig.subplots(1, 2) if axes is None else axes
        p = dict(params)
        temperature = value if sweep == "temperature" else 1.0
        if sweep != "temperature":
            p[sweep] = value
        plotting.plot_vector(act, x, p, temperature=temperature, axes=axes)
    else:
        axes = [fig.subplots()] if axes is None else axes
        p = dict(params)
        if sweep == "x_range":
            x = np.linspace(-value, value, 801)
        else:
            p[sweep] = value
        plotting.plot_activation(act, x, p, ax=axes[0])
    for ax, lim in zip(axes, ylims or ()):
        ax.set_ylim(lim)
    return axes


def _frame_label(sweep: str, value) -> str:
    if sweep == "x_range":
        return f"x range = [−{value:g}, {value:g}]"
    if sweep == "temperature":
        return f"temperature T = {value:g}"
    return f"{sweep} = {value:g}" if isinstance(value, float) else f"{sweep} = {value}"


def _default_sweep(act, param, values):
    """Which parameter to sweep, over which values, starting at which frame."""
    specs = _specs(act)
    if param is None:
        swept = [k for k, s in specs.items() if s.kind in _FLOAT_KINDS + ("bool",)]
        param = swept[0] if swept else ("temperature" if act.kind == "vector" else "x_range")
    if param in ("x_range", "temperature"):
        if param == "temperature" and act.kind != "vector":
            raise ValueError(f"static_explorer: temperature applies to vector activations, not actlib.{act.name}")
        defaults, start = (_ZOOMS, 5.0) if param == "x_range" else (_TEMPERATURES, 1.0)
        values = [float(v) for v in (values if values is not None else defaults)]
        return param, values, values.index(start) if start in values else 0
    if param not in specs:
        raise ValueError(
            f"static_explorer: actlib.{act.name} has no parameter {param!r}; "
            f"choose one of {sorted(specs) + ['temperature' if act.kind == 'vector' else 'x_range']}"
        )
    spec = specs[param]
    if values is None:
        if spec.kind == "bool":
            values = [False, True]
        else:
            d = float(np.max(spec.default))
            lo, hi, _ = slider_range(act, param)
            # a scale parameter (positive) reads best in doublings, the others on an even grid
            grid = d * 2.0 ** np.arange(-2, 3) if spec.kind == "positive" else np.linspace(lo, hi, 6 if lo == 0 else 5)
            values = [v for v in sorted({float(f"{v:.3g}") for v in grid} | {d}) if _accepts(act, param, v)]
    elif spec.kind in _FLOAT_KINDS:
        values = [float(v) for v in values]
    start = values.index(spec.default) if spec.default in values else 0
    return param, list(values), start


def _accepts(act, param, value) -> bool:
    """Whether the activation takes this value (hard_tanh rejects min_val >= max_val)."""
    try:
        act(np.zeros(2), **{param: value})
    except (ValueError, TypeError):
        return False
    return True


def static_explorer(act_or_name, param=None, values=None, *, params=None, x=None, dpi=100, figsize=None):
    """A slider that needs no kernel: pre-rendered frames switched by an HTML range input.

    ``param`` is the parameter to sweep over ``values``; by default the
    activation's first parameter over a range around its default, else
    ``"x_range"`` (zoom: ``values`` are half-widths) for elementwise
    activations or ``"temperature"`` for vector ones (softmax). ``params``
    fixes the other parameters; ``figsize`` defaults to 5.6 x 3.6 inches
    (8 x 3.6 for the two panels of a vector activation). Returns
    ``IPython.display.HTML`` with no external URL, byte-identical across
    runs, about 10 KB per frame; without JavaScript the start frame shows.
    """
    from IPython.display import HTML

    act = _activation(act_or_name)
    params = {k: v for k, v in (params or {}).items() if k != "axis"}
    sweep, values, start = _default_sweep(act, param, values)
    if not values:
        raise ValueError("static_explorer: no values to sweep")
    with style(pristine=True):
        figsize = figsize or ((8.0, 3.6) if act.kind == "vector" else (5.6, 3.6))
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
        ylims = None
        if sweep != "x_range":
            # A parameter sweep keeps the axes still, so only the curve moves: draw every
            # frame into the same axes once, and autoscaling gives the union of their limits.
            axes = _draw(fig, act, sweep, values[0], x, params)
            for v in values[1:]:
                _draw(fig, act, sweep, v, x, params, axes=axes)
            ylims = [ax.get_ylim() for ax in axes]
        frames, axes = [], None
        for v in values:
            if ylims and axes is not None:
                # Same limits, same ticks: the layout of frame 1 fits every frame, so reuse
                # its axes rather than pay for constrained layout again (a third of the time).
                fig.set_layout_engine("none")
                for ax in axes:
                    ax.clear()
            axes = _draw(fig, act, sweep, v, x, params, ylims, axes=axes if ylims else None)
            title = fig.get_suptitle() or axes[0].get_title()
            frames.append((_png(fig), _frame_label(sweep, v), _alt(act, title, axes[0])))
    return HTML(_html(act, sweep, frames, start))


def _alt(act, title: str, ax) -> str:
    if act.kind == "vector":
        return f"{title}. Left: bars of the inputs; right: bars of the outputs, each labelled with its value."
    lo, hi = ax.get_xlim()
    return f"{title}. Solid line: {act.name}(x); dashed line: its derivative; x from {lo:.3g} to {hi:.3g}."


# Switches frames in place; `this.closest` rather than ids, so two explorers on a page never clash.
_JS = (
    "var b=this.closest('.actlib-explorer'),m=b.querySelectorAll('img'),i=+this.value;"
    "m.forEach(function(e,k){e.hidden=k!==i;});"
    "b.querySelector('output').textContent=m[i].dataset.label;"
    "this.setAttribute('aria-valuetext',m[i].dataset.label);"
)


def _html(act, sweep: str, frames, start: int) -> str:
    import base64

    a = html.escape
    w, h = int.from_bytes(frames[0][0][16:20], "big"), int.from_bytes(frames[0][0][20:24], "big")  # PNG IHDR
    label = sweep.replace("_", " ")
    imgs = "\n".join(
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{a(alt)}" '
        f'data-label="{a(text)}" width="{w}" height="{h}" style="max-width:100%;height:auto"{"" if k == start else " hidden"}>'
        for k, (png, text, alt) in enumerate(frames)
    )
    return (
        f'<div class="actlib-explorer" role="group" '
        f'aria-label="{a(f"Explorer: {act.name}, slider over {label}")}">\n'
        f'<label style="display:block;font-family:sans-serif">Slide to change {a(label)}: '
        f"<output>{a(frames[start][1])}</output>\n"
        f'<input type="range" min="0" max="{len(frames) - 1}" step="1" value="{start}" '
        f'aria-valuetext="{a(frames[start][1])}" style="display:block;width:{w}px;max-width:100%" '
        f'oninput="{a(_JS)}"></label>\n{imgs}\n</div>'
    )


# --------------------------------------------------------------------------
# the live explorer
# --------------------------------------------------------------------------
_LOOK = {"style": {"description_width": "initial"}, "layout": {"width": "min(36em, 100%)"}}


def _control(act, k, spec, ranges, prefixed):
    """One widget for parameter ``k``: a checkbox for bools, an int slider for counts, else a float slider."""
    desc = f"{act.name}: {k}" if prefixed else k
    if spec.kind == "bool":
        return widgets.Checkbox(value=bool(spec.default), description=desc, style=_LOOK["style"])
    if spec.kind == "count":
        # maxout's pieces has no default (inspect's empty marker): start at 2, the smallest useful count
        start = spec.default if isinstance(spec.default, int) and not isinstance(spec.default, bool) else 2
        return widgets.IntSlider(value=start, min=1, max=6, description=desc, **_LOOK)
    lo, hi, *step = (ranges or {}).get(f"{act.name}.{k}") or (ranges or {}).get(k) or slider_range(act, k)
    return widgets.FloatSlider(
        value=float(np.max(spec.default)), min=lo, max=hi, step=step[0] if step else (hi - lo) / 300,
        description=desc, readout_format=".3g", **_LOOK,
    )


class Explorer(widgets.VBox):
    """The live explorer: sliders on top, one image per activation below.

    ``controls`` maps ``"x_range"``, ``"NAME.PARAM"`` and ``"NAME.temperature"``
    to their widgets; ``figures`` and ``images`` hold each activation's
    matplotlib Figure and ``Image`` widget; ``status`` shows an activation's
    error (e.g. hard_tanh with min_val >= max_val) instead of raising inside
    a callback, where a learner would never see it.
    """

    def __init__(self, acts, x_range=(-5.0, 5.0), ranges=None, derivative=True, dpi=80):
        self.acts, self._derivative = list(acts), derivative
        several = len(self.acts) > 1
        self.controls = {}
        if any(a.kind == "elementwise" for a in self.acts):
            lim = max(20.0, *map(abs, x_range))
            self.controls["x_range"] = widgets.FloatRangeSlider(
                value=tuple(x_range), min=-lim, max=lim, step=0.5, description="x range", **_LOOK
            )
        for act in self.acts:
            for k, spec in _specs(act).items():
                self.controls[f"{act.name}.{k}"] = _control(act, k, spec, ranges, several)
            if act.kind == "vector":
                self.controls[f"{act.name}.temperature"] = widgets.FloatLogSlider(
                    value=1.0, base=10, min=-1, max=1, step=0.05,
                    description=f"{act.name}: temperature" if several else "temperature", **_LOOK,
                )
        size = (4.8, 3.4) if several else (6.0, 4.0)
        with style():
            self.figures = [
                Figure(figsize=(8.0, 3.4) if a.kind == "vector" else size, dpi=dpi, layout="constrained") for a in self.acts
            ]
        self.images = [widgets.Image(format="png", layout=widgets.Layout(max_width="100%")) for _ in self.acts]
        self.status = widgets.HTML()
        for key, control in self.controls.items():
            control.observe(lambda _, key=key: self._changed(key), names="value")
        panels = widgets.Box(self.images, layout=widgets.Layout(display="flex", flex_flow="row wrap"))
        super().__init__([*self.controls.values(), self.status, panels])
        for i in range(len(self.acts)):
            self.redraw(i)

    def _changed(self, key: str) -> None:
        for i, act in enumerate(self.acts):
            if key.split(".")[0] == act.name or (key == "x_range" and act.kind == "elementwise"):
                self.redraw(i)

    def redraw(self, i: int) -> None:
        """Redraw panel ``i`` from the current control values."""
        act, fig = self.acts[i], self.figures[i]
        params = {k: self.controls[f"{act.name}.{k}"].value for k in _specs(act)}
        try:
            with style():
                fig.clear()
                if act.kind == "vector":
                    temperature = self.controls[f"{act.name}.temperature"].value
                    plotting.plot_vector(act, None, params, temperature, axes=fig.subplots(1, 2))
                else:
                    x = np.linspace(*self.controls["x_range"].value, 801)
                    plotting.plot_activation(act, x, params, ax=fig.subplots(), show_derivative=self._derivative)
        except (ValueError, TypeError) as exc:  # an invalid combination: say why, keep the last picture
            self.status.value = f"<b>⚠ {html.escape(describe(act, params))}:</b> {html.escape(str(exc))}"
            return
        self.status.value = ""
        self.images[i].value = _png(fig)


def explore(names_or_acts="relu", x_range=(-5.0, 5.0), *, ranges=None, derivative=True, dpi=80):
    """A live explorer: sliders for the x-range and each parameter, plots redrawn as they move.

    Pass one activation or a list to see them side by side (vector ones,
    such as softmax, get a temperature slider and bar charts). ``ranges``
    overrides slider bounds: ``{"alpha": (0, 1, 0.01)}`` or
    ``{"elu.alpha": (0, 2)}``. Returns the widget; make it the last
    expression of a cell tagged ``remove-cell`` (it needs a kernel).
    """
    items = [names_or_acts] if isinstance(names_or_acts, (str, Activation)) else list(names_or_acts)
    acts = [_activation(a) for a in items]
    if not acts:
        raise ValueError("explore: give at least one activation")
    lo, hi = x_range
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"explore: x_range must be (low, high) with low < high, got {x_range!r}")
    return Explorer(acts, (float(lo), float(hi)), ranges, derivative, dpi)
