"""actlib.widgets: the kernel-free explorer for the book and the live ipywidgets explorer."""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")  # before pyplot

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import actlib  # noqa: E402
from actlib.widgets import explore, slider_range, static_explorer  # noqa: E402

LIMIT = 300_000


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def leaky():
    return static_explorer("leaky_relu").data


def frames(page):
    return re.findall(r"<img [^>]*>", page)


def labels(page):
    return re.findall(r'data-label="([^"]*)"', page)


# --------------------------------------------------------------------------
# static_explorer
# --------------------------------------------------------------------------
def test_static_explorer_is_offline_small_and_has_one_frame_per_value(leaky):
    assert "http" not in leaky.lower() and "<script src" not in leaky
    assert len(leaky.encode()) < LIMIT
    imgs = frames(leaky)
    assert len(imgs) == len(labels(leaky)) == 7
    assert all(i.startswith('<img src="data:image/png;base64,') for i in imgs)
    pngs = [base64.b64decode(m) for m in re.findall(r"base64,([A-Za-z0-9+/=]+)", leaky)]
    assert all(p.startswith(b"\x89PNG") for p in pngs) and len(set(pngs)) == 7  # each frame differs
    assert b"Software" not in b"".join(pngs) and b"tIME" not in b"".join(pngs)  # no version or date stamp


def test_static_explorer_slider_names_the_parameter_and_its_current_value(leaky):
    assert labels(leaky) == [f"alpha = {v:g}" for v in (0, 0.01, 0.2, 0.4, 0.6, 0.8, 1)]
    assert "<output>alpha = 0.01</output>" in leaky  # starts at the default
    assert re.search(r'<input type="range" min="0" max="6" step="1" value="1"', leaky)
    assert 'aria-valuetext="alpha = 0.01"' in leaky and "Slide to change alpha" in leaky
    visible = [i for i, img in enumerate(frames(leaky)) if " hidden" not in img]
    assert visible == [1]
    alts = re.findall(r'alt="([^"]*)"', leaky)
    assert len(alts) == 7 and all("leaky_relu" in a and "derivative" in a for a in alts)
    assert "alpha = 0.4" in alts[3]


def test_static_explorer_is_byte_identical_across_calls_whatever_the_callers_rcparams(leaky):
    with matplotlib.rc_context({"lines.linewidth": 6, "font.size": 20, "axes.facecolor": "black"}):
        assert static_explorer("leaky_relu").data == leaky


def test_static_explorer_is_byte_identical_in_a_fresh_process():
    code = "import hashlib, actlib.widgets as w; print(hashlib.sha256(w.static_explorer('softplus').data.encode()).hexdigest())"
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == hashlib.sha256(static_explorer("softplus").data.encode()).hexdigest()


def test_static_explorer_with_chosen_values_and_other_params():
    page = static_explorer("elu", "alpha", [0.5, 1.0, 2.0]).data
    assert labels(page) == ["alpha = 0.5", "alpha = 1", "alpha = 2"]
    assert [" hidden" not in i for i in frames(page)] == [False, True, False]
    fixed = static_explorer("hard_tanh", "min_val", [-2.0, -1.0], params={"max_val": 2.0}).data
    assert "max_val = 2" in re.findall(r'alt="([^"]*)"', fixed)[0]


def test_static_explorer_defaults_for_each_kind_of_activation():
    zoom = static_explorer("relu").data  # no parameter: the slider zooms the x-range
    assert labels(zoom)[0] == "x range = [−1, 1]" and len(frames(zoom)) == 5
    assert "Slide to change x range" in zoom
    assert labels(static_explorer("gelu").data) == ["approximate = False", "approximate = True"]
    assert labels(static_explorer("hard_tanh").data) == ["min_val = -2", "min_val = -1", "min_val = 0"]  # min_val < max_val only
    softmax = static_explorer("softmax").data
    assert labels(softmax) == [f"temperature T = {t:g}" for t in (0.25, 0.5, 1, 2, 4)]
    assert len(softmax.encode()) < LIMIT and "inputs" in re.findall(r'alt="([^"]*)"', softmax)[0]


def test_static_explorer_rejects_unknown_parameters():
    with pytest.raises(ValueError, match="no parameter 'beta'"):
        static_explorer("elu", "beta")
    with pytest.raises(ValueError, match="temperature"):
        static_explorer("relu", "temperature")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs a headless chromium")
