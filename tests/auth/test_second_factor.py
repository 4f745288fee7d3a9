"""A second factor for coaches and admins: enrol an authenticator app, sign in with a code,
recovery codes, and a programme that requires it of its staff (never of participants)."""

import re
import time

import pyotp

from webapp.accounts.models import Role, User
from webapp.extensions import db

from ..conftest import counting
from ..factories import PASSWORD, make_organisation, make_user

EN = {"Accept-Language": "en"}


def enrol(client):
    """Enrol the signed-in person; return (secret, recovery codes)."""
    page = client.get("/account/second-factor")
    assert page.status_code == 200 and "<svg" in page.text
    secret = re.search(r'id="second-factor-secret" dir="ltr">([A-Z2-7]+)<', page.text).group(1)
    done = client.post("/account/second-factor", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    return secret, re.findall(r"<code>([0-9a-f]{8}-[0-9a-f]{8})</code>", done.text)


def password_step(client, user):
    return client.post("/sign-in", data={"sign_in_name": user.sign_in_name, "password": PASSWORD})


def test_a_coach_enrols_and_then_signs_in_with_a_code(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    sign_in(coach)
    secret, codes = enrol(client)
    assert len(codes) == 10
    client.post("/sign-out")

    assert password_step(client, coach).headers["Location"] == "/sign-in/code"
    assert client.get("/home/coach").status_code == 302, "no session before the code"
    wrong = client.post("/sign-in/code", data={"code": "000000"}, headers=EN)
    assert wrong.status_code == 422 and "That code is not right." in wrong.text
    # The code shown at enrolment was spent then; the app's next one (a clock a step ahead) works.
    code = pyotp.TOTP(secret).at(time.time() + 30)
    assert client.post("/sign-in/code", data={"code": code}).status_code == 303
    assert client.get("/home/coach").status_code == 200

    client.post("/sign-out")
    password_step(client, coach)
    assert client.post("/sign-in/code", data={"code": code}).status_code == 422, "a code works once"


def test_a_recovery_code_works_once(client, sign_in):
    coach = make_user(Role.COACH)
    sign_in(coach)
    _, codes = enrol(client)
    client.post("/sign-out")
    password_step(client, coach)
    assert client.post("/sign-in/code", data={"code": codes[0].upper()}).status_code == 303
    client.post("/sign-out")
    password_step(client, coach)
    assert client.post("/sign-in/code", data={"code": codes[0]}).status_code == 422


def test_code_guesses_are_throttled(client, sign_in):
    coach = make_user(Role.COACH)
    sign_in(coach)
    enrol(client)
    client.post("/sign-out")
    password_step(client, coach)
    statuses = [client.post("/sign-in/code", data={"code": f"{n:06d}"}).status_code for n in range(6)]
    assert statuses == [422] * 4 + [429] * 2, "the enrolment used one of the five tries"


def test_the_code_step_without_a_password_first_goes_back_to_sign_in(client):
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"


def test_a_programme_can_require_it_of_coaches_but_never_of_participants(client, sign_in):
    organisation = make_organisation()
    admin = make_user(Role.PROGRAMME_ADMIN, organisation, preferred_language="en")
    sign_in(admin)
    page = client.get("/account/")
    assert "Sign-in rules for" in page.text
    response = client.post(
        f"/account/programme/{organisation.programme_id}/second-factor", data={"require_second_factor": "y"}
    )
    assert response.status_code == 303
    db.session.refresh(organisation.programme)
    assert organisation.programme.require_second_factor

    coach = make_user(Role.COACH, organisation)
    sign_in(coach)
    assert client.get("/home/coach").headers["Location"] == "/account/second-factor"
    enrol(client)
    assert client.get("/home/coach").status_code == 200
    assert client.post("/account/second-factor/disable", data={"password": PASSWORD}).status_code == 422

    participant = make_user(Role.PARTICIPANT, organisation)
    sign_in(participant)
    assert client.get("/home/participant").status_code == 200
    assert client.get("/account/second-factor").status_code == 403


def test_a_programme_admin_cannot_set_another_programmes_rule(client, sign_in):
    sign_in(make_user(Role.PROGRAMME_ADMIN))
    other = make_organisation()
    assert (
        client.post(
            f"/account/programme/{other.programme_id}/second-factor", data={"require_second_factor": "y"}
        ).status_code
        == 404
    )


def test_turning_it_off_needs_the_password(client, sign_in):
    coach = make_user(Role.COACH, preferred_language="en")
    sign_in(coach)
    enrol(client)
    assert client.post("/account/second-factor/disable", data={"password": "wrong"}).status_code == 422
    assert client.post("/account/second-factor/disable", data={"password": PASSWORD}).status_code == 303
    client.post("/sign-out")
    assert password_step(client, coach).headers["Location"] == "/"


def test_a_staff_page_asks_for_the_programme_with_the_sign_in_not_again(client, sign_in):
    """Every staff page checks whether a programme requires a second factor; the programme
    comes with the session's memberships instead of a query of its own."""
    coach = make_user(Role.COACH)
    sign_in(coach)
    with counting() as statements:
        assert client.get("/home/coach").status_code == 200
    assert not [s for s in statements if s.lstrip().startswith("SELECT programme.")]


def test_a_code_sent_twice_at_the_same_moment_counts_once(shared_app):
    from webapp.auth import second_factor
    from webapp.auth.models import SecondFactor
    from webapp.timeutil import utcnow

    from ..racing import at_once

    with shared_app.app_context():
        coach = make_user(Role.COACH)
        secret = pyotp.random_base32()
        db.session.add(SecondFactor(user_id=coach.id, secret=secret, confirmed_at=utcnow()))
        recovery = second_factor.new_recovery_codes(coach)[0]
        db.session.commit()
        coach_id = coach.id

    def sign_in_with(code):
        return lambda: second_factor.check(db.session.get(User, coach_id), code)

    assert sorted(at_once(shared_app, sign_in_with(pyotp.TOTP(secret).now()), 2)) == [False, True]
    assert sorted(at_once(shared_app, sign_in_with(recovery), 2)) == [False, True]
