"""The practices app's models, one module per concept; import them from `secon.practices.models`."""

from .practices import (
    EDITABLE_STATES,
    IDENTIFIED_STATES,
    PUBLIC_STATES,
    GoodPractice,
    GoodPracticeQuerySet,
    PracticeAttachment,
    PracticeImage,
    State,
)
from .review import MAX_SCORE, Assessor, Criterion, PracticeScore, PracticeSnapshot
from .texts import FIELDS_BY_NAME, TEMPLATE_FIELDS, TEXT_FIELD_NAMES, PracticeVersion, TemplateField

__all__ = [
    "EDITABLE_STATES",
    "FIELDS_BY_NAME",
    "IDENTIFIED_STATES",
    "MAX_SCORE",
    "PUBLIC_STATES",
    "TEMPLATE_FIELDS",
    "TEXT_FIELD_NAMES",
    "Assessor",
    "Criterion",
    "GoodPractice",
    "GoodPracticeQuerySet",
    "PracticeAttachment",
    "PracticeImage",
    "PracticeScore",
    "PracticeSnapshot",
    "PracticeVersion",
    "State",
    "TemplateField",
]
