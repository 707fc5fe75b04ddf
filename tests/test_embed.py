"""The head-character hash embedding of the shared tok2vec."""
import spacy
from spacy import registry

import govspeech  # noqa: F401  (registers the architecture)
from govspeech.embed import head_char_features


def test_words_with_one_head_share_its_column_and_nothing_else():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    words = ["司法厅", "财政厅", "文明办"]
    from spacy.tokens import Doc
    doc = Doc(nlp.vocab, words=words)
    feats, _ = head_char_features(["NORM", "SUFFIX"])([doc], False)
    f = feats[0]
    assert f.shape == (3, 4)
    assert f[0, 2] == f[1, 2] != f[2, 2]           # last character: 厅 = 厅 != 办
    assert f[0, 1] != f[1, 1]                      # spaCy's SUFFIX is the whole word here
    assert f[0, 3] != f[1, 3]                      # last two characters differ


def test_embed_gives_one_row_per_token():
    build = registry.architectures.get("govspeech.HeadCharHashEmbed.v1")
    model = build(width=8, attrs=["NORM", "PREFIX"], rows=[50, 50], head_rows=[20, 20])
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    docs = [nlp("市司法厅要牵头"), nlp("局")]
    model.initialize(X=docs)
    assert [y.shape for y in model.predict(docs)] == [(len(docs[0]), 8), (1, 8)]
