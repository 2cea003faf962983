# ruff: noqa: E501 - a table of names and sources, one row a line
"""Legal forms and statuses of the social economy in each partner's country, with their sources.

Data of the country profiles (docs/decisions/0007-country-profiles.md), loaded by migrations through
`reference_data.load_country_reference_data` and editable in the admin afterwards. Names are in the
country's language, with the English one; a source marked "common practice" is not one law's list.
Poland's forms keep the codes they had before country profiles (reference_data.ORGANISATION_TYPES).
"""

from __future__ import annotations

PL_SE_ACT = "Ustawa z dnia 5 sierpnia 2022 r. o ekonomii społecznej, art. 2"
PL_COOP = "Ustawa z dnia 16 września 1982 r. – Prawo spółdzielcze"
PL_REHAB = "Ustawa z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz zatrudnianiu osób niepełnosprawnych"
PL_SOCIAL_EMPLOYMENT = "Ustawa z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym"
PL_PUBLIC_BENEFIT = "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"

# Poland's existing forms: code → (country, source); codes missing here belong to no country.
POLISH_FORMS: dict[str, str] = {
    "social-cooperative": "Ustawa z dnia 27 kwietnia 2006 r. o spółdzielniach socjalnych",
    "wtz": PL_REHAB + ", art. 10a",
    "zaz": PL_REHAB + ", art. 29",
    "cis": PL_SOCIAL_EMPLOYMENT,
    "kis": PL_SOCIAL_EMPLOYMENT,
    "work-cooperative": PL_COOP,
    "cooperative-disabled": PL_COOP,
    "cooperative-blind": PL_COOP,
    "agricultural-cooperative": PL_COOP,
    "foundation": "Ustawa z dnia 6 kwietnia 1984 r. o fundacjach",
    "association": "Ustawa z dnia 7 kwietnia 1989 r. – Prawo o stowarzyszeniach",
    "other-ngo": PL_PUBLIC_BENEFIT + ", art. 3",
    "kgw": "Ustawa z dnia 9 listopada 2018 r. o kołach gospodyń wiejskich",
    "church-legal-person": PL_SE_ACT,
    "local-government-association": PL_SE_ACT,
    "non-profit-company": PL_SE_ACT,
    "owes": "Ustawa z dnia 5 sierpnia 2022 r. o ekonomii społecznej",
    "rops": "Ustawa z dnia 12 marca 2004 r. o pomocy społecznej",
}

ES_LAW = "Ley 5/2011, de 29 de marzo, de Economía Social, art. 5"
GR_LAW = "Ν. 4430/2016"
PT_LAW = "Lei n.º 30/2013, de 8 de maio (Lei de Bases da Economia Social), art. 4.º"
RO_LAW = "Legea nr. 219/2015 privind economia socială"
BG_LAW = "Закон за предприятията на социалната и солидарната икономика (2018)"
LV_LAW = "Sociālā uzņēmuma likums (2018)"
COMMON = "common practice"

