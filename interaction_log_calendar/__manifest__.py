{
    "name": "Interaction Log - Calendar",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Log the calendar meetings held with contacts as interactions",
    "description": """
Every calendar meeting that has ended logs one meeting interaction per external attendee who
did not decline, with the template of Settings > Interactions > Meetings, once, by a scheduled
action. A Meeting activity done on a meeting is not logged a second time.
""",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "depends": ["interaction_log", "calendar"],
    "data": [
        "data/ir_cron_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "auto_install": True,
}
