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
