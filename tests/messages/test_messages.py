"""The participant's thread: who may read and write it, read status, sending once, bad input."""

import re

import pytest
from sqlalchemy import func, select

from webapp import events
from webapp.accounts.models import Role
from webapp.enrolment.models import SharedAccess
from webapp.extensions import db
from webapp.messages.models import Message, MessageRead
from webapp.privacy.models import ReadLog
from webapp.privacy.retention import anonymise

from ..conftest import HX
from ..factories import english, make_enrolment, make_organisation, make_programme, make_user
from ..test_unit_of_work import failing, snapshot  # noqa: F401  (failing is a fixture)


@pytest.fixture
def people():
    """A participant with their coach; a colleague in the same unit; a coach of another programme."""
    programme = make_programme()
    unit = make_organisation(programme)
    coach = english(make_user(Role.COACH, unit, full_name="Sara Coach"))
    enrolment = make_enrolment(coach)
    participant = english(enrolment.participant)
    colleague = english(make_user(Role.COACH, unit, full_name="Colleague Coach"))
    stranger = english(make_user(Role.COACH, make_organisation(make_programme()), full_name="Stranger Coach"))
    other = english(make_enrolment(stranger).participant)
    return {
        "participant": participant,
        "coach": coach,
        "colleague": colleague,
        "stranger": stranger,
        "other": other,
        "enrolment": enrolment,
    }


@pytest.fixture
def sent():
    """Every message_sent event raised during the test: (message id, recipient ids, url, argument names)."""
    found = []

    def listener(sender, **kwargs):
        found.append((sender.id, [r.id for r in kwargs["recipients"]], kwargs["url"], set(kwargs)))

    events.message_sent.connect(listener)
    yield found
    events.message_sent.disconnect(listener)


def _token(html: str) -> str:
    return re.search(r'name="token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="token"', html).group(1)


def _count():
    return db.session.scalar(select(func.count(Message.id)))


