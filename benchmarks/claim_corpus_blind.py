"""Blind claim corpus for the article claim reader (issue 11): a measurement, not a test.

The two corpora under tests/etl/verify/ (article_corpus.py and article_corpus_holdout.py) were both
used while the claim reader was developed, so the reader's scores on them are optimistic. These
passages are a third set the reader had never seen: they were written by someone who did not read
the reader's code (etl/verify/claims/, etl/verify/verdicts.py, etl/verify/article.py) and were
checked against the shared SIPRI registers and committed before the reader was first run on them.
`benchmarks/score_claims.py` scores all three corpora with the scorer of
tests/etl/verify/test_article_corpus.py; nothing asserts a threshold on this one.

Same data model and verdict rules as the first corpus (see the docstrings of
tests/etl/verify/article_corpus.py, tests/etl/verify/article_corpus_holdout.py and
tests/etl/verify/test_article_corpus.py): a `recorded` or `partly_recorded` expectation quotes its
register row verbatim (one line of the named Latin-1 file); a `not_recorded` weapon with both
sides named lists `absent_terms` that no row on the pair has in its designation or description; a
`not_recorded` transfer has no row at all on the pair; every pair has Pakistan, Turkiye or India
on one side (the shared files are subsets).

Pairs, weapons and wording differ from both earlier corpora wherever the data allowed: smaller
recipients of Turkish, Indian and Pakistani arms (Albania, Chad, Kosovo, Namibia, Rwanda, ...),
numbers written as words, lists after a colon, passives with "by", relative clauses, headlines,
money in several currencies, and old deals of historical states checked on the 2024 release.

Readings taken here, on top of the earlier corpora's (one line each, to be argued with):
- A national or export name that SIPRI gives only in Comments names the weapon: "Chetak" is
  SIPRI's SA-316 Alouette-3 "Chetak version", "Harimau" its MMWT, "Deniz Han" its C-92 frigate.
- "handed over ... by X" and "was gifted by X to Y" are passives of supplying: X supplies Y.
- "came not from Russia but from Uzbekistan" is two claims: Uzbekistan supplied (recorded), and a
  negated Russia -> India claim the register agrees with (not_recorded: SIPRI's only Russian row
  that mentions the Il-78 is for its engines).
- "Claims that X supplied Y with Z are false" is a denial of a delivery; where SIPRI records the
  delivery, the register contradicts the denial: recorded.
- A city named only as where a speaker or a research group sits ("an official in Pretoria said",
  "a Paris-based research group") is no side.
- A platform a weapon is "for" ("glide bombs for the Su-25 fleet") is not itself claimed.
"""

from __future__ import annotations

from tests.etl.verify.article_corpus import (
    REGISTER_2024,
    REGISTER_2026,
    Expect,
    Passage,
)

