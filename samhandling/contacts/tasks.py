"""Background work: sending the contacts' e-mail from their outbox (mail.py)."""

from django.db.models import Q
from django_tasks import task


@task()
def send_contact_mail(mail_id: int) -> int:
    from .mail import send_mail_rows

    return send_mail_rows(where=Q(pk=mail_id))
