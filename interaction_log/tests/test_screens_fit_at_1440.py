from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestScreensFitAt1440(HttpCase):
    """What is cut on a 1440 px screen, in French where labels are longest (issue 15)."""

    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )
        cls.env.ref("base.user_admin").lang = "fr_FR"
        cls.template = cls.env.ref("interaction_log.interaction_template_phone_out")
        cls.partner = cls.env["res.partner"].create({"name": "Badge Contact"})
        cls.env["interaction.log.entry"].create(
            [
                {
                    "partner_id": cls.partner.id,
                    "template_id": cls.template.id,
                    "name": name,
                    "attempt_failed": failed,
                    "delivery_status": delivery_status,
                }
                for name, failed, delivery_status in [
                    ("Reached", False, "outgoing"),
                    ("Not reached", True, "bounced"),
                    ("Delivered", False, "delivered"),
                ]
            ]
        )

    def test_status_badges_are_not_cut_in_french(self):
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action",
            "interaction_log_badges_fit_in_french",
            login="admin",
        )
        self.start_tour(
            f"/odoo/contacts/{self.partner.id}",
            "interaction_log_tab_badges_fit_in_french",
            login="admin",
        )

    def test_a_document_list_shows_every_column_without_scrolling(self):
        self.env.company._interaction_fill_template_setup()
        product = self.env["product.product"].create({"name": "Fit Product", "list_price": 10})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.env["interaction.log.entry"]._log_document_event(order, "print")
        self.start_tour(
            f"/odoo/sales/{order.id}", "interaction_log_document_list_fits", login="admin"
        )

    def test_settings_template_selectors_show_whole_names(self):
        self.env.company._interaction_fill_template_setup()
        self.env.company.interaction_template_meeting_id = self.env.ref(
            "interaction_log.interaction_template_meeting_inhouse"
        )
        self.start_tour(
            "/odoo/settings#interaction_log", "interaction_log_settings_readable", login="admin"
        )
