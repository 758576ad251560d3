from . import interaction_log_wizard
