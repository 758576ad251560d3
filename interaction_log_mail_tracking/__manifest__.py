{
    "name": "Interaction Log - Mail Tracking",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Delivery status of e-mail interactions from OCA's e-mail tracking",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    # AGPL: it extends the models of mail_tracking, which is AGPL-3.
    "license": "AGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    "depends": ["interaction_log", "mail_tracking"],
    "installable": True,
    "auto_install": True,
}