def test_the_coach_writes_the_participant_reads_and_answers(client, sign_in, people, sent):
    participant, coach = people["participant"], people["coach"]
    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/messages")
    assert page.status_code == 200
    response = client.post(
        f"/participants/{participant.id}/messages", data={"body": "Hello, see you Monday?", "token": _token(page.text)}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/participants/{participant.id}/messages")
    # The event names the participant, points at their thread and carries no text.
    ((message_id, recipients, url, names),) = sent
    assert (recipients, url, names) == ([participant.id], "/messages", {"recipients", "url"})

    sign_in(participant)
    page = client.get("/messages")
    assert page.status_code == 200 and "Hello, see you Monday?" in page.text
    read = db.session.scalar(select(MessageRead))
    assert read.reader_id == participant.id and read.message_id == message_id
    client.get("/messages")  # opening it again reads nothing twice
    assert db.session.scalar(select(func.count(MessageRead.id))) == 1
    response = client.post(
        f"/participants/{participant.id}/messages", data={"body": "Yes!", "token": _token(page.text)}, headers=HX
    )
    assert response.status_code == 200 and "Yes!" in response.text
    assert sent[-1][1:3] == ([coach.id], f"/participants/{participant.id}/messages")

    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/messages")
    assert "Yes!" in page.text and "Read by" in page.text


def test_the_same_form_sent_twice_adds_one_message(client, sign_in, people, sent):
    participant = people["participant"]
    sign_in(participant)
    token = _token(client.get("/messages").text)
    for headers, answer in (({}, 303), (HX, 200)):  # a redirect for the browser, the thread for htmx
        response = client.post(
            f"/participants/{participant.id}/messages", data={"body": "Once", "token": token}, headers=headers
        )
        assert response.status_code == answer
    assert _count() == 1 and len(sent) == 1
    # A new render gives a new token: the next message is a new one.
    token = _token(client.get("/messages").text)
    client.post(f"/participants/{participant.id}/messages", data={"body": "Once more", "token": token})
    assert _count() == 2


def test_nobody_outside_reads_or_writes(client, sign_in, people):
    participant, other = people["participant"], people["other"]
    sign_in(people["coach"])
    client.post(f"/participants/{participant.id}/messages", data={"body": "Kanarie hemlig", "token": "t1"})
    for person in (people["stranger"], people["colleague"]):
        sign_in(person)
        assert client.get(f"/participants/{participant.id}/messages").status_code == 404
        response = client.post(f"/participants/{participant.id}/messages", data={"body": "Hi", "token": "t2"})
        assert response.status_code == 403 and "You cannot write in this conversation." in response.text
        assert "Kanarie" not in response.text
    # A participant writes only in their own thread, and is told so in words.
    sign_in(other)
    response = client.post(f"/participants/{participant.id}/messages", data={"body": "Hi"}, headers=HX)
    assert response.status_code == 403 and "You cannot write in this conversation." in response.text
    assert response.headers["HX-Retarget"] == "#messages"
    assert "Kanarie" not in client.get("/messages").text
    assert client.get(f"/participants/{participant.id}/messages").status_code == 403  # not a coach
    assert _count() == 1


def test_a_colleague_the_participant_is_shared_with_takes_part_until_it_stops(client, sign_in, people):
    participant, colleague, enrolment = people["participant"], people["colleague"], people["enrolment"]
    db.session.add(SharedAccess(enrolment_id=enrolment.id, coach_id=colleague.id))
    db.session.commit()
    sign_in(colleague)
    assert client.get(f"/participants/{participant.id}/messages").status_code == 200
    assert (
        client.post(f"/participants/{participant.id}/messages", data={"body": "Hej", "token": "c1"}).status_code == 303
    )
    db.session.execute(SharedAccess.__table__.delete())
    db.session.commit()
    assert client.get(f"/participants/{participant.id}/messages").status_code == 404
    assert (
        client.post(f"/participants/{participant.id}/messages", data={"body": "Hej", "token": "c2"}).status_code == 403
    )


def test_bad_input_is_refused_and_the_text_kept(client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    response = client.post(f"/participants/{participant.id}/messages", data={"body": "   ", "token": "a"}, headers=HX)
    assert response.status_code == 422 and "Write a message before you send it." in response.text
    long = "ord " * 600
    response = client.post(f"/participants/{participant.id}/messages", data={"body": long, "token": "b"}, headers=HX)
    assert response.status_code == 422 and "Please write at most 2000 characters." in response.text
    assert long.strip() in response.text
    # Without JavaScript: the whole page, with the text in the box.
    response = client.post(f"/participants/{participant.id}/messages", data={"body": long, "token": "c"})
    assert response.status_code == 422 and "<html" in response.text and long.strip() in response.text
    assert _count() == 0


def test_a_coach_reading_the_thread_is_logged_the_participant_is_not(client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    client.get("/messages")
    assert db.session.scalar(select(func.count(ReadLog.id))) == 0
    sign_in(people["coach"])
    client.get(f"/participants/{participant.id}/messages")
    log = db.session.scalar(select(ReadLog))
    assert (log.participant_id, log.reader_id, log.what) == (participant.id, people["coach"].id, "messages.thread")


def test_the_coach_page_links_to_the_thread_and_the_home_page_too(client, sign_in, people):
    participant = people["participant"]
    sign_in(people["coach"])
    assert f'href="/participants/{participant.id}/messages"' in client.get(f"/participants/{participant.id}").text
    sign_in(participant)
    assert 'href="/messages"' in client.get("/home/participant").text


def test_retention_removes_the_text_of_the_thread(client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    client.post(f"/participants/{participant.id}/messages", data={"body": "My phone is 0701234567", "token": "x"})
    anonymise(participant, "erasure")
    db.session.commit()
    message = db.session.scalar(select(Message))
    assert message.body == "" and message.token is None


def test_a_message_is_not_kept_when_the_page_fails(client, sign_in, people, failing):  # noqa: F811
    """The unit of work: a crash after the message was added keeps no message (and no read)."""
    participant = people["participant"]
    sign_in(participant)
    failing("webapp.messages.routes.flash")
    before = snapshot()
    response = client.post(f"/participants/{participant.id}/messages", data={"body": "Hej", "token": "u"})
    assert response.status_code == 500 and snapshot() == before
