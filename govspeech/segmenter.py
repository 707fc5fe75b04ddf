"""The word segmenter: spaCy's Chinese tokenizer with pkuseg's `mixed` model
and the project's domain user dictionary."""
from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy import registry, util
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc

from .labels import ENTITY_LABELS

# Labels whose names go into the user dictionary: long names pkuseg cuts apart.
DICT_LABELS = ("DEPT", "INDICATOR", "POLICY")


def blank_pipeline(pkuseg_model: str | Path, user_dict: str | Path | None = None) -> Language:
    """A blank `zh` pipeline whose tokenizer is pkuseg with the user dictionary."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "govspeech.ChineseTokenizer.v1", "segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model),
                             pkuseg_user_dict=str(user_dict) if user_dict else "default")
    return nlp


def user_dict_words(records, labels=DICT_LABELS, min_len: int = 2) -> list[str]:
    """Entity names of the given labels, longest first, to keep them whole."""
    assert set(labels) <= set(ENTITY_LABELS)
    words = set()
    for rec in records:
        for e in rec.get("entities", []):
            w = rec["text"][e["start"]:e["end"]]
            if e["label"] in labels and len(w) >= min_len and not any(c.isspace() for c in w):
                words.add(w)
    return sorted(words, key=lambda w: (-len(w), w))


# --- the tokenizer: pkuseg words, re-cut where the genre's forms fool it ---
# Punctuation that never belongs inside a word (half- and full-width); runs of
# the same mark (`——`, `……`) stay together. `.`, `%` and `．` stay inside
# numbers.
_PUNCT = "，,；;：:。！？!?、（）()“”‘’\"'《》〈〉「」『』【】[]—…·"
_MASK = "XＸ×*＊"
_CUT = re.compile(
    rf"(?<=[{re.escape(_PUNCT)}])(?=[^{re.escape(_PUNCT)}])"      # after punctuation
    rf"|(?<=[^{re.escape(_PUNCT)}])(?=[{re.escape(_PUNCT)}])"     # before punctuation
    rf"|(?<=[{_MASK}])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[{_MASK}])"  # mask | hanzi
    r"|(?<=[\u4e00-\u9fff])(?=[0-9０-９])"                                       # hanzi | digit
    rf"|(?<=[{re.escape(_PUNCT)}])(?=[{re.escape(_PUNCT)}])(?<!——)(?<!……)"
)


def recut(word: str) -> list[str]:
    """Cut a segmenter word at punctuation, at mask/hanzi transitions and
    before digits that follow hanzi (`剩余4` -> `剩余`, `4`)."""
    if len(word) < 2:
        return [word]
    parts = [p for p in _CUT.split(word) if p]
    out: list[str] = []
    for p in parts:  # re-join runs of a repeated mark: —— ……
        if out and p == out[-1][-1:] and p in "—…" and set(out[-1]) == {p}:
            out[-1] += p
        else:
            out.append(p)
    return out


class GovTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer (pkuseg) with `recut` applied to its words."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != Segmenter.pkuseg:
            return super().__call__(text)
        if self.pkuseg_seg is None:
            raise ValueError("the pkuseg segmenter has no model: initialize the pipeline "
                             "with [initialize.tokenizer] pkuseg_model")
        words = [p for w in self.pkuseg_seg.cut(text) for p in recut(w)]
        words, spaces = util.get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("govspeech.ChineseTokenizer.v1")
def create_tokenizer(segmenter: str = "pkuseg"):
    def factory(nlp):
        return GovTokenizer(nlp.vocab, segmenter=segmenter)
    return factory
