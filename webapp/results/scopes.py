"""Who may see which results: a programme admin their programmes, an organisation admin of a
labour-market unit that unit; the coach and programme admin see a participant's months."""

from werkzeug.exceptions import NotFound

from ..accounts.models import OrganisationKind, Role, User
from .figures import Scope


def scopes_for(user: User) -> list[Scope]:
    """Every scope the person may open, programmes first."""
    programmes = {o.programme_id: o.programme for o in user.organisations_where(Role.PROGRAMME_ADMIN)}
    scopes = [Scope(programme=p) for p in sorted(programmes.values(), key=lambda p: p.name)]
    for organisation in sorted(user.organisations_where(Role.ORGANISATION_ADMIN), key=lambda o: o.name):
        if organisation.kind is OrganisationKind.LABOUR_MARKET_UNIT and organisation.programme_id not in programmes:
            scopes.append(Scope(programme=organisation.programme, organisation=organisation))
    return scopes


def scope_for(user: User, programme_id: int | None = None, organisation_id: int | None = None) -> Scope:
    """The scope asked for (or the first one); 404 when it is not the person's."""
    scopes = scopes_for(user)
    if programme_id is None and organisation_id is None and scopes:
        return scopes[0]
    for scope in scopes:
        if organisation_id is not None:
            if scope.organisation is not None and scope.organisation.id == organisation_id:
                return scope
        elif scope.programme.id == programme_id and scope.organisation is None:
            return scope
    raise NotFound()


def administered_programme(user: User, programme_id: int | None):
    """A programme the person administers (for the targets); 404 otherwise."""
    scope = scope_for(user, programme_id=programme_id)
    if scope.organisation is not None:
        raise NotFound()
    return scope.programme
