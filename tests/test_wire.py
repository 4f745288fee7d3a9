"""What crosses the wire: compressed pages, static files under hashed URLs cached for a
year, personal pages never cached, and a participant's first visit within 30 KB."""

import re
from datetime import timedelta

import pytest

from webapp.accounts.models import Role
from webapp.extensions import db

from .factories import (
    make_activity,
    make_goal,
    make_organisation,
    make_participant,
    make_rating,
    make_step,
    make_user,
)

STATIC_URL = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def _participant_with_a_week(coach=None):
    coach = coach or make_user(Role.COACH)
    participant = make_participant(coach)
    goal = make_goal(participant, created_by=coach)
    for _ in range(3):
        make_step(goal)
    make_rating(participant)
    return participant


def test_static_files_get_a_hashed_url_and_a_year_of_immutable_caching(client, sign_in):
    sign_in(_participant_with_a_week())
    page = client.get("/home/participant")
    urls = STATIC_URL.findall(page.text)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_fonts_the_stylesheet_names_are_hashed_too(client):
    """The stylesheet asks for the fonts by hashed URLs, cached for a year: the service worker
    keeps one when a page first uses it (by that URL), instead of downloading them all."""
    css = client.get("/static/css/app.css").get_data(as_text=True)
    fonts = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)
    assert len(fonts) == 6
    worker = client.get("/sw.js").get_data(as_text=True)
    for font in fonts:
        assert re.search(r"\?v=[0-9a-f]{12}$", font), font
        assert f"/static/{font.split('?')[0]}" not in worker
        assert client.get(f"/static/{font}").headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_static_file_without_its_current_hash_is_revalidated(client):
    response = client.get("/static/css/app.css?v=000000000000")
    assert response.headers["Cache-Control"] == "public, no-cache"


def test_links_follow_the_address_the_app_is_served_under(client):
    """Templates keep the URLs they build once per script root: an app mounted under a
    prefix (behind a proxy) links under that prefix, and the same app at the root does not."""
    mounted = client.get("/", environ_overrides={"SCRIPT_NAME": "/vagen"}).text
    assert 'href="/vagen/sign-in"' in mounted and 'action="/vagen/language"' in mounted
    assert all(url.startswith("/vagen/static/") for url in re.findall(r'(?:href|src)="(/[^"]*/static/[^"]+)"', mounted))
    at_root = client.get("/").text
    assert 'href="/sign-in"' in at_root and 'action="/language"' in at_root
    assert "/vagen/" not in at_root and STATIC_URL.findall(at_root)


def test_personal_pages_stay_no_store(client, sign_in):
    sign_in(_participant_with_a_week())
    assert client.get("/home/participant").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_pages_are_compressed_when_the_browser_allows(client, sign_in, encoding):
    sign_in(_participant_with_a_week())
    plain = client.get("/home/participant")
    packed = client.get("/home/participant", headers={"Accept-Encoding": encoding})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert len(packed.data) < len(plain.data) / 2
    assert "Accept-Encoding" in packed.headers["Vary"]


@pytest.mark.parametrize("language", ["sv", "en", "ar", "ti"])
def test_a_participants_first_visit_is_within_30_kb(client, sign_in, language):
    """Page, style sheet and scripts, in each language. The Arabic and Ethiopic letters come
    from the phone's own Noto fonts (local(), as Android ships them); a phone without them
    downloads ours besides (e2e/test_languages.py)."""
    participant = _participant_with_a_week()
    participant.preferred_language = language
    db.session.commit()
    sign_in(participant)
    headers = {"Accept-Encoding": "br, gzip"}
    page = client.get("/home/participant", headers=headers)
    total = len(page.data)
    # The home-screen icon is fetched only when the app is installed, not on a visit.
    fetched = re.sub(r'<link rel="apple-touch-icon"[^>]*>', "", client.get("/home/participant").text)
    assert f'lang="{language}"' in fetched
    for url in set(STATIC_URL.findall(fetched)):
        asset = client.get(url, headers=headers)
        assert asset.status_code == 200
        total += len(asset.get_data())
    assert total <= 30 * 1024, f"{total} bytes"


def _no_htmx(page: str, label: str) -> None:
    """No htmx downloaded, and nothing on the page that needs it: the body's CSRF header is
    the only hx- attribute (it is for htmx requests, and offline.js reads its token)."""
    assert "/static/vendor/htmx-" not in page, label
    assert re.findall(r"\shx-[a-z-]+=", page) == [" hx-headers="], label


