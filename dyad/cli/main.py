"""The ``dyad`` command: thin Typer wrappers that parse arguments and call the library.

Exit status (CONTRACT.md): 0 all done, 1 some input rejected or a clear error,
2 usage errors. A library error becomes one line on stderr, never a traceback.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_args, get_origin, get_type_hints

import typer

from dyad.cli import coercion
from dyad.config import SETTINGS, Options, cli_flag, declared
from dyad.errors import DyadError

coercion.install()  # text and path parameters without pydantic (a fifth of a short command's start-up)

app = typer.Typer(
    name="dyad",
    help="Turn documents about relations between states into an evidence-linked model.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's help formatter alone costs a quarter of a second of start-up
)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="DYAD_DB", help=str(SETTINGS["db"][1]), show_default=True),
]
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"dyad: {message}", err=True)
    raise typer.Exit(code)


def clean_errors(fn: F) -> F:
    """Turn dyad's own errors and Ctrl-C into one line on stderr and the contract's exit status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DyadError as exc:
            fail(exc.line())
        except KeyboardInterrupt:
            fail("interrupted; the database holds every document finished before the interrupt", 130)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): not an error of ours
        return None

    return wrapper  # type: ignore[return-value]


def options_for(db: Path, **settings: Any) -> Options:
    """``Options`` from the command line's values (an unset one keeps its default). A repeatable setting
    with an environment variable (``DYAD_ACTORS``, ``DYAD_PLUGINS``) takes the variable's list, separated
    by the path separator, before the values given on the command line."""
    given = {k: v for k, v in settings.items() if v is not None}
    hints = get_type_hints(Options)
    for f in declared():
        if get_origin(hints[f.name]) is not tuple:
            continue
        item = get_args(hints[f.name])[0]
        env = f.metadata.get("env")
        from_env = [item(v) for v in os.environ.get(env, "").split(os.pathsep) if v] if env else []
        given[f.name] = (*from_env, *given.get(f.name, ()))
    return Options(**{**given, "db": db})


def with_settings(fn: F) -> F:
    """Give ``fn`` (which takes ``**settings``) one command-line option per field of ``Options``, with the
    field's flag, default and help (:mod:`dyad.config`): the options are declared once, there."""
    hints = get_type_hints(Options)
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind is not p.VAR_KEYWORD]
    for f in declared():
        kind, default = hints[f.name], f.default
        extra: dict[str, Any] = {"help": f.metadata["help"]}
        if get_origin(kind) is tuple:  # repeatable: a list on the command line
            kind, default = list[get_args(kind)[0]] | None, None  # type: ignore[misc]
        elif "env" in f.metadata:
            extra.update(envvar=f.metadata["env"], show_default=True)
        if "min" in f.metadata:
            extra["min"] = f.metadata["min"]
        option = typer.Option(cli_flag(f), **extra)
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                        annotation=Annotated[kind, option]))  # fmt: skip
    fn.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return fn


@app.command()
@clean_errors
@with_settings
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (.txt .md .html .htm .pdf).")],
    **settings: Any,
) -> None:
    """Read files and folders, run the whole pipeline, store the result."""
    from dyad.cli.progress import run_ingest
    from dyad.engines import ENGINES

    if settings["engine"] not in ENGINES:
        fail(f"unknown engine {settings['engine']!r}; choose {' or '.join(ENGINES)}", 2)
    rejected = run_ingest(paths, options_for(**settings))
    _DONE_WITH_MODELS.append(True)  # everything is written and closed: the process may end at once (main)
    raise typer.Exit(1 if rejected else 0)


@app.command()
@clean_errors
def export(
    kind: Annotated[str, typer.Argument(help="documents, events, entities, agreements, positions or quantities.")],
    db: DbOption = Path("dyad.duckdb"),
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include negated/hypothetical events and old versions.")] = False,
) -> None:
    """Write records as JSON Lines (default), CSV or Parquet."""
    from dyad import export as ex
    from dyad.store.db import Store

    if kind not in ex.KINDS:
        fail(f"unknown kind {kind!r}; choose one of: {', '.join(ex.KINDS)}", 2)
    if format not in ex.FORMATS:
        fail(f"unknown format {format!r}; choose one of: {', '.join(ex.FORMATS)}", 2)
    if format == "parquet" and output is None:
        fail("--format parquet needs -o FILE", 2)
    with Store.open(db, read_only=True) as store:
        rows = ex.records(store, kind, include_all=all_)
        ex.write(rows, format, output or sys.stdout, columns=ex.OPTIONAL.get(kind, ()))


