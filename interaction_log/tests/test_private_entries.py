import base64
import io
import zipfile

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import InteractionLogCommon

SECRET = "Merger with Globex"
SECRET_NOTE = "They plan a merger before the summer"
SECRET_FILE = b"merger terms"


@tagged("post_install", "-at_install")
class TestPrivateEntries(InteractionLogCommon):
    """A private entry as its salesperson (Ursula), an Interaction Manager, another user of
    the company and a portal user read it, through every ORM read path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = new_test_user(
            cls.env,
            login="il_private_other",
            groups="base.group_user,base.group_allow_export",
            name="Oscar Other",
        )
        cls.manager.group_ids += cls.env.ref("base.group_allow_export")
        cls.portal = new_test_user(cls.env, login="il_private_portal", groups="base.group_portal")
        cls.user.email = "ursula@example.com"
        cls.contact_anna.write({"email": "anna@example.com", "phone": "+32 2 555 01 01"})
        cls.entry = cls.log(
            cls.contact_anna,
            name=SECRET,
            note=SECRET_NOTE,
            user_id=cls.user.id,
            correspondence_type="email",
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "terms.txt",
                "raw": SECRET_FILE,
                "res_model": cls.entry._name,
                "res_id": cls.entry.id,
            }
        )
        cls.public_entry = cls.log(cls.contact_anna, name="Public call", user_id=cls.user.id)
        cls.entry.with_user(cls.user).private = True

    def as_user(self, user, record=None):
        return (record or self.entry).with_user(user)

    def assert_reads_nothing_private(self, user):
        entry = self.as_user(user)
        self.assertEqual(entry.name, "Private interaction")
        self.assertFalse(entry.note)
        self.assertFalse(entry.contact_via)
        self.assertFalse(entry.private_readable)
        self.assertFalse(entry.private_description)
        self.assertFalse(entry.private_note)
        self.assertFalse(entry.private_contact_via)
        self.assertFalse(entry.private_attachment_ids)
        self.assertFalse(entry.attachment_ids)
        self.assertFalse(
            self.env["interaction.private.content"].with_user(user).search([]),
            "the private contents of others are found",
        )
        with self.assertRaises(AccessError):
            self.attachment.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            self.attachment.with_user(user).raw  # noqa: B018

    def test_others_see_that_an_interaction_took_place(self):
        entry = self.as_user(self.other)
        self.assertEqual(
            (entry.date, entry.template_id, entry.information_flow, entry.state),
            (self.entry.date, self.template_call, "outbound", "logged"),
        )
        self.assertTrue(entry.private)
        self.assertEqual(entry.title, "Outgoing test call – by Ursula User")
        self.assert_reads_nothing_private(self.other)

    def test_salesperson_and_manager_read_the_content(self):
        for user in (self.user, self.manager):
            with self.subTest(user=user.login):
                entry = self.as_user(user)
                self.assertTrue(entry.private_readable)
                self.assertEqual(entry.private_description, SECRET)
                self.assertEqual(entry.private_note, SECRET_NOTE)
                self.assertEqual(entry.private_contact_via, "anna@example.com")
                self.assertEqual(entry.private_attachment_ids, self.attachment)
                self.assertEqual(self.attachment.with_user(user).raw, SECRET_FILE)

    def test_the_lists_show_each_reader_what_they_may_read(self):
        """The lists, the contact's tab and the kanban show description_shown: the private
        entry's own description to its salesperson and the managers, the placeholder in
        their own language to the others, whoever made the entry private."""
        self.env["res.lang"]._activate_lang("fr_FR")
        for user, lang, expected in (
            (self.user, "en_US", SECRET),
            (self.manager, "fr_FR", SECRET),
            (self.other, "en_US", "Private interaction"),
            (self.other, "fr_FR", "Interaction privée"),
        ):
            with self.subTest(user=user.login, lang=lang):
                entries = self.entry.with_user(user).with_context(lang=lang)
                read = entries.web_search_read(
                    [("id", "=", self.entry.id)], {"description_shown": {}}
                )["records"]
                self.assertEqual(read[0]["description_shown"], expected)
        public = self.log(self.lone_partner)
        self.assertEqual(self.as_user(self.other, public).description_shown, public.name)

    def test_the_entry_columns_hold_no_content(self):
        """Even read as superuser, the entry holds only a placeholder: what no search,
        grouping, export or cache of entries can then reveal."""
        self.env.invalidate_all()
        self.env.cr.execute(
            "SELECT name, note, contact_via FROM interaction_log_entry WHERE id = %s",
            [self.entry.id],
        )
        self.assertEqual(self.env.cr.fetchone(), ("Private interaction", None, None))
        self.assertEqual(self.attachment.res_model, "interaction.private.content")

    def test_search_does_not_find_private_content(self):
        entries = self.env["interaction.log.entry"].with_user(self.other)
        for domain in (
            [("name", "ilike", "merger")],
            [("note", "ilike", "merger")],
            [("contact_via", "ilike", "anna@")],
            [("display_name", "ilike", "merger")],
            [("attachment_ids.name", "=", "terms.txt")],
        ):
            with self.subTest(domain=domain):
                self.assertFalse(entries.search(domain))
                self.assertFalse(entries.search_count(domain))
        self.assertEqual(entries.name_search("merger"), [])
        with self.assertRaisesRegex(ValueError, "not stored"):
            entries.search([("private_description", "ilike", "merger")])
        self.assertFalse(
            self.env["ir.attachment"].with_user(self.other).search([("name", "=", "terms.txt")])
        )

    def test_read_paths_as_another_user(self):
        entries = self.env["interaction.log.entry"].with_user(self.other)
        names = ["name", "note", "contact_via", "private_description", "private_note"]
        records = entries.search_read([("id", "=", self.entry.id)], [*names, "display_name"])
        web = entries.web_search_read(
            [("id", "=", self.entry.id)],
            {
                **{name: {} for name in names},
                "private_attachment_ids": {"fields": {"name": {}}},
                "attachment_ids": {"fields": {"name": {}}},
            },
        )["records"]
        web_read = self.as_user(self.other).web_read({"private_contact_via": {}})
        exported = self.as_user(self.other).export_data([*names, "attachment_ids/name"])["datas"]
        groups = entries.formatted_read_group(
            [("partner_id", "=", self.contact_anna.id)], ["name", "note"], ["__count"]
        )
        backend_groups = entries._read_group(
            [("partner_id", "=", self.contact_anna.id)], ["name", "contact_via"], ["__count"]
        )
        everything = repr((records, web, web_read, exported, groups, backend_groups))
        self.assertNotIn("erger", everything)
        self.assertNotIn("anna@", everything)
        self.assertNotIn("terms.txt", everything)
        self.assertIn("Private interaction", everything)

    def test_manager_exports_the_private_columns(self):
        exported = self.as_user(self.manager).export_data(
            ["name", "private_description", "private_note", "private_contact_via"]
        )["datas"]
        self.assertEqual(
            exported, [["Private interaction", SECRET, SECRET_NOTE, "anna@example.com"]]
        )

    def test_sudo_read_does_not_leak_into_the_users_cache(self):
        """The ORM cache is shared between an environment and its sudo(): a private field
        computed as superuser must not be what the user then reads."""
        as_other = self.as_user(self.other)
        self.assertFalse(as_other.sudo().private_description)
        self.assertFalse(as_other.private_description)
        self.assertEqual(as_other.sudo().name, "Private interaction")
        # The salesperson's sudo read first, then another user's read of the same record.
        self.assertEqual(self.as_user(self.user).sudo().private_description, SECRET)
        self.assertFalse(as_other.private_note)

    def test_portal_user_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.as_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.env["interaction.private.content"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.attachment.with_user(self.portal).check_access("read")

    def test_address_swap_attack(self):
        """EspoCRM: a user puts the salesperson's e-mail address and name on their own
        profile. Access goes by user, not by address: they still read nothing."""
        self.other.with_user(self.other).write({"email": self.user.email, "name": self.user.name})
        self.assertEqual(self.other.email, "ursula@example.com")
        self.assert_reads_nothing_private(self.other)
        with self.assertRaises(AccessError):
            self.as_user(self.other).private = False

    def test_who_may_make_an_entry_private(self):
        public = self.public_entry
        with self.assertRaisesRegex(AccessError, "salesperson or an Interaction Manager"):
            self.as_user(self.other, public).private = True
        with self.assertRaises(AccessError):
            self.as_user(self.other).private = False
        with self.assertRaises(AccessError):
            self.as_user(self.other).note = "overwritten"
        with self.assertRaises(AccessError):
            self.as_user(self.other).private_note = "overwritten"
        with self.assertRaises(AccessError):
            self.env["interaction.log.entry"].with_user(self.other).create(
                {
                    "partner_id": self.lone_partner.id,
                    "template_id": self.template_call.id,
                    "user_id": self.user.id,
                    "private": True,
                }
            )
        self.assertFalse(public.private)
        self.assertEqual(self.as_user(self.user).private_description, SECRET)
        self.assertEqual(self.as_user(self.user).private_note, SECRET_NOTE)
        # The salesperson and a manager may, both ways.
        for user in (self.user, self.manager):
            with self.subTest(user=user.login):
                self.as_user(user, public).private = True
                self.assertEqual(public.name, "Private interaction")
                self.as_user(user, public).private = False
                self.assertEqual(public.name, "Public call")
        own = (
            self.env["interaction.log.entry"]
            .with_user(self.other)
            .create(
                {
                    "partner_id": self.lone_partner.id,
                    "template_id": self.template_call.id,
                    "name": "My own private call",
                    "private": True,
                }
            )
        )
        self.assertEqual(own.private_description, "My own private call")
        self.assertFalse(self.as_user(self.user, own).private_description)

    def test_private_content_cannot_be_moved_to_another_entry(self):
        content = self.env["interaction.private.content"].with_user(self.user).search([])
        self.assertEqual(content.entry_id, self.entry)
        for vals in ({"entry_id": self.public_entry.id}, {"contact_via": "forged@example.com"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                content.write(vals)
        with self.assertRaises(AccessError):
            content.create({"entry_id": self.public_entry.id, "name": "forged"})
        content.note = "Written by the salesperson"
        self.assertEqual(self.as_user(self.manager).private_note, "Written by the salesperson")

    def test_a_private_draft_cannot_be_taken_over(self):
        draft = self.log(self.lone_partner, name="Draft", user_id=self.user.id, postponed=True)
        self.as_user(self.user, draft).private = True
        with self.assertRaises(AccessError):
            self.as_user(self.other, draft).user_id = self.other
        self.assertFalse(self.as_user(self.other, draft).private_description)
        self.as_user(self.user, draft).private_description = "Draft, reworded"
        self.assertEqual(self.as_user(self.manager, draft).private_description, "Draft, reworded")

    def test_the_form_keeps_the_note_while_an_entry_is_made_private(self):
        """Ticked in the form, before the save: the note's editor shows the note (it
        vanished until the save), a note typed then is sealed with the rest, and only the
        salesperson or a manager may tick it (walkthrough)."""
        entry = self.as_user(self.user, self.public_entry)
        entry.note = "Before"
        form = Form(entry)
        self.assertTrue(form.private_editable)
        form.private = True
        self.assertTrue(form.private_readable)
        self.assertEqual(form.private_note, "Before")
        form.private_note = "Typed before the first save"
        form.save()
        self.assertEqual(
            (entry.private_description, entry.private_note),
            ("Public call", "Typed before the first save"),
        )
        self.assertEqual(self.as_user(self.other, self.public_entry).name, "Private interaction")
        self.assertFalse(self.as_user(self.other, self.public_entry).note)
        self.assertFalse(self.as_user(self.other).private_editable)
        self.assertTrue(self.as_user(self.manager).private_editable)

    def test_making_public_again_restores_everything(self):
        self.as_user(self.user).private_note = "A note written while private"
        self.as_user(self.manager).private = False
        entry = self.as_user(self.other)
        self.assertEqual(
            (entry.name, entry.note, entry.contact_via, entry.attachment_ids),
            (SECRET, "A note written while private", "anna@example.com", self.attachment),
        )
        self.assertEqual(self.attachment.with_user(self.other).raw, SECRET_FILE)
        self.assertFalse(self.env["interaction.private.content"].sudo().search([]))

    def test_statistics_count_private_entries_as_before(self):
        def statistics():
            self.env.invalidate_all()
            partner = self.contact_anna.with_user(self.other)
            return (
                partner.interaction_count,
                partner.interaction_cost,
                partner.interaction_duration,
                self.env["interaction.log.entry"]
                .with_user(self.other)
                ._statistics_by("partner_id", self.contact_anna),
            )

        with_private = statistics()
        self.assertEqual(with_private[0], 2)
        self.as_user(self.user).private = False
        self.assertEqual(statistics(), with_private)

    def test_log_interaction_wizard_makes_private_entries(self):
        upload = (
            self.env["ir.attachment"]
            .with_user(self.user)
            .create({"name": "upload.txt", "datas": base64.b64encode(b"private upload")})
        )
        wizard_model = self.env["interaction.log.wizard"].with_user(self.user)
        with Form(
            wizard_model.with_context(active_model="res.partner", active_ids=[self.lone_partner.id])
        ) as form:
            form.template_id = self.template_call
            form.name = "Private wizard call"
            form.note = "Secret wizard note"
            form.private = True
        wizard = form.save()
        wizard.attachment_ids = [Command.set(upload.ids)]
        wizard.action_log()
        entry = self.env["interaction.log.entry"].search(
            [("partner_id", "=", self.lone_partner.id)]
        )
        self.assertTrue(entry.private)
        self.assertEqual(entry.name, "Private interaction")
        self.assertEqual(self.as_user(self.user, entry).private_note, "Secret wizard note")
        self.assertEqual(self.as_user(self.user, entry).private_attachment_ids, upload)
        self.assertFalse(self.as_user(self.other, entry).private_attachment_ids)
        with self.assertRaises(AccessError):
            upload.with_user(self.other).check_access("read")

    def test_data_subject_export_includes_private_content(self):
        """The export is an Interaction Manager's action: everything about the contact."""
        partner = self.contact_anna.with_user(self.manager)
        archive = zipfile.ZipFile(io.BytesIO(b"".join(partner._interaction_export_chunks())))
        csv_text = archive.read("interactions.csv").decode("utf-8-sig")
        self.assertIn(SECRET, csv_text)
        self.assertIn(SECRET_NOTE, csv_text)
        self.assertIn(
            f"attachments/{self.entry.id}/{self.attachment.id}-terms.txt", archive.namelist()
        )

    def test_anonymising_removes_the_private_content(self):
        self.contact_anna.with_user(self.manager).action_anonymise_interactions()
        self.assertFalse(self.entry.private)
        self.assertEqual(self.entry.name, "Outgoing test call")
        self.assertFalse(self.env["interaction.private.content"].sudo().search([]))
        self.assertFalse(self.attachment.exists())

    def test_purge_deletes_the_private_files(self):
        self.entry.action_cancel()
        self.env["interaction.log.entry"]._delete_batch([("id", "=", self.entry.id)], 10)
        self.assertFalse(self.entry.exists())
        self.assertFalse(self.attachment.exists())
        self.assertFalse(self.env["interaction.private.content"].sudo().search([]))

    def test_contact_chatter_shows_nothing_private(self):
        self.as_user(self.user, self.public_entry).private = True
        bodies = self.contact_anna.with_user(self.other).message_ids.mapped("body")
        self.assertNotIn("erger", repr(bodies))
        self.assertNotIn("Public call", repr(bodies))


@tagged("post_install", "-at_install")
class TestPrivateEntriesInFrench(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )
        cls.user.lang = "fr_FR"

    def test_private_strings_come_out_in_french(self):
        # In a request the context carries the user's language; here it is set by hand.
        entries = self.env["interaction.log.entry"].with_user(self.user).with_context(lang="fr_FR")
        entry = entries.create(
            {
                "partner_id": self.lone_partner.id,
                "template_id": self.template_call.id,
                "name": "Appel confidentiel",
                "private": True,
            }
        )
        self.assertEqual(entry.name, "Interaction privée")
        self.assertEqual(entry.private_description, "Appel confidentiel")
        with self.assertRaisesRegex(AccessError, "Seul le vendeur de l'interaction"):
            entries.browse(self.log(self.lone_partner, user_id=self.manager.id).id).private = True
        env_fr = self.env(user=self.user, context={"lang": "fr_FR"})
        arch = env_fr["interaction.log.entry"].get_view(view_type="form")["arch"]
        self.assertIn("Privé", arch)
        self.assertEqual(
            env_fr["ir.model"]._get("interaction.private.content").name,
            "Contenu d'une interaction privée",
        )
