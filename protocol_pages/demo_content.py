# ruff: noqa: E501 - demo prose reads better unbroken
"""Demo protocol content (Spanish, English), modelled on the domain brief §2.

Institutions are keys of ``directory.demo.DEMO_ORG_SLUGS``. Steps carry a stable key that
becomes their block id in both editions (as copying an edition in the admin keeps ids);
``since_2024`` steps are missing from the 2013 edition, ``only_2013`` steps were dropped in
2024, and ``in_2013`` overrides what the 2013 edition said. Deadlines are illustrative demo
content, except the 24 hours for Ecuadorians found abroad (2018/19 protocol).
"""


def t(es, en):
    return {"es": es, "en": en}


NO_REVICTIMISATION = t(
    "No revictimizar: no repita preguntas ya respondidas, no confronte a la persona con "
    "el presunto tratante y no la exponga a medios de comunicación.",
    "Do not revictimise: do not repeat questions already answered, do not confront the "
    "person with the alleged trafficker and do not expose them to the media.",
)
CHILDREN_DINAPEN = t(
    "Si es menor de 18 años, avise de inmediato a DINAPEN y a la Junta Cantonal de Protección "
    "de Derechos; prevalece el interés superior del niño.",
    "If the person is under 18, tell DINAPEN and the Cantonal Rights Protection Board at "
    "once; the best interest of the child prevails.",
)

PRINCIPLES = [
    (
        t("No revictimización", "Non-revictimisation"),
        t(
            "Cada intervención evita que la persona reviva el daño: una sola entrevista a profundidad, "
            "lenguaje respetuoso y sin juicios.",
            "Every intervention avoids making the person relive the harm: a single in-depth "
            "interview, respectful language, no judgement.",
        ),
    ),
    (
        t("Confidencialidad", "Confidentiality"),
        t(
            "La identidad, la ubicación y la historia de la persona solo se comparten con quien las "
            "necesita para asistirla.",
            "The person's identity, whereabouts and story are shared only with those who need them "
            "to assist.",
        ),
    ),
    (
        t("Interés superior del niño", "Best interest of the child"),
        t(
            "Con niñas, niños y adolescentes, toda decisión se toma según su interés superior.",
            "With children and adolescents every decision follows their best interest.",
        ),
    ),
    (
        t("Consentimiento informado y voluntariedad", "Informed consent and voluntariness"),
        t(
            "La persona decide, con información clara y en su idioma, qué servicios acepta.",
            "The person decides, with clear information in their language, which services to accept.",
        ),
    ),
    (
        t("Protección sin condiciones", "Unconditional protection"),
        t(
            "La protección no depende de que la persona colabore con la justicia (ley de 2023).",
            "Protection does not depend on the person cooperating with the justice system (2023 law).",
        ),
    ),
    (
        t(
            "Enfoques de género, intercultural, intergeneracional y de movilidad humana",
            "Gender, intercultural, intergenerational and human-mobility approaches",
        ),
        t(
            "La atención se adapta a la identidad, la cultura, la edad y la situación migratoria.",
            "Care is adapted to identity, culture, age and migration status.",
        ),
    ),
    (
        t("Atención informada en trauma", "Trauma-informed care"),
        t(
            "Se reconoce el impacto del trauma y se prioriza la seguridad y la confianza.",
            "The impact of trauma is recognised; safety and trust come first.",
        ),
    ),
]

# Forms: key → (Spanish title, English title, Spanish description, English description)
FORMS = {
    "initial": t("Registro de entrevista inicial", "Initial interview record"),
    "in_depth": t("Registro de entrevista a profundidad", "In-depth interview record"),
    "referral": t(
        "Ficha de referencia y contrarreferencia", "Referral and counter-referral record"
    ),
}