BLIND_PASSAGES: tuple[Passage, ...] = (
    Passage(
        id="b-albania-yiha-words",
        style="numbers-as-words+possessive+quote-attribution",
        text="Albania's armed forces received fifty Yiha-3 loitering munitions from Türkiye last year, the defence ministry in Tirana said on Monday.",
        article_date="2026-01-19",
        expected=(
            Expect(
                "Turkiye", "Albania", "weapon", "Yiha-3 loitering munitions", "recorded",
                row="Albania,Turkiye,2024,,50,?,Yiha-3,loitering munition,50,?,2025,New,,0.04,2,2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-baku-catalogue",
        style="list+capital-metonym+numbers-as-words",
        text="Ankara's sales to Baku since 2017 read like a catalogue: ten SOM cruise missiles, 109 KGK-83 glide bombs for the Su-25 fleet, twenty-two Cobra II armoured vehicles and, most recently, eighteen TOLUN guided bombs.",
        expected=(
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "SOM cruise missiles", "recorded",
                row="Azerbaijan,Turkiye,2017,?,10,?,SOM,air-to-surface missile,10,?,2018; 2019,New,SOM-B1 version,1.1,11,11",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "KGK-83 glide bombs", "recorded",
                row="Azerbaijan,Turkiye,2021,?,109,?,KGK-83,guided glide bomb,109,?,2022,New,For modernized Su-25 combat aircraft,0.05,5.45,5.45",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "Cobra II armoured vehicles", "recorded",
                row="Azerbaijan,Turkiye,2022,?,22,?,Cobra-2,armoured personnel carrier,22,?,2022; 2023,New,,0.3,6.6,6.6",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "TOLUN guided bombs", "recorded",
                row="Azerbaijan,Turkiye,2024,,18,?,TOLUN,guided bomb,18,?,2025,New,,0.15,2.7,2.7",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-bangladesh-t300-semicolon",
        style="value+numbers-as-words",
        text="Bangladesh paid $60 million for eighteen T-300 Kasirga multiple rocket launchers ordered from Turkey in 2019; the last of them arrived in 2023.",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "T-300 Kasirga multiple rocket launchers", "recorded",
                row="Bangladesh,Turkiye,2019,,18,,T-300,multiple rocket launcher,18,?,2021; 2022; 2023,New,$60 m deal,2.2,39.6,39.6",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Bangladesh", "value", "$60 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-boran-passive-mke",
        style="passive+maker+numbers-as-words",
        text="Eighteen Boran 105mm howitzers built by MKE were delivered to the Bangladesh Army in 2024.",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "Boran 105mm howitzers", "recorded",
                row="Bangladesh,Turkiye,2023,,18,,Boran 105mm,towed gun,18,?,2024,New,,0.6,10.8,10.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-otokar-all-300",
        style="wrong-quantity+maker+quote-attribution",
        text="Turkey's Otokar has now delivered all 300 Cobra II vehicles that Bangladesh ordered in 2017, a company statement said.",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "Cobra II vehicles", "partly_recorded",
                row="Bangladesh,Turkiye,2017,,300,?,Cobra-2,armoured personnel carrier,163,?,2017; 2018; 2021; 2022; 2023,New,,0.3,90,48.9",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-alouette-bangladesh-1973",
        style="historical",
        text="In 1973 India handed three Alouette III helicopters to the fledgling Bangladesh Air Force.",
        expected=(
            Expect(
                "India", "Bangladesh", "weapon", "Alouette III helicopters", "recorded",
                row="Bangladesh,India,1972,?,3,?,SA-316 Alouette-3,light helicopter,3,?,1973,Second hand,Second-hand; no. could be 4,0.38,1.14,1.14",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-j6-passive-sixty",
        style="passive+wrong-quantity+numbers-as-words",
        text="Some sixty J-6 fighters were handed over to Bangladesh by Pakistan in 1990 as aid.",
        expected=(
            Expect(
                "Pakistan", "Bangladesh", "weapon", "J-6 fighters", "partly_recorded",
                row="Bangladesh,Pakistan,1989,,40,?,J-6,fighter aircraft,40,?,1990,Second hand,Second-hand; aid; incl some FT-6 trainer version,2,80,80",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-burkina-according-to",
        style="according-to+possessive",
        text="Since seizing power, Burkina Faso's junta has bought eight TB2s and a pair of Akinci drones from Turkey, according to figures compiled by a Paris-based research group.",
        expected=(
            Expect(
                "Turkiye", "Burkina Faso", "weapon", "TB2s", "recorded",
                row="Burkina Faso,Turkiye,2022,,8,?,Bayraktar TB-2,armed drone,8,?,2022; 2023,New,,2.4,19.2,19.2",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Burkina Faso", "weapon", "Akinci drones", "recorded",
                row="Burkina Faso,Turkiye,2023,?,2,?,Akinci,armed drone,2,?,2024,Second hand,Probably second-hand,1.8,3.6,3.6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-ndjamena-hurkus-anka",
        style="capital-metonym+diacritics",
        text="N'Djamena received three Hürkuş-C light attack aircraft and two Anka-S drones from Türkiye in 2023.",
        expected=(
            Expect(
                "Turkiye", "Chad", "weapon", "Hürkuş-C light attack aircraft", "recorded",
                row="Chad,Turkiye,2022,,3,?,Hurkus-C,trainer/combat aircraft,3,,2023,New,,5,15,15",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Chad", "weapon", "Anka-S drones", "recorded",
                row="Chad,Turkiye,2022,?,2,,Anka-S,armed drone,2,,2023,New,,3,6,6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-tbilisi-vuran-visit",
        style="multi-sentence+no-claim+capital-metonym+maker",
        text="Georgia's defence minister was in Ankara this week for talks on regional security. Tbilisi has received 46 Vuran armoured personnel carriers from the Turkish firm BMC since 2024, and its two MRTP-33 patrol boats also came from Turkey.",
        expected=(
            Expect(
                "Turkiye", "Georgia", "weapon", "Vuran armoured personnel carriers", "recorded",
                row="Georgia,Turkiye,2022,,46,?,Vuran,armoured personnel carrier,46,?,2024,New,,0.3,13.8,13.8",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Georgia", "weapon", "MRTP-33 patrol boats", "recorded",
                row="Georgia,Turkiye,2008,,2,,MRTP-33,patrol boat,2,,2008; 2009,New,Georgian designation Sokhumi,11.2,22.4,22.4",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Georgia's defence minister was in Ankara this week for talks on regional security.",
        ),
    ),
    Passage(
        id="b-kosovo-yet-tam",
        style="negation+yet-to-receive",
        text="Kosovo has yet to receive the 50 TAM-MR anti-tank missiles it ordered from Turkey in 2023.",
        expected=(
            Expect(
                "Turkiye", "Kosovo", "weapon", "TAM-MR anti-tank missiles", "partly_recorded",
                row="Kosovo,Turkiye,2023,,50,?,TAM-MR,anti-tank missile,0,,,New,,0.03,1.5,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-bishkek-aksungur",
        style="capital-metonym",
        text="Bishkek bought two Aksungur drones from Ankara in 2022.",
        expected=(
            Expect(
                "Turkiye", "Kyrgyzstan", "weapon", "Aksungur drones", "recorded",
                row="Kyrgyzstan,Turkiye,2022,,2,?,Aksungur,armed drone,2,?,2023,New,,4,8,8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-male-dhruv-tb2-while",
        style="two-suppliers+capital-metonym+value",
        text="While India has given the Maldives several Dhruv helicopters over the years, Malé turned to Ankara in 2023 for three TB2 drones worth $37 million.",
        expected=(
            Expect(
                "India", "Maldives", "weapon", "Dhruv helicopters", "recorded",
                row="Maldives,India,2012,?,1,,Dhruv,helicopter,1,,2013,New,Loan; aid,4.5,4.5,4.5",
                file=REGISTER_2026,
            ),
            Expect(
                "Turkiye", "Maldives", "weapon", "TB2 drones", "recorded",
                row="Maldives,Turkiye,2023,,3,?,Bayraktar TB-2,armed drone,3,,2024,New,$37 m deal,2.4,7.2,7.2",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Maldives", "value", "$37 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-namibia-chetak-cheetah",
        style="value+national-names",
        text="India sold Namibia two Chetak and two Cheetah light helicopters in 1994 for $5.5 million.",
        expected=(
            Expect(
                "India", "Namibia", "weapon", "Chetak", "recorded",
                row="Namibia,India,1994,,2,,SA-316 Alouette-3,light helicopter,2,,1995,New,Part of $5.5 m deal; Chetak version,0.95,1.9,1.9",
                file=REGISTER_2026,
            ),
            Expect(
                "India", "Namibia", "weapon", "Cheetah light helicopters", "recorded",
                row="Namibia,India,1994,,2,,SA-315B Lama,light helicopter,2,,1994,New,Part of $5.5 m deal; Cheetah version,0.75,1.5,1.5",
                file=REGISTER_2026,
            ),
            Expect("India", "Namibia", "value", "$5.5 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-kathmandu-aditya",
        style="capital-metonym+passive",
        text="As part of its help against the Maoist insurgency, New Delhi provided Kathmandu with 100 Aditya mine-protected vehicles, which were delivered in 2004.",
        expected=(
            Expect(
                "India", "Nepal", "weapon", "Aditya mine-protected vehicles", "recorded",
                row="Nepal,India,2003,?,100,,MPV-1 Aditya,armoured personnel carrier,100,?,2004,New,Aid (India pays 67% of costs),0.11,11,11",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-niger-aksungur-headline",
        style="headline",
        text="Niger takes delivery of Aksungur drone from Turkey",
        article_date="2025-06-10",
        expected=(
            Expect(
                "Turkiye", "Niger", "weapon", "Aksungur drone", "recorded",
                row="Niger,Turkiye,2024,,1,?,Aksungur,armed drone,1,?,2025,New,,4,4,4",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-katmerciler-hizir",
        style="maker+quote-attribution+possessive",
        text="Katmerciler has supplied 49 Hizir armoured vehicles to Rwanda's army, the firm's annual report says.",
        expected=(
            Expect(
                "Turkiye", "Rwanda", "weapon", "Hizir armoured vehicles", "recorded",
                row="Rwanda,Turkiye,2020,,49,?,Hizir,armoured personnel carrier,49,,2021,New,Including ATES and Khan APCs,0.35,17.15,17.15",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-vestel-karayel",
        style="maker",
        text="Saudi Arabia bought three Karayel armed drones from Vestel in 2020.",
        expected=(
            Expect(
                "Turkiye", "Saudi Arabia", "weapon", "Karayel armed drones", "recorded",
                row="Saudi Arabia,Turkiye,2020,,3,?,Karayel,armed drone,3,?,2020,New,,1.5,4.5,4.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-tunisia-anka-order",
        style="value+maker+possessive",
        text="Tunisia's $80 million order for five Anka reconnaissance drones, placed with Turkish Aerospace in 2020, was completed in 2023.",
        expected=(
            Expect(
                "Turkiye", "Tunisia", "weapon", "Anka reconnaissance drones", "recorded",
                row="Tunisia,Turkiye,2020,,5,,Anka-B,reconnaissance drone,5,,2021; 2022; 2023,New,$80 m deal (incl 3 ground control stations); unarmed Anka-S version,3,15,15",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Tunisia", "value", "$80 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-deniz-han",
        style="demonym+passive+comments-name",
        text="Turkmenistan's navy flagship, the frigate Deniz Han, was built under licence with Turkish help and entered service in 2021.",
        expected=(
            Expect(
                "Turkiye", "Turkmenistan", "weapon", "Deniz Han", "recorded",
                row="Turkmenistan,Turkiye,2019,,1,,C-92,frigate,1,,2021,New,Turkmen version; produced under licence in Turkmenistan; Turkmenistan designation Deniz Han,151.25,151.25,151.25",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-uae-rabdan-aed",
        style="abbreviation+maker+value+passive",
        text="The UAE's 400 Rabdan infantry fighting vehicles, an AED2.4 billion programme with Turkey's FNSS, were delivered between 2019 and 2023.",
        expected=(
            Expect(
                "Turkiye", "United Arab Emirates", "weapon", "Rabdan infantry fighting vehicles", "recorded",
                row="United Arab Emirates,Turkiye,2017,,400,?,Rabdan,infantry fighting vehicle,400,?,2019; 2020; 2021; 2022; 2023,New,AED2.4 b ($650 m) deal; incl 300 assembled/produced under licence in United Arab Emirates,0.82,328,328",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "United Arab Emirates", "value", "AED2.4 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="b-uzbek-anka-future",
        style="announcement",
        text="Uzbekistan will receive Anka-S drones from Turkey under a deal signed last year.",
        article_date="2026-02-02",
        expected=(
            Expect(
                "Turkiye", "Uzbekistan", "weapon", "Anka-S drones", "recorded",
                row="Uzbekistan,Turkiye,2025,,,,Anka-S,armed drone,0,,,New,,3,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-kirpan-vietnam-passive",
        style="passive+alias+historical-ship",
        text="INS Kirpan, a Khukri-class corvette, was gifted by India to Vietnam in 2023.",
        expected=(
            Expect(
                "India", "Viet Nam", "weapon", "Khukri-class corvette", "recorded",
                row="Viet Nam,India,2023,,1,,Khukri,corvette,1,,2023,Second hand,Second-hand; aid,30,30,30",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-istif-jakarta-value",
        style="announcement+value+quote-attribution+capital-metonym",
        text="Indonesia will buy two Istif-class frigates from Turkey in a $1 billion deal, officials in Jakarta said.",
        article_date="2025-06-16",
        expected=(
            Expect(
                "Turkiye", "Indonesia", "weapon", "Istif-class frigates", "recorded",
                row="Indonesia,Turkiye,2025,?,2,,Istif,frigate,0,,,New,$1 b deal; diverted from production for Turkiye; selected 2025 but not yet ordered by end-2025,0,0,0",
                file=REGISTER_2026,
            ),
            Expect("Turkiye", "Indonesia", "value", "$1 billion", "not_checkable"),
        ),
    ),
    Passage(
        id="b-harimau-2022",
        style="wrong-year+comments-name",
        text="Turkey delivered the first 18 Harimau medium tanks to Indonesia in 2022.",
        expected=(
            Expect(
                "Turkiye", "Indonesia", "weapon", "Harimau medium tanks", "partly_recorded",
                row="Indonesia,Turkiye,2019,,18,,MMWT,tank,18,,2024,New,$135 m deal; assembled/produced under licence in Indonesia as Harimau,1.84,33.12,33.12",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-karaok-next-year",
        style="announcement",
        text="Malaysia is expected to take delivery of 108 Karaok anti-tank missiles from Turkey next year.",
        article_date="2025-10-01",
        expected=(
            Expect(
                "Turkiye", "Malaysia", "weapon", "Karaok anti-tank missiles", "recorded",
                row="Malaysia,Turkiye,2023,,108,,Karaok,anti-tank missile,0,,,New,Deal incl also 18 lauchers; delivery planned 2026,0,0,0",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-iraq-talha-package",
        style="value",
        text="Pakistan sold Iraq 44 Talha armoured personnel carriers in 2004 as part of a $31 million package.",
        expected=(
            Expect(
                "Pakistan", "Iraq", "weapon", "Talha armoured personnel carriers", "recorded",
                row="Iraq,Pakistan,2004,,44,,Talha,armoured personnel carrier,44,,2005,New,Part of $31 m deal,0.3,13.2,13.2",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Iraq", "value", "$31 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-india-never-pakistan",
        style="negation+transfer",
        text="India has never sold a single weapon to Pakistan.",
        expected=(
            Expect("India", "Pakistan", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="b-mi35m-moscow",
        style="capital-metonym+long-sentence",
        text="Moscow delivered four Mi-35M attack helicopters to Islamabad in 2018, ending decades of Russian reluctance to arm Pakistan.",
        expected=(
            Expect(
                "Russia", "Pakistan", "weapon", "Mi-35M attack helicopters", "recorded",
                row="Pakistan,Russia,2015,,4,,Mi-35M,combat helicopter,4,,2018,New,Possibly second-hand Mi-24 rebuilt to Mi-35M before delivery,11.5,46,46",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-su35-refused",
        style="negation+quote-attribution",
        text="Russia has refused to sell Su-35 fighters to Pakistan, Indian media reported.",
        expected=(
            Expect(
                "Russia", "Pakistan", "weapon", "Su-35 fighters", "not_recorded",
                absent_terms=("su35",),
            ),
        ),
    ),
    Passage(
        id="b-beijing-a100-c802",
        style="multi-sentence+no-claim+capital-metonym",
        text="Pakistani and Chinese officers held staff talks in Rawalpindi on Wednesday. Beijing shipped sixty A-100 300mm rocket launchers to Pakistan between 2011 and 2015, and thirty C-802 anti-ship missiles for the Azmat-class boats followed from 2017.",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "A-100 300mm rocket launchers", "recorded",
                row="Pakistan,China,2008,?,60,?,A-100 300mm,multiple rocket launcher,60,?,2011; 2012; 2013; 2015,New,Produced under licence in Pakistan,2.2,132,132",
                file=REGISTER_2026,
            ),
            Expect(
                "China", "Pakistan", "weapon", "C-802 anti-ship missiles", "recorded",
                row="Pakistan,China,2013,?,30,?,C-802,anti-ship missile,30,?,2017; 2018; 2019; 2020,New,For Azmat FAC,0.9,27,27",
                file=REGISTER_2026,
            ),
        ),
        no_claim=(
            "Pakistani and Chinese officers held staff talks in Rawalpindi on Wednesday.",
        ),
    ),
    Passage(
        id="b-germany-sea-eagle",
        style="demonym+conversion",
        text="Germany rebuilt a Pakistani ATR-72 airliner as a Sea Eagle anti-submarine aircraft and handed it back to the Pakistan Navy in 2022.",
        expected=(
            Expect(
                "Germany", "Pakistan", "weapon", "Sea Eagle anti-submarine aircraft", "recorded",
                row="Pakistan,Germany,2020,,1,,ATR-72MP,anti-submarine aircraft,1,,2022,New,RAS-72 Sea Eagle version; Pakistani ATR-72 transport aircraft rebuilt in Germany to ASW aircraft,28,28,28",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-rome-m113-aid",
        style="capital-metonym",
        text="Rome donated 622 surplus M113 armoured personnel carriers to Pakistan in 2013 and 2015.",
        expected=(
            Expect(
                "Italy", "Pakistan", "weapon", "M113 armoured personnel carriers", "recorded",
                row="Pakistan,Italy,2013,,622,?,M-113,armoured personnel carrier,622,?,2013; 2015,Second hand,Second-hand; incl VCC-1 and VCC-2 versions; aid,0.1,62.2,62.2",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-aerostar-stopgap",
        style="long-sentence+relative-clause",
        text="As a stopgap while its Herons were delayed, the Turkish army acquired three Aerostar drones from Israel, which arrived in 2008.",
        expected=(
            Expect(
                "Israel", "Turkiye", "weapon", "Aerostar drones", "recorded",
                row="Turkiye,Israel,2007,,3,,Aerostar,reconnaissance drone,3,?,2008,New,Interim solution after delay in delivery of Heron UAV,0.1,0.3,0.3",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-penguin-nok",
        style="value",
        text="Norway sold Turkey 16 Penguin anti-ship missiles in 2008 in a NOK210 million deal.",
        expected=(
            Expect(
                "Norway", "Turkiye", "weapon", "Penguin anti-ship missiles", "recorded",
                row="Turkiye,Norway,2008,,16,?,Penguin-2,anti-ship missile,16,?,2011,New,NOK210 m ($40 m) deal; Penguin-2 Mod-7 version,0.4,6.4,6.4",
                file=REGISTER_2026,
            ),
            Expect("Norway", "Turkiye", "value", "NOK210 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-il76-ussr-2024",
        style="historical-state+abbreviation+numbers-as-words+passive",
        text="Seventeen Il-76 heavy transports, ordered from the USSR in 1984, became the Indian Air Force's Gajaraj fleet.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "Il-76 heavy transports", "recorded",
                row="India,Soviet Union,1984,,17,,Il-76M,heavy transport aircraft,17,?,1985; 1986; 1987; 1988; 1989,New,Indian designation Gajaraj,85,1445,1445",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="b-kashin-rajput-2024",
        style="historical-state+passive+class-name",
        text="Five Kashin-class destroyers, known in India as the Rajput class, were delivered by the Soviet Union between 1980 and 1988.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "Kashin-class destroyers", "recorded",
                row="India,Soviet Union,1975,,3,,Project-61ME,destroyer,3,,1980; 1982; 1983,New,Indian designation Rajput,275,825,825",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="b-an32-sum-2024",
        style="historical-state+sum-of-deals",
        text="The Soviet Union sold India 118 An-32 transport aircraft in the 1980s.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "India", "weapon", "An-32 transport aircraft", "recorded",
                row="India,Soviet Union,1980,,98,,An-32,transport aircraft,98,,1984; 1985; 1986; 1987; 1988,New,An-32B version; Indian designation Sutlej,11,1078,1078",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="b-ussr-never-turkey-2024",
        style="historical-state+negation+transfer",
        text="The Soviet Union never sold arms to Turkey, a NATO member throughout the Cold War.",
        release="2024",
        expected=(
            Expect("Soviet Union", "Turkiye", "transfer", "", "not_recorded"),
        ),
    ),
    Passage(
        id="b-mi8-ussr-pakistan-2024",
        style="historical-state+long-sentence",
        text="In 1983, even as Soviet troops fought in Afghanistan, the Soviet Union sold Pakistan eleven Mi-8 transport helicopters.",
        release="2024",
        expected=(
            Expect(
                "Soviet Union", "Pakistan", "weapon", "Mi-8 transport helicopters", "recorded",
                row="Pakistan,Soviet Union,1983,?,11,?,Mi-8T,transport helicopter,11,?,1984; 1985,New,,6,66,66",
                file=REGISTER_2024,
            ),
        ),
    ),
    Passage(
        id="b-mke-machine-guns",
        style="outside-coverage+maker+list+quote-attribution",
        text="Turkey's MKE will ship 12.7mm machine guns, 81mm mortar rounds and anti-tank mines to Pakistan, the company said.",
        expected=(
            Expect("Turkiye", "Pakistan", "weapon", "machine guns", "outside_coverage"),
            Expect("Turkiye", "Pakistan", "weapon", "mortar rounds", "outside_coverage"),
            Expect("Turkiye", "Pakistan", "weapon", "anti-tank mines", "outside_coverage"),
        ),
    ),
    Passage(
        id="b-maldives-jackets-radios",
        style="outside-coverage+list",
        text="India also sent bulletproof jackets, field radios and 5,000 rifles to the Maldives National Defence Force.",
        expected=(
            Expect("India", "Maldives", "weapon", "bulletproof jackets", "outside_coverage"),
            Expect("India", "Maldives", "weapon", "field radios", "outside_coverage"),
            Expect("India", "Maldives", "weapon", "rifles", "outside_coverage"),
        ),
    ),
    Passage(
        id="b-taxila-interceptor-trucks",
        style="maker+outside-coverage",
        text="Heavy Industries Taxila shipped six Interceptor armoured personnel carriers to Bahrain in 2019, along with a fleet of support trucks.",
        expected=(
            Expect(
                "Pakistan", "Bahrain", "weapon", "Interceptor armoured personnel carriers", "recorded",
                row="Bahrain,Pakistan,2018,,6,,Interceptor,armoured personnel carrier,6,,2019,New,,0.14,0.84,0.84",
                file=REGISTER_2026,
            ),
            Expect("Pakistan", "Bahrain", "weapon", "support trucks", "outside_coverage"),
        ),
    ),
    Passage(
        id="b-south-africa-false-claim",
        style="negation+quote-attribution+capital-metonym",
        text="Claims that South Africa supplied India with Mbombe armoured vehicles are false, an official in Pretoria said.",
        expected=(
            Expect(
                "South Africa", "India", "weapon", "Mbombe armoured vehicles", "recorded",
                row="India,South Africa,2021,,126,?,Mbombe-4,armoured personnel carrier,126,?,2022; 2023; 2024,New,Assembled or produced under licence in India as Kalyani M-4; incl 30 for use in UN peacekeeping operations ,0.22,27.72,27.72",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-baykar-no-tb3",
        style="negation+maker",
        text="Baykar has not exported its TB3 naval drone to Pakistan, contrary to posts circulating on social media.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "TB3 naval drone", "not_recorded",
                absent_terms=("tb3",),
            ),
        ),
    ),
    Passage(
        id="b-singapore-india-both",
        style="two-directions+historical",
        text="India sold Singapore 150 second-hand AMX-13 light tanks in the early 1970s, while Singapore built six Tara Bai patrol boats for India's coast guard, four of them in India.",
        expected=(
            Expect(
                "India", "Singapore", "weapon", "AMX-13 light tanks", "recorded",
                row="Singapore,India,1972,,150,,AMX-13/75,light tank,150,?,1973; 1974; 1975,Second hand,Second-hand,0.36,54,54",
                file=REGISTER_2026,
            ),
            Expect(
                "Singapore", "India", "weapon", "Tara Bai patrol boats", "recorded",
                row="India,Singapore,1986,,6,,Tara Bai,patrol boat,6,,1987; 1989; 1990,New,SGD30 m deal; incl 4 produced in India; for coast guard,9.6,57.6,57.6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-ghana-india-both",
        style="two-directions+capital-metonym+numbers-as-words",
        text="In 1959 India delivered twelve HT-2 trainers to Ghana; two decades later Accra sold four used Caribou transports to New Delhi.",
        expected=(
            Expect(
                "India", "Ghana", "weapon", "HT-2 trainers", "recorded",
                row="Ghana,India,1958,,12,,HT-2,trainer aircraft,12,,1959,New,,0.1,1.2,1.2",
                file=REGISTER_2026,
            ),
            Expect(
                "Ghana", "India", "weapon", "Caribou transports", "recorded",
                row="India,Ghana,1979,?,4,,DHC-4 Caribou,transport aircraft,4,,1979,Second hand,Second-hand,1.5,6,6",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-jordan-f104-lent",
        style="historical+relative-clause",
        text="During the 1971 war Jordan lent Pakistan ten F-104 Starfighters, which were returned the following year.",
        expected=(
            Expect(
                "Jordan", "Pakistan", "weapon", "F-104 Starfighters", "recorded",
                row="Pakistan,Jordan,1971,,10,,F-104A Starfighter,fighter aircraft,10,?,1971,Second hand,Second-hand; loan during 1971 India-Pakistan war (returned to Jordan 1972),3.6,36,36",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-libya-mirage-atar",
        style="list+second-hand",
        text="Pakistan bought ten used Mirage 5 jets from Libya in 2004, along with 150 Atar engines.",
        expected=(
            Expect(
                "Libya", "Pakistan", "weapon", "Mirage 5 jets", "recorded",
                row="Pakistan,Libya,2004,,10,?,Mirage-5,fighter/ground-attack aircraft,10,?,2007; 2008; 2009; 2010,Second hand,Second-hand; Mirage-5DD and Mirage-5RD version; some 40-66 more delivered for spare parts,4.5,45,45",
                file=REGISTER_2026,
            ),
            Expect(
                "Libya", "Pakistan", "weapon", "Atar engines", "recorded",
                row="Pakistan,Libya,2004,,150,,Atar-9,turbojet,150,?,2004; 2005,New,Second-hand but probably never used,1.5,225,225",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-qatar-sea-king",
        style="aid",
        text="Qatar donated four Sea King helicopters to Pakistan in 2021.",
        expected=(
            Expect(
                "Qatar", "Pakistan", "weapon", "Sea King helicopters", "recorded",
                row="Pakistan,Qatar,2021,?,4,?,Sea King/Commando,transport helicopter,4,?,2021,Second hand,Second-hand; aid; several more delivered for spare parts,2.7,10.8,10.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-leased-sub-no-supplier",
        style="one-side-missing+announcement",
        text="India has leased a third nuclear-powered attack submarine, due for delivery in 2027.",
        expected=(
            Expect(None, "India", "weapon", "nuclear-powered attack submarine", "not_checkable"),
        ),
    ),
    Passage(
        id="b-dhaka-fidan-trade",
        style="no-claim+multi-sentence+capital-metonym",
        text="Turkish Foreign Minister Hakan Fidan arrived in Dhaka on Sunday for a two-day visit. Bangladesh and Turkiye want to double bilateral trade to $2 billion, a joint statement said.",
        expected=(),
        no_claim=(
            "Turkish Foreign Minister Hakan Fidan arrived in Dhaka on Sunday for a two-day visit.",
            "Bangladesh and Turkiye want to double bilateral trade to $2 billion, a joint statement said.",
        ),
    ),
    Passage(
        id="b-peace-onyx-36",
        style="wrong-quantity+capital-metonym+quotes",
        text="Under the 2007 'Peace Onyx IV' deal, Washington sold Ankara 36 F-16 Block 50+ fighters.",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "F-16 Block 50+ fighters", "partly_recorded",
                row="Turkiye,United States,2007,,30,,F-16C Block-50,fighter/ground-attack aircraft,30,?,2011; 2012,New,$1.8 b 'Peace Onyx-4' deal; F-16C Block-50+ version; incl 16 F-16D,31,930,930",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-chinook-2016-value",
        style="value+long-sentence",
        text="The Turkish Army's Chinook fleet grew in 2016 when six CH-47F helicopters, bought from the United States for $400 million, arrived.",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "CH-47F helicopters", "recorded",
                row="Turkiye,United States,2011,?,6,,CH-47F Chinook,transport helicopter,6,,2016,New,$400 m deal,20,120,120",
                file=REGISTER_2026,
            ),
            Expect("United States", "Turkiye", "value", "$400 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-supercobra-1990-passive",
        style="passive+abbreviation+non-state-target",
        text="Five AH-1W SuperCobras were rushed to Turkey from US stocks in 1990 for use against the PKK.",
        expected=(
            Expect(
                "United States", "Turkiye", "weapon", "AH-1W SuperCobras", "recorded",
                row="Turkiye,United States,1990,,5,,AH-1W SuperCobra,combat helicopter,5,,1990; 1991,New,Originally produced for USA but sold to Turkiye for fast delivery; for use against PKK rebels,11.5,57.5,57.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-il78-not-russia",
        style="negation+value+contrast",
        text="India's six Il-78 tankers came not from Russia but from Uzbekistan, under a $150 million deal signed in 2001.",
        expected=(
            Expect(
                "Uzbekistan", "India", "weapon", "Il-78 tankers", "recorded",
                row="India,Uzbekistan,2001,,6,,Il-78M,tanker/transport aircraft,6,?,2003; 2004,New,$150 m deal; Il-78MK version,63,378,378",
                file=REGISTER_2026,
            ),
            Expect(
                "Russia", "India", "weapon", "Il-78 tankers", "not_recorded",
                absent_terms=("il78",),
            ),
            Expect("Uzbekistan", "India", "value", "$150 million", "not_checkable"),
        ),
    ),
    Passage(
        id="b-kyrgyz-mig21-trainers",
        style="second-hand",
        text="Kyrgyzstan sold India 19 second-hand MiG-21 trainers in 2003.",
        expected=(
            Expect(
                "Kyrgyzstan", "India", "weapon", "MiG-21 trainers", "recorded",
                row="India,Kyrgyzstan,2003,,19,,MiG-21PFM,fighter aircraft,19,?,2003,Second hand,Second-hand; MiG-21UM trainer version,4,76,76",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-britain-hawk-2008",
        style="wrong-year+alias",
        text="Britain sold India 66 Hawk advanced jet trainers in 2008.",
        expected=(
            Expect(
                "United Kingdom", "India", "weapon", "Hawk advanced jet trainers", "partly_recorded",
                row="India,United Kingdom,2004,,66,,Hawk-100,trainer/combat aircraft,66,?,2007; 2008; 2009; 2010; 2011; 2012,New,GBP1.1 b ($2 b) 'Advanced Jet Trainer' (AJT) programme (incl $1.6 b for aircraft); incl 8 assembled and 42 produced in India; Hawk-132 version,10,660,660",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-konkurs-headline",
        style="headline",
        text="Russia delivers Konkurs-M anti-tank missiles to Indian Army",
        article_date="2020-08-01",
        expected=(
            Expect(
                "Russia", "India", "weapon", "Konkurs-M anti-tank missiles", "recorded",
                row="India,Russia,2019,,4331,,Konkurs,anti-tank missile,4331,?,2019; 2020; 2021; 2022,New,INR8.3 b deal; Konkurs-M version; produced under licence in India,0.02,86.62,86.62",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-rafael-spike",
        style="maker+possessive",
        text="India bought 260 Spike-LR anti-tank missiles from Israel's Rafael in 2019.",
        expected=(
            Expect(
                "Israel", "India", "weapon", "Spike-LR anti-tank missiles", "recorded",
                row="India,Israel,2019,,260,,Spike-MR/LR,anti-tank missile,260,?,2019; 2020,New,Spike-LR version; deal incl 12 launchers,0.03,7.8,7.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-t37-al-khalid-in-turn",
        style="multi-sentence+two-directions+negation+back-reference",
        text="Pakistan's air force retired its last T-37 trainers in 2020; Turkey had sold it 34 of them in 2015. Islamabad, in turn, has offered Ankara Al-Khalid tanks, though no sale has been agreed.",
        expected=(
            Expect(
                "Turkiye", "Pakistan", "weapon", "T-37", "recorded",
                row="Pakistan,Turkiye,2015,,34,,T-37B,(armed) trainer aircraft,34,?,2015,Second hand,Second-hand; aid,0.72,24.48,24.48",
                file=REGISTER_2026,
            ),
            Expect(
                "Pakistan", "Turkiye", "weapon", "Al-Khalid tanks", "not_recorded",
                absent_terms=("alkhalid", "khalid"),
            ),
        ),
    ),
    Passage(
        id="b-nepal-more-dhruv",
        style="announcement+earlier-deals-only",
        text="Nepal is expected to order more Dhruv helicopters from India next year.",
        article_date="2025-05-12",
        expected=(
            Expect(
                "India", "Nepal", "weapon", "Dhruv helicopters", "partly_recorded",
                row="Nepal,India,2014,,1,,Dhruv,helicopter,1,,2014,New,Aid,4.5,4.5,4.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-otokar-kazakh-more",
        style="announcement+maker+quote-attribution+earlier-deals-only",
        text="Kazakhstan plans to buy more Cobra II armoured vehicles from Otokar, the company's chief executive said at a trade fair in Astana.",
        article_date="2025-09-01",
        expected=(
            Expect(
                "Turkiye", "Kazakhstan", "weapon", "Cobra II armoured vehicles", "partly_recorded",
                row="Kazakhstan,Turkiye,2024,?,45,?,Cobra-2,armoured personnel carrier,45,,2024,New,,0.3,13.5,13.5",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-akinci-bangladesh-false",
        style="not-recorded+diacritics",
        text="Türkiye delivered Akinci drones to Bangladesh in 2024.",
        expected=(
            Expect(
                "Turkiye", "Bangladesh", "weapon", "Akinci drones", "not_recorded",
                absent_terms=("akinci",),
            ),
        ),
    ),
    Passage(
        id="b-tejas-malaysia-false",
        style="not-recorded",
        text="India sold Tejas light combat aircraft to Malaysia in 2023.",
        expected=(
            Expect(
                "India", "Malaysia", "weapon", "Tejas light combat aircraft", "not_recorded",
                absent_terms=("tejas", "lca"),
            ),
        ),
    ),
    Passage(
        id="b-j20-pakistan-false",
        style="not-recorded+announcement",
        text="China supplied Pakistan with J-20 stealth fighters last year, a television channel claimed.",
        article_date="2026-03-01",
        expected=(
            Expect(
                "China", "Pakistan", "weapon", "J-20 stealth fighters", "not_recorded",
                absent_terms=("j20",),
            ),
        ),
    ),
    Passage(
        id="b-aliyev-more-tb2",
        style="multi-sentence+announcement+quote-attribution+earlier-deals-only",
        text="Azerbaijan will buy more Bayraktar TB2 drones from Turkey, President Ilham Aliyev said during a visit to Ankara. Baku's first twelve arrived in 2020, in time for the war over Nagorno-Karabakh.",
        article_date="2025-07-01",
        expected=(
            Expect(
                "Turkiye", "Azerbaijan", "weapon", "Bayraktar TB2 drones", "partly_recorded",
                row="Azerbaijan,Turkiye,2020,?,12,?,Bayraktar TB-2,armed drone,12,?,2020,New,,2.4,28.8,28.8",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-georgia-ejder-2012",
        style="wrong-year",
        text="Georgia bought 70 Ejder armoured vehicles from Turkey in 2012.",
        expected=(
            Expect(
                "Turkiye", "Georgia", "weapon", "Ejder armoured vehicles", "partly_recorded",
                row="Georgia,Turkiye,2008,?,70,,Ejder,armoured personnel carrier,70,?,2008; 2009,New,,0.27,18.9,18.9",
                file=REGISTER_2026,
            ),
        ),
    ),
    Passage(
        id="b-kyrgyz-ten-tb2",
        style="wrong-quantity+numbers-as-words",
        text="Kyrgyzstan has received ten Bayraktar TB2 drones from Turkey.",
        expected=(
            Expect(
                "Turkiye", "Kyrgyzstan", "weapon", "Bayraktar TB2 drones", "partly_recorded",
                row="Kyrgyzstan,Turkiye,2021,,4,?,Bayraktar TB-2,armed drone,4,?,2021; 2022,New,,2.4,9.6,9.6",
                file=REGISTER_2026,
            ),
        ),
    ),
)
