"""Static files under content-hashed URLs, cached for a year, compressed once; pages
compressed on the way out.

`url_for('static', filename=...)` gets `?v=<hash of the file's bytes>`, computed once at
start. A request that carries the current hash may be kept by any cache for a year
(`immutable`): a changed file gets a new URL. Without it (an old or hand-typed URL) the
file is revalidated. The folder is small (tens of KB), so each file is held in memory
with its brotli and gzip forms, made once at start instead of on every request. Static
files hold nothing personal: they never get the `no-store` of signed-in pages (security.py)."""

import gzip
import hashlib
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Flask, Response, abort, request

YEAR = 365 * 24 * 3600
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Pages compressed on the way out: the types Flask-Compress compressed, from the size where
# it began. Brotli for browsers (smaller than gzip at the same speed), gzip for the rest, at
# levels that cost less time than the bytes they save (a page is compressed on every request;
# static files, compressed once, get the highest level).
PAGE_TYPES = frozenset(
    {"text/html", "text/css", "text/xml", "text/javascript", "application/javascript", "application/json"}
)
PAGE_MIN_BYTES = 500
PAGE_BR_LEVEL, PAGE_GZIP_LEVEL = 2, 6


@dataclass(frozen=True)
class StaticFile:
    digest: str
    mimetype: str
    forms: dict  # content-encoding ("" for none) -> bytes


CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')?#]+)\1\s*\)""")


def _hashed_css_urls(css: bytes, path: str, files: dict[str, "StaticFile"]) -> bytes:
    """The stylesheet with `?v=<hash>` on every url() of a file in the folder (the fonts), so
    they are cached for a year and are the very URLs the service worker keeps (one download)."""

    def hashed(match: re.Match) -> str:
        quote, target = match.group(1), match.group(2)
        found = files.get(posixpath.normpath(posixpath.join(posixpath.dirname(path), target)))
        return f"url({quote}{target}?v={found.digest}{quote})" if found else match.group(0)

    return CSS_URL.sub(hashed, css.decode()).encode()


def load_static_folder(folder: Path) -> dict[str, StaticFile]:
    """filename (relative, forward slashes) -> the file, its hash and its compressed forms.
    Stylesheets come last: the URLs they name carry the hashes of the files before them."""
    files = {}
    paths = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: (p.suffix == ".css", p.as_posix()))
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".css":
            data = _hashed_css_urls(data, path.relative_to(folder).as_posix(), files)
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        forms = {"": data}
        if mimetype.startswith(COMPRESSIBLE):
            forms["br"] = brotli.compress(data, quality=11)
            forms["gzip"] = gzip.compress(data, compresslevel=9, mtime=0)
        files[path.relative_to(folder).as_posix()] = StaticFile(hashlib.sha256(data).hexdigest()[:12], mimetype, forms)
    return files


def init_static_files(app: Flask) -> None:
    app.after_request(compress_page)
    files = load_static_folder(Path(app.static_folder))
    app.extensions["static_files"] = files

    @app.url_defaults
    def add_content_hash(endpoint, values):
        if endpoint == "static" and "v" not in values:
            found = files.get(values.get("filename", ""))
            if found:
                values["v"] = found.digest

    def serve_static(filename):
        """The file from memory, in the best encoding the browser accepts."""
        found = files.get(filename)
        if found is None:
            abort(404)
        encoding = next((e for e in ("br", "gzip") if e in found.forms and request.accept_encodings[e]), "")
        response = Response(found.forms[encoding], mimetype=found.mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{found.digest}-{encoding or 'identity'}")
        if request.args.get("v") == found.digest:
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "public, no-cache"
        return response.make_conditional(request)

    app.view_functions["static"] = serve_static


def compress_page(response: Response) -> Response:
    """The page in the best encoding the browser accepts. Flask-Compress did this with some
    100 µs of header lookups and checks on every request, four times what brotli itself takes
    on a page of a few kB. A strong ETag names the encoded bytes (":br"), and a request that
    already holds them gets 304 Not Modified."""
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or not 200 <= response.status_code < 300
        or response.mimetype not in PAGE_TYPES
        or "Content-Encoding" in response.headers
    ):
        return response
    data = response.get_data()
    if len(data) < PAGE_MIN_BYTES:
        return response
    accepted = request.accept_encodings
    if accepted["br"]:
        encoding, data = "br", brotli.compress(data, quality=PAGE_BR_LEVEL)
    elif accepted["gzip"]:
        encoding, data = "gzip", gzip.compress(data, compresslevel=PAGE_GZIP_LEVEL, mtime=0)
    else:
        return response
    response.set_data(data)
    response.headers["Content-Encoding"] = encoding
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(f"{etag}:{encoding}")
        return response.make_conditional(request)
    return response
