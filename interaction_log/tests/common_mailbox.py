from pathlib import Path

from odoo.tests import TransactionCase, new_test_user

DATA = Path(__file__).parent / "data"


class MailboxCommon(TransactionCase):
    """The logging address interactions@logging.example turned on for the company, two
    internal users of ourcompany.example and three contacts of customer.example, built once
    per test class. The raw messages of tests/data/ are written for these addresses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.alias_domain = cls.env["mail.alias.domain"].search(
            [("name", "=", "logging.example")]
        ) or cls.env["mail.alias.domain"].create({"name": "logging.example"})
        cls.company.alias_domain_id = cls.alias_domain
        cls.company._interaction_fill_template_setup()
        cls.company.write(
            {"interaction_email_logging": True, "interaction_email_alias_name": "interactions"}
        )
        cls.template = cls.company.interaction_template_email_id
        cls.sam = new_test_user(
            cls.env,
            login="sam_sales",
            name="Sam Sales",
            email="Sam.Sales@ourcompany.example",
            groups="base.group_user",
            tz="Europe/Brussels",
        )
        cls.olga = new_test_user(
            cls.env,
            login="olga_office",
            name="Olga Office",
            email="olga.office@ourcompany.example",
            groups="base.group_user",
        )
        cls.ada, cls.bert, cls.carla = cls.env["res.partner"].create(
            [
                {"name": "Ada Buyer", "email": "ada@customer.example", "user_id": cls.olga.id},
                {"name": "Bert Buyer", "email": "bert@customer.example"},
                {"name": "Carla Buyer", "email": "carla@customer.example"},
            ]
        )
        cls.mailbox = cls.env["interaction.mailbox.message"]

    @classmethod
    def raw(cls, name, **replacements):
        raw = (DATA / name).read_bytes()
        for old, new in replacements.items():
            raw = raw.replace(old.encode(), new.encode() if isinstance(new, str) else new)
        return raw

    def process(self, name, **replacements):
        """Give a message of tests/data/ to Odoo's mail gateway, as the mailgate script or
        the mail server's pipe does; return what the log of the logging recorded (empty when
        the gateway did not reach it)."""
        before = self.mailbox.search([], order="id desc", limit=1).id or 0
        self.env["mail.thread"].message_process(False, self.raw(name, **replacements))
        return self.mailbox.search([("id", ">", before)], order="id")

    def entries_of(self, partner):
        return self.env["interaction.log.entry"].search([("partner_id", "=", partner.id)])
