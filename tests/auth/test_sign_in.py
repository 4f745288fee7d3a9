"""Signing in and out, with the messages a person sees when it goes wrong."""

import re

from webapp.accounts.models import Role

from ..factories import PASSWORD, make_user


def test_staff_sign_in_with_email_lands_on_their_home(client):
    coach = make_user(Role.COACH)
    response = client.post("/sign-in", data={"sign_in_name": coach.email.upper(), "password": PASSWORD})
    assert response.status_code == 303
    assert client.get(response.headers["Location"]).headers["Location"].endswith("/home/coach")


def test_participant_signs_in_with_sign_in_number(client):
    participant = make_user(Role.PARTICIPANT)
    response = client.post(
        "/sign-in", data={"sign_in_name": f" {participant.sign_in_name} ", "password": PASSWORD}, follow_redirects=True
    )
    assert response.request.path == "/home/participant"


def test_wrong_password_says_so_in_the_users_language(client):
    coach = make_user(Role.COACH)
    response = client.post(
        "/sign-in", data={"sign_in_name": coach.email, "password": "wrong"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "The sign-in name or the password is wrong." in response.text
    assert coach.email in response.text, "what the user typed is kept"


def test_unknown_name_gets_the_same_message_as_a_wrong_password(client):
    response = client.post(
        "/sign-in", data={"sign_in_name": "nobody@example.org", "password": "x"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "The sign-in name or the password is wrong." in response.text


def test_empty_and_over_long_fields_get_messages_not_errors(client):
    response = client.post(
        "/sign-in", data={"sign_in_name": "x" * 5000, "password": ""}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "Please write at most 254 characters." in response.text
    assert "Please fill in this field." in response.text


def test_five_failures_lock_the_name_even_for_the_right_password(client):
    coach = make_user(Role.COACH)
    for _ in range(5):
        client.post("/sign-in", data={"sign_in_name": coach.email, "password": "guess"})
    response = client.post(
        "/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 429
    assert re.search(r"Too many wrong tries. Wait (1 minute|\d+ minutes) and try again.", response.text)


def test_inactive_user_cannot_sign_in(client):
    coach = make_user(Role.COACH, active=False)
    response = client.post("/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD})
    assert response.status_code == 422


def test_sign_out_ends_the_session(client, sign_in):
    sign_in(make_user(Role.COACH))
    assert client.get("/home/coach").status_code == 200
    response = client.post("/sign-out")
    assert response.status_code == 303
    assert client.get("/home/coach").status_code == 302


def test_sign_out_is_not_possible_by_get(client, sign_in):
    sign_in(make_user(Role.COACH))
    assert client.get("/sign-out").status_code == 405
    assert client.get("/home/coach").status_code == 200


def test_next_only_goes_to_this_site(client):
    coach = make_user(Role.COACH)
    response = client.post(
        "/sign-in?next=https://evil.example/", data={"sign_in_name": coach.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_a_language_chosen_before_signing_in_is_kept(client):
    coach = make_user(Role.COACH, preferred_language="sv")
    client.post("/language", data={"language": "ar", "next": "/sign-in"})
    client.post("/sign-in", data={"sign_in_name": coach.email, "password": PASSWORD})
    assert '<html lang="ar" dir="rtl">' in client.get("/home/coach").text
