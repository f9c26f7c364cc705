"""`python manage.py restore ARCHIVE [--force]`: bring a backup back into an empty, migrated
database and MEDIA_ROOT, then check it against the manifest. See core/backups.py."""
from django.core.management.base import BaseCommand

from core.backups import restore_backup


class Command(BaseCommand):
    help = ("Restore an archive made by `manage.py backup` into an empty, migrated database at the same "
            "migration state; checks row counts and media checksums against the manifest.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument("--force", action="store_true",
                            help="The database holds data: delete ALL of it first (in the same transaction "
                                 "as the restore, so a failed restore leaves it as it was).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, archive, force=False, database="default", verbosity=1, **options):
        log = self.stdout.write if verbosity > 0 else None
        manifest = restore_backup(archive, using=database, force=force, log=log)
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(
                f"Restored {archive} (made {manifest['created_at']} on {manifest.get('database_vendor')}): "
                f"{sum(manifest['counts'].values())} rows and {len(manifest['media'])} media files, "
                "all checked against the manifest."))
