# The mixins first: the models below inherit from them.
from . import interaction_statistics_mixin
from . import interaction_document_mixin
from . import interaction_group
from . import interaction_template
from . import interaction_log_entry
from . import interaction_logged_segment
from . import interaction_segment
from . import interaction_segment_line
from . import interaction_segment_criterion
from . import interaction_segment_criteria
from . import res_company
from . import res_config_settings
from . import res_partner
from . import mail_thread
from . import sale_order
from . import account_move
from . import account_move_send