# (country, code, name in the country's language, English name, social-economy entity, source)
LEGAL_FORMS: list[tuple[str, str, str, str, bool, str]] = [
    ("ES", "es-cooperativa", "Cooperativa", "Cooperative", True, ES_LAW + "; Ley 27/1999, de 16 de julio, de Cooperativas"),
    ("ES", "es-mutualidad", "Mutualidad", "Mutual society", True, ES_LAW),
    ("ES", "es-fundacion", "Fundación con actividad económica", "Foundation carrying out economic activity", True, ES_LAW),
    ("ES", "es-asociacion", "Asociación con actividad económica", "Association carrying out economic activity", True, ES_LAW),
    ("ES", "es-sociedad-laboral", "Sociedad laboral", "Worker-owned company (sociedad laboral)", True, ES_LAW + "; Ley 44/2015, de 14 de octubre"),
    ("ES", "es-empresa-insercion", "Empresa de inserción", "Work-integration enterprise", True, ES_LAW + "; Ley 44/2007, de 13 de diciembre"),
    ("ES", "es-centro-especial-empleo", "Centro especial de empleo", "Special employment centre", True, ES_LAW + "; Real Decreto Legislativo 1/2013, art. 43"),
    ("ES", "es-cofradia-pescadores", "Cofradía de pescadores", "Fishermen's guild", True, ES_LAW),
    ("ES", "es-sat", "Sociedad agraria de transformación (SAT)", "Agricultural processing company (SAT)", True, ES_LAW),
    ("GR", "gr-koinsep-entaxis", "Κοινωνική Συνεταιριστική Επιχείρηση Ένταξης (Κοιν.Σ.Επ.)", "Social cooperative enterprise of integration (Koin.S.Ep.)", True, GR_LAW + ", άρθρο 14"),
    ("GR", "gr-koinsep-syllogikou", "Κοιν.Σ.Επ. Συλλογικού και Κοινωνικού Οφέλους", "Social cooperative enterprise of collective and social benefit (Koin.S.Ep.)", True, GR_LAW + ", άρθρο 14"),
    ("GR", "gr-koispe", "Κοινωνικός Συνεταιρισμός Περιορισμένης Ευθύνης (Κοι.Σ.Π.Ε.)", "Limited-liability social cooperative (Koi.S.P.E.)", True, "Ν. 2716/1999, άρθρο 12"),
    ("GR", "gr-synetairismos-ergazomenon", "Συνεταιρισμός Εργαζομένων", "Worker cooperative", True, GR_LAW),
    ("GR", "gr-astikos-synetairismos", "Αστικός Συνεταιρισμός", "Civil cooperative", True, "Ν. 1667/1986"),
    ("GR", "gr-amke", "Αστική Μη Κερδοσκοπική Εταιρεία (ΑΜΚΕ)", "Civil non-profit company (AMKE)", True, "Αστικός Κώδικας, άρθρα 741 επ."),
    ("GR", "gr-somateio", "Σωματείο", "Association", True, "Αστικός Κώδικας, άρθρα 78 επ."),
    ("PT", "pt-cooperativa", "Cooperativa", "Cooperative", True, PT_LAW + ", a)"),
    ("PT", "pt-associacao-mutualista", "Associação mutualista", "Mutual association", True, PT_LAW + ", b)"),
    ("PT", "pt-misericordia", "Misericórdia", "Holy House of Mercy (Misericórdia)", True, PT_LAW + ", c)"),
    ("PT", "pt-fundacao", "Fundação", "Foundation", True, PT_LAW + ", d)"),
    ("PT", "pt-ipss", "Instituição particular de solidariedade social (IPSS)", "Private social solidarity institution (IPSS)", True, PT_LAW + ", e)"),
    ("PT", "pt-associacao-altruistica", "Associação com fins altruísticos", "Association with altruistic purposes (culture, recreation, sport, local development)", True, PT_LAW + ", f)"),
    ("PT", "pt-comunitario-autogestionario", "Entidade dos subsetores comunitário e autogestionário", "Entity of the community and self-managed subsectors", True, PT_LAW + ", g)"),
    ("RO", "ro-societate-cooperativa", "Societate cooperativă", "Cooperative society", True, RO_LAW + "; Legea nr. 1/2005"),
    ("RO", "ro-cooperativa-credit", "Cooperativă de credit", "Credit cooperative", True, RO_LAW + "; OUG nr. 99/2006"),
    ("RO", "ro-asociatie", "Asociație", "Association", True, RO_LAW + "; OG nr. 26/2000"),
    ("RO", "ro-fundatie", "Fundație", "Foundation", True, RO_LAW + "; OG nr. 26/2000"),
    ("RO", "ro-car-salariati", "Casa de ajutor reciproc a salariaților (CAR)", "Employees' mutual aid house (credit union, CAR)", True, RO_LAW + "; Legea nr. 122/1996"),
    ("RO", "ro-car-pensionari", "Casa de ajutor reciproc a pensionarilor", "Pensioners' mutual aid house", True, RO_LAW + "; Legea nr. 540/2002"),
    ("RO", "ro-societate-agricola", "Societate agricolă", "Agricultural society", True, RO_LAW + "; Legea nr. 36/1991"),
    ("BG", "bg-kooperatsiya", "Кооперация", "Cooperative", True, BG_LAW + "; Закон за кооперациите"),
    ("BG", "bg-yulnc", "Юридическо лице с нестопанска цел", "Non-profit legal entity", True, BG_LAW + "; Закон за юридическите лица с нестопанска цел"),
    ("BG", "bg-spetsializirano-predpriyatie", "Специализирано предприятие за хора с увреждания", "Specialised enterprise for people with disabilities", True, BG_LAW + "; Закон за хората с увреждания"),
    ("BG", "bg-targovets", "Търговец (социално предприятие)", "Trader (social enterprise)", True, BG_LAW),
    ("LV", "lv-sia-socialais-uznemums", "SIA ar sociālā uzņēmuma statusu", "Limited liability company (SIA) with social enterprise status", True, LV_LAW),
    ("LV", "lv-biedriba", "Biedrība", "Association", True, "Biedrību un nodibinājumu likums"),
    ("LV", "lv-nodibinajums", "Nodibinājums", "Foundation", True, "Biedrību un nodibinājumu likums"),
    ("LV", "lv-kooperativa", "Kooperatīvā sabiedrība", "Cooperative society", True, "Kooperatīvo sabiedrību likums"),
    ("DE", "de-eg", "Eingetragene Genossenschaft (eG)", "Registered cooperative (eG)", True, COMMON + "; Genossenschaftsgesetz (GenG)"),
    ("DE", "de-ggmbh", "Gemeinnützige GmbH (gGmbH)", "Non-profit limited company (gGmbH)", True, COMMON + "; GmbHG, Abgabenordnung §§ 51–68"),
    ("DE", "de-ev", "Eingetragener Verein (e.V.)", "Registered association (e.V.)", True, COMMON + "; BGB §§ 21 ff."),
    ("DE", "de-stiftung", "Stiftung", "Foundation", True, COMMON + "; BGB §§ 80 ff."),
    ("DE", "de-inklusionsbetrieb", "Inklusionsbetrieb (Integrationsunternehmen)", "Inclusion enterprise", True, "SGB IX § 215"),
    ("DE", "de-wfbm", "Werkstatt für behinderte Menschen (WfbM)", "Workshop for people with disabilities", True, "SGB IX § 219"),
    ("BE", "be-cv-sociale-onderneming", "Coöperatieve vennootschap erkend als sociale onderneming", "Cooperative company recognised as a social enterprise", True, "Wetboek van vennootschappen en verenigingen (WVV), art. 8:5"),
    ("BE", "be-erkende-cv", "Erkende coöperatieve vennootschap", "Accredited cooperative company", True, "Wetboek van vennootschappen en verenigingen (WVV)"),
    ("BE", "be-vzw", "Vereniging zonder winstoogmerk (vzw)", "Non-profit association (vzw)", True, "Wetboek van vennootschappen en verenigingen (WVV)"),
    ("BE", "be-stichting", "Stichting", "Foundation", True, "Wetboek van vennootschappen en verenigingen (WVV)"),
    ("BE", "be-maatwerkbedrijf", "Maatwerkbedrijf", "Custom-work company (sheltered and social workplace)", True, "Decreet van 12 juli 2013 betreffende het maatwerk bij collectieve inschakeling"),
    ("BE", "be-lokale-diensteneconomie", "Onderneming van de lokale diensteneconomie", "Local service economy enterprise", True, "Decreet van 22 november 2013 betreffende de lokale diensteneconomie"),
]  # fmt: skip

