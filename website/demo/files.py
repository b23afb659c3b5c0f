"""Demo content is data: each app's ``demo`` package keeps YAML files beside its loader.

Translated values are written ``{es: …, en: …}``; :func:`columns` turns them into the
modeltranslation columns (``title``, ``title_es``, ``title_en``).
"""

from pathlib import Path

import yaml
from django.conf import settings


def read(module_file, name):
    """``<name>.yaml`` next to the loader module ``module_file``, as Python data."""
    path = Path(module_file).with_name(f"{name}.yaml")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def columns(**fields):
    """``title={"es": …, "en": …}`` → ``{"title": es, "title_es": es, "title_en": en}``."""
    values = {}
    for name, translations in fields.items():
        values[name] = translations[settings.LANGUAGE_CODE]
        values.update({f"{name}_{code}": text for code, text in translations.items()})
    return values


def translated(obj, **fields):
    """Set the translated fields of ``obj`` (see :func:`columns`); returns ``obj``."""
    for name, value in columns(**fields).items():
        setattr(obj, name, value)
    return obj
