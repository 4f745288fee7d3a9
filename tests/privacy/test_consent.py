"""Consent per purpose: recorded with date, method and recorder; the participant sees them and
withdraws those resting on consent; withdrawing stops the sharing at once."""

from datetime import date

from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.enrolment.models import Education, Gender, LabourStatus
from webapp.enrolment.services import EntryData, enrol
from webapp.extensions import db
from webapp.placements.matching import share_adaptations, shared_adaptations
from webapp.privacy.consent import consents_of, has_consent
from webapp.privacy.models import Consent, ConsentMethod, Purpose

from ..conftest import HX
from ..factories import english, make_enrolment, make_municipality, make_organisation, make_user


def test_enrolment_records_the_consent_to_take_part(app):
    coach = make_user(Role.COACH)
    organisation = coach.memberships[0].organisation
    entry = EntryData(
        full_name="Hanna Ek",
        short_name=None,
        language="sv",
        municipality_id=make_municipality().id,
        gender=Gender.WOMAN,
        birth_year=1990,
        education=Education.ISCED_3_4,
        labour_status=LabourStatus.UNEMPLOYED_LONG,
        newly_arrived=False,
        starts_on=date(2026, 11, 2),
        consent_on=date(2026, 11, 2),
        consent_purpose="Planning and reporting",
    )
    participant = enrol(coach, organisation, entry)
    [consent] = db.session.scalars(select(Consent).where(Consent.participant_id == participant.id))
    assert (consent.purpose, consent.method, consent.recorded_by_id, consent.note) == (
        Purpose.TAKING_PART,
        ConsentMethod.PAPER,
        coach.id,
        "Planning and reporting",
    )
    assert consent.given_on.date() == date(2026, 11, 2)


def _recorded(client, sign_in, enrolment, purpose="employer"):
    sign_in(enrolment.responsible_coach)
    response = client.post(
        f"/privacy/participants/{enrolment.participant_id}/consents",
        data={"purpose": purpose, "method": "paper", "given_on": "2026-11-20"},
    )
    assert response.status_code == 303


def test_withdrawing_the_employer_consent_stops_the_sharing_at_once(client, sign_in):
    enrolment = make_enrolment()
    participant = english(enrolment.participant)
    _recorded(client, sign_in, enrolment)
    share_adaptations(participant, ["quiet_space"])
    db.session.commit()  # the requests below read what is committed (on PostgreSQL, only that)
    assert has_consent(participant.id, Purpose.EMPLOYER) and shared_adaptations(participant) == ["quiet_space"]
    sign_in(participant)
    page = client.get("/privacy/consents").get_data(as_text=True)
    assert "Sharing with the employer of your placement" in page and "On paper" in page
    response = client.post("/privacy/consents/employer/withdraw", headers=HX)
    assert response.status_code == 200 and "Your consent is withdrawn" in response.get_data(as_text=True)
    assert not has_consent(participant.id, Purpose.EMPLOYER)
    assert shared_adaptations(participant) == []
    # Agreeing again is a new consent; the withdrawn one stays in the history.
    client.post("/privacy/consents/employer/give")
    assert has_consent(participant.id, Purpose.EMPLOYER)
    assert len(list(db.session.scalars(select(Consent).where(Consent.purpose == Purpose.EMPLOYER)))) == 2


def test_withdrawing_what_does_not_rest_on_consent_says_so_and_changes_nothing(client, sign_in):
    enrolment = make_enrolment()
    participant = english(enrolment.participant)
    _recorded(client, sign_in, enrolment, "taking_part")
    sign_in(participant)
    response = client.post("/privacy/consents/taking_part/withdraw")
    assert response.status_code == 422
    assert "does not rest on your consent" in response.get_data(as_text=True)
    assert has_consent(participant.id, Purpose.TAKING_PART)
    assert client.post("/privacy/consents/funder_reporting/withdraw").status_code == 422
    assert client.post("/privacy/consents/nonsense/withdraw").status_code == 404


def test_the_coach_sees_and_records_consents_only_for_their_participants(client, sign_in):
    enrolment = make_enrolment()
    _recorded(client, sign_in, enrolment, "sensitive_esf")
    states = {s.purpose: s for s in consents_of(enrolment.participant)}
    assert (
        states[Purpose.SENSITIVE_ESF].active
        and states[Purpose.SENSITIVE_ESF].consent.recorded_by_id == enrolment.responsible_coach_id
    )
    response = client.post(
        f"/privacy/participants/{enrolment.participant_id}/consents",
        data={"purpose": "taking_part", "method": "in_app", "given_on": "2026-11-20"},
    )
    assert response.status_code == 422
    sign_in(make_user(Role.COACH, make_organisation()))
    assert client.get(f"/privacy/participants/{enrolment.participant_id}/consents").status_code == 404
