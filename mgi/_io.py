"""Safe output writing: atomic files and folders, never over an input, fixed timestamps.

Every file mgi writes goes through :func:`atomic_write` (a temporary name in the same folder,
renamed into place only when complete), so an interrupted or failed run leaves no half-written
file. Folders of outputs go through :func:`atomic_directory`, and every command checks where it
will write before it does any work: :func:`check_output_file` for one file,
:func:`check_output_folder` for a folder (``mgi report -o``, ``mgi demo --out``). Problems are
usage errors (exit code 2) whose messages come from the ``output.*`` entries of
:mod:`mgi.catalogue`.

The promises kept here:

* an input is never written over, and never lies inside a folder mgi replaces;
* a file is replaced only when it is a results workbook mgi wrote; a folder only when it is
  empty or mgi wrote it and it holds nothing mgi did not write (:data:`OUTPUT_MARKER` lists the
  files and their SHA-256);
* mgi deletes only what it created: its temporary names come from :mod:`tempfile` (unique, made
  by mgi), never a fixed name that someone else's file could have;
* an interrupted run (Ctrl+C, ``SIGTERM``, ``SIGHUP``) removes its temporary files and folders
  and exits with ``128 +`` the signal number (:class:`Interrupted`); temporary folders left by a
  run that was killed outright (``SIGKILL``, power loss) carry a marker and are removed by the
  next run that writes the same output (:func:`sweep_stale_temporaries`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import signal
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from mgi.errors import UsageError

#: Timestamp written into workbook and document metadata so that outputs are reproducible
#: (2000-01-01T00:00:00Z). ``SOURCE_DATE_EPOCH`` overrides it.
FIXED_TIMESTAMP = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))

#: When this process started (close enough: when mgi's I/O layer was first imported). A
#: temporary folder is only ever swept when its marker is older than this.
PROCESS_STARTED = time.time()


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


def _refuse(rule: str, **fields: Any) -> NoReturn:
    """Raise the :class:`UsageError` of catalogue entry ``rule``."""
    from mgi.catalogue import make_issue

    raise UsageError(make_issue(rule, **fields).message, rule=rule, path=fields.get("path"))


#: File marking a folder as written by mgi (``mgi report``, ``mgi demo``); only such folders
#: (or empty ones) are ever replaced. It lists the files mgi wrote, with their SHA-256.
OUTPUT_MARKER = ".mgi-output"
_MARKER_HEAD = (
    "This folder was written by mgi and is replaced as a whole when mgi writes it again.\n"
    "mgi replaces it only while it holds just these files, unchanged (SHA-256, path):\n"
)
#: File marking a temporary folder of mgi (``.NAME.XXXXXXXX.part`` or ``.old``) while it is
#: being written; a folder with it whose process is gone is removed by the next run.
TEMP_MARKER = ".mgi-temporary"
_TEMP_HEAD = "mgi temporary folder: removed by mgi when the run that made it has ended.\n"
#: Files that file browsers add to any folder they show; never a reason to keep a folder.
OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
#: File types mgi writes as Excel workbooks.
WORKBOOK_SUFFIXES = (".xlsx",)


# -- where outputs may go --------------------------------------------------------------------


def _nearest_existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists (as anything, even a broken link)."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(path.anchor or ".")


def check_output_location(path: str | Path) -> None:
    """Refuse an output whose folder cannot exist or cannot be written (:class:`UsageError`).

    The nearest existing folder above ``path`` must be a folder (not a file: ``-o
    q.xlsx/out.xlsx``) in which mgi can create files (not ``/proc``, a read-only disk or a
    folder without write permission). The check creates and removes one empty temporary folder
    there, because permission bits alone do not tell (e.g. for the administrator).
    """
    out = Path(path)
    parent = out.parent if str(out.parent) else Path(".")
    existing = _nearest_existing(parent)
    if not existing.is_dir():
        _refuse("output.parent_not_folder", path=str(out), parent=str(existing))
    try:
        probe = tempfile.mkdtemp(prefix=".mgi-probe-", dir=existing)
    except OSError as exc:
        _refuse("output.not_writable", path=str(existing), reason=_reason(exc))
    os.rmdir(probe)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _same_or_inside(item: Path, folder: Path) -> bool:
    """Whether ``item`` is ``folder`` or lies anywhere below it."""
    a, b = os.path.normcase(str(item)), os.path.normcase(str(folder))
    return a == b or a.startswith(b.rstrip(os.sep) + os.sep)


def _spellings(path: str | Path) -> set[Path]:
    """The absolute path as written and with every link resolved."""
    raw = Path(os.path.abspath(path))
    return {raw, Path(path).resolve()}


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
    output: str | Path,
    *,
    suffixes: tuple[str, ...] = WORKBOOK_SUFFIXES,
    force: bool = False,
    inputs: Iterable[str | Path | None] = (),
) -> None:
    """Refuse an output file name mgi should not write to (:class:`UsageError`, exit 2).

    The name must end in one of ``suffixes`` and lie in a folder mgi can write to (see
    :func:`check_output_location`); it must not be one of ``inputs``; an existing file is
    replaced only when it is a results workbook mgi wrote itself (see :func:`written_by_mgi`)
    or ``force`` is given.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_file(folder / "scores.xlsx")  # fine: nothing is raised
    >>> (folder / "notes.txt").write_text("mine")
    4
    >>> check_output_file(folder / "notes.txt" / "scores.xlsx")
    Traceback (most recent call last):
    ...
    mgi.errors.UsageError: The output ... cannot be written: ... is a file, not a folder. ...
    """
    out = Path(output)
    if out.is_dir():
        _refuse("output.is_folder", path=str(out), example=str(out / f"results{suffixes[0]}"))
    if out.suffix.lower() not in suffixes:
        _refuse(
            "output.bad_suffix",
            path=str(out),
            allowed=" or ".join(suffixes),
            example=out.with_suffix(suffixes[0]).name,
        )
    refuse_overwrite(out, [i for i in inputs if i])
    check_output_location(out)
    if out.exists() and not force and not written_by_mgi(out):
        _refuse("output.exists", path=str(out))


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
            _refuse("output.is_input", path=str(out))
    if check_existing:
        check_output_file(out)


def run_inputs(*items: Any) -> list[str | Path]:
    """The paths of a run's inputs, for :func:`check_output_folder` and :func:`check_output_file`.

    Each item may be ``None`` (not given), a path (``str`` or :class:`~pathlib.Path`; the name
    of a bundled file is kept too and skipped by the checks because no such file exists), or a
    loaded object with a ``path`` (an instrument folder, a scheme or profile file) and perhaps a
    ``mapping_file``.

    Examples
    --------
    >>> run_inputs("q.xlsx", None, "mgi-default")
    ['q.xlsx', 'mgi-default']
    """
    found: list[str | Path] = []
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, str | Path):
            found.append(item)
            continue
        for attribute in ("path", "mapping_file"):
            value = getattr(item, attribute, None)
            if isinstance(value, str | Path) and str(value):
                found.append(value)
    return found


def check_output_folder(folder: str | Path, *, inputs: Iterable[str | Path | None] = ()) -> Path:
    """The resolved output folder, or :class:`UsageError` if mgi must not replace it.

    Call it before any work, with every input of the run (assessment, earlier round,
    consultation, experts, weights, scheme, profile, instrument folder, mapping, targets…;
    names of bundled files and ``None`` are skipped). Refused (exit code 2):

    * an input that is the folder or lies anywhere inside it (``output.holds_input``): the
      folder is replaced as a whole, so the input would be lost;
    * a file where the folder should be, or a place where it cannot be created or written;
    * a folder holding files mgi did not write, or files changed since mgi wrote them
      (``output.foreign_folder``); an empty folder, or one that holds only what mgi wrote
      (see :data:`OUTPUT_MARKER`), is fine.

    Parameters
    ----------
    folder
        The output folder (it need not exist).
    inputs
        The paths of every file or folder the run reads.

    Returns
    -------
    Path
        ``folder``, resolved.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> (base / "in").mkdir(); _ = (base / "in" / "q.xlsx").write_bytes(b"...")
    >>> check_output_folder(base / "out", inputs=[base / "in" / "q.xlsx"]).name
    'out'
    >>> check_output_folder(base, inputs=[base / "in" / "q.xlsx"])
    Traceback (most recent call last):
    ...
    mgi.errors.UsageError: The output folder ... holds the input ...
    """
    target = Path(folder).resolve()
    places = _spellings(folder)
    for item in inputs:
        if item is None or str(item) == "" or not os.path.lexists(item):
            continue  # not given, or the name of a bundled file
        if any(_same_or_inside(s, p) for s in _spellings(item) for p in places):
            _refuse("output.holds_input", path=str(folder), input=str(item))
    if os.path.lexists(target) and not target.is_dir():
        _refuse("output.is_file", path=str(folder))
    if target.is_dir():
        foreign = foreign_files(target)
        if foreign:
            shown = ", ".join(foreign[:5]) + (
                f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
            )
            _refuse("output.foreign_folder", path=str(folder), files=shown)
    check_output_location(folder)
    return target


def _manifest(folder: Path) -> dict[str, str]:
    """Relative path (``/``-separated) → SHA-256 of every file under ``folder``."""
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            rel = path.relative_to(folder).as_posix()
            if rel not in (OUTPUT_MARKER, TEMP_MARKER):
                found[rel] = sha256_file(path)
    return found


def _read_marker(folder: Path) -> dict[str, str] | None:
    """The files listed in ``folder``'s :data:`OUTPUT_MARKER`; ``None`` for a marker of an
    earlier mgi version, which listed nothing (the folder is then taken as mgi's)."""
    try:
        text = (folder / OUTPUT_MARKER).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}  # unreadable: nothing in the folder is known to be mgi's
    if not text.startswith(_MARKER_HEAD):
        return None
    listed: dict[str, str] = {}
    for line in text[len(_MARKER_HEAD) :].splitlines():
        digest, _, rel = line.partition("  ")
        if rel:
            listed[rel] = digest
    return listed


