{
    "name": "Interaction Log - Purchase",
    "version": "19.0.1.0.0",
    "category": "Inventory/Purchase",
    "summary": "Log requests for quotation and purchase orders printed or e-mailed to vendors",
    "description": """
Printing or e-mailing a request for quotation or a purchase order logs an interaction on the
vendor (Business Central's purchase quotes and orders), with the purchase representative as
salesperson; the purchase order form shows its interactions.
""",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "depends": ["interaction_log", "purchase"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_kind_data.xml",
        "views/purchase_order_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
