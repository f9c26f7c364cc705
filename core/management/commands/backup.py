"""`python manage.py backup [--output PATH]`: one .tar.gz with the database's rows (one consistent
snapshot), the media files and a manifest. See core/backups.py for how and why."""
from django.core.management.base import BaseCommand

from core.backups import create_backup, default_output


class Command(BaseCommand):
    help = ("Write one archive (.tar.gz) with a consistent dump of the database, the media files and a "
            "manifest (migrations, row counts, media checksums). Restore it with `manage.py restore`.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Where to write the archive (*.tar.gz). "
                            "Default: backups/portal-<UTC date-time>.tar.gz in the project folder.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output=None, database="default", verbosity=1, **options):
        output = output or default_output()
        log = self.stdout.write if verbosity > 0 else None
        manifest = create_backup(output, using=database, log=log)
        if verbosity > 0:
            rows = sum(manifest["counts"].values())
            self.stdout.write(self.style.SUCCESS(
                f"Backup written to {output} ({rows} rows, {len(manifest['media'])} media files)."))
