"""Small arithmetic the apps' figures share."""


def share(part, whole):
    """`part` as a percentage of `whole` with one decimal, or None when there is nothing to
    divide (no whole, or no part known)."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 1)