def foreign_files(folder: str | Path) -> list[str]:
    """The files in an existing output folder that mgi would lose by replacing it.

    Empty when the folder is empty or mgi wrote it and everything in it is as mgi wrote it.
    Otherwise the relative paths of the files mgi did not write (all of them when the folder has
    no :data:`OUTPUT_MARKER`), of links, and of files changed since. File-browser litter
    (:data:`OS_LITTER`) and empty folders do not count.
    """
    root = Path(folder)
    marker = root / OUTPUT_MARKER
    has_marker = marker.is_file() and not marker.is_symlink()
    listed = _read_marker(root) if has_marker else {}
    if listed is None:  # a folder of an earlier mgi version, which listed nothing: all mgi's
        return []
    found: list[str] = []
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(dirs):  # links to folders are not followed: they count as files
            if os.path.islink(os.path.join(base, name)):
                found.append(Path(base, name).relative_to(root).as_posix())
        for name in sorted(files):
            path = Path(base, name)
            rel = path.relative_to(root).as_posix()
            if name in OS_LITTER or (rel == OUTPUT_MARKER and has_marker):
                continue
            if path.is_symlink() or rel not in listed or _digest(path) != listed[rel]:
                found.append(rel)
    return found


def _digest(path: Path) -> str | None:
    """SHA-256 of a file, or None when it cannot be read (then it cannot be shown to be mgi's)."""
    try:
        return sha256_file(path)
    except OSError:
        return None


