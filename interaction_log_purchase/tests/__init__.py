from . import test_purchase_print_logging
from . import test_purchase_email_logging
