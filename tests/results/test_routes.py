"""The results page and the targets: who may open them, and bad input answered in place."""

import pytest

from webapp.accounts.models import OrganisationKind, Role
from webapp.results.models import TargetCode
from webapp.results.targets import targets_of

from ..factories import english, make_organisation, make_user


def test_the_programme_admin_sees_the_results_with_how_each_figure_is_counted(known, sign_in):
    page = sign_in(english(known.admin)).get(f"/results?programme={known.programme.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-figure="participants">7<' in html
    assert "Participants whose enrolment started in the period." in html
    assert "<svg" in html and "Ankeby" in html and "Median days in it" in html
    assert page.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("role", [Role.COACH, Role.SUPERVISOR, Role.PARTICIPANT])
def test_other_roles_are_refused(known, sign_in, role):
    assert sign_in(make_user(role, known.unit)).get("/results").status_code == 403
    assert sign_in(make_user(role, known.unit)).get("/results/targets").status_code == 403


def test_an_organisation_admin_of_a_labour_market_unit_sees_their_own_organisation_only(known, sign_in):
    admin = english(make_user(Role.ORGANISATION_ADMIN, known.unit))
    client = sign_in(admin)
    page = client.get("/results")
    assert page.status_code == 200 and 'data-figure="participants">7<' in page.get_data(as_text=True)
    assert "Employers involved" not in page.get_data(as_text=True)
    assert client.get(f"/results?organisation={known.other_unit.id}").status_code == 404
    assert client.get(f"/results?programme={known.programme.id}").status_code == 404
    assert client.get("/results/targets").status_code == 403


def test_an_employer_admin_has_no_results(known, sign_in):
    employer = make_organisation(known.programme, kind=OrganisationKind.PRIVATE_COMPANY)
    assert sign_in(make_user(Role.ORGANISATION_ADMIN, employer)).get("/results").status_code == 404


def test_another_programmes_admin_never_sees_this_programme(known, sign_in):
    other_admin = make_user(Role.PROGRAMME_ADMIN, known.other_unit)
    client = sign_in(other_admin)
    assert client.get(f"/results?programme={known.programme.id}").status_code == 404
    page = client.get("/results")
    assert 'data-figure="participants">1<' in page.get_data(as_text=True)


def test_an_end_before_the_start_is_a_clear_message_and_keeps_the_dates(known, sign_in):
    page = sign_in(english(known.admin)).get("/results?start=2026-06-01&end=2026-05-01")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "The end of the period is before its start." in html
    assert 'value="2026-06-01"' in html and 'value="2026-05-01"' in html
    assert sign_in(known.admin).get("/results?start=2026-02-30").status_code == 422


def test_the_programme_admin_sets_the_targets(known, sign_in):
    client = sign_in(english(known.admin))
    form = {code.value: "10" for code in TargetCode} | {"closer_to_work": ""}
    response = client.post("/results/targets", data=form)
    assert response.status_code == 303
    saved = targets_of(known.programme.id)
    assert saved[TargetCode.PLACEMENTS] == 10 and saved[TargetCode.CLOSER_TO_WORK] is None
    assert 'value="10"' in client.get("/results/targets").get_data(as_text=True)


@pytest.mark.parametrize("bad", ["-1", "1.5", "ten", "99999999999"])
def test_a_target_must_be_a_whole_number_from_zero(known, sign_in, bad):
    client = sign_in(english(known.admin))
    response = client.post("/results/targets", data={"participants": bad, "women": "80"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Write a whole number from 0" in html
    assert f'value="{bad}"' in html and 'value="80"' in html
    assert targets_of(known.programme.id)[TargetCode.WOMEN] is None


def test_the_demo_seeds_the_reference_programmes_targets(app, monkeypatch):
    from webapp.accounts.models import Programme
    from webapp.extensions import db
    from webapp.results.targets import REFERENCE_TARGETS

    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    db.session.rollback()  # what the command committed stays
    programme = db.session.query(Programme).one()
    assert targets_of(programme.id) == REFERENCE_TARGETS
