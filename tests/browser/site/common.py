"""What every part of the browser tests' site shares: languages, queries, the result."""

from dataclasses import dataclass, field

LANGUAGES = ("es", "en")
DIRECTORY_QUERY = {"es": "acogida", "en": "shelter"}
SITE_QUERY = {"es": "trata", "en": "trafficking"}
# The directory page with a query and two filters: Pichincha and the shelter category.
DIRECTORY_FILTERS = {"province": "EC-P", "category": "shelter"}
# A province where the protocol's institutions have no office (issue 16).
GUAYAS = "EC-G"


@dataclass
class RutaSite:
    """What a browser test needs: public pages by name and language, the referral pages,
    and the objects the signed-in tests use."""

    public: dict = field(default_factory=dict)  # name -> {"es": path, "en": path}
    staff_user: object = None
    referral: object = None
    shelter: object = None
    receiver: object = None
    signed_in: dict = field(default_factory=dict)  # name -> path (language-neutral)

    def public_paths(self, language):
        return [(name, paths[language]) for name, paths in self.public.items()]


def _t(es, en):
    return {"es": es, "en": en}


def _section(factory, parent, titles, slugs, descriptions, **kwargs):
    return factory(
        parent=parent,
        title=titles["es"],
        title_en=titles["en"],
        slug=slugs["es"],
        slug_en=slugs["en"],
        search_description_es=descriptions["es"],
        search_description_en=descriptions["en"],
        show_in_menus=True,
        **kwargs,
    )
