"""My data: everything held about the participant, as a printable page and a JSON file."""

import json

from webapp.extensions import db
from webapp.plans.calendar import new_feed_token

from ..conftest import HX
from ..factories import english, make_enrolment, make_goal, make_placement


def test_the_participant_downloads_everything_held_about_them_and_no_secret(client, sign_in):
    enrolment = make_enrolment(phone="070-1234567")
    participant = english(enrolment.participant)
    make_goal(participant, title="Become a cook")
    make_placement(participant)
    new_feed_token(participant)
    other = make_enrolment(phone="070-9999999")
    db.session.commit()
    sign_in(participant)
    page = client.get("/privacy/my-data").get_data(as_text=True)
    assert "070-1234567" in page and "Become a cook" in page and "Your enrolment" in page
    assert "070-9999999" not in page and other.participant.full_name not in page
    response = client.get("/privacy/my-data.json")
    assert response.mimetype == "application/json" and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    tables = {s["table"]: s for s in data["sections"]}
    assert {"app_user", "enrolment", "goal", "placement", "membership", "calendar_feed"} <= set(tables)
    assert tables["enrolment"]["title"] == "Your enrolment"
    assert "password_hash" not in json.dumps(data) and "token_hash" not in json.dumps(data)


def test_my_data_is_for_the_participant_only(client, sign_in):
    enrolment = make_enrolment()
    sign_in(enrolment.responsible_coach)
    assert client.get("/privacy/my-data").status_code == 403
    assert client.get("/privacy/my-data.json", headers=HX).status_code == 403
