#!/usr/bin/env bash
# Install everything into .venv and run the main job end to end:
# fetch the segmenter model, build the corpus, train, evaluate, package,
# install zh_govspeech, load it in a new process and annotate sample speeches.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip setuptools wheel
python -m pip install --quiet -e ".[dev]"
start=$(date +%s)
python -m spacy project run all
echo "spacy project run all: $(( $(date +%s) - start )) s"
python -c "import spacy; nlp = spacy.load('zh_govspeech'); doc = nlp('同志们：\n今天召开全市经济工作会议。一、稳增长\n市发改委要确保全年地区生产总值增长8%以上。'); print([(s.text, s._.section, s._.directive, s._.heading) for s in doc.sents]); print([(e.text, e.label_) for e in doc.ents])"
echo "annotated samples: output/samples.jsonl, output/samples.csv, output/samples.xlsx, output/samples_html/index.html"
