"""Start a grading kernel locked down: ``python jail.py SPEC.json -- KERNEL_COMMAND...`` (run as root).

Standalone (standard library only): the kernel manager of
:mod:`classroom.sandbox` runs it by file path, as root, and it ``exec``\\ s the
kernel command once the process is locked down:

1. a private mount namespace (``unshare(CLONE_NEWNS)``), so nothing below
   changes what the rest of the machine sees;
2. read-only bind mounts of the paths the kernel must read (the Python
   installation, the environment, the course repository with ``actlib``);
   where one of them sits below a folder other users cannot enter (Python
   installed under ``/root``), that folder is replaced by an empty one
   holding only those paths;
3. empty folders mounted over the paths the kernel must not read (the
   nbgrader course folder: solutions, hidden tests, gradebook, the other
   students' work; the chapters with their solutions);
4. resource limits (CPU time, address space, file size, processes);
5. the unprivileged user's ids, with no supplementary groups;
6. ``exec`` of the kernel command in the submission's own directory.

Without ``CAP_SYS_ADMIN`` (some containers) steps 1-3 are skipped and the
file permissions alone protect the course; the spec's ``require_namespace``
makes that an error instead.
"""

import ctypes
import json
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
LIMITS = {"cpu_seconds": resource.RLIMIT_CPU, "memory_bytes": resource.RLIMIT_AS,
          "file_bytes": resource.RLIMIT_FSIZE, "processes": resource.RLIMIT_NPROC}

_libc = ctypes.CDLL(None, use_errno=True)


def _call(name, *args):
    if getattr(_libc, name)(*args) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{name}{tuple(a.decode() if isinstance(a, bytes) else a for a in args)}: {os.strerror(err)}")


def _mount(source, target, fstype=None, flags=0, data=None):
    _call("mount", source.encode() if source else None, target.encode(), fstype.encode() if fstype else None,
          ctypes.c_ulong(flags), data.encode() if data else None)


def _bind_readonly(source, target):
    _mount(source, target, None, MS_BIND | MS_REC)
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _closed_ancestor(path):
    """The highest folder above ``path`` that other users cannot enter (no ``o+x``), or None."""
    parts = os.path.realpath(path).split(os.sep)
    for i in range(2, len(parts) + 1):
        folder = os.sep.join(parts[:i]) or os.sep
        if os.path.isdir(folder) and not os.stat(folder).st_mode & 0o001:
            return folder
    return None


def _empty_over(target, mode="0755"):
    """Mount an empty, read-only tmpfs over ``target`` (a folder) or /dev/null over it (a file)."""
    if os.path.isdir(target):
        _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size=64k")
        _mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    elif os.path.exists(target):
        _mount("/dev/null", target, None, MS_BIND)


def lock_mounts(spec):
    """Steps 1-3 of the module docstring."""
    _call("unshare", CLONE_NEWNS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    needed = [os.path.realpath(p) for p in spec["readable"] if os.path.exists(p)]
    staging = os.path.join(spec["home"], ".jail")
    # Paths under a closed folder: park them, cover the folder, put them back.
    closed = {}
    for path in needed:
        ancestor = _closed_ancestor(path)
        if ancestor:
            closed.setdefault(ancestor, []).append(path)
    parked = []
    for i, (ancestor, paths) in enumerate(closed.items()):
        for j, path in enumerate(paths):
            spot = os.path.join(staging, f"{i}-{j}")
            os.makedirs(spot)
            _mount(path, spot, None, MS_BIND | MS_REC)
            parked.append((spot, path))
        _mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    for spot, path in parked:
        os.makedirs(path, exist_ok=True)
        _mount(spot, path, None, MS_BIND | MS_REC)
    for path in needed:
        _bind_readonly(path, path)
    for path in spec["hidden"]:
        _empty_over(path)


def drop_privileges(spec):
    """Steps 4-5: resource limits, then the grading user's ids."""
    for name, which in LIMITS.items():
        resource.setrlimit(which, (spec["limits"][name], spec["limits"][name]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setgroups([])
    os.setgid(spec["gid"])
    os.setuid(spec["uid"])
    os.umask(0o077)


def main(argv):
    spec_path, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: jail.py SPEC.json -- KERNEL_COMMAND...")
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    try:
        lock_mounts(spec)
    except OSError as exc:
        if spec.get("require_namespace"):
            raise
        print(f"classroom jail: no private mounts ({exc}); file permissions only", file=sys.stderr)
    drop_privileges(spec)
    os.chdir(spec["home"])
    os.execvpe(command[0], command, os.environ)


if __name__ == "__main__":
    main(sys.argv[1:])
