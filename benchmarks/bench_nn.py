"""Time of actlib.nn's digits benchmark and of every actlib.experiments helper at its defaults.

The chapters promise that each experiment runs in under 2 s on two cores and
that a 64-64-10 ReLU network trained with Adam (lr 1e-3, batch 32, 20 epochs)
on scikit-learn's digits reaches at least 95 % test accuracy; the tests check
the accuracy, this script the times (tests never time anything). Each time is
wall-clock seconds: the first call (scikit-learn's import and the data load
included for the first helper that needs them) and the best of ``--repeats``
later calls. Run: ``python benchmarks/bench_nn.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import os
import time

from actlib import experiments, nn


def _timed(f):
    start = time.perf_counter()
    result = f()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    first_load, data = _timed(experiments.digits_split)

    def digits_run():
        net = nn.MLP([64, 64, 10], activation="relu", output="softmax", seed=0)
        net.fit(data.X_train, data.y_train, epochs=20, batch_size=32, optimizer="adam", lr=1e-3, progress=False)
        return net.accuracy(data.X_test, data.y_test)

    cases = {
        "digits_split()": experiments.digits_split,
        "MLP([64, 64, 10]) relu, adam, 20 epochs (digits)": digits_run,
        "gradient_norms()": experiments.gradient_norms,
        "gradient_norms('sigmoid', init='xavier')": lambda: experiments.gradient_norms("sigmoid", init="xavier"),
        "activation_statistics()": experiments.activation_statistics,
        "dead_units_after_training()": experiments.dead_units_after_training,
        "compare_activations()": experiments.compare_activations,
    }
    print(f"cores available: {os.cpu_count()}; digits loaded (scikit-learn import included) in {first_load:.3f} s")
    print("| call | first (s) | best of repeats (s) | result |")
    print("|---|---|---|---|")
    for name, f in cases.items():
        first, result = _timed(f)
        best = min(_timed(f)[0] for _ in range(args.repeats))
        shown = f"test accuracy {result:.4f}" if isinstance(result, float) else type(result).__name__
        print(f"| {name} | {first:.3f} | {best:.3f} | {shown} |")


if __name__ == "__main__":
    main()
