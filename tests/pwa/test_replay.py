"""Taps sent again from a phone that was offline: with the same idempotency key, the server
does the work once and answers the repeat with the first answer, for each of the four taps
that may wait on a phone (check-in, "I am sick", the supervisor's confirm, a step done).
Keys are per person: someone else's tap with the same key is a tap of its own."""

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.attendance import changing
from webapp.attendance.models import AttendanceDay, AttendanceWeek, Status
from webapp.extensions import db
from webapp.plans import services as plans
from webapp.plans.models import Status as StepStatus
from webapp.plans.models import Step
from webapp.pwa.models import ReplayKey
from webapp.pwa.replay import KEEP_DAYS, REPLAYED_HEADER
from webapp.timeutil import local_today, utcnow
from webapp.week import monday_of

from ..conftest import HX, FreshContextClient, sign_in_client
from ..factories import make_placement, make_step


def _spy(monkeypatch, module, name) -> list:
    """Count the calls of a verb the view makes (the work a tap does)."""
    calls = []
    verb = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return verb(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _placement():
    monday = monday_of(local_today())
    return make_placement(starts_on=monday - timedelta(weeks=2), ends_on=monday + timedelta(weeks=6))


def _key() -> dict:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _keys() -> int:
    return db.session.scalar(select(func.count(ReplayKey.id)))


def _twice(client, url, data, headers):
    first = client.post(url, data=data, headers=headers)
    again = client.post(url, data=data, headers=headers)
    assert REPLAYED_HEADER not in first.headers
    assert again.headers[REPLAYED_HEADER] == "true"
    return first, again


@pytest.mark.parametrize("htmx", [False, True])
def test_a_check_in_sent_twice_counts_once(client, sign_in, monkeypatch, htmx):
    placement = _placement()
    calls = _spy(monkeypatch, changing, "check_in")
    sign_in(placement.participant)
    headers = {**_key(), **(HX if htmx else {})}
    first, again = _twice(client, "/attendance/mine/check-in", {}, headers)
    assert len(calls) == 1
    assert (first.status_code, again.status_code) == ((204, 204) if htmx else (303, 303))
    if htmx:
        assert first.headers["HX-Redirect"] == again.headers["HX-Redirect"] == "/attendance/mine"
    else:
        assert first.headers["Location"] == again.headers["Location"] == "/attendance/mine"
    day = db.session.scalar(select(AttendanceDay).filter_by(placement_id=placement.id, day=local_today()))
    assert day.reported_status is Status.PRESENT
    assert _keys() == 1


def test_a_sick_report_sent_twice_counts_once_and_the_key_may_come_as_a_form_field(client, sign_in, monkeypatch):
    placement = _placement()
    calls = _spy(monkeypatch, changing, "report_absence")
    sign_in(placement.participant)
    data = {"day": local_today().isoformat(), "status": "sick", "idempotency_key": str(uuid.uuid4())}
    first, again = _twice(client, "/attendance/mine/report", data, {})
    assert len(calls) == 1
    assert first.status_code == again.status_code == 303
    day = db.session.scalar(select(AttendanceDay).filter_by(placement_id=placement.id, day=local_today()))
    assert day.reported_status is Status.SICK


def test_a_refusal_is_answered_again_as_a_refusal(client, sign_in, monkeypatch):
    placement = _placement()
    calls = _spy(monkeypatch, changing, "report_absence")
    sign_in(placement.participant)
    data = {"day": (local_today() - timedelta(days=1)).isoformat(), "status": "sick"}
    first, again = _twice(client, "/attendance/mine/report", data, {**_key(), **HX})
    assert first.status_code == again.status_code == 422
    assert len(calls) == 1
    assert _keys() == 1


def test_a_confirm_sent_twice_counts_once(client, sign_in, monkeypatch):
    placement = _placement()
    last_monday = monday_of(local_today()) - timedelta(weeks=1)
    calls = _spy(monkeypatch, changing, "confirm_week")
    sign_in(placement.supervisor)
    url = f"/attendance/weeks/{placement.id}/{last_monday}/confirm"
    first, again = _twice(client, url, {"version": "0"}, {**_key(), **HX, "Referer": f"http://localhost{url[:-8]}"})
    assert len(calls) == 1
    assert first.status_code == 200
    # The repeat leads where the first tap was made: the week, now confirmed.
    assert again.status_code == 204 and again.headers["HX-Redirect"] == url[: -len("/confirm")]
    confirmed = select(func.count(AttendanceWeek.id)).where(AttendanceWeek.confirmed_at.is_not(None))
    assert db.session.scalar(confirmed) == 1


def test_a_step_done_sent_again_after_it_was_undone_does_not_redo_it(client, sign_in, monkeypatch):
    step = make_step()
    calls = _spy(monkeypatch, plans, "set_done")
    sign_in(step.goal.participant)
    url = f"/plans/steps/{step.id}/done"
    done_key = _key()
    assert client.post(url, data={"done": "1"}, headers={**done_key, **HX}).status_code == 200
    assert client.post(url, data={"done": "0"}, headers={**_key(), **HX}).status_code == 200
    # The first tap arrives again (the phone never saw its answer): nothing changes.
    again = client.post(url, data={"done": "1"}, headers={**done_key, **HX})
    assert again.headers[REPLAYED_HEADER] == "true"
    assert len(calls) == 2
    db.session.expire_all()
    assert db.session.get(Step, step.id).status is StepStatus.PLANNED


def test_a_step_done_sent_twice_counts_once(client, sign_in, monkeypatch):
    step = make_step()
    calls = _spy(monkeypatch, plans, "set_done")
    sign_in(step.goal.participant)
    first, again = _twice(client, f"/plans/steps/{step.id}/done", {"done": "1"}, {**_key(), **HX})
    assert len(calls) == 1
    assert first.status_code == 200 and again.status_code == 204
    db.session.expire_all()
    assert db.session.get(Step, step.id).status is StepStatus.DONE


def test_another_persons_tap_with_the_same_key_is_their_own(app, monkeypatch):
    first, second = _placement(), _placement()
    calls = _spy(monkeypatch, changing, "check_in")
    key = _key()
    for placement in (first, second):
        client = app.test_client()
        sign_in_client(client, placement.participant)
        reply = client.post("/attendance/mine/check-in", headers=key)
        assert reply.status_code == 303 and REPLAYED_HEADER not in reply.headers
    assert len(calls) == 2
    assert _keys() == 2
    for placement in (first, second):
        day = db.session.scalar(select(AttendanceDay).filter_by(placement_id=placement.id, day=local_today()))
        assert day.reported_status is Status.PRESENT


def test_without_a_key_nothing_is_kept_and_a_bad_key_is_refused(client, sign_in):
    placement = _placement()
    sign_in(placement.participant)
    assert client.post("/attendance/mine/check-in").status_code == 303
    assert _keys() == 0
    bad = client.post("/attendance/mine/check-in", headers={"Idempotency-Key": "<script>"})
    assert bad.status_code == 400
    assert client.post("/attendance/mine/check-in", headers={"Idempotency-Key": "x" * 65}).status_code == 400
    assert _keys() == 0


def test_two_replays_at_the_same_moment_do_the_work_once(shared_app, monkeypatch):
    """Two tabs send the same waiting tap at once: one does the work, the other answers after."""
    with shared_app.app_context():
        step = make_step()
        step_id, participant_id = step.id, step.participant_id
    calls = _spy(monkeypatch, plans, "set_done")
    key = _key()
    clients = []
    for _ in range(4):
        client = FreshContextClient(shared_app, shared_app.response_class, use_cookies=True)
        sign_in_client(client, participant_id)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    statuses = []

    def tap(client):
        barrier.wait()
        statuses.append(client.post(f"/plans/steps/{step_id}/done", data={"done": "1"}, headers=key).status_code)

    threads = [threading.Thread(target=tap, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303] * len(clients)
    assert len(calls) == 1
    with shared_app.app_context():
        assert db.session.scalar(select(func.count(ReplayKey.id))) == 1
        assert db.session.get(Step, step_id).status is StepStatus.DONE


def test_keys_older_than_a_month_are_forgotten_when_the_person_taps_again(client, sign_in):
    placement = _placement()
    other = _placement()
    old = utcnow() - timedelta(days=KEEP_DAYS + 1)
    db.session.add_all(
        [
            ReplayKey(user_id=placement.participant.id, key="old-key-1", status=303, at=old),
            ReplayKey(user_id=other.participant.id, key="old-key-2", status=303, at=old),
        ]
    )
    db.session.commit()
    sign_in(placement.participant)
    client.post("/attendance/mine/check-in", headers=_key())
    keys = set(db.session.scalars(select(ReplayKey.key)))
    assert "old-key-1" not in keys and "old-key-2" in keys and len(keys) == 2
