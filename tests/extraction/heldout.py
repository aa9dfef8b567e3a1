# ruff: noqa: E501  (report texts and gold rows read better unwrapped)
"""Short reports written for the tests (not from any evaluation set), with the incidents a coder would log.

Different countries, actors and phrasing from the development set, to catch rules that only fit it.
"""

HELDOUT = [
    {
        "id": "H1",
        "published": "2023-05-12",
        "text": (
            "GARISSA, Kenya - Suspected al-Shabaab militants attacked a police post in Garissa on Wednesday "
            "night, killing three officers, police said.\n\n"
            "The attackers fled towards the Somali border after an exchange of fire lasting about an hour. "
            "Two other officers were wounded.\n\n"
            "Al-Shabaab has repeatedly attacked security forces in the region, and the group threatened "
            "further attacks on Kenyan towns."
        ),
        "incidents": [
            {
                "event_date": "2023-05-10",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "country_iso": "KE",
                "location": "Garissa",
                "latitude": -0.45,
                "longitude": 39.65,
                "fatalities": 3,
                "injured": 2,
                "actor1": ["Al Shabaab"],
                "actor2": ["Police Forces of Kenya"],
            },
        ],
    },
    {
        "id": "H2",
        "published": "2022-09-05",
        "text": (
            "OUAGADOUGOU (AFP) - A roadside bomb struck a supply convoy near Djibo on Saturday, killing at least "
            "11 soldiers, the army said.\n\n"
            "The convoy was taking food to the besieged town. JNIM said in a statement on Sunday that its "
            "fighters had carried out the attack. Hundreds of people have been killed in the north since "
            "January, according to aid groups."
        ),
        "incidents": [
            {
                "event_date": "2022-09-03",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "country_iso": "BF",
                "location": "Djibo",
                "latitude": 14.1,
                "longitude": -1.63,
                "fatalities": 11,
                "injured": None,
                "actor1": [
                    "JNIM: Group for Support of Islam and Muslims",
                    "Unidentified Armed Group (Burkina Faso)",
                ],
                "actor2": ["Military Forces of Burkina Faso"],
            },
        ],
    },
    {
        "id": "H3",
        "published": "2021-11-20",
        "text": (
            "Thousands of students marched through Quetta on Friday to demand better security after a spate of "
            "kidnappings. The rally ended peacefully.\n\n"
            "In Peshawar, police fired tear gas to disperse a crowd of traders protesting against new taxes on "
            "the same day. No casualties were reported."
        ),
        "incidents": [
            {
                "event_date": "2021-11-19",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "country_iso": "PK",
                "location": "Quetta",
                "latitude": 30.19,
                "longitude": 67.0,
                "fatalities": None,
                "injured": None,
                "actor1": ["Protesters (Pakistan)"],
                "actor2": [],
            },
            {
                "event_date": "2021-11-19",
                "event_type": "Protests",
                "sub_event_type": "Protest with intervention",
                "country_iso": "PK",
                "location": "Peshawar",
                "latitude": 34.0,
                "longitude": 71.57,
                "fatalities": 0,
                "injured": 0,
                "actor1": ["Protesters (Pakistan)"],
                "actor2": ["Police Forces of Pakistan"],
            },
        ],
    },
    {
        "id": "H4",
        "published": "2024-02-15",
        "text": (
            "An Israeli air strike hit a house in Tyre in southern Lebanon late Tuesday, killing two Hezbollah "
            "members, a security source said.\n\n"
            "Hezbollah said it fired rockets at military positions in response. The group has warned it will "
            "widen its attacks if the strikes continue."
        ),
        "incidents": [
            {
                "event_date": "2024-02-13",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "country_iso": "LB",
                "location": "Tyre",
                "latitude": 33.27,
                "longitude": 35.2,
                "fatalities": 2,
                "injured": None,
                "actor1": ["Military Forces of Israel"],
                "actor2": ["Hezbollah"],
            },
        ],
    },
    {
        "id": "H5",
        "published": "2023-06-02",
        "text": (
            "KHARTOUM - Fighters of the Rapid Support Forces shelled residential areas of El Fasher on Thursday, "
            "killing 14 civilians and wounding dozens, local doctors said.\n\n"
            "Two days earlier, on Tuesday, gunmen abducted four aid workers on the road to El Fasher. Their "
            "employer said talks for their release were under way."
        ),
        "incidents": [
            {
                "event_date": "2023-06-01",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "country_iso": "SD",
                "location": "El Fasher",
                "latitude": 13.63,
                "longitude": 25.35,
                "fatalities": 14,
                "injured": 12,
                "actor1": ["RSF: Rapid Support Forces"],
                "actor2": ["Civilians (Sudan)"],
            },
            {
                "event_date": "2023-05-30",
                "event_type": "Violence against civilians",
                "sub_event_type": "Abduction/forced disappearance",
                "country_iso": "SD",
                "location": "El Fasher",
                "latitude": 13.63,
                "longitude": 25.35,
                "fatalities": None,
                "injured": None,
                "actor1": ["Unidentified Armed Group (Sudan)"],
                "actor2": ["Civilians (Sudan)"],
            },
        ],
    },
    {
        "id": "H6",
        "published": "2022-10-08",
        "text": (
            "MINDANAO - SECURITY SITUATION UPDATE\n"
            "Reporting period: 1 to 7 October 2022\n\n"
            "SUMMARY\n"
            "- Violence in the province continues; at least nine people were killed during the period.\n\n"
            "INCIDENTS\n"
            "- 2 October, near Marawi: Philippine army troops clashed with Maute fighters for two hours. Three "
            "soldiers were wounded and two militants were killed, the army said.\n"
            "- 5 October, Cotabato: An improvised explosive device went off outside a market, killing four "
            "civilians and wounding 12. No group has claimed responsibility.\n\n"
            "OUTLOOK\n"
            "- The army plans new operations against the Maute group in the coming weeks."
        ),
        "incidents": [
            {
                "event_date": "2022-10-02",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "country_iso": "PH",
                "location": "Marawi",
                "latitude": 8.0,
                "longitude": 124.29,
                "fatalities": 2,
                "injured": 3,
                "actor1": ["Military Forces of Philippines"],
                "actor2": ["Maute Group"],
            },
            {
                "event_date": "2022-10-05",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "country_iso": "PH",
                "location": "Cotabato",
                "latitude": 7.22,
                "longitude": 124.25,
                "fatalities": 4,
                "injured": 12,
                "actor1": ["Unidentified Armed Group (Philippines)"],
                "actor2": ["Civilians (Philippines)"],
            },
        ],
    },
    {
        "id": "H7",
        "published": "2020-02-04",
        "text": (
            "NAIROBI (Reuters) - Police fired tear gas at protesters in Nairobi and Mandera on Monday as "
            "thousands demonstrated against rising food prices, witnesses said. Nobody was hurt.\n\n"
            "Last year, more than 30 people were killed in protests across the country, rights groups say. "
            "Opposition leaders have called for further demonstrations on Friday."
        ),
        "incidents": [
            {
                "event_date": "2020-02-03",
                "event_type": "Protests",
                "sub_event_type": "Protest with intervention",
                "country_iso": "KE",
                "location": "Nairobi",
                "latitude": -1.28,
                "longitude": 36.82,
                "fatalities": 0,
                "injured": 0,
                "actor1": ["Protesters (Kenya)"],
                "actor2": ["Police Forces of Kenya"],
            },
            {
                "event_date": "2020-02-03",
                "event_type": "Protests",
                "sub_event_type": "Protest with intervention",
                "country_iso": "KE",
                "location": "Mandera",
                "latitude": 3.94,
                "longitude": 41.86,
                "fatalities": 0,
                "injured": 0,
                "actor1": ["Protesters (Kenya)"],
                "actor2": ["Police Forces of Kenya"],
            },
        ],
    },
]
