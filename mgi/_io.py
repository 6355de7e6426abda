"""Safe output writing: atomic files and folders, never over an input, fixed timestamps.

Every file mgi writes goes through :func:`atomic_write` (a temporary name in the same folder,
renamed into place only when complete), so an interrupted or failed run leaves no half-written
file. Folders of outputs go through :func:`atomic_directory`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from mgi.errors import UsageError

#: Timestamp written into workbook and document metadata so that outputs are reproducible
#: (2000-01-01T00:00:00Z). ``SOURCE_DATE_EPOCH`` overrides it.
FIXED_TIMESTAMP = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _default_mode(directory: bool = False) -> int:
    """The permissions an ordinary new file (0o666) or folder (0o777) gets under the umask;
    temporary files are created private (0o600), which would make shared reports unreadable."""
    return (0o777 if directory else 0o666) & ~_umask()


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refuse_overwrite(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise :class:`UsageError` if ``output`` is one of the ``inputs`` (same file)."""
    out = Path(output)
    for item in inputs:
        src = Path(item)
        same = out.resolve() == src.resolve()
        if not same and out.exists() and src.exists():
            with contextlib.suppress(OSError):
                same = out.samefile(src)
        if same:
            raise UsageError(
                f"The output {out} is also an input; mgi never writes over its inputs. "
                "Choose another output name."
            )


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``.

    The caller writes the temporary file (by name). On any exception the temporary file is
    removed and ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it replaces ``path``.

    An existing ``path`` is replaced only once the new folder is complete; on failure the
    temporary folder is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        os.chmod(tmp, _default_mode(directory=True))
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
