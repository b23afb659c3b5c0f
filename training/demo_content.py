# ruff: noqa: E501 - demo prose reads better unbroken
"""Fictional demo modules (BRIEF §6), in Spanish and English.

Three modules are written in full (four sessions each, timed activities, materials,
checklists and facilitator notes); the others carry their catalogue data and a summary.
``author`` is a key of ``training.demo.AUTHOR_KEYS``. Sessions are
``(title, minutes, objectives, activities, materials, checklist, notes)`` with activities as
``(title, minutes, description)``.
"""

DISCLOSURE_ES = (
    "<p>Si una participante revela violencia o explotación: escuche sin interrumpir, no pida "
    "detalles ni la presione a contar más, agradézcale la confianza y dígale que no es su "
    "culpa. Después de la sesión, en privado, informe a la coordinación del caso de su "
    "institución el mismo día. Si hay peligro inmediato, llame al ECU 911.</p>"
    "<p>Acuerde al inicio que nadie está obligada a compartir experiencias personales y que "
    "puede salir de la sala en cualquier momento.</p>"
)
DISCLOSURE_EN = (
    "<p>If a participant discloses violence or exploitation: listen without interrupting, do "
    "not ask for details or press her to say more, thank her for her trust and tell her it "
    "is not her fault. After the session, in private, inform your institution's case "
    "coordinator the same day. If there is immediate danger, call ECU 911.</p>"
    "<p>Agree at the start that nobody has to share personal experiences and that anyone may "
    "leave the room at any time.</p>"
)

