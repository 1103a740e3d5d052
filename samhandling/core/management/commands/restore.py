from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samhandling.core.backup import BackupError, backup_latest, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and MEDIA_ROOT, "
        "after checking its manifest and every checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The backup folder (default: the newest one in BACKUP_DIR).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database has tables or MEDIA_ROOT has files.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the backup (manifest, files, checksums, engine, migrations).",
        )

    def handle(self, *args, path: Path | None, force: bool, check: bool, **options):
        try:
            path = path or backup_latest(backup_dir=Path(settings.SAMHANDLING_BACKUP_DIR))
            if check:
                manifest = backup_verify(path=path)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{path}: {len(manifest['files'])} files match their checksums "
                        f"({manifest['engine']}, made {manifest['created_at']}, "
                        f"version {manifest['app_version']})."
                    )
                )
                return
            report = backup_restore(path=path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.path}: {report.tables} tables, {report.rows} rows (counts "
                f"match the backup), {report.media_files} media files."
            )
        )
        if report.migrations_to_apply:
            self.stdout.write(
                f"This code has {len(report.migrations_to_apply)} migrations the backup had not "
                "applied: run `manage.py migrate`."
            )
