"""Documents: who sees which, type by content, size, downloads as logged attachments, deletion."""

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp import events
from webapp.accounts.models import Role
from webapp.documents.models import Document
from webapp.enrolment.models import SharedAccess
from webapp.extensions import db
from webapp.privacy.models import ReadLog
from webapp.privacy.retention import anonymise

from ..conftest import HX
from ..factories import english, make_enrolment, make_organisation, make_programme, make_user
from ..test_unit_of_work import failing, snapshot  # noqa: F401  (failing is a fixture)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def people():
    """A participant with their coach; a colleague they are shared with; a coach of another programme."""
    unit = make_organisation(make_programme())
    coach = english(make_user(Role.COACH, unit, full_name="Sara Coach"))
    enrolment = make_enrolment(coach)
    participant = english(enrolment.participant)
    colleague = english(make_user(Role.COACH, unit))
    db.session.add(SharedAccess(enrolment_id=enrolment.id, coach_id=colleague.id))
    stranger = english(make_user(Role.COACH, make_organisation(make_programme())))
    db.session.commit()
    return {"participant": participant, "coach": coach, "colleague": colleague, "stranger": stranger}


def _upload(client, participant, content, name="cv.pdf", kind="cv", headers=None, content_type="application/pdf"):
    data = {"kind": kind, "file": (io.BytesIO(content), name, content_type)}
    return client.post(
        f"/participants/{participant.id}/documents",
        data=data,
        content_type="multipart/form-data",
        headers=headers or {},
    )


