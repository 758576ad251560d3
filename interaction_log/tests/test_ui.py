from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestInteractionLogUi(HttpCase):
    def test_smart_button_shows_the_contact_entries(self):
        partner = self.env["res.partner"].create({"name": "Tour Contact"})
        template = self.env.ref("interaction_log.interaction_template_phone_out")
        self.env["interaction.log.entry"].create(
            [
                {"partner_id": partner.id, "template_id": template.id, "name": "Tour call one"},
                {"partner_id": partner.id, "template_id": template.id, "name": "Tour call two"},
            ]
        )
        self.start_tour(
            f"/odoo/contacts/{partner.id}", "interaction_log_partner_smart_button", login="admin"
        )

    def test_build_and_log_a_segment(self):
        tag = self.env["res.partner.category"].create({"name": "Tour Tag"})
        self.env["res.partner"].create(
            [
                {"name": "Tour Person A", "category_id": [(6, 0, tag.ids)]},
                {"name": "Tour Person B", "category_id": [(6, 0, tag.ids)]},
            ]
        )
        self.start_tour(
            "/odoo/action-interaction_log.interaction_segment_action",
            "interaction_log_segment",
            login="admin",
        )
        logged = self.env["interaction.logged.segment"].search([("name", "=", "Tour Segment")])
        self.assertEqual(
            sorted(logged.entry_ids.partner_id.mapped("name")), ["Tour Person A", "Tour Person B"]
        )

    def test_print_a_quotation_and_find_it_on_the_customer(self):
        self.env.company._interaction_fill_template_setup()
        customer = self.env["res.partner"].create({"name": "Tour Customer"})
        product = self.env["product.product"].create({"name": "Tour Product", "list_price": 10})
        order = self.env["sale.order"].create(
            {"partner_id": customer.id, "order_line": [Command.create({"product_id": product.id})]}
        )
        self.start_tour(f"/odoo/sales/{order.id}", "interaction_log_print_quotation", login="admin")
        entry = self.env["interaction.log.entry"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertRecordValues(
            entry, [{"partner_id": customer.id, "document_type": "quotation", "version_no": 1}]
        )

    def test_log_from_a_contact_then_cancel_and_delete(self):
        contact = self.env["res.partner"].create({"name": "Wizard Contact"})
        self.start_tour(
            f"/odoo/contacts/{contact.id}", "interaction_log_wizard_cancel_delete", login="admin"
        )
        self.assertFalse(
            self.env["interaction.log.entry"].search([("partner_id", "=", contact.id)]),
            "logged, cancelled, then deleted",
        )

    def test_open_the_analysis_pivot(self):
        template = self.env.ref("interaction_log.interaction_template_phone_out")
        partner = self.env["res.partner"].create({"name": "Analysis Contact"})
        self.env["interaction.log.entry"].create(
            {"partner_id": partner.id, "template_id": template.id, "name": "Analysis call"}
        )
        template.name = "Analysis call"
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action_analysis",
            "interaction_log_analysis",
            login="admin",
        )

    def test_html_in_descriptions_and_notes_is_shown_as_text(self):
        partner = self.env["res.partner"].create({"name": "HTML Contact"})
        template = self.env.ref("interaction_log.interaction_template_phone_out")
        self.env["interaction.log.entry"].create(
            {
                "partner_id": partner.id,
                "template_id": template.id,
                "name": '<img src="x" onerror="window.interactionLogInjected = true">',
                "note": "<script>window.interactionLogInjected = true</script> call back",
            }
        )
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action",
            "interaction_log_html_as_text",
            login="admin",
        )
