"""Held-out test corpus for the article claim reader (issue 11): passages the reader was never
developed against, scored by the same rules as tests/etl/verify/article_corpus.py.

The first corpus was used while the reader was written, so its score is optimistic. These
passages were written afterwards by someone who did not read the reader's code
(etl/verify/claims/, etl/verify/verdicts.py, etl/verify/article.py) and did not run the reader on
them before they were committed: each verdict comes from the rules in the first corpus's
docstring and from a row looked up in the shared SIPRI registers. Wording, pairs and weapons
differ from the first corpus wherever the data allowed.

Same data model and checks (tests/etl/verify/test_article_corpus.py): a `recorded` or
`partly_recorded` expectation quotes its register row verbatim; a `not_recorded` weapon with both
sides named lists `absent_terms` that no row on the pair has in its designation or description; a
`not_recorded` transfer has no row at all on the pair. Every pair has Pakistan, Turkiye or India on
one side (the shared files are subsets).

Readings taken here, on top of the first corpus's (one line each, to be argued with):
- "has yet to receive" a weapon SIPRI lists as ordered (or selected) with nothing delivered is
  partly_recorded, as the first corpus reads "has not delivered the HQ-19": the deal is on the
  pair, the stage differs. A denial of a delivery SIPRI records ("has not yet received any CAMM-ER
  missiles", "denied reports that Baykar had delivered Akinci drones") is recorded.
- "bought/procured ... in YEAR", "agreed in YEAR", "turned to X in YEAR for" date the order;
  "took delivery", "handed over", "arrived", "delivered ... in YEAR" date the delivery.
- Several deals of one weapon on the pair add up ("three Agosta 90B submarines" = 2 + 1 MESMA;
  "12 P-8I" = 8 + 4).
- A place that is only where something was built ("its yard in Galati, Romania") or a border
  ("for the Chinese border") is no side.
- "Bayraktar" in a weapon's name does not name the supplier: "Pakistan took delivery of three
  Bayraktar Akinci drones" is not_checkable, like the first corpus's J-10C without a supplier.
- East Germany and Yugoslavia have no row with India, Pakistan or Turkiye in the shared releases,
  so they appear only in claims SIPRI does not record.
"""

from __future__ import annotations

from tests.etl.verify.article_corpus import (
    REGISTER_2024,
    REGISTER_2026,
    Expect,
    Passage,
)

