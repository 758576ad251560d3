from . import controllers
from . import models
from . import wizard
from .models.interaction_log_summary import drop_summary


def uninstall_hook(env):
    """The summaries' triggers and functions live outside the ORM's tables: drop them with it."""
    for table in ("interaction_log_summary", "interaction_log_contact_summary"):
        drop_summary(env.cr, table)
