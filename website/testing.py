"""Helpers for tests of any app."""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def verified_login(client, user):
    """Sign in and mark the session as verified with a TOTP device (as after the 2FA step)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Ruta", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def stream_form_data(block, value, prefix):
    """The POST data the admin's StreamField editor sends for ``value`` of ``block``, for
    tests that submit an edit form (preview, save) with StreamFields already filled."""
    if isinstance(block, blocks.StreamBlock):
        children = [(child.block, child.value, child.id) for child in value or []]
        return _sequence_form_data(children, prefix, with_type=[c.block_type for c in value or []])
    if isinstance(block, blocks.ListBlock):
        children = [(block.child_block, child.value, child.id) for child in value.bound_blocks]
        return _sequence_form_data(children, prefix)
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(stream_form_data(child, value.get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.ChooserBlock):
        form_value = block.get_prep_value(value)  # the chosen object's id
    else:
        form_value = block.value_for_form(value)
    if isinstance(block, blocks.RichTextBlock):
        return {prefix: block.field.widget.format_value(form_value)}
    return {prefix: "" if form_value is None else str(form_value)}


def _sequence_form_data(children, prefix, with_type=None):
    data = {f"{prefix}-count": str(len(children))}
    for index, (child_block, child_value, child_id) in enumerate(children):
        item = f"{prefix}-{index}"
        data.update({f"{item}-deleted": "", f"{item}-order": str(index), f"{item}-id": child_id})
        if with_type is not None:
            data[f"{item}-type"] = with_type[index]
        data.update(stream_form_data(child_block, child_value, f"{item}-value"))
    return data


def edit_form_data(client, page):
    """What the page's admin edit form would post now: its plain fields from the form's HTML
    and its StreamFields (drawn by JavaScript, so missing from the HTML) from the latest
    revision."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    draft = page.get_latest_revision_as_object()
    for field in draft._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            value = getattr(draft, field.attname)
            data.update(stream_form_data(field.stream_block, value, field.name))
    return data


def add_form_data(client, parent, page_class, **fields):
    """The URL of a page type's admin add form under ``parent`` and what that form would
    post: its plain fields from the form's HTML (the hidden creation key among them), its
    StreamFields empty (drawn by JavaScript), then ``fields``."""
    meta = page_class._meta
    url = reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    for field in meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    return url, {**data, **fields}