def test_the_signed_out_first_pages_do_not_download_htmx(client, sign_in):
    """The signed-out home and the sign-in form, everyone's first pages on a slow phone, use
    no hx- attribute (the body's CSRF header is for htmx requests): they leave htmx out, and
    keep app.js and offline.js (which forgets the pages kept on the phone after sign-out).
    Pages that use htmx, the public catalogue's search and every signed-in page, keep it."""
    for path in ("/", "/sign-in", "/", "/sign-in"):  # the second time, as kept (same_page.py)
        page = client.get(path).text
        _no_htmx(page, path)
        assert "/static/js/app.js?v=" in page and "/static/js/offline.js?v=" in page, path
    assert "/static/vendor/htmx-" in client.get("/activities/").text
    sign_in(_participant_with_a_week())
    assert "/static/vendor/htmx-" in client.get("/home/participant").text


def _waiting_for_a_code(client) -> None:
    """The password was right; the session waits for the authenticator's code (auth.code)."""
    from webapp.auth.routes import PENDING
    from webapp.timeutil import utcnow

    coach = make_user(Role.COACH)
    db.session.commit()
    with client.session_transaction() as session:
        session[PENDING] = {"user": coach.id, "remember": False, "next": "/", "at": int(utcnow().timestamp())}


@pytest.mark.parametrize(
    "page",
    [
        "forgot",
        "invitation",
        "reset",
        "bad link",
        "code",
        "notice",
        "accessibility",
        "activity",
        "not found",
        "offline",
    ],
)
def test_the_other_signed_out_pages_do_not_download_htmx_either(client, page):
    """Every page a signed-out person reaches, but the catalogue's search, uses no hx-
    attribute: the password and link pages, the second step of signing in, the notices, an
    activity, an error page. Each leaves htmx out, shown first and sent back with its errors.
    The offline page (kept by the service worker) names no script at all."""
    from webapp.auth import services as auth

    if page == "invitation":
        path = f"/invitation/{auth.issue_invitation(make_user(Role.PARTICIPANT, password_hash=None))}"
    elif page == "reset":
        token = auth.issue_token(make_user(Role.COACH), auth.TokenPurpose.PASSWORD_RESET, timedelta(hours=1))
        path = f"/password/reset/{token}"
    elif page == "code":
        _waiting_for_a_code(client)
        path = "/sign-in/code"
    elif page == "activity":
        path = f"/activities/{make_activity().id}"
    else:
        path = {
            "forgot": "/password/forgot",
            "bad link": "/invitation/not-a-token",
            "notice": "/privacy/notice",
            "accessibility": "/privacy/accessibility",
            "not found": "/no-such-page",
            "offline": "/offline",
        }[page]
    db.session.commit()
    shown = client.get(path)
    assert shown.status_code == {"bad link": 404, "not found": 404}.get(page, 200), path
    if page == "offline":
        assert "<script" not in shown.text and " hx-" not in shown.text
        return
    _no_htmx(shown.text, path)
    if page in ("forgot", "invitation", "reset", "code"):
        sent_back = client.post(path, data={})
        assert sent_back.status_code == 422, path
        _no_htmx(sent_back.text, f"{path}, sent back")


def test_pages_also_shown_signed_in_keep_htmx_only_where_they_use_it(client, sign_in):
    """The notices, a link opened by someone signed in and an error page use no hx- attribute
    for a signed-in person either (the header's links and sign-out form are plain, and
    offline.js sends waiting taps with fetch). An activity loads htmx for the coach who may
    refer a participant to it: that form swaps its answer."""
    from webapp.auth import services as auth

    activity = make_activity()
    coach = make_user(Role.COACH, make_organisation(programme=activity.programme))
    invitation = auth.issue_invitation(make_user(Role.PARTICIPANT, password_hash=None))
    db.session.commit()
    sign_in(_participant_with_a_week(coach))
    for path in ("/privacy/notice", "/privacy/accessibility", f"/invitation/{invitation}", "/no-such-page"):
        _no_htmx(client.get(path).text, f"{path}, signed in")
    _no_htmx(client.get(f"/activities/{activity.id}").text, "an activity, for a participant")
    client.post("/sign-out")
    sign_in(coach)
    page = client.get(f"/activities/{activity.id}").text
    assert "/static/vendor/htmx-" in page and " hx-post=" in page


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_compressed_open_data_page_has_its_own_etag_and_answers_304(client, encoding):
    """A strong ETag names the bytes sent: the compressed page gets its own, and a reader
    that holds it is told 304 Not Modified instead of getting the page again."""
    for number in range(3):
        make_activity(is_public=True, title=f"Språkcafé {number}")
    db.session.commit()
    headers = {"Accept-Encoding": encoding}
    plain = client.get("/activities/hsds/services")
    packed = client.get("/activities/hsds/services", headers=headers)
    assert packed.headers["Content-Encoding"] == encoding
    assert packed.headers["ETag"] == plain.headers["ETag"][:-1] + f':{encoding}"'
    again = client.get("/activities/hsds/services", headers={**headers, "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and not again.data
