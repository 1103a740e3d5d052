"""Hearing at scale: a hearing with 300 confirmed responses (each with an attachment) and 1,000
published comments on its sections; prints the board's and the public hearing page's number of
queries and render time, and the archive ZIP's time and size. Fails (exit 1) when the ZIP takes
30 s or more.

    make bench-hearings
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/my_bench make bench-hearings
    .venv/bin/python -m benchmarks.hearing_scale --responses 300 --comments 1000

It runs with the test settings in a database of its own (Django's test database for
DATABASE_URL, made and dropped by the run), loads the demo, then builds the hearing through the
ORM (bulk inserts). Pages are rendered with Django's test client, in this process, so the figures
are the application's own time without a network or a web server."""

import argparse
import datetime
import os
import sys
import tempfile
import time

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samhandling_bench"
ZIP_LIMIT_SECONDS = 30.0


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samhandling.settings.test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    import django

    django.setup()


def _attachment_bytes(size: int) -> bytes:
    """A PDF-looking file of about `size` bytes (what an attachment weighs in the archive)."""
    head = b"%PDF-1.4\n% benchmark attachment\n"
    filler = os.urandom(max(size - len(head) - 6, 0))  # incompressible, as real PDFs are
    return head + filler + b"\n%%EOF"


def build(*, responses: int, comments: int, attachment_size: int):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from samhandling.hearings.board import community_of
    from samhandling.hearings.choices import CommentStatus, QuestionChoice, ResponderKind
    from samhandling.hearings.comments import SectionComment
    from samhandling.hearings.responses import (
        HearingResponse,
        QuestionAnswer,
        ResponseAttachment,
        ResponseVersion,
        SectionAnswer,
    )
    from tests.hearings.factories import make_hearing

    hearing = make_hearing(
        title="Høyring i stor skala",
        sections=8,
        questions=("Støttar de hovudgrepa?", "Er fristane realistiske?"),
    )
    members = list(community_of(hearing).members.order_by("name"))
    sections = hearing.draft_sections
    questions = list(hearing.questions.all())
    now = timezone.now()
    rows = []
    for number in range(responses):
        organisation = members[number] if number < len(members) else None
        rows.append(
            HearingResponse(
                hearing=hearing,
                kind=ResponderKind.ORGANISATION if organisation else ResponderKind.PRIVATE,
                organisation=organisation,
                name=f"Svarar {number}",
                email=f"svar{number}@example.org",
                general_answer=("Vi støttar hovudgrepa i planen, med nokre merknader. " * 6),
                status="confirmed",
                confirmed_at=now,
                received_at=now - datetime.timedelta(minutes=responses - number),
            )
        )
    created = HearingResponse.objects.bulk_create(rows)
    SectionAnswer.objects.bulk_create(
        SectionAnswer(response=r, section_key=s.key, text="Merknad til delen. " * 10)
        for r in created
        for s in sections[:3]
    )
    QuestionAnswer.objects.bulk_create(
        QuestionAnswer(
            response=r,
            question=q,
            choice=list(QuestionChoice.values)[i % 4],
            reason="Grunngiving.",
        )
        for i, r in enumerate(created)
        for q in questions
    )
    ResponseVersion.objects.bulk_create(
        ResponseVersion(response=r, number=1, content={"general_answer": r.general_answer})
        for r in created
    )
    content = _attachment_bytes(attachment_size)
    for response in created:
        attachment = ResponseAttachment(
            response=response, original_name="Vedtak.pdf", size=len(content)
        )
        attachment.file.save("vedtak.pdf", ContentFile(content), save=False)
        attachment.save()
    SectionComment.objects.bulk_create(
        SectionComment(
            hearing=hearing,
            section_key=sections[i % len(sections)].key,
            name=f"Kommentator {i}",
            email=f"k{i}@example.org",
            text="Ein kommentar til denne delen av utkastet.",
            status=CommentStatus.PUBLISHED,
            confirmed_at=now,
            published_at=now,
        )
        for i in range(comments)
    )
    return hearing


def measure_get(client, url: str, **extra) -> tuple[int, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **extra)  # warm up (caches, templates)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = client.get(url, **extra)
        elapsed = time.perf_counter() - start
    return len(queries), elapsed, answer.status_code


def run(*, responses: int, comments: int, attachment_size: int) -> int:
    _setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.template import TemplateDoesNotExist
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from samhandling.hearings.archive import write_archive
    from tests.staff_login import admin_login

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    media = tempfile.TemporaryDirectory(prefix="hearing-bench-")
    try:
        with override_settings(MEDIA_ROOT=media.name):
            start = time.perf_counter()
            call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
            hearing = build(responses=responses, comments=comments, attachment_size=attachment_size)
            print(
                f"set-up: {time.perf_counter() - start:.1f} s "
                f"({responses} responses with an attachment each, {comments} comments)"
            )
            user = get_user_model().objects.create_superuser("bench", "b@example.org", "pw")
            admin = admin_login(Client(), user)
            queries, elapsed, status = measure_get(
                admin, reverse("hearings_board", args=[hearing.pk])
            )
            print(f"board: HTTP {status}, {queries} queries, {elapsed * 1000:.0f} ms")
            site = hearing.get_site()
            try:
                queries, elapsed, status = measure_get(
                    Client(), hearing.relative_url(site), HTTP_HOST=site.hostname
                )
            except TemplateDoesNotExist as missing:
                print(f"public hearing page: not measured (no template {missing} yet)")
            else:
                print(
                    f"public hearing page: HTTP {status}, {queries} queries, "
                    f"{elapsed * 1000:.0f} ms"
                )
            with tempfile.TemporaryFile() as out:
                start = time.perf_counter()
                journal = write_archive(hearing=hearing, fileobj=out)
                zip_seconds = time.perf_counter() - start
                size = out.tell()
            print(
                f"archive ZIP: {len(journal)} files, {size / 1_000_000:.1f} MB, "
                f"{zip_seconds:.1f} s (limit {ZIP_LIMIT_SECONDS:.0f} s)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        media.cleanup()
    if zip_seconds >= ZIP_LIMIT_SECONDS:
        print("FAILED: the archive took too long", file=sys.stderr)
        return 1
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=300)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--attachment-kb", type=int, default=200)
    args = parser.parse_args(argv)
    return run(
        responses=args.responses, comments=args.comments, attachment_size=args.attachment_kb * 1024
    )


if __name__ == "__main__":
    sys.exit(main())
