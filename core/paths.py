"""Links for long tables: the path of one view for many objects, reversed once.

Django's reverse() costs 30-90 µs a call (the resolver's locals, quoting, the language prefix):
the annual report links 235 rows. `path_maker("hearings:detail")` reverses once, in the active
language, and gives a function pk -> path that only formats a number."""
from django.urls import reverse

# An id no table reaches, written into the path once and then replaced by each real id.
_MARKER = 7_316_205_419_886_301_147


def path_maker(viewname):
    """A function pk -> reverse(viewname, args=[pk]) for a view of one integer argument, in the
    language active now."""
    head, tail = reverse(viewname, args=[_MARKER]).split(str(_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"
