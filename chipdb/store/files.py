"""Writing files and folders without harming what is already there.

One file (``write_file``): a regular file is replaced atomically (a temporary file beside it,
renamed into place) keeping its permissions; a symlink is followed, so its target is updated
and the link stays; a character device or a FIFO (``/dev/null``, a pipe) is written into, never
replaced; a file the user may not write is refused, as the shell would.

One folder (``replace_folder``): built under a temporary name beside it and swapped in, so an
interrupted run leaves the old folder as it was; the folder must be new, empty or one written
before (it holds the ``marker`` file); named entries (a ``.git``, a ``CNAME``) are carried over;
a symlink is followed; what a killed run left beside it is cleaned up by the next.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import IO, Callable, TypeVar

from chipdb.domain.errors import UsageError

T = TypeVar("T")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_file(path: Path, write: Callable[[IO], None], binary: bool = False) -> None:
    """Write ``path`` with ``write(stream)``: see the module's docstring for what ``path`` may be."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():  # named here, not as the temporary file's directory
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(target.parent))
    mode = "wb" if binary else "w"
    kw = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            with open(target, mode, **kw) as stream:  # a device or a pipe: written into, never replaced
                write(stream)
            return
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{path} is not a regular file, a character device or a FIFO; choose another --output")
        if not os.access(target, os.W_OK) or not st.st_mode & 0o222:  # read-only, for root too
            raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", str(path))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with open(fd, mode, **kw) as stream:
            write(stream)
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if os.geteuid() == 0 and (st.st_uid, st.st_gid) != (0, 0):
                os.chown(tmp, st.st_uid, st.st_gid)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale(parent: Path, name: str) -> None:
    """Remove what a killed run left beside ``name``: ``.NAME.building-PID-*`` and
    ``.NAME.replaced-PID-*`` folders whose process is gone."""
    pattern = re.compile(rf"\.{re.escape(name)}\.(?:building|replaced)-(\d+)(?:-.+)?")
    for entry in parent.iterdir():
        m = pattern.fullmatch(entry.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def check_folder(out: Path, marker: str, what: str) -> Path:
    """The folder to write (a symlink's target): refused when it is a file, the root, or holds
    something that is not ``what`` written before (no ``marker`` file in it)."""
    out = Path(out)
    real = Path(os.path.realpath(out))
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; give a directory for the {what}")
    if real == Path(real.anchor) or real.parent == real:
        raise UsageError(f"{out} is the root directory; give a new or empty directory for the {what}")
    if real.exists() and any(real.iterdir()) and not (real / marker).exists():
        raise UsageError(f"{out} is not empty and holds no chipdb {what}; give a new or empty directory")
    return real


_SWAP_TRIES = 20  # builds that finish at once each swap in; the last one stays


def replace_folder(out: Path, marker: str, what: str, build: Callable[[Path], T],
                   keep: tuple[str, ...] = ()) -> T:
    """Run ``build(folder)`` on a new folder beside ``out`` and swap it in for ``out``. The
    entries named in ``keep`` (e.g. ``.git``, ``CNAME``) are moved from the old folder into the
    new one, never deleted."""
    real = check_folder(out, marker, what)
    real.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(real.parent, real.name)
    staging = Path(tempfile.mkdtemp(dir=real.parent, prefix=f".{real.name}.building-{os.getpid()}-"))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        (staging / marker).write_text(f"written by chipdb; the whole folder is replaced by the next run "
                                      f"(except {', '.join(keep) or 'nothing'})\n")
        result = build(staging)
        replaced: list[Path] = []
        for attempt in range(_SWAP_TRIES):
            old = None
            if real.exists():
                for name in keep:
                    if os.path.lexists(real / name) and not os.path.lexists(staging / name):
                        os.rename(real / name, staging / name)
                old = Path(tempfile.mkdtemp(dir=real.parent, prefix=f".{real.name}.replaced-{os.getpid()}-"))
                replaced.append(old)
                try:
                    os.rename(real, old / real.name)
                except FileNotFoundError:  # another build moved it aside meanwhile: nothing to replace
                    old = None
            try:
                os.rename(staging, real)
                break
            except OSError as exc:
                raced = exc.errno in (errno.ENOTEMPTY, errno.EEXIST)  # another build swapped its folder in
                if raced and attempt < _SWAP_TRIES - 1:
                    continue  # between our look and our rename: ours replaces it (the one moved aside is older)
                if old is not None and not os.path.lexists(real):  # put the old folder back as it was
                    os.rename(old / real.name, real)
                    for name in keep:
                        if os.path.lexists(staging / name):
                            os.rename(staging / name, real / name)
                raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for old in replaced:
        shutil.rmtree(old, ignore_errors=True)
    return result
