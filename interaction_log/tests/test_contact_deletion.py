from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestContactDeletion(InteractionLogCommon):
    def test_a_contact_with_interactions_is_archived_not_deleted(self):
        self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "archive the contact instead"):
            self.lone_partner.unlink()
        self.assertTrue(self.lone_partner.exists())
        self.lone_partner.action_archive()
        self.assertFalse(self.lone_partner.active)

    def test_a_contact_without_interactions_can_be_deleted(self):
        contact = self.env["res.partner"].create({"name": "Never contacted"})
        contact.unlink()
        self.assertFalse(contact.exists())

    def test_manager_erases_a_contact_history(self):
        entries = self.log(self.lone_partner) | self.log(self.lone_partner, postponed=True)
        self.log(self.lone_partner).action_cancel()
        kept = self.log(self.contact_anna)
        action = self.lone_partner.with_user(self.manager).action_erase_interactions()
        self.assertIn("3 interactions erased", action["params"]["message"])
        self.assertFalse(entries.exists())
        self.assertTrue(kept.exists(), "other contacts keep theirs")
        self.lone_partner.unlink()
        self.assertFalse(self.lone_partner.exists())

    def test_users_cannot_erase(self):
        entry = self.log(self.lone_partner)
        with self.assertRaisesRegex(UserError, "Only Interaction Managers"):
            self.lone_partner.with_user(self.user).action_erase_interactions()
        self.assertTrue(entry.exists())
