"""The public form for a hearing response (and the same form, prefilled, to change one).

HTML and script typed into a field are kept as text and escaped wherever they are shown. The
organisation is chosen from a fixed list (a forged id is refused), and only the draft's own
sections and the hearing's own questions are read (a forged section key is refused)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.documents import content_matches_extension, megabytes, too_large_message
from samhandling.core.text import SafeTextFormMixin
from samhandling.organisations.models import Organisation

from .choices import QuestionChoice, ResponderKind
from .services import ResponseContent, attachment_limits, empty_message

ANSWER_LIMIT = 20_000
SECTION_PREFIX = "section_"
QUESTION_PREFIX = "question_"
ATTACHMENT_TYPES = ("pdf", "docx", "odt")
MAX_ATTACHMENTS = 10


def _attrs(autocomplete: str = "", **extra) -> dict:
    attrs = {"class": "ds-input", **extra}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs


def _answer_field(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=ANSWER_LIMIT,
        error_messages={
            "max_length": _(
                "The answer can be at most %(limit_value)d characters (it has %(show_value)d). "
                "Put a longer text in an attached document."
            )
        },
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(AttachmentsField, self).clean(file, initial) for file in files]


def check_attachments(files) -> list[str]:
    """Messages for files that are not PDF, DOCX or ODT (by name and content), too large, too
    many, or together too large. Empty when all is well."""
    per_file, total = attachment_limits()
    problems = []
    if len(files) > MAX_ATTACHMENTS:
        problems.append(_("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS})
    for file in files:
        name = (file.name or "").rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in ATTACHMENT_TYPES:
            problems.append(
                _("%(name)s: only PDF, DOCX and ODT files can be attached.") % {"name": name}
            )
        elif file.size > per_file:
            problems.append(f"{name}: {too_large_message(limit=per_file, size=file.size)}")
        elif not content_matches_extension(file=file, extension=extension):
            problems.append(
                _(
                    "%(name)s: the name ends in .%(extension)s, but the content is not of that "
                    "type. Attach the original document, not a renamed file."
                )
                % {"name": name, "extension": extension}
            )
    if sum(file.size for file in files) > total:
        problems.append(
            _("The attachments are too large together: at most %(limit)s MB in all.")
            % {"limit": megabytes(total)}
        )
    return problems


class HearingResponseForm(SafeTextFormMixin, forms.Form):
    """`change=True`: the form on the private link (who answers and the e-mail stay)."""

    kind = forms.ChoiceField(
        label=_("I answer"),
        choices=ResponderKind.choices,
        widget=forms.RadioSelect,
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        required=False,
        help_text=_("Invited bodies are listed first, then other organisations in the registry."),
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"),
        help_text=_("Only when you answer for an organisation that is not in the list."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_attrs("organization")),
    )
    decision_reference = forms.CharField(
        label=_("Decided by (optional)"),
        help_text=_("For example “Formannskapet, sak 23/45”."),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=_attrs()),
    )
    decision_date = forms.DateField(
        label=_("Decision date (optional)"),
        required=False,
        widget=forms.DateInput(attrs=_attrs(type="date"), format="%Y-%m-%d"),
    )
    no_comments = forms.BooleanField(
        label=_("No comments (ingen merknader): we have read the draft and have nothing to add."),
        required=False,
    )
    general_answer = _answer_field(_("General answer"))

    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs=_attrs("name"))
    )
    role = forms.CharField(
        label=_("Role or title (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_attrs("organization-title")),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_(
            "We send a link to confirm the response here. The response counts only once the "
            "address is confirmed."
        ),
        widget=forms.EmailInput(attrs=_attrs("email")),
    )
    phone = forms.CharField(
        label=_("Phone (optional, private persons)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs=_attrs("tel", type="tel")),
    )
    address = forms.CharField(
        label=_("Address (optional, private persons)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=_attrs("street-address")),
    )
    attachments = AttachmentsField(
        label=_("Attachments (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"class": "ds-input", "accept": ".pdf,.docx,.odt"}),
    )

    def __init__(self, *args, hearing, invited=(), others=(), change=False, existing=(), **kwargs):
        """`invited`, `others`: (id, name) pairs of organisations; `existing`: attachments of a
        response being changed (each may be removed)."""
        super().__init__(*args, **kwargs)
        self.hearing = hearing
        self.change = change
        per_file, total = attachment_limits()
        self.fields["attachments"].help_text = _(
            "PDF, DOCX or ODT. At most %(size)s MB a file and %(total)s MB in all."
        ) % {"size": megabytes(per_file), "total": megabytes(total)}
        if change:
            for name in ("kind", "organisation", "organisation_name", "email"):
                del self.fields[name]
            if existing:
                self.fields["remove_attachments"] = forms.MultipleChoiceField(
                    label=_("Remove attachments"),
                    required=False,
                    choices=[(str(a.pk), a.original_name) for a in existing],
                    widget=forms.CheckboxSelectMultiple,
                )
        else:
            self.fields["organisation"].choices = [
                ("", _("Choose the organisation")),
                (_("Invited bodies"), [(str(pk), name) for pk, name in invited]),
                (_("Other organisations"), [(str(pk), name) for pk, name in others]),
            ]
        self.section_fields = []
        for section in hearing.draft_sections:
            name = f"{SECTION_PREFIX}{section.key}"
            self.fields[name] = _answer_field(
                _("Answer to %(section)s (optional)") % {"section": section.label}
            )
            self.section_fields.append(name)
        self.question_fields = []
        for question in hearing.questions.all():
            choice, reason = f"{QUESTION_PREFIX}{question.pk}", f"{QUESTION_PREFIX}{question.pk}_r"
            self.fields[choice] = forms.ChoiceField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                choices=QuestionChoice.choices,
                widget=forms.RadioSelect,
            )
            self.fields[reason] = _answer_field(_("Reason (optional)"))
            self.question_fields.append((question, choice, reason))

    # --- the parts, for the template ------------------------------------------------------

    def bound(self, names):
        return [self[name] for name in names if name in self.fields]

    def responder_fields(self):
        return self.bound(["organisation", "organisation_name"])

    def decision_fields(self):
        return self.bound(["decision_reference", "decision_date"])

    def contact_fields(self):
        return self.bound(["name", "role", "email", "phone", "address"])

    def section_bound(self):
        return self.bound(self.section_fields)

    def question_bound(self):
        return [(q, self[choice], self[reason]) for q, choice, reason in self.question_fields]

    # --- cleaning ---------------------------------------------------------------------------

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        problems = check_attachments(files)
        if problems:
            raise forms.ValidationError(problems)
        return files

    def clean(self):
        cleaned = super().clean()
        if self.data:
            known = {*self.section_fields, *(c for _q, c, _r in self.question_fields)}
            known |= {r for _q, _c, r in self.question_fields}
            forged = [
                key
                for key in self.data
                if key.startswith((SECTION_PREFIX, QUESTION_PREFIX)) and key not in known
            ]
            if forged:
                raise forms.ValidationError(
                    _(
                        "The form named a section or question that this hearing does not have. "
                        "Open the form again from the hearing's page. Nothing was saved."
                    ),
                    code="forged",
                )
        if not self.change:
            kind = cleaned.get("kind")
            choice = cleaned.get("organisation")
            cleaned["organisation"] = None
            if kind == ResponderKind.ORGANISATION:
                if choice:  # one of the choices (the field has checked); read it only now
                    cleaned["organisation"] = Organisation.objects.filter(
                        pk=int(choice), is_active=True
                    ).first()
                if cleaned["organisation"] is None and "organisation" not in self.errors:
                    self.add_error("organisation", _("Choose the organisation you answer for."))
            if kind == ResponderKind.OTHER_ORGANISATION and not cleaned.get("organisation_name"):
                self.add_error("organisation_name", _("Write the name of the organisation."))
        if not self.errors:
            content = self.content()
            attachments = len(cleaned.get("attachments") or [])
            if self.change:
                removed = set(cleaned.get("remove_attachments") or [])
                choices = self.fields.get("remove_attachments")
                kept = len(choices.choices) - len(removed) if choices else 0
                attachments += kept
            if content.is_empty(attachments=attachments):
                raise forms.ValidationError(empty_message(), code="empty")
        return cleaned

    def content(self) -> ResponseContent:
        data = self.cleaned_data
        return ResponseContent(
            general_answer=data.get("general_answer", ""),
            no_comments=bool(data.get("no_comments")),
            decision_reference=data.get("decision_reference", ""),
            decision_date=data.get("decision_date"),
            name=data.get("name", ""),
            role=data.get("role", ""),
            phone=data.get("phone", ""),
            address=data.get("address", ""),
            section_answers={
                name.removeprefix(SECTION_PREFIX): data.get(name, "")
                for name in self.section_fields
            },
            question_answers={
                question.pk: (data.get(choice, ""), data.get(reason, ""))
                for question, choice, reason in self.question_fields
            },
        )


def initial_for(response) -> dict:
    """The change form's initial values: the response as it is now."""
    initial = {
        name: getattr(response, name)
        for name in (
            "general_answer",
            "no_comments",
            "decision_reference",
            "decision_date",
            "name",
            "role",
            "phone",
            "address",
        )
    }
    for answer in response.section_answers.all():
        initial[f"{SECTION_PREFIX}{answer.section_key}"] = answer.text
    for answer in response.question_answers.all():
        initial[f"{QUESTION_PREFIX}{answer.question_id}"] = answer.choice
        initial[f"{QUESTION_PREFIX}{answer.question_id}_r"] = answer.reason
    return initial
