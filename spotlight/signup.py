"""The newsletter sign-up form: ``NEWSLETTER_SIGNUP`` (a dict) as the form the theme shows.

A real ``<form>`` that posts the reader's address to the e-mail service, so it works with
JavaScript off. The services, from their documented embed forms:

- ``{"provider": "buttondown", "account": NAME}``: Buttondown's embed-subscribe endpoint, field
  ``email``;
- ``{"provider": "kit", "form": ID}``: Kit's (ConvertKit's) form subscriptions endpoint, field
  ``email_address``;
- ``{"provider": "mailchimp", "action": URL}``: the form action of Mailchimp's embedded form
  (``https://….list-manage.com/subscribe/post?u=…&id=…``), field ``EMAIL``;
- ``{"provider": "follow.it", "action": URL}``: the action of follow.it's subscription form,
  field ``email``;
- ``{"provider": "generic", "action": URL, "email_field": NAME}``: any other service.

``"name"`` (optional) is how the form names the newsletter ("Get new interviews by e-mail").
A setting that is not one of these stops the build with a message naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import BuildError

SETTING = "NEWSLETTER_SIGNUP"
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\Z")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\[\]-]{0,99}\Z")

# provider: (label, how its action is made, the e-mail field, hidden fields)
PROVIDERS: dict[str, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {
    "buttondown": ("Buttondown", "https://buttondown.com/api/emails/embed-subscribe/{account}", "email", (("embed", "1"),)),
    "kit": ("Kit", "https://app.kit.com/forms/{form}/subscriptions", "email_address", ()),
    "mailchimp": ("Mailchimp", "{action}", "EMAIL", ()),
    "follow.it": ("follow.it", "{action}", "email", ()),
    "generic": ("", "{action}", "{email_field}", ()),
}


@dataclass(frozen=True)
class SignupForm:
    """What the theme needs to show the form."""

    action: str
    email_field: str
    hidden: tuple[tuple[str, str], ...]
    provider: str  # who receives the address ("Buttondown"), or the action's host
    name: str  # the form's heading

    @property
    def host(self) -> str:
        return urlsplit(self.action).hostname or ""


def signup_form(settings: dict[str, Any]) -> SignupForm | None:
    """The form ``NEWSLETTER_SIGNUP`` configures, or None without the setting.

    >>> f = signup_form({"NEWSLETTER_SIGNUP": {"provider": "buttondown", "account": "spotlight-demo"}})
    >>> f.action, f.email_field, f.provider, f.host
    ('https://buttondown.com/api/emails/embed-subscribe/spotlight-demo', 'email', 'Buttondown', 'buttondown.com')
    >>> signup_form({"NEWSLETTER_SIGNUP": {"provider": "kit", "form": "1234"}}).action
    'https://app.kit.com/forms/1234/subscriptions'
    >>> signup_form({"NEWSLETTER_SIGNUP": {"provider": "buttondown", "account": '"><script>'}})
    Traceback (most recent call last):
    ...
    spotlight.errors.BuildError: NEWSLETTER_SIGNUP: account '"><script>' is not a plain name (letters, digits, '.', '_', '-')
    """
    value = settings.get(SETTING)
    if not value:
        return None
    if not isinstance(value, dict):
        raise BuildError(f"{SETTING} must be a dict such as {{\"provider\": \"buttondown\", \"account\": \"NAME\"}}, not {value!r}")
    provider = str(value.get("provider", "")).strip().lower()
    if provider not in PROVIDERS:
        raise BuildError(f"{SETTING}: provider {value.get('provider')!r} is not one of {', '.join(PROVIDERS)}")
    label, action_form, field_form, hidden = PROVIDERS[provider]
    parts: dict[str, str] = {}
    for key in re.findall(r"{(\w+)}", action_form + field_form):
        given = value.get(key)
        if not isinstance(given, (str, int)) or not str(given).strip():
            raise BuildError(f"{SETTING}: the {provider} form needs {key!r}")
        text = str(given).strip()
        if key == "action":
            url = urlsplit(text)
            if url.scheme != "https" or not url.hostname or any(c in text for c in "\"'<> \n"):
                raise BuildError(f"{SETTING}: action {text!r} is not an https:// address")
        elif not (_FIELD if key == "email_field" else _TOKEN).match(text):
            raise BuildError(f"{SETTING}: {key} {text!r} is not a plain name (letters, digits, '.', '_', '-')")
        parts[key] = text
    action = action_form.format(**parts)
    name = str(value.get("name") or "Get new interviews by e-mail")
    return SignupForm(action, field_form.format(**parts), hidden, label or urlsplit(action).hostname or "", " ".join(name.split())[:120])
