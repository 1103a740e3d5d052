"""The public form for a comment on a section, and the secretariat's moderation form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.text import SafeTextFormMixin

from .comment_services import REASON_LIMIT, TEXT_LIMIT


class SectionCommentForm(SafeTextFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("Published with the comment."),
        widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send you a link to confirm the comment. The address is never published."),
        widget=forms.EmailInput(attrs={"class": "ds-input", "autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_LIMIT,
        help_text=_("At most %(limit)s characters.")
        % {"limit": f"{TEXT_LIMIT:,}".replace(",", " ")},
        error_messages={
            "max_length": _(
                "The comment is too long: at most %(limit_value)d characters (it has "
                "%(show_value)d). Shorten it, or send a full hearing response instead."
            )
        },
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 8}),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a comment."), code="required")
        return text


class ModerationForm(forms.Form):
    """The reason for a decision: required to decline or take down, optional to publish."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LIMIT,
        required=False,
        help_text=_("Sent to the commenter when the comment is declined or taken down."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required
        self.fields["reason"].required = reason_required
        if reason_required:
            self.fields["reason"].error_messages["required"] = _(
                "Give a reason; the commenter is told it."
            )
