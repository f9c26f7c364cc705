"""Load the demonstration data of 1-Mai aiyl aimak.

The core part (municipality, villages, resolutions, demo users) is in core/demo.py;
each domain app adds its own in `<app>/demo.py` with a function `load(command)`, called in
the order below. Every part is idempotent: running the command twice changes nothing.
"""
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PARTS = ["core", "groups", "hearings", "budget", "projects"]


class Command(BaseCommand):
    help = "Load the demonstration data of 1-Mai aiyl aimak (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo", help="Password of the demo users (default: demo).")
        parser.add_argument("--force", action="store_true",
                            help="Load even with DEBUG off (demo users with a known password!).")

    def handle(self, *args, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. The demo creates users with a known "
                "password; run with --force if you really want it here."
            )
        self.password = password
        with transaction.atomic():
            for part in DEMO_PARTS:
                try:
                    module = import_module(f"{part}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{part}.demo":
                        raise
                    continue
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo data of 1-Mai aiyl aimak loaded."))
        self.stdout.write("Demo logins (user / password):")
        for username in ("admin", "staff", "deputy"):
            self.stdout.write(f"  {username} / {password}")
