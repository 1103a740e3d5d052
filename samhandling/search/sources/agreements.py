"""Agreements with their versions (and each version's PDF), action plans with their measures."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samhandling.agreements.pages import ActionPlanPage, AgreementPage
from samhandling.agreements.selectors import latest_version, version_in_force
from samhandling.agreements.versions import AgreementVersion

from .. import registry
from ..registry import BOOST, Entry
from ..text import html_text, join, listing
from .documents import document_entry, linked_document_entries

registry.register_kind(
    "agreement", pgettext_lazy("search result type", "Agreement"), _("Agreements"), boost=BOOST
)
registry.register_kind(
    "agreement_version",
    pgettext_lazy("search result type", "Agreement version"),
    _("Agreement versions"),
)
registry.register_kind(
    "action_plan",
    pgettext_lazy("search result type", "Action plan"),
    _("Action plans"),
    boost=BOOST,
)
registry.register_kind("measure", pgettext_lazy("search result type", "Measure"), _("Measures"))


@registry.page_source(AgreementPage, descendants_depend=True)
def agreement_entries(page, context):
    parent = page.get_parent().specific
    versions = list(page.versions.select_related("document__collection"))
    milestones = [join(m.title, m.description) for m in page.milestones.all()]
    language = context.language(page)
    url = context.url(page)
    yield context.page_entry(
        page,
        kind="agreement",
        body=join(page.official_title, page.lead, html_text(page.intro), *milestones),
        date=max((v.dated for v in versions), default=None),
        context=[context.link(parent)] if isinstance(parent, AgreementPage) else [],
    )
    # The page shows the text of the newest version and of the one in force; of the others
    # their label, status and dates.
    shown = {v.pk for v in (latest_version(agreement=page), version_in_force(agreement=page)) if v}
    for version in versions:
        with translation.override(language or None):
            status = version.get_status_display()
        title = f"{page.title} – {version.label}"
        yield Entry(
            key=f"version:{version.pk}",
            kind="agreement_version",
            title=title,
            url=f"{url}#versions-heading" if len(versions) > 1 else url,
            page=page,
            body=listing(status, html_text(version.text) if version.pk in shown else ""),
            date=version.dated,
            context=[context.link(page)],
            language=language,
        )
        if version.document is not None and context.document_public(version.document):
            yield document_entry(
                version.document,
                context=[context.link(page), (title, url)],
                page=page,
                where=f"version:{version.pk}",
                date=version.dated,
                language=language,
            )
    yield from linked_document_entries(page, context)


@registry.page_source(ActionPlanPage)
def action_plan_entries(page, context):
    measures = list(
        page.measures.select_related("owner_organisation", "owner_committee", "decision_case")
    )
    language = context.language(page)
    yield context.page_entry(
        page,
        kind="action_plan",
        body=join(page.lead, html_text(page.intro), *(m.title for m in measures)),
    )
    for measure in measures:
        with translation.override(language or None):
            status = measure.get_status_display()
        committee = measure.owner_committee
        owner = (
            committee.title
            if committee is not None and context.visible(committee)
            else measure.owner_organisation.display_name
            if measure.owner_organisation_id
            else ""
        )
        case = measure.decision_case
        yield Entry(
            key=f"measure:{measure.pk}",
            kind="measure",
            title=measure.title,
            url=context.url(page),
            page=page,
            body=listing(
                measure.theme,
                measure.description,
                status,
                owner,
                case.label if case is not None and case.meeting_id in context.visible_ids else "",
            ),
            date=measure.deadline,
            context=[context.link(page)],
            language=language,
            refs={pk for pk in (measure.owner_committee_id, case and case.meeting_id) if pk},
        )
    yield from linked_document_entries(page, context)


def _agreement_of(version):
    return {f"page:{version.agreement_id}"}


registry.watch(AgreementVersion, _agreement_of)
