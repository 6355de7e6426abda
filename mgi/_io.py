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


#: File marking a folder as written by mgi (``mgi report``, ``mgi demo``); only such folders
#: (or empty ones) are ever replaced.
OUTPUT_MARKER = ".mgi-output"
#: File types mgi writes as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx",)


def written_by_mgi(path: str | Path) -> bool:
    """Whether ``path`` is a results workbook mgi wrote and nobody saved since.

    True for an .xlsx whose document properties say it was created and last saved by mgi and
    that carries no template stamp (templates and questionnaires are inputs people fill in).
    """
    import zipfile

    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "docProps/custom.xml" in names and b"mgi_kind" in archive.read(
                "docProps/custom.xml"
            ):
                return False
            core = fromstring(archive.read("docProps/core.xml"))
    except Exception:  # not a zip, no core properties, unsafe XML: not ours
        return False
    values = {element.tag.rsplit("}", 1)[-1]: (element.text or "") for element in core}
    return values.get("creator") == "mgi" and values.get("lastModifiedBy") == "mgi"


def check_output_file(
    output: str | Path, *, suffixes: tuple[str, ...] = WORKBOOK_SUFFIXES, force: bool = False
) -> None:
    """Refuse an output file name mgi should not write to (:class:`UsageError`, exit 2).

    The name must end in one of ``suffixes``; an existing file is replaced only when it is a
    results workbook mgi wrote itself (see :func:`written_by_mgi`) or ``force`` is given.
    """
    out = Path(output)
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the name of the file to write.")
    if out.suffix.lower() not in suffixes:
        raise UsageError(
            f"The output {out} should end in {' or '.join(suffixes)}: mgi writes an Excel "
            f"workbook. Use for example {out.with_suffix(suffixes[0]).name}."
        )
    if out.exists() and not force and not written_by_mgi(out):
        raise UsageError(
            f"{out} already exists and is not a results file mgi wrote (or it was changed "
            "since), so mgi does not overwrite it. Choose another name, or move the file away "
            "first."
        )


def refuse_overwrite(
    output: str | Path, inputs: Iterable[str | Path], *, check_existing: bool = False
) -> None:
    """Raise :class:`UsageError` if ``output`` is one of the ``inputs`` (same file); with
    ``check_existing``, also apply :func:`check_output_file`."""
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
    if check_existing:
        check_output_file(out)


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


def check_output_folder(path: str | Path) -> Path:
    """The resolved output folder, or :class:`UsageError` if mgi must not replace it: a file,
    or a folder holding files that mgi did not write (no :data:`OUTPUT_MARKER`)."""
    target = Path(path).resolve()
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"{target} is a file; give the name of a folder to write into.")
        if any(target.iterdir()) and not (target / OUTPUT_MARKER).is_file():
            raise UsageError(
                f"The folder {target} already holds files mgi did not write, and mgi replaces "
                "a whole output folder. Choose a new or empty folder."
            )
    return target


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it replaces ``path``.

    An existing ``path`` is replaced only once the new folder is complete, and only if it is
    empty or was written by mgi (it holds :data:`OUTPUT_MARKER`); otherwise
    :class:`UsageError` is raised before anything is written. On failure the temporary folder
    is removed and ``path`` is untouched.
    """
    target = check_output_folder(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:
        yield tmp
        (tmp / OUTPUT_MARKER).write_text(
            "This folder was written by mgi and is replaced as a whole when mgi writes it again.\n",
            encoding="utf-8",
        )
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
