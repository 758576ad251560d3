from . import test_meeting_logging