# -- interruption ----------------------------------------------------------------------------


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread when mgi is stopped (Ctrl+C, ``SIGTERM``, ``SIGHUP``) while it
    writes outputs, so that every temporary file and folder is removed on the way out.

    ``exit_code`` is the conventional ``128 +`` signal number (130 for Ctrl+C, 143 for
    ``SIGTERM``).
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _SignalState:
    depth = 0  # nesting of interruptible()
    deferring = 0  # nesting of _deferred()
    pending: int | None = None  # a signal received while deferring
    fired = False  # Interrupted was raised once; later signals wait for the cleanup
    previous: dict[int, Any] = {}  # noqa: RUF012


_state = _SignalState()


def _on_signal(signum: int, frame: Any) -> None:
    if _state.deferring or _state.fired:
        _state.pending = _state.pending or signum
        return
    _state.fired = True
    raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """While inside, Ctrl+C, ``SIGTERM`` and ``SIGHUP`` raise :class:`Interrupted` (only in the
    main thread; elsewhere this does nothing), so that ``finally`` and ``except`` blocks clean
    up. Nested uses share one set of handlers; the previous handlers come back at the end."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _state.depth == 0:
        _state.previous = {}
        for signum in _SIGNALS:
            with contextlib.suppress(OSError, ValueError):
                _state.previous[signum] = signal.signal(signum, _on_signal)
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if _state.depth == 0:
            for signum, handler in _state.previous.items():
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
            _state.fired = False
            _state.pending = None


@contextlib.contextmanager
def _deferred() -> Iterator[None]:
    """Hold a signal back until the block (a rename pair, a cleanup) is complete."""
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1
    if not _state.deferring and _state.pending is not None and not _state.fired:
        signum, _state.pending = _state.pending, None
        _state.fired = True
        raise Interrupted(signum)


#: Errors of the file system that mean the output cannot be written (not a bug in mgi).
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EFBIG", "ENAMETOOLONG")
    if hasattr(errno, name)
)


@contextlib.contextmanager
def _output_errors(path: Path, every: bool = False) -> Iterator[None]:
    """Turn a file-system error while writing ``path`` into ``output.write_failed`` (exit 2):
    every :class:`OSError` (``every``, for mgi's own renames and folders), or those that mean
    the disk or folder refuses the output."""
    try:
        yield
    except OSError as exc:
        if every or exc.errno in _OUTPUT_ERRNOS:
            _refuse("output.write_failed", path=str(path), reason=_reason(exc))
        raise


# -- atomic files and folders ----------------------------------------------------------------


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``.

    The caller writes the temporary file (by name). On any exception, or when the run is
    interrupted (see :class:`Interrupted`), the temporary file is removed and ``path`` is left
    as it was.

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
    tmp: Path | None = None
    with interruptible():
        try:
            with _deferred(), _output_errors(target, every=True):
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".part", dir=target.parent
                )
                tmp = Path(tmp_name)
                os.close(fd)
            with _output_errors(target):
                yield tmp
            with _deferred(), _output_errors(target, every=True):
                os.chmod(tmp, _default_mode())
                os.replace(tmp, target)
        except BaseException:
            if tmp is not None:
                with _deferred(), contextlib.suppress(OSError):
                    tmp.unlink()
            raise


_TEMP_NAME = r"[a-z0-9_]{8}"  # the random part of a tempfile name


def _temp_folder(parent: Path, name: str, suffix: str) -> Path:
    """A new, empty, uniquely named folder ``.NAME.XXXXXXXX.SUFFIX`` in ``parent``, marked as
    mgi's temporary folder (see :data:`TEMP_MARKER`); signals wait until it is complete. The
    marker is written under another name and renamed into place, so that it is whole or
    absent even when the process is killed (SIGKILL cannot wait) while writing it."""
    with _deferred():
        folder = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=suffix, dir=parent))
        try:
            draft = folder / f"{TEMP_MARKER}.draft"
            draft.write_text(
                f"{_TEMP_HEAD}host={socket.gethostname()}\npid={os.getpid()}\n", encoding="utf-8"
            )
            os.replace(draft, folder / TEMP_MARKER)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return folder


def _process_gone(pid: int) -> bool:
    """Whether no process ``pid`` runs on this machine (False when it cannot be known)."""
    if os.name != "posix" or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to someone else
        return False
    return False


def _is_stale(folder: Path) -> bool:
    """Whether ``folder`` is a temporary folder left by an mgi run that has ended."""
    try:
        info = os.lstat(folder)
        marker = folder / TEMP_MARKER
        mark = os.lstat(marker)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or not stat.S_ISREG(mark.st_mode) or mark.st_size > 4096:
        return False
    if mark.st_mtime >= PROCESS_STARTED:
        return False
    text = marker.read_text(encoding="utf-8", errors="replace")
    if not text.startswith(_TEMP_HEAD):
        return False
    fields = dict(line.partition("=")[::2] for line in text[len(_TEMP_HEAD) :].splitlines())
    if fields.get("host") != socket.gethostname() or not fields.get("pid", "").isdigit():
        return False
    return _process_gone(int(fields["pid"]))


def sweep_stale_temporaries(path: str | Path) -> list[Path]:
    """Remove the temporary folders that earlier, killed mgi runs left beside ``path``.

    Only folders that match all of these are removed: the name ``.NAME.XXXXXXXX.part`` or
    ``.old`` that :func:`atomic_directory` gives them (NAME is ``path``'s name), a
    :data:`TEMP_MARKER` file inside written by mgi on this machine before the current process
    started, and a process id in it that no longer runs. Anything else is never touched.

    Returns
    -------
    list of Path
        The folders removed.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(target.name)}\.{_TEMP_NAME}\.(part|old)")
    removed: list[Path] = []
    try:
        entries = sorted(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if pattern.fullmatch(entry.name) and _is_stale(entry):
            with _deferred():
                shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _write_output_marker(folder: Path) -> None:
    lines = [f"{digest}  {rel}" for rel, digest in _manifest(folder).items()]
    (folder / OUTPUT_MARKER).write_text(_MARKER_HEAD + "\n".join(lines) + "\n", encoding="utf-8")


@contextlib.contextmanager
def atomic_directory(
    path: str | Path, *, inputs: Iterable[str | Path | None] = ()
) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it replaces ``path``.

    ``path`` is checked first with :func:`check_output_folder` (``inputs`` are the run's
    inputs), and again just before it is replaced. Stale temporary folders of killed runs are
    swept (:func:`sweep_stale_temporaries`). The new folder gets :data:`OUTPUT_MARKER` listing
    its files. An existing ``path`` is moved into a new, uniquely named folder made for the
    purpose, the new folder is renamed into place, and only then is the old one deleted; on any
    failure or interruption the temporary folder is removed and ``path`` is left as it was.
    """
    inputs = list(inputs)
    target = check_output_folder(path, inputs=inputs)
    tmp: Path | None = None
    with interruptible():
        try:
            with _deferred(), _output_errors(target, every=True):
                target.parent.mkdir(parents=True, exist_ok=True)
                sweep_stale_temporaries(target)
                tmp = _temp_folder(target.parent, target.name, ".part")
            with _output_errors(target):
                yield tmp
            with _output_errors(target, every=True):
                (tmp / TEMP_MARKER).unlink()
                _write_output_marker(tmp)
                os.chmod(tmp, _default_mode(directory=True))
            with _deferred():
                _replace_folder(tmp, target, inputs)
        except BaseException:
            if tmp is not None:
                with _deferred():
                    shutil.rmtree(tmp, ignore_errors=True)
            raise


def _replace_folder(new: Path, target: Path, inputs: list[str | Path | None]) -> None:
    """Rename ``new`` to ``target``; an existing ``target`` is checked again, parked in a fresh
    folder of mgi's and deleted only once ``new`` is in place."""
    if not os.path.lexists(target):
        with _output_errors(target, every=True):
            os.replace(new, target)
        return
    check_output_folder(target, inputs=inputs)  # nothing foreign was added meanwhile
    with _output_errors(target, every=True):
        parking = _temp_folder(target.parent, target.name, ".old")
    previous = parking / "previous"
    try:
        with _output_errors(target, every=True):
            os.replace(target, previous)
        try:
            with _output_errors(target, every=True):
                os.replace(new, target)
        except BaseException:
            os.replace(previous, target)
            raise
    finally:
        shutil.rmtree(parking, ignore_errors=True)
