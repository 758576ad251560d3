{
    "name": "Interaction Log - CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Link interactions to opportunities",
    "description": """
Business Central's Opportunity No. on interactions: the Log Interaction wizard offers the open
opportunities of the contact's company; quotations of an opportunity, activities done and
e-mails on a lead carry it; leads get an Interactions smart button; Create Opportunity from an
interaction.
""",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
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