HOLDOUT_PASSAGES: tuple[Passage, ...] = (
    Passage(
        id="h-hisar-romania-headline",
        style="headline+announcement",
        text="Turkey to deliver first Hisar-class patrol ship to Romania in 2026",
        article_date="2025-12-10",
        expected=(
            Expect(
                "Turkiye", "Romania", "weapon", "Hisar-class patrol ship", "recorded",
                row="Romania,Turkiye,2025,,1,,Hisar,frigate,0,,,New,EUR265 m deal (incl incl 223 m for ship and EUR45 m for armament and additional systems installed in Romania after delivery); produced for Turkiye as patrol ship but sold to Romania and modified in Romania to frigate,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-milgem-kuala-lumpur-headline",
        style="headline+capital-metonym+announcement",
        text="Ankara wins deal to build three MilGem corvettes for Kuala Lumpur",
        article_date="2024-06-15",
        expected=(
            Expect(
                "Turkiye", "Malaysia", "weapon", "MilGem corvettes", "recorded",
                row="Malaysia,Turkiye,2024,,3,,MilGem,frigate,0,,,New,Delivery planned by 2027,205,615,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-qatar-doha-nurol",
        style="multi-sentence+no-claim+capital-metonym+maker",
        text="Qatar and Turkey signed a military cooperation pact in 2014, and Turkish troops have been stationed at a base outside Doha since 2015. Doha bought six Bayraktar TB2 drones from Turkey in 2018, along with 214 NMS armoured personnel carriers built by Nurol Makina. In 2023 Doha also ordered two FAC-50 missile boats from Ankara.",
        expected=(
            Expect(
                "Turkiye", "Qatar", "weapon", "Bayraktar TB2 drones", "recorded",
                row="Qatar,Turkiye,2018,,6,,Bayraktar TB-2,armed drone,6,?,2019,New,Armed Bayraktar-2 version,2.4,14.4,14.4",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Qatar", "weapon", "NMS armoured personnel carriers", "recorded",
                row="Qatar,Turkiye,2018,,214,,NMS,armoured personnel carrier,214,?,2020; 2021; 2022; 2023,New,,0.18,38.52,38.52",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Qatar", "weapon", "FAC-50 missile boats", "recorded",
                row="Qatar,Turkiye,2023,,2,,FAC-50,missile boat,0,,,New,Designated Al Wakrah by Qatar; delivery probably planned from 2026,0,0,0",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Qatar and Turkey signed a military cooperation pact in 2014, and Turkish troops have been stationed at a base outside Doha since 2015.",
        ),
    ),
    Passage(
        id="h-indonesia-tb2-yet-to-receive",
        style="negation+quote-attribution",
        text="Indonesia has yet to receive any of the 12 Bayraktar TB2 drones it ordered from Turkey in 2024, an Indonesian defence ministry spokesman said.",
        article_date="2025-11-20",
        expected=(
            Expect(
                "Turkiye", "Indonesia", "weapon", "Bayraktar TB2 drones", "partly_recorded",
                row="Indonesia,Turkiye,2024,,12,?,Bayraktar TB-2,armed drone,0,,,New,,2.4,28.8,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-kazakh-anka-licence",
        style="announcement+quote-attribution",
        text="Kazakhstan will assemble 30 Anka-S drones from Turkey under licence, Kazakh officials said.",
        article_date="2024-05-02",
        expected=(
            Expect(
                "Turkiye", "Kazakhstan", "weapon", "Anka-S drones", "recorded",
                row="Kazakhstan,Turkiye,2022,,30,,Anka-S,armed drone,0,,,New,Assembled or produced under licence in Kazakhstan; probably selected 2022 but not yet ordered by end-2025,3,90,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-turkmen-tb2-more",
        style="announcement+capital-metonym",
        text="Turkmenistan is expected to buy more Bayraktar TB2 drones from Ankara next year.",
        article_date="2025-04-01",
        expected=(
            Expect(
                "Turkiye", "Turkmenistan", "weapon", "Bayraktar TB2 drones", "partly_recorded",
                row="Turkmenistan,Turkiye,2020,?,3,?,Bayraktar TB-2,armed drone,3,?,2021,New,,2.4,7.2,7.2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-roketsan-atmaca",
        style="maker+announcement",
        text="Roketsan will begin delivering 45 Atmaca anti-ship missiles to the Indonesian Navy next year.",
        article_date="2025-03-01",
        expected=(
            Expect(
                "Turkiye", "Indonesia", "weapon", "Atmaca anti-ship missiles", "recorded",
                row="Indonesia,Turkiye,2023,?,45,,Atmaca,anti-ship missile,0,,,New,,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-kaan-islamabad-offer",
        style="announcement+quote-attribution+capital-metonym",
        text="Turkish officials said Ankara is ready to sell KAAN fighters to Islamabad once serial production begins.",
        article_date="2025-05-25",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "KAAN fighters", "not_recorded",
                absent_terms=("kaan",),
            ),
        ),
    ),
    Passage(
        id="h-tata-whap-morocco",
        style="maker+announcement",
        text="Tata Advanced Systems will supply Morocco with 150 WhAP armoured personnel carriers, most of them built at a new plant near Casablanca.",
        article_date="2024-10-01",
        expected=(
            Expect(
                "India", "Morocco", "weapon", "WhAP armoured personnel carriers", "recorded",
                row="Morocco,India,2024,,150,?,WhAP IPMV,armoured personnel carrier,5,?,2025,New,Produced under licence in Morocco; delivery planned 2025-2028,0.35,52.5,1.75",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-mozambique-interceptors",
        style="aid",
        text="India gifted two L&T fast interceptor craft to Mozambique in 2019 to patrol its coast.",
        expected=(
            Expect(
                "India", "Mozambique", "weapon", "L&T fast interceptor craft", "recorded",
                row="Mozambique,India,2019,?,2,,L&T Fast Interceptor,patrol boat,2,,2019,New,Aid,7.5,15,15",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-myanmar-kilo-tanks-denied",
        style="multi-sentence+negation+capital-metonym+possessive+no-claim",
        text="New Delhi handed a refurbished Kilo-class submarine to Myanmar's navy in 2020. Myanmar's military has ruled the country since a coup in 2021. Officials in New Delhi deny that India has ever supplied tanks to Myanmar.",
        expected=(
            Expect(
                "India", "Myanmar", "weapon", "Kilo-class submarine", "recorded",
                row="Myanmar,India,2019,?,1,,Project-877E,submarine,1,,2020,Second hand but modernized,Second-hand but modernized before delivery; Myanmarese designation Minye Thainkhathu,145.2,145.2,145.2",
                file=REGISTER_2026,
            ),
            Expect(
                "India", "Myanmar", "weapon", "tanks", "recorded",
                row="Myanmar,India,2006,?,10,?,T-55,tank,10,?,2006,Second hand,Second-hand; aid for use against Indian Assamese rebels operating from Myanmar,0.5,5,5",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Myanmar's military has ruled the country since a coup in 2021.",
        ),
    ),
    Passage(
        id="h-srilanka-samarth",
        style="demonym-made+possessive",
        text="Sri Lanka's navy operates two Indian-built Samarth-class offshore patrol vessels, delivered in 2017 and 2018.",
        expected=(
            Expect(
                "India", "Sri Lanka", "weapon", "Samarth-class offshore patrol vessels", "recorded",
                row="Sri Lanka,India,2014,,2,,Samarth,patrol ship,2,,2017; 2018,New,Sri Lankan designation Sayurala,37,74,74",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-seychelles-do228",
        style="received-from+multi-sentence+no-claim",
        text="The Seychelles received a Do-228 maritime patrol aircraft from India in 2013 and another in 2018, both as aid. The islands have no air force of their own.",
        expected=(
            Expect(
                "India", "Seychelles", "weapon", "Do-228 maritime patrol aircraft", "recorded",
                row="Seychelles,India,2012,?,1,,Do-228MP,maritime patrol aircraft,1,,2013,New,Aid against Somali pirates,7,7,7",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "The islands have no air force of their own.",
        ),
    ),
    Passage(
        id="h-afghan-mi24-passive",
        style="passive+demonym",
        text="Four Mi-24 helicopter gunships were handed over to the Afghan air force by India in 2015 and 2016.",
        expected=(
            Expect(
                "India", "Afghanistan", "weapon", "Mi-24 helicopter gunships", "recorded",
                row="Afghanistan,India,2015,,4,,Mi-24D,combat helicopter,4,,2015; 2016,Second hand,Second-hand; aid; Mi-25 version,3.3,13.2,13.2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-srilanka-ft7-pakistan",
        style="aid+possessive",
        text="Pakistan donated a second-hand FT-7 jet trainer to the Sri Lanka Air Force in 2025.",
        expected=(
            Expect(
                "Pakistan", "Sri Lanka", "weapon", "FT-7 jet trainer", "recorded",
                row="Sri Lanka,Pakistan,2024,,1,,F-7MG,fighter aircraft,1,,2025,Second hand,Second-hand; aid; FT-7 trainer/combat version,5,5,5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-iraq-mushshak-pac",
        style="maker+capital-metonym+value",
        text="Baghdad ordered 12 Super Mushshak trainers from Pakistan Aeronautical Complex in 2021 in a deal worth $33 million; eight had arrived by the end of 2024.",
        expected=(
            Expect(
                "Pakistan", "Iraq", "weapon", "Super Mushshak trainers", "recorded",
                row="Iraq,Pakistan,2021,,12,,MFI-17 Supporter,(armed) trainer aircraft,8,?,2023; 2024,New,$33 m deal; MFI-395 Super Mushshak version,0.24,2.88,1.92",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Iraq", "value", "$33 million", "not_checkable"),
        ),
    ),
    Passage(
        id="h-malaysia-anza-procured",
        style="procured-from+value",
        text="Malaysia procured Anza Mk-II shoulder-fired missiles from Pakistan in 2001 in a $13 million deal.",
        expected=(
            Expect(
                "Pakistan", "Malaysia", "weapon", "Anza Mk-II shoulder-fired missiles", "recorded",
                row="Malaysia,Pakistan,2001,,160,?,QW-1 Vanguard,portable surface-to-air missile,160,?,2002; 2003,New,$13 m deal; Anza-2 version,0.07,11.2,11.2",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Malaysia", "value", "$13 million", "not_checkable"),
        ),
    ),
    Passage(
        id="h-dhaka-baktar-shikan",
        style="capital-metonym",
        text="In 2003 Dhaka bought 169 Baktar Shikan anti-tank missiles from Islamabad.",
        expected=(
            Expect(
                "Pakistan", "Bangladesh", "weapon", "Baktar Shikan anti-tank missiles", "recorded",
                row="Bangladesh,Pakistan,2003,?,169,?,Red Arrow-8,anti-tank missile,169,,2004,New,Baktar Shikan (Green Arrow) version,0.01,1.69,1.69",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-peace-eagle-late",
        style="received-from+maker",
        text="Turkey finally took delivery of four Boeing 737 AEW&C 'Peace Eagle' aircraft from the United States in 2014 and 2015, seven years behind schedule.",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "Boeing 737 AEW&C", "recorded",
                row="Turkiye,United States,2002,,4,,Boeing-737 AEW&C,airborne early-warning aircraft,4,,2014; 2015,New,$1 b 'Peace Eagle' programme ($500-930 m offsets incl production of components and assembly of 3 in Turkiye; originally $1.5 b but reduced with $500 m penalties for delayed delivery from 2007 to 2014-2015); option on 2 more,250,1000,1000",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-hurjet-spain-a400m-while",
        style="two-directions+maker+announcement",
        text="Spain will buy 30 Hürjet jet trainers from Turkish Aerospace, while Turkey has already received ten A400M transport aircraft from Spain.",
        article_date="2025-10-20",
        expected=(
            Expect(
                "Turkiye", "Spain", "weapon", "Hürjet jet trainers", "recorded",
                row="Spain,Turkiye,2025,,30,,Hurjet,trainer/combat aircraft,0,,,New,EUR2.6 b deal; Incl production of components in Spain; delivery planned 2028-2031,0,0,0",
                file=REGISTER_2026,
            ),
            Expect(
                "Spain", "Turkiye", "weapon", "A400M transport aircraft", "recorded",
                row="Turkiye,Spain,2003,,10,,A400M Atlas,transport aircraft,10,,2014; 2015; 2017; 2018; 2019; 2022,New,Incl production of components in Turkiye (also for A400M for other customers),73,730,730",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-navantia-anadolu-year",
        style="wrong-year+maker+demonym",
        text="Spanish shipbuilder Navantia delivered the Anadolu amphibious assault ship to the Turkish Navy in 2021.",
        expected=(
            Expect(
                "Spain", "Turkiye", "weapon", "Anadolu amphibious assault ship", "partly_recorded",
                row="Turkiye,Spain,2015,,1,,BPE,amphibious assault ship,1,,2023,New,EUR1.5 b 'LPD' programme; produced under licence in Turkey; Turkish designation Anadolu,479.5,479.5,479.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-berlin-eurofighter-refused",
        style="negation+capital-metonym",
        text="Berlin refused to supply Eurofighter Typhoon jets to Ankara, blocking the sale until 2025.",
        expected=(
            Expect(
                "Germany", "Turkiye", "weapon", "Eurofighter Typhoon jets", "not_recorded",
                absent_terms=("eurofighter", "typhoon",),
            ),
        ),
    ),
    Passage(
        id="h-frankenthal-passive",
        style="passive+demonym",
        text="Six Frankenthal-class minehunters were built for the Turkish Navy by Germany, five of them under licence at Turkish yards.",
        expected=(
            Expect(
                "Germany", "Turkiye", "weapon", "Frankenthal-class minehunters", "recorded",
                row="Turkiye,Germany,1999,,6,,Frankenthal,minehunter,6,,2005; 2007; 2008; 2009; 2010,New,$625 m deal; 5 produced under licence in Turkey; Turkish designation Aydin or Alanya,55,330,330",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-heron-2010-agreed",
        style="wrong-year",
        text="Israel agreed in 2010 to sell Turkey 10 Heron drones.",
        expected=(
            Expect(
                "Israel", "Turkiye", "weapon", "Heron drones", "partly_recorded",
                row="Turkiye,Israel,2005,,10,,Heron,reconnaissance drone,10,?,2010,New,$183 m deal (offsets 30%); delivery delayed 2 years after complications with integration of Turkish systems,3,30,30",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-imi-sabra",
        style="maker+possessive",
        text="Israel Military Industries modernised 170 of Turkey's M60 tanks to the Sabra standard between 2005 and 2010.",
        expected=(
            Expect(
                "Israel", "Turkiye", "weapon", "M60 tanks", "recorded",
                row="Turkiye,Israel,2002,?,170,,M-60T Sabra-2,tank,170,?,2005; 2006; 2007; 2008; 2009; 2010,New,$688 m deal; Turkish M-60A1 or M-60A3 tanks rebuilt to M-60T Sabra-2; produced under licence in Turkiye,3.04,516.8,516.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-beijing-ws1b-1997",
        style="capital-metonym",
        text="Ankara turned to Beijing in 1997 for WS-1B multiple rocket launchers, some of them later built in Turkey as the Kasirga.",
        expected=(
            Expect(
                "China", "Turkiye", "weapon", "WS-1B multiple rocket launchers", "recorded",
                row="Turkiye,China,1997,?,24,?,WS-1B 302mm,multiple rocket launcher,24,?,1998; 1999; 2000,New,$250 m deal; incl 5 (and rockets) assembled/produced under licence in Turkiye,1.2,28.8,28.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-russia-turkey-police-list",
        style="list",
        text="In the early 1990s Russia sold Turkey BTR-80 armoured personnel carriers and 19 Mi-17 helicopters for its police.",
        expected=(
            Expect(
                "Russia", "Turkiye", "weapon", "BTR-80 armoured personnel carriers", "recorded",
                row="Turkiye,Russia,1992,,40,?,BTR-80,armoured personnel carrier,40,?,1993,New,,0.35,14,14",
                file=REGISTER_2026,
            ),
            Expect(
                "Russia", "Turkiye", "weapon", "Mi-17 helicopters", "recorded",
                row="Turkiye,Russia,1992,?,19,,Mi-17,transport helicopter,19,?,1995; 1996,New,$65 m deal; Mi-17TV-1 version; for police,7.25,137.75,137.75",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-erieye-five",
        style="wrong-quantity",
        text="Sweden delivered five Saab 2000 Erieye early-warning aircraft to Pakistan in 2009 and 2010.",
        expected=(
            Expect(
                "Sweden", "Pakistan", "weapon", "Saab 2000 Erieye early-warning aircraft", "partly_recorded",
                row="Pakistan,Sweden,2006,,4,,Saab-2000 AEW,airborne early-warning aircraft,4,?,2009; 2010,New,SEK7 b deal (original SEK8.3 b deal for 6-8 aircraft reduced to 4 aircraft),80,320,320",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-rbs70-licence",
        style="demonym-made",
        text="Pakistan has produced Swedish RBS-70 shoulder-fired missiles under licence since the late 1980s.",
        expected=(
            Expect(
                "Sweden", "Pakistan", "weapon", "RBS-70 shoulder-fired missiles", "recorded",
                row="Pakistan,Sweden,1985,?,1500,?,RBS-70,portable surface-to-air missile,1500,?,1988; 1989; 1990; 1991; 1992; 1993; 1994; 1995; 1996; 1997; 1998; 1999; 2000; 2001; 2002; 2003; 2004; 2005; 2006; 2007; 2008; 2009; 2010; 2011; 2012; 2013; 2014; 2015; 2016; 2017; 2018,New,Probably incl RBS-70 Mk-3 version; produced under licence in Pakistan,0.08,120,120",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-dcn-agosta",
        style="maker+possessive",
        text="France's DCN built three Agosta 90B submarines for Pakistan, the last of them fitted with the MESMA air-independent propulsion system and delivered in 2008.",
        expected=(
            Expect(
                "France", "Pakistan", "weapon", "Agosta 90B submarines", "recorded",
                row="Pakistan,France,1994,,2,,Agosta-90B,submarine,2,,1999; 2003,New,Part of $750 m deal (+ $200 m for modernization of Pakistan Naval Dockyard to build submarines; 1 assembled/produced in Pakistan); Pakistani designation Khalid,260,520,520",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-rafale-paris-not-islamabad",
        style="negation+capital-metonym",
        text="Paris has sold Rafale jets to New Delhi but never to Islamabad.",
        expected=(
            Expect(
                "France", "India", "weapon", "Rafale jets", "recorded",
                row="India,France,2017,,36,,Rafale,fighter/ground-attack aircraft,36,?,2019; 2020; 2021; 2022,New,EUR7.8 b deal (incl EUR5.2 b for aircraft EUR1.8 b for spare parts and EUR710 m for armament; 50% offsets incl 20% as production of components in India); Rafale-EH version (incl 8 Rafale-DH trainer/combat version),55,1980,1980",
                file=REGISTER_2026,
            ),
            Expect(
                "France", "Pakistan", "weapon", "Rafale jets", "not_recorded",
                absent_terms=("rafale",),
            ),
        ),
    ),
    Passage(
        id="h-peace-gate-p3c",
        style="multi-sentence+capital-metonym+value+carried-pair",
        text="In 1981 Washington agreed to sell Islamabad 40 F-16A fighters in a $1.2 billion deal. Three P-3C Orion maritime patrol aircraft ordered in 1988 were held back by an embargo until 1996.",
        expected=(
            Expect(
                "United States", "Pakistan", "weapon", "F-16A fighters", "recorded",
                row="Pakistan,United States,1981,,40,,F-16A,fighter/ground-attack aircraft,40,?,1983; 1984; 1985,New,$1.2 b 'Peace Gate-1' and 'Peace Gate-2' deal; F-16 Block-15 version (incl 11 F-16B trainer/combat version),20.65,826,826",
                file=REGISTER_2026,
            ),
            Expect("United States", "Pakistan", "value", "$1.2 billion", "not_checkable"),
            Expect(
                "United States", "Pakistan", "weapon", "P-3C Orion maritime patrol aircraft", "recorded",
                row="Pakistan,United States,1988,,3,,P-3C Orion Update-2.5,anti-submarine aircraft,3,,1996; 1997,New,$139 m deal; delivery embargoed between 1992 and 1995; P-3C Orion Update-2.75 version,55,165,165",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-spada-albatros-italy",
        style="procured-from+value+list",
        text="Pakistan bought Spada 2000 air-defence systems from Italy in a EUR415 million deal and later ordered Albatros NG naval launchers for its Babur-class frigates.",
        expected=(
            Expect(
                "Italy", "Pakistan", "weapon", "Spada 2000 air-defence systems", "recorded",
                row="Pakistan,Italy,2007,,10,?,Spada-2000,surface-to-air missile system,10,?,2010; 2011; 2012; 2013,New,EUR415 m deal; Spada-2000 Plus version,16,160,160",
                file=REGISTER_2026,
            ),
            Expect("Italy", "Pakistan", "value", "EUR415 million", "not_checkable"),
            Expect(
                "Italy", "Pakistan", "weapon", "Albatros NG naval launchers", "recorded",
                row="Pakistan,Italy,2021,,4,,Albatros-NG,naval surface-to-air missile system,2,,2023; 2025,New,For 4 MilGem (Babur) frigates from Turkiye; for use with CAMM-ER surface-to-air missile,5,20,10",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-camm-er-not-received",
        style="negation+quote-attribution",
        text="Pakistani officials insist that Pakistan's navy has not yet received any CAMM-ER missiles from Italy.",
        article_date="2025-12-01",
        expected=(
            Expect(
                "Italy", "Pakistan", "weapon", "CAMM-ER missiles", "recorded",
                row="Pakistan,Italy,2021,?,75,?,CAMM-ER,surface-to-air missile,30,?,2023; 2025,New,For MilGem (Babur) frigates; for use with Albatross-NG SAM system,0.6,45,18",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-damen-opv-romania-yard",
        style="maker+demonym+place-not-side",
        text="Dutch shipbuilder Damen delivered two OPV-1900 offshore patrol vessels to the Pakistan Navy in 2020, built at its yard in Galati, Romania.",
        expected=(
            Expect(
                "Netherlands", "Pakistan", "weapon", "OPV-1900 offshore patrol vessels", "recorded",
                row="Pakistan,Netherlands,2017,,2,,OPV-1900,patrol ship,2,,2020,New,From Romanian production line; Pakistani designation Yarmook,40.2,80.4,80.4",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-kyiv-t80ud",
        style="capital-metonym+value",
        text="Kyiv delivered 320 T-80UD tanks to Pakistan between 1997 and 1999, a deal worth about $650 million.",
        expected=(
            Expect(
                "Ukraine", "Pakistan", "weapon", "T-80UD tanks", "recorded",
                row="Pakistan,Ukraine,1996,,320,,T-80U,tank,320,,1997; 1998; 1999,New,$580-650 m deal; incl 50 second-hand (but probably not much used); T-80UD version,4,1280,1280",
                file=REGISTER_2026,
            ),
            Expect("Ukraine", "Pakistan", "value", "$650 million", "not_checkable"),
        ),
    ),
    Passage(
        id="h-jordan-f16-cobra",
        style="received-from+passive+capital-metonym",
        text="Pakistan took delivery of 13 second-hand F-16 fighters from Jordan in 2014, and eight AH-1F Cobra attack helicopters were handed over by Amman a year earlier.",
        expected=(
            Expect(
                "Jordan", "Pakistan", "weapon", "F-16 fighters", "recorded",
                row="Pakistan,Jordan,2013,?,13,,F-16ADF,fighter/ground-attack aircraft,13,,2014,Second hand,Second-hand; incl 3 F-16B trainer/combat version; $75 m deal,8.8,114.4,114.4",
                file=REGISTER_2026,
            ),
            Expect(
                "Jordan", "Pakistan", "weapon", "AH-1F Cobra attack helicopters", "recorded",
                row="Pakistan,Jordan,2013,?,8,,AH-1F Cobra,combat helicopter,8,,2013,Second hand,Second-hand,3,24,24",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-norinco-vt4-sh15",
        style="maker+possessive+multi-sentence+no-claim",
        text="China's Norinco has so far delivered 239 of the 679 VT-4 tanks Pakistan ordered in 2019, and the first SH-15 truck-mounted howitzers arrived in 2021. Pakistan's army chief toured a Norinco plant in Baotou in March.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "VT-4 tanks", "recorded",
                row="Pakistan,China,2019,,679,?,VT-4,tank,239,?,2020; 2021; 2022; 2023; 2024; 2025,New,Incl assembly from kits and production under licence in Pakistan as Haider,4.3,2919.7,1027.7",
                file=REGISTER_2026,
            ),
            Expect(
                "China", "Pakistan", "weapon", "SH-15 truck-mounted howitzers", "recorded",
                row="Pakistan,China,2018,?,236,?,PLC-181 155mm,self-propelled gun,110,?,2021; 2023,New,$512 m deal; SH-15 version,1.35,318.6,148.5",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Pakistan's army chief toured a Norinco plant in Baotou in March.",
        ),
    ),
    Passage(
        id="h-hq9p-chinese-made",
        style="demonym-made",
        text="The Pakistan Army inducted the Chinese-made HQ-9/P long-range air-defence system in 2021.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "HQ-9/P long-range air-defence system", "recorded",
                row="Pakistan,China,2019,?,1,?,HQ-9,surface-to-air missile system,1,?,2021,New,HQ-9/P version,47,47,47",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-c17-eleventh",
        style="multi-sentence+wrong-year+received-from",
        text="The Indian Air Force received ten C-17 Globemaster III transports from the United States in 2013 and 2014. An eleventh Globemaster, ordered in 2017, arrived in 2021.",
        expected=(
            Expect(
                "United States", "India", "weapon", "C-17 Globemaster III transports", "recorded",
                row="India,United States,2011,,10,,C-17A Globemaster-3,heavy transport aircraft,10,,2013; 2014,New,$4.1 b deal (offsets $1.1 b),140,1400,1400",
                file=REGISTER_2026,
            ),
            Expect(
                "United States", "India", "weapon", "Globemaster", "partly_recorded",
                row="India,United States,2017,,1,,C-17A Globemaster-3,heavy transport aircraft,1,,2019,New,$262 m deal,140,140,140",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-gorshkov-price",
        style="value",
        text="Russia handed over the refitted aircraft carrier Admiral Gorshkov to India in 2013, five years late, after its price rose to $2.3 billion.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "aircraft carrier Admiral Gorshkov", "recorded",
                row="India,Russia,2004,,1,,Gorshkov,aircraft carrier,1,,2013,New,$2.3 b deal (originally $625-750 m deal but increased); second-hand but rebuilt to conventional take off/landing (CTOL) carrier; Indian designation Vikramaditya; delivery delayed from 2008 to 2013,1250,1250,1250",
                file=REGISTER_2026,
            ),
            Expect("Russia", "India", "value", "$2.3 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="h-moscow-ka31-igla",
        style="capital-metonym+list",
        text="Moscow has supplied New Delhi with Ka-31 airborne early-warning helicopters and 216 Igla-S shoulder-fired missiles ordered in 2020 as an emergency purchase for the Chinese border.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Ka-31 airborne early-warning helicopters", "recorded",
                row="India,Russia,2009,?,5,,Ka-31,airborne early-warning helicopter,5,,2013,New,INR9.5 b ($198 m) deal,35,175,175",
                file=REGISTER_2026,
            ),
            Expect(
                "Russia", "India", "weapon", "Igla-S shoulder-fired missiles", "recorded",
                row="India,Russia,2020,,216,,Igla-S,portable surface-to-air missile,216,,2021,New,Deal incl 24 launchers; emergency order for use on border with China,0.08,17.28,17.28",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-talwar-four",
        style="wrong-quantity",
        text="Russia delivered four Talwar-class frigates to India in 2024 and 2025.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Talwar-class frigates", "partly_recorded",
                row="India,Russia,2018,,2,,Talwar,frigate,2,,2024; 2025,New,$1.7 b deal (incl 2 Talwar Batch-4 or Triput produced under licence in India); originally ordered by Russia but sold to India after Ukraine refused support for engines,304,608,608",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-k9-turkey-350",
        style="wrong-quantity",
        text="South Korea supplied Turkey with 350 K9 Thunder self-propelled howitzers between 2004 and 2013.",
        expected=(
            Expect(
                "South Korea", "Turkiye", "weapon", "K9 Thunder self-propelled howitzers", "partly_recorded",
                row="Turkiye,South Korea,2001,,280,?,K-9 Thunder 155mm,self-propelled gun,280,?,2004; 2005; 2006; 2007; 2008; 2009; 2010; 2011; 2012; 2013,New,$1-1.2 b deal; produced under licence in Turkiye as T-155 Firtina or TUSpH Storm,4.34,1215.2,1215.2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-kai-kt1-passive",
        style="maker+possessive+passive",
        text="Turkey's 40 KT-1 basic trainers were bought from Korea Aerospace Industries in 2007.",
        expected=(
            Expect(
                "South Korea", "Turkiye", "weapon", "KT-1 basic trainers", "recorded",
                row="Turkiye,South Korea,2007,,40,,KT-1 Woongbi,trainer aircraft,40,?,2010; 2011; 2012,New,$400-500 m deal; KT-1T version; incl assembly in Turkiye,1.9,76,76",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-gdr-never-india",
        style="historical-state+negation+transfer+quote-attribution",
        text="East Germany never exported weapons to India, Western diplomats noted at the time.",
        expected=(
            Expect("East Germany (GDR)", "India", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="h-czech-mt55-yugoslavia-never",
        style="historical-state+multi-sentence+negation+transfer",
        text="Czechoslovakia delivered 25 MT-55 bridge-laying tanks to India in the 1970s. Yugoslavia, by contrast, never sold arms to Pakistan.",
        expected=(
            Expect(
                "Czechoslovakia", "India", "weapon", "MT-55 bridge-laying tanks", "recorded",
                row="India,Czechoslovakia,1973,?,25,?,MT-55A,armoured bridgelayer,25,?,1973; 1974; 1975; 1976; 1977,New,MT-55KS version; Indian designation Bridge Laying Tank MT-55,0.82,20.5,20.5",
                file=REGISTER_2026,
            ),
            Expect("Yugoslavia", "Pakistan", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="h-czech-aero45-possessive",
        style="historical-state+possessive+aid",
        text="Czechoslovakia's only aircraft sale to India was a single Super Aero 45 light plane given as aid in 1955.",
        expected=(
            Expect(
                "Czechoslovakia", "India", "weapon", "Super Aero 45 light plane", "recorded",
                row="India,Czechoslovakia,1955,,1,,Aero-45,light aircraft,1,,1955,New,Aid; Super Aero-45S version,0.16,0.16,0.16",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-ussr-mig29-tu142",
        style="historical-state+list",
        text="The Soviet Union supplied India with 44 MiG-29 fighters between 1986 and 1989 and eight Tu-142M maritime patrol aircraft in 1988.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "MiG-29 fighters", "recorded",
                row="India,Soviet Union,1986,,44,,MiG-29,fighter aircraft,44,?,1986; 1987; 1988; 1989,New,MiG-29B version; incl 4 MiG-29UB trainer/combat version; Indian designation Baaz,20.65,908.6,908.6",
                file=REGISTER_2024,
            ),
            Expect(
                "Soviet Union", "India", "weapon", "Tu-142M maritime patrol aircraft", "recorded",
                row="India,Soviet Union,1984,,8,,Tu-142M/Bear-F,ASW aircraft,8,,1988,New,Tu-142MKE (Bear-F Mod-3) version.,60,480,480",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="h-ussr-mi8-mi6-pakistan",
        style="historical-state+list",
        text="In 1967 the Soviet Union agreed to sell Pakistan a dozen Mi-8 transport helicopters, and a heavy Mi-6 followed for evaluation.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "Pakistan", "weapon", "Mi-8 transport helicopters", "recorded",
                row="Pakistan,Soviet Union,1967,?,12,?,Mi-8T,transport helicopter,12,?,1968; 1969; 1970,New,,6,72,72",
                file=REGISTER_2024,
            ),
            Expect(
                "Soviet Union", "Pakistan", "weapon", "Mi-6", "recorded",
                row="Pakistan,Soviet Union,1968,,1,,Mi-6T,transport helicopter,1,,1968,New,For evaluation,18,18,18",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="h-ussr-never-mig29-pakistan",
        style="historical-state+negation+comparison",
        text="Unlike India, Pakistan never received MiG-29 fighters from the Soviet Union.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "Pakistan", "weapon", "MiG-29 fighters", "not_recorded",
                absent_terms=("mig29",),
            ),
        ),
    ),
    Passage(
        id="h-mke-rounds-grenades-rifles",
        style="outside-coverage+maker+announcement",
        text="Turkey's state-owned MKE will supply Pakistan with 155mm artillery rounds, hand grenades and sniper rifles under a contract signed this year.",
        article_date="2025-08-01",
        expected=(
            Expect("Turkiye", "Pakistan", "weapon", "155mm artillery rounds", "outside_coverage"),
            Expect("Turkiye", "Pakistan", "weapon", "hand grenades", "outside_coverage"),
            Expect("Turkiye", "Pakistan", "weapon", "sniper rifles", "outside_coverage"),
        ),
    ),
    Passage(
        id="h-pakistan-ukraine-ammo-denied",
        style="outside-coverage+negation+capital-metonym",
        text="Islamabad has denied reports that Pakistan sold artillery ammunition to Ukraine through third countries.",
        expected=(
            Expect("Pakistan", "Ukraine", "weapon", "artillery ammunition", "outside_coverage"),
        ),
    ),
    Passage(
        id="h-otokar-cobra-romania",
        style="maker+outside-coverage+multi-sentence+no-claim",
        text="Otokar began delivering Cobra II armoured vehicles to Romania in 2025, along with logistics trucks. Romania is NATO's largest Black Sea member after Turkey.",
        expected=(
            Expect(
                "Turkiye", "Romania", "weapon", "Cobra II armoured vehicles", "recorded",
                row="Romania,Turkiye,2024,,1059,,Cobra-2,armoured personnel carrier,194,?,2025,New,RON4.3 b ($940 m) deal; incl 781 produced under licence in Romania; delivery planned 2025-2029,0.3,317.7,58.2",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Romania", "weapon", "logistics trucks", "outside_coverage"),
        ),
        no_claim=(
            "Romania is NATO's largest Black Sea member after Turkey.",
        ),
    ),
    Passage(
        id="h-sig-rifles-helmets",
        style="outside-coverage+procured-from",
        text="India procured 73,000 SIG716 assault rifles and thousands of combat helmets from the United States.",
        expected=(
            Expect("United States", "India", "weapon", "SIG716 assault rifles", "outside_coverage"),
            Expect("United States", "India", "weapon", "combat helmets", "outside_coverage"),
        ),
    ),
    Passage(
        id="h-kyiv-cobra-vests",
        style="capital-metonym+outside-coverage",
        text="Ankara has delivered 50 Cobra II armoured vehicles and a shipment of bulletproof vests to Kyiv since 2023.",
        expected=(
            Expect(
                "Turkiye", "Ukraine", "weapon", "Cobra II armoured vehicles", "recorded",
                row="Ukraine,Turkiye,2023,,50,?,Cobra-2,armoured personnel carrier,50,?,2023,New,,0.3,15,15",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Ukraine", "weapon", "bulletproof vests", "outside_coverage"),
        ),
    ),
    Passage(
        id="h-adani-hermes-israel-spice",
        style="two-directions+demonym",
        text="Indian firm Adani-Elbit has shipped Hermes 900 drones to Israel, while Israel continues to supply India with SPICE guided bombs.",
        article_date="2024-12-01",
        expected=(
            Expect(
                "India", "Israel", "weapon", "Hermes 900 drones", "not_recorded",
                absent_terms=("hermes",),
            ),
            Expect(
                "Israel", "India", "weapon", "SPICE guided bombs", "recorded",
                row="India,Israel,2020,,100,?,SPICE,guided glide bomb,100,?,2022; 2023,New,Part of $200 m deal,0.4,40,40",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-baykar-denied-akinci-morocco",
        style="negation+maker+capital-metonym",
        text="Ankara denied reports that Baykar had delivered Akinci drones to Morocco.",
        article_date="2025-09-01",
        expected=(
            Expect(
                "Turkiye", "Morocco", "weapon", "Akinci drones", "recorded",
                row="Morocco,Turkiye,2024,?,,,Akinci,armed drone,2,?,2025,New,,4.5,0,9",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-turkey-think-tank-f16-weapons",
        style="multi-sentence+no-claim+think-tank+maker",
        text="Turkey's defence industry has grown fast, but its push for self-reliance is far from complete, a Brussels think tank said in a report on Thursday. The United States agreed in 2024 to sell Ankara AIM-9X Sidewinder missiles and GBU-39 small-diameter bombs for its F-16 fleet. Turkey's new Istif-class frigates are powered by LM2500 gas turbines from General Electric. The report's authors will present their findings to NATO officials next month.",
        article_date="2025-03-06",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "AIM-9X Sidewinder missiles", "recorded",
                row="Turkiye,United States,2024,?,,,AIM-9X Sidewinder,long-range air-to-air missile,0,,,New,AIM-9X Block-2 version; for F-16V combat aircraft,0.18,0,0",
                file=REGISTER_2026,
            ),
            Expect(
                "United States", "Turkiye", "weapon", "GBU-39 small-diameter bombs", "recorded",
                row="Turkiye,United States,2024,?,,,GBU-39 SDB,guided glide bomb,0,,,New,For F-16 combat aircraft,0.02,0,0",
                file=REGISTER_2026,
            ),
            Expect(
                "United States", "Turkiye", "weapon", "LM2500 gas turbines", "recorded",
                row="Turkiye,United States,2016,?,24,,LM-2500,gas turbine,1,,2024,New,For 8 Istif class (TF-100 or MilGem-G or Istanbul) frigates produced and 8 TF-2000 frigates produced in Turkiye,7,168,7",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Turkey's defence industry has grown fast, but its push for self-reliance is far from complete, a Brussels think tank said in a report on Thursday.",
            "The report's authors will present their findings to NATO officials next month.",
        ),
    ),
    Passage(
        id="h-modi-putin-summit-igla",
        style="multi-sentence+no-claim+capital-metonym+announcement",
        text="Prime Minister Narendra Modi held talks with President Vladimir Putin in Moscow on Tuesday. The two leaders set a target of $100 billion in bilateral trade by 2030. Moscow also confirmed that the remaining Igla-S missiles India ordered in 2022 would be delivered next year.",
        article_date="2024-07-10",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Igla-S missiles", "recorded",
                row="India,Russia,2022,,400,,Igla-S,portable surface-to-air missile,100,?,2024,New,Deal incl 120 launchers; emergency order for use on border with China,0.08,32,8",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Prime Minister Narendra Modi held talks with President Vladimir Putin in Moscow on Tuesday.",
            "The two leaders set a target of $100 billion in bilateral trade by 2030.",
        ),
    ),
    Passage(
        id="h-singh-manila-visit",
        style="no-claim+multi-sentence",
        text="Indian Defence Minister Rajnath Singh met his Philippine counterpart in Manila on Monday. The two ministers discussed maritime security in the South China Sea and agreed to expand training exchanges between their navies.",
        expected=(),
        no_claim=(
            "Indian Defence Minister Rajnath Singh met his Philippine counterpart in Manila on Monday.",
            "The two ministers discussed maritime security in the South China Sea and agreed to expand training exchanges between their navies.",
        ),
    ),
    Passage(
        id="h-turkmenistan-buying-since-2011",
        style="transfer",
        text="Turkmenistan has been buying arms from Turkey since 2011.",
        expected=(
            Expect(
                "Turkiye", "Turkmenistan", "transfer", "", "recorded",
                row="Turkmenistan,Turkiye,2011,,2,,YTBK,patrol boat,2,,2011; 2012,New,EUR55 m deal,20,40,40",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-turkey-never-armenia",
        style="negation+transfer",
        text="Turkey has never sold arms to Armenia.",
        expected=(
            Expect("Turkiye", "Armenia", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="h-india-never-bought-pakistan",
        style="negation+transfer+capital-metonym",
        text="New Delhi has never bought a single weapon from Islamabad.",
        expected=(
            Expect("Pakistan", "India", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="h-pakistan-akinci-no-supplier",
        style="one-side-missing",
        text="Pakistan took delivery of three Bayraktar Akinci drones in 2023 and 2024.",
        expected=(
            Expect(None, "Pakistan", "weapon", "Bayraktar Akinci drones", "not_checkable"),
        ),
    ),
    Passage(
        id="h-coast-guard-no-recipient",
        style="one-side-missing+quote-attribution",
        text="Officials said the coast guard had received two fast patrol boats from India last year.",
        article_date="2025-02-01",
        expected=(
            Expect("India", None, "weapon", "fast patrol boats", "not_checkable"),
        ),
    ),
    Passage(
        id="h-baykar-kuwait-possessive",
        style="maker+possessive+value",
        text="Baykar's TB2s for Kuwait arrived in 2025 under a $370 million deal.",
        expected=(
            Expect(
                "Turkiye", "Kuwait", "weapon", "TB2s", "recorded",
                row="Kuwait,Turkiye,2023,,18,?,Bayraktar TB-2,armed drone,18,?,2025,New,$370 m deal,2.4,43.2,43.2",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Kuwait", "value", "$370 million", "not_checkable"),
        ),
    ),
    Passage(
        id="h-baykar-kyiv-quote",
        style="quote-attribution+maker+capital-metonym",
        text='"We have delivered all 12 TB2s that Kyiv ordered in 2018," a Baykar executive said.',
        expected=(
            Expect(
                "Turkiye", "Ukraine", "weapon", "TB2s", "recorded",
                row="Ukraine,Turkiye,2018,,12,?,Bayraktar TB-2,armed drone,12,?,2019; 2021,New,$69 m deal; Bayraktar TB2 version,2.4,28.8,28.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-us-p8i-abbreviation",
        style="abbreviation+multi-order",
        text="The U.S. has delivered 12 P-8I Poseidon maritime patrol aircraft to India: eight ordered in 2009 and four more in 2016.",
        expected=(
            Expect(
                "United States", "India", "weapon", "P-8I Poseidon maritime patrol aircraft", "recorded",
                row="India,United States,2009,,8,,P-8A Poseidon,anti-submarine aircraft,8,,2012; 2013; 2014; 2015,New,$2 b deal (offsets 30% incl production of components in India); P-8I version,125,1000,1000",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-uae-puma-abbreviation",
        style="abbreviation+aid",
        text="The UAE gave Pakistan 14 second-hand Puma helicopters in 2009.",
        expected=(
            Expect(
                "United Arab Emirates", "Pakistan", "weapon", "Puma helicopters", "recorded",
                row="Pakistan,United Arab Emirates,2009,,14,,SA-330 Puma,helicopter,14,,2009,Second hand,Second-hand; aid; IAR-330SM version,2.4,33.6,33.6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-prc-il28-1965",
        style="abbreviation+historical",
        text="In 1965 the PRC agreed to supply Pakistan with four Il-28 bombers.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Il-28 bombers", "recorded",
                row="Pakistan,China,1965,?,4,,Il-28,bomber aircraft,4,,1966,New,H-5 (B-5) version; designated B-56 in Pakistan,7.2,28.8,28.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-bvs10-headline",
        style="headline+announcement+possessive",
        text="India's first BvS10 Sindhu vehicles from Sweden due next year",
        article_date="2025-11-01",
        expected=(
            Expect(
                "Sweden", "India", "weapon", "BvS10 Sindhu vehicles", "recorded",
                row="India,Sweden,2025,,18,?,BvS-10,armoured personnel carrier,0,,,New,Produced under licence in India as BvS-10 Sindhu,0.25,4.5,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-kj500-headline-yet",
        style="headline+negation+demonym",
        text="Pakistan has yet to receive Chinese KJ-500 radar planes",
        article_date="2025-12-05",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "KJ-500 radar planes", "partly_recorded",
                row="Pakistan,China,2025,?,,,Kj-500,airborne early-warning aircraft,0,,,New,Possibly selected but not yet ordered by end-2025,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-hermes-viraat-british-built",
        style="demonym-made+passive",
        text="The British-built aircraft carrier Hermes was sold to India in 1986 and recommissioned as INS Viraat.",
        expected=(
            Expect(
                "United Kingdom", "India", "weapon", "aircraft carrier Hermes", "recorded",
                row="India,United Kingdom,1986,,1,,Hermes,aircraft carrier,1,,1987,Second hand but modernized,Second-hand; $74 m deal; modernized before delivery; Indian designation Viraat,297,297,297",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-leander-supplied-by",
        style="supplied-by+historical",
        text="Most of the Indian Navy's early frigates were supplied by Britain, including the Leander-class ships built under licence in Mumbai as the Nilgiri class.",
        expected=(
            Expect(
                "United Kingdom", "India", "weapon", "Leander-class ships", "recorded",
                row="India,United Kingdom,1968,,2,,Leander,frigate,2,,1974; 1976,New,Produced under licence in India as Nilgiri,108,216,216",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-spyder-israeli-made",
        style="demonym-made+possessive",
        text="India's Israeli-made SPYDER air-defence systems were delivered between 2016 and 2018.",
        expected=(
            Expect(
                "Israel", "India", "weapon", "SPYDER air-defence systems", "recorded",
                row="India,Israel,2008,,18,,SPYDER-MR,surface-to-air missile system,18,?,2016; 2017; 2018,New,$1 b 'LLQRM' programme; incl production of components in India,45,810,810",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-qatar-oman-typhoons-in-return",
        style="two-directions+announcement+capital-metonym",
        text="Qatar will sell Turkey 12 second-hand Eurofighter Typhoons, and Ankara will take 12 more from Oman. In return, Turkey has supplied Qatar with hundreds of Ejder Yalcin armoured vehicles since 2017.",
        article_date="2025-11-10",
        expected=(
            Expect(
                "Qatar", "Turkiye", "weapon", "Eurofighter Typhoons", "recorded",
                row="Turkiye,Qatar,2025,,12,,Eurofighter Typhoon Tranche-3,fighter/ground-attack aircraft,0,,,Second hand,Second-hand; delivery planned 2026-2027; selected but not yet ordered by end-2025,23,276,0",
                file=REGISTER_2026,
            ),
            Expect(
                "Oman", "Turkiye", "weapon", "Eurofighter Typhoons", "recorded",
                row="Turkiye,Oman,2025,?,12,,Eurofighter Typhoon Tranche-3,fighter/ground-attack aircraft,0,,,Second hand,Second-hand; delivery planned 2028 after modernization in United Kingdom; selected but contract not yet signed by end-2025,23,276,0",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Qatar", "weapon", "Ejder Yalcin armoured vehicles", "recorded",
                row="Qatar,Turkiye,2016,?,310,?,Ejder Yalcin,armoured personnel carrier,310,?,2017; 2018; 2019; 2020; 2021; 2022,New,,0.35,108.5,108.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-saudi-akinci-c130-for-its-part",
        style="two-directions+announcement+capital-metonym+value",
        text="Turkey will supply Saudi Arabia with Akinci drones under a $3 billion deal signed in 2023. Riyadh, for its part, gave Ankara six used C-130E Hercules transports in 2011.",
        article_date="2025-02-15",
        expected=(
            Expect(
                "Turkiye", "Saudi Arabia", "weapon", "Akinci drones", "recorded",
                row="Saudi Arabia,Turkiye,2023,,,,Akinci,armed drone,0,,,New,Part of $3 b deal (incl other UAV and arms); incl production under licence in Saudi Arabia; delivery planned from 2026,4.5,0,0",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Saudi Arabia", "value", "$3 billion", "not_checkable"),
            Expect(
                "Saudi Arabia", "Turkiye", "weapon", "C-130E Hercules transports", "recorded",
                row="Turkiye,Saudi Arabia,2010,,6,,C-130E Hercules,transport aircraft,6,,2011,Second hand,Second-hand,9.6,57.6,57.6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="h-indonesia-cn235-never-reverse",
        style="two-directions+negation+transfer",
        text="Pakistan bought three CN-235 transport aircraft from Indonesia in 2002, but Indonesia has never bought weapons from Pakistan.",
        expected=(
            Expect(
                "Indonesia", "Pakistan", "weapon", "CN-235 transport aircraft", "recorded",
                row="Pakistan,Indonesia,2002,,3,,CN-235,transport aircraft,3,?,2004,New,Part of $49-54 m deal (incl $24 m for 1 more for VIP transport); CN-235-220 version,9,27,27",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Indonesia", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="h-tripoli-tb2-libya-f5-1975",
        style="two-directions+capital-metonym+historical",
        text="Turkey sent 12 Bayraktar TB2 drones to Tripoli in 2019, repaying a debt from 1975, when Libya sold Ankara seven F-5A fighters during the US arms embargo.",
        expected=(
            Expect(
                "Turkiye", "Libya", "weapon", "Bayraktar TB2 drones", "recorded",
                row="Libya,Turkiye,2019,,12,?,Bayraktar TB-2,armed drone,12,?,2019,New,,2.4,28.8,28.8",
                file=REGISTER_2026,
            ),
            Expect(
                "Libya", "Turkiye", "weapon", "F-5A fighters", "recorded",
                row="Turkiye,Libya,1975,?,7,,F-5A Freedom Fighter,fighter/ground-attack aircraft,7,,1975,Second hand,Second-hand; incl 1 or 2 F-5B trainer/combat version; delivered while Turkiye was under US arms embargo after invasion of Cyprus,3.2,22.4,22.4",
                file=REGISTER_2026,
            ),
        ),
    ),
)
