"""Markers in what the page tree keeps private: for each kind of page, an unpublished copy,
a password-restricted live copy and a draft revision of a live page; the staff-only blocks
of every live page; and a private collection with a document and an image."""

import io

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search import index

from .plant import is_text, label, marker_value, rows, text_fields
from .policy import STAFF_ONLY_BLOCKS

STREAM_KEYS = {"type", "id"}  # a stream's own structure, not its text


def page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.proxy
    ]


def mark_stream(data, mint):
    """Every text of raw stream data replaced by a marker (``mint()``), structure kept."""
    if isinstance(data, list):
        return [mark_stream(item, mint) for item in data]
    if isinstance(data, dict):
        return {
            key: value if key in STREAM_KEYS else mark_stream(value, mint)
            for key, value in data.items()
        }
    if isinstance(data, str):
        return f"<p>{mint()}</p>" if data.startswith("<") else mint()
    return data


def raw_stream(value):
    raw = getattr(value, "raw_data", value) or []
    return [dict(item) for item in raw]


def page_markers(markers, page, kind):
    """{field name: marker value} for every text field of ``page`` (streams walked)."""
    model = type(page)
    values = {}
    for field in text_fields(model):
        if not is_text(field) or not hasattr(page, field.name):
            continue
        if isinstance(field, StreamField) or (
            getattr(field, "translated_field", None) is not None
            and isinstance(field.translated_field, StreamField)
        ):
            raw = raw_stream(getattr(page, field.name))

            def mint(name=field.name):
                return markers.text(label(model), name, kind, page.pk)

            values[field.name] = mark_stream(raw, mint)
            continue
        if field.choices and kind == "draft":
            continue  # a draft revision must still load in the admin
        value = marker_value(markers, model, field, kind, page.pk)
        if value is not None:
            values[field.name] = value
    return values


def slug_attrs(markers, model, kind):
    slug = markers.text(label(model), "slug", kind, "copy")
    attrs = {"slug": slug, "title": markers.text(label(model), "title", kind, "copy")}
    for suffix in ("es", "en"):
        attrs[f"slug_{suffix}"] = f"{slug}-{suffix}"
        attrs[f"title_{suffix}"] = markers.text(label(model), f"title_{suffix}", kind, "copy")
    return attrs


def copy_with_markers(markers, original, kind):
    copy = original.copy(
        to=original.get_parent(),
        update_attrs=slug_attrs(markers, type(original), kind),
        copy_revisions=False,
        keep_live=False,
        log_action=None,
    ).specific
    values = page_markers(markers, copy, kind)
    for name in ("slug", "slug_es", "slug_en", "title", "title_es", "title_en"):
        values.pop(name, None)  # kept from the copy: the tree's paths follow them
    rows(type(copy)).filter(pk=copy.pk).update(**values)
    return copy


def reindex(pks):
    """Wagtail's own index (the content API's ``search``) of pages changed by UPDATE."""
    for page in Page.objects.filter(pk__in=pks).specific():
        index.insert_or_update_object(page)


def plant_pages(markers):
    """Per kind of page: unpublished copy, restricted live copy, draft revision. Returns
    the private pages' URLs, which an anonymous visitor tries as if guessed."""
    guessed, missing, changed = [], [], []
    for model in page_models():
        original = model.objects.live().public().order_by("path").first()
        if original is None:
            missing.append(label(model))
            continue
        unpublished = copy_with_markers(markers, original, "unpublished")
        restricted = copy_with_markers(markers, original, "restricted")
        Page.objects.filter(pk=restricted.pk).update(live=True, has_unpublished_changes=False)
        password = markers.text("wagtailcore.PageViewRestriction", "password", "private", "new")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.PASSWORD, password=password
        )
        draft = model.objects.get(pk=original.pk)
        for name, value in page_markers(markers, draft, "draft").items():
            setattr(draft, name, value)
        draft.save_revision(clean=False)
        changed += [unpublished.pk, restricted.pk]
        for page in (unpublished, restricted):
            page.refresh_from_db()
            for language in ("es", "en"):
                with translation.override(language):
                    guessed.append(page.get_url())
    reindex(changed)
    return [url for url in guessed if url], missing


def mark_staff_only(data, mint):
    if isinstance(data, list):
        return [mark_staff_only(item, mint) for item in data]
    if isinstance(data, dict):
        return {
            key: f"<p>{mint(key)}</p>" if key in STAFF_ONLY_BLOCKS else mark_staff_only(value, mint)
            for key, value in data.items()
        }
    return data


def plant_staff_only_blocks(markers):
    """The staff-only blocks of every live page (facilitator notes) carry markers."""
    planted, changed = 0, []
    for model in page_models():
        streams = [
            field
            for field in model._meta.concrete_fields
            if isinstance(getattr(field, "translated_field", field), StreamField)
        ]
        if not streams:
            continue
        owner = label(model)
        for page in model.objects.live():
            values = {}
            for field in streams:
                raw = raw_stream(getattr(page, field.name))

                def mint(key, name=field.name, pk=page.pk, owner=owner):
                    nonlocal planted
                    planted += 1
                    return markers.text(owner, f"{name}.{key}", "staff-only", pk)

                marked = mark_staff_only(raw, mint)
                if marked != raw:
                    values[field.name] = marked
            if values:
                rows(model).filter(pk=page.pk).update(**values)
                changed.append(page.pk)
    reindex(changed)
    return planted


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (2, 2), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def plant_private_files(markers):
    """A collection only a password opens, with a document and an image: their URLs."""

    def mint(model, name):
        return markers.text(model, name, "private file", "new")

    root = Collection.get_first_root_node()
    private = root.add_child(name=mint("wagtailcore.Collection", "name"))
    CollectionViewRestriction.objects.create(
        collection=private,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=mint("wagtailcore.CollectionViewRestriction", "password"),
    )
    Document = get_document_model()
    secret = mint(label(Document), "file content")
    document = Document.objects.create(
        title=mint(label(Document), "title"),
        collection=private,
        file=ContentFile(
            f"Private file {secret}".encode(), name=f"{mint(label(Document), 'file')}.txt"
        ),
    )
    document.tags.add(mint("taggit.Tag", "name"))
    Image = get_image_model()
    image = Image.objects.create(
        title=mint(label(Image), "title"),
        description=mint(label(Image), "description")[:255],
        collection=private,
        file=ImageFile(io.BytesIO(png()), name=f"{mint(label(Image), 'file')}.png"),
    )
    image.tags.add(mint("taggit.Tag", "name"))
    return [document, image], [document.url]
