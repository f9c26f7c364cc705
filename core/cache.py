"""One "content version" number for everything citizens can see.

Pages assembled from many apps (the home page) are cached under a key that carries this number;
any save or delete of a model of this project's own apps (core, the domain apps, the site; not
Django's or a library's: sessions, login attempts) bumps it, so a cached page
never outlives the data it shows. Bumping is cheap (one cache write) and needs no knowledge of
which page shows what.

Only a change of content bumps it: a model save or delete (the receiver below), and the bulk
operations that send no signal, which call `bump_content_version()` themselves (budget import,
linking proposals to a project). A request as such never does: if any anonymous POST or failed
login bumped it, anybody could empty the whole cache at will (issue #15, item 3).
"""
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "portal:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # add() so that two processes starting together agree on the first number.
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return version


def bump_content_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new number invalidates the old keys
        cache.set(VERSION_KEY, 2, None)


def versioned_key(name):
    """A cache key that changes whenever any content changes."""
    return f"{name}:v{content_version()}"


@lru_cache(maxsize=None)
def is_content_app(app_label):
    """Whether `app_label` is one of this project's own apps (its code lives in BASE_DIR), whose
    rows citizens may see; Django's and libraries' apps are not."""
    try:
        path = Path(apps.get_app_config(app_label).path).resolve()
    except LookupError:  # Django's own bookkeeping models (the migration recorder's) have no app
        return False
    return Path(settings.BASE_DIR).resolve() in path.parents and ".venv" not in path.parts


def _content_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or not is_content_app(meta.app_label):
        return
    # A model whose saves say nothing about public content (a council pack's stored PDF) says so.
    if getattr(sender, "changes_public_content", True) is False:
        return
    bump_content_version()


def connect():
    """Called from CoreConfig.ready(): one receiver for every model (the sender filter is in
    the receiver, so models added later by any app are covered without registration)."""
    post_save.connect(_content_changed, dispatch_uid="core.cache.post_save")
    post_delete.connect(_content_changed, dispatch_uid="core.cache.post_delete")
    m2m_changed.connect(_content_changed, dispatch_uid="core.cache.m2m_changed")


BUILD_LOCK_SECONDS = 120
BUILD_WAIT_STEP = 0.1


def build_once(key, build, seconds):
    """The value cached under `key`, built by `build()` if missing, by one worker at a time.

    A crowd asking at once for the same expensive document (a PDF, the open-data ZIP) costs one
    build: the first takes a lock in the cache (`cache.add`, atomic in Redis, the file cache and
    locmem alike) and builds; the others wait for its result instead of each building their own.
    If the builder dies, the lock expires after BUILD_LOCK_SECONDS and a waiter builds it then.
    """
    import time

    value = cache.get(key)
    if value is not None:
        return value
    lock = f"{key}:building"
    deadline = time.monotonic() + BUILD_LOCK_SECONDS
    while not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        time.sleep(BUILD_WAIT_STEP)
        value = cache.get(key)
        if value is not None:
            return value
        if time.monotonic() > deadline:
            break
    try:
        value = cache.get(key)  # built while we waited for the lock
        if value is None:
            value = build()
            cache.set(key, value, seconds)
        return value
    finally:
        cache.delete(lock)
