"""actlib.plotting: one style, function+derivative plots, comparisons, the gallery, vector bar charts."""

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display needed, identical pixels everywhere

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import actlib  # noqa: E402
from actlib import plotting  # noqa: E402

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


@pytest.fixture(autouse=True)
def close_figures():
    with mpl.rc_context():  # use_style() in one test must not restyle the next
        yield
    plt.close("all")


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    def fail():
        raise AssertionError("plotting functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", fail)


def curves(ax):
    """The data lines of an axes, without the zero guide lines."""
    return [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]


def finite(line):
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    keep = ~np.isnan(x)
    return x[keep], y[keep]


def test_palette_is_okabe_ito_and_every_colour_has_its_own_line_style():
    assert set(plotting.COLORS) == OKABE_ITO
    assert len(plotting.LINESTYLES) == len(plotting.COLORS) == len(set(map(str, plotting.LINESTYLES)))
    cycle = list(plotting.STYLE["axes.prop_cycle"])
    assert [c["color"] for c in cycle] == list(plotting.COLORS)
    assert len({str(c["linestyle"]) for c in cycle}) == len(cycle)


def test_use_style_and_style_apply_the_course_rcparams():
    with plotting.style():
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
        assert mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["axes.prop_cycle"] != plotting.STYLE["axes.prop_cycle"]
    plotting.use_style()
    assert mpl.rcParams["axes.prop_cycle"] == plotting.STYLE["axes.prop_cycle"]
    assert mpl.rcParams["font.size"] >= 11


def test_plot_activation_draws_function_solid_and_derivative_dashed_with_labels():
    ax = plotting.plot_activation("gelu")
    assert isinstance(ax, Axes)
    f, d = curves(ax)
    x, y = finite(f)
    np.testing.assert_allclose(y, actlib.gelu(x))
    xd, yd = finite(d)
    np.testing.assert_allclose(yd, actlib.gelu.derivative(xd))
    assert x[0] == -5 and x[-1] == 5 and 0.0 in x
    assert f.get_linestyle() == "-" and d.get_linestyle() == "--"
    assert f.get_color() != d.get_color()
    assert ax.get_xlabel() == "x" and ax.get_ylabel()
    assert "gelu" in ax.get_title() and "derivative" in ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gelu(x)", "gelu′(x)"]
    assert ax.xaxis.get_gridlines()[0].get_visible()
    guides = [ln for ln in ax.get_lines() if ln.get_label().startswith("_")]
    assert len(guides) == 2  # the axis lines through 0


def test_plot_activation_uses_params_x_and_a_given_axes():
    fig, given = plt.subplots()
    x = np.linspace(-2, 2, 41)
    ax = plotting.plot_activation("leaky_relu", x=x, params={"alpha": 0.2}, ax=given, show_derivative=False)
    assert ax is given
    (line,) = curves(ax)
    xs, ys = finite(line)
    np.testing.assert_array_equal(xs, x)
    assert ys[0] == pytest.approx(-0.4)
    assert "alpha = 0.2" in ax.get_title()


def test_jumps_are_broken_instead_of_drawn_as_ramps():
    steps = curves(plotting.plot_activation("binary_step"))
    assert np.isnan(steps[0].get_ydata()).sum() == 1  # the jump at 0
    smooth = curves(plotting.plot_activation("sigmoid"))
    assert not any(np.isnan(ln.get_ydata()).any() for ln in smooth)
    relu_f, relu_d = curves(plotting.plot_activation("relu"))
    assert not np.isnan(relu_f.get_ydata()).any() and np.isnan(relu_d.get_ydata()).sum() == 1


def test_plot_activation_refuses_vector_activations():
    with pytest.raises(ValueError, match="plot_vector"):
        plotting.plot_activation("softmax")


def test_compare_gives_each_curve_its_own_colour_and_style_and_a_legend():
    ax = plotting.compare(["relu", "gelu", ("leaky_relu", {"alpha": 0.2}), actlib.silu])
    lines = curves(ax)
    assert len(lines) == 4
    assert len({(ln.get_color(), str(ln.get_linestyle())) for ln in lines}) == 4
    assert len({ln.get_color() for ln in lines}) == 4 and len({str(ln.get_linestyle()) for ln in lines}) == 4
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["relu(x)", "gelu(x)", "leaky_relu(x; alpha = 0.2)", "silu(x)"]
    x, y = finite(lines[2])
    np.testing.assert_allclose(y, actlib.leaky_relu(x, alpha=0.2))
    assert ax.get_xlabel() == "x" and "compared" in ax.get_title()


def test_compare_derivatives():
    ax = plotting.compare(["tanh", "sigmoid"], derivative=True)
    lines = curves(ax)
    x, y = finite(lines[1])
    np.testing.assert_allclose(y, actlib.sigmoid.derivative(x))
    assert "Derivatives" in ax.get_title() and ax.get_ylabel() == "f′(x)"


