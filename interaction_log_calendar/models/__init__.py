from . import calendar_event
from . import interaction_log_entry
from . import mail_activity
