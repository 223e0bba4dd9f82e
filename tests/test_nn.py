"""actlib.nn: gradients against finite differences and torch, training, determinism, errors, progress bars."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import actlib
from actlib import nn
from actlib.experiments import digits_split

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def _data(net: nn.MLP, n: int = 7, seed: int = 1):
    """Inputs and targets of the right kind for ``net``'s output."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, net.sizes[0]))
    k = net.sizes[-1]
    if net.output == "softmax":
        y = rng.integers(0, k, n)
    elif net.output == "sigmoid":
        y = rng.integers(0, 2, n).astype(float)
    else:
        y = rng.standard_normal((n, k))
    return X, y


def _all_params(net: nn.MLP, grads: nn.Gradients):
    """(array, gradient) for every trained array of ``net``."""
    pairs = list(zip(net.weights, grads.weights)) + list(zip(net.biases, grads.biases))
    for params, dparams in zip(net.activation_params, grads.activation_params):
        assert params.keys() == dparams.keys()
        pairs += [(params[k], dparams[k]) for k in params]
    return pairs


def _loss(net, X, y) -> float:
    return net.loss_and_grads(X, y)[0]


def _relative_error(a, b) -> float:
    a, b = np.ravel(a), np.ravel(b)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def _finite_difference_check(net, X, y, h=1e-6, tol=1e-6):
    grads = net.backward(net.forward(X), y)
    for p, g in _all_params(net, grads):
        assert g.shape == p.shape
        numeric = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = _loss(net, X, y)
            p[idx] = old - h
            down = _loss(net, X, y)
            p[idx] = old
            numeric[idx] = (up - down) / (2 * h)
        assert _relative_error(g, numeric) < tol


# Hidden activations, chosen to cover a kink, saturation, a learnable
# parameter (scalar and per-unit), maxout's pieces and the GLU family's halves.
HIDDEN = [
    "relu",
    "tanh",
    "sigmoid",
    ("leaky_relu", {"alpha": 0.1}),
    "elu",
    "gelu",
    "silu",
    "softplus",
    "prelu",
    ("prelu", {"alpha": np.array([0.1, 0.2, 0.3, 0.4, 0.5])}),
    ("maxout", {"pieces": 3}),
    "glu",
    "swiglu",
    "geglu",
    ["tanh", ("prelu", {"alpha": -0.2})],
]


@pytest.mark.parametrize("output", nn.OUTPUTS)
@pytest.mark.parametrize("activation", HIDDEN, ids=lambda a: str(a)[:40])
def test_gradients_match_central_differences(activation, output):
    sizes = [4, 5, 5, 3] if isinstance(activation, list) else [4, 5, 3]
    if output == "sigmoid":
        sizes[-1] = 1
    net = nn.MLP(sizes, activation=activation, output=output, init="xavier", seed=3)
    for b in net.biases:  # non-zero biases, so their gradients are tested in general position
        b += np.random.default_rng(4).normal(0, 0.1, b.shape)
    X, y = _data(net)
    _finite_difference_check(net, X, y)


def test_finite_difference_check_can_fail(monkeypatch):
    """The check rejects gradients that are slightly wrong: those of a leaky ReLU with slope 0.11, not 0.1."""
    net = nn.MLP([3, 4, 2], activation=("leaky_relu", {"alpha": 0.1}), seed=0)
    other = nn.MLP([3, 4, 2], activation=("leaky_relu", {"alpha": 0.11}), seed=0)
    X, y = _data(net)
    monkeypatch.setattr(net, "backward", other.backward)
    with pytest.raises(AssertionError):
        _finite_difference_check(net, X, y)


def test_prelu_alpha_gradient_and_training():
    net = nn.MLP([4, 6, 2], activation="prelu", output="softmax", seed=0)
    assert [set(d) for d in net.activation_params] == [{"alpha"}]
    assert net.activation_params[0]["alpha"].shape == () and net.activation_params[0]["alpha"] == 0.25
    X, y = _data(net, n=40)
    before = net.activation_params[0]["alpha"].copy()
    net.fit(X, y, epochs=3, lr=1e-2, progress=False)
    assert net.activation_params[0]["alpha"] != before  # learned, not fixed


def test_fixed_parameters_are_not_learned():
    net = nn.MLP([4, 6, 2], activation=("elu", {"alpha": 0.5}), seed=0)
    assert net.activation_params == [{}]


