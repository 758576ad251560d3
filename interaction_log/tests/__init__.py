from . import test_cancel_and_purge
from . import test_interaction_log_entry
from . import test_interaction_template
from . import test_partner_statistics
from . import test_translation
from . import test_ui
