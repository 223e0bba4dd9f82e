"""Run each submission's kernel as an unprivileged user, in its own directory, under OS limits.

nbgrader's autograder (the teacher's process) keeps the gradebook, the
``source/`` folder and the other students' work; only the notebook's kernel
runs student code. :class:`SandboxKernelManager` starts that kernel

- in a fresh temporary directory (its working directory and ``HOME``),
  removed after grading, with a minimal environment (the teacher's ``PATH``
  and ``PYTHONPATH``, nothing else: no tokens);
- as root, through :mod:`classroom.jail`: as the user :attr:`Sandbox.user`
  (created on first use), in a private mount namespace where the course
  folder and the chapters are empty and the environment and ``actlib`` are
  read-only;
- under ``setrlimit`` limits on CPU time, address space, file size and
  processes (``RLIMIT_CPU``, ``RLIMIT_AS``, ``RLIMIT_FSIZE``,
  ``RLIMIT_NPROC``).

This is process isolation on one machine, not a container: the kernel can
still read other world-readable files and use the network. The teacher guide
describes the stronger option, one container per submission.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, Unicode
from traitlets.config import Configurable

# What a student's code must never read: nbgrader's folders for the solutions,
# the hidden tests, the gradebook and every other student's work.
PRIVATE = ("source", "submitted", "autograded", "feedback", "gradebook.db", "downloaded")


class Sandbox(Configurable):
    """The limits of a grading kernel; set them in nbgrader_config.py as ``c.Sandbox.<name>``."""

    user = Unicode("classroom-grader", help="the unprivileged user that runs student code (created if missing)").tag(config=True)
    cpu_seconds = Integer(300, help="CPU seconds per kernel (RLIMIT_CPU): the kernel is killed beyond it").tag(config=True)
    memory_bytes = Integer(4 * 2**30, help="address space per kernel (RLIMIT_AS)").tag(config=True)
    file_bytes = Integer(64 * 2**20, help="largest file the kernel may write (RLIMIT_FSIZE)").tag(config=True)
    processes = Integer(256, help="processes of the grading user (RLIMIT_NPROC): stops fork bombs").tag(config=True)
    require_namespace = Bool(False, help="fail instead of grading with file permissions only when private mounts are unavailable").tag(config=True)


JAIL = Path(__file__).resolve().with_name("jail.py")


@dataclass(frozen=True)
class Account:
    """The user a kernel runs as."""

    name: str
    uid: int
    gid: int


def ensure_user(name: str) -> Account:
    """The account ``name``; as root, create it (no home, no login shell) when it does not exist."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        if os.geteuid() != 0:
            raise PermissionError(
                f"the grading user {name!r} does not exist and only root can create it; "
                f"run `useradd --system --no-create-home --shell /usr/sbin/nologin {name}` as root, "
                "or grade as root") from None
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True, capture_output=True)
        entry = pwd.getpwnam(name)
    if entry.pw_uid == 0:
        raise ValueError(f"Sandbox.user must be an unprivileged user, not {name!r} (uid 0)")
    return Account(name, entry.pw_uid, entry.pw_gid)


def protect(root: Path) -> None:
    """Make the course folder's private parts readable by their owner only (the teacher)."""
    for name in PRIVATE:
        path = Path(root) / name
        if path.exists():
            path.chmod(0o700 if path.is_dir() else 0o600)


def _limits(config: Sandbox):
    """The ``preexec_fn`` that lowers the kernel's resource limits before it starts."""
    limits = {
        resource.RLIMIT_CPU: config.cpu_seconds,
        resource.RLIMIT_AS: config.memory_bytes,
        resource.RLIMIT_FSIZE: config.file_bytes,
        resource.RLIMIT_NPROC: config.processes,
        resource.RLIMIT_CORE: 0,
    }

    def apply():
        for which, value in limits.items():
            resource.setrlimit(which, (value, value))
    return apply


