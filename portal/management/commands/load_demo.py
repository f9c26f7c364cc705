"""Load the demonstration data of 1-Mai aiyl aimak.

The core part (municipality, villages, resolutions, demo users) is in core/demo.py;
each domain app adds its own through its contributions' `load_demo(command)`
(core.contributions), in their `order` (an app whose rows point at another's comes after it).
Every part is idempotent: running the command twice changes nothing.
"""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.contributions import all_contributions
from core import demo


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
            demo.load(self)
            for contributions in sorted(all_contributions(), key=lambda contributions: contributions.order):
                contributions.load_demo(self)
        self.stdout.write(self.style.SUCCESS("Demo data of 1-Mai aiyl aimak loaded."))
        self.stdout.write("Demo logins (user / password):")
        for username in ("admin", "staff", "deputy"):
            self.stdout.write(f"  {username} / {password}")
