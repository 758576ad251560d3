{
    "name": "Interaction Log - Calendar",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Log the calendar meetings held with contacts as interactions",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    "depends": ["interaction_log", "calendar"],
    "data": [
        "data/ir_cron_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "auto_install": True,
}
