from . import controllers
from . import models
from . import wizard
from .models.interaction_log_contact_summary import DROP as DROP_CONTACT_SUMMARY
from .models.interaction_log_summary import DROP


def uninstall_hook(env):
    """The summaries' triggers and functions live outside the ORM's tables: drop them with it."""
    env.cr.execute(DROP)
    env.cr.execute(DROP_CONTACT_SUMMARY)
