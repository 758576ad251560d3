from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestActivityTour(HttpCase):
    def test_mark_a_call_done_and_find_it_on_the_contact(self):
        contact = self.env["res.partner"].create({"name": "Tour Caller"})
        admin = self.env.ref("base.user_admin")
        contact.activity_schedule(
            "mail.mail_activity_data_call", summary="Tour call about the offer", user_id=admin.id
        )
        self.start_tour(
            f"/odoo/contacts/{contact.id}", "interaction_log_activity_done", login="admin"
        )
        entry = self.env["interaction.log.entry"].search([("partner_id", "=", contact.id)])
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Tour call about the offer",
                    "note": "He wants the offer by Friday",
                    "template_id": self.env.ref(
                        "interaction_log.interaction_template_phone_out"
                    ).id,
                    "user_id": admin.id,
                    "res_model": "res.partner",
                    "res_id": contact.id,
                }
            ],
        )
