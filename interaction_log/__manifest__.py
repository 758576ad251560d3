{
    "name": "Interaction Log",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Record every letter, e-mail, call, meeting and document exchanged with a contact",
    "description": """
One log of every interaction between the company and its contacts: templates and groups with
unit cost and duration, cancellation and restoring, statistics on contacts (a company rolls up
its contacts), deletion of cancelled entries on request or by a scheduled purge, manual
logging with a wizard and by segments, and automatic logging of printed and e-mailed
quotations, orders, invoices and credit notes and of e-mails sent and received.
""",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "depends": ["contacts", "sale"],
    "data": [
        "security/interaction_log_groups.xml",
        "security/ir.model.access.csv",
        "security/interaction_log_security.xml",
        "data/interaction_group_data.xml",
        "data/interaction_template_data.xml",
        "data/ir_cron_data.xml",
        "data/res_company_data.xml",
        "wizard/interaction_log_wizard_views.xml",
        "wizard/interaction_evaluate_wizard_views.xml",
        "views/interaction_log_entry_views.xml",
        "views/interaction_logged_segment_views.xml",
        "wizard/interaction_segment_criteria_wizard_views.xml",
        "wizard/interaction_segment_reuse_wizard_views.xml",
        "views/interaction_segment_views.xml",
        "views/interaction_template_views.xml",
        "views/interaction_group_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "wizard/interaction_delete_canceled_wizard_views.xml",
        "wizard/interaction_retention_wizard_views.xml",
        "views/interaction_log_menus.xml",
    ],
    "demo": [
        "demo/interaction_log_entry_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "interaction_log/static/tests/tours/*.js",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
