from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SendForm(forms.Form):
    mailing_list = forms.ModelChoiceField(queryset=None, label=_("List"), empty_label=None)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailing_list"].queryset = lists


class TestSendForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)