# (country, code, name in the country's language, English name, source); Poland's codes are the ones
# organisations' statuses held before country profiles.
STATUS_TYPES: list[tuple[str, str, str, str, str]] = [
    ("PL", "social_enterprise", "Status przedsiębiorstwa społecznego", "Social enterprise status", "Ustawa z dnia 5 sierpnia 2022 r. o ekonomii społecznej"),
    ("PL", "cis_registration", "Wpis do rejestru centrów integracji społecznej (CIS)", "Registered social integration centre (CIS)", PL_SOCIAL_EMPLOYMENT),
    ("PL", "kis_registration", "Wpis do rejestru klubów integracji społecznej (KIS)", "Registered social integration club (KIS)", PL_SOCIAL_EMPLOYMENT),
    ("PL", "public_benefit", "Status organizacji pożytku publicznego (OPP)", "Public-benefit organisation (OPP)", PL_PUBLIC_BENEFIT + ", art. 20"),
    ("ES", "es-registro-insercion", "Inscripción en el registro de empresas de inserción", "Entered in the register of work-integration enterprises", "Ley 44/2007, de 13 de diciembre"),
    ("ES", "es-calificacion-cee", "Calificación como centro especial de empleo", "Qualified as a special employment centre", "Real Decreto Legislativo 1/2013, art. 43"),
    ("ES", "es-utilidad-publica", "Declaración de utilidad pública", "Declared of public utility", "Ley Orgánica 1/2002, de 22 de marzo, art. 32"),
    ("GR", "gr-mitroo-kaloi", "Εγγραφή στο Μητρώο Φορέων Κοινωνικής και Αλληλέγγυας Οικονομίας", "Entered in the register of social and solidarity economy bodies", GR_LAW),
    ("PT", "pt-registo-ipss", "Registo como IPSS", "Registered as a private social solidarity institution (IPSS)", "Decreto-Lei n.º 119/83 (Estatuto das IPSS)"),
    ("PT", "pt-utilidade-publica", "Estatuto de utilidade pública", "Public utility status", "Lei n.º 36/2021 (Lei-quadro do estatuto de utilidade pública)"),
    ("RO", "ro-atestat-is", "Atestat de întreprindere socială", "Social enterprise certificate (attestation)", RO_LAW),
    ("RO", "ro-marca-insertie", "Marca socială de întreprindere socială de inserție", "Social insertion enterprise mark", RO_LAW),
    ("BG", "bg-klas-a", "Социално предприятие клас А (вписано в регистъра)", "Social enterprise class A (entered in the register)", BG_LAW),
    ("BG", "bg-klas-a-plus", "Социално предприятие клас А+ (вписано в регистъра)", "Social enterprise class A+ (entered in the register)", BG_LAW),
    ("LV", "lv-socialais-uznemums", "Sociālā uzņēmuma statuss", "Social enterprise status", LV_LAW),
    ("LV", "lv-sabiedriska-labuma", "Sabiedriskā labuma organizācijas statuss", "Public benefit organisation status", "Sabiedriskā labuma organizāciju likums"),
    ("DE", "de-gemeinnuetzigkeit", "Gemeinnützigkeit (Freistellungsbescheid)", "Recognised as serving the public good (tax exemption)", "Abgabenordnung §§ 51–68"),
    ("DE", "de-inklusionsbetrieb", "Anerkennung als Inklusionsbetrieb", "Recognised as an inclusion enterprise", "SGB IX § 215"),
    ("BE", "be-erkenning-so", "Erkenning als sociale onderneming", "Recognised as a social enterprise", "Wetboek van vennootschappen en verenigingen (WVV), art. 8:5"),
    ("BE", "be-erkenning-maatwerk", "Erkenning als maatwerkbedrijf", "Recognised as a custom-work company", "Decreet van 12 juli 2013 betreffende het maatwerk bij collectieve inschakeling"),
]  # fmt: skip