FULL_MODULES = [
    {
        "slug": ("autoestima-y-proyecto-de-vida", "self-esteem-and-life-plan"),
        "title": ("Autoestima y proyecto de vida", "Self-esteem and life plan"),
        "summary": (
            "Cuatro sesiones grupales para reconocer fortalezas, poner límites y escribir un "
            "proyecto de vida con metas a seis meses.",
            "Four group sessions to recognise strengths, set boundaries and write a life plan "
            "with six-month goals.",
        ),
        "topic": "life-skills",
        "audience": "adult-survivors",
        "level": "introductory",
        "hours": "8",
        "mode": "group",
        "author": "shelter",
        "objectives": (
            "<ul><li>Nombrar tres fortalezas personales.</li><li>Diferenciar una relación de "
            "respeto de una de control.</li><li>Escribir un proyecto de vida con dos metas "
            "alcanzables.</li></ul>",
            "<ul><li>Name three personal strengths.</li><li>Tell a respectful relationship "
            "from a controlling one.</li><li>Write a life plan with two achievable goals."
            "</li></ul>",
        ),
        "warning": (
            "Se habla de relaciones de control y de experiencias difíciles.",
            "Talks about controlling relationships and difficult experiences.",
        ),
        "sessions": (
            [
                (
                    "Quién soy: mis fortalezas",
                    120,
                    ["Crear un ambiente de confianza.", "Reconocer tres fortalezas propias."],
                    [
                        (
                            "Bienvenida y acuerdos del grupo",
                            20,
                            "Se escriben juntos los acuerdos: confidencialidad, respeto, derecho a no hablar.",
                        ),
                        (
                            "Dinámica: el nombre y un gusto",
                            20,
                            "Cada persona dice su nombre y algo que le gusta hacer.",
                        ),
                        (
                            "El árbol de mis fortalezas",
                            60,
                            "Raíces: lo que aprendí; tronco: lo que sé hacer; frutos: lo que logré. Trabajo individual y luego en parejas.",
                        ),
                        ("Cierre: una palabra", 20, "Cada persona dice cómo se va en una palabra."),
                    ],
                    ["Papelógrafos", "Marcadores de colores", "Hojas con la silueta de un árbol"],
                    [
                        "Cada participante nombra al menos una fortaleza.",
                        "El grupo aprueba sus acuerdos.",
                    ],
                    "<p>En la primera sesión algunas participantes no hablan: no insista. Ofrezca dibujar en lugar de escribir.</p>",
                ),
                (
                    "Mis emociones y cómo cuidarlas",
                    120,
                    ["Nombrar emociones básicas.", "Practicar una técnica de calma."],
                    [
                        ("Repaso y estado del grupo", 15, ""),
                        (
                            "Termómetro de emociones",
                            40,
                            "Tarjetas con situaciones cotidianas; cada una se ubica en el termómetro.",
                        ),
                        (
                            "Respiración 4-4-6 y anclaje con los cinco sentidos",
                            35,
                            "Práctica guiada, sentados, con ojos abiertos si lo prefieren.",
                        ),
                        ("Mi caja de herramientas para la calma", 20, ""),
                        ("Cierre", 10, ""),
                    ],
                    ["Tarjetas de situaciones", "Termómetro dibujado en papelógrafo"],
                    ["Cada participante nombra una técnica que usará esta semana."],
                    "<p>La relajación con ojos cerrados puede activar recuerdos traumáticos: ofrézcala siempre como opcional y con ojos abiertos.</p>",
                ),
                (
                    "Límites y relaciones de respeto",
                    120,
                    ["Diferenciar respeto de control.", "Practicar cómo decir no."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "Semáforo de las relaciones",
                            45,
                            "Frases en tarjetas (revisa mi celular, me apoya en mis estudios...) para clasificar en verde, amarillo o rojo.",
                        ),
                        (
                            "Juego de roles: decir no con respeto",
                            45,
                            "En tríos, con situaciones de trabajo y de pareja; las participantes eligen su papel.",
                        ),
                        ("Cierre y recursos de ayuda", 20, "Se repasan ECU 911 y 1800-DELITO."),
                    ],
                    ["Tarjetas del semáforo", "Cinta adhesiva"],
                    ["Cada participante clasifica correctamente cuatro de cinco frases."],
                    "<p>Es la sesión con más riesgo de revelaciones. Tenga a mano el contacto de la psicóloga de turno y acuerde con ella que esté disponible.</p>",
                ),
                (
                    "Mi proyecto de vida",
                    120,
                    ["Escribir dos metas a seis meses.", "Identificar apoyos y servicios."],
                    [
                        ("Repaso del camino recorrido", 15, ""),
                        (
                            "Línea de vida hacia adelante",
                            45,
                            "Dónde estoy, dónde quiero estar en seis meses, qué pasos necesito.",
                        ),
                        (
                            "Mapa de apoyos y servicios",
                            40,
                            "Personas, instituciones y cursos que pueden ayudar (SECAP, directorio de Ruta).",
                        ),
                        ("Cierre y certificado de participación", 20, ""),
                    ],
                    [
                        "Hojas de proyecto de vida",
                        "Certificados",
                        "Listado de servicios del directorio",
                    ],
                    [
                        "Cada participante escribe dos metas con un primer paso.",
                        "Cada participante nombra un servicio de apoyo.",
                    ],
                    "<p>No prometa cupos en cursos ni empleos. Acuerde el seguimiento individual con la trabajadora social del caso.</p>",
                ),
            ],
            [
                (
                    "Who I am: my strengths",
                    120,
                    ["Build a climate of trust.", "Recognise three of one's own strengths."],
                    [
                        (
                            "Welcome and group agreements",
                            20,
                            "Write the agreements together: confidentiality, respect, the right not to speak.",
                        ),
                        (
                            "Warm-up: name and a favourite thing",
                            20,
                            "Each person says her name and something she likes doing.",
                        ),
                        (
                            "The tree of my strengths",
                            60,
                            "Roots: what I learnt; trunk: what I can do; fruit: what I achieved. Individual work, then in pairs.",
                        ),
                        ("Closing: one word", 20, "Everyone says in one word how she is leaving."),
                    ],
                    ["Flip-chart paper", "Coloured markers", "Sheets with a tree outline"],
                    [
                        "Each participant names at least one strength.",
                        "The group approves its agreements.",
                    ],
                    "<p>In the first session some participants do not speak: do not insist. Offer drawing instead of writing.</p>",
                ),
                (
                    "My emotions and how to look after them",
                    120,
                    ["Name basic emotions.", "Practise a calming technique."],
                    [
                        ("Review and check-in", 15, ""),
                        (
                            "Emotion thermometer",
                            40,
                            "Cards with everyday situations; each is placed on the thermometer.",
                        ),
                        (
                            "4-4-6 breathing and five-senses grounding",
                            35,
                            "Guided practice, seated, eyes open if preferred.",
                        ),
                        ("My calm toolbox", 20, ""),
                        ("Closing", 10, ""),
                    ],
                    ["Situation cards", "Thermometer drawn on flip-chart paper"],
                    ["Each participant names one technique she will use this week."],
                    "<p>Relaxation with closed eyes can trigger traumatic memories: always offer it as optional and with eyes open.</p>",
                ),
                (
                    "Boundaries and respectful relationships",
                    120,
                    ["Tell respect from control.", "Practise saying no."],
                    [
                        ("Review", 10, ""),
                        (
                            "Relationship traffic light",
                            45,
                            "Phrases on cards (checks my phone, supports my studies...) to sort into green, amber or red.",
                        ),
                        (
                            "Role play: saying no respectfully",
                            45,
                            "In threes, with work and partner situations; participants choose their role.",
                        ),
                        ("Closing and where to get help", 20, "Review ECU 911 and 1800-DELITO."),
                    ],
                    ["Traffic-light cards", "Tape"],
                    ["Each participant sorts four of five phrases correctly."],
                    "<p>This session carries the highest risk of disclosures. Keep the duty psychologist's contact at hand and agree that she is available.</p>",
                ),
                (
                    "My life plan",
                    120,
                    ["Write two six-month goals.", "Identify support and services."],
                    [
                        ("Looking back on the journey", 15, ""),
                        (
                            "Lifeline forward",
                            45,
                            "Where I am, where I want to be in six months, which steps I need.",
                        ),
                        (
                            "Map of support and services",
                            40,
                            "People, institutions and courses that can help (SECAP, Ruta's directory).",
                        ),
                        ("Closing and certificate of participation", 20, ""),
                    ],
                    ["Life-plan sheets", "Certificates", "List of directory services"],
                    [
                        "Each participant writes two goals with a first step.",
                        "Each participant names one support service.",
                    ],
                    "<p>Do not promise course places or jobs. Agree individual follow-up with the case social worker.</p>",
                ),
            ],
        ),
    },
    {
        "slug": ("finanzas-personales-y-ahorro", "personal-finance-and-saving"),
        "title": (
            "Finanzas personales: presupuesto, ahorro y cajas de ahorro",
            "Personal finance: budget, saving and savings groups",
        ),
        "summary": (
            "Cómo llevar un presupuesto familiar, ahorrar poco a poco, evitar préstamos abusivos "
            "y organizar una caja de ahorro del grupo.",
            "How to keep a household budget, save little by little, avoid abusive loans and run "
            "a group savings fund.",
        ),
        "topic": "financial-literacy",
        "audience": "adult-survivors",
        "level": "introductory",
        "hours": "8",
        "mode": "group",
        "author": "workshop",
        "objectives": (
            "<ul><li>Hacer un presupuesto mensual.</li><li>Reconocer un préstamo abusivo "
            "(chulco).</li><li>Conocer las reglas de una caja de ahorro.</li></ul>",
            "<ul><li>Make a monthly budget.</li><li>Recognise an abusive loan (loan shark)."
            "</li><li>Know the rules of a savings group.</li></ul>",
        ),
        "warning": (
            "Se habla de deudas; algunas víctimas fueron sometidas con deudas.",
            "Talks about debt; some victims were controlled through debt.",
        ),
        "sessions": (
            [
                (
                    "Mi dinero hoy",
                    120,
                    ["Registrar ingresos y gastos de una semana."],
                    [
                        ("Acuerdos y presentación", 15, ""),
                        (
                            "¿En qué se va el dinero?",
                            45,
                            "Con billetes de juguete, cada persona reparte un ingreso semanal.",
                        ),
                        (
                            "Cuaderno de gastos",
                            45,
                            "Cómo anotar gastos diarios; se entrega un cuaderno.",
                        ),
                        ("Cierre", 15, ""),
                    ],
                    ["Billetes de juguete", "Cuadernos", "Calculadoras"],
                    ["Cada participante anota sus gastos de un día de ejemplo."],
                    "<p>Evite preguntar cuánto gana o debe cada persona frente al grupo.</p>",
                ),
                (
                    "El presupuesto familiar",
                    120,
                    ["Armar un presupuesto mensual con necesidades y deseos."],
                    [
                        ("Repaso del cuaderno", 20, ""),
                        ("Necesidades y deseos", 30, "Clasificación de tarjetas de gastos."),
                        (
                            "Mi presupuesto del mes",
                            55,
                            "Plantilla sencilla con ingresos, gastos fijos, gastos variables y ahorro.",
                        ),
                        ("Cierre", 15, ""),
                    ],
                    ["Plantillas de presupuesto", "Tarjetas de gastos"],
                    ["Cada participante completa una plantilla de presupuesto."],
                    "<p>Si hay participantes que no leen, trabaje con dibujos y montos redondos.</p>",
                ),
                (
                    "Deudas, préstamos y trampas",
                    120,
                    ["Reconocer préstamos abusivos y deudas usadas para controlar."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "Historias de préstamos",
                            50,
                            "Tres casos ficticios: banco, cooperativa y chulquero; comparar intereses y riesgos.",
                        ),
                        (
                            "La deuda como forma de control",
                            40,
                            "Cómo reconocer una deuda impuesta por un empleador o reclutador.",
                        ),
                        ("Cierre y dónde pedir ayuda", 20, "Defensoría Pública y 1800-DELITO."),
                    ],
                    ["Casos impresos", "Calculadoras"],
                    ["Cada participante explica por qué un préstamo es abusivo."],
                    "<p>Para muchas sobrevivientes la deuda fue el mecanismo de explotación: haga pausas y ofrezca salir de la sala.</p>",
                ),
                (
                    "Nuestra caja de ahorro",
                    120,
                    ["Acordar las reglas de una caja de ahorro del grupo."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "Cómo funciona una caja de ahorro",
                            40,
                            "Aportes, libro de actas, préstamos internos, rendición de cuentas.",
                        ),
                        (
                            "Redactamos el reglamento",
                            55,
                            "El grupo decide monto, frecuencia y quién guarda el dinero.",
                        ),
                        ("Cierre y certificados", 15, ""),
                    ],
                    ["Libro de actas", "Caja con dos llaves", "Reglamento modelo"],
                    ["El grupo aprueba un reglamento escrito."],
                    "<p>La caja de ahorro es voluntaria. No la proponga en grupos de acogida temporal con salida próxima.</p>",
                ),
            ],
            [
                (
                    "My money today",
                    120,
                    ["Record a week's income and spending."],
                    [
                        ("Agreements and introductions", 15, ""),
                        (
                            "Where does the money go?",
                            45,
                            "With toy banknotes, each person shares out a weekly income.",
                        ),
                        (
                            "Spending notebook",
                            45,
                            "How to note daily spending; each person gets a notebook.",
                        ),
                        ("Closing", 15, ""),
                    ],
                    ["Toy banknotes", "Notebooks", "Calculators"],
                    ["Each participant records the spending of a sample day."],
                    "<p>Avoid asking how much anyone earns or owes in front of the group.</p>",
                ),
                (
                    "The household budget",
                    120,
                    ["Build a monthly budget with needs and wants."],
                    [
                        ("Notebook review", 20, ""),
                        ("Needs and wants", 30, "Sorting spending cards."),
                        (
                            "My monthly budget",
                            55,
                            "A simple template: income, fixed costs, variable costs and savings.",
                        ),
                        ("Closing", 15, ""),
                    ],
                    ["Budget templates", "Spending cards"],
                    ["Each participant fills in a budget template."],
                    "<p>If some participants cannot read, work with pictures and round amounts.</p>",
                ),
                (
                    "Debts, loans and traps",
                    120,
                    ["Recognise abusive loans and debts used for control."],
                    [
                        ("Review", 10, ""),
                        (
                            "Loan stories",
                            50,
                            "Three fictional cases: bank, cooperative and loan shark; compare interest and risks.",
                        ),
                        (
                            "Debt as a means of control",
                            40,
                            "How to recognise a debt imposed by an employer or recruiter.",
                        ),
                        (
                            "Closing and where to get help",
                            20,
                            "Public Defender's Office and 1800-DELITO.",
                        ),
                    ],
                    ["Printed cases", "Calculators"],
                    ["Each participant explains why a loan is abusive."],
                    "<p>For many survivors debt was the means of exploitation: take breaks and offer to leave the room.</p>",
                ),
                (
                    "Our savings group",
                    120,
                    ["Agree the rules of a group savings fund."],
                    [
                        ("Review", 10, ""),
                        (
                            "How a savings group works",
                            40,
                            "Contributions, minute book, internal loans, accountability.",
                        ),
                        (
                            "Writing our rules",
                            55,
                            "The group decides amount, frequency and who keeps the money.",
                        ),
                        ("Closing and certificates", 15, ""),
                    ],
                    ["Minute book", "Box with two keys", "Model rules"],
                    ["The group approves written rules."],
                    "<p>The savings group is voluntary. Do not propose it to short-stay shelter groups about to leave.</p>",
                ),
            ],
        ),
    },
    {
        "slug": ("ofertas-de-trabajo-falsas", "fake-job-offers"),
        "title": (
            "Ofertas de trabajo falsas y captación por redes sociales",
            "Fake job offers and recruitment through social media",
        ),
        "summary": (
            "Prevención para adolescentes: señales de una oferta engañosa, riesgos en redes "
            "sociales y cómo pedir ayuda.",
            "Prevention for adolescents: signs of a deceptive offer, social-media risks and how "
            "to ask for help.",
        ),
        "topic": "rights-prevention",
        "audience": "adolescents",
        "level": "introductory",
        "hours": "6",
        "mode": "group",
        "author": "foundation",
        "objectives": (
            "<ul><li>Reconocer cinco señales de una oferta falsa.</li><li>Configurar la "
            "privacidad de una red social.</li><li>Saber a quién llamar.</li></ul>",
            "<ul><li>Recognise five signs of a fake offer.</li><li>Set up a social network's "
            "privacy.</li><li>Know whom to call.</li></ul>",
        ),
        "warning": (
            "Se mencionan formas de captación y explotación, sin detalles explícitos.",
            "Mentions forms of recruitment and exploitation, without explicit detail.",
        ),
        "sessions": (
            [
                (
                    "¿Demasiado bueno para ser verdad?",
                    90,
                    ["Identificar señales de alerta en una oferta."],
                    [
                        ("Acuerdos y presentación", 15, ""),
                        (
                            "Anuncios ficticios",
                            45,
                            "En grupos, analizar seis anuncios inventados y marcar las señales de alerta.",
                        ),
                        (
                            "Lista de cinco señales",
                            20,
                            "Pago por adelantado, retener documentos, sueldo irreal, viaje pagado, secreto.",
                        ),
                        ("Cierre", 10, ""),
                    ],
                    ["Anuncios ficticios impresos", "Marcadores"],
                    ["Cada participante nombra tres señales de alerta."],
                    "<p>Use solo anuncios inventados, nunca capturas de casos reales.</p>",
                ),
                (
                    "Redes sociales y privacidad",
                    90,
                    ["Configurar la privacidad de un perfil."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "¿Quién ve mi perfil?",
                            35,
                            "Perfil ficticio en papel: qué datos revelan dónde vive o estudia.",
                        ),
                        (
                            "Práctica de configuración",
                            35,
                            "En celulares propios, de forma voluntaria, o con capturas impresas.",
                        ),
                        ("Cierre", 10, ""),
                    ],
                    ["Perfiles ficticios impresos", "Capturas de las opciones de privacidad"],
                    ["Cada participante cambia una opción de privacidad o explica cómo hacerlo."],
                    "<p>No pida a nadie que muestre su celular. Si alguien comenta un contacto sospechoso, hable en privado después.</p>",
                ),
                (
                    "Captación: cómo ocurre",
                    90,
                    ["Reconocer el proceso de enganche."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "Historia en viñetas",
                            45,
                            "Historieta ficticia de una oferta de modelaje; el grupo detiene la historia donde había que pedir ayuda.",
                        ),
                        ("Mitos y realidades", 25, ""),
                        ("Cierre", 10, ""),
                    ],
                    ["Historieta impresa"],
                    ["El grupo señala al menos dos momentos para pedir ayuda."],
                    "<p>Si un adolescente revela una situación actual de riesgo, aplique el protocolo: informe a la Junta Cantonal de Protección de Derechos o a DINAPEN el mismo día.</p>",
                ),
                (
                    "Mi red de apoyo",
                    90,
                    ["Construir una red de personas e instituciones de confianza."],
                    [
                        ("Repaso", 10, ""),
                        (
                            "Mapa de mi red",
                            40,
                            "Personas adultas de confianza, colegio, servicios.",
                        ),
                        (
                            "Números que salvan",
                            25,
                            "ECU 911 para emergencias; 1800-DELITO para denunciar.",
                        ),
                        ("Cierre y evaluación", 15, ""),
                    ],
                    ["Hojas del mapa de red", "Tarjetas con las líneas de emergencia"],
                    [
                        "Cada participante escribe dos personas de confianza y las líneas de emergencia."
                    ],
                    "<p>Entregue las tarjetas de emergencia en formato pequeño, fácil de guardar.</p>",
                ),
            ],
            [
                (
                    "Too good to be true?",
                    90,
                    ["Identify warning signs in an offer."],
                    [
                        ("Agreements and introductions", 15, ""),
                        (
                            "Fictional adverts",
                            45,
                            "In groups, analyse six invented adverts and mark the warning signs.",
                        ),
                        (
                            "Five-sign list",
                            20,
                            "Upfront fees, keeping documents, unreal pay, paid travel, secrecy.",
                        ),
                        ("Closing", 10, ""),
                    ],
                    ["Printed fictional adverts", "Markers"],
                    ["Each participant names three warning signs."],
                    "<p>Use only invented adverts, never screenshots from real cases.</p>",
                ),
                (
                    "Social media and privacy",
                    90,
                    ["Set up a profile's privacy."],
                    [
                        ("Review", 10, ""),
                        (
                            "Who sees my profile?",
                            35,
                            "A fictional paper profile: which data reveal where she lives or studies.",
                        ),
                        (
                            "Settings practice",
                            35,
                            "On their own phones, voluntarily, or with printed screenshots.",
                        ),
                        ("Closing", 10, ""),
                    ],
                    ["Printed fictional profiles", "Screenshots of privacy settings"],
                    ["Each participant changes a privacy setting or explains how to."],
                    "<p>Do not ask anyone to show their phone. If someone mentions a suspicious contact, talk in private afterwards.</p>",
                ),
                (
                    "Recruitment: how it happens",
                    90,
                    ["Recognise the grooming process."],
                    [
                        ("Review", 10, ""),
                        (
                            "Comic-strip story",
                            45,
                            "A fictional modelling-offer comic; the group stops the story where help was needed.",
                        ),
                        ("Myths and facts", 25, ""),
                        ("Closing", 10, ""),
                    ],
                    ["Printed comic"],
                    ["The group points out at least two moments to ask for help."],
                    "<p>If an adolescent discloses a current risk, apply the protocol: inform the Cantonal Rights Protection Board or DINAPEN the same day.</p>",
                ),
                (
                    "My support network",
                    90,
                    ["Build a network of trusted people and institutions."],
                    [
                        ("Review", 10, ""),
                        ("Map of my network", 40, "Trusted adults, school, services."),
                        (
                            "Numbers that save lives",
                            25,
                            "ECU 911 for emergencies; 1800-DELITO to report.",
                        ),
                        ("Closing and evaluation", 15, ""),
                    ],
                    ["Network map sheets", "Emergency-line cards"],
                    ["Each participant writes two trusted people and the emergency lines."],
                    "<p>Hand out the emergency cards in a small format that is easy to keep.</p>",
                ),
            ],
        ),
    },
]

