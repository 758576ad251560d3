from odoo import api, models


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    @api.model
    def _log_meetings(self, events):
        """Log that the calendar meetings ``events`` were held: one entry per external
        attendee who did not decline, with the Meetings template of their company, and mark
        the meetings logged, in the same savepoint (a meeting whose logging failed is tried
        again by the next run). Batch: a constant number of queries for any number of
        meetings."""
        return self._log_safely(f"the meetings {events.ids}", self._create_meeting_entries, events)

    @api.model
    def _create_meeting_entries(self, events):
        events = events.sudo()
        vals_list = []
        for event in events:
            for attendee in event.attendee_ids:
                if attendee.state == "declined":
                    continue
                partner = self._interaction_contact_of(attendee.partner_id)
                if not partner:
                    continue
                organiser = event.user_id
                company = partner.company_id or organiser.company_id or self.env.company
                template = company.interaction_template_meeting_id
                if not template or not self._loggable_in(company, template, partner):
                    continue
                vals_list.append(
                    {
                        "partner_id": partner.id,
                        "template_id": template.id,
                        "company_id": company.id,
                        "name": event.name,
                        "date": event.start,
                        "duration": round(event.duration * 60),
                        "user_id": organiser.id,
                        "res_model": event._name,
                        "res_id": event.id,
                        "document_name": event.name,
                        **self._interaction_record_values(event),
                    }
                )
        entries = self._create_logged_entries(vals_list)
        events.interaction_logged = True
        return entries
