from odoo import api, models

from odoo.addons.interaction_log.models.interaction_log_entry import (
    DELIVERY_FIELDS,
    UNDELIVERED,
)

# mail_tracking's state -> delivery status. An opened (or clicked) e-mail, and one the
# recipient unsubscribed from, reached them: delivered. 'deferred' and 'soft-bounced' are
# temporary (the servers try again), so they change nothing.
TRACKING_DELIVERY = {
    "sent": "sent",
    "delivered": "delivered",
    "opened": "delivered",
    "unsub": "delivered",
    "bounced": "bounced",
    "rejected": "failed",
    "spam": "failed",
    "error": "failed",
}
# A late "sent" (the tracking's own SMTP event) says less than what the entry already knows.
KNOWN_BEYOND_SENT = ("delivered", "bounced", "failed")


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    @api.model
    def _sync_tracking_delivery_status(self, trackings):
        """Bring the delivery status of the e-mail entries in line with mail_tracking's
        ``mail.tracking.email`` states, matched as the core matches Odoo's notifications: on
        the e-mail's Message-Id and the recipient. One search and one write per status,
        whatever the number of trackings."""
        trackings = trackings.sudo().filtered(
            lambda tracking: tracking.state in TRACKING_DELIVERY
            and tracking.partner_id
            and tracking.mail_message_id.message_id
        )
        if not trackings:
            return
        by_key = {
            (tracking.mail_message_id.message_id, tracking.partner_id.id): tracking
            for tracking in trackings
        }
        entries = self.sudo().search_fetch(
            [
                ("message_id", "in", list({key[0] for key in by_key})),
                ("partner_id", "in", list({key[1] for key in by_key})),
                ("information_flow", "=", "outbound"),
            ],
            ["message_id", "partner_id", *DELIVERY_FIELDS],
        )
        state_labels = dict(trackings._fields["state"]._description_selection(self.env))
        changes = {}
        for entry in entries:
            tracking = by_key.get((entry.message_id, entry.partner_id.id))
            if not tracking:
                continue
            status = TRACKING_DELIVERY[tracking.state]
            if status == "sent" and entry.delivery_status in KNOWN_BEYOND_SENT:
                continue
            reason = False
            if status in UNDELIVERED:
                details = (
                    tracking.bounce_description
                    or tracking.error_description
                    or tracking.bounce_type
                    or tracking.error_type
                    or ""
                ).strip()[:500]
                reason = ": ".join(filter(None, (state_labels.get(tracking.state), details)))
            changes[entry.id] = (
                tuple(entry[name] for name in DELIVERY_FIELDS),
                (status, reason),
            )
        self._write_delivery_status(changes)