PHASES = [
    {
        "slug": t("identificacion", "identification"),
        "title": t("Identificación", "Identification"),
        "intro": t(
            "Reconocer los indicios de trata, establecer el primer contacto y hacer la "
            "entrevista inicial.",
            "Recognise the indicators of trafficking, make first contact and hold the "
            "initial interview.",
        ),
        "steps": [
            {
                "key": "detect",
                "title": t("Detectar indicios de trata", "Spot the indicators of trafficking"),
                "summary": t(
                    "Cualquier servidor público que sospeche de una situación de trata activa la ruta.",
                    "Any public servant who suspects trafficking activates the route.",
                ),
                "responsible": [
                    (
                        "interior",
                        t(
                            "Coordina la respuesta interinstitucional",
                            "Coordinates the interinstitutional response",
                        ),
                    ),
                    (
                        "dinapen",
                        t(
                            "Interviene cuando hay niñas, niños o adolescentes",
                            "Acts when children or adolescents are involved",
                        ),
                    ),
                ],
                "actions": [
                    t(
                        "Observar indicadores: control de documentos, deudas, aislamiento",
                        "Look for indicators: confiscated documents, debts, isolation",
                    ),
                    t(
                        "Registrar lo observado sin interrogar a la persona",
                        "Write down what you saw without questioning the person",
                    ),
                ],
                "warnings": [NO_REVICTIMISATION],
                "children": CHILDREN_DINAPEN,
                "legal": [("Código Orgánico Integral Penal", "91")],
            },
            {
                "key": "safety",
                "title": t("Garantizar la seguridad inmediata", "Ensure immediate safety"),
                "summary": t(
                    "Si hay peligro, llame al ECU 911 antes de cualquier otra acción.",
                    "If there is danger, call ECU 911 before anything else.",
                ),
                "responsible": [
                    ("interior", t("Despliega a la Policía Nacional", "Sends the National Police"))
                ],
                "actions": [
                    t(
                        "Alejar a la persona del lugar de explotación",
                        "Move the person away from the place of exploitation",
                    ),
                    t(
                        "Llamar al ECU 911 si hay peligro inminente",
                        "Call ECU 911 if danger is imminent",
                    ),
                ],
                "decisions": [
                    (
                        t(
                            "¿La persona está en peligro inmediato?",
                            "Is the person in immediate danger?",
                        ),
                        t("Sí", "Yes"),
                        None,
                        "crisis",
                    )
                ],
            },
            {
                "key": "first_contact",
                "title": t(
                    "Primer contacto e información de derechos",
                    "First contact and information on rights",
                ),
                "summary": t(
                    "Explique en lenguaje sencillo y en el idioma de la persona qué puede esperar.",
                    "Explain in plain language, in the person's language, what to expect.",
                ),
                "responsible": [
                    (
                        "defensoria_pueblo",
                        t(
                            "Vela por los derechos de la persona",
                            "Watches over the person's rights",
                        ),
                    )
                ],
                "actions": [
                    t(
                        "Presentarse e informar sus derechos",
                        "Introduce yourself and explain their rights",
                    ),
                    t("Ofrecer intérprete si lo necesita", "Offer an interpreter if needed"),
                    t("Pedir el consentimiento para continuar", "Ask for consent to continue"),
                ],
            },
            {
                "key": "initial_interview",
                "title": t("Entrevista inicial", "Initial interview"),
                "summary": t(
                    "Recoja solo los datos necesarios para proteger y referir.",
                    "Collect only the data needed to protect and refer.",
                ),
                "responsible": [
                    (
                        "fiscalia",
                        t(
                            "Recibe la información si hay denuncia",
                            "Receives the information if a complaint is made",
                        ),
                    ),
                    (
                        "acogida",
                        t(
                            "Acompaña a la persona durante la entrevista",
                            "Accompanies the person during the interview",
                        ),
                    ),
                ],
                "deadline": (24, "hours", t("el primer contacto", "the first contact")),
                "actions": [
                    t("Usar el registro de entrevista inicial", "Use the initial interview record"),
                    t("No grabar sin consentimiento", "Do not record without consent"),
                ],
                "warnings": [NO_REVICTIMISATION],
                "forms": ["initial"],
                "in_2013": {
                    "deadline": (48, "hours", t("el primer contacto", "the first contact"))
                },
            },
            {
                "key": "referral",
                "title": t(
                    "Referir a la institución competente", "Refer to the competent institution"
                ),
                "summary": t(
                    "Según la situación, la persona sigue la ruta nacional o una subruta.",
                    "Depending on the situation, the person follows the national route or a sub-route.",
                ),
                "responsible": [
                    (
                        "mies",
                        t("Recibe la referencia para acogida", "Receives the referral for shelter"),
                    )
                ],
                "actions": [
                    t("Llenar la ficha de referencia", "Fill in the referral record"),
                    t(
                        "Confirmar que la institución receptora aceptó el caso",
                        "Confirm that the receiving institution accepted the case",
                    ),
                ],
                "decisions": [
                    (
                        t(
                            "¿Es una persona extranjera que desea volver a su país?",
                            "Is the person a foreign national who wishes to go home?",
                        ),
                        t("Sí", "Yes"),
                        None,
                        "voluntary-return",
                    ),
                    (
                        t(
                            "¿Es una persona ecuatoriana identificada en el exterior?",
                            "Is the person an Ecuadorian identified abroad?",
                        ),
                        t("Sí", "Yes"),
                        None,
                        "repatriation",
                    ),
                    (
                        t("¿Ninguna de las anteriores?", "Neither?"),
                        t("Continúe", "Continue"),
                        "risk",
                        None,
                    ),
                ],
                "forms": ["referral"],
            },
            {
                "key": "registry",
                "only_2013": True,
                "title": t(
                    "Registrar el caso en el sistema nacional",
                    "Record the case in the national system",
                ),
                "summary": t(
                    "Registro nominal del caso en el sistema de información.",
                    "Named record of the case in the information system.",
                ),
                "responsible": [("interior", t("Administra el registro", "Keeps the record"))],
            },
        ],
    },
    {
        "slug": t("proteccion-inmediata", "immediate-protection"),
        "title": t("Protección inmediata", "Immediate protection"),
        "intro": t(
            "Seguridad, acogida y salud de emergencia.",
            "Safety, shelter and emergency health care.",
        ),
        "steps": [
            {
                "key": "risk",
                "since_2024": True,
                "title": t("Valorar el riesgo", "Assess the risk"),
                "summary": t(
                    "Valore el riesgo para la persona y su familia antes de decidir dónde se queda.",
                    "Assess the risk for the person and their family before deciding where they stay.",
                ),
                "responsible": [
                    ("fiscalia", t("Valora el riesgo para el SPAVT", "Assesses the risk for SPAVT"))
                ],
                "deadline": (24, "hours", t("la referencia", "the referral")),
                "actions": [
                    t(
                        "Preguntar por amenazas y contactos del tratante",
                        "Ask about threats and contact with the trafficker",
                    ),
                    t("Registrar las medidas urgentes", "Record urgent measures"),
                ],
            },
            {
                "key": "shelter",
                "title": t("Acogida temporal", "Temporary shelter"),
                "summary": t(
                    "Ubique a la persona en una casa de acogida especializada.",
                    "Place the person in a specialised shelter.",
                ),
                "responsible": [
                    (
                        "mies",
                        t(
                            "Autoriza el ingreso a la casa de acogida",
                            "Authorises admission to the shelter",
                        ),
                    ),
                    ("acogida", t("Acoge a la persona", "Shelters the person")),
                ],
                "actions": [
                    t("Coordinar el traslado seguro", "Arrange safe transport"),
                    t("No revelar la dirección de la casa", "Never reveal the shelter's address"),
                ],
                "warnings": [
                    t(
                        "La ubicación de la casa de acogida es confidencial.",
                        "The shelter's location is confidential.",
                    )
                ],
                "children": t(
                    "Las personas menores de edad ingresan a casas especializadas para su edad.",
                    "Children are placed in shelters specialised for their age.",
                ),
            },
            {
                "key": "emergency_health",
                "title": t("Atención de salud de emergencia", "Emergency health care"),
                "responsible": [
                    (
                        "salud",
                        t(
                            "Brinda atención médica de emergencia",
                            "Provides emergency medical care",
                        ),
                    )
                ],
                "actions": [
                    t("Atender lesiones y necesidades urgentes", "Treat injuries and urgent needs"),
                    t(
                        "Ofrecer profilaxis y anticoncepción de emergencia cuando corresponda",
                        "Offer prophylaxis and emergency contraception when appropriate",
                    ),
                ],
            },
            {
                "key": "basic_needs",
                "title": t("Cubrir necesidades básicas", "Meet basic needs"),
                "responsible": [
                    (
                        "mies",
                        t(
                            "Provee alimentación, vestido y artículos de aseo",
                            "Provides food, clothing and toiletries",
                        ),
                    )
                ],
                "actions": [
                    t("Entregar ropa y artículos de aseo", "Provide clothing and toiletries"),
                    t("Gestionar documentos de identidad", "Arrange identity documents"),
                ],
            },
            {
                "key": "protection_measures",
                "title": t("Medidas de protección", "Protection measures"),
                "responsible": [
                    (
                        "fiscalia",
                        t("Solicita medidas de protección", "Requests protection measures"),
                    ),
                    (
                        "dinapen",
                        t(
                            "Ejecuta medidas para niñas, niños y adolescentes",
                            "Carries out measures for children",
                        ),
                    ),
                ],
                "children": CHILDREN_DINAPEN,
                "legal": [("Constitución de la República del Ecuador", "46")],
            },
        ],
    },
    {
        "slug": t("asistencia-integral", "comprehensive-assistance"),
        "title": t("Asistencia integral", "Comprehensive assistance"),
        "intro": t(
            "Atención psicológica, médica, legal y social.",
            "Psychological, medical, legal and social care.",
        ),
        "steps": [
            {
                "key": "psychological",
                "title": t("Atención psicológica", "Psychological care"),
                "responsible": [
                    ("salud", t("Brinda atención en salud mental", "Provides mental health care")),
                    ("acogida", t("Acompaña el proceso terapéutico", "Supports the therapy")),
                ],
                "actions": [
                    t("Estabilización emocional", "Emotional stabilisation"),
                    t(
                        "Plan terapéutico acordado con la persona",
                        "Therapy plan agreed with the person",
                    ),
                ],
            },
            {
                "key": "medical",
                "title": t("Atención médica integral", "Comprehensive medical care"),
                "responsible": [
                    (
                        "salud",
                        t(
                            "Atiende en la red pública de salud",
                            "Treats in the public health network",
                        ),
                    )
                ],
                "actions": [
                    t("Chequeo médico completo", "Full medical check-up"),
                    t("Seguimiento de tratamientos", "Follow up treatments"),
                ],
            },
            {
                "key": "legal_aid",
                "title": t("Asesoría legal", "Legal advice"),
                "responsible": [
                    (
                        "defensoria_publica",
                        t(
                            "Patrocina gratuitamente a la persona",
                            "Represents the person free of charge",
                        ),
                    )
                ],
                "actions": [
                    t("Explicar derechos y opciones legales", "Explain rights and legal options"),
                    t(
                        "Regularizar la situación migratoria si corresponde",
                        "Regularise migration status if needed",
                    ),
                ],
                "legal": [("Ley Orgánica de Movilidad Humana", "")],
            },
            {
                "key": "in_depth",
                "title": t("Entrevista a profundidad", "In-depth interview"),
                "summary": t(
                    "Una sola entrevista a profundidad, con profesionales formados.",
                    "A single in-depth interview, by trained professionals.",
                ),
                "responsible": [
                    (
                        "acogida",
                        t(
                            "Realiza la entrevista con su equipo técnico",
                            "Holds the interview with its team",
                        ),
                    )
                ],
                "deadline": (7, "days", t("el ingreso a la acogida", "admission to the shelter")),
                "warnings": [NO_REVICTIMISATION],
                "forms": ["in_depth"],
                "in_2013": {
                    "deadline": (
                        15,
                        "days",
                        t("el ingreso a la acogida", "admission to the shelter"),
                    )
                },
            },
            {
                "key": "care_plan",
                "title": t("Plan de atención individual", "Individual care plan"),
                "responsible": [
                    ("mies", t("Aprueba el plan", "Approves the plan")),
                    (
                        "acogida",
                        t("Elabora el plan con la persona", "Draws up the plan with the person"),
                    ),
                ],
                "actions": [
                    t("Definir objetivos con la persona", "Set goals with the person"),
                    t("Asignar responsables y fechas", "Assign people responsible and dates"),
                ],
            },
        ],
    },
    {
        "slug": t("acceso-a-la-justicia", "access-to-justice"),
        "title": t("Protección y acceso a la justicia", "Protection and access to justice"),
        "intro": t(
            "Denuncia, protección de víctimas y testigos y acompañamiento en el proceso penal.",
            "Complaint, victim and witness protection and support during criminal proceedings.",
        ),
        "steps": [
            {
                "key": "justice_info",
                "title": t("Informar sobre el proceso penal", "Explain the criminal proceedings"),
                "responsible": [
                    (
                        "defensoria_publica",
                        t(
                            "Explica el proceso y sus etapas",
                            "Explains the proceedings and their stages",
                        ),
                    )
                ],
                "warnings": [
                    t(
                        "La persona recibe protección aunque no denuncie.",
                        "The person is protected even without a complaint.",
                    )
                ],
            },
            {
                "key": "complaint",
                "title": t("Denuncia ante la Fiscalía", "Complaint to the Fiscalía"),
                "summary": t(
                    "La denuncia es voluntaria; la protección no depende de ella.",
                    "The complaint is voluntary; protection does not depend on it.",
                ),
                "responsible": [
                    (
                        "fiscalia",
                        t(
                            "Recibe la denuncia e investiga",
                            "Receives the complaint and investigates",
                        ),
                    )
                ],
                "legal": [
                    ("Código Orgánico Integral Penal", "91"),
                    ("Código Orgánico Integral Penal", "92"),
                ],
                "in_2013": {
                    "summary": t(
                        "La persona presenta la denuncia para acceder a la protección.",
                        "The person files a complaint to access protection.",
                    )
                },
            },
            {
                "key": "spavt",
                "title": t("Ingreso al SPAVT", "Admission to SPAVT"),
                "responsible": [
                    (
                        "fiscalia",
                        t(
                            "Evalúa el ingreso al sistema de protección",
                            "Assesses admission to the protection system",
                        ),
                    )
                ],
                "deadline": (72, "hours", t("la solicitud", "the request")),
            },
            {
                "key": "hearings",
                "title": t("Acompañamiento en diligencias", "Support during hearings"),
                "responsible": [
                    ("defensoria_publica", t("Acompaña a la persona", "Accompanies the person")),
                    ("acogida", t("Brinda apoyo psicológico", "Gives psychological support")),
                ],
                "actions": [
                    t("Solicitar testimonio anticipado", "Request early testimony"),
                    t("Evitar el contacto con el procesado", "Avoid contact with the accused"),
                ],
                "children": t(
                    "Use la cámara de Gesell para niñas, niños y adolescentes.",
                    "Use a Gesell chamber for children and adolescents.",
                ),
            },
        ],
    },
    {
        "slug": t("reintegracion", "reintegration"),
        "title": t("Reintegración", "Reintegration"),
        "intro": t(
            "Educación, formación, empleo y vínculos familiares.",
            "Education, training, employment and family ties.",
        ),
        "steps": [
            {
                "key": "life_plan",
                "title": t("Plan de vida", "Life plan"),
                "responsible": [
                    ("acogida", t("Acompaña la elaboración del plan", "Supports the plan"))
                ],
                "children": t(
                    "Desde los 15 años, plan de autonomía para adolescentes.",
                    "From 15, an autonomy plan for adolescents.",
                ),
            },
            {
                "key": "education",
                "title": t("Educación y nivelación", "Education and catch-up schooling"),
                "responsible": [
                    (
                        "educacion",
                        t("Garantiza el acceso al sistema educativo", "Ensures access to school"),
                    )
                ],
            },
            {
                "key": "vocational",
                "title": t("Formación profesional", "Vocational training"),
                "responsible": [
                    (
                        "secap",
                        t("Ofrece cursos de formación profesional", "Offers vocational courses"),
                    )
                ],
            },
            {
                "key": "employment",
                "title": t("Empleo y emprendimiento", "Employment and entrepreneurship"),
                "responsible": [
                    ("mies", t("Apoya proyectos productivos", "Supports small businesses")),
                    ("otra", t("Acompaña la búsqueda de empleo", "Supports the job search")),
                ],
            },
            {
                "key": "family",
                "title": t("Reunificación familiar", "Family reunification"),
                "responsible": [
                    ("mies", t("Evalúa el entorno familiar", "Assesses the family environment"))
                ],
                "decisions": [
                    (
                        t(
                            "¿Es seguro volver a su comunidad?",
                            "Is it safe to go back to their community?",
                        ),
                        t("No", "No"),
                        None,
                        "relocation",
                    )
                ],
            },
        ],
    },
    {
        "slug": t("seguimiento-y-cierre", "follow-up-and-closure"),
        "title": t("Seguimiento y cierre", "Follow-up and case closure"),
        "intro": t(
            "Contrarreferencia, seguimiento y cierre del caso.",
            "Counter-referral, follow-up and case closure.",
        ),
        "steps": [
            {
                "key": "follow_up",
                "title": t("Seguimiento periódico", "Regular follow-up"),
                "responsible": [
                    ("mies", t("Coordina el seguimiento", "Coordinates the follow-up"))
                ],
                "deadline": (
                    1,
                    "months",
                    t("la salida de la casa de acogida", "leaving the shelter"),
                ),
            },
            {
                "key": "counter_referral",
                "title": t("Contrarreferencia", "Counter-referral"),
                "summary": t(
                    "La institución receptora informa a la que refirió el caso.",
                    "The receiving institution reports back to the referring one.",
                ),
                "responsible": [
                    ("acogida", t("Envía la contrarreferencia", "Sends the counter-referral"))
                ],
                "forms": ["referral"],
            },
            {
                "key": "closure",
                "title": t("Cierre del caso", "Case closure"),
                "responsible": [("mies", t("Aprueba el cierre", "Approves the closure"))],
                "actions": [
                    t(
                        "Verificar que se cumplieron los objetivos del plan",
                        "Check the plan's goals were met",
                    ),
                    t("Informar a la persona", "Inform the person"),
                ],
            },
            {
                "key": "feedback",
                "since_2024": True,
                "title": t("Retroalimentación a la ruta", "Feedback to the route"),
                "responsible": [
                    (
                        "interior",
                        t(
                            "Recoge aprendizajes para el comité",
                            "Collects lessons for the committee",
                        ),
                    )
                ],
            },
        ],
    },
]

