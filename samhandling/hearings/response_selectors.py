"""Reading hearing responses: by private link, the organisations to choose from, and what a
response says (for pages, e-mails, the PDF and the JSON kept in each version)."""

from .pages import HearingPage, HearingQuestion
from .responses import HearingResponse, hash_token


def response_for_token(*, token: str) -> HearingResponse | None:
    if not token or len(token) > 100:
        return None
    return (
        HearingResponse.objects.select_related("hearing", "organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def organisation_choices(*, hearing: HearingPage) -> tuple[list, list]:
    """(invited, others): (id, name) pairs of the registry's active organisations, the hearing's
    invited bodies first (every member of the site's health community when the hearing invites
    the members, and those chosen in the registry), then every other organisation."""
    from samhandling.organisations.models import Organisation

    from .invitations import invited_organisations

    invited_ids = set(invited_organisations(hearing=hearing).values_list("pk", flat=True))
    invited, others = [], []
    for organisation in Organisation.objects.filter(is_active=True).order_by("name"):
        pair = (organisation.pk, organisation.display_name)
        (invited if organisation.pk in invited_ids else others).append(pair)
    return invited, others


def response_snapshot(*, response: HearingResponse) -> dict:
    """Everything the response says, as JSON (a `ResponseVersion`'s content)."""
    hearing = response.hearing.specific
    headings = {section.key: section.label for section in hearing.draft_sections}
    questions = {q.pk: q.text for q in HearingQuestion.objects.filter(hearing=hearing)}
    return {
        "kind": response.kind,
        "organisation": (
            {"id": response.organisation_id, "name": response.organisation.display_name}
            if response.organisation_id
            else None
        ),
        "organisation_name": response.organisation_name,
        "name": response.name,
        "role": response.role,
        "email": response.email,
        "phone": response.phone,
        "address": response.address,
        "language": response.language,
        "no_comments": response.no_comments,
        "decision_reference": response.decision_reference,
        "decision_date": response.decision_date.isoformat() if response.decision_date else None,
        "general_answer": response.general_answer,
        "sections": {a.section_key: a.text for a in response.section_answers.all()},
        "section_headings": {
            a.section_key: headings.get(a.section_key, "") for a in response.section_answers.all()
        },
        "questions": [
            {
                "id": a.question_id,
                "text": questions.get(a.question_id, ""),
                "choice": a.choice,
                "reason": a.reason,
            }
            for a in response.question_answers.order_by("question__sort_order", "pk")
        ],
        "attachments": [
            {"id": a.pk, "name": a.original_name, "size": a.size}
            for a in response.attachments.all()
        ],
    }


def response_details(*, response: HearingResponse) -> dict:
    """What the response says, ready for a page, an e-mail or a PDF: answers per section in the
    draft's order with their numbered headings, the questions with the chosen answer."""
    hearing = response.hearing.specific
    texts = {a.section_key: a.text for a in response.section_answers.all()}
    answers = {a.question_id: a for a in response.question_answers.all()}
    questions = []
    for question in HearingQuestion.objects.filter(hearing=hearing).order_by("sort_order", "pk"):
        answer = answers.get(question.pk)
        if answer is not None:
            questions.append(
                {
                    "text": question.text,
                    "choice": answer.get_choice_display(),
                    "reason": answer.reason,
                }
            )
    return {
        "response": response,
        "hearing": hearing,
        "responder": response.responder_name,
        "sections": [
            {"label": section.label, "text": texts[section.key]}
            for section in hearing.draft_sections
            if texts.get(section.key)
        ],
        "questions": questions,
        "attachments": list(response.attachments.all()),
    }
