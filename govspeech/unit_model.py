"""The model shared by the unit classifiers: unit vectors over the speech as a
sequence.

Each unit is pooled from the shared tok2vec (mean and first token) and joined
with its hand-made features; a projection, the vector of the block-opening
unit above it, optionally its chapter's (the chapter's first unit and the
mean over the chapter), and a residual convolution over neighbouring units
give every unit its context before the output: a softmax over the
component's labels, or the precedence layer (precedence.py) for labels taken
in the contract's order.
"""
from __future__ import annotations

from typing import List

import numpy
from spacy import registry
from spacy.tokens import Doc
from thinc.api import (Maxout, Model, Ragged, Softmax, chain, expand_window,
                       residual, with_array)
from thinc.types import Floats2d

from .cues import CLOSERS, TERMINATORS
from .docs import unit_spans
from .precedence import PrecedenceSoftmax
from .unit_features import N_FEATURES, unit_features


@registry.architectures("govspeech.UnitSequenceClassifier.v1")
def build_unit_classifier(tok2vec: Model[List[Doc], List[Floats2d]], hidden_width: int = 128,
                          conv_depth: int = 2, window_size: int = 1, dropout: float = 0.1,
                          max_pool: bool = False, chapter_context: bool = False,
                          last_clause: bool = False, output: str = "softmax",
                          nO: int | None = None) -> Model[List[Doc], List[Floats2d]]:
    """Units of a doc -> label probabilities (units x labels), per doc.

    A unit's vector pools its tokens: mean and first token, and with
    `max_pool` also the element-wise maximum (a cue word anywhere in a long
    unit then survives the pooling). With `last_clause` it also pools the
    mean of the unit's last clause (after its last comma, semicolon or
    colon): a ban or demand that closes a long unit is then not averaged
    away by the lead. With `chapter_context` every unit also
    sees its chapter's first unit and the chapter's mean: the role of a long
    chapter is decided by all of it, beyond the convolution's reach.
    `output` is "softmax", or "precedence" for labels the contract takes in
    an order (precedence.PrecedenceSoftmax: the first kind that applies)."""
    width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    proj = Maxout(hidden_width, nP=2, dropout=dropout, normalize=True)
    seq = chain(with_array(Maxout(hidden_width, nP=2, dropout=dropout, normalize=True)),
                *[residual(chain(expand_window(window_size),
                                 with_array(Maxout(hidden_width, nP=2, dropout=dropout, normalize=True))))
                  for _ in range(conv_depth)])
    if output not in _OUTPUTS:
        raise ValueError(f"output must be one of {sorted(_OUTPUTS)}, not {output!r}")
    out = with_array(_OUTPUTS[output](nO))
    model = Model("unit_classifier", _forward, init=_init, layers=[tok2vec, proj, seq, out],
                  dims={"nO": nO, "width": width}, attrs={"hidden_width": hidden_width, "window_size": window_size,
                                                       "n_pool": 3 if max_pool else 2,
                                                       "last_clause": last_clause,
                                                       "chapter_context": chapter_context})
    return model


_OUTPUTS = {"softmax": Softmax, "precedence": PrecedenceSoftmax}


def _units(doc: Doc) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in unit_spans(doc)]