# --------------------------------------------------------------------------
# torch autograd as an independent reference
# --------------------------------------------------------------------------
def _torch_model(net: nn.MLP, torch):
    """The same network in torch (float64), sharing the initial values."""
    F = torch.nn.functional
    Ws = [torch.tensor(w, requires_grad=True) for w in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    alphas = [{k: torch.tensor(v, requires_grad=True) for k, v in d.items()} for d in net.activation_params]

    def hidden(i, z):
        layer = net._hidden[i]
        name, p = layer.activation.name, layer.params
        if name == "prelu":
            return torch.where(z > 0, z, alphas[i]["alpha"] * z)
        if name == "maxout":
            return z.reshape(z.shape[0], -1, p["pieces"]).amax(dim=-1)
        return {
            "relu": F.relu, "tanh": torch.tanh, "elu": F.elu, "gelu": F.gelu, "silu": F.silu,
            "glu": lambda t: F.glu(t, dim=-1),
            "swiglu": lambda t: t[:, : t.shape[1] // 2] * F.silu(t[:, t.shape[1] // 2:]),
        }[name](z)

    def loss(X, y):
        a = torch.tensor(X)
        for i, (W, b) in enumerate(zip(Ws, bs)):
            z = a @ W + b
            a = hidden(i, z) if i < len(Ws) - 1 else z
        if net.output == "softmax":
            return F.cross_entropy(a, torch.tensor(y))
        if net.output == "sigmoid":
            return F.binary_cross_entropy_with_logits(a, torch.tensor(y, dtype=torch.float64).reshape(-1, 1))
        return F.mse_loss(a, torch.tensor(y, dtype=torch.float64).reshape(a.shape))

    return Ws, bs, alphas, loss


TORCH_CASES = [("relu", "softmax"), ("tanh", "identity"), ("elu", "sigmoid"), ("gelu", "softmax"),
               ("silu", "identity"), ("prelu", "softmax"), (("maxout", {"pieces": 2}), "softmax"),
               ("glu", "sigmoid"), ("swiglu", "identity")]


@pytest.mark.parametrize("activation, output", TORCH_CASES, ids=lambda a: str(a)[:30])
def test_loss_and_gradients_agree_with_torch(activation, output):
    torch = pytest.importorskip("torch")
    net = nn.MLP([5, 6, 6, 1 if output == "sigmoid" else 3], activation=activation, output=output, seed=2)
    X, y = _data(net, n=11)
    ours = net.backward(net.forward(X), y)
    Ws, bs, alphas, loss_fn = _torch_model(net, torch)
    loss = loss_fn(X, y)
    loss.backward()
    assert math.isclose(ours.loss, loss.item(), rel_tol=1e-12)
    for mine, theirs in zip(ours.weights + ours.biases, Ws + bs):
        assert _relative_error(mine, theirs.grad.numpy()) < 1e-12
    for mine, theirs in zip(ours.activation_params, alphas):
        for k in theirs:
            assert _relative_error(mine[k], theirs[k].grad.numpy()) < 1e-12


@pytest.mark.parametrize("optimizer", nn.OPTIMIZERS)
def test_optimizers_agree_with_torch(optimizer):
    """Full-batch steps (the batch order only changes the rounding of sums) against torch.optim."""
    torch = pytest.importorskip("torch")
    net = nn.MLP([5, 8, 3], activation="prelu", output="softmax", seed=5)
    X, y = _data(net, n=20)
    Ws, bs, alphas, loss_fn = _torch_model(net, torch)
    groups = [{"params": Ws, "weight_decay": 0.01}, {"params": bs + [a["alpha"] for a in alphas]}]
    opt = (torch.optim.SGD(groups, lr=0.05, momentum=0.9) if optimizer == "sgd"
           else torch.optim.Adam(groups, lr=0.01))
    for _ in range(4):
        opt.zero_grad()
        loss_fn(X, y).backward()
        opt.step()
    net.fit(X, y, epochs=4, batch_size=20, optimizer=optimizer, lr=0.05 if optimizer == "sgd" else 0.01,
            weight_decay=0.01, progress=False)
    for mine, theirs in zip(net.weights + net.biases + [net.activation_params[0]["alpha"]],
                            Ws + bs + [alphas[0]["alpha"]]):
        assert _relative_error(mine, theirs.detach().numpy()) < 1e-9


# --------------------------------------------------------------------------
# shapes, losses, initialisation
# --------------------------------------------------------------------------
def test_shapes_with_maxout_and_glu_hidden_layers():
    net = nn.MLP([4, 5, 6, 2], activation=[("maxout", {"pieces": 3}), "glu"], output="softmax")
    assert [w.shape for w in net.weights] == [(4, 15), (5, 12), (6, 2)]
    assert [b.shape for b in net.biases] == [(15,), (12,), (2,)]
    X, y = _data(net)
    fw = net.forward(X)
    assert [z.shape for z in fw.pre_activations] == [(7, 15), (7, 12), (7, 2)]
    assert [a.shape for a in fw.activations] == [(7, 5), (7, 6), (7, 2)]
    np.testing.assert_allclose(net.predict(X).sum(axis=1), 1.0, rtol=1e-15)
    loss, grads = net.loss_and_grads(X, y)
    assert [(dw.shape, db.shape) for dw, db in grads] == [(w.shape, b.shape) for w, b in zip(net.weights, net.biases)]
    norms = net.backward(fw, y).norms
    assert norms.shape == (3,) and np.all(norms > 0)


def test_activation_objects_and_lists_are_accepted():
    a = nn.MLP([3, 4, 4, 1], activation=actlib.tanh, seed=0)
    b = nn.MLP([3, 4, 4, 1], activation=["tanh", ("tanh", {})], seed=0)
    X = np.ones((2, 3))
    np.testing.assert_array_equal(a.predict(X), b.predict(X))
    assert "tanh" in repr(a)


def test_predict_outputs():
    for output, check in (("sigmoid", lambda p: np.all((p > 0) & (p < 1)) and p.shape == (7, 1)),
                          ("softmax", lambda p: np.allclose(p.sum(axis=1), 1)),
                          ("identity", lambda p: p.shape == (7, 1))):
        net = nn.MLP([3, 4, 1 if output != "softmax" else 3], output=output)
        assert check(net.predict(_data(net)[0]))


@pytest.mark.parametrize("init, variance", [("he", lambda i, o: 2 / i), ("lecun", lambda i, o: 1 / i),
                                            ("xavier", lambda i, o: 2 / (i + o))])
def test_init_std_and_the_drawn_weights(init, variance):
    assert nn.init_std(init, 300, 100) == pytest.approx(math.sqrt(variance(300, 100)), rel=1e-15)
    net = nn.MLP([300, 100, 1], init=init, seed=0)
    drawn = net.weights[0]
    # 30 000 draws: the sample variance is within 2 % of the true one (about 2.5 standard errors)
    assert drawn.var() == pytest.approx(variance(300, 100), rel=0.02)
    assert abs(drawn.mean()) < 3 * math.sqrt(variance(300, 100) / drawn.size)
    assert np.all(net.biases[0] == 0)


def test_init_counts_every_linear_output():
    net = nn.MLP([10, 4, 1], activation=("maxout", {"pieces": 5}), init="xavier", seed=0)
    assert net.weights[0].shape == (10, 20)
    # xavier's n_out is the linear map's 20 outputs, not the 4 units
    assert nn.init_std("xavier", 10, 20) != nn.init_std("xavier", 10, 4)


def test_losses_are_stable_for_huge_logits():
    """Finite logits give finite losses without warnings (pytest turns warnings into errors)."""
    net = nn.MLP([1, 2], output="softmax")
    z = np.array([[1e300, -1e300], [0.0, -100.0], [40.0, -40.0]])
    loss, g = net._loss(z, np.array([1, 0, 0]))
    assert np.isfinite(loss) and np.all(np.isfinite(g))
    # the second and third rows' losses are tiny but exact: log1p, not log(softmax)
    _, g0 = net._loss(z[1:2], np.array([0]))
    assert net._loss(z[1:2], np.array([0]))[0] == pytest.approx(math.exp(-100), rel=1e-12)
    assert loss == pytest.approx((2e300 + math.exp(-100) + math.exp(-80)) / 3, rel=1e-12)

    net = nn.MLP([1, 1], output="sigmoid")
    z = np.array([[1e300], [-1e300], [40.0], [-40.0]])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    loss, g = net._loss(z, y.reshape(-1, 1))
    assert loss == pytest.approx(2 * math.log1p(math.exp(-40)) / 4, rel=1e-12)  # not 0: no cancellation
    assert np.all(np.isfinite(g))
    loss, _ = net._loss(np.array([[1e300], [-1e300]]), np.array([[0.0], [1.0]]))
    assert loss == pytest.approx(1e300, rel=1e-12)

    net = nn.MLP([1, 1], output="identity")
    loss, _ = net._loss(np.full((3, 1), 1e154), np.zeros((3, 1)))  # the sum of squares overflows, the mean does not
    assert loss == pytest.approx(1e308, rel=1e-12)
    loss, g = net._loss(np.array([[1e300]]), np.array([[-1e300]]))  # the exact loss is beyond float: inf, quietly
    assert loss == math.inf


def test_accuracy_and_history():
    net = nn.MLP([4, 8, 3], output="softmax", seed=0)
    X, y = _data(net, n=30)
    h = net.fit(X, y, epochs=3, batch_size=8, validation=(X, y), progress=False)
    assert list(h.epoch) == [1, 2, 3]
    assert h.loss.shape == h.accuracy.shape == h.val_loss.shape == h.val_accuracy.shape == h.time.shape == (3,)
    assert h.val_accuracy[-1] == net.accuracy(X, y)
    assert h.val_loss[-1] == pytest.approx(net.loss_and_grads(X, y)[0], rel=1e-15)
    assert np.all(h.time >= 0)
    ident = nn.MLP([4, 2], seed=0)
    h = ident.fit(X, np.zeros((30, 2)), epochs=1, progress=False)
    assert np.isnan(h.accuracy[0]) and np.isnan(h.val_loss[0])


def test_a_diverging_run_is_recorded_quietly():
    """Too large a learning rate drives the weights to inf: the history shows it, with no warning on the way."""
    net = nn.MLP([4, 16, 3], activation="leaky_relu", output="softmax", seed=0)
    X, y = _data(net, n=64)
    h = net.fit(X * 100, y, epochs=30, optimizer="sgd", lr=1e3, progress=False)
    assert not np.isfinite(h.loss[-1]) or h.loss[-1] > 1e6
    assert not all(np.all(np.isfinite(w)) for w in net.weights)
    net.predict(X)  # still quiet


# --------------------------------------------------------------------------
# determinism and the digits benchmark
# --------------------------------------------------------------------------
def test_same_seed_same_weights_bit_for_bit():
    def trained(seed, fit_seed):
        net = nn.MLP([4, 8, 8, 3], activation="prelu", output="softmax", seed=seed)
        X, y = _data(net, n=50)
        net.fit(X, y, epochs=3, batch_size=7, progress=False, seed=fit_seed)
        return net

    a, b = trained(0, 0), trained(0, 0)
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        assert np.array_equal(wa, wb)
    assert np.array_equal(a.activation_params[0]["alpha"], b.activation_params[0]["alpha"])
    assert not np.array_equal(a.weights[0], trained(1, 0).weights[0])  # the network's seed matters
    assert not np.array_equal(a.weights[0], trained(0, 1).weights[0])  # and the batch order's


def test_digits_relu_network_reaches_95_percent():
    data = digits_split(seed=0)
    assert data.X_train.shape == (1347, 64) and data.X_test.shape == (450, 64)
    assert data.X_train.max() == 1.0
    net = nn.MLP([64, 64, 10], activation="relu", output="softmax", seed=0)
    net.fit(data.X_train, data.y_train, epochs=20, batch_size=32, optimizer="adam", lr=1e-3, progress=False)
    assert net.accuracy(data.X_test, data.y_test) >= 0.95


# --------------------------------------------------------------------------
# bad input: a clear error naming the argument
# --------------------------------------------------------------------------
def _net(output="softmax"):
    return nn.MLP([3, 4, 1 if output == "sigmoid" else 2], output=output)


X3 = np.zeros((5, 3))
ERRORS = [
    (lambda: nn.MLP([3]), ValueError, "'sizes'"),
    (lambda: nn.MLP(3), TypeError, "'sizes'"),
    (lambda: nn.MLP([3, 0, 2]), ValueError, "'sizes'"),
    (lambda: nn.MLP([3, 2.5, 2]), ValueError, "'sizes'"),
    (lambda: nn.MLP([3, 4, 2], activation="relux"), KeyError, "'activation'.*relux"),
    (lambda: nn.MLP([3, 4, 2], activation=3), TypeError, "'activation'"),
    (lambda: nn.MLP([3, 4, 4, 2], activation=["relu"]), ValueError, "one activation per hidden layer"),
    (lambda: nn.MLP([3, 4, 2], activation=("leaky_relu", {"alpha": -1})), ValueError, "'alpha'"),
    (lambda: nn.MLP([3, 4, 2], activation=("relu", {"alpha": 1})), TypeError, "'activation'"),
    (lambda: nn.MLP([3, 4, 2], activation=("softmax", {"axis": 0})), ValueError, "'axis'"),
    (lambda: nn.MLP([3, 4, 2], activation="maxout"), TypeError, "'pieces'"),
    (lambda: nn.MLP([3, 4, 2], activation=("maxout", {"pieces": "3"})), TypeError, "'activation'.*'pieces'"),
    (lambda: nn.MLP([3, 4, 2], activation=("maxout", {"pieces": 0})), ValueError, "'pieces'"),
    (lambda: nn.MLP([3, 4, 2], activation=("prelu", {"alpha": "a"})), TypeError, "'alpha'"),
    (lambda: nn.MLP([3, 4, 2], activation=("prelu", {"alpha": np.ones(3)})), ValueError, "'alpha'"),
    (lambda: nn.MLP([3, 4, 2], output="tanh"), ValueError, "'output'"),
    (lambda: nn.MLP([3, 4, 2], init="glorot"), ValueError, "'init'"),
    (lambda: nn.MLP([3, 4, 2], seed=-1), ValueError, "'seed'"),
    (lambda: nn.MLP([3, 4, 2], seed=1.5), TypeError, "'seed'"),
    (lambda: nn.init_std("he", 0, 3), ValueError, "'n_in'"),
    (lambda: nn.init_std("uniform", 3, 3), ValueError, "'init'"),
    (lambda: _net().predict(np.zeros((5, 4))), ValueError, "'X'.*shape"),
    (lambda: _net().predict(np.zeros(3)), ValueError, "'X'.*shape"),
    (lambda: _net().predict(np.array([[0, np.nan, 0]])), ValueError, "'X'.*finite"),
    (lambda: _net().predict(np.array([["a", "b", "c"]])), TypeError, "'X'"),
    (lambda: _net().loss_and_grads(X3, np.zeros(4, dtype=int)), ValueError, "'y'.*shape"),
    (lambda: _net().loss_and_grads(X3, np.array([0, 1, 2, 0, 1])), ValueError, "'y'.*labels in \\[0, 2\\)"),
    (lambda: _net().loss_and_grads(X3, np.array([0, 1, -1, 0, 1])), ValueError, "'y'.*labels"),
    (lambda: _net().loss_and_grads(X3, np.zeros(5)), TypeError, "'y'.*integer"),
    (lambda: _net("sigmoid").loss_and_grads(X3, np.full(5, 0.5)), ValueError, "'y'.*0 and 1"),
    (lambda: _net("sigmoid").loss_and_grads(X3, np.zeros((5, 2))), ValueError, "'y'.*shape"),
    (lambda: _net("identity").loss_and_grads(X3, np.zeros((5, 3))), ValueError, "'y'.*shape"),
    (lambda: _net("identity").loss_and_grads(X3, np.full((5, 2), np.nan)), ValueError, "'y'.*finite"),
    (lambda: _net().backward(X3, np.zeros(5, dtype=int)), TypeError, "'forward'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), epochs=-1), ValueError, "'epochs'"),
    (lambda: _net().fit(np.zeros((0, 3)), np.zeros(0, dtype=int), 1), ValueError, "'X'.*at least one row"),
    (lambda: _net().accuracy(np.zeros((0, 3)), np.zeros(0, dtype=int)), ValueError, "'X'.*at least one row"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, validation=(np.zeros((0, 3)), np.zeros(0, dtype=int))),
     ValueError, "'validation\\[0\\]'.*at least one row"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), epochs=1.0), TypeError, "'epochs'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, batch_size=0), ValueError, "'batch_size'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, optimizer="rmsprop"), ValueError, "'optimizer'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, lr=0), ValueError, "'lr'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, lr=math.inf), ValueError, "'lr'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, momentum=1.0), ValueError, "'momentum'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, weight_decay=-0.1), ValueError, "'weight_decay'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, validation=X3), TypeError, "'validation'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, validation=(X3, np.full(5, 7))), ValueError, "'validation\\[1\\]'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, progress="yes"), TypeError, "'progress'"),
    (lambda: _net().fit(X3, np.zeros(5, dtype=int), 1, seed=None), TypeError, "'seed'"),
]


