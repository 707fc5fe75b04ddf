"""Batch annotation: inputs -> records, streamed, resumable, never half-written.

Records are appended, one complete line per write, to ``OUT.part``; the file
is renamed to ``OUT`` when the run ends, so ``OUT`` is only ever complete.
``resume`` keeps the complete records of an earlier ``OUT.part`` (or ``OUT``)
and skips their documents. Texts longer than ``max_chunk`` characters are cut
at line breaks (else at sentence ends) and processed in pieces whose offsets
are shifted back into the original text.

With ``n_process`` > 1 the pieces go to a pool of forked worker processes that
each run the pipeline *and* build the piece's record, so only small records
travel back and the main process just reads, merges and writes. A piece whose
processing raises fails its document (reported in the errors), not the run.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .docs import doc_to_record
from .reader import DEFAULT_MAX_BYTES, InputError, read_document

DEFAULT_MAX_CHUNK = 50_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ""}


@dataclass
class Summary:
    documents: int = 0
    characters: int = 0
    tasks: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)
    seconds: float = 0.0


def iter_inputs(paths: Iterable[str], glob: str | None = None) -> Iterator[tuple[str, Path | None]]:
    """(id, path) for every input; a folder gives its files, ids relative to it."""
    for p in paths:
        if p == "-":
            yield "stdin", None
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(path.rglob(glob) if glob else path.rglob("*"))
            for f in files:
                if f.is_file() and not f.name.startswith(".") and (glob or f.suffix.lower() in TEXT_SUFFIXES):
                    yield f.relative_to(path).as_posix(), f
        else:
            yield path.name, path


def chunk_text(text: str, max_chars: int = DEFAULT_MAX_CHUNK) -> list[tuple[int, str]]:
    """Cut a long text into (offset, piece) at unit boundaries."""
    out, start, n = [], 0, len(text)
    while n - start > max_chars:
        window = text[start:start + max_chars]
        cut = window.rfind("\n")
        if cut < max_chars // 4:
            cut = max(window.rfind(c) for c in "。！？；!?;")
        cut = cut + 1 if cut > 0 else max_chars
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def merge_records(parts: list[dict], text: str, rec_id: str, meta: dict) -> dict:
    """Join the records of a text's chunks (offsets already shifted)."""
    rec = {"id": rec_id, "text": text, "meta": meta, "sentences": [], "entities": []}
    tasks = []
    for p in parts:
        rec["sentences"] += p["sentences"]
        rec["entities"] += p["entities"]
        tasks += p.get("tasks", [])
    if any("tasks" in p for p in parts):
        for i, t in enumerate(tasks, 1):
            t["no"] = i
        rec["tasks"] = tasks
    return rec


def _load_done(path: Path) -> list[str]:
    """Complete lines of an earlier run's output; a torn last line is dropped."""
    if not path.exists():
        return []
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.endswith("\n"):
                break
            try:
                json.loads(line)
            except json.JSONDecodeError:
                break
            lines.append(line)
    return lines


def annotate(nlp, inputs: Iterable[tuple[str, Path | None]], out: Path, *, resume: bool = False,
             n_process: int = 1, batch_size: int = 1, max_chunk: int = DEFAULT_MAX_CHUNK,
             max_bytes: int = DEFAULT_MAX_BYTES, progress=None, stdin_bytes: bytes | None = None) -> Summary:
    """Annotate inputs into the records file `out`; return what happened."""
    t0 = time.time()
    summary = Summary()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    done_lines = []
    if resume:
        done_lines = _load_done(part) or _load_done(out)
    done = {json.loads(line)["id"] for line in done_lines}
    with_tasks = "govspeech_tasks" in nlp.pipe_names
    fh = open(part, "w", encoding="utf-8")
    fh.writelines(done_lines)
    fh.flush()

    pending: dict[int, dict] = {}
    # pieces read ahead of the workers: bounded, so memory does not grow with the batch
    window = threading.BoundedSemaphore(max(4, 4 * n_process * batch_size))

    def sources():
        for i, (rid, path) in enumerate(inputs):
            if rid in done:
                summary.skipped += 1
                continue
            try:
                src = read_document(path, data=stdin_bytes if path is None else None, max_bytes=max_bytes)
            except InputError as err:
                summary.errors.append({"path": str(path) if path else "-", "id": rid, "reason": str(err)})
                continue
            chunks = chunk_text(src.text, max_chunk)
            pending[i] = {"id": rid, "text": src.text, "meta": src.meta, "n": len(chunks), "parts": [],
                          "path": str(path) if path else "-", "failed": None}
            for offset, piece in chunks:
                window.acquire()
                yield piece, (i, offset)

    def batches():
        batch = []
        for item in sources():
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    global _WORKER
    _WORKER = (nlp, with_tasks)
    pool = multiprocessing.get_context("fork").Pool(n_process) if n_process > 1 else None
    try:
        results = pool.imap(_annotate_batch, batches()) if pool else map(_annotate_batch, batches())
        for batch_results in results:
            for (i, offset), piece_record, error in batch_results:
                window.release()
                entry = pending[i]
                entry["parts"].append(piece_record)
                entry["failed"] = entry["failed"] or error
                if len(entry["parts"]) < entry["n"]:
                    continue
                del pending[i]
                if entry["failed"]:
                    summary.errors.append({"path": entry["path"], "id": entry["id"],
                                           "reason": f"pipeline error: {entry['failed']}"})
                    continue
                rec = merge_records(entry["parts"], entry["text"], entry["id"], entry["meta"])
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                fh.flush()
                summary.documents += 1
                summary.characters += len(rec["text"])
                summary.tasks += len(rec.get("tasks", []))
                if progress:
                    progress(rec)
    finally:
        if pool:
            pool.terminate()
        _WORKER = None
        fh.close()
    os.replace(part, out)
    summary.seconds = time.time() - t0
    return summary


_WORKER = None  # (nlp, with_tasks), set before the pool forks


def _annotate_batch(batch: list[tuple[str, tuple[int, int]]]) -> list[tuple[tuple[int, int], dict | None, str | None]]:
    """Run the pipeline on pieces and build their records (in a worker, or in
    the main process when there is one process). A batch that raises is run
    piece by piece, so only the piece at fault fails."""
    nlp, with_tasks = _WORKER
    texts = [piece for piece, _ in batch]
    try:
        docs = list(nlp.pipe(texts, batch_size=len(texts)))
    except Exception:  # noqa: BLE001 - isolate the piece at fault below
        if len(batch) > 1:
            return [r for item in batch for r in _annotate_batch([item])]
        return [(batch[0][1], None, traceback.format_exc(limit=1).strip().splitlines()[-1])]
    out = []
    for doc, (_, (i, offset)) in zip(docs, batch):
        try:
            out.append(((i, offset), doc_to_record(doc, offset=offset, with_tasks=with_tasks), None))
        except Exception as err:  # noqa: BLE001
            out.append(((i, offset), None, f"{type(err).__name__}: {err}"))
    return out


def write_errors(path: Path, errors: list[dict]) -> None:
    from .records import write_records
    write_records(path, errors)

