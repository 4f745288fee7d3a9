"""The open-data catalogue is kept until the catalogue changes: ETag and Last-Modified,
304 for a reader that has the page, a new page once an activity changes. Text search folds
accents, Arabic marks and Ge'ez letters of one sound."""

from webapp.catalogue.models import Activity
from webapp.catalogue.search import Filters, search
from webapp.extensions import db
from webapp.textfold import fold

from ..factories import make_activity


def test_an_unchanged_catalogue_answers_304_and_a_change_gives_a_new_page(client):
    activity = make_activity(is_public=True, title="Språkcafé")
    db.session.commit()
    first = client.get("/activities/hsds/services")
    assert first.status_code == 200 and "Språkcafé" in first.get_data(as_text=True)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = client.get("/activities/hsds/services", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    other_page = client.get("/activities/hsds/services?page=2")
    assert other_page.headers["ETag"] != first.headers["ETag"]

    activity.title = "Språkkafé"
    db.session.commit()
    changed = client.get("/activities/hsds/services", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "Språkkafé" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert (
        client.get("/activities/hsds/services", headers={"If-None-Match": changed.headers["ETag"]}).status_code == 304
    )


def test_the_search_finds_malmo_for_malmö_and_folds_arabic_and_geez(app):
    malmo = make_activity(is_public=True, title="Praktik i Malmö", place="Storgatan 1")
    arabic = make_activity(is_public=True, title="مَدْرَسَة اللغة")
    geez = make_activity(is_public=True, title="ሐጎስ ትምህርቲ")
    plain = make_activity(is_public=True, title="Språkcafé")
    db.session.commit()
    assert db.session.get(Activity, malmo.id).search_text.startswith("praktik i malmo")

    def found(text):
        return {a.id for a in search(None, Filters(text=text)).items}

    assert malmo.id in found("Malmo") and malmo.id in found("MALMÖ") and malmo.id in found("malmö")
    assert arabic.id in found("مدرسة") and arabic.id in found("مدرسه")
    assert geez.id in found("ሀጎስ") and geez.id in found("ኀጎስ")
    assert plain.id in found("sprakcafe") and plain.id not in found("Malmo")
    assert found("100%") == set()  # a % typed is a character, not a wildcard
    assert fold("Café Örebro") == "cafe orebro"
