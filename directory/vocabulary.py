"""Ruta's two vocabularies (domain brief §4) with stable codes and UUIDs.

Created by a data migration on every installation; ``ensure_vocabularies`` re-creates them
when a test flushed the database. Other apps may look terms up by code.
"""

import uuid

from django.apps import apps

NAMESPACE = uuid.UUID("3c0f5f5e-7b8e-4c55-a8a2-5d1c1e0c9a77")

SERVICE_CATEGORIES = "ruta-service-categories"
POPULATIONS = "ruta-populations"

TAXONOMIES = {
    SERVICE_CATEGORIES: (
        ("Categorías de servicio", "Service categories"),
        (
            "Tipos de servicio que ofrecen las instituciones a víctimas de trata.",
            "Kinds of service institutions offer to victims of trafficking.",
        ),
    ),
    POPULATIONS: (
        ("Poblaciones atendidas", "Populations served"),
        (
            "Grupos de personas a los que un servicio está dirigido.",
            "Groups of people a service is meant for.",
        ),
    ),
}

# code: (Spanish name, English name)
CATEGORY_TERMS = {
    "shelter": ("Acogida", "Shelter"),
    "psychological": ("Atención psicológica", "Psychological care"),
    "medical": ("Atención médica", "Medical care"),
    "legal": ("Asesoría legal", "Legal aid"),
    "complaint": ("Denuncia y protección de víctimas", "Complaint and victim protection"),
    "education": ("Educación", "Education"),
    "vocational": ("Formación ocupacional y empleo", "Vocational training and employment"),
    "return": ("Retorno, repatriación y reubicación", "Return, repatriation and resettlement"),
    "child-protection": ("Protección de niñas, niños y adolescentes", "Child protection"),
    "mobility": ("Movilidad humana y refugio", "Human-mobility and refugee services"),
    "hotline": ("Líneas de ayuda", "Hotlines"),
}
POPULATION_TERMS = {
    "women": ("Mujeres", "Women"),
    "men": ("Hombres", "Men"),
    "girls": ("Niñas", "Girls"),
    "boys": ("Niños", "Boys"),
    "adolescents": ("Adolescentes (12 a 17 años)", "Adolescents (12–17)"),
    "lgbti": ("Personas LGBTI", "LGBTI people"),
    "migrants": (
        "Personas extranjeras y migrantes en situación irregular",
        "Foreign nationals and migrants in an irregular situation",
    ),
    "indigenous-afro": (
        "Pueblos y nacionalidades indígenas y afroecuatorianos",
        "Indigenous and Afro-Ecuadorian people",
    ),
    "disabilities": ("Personas con discapacidad", "People with disabilities"),
}
TERMS = {SERVICE_CATEGORIES: CATEGORY_TERMS, POPULATIONS: POPULATION_TERMS}


def taxonomy_uuid(code):
    return uuid.uuid5(NAMESPACE, f"taxonomy/{code}")


def term_uuid(taxonomy_code, code):
    return uuid.uuid5(NAMESPACE, f"term/{taxonomy_code}/{code}")


def ensure_vocabularies(taxonomy_model=None, term_model=None):
    """Create or update both vocabularies; models may be historical (migrations)."""
    if taxonomy_model is None:  # the current models (migrations pass historical ones)
        taxonomy_model = apps.get_model("directory", "Taxonomy")
        term_model = apps.get_model("directory", "TaxonomyTerm")
    for code, ((name_es, name_en), (desc_es, desc_en)) in TAXONOMIES.items():
        taxonomy, _created = taxonomy_model.objects.update_or_create(
            id=taxonomy_uuid(code),
            defaults={
                "code": code,
                "name": name_es,
                "name_es": name_es,
                "name_en": name_en,
                "description": desc_es,
                "description_es": desc_es,
                "description_en": desc_en,
                "version": "1",
            },
        )
        for order, (term_code, (term_es, term_en)) in enumerate(TERMS[code].items()):
            term_model.objects.update_or_create(
                id=term_uuid(code, term_code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": term_code,
                    "name": term_es,
                    "name_es": term_es,
                    "name_en": term_en,
                    "description": term_es,
                    "description_es": term_es,
                    "description_en": term_en,
                    "sort_order": order,
                },
            )
