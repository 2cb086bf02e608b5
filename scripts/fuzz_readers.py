"""Coverage-guided fuzzing (atheris/libFuzzer) of read + repair: any bytes, any suffix.

Each input's first byte picks the file type; the rest is the file. The
property: ``read_file`` returns a SourceText or raises InputRejected (never
another exception), and repairing what it returns keeps a sound offset map.
A crash is saved by libFuzzer as ``crash-<sha1>`` in the working folder.

Always bounded; run it from the repository root:

    python scripts/fuzz_readers.py -runs=20000
    python scripts/fuzz_readers.py -max_total_time=300 -rss_limit_mb=4096 corpus_dir/

With no corpus folder the demo corpus seeds the first inputs. The number of
inputs tried is libFuzzer's closing line, ``Done N runs in S second(s)``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' map rule is shared, not copied

with atheris.instrument_imports():
    from dyad.config import Options
    from dyad.errors import InputRejected
    from dyad.ingest.readers import read_file
    from dyad.ingest.repair import repair
    from dyad.knowledge.repair import read_repair
    from tests.reliability.mapcheck import map_faults

SUFFIXES = (".txt", ".md", ".html", ".pdf")
SCRATCH = Path(tempfile.mkdtemp(prefix="dyad-atheris-"))
OPTIONS = Options(max_bytes=1_000_000)
KB = read_repair()


def check(data: bytes) -> None:
    """One input: read it as the file type its first byte names, then repair it."""
    if len(data) < 2:
        return
    path = SCRATCH / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    try:
        source = read_file(path, OPTIONS)
    except InputRejected:
        return
    body, _ = repair(source.base, fmt=source.format, kb=KB)
    faults = map_faults(body, source.original)
    if faults:
        raise AssertionError(f"offset map broken on {path.suffix}: {faults[:3]}")


def _seed_corpus(argv: list[str]) -> list[str]:
    """Without a corpus folder, start from the demo documents (copied, with their type byte)."""
    if any(not a.startswith("-") for a in argv[1:]):
        return argv
    seeds = SCRATCH / "seeds"
    seeds.mkdir()
    for doc in sorted((ROOT / "dyad" / "demo" / "corpus").iterdir()):
        if doc.suffix in SUFFIXES:
            (seeds / doc.name).write_bytes(bytes([SUFFIXES.index(doc.suffix)]) + doc.read_bytes())
    return [*argv, str(seeds)]


def main() -> None:
    argv = _seed_corpus(sys.argv)
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        argv.append(f"-artifact_prefix={SCRATCH}/")  # crashes land beside the scratch files, not in the repo
    if not any(a.startswith(("-runs=", "-max_total_time=")) for a in argv):
        argv.append("-max_total_time=60")  # never unbounded
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
