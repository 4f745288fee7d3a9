"""Each person sets how they are told; the page shows the defaults until they do."""

from datetime import time

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.notifications.models import NotificationSetting, PushSubscription

from ..conftest import HX
from ..factories import make_user


def test_the_page_shows_the_defaults_and_saves_choices(client, sign_in):
    person = make_user(Role.PARTICIPANT, preferred_language="en")
    sign_in(person)
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert 'value="21:00"' in page and 'value="08:00"' in page
    answer = client.post(
        "/notifications/settings",
        data={"phone": "070-123 45 67", "sms": "y", "quiet_from": "22:00", "quiet_until": "07:00"},
    )
    assert answer.status_code == 303
    db.session.expire_all()
    setting = db.session.get(NotificationSetting, person.id)
    assert (setting.phone, setting.sms, setting.push, setting.email) == ("+46701234567", True, False, False)
    assert (setting.quiet_from, setting.quiet_until) == (time(22), time(7))


def test_a_wrong_number_is_said_in_place(client, sign_in):
    sign_in(make_user(Role.PARTICIPANT, preferred_language="en"))
    answer = client.post("/notifications/settings", data={"phone": "12ab"}, headers=HX)
    assert answer.status_code == 422
    assert "Write a mobile number like 070 123 45 67." in answer.get_data(as_text=True)
    assert db.session.query(NotificationSetting).count() == 0


def test_an_installed_app_gives_its_push_address(client, sign_in):
    person = make_user(Role.PARTICIPANT)
    sign_in(person)
    body = {"endpoint": "https://push.example/abc", "keys": {"p256dh": "key", "auth": "secret"}}
    assert client.post("/notifications/push-subscription", json=body).status_code == 201
    assert client.post("/notifications/push-subscription", json=body).status_code == 201  # again: replaced
    assert client.post("/notifications/push-subscription", json={"endpoint": "http://x"}).status_code == 422
    db.session.expire_all()
    [subscription] = db.session.query(PushSubscription).all()
    assert subscription.user_id == person.id and subscription.auth == "secret"
