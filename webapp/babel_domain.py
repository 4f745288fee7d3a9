"""The request's translations, looked up once per request and locale, for Python and
templates alike.

Flask-Babel finds the catalogue anew for every string: its domain, then its context, the
locale and the locale's name, four context lookups of some 10 microseconds in all. A coach's
caseload says some two hundred strings from Python (labels, phases, facts) besides those of
its templates. `RequestBabel` (the app's `extensions.babel`) hands Flask-Babel's gettext,
ngettext and lazy strings a domain that keeps the catalogue on the request instead."""

from flask import g
from flask_babel import Babel, Domain, get_domain
from werkzeug.utils import cached_property


def request_translations():
    """The request's catalogue, kept on the request's Flask-Babel namespace beside the
    locale it was found for (a locale forced for one sentence finds its own)."""
    try:
        request_globals = g._get_current_object()  # one context lookup, not one per attribute
    except RuntimeError:  # no app context: Flask-Babel's own answer (no translations)
        return Domain.get_translations(get_domain())
    namespace = request_globals.__dict__.get("_flask_babel")
    if namespace is not None:
        cached = namespace.__dict__.get("vagen_translations")
        locale = namespace.__dict__.get("babel_locale")
        if cached is not None and locale is not None and cached[0] is locale:
            return cached[1]
    translations = Domain.get_translations(get_domain())  # Flask-Babel's own lookup
    namespace = request_globals.__dict__.get("_flask_babel")
    if namespace is not None and namespace.__dict__.get("babel_locale") is not None:
        namespace.vagen_translations = (namespace.babel_locale, translations)
    return translations


class RequestDomain(Domain):
    def get_translations(self):
        return request_translations()


class RequestBabel(Babel):
    @cached_property
    def domain_instance(self):
        return RequestDomain(domain=self.domain)
