"""govspeech: spaCy components that read Chinese government speeches.

Data flow, raw text to task ledger, one module each:

    reader        files of any encoding / HTML / .docx -> text
    units         sentence units (doc.sents): contract rules + learned boundaries
    unit_classifier, unit_model, unit_features, precedence
                  section role, heading depth, directive kind of every unit
                  (precedence: directive kinds read in the contract's order)
    entity_tagger the nine entity labels (pipe `ner`): BILUO tags, Viterbi-decoded
    entity_rules  completes the ner: quoted POLICY names, DEPT name prefixes
    tasks         strength and task records (doc._.tasks)
    outline       heading outline (doc._.outline)
    docs          Doc <-> document record (ANNOTATION.md section 6)
    ledger        task ledger: CSV, XLSX, JSON Lines
    display       HTML views
    annotate, cli batch annotation from the command line
    scoring       ANNOTATION.md section 7 figures; baselines: rules to beat
"""
from . import extensions

extensions.register()

from . import embed, entity_rules, entity_tagger, tasks, unit_classifier, unit_model, units  # noqa: E402,F401  (register factories)

__version__ = "0.1.0"