SUB_ROUTES = [
    {
        "kind": "crisis",
        "slug": t("intervencion-en-crisis", "crisis-intervention"),
        "title": t("Intervención en crisis", "Crisis intervention"),
        "steps": [
            {
                "key": "crisis_contain",
                "title": t("Contención emocional", "Emotional containment"),
                "responsible": [
                    (
                        "salud",
                        t("Brinda primeros auxilios psicológicos", "Gives psychological first aid"),
                    )
                ],
            },
            {
                "key": "crisis_move",
                "title": t("Traslado seguro", "Safe transfer"),
                "responsible": [("interior", t("Custodia el traslado", "Guards the transfer"))],
            },
            {
                "key": "crisis_urgent",
                "title": t("Atención de urgencia", "Urgent care"),
                "responsible": [("salud", t("Atiende la urgencia", "Treats the emergency"))],
            },
        ],
    },
    {
        "kind": "voluntary-return",
        "slug": t("retorno-voluntario", "voluntary-return"),
        "title": t("Retorno voluntario asistido", "Assisted voluntary return"),
        "steps": [
            {
                "key": "return_consent",
                "title": t("Información y consentimiento", "Information and consent"),
                "responsible": [
                    ("defensoria_publica", t("Asesora sobre opciones", "Advises on options"))
                ],
            },
            {
                "key": "return_consulate",
                "title": t("Coordinación consular", "Consular coordination"),
                "responsible": [
                    (
                        "cancilleria",
                        t(
                            "Coordina con el consulado del país de origen",
                            "Coordinates with the country of origin's consulate",
                        ),
                    )
                ],
            },
            {
                "key": "return_travel",
                "title": t("Viaje y recepción", "Travel and reception"),
                "responsible": [("cancilleria", t("Organiza el viaje", "Arranges the journey"))],
            },
        ],
    },
    {
        "kind": "repatriation",
        "slug": t("repatriacion", "repatriation"),
        "title": t("Repatriación de personas ecuatorianas", "Repatriation of Ecuadorians"),
        "steps": [
            {
                "key": "repat_activate",
                "title": t("Activar la repatriación", "Activate the repatriation"),
                "responsible": [
                    (
                        "cancilleria",
                        t("Activa la asistencia consular", "Activates consular assistance"),
                    )
                ],
                "deadline": (24, "hours", t("el conocimiento del caso", "learning of the case")),
            },
            {
                "key": "repat_documents",
                "title": t("Documentos de viaje y traslado", "Travel documents and transfer"),
                "responsible": [
                    ("cancilleria", t("Emite documentos de viaje", "Issues travel documents"))
                ],
            },
            {
                "key": "repat_reception",
                "title": t(
                    "Recepción en Ecuador y referencia", "Reception in Ecuador and referral"
                ),
                "responsible": [
                    ("mies", t("Recibe y refiere a la persona", "Receives and refers the person"))
                ],
                "forms": ["referral"],
            },
        ],
    },
    {
        "kind": "relocation",
        "slug": t("reubicacion", "relocation"),
        "title": t("Reubicación dentro del Ecuador", "Relocation within Ecuador"),
        "steps": [
            {
                "key": "reloc_risk",
                "title": t("Evaluar el riesgo en la comunidad", "Assess the risk in the community"),
                "responsible": [("fiscalia", t("Evalúa el riesgo", "Assesses the risk"))],
            },
            {
                "key": "reloc_place",
                "title": t("Identificar un lugar seguro", "Find a safe place"),
                "responsible": [
                    (
                        "mies",
                        t(
                            "Identifica servicios en el destino",
                            "Finds services at the destination",
                        ),
                    )
                ],
            },
            {
                "key": "reloc_move",
                "title": t("Traslado y seguimiento", "Transfer and follow-up"),
                "responsible": [("mies", t("Coordina el traslado", "Arranges the transfer"))],
            },
        ],
    },
]

