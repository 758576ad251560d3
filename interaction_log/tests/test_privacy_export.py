import base64
import csv
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestPrivacyExport(JsonRpcMixin, HttpCase):
    """A data-subject access request: a contact's interactions as a .zip, for managers only,
    and the other privacy actions refused to users over JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )
        cls.manager = new_test_user(
            cls.env,
            login="export_manager",
            groups="base.group_user,base.group_partner_manager,"
            "interaction_log.group_interaction_manager",
            lang="fr_FR",
        )
        cls.user = new_test_user(
            cls.env, login="export_user", groups="base.group_user,base.group_partner_manager"
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Zoé Export", "email": "zoe@example.com", "phone": "+33 1 55 00 00 01"}
        )
        cls.other = cls.env["res.partner"].create({"name": "Not Exported"})
        call = cls.env.ref("interaction_log.interaction_template_phone_out")
        email = cls.env.ref("interaction_log.interaction_template_email")
        entries = cls.env["interaction.log.entry"]
        cls.entries = entries.create(
            [
                {"partner_id": cls.partner.id, "template_id": call.id, "name": f"Appel {n}"}
                for n in range(3)
            ]
            + [{"partner_id": cls.partner.id, "template_id": email.id, "name": "Le devis"}]
        )
        cls.entries[0].action_cancel()
        entries.create({"partner_id": cls.other.id, "template_id": call.id, "name": "Autre"})
        cls.eml = cls.env["ir.attachment"].create(
            {
                "name": "devis.eml",
                "datas": base64.b64encode(b"Subject: Le devis\r\n\r\nBonjour"),
                "res_model": "interaction.log.entry",
                "res_id": cls.entries[3].id,
            }
        )

    def read_zip(self, data):
        archive = zipfile.ZipFile(io.BytesIO(data))
        rows = list(csv.reader(io.StringIO(archive.read("interactions.csv").decode("utf-8-sig"))))
        return archive, rows

    def test_export_holds_every_entry_in_french_and_the_attachments(self):
        chunks = list(
            self.partner.with_user(self.manager)
            .with_context(lang="fr_FR")
            ._interaction_export_chunks(batch_size=2)
        )
        self.assertGreater(len([chunk for chunk in chunks if chunk]), 2, "streamed in pieces")
        archive, rows = self.read_zip(b"".join(chunks))
        header, body = rows[0], rows[1:]
        self.assertIn("Vendeur", header)
        self.assertIn("Contacté via", header)
        self.assertEqual(len(body), 4, "cancelled entries too, not the other contact's")
        self.assertEqual(
            sorted(row[header.index("Description")] for row in body),
            ["Appel 0", "Appel 1", "Appel 2", "Le devis"],
        )
        states = [row[header.index("Statut")] for row in body]
        self.assertIn("Annulée", states)
        self.assertIn("+33 1 55 00 00 01", [row[header.index("Contacté via")] for row in body])
        self.assertEqual(
            archive.read(f"attachments/{self.entries[3].id}/{self.eml.id}-devis.eml"),
            b"Subject: Le devis\r\n\r\nBonjour",
        )

    def test_the_route_streams_the_zip_to_managers_only(self):
        self.authenticate("export_manager", "export_manager")
        response = self.url_open(f"/interaction_log/export/{self.partner.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertIn("interactions-Zo", response.headers["Content-Disposition"])
        _archive, rows = self.read_zip(response.content)
        self.assertEqual(len(rows), 5)

        self.authenticate("export_user", "export_user")
        response = self.url_open(f"/interaction_log/export/{self.partner.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Appel", response.content)

    def test_users_cannot_unblock_export_or_anonymise_over_json_rpc(self):
        self.partner.with_user(self.manager).action_interaction_privacy_block()
        for method, args in (
            ("action_interaction_privacy_unblock", []),
            ("action_export_interactions", []),
            ("action_anonymise_interactions", []),
            ("action_erase_interactions", []),
            ("write", [{"interaction_privacy_blocked": False}]),
            ("write", [{"interaction_privacy_blocked_by_id": self.user.id}]),
        ):
            with self.subTest(method=method, args=args):
                result = self.rpc(self.user, "res.partner", method, [self.partner.id], *args)
                self.assertIn("Interaction Manager", self.rpc_error(result))
        self.partner.invalidate_recordset()
        self.assertTrue(self.partner.interaction_privacy_blocked)
        self.assertEqual(self.partner.interaction_privacy_blocked_by_id, self.manager)
        self.assertEqual(self.entries.partner_id, self.partner)
        # What a manager may do through the same door.
        result = self.rpc(
            self.manager, "res.partner", "action_export_interactions", [self.partner.id]
        )
        self.assertEqual(result["result"]["url"], f"/interaction_log/export/{self.partner.id}")
        self.rpc(
            self.manager, "res.partner", "action_interaction_privacy_unblock", [self.partner.id]
        )
        self.partner.invalidate_recordset()
        self.assertFalse(self.partner.interaction_privacy_blocked)

    def test_tour_exports_a_contacts_interactions(self):
        partner = self.env["res.partner"].create({"name": "Tour Export"})
        call = self.env.ref("interaction_log.interaction_template_phone_out")
        self.env["interaction.log.entry"].create(
            [
                {"partner_id": partner.id, "template_id": call.id, "name": f"Tour {n}"}
                for n in (1, 2)
            ]
        )
        self.start_tour(f"/odoo/contacts/{partner.id}", "interaction_log_export", login="admin")

    def test_privacy_messages_come_out_in_french(self):
        self.partner.with_user(self.manager).action_interaction_privacy_block()
        entries = self.env["interaction.log.entry"].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "ont demandé le respect de leur vie privée"):
            entries.with_context(lang="fr_FR").create(
                {
                    "partner_id": self.partner.id,
                    "template_id": self.env.ref(
                        "interaction_log.interaction_template_phone_out"
                    ).id,
                }
            )
        arch = self.env["res.partner"].with_context(lang="fr_FR").get_view(view_type="form")["arch"]
        self.assertIn("Anonymiser les interactions", arch)
        self.assertIn("Bloqué (vie privée)", arch)
        labels = dict(
            entries._fields["delivery_status"]._description_selection(
                entries.with_context(lang="fr_FR").env
            )
        )
        self.assertEqual(labels["bounced"], "Rejeté")
