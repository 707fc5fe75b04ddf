"""Label sets of the annotation contract (ANNOTATION.md sections 2-5)."""

SECTIONS = (
    "META", "OPENING", "REVIEW", "PROBLEMS", "SITUATION",
    "TASKS", "SAFEGUARDS", "CURRENT", "CLOSING",
)
DIRECTIVES = ("TARGET", "PROHIBITION", "TASK", "EXHORTATION", "NONE")
HEADING_DEPTHS = (0, 1, 2, 3, 4)
ENTITY_LABELS = (
    "DEPT", "INDICATOR", "PERCENT", "MONEY", "QUANTITY",
    "DATE", "PERSON", "GPE", "POLICY",
)
# Labels an owner of a task can carry (ANNOTATION-NOTES.md, task records).
OWNER_LABELS = ("DEPT", "PERSON", "GPE")
VALUE_LABELS = ("PERCENT", "MONEY", "QUANTITY")
