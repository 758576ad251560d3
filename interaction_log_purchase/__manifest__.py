{
    "name": "Interaction Log - Purchase",
    "version": "19.0.1.0.0",
    "category": "Inventory/Purchase",
    "summary": "Log requests for quotation and purchase orders printed or e-mailed to vendors",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    "depends": ["interaction_log", "purchase"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_kind_data.xml",
        "views/purchase_order_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
