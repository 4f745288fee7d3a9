"""Who may see a participant: the responsible coach and colleagues of the same organisation
they shared with; nobody else, on pages and on htmx fragments alike."""

import pytest
from werkzeug.exceptions import NotFound

from webapp.accounts.models import Membership, Role
from webapp.extensions import db
from webapp.participants.services import participant_for, visible_to

from ..conftest import HX
from ..factories import english, make_enrolment, make_organisation, make_user


@pytest.fixture
def setting():
    enrolment = make_enrolment()
    organisation = enrolment.organisation
    return {
        "enrolment": enrolment,
        "responsible": enrolment.responsible_coach,
        "colleague": make_user(Role.COACH, organisation),
        "stranger": make_user(Role.COACH, make_organisation()),
        "supervisor": make_user(Role.SUPERVISOR, organisation),
    }


PAGES = [
    ("get", "/participants/{id}", {}),
    ("post", "/participants/{id}/invitation", {}),
    ("post", "/enrolment/{id}/phase", {"phase": "mapping"}),
    ("post", "/enrolment/{id}/contact", {"contacted_on": "2026-11-02"}),
    ("post", "/enrolment/{id}/exit", {"exited_on": "2026-11-02", "outcome": "work"}),
    ("post", "/enrolment/{id}/exit/undo", {}),
    ("post", "/enrolment/{id}/sharing", {"colleague": "1"}),
    ("post", "/enrolment/{id}/sharing/1/remove", {}),
]


@pytest.mark.parametrize("who", ["colleague", "stranger"])
@pytest.mark.parametrize("method, url, data", PAGES)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "fragment"])
def test_coaches_without_access_get_not_found(client, sign_in, setting, who, method, url, data, headers):
    sign_in(setting[who])
    response = getattr(client, method)(url.format(id=setting["enrolment"].participant_id), data=data, headers=headers)
    assert response.status_code == 404
    if headers:
        assert response.headers["HX-Retarget"] == "#messages"
    assert setting["enrolment"].participant.full_name not in client.get("/home/coach").text


def test_a_supervisor_is_refused(client, sign_in, setting):
    sign_in(setting["supervisor"])
    assert client.get(f"/participants/{setting['enrolment'].participant_id}").status_code == 403


def test_the_responsible_coach_shares_with_a_colleague_and_can_take_it_back(client, sign_in, setting):
    enrolment, colleague = setting["enrolment"], setting["colleague"]
    pid = enrolment.participant_id
    sign_in(english(setting["responsible"]))
    response = client.post(f"/enrolment/{pid}/sharing", data={"colleague": colleague.id}, headers=HX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="enrolment-sharing"')
    assert colleague.full_name in response.text

    sign_in(colleague)
    assert client.get(f"/participants/{pid}").status_code == 200
    assert client.post(f"/enrolment/{pid}/phase", data={"phase": "mapping"}, headers=HX).status_code == 200
    assert enrolment.participant.full_name in client.get("/home/coach").text
    # A colleague with access may not pass it on.
    other = make_user(Role.COACH, enrolment.organisation)
    assert client.post(f"/enrolment/{pid}/sharing", data={"colleague": other.id}, headers=HX).status_code == 404

    sign_in(english(setting["responsible"]))
    client.post(f"/enrolment/{pid}/sharing/{colleague.id}/remove", headers=HX)
    sign_in(colleague)
    assert client.get(f"/participants/{pid}").status_code == 404


def test_access_cannot_be_given_outside_the_organisation(client, sign_in, setting):
    sign_in(english(setting["responsible"]))
    pid = setting["enrolment"].participant_id
    response = client.post(f"/enrolment/{pid}/sharing", data={"colleague": setting["stranger"].id}, headers=HX)
    assert response.status_code == 422
    assert "Please choose one of the colleagues in the list." in response.text
    with pytest.raises(NotFound):
        participant_for(setting["stranger"], pid)


def test_a_coach_who_leaves_the_organisation_loses_access(setting):
    responsible, pid = setting["responsible"], setting["enrolment"].participant_id
    assert participant_for(responsible, pid).id == pid
    db.session.delete(db.session.get(Membership, responsible.memberships[0].id))
    db.session.commit()
    db.session.refresh(responsible)
    assert visible_to(responsible) == []
    with pytest.raises(NotFound):
        participant_for(responsible, pid)


def test_a_participant_without_enrolment_is_seen_by_no_coach(setting):
    unenrolled = make_user(Role.PARTICIPANT, setting["enrolment"].organisation)
    with pytest.raises(NotFound):
        participant_for(setting["responsible"], unenrolled.id)


def test_sharing_twice_is_the_same_as_sharing_once(client, sign_in, setting):
    """A double tap (or a second tab) shares once and answers like the first tap."""
    enrolment, colleague = setting["enrolment"], setting["colleague"]
    pid = enrolment.participant_id
    sign_in(english(setting["responsible"]))
    first = client.post(f"/enrolment/{pid}/sharing", data={"colleague": colleague.id}, headers=HX)
    second = client.post(f"/enrolment/{pid}/sharing", data={"colleague": colleague.id}, headers=HX)
    assert first.status_code == second.status_code == 200
    db.session.expire_all()
    assert [s.coach_id for s in enrolment.colleagues] == [colleague.id]


def test_a_share_raced_by_another_tap_is_not_an_error(setting, monkeypatch):
    """Two taps at once: the second insert meets the first one's row."""
    from webapp.enrolment import services

    enrolment, colleague = setting["enrolment"], setting["colleague"]
    services.share_with(setting["responsible"], enrolment, colleague.id)
    db.session.commit()
    # The other tap checked before this one's row was there.
    monkeypatch.setattr(services, "colleagues_to_share_with", lambda e: [colleague])
    services.share_with(setting["responsible"], enrolment, colleague.id)
    db.session.commit()
    db.session.expire_all()
    assert [s.coach_id for s in enrolment.colleagues] == [colleague.id]