def test_gallery_has_one_titled_panel_per_elementwise_activation():
    fig = plotting.gallery()
    assert isinstance(fig, Figure)
    shown = [ax for ax in fig.axes if ax.axison]
    names = actlib.names(kind="elementwise", aliases=False)
    assert [ax.get_title() for ax in shown] == names
    assert all(len(curves(ax)) == 2 for ax in shown)
    assert fig.get_suptitle() and fig.legends
    assert len(fig.axes) % 4 == 0  # ncols=4, spare panels switched off
    small = plotting.gallery(["relu", "tanh"], ncols=2)
    assert [ax.get_title() for ax in small.axes] == ["relu", "tanh"]


def test_plot_vector_shows_inputs_and_softmax_probabilities_at_a_temperature():
    x = np.array([2.0, 1.0, 0.1])
    fig = plotting.plot_vector("softmax", x, temperature=0.5)
    left, right = fig.axes
    heights = [p.get_height() for p in right.patches]
    np.testing.assert_allclose(heights, actlib.softmax(x / 0.5))
    assert sum(heights) == pytest.approx(1)
    np.testing.assert_allclose([p.get_height() for p in left.patches], x / 0.5)
    assert "T = 0.5" in fig.get_suptitle() and "softmax" in right.get_title()
    assert left.get_xlabel() and left.get_ylabel()
    with pytest.raises(ValueError, match="elementwise"):
        plotting.plot_vector("relu")
    with pytest.raises(ValueError, match="temperature"):
        plotting.plot_vector("softmax", temperature=0)


def test_a_plot_renders_to_identical_png_bytes():
    def png():
        buf = io.BytesIO()
        plotting.plot_activation("elu").figure.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()

    assert png() == png()


# --------------------------------------------------------------------------
# the plots of actlib.experiments
# --------------------------------------------------------------------------
def test_plot_gradient_norms_draws_one_line_per_activation():
    from actlib import experiments

    ax = plotting.plot_gradient_norms(["relu", ("leaky_relu", {"alpha": 0.1})], depth=6, width=16)
    assert isinstance(ax, Axes) and ax.get_yscale() == "log"
    lines = curves(ax)
    assert [ln.get_label() for ln in lines] == ["relu", "leaky_relu (alpha = 0.1)"]
    expected = experiments.gradient_norms("relu", depth=6, width=16)
    np.testing.assert_array_equal(lines[0].get_ydata(), expected.norms)
    np.testing.assert_array_equal(lines[0].get_xdata(), np.arange(1, 7))
    assert "depth 6, width 16, he init" in ax.get_title()
    assert lines[0].get_color() != lines[1].get_color() and lines[0].get_linestyle() != lines[1].get_linestyle()
    # a precomputed result is drawn as it is
    ax = plotting.plot_gradient_norms(expected)
    np.testing.assert_array_equal(curves(ax)[0].get_ydata(), expected.norms)


def test_plot_activation_statistics_has_three_panels():
    from actlib import experiments

    fig = plotting.plot_activation_statistics(["relu", "tanh"], depth=5, width=16)
    assert isinstance(fig, Figure)
    axes = fig.axes
    assert len(axes) == 3 and axes[1].get_yscale() == "log"
    r = experiments.activation_statistics("relu", depth=5, width=16)
    for ax, values in zip(axes, (r.mean, r.std, r.zero_fraction)):
        np.testing.assert_array_equal(curves(ax)[0].get_ydata(), values)
        assert len(curves(ax)) == 2
    assert "initialisation" in fig.get_suptitle()


def test_plot_dead_units_bars_are_the_fractions():
    from actlib import experiments

    net = actlib.nn.MLP([2, 4, 1], seed=0)
    net.biases[0][:] = [-100, -100, 0, 0]
    X = np.random.default_rng(0).uniform(-1, 1, (20, 2))
    result = experiments.dead_units(net, X)
    ax = plotting.plot_dead_units(result)
    assert [p.get_height() for p in ax.patches] == [0.5]
    assert [t.get_text() for t in ax.texts] == ["2/4"]
    assert ax.get_title() == "Dead units per hidden layer"


def test_plot_comparison_shows_means_with_error_bars():
    from actlib import experiments

    table = experiments.compare_activations(["relu", "tanh"], seeds=(0, 1), epochs=1)
    fig = plotting.plot_comparison(table)
    loss_ax, acc_ax = fig.axes
    np.testing.assert_array_equal([p.get_height() for p in loss_ax.patches], table["loss_mean"])
    np.testing.assert_array_equal([p.get_height() for p in acc_ax.patches], table["accuracy_mean"])
    assert [t.get_text() for t in acc_ax.get_xticklabels()] == ["relu", "tanh"]
    assert fig.get_suptitle() == table.title and "time" not in fig.get_suptitle()
    from matplotlib.container import ErrorbarContainer

    (bars,) = [c for c in acc_ax.containers if isinstance(c, ErrorbarContainer)]
    spans = [seg[1, 1] - seg[0, 1] for seg in bars.lines[2][0].get_segments()]
    np.testing.assert_allclose(spans, 2 * table["accuracy_std"], rtol=1e-12)  # mean ± one std


