"""actlib.experiments: what the chapters measure in networks, deterministic and checked against what theory says."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from actlib import experiments as ex
from actlib import nn


def test_digits_split_is_a_seeded_stratified_quarter():
    a, b = ex.digits_split(seed=0), ex.digits_split(seed=0)
    assert a.X_train.shape == (1347, 64) and a.X_test.shape == (450, 64)
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.y_test, ex.digits_split(seed=1).y_test)
    assert 0.0 == a.X_train.min() and a.X_train.max() == 1.0  # grey levels 0..16 divided by 16
    # stratified: each digit's test share is a quarter of its rows, to the nearest row
    assert np.all(np.abs(np.bincount(a.y_test) - np.bincount(np.concatenate([a.y_train, a.y_test])) / 4) <= 1)
    with pytest.raises(ValueError, match="'test_fraction'"):
        ex.digits_split(test_fraction=1.0)


def test_gradient_norms_vanish_through_sigmoid_and_not_through_relu_with_he():
    sig = ex.gradient_norms("sigmoid", depth=20, init="xavier")
    relu = ex.gradient_norms("relu", depth=20, init="he")
    assert sig.norms.shape == relu.norms.shape == (20,) and list(sig.layers) == list(range(1, 21))
    # sigmoid' <= 1/4: each layer back shrinks the gradient, by orders of magnitude over 20 layers
    assert sig.norms[0] < 1e-6 * sig.norms[-1]
    assert np.all(np.diff(np.log(sig.norms)) > 0)
    # He initialisation keeps ReLU's gradients within a factor of 10 across 20 layers
    assert relu.norms.max() < 10 * relu.norms.min()


def test_gradient_norms_are_those_of_the_network_they_describe():
    r = ex.gradient_norms(("leaky_relu", {"alpha": 0.2}), depth=3, width=8, init="lecun", seed=4, n_samples=16)
    net = nn.MLP([8, 8, 8, 8, 1], activation=("leaky_relu", {"alpha": 0.2}), init="lecun", seed=4)
    rng = np.random.default_rng(5)
    X, y = rng.standard_normal((16, 8)), rng.standard_normal((16, 1))
    expected = [np.linalg.norm(dw) for dw, _ in net.loss_and_grads(X, y)[1][:3]]
    np.testing.assert_array_equal(r.norms, expected)
    assert r.activation == "leaky_relu (alpha = 0.2)" and (r.init, r.depth, r.width) == ("lecun", 3, 8)


def test_experiments_are_deterministic():
    for f in (ex.gradient_norms, ex.activation_statistics):
        a, b = f("gelu", depth=5, seed=3), f("gelu", depth=5, seed=3)
        for field in ("norms", "mean", "std", "zero_fraction"):
            if hasattr(a, field):
                assert np.array_equal(getattr(a, field), getattr(b, field))
    t1 = ex.compare_activations(["relu"], seeds=(0, 1), epochs=1)
    t2 = ex.compare_activations(["relu"], seeds=(0, 1), epochs=1)
    assert str(t1.drop("time_mean", "time_std")) == str(t2.drop("time_mean", "time_std"))


def test_activation_statistics():
    relu = ex.activation_statistics("relu", depth=10, width=64, init="he")
    tanh = ex.activation_statistics("tanh", depth=10, width=64, init="xavier")
    assert relu.mean.shape == relu.std.shape == relu.zero_fraction.shape == (10,)
    # a ReLU unit is exactly zero on about half its inputs; tanh never is
    assert np.all((relu.zero_fraction > 0.3) & (relu.zero_fraction < 0.7))
    assert np.all(tanh.zero_fraction == 0)
    assert np.all(relu.mean > 0) and np.all(np.abs(tanh.mean) < 0.05)
    # tanh with Xavier initialisation shrinks the spread layer after layer (Glorot & Bengio, 2010)
    assert tanh.std[-1] < tanh.std[0]
    # checked against a direct computation
    net = nn.MLP([64] * 11 + [1], activation="relu", init="he", seed=0)
    X = np.random.default_rng(1).standard_normal((256, 64))
    a3 = net.forward(X).activations[2]
    assert relu.zero_fraction[2] == np.mean(a3 == 0) and relu.std[2] == a3.std()


def test_dead_units_counts_units_zero_on_every_sample():
    net = nn.MLP([2, 4, 3, 1], activation="relu", seed=0)
    net.biases[0][:] = [-100, 0, 0, -100]  # units 0 and 3 of layer 1 never fire on small inputs
    net.weights[1][:] = np.abs(net.weights[1]) + 0.1  # units 0 and 1 of layer 2 fire whenever layer 1 does
    net.biases[1][:] = [0, 0, -100]
    X = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    d = ex.dead_units(net, X)
    assert list(d.counts) == [2, 1] and list(d.widths) == [4, 3]
    np.testing.assert_array_equal(d.fractions, [0.5, 1 / 3])
    assert list(d.layers) == [1, 2] and d.activation == "relu"
    # dead means exactly zero: zero weights and bias make a dead unit, a bias of 1e-9 a live one
    net.biases[1][2] = 0.0
    net.weights[1][:, 2] = 0.0
    assert ex.dead_units(net, X).counts[1] == 1
    net.biases[1][2] = 1e-9
    assert ex.dead_units(net, X).counts[1] == 0
    with pytest.raises(TypeError, match="'net'"):
        ex.dead_units("relu", X)


def test_dead_units_after_training_with_a_large_learning_rate():
    small = ex.dead_units_after_training("relu", lr=0.01)
    large = ex.dead_units_after_training("relu", lr=1.0)
    leaky = ex.dead_units_after_training("leaky_relu", lr=0.1)
    assert large.counts.sum() > small.counts.sum()
    assert large.fractions.max() > 0.5
    assert leaky.counts.sum() == 0  # a leaky unit is never exactly zero on every sample


def test_compare_activations_table():
    t = ex.compare_activations(["relu", ("leaky_relu", {"alpha": 0.1})], seeds=(0, 1), epochs=2)
    assert list(t.columns) == ["activation", "loss_mean", "loss_std", "accuracy_mean", "accuracy_std", "time_mean", "time_std"]
    assert list(t["activation"]) == ["relu", "leaky_relu (alpha = 0.1)"] and len(t) == 2
    assert np.all((t["accuracy_mean"] > 0.8) & (t["accuracy_mean"] <= 1))
    assert np.all(t["loss_std"] > 0) and np.all(t["time_mean"] > 0)
    # the means and standard deviations are those of the individual runs
    data = ex.digits_split()
    accs = []
    for seed in (0, 1):
        net = nn.MLP([64, 32, 10], activation="relu", output="softmax", seed=seed)
        net.fit(data.X_train, data.y_train, 2, batch_size=64, lr=1e-2, progress=False, seed=seed)
        accs.append(net.accuracy(data.X_test, data.y_test))
    assert t["accuracy_mean"][0] == np.mean(accs) and t["accuracy_std"][0] == np.std(accs)
    md = t._repr_markdown_()
    assert md.startswith("**digits") and "| activation | loss_mean |" in md and "| relu |" in md
    text = str(t.drop("time_mean", "time_std"))
    assert "time" not in text and "leaky_relu (alpha = 0.1)" in text
    with pytest.raises(KeyError, match="nope"):
        t.drop("nope")
    with pytest.raises(ValueError, match="'seeds'"):
        ex.compare_activations(["relu"], seeds=())


def test_table_rejects_ragged_columns():
    with pytest.raises(ValueError, match="'columns'"):
        ex.Table({"a": [1, 2], "b": [1]})


def test_importing_nn_and_experiments_stays_light():
    code = (
        "import sys, actlib; actlib.nn; actlib.experiments; "
        "print(sorted(m for m in ('matplotlib', 'sklearn', 'tqdm', 'ipywidgets', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("call, exc, match", [
    (lambda: ex.gradient_norms(depth=0), ValueError, "'depth'"),
    (lambda: ex.gradient_norms(width=2.5), ValueError, "'width'"),
    (lambda: ex.activation_statistics(n_samples=True), ValueError, "'n_samples'"),
    (lambda: ex.activation_statistics(init="orthogonal"), ValueError, "'init'"),
    (lambda: ex.gradient_norms("relux"), KeyError, "'activation'.*relux"),
    (lambda: ex.dead_units(nn.MLP([2, 3, 1]), np.zeros((4, 3))), ValueError, "'X'"),
    (lambda: ex.compare_activations(["relu"], seeds=[-1]), ValueError, "'seed'"),
])
def test_bad_arguments_are_named(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_gradient_norms_gain_scales_the_weights_and_can_make_tanh_gradients_explode():
    plain = ex.gradient_norms("tanh", depth=4, width=8, init="xavier", seed=2, n_samples=16)
    assert plain.gain == 1.0
    np.testing.assert_array_equal(ex.gradient_norms("tanh", depth=4, width=8, init="xavier", seed=2, n_samples=16, gain=1).norms,
                                  plain.norms)
    # the network the result describes: the same weights, each matrix times the gain
    net = nn.MLP([8] * 5 + [1], activation="tanh", init="xavier", seed=2)
    for W in net.weights:
        W *= 3.0
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((16, 8)), rng.standard_normal((16, 1))
    expected = [np.linalg.norm(dw) for dw, _ in net.loss_and_grads(X, y)[1][:4]]
    r = ex.gradient_norms("tanh", depth=4, width=8, init="xavier", seed=2, n_samples=16, gain=3.0)
    np.testing.assert_array_equal(r.norms, expected)
    assert r.gain == 3.0
    # Xavier keeps tanh's gradients within a factor of 10 over 20 layers; four times larger weights make them grow
    ok = ex.gradient_norms("tanh", depth=20, init="xavier")
    big = ex.gradient_norms("tanh", depth=20, init="xavier", gain=4.0)
    assert ok.norms.max() < 10 * ok.norms.min()
    assert big.norms[0] > 1e3 * big.norms[-1]
    for bad in (0, -1.0, float("nan"), float("inf"), True, "2"):
        with pytest.raises(ValueError, match="'gain'"):
            ex.gradient_norms(depth=2, width=4, gain=bad)


def test_dead_units_during_training_counts_after_every_epoch():
    r = ex.dead_units_during_training("relu", lr=0.3, hidden=(16, 8), epochs=3)
    assert r.counts.shape == r.silent.shape == (4, 2) and list(r.epochs) == [0, 1, 2, 3] and r.accuracy.shape == (4,)
    assert list(r.widths) == [16, 8] and r.activation == "relu" and r.lr == 0.3
    # its last row is what dead_units_after_training counts (the same training)
    after = ex.dead_units_after_training("relu", lr=0.3, hidden=(16, 8), epochs=3)
    np.testing.assert_array_equal(r.counts[-1], after.counts)
    # the first row is the untrained network
    data = ex.digits_split()
    before = ex.dead_units(nn.MLP([64, 16, 8, 10], activation="relu", output="softmax", seed=0), data.X_train)
    np.testing.assert_array_equal(r.counts[0], before.counts)
    # for ReLU a unit is dead exactly when its pre-activation is never positive; a leaky unit is never zero
    np.testing.assert_array_equal(r.counts, r.silent)
    leaky = ex.dead_units_during_training("leaky_relu", lr=0.3, hidden=(16, 8), epochs=3)
    assert leaky.counts.sum() == 0 and leaky.silent.sum() > 0
    np.testing.assert_allclose(r.fractions, r.counts.sum(axis=1) / 24)
    # a large learning rate kills more units than a small one
    assert ex.dead_units_during_training("relu", lr=0.01, hidden=(16, 8), epochs=3).counts[-1].sum() < r.counts[-1].sum()


def test_layer_outputs_are_the_values_activation_statistics_summarises():
    r = ex.layer_outputs("tanh", depth=6, width=16, init="xavier", seed=1, n_samples=32)
    s = ex.activation_statistics("tanh", depth=6, width=16, init="xavier", seed=1, n_samples=32)
    assert len(r.values) == 6 and all(v.shape == (32, 16) for v in r.values) and list(r.layers) == list(range(1, 7))
    np.testing.assert_allclose([v.mean() for v in r.values], s.mean, rtol=1e-12)
    np.testing.assert_allclose([v.std() for v in r.values], s.std, rtol=1e-12)
    np.testing.assert_allclose(r.rms, np.sqrt(s.mean ** 2 + s.std ** 2), rtol=1e-12)
    assert (r.activation, r.init, r.depth, r.width) == ("tanh", "xavier", 6, 16)
    # the variance argument: ReLU with LeCun's 1/n_in halves the second moment per layer; He's 2/n_in keeps it
    lecun = ex.layer_outputs("relu", depth=20, init="lecun").rms
    he = ex.layer_outputs("relu", depth=20, init="he").rms
    assert lecun[-1] < 1e-2 * lecun[0] and 0.1 * he[0] < he[-1] < 10 * he[0]


def test_xor_and_two_spirals_are_seeded_data_no_line_separates():
    X, y = ex.xor()
    assert X.shape == (4, 2) and y.tolist() == [0, 1, 1, 0]
    X[0] = 9.0
    assert ex.xor()[0][0].tolist() == [0.0, 0.0]  # new arrays each call
    X, y = ex.two_spirals(200, seed=3)
    X2, y2 = ex.two_spirals(200, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert X.shape == (200, 2) and set(y.tolist()) == {0, 1}
    Xc, yc = ex.two_spirals(50, noise=0.0, seed=1)
    r = np.hypot(*Xc.T)
    angle = np.arctan2(Xc[:, 1], Xc[:, 0])
    expected = 2 * np.pi * 1.25 * r + np.pi * yc  # the defining formula, modulo a full turn
    np.testing.assert_allclose(np.angle(np.exp(1j * (angle - expected))), 0, atol=1e-9)
    from sklearn.linear_model import LogisticRegression

    assert LogisticRegression().fit(X, y).score(X, y) < 0.8  # no straight line separates them
    for bad in ({"n": 1}, {"n": 2.5}, {"turns": -1.0}, {"noise": float("nan")}):
        with pytest.raises(ValueError, match=f"argument '{next(iter(bad))}'"):
            ex.two_spirals(**bad)


@pytest.mark.parametrize("name", ["swiglu", "geglu"])
def test_statistics_of_an_overflowing_gated_network_follow_ieee_without_warnings(name):
    # He initialisation and a gated unit (value times gate) grow the signal until it overflows.
    stats = ex.activation_statistics(name, depth=16, init="he")
    assert not np.isfinite(stats.std[-1]) and np.isfinite(stats.std[0])