def _environment(home: Path) -> dict:
    """The kernel's whole environment: the teacher's PATH and PYTHONPATH, everything else inside ``home``."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", os.defpath), "LANG": "C.UTF-8",
           "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".matplotlib"),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "JUPYTER_DATA_DIR": str(home / ".jupyter-data"),
           "JUPYTER_RUNTIME_DIR": str(home / ".jupyter-runtime"), "TMPDIR": str(home / "tmp"),
           "PYTHONDONTWRITEBYTECODE": "1",
           # one thread per BLAS: the grader may run beside other work
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


@dataclass
class Cell:
    """The sandbox of the submission being graded: its directory, account, limits and what to hide."""

    directory: Path
    account: Account | None
    config: Sandbox
    hidden: tuple = ()

    @property
    def log(self) -> Path:
        """The kernel's own stdout and stderr (a crash's last words), capped by ``file_bytes``."""
        return self.directory / "kernel.log"

    def jailed(self, command: list[str]) -> list[str]:
        """``command`` run through :mod:`classroom.jail` (as root): private mounts, limits, the grading user."""
        spec = {"uid": self.account.uid, "gid": self.account.gid, "home": str(self.directory),
                "limits": {name: getattr(self.config, name) for name in ("cpu_seconds", "memory_bytes", "file_bytes", "processes")},
                "readable": readable_paths(), "hidden": [str(p) for p in self.hidden],
                "require_namespace": self.config.require_namespace}
        path = self.directory / "jail.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        return [sys.executable, str(JAIL), str(path), "--", *command]


def readable_paths() -> list[str]:
    """What a kernel reads: the Python installation, the environment, PYTHONPATH and actlib's checkout."""
    import importlib.util

    paths = [sys.base_prefix, sys.prefix, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    spec = importlib.util.find_spec("actlib")
    if spec and spec.origin:
        paths.append(str(Path(spec.origin).resolve().parents[1]))
    return list(dict.fromkeys(str(Path(p).resolve()) for p in paths))


class SandboxKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, starting the kernel in :data:`SandboxKernelManager.current`."""

    current: Cell | None = None

    async def _async_pre_start_kernel(self, **kw):
        cell = type(self).current
        if cell is None:
            raise RuntimeError("SandboxKernelManager used outside classroom.sandbox.sandboxed()")
        # The connection file (ports and key) goes where the kernel's user can read it.
        self.connection_file = str(cell.directory / "kernel-connection.json")
        kw["cwd"] = str(cell.directory)
        kw["env"] = _environment(cell.directory)
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        cell = type(self).current
        log = open(cell.log, "ab")  # noqa: SIM115 (the child inherits it; closed below)
        kw.update(stdout=log, stderr=subprocess.STDOUT)
        if cell.account is not None:
            os.chown(self.connection_file, cell.account.uid, cell.account.gid)
            kernel_cmd = cell.jailed(kernel_cmd)
        else:  # not root: the teacher's own user, with the limits
            kw.update(preexec_fn=_limits(cell.config), umask=0o077)
        try:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            log.close()


@contextlib.contextmanager
def sandboxed(config: Sandbox, hidden=()):
    """Grade one submission: a fresh directory for its kernel, owned by the grading user; removed afterwards.

    As root, the kernel runs through :mod:`classroom.jail` as ``config.user``
    with the paths ``hidden`` covered; as anyone else it runs as the teacher
    (the limits and its own directory still apply, the file permissions do not).
    """
    account = ensure_user(config.user) if os.geteuid() == 0 else None
    directory = Path(tempfile.mkdtemp(prefix="classroom-grade-"))
    try:
        for sub in (".ipython", ".matplotlib", "tmp"):
            (directory / sub).mkdir()
        if account is not None:
            for path in [directory, *directory.iterdir()]:
                os.chown(path, account.uid, account.gid)
        directory.chmod(0o700)
        SandboxKernelManager.current = Cell(directory, account, config, tuple(hidden))
        yield SandboxKernelManager.current
    finally:
        SandboxKernelManager.current = None
        shutil.rmtree(directory, ignore_errors=True)


def can_run_python(config: Sandbox, hidden=()) -> str | None:
    """Why a grading kernel cannot start (None when it can): checked once, before the first student.

    The kernel runs this interpreter and imports ``actlib`` as the grading
    user, inside the jail.
    """
    with sandboxed(config, hidden) as cell:
        command = [sys.executable, "-c", "import actlib, ipykernel"]
        if cell.account is not None:
            command = cell.jailed(command)
        result = subprocess.run(command, cwd=cell.directory, env=_environment(cell.directory),
                                capture_output=True, text=True)
    if result.returncode:
        who = f"the grading user {config.user!r}" if cell.account is not None else "the grader"
        return f"{who} cannot start a kernel with {sys.executable} and actlib:\n{result.stderr.strip()}"
    return None


__all__ = ["Account", "Sandbox", "SandboxKernelManager", "can_run_python", "ensure_user", "protect", "sandboxed"]
