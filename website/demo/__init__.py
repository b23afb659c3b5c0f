"""Demo site tree: the home page and the section index pages of ``site.yaml``, and the
development superuser.

Every app may have a ``demo`` package with ``load(stdout)`` and its data as YAML files
(``website.demo.files``); ``manage.py load_demo`` calls them in the order of
``website.management.commands.load_demo.DEMO_APPS``. Each loader is idempotent.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from website.models import HomePage
from website.public_address import public_address

from .files import read, translated

ADMIN_USERNAME = "admin"
ADMIN_DEV_PASSWORD = "ruta-admin-dev"  # noqa: S105 - development-only demo account, stated in README


def get_or_create_home(data):
    home = HomePage.objects.first()
    if home is None:
        home = translated(HomePage(), **data)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        _scheme, hostname, port = public_address()
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Ruta"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Ruta"
        site.save()
        if old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def get_or_create_section(home, page_type, **fields):
    page_class = apps.get_model(page_type)
    page = page_class.objects.child_of(home).first()
    if page is None:
        page = translated(page_class(show_in_menus=True), **fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def load(stdout):
    data = read(__file__, "site")
    home = get_or_create_home(data["home"])
    for section in data["sections"]:
        get_or_create_section(home, **section)
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@ruta.invalid", ADMIN_DEV_PASSWORD)
    stdout.write(
        f"  site tree: home + {len(data['sections'])} sections; superuser '{ADMIN_USERNAME}'"
    )
