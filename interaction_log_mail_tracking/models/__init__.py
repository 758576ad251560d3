from . import interaction_log_entry
from . import mail_tracking_email
