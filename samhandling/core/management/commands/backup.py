from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samhandling.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump) and MEDIA_ROOT "
        "into one folder with a manifest (sizes, sha256, migrations, row counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup-dir",
            type=Path,
            default=None,
            help="Where to write the backup folder (default: BACKUP_DIR, var/backups/).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the media out (they live in S3 or another versioned storage).",
        )

    def handle(self, *args, backup_dir: Path | None, no_media: bool, **options):
        backup_dir = backup_dir or Path(settings.SAMHANDLING_BACKUP_DIR)
        try:
            path = backup_create(backup_dir=backup_dir, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        # The last line is the path alone, for scripts.
        self.stdout.write(str(path))
