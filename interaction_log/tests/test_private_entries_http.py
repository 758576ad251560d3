from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin

SECRET = "Merger talks with Globex"
SECRET_NOTE = "Globex wants to merge"
EML = b"Subject: Merger talks with Globex\r\n\r\nThe merger terms.\r\n"


@tagged("post_install", "-at_install")
class TestPrivateEntriesOverHttp(JsonRpcMixin, HttpCase):
    """A private entry as an external client (JSON-RPC) and the browser's download routes
    reach it, and the browser flow of making an entry private."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, login="il_priv_sales", groups="base.group_user", name="Sally Sales"
        )
        cls.other = new_test_user(
            cls.env,
            login="il_priv_other",
            groups="base.group_user,base.group_allow_export",
            name="Oscar Other",
        )
        cls.manager = new_test_user(
            cls.env,
            login="il_priv_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
        )
        cls.portal = new_test_user(cls.env, login="il_priv_portal", groups="base.group_portal")
        cls.partner = cls.env["res.partner"].create(
            {"name": "Private Contact", "email": "private.contact@example.com"}
        )
        cls.template = cls.env.ref("interaction_log.interaction_template_phone_out")
        cls.entry = cls.env["interaction.log.entry"].create(
            {
                "partner_id": cls.partner.id,
                "template_id": cls.template.id,
                "name": SECRET,
                "note": SECRET_NOTE,
                "user_id": cls.salesperson.id,
            }
        )
        cls.eml = cls.env["ir.attachment"].create(
            {
                "name": "merger.eml",
                "raw": EML,
                "mimetype": "message/rfc822",
                "res_model": cls.entry._name,
                "res_id": cls.entry.id,
            }
        )

    def make_private(self):
        result = self.rpc(
            self.salesperson, "interaction.log.entry", "write", [self.entry.id], {"private": True}
        )
        self.assertEqual(result.get("result"), True, result.get("error"))

    def test_json_rpc_read_paths(self):
        self.make_private()
        model = "interaction.log.entry"
        fields = ["name", "note", "contact_via", "private_description", "private_note"]
        domain = [("partner_id", "=", self.partner.id)]
        calls = [
            ("search_read", [domain, fields], {}),
            ("read", [[self.entry.id], fields], {}),
            ("web_search_read", [domain, {name: {} for name in fields}], {}),
            ("search", [[("name", "ilike", "merger")]], {}),
            ("search", [[("note", "ilike", "merger")]], {}),
            ("formatted_read_group", [domain, ["name", "note"], ["__count"]], {}),
            ("export_data", [[self.entry.id], [*fields, "attachment_ids/name"]], {}),
        ]
        for method, args, kwargs in calls:
            with self.subTest(method=method):
                result = self.rpc(self.other, model, method, *args, **kwargs)
                self.assertNotIn("error", result)
                self.assertNotIn("erger", repr(result["result"]))
                self.assertNotIn("Globex", repr(result["result"]))
        self.assertEqual(
            self.rpc(self.other, model, "search", [("name", "ilike", "merger")])["result"], []
        )
        self.rpc_error(
            self.rpc(self.other, "ir.attachment", "read", [self.eml.id], ["raw", "name"])
        )
        self.assertEqual(
            self.rpc(self.other, "interaction.private.content", "search_read", [], ["name"])[
                "result"
            ],
            [],
        )
        self.rpc_error(self.rpc(self.portal, model, "search_read", domain, ["name"]))
        self.rpc_error(
            self.rpc(self.portal, "interaction.private.content", "search_read", [], ["name"])
        )
        for user in (self.salesperson, self.manager):
            with self.subTest(user=user.login):
                result = self.rpc(user, model, "read", [self.entry.id], fields)["result"]
                self.assertEqual(
                    (result[0]["private_description"], result[0]["private_note"]),
                    (SECRET, SECRET_NOTE),
                )

    def test_json_rpc_who_may_set_and_unset_private(self):
        model = "interaction.log.entry"
        message = self.rpc_error(
            self.rpc(self.other, model, "write", [self.entry.id], {"private": True})
        )
        self.assertIn("salesperson or an Interaction Manager", message)
        self.make_private()
        for vals in (
            {"private": False},
            {"note": "overwritten"},
            {"private_note": "overwritten"},
            {"name": "overwritten"},
        ):
            with self.subTest(vals=vals):
                self.rpc_error(self.rpc(self.other, model, "write", [self.entry.id], vals))
        self.rpc_error(
            self.rpc(
                self.other,
                model,
                "create",
                {
                    "partner_id": self.partner.id,
                    "template_id": self.template.id,
                    "user_id": self.salesperson.id,
                    "private": True,
                },
            )
        )
        self.assertTrue(self.entry.private)
        result = self.rpc(self.manager, model, "write", [self.entry.id], {"private": False})
        self.assertNotIn("error", result)
        self.assertEqual((self.entry.name, self.entry.note), (SECRET, SECRET_NOTE))

    def test_eml_download_route(self):
        self.make_private()
        url = f"/web/content/{self.eml.id}?download=true"
        for login in ("il_priv_other", "il_priv_portal"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"merger", response.content)
        for login in ("il_priv_sales", "il_priv_manager"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, EML)

    def test_tour_mark_private_then_see_it_as_another_user(self):
        self.start_tour(
            f"/odoo/action-interaction_log.interaction_log_entry_action/{self.entry.id}",
            "interaction_log_private_entry_mark",
            login="il_priv_sales",
        )
        self.assertTrue(self.entry.private)
        self.assertEqual(self.entry.name, "Private interaction")
        self.start_tour(
            "/odoo/action-interaction_log.interaction_log_entry_action",
            "interaction_log_private_entry_other",
            login="il_priv_other",
        )
