"""Self-rating: four numbers from 1 to 10, clear messages for anything else, the trend as SVG."""

import re

import pytest
from sqlalchemy import func, select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.ratings import services
from webapp.ratings.models import SelfRating

from ..conftest import HX
from ..factories import make_organisation, make_participant, make_rating, make_user

GOOD = {"work": "4", "health": "7", "confidence": "5", "swedish": "3"}


@pytest.fixture
def participant():
    return make_user(Role.PARTICIPANT, preferred_language="en")


def test_participant_rates_themselves_and_goes_home(client, sign_in, participant):
    sign_in(participant)
    page = client.get("/rating/")
    assert page.status_code == 200 and page.text.count('type="radio"') == 40
    assert "How close do you feel to work or studies?" in page.text
    response = client.post("/rating/", data=GOOD, headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/home/participant"
    rating = db.session.scalar(select(SelfRating))
    assert (rating.work, rating.health, rating.confidence, rating.swedish) == (4, 7, 5, 3)
    home = client.get("/home/participant").text
    assert "Thank you. Your answers are saved." in home
    assert "Work or studies: the answers were 4" in home and "<svg" in home


@pytest.mark.parametrize("bad", ["11", "0", "-3", "five", ""])
def test_a_number_outside_one_to_ten_is_explained_in_place(client, sign_in, participant, bad):
    sign_in(participant)
    response = client.post("/rating/", data={**GOOD, "work": bad}, headers=HX)
    assert response.status_code == 422
    assert response.text.lstrip().startswith("<form") and "Choose a number from 1 to 10." in response.text
    assert response.text.count("Choose a number from 1 to 10.") == 1
    assert re.search(r'value="7"\s+checked|checked[^>]*value="7"', response.text), "the other answers are kept"
    assert db.session.scalar(select(func.count(SelfRating.id))) == 0


def test_the_rating_in_tigrinya_says_so_in_tigrinya(client, sign_in):
    sign_in(make_user(Role.PARTICIPANT, preferred_language="ti"))
    response = client.post("/rating/", data={**GOOD, "swedish": "11"})
    assert response.status_code == 422 and "ካብ 1 ክሳብ 10 ቁጽሪ ምረጹ።" in response.text


def test_the_home_page_invites_at_first_and_again_after_four_weeks(client, sign_in, participant):
    sign_in(participant)
    assert "Four short questions." in client.get("/home/participant").text
    make_rating(participant, days_ago=27)
    page = client.get("/home/participant").text
    assert "Answer the questions again" in page and "It is four weeks since" not in page
    make_rating(participant, days_ago=40)  # an older one changes nothing
    assert "It is four weeks since" not in client.get("/home/participant").text


def test_the_invitation_comes_back_after_twenty_eight_days(client, sign_in, participant):
    make_rating(participant, days_ago=28)
    sign_in(participant)
    assert "It is four weeks since you last answered." in client.get("/home/participant").text


def test_the_trend_is_drawn_without_inline_styles_and_written_out(client, sign_in, participant):
    for days, work in ((60, 2), (30, 5), (1, 8)):
        make_rating(participant, days_ago=days, work=work)
    trend = services.trend_of(participant)
    assert [r.work for r in trend] == [2, 5, 8]
    lines = services.chart_lines(trend)
    assert lines[0].points == "10,54 150,38 290,21"  # 1 at y=60, 10 at y=10
    sign_in(participant)
    page = client.get("/home/participant").text
    assert "Work or studies: the answers were 2, 5, and 8" in page and "<polyline" in page
    assert "style=" not in page and 'aria-hidden="true"' in page


def test_the_coach_sees_the_trend_and_others_do_not(client, sign_in, participant):
    coach = make_user(Role.COACH, preferred_language="en")
    mine = make_participant(coach)
    make_rating(mine, days_ago=3, swedish=6)
    sign_in(coach)
    assert "Swedish: the answers were 6" in client.get(f"/participants/{mine.id}/plan").text
    sign_in(make_user(Role.COACH, make_organisation()))
    assert client.get(f"/participants/{mine.id}/plan").status_code == 404
    sign_in(coach)
    assert client.get("/rating/").status_code == 403
