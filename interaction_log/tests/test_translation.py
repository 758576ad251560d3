from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestFrenchTranslation(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )
        cls.user.lang = "fr_FR"

    def test_error_messages_come_out_in_french(self):
        # In a request the context carries the user's language; here it is set by hand.
        entries = self.env["interaction.log.entry"].with_user(self.user).with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "nécessite un contact et un modèle"):
            entries.create({"partner_id": self.lone_partner.id})
        entry = entries.create(
            {"partner_id": self.lone_partner.id, "template_id": self.template_call.id}
        )
        with self.assertRaisesRegex(UserError, r"seuls l'évaluation.*\(pas : Coût\)"):
            entry.write({"cost": 3})

    def test_labels_and_default_data_come_out_in_french(self):
        env_fr = self.env(user=self.user, context={"lang": "fr_FR"})
        entry_model = env_fr["ir.model"]._get("interaction.log.entry")
        self.assertEqual(entry_model.name, "Écriture journal interaction")
        selection = dict(
            env_fr["interaction.log.entry"]._fields["state"]._description_selection(env_fr)
        )
        self.assertEqual(selection["canceled"], "Annulée")
        template = env_fr.ref("interaction_log.interaction_template_phone_out")
        self.assertEqual(template.name, "Appel sortant")
        arch = env_fr["interaction.log.entry"].get_view(view_type="list")["arch"]
        self.assertIn("Restaurer", arch)
        partner_arch = env_fr["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn("Dernière interaction", partner_arch)
        entry = env_fr["interaction.log.entry"].create(
            {"partner_id": self.lone_partner.id, "template_id": self.template_call.id}
        )
        self.assertEqual(entry.title, "Outgoing test call – par Ursula User")

    def test_configuration_menus_read_as_french(self):
        menus = self.env(context={"lang": "fr_FR"})["ir.ui.menu"]
        self.assertEqual(
            [
                menus.browse(self.env.ref(f"interaction_log.interaction_{name}_menu").id).name
                for name in ("group", "template")
            ],
            ["Groupes d'interactions", "Modèles d'interaction"],
        )

    def test_automatic_descriptions_are_in_the_contacts_language(self):
        self.env.company._interaction_fill_template_setup()
        product = self.env["product.product"].create({"name": "Translated Product"})
        self.lone_partner.lang = "fr_FR"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.lone_partner.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        entries = self.env["interaction.log.entry"].with_context(lang="en_US")
        entry = entries._log_document_event(order, "print")
        self.assertEqual(entry.name, f"Devis {order.name}")
        self.lone_partner.lang = "en_US"
        self.assertEqual(
            entries._log_document_event(order, "print").name, f"Quotation {order.name}"
        )
