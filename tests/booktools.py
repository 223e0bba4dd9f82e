"""What the book tests share: building the book strictly into a temporary folder, and reading _toc.yml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_S = 600


def jupyter_book() -> str:
    # The jupyter-book of the interpreter running the tests, so CI's .venv builds with its own pins.
    exe = Path(sys.executable).parent / "jupyter-book"
    return str(exe) if exe.exists() else shutil.which("jupyter-book")


def build_book(out: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """Build the book strictly (-W -n) into ``out``, never into the repo; return the process and the HTML folder."""
    cmd = [jupyter_book(), "build", str(REPO), "--path-output", str(out), "-W", "-n", "--keep-going"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, cwd=REPO)
    return proc, out / "_build" / "html"


def toc() -> dict:
    return yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))


def toc_files(toc: dict) -> list[str]:
    """Every ``file:`` entry of a jupyter-book _toc.yml, root first."""
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return found
