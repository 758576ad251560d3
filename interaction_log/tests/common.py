import json

from odoo import http
from odoo.tests import TransactionCase, new_test_user

from .jsonrpc import execute_kw_payload


class JsonRpcMixin:
    """Calls through /jsonrpc as an external client would, for HttpCase classes. Test users
    made by new_test_user have their login as password."""

    def rpc(self, user, model, method, *args, **kwargs):
        response = self.url_open(
            "/jsonrpc",
            data=execute_kw_payload(
                self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def rpc_error(self, result):
        """The message of a refused call (fails the test when the call was accepted)."""
        self.assertIn("error", result, f"accepted: {result.get('result')!r}")
        return result["error"]["data"]["message"]


class ReportDownloadMixin:
    """Prints as the web client does (a POST to /report/download with the CSRF token), and the
    entries logged for documents, for HttpCase classes of this addon and its bridges."""

    def download_report(self, report_name, documents):
        url = f"/report/pdf/{report_name}/{','.join(map(str, documents.ids))}"
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, "qweb-pdf"]),
                "context": json.dumps({"lang": "en_US"}),
                "token": "dummy",
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def entries_of(self, documents):
        return self.env["interaction.log.entry"].search(
            [("res_model", "=", documents._name), ("res_id", "in", documents.ids)],
            order="res_id, id",
        )


class InteractionLogCommon(TransactionCase):
    """Two templates in a group, a company with two contacts and a lone contact, and one user
    per interaction role, built once per test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="interaction_user", groups="base.group_user", name="Ursula User"
        )
        cls.manager = new_test_user(
            cls.env,
            login="interaction_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
            name="Manon Manager",
        )
        cls.group_phone = cls.env["interaction.group"].create(
            {"code": "T_PHONE", "name": "Test Calls"}
        )
        cls.template_call = cls.env["interaction.template"].create(
            {
                "code": "T_CALL",
                "name": "Outgoing test call",
                "group_id": cls.group_phone.id,
                "unit_cost": 2.5,
                "unit_duration": 15,
                "information_flow": "outbound",
                "initiated_by": "us",
                "correspondence_type": False,
            }
        )
        cls.template_incoming = cls.env["interaction.template"].create(
            {
                "code": "T_INCOMING",
                "name": "Incoming test call",
                "group_id": cls.group_phone.id,
                "unit_cost": 0,
                "unit_duration": 10,
                "information_flow": "inbound",
                "initiated_by": "them",
            }
        )
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Azure Test Company", "is_company": True}
        )
        cls.contact_anna, cls.contact_bob = cls.env["res.partner"].create(
            [
                {"name": "Anna Azure", "parent_id": cls.company_partner.id},
                {"name": "Bob Azure", "parent_id": cls.company_partner.id},
            ]
        )
        cls.lone_partner = cls.env["res.partner"].create({"name": "Lone Contact"})

    @classmethod
    def log(cls, partner, template=None, **values):
        """Create one entry on ``partner`` (default template: the outgoing call)."""
        return cls.env["interaction.log.entry"].create(
            {
                "partner_id": partner.id,
                "template_id": (template or cls.template_call).id,
                **values,
            }
        )
