{
    "name": "Interaction Log - Test Document Kind",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "summary": "A document kind declared by an addon alone: proves the core needs no change",
    "author": "interaction_log developers",
    "website": "https://github.com/interaction-log/interaction_log",
    "license": "LGPL-3",
    "maintainers": ["interaction-log"],
    "development_status": "Beta",
    "depends": ["interaction_log"],
    "data": [
        "security/ir.model.access.csv",
        "report/interaction_test_certificate_reports.xml",
        "data/interaction_document_kind_data.xml",
    ],
    "installable": True,
}