GLOSSARY = [
    (
        t("Trata de personas", "Trafficking in persons"),
        t(
            "Captar, trasladar o acoger a una persona con fines de explotación (COIP, art. 91).",
            "Recruiting, moving or harbouring a person for exploitation (COIP, art. 91).",
        ),
    ),
    (
        t("Revictimización", "Revictimisation"),
        t(
            "Daño adicional que sufre la víctima por la forma en que la atienden las instituciones.",
            "Further harm caused to the victim by the way institutions treat them.",
        ),
    ),
    (
        t("Contrarreferencia", "Counter-referral"),
        t(
            "Respuesta de la institución receptora a la que refirió el caso.",
            "The receiving institution's report back to the referring one.",
        ),
    ),
    (
        t("Casa de acogida", "Shelter"),
        t(
            "Lugar de acogida temporal especializado, de ubicación confidencial.",
            "A specialised temporary shelter at a confidential location.",
        ),
    ),
]

LEGAL_FRAMEWORK = [
    ("Constitución de la República del Ecuador", "35"),
    ("Constitución de la República del Ecuador", "46"),
    ("Constitución de la República del Ecuador", "66.19"),
    ("Código Orgánico Integral Penal", "91"),
    ("Código Orgánico Integral Penal", "92"),
    ("Ley Orgánica de Movilidad Humana (2017)", ""),
    ("Ley Orgánica contra la Trata de Personas y el Tráfico Ilícito de Migrantes (2023)", ""),
    ("Plan de Acción contra la Trata de Personas 2019–2030", ""),
]
