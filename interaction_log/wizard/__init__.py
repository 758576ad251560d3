from . import interaction_delete_canceled_wizard
from . import interaction_log_wizard
from . import interaction_segment_criteria_wizard
from . import interaction_segment_reuse_wizard
from . import interaction_retention_wizard
from . import interaction_evaluate_wizard
from . import base_partner_merge_automatic_wizard
from . import mail_compose_message
