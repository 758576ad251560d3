{
    "name": "Interaction Log - CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Link interactions to opportunities",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    # sale_crm holds the opportunity of a quotation; with interaction_log (which needs sale)
    # and crm installed, Odoo installs it by itself.
    "depends": ["interaction_log", "crm", "sale_crm"],
    "data": [
        "views/interaction_log_entry_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "wizard/interaction_log_wizard_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