@pytest.mark.parametrize("call, exc, match", ERRORS, ids=[m for _, _, m in ERRORS])
def test_bad_input_is_named(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# --------------------------------------------------------------------------
# the progress bar: shown to a person, never in a stored output
# --------------------------------------------------------------------------
FIT_CELL = """
import numpy as np
from actlib import nn
net = nn.MLP([2, 3, 2], output="softmax", seed=0)
history = net.fit(np.zeros((4, 2)), np.array([0, 1, 0, 1]), epochs=3)
"""


def test_progress_bar_leaves_no_output_in_an_executed_notebook(tmp_path):
    """nbconvert and nbval execute without input; fit's bar then writes nothing, so stored outputs never change."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FIT_CELL), nbformat.v4.new_code_cell("len(history.loss)")]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[0].outputs == []
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "3"
    assert "widgets" not in nb.metadata
    # and nbval, re-running the stored notebook, finds every output unchanged
    path = tmp_path / "fit.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", str(path), "-n", "0", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-o", "addopts=", "-q"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_progress_bar_shows_in_a_jupyter_front_end():
    """A front end's request allows input: there the bar is tqdm's notebook widget."""
    jupyter_client = pytest.importorskip("jupyter_client")
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        msg_id = kc.execute(FIT_CELL, allow_stdin=True)
        mimes = []
        while True:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] in ("display_data", "update_display_data"):
                mimes += list(msg["content"]["data"])
            if msg["msg_type"] == "error":
                pytest.fail("\n".join(msg["content"]["traceback"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert "application/vnd.jupyter.widget-view+json" in mimes


def test_progress_false_or_unwatched_means_no_bar(capsys):
    net = nn.MLP([2, 3, 2], output="softmax", seed=0)
    net.fit(np.zeros((4, 2)), np.array([0, 1, 0, 1]), epochs=2, progress=True)  # pytest's stderr is no terminal
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_backward_goes_through_vjp_and_param_vjp_only(monkeypatch):
    """Each hidden layer's backward step is its activation's vjp (and param_vjp for a learnable parameter)."""
    cls = type(actlib.prelu)
    calls = []
    for method in ("vjp", "param_vjp"):
        original = getattr(cls, method)

        def recorded(self, *args, _original=original, _method=method, **kwargs):
            calls.append((_method, self.name))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, method, recorded)
    monkeypatch.setattr(cls, "derivative", property(lambda self: pytest.fail("backward used .derivative")), raising=False)
    net = nn.MLP([3, 4, 4, 2], activation=["tanh", "prelu"], output="identity", seed=0)
    net.loss_and_grads(*_data(net))
    assert calls == [("vjp", "prelu"), ("param_vjp", "prelu"), ("vjp", "tanh")]
    source = Path(nn.__file__).read_text(encoding="utf-8")
    assert not any(f"import {lib}" in source for lib in ("torch", "jax", "autograd", "tensorflow"))


def test_one_blas_thread_limits_blas_inside_and_restores_it_after():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    inside = actlib.nn.one_blas_thread(blas_threads)()
    assert inside and set(inside) == {1}
    assert blas_threads() == before


def test_fit_calls_on_epoch_after_every_epoch_with_the_trained_net():
    X = np.random.default_rng(0).standard_normal((40, 3))
    y = (X[:, 0] > 0).astype(int)
    seen = []
    net = nn.MLP([3, 5, 2], output="softmax", seed=1)
    net.fit(X, y, 3, batch_size=8, optimizer="sgd", lr=0.1, progress=False,
            on_epoch=lambda epoch, n: seen.append((epoch, n is net, n.weights[0].copy())))
    assert [e for e, _, _ in seen] == [1, 2, 3] and all(same for _, same, _ in seen)
    # after epoch 2 the weights are those of a two-epoch training (same seed, same batches, same momentum)
    two = nn.MLP([3, 5, 2], output="softmax", seed=1)
    two.fit(X, y, 2, batch_size=8, optimizer="sgd", lr=0.1, progress=False)
    np.testing.assert_array_equal(seen[1][2], two.weights[0])
    with pytest.raises(TypeError, match="'on_epoch'"):
        net.fit(X, y, 1, progress=False, on_epoch="print")


def test_a_diverging_learned_slope_is_recorded_as_nan_not_raised():
    # One PReLU slope shared by a layer, SGD at lr 0.1 on digits: the slope overflows in epoch 4.
    data = actlib.experiments.digits_split()
    net = actlib.nn.MLP([64, 64, 64, 10], activation="prelu", output="softmax", seed=0)
    history = net.fit(data.X_train, data.y_train, 5, optimizer="sgd", lr=0.1, progress=False,
                      validation=(data.X_test, data.y_test))
    assert np.isfinite(history.loss[0]) and np.isnan(history.loss[-1]) and np.isnan(history.val_loss[-1])
    assert not np.isfinite(float(net.activation_params[0]["alpha"]))
