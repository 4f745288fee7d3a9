"""The caseload: search, filters, sorting and paging in the URL; page or fragment; the number
of queries stays the same however many participants there are."""

from datetime import date

import pytest

from webapp.accounts.models import Role
from webapp.enrolment.caseload import PAGE_SIZE, Filters, caseload_rows
from webapp.enrolment.models import Phase
from webapp.extensions import db

from ..conftest import HX, counting
from ..factories import make_enrolment, make_municipality, make_user


@pytest.fixture
def coach():
    return make_user(Role.COACH, preferred_language="en")


def enrol(coach, name, language="sv", **overrides):
    participant = make_user(
        Role.PARTICIPANT, coach.memberships[0].organisation, full_name=name, preferred_language=language
    )
    return make_enrolment(coach, participant, **overrides)


def test_the_caseload_shows_phase_municipality_language_contact_and_exit(client, sign_in, coach):
    osby = make_municipality(name="Osby")
    enrol(coach, "ሰምሃር ተስፋይ", "ti", phase=Phase.HEALTH, municipality=osby, last_contact_on=date(2026, 11, 2))
    sign_in(coach)
    page = client.get("/home/coach")
    assert page.status_code == 200
    assert "ሰምሃር ተስፋይ" in page.text and "4. Health activities" in page.text and "Osby" in page.text
    assert "ትግርኛ" in page.text and "Nov 2, 2026" in page.text
    assert page.headers["Cache-Control"] == "no-store" and "HX-Request" in page.headers["Vary"]


def test_search_and_filters_by_htmx_return_the_fragment(client, sign_in, coach):
    osby = make_municipality(name="Osby")
    coach.memberships[0].organisation.programme.municipalities.append(osby)
    db.session.commit()
    enrol(coach, "أمينة حسن", "ar", phase=Phase.MAPPING)
    enrol(coach, "Karin Nilsson", "sv", phase=Phase.MAPPING, municipality=osby)
    enrol(coach, "Kalle Svensson", "sv", phase=Phase.TRUST)
    sign_in(coach)
    fragment = client.get("/home/coach?q=k&phase=mapping", headers=HX)
    assert fragment.text.lstrip().startswith('<div id="enrolment-caseload"')
    assert "Karin Nilsson" in fragment.text and "Kalle" not in fragment.text and "أمينة" not in fragment.text
    by_language = client.get("/home/coach?language=ar", headers=HX).text
    assert "أمينة حسن" in by_language and "Karin" not in by_language
    by_place = client.get(f"/home/coach?municipality={osby.id}", headers=HX).text
    assert "Osby" in by_place and "Karin Nilsson" in by_place and "Kalle" not in by_place


def test_exited_participants_are_shown_on_request(client, sign_in, coach):
    enrol(coach, "Still Here")
    enrol(coach, "Gone To Work", exited_on=date(2026, 11, 20), exit_outcome="work")
    sign_in(coach)
    active = client.get("/home/coach", headers=HX).text
    assert "Still Here" in active and "Gone To Work" not in active
    left = client.get("/home/coach?show=exited", headers=HX).text
    assert "Gone To Work" in left and "Still Here" not in left and "Work" in left


def test_sorting_by_phase_and_by_contact(coach):
    enrol(coach, "A", phase=Phase.TRUST, last_contact_on=date(2026, 11, 1))
    enrol(coach, "B", phase=Phase.WORKPLACE, last_contact_on=date(2026, 10, 1))
    enrol(coach, "C", phase=Phase.MAPPING, last_contact_on=None)
    names = lambda sort: [r.full_name for r in caseload_rows(coach, Filters(sort=sort)).items]  # noqa: E731
    assert names("name") == ["A", "B", "C"]
    assert names("phase") == ["B", "C", "A"]
    assert names("contact") == ["C", "B", "A"]


def test_unknown_filter_values_are_said_in_place_not_a_500(client, sign_in, coach):
    enrol(coach, "Karin Nilsson")
    sign_in(coach)
    response = client.get("/home/coach?phase=moon&sort=shoe&language=xx&q=" + "k" * 101, headers=HX)
    assert response.status_code == 422
    assert response.text.count("Please choose one from the list.") == 3
    assert "Please write at most 100 characters." in response.text
    assert "Karin Nilsson" in response.text, "the list is shown without the bad filters"


def test_paging_keeps_the_filters_in_the_links(client, sign_in, coach):
    for n in range(PAGE_SIZE + 3):
        enrol(coach, f"Person {n:03d}", phase=Phase.MAPPING)
    sign_in(coach)
    first = client.get("/home/coach?phase=mapping").text
    assert "Page 1 of 2" in first and "page=2" in first and "phase=mapping" in first.split('rel="next"')[0][-300:]
    second = client.get("/home/coach?phase=mapping&page=2", headers=HX).text
    assert "Person 027" in second and "Person 000" not in second
    assert "Page 2 of 2" in client.get("/home/coach?page=99").text


def _count_queries(function):
    with counting() as statements:
        function()
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_caseload(client, sign_in, coach):
    sign_in(coach)
    enrol(coach, "First")
    few = _count_queries(lambda: client.get("/home/coach?sort=phase"))
    for n in range(60):
        enrol(coach, f"Person {n}", phase=list(Phase)[n % 7])
    many = _count_queries(lambda: client.get("/home/coach?sort=phase"))
    assert few == many
    assert coach.memberships[0].organisation.id  # load the coach first: the caseload itself is two queries
    assert _count_queries(lambda: caseload_rows(coach, Filters())) == 2
