from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.interaction_log.tests.common import ReportDownloadMixin


@tagged("post_install", "-at_install")
class TestDeclaredKind(ReportDownloadMixin, HttpCase):
    """A kind declared by this addon alone (one record and the mixin) is logged, set up and
    shown like the core's own kinds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company._interaction_fill_template_setup()
        cls.issuer = new_test_user(cls.env, login="il_issuer", name="Ivo Issuer")
        cls.holder, cls.other_holder = cls.env["res.partner"].create(
            [{"name": "Hanna Holder"}, {"name": "Otto Holder"}]
        )
        cls.certificates = cls.env["interaction.test.certificate"].create(
            [
                {"name": "CERT-1", "holder_id": cls.holder.id, "issuer_id": cls.issuer.id},
                {"name": "CERT-2", "holder_id": cls.other_holder.id, "issuer_id": cls.issuer.id},
            ]
        )
        cls.entries = cls.env["interaction.log.entry"]

    def setUp(self):
        super().setUp()
        self.authenticate(self.issuer.login, self.issuer.login)

    def test_printing_issued_certificates_logs_them(self):
        self.certificates.state = "issued"
        response = self.download_report(
            "interaction_log_test_kind.report_certificate", self.certificates
        )
        self.assertEqual(response.status_code, 200)
        letter = self.env.ref("interaction_log.interaction_template_letter")
        self.assertRecordValues(
            self.entries_of(self.certificates),
            [
                {
                    "partner_id": holder.id,
                    "template_id": letter.id,
                    "document_type": "test_certificate",
                    "name": f"Certificate {certificate.name}",
                    "user_id": self.issuer.id,
                    "correspondence_type": "paper",
                    "version_no": 1,
                }
                for certificate, holder in zip(
                    self.certificates, self.holder | self.other_holder, strict=True
                )
            ],
        )
        self.assertEqual(self.certificates[0].interaction_count, 1)

    def test_the_domain_and_the_reports_decide(self):
        draft, issued = self.certificates
        issued.state = "issued"
        self.download_report("interaction_log_test_kind.report_certificate", draft)
        self.download_report("interaction_log_test_kind.report_certificate_label", issued)
        self.assertFalse(self.entries_of(self.certificates))

    def test_the_kind_has_its_setup_line_and_its_label(self):
        settings = Form(self.env["res.config.settings"]).save()
        line = settings.interaction_setup_inventory_ids.filtered(
            lambda line: line.kind_id.code == "test_certificate"
        )
        self.assertEqual(line.template_id.code, "LETTER")
        company = self.env["res.company"].create({"name": "Certified Ltd"})
        self.assertEqual(
            company._interaction_document_setup("test_certificate").template_id.code, "LETTER"
        )
        self.assertIn(
            ("test_certificate", "Certificate"),
            self.entries._fields["document_type"]._description_selection(self.env),
        )

    def test_no_setup_no_entry(self):
        self.company._interaction_document_setup("test_certificate").template_id = False
        self.certificates.state = "issued"
        response = self.download_report(
            "interaction_log_test_kind.report_certificate", self.certificates
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.entries_of(self.certificates))
