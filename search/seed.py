"""The first search rules, written into the database by a data migration
(``search/migrations/0004_seed_search_rules.py``) on every installation: the synonym groups
of the former search/synonyms.txt (as it stood when rules moved to the admin; "refugio"
left it for two rules telling its meanings apart) and a first set of situations people
describe. Editors change them in the admin (Search rules) from then on; see
docs/search-rules.md. Benchmarks that flush the database write them again."""

# search/synonyms.txt, one group per line (Spanish, then English).
SYNONYMS_TXT = {
    "es": [
        "albergue, casa de acogida, acogimiento, hogar de acogida, casa de paso, alojamiento",
        "psicológica, psicosocial, psicología, psicólogo, psicóloga, salud mental, "
        "contención emocional, apoyo psicológico",
        "asesoría legal, asesoría jurídica, patrocinio legal, abogado, defensoría, ayuda legal, "
        "asistencia legal",
        "extranjero, migrante, refugiado, movilidad humana",
        "adolescente, joven, menor de edad",
        "niño, niñez, infancia, menor de edad",
        "salud, médica, atención médica",
        "denuncia, fiscalía",
        "gratuito, gratis",
        "capacitación, formación, curso",
        "empleo, trabajo, inserción laboral",
        "retorno, repatriación, reintegración",
        "trata, trata de personas, explotación",
    ],
    "en": [
        "shelter, safe house, refuge",
        "psychological, psychosocial, mental health, counselling, psychologist",
        "legal advice, legal aid, lawyer, legal help, legal assistance",
        "migrant, foreigner, refugee",
        "child, children, minor",
        "free, free of charge, no cost",
        "training, course",
    ],
}
# Added with the move: phrases that must stay together, and other everyday words.
MORE_SYNONYMS = {
    "es": [
        "trabajo social, trabajadora social, trabajador social",
        "médico, doctor, consulta médica, atención médica",
        "línea de ayuda, línea telefónica, teléfono, línea gratuita, chat",
        "trata laboral, explotación laboral, trabajo forzoso, trabajo forzado",
        "explotación sexual, prostitución forzada, trata con fines de explotación sexual",
        "violencia intrafamiliar, violencia doméstica, violencia familiar, violencia de género",
        "asistencia humanitaria, ayuda humanitaria, víveres",
        "lgbti, lgbt, trans, transgénero, gay, lesbiana, diversidad sexual",
        "lengua de señas, sordo, sorda",
        "condición de refugiado, refugiado, asilo, protección internacional",
    ],
    "en": [
        "doctor, medical care, physician, health care",
        "hotline, helpline, phone line",
        "report, complaint, report a crime",
        "refugee status, asylum, international protection",
        "job, employment, job placement",
    ],
}
# (name, phrases, needs, context): what people say, and the needs it calls for.
SITUATIONS = {
    "es": [
        (
            "Violencia de la pareja o la familia",
            ["me pega", "me pegan", "me golpea", "me maltrata", "maltrato", "me agrede", "golpes"],
            ["violencia", "violencia intrafamiliar", "casa de acogida"],
            [],
        ),
        (
            "Un lugar para dormir",
            [
                "dónde dormir",
                "dónde quedarme",
                "dónde vivir",
                "me echaron de la casa",
                "me botaron de la casa",
                "sin hogar",
                "en la calle",
                "dormir",
                "lugar seguro",
                "sitio seguro",
            ],
            ["casa de acogida", "albergue", "casa de paso", "alojamiento"],
            [],
        ),
        (
            "Trabajo forzado o sin pago",
            [
                "me obligan a trabajar",
                "obligada a trabajar",
                "obligado a trabajar",
                "no me pagan",
                "sin pago",
                "sin sueldo",
                "jornadas sin pago",
            ],
            ["trata laboral", "explotación laboral", "derechos laborales"],
            [],
        ),
        (
            "Encierro o documentos retenidos",
            [
                "me tienen encerrada",
                "me tienen encerrado",
                "no me dejan salir",
                "encerrada",
                "me quitaron el pasaporte",
                "me quitaron los documentos",
                "retienen mis documentos",
            ],
            ["encierro", "retención de documentos", "trata de personas", "denuncia"],
            [],
        ),
        (
            "Una oferta engañosa",
            [
                "me ofrecieron trabajo",
                "me engañaron",
                "oferta de trabajo",
                "me quieren llevar",
                "trabajo en otro país",
            ],
            ["trata de personas", "denuncia", "explotación"],
            [],
        ),
        (
            "Volver al país de origen",
            [
                "quiero regresar",
                "quiero volver",
                "volver a mi país",
                "regresar a mi país",
                "regresar a casa",
                "volver a casa",
            ],
            ["retorno voluntario", "retorno", "regreso"],
            [],
        ),
        (
            "Personas deportadas",
            ["me deportaron", "deportado", "deportada"],
            ["migrantes retornados", "retorno", "reintegración"],
            [],
        ),
        (
            "Sin papeles",
            ["no tengo papeles", "sin papeles", "indocumentado", "indocumentada", "papeles"],
            ["regularización migratoria", "documentos", "visas", "movilidad humana"],
            [],
        ),
        (
            "Hambre",
            ["qué comer", "hambre", "comida"],
            ["alimentación", "alimentos", "comedor", "ayuda humanitaria"],
            [],
        ),
        (
            "Crisis emocional",
            [
                "hablar con alguien",
                "no quiere vivir",
                "no quiero vivir",
                "quiero morir",
                "suicidio",
                "depresión",
                "ansiedad",
                "desahogarme",
            ],
            ["atención psicológica", "salud mental", "línea de ayuda", "contención emocional"],
            [],
        ),
        (
            "Violencia sexual",
            ["me violaron", "violación", "abuso sexual", "me abusaron", "abusada"],
            ["violencia sexual", "emergencias", "denuncia", "atención psicológica"],
            [],
        ),
        (
            "Amenazas",
            ["me amenazan", "amenazando", "amenazas", "miedo de declarar"],
            ["protección de víctimas y testigos", "medidas de protección", "denuncia"],
            [],
        ),
        (
            "Embarazo",
            ["embarazada", "embarazo"],
            ["control prenatal", "salud sexual y reproductiva", "atención médica"],
            [],
        ),
        (
            "Volver a estudiar",
            [
                "quiero estudiar",
                "volver a estudiar",
                "terminar el colegio",
                "terminar la escuela",
                "estudiar",
            ],
            ["educación", "nivelación escolar", "bachillerato"],
            [],
        ),
        (
            "Drogas y alcohol",
            ["drogas", "alcohol", "adicción", "consumo"],
            ["tratamiento de adicciones"],
            [],
        ),
        (
            "Una persona desaparecida",
            ["desapareció", "desaparecida", "desaparecido"],
            ["denuncia", "desaparecido"],
            [],
        ),
        (
            "Refugio: casa de acogida",
            ["refugio"],
            ["casa de acogida", "albergue", "refugio"],
            [
                "mujeres",
                "mujer",
                "casa",
                "dormir",
                "albergue",
                "violencia",
                "niños",
                "niñas",
                "hijos",
                "noche",
                "acogida",
                "quedarme",
                "madre",
            ],
        ),
        (
            "Refugio: condición de refugiado",
            ["refugio"],
            ["condición de refugiado", "asilo", "movilidad humana"],
            [
                "solicitar",
                "solicitud",
                "condición",
                "estatus",
                "asilo",
                "visa",
                "cancillería",
                "trámite",
                "pedir",
            ],
        ),
    ],
    "en": [
        (
            "Going back home",
            ["go back", "go home", "return home", "back to my country"],
            ["voluntary return", "return"],
            [],
        ),
        (
            "Somewhere to sleep",
            ["where to sleep", "place to stay", "homeless", "safe place"],
            ["shelter", "lodging"],
            [],
        ),
        (
            "Sexual violence",
            ["raped", "rape", "sexual abuse"],
            ["sexual violence", "emergency", "report"],
            [],
        ),
    ],
}


def seed_rules(SearchRule):
    """Write the first rules when there are none (``SearchRule`` may be historical)."""
    if SearchRule.objects.exists():
        return
    for language in ("es", "en"):
        for line in SYNONYMS_TXT[language] + MORE_SYNONYMS[language]:
            phrases = [part.strip() for part in line.split(",") if part.strip()]
            SearchRule.objects.create(
                name=phrases[0].capitalize(),
                kind="synonyms",
                language=language,
                phrases="\n".join(phrases),
                live=True,
            )
        for name, phrases, needs, context in SITUATIONS[language]:
            SearchRule.objects.create(
                name=name,
                kind="situation",
                language=language,
                phrases="\n".join(phrases),
                needs="\n".join(needs),
                context="\n".join(context),
                live=True,
            )
