from odoo.tests import Form, tagged

from .common import InteractionLogCommon


@tagged("post_install", "-at_install")
class TestTemplateDescription(InteractionLogCommon):
    """Choosing a template fills the description only while it is empty or still a
    template's name, in all four models that copy a template's values."""

    def check(self, form, name_field):
        form.template_id = self.template_call
        self.assertEqual(form[name_field], "Outgoing test call", "an empty description is filled")
        form.template_id = self.template_incoming
        self.assertEqual(
            form[name_field], "Incoming test call", "the previous template's name follows"
        )
        form[name_field] = "Discussed the spring catalogue"
        form.template_id = self.template_call
        self.assertEqual(form[name_field], "Discussed the spring catalogue", "a typed one is kept")
        self.assertEqual(form.duration, 15, "the other values still follow the template")

    def test_wizard(self):
        form = Form(self.env["interaction.log.wizard"])
        form.partner_ids.add(self.lone_partner)
        self.check(form, "name")
        wizard = form.save()
        wizard.action_log()
        entry = self.env["interaction.log.entry"].search(
            [("partner_id", "=", self.lone_partner.id)]
        )
        self.assertEqual(entry.name, "Discussed the spring catalogue")

    def test_entry_form(self):
        form = Form(self.env["interaction.log.entry"])
        form.partner_id = self.lone_partner
        self.check(form, "name")
        self.assertEqual(form.save().name, "Discussed the spring catalogue")

    def test_segment_and_its_lines(self):
        form = Form(self.env["interaction.segment"])
        form.name = "Spring"
        self.check(form, "interaction_name")
        segment = form.save()
        segment._add_partners(self.lone_partner)
        with Form(segment) as segment_form, segment_form.line_ids.edit(0) as line:
            line.name = "Own words"
            line.template_id = self.template_incoming
            self.assertEqual(line.name, "Own words")
        self.assertEqual(segment.line_ids.name, "Own words")
