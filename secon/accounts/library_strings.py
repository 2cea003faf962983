"""Messages of allauth and Django that people see, listed so that our catalogue translates them formally.

Their own Polish says "ty" ("Twoje hasło", "Zapomniałeś hasła?"); the site addresses people formally.
LOCALE_PATHS come before the libraries' catalogues, so the translation in secon/locale/pl of the same msgid
wins. makemessages only collects msgids it finds in our code: hence this list. The msgids must match the
libraries' exactly (apostrophes, line breaks); nothing imports this module.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH = [
    # Forms and their errors (allauth/account/forms.py, adapter.py).
    gettext_noop("Forgot your password?"),
    gettext_noop("Please type your current password."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Use your password"),
    # Second factor (allauth/mfa).
    gettext_noop("You cannot activate two-factor authentication until you have verified your email address."),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    # The password-reset e-mail (account/email/password_reset_key_message.txt).
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your "
        "user account.\nIt can be safely ignored if you did not request a password reset. Click the link "
        "below to reset your password."
    ),
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_noop("Password Reset Email"),
]

DJANGO = [
    # Password rules shown under every new-password field (django/contrib/auth/password_validation.py).
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
