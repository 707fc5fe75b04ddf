"""Token embeddings for Chinese words: spaCy's hash embeddings of the given
token attributes, plus the word's last character and its last two.

A Chinese name ends in its head: organs in 局/厅/办/委, indicators in
率/额/量. spaCy's SUFFIX is the last three characters, which for the many
three-character words is the word itself, so an unseen `司法厅` or `文明办`
shares no feature with `财政厅` or `政府办`. The head-character columns give
the model that feature; everything else is `spacy.MultiHashEmbed.v2`.
"""
from __future__ import annotations

from typing import List

import numpy
from spacy import registry
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

_CACHE_LIMIT = 500_000


def head_char_features(attrs: list[str]) -> Model[List[Doc], List[Ints2d]]:
    """Docs -> uint64 columns: the `attrs`, then the hash of each token's last
    character and of its last two characters (cached per word)."""
    return Model("head_char_features", _features_forward, attrs={"columns": list(attrs), "cache": {}})


def _features_forward(model: Model, docs: List[Doc], is_train: bool):
    columns, cache = model.attrs["columns"], model.attrs["cache"]
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    out = []
    for doc in docs:
        base = doc.to_array(columns).reshape((len(doc), len(columns))).astype("uint64")
        orths = doc.to_array(ORTH).astype("uint64")
        uniq, inverse = numpy.unique(orths, return_inverse=True)
        heads = numpy.empty((len(uniq), 2), dtype="uint64")
        for k, orth in enumerate(uniq.tolist()):
            row = cache.get(orth)
            if row is None:
                word = doc.vocab.strings[orth]
                row = cache[orth] = (get_string_id(word[-1:]), get_string_id(word[-2:]))
            heads[k] = row
        out.append(model.ops.asarray2i(numpy.hstack([base, heads[inverse.reshape(-1)]]), dtype="uint64"))
    return out, lambda d_features: []


@registry.architectures("govspeech.HeadCharHashEmbed.v1")
def build_head_char_embed(width: int, attrs: list[str], rows: list[int],
                          head_rows: list[int] = (2000, 4000)) -> Model[List[Doc], List[Floats2d]]:
    """`spacy.MultiHashEmbed.v2` (without static vectors) with two more
    tables: the last character and the last two characters of each word."""
    if len(rows) != len(attrs) or len(head_rows) != 2:
        raise ValueError(f"rows must match attrs ({len(rows)} vs {len(attrs)}) and head_rows have two sizes")
    sizes = list(rows) + list(head_rows)
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(sizes)]
    return chain(head_char_features(attrs), list2ragged(), with_array(concatenate(*embeddings)),
                 with_array(Maxout(width, width * len(sizes), nP=3, dropout=0.0, normalize=True)),
                 ragged2list())
