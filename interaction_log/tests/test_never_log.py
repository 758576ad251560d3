from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .test_automatic_logging import INCOMING_EMAIL, AutomaticLoggingCommon


@tagged("post_install", "-at_install")
class TestNeverLog(AutomaticLoggingCommon):
    """Never-log rules and lists on every automatic path: a matching party gets no entry,
    the other parties of the same e-mail still do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interaction_manager = new_test_user(
            cls.env,
            login="never_log_manager",
            groups="base.group_user,interaction_log.group_interaction_manager",
        )
        cls.interaction_user = new_test_user(
            cls.env, login="never_log_user", groups="base.group_user"
        )
        cls.partner_a.email = "Treasurer@Bank.Example"
        cls.rules = cls.env["interaction.never.log.rule"].with_user(cls.interaction_manager)
        cls.rule = cls.rules.create(
            {"kind": "domain", "value": " Bank.Example ", "note": "Our bank: private finance"}
        )

    def entries_on(self, partner):
        return self.entries.sudo().search([("partner_id", "=", partner.id)])

    def post_email(self, record, partners, user=None):
        return record.with_user(user or self.env.user).message_post(
            body="Planning",
            subject="Planning",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=partners.ids,
        )

    # The rules ------------------------------------------------------------------------

    def test_values_are_normalised(self):
        self.assertEqual(self.rule.value, "@bank.example")
        rule = self.rules.create({"kind": "email", "value": "  Ceo@Example.COM "})
        self.assertEqual(rule.value, "ceo@example.com")
        rule.write({"kind": "pattern", "value": "NoReply*@*.Example"})
        self.assertEqual(rule.value, "noreply*@*.example")

    def test_bad_values_are_refused_with_what_to_write(self):
        cases = [
            ("email", "not an address", "is not an e-mail address"),
            # email_normalize() keeps it: saved, it matched no address at all.
            ("email", "@bank.example", "is a domain, not an e-mail address"),
            ("domain", "@bank", "is not a domain"),
            ("domain", "a@bank.example", "is not a domain"),
            ("pattern", "*@*", "give at least part of the domain"),
            ("pattern", "[a-z]*@bank.example", "is not a valid pattern"),
            ("pattern", "bank.example", "is not a valid pattern"),
        ]
        for kind, value, message in cases:
            with (
                self.subTest(kind=kind, value=value),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self.rules.create({"kind": kind, "value": value})

    def test_domain_and_pattern_matching(self):
        self.rules.create({"kind": "pattern", "value": "*@*.broker.example"})
        self.rules.create({"kind": "pattern", "value": "hr-?@example.org"})
        self.rules.create({"kind": "email", "value": "doctor@clinic.example"})
        matcher = self.rules._never_log_matcher(self.company.id)
        expected = {
            "treasurer@bank.example": True,
            "x@mail.bank.example": False,  # a domain is not its subdomains
            "x@notbank.example": False,
            "x@desk.broker.example": True,
            "x@broker.example": False,
            "hr-1@example.org": True,
            "hr-12@example.org": False,
            "doctor@clinic.example": True,
            "nurse@clinic.example": False,
        }
        for address, matched in expected.items():
            with self.subTest(address=address):
                self.assertEqual(matcher.matches(address), matched)

    def test_archived_rules_and_rules_of_another_company_do_not_apply(self):
        other_company = self.env["res.company"].create({"name": "Other never-log company"})
        self.env["interaction.never.log.rule"].sudo().create(
            {"kind": "email", "value": self.partner_b.email, "company_id": other_company.id}
        )
        self.rule.active = False
        self.post_email(self.create_order(), self.partner_a | self.partner_b)
        self.assertEqual(len(self.entries_on(self.partner_a)), 1)
        self.assertEqual(len(self.entries_on(self.partner_b)), 1)

    # The paths -----------------------------------------------------------------------

    def test_chatter_email_logs_only_the_other_recipient(self):
        order = self.create_order()
        self.post_email(order, self.partner_a | self.partner_b)
        self.assertFalse(self.entries_on(self.partner_a))
        self.assertEqual(self.entries_on(self.partner_b).res_id, order.id)

    def test_send_wizard_email_is_not_logged(self):
        order = self.create_order()
        action = order.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertTrue(order.message_ids.filtered(lambda m: m.message_type == "comment"))
        self.assertFalse(self.entries_on(self.partner_a))
        order_b = self.create_order(partner=self.partner_b)
        action = order_b.action_quotation_send()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(self.entries_on(self.partner_b).res_id, order_b.id)

    def test_printed_documents_are_not_logged_either(self):
        """A rule names a party kept out of the log, whatever the channel."""
        self.entries._log_document_event(self.create_order(), "print")
        self.assertFalse(self.entries_on(self.partner_a))
        order_b = self.create_order(partner=self.partner_b)
        self.entries._log_document_event(order_b, "print")
        self.assertEqual(self.entries_on(self.partner_b).res_id, order_b.id)

    def test_incoming_email_through_the_gateway_is_not_logged(self):
        # The gateway runs in the main company: the contacts' own company decides.
        (self.partner_a | self.partner_b).company_id = self.company
        for partner in (self.partner_a, self.partner_b):
            raw = INCOMING_EMAIL.format(
                email=partner.email,
                name=partner.name,
                subject="Statement",
                message_id=f"<never-log-{partner.id}@example.com>",
            )
            with mute_logger("odoo.addons.mail.models.mail_thread"):
                self.env["mail.thread"].message_process("res.partner", raw, thread_id=partner.id)
        self.assertFalse(self.entries_on(self.partner_a))
        self.assertEqual(self.entries_on(self.partner_b).information_flow, "inbound")

    def test_done_activity_is_not_logged(self):
        for partner in (self.partner_a, self.partner_b):
            partner.activity_schedule(
                "mail.mail_activity_data_call",
                summary=f"Call {partner.name}",
                user_id=self.env.user.id,
            ).action_feedback(feedback="Talked")
        self.assertFalse(self.entries_on(self.partner_a))
        self.assertEqual(self.entries_on(self.partner_b).name, f"Call {self.partner_b.name}")

    def test_the_address_used_matches_too(self):
        """An entry whose address used matches is skipped even when the contact's own
        address does not (the contact was written to at another address)."""
        vals = {
            "partner_id": self.partner_b.id,
            "template_id": self.company.interaction_template_email_id.id,
            "company_id": self.company.id,
            "correspondence_type": "email",
            "contact_via": "Someone <someone@BANK.example>",
        }
        self.assertFalse(self.entries._create_logged_entries([vals]))
        self.assertTrue(self.entries._create_logged_entries([{**vals, "contact_via": False}]))

    # My never-log list ---------------------------------------------------------------

    def test_my_list_applies_to_what_i_send_only(self):
        sender = new_test_user(
            self.env,
            login="never_log_sender",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        sender.with_user(sender).write(
            {"interaction_never_log_addresses": "Partner_B@example.com, friend@example.org"}
        )
        self.assertEqual(
            sender.sudo().interaction_never_log_addresses,
            "friend@example.org\npartner_b@example.com",
        )
        partner_c = self.env["res.partner"].create(
            {"name": "Partner C", "email": "partner_c@example.com"}
        )
        self.post_email(partner_c, self.partner_b | partner_c, user=sender)
        self.assertFalse(self.entries_on(self.partner_b), "in the sender's list")
        self.assertEqual(len(self.entries_on(partner_c)), 1, "the other recipient is logged")
        self.post_email(partner_c, self.partner_b, user=self.env.user)
        self.assertEqual(len(self.entries_on(self.partner_b)), 1, "another user's e-mail is logged")

    def test_my_list_applies_to_what_i_receive(self):
        """An inbound e-mail is its contact's salesperson's: their list applies."""
        self.partner_b.user_id = self.interaction_user
        self.interaction_user.with_user(
            self.interaction_user
        ).interaction_never_log_addresses = self.partner_b.email
        raw = INCOMING_EMAIL.format(
            email=self.partner_b.email,
            name=self.partner_b.name,
            subject="Private",
            message_id="<never-log-inbound@example.com>",
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process("res.partner", raw, thread_id=self.partner_b.id)
        self.assertFalse(self.entries_on(self.partner_b))

    def test_a_domain_typed_as_an_address_becomes_a_domain_rule(self):
        """The form opens on E-mail Address; typing a domain there switches the kind, and
        the rule then leaves the domain's addresses out (walkthrough: it was saved as an
        address rule that matched nothing, and the bank's e-mails were logged)."""
        self.rule.unlink()
        form = Form(self.rules)
        self.assertEqual(form.kind, "email")
        form.value = "@Bank.Example"
        self.assertEqual(form.kind, "domain")
        rule = form.save()
        self.assertEqual((rule.kind, rule.value), ("domain", "@bank.example"))
        self.post_email(self.create_order(), self.partner_a | self.partner_b)
        self.assertFalse(self.entries_on(self.partner_a))
        self.assertTrue(self.entries_on(self.partner_b))

    def test_a_domain_in_my_list_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "@Club.Example in your never-log list is a domain"
        ):
            self.interaction_user.with_user(self.interaction_user).write(
                {"interaction_never_log_addresses": "ok@example.com\n@Club.Example"}
            )

    def test_a_bad_address_in_my_list_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not-an-address.*is not an e-mail address"):
            self.interaction_user.with_user(self.interaction_user).write(
                {"interaction_never_log_addresses": "ok@example.com\nnot-an-address"}
            )

    def test_the_preferences_form_edits_my_list(self):
        form = Form(
            self.interaction_user.with_user(self.interaction_user),
            view="base.view_users_form_simple_modif",
        )
        form.interaction_never_log_addresses = "Friend@Example.org"
        form.save()
        self.assertEqual(
            self.interaction_user.sudo().interaction_never_log_addresses, "friend@example.org"
        )

    def test_another_users_list_cannot_be_read_or_written(self):
        self.interaction_user.sudo().interaction_never_log_addresses = "friend@example.org"
        other = self.interaction_user.with_user(self.interaction_manager)
        with self.assertRaises(AccessError):
            other.read(["interaction_never_log_addresses"])
        with self.assertRaises(AccessError):
            other.write({"interaction_never_log_addresses": "x@example.org"})
        self.assertEqual(
            self.interaction_user.sudo().interaction_never_log_addresses, "friend@example.org"
        )

    # Cost ----------------------------------------------------------------------------

    def test_the_rules_cost_no_query_once_cached(self):
        vals = {
            "partner_id": self.partner_b.id,
            "company_id": self.company.id,
            "user_id": self.env.uid,
            "contact_via": self.partner_b.email,
        }
        self.entries._never_log_split([vals])  # fills the caches
        # Read, as the e-mail path has read it before the split.
        self.assertEqual(self.partner_b.email_normalized, "partner_b@example.com")
        with self.assertQueryCount(0):
            kept, skipped = self.entries._never_log_split([vals])
        self.assertEqual((kept, skipped), ([vals], []))
        self.rule.active = False  # no rule left: the split does not even read the contacts
        self.entries._never_log_split([vals])
        self.partner_b.invalidate_recordset()
        with self.assertQueryCount(0):
            self.entries._never_log_split([vals])

    # Manual entries ------------------------------------------------------------------

    def test_the_log_interaction_wizard_warns_and_logs(self):
        wizard = Form(
            self.env["interaction.log.wizard"]
            .with_user(self.interaction_user)
            .with_context(default_partner_ids=(self.partner_a | self.partner_b).ids)
        )
        wizard.template_id = self.env.ref("interaction_log.interaction_template_phone_out")
        self.assertIn(self.partner_a.name, wizard.never_log_warning)
        self.assertNotIn(self.partner_b.name, wizard.never_log_warning)
        wizard.save().action_log()
        self.assertEqual(len(self.entries_on(self.partner_a)), 1, "the user's own decision")

    # Apply to History ----------------------------------------------------------------

    def history_wizard(self, user=None):
        action = self.rule.with_user(user or self.interaction_manager).action_apply_to_history()
        return Form(
            self.env[action["res_model"]]
            .with_user(user or self.interaction_manager)
            .with_context(**action["context"])
        )

    def old_entries(self):
        """Entries logged before the rule: a chatter e-mail to both partners."""
        self.rule.active = False
        self.post_email(self.create_order(), self.partner_a | self.partner_b)
        self.rule.active = True
        return self.entries_on(self.partner_a), self.entries_on(self.partner_b)

    def test_a_rule_added_later_changes_nothing_by_itself(self):
        old_a, _old_b = self.old_entries()
        self.assertEqual(len(old_a), 1)
        self.assertEqual(self.entries_on(self.partner_a), old_a)

    def test_apply_to_history_anonymises(self):
        old_a, old_b = self.old_entries()
        wizard = self.history_wizard()
        self.assertEqual(wizard.match_count, 1)
        wizard.history_action = "anonymise"
        wizard.save().action_apply()
        anonymous = self.env["res.partner"]._interaction_anonymous_partner(self.company)
        self.assertRecordValues(
            old_a, [{"partner_id": anonymous.id, "contact_via": False, "message_id": False}]
        )
        self.assertEqual(self.entries_on(self.partner_b), old_b, "other parties untouched")
        self.assertIn("1 interactions anonymised", self.rule.message_ids[0].body)
        self.assertEqual(self.history_wizard().match_count, 0)

    def test_apply_to_history_deletes(self):
        old_a, old_b = self.old_entries()
        wizard = self.history_wizard()
        wizard.history_action = "delete"
        wizard.save().action_apply()
        self.assertFalse(old_a.exists())
        self.assertTrue(old_b.exists())
        self.assertIn("1 interactions deleted", self.rule.message_ids[0].body)

    def test_apply_to_history_touches_the_rules_company_only(self):
        other_company = self.env["res.company"].create({"name": "Other history company"})
        elsewhere = self.entries.sudo().create(
            {
                "partner_id": self.partner_a.id,
                "template_id": self.env.ref("interaction_log.interaction_template_phone_out").id,
                "company_id": other_company.id,
            }
        )
        old_a = self.old_entries()[0] - elsewhere
        wizard = self.history_wizard()
        self.assertEqual(wizard.match_count, 1)
        wizard.history_action = "delete"
        wizard.save().action_apply()
        self.assertFalse(old_a.exists())
        self.assertTrue(elsewhere.exists(), "another company's entry is not this rule's")

    def test_apply_to_history_is_for_managers_only(self):
        self.old_entries()
        with self.assertRaises(AccessError):
            self.history_wizard(user=self.interaction_user)
        with self.assertRaises(AccessError):
            self.env["interaction.never.log.history.wizard"].with_user(
                self.interaction_user
            ).create({"rule_id": self.rule.id, "history_action": "delete"})
        self.assertEqual(len(self.entries_on(self.partner_a)), 1)


@tagged("post_install", "-at_install")
class TestNeverLogFrench(AutomaticLoggingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["interaction_log"], ["fr_FR"], overwrite=True
        )

    def test_messages_and_labels_are_in_french(self):
        rules = self.env["interaction.never.log.rule"].sudo().with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "n'est pas un domaine"):
            rules.create({"kind": "domain", "value": "bank"})
        labels = dict(rules._fields["kind"]._description_selection(rules.env))
        self.assertEqual(labels["domain"], "Domaine")
        reasons = dict(
            self.env["interaction.mailbox.message"]
            .with_context(lang="fr_FR")
            ._fields["skip_reason"]
            ._description_selection(rules.env)
        )
        self.assertIn("Règle", reasons["never_log"])
