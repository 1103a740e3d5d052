"""Pieces of markup the agreement and action plan pages make in Python (`agreement_tags`), each
character for character what the template markup it replaces gave:

- `filled`: a `{% blocktranslate %}` sentence: the translation as it is, its values rendered
  as the tag renders them (localized, escaped). The caller translates with `gettext`,
  `pgettext` or `ngettext` and the template's msgid written out, so that `makemessages` finds
  it and the existing translations apply.
- `share_bar`: `core/includes/share_bar.html`, drawn once per version and per status: as an
  include, the template's context, `{% widthratio %}` and `{% blocktranslate %}` were a large part
  of the page's rendering."""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from samhandling.core.html_values import value_html


def filled(translation: str, **values) -> SafeString:
    """The translated sentence of a `{% blocktranslate with name=value %}` with its values
    filled in: the translation as it is (the template's own text), its values rendered."""
    sentence = translation % {name: value_html(value) for name, value in values.items()}
    # bandit B703 (SafeString): as blocktranslate outputs it; every value is escaped.
    return SafeString(sentence)  # nosec B703


_SHARE_BAR = (
    '\n<div class="share-bar share-bar--{}">'
    '\n  <p class="share-bar__text">{}<span class="share-bar__figures">{}</span></p>'
    '\n  <svg class="share-bar__graphic" viewBox="0 0 100 4" preserveAspectRatio="none"'
    ' width="100%" height="12" aria-hidden="true" focusable="false">'
    '<rect class="share-bar__track" width="100" height="4"/>'
    '<rect class="share-bar__fill" width="{}" height="4"/></svg>'
    "\n</div>\n"
)


def width_ratio(value, total, width: int = 100) -> str:
    """`{% widthratio value total width %}`."""
    try:
        return str(round(float(value) / float(total) * width))
    except ZeroDivisionError:
        return "0"
    except (ValueError, TypeError, OverflowError):
        return ""


def share_bar(value, total, label="", color="") -> SafeString:
    """`{% include "core/includes/share_bar.html" with value=… total=… label=… color=… %}`."""
    percent = width_ratio(value, total)
    figures = filled(
        pgettext("share bar", "%(value)s of %(total)s (%(percent)s%%)"),
        value=value or 0,
        total=total or 0,
        percent=percent,
    )
    label = f'<span class="share-bar__label">{conditional_escape(label)}</span> ' if label else ""
    bar = _SHARE_BAR.format(conditional_escape(color or "accent"), label, figures, percent)
    # bandit B703 (SafeString): every value in it is escaped.
    return SafeString(bar)  # nosec B703
