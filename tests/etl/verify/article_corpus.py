"""Test corpus for the article claim reader (issue 11): passages written the way journalists and
think-tank briefs write, each with the verdicts a careful researcher expects on each pair.

Data only. The passages were written without looking at the reader's code (etl/verify/claims.py,
etl/verify/verdicts.py), so the reader is tested on text it was not shaped around.

Each expectation that says `recorded` or `partly_recorded` quotes the register row that grounds it,
verbatim, one CSV line of the named shared SIPRI file (tests/etl/verify/test_article_corpus.py checks
that the line is in the file and that its Recipient/Supplier are the expectation's pair). Each
`not_recorded` weapon with both sides named lists `absent_terms`: words that no row of that release
on that supplier->recipient pair has in its designation or description (also checked).

The shared files are subsets (every deal with Pakistan, Turkiye or India on one side), so every
pair here has one of those three on one side.

`style` is one or more tags joined by "+", the first the main one.

Readings this corpus takes where the rules leave room (one line each, so the reader can be argued
with rather than silently fitted):
- "X sold Y ... in 2018" and "X agreed in 2021 to sell" date the order, not a delivery.
- "X and Y signed a deal for Z" states no direction: one expectation per direction.
- A side the text does not name is not guessed from the weapon's origin ("Pakistan bought J-10C
  fighters" is not_checkable, not China -> Pakistan).
- A negated delivery of a weapon SIPRI lists as ordered but undelivered (HQ-19) is partly_recorded:
  the deal is on the pair, the stage differs.
- "plans to acquire" a weapon SIPRI lists as selected but not yet ordered (J-35), with nothing
  delivered, is an open order: recorded.
- "Russia supplied ... in the 1980s" is Russia, never the Soviet Union: partly_recorded where
  Russia's own row on the pair has other years (T-72M1 delivered 1992-2001).
- An ordinal ("fourth Type 054A/P frigate") is not a quantity.
- The same claim can change verdict with the release (TB2: 6 delivered in the 2024 release, 9 in
  the 2025 one).
"""

from __future__ import annotations

from dataclasses import dataclass

REGISTER_2024 = "trade-register_2024-10-13.subset.csv"
REGISTER_2025 = "trade-register_2025-03-13.subset.csv"
REGISTER_2026 = "trade-register_2026-05-18.subset.csv"
REGISTER_FILES = {"2024": REGISTER_2024, "2025": REGISTER_2025, "2026": REGISTER_2026}
NEWEST_RELEASE = "2026"

KINDS = ("weapon", "value", "transfer")
VERDICTS = ("recorded", "partly_recorded", "not_recorded", "outside_coverage", "not_checkable")


@dataclass(frozen=True)
class Expect:
    supplier: str | None  # display name as in etl/reference/entities.csv; None where the text does not say
    recipient: str | None
    kind: str  # "weapon" | "value" | "transfer"
    text: str  # the weapon or the money as written in the passage; "" for a transfer part
    verdict: str  # recorded | partly_recorded | not_recorded | outside_coverage | not_checkable
    row: str = ""  # the register row that grounds it, verbatim from `file`; "" where nothing grounds it
    file: str = ""  # a shared SIPRI file name, e.g. REGISTER_2026
    # not_recorded weapons: words no row on the pair has in its designation or description
    # (compared with case, hyphens, spaces and diacritics folded: "TB2" finds "TB-2")
    absent_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    id: str
    style: str
    text: str
    expected: tuple[Expect, ...]
    release: str | None = None  # None = newest release in the store (2026); or "2024" / "2025"
    article_date: str | None = None  # ISO date anchoring "last week", "next year"
    no_claim: tuple[str, ...] = ()  # sentences of the passage that hold no arms-transfer claim