@app.command()
@clean_errors
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain words.")],
    db: DbOption = Path("dyad.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="Print {answer, citations} as JSON.")] = False,
    semantic: Annotated[bool, typer.Option(help="Fuse semantic search in (needs the 'semantic' extra).")] = False,
) -> None:
    """A short answer with the passages it rests on.

    An OpenAI-compatible model answers instead when DYAD_LLM_BASE_URL and DYAD_LLM_MODEL
    are set (key in DYAD_LLM_API_KEY); it must cite the passages it is given.
    """
    if not question.strip():
        fail('ask needs a question, e.g. dyad ask "When was the Joint Declaration signed?"', 2)
    from dyad.ask import answer
    from dyad.ask.llm import LLMConfig
    from dyad.store.db import Store

    llm = None
    if os.environ.get("DYAD_LLM_BASE_URL") and os.environ.get("DYAD_LLM_MODEL"):
        llm = LLMConfig(
            os.environ["DYAD_LLM_BASE_URL"], os.environ["DYAD_LLM_MODEL"], os.environ.get("DYAD_LLM_API_KEY", "")
        )
    with Store.open(db, read_only=not semantic) as store:
        reply = answer(store, question, llm=llm, semantic=semantic)
    if as_json:
        typer.echo(json.dumps(reply.to_dict(), ensure_ascii=False))
        return
    typer.echo(reply.answer)
    for cite in reply.citations:
        typer.echo(f"  [{cite['doc']} {cite['start']}-{cite['end']}] {' '.join(cite['text'].split())}")


@app.command()
@clean_errors
def serve(
    db: DbOption = Path("dyad.duckdb"),
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes answering side by side.")] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="Another Host name to answer (besides localhost and --host); repeatable."),
    ] = None,
    allow_corrections: Annotated[
        bool, typer.Option("--allow-corrections", help="Fact pages offer a form that stores corrections.")
    ] = False,
) -> None:
    """The web UI and JSON API (read-only unless --allow-corrections; 127.0.0.1 unless told otherwise)."""
    from dyad.web.serve import serve as run_server

    run_server(
        db, host=host, port=port, workers=workers, allowed_hosts=allowed_host or (), allow_corrections=allow_corrections
    )


@app.command()
@clean_errors
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    db: DbOption = Path("dyad.duckdb"),
    date_from: Annotated[str | None, typer.Option("--from", help="First date of the period (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date of the period, inclusive.")] = None,
) -> None:
    """One self-contained HTML brief: key developments with footnotes first, then the index, tables, sources."""
    import re

    from dyad.report import write_report

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value is not None and not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
            fail(f"{name} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", 2)
    if date_from and date_to and date_from > date_to + "\uffff":
        fail(f"--to {date_to} is before --from {date_from}", 2)
    check_writable(output)
    try:
        write_report(db, output, date_from=date_from, date_to=date_to)
    except OSError as exc:  # e.g. the disk filled up or the folder went away meanwhile
        fail(f"{output}: cannot write the report: {exc.strerror or exc}", 2)
    typer.echo(f"wrote {output}")


def check_writable(output: Path) -> None:
    """Fail with one line (exit 2) before any work when ``output`` cannot be written."""
    folder = output.parent
    if output.is_dir():
        fail(f"{output}: is a folder; give a file name, e.g. -o {output / 'brief.html'}", 2)
    if not folder.is_dir():
        fail(f"{output}: the folder {folder} does not exist; create it or choose another -o path", 2)
    if not os.access(folder, os.W_OK):
        fail(f"{output}: the folder {folder} is not writable; choose another -o path", 2)


@app.command()
@clean_errors
def demo(
    db: DbOption = Path("dyad.duckdb"),
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the brief.")] = Path("brief.html"),
) -> None:
    """Ingest the bundled demo corpus into a fresh database (an existing one is kept as FILE.bak)."""
    from dyad.cli.progress import run_ingest
    from dyad.demo import corpus_files

    if db.exists():
        backup = db.with_name(db.name + ".bak")
        db.replace(backup)
        typer.echo(f"kept the previous database as {backup}")
    from dyad.report import write_report

    rejected = run_ingest(corpus_files(), options_for(db))
    write_report(db, output)
    typer.echo(
        f"\nThe demo model is in {db}; the brief is in {output}.\n"
        f"  open it:        xdg-open {output}   (or open it in any browser; it works offline)\n"
        f"  serve the UI:   dyad serve --db {db}   then visit http://127.0.0.1:8000/\n"
        f'  ask:            dyad ask --db {db} "When was the Joint Declaration signed?"\n'
        f"  export:         dyad export events --db {db} | head"
    )
    raise typer.Exit(1 if rejected else 0)


