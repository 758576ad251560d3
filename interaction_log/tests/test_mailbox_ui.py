from odoo.tests import HttpCase, tagged

from .common_mailbox import DATA


@tagged("post_install", "-at_install")
class TestMailboxUi(HttpCase):
    def test_open_email_logging_and_an_entry_eml(self):
        company = self.env.company
        domain = self.env["mail.alias.domain"].search([("name", "=", "logging.example")])
        company.alias_domain_id = domain or self.env["mail.alias.domain"].create(
            {"name": "logging.example"}
        )
        company._interaction_fill_template_setup()
        company.interaction_email_logging = True
        self.env["res.users"].with_context(no_reset_password=True).create(
            {
                "login": "tour_sam",
                "name": "Sam Sales",
                "email": "sam.sales@ourcompany.example",
                "group_ids": [(4, self.env.ref("base.group_user").id)],
            }
        )
        ada, _bert = self.env["res.partner"].create(
            [
                {"name": "Ada Buyer", "email": "ada@customer.example"},
                {"name": "Bert Buyer", "email": "bert@customer.example"},
            ]
        )
        gateway = self.env["mail.thread"]
        for name in ("bcc_outbound.eml", "private.eml"):
            gateway.message_process(False, (DATA / name).read_bytes())
        self.start_tour(
            "/odoo/action-interaction_log.interaction_mailbox_message_action",
            "interaction_log_email_logging",
            login="admin",
        )
        eml = self.env["interaction.log.entry"].search([("partner_id", "=", ada.id)]).attachment_ids
        self.authenticate("admin", "admin")
        response = self.url_open(f"/web/content/{eml.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn("message/rfc822", response.headers["Content-Type"])
        self.assertIn(b"please find our quotation", response.content)
