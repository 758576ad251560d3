from . import controllers
from . import models
from . import wizard
from .models.interaction_log_summary import DROP


def uninstall_hook(env):
    """The summary's triggers and function live outside the ORM's tables: drop them with it."""
    env.cr.execute(DROP)
