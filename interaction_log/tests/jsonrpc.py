"""The JSON-RPC request an external client sends, built in one place for the addon's tests
and for live_tests/ (which loads this file by its path: it runs outside Odoo)."""

import json


def execute_kw_payload(database, uid, password, model, method, args=(), kwargs=None):
    return json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [database, uid, password, model, method, list(args), kwargs or {}],
            },
        }
    )
