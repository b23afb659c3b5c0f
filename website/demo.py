"""Demo site tree: the home page and the three section index pages, in es and en.

Every app may have a ``demo.py`` with ``load(stdout)``; ``manage.py load_demo`` calls them in
the order of ``website.management.commands.load_demo.DEMO_APPS``. Each loader is idempotent.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from directory.models import DirectoryIndexPage
from protocol_pages.models import ProtocolIndexPage
from training.models import TrainingIndexPage
from website.models import HomePage

ADMIN_USERNAME = "admin"
ADMIN_DEV_PASSWORD = "ruta-admin-dev"  # noqa: S105 - development-only demo account, stated in README

SECTIONS = [
    (
        ProtocolIndexPage,
        {
            "es": ("Protocolo de la ruta de asistencia", "protocolo"),
            "en": ("Assistance-route protocol", "protocol"),
        },
        {
            "es": "Qué hacer, en qué orden, en qué plazo y con qué institución ante una "
            "posible víctima de trata de personas.",
            "en": "What to do, in which order, within which deadline and with which "
            "institution when you meet a possible victim of trafficking.",
        },
    ),
    (
        DirectoryIndexPage,
        {
            "es": ("Directorio de servicios", "directorio"),
            "en": ("Service directory", "directory"),
        },
        {
            "es": "Casas de acogida y servicios de atención psicológica, médica, legal, "
            "formación y retorno, por provincia.",
            "en": "Shelters and psychological, medical, legal, training and return "
            "services, by province.",
        },
    ),
    (
        TrainingIndexPage,
        {
            "es": ("Formación", "formacion"),
            "en": ("Training", "training"),
        },
        {
            "es": "Módulos de habilidades para la vida y formación ocupacional para "
            "facilitadores y facilitadoras.",
            "en": "Life-skills and vocational training modules for facilitators.",
        },
    ),
]


def _translated(page, titles, descriptions=None):
    for lang, (title, slug) in titles.items():
        setattr(page, f"title_{lang}", title)
        setattr(page, f"slug_{lang}", slug)
    for lang, text in (descriptions or {}).items():
        setattr(page, f"search_description_{lang}", text)
    page.title = titles["es"][0]
    page.slug = titles["es"][1]


def get_or_create_home():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage()
        _translated(home, {"es": ("Ruta", "inicio"), "en": ("Ruta", "home")})
        home.intro_es = (
            "<p>Ruta reúne el protocolo de asistencia a víctimas de trata de personas, el "
            "directorio de servicios y la formación para su reintegración en Ecuador.</p>"
            "<p><strong>Contenido de demostración:</strong> organizaciones, personas y "
            "teléfonos son ficticios, salvo las líneas de emergencia.</p>"
        )
        home.intro_en = (
            "<p>Ruta brings together the protocol for assisting victims of human "
            "trafficking, the service directory and reintegration training in Ecuador.</p>"
            "<p><strong>Demo content:</strong> organisations, people and phone numbers are "
            "fictional, except the emergency lines.</p>"
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Ruta"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Ruta"
        site.save()
        if old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def get_or_create_section(home, page_class, titles, descriptions):
    page = page_class.objects.child_of(home).first()
    if page is None:
        page = page_class(show_in_menus=True)
        _translated(page, titles, descriptions)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def load(stdout):
    home = get_or_create_home()
    for page_class, titles, descriptions in SECTIONS:
        get_or_create_section(home, page_class, titles, descriptions)
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@ruta.invalid", ADMIN_DEV_PASSWORD)
    stdout.write(f"  site tree: home + {len(SECTIONS)} sections; superuser '{ADMIN_USERNAME}'")
