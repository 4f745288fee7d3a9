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

from .extensions import compress

YEAR = 365 * 24 * 3600
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


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
    # Pages: brotli for browsers (smaller than gzip at the same speed), gzip for the rest.
    # Level 2: a page is compressed on every request; levels above cost more time than
    # the bytes they save (static files, compressed once, get the highest level).
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 2)
    compress.init_app(app)
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