def _get(client, url):
    """A download, read whole and closed (the file it streams from is closed with it)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def _only_document() -> Document:
    return db.session.scalar(select(Document))


def test_the_participant_uploads_and_the_coach_downloads_logged(app, client, sign_in, people):
    participant, coach = people["participant"], people["coach"]
    added = []

    def listener(sender, **kwargs):
        added.append(([r.id for r in kwargs["recipients"]], kwargs["url"]))

    events.document_added.connect(listener)
    try:
        sign_in(participant)
        assert _upload(client, participant, PDF, name="Mitt CV.pdf").status_code == 303
    finally:
        events.document_added.disconnect(listener)
    document = _only_document()
    assert added == [([coach.id], f"/participants/{participant.id}/documents")]
    # Stored outside the web root under a random name, not the uploader's.
    stored = Path(app.config["DOCUMENTS_DIR"]) / document.key
    assert stored.read_bytes() == PDF and "CV" not in document.key and len(document.key) == 32
    assert (document.media_type, document.file_name, document.size) == ("application/pdf", "Mitt CV.pdf", len(PDF))
    response = _get(client, f"/documents/{document.id}/file")
    assert response.status_code == 200 and response.data == PDF
    assert db.session.scalar(select(func.count(ReadLog.id))) == 0  # one's own file is no one else's read

    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/documents")
    assert page.status_code == 200 and "Mitt CV.pdf" in page.text
    response = _get(client, f"/documents/{document.id}/file")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    reads = list(db.session.scalars(select(ReadLog).where(ReadLog.what == "documents.download")))
    assert [(r.participant_id, r.reader_id) for r in reads] == [(participant.id, coach.id)]


def test_a_medical_certificate_is_seen_by_the_participant_and_the_coach_only(client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    _upload(client, participant, JPEG, name="intyg.jpg", kind="medical", content_type="image/jpeg")
    _upload(client, participant, PNG, name="betyg.png", kind="certificate", content_type="image/png")
    medical = db.session.scalar(select(Document).where(Document.kind == "medical"))
    grades = db.session.scalar(select(Document).where(Document.kind == "certificate"))
    assert medical.media_type == "image/jpeg" and grades.media_type == "image/png"
    sign_in(people["coach"])
    page = client.get(f"/participants/{participant.id}/documents").text
    assert "intyg.jpg" in page and "betyg.png" in page
    assert _get(client, f"/documents/{medical.id}/file").status_code == 200
    sign_in(people["colleague"])
    page = client.get(f"/participants/{participant.id}/documents").text
    assert "intyg.jpg" not in page and "betyg.png" in page
    assert _get(client, f"/documents/{medical.id}/file").status_code == 404
    assert _get(client, f"/documents/{grades.id}/file").status_code == 200


def test_another_programme_sees_nothing_and_adds_nothing(client, sign_in, people):
    participant, stranger = people["participant"], people["stranger"]
    sign_in(participant)
    _upload(client, participant, PDF, name="Kanarie.pdf")
    document = _only_document()
    sign_in(stranger)
    assert client.get(f"/participants/{participant.id}/documents").status_code == 404
    assert _get(client, f"/documents/{document.id}/file").status_code == 404
    assert client.post(f"/documents/{document.id}/delete").status_code == 404
    assert _upload(client, participant, PDF, name="x.pdf").status_code == 404
    # Another participant neither.
    other = make_enrolment(stranger).participant
    sign_in(other)
    assert _get(client, f"/documents/{document.id}/file").status_code == 404
    assert _upload(client, participant, PDF, name="x.pdf").status_code == 404
    assert "Kanarie" not in client.get("/documents").text
    assert db.session.scalar(select(func.count(Document.id))) == 1


@pytest.mark.parametrize(
    ("content", "name", "content_type", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "cv.pdf", "application/pdf", "Upload a PDF, JPEG or PNG file."),
        (b"<html><script>alert(1)</script>", "photo.png", "image/png", "Upload a PDF, JPEG or PNG file."),
        (b"", "empty.pdf", "application/pdf", "The file you chose is empty."),
        (PDF + b"x" * 2000, "big.pdf", "application/pdf", "The file is too large. It can be at most 0 MB."),
    ],
)
def test_bad_files_are_refused_in_words_and_the_choice_kept(
    app, client, sign_in, people, monkeypatch, content, name, content_type, message
):
    monkeypatch.setitem(app.config, "DOCUMENT_MAX_BYTES", 1000)
    files_before = set(Path(app.config["DOCUMENTS_DIR"]).iterdir())
    participant = people["participant"]
    sign_in(participant)
    response = _upload(
        client, participant, content, name=name, kind="signed_form", headers=HX, content_type=content_type
    )
    assert response.status_code == 422 and message in response.text
    assert re.search(
        r"<input[^>]*checked[^>]*value=\"signed_form\"|<input[^>]*value=\"signed_form\"[^>]*checked", response.text
    )
    response = _upload(client, participant, content, name=name, kind="signed_form", content_type=content_type)
    assert response.status_code == 422 and "<html" in response.text and message in response.text
    assert db.session.scalar(select(func.count(Document.id))) == 0
    assert set(Path(app.config["DOCUMENTS_DIR"]).iterdir()) == files_before  # nothing written


def test_no_file_or_no_kind_is_refused(client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    response = client.post(f"/participants/{participant.id}/documents", data={"kind": "cv"}, headers=HX)
    assert response.status_code == 422 and "Choose a file to upload." in response.text
    response = client.post(
        f"/participants/{participant.id}/documents",
        data={"file": (io.BytesIO(PDF), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "Please choose one." in response.text


def test_only_the_uploader_deletes_and_the_file_goes(app, client, sign_in, people):
    participant, coach = people["participant"], people["coach"]
    sign_in(coach)
    _upload(client, participant, PDF, name="avtal.pdf", kind="signed_form")
    document = _only_document()
    path = Path(app.config["DOCUMENTS_DIR"]) / document.key
    sign_in(participant)
    assert "avtal.pdf" in client.get("/documents").text
    assert client.post(f"/documents/{document.id}/delete").status_code == 403
    assert path.exists()
    sign_in(coach)
    response = client.post(f"/documents/{document.id}/delete", headers=HX)
    assert response.status_code == 200 and "avtal.pdf" not in response.text
    assert db.session.scalar(select(func.count(Document.id))) == 0 and not path.exists()


def test_retention_removes_documents_and_their_files(app, client, sign_in, people):
    participant = people["participant"]
    sign_in(participant)
    _upload(client, participant, PDF)
    path = Path(app.config["DOCUMENTS_DIR"]) / _only_document().key
    anonymise(participant, "erasure")
    db.session.commit()
    assert db.session.scalar(select(func.count(Document.id))) == 0 and not path.exists()


def test_the_pages_link_to_the_documents(client, sign_in, people):
    participant = people["participant"]
    sign_in(people["coach"])
    assert f'href="/participants/{participant.id}/documents"' in client.get(f"/participants/{participant.id}").text
    sign_in(participant)
    assert 'href="/documents"' in client.get("/home/participant").text


def test_a_file_written_for_an_upload_that_rolls_back_is_removed(app, people):
    from webapp.documents import services
    from webapp.documents.models import DocumentKind

    participant = people["participant"]
    document = services.upload(participant, participant, DocumentKind.CV, "cv.pdf", PDF, "/documents")
    path = Path(app.config["DOCUMENTS_DIR"]) / document.key
    assert path.exists()
    db.session.rollback()
    assert not path.exists()


def test_an_upload_is_not_kept_when_the_page_fails(app, client, sign_in, people, failing):  # noqa: F811
    """The unit of work: a crash after the upload keeps neither the row nor the file."""
    participant = people["participant"]
    sign_in(participant)
    failing("webapp.documents.routes.flash")
    files_before, before = set(Path(app.config["DOCUMENTS_DIR"]).iterdir()), snapshot()
    assert _upload(client, participant, PDF).status_code == 500
    assert snapshot() == before and set(Path(app.config["DOCUMENTS_DIR"]).iterdir()) == files_before
