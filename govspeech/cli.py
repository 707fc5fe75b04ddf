"""Command line: ``govspeech annotate PATH... -o OUT.jsonl``."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .annotate import DEFAULT_MAX_CHUNK, annotate, iter_inputs, write_errors
from .reader import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, help="Read Chinese government speeches with the zh_govspeech pipeline.")


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


@app.callback()
def main() -> None:
    """govspeech: sentence units, sections, outline, entities, directives and task ledgers."""


@app.command("annotate")
def annotate_cmd(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive) or - for standard input"),
    output: Path = typer.Option(..., "-o", "--output", help="Records file (JSON Lines); other formats are written beside it"),
    formats: List[Format] = typer.Option([Format.jsonl], "--format", "-f",
                                         help="jsonl: records; csv/xlsx: task ledger; html: one page per document and an index. Repeatable."),
    model: str = typer.Option("zh_govspeech", "--model", "-m", help="Installed pipeline name or path"),
    glob: Optional[str] = typer.Option(None, "--glob", help="File pattern inside folders, e.g. '*.txt'"),
    n_process: int = typer.Option(1, "--n-process", min=1),
    batch_size: int = typer.Option(1, "--batch-size", min=1,
                                   help="Texts per batch. Speeches are long: 1 keeps memory bounded; raise it for many short texts"),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in the output of an earlier run"),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Files larger than this are reported, not read"),
    max_chunk: int = typer.Option(DEFAULT_MAX_CHUNK, "--max-chunk", help="Longer texts are processed in pieces of at most this many characters"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Annotate speeches into records, task ledgers and HTML views.

    Exit status 0 when every input was annotated, 1 when any failed (see
    OUTPUT.errors.jsonl), 2 on a usage error.
    """
    import spacy
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, quiet=quiet)
    if output.suffix != ".jsonl":
        output = output.with_suffix(".jsonl")
    try:
        nlp = spacy.load(model)
    except OSError as err:
        console.print(f"[red]cannot load model {model!r}: {err}")
        raise typer.Exit(2)
    inputs = list(iter_inputs(paths, glob))
    stdin_bytes = sys.stdin.buffer.read() if any(p is None for _, p in inputs) else None
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=console, transient=True, disable=quiet) as bar:
        task = bar.add_task("annotating", total=len(inputs))
        summary = annotate(nlp, inputs, output, resume=resume, n_process=n_process, batch_size=batch_size,
                           max_chunk=max_chunk, max_bytes=max_bytes, stdin_bytes=stdin_bytes,
                           progress=lambda rec: bar.advance(task))
    errors_path = output.with_name(output.stem + ".errors.jsonl")
    write_errors(errors_path, summary.errors)
    from .records import read_records
    written = [output]
    if any(f != Format.jsonl for f in formats):
        records = list(read_records(output))
        from .display import write_html_reports
        from .ledger import write_csv, write_xlsx
        if Format.csv in formats:
            write_csv(output.with_suffix(".csv"), records)
            written.append(output.with_suffix(".csv"))
        if Format.xlsx in formats:
            write_xlsx(output.with_suffix(".xlsx"), records)
            written.append(output.with_suffix(".xlsx"))
        if Format.html in formats:
            folder = output.with_name(output.stem + "_html")
            write_html_reports(folder, records)
            written.append(folder / "index.html")
    rate = summary.characters / summary.seconds if summary.seconds else 0.0
    console.print(f"documents {summary.documents}, skipped {summary.skipped}, characters {summary.characters}, "
                  f"tasks {summary.tasks}, seconds {summary.seconds:.1f} ({rate:,.0f} chars/s), "
                  f"errors {len(summary.errors)}")
    for e in summary.errors:
        console.print(f"[yellow]failed[/] {e['path']}: {e['reason']}")
    console.print("wrote " + ", ".join(str(p) for p in written) + (f", {errors_path}" if summary.errors else ""))
    raise typer.Exit(1 if summary.errors else 0)


if __name__ == "__main__":
    app()
