"""Programmes, organisations, people and the roles they hold in an organisation."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..enumtype import LabelledEnum, enum_column_type, labels
from ..extensions import db
from ..timeutil import utcnow


class Role(LabelledEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    SUPERVISOR = "supervisor"
    ORGANISATION_ADMIN = "organisation_admin"
    PROGRAMME_ADMIN = "programme_admin"


ROLE_LABELS = labels(
    {
        # NOTE: role of a user: the label of Role.PARTICIPANT
        Role.PARTICIPANT: _l("Participant"),
        # NOTE: role of a user: the label of Role.COACH
        Role.COACH: _l("Coach"),
        Role.SUPERVISOR: _l("Supervisor at the workplace"),
        # NOTE: role of a user: the label of Role.ORGANISATION_ADMIN
        Role.ORGANISATION_ADMIN: _l("Organisation admin"),
        # NOTE: role of a user: the label of Role.PROGRAMME_ADMIN
        Role.PROGRAMME_ADMIN: _l("Programme admin"),
    }
)

STAFF_ROLES = (Role.COACH, Role.SUPERVISOR, Role.ORGANISATION_ADMIN, Role.PROGRAMME_ADMIN)


class OrganisationKind(LabelledEnum):
    LABOUR_MARKET_UNIT = "labour_market_unit"
    EMPLOYMENT_SERVICE = "employment_service"
    WELFARE_OFFICE = "welfare_office"
    PUBLIC_EMPLOYER = "public_employer"
    PRIVATE_COMPANY = "private_company"
    SOCIAL_ENTERPRISE = "social_enterprise"
    ASSOCIATION = "association"


ORGANISATION_KIND_LABELS = labels(
    {
        OrganisationKind.LABOUR_MARKET_UNIT: _l("Municipal labour-market unit"),
        OrganisationKind.EMPLOYMENT_SERVICE: _l("Public Employment Service"),
        OrganisationKind.WELFARE_OFFICE: _l("Municipal welfare office"),
        # NOTE: kind of organisation: the label of OrganisationKind.PUBLIC_EMPLOYER
        OrganisationKind.PUBLIC_EMPLOYER: _l("Public employer"),
        # NOTE: kind of organisation: the label of OrganisationKind.PRIVATE_COMPANY
        OrganisationKind.PRIVATE_COMPANY: _l("Private company"),
        # NOTE: kind of organisation: the label of OrganisationKind.SOCIAL_ENTERPRISE
        OrganisationKind.SOCIAL_ENTERPRISE: _l("Social enterprise"),
        # NOTE: kind of organisation: the label of OrganisationKind.ASSOCIATION
        OrganisationKind.ASSOCIATION: _l("Association"),
    }
)

programme_municipality = Table(
    "programme_municipality",
    db.metadata,
    Column("programme_id", ForeignKey("programme.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True),
)


class Municipality(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # The official four-digit municipality code (kommunkod), e.g. "1293" for Hässleholm.
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Programme(db.Model):
    """One ESF-funded project; nothing below it is hard-wired to a place."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    esf_project_number: Mapped[str | None] = mapped_column(String(40))
    # Coaches and admins of this programme must sign in with a second factor (auth/second_factor.py).
    require_second_factor: Mapped[bool] = mapped_column(default=False, server_default=false())
    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=programme_municipality, order_by=Municipality.name
    )


class Organisation(db.Model):
    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column_type(OrganisationKind, "organisation_kind"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))

    programme: Mapped[Programme] = relationship()
    municipality: Mapped[Municipality | None] = relationship()


class User(UserMixin, db.Model):
    """A person. One name field in any script: no first/last split is assumed."""

    __tablename__ = "app_user"  # "user" is a reserved word in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # What the person likes to be called; what an employer sees instead of the full name.
    short_name: Mapped[str | None] = mapped_column(String(100))
    # Staff sign in with their email; participants, who often have none, with a number.
    sign_in_name: Mapped[str] = mapped_column(String(254), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Loaded when read, not with every User: most people a page loads are names to show.
    # The signed-in person's come with the session (auth.devices.current_session); a query
    # that reads them for many people asks for them itself (selectinload(User.memberships)).
    memberships: Mapped[list["Membership"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def called(self) -> str:
        return self.short_name or self.full_name

    @property
    def roles(self) -> set[Role]:
        return {m.role for m in self.memberships}

    def has_any_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def organisations_where(self, *roles: Role) -> list[Organisation]:
        return [m.organisation for m in self.memberships if m.role in roles]


class Membership(db.Model):
    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "role"))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
