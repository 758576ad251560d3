from . import test_meeting_logging
from . import test_never_log_meetings
