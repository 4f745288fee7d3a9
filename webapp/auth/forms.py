from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField

from ..validation import email_address, max_length, password_rules, required, same_as


class SignInForm(FlaskForm):
    sign_in_name = StringField(_l("Email or sign-in number"), validators=[required(), max_length(254)])
    # NOTE: label of the form field 'password' (PasswordField) in SignInForm
    password = PasswordField(_l("Password"), validators=[required(), max_length(256)])
    remember = BooleanField(_l("Keep me signed in on this phone"))


class ChoosePasswordForm(FlaskForm):
    # NOTE: label of the form field 'password' (PasswordField) in ChoosePasswordForm
    password = PasswordField(_l("New password"), validators=password_rules())
    confirm = PasswordField(_l("The same password again"), validators=[required(), same_as("password")])
    remember = BooleanField(_l("Keep me signed in on this phone"))


class ForgotPasswordForm(FlaskForm):
    # NOTE: label of the form field 'email' (EmailField) in ForgotPasswordForm
    email = EmailField(_l("Your email"), validators=[required(), max_length(254), email_address()])


class CodeForm(FlaskForm):
    code = StringField(_l("Code from your authenticator app"), validators=[required(), max_length(20)])
