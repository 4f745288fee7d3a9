"""Enums stored as their string values, checked by the database on SQLite and PostgreSQL."""

import enum

from sqlalchemy import Enum


def enum_column_type(enum_class: type[enum.Enum], name: str) -> Enum:
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class LabelledEnum(enum.Enum):
    """An enum whose members each carry a label a person reads, given once with `labels()`."""

    @property
    def label(self):
        return _LABELS[self]


_LABELS: dict[enum.Enum, object] = {}


def labels(mapping: dict) -> dict:
    """Give members their (lazily translated) labels: `STATUS_LABELS = labels({Status.X: _l("X")})`."""
    _LABELS.update(mapping)
    return mapping
