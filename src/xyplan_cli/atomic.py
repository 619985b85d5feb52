"""Atomic file writes: a temporary file in the same folder, flushed, then renamed over the target."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: str | bytes) -> None:
    """An interrupted write leaves the old file (or none), never half of the new one.

    Targets that are not regular files (/dev/null, a FIFO, a terminal) are written directly: renaming
    over them would replace the device with a file.
    """
    with atomic_file(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write `path` piece by piece (a report written as it is made), atomically as
    `write_atomic`: it replaces `path` only when the `with` block ends normally; an exception in it (a
    usage error, Ctrl-C) leaves the old file, or none, and no temporary file behind.

    A symbolic link is written through, never replaced: the file it ends at (created if the link dangles)
    is replaced in its own folder. A link the system resolves but `realpath` cannot (/dev/stdout →
    /proc/self/fd/1 → pipe:[…]) ends at no regular file, and is written directly."""
    _refuse_planted_links(path)
    target = Path(os.path.realpath(path))
    if path.exists() and not target.is_file():
        with open(path, "wb") as device:
            yield device
        return
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, mode)  # mkstemp makes it 0600: the report would be readable by its writer only
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _refuse_planted_links(path: Path) -> None:
    """PermissionError for a link that the kernel's protected_symlinks rule would not follow: one in a
    sticky, world-writable folder (/tmp) owned neither by us nor by the folder's owner. Another user could
    have planted it there to have the report overwrite a file of ours. Every link on the way is checked."""
    seen = 0
    while path.is_symlink() and seen < 40:
        link, folder = path.lstat(), path.parent.stat()
        shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
            raise PermissionError(errno.EACCES, "a symbolic link in a shared folder, owned by another user",
                                  str(path))
        path = path.parent / os.readlink(path)
        seen += 1


def _mode_for(path: Path) -> int:
    """The permissions `path` gets: those of the file it replaces, else what `open` would give a new
    file (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777  # not setuid/setgid/sticky
    except OSError:
        umask = os.umask(0)  # the only way to read it is to set it
        os.umask(umask)
        return 0o666 & ~umask
