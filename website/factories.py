"""Factories for the site shell. Pages get both languages' titles and slugs, as editors do."""

import factory
import wagtail_factories
from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site

from website.models import HomePage


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Fills title_es/title_en and slug_es/slug_en (modeltranslation) unless given."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Página {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    title_es = factory.SelfAttribute("title")
    title_en = factory.LazyAttribute(lambda o: f"{o.title} (en)")
    slug_es = factory.SelfAttribute("slug")
    slug_en = factory.LazyAttribute(lambda o: f"{o.slug}-en")


class HomePageFactory(TranslatedPageFactory):
    class Meta:
        model = HomePage

    title = "Ruta"
    slug = "inicio"
    title_en = "Ruta"
    slug_en = "home"


def make_site_root(**kwargs):
    """A HomePage under Wagtail's root node, made the default site's root.

    Also recreates the locale, root page and root collection that Wagtail's migrations make,
    since transactional (browser) tests flush them away.
    """
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(title="Root", title_es="Root", slug="root", slug_es="root", locale=locale)
        )
    home = HomePageFactory(parent=root, **kwargs)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home