def test_static_explorer_slider_switches_frames_in_a_browser(tmp_path, leaky):
    driver = """<script>
    var r = document.querySelector('input[type=range]'); r.value = 4; r.dispatchEvent(new Event('input'));
    document.body.dataset.visible = Array.from(document.querySelectorAll('img')).map(m => m.hidden ? 0 : 1).join('');
    document.body.dataset.output = document.querySelector('output').textContent;
    </script>"""
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><body>{leaky}{driver}</body></html>", encoding="utf-8")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=60,
    ).stdout
    assert 'data-visible="0000100"' in dom and 'data-output="alpha = 0.6"' in dom


# --------------------------------------------------------------------------
# explore
# --------------------------------------------------------------------------
def curve(explorer, i=0):
    ax = explorer.figures[i].axes[0]
    return [np.asarray(ln.get_ydata()) for ln in ax.get_lines() if not ln.get_label().startswith("_")]


def test_explore_has_a_control_per_parameter_and_returns_a_widget():
    e = explore(["leaky_relu", "hard_tanh", "gelu", "softmax"])
    assert isinstance(e, ipywidgets.VBox)
    assert list(e.controls) == ["x_range", "leaky_relu.alpha", "hard_tanh.min_val", "hard_tanh.max_val",
                                "gelu.approximate", "softmax.temperature"]
    assert isinstance(e.controls["gelu.approximate"], ipywidgets.Checkbox)
    assert isinstance(e.controls["leaky_relu.alpha"], ipywidgets.FloatSlider)
    assert e.controls["leaky_relu.alpha"].value == 0.01
    assert e.controls["leaky_relu.alpha"].description == "leaky_relu: alpha"
    assert all(bytes(img.value).startswith(b"\x89PNG") for img in e.images)
    assert len(e.images) == 4 and set(e.controls.values()) <= set(e.children)


def test_moving_a_slider_redraws_the_data():
    e = explore("elu")
    assert explore("elu").controls["elu.alpha"].description == "alpha"
    before, png = curve(e), e.images[0].value
    e.controls["elu.alpha"].value = 2.0
    after = curve(e)
    assert after[0][0] == pytest.approx(actlib.elu(-5.0, alpha=2.0))
    assert not np.allclose(before[0], after[0]) and e.images[0].value != png
    e.controls["x_range"].value = (-1.0, 3.0)
    xs = e.figures[0].axes[0].get_lines()[-1].get_xdata()
    assert xs[0] == -1 and xs[-1] == 3


def test_checkbox_and_temperature_redraw_their_own_panel():
    e = explore(["gelu", "softmax"])
    gelu_png, softmax_png = e.images[0].value, e.images[1].value
    e.controls["gelu.approximate"].value = True
    assert "approximate = True" in e.figures[0].axes[0].get_title()
    assert e.images[0].value != gelu_png and e.images[1].value == softmax_png
    e.controls["softmax.temperature"].value = 0.1
    probs = [p.get_height() for p in e.figures[1].axes[1].patches]
    assert max(probs) > 0.99 and e.images[1].value != softmax_png


def test_an_invalid_combination_shows_a_message_instead_of_raising():
    e = explore("hard_tanh")
    png = e.images[0].value
    e.controls["hard_tanh.min_val"].value = 1.5
    assert "must be less than" in e.status.value and e.images[0].value == png
    e.controls["hard_tanh.min_val"].value = -0.5
    assert e.status.value == "" and e.images[0].value != png


def test_slider_ranges_follow_the_parameter_kind_and_can_be_overridden():
    assert slider_range("leaky_relu", "alpha")[:2] == (0.0, 1.0)
    lo, hi, _ = slider_range("softplus", "beta")
    assert 0 < lo < 1 < hi
    assert slider_range("hard_tanh", "min_val")[:2] == (-2.0, 2.0)
    e = explore("elu", ranges={"alpha": (0.0, 2.0, 0.1)})
    assert (e.controls["elu.alpha"].min, e.controls["elu.alpha"].max, e.controls["elu.alpha"].step) == (0.0, 2.0, 0.1)


def test_explore_rejects_bad_arguments():
    with pytest.raises(ValueError, match="x_range"):
        explore("relu", x_range=(3, 1))
    with pytest.raises(ValueError):
        explore([])
    with pytest.raises(KeyError):
        explore("nonexistent")


def test_a_count_without_default_starts_at_2_and_an_invalid_count_shows_a_message():
    e = explore("maxout")  # pieces has no default
    slider = e.controls["maxout.pieces"]
    assert isinstance(slider, ipywidgets.IntSlider) and slider.value == 2
    assert [p.get_height() for p in e.figures[0].axes[1].patches] == [2.0, 0.5, -0.5]  # six default inputs, pairs
    slider.value = 4  # does not divide six
    assert "not divisible by pieces=4" in e.status.value
    slider.value = 3
    assert e.status.value == "" and len(e.figures[0].axes[1].patches) == 2