# (slugs, titles, summaries, topic, audience, level, hours, mode, author)
CATALOGUE_MODULES = [
    (
        ("comunicacion-y-relaciones-sanas", "communication-and-healthy-relationships"),
        ("Comunicación y relaciones sanas", "Communication and healthy relationships"),
        (
            "Comunicación asertiva, manejo de conflictos y señales de una relación violenta.",
            "Assertive communication, handling conflict and signs of a violent relationship.",
        ),
        "life-skills",
        "adult-survivors",
        "introductory",
        "6",
        "group",
        "shelter",
    ),
    (
        ("autocuidado-y-salud-sexual", "self-care-and-sexual-health"),
        (
            "Autocuidado y salud sexual y reproductiva",
            "Self-care and sexual and reproductive health",
        ),
        (
            "Cuidado del cuerpo, derechos sexuales y reproductivos y acceso a servicios de salud.",
            "Looking after the body, sexual and reproductive rights and access to health services.",
        ),
        "psychosocial",
        "adult-survivors",
        "introductory",
        "4",
        "both",
        "shelter",
    ),
    (
        ("derechos-y-acceso-a-la-justicia", "rights-and-access-to-justice"),
        ("Derechos y acceso a la justicia", "Rights and access to justice"),
        (
            "Qué derechos tiene una víctima de trata, cómo se denuncia y qué hace el SPAVT de la "
            "Fiscalía.",
            "A trafficking victim's rights, how to report and what the Prosecutor's SPAVT does.",
        ),
        "rights-prevention",
        "adult-survivors",
        "intermediate",
        "4",
        "group",
        "foundation",
    ),
    (
        ("alfabetizacion-digital-y-empleo", "digital-literacy-and-job-search"),
        ("Alfabetización digital y búsqueda de empleo", "Digital literacy and job search"),
        (
            "Correo electrónico, hoja de vida, portales de empleo seguros y preparación de "
            "entrevistas.",
            "Email, CV, safe job portals and interview preparation.",
        ),
        "digital-job-search",
        "adult-survivors",
        "introductory",
        "12",
        "group",
        "workshop",
    ),
    (
        ("emprendimiento-plan-de-negocio", "entrepreneurship-business-plan"),
        ("Emprendimiento: plan de negocio y ventas", "Entrepreneurship: business plan and selling"),
        (
            "De la idea al plan: costos, precio, clientes y ventas en ferias y redes.",
            "From idea to plan: costs, price, customers and selling at fairs and online.",
        ),
        "entrepreneurship",
        "adult-survivors",
        "intermediate",
        "16",
        "group",
        "workshop",
    ),
    (
        ("corte-y-confeccion", "sewing-and-dressmaking"),
        ("Oficios: corte y confección", "Trades: sewing and dressmaking"),
        (
            "Taller práctico de costura básica con derivación a los cursos de SECAP.",
            "A practical basic sewing workshop with referral to SECAP courses.",
        ),
        "trades",
        "adult-survivors",
        "introductory",
        "40",
        "group",
        "workshop",
    ),
    (
        ("panaderia-y-pasteleria", "baking-and-pastry"),
        ("Oficios: panadería y pastelería", "Trades: baking and pastry"),
        (
            "Higiene, recetas básicas, costos y venta de productos de panadería.",
            "Hygiene, basic recipes, costing and selling bakery products.",
        ),
        "trades",
        "adult-survivors",
        "introductory",
        "32",
        "group",
        "workshop",
    ),
    (
        ("bisuteria-y-tejido", "jewellery-and-knitting"),
        ("Oficios: bisutería y tejido", "Trades: jewellery and knitting"),
        (
            "Técnicas básicas de bisutería y tejido, y cálculo del precio de venta.",
            "Basic jewellery and knitting techniques, and working out a selling price.",
        ),
        "trades",
        "adolescents",
        "introductory",
        "20",
        "both",
        "foundation",
    ),
    (
        ("plan-de-autonomia-adolescentes", "autonomy-plan-for-adolescents"),
        (
            "Plan de autonomía para adolescentes desde los 15 años",
            "Autonomy plan for adolescents from 15",
        ),
        (
            "Acompañamiento individual para planificar estudios, vivienda y trabajo antes de los "
            "18 años.",
            "Individual support to plan studies, housing and work before turning 18.",
        ),
        "life-skills",
        "adolescents",
        "intermediate",
        "10",
        "individual",
        "shelter",
    ),
    (
        ("facilitacion-informada-en-trauma", "trauma-informed-facilitation"),
        ("Facilitación informada en trauma", "Trauma-informed facilitation"),
        (
            "Para facilitadoras y facilitadores: no revictimizar, manejar revelaciones y cuidarse "
            "a sí mismos.",
            "For facilitators: avoiding revictimisation, handling disclosures and self-care.",
        ),
        "psychosocial",
        "facilitators",
        "advanced",
        "8",
        "group",
        "foundation",
    ),
]