PASSAGES: tuple[Passage, ...] = (
    Passage(
        id="seed-tb2-akinci",
        style="multi-sentence+two-directions+announcement+outside-coverage",
        text="Turkey is expected to supply Pakistan with over 700 loitering munitions and a fleet of advanced Bayraktar TB2 and Akinci drones, estimated to be worth $900 million. In return, Pakistan will provide Turkey with mortar shells, artillery equipment, and other battlefield weapons.",
        article_date="2025-07-09",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "loitering munitions", "not_recorded",
                absent_terms=("loitering",),
            ),
            Expect(
                "Turkiye", "Pakistan", "weapon", "Bayraktar TB2", "partly_recorded",
                row="Pakistan,Turkiye,2021,?,9,?,Bayraktar TB-2,armed drone,9,?,2022; 2023; 2024,New,,2.4,21.6,21.6",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Pakistan", "weapon", "Akinci", "partly_recorded",
                row="Pakistan,Turkiye,2022,?,3,?,Akinci,armed drone,3,?,2023; 2024,New,,4.5,13.5,13.5",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Pakistan", "value", "$900 million", "not_checkable"),
            Expect("Pakistan", "Turkiye", "weapon", "mortar shells", "outside_coverage"),
            Expect(
                "Pakistan", "Turkiye", "weapon", "artillery equipment", "not_recorded",
                absent_terms=("artillery", "gun", "howitzer", "mortar", "rocket launcher"),
            ),
        ),
    ),
    Passage(
        id="songar-used",
        style="used+demonym-made+quote-attribution",
        text="Indian army briefings said Pakistani troops had used Turkish-built Songar drones against forward posts in Kupwara earlier this month.",
        article_date="2025-05-20",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Songar drones", "not_recorded",
                absent_terms=("songar",),
            ),
        ),
    ),
    Passage(
        id="j10c-used",
        style="used+demonym-made+possessive",
        text="Pakistan's air force used Chinese-made J-10C fighters armed with PL-15 missiles in the clash on 7 May, officials in Islamabad said.",
        article_date="2025-05-12",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "J-10C fighters", "recorded",
                row="Pakistan,China,2021,,25,?,J-10C,fighter/ground-attack aircraft,20,?,2022; 2023,New,FC-20E (J-10CE) version,37.5,937.5,750",
                file=REGISTER_2026,
            ),
            Expect(
                "China", "Pakistan", "weapon", "PL-15 missiles", "recorded",
                row="Pakistan,China,2020,?,600,?,PL-15E,long-range air-to-air missile,210,?,2021; 2024; 2025,New,For JF-17 Block-3 and J-10C combat aircraft,0.8,480,168",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="j10ce-beijing",
        style="capital-metonym+multi-sentence",
        text="Beijing agreed in 2021 to sell Islamabad 25 J-10CE fighters. Twenty of the J-10CEs had been delivered by the end of 2023.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "J-10CE fighters", "recorded",
                row="Pakistan,China,2021,,25,?,J-10C,fighter/ground-attack aircraft,20,?,2022; 2023,New,FC-20E (J-10CE) version,37.5,937.5,750",
                file=REGISTER_2026,
            ),
            Expect(
                "China", "Pakistan", "weapon", "J-10CEs", "recorded",
                row="Pakistan,China,2021,,25,?,J-10C,fighter/ground-attack aircraft,20,?,2022; 2023,New,FC-20E (J-10CE) version,37.5,937.5,750",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="milgem-ankara",
        style="capital-metonym+multi-sentence",
        text="Ankara is building four MilGem-class warships for the Pakistan Navy under a contract signed in 2018. The first two frigates were handed over in 2023 and 2025.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "MilGem-class warships", "recorded",
                row="Pakistan,Turkiye,2018,,4,,MilGem,frigate,2,,2023; 2025,New,Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan,205,820,410",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Pakistan", "weapon", "frigates", "recorded",
                row="Pakistan,Turkiye,2018,,4,,MilGem,frigate,2,,2023; 2025,New,Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan,205,820,410",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="tb2-took-delivery-2025",
        style="received-from",
        text="Between 2022 and 2024 the Pakistan Air Force took delivery of nine Bayraktar TB2s from Türkiye.",
        release="2025",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Bayraktar TB2s", "recorded",
                row="Pakistan,Turkiye,2021,?,9,?,Bayraktar TB2,armed UAV,9,,2022; 2023; 2024,New,,2.4,21.6,21.6",
                file=REGISTER_2025,
            ),
        ),
    ),
    Passage(
        id="tb2-received-2024",
        style="received-from+wrong-quantity",
        text="Pakistan received nine TB2 drones from Turkey in 2022-2024, the Turkish manufacturer says.",
        release="2024",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "TB2 drones", "partly_recorded",
                row="Pakistan,Turkiye,2021,?,,,Bayraktar TB2,armed UAV,6,?,2022; 2023,New,,2.4,0,14.4",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="akinci-dozen",
        style="wrong-quantity+quote-attribution",
        text="Turkey has so far delivered 12 Akinci combat drones to Pakistan, according to a Pakistani defence ministry filing.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Akinci combat drones", "partly_recorded",
                row="Pakistan,Turkiye,2022,?,3,?,Akinci,armed drone,3,?,2023; 2024,New,,4.5,13.5,13.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="mrtp33-year",
        style="wrong-year+received-from",
        text="Pakistan received two MRTP-33 fast attack craft from Turkey in 2015.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "MRTP-33 fast attack craft", "partly_recorded",
                row="Pakistan,Turkiye,2006,,2,,MRTP-33,missile boat,2,,2007; 2008,New,Pakistani designation Kaan-33,25.1,50.2,50.2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="panter-possessive",
        style="possessive",
        text="Turkey's Panter howitzers for the Pakistan Army were ordered in 2009.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Panter howitzers", "recorded",
                row="Pakistan,Turkiye,2009,?,60,?,Panter 155mm,towed gun,60,?,2011; 2012; 2013,New,Incl production under licence in Pakistan,1.1,66,66",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="armenia-swathi-pinaka",
        style="multi-sentence+capital-metonym+no-claim",
        text="New Delhi delivered four Swathi weapon-locating radars to Yerevan in 2021 and has since shipped Pinaka multiple rocket launchers. Armenia's defence minister visited New Delhi in October to discuss further cooperation.",
        expected=(
            Expect(
                "India", "Armenia", "weapon", "Swathi weapon-locating radars", "recorded",
                row="Armenia,India,2020,,4,,Swathi,artillery locating radar,4,?,2021,New,$40 m deal,8,32,32",
                file=REGISTER_2026,
            ),
            Expect(
                "India", "Armenia", "weapon", "Pinaka multiple rocket launchers", "recorded",
                row="Armenia,India,2023,?,24,?,Pinaka 214mm,multiple rocket launcher,24,?,2023; 2024,New,Pinaka Mk-2 version,0.6,14.4,14.4",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Armenia's defence minister visited New Delhi in October to discuss further cooperation.",
        ),
    ),
    Passage(
        id="atags-armenia",
        style="announcement+quote-attribution",
        text="India will deliver six ATAGS towed howitzers to Armenia this year, officials in Yerevan said.",
        article_date="2025-02-14",
        expected=(
            Expect(
                "India", "Armenia", "weapon", "ATAGS towed howitzers", "recorded",
                row="Armenia,India,2022,,6,?,ATAGS 155mm,towed gun,0,,,New,$155 m deal,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="mig21-ussr",
        style="historical-state",
        text="The USSR supplied India with hundreds of MiG-21 fighters from the 1960s onwards.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "MiG-21 fighters", "recorded",
                row="India,Soviet Union,1962,?,256,?,MiG-21PF,fighter aircraft,256,?,1964; 1965; 1966; 1967; 1968; 1969; 1970; 1971; 1972; 1973,New,Incl some 200 produced under licence in India; MiG-21FL version; Indian designation Type-77,9.75,2496,2496",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="kilo-ussr-passive",
        style="historical-state+passive",
        text="Eight Kilo-class submarines were delivered to India by the Soviet Union between 1986 and 1991.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "Kilo-class submarines", "recorded",
                row="India,Soviet Union,1984,?,8,,Project-877E,submarine,8,,1986; 1987; 1988; 1989; 1990; 1991,New,Type-877EM version; Indian designation Sindhughosh,220,1760,1760",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="t55-ussr-pakistan",
        style="historical-state",
        text="In 1968 the Soviet Union agreed to sell Pakistan 100 T-55 tanks, a brief opening that ended after the 1971 war.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "Pakistan", "weapon", "T-55 tanks", "recorded",
                row="Pakistan,Soviet Union,1968,?,100,?,T-55,tank,100,?,1968,New,,1.25,125,125",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="czech-apcs",
        style="historical-state",
        text="Czechoslovakia shipped OT-64 and OT-62 Topas armoured personnel carriers to the Indian Army.",
        expected=(
            Expect(
                "Czechoslovakia", "India", "weapon", "OT-64", "recorded",
                row="India,Czechoslovakia,1969,?,300,?,OT-64A,armoured personnel carrier,300,?,1971; 1972; 1973; 1974,New,,0.3,90,90",
                file=REGISTER_2026,
            ),
            Expect(
                "Czechoslovakia", "India", "weapon", "OT-62 Topas", "recorded",
                row="India,Czechoslovakia,1967,?,300,?,OT-62A TOPAS,armoured personnel carrier,300,?,1969; 1970; 1971; 1972,New,,0.27,81,81",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="s400-moscow-qty",
        style="capital-metonym+wrong-quantity",
        text="Moscow has so far handed New Delhi four S-400 Triumf systems.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "S-400 Triumf systems", "partly_recorded",
                row="India,Russia,2018,,10,,S-400 Triumf,surface-to-air missile system,6,,2021; 2022; 2023,New,INR390 b ($5.4 b) deal; delivery planned 2021-2027,65,650,390",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="rafale-2016",
        style="wrong-year+value",
        text="India ordered 36 Rafale fighters from France in 2016 for about EUR7.8 billion.",
        expected=(
            Expect(
                "France", "India", "weapon", "Rafale fighters", "partly_recorded",
                row="India,France,2017,,36,,Rafale,fighter/ground-attack aircraft,36,?,2019; 2020; 2021; 2022,New,EUR7.8 b deal (incl EUR5.2 b for aircraft EUR1.8 b for spare parts and EUR710 m for armament; 50% offsets incl 20% as production of components in India); Rafale-EH version (incl 8 Rafale-DH trainer/combat version),55,1980,1980",
                file=REGISTER_2026,
            ),
            Expect("France", "India", "value", "EUR7.8 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="rafale-m-dassault",
        style="maker+announcement",
        text="Dassault Aviation will build 26 Rafale Marine jets for the Indian Navy under the deal signed on Monday.",
        article_date="2025-04-30",
        expected=(
            Expect(
                "France", "India", "weapon", "Rafale Marine jets", "recorded",
                row="India,France,2025,,26,,Rafale F-4,fighter/ground-attack aircraft,0,,,New,INR630 b ($7.4 b) 'Multi-Role Carrier-Borne Fighter' programme; incl 22 Rafale-M version for use on aircraft carriers and 4 Rafale-B trainer/combat version; delivery planned 2028-2030,60,1560,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="mh60r-us",
        style="abbreviation+received-from",
        text="Since 2021 the U.S. has delivered 20 MH-60R Seahawk helicopters to the Indian Navy.",
        expected=(
            Expect(
                "United States", "India", "weapon", "MH-60R Seahawk helicopters", "recorded",
                row="India,United States,2020,,24,,MH-60R Seahawk,anti-submarine helicopter,20,?,2021; 2022; 2023; 2024; 2025,New,$2.6 b 'N-MRH' programme; delivery planned 2021-2026,16.5,396,330",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="j35-plan",
        style="announcement+quote-attribution",
        text="Pakistan plans to acquire 40 J-35 stealth fighters from China, Pakistani officials said.",
        article_date="2025-06-10",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "J-35 stealth fighters", "recorded",
                row="Pakistan,China,2025,?,40,,J-35,fighter/ground-attack aircraft,0,,,New,Probably selected but not yet ordered by end-2025,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="f16-never-turkey",
        style="negation",
        text="Turkey has never sold F-16 fighters to Pakistan.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "F-16 fighters", "not_recorded",
                absent_terms=("f16",),
            ),
        ),
    ),
    Passage(
        id="054a-denied-contradicted",
        style="negation",
        text="Contrary to what some commentators claim, China has not delivered any Type 054A frigates to Pakistan.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Type 054A frigates", "recorded",
                row="Pakistan,China,2017,,4,,Type-054A,frigate,4,,2021; 2022; 2023,New,Type-54A/P version; Pakistani designation Tughril,335,1340,1340",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="leopard-denied",
        style="negation+quote-attribution",
        text="German officials denied that Germany had ever delivered Leopard 2 tanks to Turkey.",
        expected=(
            Expect(
                "Germany", "Turkiye", "weapon", "Leopard 2 tanks", "recorded",
                row="Turkiye,Germany,2005,,298,?,Leopard-2A4,tank,298,?,2006; 2007; 2008; 2009; 2010,Second hand,Second-hand (but modernized to Leopard-2NG after delivery in Turkey); EUR365 m deal,1.6,476.8,476.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="f35-refused",
        style="negation+capital-metonym+demonym-made",
        text="Washington refused to sell F-35 stealth fighters to Ankara after Turkey bought Russian S-400 air defence systems.",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "F-35 stealth fighters", "not_recorded",
                absent_terms=("f35",),
            ),
            Expect(
                "Russia", "Turkiye", "weapon", "S-400 air defence systems", "recorded",
                row="Turkiye,Russia,2017,,2,?,S-400 Triumf,surface-to-air missile system,2,?,2019,New,Version for Turkiye incl Turkish components,65,130,130",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="brahmos-vietnam",
        style="negation+maker",
        text="India has not sold BrahMos missiles to Vietnam, but BrahMos Aerospace delivered the first BrahMos batteries to the Philippines in 2024.",
        expected=(
            Expect(
                "India", "Viet Nam", "weapon", "BrahMos missiles", "not_recorded",
                absent_terms=("brahmos",),
            ),
            Expect(
                "India", "Philippines", "weapon", "BrahMos batteries", "recorded",
                row="Philippines,India,2022,,60,?,PJ-10 BrahMos,anti-ship/land-attack missile,40,?,2024; 2025,New,Part of PHP19 b ($375 m) deal; for NGMMCB coastal defence systems,1.4,84,56",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="hurjet-no-direction",
        style="no-direction+announcement",
        text="Turkey and Pakistan signed a deal for Hurjet jet trainers last week.",
        article_date="2025-09-10",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Hurjet jet trainers", "not_recorded",
                absent_terms=("hurjet",),
            ),
            Expect(
                "Pakistan", "Turkiye", "weapon", "Hurjet jet trainers", "not_recorded",
                absent_terms=("hurjet",),
            ),
        ),
    ),
    Passage(
        id="su30-no-direction",
        style="no-direction+announcement",
        text="India and Russia signed a contract for 12 more Su-30MKI fighters this month.",
        article_date="2024-12-20",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Su-30MKI fighters", "recorded",
                row="India,Russia,2024,,12,,Su-30MK,fighter/ground-attack aircraft,0,,,New,INR135 b ($1.5 b) deal; Su-30MKI version; produced under licence in India; delivery planned by 2027,55,660,0",
                file=REGISTER_2026,
            ),
            Expect(
                "India", "Russia", "weapon", "Su-30MKI fighters", "not_recorded",
                absent_terms=("su30",),
            ),
        ),
    ),
    Passage(
        id="shells-for-t129",
        style="two-directions+outside-coverage+announcement",
        text="Pakistan will send Turkey 155mm artillery shells, and Turkey will send Pakistan T129 attack helicopters.",
        expected=(
            Expect("Pakistan", "Turkiye", "weapon", "155mm artillery shells", "outside_coverage"),
            Expect(
                "Turkiye", "Pakistan", "weapon", "T129 attack helicopters", "not_recorded",
                absent_terms=("t129",),
            ),
        ),
    ),
    Passage(
        id="falcon-rafale",
        style="two-directions+announcement",
        text="India will build Falcon 2000 jets for France, and France will supply India with more Rafale fighters.",
        article_date="2025-06-01",
        expected=(
            Expect(
                "India", "France", "weapon", "Falcon 2000 jets", "recorded",
                row="France,India,2025,,5,,Falcon-2000,transport aircraft,0,,,New,Part of EUR1.3 b 'AVSIMAR' programme (incl 7 ordered earlier); French design produced under licence in India for France; for modification to Falcon-2000MP maritime patrol aircraft in France,17.25,86.25,0",
                file=REGISTER_2026,
            ),
            Expect(
                "France", "India", "weapon", "Rafale fighters", "recorded",
                row="India,France,2025,,26,,Rafale F-4,fighter/ground-attack aircraft,0,,,New,INR630 b ($7.4 b) 'Multi-Role Carrier-Borne Fighter' programme; incl 22 Rafale-M version for use on aircraft carriers and 4 Rafale-B trainer/combat version; delivery planned 2028-2030,60,1560,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="azerbaijan-jf17",
        style="multi-sentence+capital-metonym+value",
        text="Azerbaijan has bought 40 JF-17 Block III fighters from Pakistan in a deal reported at $4.6 billion. Baku also ordered ASELPOD targeting pods for the jets from Turkey.",
        article_date="2025-11-20",
        expected=(
            Expect(
                "Pakistan", "Azerbaijan", "weapon", "JF-17 Block III fighters", "recorded",
                row="Azerbaijan,Pakistan,2025,?,40,,JF-17 Thunder Block-3,fighter/ground-attack aircraft,5,?,2025,New,$4.6 b deal (incl armament and $2 b for support); delivery probably planned 2025-2027,23.8,952,119",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Azerbaijan", "value", "$4.6 billion", "not_checkable"),
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "ASELPOD targeting pods", "recorded",
                row="Azerbaijan,Turkiye,2025,?,40,,ASELPOD,aircraft electro-optical system,0,,,New,For 40 JF-17 Block-3 combat aircraft from Pakistan,1,40,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="india-exports-imports",
        style="export-import",
        text="India has exported Do-228 maritime patrol aircraft to Mauritius and has imported Heron drones from Israel.",
        expected=(
            Expect(
                "India", "Mauritius", "weapon", "Do-228 maritime patrol aircraft", "recorded",
                row="Mauritius,India,2014,,1,,Do-228MP,maritime patrol aircraft,1,,2016,New,,7,7,7",
                file=REGISTER_2026,
            ),
            Expect(
                "Israel", "India", "weapon", "Heron drones", "recorded",
                row="India,Israel,2009,?,16,?,Heron,reconnaissance drone,16,?,2012; 2013,New,INR11.2 b ($239 m) deal,3,48,48",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="mushshak-aselpod-for-its-part",
        style="two-directions+capital-metonym+multi-sentence",
        text="Islamabad has supplied Ankara with 52 Super Mushshak trainers since 2022. Ankara, for its part, has supplied Islamabad with ASELPOD targeting pods for its JF-17 fleet.",
        expected=(
            Expect(
                "Pakistan", "Turkiye", "weapon", "Super Mushshak trainers", "recorded",
                row="Turkiye,Pakistan,2017,,52,,MFI-17 Supporter,(armed) trainer aircraft,52,?,2022; 2023; 2024; 2025,New,$50 m deal; MFI-395 Super Mushshak version,0.24,12.48,12.48",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Pakistan", "weapon", "ASELPOD targeting pods", "recorded",
                row="Pakistan,Turkiye,2017,,16,,ASELPOD,aircraft electro-optical system,16,?,2018,New,$25 m deal; for JF-17 combat aircraft,1,16,16",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="akinci-azerbaijan-no-direction",
        style="no-direction",
        text="Turkey and Azerbaijan signed a deal on Akinci drones in 2022.",
        expected=(
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "Akinci drones", "recorded",
                row="Azerbaijan,Turkiye,2022,?,4,?,Akinci,armed drone,4,,2024; 2025,New,Incl 2 Akinic-A and 2 Akinic-B versions,4.5,18,18",
                file=REGISTER_2026,
            ),
            Expect(
                "Azerbaijan", "Turkiye", "weapon", "Akinci drones", "not_recorded",
                absent_terms=("akinci",),
            ),
        ),
    ),
    Passage(
        id="ak203-rifles",
        style="outside-coverage",
        text="Russia will supply India with 70,000 AK-203 assault rifles under the deal.",
        expected=(
            Expect("Russia", "India", "weapon", "AK-203 assault rifles", "outside_coverage"),
        ),
    ),
    Passage(
        id="armour-helmets-armenia",
        style="outside-coverage+multi-sentence+no-claim",
        text="India has also sent body armour and helmets to Armenia. The two countries' foreign ministers met in Yerevan in March.",
        expected=(
            Expect("India", "Armenia", "weapon", "body armour", "outside_coverage"),
            Expect("India", "Armenia", "weapon", "helmets", "outside_coverage"),
        ),
        no_claim=(
            "The two countries' foreign ministers met in Yerevan in March.",
        ),
    ),
    Passage(
        id="kirpi-ammo-kyiv",
        style="outside-coverage+capital-metonym",
        text="Ankara shipped Kirpi armoured vehicles and ammunition to Kyiv in 2022.",
        expected=(
            Expect(
                "Turkiye", "Ukraine", "weapon", "Kirpi armoured vehicles", "recorded",
                row="Ukraine,Turkiye,2022,,200,?,Kirpi,armoured personnel carrier,200,?,2022; 2023; 2024,Second hand,Second-hand,0.14,28,28",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Ukraine", "weapon", "ammunition", "outside_coverage"),
        ),
    ),
    Passage(
        id="pof-small-arms",
        style="outside-coverage+maker",
        text="Pakistan Ordnance Factories will export small arms and mortar bombs to Bangladesh.",
        expected=(
            Expect("Pakistan", "Bangladesh", "weapon", "small arms", "outside_coverage"),
            Expect("Pakistan", "Bangladesh", "weapon", "mortar bombs", "outside_coverage"),
        ),
    ),
    Passage(
        id="trucks-goggles-azerbaijan",
        style="outside-coverage+possessive",
        text="Turkey delivered military trucks and night-vision goggles to Azerbaijan's army in 2020.",
        expected=(
            Expect("Turkiye", "Azerbaijan", "weapon", "military trucks", "outside_coverage"),
            Expect("Turkiye", "Azerbaijan", "weapon", "night-vision goggles", "outside_coverage"),
        ),
    ),
    Passage(
        id="j10c-no-supplier",
        style="one-side-missing",
        text="Pakistan bought J-10C fighters in 2021.",
        expected=(
            Expect(None, "Pakistan", "weapon", "J-10C fighters", "not_checkable"),
        ),
    ),
    Passage(
        id="tb2-no-recipient",
        style="one-side-missing+maker",
        text="Baykar has exported the TB2 to more than 30 countries.",
        expected=(
            Expect("Turkiye", None, "weapon", "TB2", "not_checkable"),
        ),
    ),
    Passage(
        id="uae-tb2-two-orders",
        style="abbreviation+maker+second-order",
        text="The UAE ordered 20 Bayraktar TB2 drones from Baykar in 2022 and placed a second order for 60 more TB2s later that year.",
        expected=(
            Expect(
                "Turkiye", "United Arab Emirates", "weapon", "Bayraktar TB2 drones", "recorded",
                row="United Arab Emirates,Turkiye,2022,?,20,?,Bayraktar TB-2,armed drone,20,?,2023,New,,2.4,48,48",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "United Arab Emirates", "weapon", "TB2s", "recorded",
                row="United Arab Emirates,Turkiye,2022,?,60,?,Bayraktar TB-2,armed drone,0,,,New,,2.4,144,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="wingloong-prc",
        style="abbreviation+capital-metonym",
        text="The PRC sold 48 Wing Loong II armed drones to Islamabad in 2018.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Wing Loong II armed drones", "recorded",
                row="Pakistan,China,2018,?,48,?,Wing Loong-2,armed drone,23,?,2021; 2022; 2023; 2024; 2025,New,Possibly assembles or produced under licenec in Pakistan,4,192,92",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="ksa-mushshak",
        style="abbreviation",
        text="In 2004 the KSA ordered 20 MFI-17 Super Mushshak trainers from Pakistan.",
        expected=(
            Expect(
                "Pakistan", "Saudi Arabia", "weapon", "MFI-17 Super Mushshak trainers", "recorded",
                row="Saudi Arabia,Pakistan,2004,,20,,MFI-17 Supporter,(armed) trainer aircraft,20,?,2005,New,$34 m deal; Super Mushshak version,0.24,4.8,4.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="k9-rok-hanwha",
        style="abbreviation+maker+possessive",
        text="The ROK's Hanwha Defense has supplied India with 100 K9 Vajra self-propelled howitzers ordered in 2017.",
        expected=(
            Expect(
                "South Korea", "India", "weapon", "K9 Vajra self-propelled howitzers", "recorded",
                row="India,South Korea,2017,,100,,K-9 Thunder 155mm,self-propelled gun,100,?,2018; 2019; 2020; 2021,New,INR44 b ($646-700 m) deal; incl production under licence in India as K-9 Vajra-T,4.34,434,434",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="type21-uk",
        style="abbreviation+historical",
        text="In 1993 the UK sold Pakistan six second-hand Type 21 (Amazon-class) frigates.",
        expected=(
            Expect(
                "United Kingdom", "Pakistan", "weapon", "Type 21 (Amazon-class) frigates", "recorded",
                row="Pakistan,United Kingdom,1993,,6,,Amazon,frigate,6,,1993; 1994,Second hand,Second-hand; deal worth $90 m; Pakistani designation Tariq Class,90,540,540",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="f16v-us",
        style="abbreviation+announcement+quote-attribution",
        text="The U.S. has agreed to sell Turkey 40 new F-16 Block 70 jets, the State Department said.",
        article_date="2024-02-01",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "F-16 Block 70 jets", "recorded",
                row="Turkiye,United States,2024,,40,,F-16V Viper,fighter/ground-attack aircraft,0,,,New,,40,1600,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="typhoon-whitehall",
        style="capital-metonym+announcement+value",
        text="Whitehall has agreed to sell Ankara 20 Eurofighter Typhoons in a deal worth £5.4 billion.",
        article_date="2025-11-05",
        expected=(
            Expect(
                "United Kingdom", "Turkiye", "weapon", "Eurofighter Typhoons", "recorded",
                row="Turkiye,United Kingdom,2025,,20,,Eurofighter Typhoon Tranche-4,fighter/ground-attack aircraft,0,,,New,GBP5.4 b deal ($7.2 b; part of GBP8 b/$10.7 b deal incl GBP2.6 b for training and support); option on 20 more; Typhoon Tranche-4+ version; delivery planned 2030-2032,0,0,0",
                file=REGISTER_2026,
            ),
            Expect("United Kingdom", "Turkiye", "value", "£5.4 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="kaan-jakarta-headline",
        style="headline+capital-metonym+announcement",
        text="Ankara to sell 48 KAAN fighters to Jakarta",
        article_date="2025-06-12",
        expected=(
            Expect(
                "Turkiye", "Indonesia", "weapon", "KAAN fighters", "not_recorded",
                absent_terms=("kaan",),
            ),
        ),
    ),
    Passage(
        id="054a-headline",
        style="headline",
        text="China hands over fourth Type 054A/P frigate to Pakistan Navy",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Type 054A/P frigate", "recorded",
                row="Pakistan,China,2017,,4,,Type-054A,frigate,4,,2021; 2022; 2023,New,Type-54A/P version; Pakistani designation Tughril,335,1340,1340",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="hangor-indian-officials",
        style="quote-attribution+capital-metonym+announcement",
        text="Beijing will deliver the first of eight Hangor-class submarines to Pakistan in 2026, Indian naval officials said.",
        article_date="2025-11-01",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Hangor-class submarines", "recorded",
                row="Pakistan,China,2015,,8,,S-26,submarine,0,,,New,$4-5 b deal; incl 4 produced under licence in Pakistan; designated Hangor in Pakistan; delivery planned 2026-2028 (delayed from 2022-2024),0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="bangladesh-tb2-comparison",
        style="comparison",
        text="Turkey, which has overtaken Israel as a drone exporter, sold six Bayraktar TB2s to Bangladesh in 2022.",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "Bayraktar TB2s", "recorded",
                row="Bangladesh,Turkiye,2022,?,6,?,Bayraktar TB-2,armed drone,6,,2023,New,,2.4,14.4,14.4",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="mq9b-comparison",
        style="comparison+value",
        text="India, which overtook Saudi Arabia as the world's largest arms importer, ordered 31 MQ-9B drones from the United States for $3.8 billion in October 2024.",
        expected=(
            Expect(
                "United States", "India", "weapon", "MQ-9B drones", "recorded",
                row="India,United States,2024,,31,,MQ-9 Reaper,armed drone,0,,,New,INR320 b ($3.8 b) deal; incl 15 SeaGuardian and 16 SkyGuardian versions; incl assembly or production under licence of 21 in India,7.5,232.5,0",
                file=REGISTER_2026,
            ),
            Expect("United States", "India", "value", "$3.8 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="russia-t72-1980s",
        style="historical-state+wrong-year",
        text="Russia supplied India with T-72 tanks in the 1980s.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "T-72 tanks", "partly_recorded",
                row="India,Russia,1980,?,600,?,T-72M1,tank,600,?,1992; 1993; 1994; 1995; 1996; 1997; 1998; 1999; 2000; 2001,New,Indian designation Ajeya; ordered from Soviet Union and produced under Russian licence after break-up of Soviet Union,2.6,1560,1560",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="ussr-never-mig21-pakistan",
        style="historical-state+negation",
        text="The Soviet Union never supplied MiG-21 fighters to Pakistan.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "Pakistan", "weapon", "MiG-21 fighters", "not_recorded",
                absent_terms=("mig21",),
            ),
        ),
    ),
    Passage(
        id="guler-visit",
        style="multi-sentence+no-claim+announcement",
        text="Turkish Defence Minister Yaşar Güler visited Islamabad on Tuesday and met Army Chief General Asim Munir. The two sides agreed to share intelligence on militant groups operating along the Afghan border. Güler also confirmed that Turkey would deliver the last two MilGem frigates to Pakistan by 2026.",
        article_date="2025-04-10",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "MilGem frigates", "recorded",
                row="Pakistan,Turkiye,2018,,4,,MilGem,frigate,2,,2023; 2025,New,Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan,205,820,410",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Turkish Defence Minister Yaşar Güler visited Islamabad on Tuesday and met Army Chief General Asim Munir.",
            "The two sides agreed to share intelligence on militant groups operating along the Afghan border.",
        ),
    ),
    Passage(
        id="trade-target-moawin",
        style="multi-sentence+no-claim+demonym-made",
        text="Ankara and Islamabad aim to raise bilateral trade to $5 billion by 2028. Turkish firms already supply Pakistan's air force with ASELPOD targeting pods and have built a fleet tanker, PNS Moawin, for its navy.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "ASELPOD targeting pods", "recorded",
                row="Pakistan,Turkiye,2016,,8,,ASELPOD,aircraft electro-optical system,8,?,2017,New,$25 m deal; for JF-17 combat aircraft,1,8,8",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Pakistan", "weapon", "Moawin", "recorded",
                row="Pakistan,Turkiye,2013,,1,,Moawin,replenishment tanker,1,,2018,New,$80 m deal; produced under licence in Pakistan as Moawin,88,88,88",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Ankara and Islamabad aim to raise bilateral trade to $5 billion by 2028.",
        ),
    ),
    Passage(
        id="varuna-scorpene",
        style="multi-sentence+no-claim+demonym-made+capital-metonym",
        text="The Indian and French navies held their annual Varuna exercise off Goa last month. The Indian Navy already operates six French-designed Scorpene submarines built in Mumbai under licence. New Delhi also ordered Exocet and MICA missiles for its Rafales from France this year.",
        article_date="2025-10-01",
        expected=(
            Expect(
                "France", "India", "weapon", "Scorpene submarines", "recorded",
                row="India,France,2005,,6,,Scorpene,submarine,6,,2017; 2019; 2021; 2022; 2025,New,INR207-237 b ($3.2-4.5 b) 'Project-75' programme; produced under licence in India as Kalvari; delivery planned 2017-2025 (delayed from 2012-2017),299.52,1797.12,1797.12",
                file=REGISTER_2026,
            ),
            Expect(
                "France", "India", "weapon", "Exocet", "recorded",
                row="India,France,2025,,,,AM-39 Exocet,anti-ship missile,0,,,New,For Rafale combat aircraft,0.75,0,0",
                file=REGISTER_2026,
            ),
            Expect(
                "France", "India", "weapon", "MICA missiles", "recorded",
                row="India,France,2025,,,,MICA,long-range air-to-air missile,0,,,New,For Rafale combat aircraft,0.4,0,0",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "The Indian and French navies held their annual Varuna exercise off Goa last month.",
        ),
    ),
    Passage(
        id="analysts-z10-cobra",
        style="multi-sentence+no-claim+demonym-made+capital-metonym",
        text="Analysts in Washington see Pakistan's turn to Chinese hardware as irreversible. Islamabad took delivery of its first Z-10ME attack helicopters from China in 2025, and the Pakistan Army still flies American AH-1F Cobras supplied in 2007.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "Z-10ME attack helicopters", "recorded",
                row="Pakistan,China,2021,?,30,?,Z-10,combat helicopter,1,?,2025,New,Z-10ME version,12,360,12",
                file=REGISTER_2026,
            ),
            Expect(
                "United States", "Pakistan", "weapon", "AH-1F Cobras", "recorded",
                row="Pakistan,United States,2004,,12,?,AH-1F Cobra,combat helicopter,12,?,2007,Second hand but modernized,Second-hand but modernized before delivery; $48 m 'FMF' aid; 20-28 more for spare parts only,4.95,59.4,59.4",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Analysts in Washington see Pakistan's turn to Chinese hardware as irreversible.",
        ),
    ),
    Passage(
        id="budget-skystriker-c295",
        style="multi-sentence+no-claim+capital-metonym",
        text="India's defence budget rose to about $75 billion this year. Much of the capital spending goes abroad: New Delhi has ordered SkyStriker loitering munitions from Israel and C-295 transport aircraft from Spain.",
        article_date="2025-08-01",
        expected=(
            Expect(
                "Israel", "India", "weapon", "SkyStriker loitering munitions", "recorded",
                row="India,Israel,2021,,100,,SkyStriker,loitering munition,0,,,New,INR1 b ($14 m) deal,0.15,15,0",
                file=REGISTER_2026,
            ),
            Expect(
                "Spain", "India", "weapon", "C-295 transport aircraft", "recorded",
                row="India,Spain,2021,,56,,C-295,transport aircraft,16,,2023; 2024; 2025,New,INR130 b 'Light Tactical Transport Procurement' (LTTP) programme (incl 40 assembled or produced under licence in India); C-295MW version; delivery planned 2023-2032,12.5,700,200",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "India's defence budget rose to about $75 billion this year.",
        ),
    ),
    Passage(
        id="intel-hq19",
        style="multi-sentence+no-claim+negation+capital-metonym",
        text="Pakistan and China have stepped up intelligence sharing on Indian troop movements, according to a senior official. Beijing has not, however, delivered the HQ-19 missile-defence system that Islamabad is said to want.",
        article_date="2025-12-01",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "HQ-19 missile-defence system", "partly_recorded",
                row="Pakistan,China,2025,?,,,HQ-19,anti-ballistic missile system,0,,,New,Delivery possibly planned 2026,0,0,0",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Pakistan and China have stepped up intelligence sharing on Indian troop movements, according to a senior official.",
        ),
    ),
    Passage(
        id="poland-tb2-2019",
        style="multi-sentence+wrong-year+value",
        text="Poland bought 24 Bayraktar TB2 drones from Turkey in 2019 for $268 million. Deliveries of the TB2s ran from 2022 to 2024.",
        expected=(
            Expect(
                "Turkiye", "Poland", "weapon", "Bayraktar TB2 drones", "partly_recorded",
                row="Poland,Turkiye,2021,,24,,Bayraktar TB-2,armed drone,24,,2022; 2023; 2024,New,$268 m deal,2.4,57.6,57.6",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Poland", "value", "$268 million", "not_checkable"),
            Expect(
                "Turkiye", "Poland", "weapon", "TB2s", "recorded",
                row="Poland,Turkiye,2021,,24,,Bayraktar TB-2,armed drone,24,,2022; 2023; 2024,New,$268 m deal,2.4,57.6,57.6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="nigeria-jf17-aselpod",
        style="demonym-made+received-from",
        text="Nigeria took delivery of three JF-17 Thunder jets from Pakistan in 2021, along with Turkish ASELPOD pods to fit them.",
        expected=(
            Expect(
                "Pakistan", "Nigeria", "weapon", "JF-17 Thunder jets", "recorded",
                row="Nigeria,Pakistan,2016,?,3,,JF-17 Thunder Block-3,fighter/ground-attack aircraft,3,,2021,New,$184 m deal,23.8,71.4,71.4",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Nigeria", "weapon", "ASELPOD pods", "recorded",
                row="Nigeria,Turkiye,2016,?,3,?,ASELPOD,aircraft electro-optical system,3,?,2021,New,For JF-17 combat aircraft from Pakistan,1,3,3",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="t129-tai-exports",
        style="maker",
        text="Turkish Aerospace has exported T129 ATAK attack helicopters to the Philippines and Nigeria.",
        expected=(
            Expect(
                "Turkiye", "Philippines", "weapon", "T129 ATAK attack helicopters", "recorded",
                row="Philippines,Turkiye,2020,,6,,T-129B ATAK,combat helicopter,6,,2022; 2024,New,PHP12-9-13.8 b (USD270 m) deal,10.5,63,63",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Nigeria", "weapon", "T129 ATAK attack helicopters", "recorded",
                row="Nigeria,Turkiye,2022,,6,,T-129B ATAK,combat helicopter,6,,2023; 2024,New,,10.5,63,63",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="leonardo-atr72",
        style="maker+demonym-made",
        text="Leonardo delivered six ATR 72 maritime patrol aircraft to the Turkish Navy between 2020 and 2023.",
        expected=(
            Expect(
                "Italy", "Turkiye", "weapon", "ATR 72 maritime patrol aircraft", "recorded",
                row="Turkiye,Italy,2005,,6,,ATR-72MP,anti-submarine aircraft,6,,2020; 2021; 2022; 2023,New,'Meltem-3' or 'Uzun Ufuk' programme; assembled in Turkiye; ATR-72-600 TMPA version,28,168,168",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="rosoboronexport-kornet",
        style="maker",
        text="Rosoboronexport signed a contract in 2017 to supply Pakistan with 500 Kornet anti-tank missiles.",
        expected=(
            Expect(
                "Russia", "Pakistan", "weapon", "Kornet anti-tank missiles", "recorded",
                row="Pakistan,Russia,2017,,500,,Kornet,anti-tank missile,500,?,2019,New,$62 m deal; Kornet-E version,0.04,20,20",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="boeing-apache",
        style="maker+received-from",
        text="Boeing delivered 22 AH-64E Apache helicopters to the Indian Air Force in 2019 and 2020.",
        expected=(
            Expect(
                "United States", "India", "weapon", "AH-64E Apache helicopters", "recorded",
                row="India,United States,2015,,22,,AH-64E Apache,combat helicopter,22,,2019; 2020,New,$1.2-1.4 b deal (incl production of components in India; part of $2.4 b deal),15,330,330",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="apache-12",
        style="wrong-quantity+abbreviation",
        text="In 2015 India ordered 12 AH-64E Apache gunships from the US.",
        expected=(
            Expect(
                "United States", "India", "weapon", "AH-64E Apache gunships", "partly_recorded",
                row="India,United States,2015,,22,,AH-64E Apache,combat helicopter,22,,2019; 2020,New,$1.2-1.4 b deal (incl production of components in India; part of $2.4 b deal),15,330,330",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="akash-armenia-all",
        style="wrong-quantity",
        text="Armenia has now received all 15 Akash air defence systems it bought from India.",
        article_date="2025-12-01",
        expected=(
            Expect(
                "India", "Armenia", "weapon", "Akash air defence systems", "partly_recorded",
                row="Armenia,India,2023,,15,?,Akash,surface-to-air missile system,2,?,2024; 2025,New,,16,240,32",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="reis-tkms",
        style="wrong-quantity+maker+possessive+multi-sentence+no-claim",
        text="Germany's TKMS has delivered all six Type 214 submarines to the Turkish Navy. TKMS chief executive Oliver Burkhard toured the Gölcük shipyard in November.",
        article_date="2025-12-15",
        expected=(
            Expect(
                "Germany", "Turkiye", "weapon", "Type 214 submarines", "partly_recorded",
                row="Turkiye,Germany,2011,,6,,Type-214,submarine,2,,2024; 2025,New,EUR2.2-2.5 b deal; Type-214TN version; produced under licence in Turkiye; Turkish designation Reis; delivery planned 2024-2029,275,1650,550",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "TKMS chief executive Oliver Burkhard toured the Gölcük shipyard in November.",
        ),
    ),
    Passage(
        id="israel-barak-harop",
        style="multi-sentence+no-claim+maker",
        text="Indian and Israeli officials met in Tel Aviv last week to discuss joint production. Israel Aerospace Industries has delivered Barak-8 (MRSAM) air defence systems to India since 2021, and Harop loitering munitions arrived in 2013 and 2014.",
        expected=(
            Expect(
                "Israel", "India", "weapon", "Barak-8 (MRSAM) air defence systems", "recorded",
                row="India,Israel,2009,?,64,?,Barak-MX,surface-to-air missile system,11,?,2021; 2023; 2024; 2025,New,Produced under licence in India as MRSAM,47,3008,517",
                file=REGISTER_2026,
            ),
            Expect(
                "Israel", "India", "weapon", "Harop loitering munitions", "recorded",
                row="India,Israel,2009,?,50,?,Harop,loitering munition,50,?,2013; 2014,New,$100 m deal,0.6,30,30",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Indian and Israeli officials met in Tel Aviv last week to discuss joint production.",
        ),
    ),
    Passage(
        id="pentagon-f16-pakistan",
        style="capital-metonym",
        text="The Pentagon delivered 18 new F-16C/D Block 52 jets to Pakistan in 2010.",
        expected=(
            Expect(
                "United States", "Pakistan", "weapon", "F-16C/D Block 52 jets", "recorded",
                row="Pakistan,United States,2007,,18,,F-16C Block-50,fighter/ground-attack aircraft,18,,2010,New,$1.4 b 'Peace Drive 1' deal (part of $3.1 b deal); F-16 Block-52 version (incl 6 F-16D trainer/combat version),31,558,558",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="paris-mirage-upgrade",
        style="capital-metonym+value",
        text="Paris agreed in 2011 to upgrade 49 of New Delhi's Mirage 2000 fighters to the Mirage 2000-5 standard for $2.3 billion.",
        expected=(
            Expect(
                "France", "India", "weapon", "Mirage 2000-5", "recorded",
                row="India,France,2011,,49,?,Mirage-2000-5,fighter/ground-attack aircraft,45,?,2015; 2016; 2017; 2018; 2019; 2020; 2021; 2022; 2023; 2024; 2025,New,INR109b ($2.3 b) deal (not incluing INR66 b for missiles; offsets $593 m); Mirage-2000H rebuilt to Mirage-2000-5 (incl 2 rebuilt in France and rest in India with kits from France); delivery planned 2015-2026,31,1519,1395",
                file=REGISTER_2026,
            ),
            Expect("France", "India", "value", "$2.3 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="kornet-turkey-2015",
        style="wrong-year",
        text="Russia delivered 800 Kornet-E anti-tank missiles to Turkey in 2015.",
        expected=(
            Expect(
                "Russia", "Turkiye", "weapon", "Kornet-E anti-tank missiles", "partly_recorded",
                row="Turkiye,Russia,2008,,800,,Kornet,anti-tank missile,800,?,2009; 2010,New,$60-100 m deal (incl 80 launchers); option on 720 more probably not used,0.04,32,32",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="dhaka-baykar-more",
        style="announcement+capital-metonym+maker",
        text="Dhaka is expected to order more TB2s from Baykar next year.",
        article_date="2025-03-01",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "TB2s", "partly_recorded",
                row="Bangladesh,Turkiye,2022,?,6,?,Bayraktar TB-2,armed drone,6,,2023,New,,2.4,14.4,14.4",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="babur-quote",
        style="quote-attribution+announcement",
        text="\"Turkey will deliver the remaining Babur-class frigates by 2026,\" Pakistan's navy chief told reporters.",
        article_date="2025-03-20",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Babur-class frigates", "recorded",
                row="Pakistan,Turkiye,2018,,4,,MilGem,frigate,2,,2023; 2025,New,Incl 2 produced under licence in Pakistan; designated Babur class by Pakistan,205,820,410",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="su57-not-received",
        style="negation",
        text="India has not received any Su-57 fighters from Russia.",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Su-57 fighters", "not_recorded",
                absent_terms=("su57",),
            ),
        ),
    ),
    Passage(
        id="no-claim-thanks-drills",
        style="no-claim+multi-sentence",
        text="Prime Minister Shehbaz Sharif thanked Turkey for standing by Pakistan during the crisis with India. The two armies will hold joint drills in Anatolia next spring.",
        article_date="2025-06-01",
        expected=(),
        no_claim=(
            "Prime Minister Shehbaz Sharif thanked Turkey for standing by Pakistan during the crisis with India.",
            "The two armies will hold joint drills in Anatolia next spring.",
        ),
    ),
    Passage(
        id="ukraine-milgem-open",
        style="announcement",
        text="Turkey will hand over two MilGem corvettes to Ukraine by 2027.",
        article_date="2025-05-01",
        expected=(
            Expect(
                "Turkiye", "Ukraine", "weapon", "MilGem corvettes", "recorded",
                row="Ukraine,Turkiye,2020,?,2,,MilGem,frigate,0,,,New,Delivery planned by 2027,205,410,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="t90-expected",
        style="announcement",
        text="Russia is expected to supply India with more T-90MS tanks for licensed assembly at Avadi.",
        article_date="2025-01-15",
        expected=(
            Expect(
                "Russia", "India", "weapon", "T-90MS tanks", "recorded",
                row="India,Russia,2019,,464,,T-90MS,tank,185,?,2024; 2025,New,INR200b ($2.8 b) deal; produced under licence in India (with up to 80% of components produced in India) as T-90 Bhishma Mk-3; delivery planned by 2028,4.25,1972,786.25",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="heron-mk2-israel",
        style="announcement+received-from",
        text="The Indian Army will receive more Heron Mk II drones from Israel in the coming months.",
        article_date="2025-09-01",
        expected=(
            Expect(
                "Israel", "India", "weapon", "Heron Mk II drones", "recorded",
                row="India,Israel,2025,,,,Heron-2,reconnaissance drone,0,,,New,,3.25,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="israel-pakistan-never",
        style="negation+transfer",
        text="Pakistan has never bought weapons from Israel.",
        expected=(
            Expect("Israel", "Pakistan", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="yerevan-buying-since-2020",
        style="transfer+capital-metonym",
        text="Since 2020 Yerevan has been buying arms from New Delhi.",
        expected=(
            Expect(
                "India", "Armenia", "transfer", "", "recorded",
                row="Armenia,India,2020,,4,,Swathi,artillery locating radar,4,?,2021,New,$40 m deal,8,32,32",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="akinci-jf17-while",
        style="two-directions+announcement",
        text="Pakistan will buy more Akinci drones from Turkey, while Turkey will buy JF-17 fighters from Pakistan.",
        article_date="2025-06-01",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "Akinci drones", "partly_recorded",
                row="Pakistan,Turkiye,2022,?,3,?,Akinci,armed drone,3,?,2023; 2024,New,,4.5,13.5,13.5",
                file=REGISTER_2026,
            ),
            Expect(
                "Pakistan", "Turkiye", "weapon", "JF-17 fighters", "not_recorded",
                absent_terms=("jf17",),
            ),
        ),
    ),
    Passage(
        id="abu-dhabi-akinci-2025",
        style="capital-metonym+received-from",
        text="Abu Dhabi took delivery of two Akinci drones from Ankara in 2024.",
        release="2025",
        expected=(
            Expect(
                "Turkiye", "United Arab Emirates", "weapon", "Akinci drones", "recorded",
                row="UAE,Turkiye,2023,?,,,Akinci,armed UAV,2,,2024,New,,4.5,0,9",
                file=REGISTER_2025,
            ),
        ),
    ),
    Passage(
        id="rafale-m-expected-2025",
        style="announcement",
        text="India is expected to sign a deal for 26 Rafale-M fighters from France within weeks.",
        release="2025",
        article_date="2025-02-01",
        expected=(
            Expect(
                "France", "India", "weapon", "Rafale-M fighters", "recorded",
                row="India,France,2024,?,26,,Rafale,FGA aircraft,0,,,New,'Multi-Role Carrier-Borne Fighter' programme; for use on aircraft carriers; selected but not yet ordered by end-2024,55,1430,0",
                file=REGISTER_2025,
            ),
        ),
    ),
)