def test_every_plot_gets_alt_text_in_the_book():
    """The book's notebook pages describe a figure drawn by a literal call of any of these plots."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "_ext" / "notebook_pages.py"
    spec = importlib.util.spec_from_file_location("notebook_pages", path)
    pages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pages)
    drawn = {n for n in plotting.__all__ if n.startswith("plot_") or n in ("compare", "gallery")}
    assert drawn <= set(pages.PLOTS)
    alt = pages.plot_alt_text('ax = actlib.plotting.plot_gradient_norms(["relu", "sigmoid"], depth=4, width=8)')
    assert alt.startswith("Weight-gradient norm per layer") and "relu (solid line), sigmoid (dashed line)" in alt


def test_plot_gradient_norms_names_the_gain_of_scaled_weights():
    from actlib import experiments

    runs = [experiments.gradient_norms("tanh", depth=4, width=8, init="xavier", gain=g) for g in (1.0, 2.5)]
    ax = plotting.plot_gradient_norms(runs)
    assert [ln.get_label() for ln in curves(ax)] == ["tanh", "tanh, weights × 2.5"]
    np.testing.assert_array_equal(curves(ax)[1].get_ydata(), runs[1].norms)


def test_plot_dead_units_during_training_draws_the_fraction_per_epoch():
    from actlib import experiments

    runs = [experiments.dead_units_during_training("relu", lr=lr, hidden=(8, 8), epochs=2) for lr in (0.01, 1.0)]
    ax = plotting.plot_dead_units_during_training(runs)
    lines = curves(ax)
    assert [ln.get_label() for ln in lines] == ["relu, lr = 0.01", "relu, lr = 1"]
    np.testing.assert_array_equal(lines[1].get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(lines[1].get_ydata(), runs[1].counts.sum(axis=1) / 16)
    assert "dead" in ax.get_title()
    ax = plotting.plot_dead_units_during_training(runs, count="silent")
    np.testing.assert_array_equal(curves(ax)[0].get_ydata(), runs[0].silent.sum(axis=1) / 16)
    assert "silent" in ax.get_title()
    with pytest.raises(ValueError, match="'count'"):
        plotting.plot_dead_units_during_training(runs, count="alive")


def test_plot_layer_histograms_has_a_row_per_result_and_a_column_per_layer():
    from actlib import experiments

    runs = [experiments.layer_outputs("relu", depth=5, width=8, init=i) for i in ("he", "xavier")]
    fig = plotting.plot_layer_histograms(runs, layers=(1, 5), bins=20)
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    first, last = fig.axes[0], fig.axes[1]
    heights = [p.get_height() for p in first.patches]
    assert len(heights) == 20 and abs(sum(heights) - 1) < 1e-12  # shares of all outputs, clipped values included
    assert first.get_title() == f"layer 1: rms {runs[0].rms[0]:.2g}" and last.get_title().startswith("layer 5")
    assert first.get_xlim() == last.get_xlim() or np.allclose(first.patches[0].get_x(), last.patches[0].get_x())
    assert "relu, he" in first.get_ylabel() and "relu, xavier" in fig.axes[2].get_ylabel()
    assert "depth 5, width 8" in fig.get_suptitle()
    with pytest.raises(ValueError, match="'layers'"):
        plotting.plot_layer_histograms(runs, layers=(0, 6))
    with pytest.raises(TypeError, match="'results'"):
        plotting.plot_layer_histograms(["relu"])


def test_plot_decision_boundary_shades_each_class_and_draws_the_points():
    from actlib import experiments

    X, y = experiments.xor()
    net = actlib.nn.MLP([2, 1], activation="identity", output="sigmoid", seed=0)
    net.weights[0][:] = [[1.0], [0.0]]  # class 1 exactly where x1 > 0.5
    net.biases[0][:] = [-0.5]
    ax = plotting.plot_decision_boundary(net, X, y)
    points = [c for c in ax.collections if c.get_offsets().shape[0] == 2]
    assert [c.get_label() for c in points] == ["class 0", "class 1"]
    np.testing.assert_array_equal(points[1].get_offsets(), X[y == 1])
    assert ax.get_title() == "identity hidden layers: training accuracy 0.5"
    (boundary,) = [c for c in ax.collections if hasattr(c, "allsegs") and c.levels.size == 1]
    xs = np.concatenate([seg[:, 0] for seg in boundary.allsegs[0]])
    np.testing.assert_allclose(xs, 0.5, atol=0.01)  # the vertical line x1 = 0.5
    with pytest.raises(ValueError, match="argument 'net'"):
        plotting.plot_decision_boundary(actlib.nn.MLP([2, 1], seed=0), X, y)  # identity output: no classes
    with pytest.raises(ValueError, match="arguments 'X' and 'y'"):
        plotting.plot_decision_boundary(net, X[:, :1], y)


def test_plot_ulp_errors_shows_the_naive_form_failing_where_actlib_does_not():
    fig = plotting.plot_ulp_errors(["sigmoid", ("sigmoid", "derivative")], x=[-800.0, -50.0, 0.5, 50.0])
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes] == ["sigmoid in float32", "sigmoid in float64",
                                                   "sigmoid′ in float32", "sigmoid′ in float64"]
    naive, stable = fig.axes[3].get_lines()[:2]  # sigmoid′ in float64
    assert naive.get_label() == "naive form" and stable.get_label() == "actlib"
    x = naive.get_xdata()
    np.testing.assert_array_equal(x, [-50.0, 0.5, 50.0])  # σ(−800) is below the smallest normal float: not measured
    # σ(x)(1 − σ(x)) is 0 at x = 50 (1 − σ(50) cancels to 0): a relative error of 1, 2^52 to 2^53 ulps
    assert 2.0**52 <= naive.get_ydata()[2] < 2.0**53 and stable.get_ydata()[2] <= 1
    tanh_fig = plotting.plot_ulp_errors("tanh", dtypes=np.float64, x=[0.5, 800.0])
    assert tanh_fig.axes[0].get_lines()[0].get_ydata()[1] == 1e18  # NaN from inf / inf: drawn on the top line
    assert tanh_fig.axes[0].get_lines()[1].get_ydata()[1] == 1e-2  # actlib exact: drawn at the floor
    with pytest.raises(ValueError, match="argument 'functions'"):
        plotting.plot_ulp_errors(["softmax"])
    with pytest.raises(ValueError, match="argument 'functions'"):
        plotting.plot_ulp_errors([("sigmoid", "integral")])


def test_style_leaves_the_sessions_interactive_mode_as_the_block_left_it():
    """Jupyter's inline backend turns interactive mode on when a first figure is drawn inside ``style()``;
    restoring the old value would hide every later figure of the notebook."""
    before = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with plotting.style():
            mpl.interactive(True)  # what activating the inline backend does
            mpl.rcParams["lines.linewidth"] = 9.0
        assert mpl.is_interactive()
        assert mpl.rcParams["lines.linewidth"] != 9.0  # every other setting is still scoped
        with pytest.raises(ValueError):
            with plotting.style(pristine=True):
                mpl.interactive(False)
                raise ValueError("an error inside the block")
        assert not mpl.is_interactive()
    finally:
        mpl.interactive(before)


def test_plot_maxout_draws_the_pieces_their_maximum_and_its_slope():
    ax = plotting.plot_maxout([0.0, 1.0], x=np.linspace(-2, 2, 401))
    pieces, maximum, slope = ax.get_lines()[2:4], ax.get_lines()[4], ax.get_lines()[5]  # after the two zero lines
    np.testing.assert_array_equal(maximum.get_ydata(), actlib.relu(np.linspace(-2, 2, 401)))
    assert [p.get_label() for p in pieces] == ["piece 0: 0", "piece 1: x"]
    ys = slope.get_ydata()
    assert np.nanmax(ys) == 1 and np.nanmin(ys) == 0 and np.isnan(ys).sum() == 1  # a step, drawn with one break
    assert ax.get_title() == "maxout of 2 pieces: max(0, x)"
    three = plotting.plot_maxout([-1.0, 0.5, 2.0], [0.0, 1.0, -2.0])
    x = three.get_lines()[5].get_xdata()
    np.testing.assert_allclose(three.get_lines()[5].get_ydata(), np.max([-x, 0.5 * x + 1, 2 * x - 2], axis=0))
    assert "max(−x, 0.5x + 1, 2x − 2)" in three.get_title()
    with pytest.raises(ValueError, match="'slopes'"):
        plotting.plot_maxout([])
    with pytest.raises(ValueError, match="'intercepts'"):
        plotting.plot_maxout([1.0, -1.0], [0.0])
    plt.close("all")


def test_plot_vector_names_the_temperature_only_when_it_is_not_1():
    assert "temperature" not in plotting.plot_vector("maxout", params={"pieces": 2}).get_suptitle()
    assert plotting.plot_vector("softmax", temperature=2.0).get_suptitle().endswith("temperature T = 2")
    plt.close("all")
