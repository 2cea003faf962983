"""Reference data shipped with the platform: the NUTS 2021 regions of every partner, down to NUTS-3, and
Mazowieckie's powiats.

Sources (checked when this module was written, see docs/decisions/0003-territory-data.md):
NUTS 2021 codes and names from Commission Delegated Regulation (EU) 2019/1755 as published by Eurostat;
TERC codes from the GUS TERYT register; the assignment of powiats to NUTS-3 subregions from GUS
(the NUTS classification in force in Poland since 1 January 2018, unchanged by NUTS 2021).
"""

from __future__ import annotations

from typing import NamedTuple


class NutsRow(NamedTuple):
    code: str
    name: str  # the official name, in the national language and script
    name_latin: str = ""  # the official Latin-script name, where the national script is not Latin


# Parents come before children; the level is len(code) - 2 and the parent is code[:-1].
NUTS_REGIONS: tuple[NutsRow, ...] = (
    NutsRow("PL", "Polska"),
    NutsRow("PL9", "Makroregion województwo mazowieckie"),
    NutsRow("PL91", "Warszawski stołeczny"),
    NutsRow("PL911", "Miasto Warszawa"),
    NutsRow("PL912", "Warszawski wschodni"),
    NutsRow("PL913", "Warszawski zachodni"),
    NutsRow("PL92", "Mazowiecki regionalny"),
    NutsRow("PL921", "Radomski"),
    NutsRow("PL922", "Ciechanowski"),
    NutsRow("PL923", "Płocki"),
    NutsRow("PL924", "Ostrołęcki"),
    NutsRow("PL925", "Siedlecki"),
    NutsRow("PL926", "Żyrardowski"),
    # The other SECON partners' NUTS-2 regions, with their NUTS-1 and country levels and every NUTS-3
    # region below them (NUTS 2021; the Latin-script names of Greek and Bulgarian regions as Eurostat
    # publishes them beside the national ones).
    NutsRow("EL", "Ελλάδα", "Elláda"),
    NutsRow("EL3", "Αττική", "Attiki"),
    NutsRow("EL30", "Αττική", "Attiki"),
    NutsRow("EL301", "Βόρειος Τομέας Αθηνών", "Voreios Tomeas Athinon"),
    NutsRow("EL302", "Δυτικός Τομέας Αθηνών", "Dytikos Tomeas Athinon"),
    NutsRow("EL303", "Κεντρικός Τομέας Αθηνών", "Kentrikos Tomeas Athinon"),
    NutsRow("EL304", "Νότιος Τομέας Αθηνών", "Notios Tomeas Athinon"),
    NutsRow("EL305", "Ανατολική Αττική", "Anatoliki Attiki"),
    NutsRow("EL306", "Δυτική Αττική", "Dytiki Attiki"),
    NutsRow("EL307", "Πειραιάς, Νήσοι", "Peiraias, Nisoi"),
    NutsRow("EL6", "Κεντρική Ελλάδα", "Kentriki Elláda"),
    NutsRow("EL65", "Πελοπόννησος", "Peloponnisos"),
    NutsRow("EL651", "Αργολίδα, Αρκαδία", "Argolida, Arkadia"),
    NutsRow("EL652", "Κορινθία", "Korinthia"),
    NutsRow("EL653", "Λακωνία, Μεσσηνία", "Lakonia, Messinia"),
    NutsRow("DE", "Deutschland"),
    NutsRow("DE1", "Baden-Württemberg"),
    NutsRow("DE12", "Karlsruhe"),
    NutsRow("DE121", "Baden-Baden, Stadtkreis"),
    NutsRow("DE122", "Karlsruhe, Stadtkreis"),
    NutsRow("DE123", "Karlsruhe, Landkreis"),
    NutsRow("DE124", "Rastatt"),
    NutsRow("DE125", "Heidelberg, Stadtkreis"),
    NutsRow("DE126", "Mannheim, Stadtkreis"),
    NutsRow("DE127", "Neckar-Odenwald-Kreis"),
    NutsRow("DE128", "Rhein-Neckar-Kreis"),
    NutsRow("DE129", "Pforzheim, Stadtkreis"),
    NutsRow("DE12A", "Calw"),
    NutsRow("DE12B", "Enzkreis"),
    NutsRow("DE12C", "Freudenstadt"),
    NutsRow("BE", "Belgique/België"),
    NutsRow("BE2", "Vlaams Gewest"),
    NutsRow("BE24", "Prov. Vlaams-Brabant"),
    NutsRow("BE241", "Arr. Halle-Vilvoorde"),
    NutsRow("BE242", "Arr. Leuven"),
    NutsRow("RO", "România"),
    NutsRow("RO1", "Macroregiunea Unu"),
    NutsRow("RO12", "Centru"),
    NutsRow("RO121", "Alba"),
    NutsRow("RO122", "Braşov"),
    NutsRow("RO123", "Covasna"),
    NutsRow("RO124", "Harghita"),
    NutsRow("RO125", "Mureş"),
    NutsRow("RO126", "Sibiu"),
    NutsRow("PT", "Portugal"),
    NutsRow("PT1", "Continente"),
    NutsRow("PT11", "Norte"),
    # PT113–PT118 were withdrawn in NUTS 2013; Norte's regions since then are these eight.
    NutsRow("PT111", "Alto Minho"),
    NutsRow("PT112", "Cávado"),
    NutsRow("PT119", "Ave"),
    NutsRow("PT11A", "Área Metropolitana do Porto"),
    NutsRow("PT11B", "Alto Tâmega"),
    NutsRow("PT11C", "Tâmega e Sousa"),
    NutsRow("PT11D", "Douro"),
    NutsRow("PT11E", "Terras de Trás-os-Montes"),
    NutsRow("LV", "Latvija"),
    NutsRow("LV0", "Latvija"),
    NutsRow("LV00", "Latvija"),
    NutsRow("LV003", "Kurzeme"),
    NutsRow("LV005", "Latgale"),
    NutsRow("LV006", "Rīga"),
    NutsRow("LV007", "Pierīga"),
    NutsRow("LV008", "Vidzeme"),
    NutsRow("LV009", "Zemgale"),
    NutsRow("ES", "España"),
    NutsRow("ES4", "Centro (ES)"),
    NutsRow("ES43", "Extremadura"),
    NutsRow("ES431", "Badajoz"),
    NutsRow("ES432", "Cáceres"),
    NutsRow("BG", "България", "Bulgaria"),
    NutsRow("BG4", "Югозападна и южна централна България", "Yugozapadna i yuzhna tsentralna Bulgaria"),
    NutsRow("BG42", "Южен централен", "Yuzhen tsentralen"),
    NutsRow("BG421", "Пловдив", "Plovdiv"),
    NutsRow("BG422", "Хасково", "Haskovo"),
    NutsRow("BG423", "Пазарджик", "Pazardzhik"),
    NutsRow("BG424", "Смолян", "Smolyan"),
    NutsRow("BG425", "Кърджали", "Kardzhali"),
)

