{
    "name": "Interaction Log - Inventory",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "summary": "Log delivery slips printed for customers and receipts printed for vendors",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    "depends": ["interaction_log", "stock"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_kind_data.xml",
        "views/stock_picking_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
