from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField

from ..validation import max_length, password_rules, required, same_as


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Your password now"), validators=[required(), max_length(256)])
    # NOTE: label of the form field 'password' (PasswordField) in ChangePasswordForm
    password = PasswordField(_l("New password"), validators=password_rules())
    confirm = PasswordField(_l("The same password again"), validators=[required(), same_as("password")])


class PasswordCheckForm(FlaskForm):
    # NOTE: label of the form field 'password' (PasswordField) in PasswordCheckForm
    password = PasswordField(_l("Your password"), validators=[required(), max_length(256)])


class ProgrammeSecondFactorForm(FlaskForm):
    require_second_factor = BooleanField(_l("Coaches and admins must sign in with an authenticator app"))
