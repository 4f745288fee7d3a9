"""ESF+ common indicators (Regulation (EU) 2021/1057, Annex I), split by gender: at entry,
at exit and six months after. One GROUP BY query per stage."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, and_, cast, extract, select

from ..enrolment.models import Education, Enrolment, Gender, LabourStatus
from ..extensions import db
from .figures import GENDERS, Period, Scope
from .models import Answer, ExitResult, FollowUp, SensitiveAnswers
from .sql import counted

STAGES = {
    "entry": _l("At entry (participants who started in the period)"),
    "exit": _l("At exit (participants who left in the period)"),
    "after": _l("Six months after exit (follow-ups recorded in the period)"),
}
EVERYONE = Enrolment.id.is_not(None)


@dataclass
class Indicator:
    key: str
    label: str
    stage: str
    by_gender: dict[Gender, int]

    @property
    def total(self) -> int:
        return sum(self.by_gender.values())


def _entry_conditions():
    e, s = Enrolment, SensitiveAnswers
    # A whole number: EXTRACT gives a numeric in PostgreSQL, slow in four sums over every row.
    age = cast(extract("year", e.starts_on), Integer) - e.birth_year
    return [
        # NOTE: a column or row heading in a table or file made by _entry_conditions()
        ("participants", _l("Participants"), EVERYONE),
        (
            "unemployed",
            _l("Unemployed, including long-term unemployed"),
            e.labour_status.in_((LabourStatus.UNEMPLOYED_LONG, LabourStatus.UNEMPLOYED_SHORT)),
        ),
        # NOTE: a column or row heading in a table or file made by _entry_conditions()
        ("long_term_unemployed", _l("Long-term unemployed"), e.labour_status == LabourStatus.UNEMPLOYED_LONG),
        (
            "inactive",
            _l("Inactive (outside the labour force, in education, on sick leave)"),
            e.labour_status.in_(
                (LabourStatus.OUTSIDE_LABOUR_FORCE, LabourStatus.IN_EDUCATION, LabourStatus.SICK_LEAVE)
            ),
        ),
        ("employed", _l("Employed, including self-employed"), e.labour_status == LabourStatus.EMPLOYED),
        ("under_18", _l("Under 18 years"), age < 18),
        ("age_18_29", _l("18 to 29 years"), and_(age >= 18, age <= 29)),
        ("age_55", _l("55 years and over"), age >= 55),
        ("isced_0_2", _l("Education ISCED 0-2"), e.education == Education.ISCED_0_2),
        ("isced_3_4", _l("Education ISCED 3-4"), e.education == Education.ISCED_3_4),
        ("isced_5_8", _l("Education ISCED 5-8"), e.education == Education.ISCED_5_8),
        ("disability", _l("With a disability (own answer)"), s.disability == Answer.YES),
        ("third_country", _l("Third-country nationals (own answer)"), s.third_country == Answer.YES),
        ("foreign_background", _l("With a foreign background (own answer)"), s.foreign_background == Answer.YES),
        ("minority", _l("From a minority (own answer)"), s.minority == Answer.YES),
        ("homeless", _l("Homeless or excluded from housing (own answer)"), s.homeless == Answer.YES),
    ]


def _exit_conditions():
    x = ExitResult
    return [
        ("left", _l("Participants who left"), EVERYONE),
        ("job_searching", _l("Job searching on leaving"), x.job_searching.is_(True)),
        ("in_education", _l("In education or training on leaving"), x.in_education.is_(True)),
        ("qualification", _l("Gaining a qualification on leaving"), x.qualification.is_(True)),
        ("exit_employed", _l("In employment on leaving, including self-employment"), x.employed.is_(True)),
        ("exit_not_recorded", _l("Left, exit results not recorded yet"), x.id.is_(None)),
    ]


def _after_conditions():
    f = FollowUp
    return [
        ("followed_up", _l("Followed up six months after leaving"), EVERYONE),
        ("after_employed", _l("In employment six months after leaving"), f.employed.is_(True)),
        ("after_improved", _l("Improved labour-market situation six months after leaving"), f.improved.is_(True)),
    ]


def _grouped(stage, conditions, query) -> list[Indicator]:
    columns = [counted(c) for _, _, c in conditions]
    rows = {g: counts for g, *counts in db.session.execute(query.add_columns(*columns).group_by(Enrolment.gender))}
    return [
        Indicator(
            key=key, label=label, stage=stage, by_gender={g: int(rows[g][i]) if g in rows else 0 for g in GENDERS}
        )
        for i, (key, label, _) in enumerate(conditions)
    ]


def indicators(scope: Scope, period: Period) -> list[Indicator]:
    """Every indicator of the three stages (three queries)."""
    entry = (
        select(Enrolment.gender)
        .outerjoin(SensitiveAnswers, SensitiveAnswers.enrolment_id == Enrolment.id)
        .where(scope.enrolments(), period.holds(Enrolment.starts_on))
    )
    left = (
        select(Enrolment.gender)
        .outerjoin(ExitResult, ExitResult.enrolment_id == Enrolment.id)
        .where(scope.enrolments(), Enrolment.exited_on.is_not(None), period.holds(Enrolment.exited_on))
    )
    after = (
        select(Enrolment.gender)
        .join(FollowUp, FollowUp.enrolment_id == Enrolment.id)
        .where(scope.enrolments(), period.holds(FollowUp.recorded_on))
    )
    return (
        _grouped("entry", _entry_conditions(), entry)
        + _grouped("exit", _exit_conditions(), left)
        + _grouped("after", _after_conditions(), after)
    )