@app.command()
@clean_errors
def correct(
    fact: Annotated[
        str | None,
        typer.Argument(
            help="The event's (ev-…) or agreement's (ag-…) id, or a position's or quantity's page address"
            " (positions/DOC/START-END, quantities/DOC/START-END), from its page or dyad export."
        ),
    ] = None,
    db: DbOption = Path("dyad.duckdb"),
    wrong: Annotated[bool, typer.Option("--wrong", help="Not a fact the text states: leave it out.")] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help="Checked and right as it stands.")] = False,
    type_: Annotated[str | None, typer.Option("--type", help="Another PLOVER type, e.g. ACCUSE.")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="The mode that goes with --type, e.g. visit.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Another date, YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--end", help="The last day of a range, with --date.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Another acting actor: id, code or name.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Another actor acted on: id, code or name.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="An agreement's current status, e.g. signed.")] = None,
    parties: Annotated[str | None, typer.Option("--parties", help="Agreement parties, e.g. JPN,SUN.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="A position's holder: id, code or name.")] = None,
    issue: Annotated[str | None, typer.Option("--issue", help="A position's issue, e.g. kuril-sovereignty.")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help="A position's stance, e.g. oppose.")] = None,
    value: Annotated[str | None, typer.Option("--value", help="A quantity's value, e.g. 20.5.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="A quantity's unit, e.g. 'USD bn'.")] = None,
    what: Annotated[str | None, typer.Option("--what", help="What a quantity measures, e.g. 'trade'.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="A quantity's countries, e.g. JPN,RUS.")] = None,
    why: Annotated[str, typer.Option("--why", help="Why: what the text says (required for a change).")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who corrects (default: $DYAD_USER or the login).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the corrections (of FACT if given).")] = False,
    withdraw: Annotated[int | None, typer.Option("--withdraw", help="Withdraw correction number N.")] = None,
    export_gold: Annotated[
        Path | None, typer.Option("--export-gold", help="Write the reviewed documents' facts as gold lines.")
    ] = None,
    gold_kind: Annotated[
        str,
        typer.Option(
            "--gold-kind", help="Which facts --export-gold writes: events, agreements, positions, quantities."
        ),
    ] = "events",
) -> None:
    """Correct an event, agreement, position or quantity: mark it wrong, confirm, change a field; kept across
    re-ingests."""
    from dyad.cli.correct import run_correct

    changes = {"wrong": wrong, "confirm": confirm, "type": type_, "mode": mode, "date": date, "end": end,
               "source": source, "target": target, "status": status, "parties": parties, "actor": actor,
               "issue": issue, "stance": stance, "value": value, "unit": unit, "what": what,
               "subject": subject}  # fmt: skip
    tasks = [
        bool(list_),
        withdraw is not None,
        export_gold is not None,
        any(v not in (None, False) for v in changes.values()),
    ]
    if sum(tasks) != 1:
        fail("give one of: a correction (FACT and --wrong/--type/...), --list, --withdraw N, --export-gold FILE", 2)
    if tasks[3] and not fact:
        fail("which fact? give its id, e.g. dyad correct ev-0123abcd --type ACCUSE --why '...'", 2)
    if gold_kind not in ("events", "agreements", "positions", "quantities"):
        fail(f"--gold-kind {gold_kind!r}: choose events, agreements, positions or quantities", 2)
    if export_gold is not None and str(export_gold) != "-":
        check_writable(export_gold)
    who = by or os.environ.get("DYAD_USER") or _login()
    run_correct(db, fact, changes, who=who, why=why, list_=list_, withdraw=withdraw, export_gold=export_gold,
                gold_kind=gold_kind)  # fmt: skip


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "unknown"


@app.command(name="eval")
@clean_errors
def eval_(
    kind: Annotated[
        str,
        typer.Argument(
            help="events, questions, quantities, agreements, positions; dates or linking (with an events gold)."
        ),
    ],
    gold: Annotated[Path, typer.Option("--gold", help="A gold file in the format of gold/GUIDELINES.md.")],
    db: DbOption = Path("dyad.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score the database against a gold file: precision, recall, type agreement and the misses."""
    from dyad.eval.run import evaluate, figures_of

    report_ = evaluate(kind, gold, db)
    typer.echo(json.dumps(figures_of(report_), indent=2) if as_json else report_.render())


#: Set by a command that loaded the models and has written and closed everything it opened (``dyad ingest``).
_DONE_WITH_MODELS: list[bool] = []


def main() -> None:
    """The console entry point (and ``python -m dyad``): the command, and after ``dyad ingest`` an exit without
    Python's teardown.

    Ending the interpreter normally frees the loaded model and knowledge object by object (a final collection
    over some 140,000 of them, then every module's dictionary): about 0.3 s after the last line was printed.
    Once the ingest command has closed its database and written its summary nothing is left to finalise but
    the exit handlers (which still run, e.g. a Ray engine's shutdown), so the process flushes its output, runs
    them and ends. Any other command, a failed flush or a thread still running ends the ordinary way.
    """
    _DONE_WITH_MODELS.clear()
    try:
        app(prog_name="dyad")
    except SystemExit as done:
        if _DONE_WITH_MODELS and isinstance(done.code, int | None):
            _end_now(done.code or 0)
        raise


def _end_now(code: int) -> None:
    import atexit
    import threading

    if any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate()):
        return  # the interpreter's own exit waits for them
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the ordinary exit reports what it must
        return
    atexit._run_exitfuncs()
    os._exit(code)
