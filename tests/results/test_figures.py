"""The results of a programme with known events: exactly the expected figures, parts that add up."""

from datetime import date

from webapp.enrolment.models import Gender, Phase
from webapp.results.figures import Period, Scope, funnel, target_figures
from webapp.results.models import TargetCode as T
from webapp.results.targets import REFERENCE_TARGETS, set_targets

from .conftest import TODAY

W, M, NB, NS = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.NOT_STATED


def _figures(known, start=None, end=TODAY, organisation=None):
    return {f.code: f for f in target_figures(Scope(known.programme, organisation), Period(start, end))}


def test_every_target_over_the_whole_time(known):
    set_targets(known.programme, REFERENCE_TARGETS)
    figures = _figures(known)
    expected = {
        T.PARTICIPANTS: (7, {W: 3, M: 2, NB: 1, NS: 1}),
        T.WOMEN: (3, {W: 3, M: 0, NB: 0, NS: 0}),
        T.MEN: (2, {W: 0, M: 2, NB: 0, NS: 0}),
        T.MOVED_ON_FROM_HEALTH: (2, {W: 2, M: 0, NB: 0, NS: 0}),
        T.ORIENTATION_THEN_PLACEMENT: (1, {W: 1, M: 0, NB: 0, NS: 0}),
        T.WORK_OR_STUDIES: (3, {W: 2, M: 0, NB: 1, NS: 0}),
        T.WORK: (2, {W: 1, M: 0, NB: 1, NS: 0}),
        T.STUDIES: (1, {W: 1, M: 0, NB: 0, NS: 0}),
        T.CLOSER_TO_WORK: (1, {W: 1, M: 0, NB: 0, NS: 0}),
        T.PLACEMENTS: (2, {W: 2, M: 0, NB: 0, NS: 0}),
        T.EMPLOYERS: (2, None),
        T.EMPLOYERS_SIGNED: (1, None),
        T.SOCIAL_ENTERPRISES: (1, None),
    }
    assert {code: (f.total, f.by_gender) for code, f in figures.items()} == expected
    assert figures[T.PARTICIPANTS].target == 150 and figures[T.CLOSER_TO_WORK].target is None
    assert figures[T.PARTICIPANTS].by_municipality == {known.a.id: 4, known.b.id: 3}


def test_the_parts_always_add_up_to_the_total(known):
    for start, end in ((None, TODAY), (date(2026, 3, 1), date(2026, 6, 30)), (date(2026, 12, 1), date(2026, 12, 31))):
        for figure in _figures(known, start, end).values():
            if figure.by_gender is not None:
                assert sum(figure.by_gender.values()) == figure.total, figure.code
            assert sum(figure.by_municipality.values()) == figure.total, figure.code


def test_a_period_counts_only_what_happened_in_it(known):
    figures = _figures(known, date(2026, 3, 1), date(2026, 6, 30))
    totals = {code: f.total for code, f in figures.items()}
    assert totals[T.PARTICIPANTS] == 2 and figures[T.PARTICIPANTS].by_gender == {W: 1, M: 0, NB: 1, NS: 0}
    assert totals[T.MOVED_ON_FROM_HEALTH] == 2
    assert totals[T.WORK_OR_STUDIES] == 2 and totals[T.STUDIES] == 0
    assert totals[T.ORIENTATION_THEN_PLACEMENT] == 1
    assert totals[T.PLACEMENTS] == 2


def test_an_organisation_sees_its_own_participants_and_no_organisation_figures(known):
    figures = _figures(known, organisation=known.unit)
    assert figures[T.PARTICIPANTS].total == 7
    assert T.EMPLOYERS not in figures
    assert _figures(known, organisation=known.other_unit)[T.PARTICIPANTS].total == 1


def test_the_funnel_counts_who_reached_each_phase_and_the_median_days(known):
    steps = {s.phase: s for s in funnel(Scope(known.programme), Period(None, TODAY), TODAY)}
    assert {p: s.reached for p, s in steps.items()} == {
        Phase.TRUST: 7,
        Phase.MAPPING: 1,
        Phase.STRATEGY: 1,
        Phase.HEALTH: 3,
        Phase.COMPETENCE: 2,
        Phase.WORKPLACE: 0,
        Phase.FOLLOW_UP: 0,
    }
    assert steps[Phase.TRUST].median_days == 49  # 10, 10, 10, 49, 60, 61, 357
    assert steps[Phase.HEALTH].median_days == 30
    assert steps[Phase.COMPETENCE].median_days == 151.5  # (76 + 227) / 2
    assert steps[Phase.WORKPLACE].median_days is None