def _last_clause(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Token bounds of a unit's last clause: after its last comma, semicolon
    or colon, without the closing punctuation (the whole unit if none)."""
    e = b
    while e > a + 1 and doc[e - 1].text in _TRAILING:
        e -= 1
    for k in range(e - 1, a, -1):
        if doc[k].text in _CLAUSE_SEPARATORS:
            return k + 1, e
    return a, e


_TRAILING = TERMINATORS | CLOSERS | {"，", ",", "：", ":"}
_CLAUSE_SEPARATORS = {"，", "；", "：", ",", ";", ":"}


def _mean_pool(padded: numpy.ndarray, starts: numpy.ndarray, ends: numpy.ndarray) -> numpy.ndarray:
    bounds = numpy.stack([starts, ends], axis=1).ravel()
    return numpy.add.reduceat(padded, bounds, axis=0)[::2] / (ends - starts)[:, None]


def _segment_pool(tvn, spans, clauses, n_pool: int) -> numpy.ndarray:
    """[mean | first | (max) | (last clause mean)] of every unit at once
    (prediction: no argmax)."""
    W = tvn.shape[1]
    starts = numpy.asarray([a for a, _ in spans], dtype="int64")
    ends = numpy.asarray([b for _, b in spans], dtype="int64")
    padded = numpy.vstack([tvn, numpy.zeros((1, W), dtype=tvn.dtype)])
    bounds = numpy.stack([starts, ends], axis=1).ravel()
    out = numpy.empty((len(spans), (n_pool + bool(clauses)) * W), dtype="float32")
    out[:, :W] = _mean_pool(padded, starts, ends)
    out[:, W:2 * W] = tvn[starts]
    if n_pool == 3:
        out[:, 2 * W:3 * W] = numpy.maximum.reduceat(padded, bounds, axis=0)[::2]
    if clauses:
        out[:, n_pool * W:] = _mean_pool(padded, numpy.asarray([c for c, _ in clauses], dtype="int64"),
                                         numpy.asarray([e for _, e in clauses], dtype="int64"))
    return out


def _pool(model, docs, tokvecs, is_train: bool = True):
    """Unit rows [mean | first | (max) | (last clause mean) | features]; in
    training the max's argmax indices are kept for the backward pass."""
    n_pool = model.attrs["n_pool"]
    n_blocks = _n_blocks(model)
    rows, ctx_all, chap_all, spans_all, clauses_all, lengths, argmaxes = [], [], [], [], [], [], []
    offset = chap_offset = 0
    for doc, tv in zip(docs, tokvecs):
        units = unit_spans(doc)
        feats, ctx, chapter = unit_features(doc, units)
        spans = [(u.start, u.end) for u in units]
        clauses = [_last_clause(doc, a, b) for a, b in spans] if model.attrs["last_clause"] else []
        W = tv.shape[1]
        pooled = numpy.zeros((len(units), n_blocks * W + N_FEATURES), dtype="float32")
        arg = numpy.zeros((len(units), W), dtype="int64")
        tvn = model.ops.to_numpy(tv)
        if not is_train and spans:
            pooled[:, :n_blocks * W] = _segment_pool(tvn, spans, clauses, n_pool)
        for i, (a, b) in enumerate(spans if is_train else ()):
            pooled[i, :W] = tvn[a:b].mean(axis=0)
            pooled[i, W:2 * W] = tvn[a]
            if n_pool == 3:
                arg[i] = a + tvn[a:b].argmax(axis=0)
                pooled[i, 2 * W:3 * W] = tvn[arg[i], numpy.arange(W)]
            if clauses:
                c, e = clauses[i]
                pooled[i, n_pool * W:(n_pool + 1) * W] = tvn[c:e].mean(axis=0)
        pooled[:, n_blocks * W:] = feats
        rows.append(pooled)
        argmaxes.append(arg)
        ctx_all.append(numpy.where(ctx >= 0, ctx + offset, -1))
        chap_all.append(chapter + chap_offset)
        spans_all.append(spans)
        clauses_all.append(clauses)
        lengths.append(len(units))
        offset += len(units)
        chap_offset += int(chapter[-1]) + 1 if len(chapter) else 0
    X = numpy.vstack(rows) if rows else numpy.zeros((0, N_FEATURES), dtype="float32")
    ctx = numpy.concatenate(ctx_all) if ctx_all else numpy.zeros(0, "int64")
    chap = numpy.concatenate(chap_all) if chap_all else numpy.zeros(0, "int64")
    return X, ctx, chap, spans_all, clauses_all, lengths, argmaxes


def _n_blocks(model: Model) -> int:
    """How many token-vector pools make up a unit's row."""
    return model.attrs["n_pool"] + bool(model.attrs["last_clause"])


def _chapter_context(H: numpy.ndarray, chap: numpy.ndarray):
    """[first unit of the chapter | chapter mean] per unit, and its backward."""
    n_chap = int(chap.max()) + 1 if len(chap) else 0
    counts = numpy.bincount(chap, minlength=n_chap).astype("float32")
    first = numpy.full(n_chap, len(chap), dtype="int64")
    numpy.minimum.at(first, chap, numpy.arange(len(chap)))
    sums = numpy.zeros((n_chap, H.shape[1]), dtype="float32")
    numpy.add.at(sums, chap, H)
    K = numpy.hstack([H[first[chap]], (sums / counts[:, None])[chap]])

    def backprop(dK: numpy.ndarray) -> numpy.ndarray:
        h = H.shape[1]
        dH = numpy.zeros_like(H)
        numpy.add.at(dH, first[chap], dK[:, :h])
        dsum = numpy.zeros((n_chap, h), dtype="float32")
        numpy.add.at(dsum, chap, dK[:, h:])
        dH += (dsum / counts[:, None])[chap]
        return dH

    return K, backprop


def _forward(model: Model, docs: List[Doc], is_train: bool):
    tok2vec, proj, seq, out = model.layers
    tokvecs, bp_tok = tok2vec(docs, is_train)
    X, ctx, chap, spans_all, clauses_all, lengths, argmaxes = _pool(model, docs, tokvecs, is_train)
    ops = model.ops
    Xd = ops.asarray2f(X)
    H, bp_proj = proj(Xd, is_train)
    has = ctx >= 0
    C = ops.alloc2f(*H.shape)
    if has.any():
        C[has] = H[ctx[has]]
    parts = [H, C]
    if model.attrs["chapter_context"]:
        K, bp_chap = _chapter_context(ops.to_numpy(H), chap)
        parts.append(ops.asarray2f(K))
    HC = ops.xp.hstack(parts)
    R = Ragged(HC, ops.asarray1i(lengths))
    Y, bp_seq = seq(R, is_train)
    P, bp_out = out(Y, is_train)
    probs = [d for d in _split(P.dataXd, lengths)]

    def backprop(d_probs: List[Floats2d]):
        dP = Ragged(ops.xp.vstack(d_probs) if d_probs else ops.alloc2f(0, P.dataXd.shape[1]),
                    ops.asarray1i(lengths))
        dHC = bp_seq(bp_out(dP)).dataXd
        h = H.shape[1]
        dH = dHC[:, :h].copy()
        if has.any():
            numpy.add.at(dH, ctx[has], dHC[has, h:2 * h])
        if model.attrs["chapter_context"]:
            dH += bp_chap(ops.to_numpy(dHC[:, 2 * h:]))
        dX = ops.to_numpy(bp_proj(dH))
        W = tokvecs[0].shape[1] if tokvecs else 0
        cols = numpy.arange(W)
        d_tok, row = [], 0
        n_pool = model.attrs["n_pool"]
        for tv, spans, clauses, arg in zip(tokvecs, spans_all, clauses_all, argmaxes):
            g = numpy.zeros(tv.shape, dtype="float32")
            for i, (a, b) in enumerate(spans):
                g[a:b] += dX[row, :W] / (b - a)
                g[a] += dX[row, W:2 * W]
                if n_pool == 3:
                    numpy.add.at(g, (arg[i], cols), dX[row, 2 * W:3 * W])
                if clauses:
                    c, e = clauses[i]
                    g[c:e] += dX[row, n_pool * W:(n_pool + 1) * W] / (e - c)
                row += 1
            d_tok.append(ops.asarray2f(g))
        return bp_tok(d_tok)

    return probs, backprop


def _split(arr, lengths):
    out, i = [], 0
    for n in lengths:
        out.append(arr[i:i + n])
        i += n
    return out


def _init(model: Model, X: List[Doc] | None = None, Y: List[Floats2d] | None = None) -> Model:
    tok2vec, proj, seq, out = model.layers
    tok2vec.initialize(X=X)
    W = tok2vec.get_dim("nO")
    h = model.attrs["hidden_width"]
    _set_input_width(proj, _n_blocks(model) * W + N_FEATURES)
    proj.initialize()
    maxouts = [node for node in seq.walk() if node.name == "maxout"]
    maxouts[0].set_dim("nI", (4 if model.attrs["chapter_context"] else 2) * h)
    for node in maxouts[1:]:
        node.set_dim("nI", h * (2 * model.attrs["window_size"] + 1))
    seq.initialize()
    if model.has_dim("nO") and model.get_dim("nO"):
        out.layers[0].set_dim("nO", model.get_dim("nO"))
    out.layers[0].set_dim("nI", h)
    out.initialize()
    return model


def _set_input_width(layer: Model, nI: int) -> None:
    for node in layer.walk():
        if node.name == "maxout":
            node.set_dim("nI", nI)
            return
