"""Readers: turn a file on disk into a :class:`~dyad.records.SourceText`, or reject it.

One entry point, :func:`read_file`, checks the file (type, size, permissions,
emptiness), hashes its bytes and hands them to the reader for its format:

- ``.txt``: decoded text; ``base`` is the identity map (CRLF folded to LF).
- ``.md``: decoded text; ``base`` drops Markdown markup (heading hashes,
  emphasis markers, link targets, front matter) through the offset map, so
  ``original`` stays the file's own text.
- ``.html``/``.htm``: ``original`` is the markup, ``base`` the main-content
  text mapped into it, boilerplate blocks listed in ``removed``
  (:mod:`dyad.ingest.html`).
- ``.pdf``: ``original`` is the text layer (:mod:`dyad.ingest.pdf`).

Every failure, including a library's, leaves as :class:`InputRejected`
with one reason a user can act on.
"""

from __future__ import annotations

import errno
import hashlib
import re
import stat
from pathlib import Path

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.ingest.decode import decode_text
from dyad.ingest.html import read_html
from dyad.ingest.pdf import read_pdf
from dyad.ingest.storydate import header_date, parse_partial
from dyad.offsets import Edit, MappedText
from dyad.records import SourceText

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def read_file(path: Path, options: Options) -> SourceText:
    """Read one file; raise :class:`InputRejected` with the reason when it is not a document.

    >>> doc = read_file(Path("dyad/demo/corpus/1855_shimoda_explainer.txt"), Options())  # doctest: +SKIP
    >>> doc.original[:10] == doc.base.text[:10]  # doctest: +SKIP
    True
    """
    where = str(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        raise InputRejected(f"unknown file type {path.suffix or '(none)'!r}; dyad reads {known}", path=where)
    data = _read_bytes(path, options)
    try:
        return _build(path, fmt, data)
    except InputRejected:
        raise
    except Exception as exc:
        raise InputRejected(f"cannot read {fmt} file ({type(exc).__name__}: {exc})", path=where) from None


def _read_bytes(path: Path, options: Options) -> bytes:
    where = str(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise InputRejected("file not found", path=where) from None
    except OSError as exc:
        raise InputRejected(f"cannot inspect file ({exc.strerror})", path=where) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            info = path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputRejected("symlink loop: following its links leads back to itself", path=where) from None
            raise InputRejected("broken symlink: its target does not exist", path=where) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputRejected("not a regular file", path=where)
    if info.st_size > options.max_bytes:
        raise InputRejected(
            f"file is {_size(info.st_size)}, over the {_size(options.max_bytes)} limit (--max-bytes)", path=where
        )
    if info.st_size == 0:
        raise InputRejected("empty file (0 bytes)", path=where)
    try:
        with open(path, "rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except PermissionError:
        raise InputRejected("permission denied", path=where) from None
    except OSError as exc:
        raise InputRejected(f"cannot read file ({exc.strerror or exc})", path=where) from None
    if len(data) > options.max_bytes:  # the file grew between stat and read
        raise InputRejected(f"file is over the {_size(options.max_bytes)} limit (--max-bytes)", path=where)
    return data


def _size(n: int) -> str:
    if n >= 10_000_000:
        return f"{n / 1_000_000:.0f} MB"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} kB"
    return f"{n} bytes"


def _build(path: Path, fmt: str, data: bytes) -> SourceText:
    where = str(path)
    title: str | None = None
    published: str | None = None
    removed: tuple = ()
    if fmt == "pdf":
        pdf = read_pdf(data, where)
        original, title, published = pdf.text, pdf.title, pdf.published
        base = _fold_crlf(MappedText.identity(original))
    elif fmt == "html":
        original = decode_text(data, where, declared=_declared_charset(data))
        layer = read_html(original)
        base, removed, title, published = layer.base, layer.removed, layer.title, layer.published
    else:
        original = decode_text(data, where)
        base = _fold_crlf(MappedText.identity(original))
        if fmt == "md":
            base, front = strip_markdown(base)
            title = front.get("title") or _md_title(original)
            published = parse_partial(front["date"]) if front.get("date") else None
        else:
            title = _txt_title(base.text)
        published = published or header_date(base.text)
    if not base.text.strip():
        why = "no main text found in the page" if fmt == "html" else "empty file (whitespace only)"
        raise InputRejected(why, path=where)
    if fmt != "pdf" and "\ufffd" in original[:4096] and original[:4096].count("\ufffd") > 20:
        raise InputRejected("undecodable text: too many replacement characters", path=where)
    return SourceText(
        name=path.name,
        path=where,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        original=original,
        base=base,
        removed=tuple(removed),
        title=title,
        published=published,
    )


def _fold_crlf(base: MappedText) -> MappedText:
    """Windows line ends become "\\n" in ``base`` so paragraph rules see one kind of break."""
    if "\r" not in base.text:
        return base
    return base.edit([(m.start(), m.end(), "\n") for m in re.finditer(r"\r\n?", base.text)])


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", errors="ignore")
    match = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", head, re.IGNORECASE)
    return match.group(1) if match else None


def _txt_title(text: str) -> str | None:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    # A title is a short line that is not a sentence and not just a date.
    if 0 < len(first) <= 150 and not first.endswith((".", ",", ";")) and header_date(first) is None:
        return first
    return None


def _md_title(text: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    return match.group(1) if match else None


# -- Markdown --------------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_MD_PATTERNS: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    # (pattern, groups whose spans are deleted); earlier patterns win overlaps.
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$\n?", re.MULTILINE), (0,)),  # link definition
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), (0,)),  # image
    (re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))"), (1, 2)),  # [text](url)
    (re.compile(r"(\[)[^\]\n]+(\]\[[^\]\n]*\])"), (1, 2)),  # [text][ref]
    (re.compile(r"^([ \t]*#{1,6}[ \t]+)[^\n]*?([ \t]+#+)?[ \t]*$", re.MULTILINE), (1, 2)),  # heading
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$\n?", re.MULTILINE), (0,)),  # horizontal rule
    (
        re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$\n?", re.MULTILINE),
        (0,),
    ),  # table rule
    (re.compile(r"^([ \t]*\|[ \t]*)[^\n]*?([ \t]*\|[ \t]*)$", re.MULTILINE), (1, 2)),  # table row edges
    (re.compile(r"^([ \t]*>[ \t]?)", re.MULTILINE), (1,)),  # blockquote
    (re.compile(r"^([ \t]*[-*+][ \t]+)", re.MULTILINE), (1,)),  # bullet
    (re.compile(r"(`+)[^`\n]+?(\1)"), (1, 2)),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)[^\n]+?(?<=\S)(\1)"), (1, 2)),  # strong
    (re.compile(r"(?<![\w*])(\*)(?=[^\s*])[^\n*]+?(?<=[^\s*])(\*)(?![\w*])"), (1, 2)),  # *em*
    (re.compile(r"(?<![\w_])(_)(?=[^\s_])[^\n_]+?(?<=[^\s_])(_)(?![\w_])"), (1, 2)),  # _em_
)


def strip_markdown(base: MappedText) -> tuple[MappedText, dict[str, str]]:
    """Drop Markdown markup from ``base`` through the offset map; also return front-matter fields.

    >>> strip_markdown(MappedText.identity("# Title\\n\\nSee [the note](http://x.org/a_b_c)."))[0].text
    'Title\\n\\nSee the note.'
    """
    text = base.text
    edits: list[Edit] = []
    front: dict[str, str] = {}
    match = _FRONT.match(text)
    if match:
        front = _front_matter(match.group(1))
        edits.append((0, match.end(), ""))
    for pattern, groups in _MD_PATTERNS:
        for m in pattern.finditer(text):
            spans = [m.span(g) for g in groups if m.group(g)]
            if spans and not any(_overlaps(s, e) for s in spans for e in edits):
                edits.extend((s, e, "") for s, e in spans)
    return base.edit(edits), front


def _overlaps(span: tuple[int, int], edit: Edit) -> bool:
    return span[0] < edit[1] and edit[0] < span[1]


def _front_matter(block: str) -> dict[str, str]:
    """``key: value`` lines of a YAML front matter block (values as plain strings)."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields
