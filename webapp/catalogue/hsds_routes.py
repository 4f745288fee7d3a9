"""The catalogue as open data: Open Referral HSDS 3.0, public and CORS-open."""

from flask import jsonify, redirect, request, url_for

from ..access import public
from . import hsds
from .cache import cached_json
from .routes import bp


def _open_data(body: dict):
    response = jsonify(body)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/hsds/")
@public
def hsds_root():
    """The open-data API's root document (Open Referral HSDS 3.0)."""
    return _open_data(hsds.root())


@bp.get("/hsds/services")
@public
def hsds_services():
    """The public catalogue as HSDS 3.0 services, a page at a time (?page=, ?per_page=)."""
    page = max(request.args.get("page", 1, type=int), 1)
    per_page = min(max(request.args.get("per_page", hsds.PER_PAGE, type=int), 1), hsds.MAX_PER_PAGE)
    base = request.host_url.rstrip("/")
    return cached_json(("services", base, page, per_page), lambda: hsds.services_page(base, page, per_page))


@bp.get("/hsds/services/<service_id>")
@public
def hsds_service(service_id):
    """One public activity as an HSDS 3.0 service."""
    return _open_data(hsds.service(request.host_url.rstrip("/"), service_id))


@bp.get("/export.json")
@public
def export():
    """The first export's address: readers that kept it are sent to the services."""
    return redirect(url_for("catalogue.hsds_services"), code=301)