VOIVODESHIP_CODE = "14"
# Polish partners place organisations in TERYT units of their voivodeship, found by its NUTS-1 code.
TERYT_VOIVODESHIPS = {"PL9": VOIVODESHIP_CODE}
VOIVODESHIP_NAME = "MAZOWIECKIE"
VOIVODESHIP_KIND = "województwo"
LAND_POWIAT_KIND = "powiat"
CITY_POWIAT_KIND = "miasto na prawach powiatu"
CAPITAL_KIND = "miasto stołeczne, na prawach powiatu"


class PowiatRow(NamedTuple):
    pow: str  # the POW code within voivodeship 14
    name: str  # NAZWA as in the TERC file
    nuts3: str


# 37 land powiats (POW 01–38; 31 was the former powiat warszawski, abolished in 2002) and
# 5 cities with powiat rights (61–65).
POWIATS: tuple[PowiatRow, ...] = (
    PowiatRow("01", "białobrzeski", "PL921"),
    PowiatRow("02", "ciechanowski", "PL922"),
    PowiatRow("03", "garwoliński", "PL925"),
    PowiatRow("04", "gostyniński", "PL923"),
    PowiatRow("05", "grodziski", "PL913"),
    PowiatRow("06", "grójecki", "PL926"),
    PowiatRow("07", "kozienicki", "PL921"),
    PowiatRow("08", "legionowski", "PL912"),
    PowiatRow("09", "lipski", "PL921"),
    PowiatRow("10", "łosicki", "PL925"),
    PowiatRow("11", "makowski", "PL924"),
    PowiatRow("12", "miński", "PL912"),
    PowiatRow("13", "mławski", "PL922"),
    PowiatRow("14", "nowodworski", "PL913"),
    PowiatRow("15", "ostrołęcki", "PL924"),
    PowiatRow("16", "ostrowski", "PL924"),
    PowiatRow("17", "otwocki", "PL912"),
    PowiatRow("18", "piaseczyński", "PL913"),
    PowiatRow("19", "płocki", "PL923"),
    PowiatRow("20", "płoński", "PL922"),
    PowiatRow("21", "pruszkowski", "PL913"),
    PowiatRow("22", "przasnyski", "PL924"),
    PowiatRow("23", "przysuski", "PL921"),
    PowiatRow("24", "pułtuski", "PL922"),
    PowiatRow("25", "radomski", "PL921"),
    PowiatRow("26", "siedlecki", "PL925"),
    PowiatRow("27", "sierpecki", "PL923"),
    PowiatRow("28", "sochaczewski", "PL926"),
    PowiatRow("29", "sokołowski", "PL925"),
    PowiatRow("30", "szydłowiecki", "PL921"),
    PowiatRow("32", "warszawski zachodni", "PL913"),
    PowiatRow("33", "węgrowski", "PL925"),
    PowiatRow("34", "wołomiński", "PL912"),
    PowiatRow("35", "wyszkowski", "PL924"),
    PowiatRow("36", "zwoleński", "PL921"),
    PowiatRow("37", "żuromiński", "PL922"),
    PowiatRow("38", "żyrardowski", "PL926"),
    PowiatRow("61", "Ostrołęka", "PL924"),
    PowiatRow("62", "Płock", "PL923"),
    PowiatRow("63", "Radom", "PL921"),
    PowiatRow("64", "Siedlce", "PL925"),
    PowiatRow("65", "Warszawa", "PL911"),
)

# Full TERC powiat code -> NUTS-3 code; the importer keeps these for powiats it creates.
POWIAT_NUTS3: dict[str, str] = {VOIVODESHIP_CODE + row.pow: row.nuts3 for row in POWIATS}


def is_city_powiat(pow_code: str) -> bool:
    """Cities with powiat rights have POW codes from 61 up."""
    return pow_code >= "61"
