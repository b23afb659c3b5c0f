"""Names of the languages a service may be offered in, in Spanish and in English, so that
"inglés" and "English", "kichwa" and "quichua" find the same services whatever name the
provider typed (ISO 639-1 codes, ISO 639-3 where there is none)."""

LANGUAGE_NAMES = {
    "es": (("español", "castellano"), ("Spanish",)),
    "en": (("inglés",), ("English",)),
    "qu": (("kichwa", "quichua", "quechua", "runa shimi"), ("Kichwa", "Quechua")),
    "jiv": (("shuar",), ("Shuar",)),
    "ach": (("achuar",), ("Achuar",)),
    "cof": (("a'ingae", "cofán"), ("A'ingae", "Cofán")),
    "auc": (("waorani", "wao tededo"), ("Waorani",)),
    "cbi": (("cha'palaa", "chachi"), ("Cha'palaa", "Chachi")),
    "ecs": (
        ("lengua de señas ecuatoriana", "lengua de señas"),
        ("Ecuadorian Sign Language", "sign language"),
    ),
    "fr": (("francés",), ("French",)),
    "pt": (("portugués",), ("Portuguese",)),
    "it": (("italiano",), ("Italian",)),
    "de": (("alemán",), ("German",)),
    "zh": (("chino", "mandarín"), ("Chinese", "Mandarin")),
    "ar": (("árabe",), ("Arabic",)),
    "ru": (("ruso",), ("Russian",)),
    "uk": (("ucraniano",), ("Ukrainian",)),
    "ht": (("criollo haitiano", "creole", "kreyòl"), ("Haitian Creole", "Creole")),
    "wo": (("wolof",), ("Wolof",)),
}


def language_names(code, typed_name, language):
    """Every name to index for a service language, in the entry's ``language``: the table's
    names (those of the other language too, for readers who type them) and the typed one."""
    spanish, english = LANGUAGE_NAMES.get(code, ((), ()))
    first, second = (spanish, english) if language == "es" else (english, spanish)
    return [*first, typed_name, *second]
