from . import crm_lead
from . import interaction_log_entry
