"""Small readers shared by page tests: an address in a language, and a page's text as a person
reads it (HTML entities decoded)."""
from html import unescape

from django.urls import reverse
from django.utils import translation


def url(name, language, *args):
    """The address of the URL pattern `name` (with `args`) under /<language>/."""
    with translation.override(language):
        return reverse(name, args=args)


def page(response):
    """The response's HTML with its entities decoded (&laquo; as «), for asserting what is shown."""
    return unescape(response.content.decode())
