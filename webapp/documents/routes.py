"""Documents: /documents for the participant, /participants/<id>/documents for their coach;
uploads, downloads (always as an attachment, logged) and deletion by the uploader."""

import io

from flask import Blueprint, abort, current_app, flash, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..access import allow
from ..accounts.models import Role
from ..htmx import redirect_to, render, wants_fragment
from ..input import accepts_upload
from . import services, storage
from .forms import UploadForm
from .models import DocumentKind

bp = Blueprint("documents", __name__)
EITHER = (Role.PARTICIPANT, Role.COACH)


def _documents_url(participant, for_participant: bool) -> str:
    if for_participant:
        return url_for("documents.mine")
    return url_for("documents.index", participant_id=participant.id)


def _page(participant, form=None, status=200):
    own = participant.id == current_user.id
    return render(
        "documents/index.html",
        "documents/_documents.html",
        status=status,
        participant=participant,
        own=own,
        documents=services.documents_of(current_user, participant),
        form=form or UploadForm(formdata=None),
        max_mb=_max_mb(),
        page_url=_documents_url(participant, own),
    )


def _max_mb() -> int:
    return current_app.config["DOCUMENT_MAX_BYTES"] // (1024 * 1024)


def _error(reason: str) -> str:
    if reason == "empty":
        return _("Choose a file to upload. The file you chose is empty.")
    if reason == "too_large":
        return ngettext(
            "The file is too large. It can be at most %(num)d MB.",
            "The file is too large. It can be at most %(num)d MB.",
            _max_mb(),
        )
    return _("This kind of file cannot be kept. Upload a PDF, JPEG or PNG file.")


@bp.get("/documents")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's own documents, and a form to add one."""
    return _page(services.owner_of_documents(current_user, current_user.id))


@bp.get("/participants/<int:participant_id>/documents")
@allow(Role.COACH)
def index(participant_id):
    """A participant's documents as their coach (or a colleague with access) sees them."""
    return _page(services.owner_of_documents(current_user, participant_id))


@bp.post("/participants/<int:participant_id>/documents")
@allow(*EITHER)
@accepts_upload("DOCUMENT_MAX_BYTES")
def upload(participant_id):
    """Upload a document; a file that is empty, too large or of another type is refused in words."""
    participant = services.owner_of_documents(current_user, participant_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(participant, form, status=422)
    upload = form.file.data
    if not upload or not getattr(upload, "filename", None):
        form.file.errors = [_("Choose a file to upload.")]
        return _page(participant, form, status=422)
    content = upload.stream.read(current_app.config["DOCUMENT_MAX_BYTES"] + 1)
    own = participant.id == current_user.id
    try:
        services.upload(
            current_user,
            participant,
            DocumentKind(form.kind.data),
            upload.filename,
            content,
            _documents_url(participant, not own),
        )
    except services.UploadError as error:
        form.file.errors = [_error(error.reason)]
        return _page(participant, form, status=422)
    flash(_("The document is saved."), "success")
    if not wants_fragment():
        return redirect_to(_documents_url(participant, own))
    return _page(participant)


@bp.get("/documents/<int:document_id>/file")
@allow(*EITHER)
def download(document_id):
    """The file, always as a download (never shown in the page), and the read logged."""
    document = services.document_for(current_user, document_id)
    path = storage.path_of(document.key)
    if not path.is_file():  # lost from the disk: say so, as for any missing page
        abort(404)
    # Read whole (at most DOCUMENT_MAX_BYTES): no file handle outlives the request.
    response = send_file(
        io.BytesIO(path.read_bytes()),
        mimetype=document.media_type,
        as_attachment=True,
        download_name=document.file_name,
        max_age=0,
        etag=False,
        conditional=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/documents/<int:document_id>/delete")
@allow(*EITHER)
def delete(document_id):
    """The person who uploaded a document deletes it."""
    document = services.document_for(current_user, document_id)
    participant = document.participant_id
    services.remove(current_user, document)
    flash(_("The document is deleted."), "success")
    owner = services.owner_of_documents(current_user, participant)
    if not wants_fragment():
        return redirect_to(_documents_url(owner, owner.id == current_user.id))
    return _page(owner)
